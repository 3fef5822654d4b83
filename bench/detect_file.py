"""Time ``dq.detect.detect`` on the texts of one JSON Lines file (best of three, wall and CPU).

    PYTHONPATH=<tree> .venv/bin/python bench/detect_file.py texts.jsonl

For corpora of unique texts, beside bench_detect.py's copied corpus (whose
lines repeat ~18x). Run it once per tree of dq, in the same session.
"""

from __future__ import annotations

import os
import resource
import sys
import time

import polars as pl

from dq.detect import detect


def cpu() -> float:
    """CPU seconds (user + sys) of this process, all threads."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    df = pl.read_ndjson(sys.argv[1]).select("id", "text")
    mb = df["text"].str.len_bytes().sum() / 1e6
    detect(df.head(50))  # warm-up: lexicon, word sets, language model
    runs = []
    for _ in range(3):
        c0, w0 = cpu(), time.perf_counter()
        detect(df)
        runs.append((time.perf_counter() - w0, cpu() - c0))
    wall = min(w for w, _ in runs)
    used = min(c for _, c in runs)
    tree = __import__("dq").__file__.rsplit("/dq/", 1)[0]
    print(f"{tree}: {mb:.1f} MB, {df.height} records; detect() best wall {wall:.2f} s "
          f"({mb / wall:.1f} MB/s), CPU {used:.2f} s; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
