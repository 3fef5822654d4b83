"""What a Spark scan produced: Spark DataFrames in corpus order, and small collected totals.

Why not :class:`dq.engine.result.ScanResult`: that one holds Polars frames
on one machine. Here the signal table, findings and quarantine stay in
Spark (written as Parquet datasets by the executors); only counts per
code and per quarantine reason, and the first findings, come to the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

import polars as pl

from dq.schema import FINDINGS_SCHEMA
from dq.spark._frames import local_frame
from dq.validate.baseline import INFO

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: Columns of a quarantine entry (``Quarantined.to_dict()``).
QUARANTINE_COLUMNS: Final = ("file", "line_or_row", "reason", "excerpt")


@dataclass(frozen=True)
class SparkScanResult:
    """One Spark scan. ``signals``, ``findings``, ``quarantine``: Spark DataFrames in the
    local engine's order and columns (counts as ``long``: Spark has no unsigned integers).

    ``seen``, ``records_loaded``: record counts; ``by_code``: findings per code;
    ``by_reason``: quarantined records per reason.
    """

    spark: SparkSession
    _table: DataFrame
    _findings: DataFrame
    _quarantine: DataFrame
    articles: DataFrame
    seen: int
    records_loaded: int
    by_code: Mapping[str, int]
    by_reason: Mapping[str, int]
    files: tuple[str, ...]
    skipped: tuple[str, ...]
    #: a path scan's: the articles of the given corpus positions (``_order``), read again
    #: from the files (its ``articles`` hold ids, files and rows, not the text)
    texts: Callable[[Sequence[int]], DataFrame] | None = None

    @classmethod
    def build(cls, spark: SparkSession, *, table: DataFrame, findings: DataFrame,
              quarantine: DataFrame, articles: DataFrame, positions: Mapping[str, int],
              files: tuple[str, ...], skipped: tuple[str, ...],
              counts: tuple[int, Mapping[str, int]] | None = None,
              texts: Callable[[Sequence[int]], DataFrame] | None = None) -> SparkScanResult:
        """The result, with its totals counted in Spark (small aggregations).

        ``counts``: the records loaded and quarantined per reason when the caller
        counted them already (one job over the read rows instead of two).
        """
        from pyspark.sql import functions as F

        by_code = {r["code"]: r["count"] for r in findings.groupBy("code").count().collect()}
        if counts is None:
            counts = (articles.count(), {r["_reason"]: r["count"] for r in
                                         quarantine.groupBy("_reason").count().collect()})
        loaded, by_reason = counts
        place = F.lit(0)  # a DataFrame's input: one source
        if positions:
            by_file = F.create_map(*[x for k, v in positions.items() for x in (F.lit(k), F.lit(v))])
            place = F.coalesce(by_file[F.col("dq_file")], F.lit(len(positions)))
        quarantine = quarantine.withColumn("_place", place)
        return cls(spark, table, findings, quarantine, articles,
                   loaded + sum(by_reason.values()), loaded, by_code,
                   _reason_order(by_reason), files, skipped, texts)

    @property
    def signals(self) -> DataFrame:
        """The signal table, one row per loaded record, in corpus order."""
        return self._table.orderBy("_order").drop("_order")

    @property
    def findings(self) -> DataFrame:
        """Every finding, in the documented order (record, line, start, registry)."""
        return self._findings.orderBy("_order", "line", "start", "_rank", "_pos").select(
            *FINDINGS_SCHEMA
        )

    @property
    def quarantine(self) -> DataFrame:
        """Every quarantined record: ``file, line_or_row, reason, excerpt``, in load order."""
        from pyspark.sql import functions as F

        q = self._quarantine.orderBy("_place", "dq_row", "_order")
        return q.select(F.col("dq_file").alias("file"), F.col("dq_row").alias("line_or_row"),
                        F.col("_reason").alias("reason"), F.col("_excerpt").alias("excerpt"))

    @property
    def total_findings(self) -> int:
        return sum(self.by_code.values())

    def first_findings(self, limit: int) -> pl.DataFrame:
        """The first ``limit`` findings in corpus order, collected (for the terminal)."""
        rows = [tuple(r) for r in self.findings.limit(limit).collect()]
        return pl.DataFrame(rows, schema=FINDINGS_SCHEMA, orient="row")

    def summary_line(self) -> str:
        """``N records: L loaded, Q quarantined (reason: n, ...)``, as the local engine says it."""
        by = self.by_reason
        detail = f" ({', '.join(f'{k}: {v}' for k, v in sorted(by.items()))})" if by else ""
        return (f"{self.seen} records: {self.records_loaded} loaded, "
                f"{sum(by.values())} quarantined{detail}")

    def accepting(self, ignored: Sequence[str], baseline: Mapping[tuple[str, str], int]
                  ) -> SparkScanResult:
        """This scan less what ``--ignore`` and ``--baseline`` accept, as the local
        commands apply them: the findings of ``ignored`` codes dropped, then per
        (record, code) the first ``count`` findings of ``baseline`` dropped; the signal
        table with the same counts subtracted (:func:`dq.validate.baseline.apply_to_signals`,
        run in the executors, record by record). ``by_code`` counts what is left.

        The baseline (a reviewed file the driver has read) is the only thing sent
        out; nothing is collected but the counts per code.
        """
        from pyspark.sql import Window
        from pyspark.sql import functions as F

        if not ignored and not baseline:
            return self
        findings, parts = self._findings, []
        if ignored:
            dropped = findings.filter(F.col("code").isin(list(ignored)))
            parts.append(dropped.groupBy("record_id", "code").agg(
                F.count(F.lit(1)).alias("accepted")))
            findings = findings.filter(~F.col("code").isin(list(ignored)))
        if baseline:
            base = local_frame(
                self.spark, [(r, c, int(n)) for (r, c), n in sorted(baseline.items())],
                "record_id string, code string, accepted long")
            # As the local filter: ``info`` findings are never accepted, nor counted.
            info = F.col("severity") == INFO
            first = Window.partitionBy("record_id", "code", info).orderBy(
                "_order", "line", "start", "_rank", "_pos")
            findings = findings.join(base, ["record_id", "code"], "left").withColumn(
                "_nth", F.row_number().over(first) - 1).filter(
                F.col("accepted").isNull() | info | (F.col("_nth") >= F.col("accepted"))
            ).drop("accepted", "_nth")
            parts.append(base)
        accepted = parts[0] if len(parts) == 1 else parts[0].unionByName(parts[1])
        per_record = accepted.groupBy("record_id").agg(F.collect_list(
            F.struct("code", "accepted")).alias("_accepted"))
        table = _subtract(self._table, per_record)
        by_code = {r["code"]: r["count"] for r in findings.groupBy("code").count().collect()}
        return replace(self, _table=table, _findings=findings, by_code=by_code)

    def article_rows(self, ids: Sequence[str], columns: Sequence[str]) -> list[tuple[object, ...]]:
        """``columns`` of the loaded records ``ids`` (article fields), collected (a report's
        example records: a few)."""
        from pyspark.sql import functions as F

        picked = self.articles.filter(F.col("id").isin(list(ids)))
        if self.texts is not None:
            picked = self.texts([r[0] for r in picked.select("_order").collect()])
        return [tuple(r) for r in picked.select(*columns).collect()]

    def locations(self, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
        """Record id -> (file, row) of the records ``ids`` (what the outputs name), collected."""
        from pyspark.sql import functions as F

        if not ids:
            return {}
        wanted = local_frame(self.spark, [(i,) for i in sorted(set(ids))], "id string")
        rows = self.articles.select("id", "dq_file", "dq_row").join(
            F.broadcast(wanted), "id", "left_semi").collect()
        return {str(r["id"]): (str(r["dq_file"]), int(r["dq_row"])) for r in rows}

    def write(self, *, findings: str | Path | None = None, signals: str | Path | None = None,
              quarantine: str | Path | None = None) -> None:
        """Write the outputs asked for, from the executors: the signal table and the
        findings as Parquet datasets (folders of part files, in order), the quarantine
        as JSON lines (a path ending ``.jsonl``: a folder of JSON-lines parts) or Parquet."""
        if signals is not None:
            self.signals.write.mode("overwrite").parquet(str(signals))
        if findings is not None:
            self.findings.write.mode("overwrite").parquet(str(findings))
        if quarantine is not None:
            out = self.quarantine.write.mode("overwrite")
            if str(quarantine).endswith((".jsonl", ".json")):
                out.json(str(quarantine))
            else:
                out.parquet(str(quarantine))


def _subtract(table: DataFrame, per_record: DataFrame) -> DataFrame:
    """``table`` with each record's accepted counts (``_accepted``: code, count pairs)
    subtracted by the local engine's :func:`~dq.validate.baseline.apply_to_signals`."""
    from functools import partial

    from pyspark.sql.pandas.types import to_arrow_schema

    from dq.spark._tasks import run_task, subtract_task

    joined = table.join(per_record.withColumnRenamed("record_id", "id"), "id", "left")
    task = partial(run_task, task=subtract_task, schema=to_arrow_schema(table.schema))
    return joined.mapInArrow(task, table.schema)


def _reason_order(counts: Mapping[str, int]) -> dict[str, int]:
    """``counts`` in the order of ``QUARANTINE_REASONS`` (as ``LoadResult.counts_by_reason``).

    >>> _reason_order({"missing_text": 1, "invalid_json": 2})
    {'invalid_json': 2, 'missing_text': 1}
    """
    from dq.schema import QUARANTINE_REASONS

    rank = {reason: i for i, reason in enumerate(QUARANTINE_REASONS)}
    return {r: counts[r] for r in sorted(counts, key=lambda r: (rank.get(r, len(rank)), r))}


def collect_polars(frame: DataFrame, columns: Sequence[str] | None = None) -> pl.DataFrame:
    """A (small) Spark DataFrame collected into Polars through Arrow (tests, summaries)."""
    table = frame.toArrow()
    out = pl.from_arrow(table)
    assert isinstance(out, pl.DataFrame)
    return out.select(columns) if columns is not None else out
