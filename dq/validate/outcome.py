"""What a validation found, as plain data every report renders from.

Why a model of our own next to GX's result: reports need, per expectation,
a verdict in words and the offending records *with their findings* (line,
code, snippet); GX knows the failing record ids, the scan knows the
evidence. The GX result is kept whole (``gx``) for ``--json``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from dq.validate.runtable import is_run_column, run_row
from dq.validate.suites import ExpectationSpec, SuiteSpec, guarded_codes
from dq.validate.words import describe, num, observed, threshold

if TYPE_CHECKING:
    import polars as pl


from dq.errors import HarnessError as HarnessError  # moved to dq.errors (issue 14), old name kept


@dataclass(frozen=True)
class Offender:
    """A record that failed an expectation, with the findings that explain it."""

    record_id: str
    value: Any
    findings: tuple[Mapping[str, Any], ...]
    #: The record's source, ``file:row`` (set by :meth:`ValidationOutcome.with_locations`).
    where: str | None = None


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's verdict."""

    spec: ExpectationSpec
    success: bool
    observed: str
    #: Records GX found unexpected (for a map expectation), sorted by id. Only
    #: filled for failed expectations: a passing ``mostly`` needs no evidence.
    offenders: tuple[Offender, ...]
    unexpected_count: int | None
    #: Whether ``warning`` expectations fail the gate (``--strict``).
    strict: bool = False

    @property
    def blocks(self) -> bool:
        """Whether this outcome fails the gate: a failure of a blocking severity."""
        return not self.success and self.spec.blocking(strict=self.strict)

    @property
    def threshold(self) -> str:
        return threshold(self.spec)

    @property
    def description(self) -> str:
        return describe(self.spec)

    @property
    def status(self) -> str:
        """``PASS``; ``FAIL`` when it fails the gate; ``WARN``/``INFO`` when it does not."""
        if self.success:
            return "PASS"
        if self.blocks:
            return "FAIL"
        return "INFO" if self.spec.severity == "info" else "WARN"

    @property
    def offending(self) -> int:
        """Offending records GX counted: more than ``offenders`` names when it
        was asked for the first ones only (``dq.validate._gx.MAX_NAMED``)."""
        return max(len(self.offenders), self.unexpected_count or 0)


@dataclass(frozen=True)
class ValidationOutcome:
    """A suite run over one signal table."""

    suite: SuiteSpec
    expectations: tuple[ExpectationOutcome, ...]
    #: GX's ``ExpectationSuiteValidationResult.to_json_dict()``.
    gx: Mapping[str, Any]
    records: int
    seen: int
    quarantined: int
    strict: bool = False

    @property
    def success(self) -> bool:
        """The gate's verdict: no expectation of a blocking severity failed."""
        return not self.failed

    @property
    def failed(self) -> tuple[ExpectationOutcome, ...]:
        """Failures that fail the gate."""
        return tuple(e for e in self.expectations if e.blocks)

    @property
    def warned(self) -> tuple[ExpectationOutcome, ...]:
        """Failures reported without failing the gate (``warning``/``info`` severity)."""
        return tuple(e for e in self.expectations if not e.success and not e.blocks)

    def with_strict(self, strict: bool = True) -> ValidationOutcome:
        """The same verdicts read in strict mode: ``warning`` failures fail the gate."""
        return replace(self, strict=strict,
                       expectations=tuple(replace(e, strict=strict) for e in self.expectations))

    def with_locations(self, where: Mapping[str, tuple[str, int]]) -> ValidationOutcome:
        """Each offender with its source ``file:row`` (``where``: record id -> (file, row),
        as :func:`dq.report.formats.locations` reads it off the loaded records), so every
        output names the place an editor or a CI annotation jumps to."""
        def place(o: Offender) -> Offender:
            at = where.get(o.record_id)
            return replace(o, where=f"{at[0]}:{at[1]}") if at else o

        return replace(self, expectations=tuple(
            replace(e, offenders=tuple(place(o) for o in e.offenders))
            for e in self.expectations))

    def summary_line(self) -> str:
        """``FAILED 2 of 8 expectations · 12 records (11 validated, 1 quarantined)``."""
        verdict = (
            f"PASSED {len(self.expectations)} expectations"
            if self.success
            else f"FAILED {len(self.failed)} of {len(self.expectations)} expectations"
        )
        q = f", {self.quarantined} quarantined" if self.quarantined else ""
        w = f", {len(self.warned)} warned" if self.warned else ""
        return f"{verdict}{w} · {self.seen} records ({self.records} validated{q})"


