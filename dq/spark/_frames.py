"""A Spark DataFrame as scan input: a notebook's or a job's own read (any source Spark reads).

Why: a cluster's corpus often lives where only Spark reads it (HDFS, object
stores, tables). Such a frame goes through dq's record rules
(:func:`dq.load._rules.to_articles`, with ``--map``) in the executors. A
JSON read in ``PERMISSIVE`` mode with a corrupt-record column
(``columnNameOfCorruptRecord``, :data:`CORRUPT_RECORD` by default) keeps bad
lines: each becomes an ``invalid_json`` quarantine entry with its file and
raw line. Spark gives no line numbers: ``dq_row`` is the record's position
in the frame (1-based, in partition order).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Final

import polars as pl

from dq.schema import ARTICLE_FIELDS

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

    from dq.engine.request import ScanRequest

#: Spark's default corrupt-record column (``spark.sql.columnNameOfCorruptRecord``).
CORRUPT_RECORD: Final = "_corrupt_record"
_FILE: Final = "__dq_file__"
_ROW: Final = "__dq_row__"


def _frame_task(batches: Iterable[pa.RecordBatch], mapping: Mapping[str, str],
                max_record_bytes: int, codes: Sequence[str], counter: Any,
                schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body: dq's record rules over each batch of input rows, and the
    candidate rows of the corpus-wide line signals ``codes`` (read rows)."""
    from dq.load._common import escape_columns
    from dq.load._rules import to_articles
    from dq.spark._candidates import candidate_rows
    from dq.spark._tasks import _excerpts, _quarantine_rows, count, to_batches

    for batch in batches:
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        if not frame.height:
            continue
        order = frame.get_column("_order")
        inputs = escape_columns(frame.drop("_order", _FILE, _ROW)).with_columns(
            frame.get_column(_FILE).alias(_FILE), frame.get_column(_ROW).alias(_ROW))
        articles, rejected = to_articles(inputs, mapping, "the DataFrame", max_record_bytes)
        keep = inputs.with_columns(order.alias("_order")).join(
            articles.select(pl.col("dq_file").alias(_FILE), pl.col("dq_row").alias(_ROW)),
            on=[_FILE, _ROW], how="semi", maintain_order="left")
        count(counter, articles.height)
        rows = articles.select(
            pl.lit("a").alias("kind"), keep.get_column("_order"), pl.lit(0, pl.Int64).alias("_src"),
            *[pl.col(f).cast(pl.String) for f in ARTICLE_FIELDS],
            pl.col("dq_file"), pl.col("dq_row").cast(pl.Int64),
            pl.lit(None, pl.String).alias("_reason"),
            pl.Series("_excerpt", _excerpts(articles), pl.String),
        )
        found = candidate_rows(articles, keep.get_column("_order"), codes)
        yield from to_batches(pl.concat([_quarantine_rows(rejected, 0), rows, found],
                                        how="diagonal_relaxed"), schema)


def arrow_schema(spark: SparkSession, ddl: str) -> Any:
    """The Arrow schema Spark expects from a ``mapInArrow`` returning ``ddl``."""
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(spark.createDataFrame([], ddl).schema)


def local_frame(spark: SparkSession, rows: Sequence[Sequence[Any]], ddl: str) -> DataFrame:
    """``rows`` (tuples in the order of ``ddl``'s columns) as a Spark DataFrame, sent to the
    JVM as Arrow: no Spark job runs Python for it.

    Why not ``spark.createDataFrame(rows, ddl)``: a Python list becomes a pickled RDD,
    which a Python task of Spark's own unpickles. That task is no SQL task, so its Python
    workers come from a second daemon (its environment differs: no
    ``SPARK_SIMPLIFIED_TRACEBACK``), started with a worker per core beside the pool that
    runs dq's ``mapInArrow`` tasks: three more processes importing pyspark from its zip,
    for the split rows, the later copies of ids and a report's record ids (seen
    2026-12-08 with ``ps`` during a scan; bench/README.md, spark26).
    """
    import pyarrow as pa
    from pyspark.sql.pandas.types import to_arrow_schema

    struct = spark.createDataFrame([], ddl).schema  # the schema only: no job, no Python
    schema = to_arrow_schema(struct)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema.names]
    table = pa.Table.from_arrays(
        [pa.array(list(values), type=field.type) for values, field in zip(columns, schema,
                                                                            strict=True)],
        schema=schema)
    return spark.createDataFrame(table, struct)


def read_frame(frame: DataFrame, request: ScanRequest, codes: Sequence[str] = (),
               counter: Any = None) -> DataFrame:
    """Read rows (:data:`dq.spark._tasks.READ_DDL`) of a Spark DataFrame, with the
    candidate rows of the corpus-wide line signals ``codes``; ``counter``: a debug
    run's accumulator of the articles read."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType

    from dq.load import LoadLimits
    from dq.spark._tasks import READ_DDL, run_task

    limits = request.limits or LoadLimits()
    if CORRUPT_RECORD in frame.columns:
        # Spark refuses a query of a raw JSON read that filters on its corrupt-record
        # column unless the frame is cached (its own advice in the error)
        frame = frame.cache()
    columns = [F.col(f"`{c.name}`") if isinstance(c.dataType, StringType)
               else F.to_json(F.struct(F.col(f"`{c.name}`"))).alias(c.name)
               for c in frame.schema.fields if c.name != CORRUPT_RECORD]
    file = F.coalesce(F.nullif(F.input_file_name(), F.lit("")), F.lit("<dataframe>"))
    numbered = frame.withColumn("_order", F.monotonically_increasing_id()).withColumn(
        _FILE, file).withColumn(_ROW, F.row_number().over(Window.orderBy("_order")))
    corrupt = F.col(CORRUPT_RECORD) if CORRUPT_RECORD in frame.columns else F.lit(None)
    bad = numbered.filter(corrupt.isNotNull()).select(
        F.lit("q").alias("kind"), F.lit(None).cast("long").alias("_order"),
        F.lit(0).cast("long").alias("_src"),
        *[F.lit(None).cast("string").alias(f) for f in ARTICLE_FIELDS],
        F.col(_FILE).alias("dq_file"), F.col(_ROW).cast("long").alias("dq_row"),
        F.lit("invalid_json").alias("_reason"), F.substring(corrupt, 1, 200).alias("_excerpt"),
        F.lit(None).cast("string").alias("site"), F.lit(None).cast("long").alias("key"),
        F.lit(None).cast("long").alias("page"), F.lit(None).cast("string").alias("code"))
    good = numbered.filter(corrupt.isNull()).select(*columns, "_order", _FILE, _ROW)
    schema = arrow_schema(frame.sparkSession, READ_DDL)
    task = partial(run_task, task=_frame_task, mapping=dict(request.mapping),
                   max_record_bytes=limits.max_record_bytes, codes=tuple(codes),
                   counter=counter, schema=schema)
    return good.mapInArrow(task, READ_DDL).unionByName(bad)
