"""What the nightly page and ``summary.json`` are rendered from: rates, regressions, examples.

Why a model apart from the renderers: the HTML page, ``summary.json``, the
history rows and ``--fail-on-regression`` must agree on every number, so
they are all computed once, here, from the scan, the suite's verdict and
the past runs. Nothing in this module formats HTML.

Rates: the share of *loaded* records with at least one finding of a reason
code (``kind="code"``) or of any code of a family (``kind="family"``, read
from the ``n_<family>`` columns). That is what a suite's ``mostly`` bounds:
``expect_column_values_to_be_between(column=C, max_value=0, mostly=m)``
allows a rate of at most ``1 - m`` for C.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from dq.report.history import PastRuns, RateRow, RunRow, SourceRateRow
from dq.report.html_examples import Example

if TYPE_CHECKING:
    import polars as pl

    from dq.validate.outcome import ValidationOutcome

#: Rates are stored and compared rounded to this many decimals, so a summary
#: does not change with float noise (1e-6 is one record in a million).
RATE_DECIMALS: Final = 6
#: Default regression rule: initial policy values, not calibrated yet (there
#: is no nightly history to calibrate them on). 1.5: a rise of half again
#: over the usual rate; 7: a week of nights, so one odd crawl does not set
#: the baseline. Review both against the first month of nightly runs,
#: together with the limits in expectations/nightly.json.
DEFAULT_FACTOR: Final = 1.5
DEFAULT_WINDOW: Final = 7
#: Label for records with neither ``source`` nor a url host.
NO_SOURCE: Final = "(no source)"


@dataclass(frozen=True)
class RegressionRule:
    """When a rate counts as a regression.

    ``factor``/``window``: the rate is more than ``factor`` times the median
    of the last ``window`` runs. ``min_change``: ignore rises smaller than
    this absolute rate (0.0: any rise from a zero median counts).
    """

    factor: float = DEFAULT_FACTOR
    window: int = DEFAULT_WINDOW
    min_change: float = 0.0

    def __post_init__(self) -> None:
        if self.factor < 1:
            raise ValueError(f"regression factor must be >= 1, got {self.factor}")
        if self.window < 1:
            raise ValueError(f"regression window must be >= 1 run, got {self.window}")
        if self.min_change < 0:
            raise ValueError(f"min_change must be >= 0, got {self.min_change}")


@dataclass(frozen=True)
class Check:
    """One expectation's verdict, as the report shows it (adapter over ``dq.validate``)."""

    key: str
    code: str
    type: str
    column: str | None
    description: str
    success: bool
    observed: str
    allowed: str
    unexpected_count: int | None
    offenders: tuple[str, ...]
    #: The largest share of records the expectation allows to be non-zero in
    #: ``column``, when it is a "count is 0 in at least m of records" check.
    rate_limit: float | None


@dataclass(frozen=True)
class Rate:
    """A rate this run, with what the past says about it."""

    row: RateRow
    previous: float | None  # the last run's rate; None when no earlier run reported the code
    baseline: float | None  # median over the regression window
    rules: tuple[str, ...]  # "threshold" and/or "trend" when regressed (against history)
    #: Above its suite limit this run, whatever the history says (a first run included).
    over_threshold: bool = False

    @property
    def change(self) -> float | None:
        return (
            None if self.previous is None else round(self.row.rate - self.previous, RATE_DECIMALS)
        )


@dataclass(frozen=True)
class Regression:
    code: str
    kind: str
    rule: str  # "threshold" or "trend"
    rate: float
    limit: float  # the threshold, or factor x baseline
    baseline: float | None

    def message(self) -> str:
        """``licence_nag: 4.88% of records, above the suite's limit of 0.1%``."""
        if self.rule == "threshold":
            limit = pct(self.limit)
            return f"{self.code}: {pct(self.rate)} of records, above the suite's limit of {limit}"
        return (
            f"{self.code}: {pct(self.rate)} of records, up from a median of "
            f"{pct(self.baseline or 0.0)} over recent runs (limit {pct(self.limit)})"
        )


