"""Accuracy gate for glued words: recall, false-positive rate and exact fixes stay at their floors.

The floors live in tests/data/eval/floors_glued.json; lowering one is an
explicit, reviewed edit of that file. The cases are in
tests/data/eval/glued/ (source and licence in its README).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dq.evaluate.glued import GluedReport, Subset, evaluate_glued, format_table
from dq.signals.context import DetectContext

DATA = Path(__file__).parent / "data" / "eval"
CASES = DATA / "glued" / "aeb_dev.jsonl.gz"
FLOORS = DATA / "floors_glued.json"


@pytest.fixture(scope="module")
def report() -> GluedReport:
    return evaluate_glued(CASES, ctx=DetectContext())


def _floors() -> dict[str, dict[str, float]]:
    raw: dict[str, Any] = json.loads(FLOORS.read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


@pytest.mark.parametrize("part", sorted(_floors()))
def test_scores_stay_above_floors(report: GluedReport, part: Subset) -> None:
    floors = _floors()[part]
    scores = report.subset(part).overall()
    table = format_table(report.subset(part))
    assert scores.recall >= floors["recall_min"], table
    assert scores.fpr <= floors["fpr_max"], table
    assert scores.exact_fix >= floors["exact_fix_min"], table


def test_floors_file_names_every_metric() -> None:
    for part, floors in _floors().items():
        assert part in ("all", "tune", "heldout")
        assert set(floors) == {"recall_min", "fpr_max", "exact_fix_min"}
        assert all(0.0 <= v <= 1.0 for v in floors.values())


def test_gate_covers_the_whole_file(report: GluedReport) -> None:
    overall = report.overall()
    assert (overall.positives, overall.negatives) == (1085, 55)
    parts = [report.subset("tune").overall(), report.subset("heldout").overall()]
    assert sum(p.positives + p.negatives for p in parts) == 1140
