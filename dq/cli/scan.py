"""``dq scan`` and ``dq codes``: findings for a corpus, and the reason codes dq knows.

Imports only click at start-up; Polars and the engine are imported inside
the command, after the early context has started (:class:`~dq.cli.options.EarlyContext`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dq.cli import _gate
from dq.cli.options import (
    EXIT_DATA,
    EXIT_OK,
    EarlyContext,
    codes_json_option,
    engine_options,
    format_option,
    map_option,
    parse_mappings,
    run_on_spark,
    split_codes,
    stream_options,
    threads_option,
)

if TYPE_CHECKING:
    import polars as pl

    from dq.engine.request import ScanRequest
    from dq.engine.result import ScanResult

_FILE = click.Path(dir_okay=False, path_type=Path)
#: ``--fail-on``: the severities that fail the scan (exit 1).
FAIL_ON = {"error": ("error",), "warning": ("error", "warning")}


@click.command()
@click.argument("paths", nargs=-1, required=True)
@map_option
@format_option
@click.option("--findings", "findings_path", type=_FILE,
              help="Write findings as JSON Lines to this file.")
@click.option("--signals", "signals_path", type=_FILE,
              help="Write the per-record signal table (Parquet) to this file.")
@click.option("--quarantine", "quarantine_path", type=_FILE,
              help="Write quarantined records (JSON Lines) to this file.")
@click.option("--codes", default=None, metavar="CODE[,CODE…]",
              help="Only run these reason codes (comma separated).")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Findings shown in the terminal table (files get all of them).")
@_gate.ignore_option
@_gate.baseline_option
@click.option("--fail-on", "fail_on", type=click.Choice(sorted(FAIL_ON)), default=None,
              help="Exit 1 when a finding (after --ignore and --baseline) has this "
              "severity: error, or warning (warnings and errors).")
@_gate.format_choice
@_gate.output_file
@engine_options
@stream_options
@threads_option
def scan(
    paths: tuple[str, ...],
    mappings: tuple[str, ...],
    fmt: str | None,
    findings_path: Path | None,
    signals_path: Path | None,
    quarantine_path: Path | None,
    codes: str | None,
    limit: int,
    ignore: str | None,
    baseline_path: Path | None,
    fail_on: str | None,
    output_format: str,
    output_file: str | None,
    stream: bool | None,
    batch_size: int | None,
) -> None:
    """Load PATHS (files, folders, globs), detect problems, print and write findings.

    A large input (or --stream) is scanned a batch at a time: memory stays
    bounded, findings go to the --findings file as they are found, and the
    terminal shows the first --limit of them. Exit 0, or 1 with --fail-on
    when a finding of that severity is left after --ignore and --baseline.
    """
    run_on_spark("scan", fail_on=FAIL_ON, codes_of=_gate.codes_of,  # --engine spark: dq.spark
                 emit=_gate.emit, is_stdout=_gate.is_stdout)
    selected = split_codes(codes)
    early = EarlyContext(selected)
    ctx = early.get()  # first: the lexicon loads while the rest is imported
    ignored = _gate.codes_of("--ignore", ignore)
    _gate.check_all(
        [*paths, *([baseline_path] if baseline_path else [])],
        {"--findings": findings_path, "--signals": signals_path,
         "--quarantine": quarantine_path, "--output-file": output_file},
        fmt,
    )
    baseline = _read_baseline(baseline_path) if baseline_path is not None else {}
    from dq.engine.request import ScanRequest

    request = ScanRequest.build(
        paths, mapping=parse_mappings(mappings), fmt=fmt, codes=selected, stream=stream,
        batch_bytes=batch_size, first_findings=limit,
    )
    needs_all = bool(ignored or baseline or fail_on) or output_format != "table"
    result, kept = _scan(request, ctx, findings_path, needs_all=needs_all,
                         ignored=ignored, baseline=baseline)
    _report(result, kept, output_format, output_file, limit)
    if signals_path is not None:
        _gate.write_signals_file(result, signals_path)
    if quarantine_path is not None:
        from dq.load import write_quarantine

        write_quarantine(result.loaded.quarantine, quarantine_path)
    sys.exit(_exit_code(kept, fail_on))


def _scan(request: ScanRequest, ctx: Any, findings_path: Path | None, *, needs_all: bool,
          ignored: list[str], baseline: dict[tuple[str, str], int]
          ) -> tuple[ScanResult, pl.DataFrame | None]:
    """Run the scan and write ``--findings``; the kept findings, or None after a streamed
    scan nothing needs them all from (its table and findings file do not: memory stays
    bounded). A streamed scan writes every finding as it goes: beside ``--findings``
    (renamed into place at the end), else in a temporary folder."""
    import dataclasses
    import tempfile  # here: `dq --help` must not pay for it (shutil, bz2, lzma, random)

    from dq.engine.scan import run

    with tempfile.TemporaryDirectory(prefix=".dq-scan-", dir=_gate.scratch(findings_path)) as work:
        options = dataclasses.replace(request.options, findings_path=Path(work) / "f.jsonl")
        from dq.cli.progress import run_with_progress

        result = run_with_progress(  # bar, summary, --max-* limits
            "scan", dataclasses.replace(request, options=options), run, ctx=ctx
        )
        kept = _kept(result, ignored, baseline) if needs_all or not result.streamed else None
        if findings_path is not None and kept is not None:
            _gate.write_findings_file(kept, findings_path)
        elif findings_path is not None:
            _gate.move_findings(result, findings_path)
    return result, kept


def _kept(result: ScanResult, ignored: list[str], baseline: dict[tuple[str, str], int]
          ) -> pl.DataFrame:
    """Every finding not ignored (``--ignore``) nor accepted (``--baseline``)."""
    found = _gate.all_findings(result)
    if not ignored and not baseline:  # dq.validate (0.05 s of imports) has nothing to do
        return found
    from dq.validate.baseline import drop_codes, filter_findings

    return filter_findings(drop_codes(found, ignored), baseline)


def _read_baseline(path: Path) -> dict[tuple[str, str], int]:
    """``--baseline``'s file (dq.validate is imported only when one is given)."""
    from dq.validate.baseline import read_baseline

    return read_baseline(path)


