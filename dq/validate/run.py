"""Validate a signal table (or a corpus) against a suite: the job behind ``dq validate``.

Why one entry point for the CLI and the pytest plugin: both must load the
suite the same strict way, validate the same table and read crashes as
harness errors, or a gate that passes in one fails in the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dq.validate import runtable, runtable_gx
from dq.validate.outcome import ValidationOutcome, build_outcome
from dq.validate.runtable_gx import BuiltSuite
from dq.validate.suites import SuiteSpec, check_columns, read_suite

if TYPE_CHECKING:
    import polars as pl

    from dq.engine.request import ScanRequest, StreamOptions
    from dq.engine.result import ScanResult
    from dq.signals.context import DetectContext


@dataclass(frozen=True)
class CorpusValidation:
    """A scan and the suite's verdict on it."""

    scan: ScanResult
    outcome: ValidationOutcome
    spec: SuiteSpec


def prepare(suite: SuiteSpec | str | Path) -> tuple[SuiteSpec, BuiltSuite]:
    """Read ``suite`` strictly and build it in GX (raises :class:`SuiteError`).

    Done before the corpus is loaded, so a broken suite fails fast.
    """
    spec = suite if isinstance(suite, SuiteSpec) else read_suite(suite)
    return spec, runtable_gx.build(spec)


def validate_table(
    signals: pl.DataFrame,
    findings: pl.DataFrame,
    suite: SuiteSpec | str | Path,
    *,
    seen: int | None = None,
    quarantined: int = 0,
    built: BuiltSuite | None = None,
) -> ValidationOutcome:
    """Run ``suite`` over a signal table; findings explain the offending records.

    Raises :class:`SuiteError` for a suite that does not fit the table and
    :class:`HarnessError` when a GX metric crashes.
    """
    spec = suite if isinstance(suite, SuiteSpec) else read_suite(suite, columns=signals.columns)
    check_columns(spec, signals.columns)
    seen = signals.height + quarantined if seen is None else seen
    row = runtable.run_row(records=signals.height, seen=seen, quarantined=quarantined)
    result = runtable_gx.validate(built or runtable_gx.build(spec), signals, row)
    return build_outcome(
        spec, result, findings, records=signals.height, seen=seen, quarantined=quarantined
    )


def validate_corpus(
    paths: Sequence[str | Path] | ScanRequest,
    suite: SuiteSpec | str | Path,
    *,
    mappings: Sequence[str] = (),
    fmt: str | None = None,
    ctx: DetectContext | None = None,
    stream: bool | None = None,
    stream_options: StreamOptions | None = None,
) -> CorpusValidation:
    """Scan, then :func:`validate_table`: ``dq.engine.scan.run(request)`` and the suite's
    verdict on its signal table (what the pytest plugin and ``dq report`` need).

    The validating is :func:`validate_table`'s, on the table it is given; this
    adds the scan. ``paths``: a :class:`~dq.engine.request.ScanRequest`, or
    the paths, with ``mappings``, ``fmt``, ``stream``, ``stream_options`` as
    for :func:`dq.scan.run_scan` (the API before the request). The suite is
    read and built first, so a broken suite fails before the corpus is read.
    """
    from dq.engine.request import ScanRequest
    from dq.engine.scan import run
    from dq.load import parse_mapping
    from dq.schema import ID

    spec, built = prepare(suite)
    if not isinstance(paths, ScanRequest):
        paths = ScanRequest.of(paths, mapping=parse_mapping(list(mappings)), fmt=fmt,
                               stream=stream, options=stream_options)
    scan = run(paths, ctx=ctx)
    # GX gets the id and the columns the suite reads only (a pandas copy of
    # the whole table was ~450 bytes a record); a column the suite names that
    # the table lacks still fails in validate_table.
    outcome = validate_table(
        scan.signal_columns([ID, *spec.columns()]),
        scan.findings,
        spec,
        seen=scan.loaded.seen,
        quarantined=len(scan.loaded.quarantine),
        built=built,
    )
    return CorpusValidation(scan, outcome, spec)
