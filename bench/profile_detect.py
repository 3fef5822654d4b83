"""Where ``detect()`` spends its time: cProfile of one call, dq's functions by cumulative time.

    PYTHONPATH=. .venv/bin/python bench/profile_detect.py [--mb 40] [--top 40] [--codes a,b]

Builds the benchmark corpus (:func:`_corpus.build_corpus`), warms the
context on 50 records (lexicon, identifier, pool), then profiles one
``detect`` call. Polars' work shows as time inside the dq function that
called ``collect``, so cumulative time per dq function is the figure to
read; the wall time of the call is printed first.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("dq") is None:
    sys.path.insert(0, str(REPO))

from _corpus import build_corpus  # noqa: E402

from dq.detect import detect  # noqa: E402
from dq.signals.context import DetectContext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--mb", type=float, default=40.0)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--codes", default="", help="comma-separated codes (default: all)")
    parser.add_argument("--filter", default="dq/", help="only functions whose file matches")
    args = parser.parse_args()
    corpus = build_corpus(args.mb)
    codes = [c for c in args.codes.split(",") if c] or None
    ctx = DetectContext()
    detect(corpus.head(50), ctx=ctx, codes=codes)
    print(f"load average {os.getloadavg()[0]:.1f}; dq from "
          f"{Path(detect.__code__.co_filename).parents[1]}")
    profile = cProfile.Profile()
    start, cpu = time.perf_counter(), time.process_time()
    profile.enable()
    detect(corpus, ctx=ctx, codes=codes)
    profile.disable()
    took = time.perf_counter() - start
    print(f"detect: {took:.2f} s wall, {time.process_time() - cpu:.2f} s CPU, "
          f"{corpus['text'].str.len_bytes().sum() / 1e6 / took:.1f} MB/s")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.filter, args.top)


if __name__ == "__main__":
    main()
