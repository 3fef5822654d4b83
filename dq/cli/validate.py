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
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dq.cli import _gate
from dq.cli.options import (
    EXIT_DATA,
    EXIT_OK,
    engine_options,
    format_option,
    map_option,
    parse_mappings,
    run_on_spark,
    stream_options,
    threads_option,
)
from dq.errors import DqError, UsageError

if TYPE_CHECKING:
    import polars as pl

    from dq.engine.request import ScanRequest
    from dq.engine.result import ScanResult
    from dq.validate.outcome import ValidationOutcome
    from dq.validate.suites import SuiteSpec

#: Default folder of suites for ``dq suite list``.
SUITES_DIR = Path("expectations")


_OUT = _gate.OUT_FILE


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--suite", "suite_name", required=True, metavar="NAME|FILE",
              help="Suite name (pre-merge: expectations/pre-merge.json) or suite JSON file.")
@map_option
@format_option
@click.option("--junit", "junit_path", type=_OUT, metavar="FILE|-",
              help="Write JUnit XML: one testcase per expectation (- for standard output).")
@click.option("--markdown", "markdown_path", type=_OUT, metavar="FILE|-",
              help="Write a Markdown summary (fits $GITHUB_STEP_SUMMARY; - for standard output).")
@click.option("--json", "json_path", type=_OUT, metavar="FILE|-",
              help="Write the full result: GX's result plus dq's findings per expectation.")
@click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True,
              help="Offending records shown per failed expectation (files get all of them).")
@click.option("--strict", is_flag=True,
              help="Fail the gate on warning-severity expectations too.")
@_gate.ignore_option
@_gate.baseline_option
@_gate.format_choice
@_gate.output_file
@engine_options
@stream_options
@threads_option
def validate(paths: tuple[str, ...], suite_name: str, **options: Any) -> None:
    """Validate the corpus at PATHS against a suite; exit 0 pass, 1 data failed, 2 error.

    A large input (or --stream) is scanned a batch at a time; offending
    records are all listed, with the findings of the first ones per reason code.
    """
    # --engine spark: dq.spark runs it
    run_on_spark("validate", emit=_gate.emit, is_stdout=_gate.is_stdout, codes_of=_gate.codes_of)
    try:
        success = _validate(paths, suite_name, ValidateOptions.of(options))
    except (click.ClickException, DqError, OSError):
        raise  # exit 2 in dq.cli.DqGroup
    except Exception as exc:
        # A crash in dq or GX must not exit 1, which CI reads as "the data failed".
        import traceback  # only on a crash (not imported by `dq --help`)

        traceback.print_exc()
        raise DqError(
            f"internal error (not a data failure): {type(exc).__name__}: {exc}"
        ) from None
    sys.exit(EXIT_OK if success else EXIT_DATA)


@dataclass(frozen=True)
class ValidateOptions:
    """``dq validate``'s options besides the paths and the suite."""

    mappings: tuple[str, ...]
    fmt: str | None
    junit_path: str | None
    markdown_path: str | None
    json_path: str | None
    limit: int
    strict: bool
    ignore: str | None
    baseline_path: Path | None
    output_format: str
    output_file: str | None
    stream: bool | None
    batch_size: int | None

    #: Options of shared decorators this dataclass does not name (passed on untouched).
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> ValidateOptions:
        """From click's keyword arguments; options added by shared decorators go to ``extra``."""
        names = {f.name for f in fields(cls)} - {"extra"}
        return cls(**{k: v for k, v in options.items() if k in names},
                   extra={k: v for k, v in options.items() if k not in names})

    def outputs(self) -> dict[str, str | None]:
        return {"--junit": self.junit_path, "--markdown": self.markdown_path,
                "--json": self.json_path, "--output-file": self.output_file}


def _validate(paths: tuple[str, ...], suite_name: str, opts: ValidateOptions) -> bool:
    from dq.validate.suites import find_suite

    suite_path = find_suite(suite_name)
    ignored = _gate.codes_of("--ignore", opts.ignore)
    inputs: list[str | Path] = [*paths, suite_path]
    if opts.baseline_path is not None:
        inputs.append(opts.baseline_path)
    _gate.check_all(inputs, opts.outputs(), opts.fmt)
    from dq.engine.request import ScanRequest
    from dq.validate.baseline import read_baseline

    accepted = read_baseline(opts.baseline_path) if opts.baseline_path is not None else {}
    request = ScanRequest.build(
        paths, mapping=parse_mappings(opts.mappings), fmt=opts.fmt, stream=opts.stream,
        batch_bytes=opts.batch_size, kept_records=opts.limit,
    )
    scan, outcome = _run(request, suite_path, ignored, accepted)
    from dq.report.formats import locations

    outcome = outcome.with_strict(opts.strict).with_locations(locations(scan.loaded.articles))
    _write(scan, outcome, opts)
    return outcome.success


