"""``dq validate`` and ``dq suite``: gate a corpus with a suite, and read or scaffold suites.

Why a module of its own: :mod:`dq.cli` registers these commands at start-up,
so this module must stay as light as click itself. Polars, pandas and
Great Expectations are imported inside the commands that need them.

Exit codes of ``dq validate``: 0 every expectation passed, 1 the data
failed at least one, 2 the input, the suite or the harness is broken (a GX
metric that crashes is never reported as a data failure).
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dq.cli.options import (
    EXIT_DATA,
    EXIT_OK,
    format_option,
    map_option,
    parse_mappings,
    stream_options,
    threads_option,
)
from dq.errors import DqError, UsageError

if TYPE_CHECKING:
    from dq.validate.suites import SuiteSpec

#: Default folder of suites for ``dq suite list``.
SUITES_DIR = Path("expectations")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--suite", "suite_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Suite JSON file, e.g. expectations/pre-merge.json.")
@map_option
@format_option
@click.option("--junit", "junit_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write JUnit XML: one testcase per expectation.")
@click.option("--markdown", "markdown_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a Markdown summary (fits $GITHUB_STEP_SUMMARY).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the full result: GX's result plus dq's findings per expectation.")
@click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True,
              help="Offending records shown per failed expectation (files get all of them).")
@stream_options
@threads_option
def validate(
    paths: tuple[str, ...],
    suite_path: Path,
    mappings: tuple[str, ...],
    fmt: str | None,
    junit_path: Path | None,
    markdown_path: Path | None,
    json_path: Path | None,
    limit: int,
    stream: bool | None,
    batch_size: int | None,
) -> None:
    """Validate the corpus at PATHS against a suite; exit 0 pass, 1 data failed, 2 error.

    A large input (or --stream) is scanned a batch at a time; offending
    records are all listed, with the findings of the first ones per reason code.
    """
    try:
        success = _validate(
            paths, suite_path, mappings, fmt, junit_path, markdown_path, json_path, limit,
            stream, batch_size,
        )
    except (click.ClickException, DqError, OSError):
        raise  # exit 2 in dq.cli.DqGroup
    except Exception as exc:
        # A crash in dq or GX must not exit 1, which CI reads as "the data failed".
        traceback.print_exc()
        raise DqError(
            f"internal error (not a data failure): {type(exc).__name__}: {exc}"
        ) from None
    sys.exit(EXIT_OK if success else EXIT_DATA)


def _validate(
    paths: tuple[str, ...],
    suite_path: Path,
    mappings: tuple[str, ...],
    fmt: str | None,
    junit_path: Path | None,
    markdown_path: Path | None,
    json_path: Path | None,
    limit: int,
    stream: bool | None,
    batch_size: int | None,
) -> bool:
    from dq.engine.request import ScanRequest
    from dq.validate import validate_corpus

    request = ScanRequest.build(
        paths, mapping=parse_mappings(mappings), fmt=fmt, stream=stream,
        batch_bytes=batch_size, kept_records=limit,
    )
    from dq.cli.progress import run_with_progress
    outcome = run_with_progress("validate", request, validate_corpus, suite_path).outcome

    from dq.validate.console import print_outcome

    print_outcome(outcome, limit=limit)
    if junit_path is not None:
        from dq.report.junit import write_junit

        write_junit(outcome, junit_path)
    if markdown_path is not None:
        from dq.report.markdown import write_markdown

        write_markdown(outcome, markdown_path, limit=limit)
    if json_path is not None:
        from dq.report.json_result import write_json

        write_json(outcome, json_path)
    return outcome.success


@click.group()
def suite() -> None:
    """Read, explain and scaffold expectation suites (plain GX JSON files)."""


def _read(path: Path) -> SuiteSpec:
    from dq.validate import read_suite

    return read_suite(path)  # a SuiteError: exit 2 in dq.cli.DqGroup


@suite.command(name="list")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def list_(path: Path | None) -> None:
    """One line per expectation of the suite FILE; for a folder (expectations/): its suites."""
    target = path or SUITES_DIR
    if target.is_dir():
        files = sorted(target.glob("*.json"))
        if not files:
            raise UsageError(f"{target}: no suite files (*.json)")
        for f in files:
            spec = _read(f)
            click.echo(f"{f}  {spec.name}: {len(spec.expectations)} expectations")
        return
    from dq.validate import describe

    spec = _read(target)
    click.echo(f"{spec.name} ({target}): {len(spec.expectations)} expectations")
    for e in spec.expectations:
        click.echo(f"  {e.key}  {describe(e)}")


@suite.command()
@click.argument("path", type=click.Path(path_type=Path))
def show(path: Path) -> None:
    """Explain each expectation of the suite FILE in words: what, why, allowed, as written."""
    import json

    from dq.signals.registry import REGISTRY
    from dq.validate import describe
    from dq.validate.words import threshold

    spec = _read(path)
    families = {s.code: s.family for s in REGISTRY}
    click.echo(f"{spec.name} ({path}): {len(spec.expectations)} expectations")
    for key in ("description", "calibration"):
        if key in spec.meta:
            click.echo(f"{key}: {spec.meta[key]}")
    for e in spec.expectations:
        guards = (
            f"{e.code} ({families[e.code]})" if e.code in families
            else f"{e.code} (the family: any of its reason codes)"
        )
        click.echo("")
        click.echo(f"{e.key}: {describe(e)}")
        click.echo(f"  guards:  {guards}")
        click.echo(f"  why:     {e.rationale}")
        click.echo(f"  allowed: {threshold(e)}")
        click.echo(f"  as GX:   {e.type} {json.dumps(dict(e.kwargs), sort_keys=True)}")


@suite.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--mostly", type=click.FloatRange(0.0, 1.0, min_open=True), default=None,
              help="Share of records that must be clean (e.g. 0.99) instead of every record.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(path: Path, mostly: float | None, force: bool) -> None:
    """Scaffold a suite at PATH from the signal registry: one expectation per reason code."""
    from dq.validate.scaffold import scaffold_suite, write_suite

    if path.exists() and not force:
        raise UsageError(f"{path} exists; pass --force to overwrite it")
    data = scaffold_suite(path.stem, mostly=mostly)
    write_suite(data, path)
    _read(path)  # what we wrote must load strictly
    n = len(data["expectations"])
    click.echo(f"wrote {path}: {n} expectations; edit thresholds and rationales")
