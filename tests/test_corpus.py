"""The bundled corpus: each record reports exactly the codes corpus/expected.json lists.

Clean negatives (empty lists) must raise nothing at all; this is the test that
keeps dq from crying wolf on ordinary journalism.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from dq.detect import detect
from dq.load import load
from dq.signals.registry import REGISTRY

REPO = Path(__file__).resolve().parents[1]
EXPECTED: dict[str, dict[str, object]] = json.loads(
    (REPO / "corpus" / "expected.json").read_text("utf-8")
)
POSITIVE = {s.code for s in REGISTRY if s.positive}


@pytest.fixture(scope="module")
def reported() -> dict[str, set[str]]:
    loaded = load([REPO / "corpus"])
    assert not loaded.quarantine
    d = detect(loaded.articles)
    out: dict[str, set[str]] = {rid: set() for rid in d.signals["id"]}
    for rid, code in d.findings.select("record_id", "code").iter_rows():
        out[rid].add(code)
    for code in POSITIVE:
        for rid in d.signals.filter(pl.col(code) > 0)["id"]:
            out[rid].add(code)
    return out


@pytest.mark.parametrize("record_id", sorted(EXPECTED))
def test_record_reports_expected_codes(record_id: str, reported: dict[str, set[str]]) -> None:
    expected = set(EXPECTED[record_id]["codes"])  # type: ignore[arg-type]
    assert reported[record_id] == expected


def test_every_code_is_shown_by_some_record() -> None:
    shown = {c for v in EXPECTED.values() for c in v["codes"]}  # type: ignore[attr-defined]
    missing = sorted({s.code for s in REGISTRY} - shown - {"empty_text"})
    assert not missing, f"no corpus record shows {missing}"
