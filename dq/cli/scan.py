"""``dq scan`` and ``dq codes``: findings for a corpus, and the reason codes dq knows.

Imports only click at start-up; Polars and the engine are imported inside
the command, after the early context has started (:class:`~dq.cli.options.EarlyContext`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dq.cli.options import (
    EXIT_OK,
    EarlyContext,
    codes_json_option,
    format_option,
    map_option,
    parse_mappings,
    split_codes,
    stream_options,
    threads_option,
)

_FILE = click.Path(dir_okay=False, path_type=Path)


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
    stream: bool | None,
    batch_size: int | None,
) -> None:
    """Load PATHS (files, folders, globs), detect problems, print and write findings.

    A large input (or --stream) is scanned a batch at a time: memory stays
    bounded, findings go to the --findings file as they are found, and the
    terminal shows the first --limit of them.
    """
    selected = split_codes(codes)
    early = EarlyContext(selected)
    ctx = early.get()  # first: the lexicon loads while the rest is imported
    from dq.engine.request import ScanRequest
    from dq.engine.scan import run

    request = ScanRequest.build(
        paths,
        mapping=parse_mappings(mappings),
        fmt=fmt,
        codes=selected,
        stream=stream,
        batch_bytes=batch_size,
        findings_path=findings_path,
        first_findings=limit,
    )
    from dq.cli.progress import run_with_progress
    result = run_with_progress("scan", request, run, ctx=ctx)  # bar, summary, --max-* limits
    from dq.report.terminal import print_scan

    print_scan(result, limit=limit)
    result.write(findings=findings_path, signals=signals_path, quarantine=quarantine_path)
    sys.exit(EXIT_OK)


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
