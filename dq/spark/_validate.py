"""``dq validate --engine spark``: the same GX JSON suites on the Spark signal table,
through GX's Spark datasource (the table is never collected to the driver).

Why beside :mod:`dq.validate._gx` and not in it: that module owns the
process's GX context, lock and strict suite building, and this one uses
them (``_gx.build_suite``, ``_gx._runtime``, ``_gx._LOCK``); what is new is a
Spark datasource on the same context. GX itself is imported only through
:func:`dq.validate._gx.import_gx`. The run table (one row) is validated as
locally; the offenders' findings come back filtered by id in Spark.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import polars as pl

from dq.schema import FINDINGS_SCHEMA, ID

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from dq.spark._result import SparkScanResult
    from dq.validate.outcome import ValidationOutcome
    from dq.validate.runtable_gx import BuiltSuite
    from dq.validate.suites import SuiteSpec

_DATASOURCE: Final = "dq_spark"
_ASSET: Final = "signals"


def _batch_definition() -> Any:
    """The whole-dataframe batch definition of a Spark datasource on dq's GX context."""
    from dq.validate import _gx

    context = _gx._runtime().context
    names = {ds.name for ds in context.data_sources.all().values()}
    if _DATASOURCE in names:
        source = context.data_sources.get(_DATASOURCE)
        return source.get_asset(_ASSET).get_batch_definition("whole_table")
    return (
        context.data_sources.add_spark(_DATASOURCE)
        .add_dataframe_asset(_ASSET)
        .add_batch_definition_whole_dataframe("whole_table")
    )


def validate_spark_frame(suite: Any, frame: DataFrame) -> dict[str, Any]:
    """:func:`dq.validate._gx.validate_frame` on a Spark DataFrame (same two passes)."""
    from dq.validate import _gx
    from dq.validate.words import is_map

    with _gx._LOCK:
        batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(suite, result_format=_gx.SUMMARY_FORMAT)
        for i, res in enumerate(result.results):
            expectation = suite.expectations[i]
            if res.success or _gx._raised(res.exception_info):
                continue
            if not is_map(expectation.expectation_type):
                continue
            failing = (res.result or {}).get("unexpected_count") or 0
            result.results[i] = batch.validate(expectation,
                                               result_format=_gx.named_format(failing))
        out: dict[str, Any] = result.to_json_dict()
        return out


def _offender_ids(result: Mapping[str, Any]) -> set[str]:
    """Record ids GX named as unexpected, over every result."""
    ids: set[str] = set()
    for res in result.get("results", ()):
        for item in (res.get("result") or {}).get("unexpected_index_list") or ():
            if isinstance(item, Mapping) and item.get(ID) is not None:
                ids.add(str(item[ID]))
    return ids


def _findings_of(scan: SparkScanResult, ids: set[str]) -> pl.DataFrame:
    """The findings of records ``ids`` (at most ``MAX_NAMED`` per expectation), collected."""
    from pyspark.sql import functions as F

    if not ids:
        return pl.DataFrame(schema=FINDINGS_SCHEMA)
    rows = scan.findings.filter(F.col("record_id").isin(sorted(ids))).collect()
    return pl.DataFrame([tuple(r) for r in rows], schema=FINDINGS_SCHEMA, orient="row")


def validate_result(scan: SparkScanResult, suite: SuiteSpec | str | Path,
                    built: BuiltSuite | None = None) -> ValidationOutcome:
    """Run ``suite`` over a Spark scan's signal table.

    Raises as :func:`dq.validate.run.validate_table` does.
    """
    from dq.validate.outcome import build_outcome
    from dq.validate.run import prepare
    from dq.validate.runtable import run_row
    from dq.validate.runtable_gx import merged
    from dq.validate.suites import check_columns

    if built is None:
        spec, built = prepare(suite)
    spec = built.spec
    table = scan.signals
    check_columns(spec, table.columns)
    keep = [c for c in table.columns if c in {ID, *spec.columns()}]
    quarantined = sum(scan.by_reason.values())
    row = run_row(records=scan.records_loaded, seen=scan.seen, quarantined=quarantined)
    records = validate_spark_frame(built.records, table.select(*[f"`{c}`" for c in keep]))
    result = merged(built, records, row)
    findings = _findings_of(scan, _offender_ids(result))
    return build_outcome(spec, result, findings, records=scan.records_loaded, seen=scan.seen,
                         quarantined=quarantined)