def _report(result: ScanResult, kept: pl.DataFrame | None, output_format: str,
            output_file: str | None, limit: int) -> None:
    """The terminal table (stdout, or stderr when stdout carries the machine format),
    the ``--map`` hints, then the ``--output-format`` result."""
    import dataclasses
    import io

    from rich.console import Console

    from dq.engine.result import FindingTotals
    from dq.report.terminal import PIPE_WIDTH, print_scan

    shown = result if kept is None else dataclasses.replace(result, totals=FindingTotals.of(kept))
    machine = output_format != "table"
    to_stdout = output_file is None or _gate.is_stdout(output_file)
    if not machine and not to_stdout:
        console = Console(highlight=False, width=PIPE_WIDTH, record=True, file=io.StringIO())
        print_scan(shown, limit=limit, console=console)
        _gate.emit(output_file, console.export_text())
    elif not machine or not to_stdout:
        print_scan(shown, limit=limit)
    else:  # standard output carries the machine format: only the accounting, on stderr
        total = shown.finding_totals.total
        click.echo(f"{total} findings; {shown.summary_line()}", err=True)
    for hint in _gate.hint_lines(result):
        click.echo(f"hint: {hint}", err=True)
    if machine and kept is not None:
        from dq.report.formats import issues_from_findings, locations, render

        where = locations(result.sources(kept.get_column("record_id")))  # streamed too
        issues = issues_from_findings(kept, where)
        _gate.emit(output_file, render(output_format, issues))


def _exit_code(kept: pl.DataFrame | None, fail_on: str | None) -> int:
    """1 when ``--fail-on`` is given and a kept finding has one of its severities."""
    if fail_on is None or kept is None or kept.is_empty():
        return EXIT_OK
    import polars as pl

    failing = kept.filter(pl.col("severity").is_in(list(FAIL_ON[fail_on])))
    return EXIT_DATA if failing.height else EXIT_OK


@click.command()
@codes_json_option
@click.option("--markdown", is_flag=True, help="Print the Markdown table used in the README.")
def codes(markdown: bool) -> None:
    """List every reason code dq can report, from the signal registry."""
    from dq.report.codes import codes_markdown

    if markdown:
        click.echo(codes_markdown())
        return
    from rich.console import Console
    from rich.table import Table

    from dq.signals.registry import REGISTRY

    table = Table()
    for col in ("code", "family", "level", "severity", "what it flags"):
        table.add_column(col)
    for s in REGISTRY:
        table.add_row(
            s.code,
            s.family,
            "line" if s.level == "span" else s.level,
            "positive" if s.positive else s.severity,
            s.description,
        )
    Console().print(table)
