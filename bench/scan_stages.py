"""Where a streamed ``dq scan`` spends its time: wall and process CPU per stage (issue 18).

    PYTHONPATH=. .venv/bin/python bench/scan_stages.py <shards folder> <findings.jsonl> \\
        [--serial] [--batch-size BYTES] [--signals signals.parquet]

Wraps the stream's module-level functions (loading each batch and its parts
of it, the corpus pre-pass, detect(), text keys, corpus flags, the signal
table's spill, the findings writer, the kept examples) with timers and runs
:func:`dq.engine.scan.run_scan` with ``stream=True`` in this process. CPU is
the whole process's during the stage (Polars threads and the side thread
included). By default stages overlap as they do in a scan (text keys and the
writer run beside detect()), so their CPU figures overlap too; ``--serial``
makes every timed stage wait for the others (one lock), so each stage's CPU
is its own and the stages add up to the whole (the scan is then a little
slower than a real one). Nested stages (the loader's parts inside ``load
batch``, ``load batch`` inside ``corpus_prepass`` when the pre-pass loads)
are indented. The lexicon is built before the clock starts.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dq.engine.result as res
import dq.engine.stream as st
import dq.load as ld
import dq.load._jsonl as jl
from dq.engine.request import StreamOptions
from dq.engine.scan import run_scan
from dq.signals.context import DetectContext

WALL: defaultdict[str, float] = defaultdict(float)
CPU: defaultdict[str, float] = defaultdict(float)
CALLS: defaultdict[str, int] = defaultdict(int)
SERIAL = threading.RLock()
_SERIAL_ON = [False]


def _cpu() -> float:
    """CPU seconds (user + sys) of this process, every thread."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class _Stage:
    def __init__(self, label: str) -> None:
        self.label = label

    def __enter__(self) -> None:
        if _SERIAL_ON[0]:
            SERIAL.acquire()
        self.start, self.cpu = time.perf_counter(), _cpu()

    def __exit__(self, *exc: object) -> None:
        WALL[self.label] += time.perf_counter() - self.start
        CPU[self.label] += _cpu() - self.cpu
        CALLS[self.label] += 1
        if _SERIAL_ON[0]:
            SERIAL.release()


def _timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        with _Stage(label):
            return fn(*args, **kwargs)

    return run


def _timed_batches(
    fn: Callable[..., Iterator[Any]], label: str = "load batch"
) -> Callable[..., Iterator[Any]]:
    def run(*args: Any, **kwargs: Any) -> Iterator[Any]:
        batches = fn(*args, **kwargs)
        while True:
            with _Stage(label):
                try:
                    batch = next(batches)
                except StopIteration:
                    return
            yield batch

    return run


def _patch(module: Any, names: dict[str, str]) -> None:
    for name, label in names.items():
        if hasattr(module, name):
            setattr(module, name, _timed(label, getattr(module, name)))


def _patch_all() -> None:
    _patch(st, {
        "detect": "detect", "corpus_prepass": "corpus_prepass",
        "batch_candidates": "  pre-pass: candidate rows", "keyed_rows": "  pre-pass: keyed rows",
        "_aggregate": "  pre-pass: aggregate", "append_findings": "findings writer",
        "text_keys": "text keys", "_with_corpus_flags": "corpus flags",
    })  # fmt: skip
    _patch(jl, {
        "may_nest_deeper": "  load: nesting check", "_untrusted": "  load: trust checks",
        "_fast_frame": "  load: JSON parse (with checks)", "_slow_read": "  load: slow path",
    })  # fmt: skip
    _patch(ld, {
        "to_articles": "  load: record rules", "drop_duplicate_ids": "  load: duplicate ids",
    })  # fmt: skip
    res.SpilledSignals.add = _timed("signal table spill", res.SpilledSignals.add)  # type: ignore[method-assign]
    st._Kept.add = _timed("kept examples", st._Kept.add)  # type: ignore[method-assign]
    if hasattr(st, "load_batches"):
        st.load_batches = _timed_batches(st.load_batches)  # type: ignore[assignment]
    try:  # a tree with the pre-pass's batch cache (speed21s)
        import dq.engine.batchcache as bc
    except ImportError:
        return
    bc.BatchCache.batches = _timed_batches(  # type: ignore[method-assign]
        bc.BatchCache.batches, "read cached batch"
    )


def _validate(folder: str, suite: Path, ctx: DetectContext, options: StreamOptions) -> Any:
    """``dq validate``'s job (``dq.cli.validate._run``), its GX stages timed."""
    import importlib

    import dq.engine.scan as scan_module
    import dq.validate.run as vrun
    from dq.engine.request import ScanRequest

    _patch(vrun, {"prepare": "GX: import, build suite", "validate_table": "GX: validate table",
                  "build_outcome": "  GX: outcome (findings per expectation)"})
    _patch(vrun.runtable_gx, {"validate": "  GX: validate"})
    res.ScanResult.signal_columns = _timed(  # type: ignore[method-assign]
        "GX: read signal columns", res.ScanResult.signal_columns)
    # the module, not the click command of that name that dq.cli exports
    cli_validate = importlib.import_module("dq.cli.validate")
    request = ScanRequest.of([folder], stream=True, options=options)
    real_run = scan_module.run
    scan_module.run = lambda request, ctx=None: real_run(request, ctx=ctx_given)  # type: ignore[assignment]
    ctx_given = ctx
    try:
        result, _ = cli_validate._run(request, suite, [], {})
    finally:
        scan_module.run = real_run  # type: ignore[assignment]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("findings", type=Path)
    parser.add_argument("--serial", action="store_true", help="stages one at a time")
    parser.add_argument("--batch-size", type=int, default=None, help="bytes per batch")
    parser.add_argument("--signals", type=Path, default=None, help="also write the signal table")
    parser.add_argument("--suite", type=Path, default=None,
                        help="validate with this suite, as dq validate does (GX stages timed)")
    args = parser.parse_args()
    _SERIAL_ON[0] = args.serial
    _patch_all()
    ctx = DetectContext()
    ctx.lexicon()
    options = StreamOptions(findings_path=args.findings)
    if args.batch_size:
        options = StreamOptions(findings_path=args.findings, batch_bytes=args.batch_size)
    start, cpu = time.perf_counter(), _cpu()
    if args.suite is not None:
        result = _validate(args.folder, args.suite, ctx, options)
    else:
        result = run_scan([args.folder], ctx=ctx, stream=True, stream_options=options)
    if args.signals is not None:
        with _Stage("write signal table"):
            result.write(signals=args.signals)
    wall, used = time.perf_counter() - start, _cpu() - cpu
    mb = sum(p.stat().st_size for p in Path(args.folder).glob("*.jsonl")) / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.folder}: {mb:.1f} MB JSONL; total wall {wall:.2f} s, CPU {used:.2f} s; "
          f"peak RSS {rss:.0f} MB; serial={args.serial}; load average {os.getloadavg()[0]:.1f}")
    print("| stage | calls | wall s | CPU s | % of CPU |")
    print("|---|---|---|---|---|")
    for label in WALL:
        print(f"| {label} | {CALLS[label]} | {WALL[label]:.2f} | {CPU[label]:.2f} "
              f"| {100 * CPU[label] / used:.0f} |")


if __name__ == "__main__":
    main()
