"""``dq suite list|show|new``: suites explained in words and scaffolded from the registry."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from dq.cli import main
from dq.signals.registry import REGISTRY
from dq.validate import _gx, read_suite

REPO = Path(__file__).resolve().parents[1]
NIGHTLY = REPO / "expectations" / "nightly.json"


def _suite(*args: str) -> Result:
    return CliRunner().invoke(main, ["suite", *args], catch_exceptions=False)


def test_list_folder_names_every_suite() -> None:
    result = _suite("list", str(REPO / "expectations"))
    assert result.exit_code == 0, result.output
    assert "pre-merge" in result.output and "nightly" in result.output


def test_list_file_gives_one_line_per_expectation() -> None:
    result = _suite("list", str(NIGHTLY))
    assert result.exit_code == 0, result.output
    n = len(json.loads(NIGHTLY.read_text(encoding="utf-8"))["expectations"])
    lines = result.output.splitlines()
    assert lines[0].startswith(f"nightly ({NIGHTLY}): {n} expectations")
    assert len(lines) == n + 1
    assert "  01_chrome  n_chrome is 0 in at least 99% of records" in lines


def test_show_explains_in_words() -> None:
    result = _suite("show", str(NIGHTLY))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "01_chrome: n_chrome is 0 in at least 99% of records" in out
    assert "allowed: ≤ 1% of records" in out
    assert "why:     At most 1% of records may still carry a chrome line" in out
    assert "the mean of n_words is at least 150" in out
    assert "guards:  licence_nag (chrome)" in out


def test_show_rejects_a_broken_suite(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "expectations": [{"type": "t", "kwargs": {"column": "nope"}, '
                   '"meta": {"code": "chrome", "rationale": "r"}}]}', encoding="utf-8")
    result = _suite("show", str(bad))
    assert result.exit_code == 2
    assert "column 'nope' is not in the signal table" in result.output


def test_new_scaffolds_from_the_registry(tmp_path: Path) -> None:
    path = tmp_path / "my.json"
    result = _suite("new", str(path))
    assert result.exit_code == 0, result.output
    spec = read_suite(path)
    assert spec.name == "my"
    expected = [s.code for s in REGISTRY if not s.positive]
    records, run = spec.expectations[:-2], spec.expectations[-2:]
    assert [e.code for e in records] == expected
    assert all(e.kwargs == {"column": e.code, "min_value": 0, "max_value": 0} for e in records)
    # the run table's expectations are written out, not left to dq's defaults
    assert [(e.column, e.is_default) for e in run] == [("n_quarantined", False),
                                                      ("n_loaded", False)]
    assert len(_gx.build_suite(spec).expectations) == len(expected) + 2
    # written for people: one line per kwargs object, ints stay ints
    assert '"kwargs": {"column": "licence_nag", "min_value": 0, "max_value": 0}' in path.read_text(
        encoding="utf-8")


def test_new_with_mostly_and_refusing_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "rates.json"
    assert _suite("new", str(path), "--mostly", "0.99").exit_code == 0
    assert all(e.kwargs["mostly"] == 0.99 for e in read_suite(path).expectations[:-2])
    again = _suite("new", str(path))
    assert again.exit_code == 2
    assert "exists; pass --force" in again.output
    assert _suite("new", str(path), "--force").exit_code == 0
    assert all("mostly" not in e.kwargs for e in read_suite(path).expectations)
