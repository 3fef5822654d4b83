"""The ``dq`` command line: subcommands map onto the stages (load, detect, validate, report).

Why it is thin: every subcommand is a few calls into the library, so what the
CLI does a user can do from Python. Heavy libraries (Great Expectations,
Altair) are imported inside the commands that need them, never at start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dq import __version__
from dq._cli_common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    EarlyContext,
    InputError,
    format_option,
    map_option,
    stream_options,
    threads_option,
    tune_allocator,
)

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "InputError", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dq")
def main() -> None:
    """dq: find what scrapers leave behind in article corpora, with line-level evidence."""
    tune_allocator()  # before any subcommand imports Polars


@main.command()
@click.argument("paths", nargs=-1, required=True)
@map_option
@format_option
@click.option(
    "--findings",
    "findings_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write findings as JSON Lines to this file.",
)
@click.option(
    "--signals",
    "signals_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the per-record signal table (Parquet) to this file.",
)
@click.option(
    "--quarantine",
    "quarantine_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write quarantined records (JSON Lines) to this file.",
)
@click.option(
    "--codes",
    default=None,
    metavar="CODE[,CODE…]",
    help="Only run these reason codes (comma separated).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="Findings shown in the terminal table (files get all of them).",
)
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
    selected = [c.strip() for c in codes.split(",") if c.strip()] if codes else None
    early = EarlyContext(selected)
    ctx = early.get()  # first: the lexicon loads while the rest is imported
    from dq.load import LoadError
    from dq.scan import run_scan
    from dq.stream import DEFAULT_BATCH_BYTES, StreamOptions

    options = StreamOptions(
        batch_bytes=batch_size or DEFAULT_BATCH_BYTES,
        findings_path=findings_path,
        first_findings=limit,
    )
    try:
        result = run_scan(
            list(paths),
            mappings=list(mappings),
            fmt=fmt,
            codes=selected,
            ctx=ctx,
            stream=stream,
            stream_options=options,
        )
    except (LoadError, ValueError, KeyError, OSError) as exc:
        raise InputError(str(exc).strip("'\"")) from None
    from dq.report.terminal import print_scan

    print_scan(result, limit=limit)
    result.write(findings=findings_path, signals=signals_path, quarantine=quarantine_path)
    sys.exit(EXIT_OK)


@main.command()
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


# Subcommands that live in their own modules; each imports nothing heavy at
# import time (checked by tests/test_registry.py::test_help_does_not_import_heavy_libraries).
from dq.cli_clean import clean  # noqa: E402
from dq.cli_eval import eval_command  # noqa: E402
from dq.cli_report import history, report  # noqa: E402
from dq.cli_validate import suite, validate  # noqa: E402

for _command in (validate, suite, report, history, clean, eval_command):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
