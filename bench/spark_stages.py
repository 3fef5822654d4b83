"""Where a Spark scan's time goes, step by step: CPU seconds of the whole process tree
(driver, JVM, Python workers) and wall seconds per Spark job, on bench_scale's shards.

Each step is forced with an action (``count``, ``collect``, a write), in the order
``dq.spark.scan`` and ``SparkScanResult.write`` run them; cached frames are reused as
in a real run. The local engine's scan of the same shards is measured after, in the same
process tree accounting (``local``).

    PYTHONPATH=. .venv/bin/python bench/spark_stages.py --mb 20
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_spark import _children, _descendants, _tree

#: CPU seconds of every process of the tree seen so far (a Python worker that ends
#: between two steps keeps the time it had at the last one)
_SEEN: dict[int, tuple[str, float]] = {}


def tree_cpu() -> dict[str, float]:
    """CPU seconds (user + system) of this process and its descendants (those alive now,
    and those seen before), by kind: ``driver`` (this process), ``jvm``, ``workers``
    (Spark's Python workers and their daemon, under the JVM)."""
    procs = _tree(os.getpid())
    kids = _children(procs)
    jvm = [p for p in _descendants(kids, os.getpid()) if procs.get(p, (0, "", 0.0))[1] == "java"]
    under = {p for j in jvm for p in _descendants(kids, j) if p != j}
    for pid in _descendants(kids, os.getpid()):
        if pid in procs:
            kind = "jvm" if pid in jvm else "workers" if pid in under else "driver"
            _SEEN[pid] = (kind, procs[pid][2])
    out = dict.fromkeys(("driver", "jvm", "workers"), 0.0)
    for kind, cpu in _SEEN.values():
        out[kind] += cpu
    return out


def step(name: str, fn: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), tree_cpu()
    out = fn()
    after = tree_cpu()
    used = {k: after[k] - cpu[k] for k in after}
    print(f"| {name} | {time.perf_counter() - wall:.1f} | {sum(used.values()):.1f} | "
          f"{used['driver']:.1f} | {used['jvm']:.1f} | {used['workers']:.1f} |", flush=True)
    return out


def spark_steps(files: list[str], split_bytes: int, out: Path) -> None:
    from pyspark import StorageLevel

    import dq.spark
    from dq.engine.request import ScanRequest
    from dq.spark import _scan
    from dq.spark._result import SparkScanResult

    spark = step("session start", lambda: dq.spark.session("local[2]"))
    request = ScanRequest.build(files, stream=False, batch_bytes=split_bytes)
    counters = _scan.Counters.of(spark)
    reads, reading = _scan.read(spark, request, counters.read)
    reads = reads.persist(StorageLevel.MEMORY_AND_DISK)
    step("plan splits (newline count) + read, candidate rows + cache", reads.count)
    articles, quarantine, drop, dropped = step("duplicate ids (collect later copies)",
                                      lambda: _scan._without_duplicate_ids(reads))
    corpus = step("repeated_boilerplate: aggregate the read's candidate rows (collect pairs)",
                  lambda: _scan._corpus_pairs(reads, drop, _scan.corpus_codes(request)))
    table, findings = _scan.detect(spark, articles, request, corpus, counters.detect,
                                   reading=reading, dropped=dropped)
    step("detect (split read again from the file) + duplicate_record window (table count)",
         table.count)
    step("findings count", findings.count)
    result = step("totals (by code; loaded and by reason in one job)",
                  lambda: SparkScanResult.build(
                      spark, table=table, findings=findings, quarantine=quarantine,
                      articles=articles, positions={}, files=(), skipped=(),
                      counts=_scan.read_counts(reads, drop)))
    step("write signals (ordered)", lambda: result.write(signals=out / "signals"))
    step("write findings (ordered)", lambda: result.write(findings=out / "findings"))
    step("write quarantine", lambda: result.write(quarantine=out / "q.jsonl"))
    print(f"articles loaded {result.records_loaded}; read rows made {counters.read.value}, "
          f"articles detected {counters.detect.value} (Spark accumulators: a task run "
          "again counts twice)")


def main() -> None:
    from _corpus import write_shards

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--splits", type=int, default=4, help="read splits (2 per core)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir(), "dq-bench"))
    parser.add_argument("--engine", choices=("spark", "local"), default="spark")
    args = parser.parse_args()
    folder = args.workdir / f"spark-{args.mb:g}mb"
    manifest = write_shards(folder, args.mb, shard_mb=args.mb)
    files = sorted(str(p) for p in folder.glob("*.jsonl"))
    print(f"{args.engine}, {manifest['file_mb']} MB, load average {os.getloadavg()[0]:.1f}")
    print("| step | wall s | CPU s | driver | JVM | Python workers |\n|---|---|---|---|---|---|")
    if args.engine == "local":
        from dq.engine.request import ScanRequest
        from dq.engine.scan import run

        with tempfile.TemporaryDirectory() as out:
            step("local scan + write", lambda: run(ScanRequest.build(files)).write(
                findings=Path(out) / "f.jsonl", signals=Path(out) / "s.parquet",
                quarantine=Path(out) / "q.jsonl"))
        return
    out = Path(tempfile.mkdtemp(prefix="dq-stages-"))
    try:
        split = int(float(manifest["file_mb"]) * 1e6 / args.splits) + 1  # type: ignore[arg-type]
        spark_steps(files, split, out)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
