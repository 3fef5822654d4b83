"""Where a Spark scan's time goes, step by step: CPU seconds of the whole process tree
(driver, JVM, Python workers) and wall seconds per Spark job, on bench_scale's shards.

Each step is forced with an action (``count``, ``collect``, a write), in the order
``dq.spark.scan`` and ``SparkScanResult.write`` run them; cached frames are reused as
in a real run. The local engine's scan of the same shards is measured after, in the same
process tree accounting (``local``).

    PYTHONPATH=. .venv/bin/python bench/spark_stages.py --mb 20
    # the Python workers' share, in one process without Spark (pyspark.zip and the
    # spark-core jar on the path as Spark's workers have them):
    SP=.venv/lib/python3.11/site-packages/pyspark
    PYTHONPATH=$SP/python/lib/pyspark.zip:$SP/jars/spark-core_2.13-4.1.4.jar:. \
        .venv/bin/python bench/spark_stages.py --mb 50 --splits 4 --engine workers
"""

from __future__ import annotations

import argparse
import json
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
#: the steps measured so far (``--out`` writes them as JSON)
_ROWS: list[dict[str, object]] = []


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
    _ROWS.append({"step": name, "wall_s": time.perf_counter() - wall,
                  "cpu_s": sum(used.values()), **{f"cpu_{k}_s": v for k, v in used.items()}})
    print(f"| {name} | {time.perf_counter() - wall:.1f} | {sum(used.values()):.1f} | "
          f"{used['driver']:.1f} | {used['jvm']:.1f} | {used['workers']:.1f} |", flush=True)
    return out


def spark_steps(files: list[str], split_bytes: int, out: Path,
                conf: dict[str, str] | None = None) -> None:
    from pyspark import StorageLevel

    import dq.spark
    from dq.engine.request import ScanRequest
    from dq.spark import _scan
    from dq.spark._result import SparkScanResult

    spark = step("session start", lambda: dq.spark.session("local[2]", conf=conf))
    request = ScanRequest.build(files, stream=False, batch_bytes=split_bytes or None)
    counters = _scan.Counters.of(spark)
    reads, reading = _scan.read(spark, request, counters.read, split_bytes or None)
    reads = reads.persist(StorageLevel.MEMORY_AND_DISK)
    step("plan splits (newline count) + read (ids, quarantine) + cache", reads.count)
    articles, quarantine, drop, dropped = step("duplicate ids (collect later copies)",
                                      lambda: _scan._without_duplicate_ids(reads))
    corpus = step("repeated_boilerplate: candidate pass (split read again) + aggregate "
                  "(collect pairs)",
                  lambda: _scan._corpus_pairs(reads, drop, _scan.corpus_codes(request),
                                              reading=reading, dropped=dropped))
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