def pct(rate: float) -> str:
    """A rate as a percentage with up to 3 significant digits.

    >>> pct(0.04878), pct(0.0), pct(1.0), pct(0.000012)
    ('4.88%', '0%', '100%', '0.0012%')
    """
    return f"{rate * 100:.3g}%"


def checks_from_outcome(outcome: ValidationOutcome) -> tuple[Check, ...]:
    """The suite's verdicts in the report's terms (the one place that reads ``dq.validate``)."""
    from dq.validate.words import is_map

    out = []
    for e in outcome.expectations:
        k = e.spec.kwargs
        limit = None
        if is_map(e.spec.type) and k.get("max_value") == 0 and k.get("min_value") in (0, None):
            mostly = k.get("mostly")
            limit = 0.0 if mostly is None else round(1 - float(mostly), RATE_DECIMALS)
        out.append(
            Check(
                key=e.spec.key,
                code=e.spec.code,
                type=e.spec.type,
                column=e.spec.column,
                description=e.description,
                success=e.success,
                observed=e.observed,
                allowed=e.threshold,
                unexpected_count=e.unexpected_count,
                offenders=tuple(o.record_id for o in e.offenders),
                rate_limit=limit,
            )
        )
    return tuple(out)


def rate_limits(checks: Sequence[Check]) -> dict[str, float]:
    """Rate code -> the strictest limit any check puts on it (``n_chrome`` -> ``chrome``)."""
    limits: dict[str, float] = {}
    for c in checks:
        if c.rate_limit is None or c.column is None:
            continue
        code = c.column.removeprefix("n_")
        limits[code] = min(limits.get(code, 1.0), c.rate_limit)
    return limits


def compute_rates(
    signals: pl.DataFrame | pl.LazyFrame, limits: Mapping[str, float]
) -> list[RateRow]:
    """One row per family, then per reason code (registry order), positive signals left out.

    ``signals`` may be lazy (a streamed scan's parts on disk): one streaming
    aggregation, so memory does not grow with the corpus.
    """
    import polars as pl

    from dq.schema import FAMILIES
    from dq.signals.registry import REGISTRY

    lf = signals.lazy()
    columns = lf.collect_schema().names()
    specs: list[tuple[str, str, str, str]] = [(f, f, "family", f"n_{f}") for f in FAMILIES]
    specs += [(s.code, s.family, "code", s.code) for s in REGISTRY if not s.positive]
    specs = [s for s in specs if s[3] in columns]
    row = lf.select(
        pl.len().alias("_n"), *[(pl.col(col) > 0).sum().alias(code) for code, _, _, col in specs]
    ).collect(engine="streaming").row(0, named=True)
    n = int(row["_n"])
    counts = {code: row[code] for code, _, _, _ in specs}
    return [
        RateRow(
            code=code,
            family=family,
            kind=kind,
            affected=int(counts[code]),
            records=n,
            rate=round(counts[code] / n, RATE_DECIMALS) if n else 0.0,
            threshold=limits.get(code),
        )
        for code, family, kind, _ in specs
    ]


def compute_source_rates(
    signals: pl.DataFrame | pl.LazyFrame,
) -> tuple[dict[str, int], list[SourceRateRow]]:
    """Records per source, and one row per (source, code) with at least one record affected.

    The source is the record's ``source``, else its url's host (the signal
    table's ``domain``), else :data:`NO_SOURCE`. ``signals`` may be lazy
    (a streaming group-by: memory grows with the sources, not the records).
    """
    import polars as pl

    from dq.signals.registry import REGISTRY

    lf = signals.lazy()
    columns = lf.collect_schema().names()
    codes = [s.code for s in REGISTRY if not s.positive and s.code in columns]
    grouped = (
        lf.with_columns(pl.col("domain").fill_null(NO_SOURCE).alias("_source"))
        .group_by("_source")
        .agg(pl.len().alias("_records"), *[(pl.col(c) > 0).sum().alias(c) for c in codes])
        .sort("_source")
        .collect(engine="streaming")
    )
    records = {str(r["_source"]): int(r["_records"]) for r in grouped.iter_rows(named=True)}
    rows = []
    for r in grouped.iter_rows(named=True):
        for c in codes:
            if r[c]:
                rows.append(
                    SourceRateRow(
                        source=str(r["_source"]),
                        code=c,
                        affected=int(r[c]),
                        records=int(r["_records"]),
                        rate=round(r[c] / r["_records"], RATE_DECIMALS),
                    )
                )
    return records, rows