def _run(request: ScanRequest, suite_path: Path, ignored: list[str],
         accepted: dict[tuple[str, str], int]) -> tuple[ScanResult, ValidationOutcome]:
    """Scan, then validate the signal table less what --ignore and --baseline accept."""
    import polars as pl

    from dq.cli.progress import run_with_progress
    from dq.engine.scan import run
    from dq.schema import ID
    from dq.validate.baseline import (
        apply_to_signals,
        baseline_from_findings,
        drop_codes,
        filter_findings,
    )
    from dq.validate.run import prepare, validate_table

    spec, built = prepare(suite_path)  # a broken suite fails before the corpus is read
    from dq.validate.runtable import is_run_column

    # only run-table checks: any readable corpus passes
    if all(is_run_column(c) for c in spec.columns()):
        click.echo(f"warning: {suite_path}: the suite checks no signal of the corpus "
                   "(no expectations of its own); only unread data can fail it", err=True)
    scan = run_with_progress("validate", request, run)  # bar, summary, --max-* limits
    findings = scan.findings
    signals = scan.signal_columns([ID, *spec.columns()])
    if ignored:
        dropped = baseline_from_findings(findings.filter(pl.col("code").is_in(ignored)))
        signals = apply_to_signals(_with_codes(scan, signals, ignored), dropped)
        findings = drop_codes(findings, ignored)
    if accepted:
        signals = apply_to_signals(_with_codes(scan, signals, _codes(accepted)), accepted)
        findings = filter_findings(findings, accepted)
    signals = signals.select([c for c in signals.columns
                              if c in {ID, *spec.columns()}])
    outcome = validate_table(signals, findings, spec, seen=scan.loaded.seen,
                             quarantined=len(scan.loaded.quarantine), built=built)
    return scan, outcome


def _codes(accepted: dict[tuple[str, str], int]) -> list[str]:
    return sorted({code for _, code in accepted})


def _with_codes(scan: ScanResult, signals: pl.DataFrame, codes: list[str]) -> pl.DataFrame:
    """``signals`` plus the code columns (and their family totals) a subtraction needs."""
    from dq.schema import ID
    from dq.signals.registry import REGISTRY

    families = {s.family for s in REGISTRY if s.code in codes}
    members = [s.code for s in REGISTRY if s.family in families and not s.positive]
    wanted = [*signals.columns, *codes, *members, *sorted(f"n_{f}" for f in families)]
    missing = [c for c in dict.fromkeys(wanted) if c not in signals.columns]
    if not missing:
        return signals
    # only the missing columns come from the scan (same rows, same order): refetching all
    # of them lost what an earlier subtraction (--ignore before --baseline) had taken off
    full = scan.signal_columns([ID, *missing])
    return signals.with_columns(full.select([c for c in missing if c in full.columns]))


def _write(scan: ScanResult, outcome: ValidationOutcome, opts: ValidateOptions) -> None:
    """The console report (stderr when stdout carries a machine format), then each output."""
    from rich.console import Console

    from dq.report.formats import locations, render_outcome
    from dq.report.json_result import render_json
    from dq.report.junit import render_junit
    from dq.report.markdown import render_markdown
    from dq.validate.console import print_outcome

    machine = opts.output_format != "table"
    files = (opts.junit_path, opts.markdown_path, opts.json_path)
    busy = any(_gate.is_stdout(p) for p in files) or (
        machine and (opts.output_file is None or _gate.is_stdout(opts.output_file)))
    console = Console(highlight=False, soft_wrap=True, stderr=busy)
    print_outcome(outcome, limit=opts.limit, console=console, hints=_gate.hint_lines(scan))
    if opts.junit_path is not None:
        _gate.emit(opts.junit_path, render_junit(outcome))
    if opts.markdown_path is not None:
        _gate.emit(opts.markdown_path, render_markdown(outcome, limit=opts.limit))
    if opts.json_path is not None:
        _gate.emit(opts.json_path, render_json(outcome))
    if opts.output_format != "table":
        where = locations(scan.loaded.articles)
        _gate.emit(opts.output_file, render_outcome(opts.output_format, outcome, where))
    elif opts.output_file is not None and not _gate.is_stdout(opts.output_file):
        import io

        record = Console(highlight=False, soft_wrap=True, record=True, file=io.StringIO())
        print_outcome(outcome, limit=opts.limit, console=record, hints=_gate.hint_lines(scan))
        _gate.emit(opts.output_file, record.export_text())


@click.group()
def suite() -> None:
    """Read, explain and scaffold expectation suites (plain GX JSON files)."""


def _read(path: Path) -> SuiteSpec:
    """The suite, checked as ``dq validate`` checks it (GX builds every expectation),
    so ``suite list`` and ``show`` refuse what ``validate`` refuses (issue 17)."""
    from dq.validate import read_suite
    from dq.validate._gx import build_suite

    spec = read_suite(path)  # a SuiteError: exit 2 in dq.cli.DqGroup
    build_suite(spec)
    return spec


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
