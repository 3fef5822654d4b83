"""The run table's GX side: both GX suites of a dq suite, and their results merged in suite order.

Apart from :mod:`dq.validate.runtable` (what the run table is, read by the suite
parser) so that the suite parser never reaches Great Expectations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dq.validate import _gx
from dq.validate.runtable import run_frame, split
from dq.validate.table import to_gx_frame

if TYPE_CHECKING:
    import polars as pl

    from dq.validate.suites import SuiteSpec


@dataclass(frozen=True)
class BuiltSuite:
    """A suite built in GX as two suites: one for the signal table, one for the run table."""

    spec: SuiteSpec
    records: Any
    run: Any | None


def build(spec: SuiteSpec) -> BuiltSuite:
    """Both GX suites (raises :class:`SuiteError` for a bad entry in either)."""
    records, run = split(spec)
    return BuiltSuite(
        spec, _gx.build_suite(records), _gx.build_suite(run) if run.expectations else None
    )


def validate(
    built: BuiltSuite, signals: pl.DataFrame, row: Mapping[str, int | float]
) -> dict[str, Any]:
    """GX's results for both tables, merged into one result in suite order.

    The merged ``success`` and ``statistics`` count every expectation, as if
    GX had run one suite.
    """
    return merged(built, _gx.validate_frame(built.records, to_gx_frame(signals)), row)


def merged(
    built: BuiltSuite, result: dict[str, Any], row: Mapping[str, int | float]
) -> dict[str, Any]:
    """``result`` (the signal table's, from any engine) and the run table's, validated
    here, merged into one result in suite order (what :func:`validate` returns)."""
    if built.run is None:
        return result
    run_result = _gx.validate_frame(built.run, to_gx_frame(run_frame(row)))
    records, run = split(built.spec)
    by_index = dict(zip((e.index for e in records.expectations), result["results"], strict=True))
    by_index.update(zip((e.index for e in run.expectations), run_result["results"], strict=True))
    results = [by_index[e.index] for e in built.spec.expectations]
    ok = sum(1 for r in results if r.get("success"))
    stats = dict(result.get("statistics") or {})
    stats.update({
        "evaluated_expectations": len(results), "successful_expectations": ok,
        "unsuccessful_expectations": len(results) - ok,
        "success_percent": 100.0 * ok / len(results) if results else None,
    })
    return {**result, "results": results, "success": ok == len(results), "statistics": stats}
