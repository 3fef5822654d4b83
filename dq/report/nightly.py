"""One nightly report run: scan, validate, compare with history, write the report atomically.

Why this order: the slow, failure-prone work (loading, GX, Data Docs) happens
before the history is touched, into a hidden ``.tmp-*`` folder. Then, holding
the history lock: read the past runs, render the page and ``summary.json``
into that folder, rename it to ``<out>/<run-id>`` (one ``rename``: the
folder is either absent or complete), commit the run to the history in one
transaction, and swap ``latest`` (a symlink replaced by ``rename``, plus
``latest.json`` replaced the same way). If anything raises, the temporary
folder is removed, and a failed history commit removes the report folder
again, so ``latest`` never moves to a run the history lacks. A process
killed outright leaves at most a hidden ``.tmp-*`` folder, or (killed between
the rename and the commit) a complete report folder that the history does
not list; never a half-written report or a ``latest`` pointing at one.
Serialising runs on the lock also keeps ``latest`` on the run that committed last.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from dq.report.history import (
    ExpectationRow,
    PastRuns,
    RateRow,
    RunRecord,
    RunRow,
    SourceRateRow,
    open_history,
    read_past,
    write_run,
)
from dq.report.html_data import (
    Check,
    Quarantine,
    RegressionRule,
    ReportData,
    checks_from_outcome,
    compute_rates,
    compute_source_rates,
    failing_codes,
    judge,
    rate_limits,
    regressions,
    summary,
)

if TYPE_CHECKING:
    import duckdb
    import polars as pl

    from dq.engine.request import ScanRequest, StreamOptions
    from dq.engine.result import ScanResult
    from dq.signals.context import DetectContext
    from dq.validate.suites import SuiteSpec

#: Runs drawn in the trend charts (this one included).
DEFAULT_TREND_RUNS: Final = 30
#: Example records shown per failing code.
DEFAULT_EXAMPLES: Final = 3
HISTORY_NAME: Final = "history.duckdb"
LATEST: Final = "latest"
_RUN_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


from dq.errors import ReportError as ReportError  # noqa: E402 - moved to dq.errors (issue 14), old name kept


@dataclass(frozen=True)
class ReportOptions:
    suite: Path | None = None  # None: rates only, no validation
    history: Path | None = None  # default: <out>/history.duckdb
    rule: RegressionRule = field(default_factory=RegressionRule)
    trend_runs: int = DEFAULT_TREND_RUNS
    examples: int = DEFAULT_EXAMPLES
    #: GX Data Docs load their styles and index from a CDN (unstyled and empty
    #: offline) and the page no longer links them: built only when asked.
    gx_docs: bool = False
    #: What to scan and how (the CLI builds it); None: built from the fields below
    #: (``mappings``, ``fmt``, ``stream``, ``stream_options``: the API before it).
    request: ScanRequest | None = None
    mappings: Sequence[str] = ()
    fmt: str | None = None
    run_id: str | None = None
    #: Detection caches (lexicons) to share between runs in one process; None: a fresh one.
    ctx: DetectContext | None = None
    #: Scan a batch at a time (dq.stream); None: when the input is large (dq.scan).
    stream: bool | None = None
    #: Batch size and what a streamed scan keeps; None: dq.stream's defaults.
    stream_options: StreamOptions | None = None


@dataclass(frozen=True)
class ReportRun:
    """What a run wrote."""

    run_id: str
    folder: Path
    history: Path
    summary: dict[str, Any]
    data: ReportData

    @property
    def regressed(self) -> bool:
        return bool(self.data.regressions)


def new_run_id(started: datetime) -> str:
    """``20240501T020000Z-3fa9c1``: sorts by time; the suffix keeps concurrent runs apart."""
    return f"{started:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def run_report(
    paths: Sequence[str | Path],
    out: Path,
    *,
    options: ReportOptions | None = None,
    now: Callable[[], datetime] = _utc_now,
) -> ReportRun:
    """Scan (and validate) ``paths``; write ``out/<run-id>/``; update history and ``latest``."""
    opts = options or ReportOptions()
    clock = time.monotonic()
    started = now().astimezone(UTC).replace(microsecond=0)
    run_id, folder = run_folder(opts, out, started)
    measured = _measure(paths, opts)
    return publish(measured, opts, out, folder, (run_id, started, clock))


def run_folder(opts: ReportOptions, out: Path, started: datetime) -> tuple[str, Path]:
    """The run's id and its folder under ``out`` (created), refused before any work when the
    id is malformed or its folder exists."""
    run_id = opts.run_id or new_run_id(started)
    if not _RUN_ID.fullmatch(run_id) or run_id == LATEST:
        raise ReportError(f"run id {run_id!r}: use letters, digits, '.', '_' and '-' only")
    out.mkdir(parents=True, exist_ok=True)
    folder = out / run_id
    if folder.exists():
        raise ReportError(f"{folder} exists; run ids must be unique")
    return run_id, folder


def publish(
    measured: Measured, opts: ReportOptions, out: Path, folder: Path,
    stamp: tuple[str, datetime, float], *, novelty: bool = True,
) -> ReportRun:
    """The locked half of :func:`run_report`, for any engine: page, history, ``latest``.

    ``stamp`` is (run id, start time, monotonic clock at the start). ``novelty``: mark the
    examples new since the previous run (the Spark engine's report does not).
    """
    run_id, started, clock = stamp
    history = opts.history or out / HISTORY_NAME
    tmp = out / f".tmp-{run_id}-{secrets.token_hex(4)}"
    tmp.mkdir()
    try:
        gx_docs = None
        if opts.gx_docs and measured.spec is not None:
            from dq.report.html_gxdocs import build_data_docs

            spec = measured.spec
            table = (measured.docs_table if measured.docs_table is not None
                     else measured.scan.signal_columns(spec.columns()))
            build_data_docs(spec, table, tmp / "gx")
            gx_docs = "gx/index.html"
        with open_history(history, write=True) as con:
            past = read_past(con, last=max(opts.rule.window, opts.trend_runs - 1))
            took = (run_id, started, time.monotonic() - clock)
            data = _report_data(measured, opts, past, took, gx_docs,
                                _novelty(con, past) if novelty else None)
            doc = summary(data)
            write_report(tmp, data, doc, charts=_charts(data, opts.trend_runs))
            if folder.exists():  # checked again under the lock: a --run-id given twice at once
                raise ReportError(f"{folder} exists; run ids must be unique")
            tmp.rename(folder)
            try:
                write_run(con, RunRecord(data.run, measured.rates, measured.source_rates,
                                         _expectation_rows(measured.checks), measured.flagged))
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            point_latest(out, run_id)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return ReportRun(run_id, folder, history, doc, data)


@dataclass(frozen=True)
class Measured:
    """What a run measured before it touches the history: scan, verdicts, rates."""

    paths: tuple[str | Path, ...]
    scan: ScanResult
    spec: SuiteSpec | None
    checks: tuple[Check, ...]
    rates: list[RateRow]
    source_records: dict[str, int]
    source_rates: list[SourceRateRow]
    # (code, record_id): the next run's "new" examples are judged on it; None keeps no
    # sketch (the Spark engine's report: the next run then marks nothing new)
    flagged: pl.DataFrame | None = None
    # the signal table Data Docs validate when not the scan's (a Spark DataFrame)
    docs_table: Any = None


def _measure(paths: Sequence[str | Path], opts: ReportOptions) -> Measured:
    from dq.report.history_flags import flagged_pairs
    from dq.signals.registry import REGISTRY

    scan, spec, checks = _scan_and_validate(paths, opts)
    limits = rate_limits(checks)
    # lazily: a streamed scan's table is aggregated from its parts on disk
    rates = compute_rates(scan.signals_lazy(), limits)
    source_records, source_rates = compute_source_rates(scan.signals_lazy())
    flagged = flagged_pairs(scan.signals_lazy(), [s.code for s in REGISTRY if not s.positive])
    return Measured(
        tuple(paths), scan, spec, checks, rates, source_records, source_rates, flagged
    )


@dataclass(frozen=True)
class _Novelty:
    """Which records are new since ``run_id``: a lookup in the history's sketch of that run."""

    con: duckdb.DuckDBPyConnection
    run_id: str

    def __call__(self, pairs: pl.DataFrame) -> pl.DataFrame:
        from dq.report.history_flags import new_since

        return new_since(self.con, self.run_id, pairs)


def _novelty(con: duckdb.DuckDBPyConnection, past: PastRuns) -> _Novelty | None:
    """The lookup against the previous run, or None (first run, or it kept no sketch)."""
    from dq.report.history_flags import flags_kept

    if not past.runs or not flags_kept(con, past.runs[-1].run_id):
        return None
    return _Novelty(con, past.runs[-1].run_id)


def _report_data(
    m: Measured,
    opts: ReportOptions,
    past: PastRuns,
    stamp: tuple[str, datetime, float],
    gx_docs: str | None,
    novelty: _Novelty | None = None,
) -> ReportData:
    """The report's data: this run (``stamp``: id, start, duration) judged against ``past``."""
    from dq import __version__

    run_id, started, duration = stamp
    judged = judge(m.rates, past, opts.rule)
    regressed = regressions(judged, opts.rule)
    loaded, checks, spec = m.scan.loaded, m.checks, m.spec
    run = RunRow(
        run_id=run_id,
        started_at=started.replace(tzinfo=None).isoformat(timespec="seconds"),
        duration_s=duration,
        corpus=", ".join(str(p) for p in m.paths),
        suite=spec.name if spec else None,
        dq_version=__version__,
        records_seen=loaded.seen,
        records_loaded=m.scan.records_loaded,
        records_quarantined=len(loaded.quarantine),
        success=all(c.success for c in checks) if spec else None,
        expectations=len(checks),
        failed=sum(not c.success for c in checks),
        regressions=len(regressed),
    )
    return ReportData(
        run=run,
        paths=tuple(str(p) for p in m.paths),
        files=tuple(loaded.files),
        suite_path=str(opts.suite) if spec else None,
        checks=checks,
        rates=tuple(judged),
        regressions=tuple(regressed),
        rule=opts.rule,
        source_records=m.source_records,
        source_rates=tuple(m.source_rates),
        past=past,
        examples=_examples(m.scan, checks, regressed, opts.examples, novelty),
        quarantine=tuple(
            Quarantine(q.file, q.line_or_row, q.reason, q.excerpt) for q in loaded.quarantine
        ),
        quarantine_by_reason=loaded.counts_by_reason(),
        gx_docs=gx_docs,
        new_since=novelty.run_id if novelty else None,
    )


def _request(paths: Sequence[str | Path], opts: ReportOptions) -> ScanRequest:
    """The scan of ``paths`` that ``opts`` asks for."""
    import dataclasses

    from dq.engine.request import ScanRequest, StreamOptions
    from dq.load import parse_mapping

    if opts.request is not None:
        return dataclasses.replace(opts.request, paths=tuple(paths))
    return ScanRequest(
        paths=tuple(paths),
        mapping=parse_mapping(list(opts.mappings)),
        fmt=opts.fmt,
        stream=opts.stream,
        options=opts.stream_options or StreamOptions(),
    )


def _scan(paths: Sequence[str | Path], opts: ReportOptions) -> ScanResult:
    from dq.engine.scan import run

    return run(_request(paths, opts), ctx=opts.ctx)


def _scan_and_validate(
    paths: Sequence[str | Path], opts: ReportOptions
) -> tuple[ScanResult, SuiteSpec | None, tuple[Check, ...]]:
    """The scan, and the suite's verdict when ``opts.suite`` is set."""
    if opts.suite is None:
        return _scan(paths, opts), None, ()
    from dq.validate import validate_corpus

    result = validate_corpus(_request(paths, opts), opts.suite, ctx=opts.ctx)
    return result.scan, result.spec, checks_from_outcome(result.outcome)


def _expectation_rows(checks: Sequence[Check]) -> list[ExpectationRow]:
    return [
        ExpectationRow(c.key, c.code, c.type, c.success, c.observed, c.allowed, c.unexpected_count)
        for c in checks
    ]


def _examples(
    scan: ScanResult,
    checks: Sequence[Check],
    regressed: Sequence[Any],
    per_code: int,
    novelty: _Novelty | None,
) -> dict[str, Any]:
    from dq.report.html_examples import select_examples

    codes = failing_codes(checks, regressed)
    return select_examples(
        scan.findings, scan.loaded.articles, codes, per_code=per_code, novelty=novelty
    )


def run_labels(started: Sequence[str]) -> list[str]:
    """Short, unique x-axis labels from ISO start times: ``05-01 02:00``.

    >>> run_labels(["2024-05-01T02:00:00", "2024-05-02T02:00:00", "2024-05-02T02:00:30"])
    ['05-01 02:00', '05-02 02:00', '05-02 02:00 (2)']
    """
    labels: list[str] = []
    for iso in started:
        base = f"{iso[5:10]} {iso[11:16]}"
        label, n = base, 1
        while label in labels:
            n += 1
            label = f"{base} ({n})"
        labels.append(label)
    return labels


def trend_points(data: ReportData, trend_runs: int) -> tuple[list[str], dict[str, list[Any]]]:
    """Run labels (oldest first) and, per chart, the points: families, then the main codes.

    The code chart shows regressed codes first, then those that moved most
    over the window, then the highest rates; at most ``MAX_TREND_CODES``.
    """
    from dq.report.charts import Point
    from dq.report.html import MAX_TREND_CODES

    past = PastRuns(data.past.runs[-(trend_runs - 1) :] if trend_runs > 1 else (), data.past.rates)
    runs = run_labels([r.started_at for r in past.runs] + [data.run.started_at])
    now = {r.row.code: r.row.rate for r in data.rates}

    def series(code: str) -> list[float]:
        return [*past.series(code), now.get(code, 0.0)]

    families = [r.row.code for r in data.rates if r.row.kind == "family"]
    regressed = {g.code for g in data.regressions}
    codes = [r.row.code for r in data.rates if r.row.kind == "code" and any(series(r.row.code))]
    codes.sort(
        key=lambda c: (c not in regressed, -(max(series(c)) - min(series(c))), -now.get(c, 0.0), c)
    )
    charts: dict[str, list[Any]] = {
        "Families: share of records with any finding of the family": [
            Point(run, f, rate) for f in families for run, rate in zip(runs, series(f), strict=True)
        ],
    }
    if codes:
        charts["Main reason codes: share of records"] = [
            Point(run, c, rate)
            for c in codes[:MAX_TREND_CODES]
            for run, rate in zip(runs, series(c), strict=True)
        ]
    return runs, charts


def _charts(data: ReportData, trend_runs: int) -> list[str]:
    from dq.report.charts import trend_svg

    runs, charts = trend_points(data, trend_runs)
    limits = {r.row.code: r.row.threshold for r in data.rates}  # each code's suite limit
    return [
        trend_svg(points, title=title, runs=runs, limits=limits)
        for title, points in charts.items()
    ]


def write_report(
    folder: Path, data: ReportData, doc: dict[str, Any], *, charts: Sequence[str]
) -> None:
    """``index.html``, ``summary.json`` and ``summary.md`` into ``folder`` (a temporary
    folder: see module doc)."""
    from dq.report.html import render_page
    from dq.report.nightly_markdown import render_nightly_markdown

    (folder / "summary.json").write_text(render_summary(doc), encoding="utf-8")
    (folder / "summary.md").write_text(render_nightly_markdown(data), encoding="utf-8")
    (folder / "index.html").write_text(render_page(data, charts=charts), encoding="utf-8")


def render_summary(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def point_latest(out: Path, run_id: str) -> None:
    """Point ``out/latest`` (symlink) and ``out/latest.json`` at ``run_id``, each by one rename."""
    token = secrets.token_hex(4)
    link, target = out / f".latest-{token}", out / LATEST
    if target.exists() and not target.is_symlink():
        raise ReportError(f"{target} exists and is not a symlink; move it away")
    try:
        link.symlink_to(run_id, target_is_directory=True)
    except OSError:  # no symlinks here (some Windows setups): latest.json still says it
        pass
    else:
        try:
            link.replace(target)
        except OSError:
            link.unlink(missing_ok=True)
            raise
    pointer = out / f".latest-{token}.json"
    pointer.write_text(
        json.dumps({"run_id": run_id, "index": f"{run_id}/index.html"}, indent=2) + "\n",
        encoding="utf-8",
    )
    pointer.replace(out / "latest.json")
