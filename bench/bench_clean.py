"""Benchmark: cleaning a ~200 MB corpus with ``dq.clean.clean_frame`` (what ``dq clean`` runs).

    PYTHONPATH=. .venv/bin/python bench/bench_clean.py [--mb 200] [--cli]

The corpus is built in memory by replicating the texts of
``../shared/eval/dev/extracted.jsonl`` and ``corpus/articles.jsonl`` (when
present) until ``--mb`` megabytes of UTF-8 text, ids made unique. Measured:

1. ``clean_frame`` end to end: every detect/fix round until the fixed point;
2. its parts on the same corpus: round-1 detection (dq's detectors, owned by
   the signal families) and dq.clean's own vectorised work (planning the
   edits from the findings frame and splicing them in);
3. with ``--cli``: ``dq clean`` on the corpus written as JSON Lines (load,
   clean, write Parquet and the diff), wall time in a fresh interpreter.

Throughput is input megabytes (10^6 bytes of UTF-8 text) per second. Not a
test: numbers depend on the machine and its load (reported below with the
figure).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from _corpus import load_texts  # noqa: E402

from dq.clean import clean_frame, fixable_codes  # noqa: E402
from dq.clean._edits import apply_edits, plan_edits  # noqa: E402
from dq.detect import detect  # noqa: E402
from dq.signals.context import DetectContext  # noqa: E402


def build_corpus(megabytes: float) -> pl.DataFrame:
    """``id, text`` rows replicated from ``_corpus.SOURCES`` up to ``megabytes`` of text."""
    base = pl.DataFrame({"text": load_texts()})
    size = int(base["text"].str.len_bytes().sum())
    copies = max(1, round(megabytes * 1e6 / size))
    return (
        pl.concat([base] * copies)
        .with_row_index("n")
        .select(pl.format("bench-{}", "n").alias("id"), "text")
    )


def mb(frame: pl.DataFrame) -> float:
    return float(frame["text"].str.len_bytes().sum()) / 1e6


def timed(label: str, size: float, fn: object) -> object:
    start = time.perf_counter()
    result = fn()  # type: ignore[operator]
    took = time.perf_counter() - start
    print(f"{label:<44} {took:8.1f} s  {size / took:7.1f} MB/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=200.0, help="corpus size in MB of text")
    parser.add_argument("--cli", action="store_true", help="also time `dq clean` end to end")
    args = parser.parse_args()

    corpus = build_corpus(args.mb)
    size = mb(corpus)
    print(f"corpus: {corpus.height:,} records, {size:.1f} MB of text; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    ctx = DetectContext()
    ctx.lexicon()  # built once, outside the timings
    result = timed("clean_frame (all rounds, end to end)", size,
                   lambda: clean_frame(corpus, ctx=ctx))
    steps = result.steps  # type: ignore[attr-defined]
    rounds = steps["round"].max() if steps.height else 0
    print(f"  {steps.height:,} steps in {rounds} round(s); "
          f"{steps['record_id'].n_unique():,} records changed, "
          f"{int(result.articles['dq_cleaned_empty'].sum())} cleaned to nothing")  # type: ignore[attr-defined]

    texts = corpus.with_row_index("rid").select("rid", "text")
    probe = corpus.with_columns(pl.int_range(pl.len()).cast(pl.String).alias("id"))
    found = timed("  round-1 detection (dq.detect, fixable codes)", size,
                  lambda: detect(probe, ctx=ctx, codes=fixable_codes()).findings)
    assert isinstance(found, pl.DataFrame)
    found = found.with_columns(pl.col("record_id").cast(pl.UInt32).alias("rid"))
    edits = timed("  round-1 plan (dq.clean, from findings)", size,
                  lambda: plan_edits(texts, found))
    assert isinstance(edits, pl.DataFrame)
    timed("  round-1 splice (dq.clean)", size, lambda: apply_edits(texts, edits))
    print(f"  round 1: {found.height:,} findings -> {edits.height:,} edits")

    if args.cli:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "corpus.jsonl"
            corpus.write_ndjson(src)
            cmd = [sys.executable, "-m", "dq.cli", "clean", str(src),
                   "--out", str(Path(tmp) / "cleaned.parquet"),
                   "--diff", str(Path(tmp) / "diff.txt")]
            env = {**os.environ, "PYTHONPATH": str(REPO)}
            start = time.perf_counter()
            subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True)
            took = time.perf_counter() - start
            print(f"{'dq clean (load, clean, Parquet, diff)':<44} {took:8.1f} s  "
                  f"{size / took:7.1f} MB/s")


if __name__ == "__main__":
    main()
