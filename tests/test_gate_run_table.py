"""The gate fails on data it never read; severities; suites found by name; --map hints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dq.detect import FINDINGS_SCHEMA
from dq.schema import Quarantined
from dq.validate import SuiteError, validate_table
from dq.validate.hints import file_columns, map_hints
from dq.validate.suites import check_codes, find_suite, parse_suite

REPO = Path(__file__).resolve().parents[1]
NO_FINDINGS = pl.DataFrame(schema=FINDINGS_SCHEMA)


def _between(column: str, code: str, **extra: Any) -> dict[str, Any]:
    kwargs = {"column": column, "min_value": 0, "max_value": 0}
    kwargs.update(extra)
    return {"type": "expect_column_values_to_be_between", "kwargs": kwargs,
            "meta": {"code": code, "rationale": f"{code} guarded."}}


def _table(n: int) -> pl.DataFrame:
    return pl.DataFrame({"id": [f"r{i}" for i in range(n)],
                         "licence_nag": pl.Series([0] * n, dtype=pl.UInt32)})


NAG = _between("licence_nag", "licence_nag")


@pytest.mark.parametrize(
    ("records", "seen", "quarantined", "failing"),
    [
        (1, 10, 9, ["02_quarantined"]),  # 9 of 10 lines of broken JSON
        (0, 82, 82, ["02_quarantined", "03_empty_corpus"]),  # text column needs --map
        (0, 0, 0, ["03_empty_corpus"]),  # an empty file
        (5, 5, 0, []),
    ],
)
def test_unread_records_fail_by_default(
    records: int, seen: int, quarantined: int, failing: list[str]
) -> None:
    spec = parse_suite({"name": "t", "expectations": [NAG]})
    assert [e.is_default for e in spec.expectations] == [False, True, True]
    outcome = validate_table(_table(records), NO_FINDINGS, spec, seen=seen,
                             quarantined=quarantined)
    assert [e.spec.key for e in outcome.failed] == failing
    assert outcome.success is (not failing)
    for e in outcome.failed:
        assert e.offenders == () and e.unexpected_count is None
        assert e.observed.startswith(("n_quarantined = ", "n_loaded = "))


def test_a_suite_allows_some_quarantine_with_a_rate() -> None:
    rate = _between("quarantine_rate", "quarantined", max_value=0.1)
    spec = parse_suite({"name": "t", "expectations": [NAG, rate]})
    assert [e.column for e in spec.expectations] == ["licence_nag", "quarantine_rate", "n_loaded"]
    ok = validate_table(_table(95), NO_FINDINGS, spec, seen=100, quarantined=5)
    assert ok.success
    bad = validate_table(_table(80), NO_FINDINGS, spec, seen=100, quarantined=20)
    assert [e.spec.key for e in bad.failed] == ["02_quarantined"]
    assert bad.failed[0].observed == (
        "quarantine_rate = 0.2 (20 of 100 records quarantined, 80 validated)")


def test_gx_result_is_merged_in_suite_order() -> None:
    spec = parse_suite({"name": "t", "expectations": [NAG]})
    outcome = validate_table(_table(1), NO_FINDINGS, spec, seen=3, quarantined=2)
    results = outcome.gx["results"]
    assert [r["expectation_config"]["kwargs"]["column"] for r in results] == [
        "licence_nag", "n_quarantined", "n_loaded"]
    assert outcome.gx["statistics"]["evaluated_expectations"] == 3
    assert outcome.gx["statistics"]["unsuccessful_expectations"] == 1
    assert outcome.gx["success"] is False


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"type": "expect_column_pair_values_to_be_equal",
          "kwargs": {"column_A": "n_loaded", "column_B": "licence_nag"},
          "meta": {"code": "quarantined", "rationale": "r"}}, "mixes run-table columns"),
        (_between("n_quarantined", "licence_nag"), "is a record code"),
        (_between("licence_nag", "quarantined"), "guards the run table"),
    ],
)
def test_run_and_record_columns_do_not_mix(entry: dict[str, Any], message: str) -> None:
    with pytest.raises(SuiteError, match=message):
        parse_suite({"name": "t", "expectations": [entry]})


# --- severity -------------------------------------------------------------------------------


def _failing_nag_table() -> pl.DataFrame:
    return _table(2).with_columns(pl.Series("licence_nag", [1, 0], dtype=pl.UInt32))


@pytest.mark.parametrize("where", ["top", "meta"])
def test_warning_is_reported_and_passes_unless_strict(where: str) -> None:
    warn = _between("licence_nag", "licence_nag")
    if where == "top":
        warn["severity"] = "warning"  # as GX 1.x writes it
    else:
        warn["meta"]["severity"] = "warning"
    spec = parse_suite({"name": "t", "expectations": [warn]})
    outcome = validate_table(_failing_nag_table(), NO_FINDINGS, spec)
    nag = outcome.expectations[0]
    assert not nag.success and nag.status == "WARN" and outcome.success
    assert outcome.warned == (nag,) and outcome.failed == ()
    assert "1 warned" in outcome.summary_line()
    strict = outcome.with_strict()
    assert not strict.success and strict.expectations[0].status == "FAIL"


def test_info_never_fails_and_critical_always_does() -> None:
    info = {**_between("licence_nag", "licence_nag"), "severity": "info"}
    crit = {**_between("licence_nag", "licence_nag"), "severity": "critical"}
    table = _failing_nag_table()
    outcome = validate_table(table, NO_FINDINGS, parse_suite({"name": "t", "expectations": [info]}))
    assert outcome.with_strict().success and outcome.expectations[0].status == "INFO"
    outcome = validate_table(table, NO_FINDINGS, parse_suite({"name": "t", "expectations": [crit]}))
    assert not outcome.success


def test_severity_reaches_gx_and_bad_values_are_refused() -> None:
    from dq.validate import _gx

    warn = {**_between("licence_nag", "licence_nag"), "severity": "warning"}
    spec = parse_suite({"name": "t", "expectations": [warn]})
    built = _gx.build_suite(spec)
    assert str(built.expectations[0].severity.value) == "warning"
    with pytest.raises(SuiteError, match="did you mean 'critical'"):
        parse_suite({"name": "t", "expectations": [{**warn, "severity": "critcal"}]})
    both = {**warn, "meta": {**warn["meta"], "severity": "info"}}
    with pytest.raises(SuiteError, match="disagree"):
        parse_suite({"name": "t", "expectations": [both]})


# --- suites by name, codes with "did you mean" ----------------------------------------------


def test_suite_found_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert find_suite("pre-merge") == Path("expectations/pre-merge.json")
    assert find_suite("expectations/nightly.json") == Path("expectations/nightly.json")
    with pytest.raises(SuiteError, match=r"did you mean 'pre-merge'\?.*nightly, pre-merge"):
        find_suite("pre-merg")
    with pytest.raises(SuiteError, match="no such suite"):
        find_suite("nope/x.json")


def test_unknown_codes_get_a_suggestion() -> None:
    check_codes(["back_to_top", "chrome", "quarantined"])
    with pytest.raises(SuiteError, match="--ignore: unknown reason code 'licence_nags' "
                                         r"\(did you mean 'licence_nag'\?\)"):
        check_codes(["licence_nags"], option="--ignore")


# --- the --map hint -------------------------------------------------------------------------


def test_map_hint_for_a_parquet_file_with_a_body_column(tmp_path: Path) -> None:
    from dq.load import load

    path = tmp_path / "body.parquet"
    frame = pl.DataFrame({"id": ["a", "b"], "body": ["x " * 100] * 2, "title": ["t"] * 2})
    frame.write_parquet(path)
    loaded = load([path])
    assert loaded.articles.height == 0
    (hint,) = map_hints(loaded.quarantine, loaded_files=loaded.articles["dq_file"].to_list())
    assert "all 2 records quarantined as missing_text" in hint
    assert "(its columns: id, body, title)" in hint and "--map text=body" in hint


def test_map_hint_reads_the_schema_when_excerpts_are_cut(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "content": "x"}) + "\n", encoding="utf-8")
    cut = [Quarantined(str(path), 1, "missing_text", '{"id":"a","content":"xxxx')]
    assert file_columns(path) == ["id", "content"]
    assert "did you mean --map text=content?" in map_hints(cut)[0]


def test_no_map_hint_when_some_records_loaded_or_reasons_differ() -> None:
    q = [Quarantined("f.jsonl", 1, "missing_text", '{"id":"a"}'),
         Quarantined("f.jsonl", 2, "invalid_json", "{bro")]
    assert map_hints(q) == []
    assert map_hints(q[:1], loaded_files=["f.jsonl"]) == []
    empty_text = [Quarantined("g.jsonl", 1, "missing_text", '{"id":"a","text":null}')]
    assert map_hints(empty_text) == []  # the column exists; its value is missing
