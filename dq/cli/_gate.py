"""Pieces ``dq scan``, ``dq validate`` and ``dq baseline`` share: outputs, ignores, baselines.

Why a module of its own: both gate commands take the same ``--output-format``,
``--output-file``, ``--ignore`` and ``--baseline`` options and must treat
them the same way (``-`` is standard output, outputs are checked before the
corpus is read and written atomically). Imports only click at start-up.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

if TYPE_CHECKING:
    import polars as pl

    from dq.engine.result import ScanResult

#: ``--output-format`` choices: the terminal ``table`` and :data:`dq.report.formats.FORMATS`
#: (repeated here so ``dq --help`` does not import the report package; a test checks).
OUTPUT_FORMATS: Final = ("table", "concise", "json", "jsonl", "github", "junit", "sarif")

#: A file option that also takes ``-`` (standard output).
OUT_FILE = click.Path(dir_okay=False, allow_dash=True)


format_choice = click.option(
    "--output-format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="table",
    show_default=True,
    help="How to print the result: the terminal table, or concise, json, jsonl, "
    "github (workflow annotations), junit or sarif.",
)
output_file = click.option(
    "--output-file",
    "output_file",
    type=OUT_FILE,
    default=None,
    metavar="PATH|-",
    help="Write the --output-format result here instead of standard output.",
)
ignore_option = click.option(
    "--ignore",
    default=None,
    metavar="CODE[,CODE…]",
    help="Drop findings of these reason codes (comma separated), e.g. --ignore back_to_top.",
)
baseline_option = click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Accept the (record, code) findings of this file (dq baseline write): "
    "only new problems are reported and fail.",
)


def is_stdout(path: str | Path | None) -> bool:
    """``-`` (standard output) rather than a file."""
    return path is not None and str(path) == "-"


def file_outputs(outputs: Mapping[str, str | Path | None]) -> dict[str, Path | None]:
    """The outputs that are files (``-`` and unset dropped), for ``check_outputs``."""
    return {flag: Path(p) for flag, p in outputs.items() if p is not None and not is_stdout(p)}


def check_all(paths: Sequence[str | Path], outputs: Mapping[str, str | Path | None],
              fmt: str | None) -> None:
    """Refuse, before anything is read, an output that is an input or cannot be written."""
    from dq.load.outputs import check_outputs

    files = file_outputs(outputs)
    for flag, path in files.items():
        if path is not None:
            make_parent(flag, path)
    check_outputs(list(paths), files, fmt=fmt)


def make_parent(flag: str, path: Path) -> None:
    """Create the missing folders above ``path`` (as dq always did), refusing one under a file."""
    from dq.load.outputs import OutputError

    above = path.parent
    while not above.exists() and above != above.parent:
        above = above.parent
    if above.exists() and not above.is_dir():
        raise OutputError(f"{flag} {path}: {above} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{flag} {path}: cannot create folder {path.parent} "
                          f"({exc.strerror or exc})") from None


def emit(path: str | Path | None, text: str) -> None:
    """``text`` to ``path`` atomically, or to standard output for ``-``/None."""
    if path is None or is_stdout(path):
        click.echo(text, nl=False)
        return
    from dq.load.outputs import atomic_write

    with atomic_write(path) as out:
        out.write(text)


def codes_of(option: str, value: str | None) -> list[str]:
    """``--ignore a,b`` as a checked list (an unknown code: exit 2 with "did you mean")."""
    from dq.cli.options import split_codes

    codes = split_codes(value) or []
    if not codes:  # nothing to check: dq.validate (0.05 s of imports) stays unloaded
        return codes
    from dq.errors import SuiteError, UsageError
    from dq.validate.suites import check_codes

    try:
        check_codes(codes, option=option)
    except SuiteError as exc:  # not about a suite: no "suite error:" prefix
        raise UsageError(str(exc)) from None
    return codes


def all_findings(result: ScanResult) -> pl.DataFrame:
    """Every finding of a scan: in memory, or read back from the file a streamed scan wrote."""
    totals = result.finding_totals
    if result.streamed and totals.written is not None and totals.written.exists():
        import polars as pl

        from dq.schema import FINDINGS_SCHEMA

        if totals.total == 0:
            return pl.DataFrame(schema=FINDINGS_SCHEMA)
        return pl.read_ndjson(totals.written, schema=FINDINGS_SCHEMA)
    return result.findings


@contextmanager
def named(flag: str, path: Path) -> Iterator[Path]:
    """:func:`~dq.load.outputs.atomic_output` whose every failure names the option and path."""
    from dq.load.outputs import OutputError, atomic_output

    try:
        with atomic_output(path) as tmp:
            yield tmp
    except OutputError:
        raise
    except OSError as exc:  # a device (/dev/full) is written in place, not renamed
        raise OutputError(f"{flag} {path}: {exc.strerror or exc}") from None
    except Exception as exc:
        import polars as pl

        if isinstance(exc, pl.exceptions.PolarsError):  # Parquet onto a full device
            raise OutputError(f"{flag} {path}: could not write it ({exc})") from None
        raise


def write_findings_file(findings: pl.DataFrame, path: Path) -> None:
    """``--findings``: JSON lines, atomically (a failed write leaves no half file)."""
    from dq.engine.findings import write_findings

    with named("--findings", path) as tmp:
        write_findings(findings, tmp)


def scratch(path: Path | None) -> Path | None:
    """Where a streamed scan writes its findings: beside ``path`` (so the final move is a
    rename) when that is a regular file's folder dq may write in, else the system's temp."""
    import os
    import stat

    if path is None or not os.access(path.parent, os.W_OK):
        return None
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        return None  # /dev/full, a pipe: written in place
    return path.parent


def move_findings(result: ScanResult, path: Path) -> None:
    """``--findings`` of a streamed scan: the file it wrote as it ran, renamed into place."""
    import shutil

    written = result.finding_totals.written
    with named("--findings", path) as tmp:
        if written is not None and written.exists():
            shutil.move(written, tmp)
        else:  # no batch had a record: an empty findings file
            tmp.write_text("", encoding="utf-8")


def write_signals_file(result: ScanResult, path: Path) -> None:
    """``--signals``: the signal table (Parquet), atomically."""
    with named("--signals", path) as tmp:
        if result.spilled is not None:
            result.spilled.sink(tmp)
        else:
            result.signals.write_parquet(tmp)


def hint_lines(result: ScanResult) -> list[str]:
    """``--map`` hints for files whose every record was quarantined for a missing column."""
    loaded = result.loaded
    if not loaded.quarantine:
        return []
    from dq.validate.hints import map_hints

    files = (loaded.articles["dq_file"].unique().to_list()
             if "dq_file" in loaded.articles.columns else [])
    return map_hints(loaded.quarantine, loaded_files=[str(f) for f in files])
