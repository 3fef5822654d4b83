"""dq.validate: strict suite loading, the GX boundary, harness errors vs data failures."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dq.detect import detect
from dq.schema import FAMILIES
from dq.signals.registry import CODES
from dq.validate import (
    HarnessError,
    SuiteError,
    _gx,
    read_suite,
    runtable_gx,
    validate_table,
)
from dq.validate.runtable import RUN_CODES
from dq.validate.suites import parse_suite, signal_columns
from dq.validate.table import to_gx_frame

REPO = Path(__file__).resolve().parents[1]
SEED_ID = "000_be765a12c0df3d38"
CLEAN_TEXT = "The council met on Tuesday.\n\nIt voted to repair the bridge before winter."


def _between(column: str, code: str, **extra: Any) -> dict[str, Any]:
    kwargs = {"column": column, "min_value": 0, "max_value": 0, **extra}
    return {
        "type": "expect_column_values_to_be_between",
        "kwargs": kwargs,
        "meta": {"code": code, "rationale": f"{code} must not appear."},
    }


def _suite(*expectations: dict[str, Any], name: str = "t") -> dict[str, Any]:
    return {"name": name, "expectations": list(expectations)}


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "suite.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_detection() -> Any:
    seed = next(
        json.loads(line)
        for line in (REPO / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["id"] == SEED_ID
    )
    frame = pl.DataFrame({"id": [SEED_ID, "clean"], "text": [seed["text"], CLEAN_TEXT]})
    return detect(frame)


# --- strict loading -------------------------------------------------------------------------


def test_typo_in_expectation_type_is_a_clear_error(tmp_path: Path) -> None:
    bad = _between("licence_nag", "licence_nag")
    bad["type"] = "expect_column_values_to_be_betwen"
    spec = read_suite(_write(tmp_path, _suite(bad)))
    with pytest.raises(SuiteError) as err:
        _gx.build_suite(spec)
    msg = str(err.value)
    assert "expectation 1" in msg
    assert "unknown expectation type 'expect_column_values_to_be_betwen'" in msg
    assert "did you mean 'expect_column_values_to_be_between'" in msg


def test_bad_kwarg_is_a_clear_error(tmp_path: Path) -> None:
    bad = _between("licence_nag", "licence_nag")
    bad["kwargs"] = {"column": "licence_nag", "min_vlue": 0, "max_value": 0}
    with pytest.raises(SuiteError, match="invalid kwargs: min_vlue: extra fields not permitted"):
        _gx.build_suite(read_suite(_write(tmp_path, _suite(bad))))


def test_bad_kwarg_value_is_a_clear_error(tmp_path: Path) -> None:
    bad = _between("licence_nag", "licence_nag", mostly=1.5)
    with pytest.raises(SuiteError, match="mostly: ensure this value is less than or equal to 1"):
        _gx.build_suite(read_suite(_write(tmp_path, _suite(bad))))


def test_column_not_in_signal_table(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match=r"column 'licence_nags' is not in the signal table "
                       r"\(did you mean 'licence_nag'\?\)"):
        read_suite(_write(tmp_path, _suite(_between("licence_nags", "licence_nag"))))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda e: e.pop("meta"), "'meta' with 'code' and 'rationale' is required"),
        (lambda e: e["meta"].pop("rationale"), "meta.rationale must be one non-empty line"),
        (lambda e: e["meta"].update(rationale="two\nlines"), "meta.rationale must be one"),
        (lambda e: e["meta"].update(code="licence_nags"), "did you mean 'licence_nag'"),
        (lambda e: e["kwargs"].update(result_format="BOOLEAN_ONLY"), "result_format is set by dq"),
        (lambda e: e.update(kwarg={}), "unknown key 'kwarg'"),
        (lambda e: e.update(type=""), "'type' must be a non-empty string"),
    ],
)
def test_malformed_entries_are_rejected(mutate: Any, message: str) -> None:
    entry = _between("licence_nag", "licence_nag")
    mutate(entry)
    with pytest.raises(SuiteError, match=message):
        parse_suite(_suite(entry), source="s.json")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "a suite is a JSON object"),
        ({"expectations": []}, "'name' must be a non-empty string"),
        ({"name": "x"}, "'expectations' must be a list"),
        ({"name": "x", "expectations": [], "expectation_suite_name": "x"}, "unknown top-level key"),
    ],
)
def test_malformed_suites_are_rejected(data: object, message: str) -> None:
    with pytest.raises(SuiteError, match=message):
        parse_suite(data, source="s.json")


def test_unreadable_suite_files(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="no such suite file"):
        read_suite(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x",\n "expectations": [}', encoding="utf-8")
    with pytest.raises(SuiteError, match=r"broken.json:2:\d+: not valid JSON"):
        read_suite(broken)


def test_count_is_checked_after_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If GX ever drops an expectation while building, the suite is refused, not shortened."""
    gx = _gx.import_gx()
    real = gx.ExpectationSuite

    def dropping(**kwargs: Any) -> Any:
        kwargs["expectations"] = kwargs["expectations"][:-1]
        return real(**kwargs)

    monkeypatch.setattr(gx, "ExpectationSuite", dropping)
    spec = read_suite(_write(tmp_path, _suite(
        _between("licence_nag", "licence_nag"), _between("back_to_top", "back_to_top"))))
    # two as written plus dq's two run-table defaults
    with pytest.raises(SuiteError, match="GX kept 3 of 4 expectations"):
        _gx.build_suite(spec)