def worker_steps(files: list[str], splits: int) -> None:
    """What Spark's Python workers run, in this one process, without Spark (``--engine
    workers``): the read pass and the detect pass over ``splits`` splits, the detect pass
    over one split (the fixed cost per detect() call), and the ``invalidate_caches()``
    Spark's worker runs before every task, with and without dq's steady zip importers."""
    import importlib
    import zipimport

    import polars as pl
    import pyspark.sql.pandas.serializers
    import pyspark.worker  # noqa: F401

    from dq.engine.detect import detect as local_detect
    from dq.engine.detect import select_signals
    from dq.engine.request import ScanRequest
    from dq.load import LoadLimits, _plan
    from dq.schema import ARTICLE_FIELDS, ARTICLE_SCHEMA
    from dq.spark import _plan as plans
    from dq.spark import _scan, _tasks

    request = ScanRequest.build(files)
    fields, plan = _plan(request.paths, request.mapping, request.fmt)
    settings = _tasks.ReadSettings(fields, request.limits or LoadLimits(),
                                   _scan.corpus_codes(request), stubs=True)
    signals = select_signals(request.codes)
    keyed = [s for s in signals if s.key is not None]
    codes = tuple(s.code for s in signals if s not in keyed)
    columns = local_detect(pl.DataFrame(schema=ARTICLE_SCHEMA), codes=codes).signals.columns
    detect = _tasks.DetectSettings(codes, tuple(s.code for s in keyed), {}, tuple(columns))
    names = ("index", "kind", "path", "fmt", "source", "start", "end", "first_line", "files",
             "problem")

    def rows(count: int) -> list[dict[str, Any]]:
        size = sum(Path(f).stat().st_size for f in files) // count + 1
        cut = plans.plan_splits(plan.sources, size)
        lines = {s.index: plans.count_newlines(s.path, s.start, s.end) for s in cut}
        return [dict(zip(names, s.row(), strict=True))
                for s in plans.with_first_lines(cut, lines)]

    def detect_pass(count: int) -> None:
        for split in rows(count):
            for articles, orders, _ in _tasks.split_articles(split, settings):
                frame = articles.select(*[pl.col(f).cast(pl.String) for f in ARTICLE_FIELDS],
                                        orders)
                _tasks.detect_rows(frame, detect)

    step("read pass (dq's reader, candidate rows, excerpts)",
         lambda: [len(list(_tasks.read_rows(r, settings))) for r in rows(splits)])
    step("detect context (first detect() of a worker: lexicon, automata)",
         lambda: _tasks.detect_rows(pl.DataFrame(
             {**{f: ["x"] for f in ARTICLE_FIELDS}, "_order": [0]}), detect))
    step(f"detect pass, {splits} splits (one detect() per split)", lambda: detect_pass(splits))
    step("detect pass, 1 split", lambda: detect_pass(1))
    zips = sum(type(f) is zipimport.zipimporter for f in sys.path_importer_cache.values())
    step(f"invalidate_caches() x10, {zips} zip importers on the path",
         lambda: [importlib.invalidate_caches() for _ in range(10)])
    _tasks.steady_zip_imports()
    step("invalidate_caches() x10, steady zip importers",
         lambda: [importlib.invalidate_caches() for _ in range(10)])


def main() -> None:
    from _corpus import write_shards

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--splits", type=int, default=4,
                        help="read splits (2 per core); 0: the scan's default")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir(), "dq-bench"))
    parser.add_argument("--engine", choices=("spark", "local", "workers"), default="spark",
                        help="workers: what Spark's Python workers run, in this process "
                             "(run with PYTHONPATH holding pyspark.zip and the spark-core jar "
                             "first, as Spark's workers have it, to see invalidate_caches)")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help="a Spark setting of the session (repeatable)")
    parser.add_argument("--out", type=Path, help="write the steps as JSON here too")
    args = parser.parse_args()
    folder = args.workdir / f"spark-{args.mb:g}mb"
    manifest = write_shards(folder, args.mb, shard_mb=args.mb)
    files = sorted(str(p) for p in folder.glob("*.jsonl"))
    load = os.getloadavg()[0]
    print(f"{args.engine}, {manifest['file_mb']} MB, load average {load:.1f}")
    print("| step | wall s | CPU s | driver | JVM | Python workers |\n|---|---|---|---|---|---|")
    if args.engine == "local":
        from dq.engine.request import ScanRequest
        from dq.engine.scan import run

        with tempfile.TemporaryDirectory() as tmp:
            step("local scan + write", lambda: run(ScanRequest.build(files)).write(
                findings=Path(tmp) / "f.jsonl", signals=Path(tmp) / "s.parquet",
                quarantine=Path(tmp) / "q.jsonl"))
    elif args.engine == "workers":
        worker_steps(files, args.splits)
    else:
        out = Path(tempfile.mkdtemp(prefix="dq-stages-"))
        try:
            # --splits 0: the scan's own default (dq.spark._plan.default_split_bytes)
            split = (int(float(manifest["file_mb"]) * 1e6 / args.splits) + 1  # type: ignore[arg-type]
                     if args.splits else 0)
            spark_steps(files, split, out, dict(c.split("=", 1) for c in args.conf))
        finally:
            shutil.rmtree(out, ignore_errors=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    if args.out:
        args.out.write_text(json.dumps({
            "command": " ".join(sys.argv), "engine": args.engine, "file_mb": manifest["file_mb"],
            "load_avg": [load, os.getloadavg()[0]], "steps": _ROWS}, indent=1) + "\n")


if __name__ == "__main__":
    main()
