"""``dq validate``: the issue's done-when, exit codes 0/1/2, and the files it writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dq.cli import main

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
PRE_MERGE = REPO / "expectations" / "pre-merge.json"
SEED_ID = "000_be765a12c0df3d38"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def clean_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Only the records corpus/expected.json labels clean (an empty ``codes`` list)."""
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    clean = {rid for rid, entry in expected.items() if not entry["codes"]}
    assert len(clean) >= 10
    out = tmp_path_factory.mktemp("clean") / "articles.jsonl"
    lines = (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if json.loads(line)["id"] in clean]
    assert len(kept) == len(clean)
    out.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def full_run() -> Result:
    return _run(str(CORPUS), "--suite", str(PRE_MERGE))


def test_pre_merge_fails_on_the_corpus_and_names_the_seed(full_run: Result, seed_text: str) -> None:
    assert full_run.exit_code == 1, full_run.output
    out = full_run.output
    assert SEED_ID in out
    lines = seed_text.split("\n")
    nag_line = 1 + next(i for i, s in enumerate(lines) if s.startswith("Jannah Theme License"))
    top_line = 1 + next(i for i, s in enumerate(lines) if s.strip().startswith("Back to top"))
    assert f"line {nag_line}  licence_nag  Jannah Theme License" in out
    assert f"line {top_line}  back_to_top  Back to top" in out
    assert "FAIL 01_licence_nag" in out
    assert "FAILED" in out.splitlines()[-1]


def test_one_line_per_expectation_with_observed_and_allowed(full_run: Result) -> None:
    verdicts = [ln for ln in full_run.output.splitlines()
                if ln.startswith(("PASS ", "FAIL ")) and " — observed " in ln]
    suite = json.loads(PRE_MERGE.read_text(encoding="utf-8"))
    assert len(verdicts) == len(suite["expectations"])
    assert all(", allowed " in ln for ln in verdicts)


def test_pre_merge_passes_on_the_clean_records(clean_corpus: Path) -> None:
    result = _run(str(clean_corpus), "--suite", str(PRE_MERGE))
    assert result.exit_code == 0, result.output
    assert "FAIL" not in result.output
    assert result.output.splitlines()[-1].startswith("PASSED")


def test_typo_in_suite_is_exit_2_with_a_clear_message(tmp_path: Path, clean_corpus: Path) -> None:
    suite = json.loads(PRE_MERGE.read_text(encoding="utf-8"))
    suite["expectations"][0]["type"] = "expect_column_values_to_be_betwen"
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(suite), encoding="utf-8")
    result = _run(str(clean_corpus), "--suite", str(path))
    assert result.exit_code == 2
    assert "unknown expectation type 'expect_column_values_to_be_betwen'" in result.output
    assert "did you mean 'expect_column_values_to_be_between'" in result.output


def test_crashed_metric_is_exit_2_not_a_data_failure(tmp_path: Path, clean_corpus: Path) -> None:
    path = tmp_path / "crash.json"
    path.write_text(json.dumps({"name": "crash", "expectations": [{
        "type": "expect_column_values_to_be_between",
        "kwargs": {"column": "id", "min_value": 0, "max_value": 0},
        "meta": {"code": "missing_source", "rationale": "Compares strings with numbers."},
    }]}), encoding="utf-8")
    result = _run(str(clean_corpus), "--suite", str(path))
    assert result.exit_code == 2
    assert "harness error (not a data failure)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--suite", "no/such/suite.json"], "no such suite file"),
        (["--suite", str(PRE_MERGE), "--map", "text"], "FIELD=COLUMN"),
    ],
)
def test_input_errors_are_exit_2(args: list[str], message: str, clean_corpus: Path) -> None:
    result = _run(str(clean_corpus), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_internal_crash_is_exit_2_not_a_data_failure(
    monkeypatch: pytest.MonkeyPatch, clean_corpus: Path
) -> None:
    import dq.validate.run

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in dq")

    monkeypatch.setattr(dq.validate.run, "validate_table", broken)
    result = _run(str(clean_corpus), "--suite", str(PRE_MERGE))
    assert result.exit_code == 2
    assert "internal error (not a data failure): RuntimeError: a bug in dq" in result.output


def test_missing_corpus_is_exit_2(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "nothing-here"), "--suite", str(PRE_MERGE))
    assert result.exit_code == 2


def test_report_files_are_written(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = _run(
        str(CORPUS), "--suite", str(PRE_MERGE),
        "--junit", str(out / "j.xml"), "--markdown", str(out / "s.md"),
        "--json", str(out / "r.json"),
    )
    assert result.exit_code == 1
    assert SEED_ID in (out / "j.xml").read_text(encoding="utf-8")
    assert SEED_ID in (out / "s.md").read_text(encoding="utf-8")
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert data["dq"]["success"] is False
    assert data["gx"]["success"] is False
    offenders = {o["record_id"] for e in data["dq"]["expectations"] for o in e["offenders"]}
    assert SEED_ID in offenders


@pytest.mark.slow
def test_streamed_validate_gives_the_same_verdict_and_evidence(tmp_path: Path) -> None:
    results = {}
    for mode in ("--no-stream", "--stream"):
        path = tmp_path / f"{mode.strip('-')}.json"
        result = _run(
            str(CORPUS), "--suite", str(PRE_MERGE), mode, "--batch-size", "8K",
            "--json", str(path),
        )
        assert result.exit_code == 1, result.output
        results[mode] = (result.output, json.loads(path.read_text(encoding="utf-8"))["dq"])
    (mem_out, mem_dq), (st_out, st_dq) = results.values()
    # A streamed scan keeps its sample records with their source (dq_file, dq_row):
    # both runs name file:row.
    assert "  at " in mem_out
    assert st_out == mem_out
    assert any("where" in o for e in st_dq["expectations"] for o in e["offenders"])
    assert st_dq == mem_dq
