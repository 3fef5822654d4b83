"""The scan on Spark: read splits, drop duplicate ids, aggregate corpus-wide signals, detect.

Every step that judges a record runs dq's own code in the executors
(:mod:`dq.spark._tasks`); Spark does what needs the whole corpus, by key:
the first record of each id (``duplicate_id``), the first record of each
text key (``Signal.key``: ``duplicate_record``), and each site's candidate
rows brought together for ``CorpusLines.aggregate`` (``repeated_boilerplate``).
Corpus order (``_order``: split, then row) decides "first" exactly as the
local engine's load order does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from dq.schema import ARTICLE_FIELDS, ARTICLE_SCHEMA, FINDINGS_SCHEMA, ID
from dq.spark import _tasks
from dq.spark._candidates import CANDIDATE_DDL
from dq.spark._frames import arrow_schema, local_frame, read_frame
from dq.spark._plan import (
    SPLIT_DDL,
    Split,
    default_split_bytes,
    plan_splits,
    with_first_lines,
)
from dq.spark._result import SparkScanResult

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from dq.engine.request import ScanRequest
    from dq.signals.base import Signal

#: Spark types of the signal table's Polars types (Spark has no unsigned integers).
_SPARK_TYPES = {pl.String: "string", pl.Float64: "double", pl.Float32: "double",
                pl.Boolean: "boolean"}
#: ``_pos`` of a finding added after detect() (a corpus-scope record finding): after
#: the batch's own findings of the record, as the local stream's stable sort puts it.
_LATE = 1 << 40


def _map(frame: DataFrame, fn: Any, ddl: str, **kwargs: Any) -> DataFrame:
    spark = frame.sparkSession
    schema = arrow_schema(spark, ddl)
    return frame.mapInArrow(partial(_tasks.run_task, task=fn, schema=schema, **kwargs), ddl)


def _splits(spark: SparkSession, sources: Sequence[Any], split_bytes: int) -> list[Split]:
    """The read splits, with the first line of every byte range (one small counting job)."""
    splits = plan_splits(sources, split_bytes)
    ranges = [s for s in splits if s.kind == "range"]
    if not ranges:
        return splits
    # a mapInArrow, not an RDD map: Spark keeps one pool of Python workers per kind of
    # runner, and the read and detect tasks that follow use this one (no second pool of
    # workers to start and import into)
    frame = one_per_partition(spark, [(s.index, s.path, s.start, s.end) for s in ranges],
                              "index long, path string, start long, end long")
    counted = _map(frame, _tasks.newlines_task, "index long, newlines long").collect()
    return with_first_lines(splits, {r["index"]: r["newlines"] for r in counted})


def one_per_partition(spark: SparkSession, rows: Sequence[tuple[Any, ...]], ddl: str
                      ) -> DataFrame:
    """``rows`` as a frame of one row per partition, in order, built without Python
    workers (``parallelize`` would start a pool of its own): ``spark.range`` cut into as
    many partitions, joined with the rows broadcast (an Arrow table: :func:`local_frame`)."""
    from pyspark.sql import functions as F

    table = local_frame(spark, [(i, *row) for i, row in enumerate(rows)], f"_slot long, {ddl}")
    slots = spark.range(len(rows), numPartitions=max(1, len(rows)))
    joined = slots.join(F.broadcast(table), slots["id"] == table["_slot"])
    return joined.select([c for c in table.columns if c != "_slot"])


@dataclass(frozen=True)
class Counters:
    """Spark accumulators counting the articles each pass over the text sees: ``read``
    (read rows made) and ``detect`` (articles detected). A debug run's
    (tests/test_spark_passes.py): a task run again, or a cached frame computed again by a
    second action, counts its articles twice."""

    read: Any
    detect: Any

    @classmethod
    def of(cls, spark: SparkSession) -> Counters:
        return cls(spark.sparkContext.accumulator(0), spark.sparkContext.accumulator(0))


def corpus_codes(request: ScanRequest) -> tuple[str, ...]:
    """The corpus-wide line signals ``request`` selects (a pre-pass aggregates their candidate
    rows over the whole corpus: :func:`_corpus_pairs`)."""
    from dq.engine.detect import select_signals

    return tuple(s.code for s in select_signals(request.codes) if s.corpus_lines is not None)


@dataclass(frozen=True)
class Reading:
    """How a path scan reads its input: the split rows (one partition each), the read
    task's settings and the load plan. The candidate and detect passes read the same
    splits again."""

    splits: DataFrame
    settings: _tasks.ReadSettings
    plan: Any


def read(spark: SparkSession, request: ScanRequest, counter: Any = None,
         split_bytes: int | None = None) -> tuple[DataFrame, Reading]:
    """Read rows of ``request.paths``: quarantine entries and articles without their text
    (the candidate and detect passes read the text from the files themselves); and how.
    ``split_bytes``: input bytes per task (default: the request's batch size when smaller
    than the local engine's default, as tests cut a small corpus into many splits; else
    :func:`~dq.spark._plan.default_split_bytes` for the session's parallelism)."""
    from dq.engine.request import DEFAULT_BATCH_BYTES
    from dq.load import LoadLimits, _plan
    from dq.load._batches import _size

    fields, plan = _plan(request.paths, request.mapping, request.fmt)
    if not split_bytes:
        split_bytes = request.batch_bytes
        if split_bytes >= DEFAULT_BATCH_BYTES:
            total = sum(_size(Path(s.path)) for s in plan.sources)
            split_bytes = default_split_bytes(total, spark.sparkContext.defaultParallelism)
    splits = _splits(spark, plan.sources, split_bytes)
    # no candidate rows in the read: the candidate pass reads the splits again once the
    # later copies of ids are known, and sends only their distinct rows (see _corpus_pairs)
    settings = _tasks.ReadSettings(fields, request.limits or LoadLimits(), (), counter,
                                   stubs=True)
    frame = one_per_partition(spark, [s.row() for s in splits], SPLIT_DDL)
    reads = _map(frame, _tasks.read_task, _tasks.READ_DDL, settings=settings)
    return reads, Reading(frame, settings, plan)


def _without_duplicate_ids(reads: DataFrame
                           ) -> tuple[DataFrame, DataFrame, DataFrame, list[int]]:
    """Articles whose id came first in corpus order, and ``duplicate_id`` entries for the rest.

    Only ``id, _order`` are shuffled to find the later copies, whose ``_order``
    comes to the driver (one number per quarantined copy: few in a usable
    corpus); the articles stay in their read partitions (one per split, no
    text shuffled) and lose the copies by a broadcast anti-join with that
    small list, on the cached read rows (no second cached copy of the text).
    The third frame: that list (``_order`` of each later copy); then the list itself.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    articles = reads.filter(F.col("kind") == "a")
    rank = F.row_number().over(Window.partitionBy(ID).orderBy("_order"))
    later = articles.select(ID, "_order").withColumn("_n", rank).filter(F.col("_n") > 1)
    orders = sorted(r[0] for r in later.select("_order").collect())
    drop = F.broadcast(local_frame(reads.sparkSession, [(o,) for o in orders], "_order long"))
    copies = articles.join(drop, "_order", "left_semi").withColumn(
        "_reason", F.lit("duplicate_id"))
    quarantine = reads.filter(F.col("kind") == "q").unionByName(copies)
    return articles.join(drop, "_order", "left_anti"), quarantine, drop, orders


def _corpus_pairs(reads: DataFrame, drop: DataFrame, codes: Sequence[str], *,
                  reading: Reading | None = None, dropped: Sequence[int] = ()
                  ) -> dict[str, pl.DataFrame]:
    """Each corpus-wide line signal's ``site, key`` pairs over the whole corpus.

    A path scan (``reading``) runs a candidate pass: each task reads its split
    again, leaves out the later copies of ids (``dropped``: their ``_order``)
    and sends its distinct ``site, key, page, code`` rows
    (:func:`dq.spark._tasks.candidates_task`). A DataFrame's candidate rows came
    with the read (``kind`` ``c``, with their ``_order``); those of the later
    copies (``drop``) are left out. Either way the rows are shuffled once so
    that a site's rows meet in one partition, where the signal's own
    ``aggregate`` runs (on distinct rows: no ``distinct()`` in Spark, a second
    shuffle); only the pairs found (site furniture: a few per site) come back to
    the driver.
    """
    from pyspark.sql import functions as F

    if not codes:
        return {}
    if reading is not None:
        rows = _map(reading.splits, _tasks.candidates_task, CANDIDATE_DDL,
                    read=reading.settings, codes=tuple(codes), dropped=frozenset(dropped))
    else:
        rows = reads.filter(F.col("kind") == "c").join(drop, "_order", "left_anti").select(
            "site", "key", "page", "code")
    pairs = _map(rows.repartition("code", "site"), _tasks.aggregate_task,
                 "site string, key long, code string").collect()
    found = pl.DataFrame([tuple(r) for r in pairs], schema={"site": pl.String, "key": pl.Int64,
                                                            "code": pl.String}, orient="row")
    found = found.with_columns(pl.col("key").reinterpret(signed=False))
    return {c: found.filter(pl.col("code") == c).drop("code").sort("site", "key")
            for c in codes}


def _ddl_type(dtype: pl.DataType) -> str:
    return _SPARK_TYPES.get(dtype.base_type(), "long")


def _detect_ddl(table: pl.DataFrame, keyed: Sequence[str]) -> str:
    """The Spark DDL of :func:`dq.spark._tasks.detect_rows`' output."""
    signal_cols = [f"`{name}` {_ddl_type(dtype)}" for name, dtype in table.schema.items()]
    finding_cols = [f"`{name}` {'long' if dtype == pl.Int64 else 'string'}"
                    for name, dtype in FINDINGS_SCHEMA.items() if name in _tasks.FINDING_ROW]
    return ", ".join([*signal_cols, "_order long", *[f"`key_{c}` long" for c in keyed],
                      *finding_cols, "_pos long"])


def detect(spark: SparkSession, articles: DataFrame, request: ScanRequest,
           corpus: dict[str, pl.DataFrame], counter: Any = None, *,
           reading: Reading | None = None, dropped: Sequence[int] = ()
           ) -> tuple[DataFrame, DataFrame]:
    """The signal table (with ``_order``) and the findings (with their sort keys).
    ``corpus``: :func:`_corpus_pairs`. With ``reading`` (a path scan), each task reads
    its split from the file and leaves out the later copies of ids (``dropped``: their
    ``_order``); else the ``articles`` rows (a DataFrame's) are detected."""
    from pyspark.sql import functions as F

    from dq.engine.detect import detect as local_detect
    from dq.engine.detect import select_signals

    signals = select_signals(request.codes)
    keyed = [s for s in signals if s.key is not None]
    codes = tuple(s.code for s in signals if s not in keyed)
    empty = pl.DataFrame(schema=ARTICLE_SCHEMA)
    full = local_detect(empty, codes=request.codes).signals
    batch_table = local_detect(empty, codes=codes).signals
    settings = _tasks.DetectSettings(
        codes, tuple(s.code for s in keyed), corpus, tuple(batch_table.columns), counter,
    )
    ddl = _detect_ddl(batch_table, settings.keyed)
    # no sortWithinPartitions("_order"): a read partition is in corpus order already, and
    # detect_rows sorts each batch itself; a finding's place comes from _order, line, start,
    # registry rank and _pos (its place among its own record's findings), not from the batch
    # only the columns detect() reads cross to Python (a mapInArrow takes every column
    # of its input: Spark cannot prune them for it)
    if reading is not None:
        rows = _map(reading.splits, _tasks.detect_split_task, ddl, settings=settings,
                    read=reading.settings, dropped=frozenset(dropped))
    else:
        needed = articles.select(*[f"`{c}`" for c in ARTICLE_FIELDS], "_order")
        rows = _map(needed, _tasks.detect_task, ddl, settings=settings)
    rows = rows.persist()
    # a finding row has its place among its record's findings, a signal row none
    table = rows.filter(F.col("_pos").isNull()).drop("_pos")
    family = F.create_map(*[F.lit(x) for s in signals for x in (s.code, s.family)])
    findings = rows.filter(F.col("_pos").isNotNull()).withColumn(
        "family", family[F.col("code")]).select(*FINDINGS_SCHEMA, "_order", "_pos")
    for sig in keyed:
        table, flagged = _keyed_flags(table, sig)
        findings = findings.unionByName(record_findings(flagged, sig))
    rank = F.array_position(F.array(*[F.lit(s.code) for s in signals]), F.col("code"))
    findings = findings.withColumn("_rank", rank)
    return table.select(*[f"`{c}`" for c in full.columns], "_order"), findings


def record_findings(flagged: DataFrame, sig: Signal) -> DataFrame:
    """The record findings of ``sig`` for the ``flagged`` rows (``id, _order``), with their
    ``_order`` and ``_pos``, in Spark: every column but ``record_id`` is the same for each
    record, so dq's own :func:`dq.engine.findings.record_findings` makes one row, whose
    values become literals (no Python task, no cached copy: a projection of the cached
    table's flagged rows)."""
    from pyspark.sql import functions as F

    from dq.engine.findings import record_findings as local_findings

    template = local_findings(pl.Series([""]), sig).row(0, named=True)
    ddl = dict(item.split(" ", 1) for item in _tasks.FINDINGS_DDL.split(", "))
    columns = [F.col(ID).alias(name) if name == "record_id"
               else F.lit(template[name]).cast(ddl[name]).alias(name) for name in ddl]
    return flagged.select(*columns, "_order", F.lit(_LATE).alias("_pos"))


def _keyed_flags(table: DataFrame, sig: Signal) -> tuple[DataFrame, DataFrame]:
    """``table`` with ``sig``'s column set where an earlier record (corpus order) had
    the same text key, its family's total raised; and the flagged ids with their order."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    first = Window.partitionBy(f"key_{sig.code}").orderBy("_order")
    # a null key (an empty text) is no copy
    flag = ((F.row_number().over(first) > 1) & F.col(f"key_{sig.code}").isNotNull()).cast("long")
    family = f"n_{sig.family}"
    if family not in table.columns:
        table = table.withColumn(family, F.lit(0).cast("long"))
    table = table.withColumn(sig.code, flag)
    if not sig.positive:
        table = table.withColumn(family, F.col(family) + F.col(sig.code))
    # cached (numbers only, no text): the writes, the totals, the gate and the keyed
    # findings all read it, and each would otherwise shuffle the table by key again
    table = table.persist()
    flagged = table.filter(F.col(sig.code) > 0).select(ID, "_order")
    return table, flagged


def scan(spark: SparkSession, source: DataFrame | Sequence[str | Path],
         request: ScanRequest, *, counters: Counters | None = None,
         split_bytes: int | None = None) -> SparkScanResult:
    """See :func:`dq.spark.scan`. ``counters``: a debug run's (:class:`Counters`)."""
    from pyspark import StorageLevel
    from pyspark.sql import DataFrame as SparkFrame

    if isinstance(source, SparkFrame):
        files: tuple[str, ...] = ("<dataframe>",)
        reads, skipped = read_frame(source, request, corpus_codes(request),
                                    counters and counters.read), ()
        positions: dict[str, int] = {}
        reading = None
    else:
        from dataclasses import replace

        reads, reading = read(spark, replace(request, paths=tuple(source)),
                              counters and counters.read, split_bytes)
        plan = reading.plan
        files = tuple(str(s.path) for s in plan.sources if s.fmt is not None)
        skipped, positions = plan.skipped, {str(s.path): i for i, s in
                                            enumerate(plan.sources)}
    reads = reads.persist(StorageLevel.MEMORY_AND_DISK)
    articles, quarantine, drop, dropped = _without_duplicate_ids(reads)
    corpus = _corpus_pairs(reads, drop, corpus_codes(request), reading=reading,
                           dropped=dropped)
    table, findings = detect(spark, articles, request, corpus, counters and counters.detect,
                             reading=reading, dropped=dropped)
    return SparkScanResult.build(
        spark, table=table, findings=findings, quarantine=quarantine, articles=articles,
        positions=positions, files=files, skipped=skipped, counts=read_counts(reads, drop),
        texts=None if reading is None else partial(article_texts, reading),
    )


def article_texts(reading: Reading, orders: Sequence[int]) -> DataFrame:
    """The articles (``ARTICLE_FIELDS``, ``_order``) of corpus positions ``orders``, read
    again from their splits (a path scan's cached read rows hold no text)."""
    from pyspark.sql import functions as F

    from dq.spark._plan import ORDER_SHIFT

    wanted = frozenset(int(o) for o in orders)
    splits = reading.splits.filter(F.col("index").isin(sorted({o >> ORDER_SHIFT for o in wanted})))
    ddl = ", ".join([*(f"`{f}` string" for f in ARTICLE_FIELDS), "_order long"])
    return _map(splits, _tasks.articles_task, ddl, read=reading.settings, orders=wanted)


def read_counts(reads: DataFrame, drop: DataFrame) -> tuple[int, dict[str, int]]:
    """Records loaded, and quarantined per reason (the later copies of ids, ``drop``:
    ``duplicate_id``), in one job over the cached read rows."""
    from pyspark.sql import functions as F

    rows = reads.filter(F.col("kind") != "c").groupBy("kind", "_reason").count().collect()
    copies = drop.count()  # the broadcast list: a local relation, no job
    loaded = sum(r["count"] for r in rows if r["kind"] == "a") - copies
    by_reason = {r["_reason"]: r["count"] for r in rows if r["kind"] == "q"}
    if copies:
        by_reason["duplicate_id"] = by_reason.get("duplicate_id", 0) + copies
    return loaded, by_reason
