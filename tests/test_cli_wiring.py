"""The phase-2 CLI wiring, tried as a user would: each flag end to end through ``dq``.

Why end to end: the library functions behind these flags have their own
tests; what broke before was the command not calling them (a ``--format``
nobody could find, a ``dq clean`` traceback, a silent minute of scanning).
Commands run through ``CliRunner`` (not a terminal: no bar) or, for the
progress bar, in a pseudo-terminal (``pty``), as a user's shell runs them.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import click
import polars as pl
import pytest
from click.testing import CliRunner

from dq.cli import main
from dq.cli import options as cli_options
from dq.errors import DqError

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "articles.jsonl"
#: The closing line: ``1,234 records · 5.0 MB in 2.0 s (2.5 MB/s)``.
#: A progress line: the command's name at the start of a line, then the bar.
BAR = r"(?m)(^|\r)\s*{label}\s+[━╸╺ ]*━"
SUMMARY = re.compile(r"[\d,]+ records · [\d.]+ MB in [\d.]+ s \(([\d.]+|-) MB/s\)")


def _run(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def _no_traceback(result: Any) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": "1", "text": "Hello world .\nRead more\nThis is a test article."})
        + "\n" + json.dumps({"id": "2", "text": "Plain text here."}) + "\n",
        encoding="utf-8",
    )
    return path


# --- -q / -v, --input-format -------------------------------------------------------------


def _leaves(command: click.Command, name: str = "dq") -> list[tuple[str, click.Command]]:
    # list_commands/get_command, not .commands: dq's group loads a subcommand on first use
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        found = ((n, command.get_command(ctx, n)) for n in command.list_commands(ctx))
        return [leaf for n, c in found if c is not None for leaf in _leaves(c, f"{name} {n}")]
    return [(name, command)]


def test_every_command_takes_quiet_and_verbose() -> None:
    leaves = _leaves(main)
    assert len(leaves) >= 10
    for name, command in leaves:
        opts = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {"-q", "--quiet", "-v", "--verbose"} <= opts, name


def test_input_format_is_the_name_and_format_a_deprecated_alias(small: Path) -> None:
    new = _run("scan", small, "--input-format", "jsonl")
    assert new.exit_code == 0, new.output
    assert "deprecated" not in new.stderr
    old = _run("scan", small, "--format", "jsonl")
    assert old.exit_code == 0, old.output
    warnings = [line for line in old.stderr.splitlines() if "deprecated" in line]
    assert warnings == ["warning: --format is deprecated; use --input-format"]
    assert old.stdout == new.stdout
    assert "deprecated" not in _run("scan", small, "--format", "jsonl", "-q").stderr
    clash = _run("scan", small, "--format", "jsonl", "--input-format", "csv")
    assert clash.exit_code == 2 and "disagree" in clash.output
    assert "--input-format" in _run("clean", "--help").output


def test_help_lists_input_format_not_format() -> None:
    text = _run("validate", "--help").output
    assert "--input-format" in text
    assert re.search(r"^\s+--format\b", text, re.MULTILINE) is None


def test_verbose_prints_the_closing_line_off_a_terminal(small: Path) -> None:
    quiet = _run("scan", small)
    assert SUMMARY.search(quiet.stderr) is None  # not a terminal: nothing extra
    loud = _run("scan", small, "-v")
    assert loud.exit_code == 0
    match = SUMMARY.search(loud.stderr)
    assert match is not None and match.group(0).startswith("2 records")
    assert SUMMARY.search(loud.stdout) is None  # stdout stays the command's output


# --- the progress bar, in a pseudo-terminal ----------------------------------------------


def _in_pty(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``dq ARGS`` with stdin/stdout/stderr on a pseudo-terminal; (exit code, output)."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "120", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "dq.cli", *args],
        stdin=terminal, stdout=terminal, stderr=terminal, cwd=cwd, env=env, close_fds=True,
    )
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], 120)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not data:
            break
        chunks.append(data)
    os.close(controller)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("command", ["scan", "clean"])
def test_progress_bar_and_closing_line_on_a_terminal(
    command: str, small: Path, tmp_path: Path
) -> None:
    extra = ["--out", str(tmp_path / "c.parquet")] if command == "clean" else []
    code, shown = _in_pty([command, str(small), *extra], tmp_path)
    assert code == 0, shown
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    assert re.search(BAR.format(label=command), plain), plain  # labelled with the command
    assert "2 records" in plain
    match = SUMMARY.search(plain)
    assert match is not None, plain
    assert match.group(0).startswith("2 records")


def test_quiet_draws_no_bar_on_a_terminal(small: Path, tmp_path: Path) -> None:
    code, shown = _in_pty(["scan", str(small), "-q"], tmp_path)
    assert code == 0, shown
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    assert SUMMARY.search(plain) is None
    assert re.search(BAR.format(label="scan"), plain) is None
    assert "1 records: 1 loaded" not in plain and "2 records: 2 loaded" in plain


# --- dq codes --json, dq history --json --------------------------------------------------


def test_codes_json_lists_every_code_of_the_registry() -> None:
    from dq.signals.registry import REGISTRY

    result = _run("codes", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows] == [s.code for s in REGISTRY]
    assert {"code", "family", "severity", "description"} <= set(rows[0])


@pytest.mark.slow
def test_history_json_after_two_reports(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "rep"
    for run_id in ("r1", "r2"):
        result = _run("report", small, "--no-suite", "--out", out, "--run-id", run_id)
        assert result.exit_code == 0, result.output
        assert not (out / run_id / "gx").exists()  # GX Data Docs are off by default
    shown = _run("history", out / "history.duckdb", "--json", "--codes", "read_more")
    assert shown.exit_code == 0, shown.output
    doc = json.loads(shown.stdout)
    assert [r["run_id"] for r in doc["runs"]] == ["r1", "r2"]
    assert all(set(r["rates"]) == {"read_more"} for r in doc["runs"])
    assert doc["runs"][0]["rates"]["read_more"]["rate"] == pytest.approx(0.5)


# --- dq eval ---------------------------------------------------------------------------


def _write_jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_eval_bad_labels_and_glued_cases_exit_2(tmp_path: Path) -> None:
    short = _write_jsonl(tmp_path / "short.jsonl", {"text": "a\nb", "labels": [1]})
    result = _run("eval", short)
    _no_traceback(result)
    assert "short.jsonl" in result.output and "labels" in result.output
    glued = _write_jsonl(tmp_path / "glued.jsonl", {"text": "x", "is_glued": True})
    result = _run("eval", glued)
    _no_traceback(result)
    assert "glued" in result.output


def test_eval_floors_key_matching_no_file_exits_2(tmp_path: Path) -> None:
    labelled = _write_jsonl(tmp_path / "ok.jsonl", {"text": "a\nb", "labels": [1, 0]})
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"okk.jsonl": {"macro": {"f1": 0.1}}}), encoding="utf-8")
    result = _run("eval", labelled, "--floors", floors)
    _no_traceback(result)
    assert "okk.jsonl" in result.output and "did you mean 'ok.jsonl'" in result.output


# --- dq clean ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "read"),
    [(".parquet", pl.read_parquet), (".jsonl", pl.read_ndjson), (".csv", pl.read_csv)],
)
def test_clean_writes_the_format_its_suffix_names(
    small: Path, tmp_path: Path, suffix: str, read: Any
) -> None:
    out = tmp_path / "new" / f"cleaned{suffix}"
    result = _run("clean", small, "--out", out)
    assert result.exit_code == 0, result.output
    frame = read(out)
    assert frame["text"].to_list()[0] == "Hello world.\nThis is a test article."
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no temporary left


def test_clean_refuses_an_unknown_suffix_before_reading(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "cleaned.txt"
    result = _run("clean", tmp_path / "missing.jsonl", "--out", out)
    _no_traceback(result)
    assert "cleaned.txt" in result.output and ".parquet" in result.output
    assert not out.exists()


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.jsonl"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("case", "named"),
    [
        ("missing", "missing.jsonl"),
        ("glob", "nothing-*.jsonl"),
        ("empty-folder", "empty"),
        ("dev-null", "/dev/null"),
        ("fifo", "pipe.jsonl"),
        ("wrong-map", "body"),
        ("out-is-input", "a.jsonl"),
        ("out-under-a-file", "a.jsonl"),
        ("out-on-dev-full", "/dev/full"),
    ],
)
def test_clean_load_errors_exit_2_without_traceback(
    small: Path, tmp_path: Path, case: str, named: str
) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "c.parquet"
    args: list[str | Path] = {
        "missing": [tmp_path / "missing.jsonl"],
        "glob": [str(tmp_path / "nothing-*.jsonl")],
        "empty-folder": [tmp_path / "empty"],
        "dev-null": ["/dev/null"],
        "fifo": [_fifo(tmp_path)] if case == "fifo" else [],
        "wrong-map": [small, "--map", "text=body"],
        "out-is-input": [small],
        "out-under-a-file": [small],
        "out-on-dev-full": [small],
    }[case]
    if case == "out-is-input":
        out = small
    elif case == "out-under-a-file":
        out = small / "c.parquet"
    elif case == "out-on-dev-full":
        out = Path("/dev/full/c.parquet")
    before = small.read_bytes()
    result = _run("clean", *args, "--out", out)
    _no_traceback(result)
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and named in errors[0], result.output
    assert small.read_bytes() == before
    if case != "out-is-input":
        assert not (tmp_path / "c.parquet").exists()


# --- limits, threads, formats, errors ---------------------------------------------------


def test_limit_flags_reach_the_loader_in_clean(tmp_path: Path) -> None:
    big = _write_jsonl(tmp_path / "big.jsonl", {"id": "big", "text": "word " * 300_000},
                       {"id": "small", "text": "A short text."})
    result = _run("clean", big, "--out", tmp_path / "c.jsonl", "--max-record-mb", "1",
                  "--quarantine", tmp_path / "q.jsonl")
    assert result.exit_code == 0, result.output
    assert "1 loaded, 1 quarantined (record_too_large: 1)" in result.output
    assert pl.read_ndjson(tmp_path / "c.jsonl")["id"].to_list() == ["small"]


@pytest.mark.slow
def test_limit_flags_travel_in_the_scan_request(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dq.engine.scan
    from dq.load import LoadLimits

    seen: list[Any] = []
    real = dq.engine.scan.run

    def spy(request: Any, **kwargs: Any) -> Any:
        seen.append(request.limits)
        return real(request, **kwargs)

    monkeypatch.setattr(dq.engine.scan, "run", spy)
    result = _run("scan", small, "--max-record-mb", "2", "--max-nesting", "8",
                  "--max-expansion", "5")
    assert result.exit_code == 0, result.output
    assert seen == [LoadLimits(max_record_bytes=2 * 2**20, max_nesting=8, max_expansion=5)]
    _run("scan", small)
    assert seen[-1] is None  # no flag: the loader's defaults


@pytest.mark.slow
def test_threads_are_clamped_with_a_warning(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLARS_MAX_THREADS", "1")
    result = _run("scan", small, "--threads", "100000")
    assert result.exit_code == 0, result.output
    most = cli_options.max_threads()
    assert f"warning: --threads 100000 is more than 4x the {os.cpu_count()} cores; using {most}" \
        in result.stderr
    assert os.environ["POLARS_MAX_THREADS"] == str(most)


def test_input_formats_of_the_cli_are_the_loaders() -> None:
    from dq.load import FORMATS

    assert tuple(FORMATS) == cli_options.INPUT_FORMATS


def test_eval_and_output_format_errors_are_dq_errors() -> None:
    from dq.clean._write import OutputFormatError
    from dq.evaluate.errors import EvalInputError

    for cls in (EvalInputError, OutputFormatError):
        assert issubclass(cls, DqError) and issubclass(cls, ValueError)


@pytest.mark.slow
def test_report_names_the_right_extra_when_duckdb_is_missing(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb -> ImportError
    result = _run("report", small, "--no-suite", "--out", tmp_path / "rep")
    _no_traceback(result)
    assert "duckdb is missing: pip install 'dq-harness[report]'" in result.output
    history = _run("history", tmp_path / "h.duckdb")
    assert history.exit_code == 2


def test_report_charts_draw_each_codes_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import dq.report.charts
    from dq.report.nightly import _charts

    calls: list[Any] = []
    monkeypatch.setattr(dq.report.charts, "trend_svg", lambda points, **kw: calls.append(kw))

    class Row:
        def __init__(self, code: str, threshold: float | None) -> None:
            self.code, self.threshold, self.kind = code, threshold, "code"

    class Rate:
        def __init__(self, row: Row) -> None:
            self.row = row

    class Data:
        rates: ClassVar = [Rate(Row("read_more", 0.01)), Rate(Row("too_short", None))]

    monkeypatch.setattr(
        "dq.report.nightly.trend_points", lambda data, runs: (["r1"], {"t": []})
    )
    _charts(Data(), 5)  # type: ignore[arg-type]
    assert calls[0]["limits"] == {"read_more": 0.01, "too_short": None}


def test_eval_refuses_to_write_its_json_over_an_input(tmp_path: Path) -> None:
    labelled = _write_jsonl(tmp_path / "ok.jsonl", {"text": "a\nb", "labels": [1, 0]})
    before = labelled.read_bytes()
    result = _run("eval", labelled, "--json", labelled)
    _no_traceback(result)
    assert "is an input of this run" in result.output
    assert labelled.read_bytes() == before


@pytest.mark.slow
def test_validate_warns_on_a_suite_with_no_expectations_of_its_own(tmp_path: Path) -> None:
    """Issue 17 E: a suite with no expectations must not pass the gate silently."""
    suite = tmp_path / "empty.json"
    suite.write_text('{"name": "empty", "expectations": []}', encoding="utf-8")
    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.run(
        [sys.executable, "-m", "dq.cli", "validate", str(repo / "corpus"), "--suite", str(suite)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0
    assert "checks no signal of the corpus" in proc.stderr