@pytest.mark.parametrize("name", ["pre-merge", "nightly"])
def test_shipped_suites_load_strictly(name: str) -> None:
    spec = read_suite(REPO / "expectations" / f"{name}.json")
    built = _gx.build_suite(spec)
    assert len(built.expectations) == len(spec.expectations) > 0
    for e in spec.expectations:
        assert e.code in CODES or e.code in FAMILIES or e.code in RUN_CODES
        assert e.rationale.strip()
        assert not e.is_default  # each shipped suite writes its run-table expectations out
    assert {e.code for e in spec.expectations} >= {"quarantined", "empty_corpus"}
    if name == "pre-merge":
        assert all("mostly" not in e.kwargs for e in spec.expectations)
        assert any(e.column == "n_quarantined" and e.kwargs["max_value"] == 0
                   for e in spec.expectations)
        guarded = {e.code for e in spec.expectations}
        assert {"licence_nag", "chrome", "glued_words", "missing_source"} <= guarded
    else:
        assert any("mostly" in e.kwargs for e in spec.expectations)


# --- validation -----------------------------------------------------------------------------


def test_failure_names_the_seed_record_and_its_lines(seed_detection: Any) -> None:
    spec = parse_suite(_suite(
        _between("licence_nag", "licence_nag"),
        _between("n_chrome", "chrome"),
        _between("space_before_punct", "space_before_punct", mostly=0.4),
    ))
    outcome = validate_table(seed_detection.signals, seed_detection.findings, spec)
    assert not outcome.success
    nag, chrome, spacing, *run = outcome.expectations
    assert [e.spec.code for e in run] == ["quarantined", "empty_corpus"]
    assert all(e.success for e in run)
    assert not nag.success
    assert [o.record_id for o in nag.offenders] == [SEED_ID]
    assert nag.offenders[0].findings[0]["line"] == 1
    assert nag.offenders[0].findings[0]["code"] == "licence_nag"
    assert nag.observed == "1 of 2 records fail (50%)" and nag.threshold == "none"
    # a family expectation explains itself with every code of the family
    assert {"licence_nag", "back_to_top"} <= {f["code"] for f in chrome.offenders[0].findings}
    # a passing `mostly` carries no evidence
    assert spacing.success and spacing.offenders == ()
    assert outcome.summary_line().startswith("FAILED 2 of 5 expectations")