def judge(rates: Sequence[RateRow], past: PastRuns, rule: RegressionRule) -> list[Rate]:
    """Attach the previous rate and the baseline to each rate and apply the regression rule.

    A regression is a change against history: ``trend`` (above ``factor`` x
    the recent median) or ``threshold`` (above the suite limit now, within it
    on the previous run). Without a previous run nothing has regressed: a
    rate above its limit is only :attr:`Rate.over_threshold`, which the page
    lists as "over threshold".
    """
    window = PastRuns(past.runs[-rule.window :], past.rates)
    out = []
    for r in rates:
        history = [
            window.rates[run.run_id][r.code]
            for run in window.runs
            if r.code in window.rates.get(run.run_id, {})
        ]
        last = past.runs[-1].run_id if past.runs else None
        previous = past.rates.get(last, {}).get(r.code) if last else None
        baseline = round(statistics.median(history), RATE_DECIMALS) if history else None
        rules = []
        over = r.threshold is not None and r.rate > r.threshold + 1e-12
        # previous None with a previous run: the code had no rate then (0)
        was_over = r.threshold is not None and (previous or 0.0) > r.threshold + 1e-12
        if over and last is not None and not was_over:
            rules.append("threshold")
        if (
            baseline is not None
            and r.rate > rule.factor * baseline + 1e-12
            and r.rate - baseline >= rule.min_change
            and r.rate > baseline
        ):
            rules.append("trend")
        out.append(Rate(r, previous, baseline, tuple(rules), over_threshold=over))
    return out


def regressions(rates: Sequence[Rate], rule: RegressionRule) -> list[Regression]:
    """Every broken rule, families first, then codes in registry order."""
    out = []
    for r in rates:
        for name in r.rules:
            limit = r.row.threshold if name == "threshold" else rule.factor * (r.baseline or 0.0)
            out.append(
                Regression(
                    code=r.row.code,
                    kind=r.row.kind,
                    rule=name,
                    rate=r.row.rate,
                    limit=round(limit or 0.0, RATE_DECIMALS),
                    baseline=r.baseline,
                )
            )
    return out


def failing_codes(checks: Sequence[Check], regressed: Sequence[Regression]) -> list[str]:
    """Reason codes that need examples: guarded by a failed check, or regressed (registry order)."""
    from dq.signals.registry import REGISTRY
    from dq.validate.suites import guarded_codes

    wanted: set[str] = set()
    for c in checks:
        if not c.success:
            wanted.update(guarded_codes(c.code))
    for g in regressed:
        wanted.update(guarded_codes(g.code))
    return [s.code for s in REGISTRY if s.code in wanted and not s.positive]


@dataclass(frozen=True)
class Quarantine:
    file: str
    line: int
    reason: str
    excerpt: str


@dataclass(frozen=True)
class ReportData:
    """Everything one report run shows; ``summary.json`` and the page render from it."""

    run: RunRow
    paths: tuple[str, ...]
    files: tuple[str, ...]
    suite_path: str | None
    checks: tuple[Check, ...]
    rates: tuple[Rate, ...]
    regressions: tuple[Regression, ...]
    rule: RegressionRule
    source_records: Mapping[str, int]
    source_rates: tuple[SourceRateRow, ...]
    past: PastRuns  # runs before this one, shown in the trend charts
    examples: Mapping[str, Sequence[Example]]
    quarantine: tuple[Quarantine, ...]
    quarantine_by_reason: Mapping[str, int]
    gx_docs: str | None  # link relative to the page
    #: The run whose flagged records decide which examples are "new"; None: none could
    #: (first run, or the previous run was written by a dq that kept no flagged records).
    new_since: str | None = None

    @property
    def over_threshold(self) -> tuple[Rate, ...]:
        """Rates above their suite limit this run (regressed or not)."""
        return tuple(r for r in self.rates if r.over_threshold)

    @property
    def descriptions(self) -> dict[str, str]:
        from dq.signals.registry import REGISTRY

        return {s.code: s.description for s in REGISTRY}


