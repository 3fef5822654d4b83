"""``dq scan|validate|report --engine spark``: the commands' parameters, run on Spark.

Called by :func:`dq.cli.options.run_on_spark` with the command's click
parameters; returns the exit code. Outputs differ from the local engine's
only where Spark writes folders: ``--findings`` and ``--signals`` are
Parquet datasets, ``--quarantine`` a folder of JSON-lines parts (a path
ending ``.jsonl``) or a Parquet dataset.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import click

from dq.errors import HarnessError, UsageError

if TYPE_CHECKING:
    from dq.engine.request import ScanRequest
    from dq.load import LoadLimits
    from dq.spark._result import SparkScanResult
    from dq.validate.outcome import ValidationOutcome

EXIT_OK, EXIT_DATA = 0, 1
#: Functions of the calling command's module, by name (see :func:`run`).
Helpers = Mapping[str, Any]


def _request(params: Mapping[str, Any], limits: LoadLimits | None, helpers: Helpers,
             codes: list[str] | None = None) -> ScanRequest:
    from dq.engine.request import ScanRequest

    return ScanRequest.build(params["paths"], mapping=helpers["mapping"](params["mappings"]),
                             fmt=params["fmt"], codes=codes, batch_bytes=params["batch_size"],
                             limits=limits)


def _scan(master: str | None, request: ScanRequest) -> SparkScanResult:
    import dq.spark

    spark = dq.spark.session(master)
    return dq.spark.scan(spark, list(request.paths), request)


def _codes(text: str | None) -> list[str] | None:
    """``--codes a,b`` as a list (None: every code).

    >>> _codes(" a, b,,"), _codes(None)
    (['a', 'b'], None)
    """
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


def _print_scan(result: SparkScanResult, limit: int, console: Any) -> None:
    """The terminal table of the first ``limit`` findings, then the counts."""
    from rich.table import Table

    table = Table("record", "line", "code", "snippet")
    for row in result.first_findings(limit).iter_rows(named=True):
        table.add_row(row["record_id"], str(row["line"]), row["code"], row["snippet"])
    console.print(table)
    counts = ", ".join(f"{code}: {n}" for code, n in sorted(result.by_code.items()))
    console.print(f"{result.total_findings} findings ({counts}); {result.summary_line()}",
                  markup=False)


def _machine_output(result: SparkScanResult, fmt: str) -> str:
    """Every kept finding in ``--output-format`` ``fmt``, located (``file:row``).

    The one O(findings) collection of a Spark scan: the document holds every
    finding, so the driver holds them once (as the local engine does); the
    records themselves stay in Spark.
    """
    from dq.report.formats import issues_from_findings, render
    from dq.spark._result import collect_polars

    findings = collect_polars(result.findings)
    where = result.locations(findings.get_column("record_id").unique().to_list())
    return render(fmt, issues_from_findings(findings, where))


def _accepted(params: Mapping[str, Any], helpers: Helpers
              ) -> tuple[list[str], dict[tuple[str, str], int]]:
    """``--ignore`` (checked codes) and ``--baseline`` (read strictly), before the corpus."""
    from dq.validate.baseline import read_baseline

    ignored: list[str] = helpers["codes_of"]("--ignore", params.get("ignore"))
    path = params.get("baseline_path")
    return ignored, (read_baseline(path) if path is not None else {})


def _to_file(params: Mapping[str, Any], helpers: Helpers) -> str | None:
    """``--output-file`` when it names a file (its folder made), else None."""
    path = params.get("output_file")
    if path is None or helpers["is_stdout"](path):
        return None
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def scan(params: Mapping[str, Any], master: str | None, limits: LoadLimits | None,
         helpers: Helpers) -> int:
    """``dq scan --engine spark``: write the outputs; print the first findings and counts.

    As locally, ``--ignore`` and ``--baseline`` act on the findings (shown,
    written, counted for ``--fail-on``), not on the ``--signals`` table.
    """
    import io

    from rich.console import Console

    from dq.signals.registry import get

    ignored, baseline = _accepted(params, helpers)
    out_file, fmt = _to_file(params, helpers), params.get("output_format", "table")
    scanned = _scan(master, _request(params, limits, helpers, _codes(params["codes"])))
    result = scanned.accepting(ignored, baseline)
    scanned.write(signals=params["signals_path"], quarantine=params["quarantine_path"])
    result.write(findings=params["findings_path"])
    if fmt == "table" and out_file is not None:
        from dq.report.terminal import PIPE_WIDTH

        console = Console(highlight=False, width=PIPE_WIDTH, record=True,
                          file=io.StringIO())
        _print_scan(result, params["limit"], console)
        helpers["emit"](out_file, console.export_text())
    elif fmt == "table" or out_file is not None:
        _print_scan(result, params["limit"], Console(highlight=False))
    else:  # standard output carries the machine format: only the accounting, on stderr
        click.echo(f"{result.total_findings} findings; {result.summary_line()}", err=True)
    if fmt != "table":
        helpers["emit"](params.get("output_file"), _machine_output(result, fmt))
    fail_on = params.get("fail_on")
    if fail_on is None:
        return EXIT_OK
    failing = helpers["fail_on"][fail_on]
    bad = [c for c, n in result.by_code.items() if n and get(c).severity in failing]
    return EXIT_DATA if bad else EXIT_OK


def _offender_ids(outcome: ValidationOutcome) -> list[str]:
    return sorted({o.record_id for e in outcome.expectations for o in e.offenders})


def validate(params: Mapping[str, Any], master: str | None, limits: LoadLimits | None,
             helpers: Helpers) -> int:
    """``dq validate --engine spark``: the suite on the Spark signal table (GX's Spark source),
    less what ``--ignore`` and ``--baseline`` accept; the same outputs as locally."""
    import io

    from rich.console import Console

    from dq.report.formats import render_outcome
    from dq.report.json_result import render_json
    from dq.report.junit import render_junit
    from dq.report.markdown import render_markdown
    from dq.spark._validate import validate_result
    from dq.validate.console import print_outcome
    from dq.validate.run import prepare
    from dq.validate.suites import find_suite

    suite_path = find_suite(params["suite_name"])
    ignored, baseline = _accepted(params, helpers)
    spec, built = prepare(suite_path)  # a broken suite fails before the corpus is read
    out_file, fmt = _to_file(params, helpers), params.get("output_format", "table")
    result = _scan(master, _request(params, limits, helpers)).accepting(ignored, baseline)
    outcome = validate_result(result, spec, built).with_strict(params["strict"])
    where = result.locations(_offender_ids(outcome))  # the offenders only: few
    outcome = outcome.with_locations(where)
    files = (params["junit_path"], params["markdown_path"], params["json_path"])
    busy = any(helpers["is_stdout"](p) for p in files) or (fmt != "table" and out_file is None)
    print_outcome(outcome, limit=params["limit"], hints=[],
                  console=Console(highlight=False, soft_wrap=True, stderr=busy))
    renders: dict[str, Callable[[], str]] = {
        "junit_path": lambda: render_junit(outcome),
        "markdown_path": lambda: render_markdown(outcome, limit=params["limit"]),
        "json_path": lambda: render_json(outcome),
    }
    for name, render in renders.items():
        if params[name] is not None:
            if not helpers["is_stdout"](params[name]):  # as the local command's checks do
                Path(params[name]).parent.mkdir(parents=True, exist_ok=True)
            helpers["emit"](params[name], render())
    if fmt != "table":
        helpers["emit"](params.get("output_file"), render_outcome(fmt, outcome, where))
    elif out_file is not None:
        record = Console(highlight=False, soft_wrap=True, record=True, file=io.StringIO())
        print_outcome(outcome, limit=params["limit"], console=record, hints=[])
        helpers["emit"](out_file, record.export_text())
    return EXIT_OK if outcome.success else EXIT_DATA


def report(params: Mapping[str, Any], master: str | None, limits: LoadLimits | None,
           helpers: Helpers) -> int:
    """``dq report --engine spark``: rates in Spark, the same page and history."""
    from dq.report.html_data import DEFAULT_FACTOR, DEFAULT_WINDOW, RegressionRule
    from dq.report.nightly import ReportOptions
    from dq.spark._report import run_spark_report

    suite = helpers["suite"](params["suite_path"], params["no_suite"])
    out: Path = params["out"]
    helpers["check_out"](out)
    rule = RegressionRule(
        factor=DEFAULT_FACTOR if params["factor"] is None else params["factor"],
        window=DEFAULT_WINDOW if params["window"] is None else params["window"],
        min_change=params["min_change"],
    )
    opts = ReportOptions(suite=suite, history=params["history_path"], rule=rule,
                         trend_runs=params["trend_runs"], examples=params["examples"],
                         run_id=params["run_id"], gx_docs=params["gx_docs"])
    request = _request(params, limits, helpers)
    result = run_spark_report(_scan(master, request), list(params["paths"]), out, opts)
    regressed = bool(helpers["show"](result))
    return EXIT_DATA if params["fail_on_regression"] and regressed else EXIT_OK


_COMMANDS: Final = {"scan": scan, "validate": validate, "report": report}


def run(command: str, params: Mapping[str, Any], master: str | None,
        limits: LoadLimits | None, helpers: Helpers) -> int:
    """Run ``command`` (``scan``, ``validate``, ``report``) on Spark; the exit code.

    ``helpers``: functions of the command's module (``mapping``, and ``fail_on``,
    ``emit``/``is_stdout`` or ``suite``/``check_out``/``show``), passed in so
    that this module imports nothing from :mod:`dq.cli`.
    """
    try:
        return _COMMANDS[command](params, master, limits, helpers)
    except (click.ClickException, UsageError):
        raise
    except Exception as exc:
        if type(exc).__module__.startswith(("pyspark", "py4j")):
            # one line (exit 2): a Spark failure is never a data failure
            raise HarnessError(f"spark: {type(exc).__name__}: "
                             f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
                             ) from None
        raise