def metric_errors(gx_result: Mapping[str, Any]) -> list[str]:
    """Messages of metrics that crashed, one per expectation (empty when none did).

    GX reports a crashed metric as ``success: false`` with ``exception_info``
    set, either directly or keyed by metric id.

    >>> metric_errors({"results": [{"exception_info": {"raised_exception": False}}]})
    []
    >>> metric_errors({"results": [{"expectation_config": {"type": "t", "meta": {}},
    ...     "exception_info": {"m1": {"raised_exception": True, "exception_message": "boom"}}}]})
    ['expectation 1 (t): boom']
    """
    out = []
    for i, res in enumerate(gx_result.get("results", ()), start=1):
        info = res.get("exception_info") or {}
        blocks = [info] if "raised_exception" in info else list(info.values())
        messages = [
            str(b.get("exception_message") or "metric failed")
            for b in blocks
            if isinstance(b, Mapping) and b.get("raised_exception")
        ]
        if messages:
            etype = (res.get("expectation_config") or {}).get("type", "?")
            out.append(f"expectation {i} ({etype}): {messages[0]}")
    return out


def build_outcome(
    spec: SuiteSpec,
    gx_result: Mapping[str, Any],
    findings: pl.DataFrame,
    *,
    records: int,
    seen: int | None = None,
    quarantined: int = 0,
) -> ValidationOutcome:
    """Pair each GX result with its expectation and attach the offenders' findings.

    Raises :class:`HarnessError` when a metric crashed.
    """
    errors = metric_errors(gx_result)
    if errors:
        raise HarnessError("; ".join(errors))
    results = list(gx_result.get("results", ()))
    if len(results) != len(spec.expectations):
        raise HarnessError(
            f"GX returned {len(results)} results for {len(spec.expectations)} expectations"
        )
    seen = records + quarantined if seen is None else seen
    row = run_row(records=records, seen=seen, quarantined=quarantined)
    outcomes = []
    # GX returns results in suite order; pair them by position and check the type matches.
    for e, res in zip(spec.expectations, results, strict=True):
        got = (res.get("expectation_config") or {}).get("type")
        if got != e.type:
            raise HarnessError(f"result order mismatch: expected {e.type}, got {got}")
        block = res.get("result") or {}
        success = bool(res.get("success"))
        offenders: tuple[Offender, ...] = ()
        run = is_run_column(e.column)
        if not success and not run:
            offenders = _offenders(e, block, findings)
        count = None if run else block.get("unexpected_count")
        outcomes.append(
            ExpectationOutcome(
                spec=e,
                success=success,
                observed=_run_observed(str(e.column), row) if run else observed(block),
                offenders=offenders,
                unexpected_count=int(count) if count is not None else None,
            )
        )
    return ValidationOutcome(
        suite=spec,
        expectations=tuple(outcomes),
        gx=gx_result,
        records=records,
        seen=seen,
        quarantined=quarantined,
    )


def _run_observed(column: str, row: Mapping[str, int | float]) -> str:
    """What a run-table expectation saw, with the counts that explain it.

    >>> _run_observed("n_quarantined", run_row(records=1, seen=10, quarantined=9))
    'n_quarantined = 9 (9 of 10 records quarantined, 1 validated)'
    >>> _run_observed("quarantine_rate", run_row(records=3, seen=4, quarantined=1))
    'quarantine_rate = 0.25 (1 of 4 records quarantined, 3 validated)'
    """
    return (f"{column} = {num(row[column])} ({row['n_quarantined']} of {row['n_records_in']} "
            f"records quarantined, {row['n_loaded']} validated)")


def _offenders(
    spec: ExpectationSpec, block: Mapping[str, Any], findings: pl.DataFrame
) -> tuple[Offender, ...]:
    rows: Sequence[Mapping[str, Any]] = block.get("unexpected_index_list") or ()
    if not rows and block.get("unexpected_index_column_names"):
        # more failing rows than GX was asked to name (_gx.MAX_NAMED): the first ones
        rows = block.get("partial_unexpected_index_list") or ()
    if not rows:
        return ()
    import polars as pl

    column = spec.column
    values = {str(r["id"]): r.get(column) if column else None for r in rows}
    ids = sorted(values)
    codes = list(guarded_codes(spec.code))
    evidence = (
        findings.filter(pl.col("record_id").is_in(ids) & pl.col("code").is_in(codes))
        .sort(["record_id", "line", "start", "code"])
        .partition_by("record_id", as_dict=True, maintain_order=True)
    )
    out = []
    for rid in ids:
        part = evidence.get((rid,))
        found = () if part is None else tuple(_finding(r) for r in part.iter_rows(named=True))
        out.append(Offender(record_id=rid, value=values[rid], findings=found))
    return tuple(out)


def _finding(row: Mapping[str, Any]) -> dict[str, Any]:
    """A finding as the documented JSON object (``fix`` only when set)."""
    return {k: v for k, v in row.items() if not (k == "fix" and v is None)}
