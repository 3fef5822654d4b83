"""``dq report`` and ``dq history``: the nightly page and the run history in the terminal.

Why a module of its own: :mod:`dq.cli` registers these commands at start-up,
so this module imports nothing but click; Polars, DuckDB, Altair and Great
Expectations are imported inside the commands.

Exit codes of ``dq report``: 0 report written; 1 report written and a rate
regressed, with ``--fail-on-regression``; 2 input, suite, history or harness
error (no report written).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from dq.cli.options import (
    EXIT_DATA,
    EXIT_OK,
    check_output_paths,
    engine_options,
    format_option,
    load_limits,
    map_option,
    parse_mappings,
    run_on_spark,
    stream_options,
    threads_option,
    writable_folder,
)
from dq.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from dq.report.history import RunRow
    from dq.report.nightly import ReportRun

FC = TypeVar("FC", bound=Callable[..., object])

#: The suite ``dq report`` runs when none is named.
DEFAULT_SUITE = Path("expectations/nightly.json")
#: Unicode blocks for the sparklines of ``dq history``.
_SPARKS = "▁▂▃▄▅▆▇█"


def _number_option(
    flag: str, kind: click.ParamType[Any], default: float | None, text: str
) -> Callable[[FC], FC]:
    """A number option of ``dq report``; its default is shown (None: ``text`` names it)."""
    return click.option(flag, type=kind, default=default, show_default=default is not None,
                        help=text)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--suite",
    "suite_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"Suite JSON file [default: {DEFAULT_SUITE}].",
)
@click.option("--no-suite", is_flag=True, help="Report rates only; run no expectations.")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder for <run-id>/ report folders and the latest pointer.",
)
@click.option(
    "--history",
    "history_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="DuckDB history file [default: OUT/history.duckdb].",
)
@click.option("--fail-on-regression", is_flag=True, help="Exit 1 when a rate regressed.")
@_number_option("--factor", click.FloatRange(min=1.0), None,
                "A rate above FACTOR x its median over recent runs regressed [default: 1.5].")
@_number_option("--window", click.IntRange(min=1), None,
                "Runs the median is taken over [default: 7].")
@_number_option("--min-change", click.FloatRange(min=0.0), 0.0,
                "Ignore rises smaller than this share of records (e.g. 0.001).")
@_number_option("--trend-runs", click.IntRange(min=1), 30, "Runs drawn in the trend charts.")
@_number_option("--examples", click.IntRange(min=0), 3, "Example records per failing code.")
@click.option(
    "--gx-docs/--no-gx-docs",
    default=False,
    show_default=True,
    help="Also build GX Data Docs into <run-id>/gx/ (they load styles from a CDN: "
    "unstyled offline; the page does not link them).",
)
@map_option
@format_option
@click.option("--run-id", help="Name of the report folder [default: UTC time + random suffix].")
@engine_options
@stream_options
@threads_option
def report(
    paths: tuple[str, ...],
    suite_path: Path | None,
    no_suite: bool,
    out: Path,
    history_path: Path | None,
    fail_on_regression: bool,
    factor: float | None,
    window: int | None,
    min_change: float,
    trend_runs: int,
    examples: int,
    gx_docs: bool,
    mappings: tuple[str, ...],
    fmt: str | None,
    run_id: str | None,
    stream: bool | None,
    batch_size: int | None,
) -> None:
    """Scan and validate PATHS; write OUT/<run-id>/index.html, summary.json, and update history.

    An input of 512 MiB or more is scanned a batch at a time (bounded memory);
    examples are then chosen among the records kept per reason code (``--engine spark``: dq.spark).
    """
    run_on_spark("report", suite=_suite, check_out=_check_out_folder, show=_print_report)
    suite = _suite(suite_path, no_suite)
    from dq.install_hints import install_hint

    try:
        from dq.report.html_data import DEFAULT_FACTOR, DEFAULT_WINDOW, RegressionRule
        from dq.report.nightly import ReportOptions, run_report
    except ImportError as exc:  # the report extra is not installed
        raise UsageError(install_hint(exc.name)) from None
    from dq.cli.progress import BarFeed, closing_line, input_files, make_progress
    from dq.engine.request import ScanRequest

    _check_out_folder(out)  # outputs first: a bad path fails before the corpus is read
    check_output_paths(paths, {"--history": history_path}, fmt)
    rule = RegressionRule(
        factor=DEFAULT_FACTOR if factor is None else factor,
        window=DEFAULT_WINDOW if window is None else window,
        min_change=min_change,
    )
    bar = make_progress(input_files(paths, fmt), "report")
    feed = BarFeed(bar)  # the scan advances the bar batch by batch
    request = ScanRequest.build(
        paths, mapping=parse_mappings(mappings), fmt=fmt, stream=stream,
        batch_bytes=batch_size, kept_records=examples, limits=load_limits(), on_batch=feed,
    )
    options = ReportOptions(suite=suite, history=history_path, rule=rule, trend_runs=trend_runs,
                            examples=examples, gx_docs=gx_docs, run_id=run_id, request=request)
    try:
        with bar:
            result = run_report(list(paths), out, options=options)
            feed.finish(result.data.run.records_seen)
    except ImportError as exc:
        raise UsageError(install_hint(exc.name)) from None
    closing_line(bar)
    regressed = _print_report(result)
    sys.exit(EXIT_DATA if fail_on_regression and regressed else EXIT_OK)


def _suite(suite_path: Path | None, no_suite: bool) -> Path | None:
    """The suite the report runs (None: ``--no-suite``); a missing file is a usage error."""
    if no_suite and suite_path is not None:
        raise UsageError("--suite and --no-suite exclude each other")
    suite = None if no_suite else (suite_path or DEFAULT_SUITE)
    if suite is not None and not suite.is_file():
        hint = "" if suite_path else "; pass --suite FILE, or --no-suite for rates only"
        raise UsageError(f"no suite file {suite}{hint}")
    return suite


def _check_out_folder(out: Path) -> None:
    """``--out`` must be a folder dq can create or write in: said before the corpus is read."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file, expected a folder")
    writable_folder(out, "--out")


