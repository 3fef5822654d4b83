"""Benchmark: detect() CPU and wall time per matcher (issue 18), one tree per run.

    PYTHONPATH=<tree> .venv/bin/python bench/bench_match.py {main,polars,hyperscan} \
        [--mb 50 | --unique] [--repeat 2]

``main``: the tree's detect() as it is (run it with ``PYTHONPATH`` at another
checkout to compare); ``polars`` / ``hyperscan``: this tree with that
matcher (:mod:`dq.engine.match`). ``--mb``: bench_detect's copied corpus;
``--unique``: the texts of ``../shared/eval/dev/*.jsonl``,
``/work/audit/data/*.jsonl`` and ``corpus/``, deduplicated (no copies: few
repeated lines). Prints the best CPU time (user+sys, all threads) of
``--repeat`` runs with its wall time, the findings and the load average:
on a shared machine CPU time is the figure to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import polars as pl

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from _corpus import build_corpus  # noqa: E402

from dq.detect import detect  # noqa: E402
from dq.signals.context import DetectContext  # noqa: E402

UNIQUE_SOURCES = (
    *sorted((BENCH.parents[1] / "shared" / "eval" / "dev").glob("*.jsonl")),
    *sorted(Path("/work/audit/data").glob("*.jsonl")),
    BENCH.parent / "corpus" / "articles.jsonl",
)


def unique_corpus() -> pl.DataFrame:
    """``id, text``: every distinct text of :data:`UNIQUE_SOURCES`."""
    texts: list[str] = []
    for path in UNIQUE_SOURCES:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") if line.strip() else None
                if isinstance(text, str):
                    texts.append(text)
    texts = list(dict.fromkeys(texts))
    return pl.DataFrame({"id": [f"u{i}" for i in range(len(texts))], "text": texts})


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("matcher", choices=["main", "polars", "hyperscan"])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--unique", action="store_true")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    corpus = unique_corpus() if args.unique else build_corpus(args.mb)
    mb = float(corpus["text"].str.len_bytes().sum()) / 1e6
    ctx = DetectContext()
    if args.matcher != "main":
        from dq.engine.match import HyperscanMatcher, PolarsMatcher, use_matcher

        use_matcher(ctx, PolarsMatcher() if args.matcher == "polars" else HyperscanMatcher())
    ctx.lexicon()
    detect(corpus.head(50), ctx=ctx)  # warm-up: lexicon joins, compiled database
    best: tuple[float, float] | None = None
    found = 0
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        found = detect(corpus, ctx=ctx).findings.height
        took = (time.perf_counter() - start, time.process_time() - cpu)
        best = took if best is None or took[1] < best[1] else best
    assert best is not None
    print(f"{args.matcher:<9} {mb:7.1f} MB {corpus.height:6d} records  wall {best[0]:6.2f} s "
          f"({mb / best[0]:5.1f} MB/s)  CPU {best[1]:6.2f} s ({mb / best[1]:5.1f} MB/CPU-s)  "
          f"findings {found}  load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
