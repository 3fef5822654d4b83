"""Benchmark: detection throughput (``dq.detect.detect``) per signal family and for the registry.

    PYTHONPATH=. .venv/bin/python bench/bench_detect.py [--mb 200] [--repeat 2]
        [--families chrome,spacing] [--without chrome] [--no-full] [--no-findings]

The corpus is built in memory from the texts of
``../shared/eval/dev/extracted.jsonl`` and ``corpus/articles.jsonl``: copies
are added until ``--mb`` megabytes of UTF-8 text, each copy varied (its digits
rotated and a few common words swapped) so that no two records are
byte-identical. Measured, best of ``--repeat`` (each on the same corpus):

1. a *naive baseline*: split each text into lines, explode, lower-case
   each line, run one phrase regex per line, count per record (the shape
   of a hand-written Polars detector; every other figure is also printed
   as a multiple of its time, so runs on a loaded machine stay comparable);
2. the lines frame alone (:func:`dq.signals.frames.lines_frame`);
3. ``detect`` with each family's codes alone;
4. ``detect`` with the registry less the families of ``--without`` (what
   the rest costs: the most that making those families free could gain);
5. ``detect`` with the full registry (the default signal set).

``--unique``: the corpus is the dev pages with every line kept once
(:func:`profile_detect.unique_corpus`), so nothing gains from lines that
repeat (the copies of ``--mb`` repeat most lines; ``profile_detect.py
--repeats`` says how much).

Throughput is input megabytes (10^6 bytes of UTF-8 text) per second, plus
CPU seconds (all threads) and records per second. Peak RSS is sampled
every 5 ms while a step runs: the whole process's peak (interpreter,
libraries, the corpus itself), and the growth over the RSS before the
step, also as a multiple of the input size (the allocator may keep memory
from earlier steps, so growth is a lower bound); the product target is
>= 50 MB/s for the full registry on 2 cores with peak memory < 3x input.

Not a test: numbers depend on the machine and its load (printed with them).
To compare two trees of dq, run this script once per tree with ``PYTHONPATH``
pointing at it (the script only falls back to its own checkout when ``dq``
is not importable) and compare the ``x naive`` columns.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import polars as pl

REPO = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("dq") is None:
    sys.path.insert(0, str(REPO))

from _corpus import build_corpus  # noqa: E402  (bench/_corpus.py, shared with bench_scale.py)

from dq.detect import detect  # noqa: E402
from dq.schema import FAMILIES  # noqa: E402
from dq.signals.context import DetectContext  # noqa: E402
from dq.signals.frames import lines_frame  # noqa: E402
from dq.signals.registry import REGISTRY  # noqa: E402

#: The naive detector's phrases: whole-line chrome labels, matched on the
#: lower-cased line (what a first Polars detector looks like).
NAIVE_PHRASES = r"^\s*(?:back to top|advertisement|share this|read more|related articles)\s*$"


class PeakRss:
    """Context manager sampling this process's resident set size every few milliseconds."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.peak = 0
        self.before = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._page = os.sysconf("SC_PAGE_SIZE")

    def _rss(self) -> int:
        with Path("/proc/self/statm").open() as fh:
            return int(fh.read().split()[1]) * self._page

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            time.sleep(self.interval)

    def __enter__(self) -> PeakRss:
        self.before = self.peak = self._rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())