def _print_report(result: ReportRun) -> bool:
    """Where the report went, the suite's verdict and the regressions; True when any."""
    data = result.data
    click.echo(f"report: {result.folder / 'index.html'}")
    click.echo(f"history: {result.history} ({len(data.past.runs) + 1} runs)")
    if data.run.success is not None:
        verdict = (
            "passed" if data.run.success else f"failed {data.run.failed} of {data.run.expectations}"
        )
        click.echo(f"suite {data.run.suite}: {verdict}")
    if data.regressions:
        click.echo(f"{len(data.regressions)} regressions:")
        for g in data.regressions:
            click.echo(f"  [{g.rule}] {g.message()}")
    else:
        click.echo("no regressions")
    return bool(data.regressions)


@click.command()
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--last", type=click.IntRange(min=1), default=10, show_default=True, help="Runs shown."
)
@click.option(
    "--codes",
    default=None,
    metavar="CODE[,CODE…]",
    help="Rates of these codes only [default: families and every code seen].",
)
@click.option("--json", "as_json", is_flag=True,
              help="Print the runs and their rates as JSON (oldest first) instead of tables.")
def history(path: Path, last: int, codes: str | None, as_json: bool) -> None:
    """Runs in the history FILE: pass/fail, regressions, and rates over time."""
    from dq.install_hints import install_hint

    try:
        from dq.report.history import history_json, open_history, read_rates, read_runs
    except ImportError as exc:
        raise UsageError(install_hint(exc.name)) from None
    from dq.report.terminal import make_console

    try:
        with open_history(path, write=False) as con:  # a HistoryError: exit 2 in dq.cli.DqGroup
            runs = read_runs(con, last=last)
            rates = read_rates(con, [r.run_id for r in runs])
    except ImportError as exc:  # duckdb or filelock, imported when the file is opened
        raise UsageError(install_hint(exc.name)) from None
    wanted = [c.strip() for c in codes.split(",") if c.strip()] if codes else None
    if as_json:
        import json

        click.echo(json.dumps(history_json(runs, rates, codes=wanted), indent=2))
        return
    console = make_console()
    if not runs:
        console.print(f"{path}: no runs yet")
        return
    _print_runs(console, runs)
    _print_rates(console, runs, rates, wanted)


def _print_runs(console: Console, runs: list[RunRow]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"last {len(runs)} runs")
    for col, justify in (
        ("run", "left"),
        ("started (UTC)", "left"),
        ("records", "right"),
        ("quarantined", "right"),
        ("suite", "left"),
        ("result", "left"),
        ("regressions", "right"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in runs:
        if r.success is None:
            result = "-"
        else:
            result = "[green]PASS[/]" if r.success else f"[red]FAIL[/] {r.failed}/{r.expectations}"
        reg = f"[red]{r.regressions}[/]" if r.regressions else "0"
        table.add_row(
            escape(r.run_id),
            r.started_at.replace("T", " "),
            str(r.records_seen),
            str(r.records_quarantined),
            escape(r.suite or "-"),
            result,
            reg,
        )
    console.print(table)


def sparkline(values: list[float]) -> str:
    """Rates as a row of blocks scaled to their maximum.

    >>> sparkline([0.0, 0.1, 0.2, 0.4])
    '▁▃▅█'
    >>> sparkline([0.0, 0.0])
    '▁▁'
    """
    top = max(values, default=0.0)
    if top <= 0:
        return _SPARKS[0] * len(values)
    return "".join(
        _SPARKS[min(len(_SPARKS) - 1, round(v / top * (len(_SPARKS) - 1)))] for v in values
    )


def _print_rates(
    console: Console,
    runs: list[RunRow],
    rates: list[tuple[str, str, str, float, float | None]],
    wanted: list[str] | None,
) -> None:
    from rich.table import Table

    by_code: dict[str, dict[str, float]] = {}
    kinds: dict[str, str] = {}
    limits: dict[str, float | None] = {}
    for run_id, code, kind, rate, threshold in rates:
        by_code.setdefault(code, {})[run_id] = rate
        kinds[code] = kind
        limits[code] = threshold
    codes = wanted or sorted(
        (c for c in by_code if kinds[c] == "family" or any(by_code[c].values())),
        key=lambda c: (kinds[c] != "family", c),
    )
    shown = runs[-6:]  # columns of exact rates; the sparkline covers every run
    table = Table(title="share of records with a finding, oldest run first")
    table.add_column("code")
    table.add_column("trend")
    for r in shown:
        table.add_column(r.run_id[:16], justify="right")
    table.add_column("limit", justify="right")
    for code in codes:
        series = [by_code.get(code, {}).get(r.run_id, 0.0) for r in runs]
        limit = limits.get(code)
        cells = []
        for r in shown:
            value = by_code.get(code, {}).get(r.run_id)
            text = "-" if value is None else f"{value * 100:.3g}%"
            cells.append(
                f"[red]{text}[/]"
                if value is not None and limit is not None and value > limit + 1e-12
                else text
            )
        name = f"[bold]{code}[/]" if kinds.get(code) == "family" else code
        table.add_row(
            name, sparkline(series), *cells, "-" if limit is None else f"{limit * 100:.3g}%"
        )
    console.print(table)
