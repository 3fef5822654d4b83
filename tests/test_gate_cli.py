"""``dq scan`` / ``dq validate`` / ``dq baseline``: the gate options of issue 16 and the
output safety of issue 17, exercised through the CLI (exit codes and what is printed)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner, Result

from dq.cli import main
from dq.cli._gate import OUTPUT_FORMATS
from dq.errors import DqError
from dq.report.formats import FORMATS
from dq.validate.baseline import BaselineError

REPO = Path(__file__).resolve().parents[1]
PRE_MERGE = REPO / "expectations" / "pre-merge.json"
BODY = " ".join(
    f"The council met on Tuesday to discuss budget item {i} and agreed to review it."
    for i in range(6)
)
#: GitHub's workflow-command shape for one annotation with a file and a line.
ANNOTATION = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,title=dq [a-z_]+::.+$")


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _record(rid: str, text: str) -> dict[str, str]:
    return {"id": rid, "text": text, "author": "Ann Lee", "source": "Daily",
            "url": f"https://example.org/{rid}"}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Two attributed articles; r1 (line 1) carries one ``back_to_top`` line (an error)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    rows = [_record("r1", f"{BODY}\nBack to top"), _record("r2", BODY)]
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def test_output_format_choices_match_the_library() -> None:
    assert ("table", *FORMATS) == OUTPUT_FORMATS


# 1. suites by name, with "did you mean"


@pytest.mark.slow
def test_suite_by_name_and_did_you_mean(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    typo = _run("validate", str(corpus), "--suite", "pre-merg")
    assert typo.exit_code == 2
    assert "did you mean 'pre-merge'?" in typo.output
    assert "Traceback" not in typo.output
    named = _run("validate", str(corpus), "--suite", "pre-merge")
    assert named.exit_code == 1  # the back_to_top line fails the chrome expectation
    assert "suite pre-merge (expectations/pre-merge.json)" in named.output


# 2. --map hints


@pytest.mark.slow
def test_body_column_gets_a_map_hint_on_scan_and_validate(tmp_path: Path) -> None:
    path = tmp_path / "b.parquet"
    pl.DataFrame({"id": ["x1", "x2", "x3"], "body": [BODY] * 3}).write_parquet(path)
    scan = _run("scan", str(path))
    assert scan.exit_code == 0
    assert "no findings" in scan.stdout
    assert "did you mean --map text=body?" in scan.stderr
    gate = _run("validate", str(path), "--suite", str(PRE_MERGE))
    assert gate.exit_code == 1  # 0 validated, 3 quarantined: the run table fails
    assert "did you mean --map text=body?" in gate.output
    assert "(0 validated, 3 quarantined)" in gate.output


@pytest.mark.slow
def test_nine_of_ten_broken_lines_fail_the_gate(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    good = json.dumps(_record("ok", BODY))
    path.write_text(good + "\n" + "".join(f"{{broken {i}\n" for i in range(9)))
    result = _run("validate", str(path), "--suite", str(PRE_MERGE))
    assert result.exit_code == 1
    assert "FAIL 09_quarantined" in result.output
    assert "(1 validated, 9 quarantined)" in result.output


# 3. --strict


@pytest.mark.slow
def test_strict_fails_on_warning_expectations(corpus: Path, tmp_path: Path) -> None:
    suite = json.loads(PRE_MERGE.read_text())
    for e in suite["expectations"]:
        e["severity"] = "warning"
    path = tmp_path / "soft.json"
    path.write_text(json.dumps(suite))
    soft = _run("validate", str(corpus), "--suite", str(path))
    assert soft.exit_code == 0, soft.output
    assert "1 warned" in soft.output
    strict = _run("validate", str(corpus), "--suite", str(path), "--strict")
    assert strict.exit_code == 1
    assert "FAILED 1 of" in strict.output


# 4. --output-format and --output-file, with file:row everywhere


@pytest.mark.slow
def test_scan_github_annotations_name_file_and_row(corpus: Path) -> None:
    result = _run("scan", str(corpus), "--output-format", "github")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines, result.output
    assert all(ANNOTATION.match(line) for line in lines), lines
    assert any(line.startswith("::error file=") and "line=1," in line
               and "dq back_to_top" in line for line in lines)


@pytest.mark.slow
def test_scan_sarif_and_jsonl_carry_locations(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "dq.sarif"
    result = _run("scan", str(corpus), "--output-format", "sarif", "--output-file", str(out))
    assert result.exit_code == 0
    log = json.loads(out.read_text())
    assert log["version"] == "2.1.0"
    (found,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "back_to_top"]
    where = found["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"].endswith("corpus/a.jsonl")
    assert where["region"]["startLine"] == 1
    rows = [json.loads(line) for line in
            _run("scan", str(corpus), "--output-format", "jsonl").stdout.splitlines()]
    assert rows and all(r["file"].endswith("a.jsonl") and r["row"] in (1, 2) for r in rows)


@pytest.mark.slow
def test_validate_junit_to_stdout_parses(corpus: Path) -> None:
    from junitparser import JUnitXml

    result = _run("validate", str(corpus), "--suite", str(PRE_MERGE),
                  "--output-format", "junit", "--output-file", "-")
    assert result.exit_code == 1
    xml = JUnitXml.fromstring(result.stdout)
    (suite,) = list(xml)
    assert suite.failures == 1
    failed = [case for case in suite if case.result]
    assert len(failed) == 1
    assert "a.jsonl:1" in failed[0].result[0].text  # the offender's file:row
    assert "dq validate · suite" not in result.stdout  # the console report went to stderr


@pytest.mark.slow
def test_validate_machine_formats_name_the_row(corpus: Path) -> None:
    for fmt in ("concise", "github", "sarif", "jsonl", "json"):
        result = _run("validate", str(corpus), "--suite", str(PRE_MERGE), "--output-format", fmt)
        assert result.exit_code == 1, fmt
        assert "a.jsonl" in result.stdout and ("a.jsonl:1" in result.stdout
                                               or "line=1" in result.stdout
                                               or '"row": 1' in result.stdout
                                               or '"startLine": 1' in result.stdout), fmt


# 5. "-" is standard output for every path option


@pytest.mark.slow
def test_dash_is_stdout_never_a_file(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                     tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run("validate", str(corpus), "--suite", str(PRE_MERGE), "--json", "-")
    assert result.exit_code == 1
    assert not (tmp_path / "-").exists()
    assert json.loads(result.stdout)["dq"]["success"] is False
    md = _run("validate", str(corpus), "--suite", str(PRE_MERGE), "--markdown", "-")
    assert "|" in md.stdout and not (tmp_path / "-").exists()
    base = _run("baseline", "write", str(corpus), "--out", "-")
    assert json.loads(base.stdout)["format"] == "dq-baseline"
    assert not (tmp_path / "-").exists()


# 6. --ignore


@pytest.mark.slow
def test_ignore_drops_codes_and_checks_them(corpus: Path) -> None:
    typo = _run("scan", str(corpus), "--ignore", "back_to_tpo")
    assert typo.exit_code == 2
    assert "did you mean 'back_to_top'?" in typo.output
    assert "suite error" not in typo.output
    kept = _run("scan", str(corpus), "--ignore", "back_to_top", "--output-format", "concise")
    assert kept.exit_code == 0
    assert "back_to_top" not in kept.stdout
    gate = _run("validate", str(corpus), "--suite", str(PRE_MERGE), "--ignore", "back_to_top")
    assert gate.exit_code == 0, gate.output
    assert "PASS 02_chrome" in gate.output


# 7. baselines


@pytest.mark.slow
def test_baseline_accepts_old_findings_and_fails_new_ones(corpus: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    wrote = _run("baseline", "write", str(corpus), "--out", str(base))
    assert wrote.exit_code == 0, wrote.output
    accepted = json.loads(base.read_text())["accepted"]
    assert {"record_id": "r1", "code": "back_to_top", "count": 1} in accepted
    quiet = _run("scan", str(corpus), "--baseline", str(base), "--fail-on", "warning")
    assert quiet.exit_code == 0, quiet.output
    assert "no findings" in quiet.output
    gate = _run("validate", str(corpus), "--suite", str(PRE_MERGE), "--baseline", str(base))
    assert gate.exit_code == 0, gate.output
    # a second back_to_top line in r1 is new: it fails again
    rows = [_record("r1", f"{BODY}\nBack to top\n{BODY}\nBack to top"), _record("r2", BODY)]
    (corpus / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    loud = _run("scan", str(corpus), "--baseline", str(base), "--fail-on", "error",
                "--output-format", "concise")
    assert loud.exit_code == 1
    assert loud.stdout.count("back_to_top") == 1


def test_bad_baseline_is_exit_2(corpus: Path, tmp_path: Path) -> None:
    assert issubclass(BaselineError, DqError) and issubclass(BaselineError, ValueError)
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    result = _run("scan", str(corpus), "--baseline", str(bad))
    assert result.exit_code == 2
    assert "not a dq baseline" in result.output


# 8. --fail-on


@pytest.mark.slow
def test_fail_on(corpus: Path) -> None:
    assert _run("scan", str(corpus)).exit_code == 0
    assert _run("scan", str(corpus), "--fail-on", "error").exit_code == 1
    assert _run("scan", str(corpus), "--fail-on", "warning").exit_code == 1
    assert _run("scan", str(corpus), "--fail-on", "error", "--ignore", "back_to_top").exit_code == 0


# issue 17: output checks and atomic writes


def test_output_equal_to_input_is_refused(corpus: Path) -> None:
    data = corpus / "a.jsonl"
    before = data.read_bytes()
    for args in (("scan", str(corpus), "--findings", str(data)),
                 ("scan", str(data), "--output-format", "json", "--output-file", str(data)),
                 ("validate", str(corpus), "--suite", str(PRE_MERGE), "--junit", str(data)),
                 ("baseline", "write", str(corpus), "--out", str(data))):
        result = _run(*args)
        assert result.exit_code == 2, args
        assert "is an input of this run" in result.output
    assert data.read_bytes() == before


def test_output_under_a_file_is_exit_2_before_reading(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = _run("scan", str(corpus), "--findings", str(blocker / "sub" / "f.jsonl"))
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.output
    assert "findings" not in result.stdout.split("Error")[0]  # nothing was scanned first


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_device_is_exit_2_naming_the_path(corpus: Path) -> None:
    for args in (("scan", str(corpus), "--findings", "/dev/full"),
                 ("scan", str(corpus), "--signals", "/dev/full"),
                 ("scan", str(corpus), "--output-format", "sarif", "--output-file", "/dev/full"),
                 ("validate", str(corpus), "--suite", str(PRE_MERGE), "--json", "/dev/full")):
        result = _run(*args)
        assert result.exit_code == 2, args
        assert "/dev/full" in result.output and "Traceback" not in result.output, args


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_is_exit_2(corpus: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    result = _run("scan", str(corpus), "--findings", str(locked / "f.jsonl"))
    assert result.exit_code == 2
    assert "permission denied" in result.output


def test_failed_write_leaves_no_half_file(corpus: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import dq.engine.findings

    target = tmp_path / "out" / "f.jsonl"

    def half(findings: pl.DataFrame, path: Path) -> None:
        path.write_text('{"record_id": "r1"')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dq.engine.findings, "write_findings", half)
    result = _run("scan", str(corpus), "--findings", str(target))
    assert result.exit_code == 2
    assert str(target) in result.output
    assert list(target.parent.iterdir()) == []  # neither the file nor its temporary


@pytest.mark.slow
def test_streamed_scan_gives_the_same_machine_output(tmp_path: Path) -> None:
    corpus = REPO / "corpus"
    outs = {}
    for mode in ("--no-stream", "--stream"):
        target = tmp_path / mode.strip("-") / "f.jsonl"
        result = _run("scan", str(corpus), mode, "--batch-size", "8K", "--output-format",
                      "concise", "--findings", str(target), "--fail-on", "error")
        assert result.exit_code == 1  # the bundled corpus has error findings
        outs[mode] = (result.stdout, target.read_text())
        assert sorted(p.name for p in target.parent.iterdir()) == ["f.jsonl"]
    assert outs["--stream"][1] == outs["--no-stream"][1]
    # the streamed run keeps no source for most records: same findings, fewer locations
    strip = re.compile(r"^\S+:\d+: ", re.MULTILINE)
    assert len(outs["--stream"][0].splitlines()) == len(outs["--no-stream"][0].splitlines())
    assert strip.sub("", outs["--no-stream"][0]).count("\n") > 50


@pytest.mark.slow
def test_table_to_a_file_or_dash(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "table.txt"
    result = _run("validate", str(corpus), "--suite", str(PRE_MERGE), "--output-file", str(target))
    assert result.exit_code == 1
    assert target.read_text().rstrip().endswith("2 records (2 validated)")
    dash = _run("validate", str(corpus), "--suite", str(PRE_MERGE), "--output-file", "-")
    assert "FAIL 02_chrome" in dash.stdout
    scan = _run("scan", str(corpus), "--output-file", str(tmp_path / "scan.txt"))
    assert scan.exit_code == 0
    assert "back_to_top" in (tmp_path / "scan.txt").read_text()
