"""Where ``detect()`` spends its time: CPU per detector, and cProfile of one call.

    PYTHONPATH=. .venv/bin/python bench/profile_detect.py [--mb 40 | --unique] [--top 40]
        [--codes a,b] [--stages] [--repeats]

Builds the benchmark corpus (:func:`_corpus.build_corpus`; its records have
no ``lang``, so language identification runs) or, with ``--unique``, a
corpus where no line repeats (:func:`unique_corpus`), warms the context on
50 records (lexicon, identifier, pool), then:

* with ``--stages``: the CPU seconds (all threads of the process) of
  ``detect`` with the full registry and without each costly detector in
  turn (:data:`LEFT_OUT`), and of each family alone: the difference is
  what that detector costs. ``--repeats`` also prints how much the
  corpus's lines repeat.
* else one ``detect`` call under cProfile. Polars' work shows as time
  inside the dq function that called ``collect``, so cumulative time per
  dq function is the figure to read; the wall time of the call is printed
  first. Work on the context's pool (the custom span detectors) is not in
  the profile: ``--codes glued_words`` and ``--stages`` see it.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import json
import os
import pstats
import sys
import time
from pathlib import Path

import polars as pl

REPO = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("dq") is None:
    sys.path.insert(0, str(REPO))

from _corpus import build_corpus  # noqa: E402

from dq.detect import detect  # noqa: E402
from dq.signals.context import DetectContext  # noqa: E402
from dq.signals.registry import REGISTRY  # noqa: E402

#: Texts of :func:`unique_corpus`: the labelled dev pages (extractor outputs
#: and whole pages, 20+ languages) and the sample corpus.
UNIQUE_SOURCES = (
    *(REPO.parent / "shared" / "eval" / "dev" / f"{n}.jsonl"
      for n in ("extracted", "lines", "partial_lines")),
    REPO / "corpus" / "articles.jsonl",
)
#: Detectors timed by leaving them out (``--stages``): the costly ones.
LEFT_OUT = (
    ("glued_words",), ("chrome_line",), ("repeated_boilerplate",),
    ("glued_words", "missing_space_after_punct", "space_before_punct"),
)


def unique_corpus(paths: tuple[Path, ...] = UNIQUE_SOURCES) -> pl.DataFrame:
    """``id, text`` of every record of ``paths`` with each line kept only the first time it
    is met (stripped; records left blank are dropped): a corpus where no line repeats, so
    no per-distinct-line saving flatters it. No ``lang``: every record may be identified."""
    seen: set[str] = set()
    texts: list[str] = []
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for row in fh:
                text = json.loads(row).get("text") if row.strip() else None
                if not isinstance(text, str):
                    continue
                kept = []
                for line in text.split("\n"):
                    key = line.strip()
                    if key and key in seen:
                        continue
                    seen.add(key)
                    kept.append(line)
                if "".join(kept).strip():
                    texts.append("\n".join(kept).strip("\n"))
    if not texts:
        raise SystemExit("no source texts found: " + ", ".join(map(str, paths)))
    return pl.DataFrame({"id": [f"u{i}" for i in range(len(texts))], "text": texts})


def line_repeats(corpus: pl.DataFrame) -> str:
    """How much the lines of ``corpus`` repeat: distinct stripped non-blank lines over all."""
    lines = corpus.select(pl.col("text").str.split("\n")).explode("text").select(
        pl.col("text").str.strip_chars()).filter(pl.col("text") != "")["text"]
    distinct = lines.n_unique()
    return (f"{lines.len():,} lines, {distinct:,} distinct "
            f"({lines.len() / max(distinct, 1):.1f} occurrences per distinct line)")


def _cpu(corpus: pl.DataFrame, ctx: DetectContext, codes: list[str] | None) -> tuple[float, ...]:
    start, cpu = time.perf_counter(), time.process_time()
    found = detect(corpus, ctx=ctx, codes=codes)
    return time.process_time() - cpu, time.perf_counter() - start, found.findings.height


def stages(corpus: pl.DataFrame, ctx: DetectContext) -> None:
    """CPU and wall seconds of ``detect`` with the registry, without each of :data:`LEFT_OUT`,
    and with each family alone."""
    codes = [s.code for s in REGISTRY]
    runs: list[tuple[str, list[str] | None]] = [("full registry", None)]
    runs += [(f"without {'+'.join(out)}", [c for c in codes if c not in out])
             for out in LEFT_OUT if set(out) <= set(codes)]
    for fam in dict.fromkeys(s.family for s in REGISTRY):
        runs.append((f"family {fam} alone", [s.code for s in REGISTRY if s.family == fam]))
    full = None
    for label, chosen in runs:
        cpu, wall, found = _cpu(corpus, ctx, chosen)
        full = cpu if full is None else full
        print(f"{label:<70} {cpu:7.2f} s CPU {wall:7.2f} s wall {full - cpu:+7.2f} "
              f"{found:>9,} findings  load {os.getloadavg()[0]:.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--mb", type=float, default=40.0)
    parser.add_argument("--unique", action="store_true", help="a corpus without repeated lines")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--codes", default="", help="comma-separated codes (default: all)")
    parser.add_argument("--filter", default="dq/", help="only functions whose file matches")
    parser.add_argument("--stages", action="store_true", help="CPU per detector, no profile")
    parser.add_argument("--repeats", action="store_true", help="print how lines repeat")
    args = parser.parse_args()
    corpus = unique_corpus() if args.unique else build_corpus(args.mb)
    codes = [c for c in args.codes.split(",") if c] or None
    ctx = DetectContext()
    detect(corpus.head(50), ctx=ctx, codes=codes)
    size = corpus["text"].str.len_bytes().sum() / 1e6
    print(f"load average {os.getloadavg()[0]:.1f}; dq from "
          f"{Path(detect.__code__.co_filename).parents[1]}; {corpus.height:,} records, "
          f"{size:.1f} MB")
    if args.repeats:
        print(line_repeats(corpus))
    if args.stages:
        stages(corpus, ctx)
        return
    profile = cProfile.Profile()
    start, cpu = time.perf_counter(), time.process_time()
    profile.enable()
    detect(corpus, ctx=ctx, codes=codes)
    profile.disable()
    took = time.perf_counter() - start
    print(f"detect: {took:.2f} s wall, {time.process_time() - cpu:.2f} s CPU, "
          f"{size / took:.1f} MB/s")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.filter, args.top)


if __name__ == "__main__":
    main()