#: Bumped when a field of summary.json changes meaning or disappears (adding is compatible).
SUMMARY_VERSION: Final = 1


def summary(data: ReportData) -> dict[str, Any]:
    """``summary.json``: sorted, rounded, stable. Wall-clock values live only under ``run``."""
    run = data.run
    by_source: dict[str, dict[str, int]] = {}
    for x in data.source_rates:
        by_source.setdefault(x.source, {})[x.code] = x.affected
    return {
        "format_version": SUMMARY_VERSION,
        "run": {  # differs between two runs over the same data; golden tests drop it
            "id": run.run_id,
            "started_at": run.started_at,
            "duration_s": round(run.duration_s, 3),
            "dq_version": run.dq_version,
            "previous_run": data.past.runs[-1].run_id if data.past.runs else None,
            # the run "new" examples are judged against; None: none could be (first run, or
            # a previous run written by a dq that kept no flagged records)
            "new_since": data.new_since,
        },
        "corpus": {
            "paths": list(data.paths),
            "files": sorted(data.files),
            "records": {
                "seen": run.records_seen,
                "loaded": run.records_loaded,
                "quarantined": run.records_quarantined,
            },
            "quarantine_by_reason": dict(sorted(data.quarantine_by_reason.items())),
        },
        "suite": None
        if run.suite is None
        else {
            "name": run.suite,
            "path": data.suite_path,
            "success": run.success,
            "expectations": [_check_json(c) for c in data.checks],
        },
        "regression_rule": {
            "factor": data.rule.factor,
            "window": data.rule.window,
            "min_change": data.rule.min_change,
        },
        "over_threshold": [
            {"code": r.row.code, "kind": r.row.kind, "rate": r.row.rate,
             "limit": r.row.threshold}
            for r in data.over_threshold
        ],
        "regressions": [
            {
                "code": g.code,
                "kind": g.kind,
                "rule": g.rule,
                "rate": g.rate,
                "limit": g.limit,
                "baseline": g.baseline,
                "message": g.message(),
            }
            for g in data.regressions
        ],
        "rates": [
            {
                "code": r.row.code,
                "family": r.row.family,
                "kind": r.row.kind,
                "affected": r.row.affected,
                "records": r.row.records,
                "rate": r.row.rate,
                "threshold": r.row.threshold,
                "previous": r.previous,
                "change": r.change,
                "baseline": r.baseline,
                "regressed": list(r.rules),
            }
            for r in data.rates
        ],
        "sources": [
            {"source": s, "records": n, "codes": dict(sorted(by_source.get(s, {}).items()))}
            for s, n in sorted(data.source_records.items())
        ],
        "examples": {
            code: [e.record_id for e in items] for code, items in sorted(data.examples.items())
        },
        # example records with no finding of the code in run ``run.new_since`` (listed first)
        "new_examples": {
            code: [e.record_id for e in items if e.new]
            for code, items in sorted(data.examples.items())
            if any(e.new for e in items)
        },
        "links": {"html": "index.html", "gx_docs": data.gx_docs},
    }


def _check_json(c: Check) -> dict[str, Any]:
    return {
        "key": c.key,
        "code": c.code,
        "type": c.type,
        "column": c.column,
        "description": c.description,
        "success": c.success,
        "observed": c.observed,
        "allowed": c.allowed,
        "unexpected_count": c.unexpected_count,
        "offenders": list(c.offenders),
    }
