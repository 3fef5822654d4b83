"""dq on Apache Spark: the same scan, gate and report, for corpora past one machine.

Nothing here imports pyspark at import time (``import dq.spark`` is cheap);
each function imports it when called. The executors run dq's own readers,
record rules and detect() on Arrow batches with Polars
(:mod:`dq.spark._tasks`); Spark shuffles only what needs the whole corpus.

>>> sorted(__all__)
['SparkScanResult', 'scan', 'session', 'validate']
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from dq.errors import UsageError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from dq.engine.request import ScanRequest
    from dq.spark._result import SparkScanResult
    from dq.validate.outcome import ValidationOutcome

__all__ = ["SparkScanResult", "scan", "session", "validate"]

#: Default master of ``--engine spark`` without ``--spark-master``: every local core.
DEFAULT_MASTER: Final = "local[*]"
#: Shuffle partitions of a session dq creates. Spark's default (200) makes
#: hundreds of tiny tasks of a pull request's corpus; adaptive execution
#: coalesces partitions of a big one anyway.
SHUFFLE_PARTITIONS: Final = 8
#: JVM options of a session dq starts: the JIT's first tier only. Its second tier (C2)
#: spends CPU compiling Spark's own code at every start, which a scan whose text never
#: enters the JVM (the executors' Python reads and detects it) does not earn back.
#: Measured 2026-12-07 (local[2], CPU s of the process tree, default -> this): session
#: start 17.6 -> 10.9, a small shuffle job 10.9 -> 8.3, a sorted Parquet write of 200k
#: rows 8.1 -> 4.6; the whole scan: changelog.d/spark22.md. And the parallel collector
#: instead of G1 (Java 17's default), which spends less CPU per byte collected on a batch
#: job's short-lived rows: the JVM's CPU after session start of a 100 MB scan, 2 splits,
#: 27.6 and 26.4 -> 25.0 and 25.7 s (bench/spark_stages.py, two runs each, interleaved,
#: 2026-12-07; bench/README.md, spark25). A session's own
#: ``spark.driver.extraJavaOptions`` (``conf``) replaces both.
JAVA_OPTIONS: Final = "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC"
#: Environment of the Python workers of a session dq starts: one Polars thread per worker.
#: Spark already runs one task per core (``spark.task.cpus`` 1), each in its own Python
#: worker; with Polars' default pool (one thread per core) in each, two workers on two cores
#: run four busy threads that spin and preempt each other. Measured 2026-12-08 (local[2],
#: 100 MB, 2 splits, bench/spark_stages.py, CPU s of the Python workers: bench/README.md,
#: spark26): the detect step 15.9 -> 13.4, the candidate pass 3.0 -> 2.4. A session's own
#: ``conf`` (or, on a cluster, ``--conf spark.executorEnv.POLARS_MAX_THREADS=...``) wins.
WORKER_ENV: Final = {"spark.executorEnv.POLARS_MAX_THREADS": "1"}


def java_missing() -> str | None:
    """Why Spark cannot start here (no Java), or None."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return None
    if shutil.which("java"):
        return None
    return "Spark needs Java 17 (apt-get install openjdk-17-jre-headless) and none was found"


def session(master: str | None = None, *, app_name: str = "dq",
            conf: Mapping[str, str] | None = None) -> SparkSession:
    """The active SparkSession, or a new one on ``master`` (``local[2]``, ``spark://…``, ``yarn``).

    An existing session (``spark-submit``, a notebook) is used as it is:
    its master and settings are the cluster's business. ``conf``: settings
    of a new session (e.g. ``spark.driver.memory``: in local mode the driver's
    JVM is also the executor, and Spark's default heap is 1 GB).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError(
            "--engine spark needs pyspark: pip install 'dq-harness[spark]'"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    why = java_missing()
    if why is not None:
        raise UsageError(why)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).master(master or DEFAULT_MASTER)
    builder = builder.config("spark.sql.shuffle.partitions", str(SHUFFLE_PARTITIONS))
    builder = builder.config("spark.driver.extraJavaOptions", JAVA_OPTIONS)
    for key, value in WORKER_ENV.items():
        builder = builder.config(key, value)
    builder = builder.config("spark.ui.enabled", "false").config(
        "spark.ui.showConsoleProgress", "false")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def scan(spark: SparkSession, df_or_paths: DataFrame | Sequence[str | Path] | str,
         request: ScanRequest | None = None, *, split_bytes: int | None = None
         ) -> SparkScanResult:
    """Scan a corpus on Spark: paths (files, folders, globs) or a Spark DataFrame.

    ``request``: what to detect and how to read (``codes``, ``mapping``,
    ``fmt``, ``limits``; its ``paths`` are ignored). The result's signal
    table, findings and quarantine equal the local engine's for the same input.
    ``split_bytes``: bytes of JSON lines per task (default: one split per core, each of
    32-128 MiB, :func:`dq.spark._plan.default_split_bytes`; a larger split is still read
    and detected 128 MiB at a time).
    """
    from dq.engine.request import ScanRequest
    from dq.spark._scan import scan as run

    if isinstance(df_or_paths, str | Path):
        df_or_paths = [df_or_paths]
    paths = () if not isinstance(df_or_paths, Sequence) else tuple(df_or_paths)
    request = request or ScanRequest.build(paths)
    return run(spark, df_or_paths, request, split_bytes=split_bytes)


def validate(result: SparkScanResult, suite: Any) -> ValidationOutcome:
    """Run a dq suite (file, name or ``SuiteSpec``) on a Spark scan's signal table, in Spark."""
    from dq.spark._validate import validate_result

    return validate_result(result, suite)


def __getattr__(name: str) -> Any:
    if name == "SparkScanResult":
        from dq.spark._result import SparkScanResult

        return SparkScanResult
    raise AttributeError(f"module 'dq.spark' has no attribute {name!r}")
