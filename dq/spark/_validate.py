"""``dq validate --engine spark``: the same GX JSON suites on the Spark signal table,
through GX's Spark datasource (the table is never collected to the driver).

GX is reached only through :mod:`dq.validate._gx` (its one context, lock and
two-pass validation, with a Spark datasource on the same context:
``validate_frame(..., spark=True)``). The run table (one row) is validated as
locally; the offenders' findings come back filtered by id in Spark.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from dq.schema import FINDINGS_SCHEMA, ID

if TYPE_CHECKING:

    from dq.spark._result import SparkScanResult
    from dq.validate.outcome import ValidationOutcome
    from dq.validate.runtable_gx import BuiltSuite
    from dq.validate.suites import SuiteSpec

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
    from dq.validate._gx import validate_frame
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
    records = validate_frame(built.records, table.select(*[f"`{c}`" for c in keep]), spark=True)
    result = merged(built, records, row)
    findings = _findings_of(scan, _offender_ids(result))
    return build_outcome(spec, result, findings, records=scan.records_loaded, seen=scan.seen,
                         quarantined=quarantined)