def test_many_offenders_are_named_up_to_the_limit_and_counted_in_full(
    seed_detection: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from dq.report.markdown import render_markdown
    from dq.validate.console import evidence_lines, print_outcome

    seed = seed_detection.signals.filter(pl.col("id") == SEED_ID)
    table = pl.concat([seed.with_columns(pl.lit(f"r{i:02d}").alias("id")) for i in range(12)])
    spec = parse_suite(_suite(_between("licence_nag", "licence_nag")))
    complete = validate_table(table, seed_detection.findings, spec)
    assert [len(e.offenders) for e in complete.expectations] == [12, 0, 0]
    monkeypatch.setattr(_gx, "MAX_NAMED", 5)
    capped = validate_table(table, seed_detection.findings, spec)
    nag = capped.expectations[0]
    assert not nag.success and nag.unexpected_count == 12
    assert [o.record_id for o in nag.offenders] == [f"r{i:02d}" for i in range(5)]  # the first
    assert nag.observed == complete.expectations[0].observed
    assert "… and 7 more records" in evidence_lines(nag)[-1]
    assert "12 offending records, the first 5 named" in render_markdown(capped)
    console = Console(record=True, width=200)
    print_outcome(capped, console=console)
    assert "01_licence_nag: 12 offending records" in console.export_text()  # all, not the named


def test_clean_records_pass(seed_detection: Any) -> None:
    clean = seed_detection.signals.filter(pl.col("id") == "clean")
    spec = parse_suite(_suite(_between("licence_nag", "licence_nag")))
    outcome = validate_table(clean, seed_detection.findings, spec)
    assert outcome.success


def test_empty_table_fails_the_run_table_default(seed_detection: Any) -> None:
    """Every record expectation holds over zero rows; the run table's n_loaded >= 1 does not."""
    empty = seed_detection.signals.head(0)
    outcome = validate_table(empty, seed_detection.findings, parse_suite(
        _suite(_between("licence_nag", "licence_nag"))))
    assert not outcome.success
    assert outcome.expectations[0].observed == "0 of 0 records fail"
    assert [e.spec.key for e in outcome.failed] == ["03_empty_corpus"]


def test_crashed_metric_is_a_harness_error_not_a_failure(seed_detection: Any) -> None:
    """Numbers compared with a string column make GX's metric raise: exit 2, not exit 1."""
    spec = parse_suite(_suite(_between("id", "missing_source")))
    with pytest.raises(HarnessError, match=r"expectation 1 .*same type"):
        validate_table(seed_detection.signals, seed_detection.findings, spec)


def test_fingerprint_knob_still_exists_and_is_off(seed_detection: Any) -> None:
    """GX md5-hashes every frame unless its private HASH_THRESHOLD says not to (GX-NOTES)."""
    assert _gx.fingerprint_knob_exists()
    spec = parse_suite(_suite(_between("licence_nag", "licence_nag")))
    off = validate_table(seed_detection.signals, seed_detection.findings, spec)
    assert "pandas_data_fingerprint" not in off.gx["meta"]["batch_markers"]
    with _gx.fingerprinting(True):
        on = validate_table(seed_detection.signals, seed_detection.findings, spec)
    assert "pandas_data_fingerprint" in on.gx["meta"]["batch_markers"]
    again = validate_table(seed_detection.signals, seed_detection.findings, spec)
    assert "pandas_data_fingerprint" not in again.gx["meta"]["batch_markers"]


def test_one_context_per_process_and_safe_across_threads(seed_detection: Any) -> None:
    spec = parse_suite(
        _suite(_between("licence_nag", "licence_nag"), _between("n_chrome", "chrome"))
    )
    built = runtable_gx.build(spec)
    signals = pl.concat([seed_detection.signals] * 500)
    signals = signals.with_columns(pl.format("r{}", pl.int_range(pl.len())).alias("id"))

    def run(_: int) -> list[int | None]:
        out = validate_table(signals, seed_detection.findings, spec, built=built)
        return [e.unexpected_count for e in out.expectations]

    with ThreadPoolExecutor(max_workers=4) as pool:
        counts = list(pool.map(run, range(8)))
    assert counts == [[500, 500, None, None]] * 8
    assert _gx._runtime() is _gx._runtime()


def test_signal_table_reaches_gx_as_int64() -> None:
    table = pl.DataFrame(
        {"id": ["a"], "n": pl.Series([1], dtype=pl.UInt32), "x": pl.Series([0.5], dtype=pl.Float32)}
    )
    frame = to_gx_frame(table)
    assert str(frame["n"].dtype) == "int64"
    assert str(frame["x"].dtype) == "float64"


def test_signal_columns_match_detect() -> None:
    empty = pl.DataFrame(schema={"id": pl.String, "text": pl.String})
    assert signal_columns() == tuple(detect(empty, findings=False).signals.columns)
    assert set(CODES) <= set(signal_columns())


# --- light imports --------------------------------------------------------------------------


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"{code}\nimport sys\n"
        "print(sorted(m for m in ('great_expectations', 'pandas', 'polars') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True,
                         text=True, check=True)
    return list(json.loads(out.stdout.strip().splitlines()[-1].replace("'", '"')))


def test_dq_help_imports_neither_gx_nor_pandas() -> None:
    loaded = _loaded_after(
        "from dq.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert "great_expectations" not in loaded
    assert "pandas" not in loaded


@pytest.mark.parametrize(
    "module", ["dq.cli.validate", "dq.validate", "dq.testing.pytest_plugin", "dq.report.junit"]
)
def test_light_modules_import_nothing_heavy(module: str) -> None:
    assert _loaded_after(f"import {module}") == []


def test_only_one_module_imports_great_expectations() -> None:
    importers = [
        p.relative_to(REPO).as_posix()
        for p in (REPO / "dq").rglob("*.py")
        if "import great_expectations" in p.read_text(encoding="utf-8")
        or "from great_expectations" in p.read_text(encoding="utf-8")
    ]
    assert importers == ["dq/validate/_gx.py"]


def test_public_names_resolve() -> None:
    import dq.validate

    for name in dq.validate.__all__:
        assert getattr(dq.validate, name) is not None
