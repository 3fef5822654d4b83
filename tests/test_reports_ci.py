"""Reports for CI (JUnit, Markdown, JSON) and the shipped CI examples, run as written."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dq.detect import FINDINGS_SCHEMA
from dq.report.json_result import render_json
from dq.report.junit import render_junit
from dq.report.markdown import render_markdown
from dq.validate import ValidationOutcome, read_suite, validate_table

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "validate"
SEED_ID = "000_be765a12c0df3d38"
UPDATE = os.environ.get("DQ_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def outcome() -> ValidationOutcome:
    """Three hand-made records: a1 has a licence nag and chrome, c3 a spacing defect."""
    u32 = pl.UInt32
    signals = pl.DataFrame({
        "id": ["b2", "a1", "c3"],
        "n_words": pl.Series([300, 120, 80], dtype=u32),
        "n_chrome": pl.Series([0, 2, 0], dtype=u32),
        "n_spacing": pl.Series([0, 0, 1], dtype=u32),
        "licence_nag": pl.Series([0, 1, 0], dtype=u32),
        "back_to_top": pl.Series([0, 1, 0], dtype=u32),
    })
    rows: list[dict[str, Any]] = [
        {"record_id": "a1", "line": 1, "start": 0, "end": 38, "code": "licence_nag",
         "family": "chrome", "severity": "error", "evidence": "phrase", "fix": None,
         "snippet": "Theme License is not validated | <b>x</b>"},
        {"record_id": "a1", "line": 9, "start": 400, "end": 411, "code": "back_to_top",
         "family": "chrome", "severity": "error", "evidence": "phrase", "snippet": "Back to top",
         "fix": None},
        {"record_id": "c3", "line": 2, "start": 50, "end": 52, "code": "space_before_punct",
         "family": "spacing", "severity": "warning", "evidence": "phrase", "snippet": "…he said .",
         "fix": "."},
    ]
    findings = pl.DataFrame(rows, schema=FINDINGS_SCHEMA)
    spec = read_suite(GOLDEN / "suite.json", columns=signals.columns)
    # the path as a user would type it, so goldens do not depend on where the repo lives
    spec = replace(spec, path="tests/golden/validate/suite.json")
    return validate_table(signals, findings, spec, seen=4, quarantined=1)


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs (DQ_UPDATE_GOLDEN=1 to review)"


def _without_wall_clock(text: str) -> str:
    data = json.loads(text)
    markers = data["gx"]["meta"]["batch_markers"]
    assert "ge_load_time" in markers and "pandas_data_fingerprint" not in markers
    markers["ge_load_time"] = "<wall-clock>"
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_outcome_fixture_is_what_the_goldens_describe(outcome: ValidationOutcome) -> None:
    assert [e.success for e in outcome.expectations] == [
        False, True, False, False, True, False, True]
    # 06: a warning on the run table (1 of 4 records quarantined); 07: dq's default n_loaded >= 1
    assert [e.status for e in outcome.expectations][5:] == ["WARN", "PASS"]
    assert outcome.expectations[6].spec.is_default
    assert len(outcome.failed) == 3 and not outcome.success
    assert len(outcome.with_strict().failed) == 4
    assert [o.record_id for o in outcome.expectations[0].offenders] == ["a1"]


def test_markdown_golden(outcome: ValidationOutcome) -> None:
    _golden("expected.md", render_markdown(outcome))


def test_json_golden(outcome: ValidationOutcome) -> None:
    _golden("expected.json", _without_wall_clock(render_json(outcome)))


def test_json_is_sorted_and_stable(outcome: ValidationOutcome) -> None:
    text = render_json(outcome)
    assert text == render_json(outcome)
    data = json.loads(text)
    assert list(data) == sorted(data) and list(data["dq"]) == sorted(data["dq"])
    nag = data["dq"]["expectations"][0]
    assert nag["offenders"][0]["findings"][0]["line"] == 1
    assert "fix" not in nag["offenders"][0]["findings"][0]
    assert data["gx"]["results"][0]["result"]["unexpected_index_list"] == [
        {"id": "a1", "licence_nag": 1}
    ]


def test_junit_golden(outcome: ValidationOutcome) -> None:
    _golden("expected.xml", render_junit(outcome))


def test_junit_structure(outcome: ValidationOutcome, tmp_path: Path) -> None:
    """Checked against the common JUnit schema with the standard library parser."""
    root = ET.fromstring(render_junit(outcome))  # noqa: S314 - our own output
    assert root.tag == "testsuites"
    (suite,) = list(root.iter("testsuite"))
    cases = suite.findall("testcase")
    assert len(cases) == int(suite.attrib["tests"]) == 7
    failed = [c for c in cases if c.find("failure") is not None]
    assert len(failed) == int(suite.attrib["failures"]) == 3
    assert suite.attrib["errors"] == "0"
    for case in cases:
        assert set(case.attrib) == {"classname", "name"}
        for child in case:
            assert child.tag in ("failure", "system-out")
            if child.tag == "failure":
                assert set(child.attrib) == {"message", "type"}
    assert "WARN (warning)" in (cases[5].findtext("system-out") or "")
    text = failed[0].findtext("failure") or ""
    assert "a1 (licence_nag = 1)" in text and "line 1  licence_nag" in text


def test_junit_parses_with_junitparser(outcome: ValidationOutcome, tmp_path: Path) -> None:
    import junitparser  # a dev dependency: the check must run, never skip
    path = tmp_path / "junit.xml"
    path.write_text(render_junit(outcome), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert len(suites) == 1
    cases = list(suites[0])
    assert len(cases) == 7
    failing = [c for c in cases if not c.is_passed]
    keys = [c.name.split(":")[0] for c in failing]
    assert keys == ["01_licence_nag", "03_spacing", "04_too_short"]
    assert "a1" in failing[0].result[0].text
    assert failing[2].result[0].message == "observed 166.7, allowed ≥ 200"


def test_junit_survives_control_characters(outcome: ValidationOutcome) -> None:
    e = outcome.expectations[0]
    finding = {**e.offenders[0].findings[0], "snippet": "a\x0cb\x00"}
    off = replace(e.offenders[0], findings=(finding,))
    bad = replace(outcome, expectations=(replace(e, offenders=(off,)), *outcome.expectations[1:]))
    ET.fromstring(render_junit(bad))  # noqa: S314 - our own output; control chars were replaced


# --- the shipped CI examples, run as written ---------------------------------------------------


def _workspace(tmp_path: Path) -> dict[str, str]:
    """A repo-like folder (corpus/, expectations/) and an environment with ``dq`` on PATH."""
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    shutil.copytree(REPO / "expectations", tmp_path / "expectations")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "dq"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m dq.cli "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["GITHUB_STEP_SUMMARY"] = str(tmp_path / "step-summary.md")
    env["GX_ANALYTICS_ENABLED"] = "false"
    return env


def _yaml(path: Path) -> Any:
    yaml = pytest.importorskip("ruamel.yaml")  # ships with great-expectations
    return yaml.YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_example_workflow_commands_run(tmp_path: Path) -> None:
    workflow = _yaml(REPO / "examples" / "ci" / "dq-validate.yml")
    steps = workflow["jobs"]["validate"]["steps"]
    commands = [s for s in steps if "(dq-example)" in s.get("name", "")]
    assert len(commands) == 2 and all("run" in s for s in commands)
    env = _workspace(tmp_path)
    codes = [
        subprocess.run(["bash", "-e", "-c", s["run"]], cwd=tmp_path, env=env,
                       capture_output=True, text=True).returncode
        for s in commands
    ]
    assert codes == [1, 0]  # the bundled corpus is dirty on purpose; the summary step still runs
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "## dq validate: pre-merge ❌ failed" in summary and SEED_ID in summary
    assert SEED_ID in (tmp_path / "reports" / "dq-junit.xml").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "reports" / "dq-result.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_pre_commit_hook_runs_as_declared(tmp_path: Path) -> None:
    hooks = _yaml(REPO / ".pre-commit-hooks.yaml")
    (hook,) = hooks
    allowed = {"id", "name", "entry", "language", "files", "exclude", "types", "types_or",
               "exclude_types", "always_run", "fail_fast", "verbose", "pass_filenames",
               "require_serial", "description", "language_version", "minimum_pre_commit_version",
               "args", "stages", "additional_dependencies", "alias"}
    assert {"id", "name", "entry", "language"} <= set(hook) <= allowed
    assert hook["entry"] == "dq validate" and hook["pass_filenames"] is False
    # runs for corpus data and suites, not for a docs-only commit
    files = re.compile(hook["files"])
    for path in ("corpus/articles.jsonl", "corpus/shards/a.parquet", "expectations/nightly.json"):
        assert files.search(path), path
    for path in ("README.md", "docs/notes.txt", "package.json", "examples/ci/x.json"):
        assert not files.search(path), path
    env = _workspace(tmp_path)
    cmd = [*hook["entry"].split(), *hook["args"]]
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
    # the bundled corpus is dirty on purpose: the hook blocks the commit and says why
    assert done.returncode == 1, done.stdout + done.stderr
    assert SEED_ID in done.stdout
