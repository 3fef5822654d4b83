"""Where a streamed ``dq scan`` spends its time: wall and process CPU per stage (issue 18).

    PYTHONPATH=. .venv/bin/python bench/scan_stages.py <shards folder> <findings.jsonl>

Wraps the stream's module-level functions (loading each batch, the corpus
pre-pass, detect(), text keys, corpus flags, the findings writer) with
timers and runs :func:`dq.scan.run_scan` with ``stream=True`` in this
process. CPU is the whole process's during the stage (Polars threads and
the side thread included), so overlapping stages overlap in these figures
too: text keys and the writer run beside detect(), and ``load batch``
counts the pre-pass's loads, which ``corpus_prepass`` also contains. The
lexicon is built before the clock starts.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dq.engine.stream as st
from dq.engine.request import StreamOptions
from dq.engine.scan import run_scan
from dq.signals.context import DetectContext

WALL: defaultdict[str, float] = defaultdict(float)
CPU: defaultdict[str, float] = defaultdict(float)


def _timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            WALL[label] += time.perf_counter() - start
            CPU[label] += time.process_time() - cpu

    return run


def _timed_batches(fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    def run(*args: Any, **kwargs: Any) -> Iterator[Any]:
        batches = fn(*args, **kwargs)
        while True:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                batch = next(batches)
            except StopIteration:
                return
            finally:
                WALL["load batch"] += time.perf_counter() - start
                CPU["load batch"] += time.process_time() - cpu
            yield batch

    return run


def main() -> None:
    folder, findings = sys.argv[1], Path(sys.argv[2])
    for name in ("detect", "corpus_prepass", "append_findings", "text_keys", "_with_corpus_flags"):
        setattr(st, name, _timed(name, getattr(st, name)))
    st.load_batches = _timed_batches(st.load_batches)  # type: ignore[assignment]
    ctx = DetectContext()
    ctx.lexicon()
    start, cpu = time.perf_counter(), time.process_time()
    run_scan([folder], ctx=ctx, stream=True, stream_options=StreamOptions(findings_path=findings))
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"total: wall {wall:.2f} s, CPU {used:.2f} s; load average {os.getloadavg()[0]:.1f}")
    for label in WALL:
        print(f"  {label:<20} wall {WALL[label]:6.2f} s  CPU {CPU[label]:6.2f} s")


if __name__ == "__main__":
    main()
