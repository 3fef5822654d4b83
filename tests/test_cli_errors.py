"""Every ``dq`` command turns a user's mistake into exit 2 and one line naming the file.

Why: CI reads exit 1 as "the data failed"; a missing path, a file dq cannot
read or write, or an unknown reason code must never look like that, nor
print a traceback. Each case runs a command end to end (``CliRunner``, no
exceptions caught by the runner) and checks the exit code, that no
traceback was printed, and that the one ``Error:`` line names what was wrong.

Data files that cannot be read are *quarantined*, not errors (a corpus with
one broken file still gets scanned): the "unreadable file" of scan and clean
is an output they cannot write, of validate and report a suite, of history
a history file, of eval a labelled file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dq.cli import main
from dq.errors import (
    DqError,
    HarnessError,
    HistoryError,
    LoadError,
    ReportError,
    SuiteError,
    UnknownCode,
    UsageError,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "articles.jsonl"
PRE_MERGE = REPO / "expectations" / "pre-merge.json"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Broken inputs: a non-JSON file, a suite naming an unknown code, a file used as a folder."""
    folder = tmp_path_factory.mktemp("broken")
    garbage = folder / "garbage.json"
    garbage.write_bytes(b"\x00\xff not json {")
    unknown = folder / "unknown-code.json"
    suite = json.loads(PRE_MERGE.read_text(encoding="utf-8"))
    suite["expectations"] = [
        {
            "type": "expect_column_values_to_be_between",
            "kwargs": {"column": "no_such_code", "min_value": 0, "max_value": 0},
            "meta": {"code": "no_such_code", "rationale": "a code dq does not have"},
        }
    ]
    unknown.write_text(json.dumps(suite), encoding="utf-8")
    plain = folder / "plain-file"
    plain.write_text("not a folder\n", encoding="utf-8")
    labelled = folder / "labels.jsonl"
    labelled.write_text('{"text": "a\\nb", "labels": [0]}\n', encoding="utf-8")
    return {
        "missing": folder / "no-such-file.jsonl",
        "garbage": garbage,
        "unknown_suite": unknown,
        "under_file": plain / "out.jsonl",
        "plain": plain,
        "labelled": labelled,
        "out": folder / "out",
    }


def _cases(f: dict[str, Path]) -> dict[str, tuple[list[str], Path | str]]:
    """Case name -> (arguments, what the error line must name)."""
    corpus, missing, garbage = str(CORPUS), str(f["missing"]), str(f["garbage"])
    out = f["out"]
    report = ["report", "--no-gx-docs", "--out", str(out / "rep"), "--run-id", "r"]
    return {
        "scan/missing": (["scan", missing], f["missing"]),
        "scan/unwritable": (["scan", corpus, "--findings", str(f["under_file"])], f["plain"]),
        "scan/unknown-code": (
            ["scan", corpus, "--codes", "back_to_top,no_such_code"], "no_such_code"
        ),
        "scan/bad-map": (["scan", corpus, "--map", "body=text"], "body=text"),
        "validate/missing": (["validate", missing, "--suite", str(PRE_MERGE)], f["missing"]),
        "validate/unreadable": (["validate", corpus, "--suite", garbage], f["garbage"]),
        "validate/unknown-code": (
            ["validate", corpus, "--suite", str(f["unknown_suite"])], "no_such_code"
        ),
        "report/missing": ([*report, missing, "--no-suite"], f["missing"]),
        "report/unreadable": ([*report, corpus, "--suite", garbage], f["garbage"]),
        "report/unknown-code": (
            [*report, corpus, "--suite", str(f["unknown_suite"])], "no_such_code"
        ),
        "report/unreadable-history": (
            [*report, corpus, "--no-suite", "--history", garbage], f["garbage"]
        ),
        "clean/missing": (["clean", missing, "--out", str(out / "c.parquet")], f["missing"]),
        "clean/unwritable": (["clean", corpus, "--out", str(f["under_file"])], f["plain"]),
        "clean/unknown-code": (
            ["clean", corpus, "--out", str(out / "c.parquet"), "--codes", "no_such_code"],
            "no_such_code",
        ),
        "clean/unfixable-code": (
            ["clean", corpus, "--out", str(out / "c.parquet"), "--codes", "missing_author"],
            "missing_author",
        ),
        "eval/missing": (["eval", missing], f["missing"]),
        "eval/unreadable": (["eval", garbage], f["garbage"]),
        "eval/bad-labels": (["eval", str(f["labelled"])], f["labelled"]),
        "history/missing": (["history", missing], f["missing"]),
        "history/unreadable": (["history", garbage], f["garbage"]),
        "suite/missing": (["suite", "show", missing], f["missing"]),
        "suite/unreadable": (["suite", "list", garbage], f["garbage"]),
        "suite/unknown-code": (["suite", "show", str(f["unknown_suite"])], "no_such_code"),
    }


_NAMES = ("missing", "garbage", "unknown_suite", "under_file", "plain", "labelled", "out")
CASES = sorted(_cases({k: Path(k) for k in _NAMES}))


@pytest.mark.parametrize("case", CASES)
def test_each_command_exits_2_with_one_line_and_no_traceback(
    case: str, files: dict[str, Path]
) -> None:
    args, names = _cases(files)[case]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(errors) == 1, result.output
    wanted = names.name if isinstance(names, Path) else names
    assert wanted in errors[0] or wanted in result.output, result.output


def test_dq_clean_of_a_missing_path_exits_2_in_a_real_process(tmp_path: Path) -> None:
    # the example: it used to print a traceback and exit 1 ("data failed")
    proc = subprocess.run(
        [sys.executable, "-m", "dq.cli", "clean", "/nonexistent", "--out", str(tmp_path / "x.pq")],
        capture_output=True, text=True, cwd=REPO,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == ["Error: /nonexistent: no such file or directory"]


def test_every_error_is_a_dq_error_and_keeps_its_old_base() -> None:
    for cls in (LoadError, SuiteError, UnknownCode, ReportError, HistoryError, HarnessError,
                UsageError):
        assert issubclass(cls, DqError)
    assert issubclass(SuiteError, ValueError) and issubclass(UnknownCode, KeyError)
    assert issubclass(HistoryError, RuntimeError) and issubclass(HarnessError, RuntimeError)
    from dq.load import LoadError as OldLoadError
    from dq.report.history import HistoryError as OldHistoryError
    from dq.report.nightly import ReportError as OldReportError
    from dq.validate import HarnessError as OldHarnessError
    from dq.validate import SuiteError as OldSuiteError

    assert (OldLoadError, OldSuiteError, OldHarnessError, OldReportError, OldHistoryError) == (
        LoadError, SuiteError, HarnessError, ReportError, HistoryError
    )
