"""``dq report --engine spark``: rates aggregated in Spark, the same page and history.

Why a run of its own beside :func:`dq.report.nightly.run_report`: that one
measures a local :class:`~dq.engine.result.ScanResult`. Here Spark reduces
the signal table to one row per source (records, and records affected per
code) and picks the example records per failing code; the driver collects
that, the example records' findings and text, and the quarantine entries the
page lists, then builds the page, ``summary.json`` and the history row with
the nightly report's own code.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

import polars as pl

from dq.schema import FINDINGS_SCHEMA, ID

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from dq.engine.result import ScanResult
    from dq.report.history import RateRow, SourceRateRow
    from dq.report.html_data import Check
    from dq.report.nightly import ReportOptions, ReportRun
    from dq.spark._result import SparkScanResult


def source_sums(table: DataFrame) -> pl.DataFrame:
    """Per source (``domain``, else ``NO_SOURCE``): records, and records with each code > 0."""
    from pyspark.sql import functions as F

    from dq.report.html_data import NO_SOURCE
    from dq.signals.registry import REGISTRY

    codes = [s.code for s in REGISTRY if not s.positive and s.code in table.columns]
    families = [c for c in table.columns if c.startswith("n_") and c[2:] in
                {s.family for s in REGISTRY}]
    rows = table.groupBy(F.coalesce(F.col("domain"), F.lit(NO_SOURCE)).alias("_source")).agg(
        F.count(F.lit(1)).alias("_records"),
        *[F.sum((F.col(c) > 0).cast("long")).alias(c) for c in [*families, *codes]],
    ).collect()
    schema = {"_source": pl.String, "_records": pl.Int64,
              **dict.fromkeys([*families, *codes], pl.Int64)}
    return pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row").sort("_source")


def rates(sums: pl.DataFrame, limits: Mapping[str, float]) -> list[RateRow]:
    """:func:`dq.report.html_data.compute_rates` from the per-source sums."""
    from dq.report.history import RateRow
    from dq.report.html_data import RATE_DECIMALS
    from dq.schema import FAMILIES
    from dq.signals.registry import REGISTRY

    specs: list[tuple[str, str, str, str]] = [(f, f, "family", f"n_{f}") for f in FAMILIES]
    specs += [(s.code, s.family, "code", s.code) for s in REGISTRY if not s.positive]
    specs = [s for s in specs if s[3] in sums.columns]
    n = int(sums.get_column("_records").sum())
    return [
        RateRow(code=code, family=family, kind=kind,
                affected=int(sums.get_column(col).sum()), records=n,
                rate=round(int(sums.get_column(col).sum()) / n, RATE_DECIMALS) if n else 0.0,
                threshold=limits.get(code))
        for code, family, kind, col in specs
    ]


def source_rates(sums: pl.DataFrame) -> tuple[dict[str, int], list[SourceRateRow]]:
    """:func:`dq.report.html_data.compute_source_rates` from the per-source sums."""
    from dq.report.history import SourceRateRow
    from dq.report.html_data import RATE_DECIMALS
    from dq.signals.registry import REGISTRY

    codes = [s.code for s in REGISTRY if not s.positive and s.code in sums.columns]
    records = {str(r["_source"]): int(r["_records"]) for r in sums.iter_rows(named=True)}
    rows = [
        SourceRateRow(source=str(r["_source"]), code=c, affected=int(r[c]),
                      records=int(r["_records"]),
                      rate=round(r[c] / r["_records"], RATE_DECIMALS))
        for r in sums.iter_rows(named=True) for c in codes if r[c]
    ]
    return records, rows


def example_records(scan: SparkScanResult, codes: Sequence[str], per_code: int
                    ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The findings and the articles of the records the report may show for ``codes``:
    per code, the ``per_code`` records with most findings (ties: lowest id), as
    :func:`dq.report.html_examples.select_examples` picks them."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    empty = pl.DataFrame(schema=FINDINGS_SCHEMA), pl.DataFrame(schema={ID: pl.String})
    if not codes or per_code <= 0:
        return empty
    hits = scan.findings.filter(F.col("code").isin(list(codes)))
    best = Window.partitionBy("code").orderBy(F.col("count").desc(), F.col("record_id"))
    picked = hits.groupBy("code", "record_id").count().withColumn(
        "_n", F.row_number().over(best)).filter(F.col("_n") <= per_code)
    ids = sorted({r["record_id"] for r in picked.select("record_id").collect()})
    if not ids:
        return empty
    found = [tuple(r) for r in hits.filter(F.col("record_id").isin(ids)).collect()]
    cols = ["id", "text", "title", "source"]
    arts = scan.article_rows(ids, cols)
    return (pl.DataFrame(found, schema=FINDINGS_SCHEMA, orient="row"),
            pl.DataFrame(arts, schema=dict.fromkeys(cols, pl.String), orient="row"))


def local_view(scan: SparkScanResult, findings: pl.DataFrame, articles: pl.DataFrame
               ) -> ScanResult:
    """A :class:`ScanResult` holding what the page needs: counts, quarantine, the example
    records (and no signal table: the rates come from Spark)."""
    from dq.engine.detect import Detection
    from dq.engine.result import FindingTotals, ScanResult, SpilledSignals
    from dq.load import LoadResult
    from dq.schema import Quarantined

    class _Counted(SpilledSignals):
        def __init__(self, rows: int) -> None:  # no parts folder: nothing is spilled
            self.parts, self.rows, self._frame = [], rows, pl.DataFrame()

    quarantine = [Quarantined(r["file"], r["line_or_row"], r["reason"], r["excerpt"])
                  for r in scan.quarantine.collect()]
    loaded = LoadResult(articles, quarantine, scan.seen, scan.files, scan.skipped)
    totals = FindingTotals(scan.total_findings, dict(scan.by_code), findings, None)
    return ScanResult(loaded, Detection(pl.DataFrame(), findings), totals,
                      _Counted(scan.records_loaded))


def run_spark_report(scan: SparkScanResult, paths: Sequence[str], out: Path,
                     opts: ReportOptions) -> ReportRun:
    """:func:`dq.report.nightly.run_report` for a Spark scan (same folder, page, history)."""
    from dq.report import nightly as n
    from dq.report.html_data import checks_from_outcome, rate_limits

    started = datetime.now(UTC).replace(microsecond=0)
    clock = time.monotonic()
    run_id, folder = n.run_folder(opts, out, started)
    spec, checks = None, cast("tuple[Check, ...]", ())
    if opts.suite is not None:
        from dq.spark._validate import validate_result
        from dq.validate.run import prepare

        spec, built = prepare(opts.suite)
        checks = tuple(checks_from_outcome(validate_result(scan, spec, built)))
    sums = source_sums(scan._table)
    measured_rates = rates(sums, rate_limits(checks))
    records, by_source = source_rates(sums)
    # examples of every code found: the codes that regressed are known only once the
    # history is read, and any of them may be shown (O(codes x examples) records)
    codes = sorted(scan.by_code)
    findings, articles = example_records(scan, codes, opts.examples)
    docs = scan.signals.select(*[f"`{c}`" for c in spec.columns() if c in
                                 scan.signals.columns]) if opts.gx_docs and spec else None
    measured = n.Measured(tuple(paths), local_view(scan, findings, articles), spec, checks,
                          measured_rates, records, by_source, docs_table=docs)
    # a Spark run keeps no sketch of its flagged records (measured.flagged is None), so
    # its examples are not marked new either
    return n.publish(measured, opts, out, folder, (run_id, started, clock), novelty=False)

