"""Machine output formats, ``-`` as stdout, baselines and ignored codes."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import polars as pl
import pytest

from dq.detect import FINDINGS_SCHEMA, detect
from dq.load import load
from dq.report import formats
from dq.report.formats import Issue, issues_from_findings, locations, open_output, render
from dq.validate import validate_table
from dq.validate.baseline import (
    BaselineError,
    apply_to_signals,
    baseline_from_findings,
    drop_codes,
    filter_findings,
    read_baseline,
    write_baseline,
)
from dq.validate.suites import parse_suite

NAG = "Jannah Theme License is not validated, Go to the theme options page to validate it"
BODY = "The council met on Tuesday.\n\nIt voted to repair the bridge before winter."


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, pl.DataFrame, Path]:
    """Three records on lines 1-3 of a JSONL file; r2 (line 2) has a licence nag."""
    path = tmp_path_factory.mktemp("corpus") / "a.jsonl"
    rows = [{"id": "r1", "text": BODY}, {"id": "r2", "text": f"{NAG}\n{BODY}"},
            {"id": "r3", "text": BODY}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    loaded = load([path])
    found = detect(loaded.articles)
    return loaded.articles, found.findings, path


def test_every_issue_carries_the_records_source_location(scanned: tuple) -> None:  # type: ignore[type-arg]
    articles, findings, path = scanned
    where = locations(articles)
    assert where["r2"] == (str(path), 2)
    nag = [i for i in issues_from_findings(findings, where) if i.code == "licence_nag"]
    assert [(i.file, i.row, i.record_id, i.line) for i in nag] == [(str(path), 2, "r2", 1)]
    assert nag[0].where == f"{path}:2"


def test_github_annotations_point_at_file_and_row(scanned: tuple) -> None:  # type: ignore[type-arg]
    articles, findings, path = scanned
    out = render("github", issues_from_findings(findings, locations(articles)))
    line = next(x for x in out.splitlines() if "licence_nag" in x)
    assert line.startswith(f"::error file={path},line=2,title=dq licence_nag::r2 line 1: Jannah")
    # a message's newline or % cannot break the workflow command
    odd = render("github", [Issue("a,b:c.jsonl", 1, "r", None, "x", "warning", "50%\nnext")])
    assert odd == "::warning file=a%2Cb%3Ac.jsonl,line=1,title=dq x::r: 50%25%0Anext\n"


def test_concise_json_jsonl(scanned: tuple) -> None:  # type: ignore[type-arg]
    articles, findings, path = scanned
    issues = issues_from_findings(findings, locations(articles))
    concise = render("concise", issues).splitlines()
    assert f"{path}:2: r2 line 1: licence_nag {NAG}" in concise
    as_json = json.loads(render("json", issues))
    assert len(as_json) == findings.height == len(render("jsonl", issues).splitlines())
    first = json.loads(render("jsonl", issues).splitlines()[0])
    assert set(first) == {"file", "row", "record_id", "line", "code", "severity", "message",
                          "expectation", "fix"}


def test_sarif_is_minimal_valid_2_1_0(scanned: tuple) -> None:  # type: ignore[type-arg]
    articles, findings, path = scanned
    log = json.loads(render("sarif", issues_from_findings(findings, locations(articles))))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "dq"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == path.as_posix()
        assert loc["region"]["startLine"] >= 1


def test_scan_junit_has_a_case_per_code(scanned: tuple) -> None:  # type: ignore[type-arg]
    _, findings, _ = scanned
    root = ET.fromstring(render("junit", issues_from_findings(findings)))  # noqa: S314 - ours
    names = [c.attrib["name"] for c in root.iter("testcase")]
    assert names == sorted(set(findings["code"].to_list()))


def test_validate_outcome_formats_name_the_offending_record(scanned: tuple) -> None:  # type: ignore[type-arg]
    articles, findings, path = scanned
    signals = detect(articles).signals
    spec = parse_suite({"name": "t", "expectations": [{
        "type": "expect_column_values_to_be_between",
        "kwargs": {"column": "licence_nag", "min_value": 0, "max_value": 0},
        "meta": {"code": "licence_nag", "rationale": "never article text"}}]})
    outcome = validate_table(signals, findings, spec, seen=4, quarantined=1)
    out = formats.render_outcome("github", outcome, locations(articles))
    assert f"::error file={path},line=2,title=dq licence_nag::r2 line 1: Jannah" in out
    # the run table's failure has no record: an annotation without a file
    assert "::error title=dq quarantined::n_quarantined is 0 for the run" in out
    assert json.loads(formats.render_outcome("json", outcome))["dq"]["success"] is False
    assert formats.render_outcome("junit", outcome).startswith("<?xml")


def test_unknown_format_suggests_one() -> None:
    with pytest.raises(ValueError, match="did you mean 'sarif'"):
        render("sarf", [])


def test_dash_means_stdout_never_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    buf = io.StringIO()
    monkeypatch.setattr("sys.stdout", buf)
    formats.write_text("-", "hello\n")
    assert buf.getvalue() == "hello\n" and not (tmp_path / "-").exists()
    with open_output(tmp_path / "sub" / "x.txt") as out:
        out.write("x")
    assert (tmp_path / "sub" / "x.txt").read_text(encoding="utf-8") == "x"


# --- baseline and --ignore -----------------------------------------------------------------


def _findings(*rows: tuple[str, str, int]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"record_id": r, "line": n, "start": 0, "end": 1, "code": c, "family": "chrome",
          "severity": "error", "snippet": "s", "fix": None} for r, c, n in rows],
        schema=FINDINGS_SCHEMA,
    )


def test_baseline_round_trip_and_new_problems_still_fail(tmp_path: Path) -> None:
    old = _findings(("a", "back_to_top", 1), ("b", "licence_nag", 1))
    path = tmp_path / "baseline.json"
    assert write_baseline(old, path) == 2
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["format"] == "dq-baseline"
    baseline = read_baseline(path)
    assert baseline == {("a", "back_to_top"): 1, ("b", "licence_nag"): 1}
    # a second back_to_top in a, and a new code in b, are new
    now = _findings(("a", "back_to_top", 1), ("a", "back_to_top", 7), ("b", "licence_nag", 1),
                    ("b", "back_to_top", 3))
    left = filter_findings(now, baseline)
    assert left.select("record_id", "code", "line").rows() == [
        ("a", "back_to_top", 7), ("b", "back_to_top", 3)]
    assert baseline_from_findings(filter_findings(old, baseline)) == {}


def test_baseline_lets_the_gate_pass_on_old_problems_only() -> None:
    u32 = pl.UInt32
    signals = pl.DataFrame({
        "id": ["a", "b"], "n_chrome": pl.Series([1, 2], dtype=u32),
        "licence_nag": pl.Series([1, 2], dtype=u32),
    })
    spec = parse_suite({"name": "t", "expectations": [{
        "type": "expect_column_values_to_be_between",
        "kwargs": {"column": "n_chrome", "min_value": 0, "max_value": 0},
        "meta": {"code": "chrome", "rationale": "no chrome"}}]})
    no_findings = pl.DataFrame(schema=FINDINGS_SCHEMA)
    accepted = {("a", "licence_nag"): 1, ("b", "licence_nag"): 1}
    outcome = validate_table(apply_to_signals(signals, accepted), no_findings, spec)
    assert [o.record_id for o in outcome.failed[0].offenders] == ["b"]  # b gained one more
    assert apply_to_signals(signals, accepted).schema == signals.schema


def test_bad_baselines_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with pytest.raises(BaselineError, match="no such baseline"):
        read_baseline(path)
    path.write_text('{"accepted": []}', encoding="utf-8")
    with pytest.raises(BaselineError, match="not a dq baseline"):
        read_baseline(path)
    path.write_text('{"format": "dq-baseline", "version": 1, "accepted": [{"code": "x"}]}',
                    encoding="utf-8")
    with pytest.raises(BaselineError, match="entry 1"):
        read_baseline(path)


def test_ignore_drops_codes() -> None:
    f = _findings(("a", "back_to_top", 1), ("a", "licence_nag", 2))
    assert drop_codes(f, ["back_to_top"])["code"].to_list() == ["licence_nag"]
    assert drop_codes(f, []).height == 2