class Bench:
    """Times steps on one corpus and prints one row per step."""

    def __init__(self, corpus: pl.DataFrame, repeat: int) -> None:
        self.corpus = corpus
        self.size = float(corpus["text"].str.len_bytes().sum()) / 1e6
        self.repeat = repeat
        self.naive: float | None = None

    def step(self, label: str, fn: Callable[[], object]) -> float:
        """Best-of-``repeat`` wall time of ``fn``; prints MB/s, CPU s, docs/s, peak RSS, x naive.

        CPU time (all threads of the process) is the figure to compare on a
        shared machine: other processes stretch wall time, much less CPU time.
        """
        best, cpu, peak, extra = float("inf"), float("inf"), 0, 0
        for _ in range(self.repeat):
            with PeakRss() as rss:
                start, start_cpu = time.perf_counter(), time.process_time()
                fn()
                took, used = time.perf_counter() - start, time.process_time() - start_cpu
            best, cpu, peak = min(best, took), min(cpu, used), max(peak, rss.peak)
            extra = max(extra, rss.peak - rss.before)
        if self.naive is None:
            self.naive = best
        print(
            f"{label:<34} {best:8.2f} s {self.size / best:8.1f} MB/s {cpu:7.2f} s "
            f"{self.corpus.height / best:9.0f} docs/s {peak / 1e6:7.0f} MB "
            f"+{extra / 1e6:6.0f} MB ({extra / 1e6 / self.size:4.1f}x in) "
            f"{best / self.naive:7.1f}x naive",
            flush=True,
        )
        return best


def naive_baseline(corpus: pl.DataFrame) -> pl.DataFrame:
    """Split, explode, lower-case, one phrase regex per line, group by record: the reference."""
    return (
        corpus.lazy()
        .with_row_index("rid")
        .select("rid", pl.col("text").str.split("\n").alias("line"))
        .explode("line")
        .select("rid", pl.col("line").str.to_lowercase().str.contains(NAIVE_PHRASES).alias("hit"))
        .group_by("rid")
        .agg(pl.col("hit").sum())
        .collect()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--mb", type=float, default=200.0, help="corpus size in MB of text")
    parser.add_argument("--unique", action="store_true",
                        help="a corpus where no line repeats (profile_detect.unique_corpus: "
                             "the dev pages, ~6 MB) instead of --mb of varied copies")
    parser.add_argument("--repeat", type=int, default=2, help="runs per step (best is printed)")
    parser.add_argument("--families", default=",".join(FAMILIES),
                        help="comma-separated families to time alone ('' for none)")
    parser.add_argument("--without", default="",
                        help="comma-separated families: also time the registry without them")
    parser.add_argument("--no-full", action="store_true", help="skip the full registry")
    parser.add_argument("--no-findings", action="store_true",
                        help="signal table only (detect(..., findings=False))")
    args = parser.parse_args()

    if args.unique:
        from profile_detect import unique_corpus

        corpus = unique_corpus()
    else:
        corpus = build_corpus(args.mb)
    bench = Bench(corpus, args.repeat)
    print(f"corpus: {corpus.height:,} records, {bench.size:.1f} MB of text; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"polars {pl.__version__}; dq from {Path(detect.__code__.co_filename).parents[1]}")
    ctx = DetectContext()
    if any(s.family == "spacing" for s in REGISTRY):
        ctx.lexicon()  # built once, outside the timings
    findings = not args.no_findings
    print(f"{'step':<34} {'time':>10} {'MB/s':>13} {'CPU':>9} {'docs/s':>16} "
          f"{'peak RSS':>10} {'(+ during step)':>20} {'time/naive':>12}")
    bench.step("naive split-explode-regex-groupby", lambda: naive_baseline(corpus))
    records = corpus.lazy().with_row_index("rid").select("rid", "text")
    bench.step("lines frame", lambda: lines_frame(records).collect())
    for family in [f for f in args.families.split(",") if f]:
        codes = [s.code for s in REGISTRY if s.family == family]
        if not codes:
            print(f"{family}: no signals")
            continue
        bench.step(f"family {family} ({len(codes)} codes)",
                   partial(detect, corpus, ctx=ctx, codes=codes, findings=findings))
    left_out = {f for f in args.without.split(",") if f}
    if left_out:
        rest = [s.code for s in REGISTRY if s.family not in left_out]
        bench.step(f"without {','.join(sorted(left_out))} ({len(rest)} codes)",
                   partial(detect, corpus, ctx=ctx, codes=rest, findings=findings))
    if not args.no_full:
        bench.step(f"full registry ({len(REGISTRY)} codes)",
                   lambda: detect(corpus, ctx=ctx, findings=findings))
    bench.step("naive again (drift check)", lambda: naive_baseline(corpus))


if __name__ == "__main__":
    main()
