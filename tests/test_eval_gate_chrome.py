"""Accuracy gate for chrome detection: scores on labelled pages must not fall below pinned floors.

Why: a phrase or threshold change that reads well can quietly cost precision
on real pages. This test scores the labelled copies in
``tests/data/eval/chrome/`` exactly as ``dq eval`` does and compares every
pinned metric with ``tests/data/eval/floors_chrome.json`` (trafilatura's
eval-gate habit). Raising a floor after an improvement is welcome; lowering
one is an explicit, reviewed edit of that file, never a change in this test.

The floors file pins the SHA-256 digest of each labelled file (``_sha256``):
floors measured on other data mean nothing, so changing the data is an
explicit edit of the floors file too.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dq.evaluate.chrome import ChromeReport, evaluate_chrome

DATA = Path(__file__).resolve().parent / "data" / "eval"
_PINNED = json.loads((DATA / "floors_chrome.json").read_text("utf-8"))
FLOORS: dict[str, dict[str, dict[str, float]]] = {
    name: groups for name, groups in _PINNED.items() if not name.startswith("_")
}
DIGESTS: dict[str, str] = _PINNED["_sha256"]
CASES = [
    (name, group, metric, floor)
    for name, groups in sorted(FLOORS.items())
    for group, metrics in sorted(groups.items())
    for metric, floor in sorted(metrics.items())
]


@pytest.fixture(scope="module")
def reports() -> dict[str, ChromeReport]:
    return {name: evaluate_chrome(DATA / "chrome" / name) for name in FLOORS}


def _value(report: ChromeReport, group: str, metric: str) -> float:
    if group == "macro":
        return report.macro[metric]
    return float(getattr(report.groups[group], metric))


@pytest.mark.parametrize(("name", "group", "metric", "floor"), CASES)
def test_metric_is_at_or_above_its_floor(
    name: str, group: str, metric: str, floor: float, reports: dict[str, ChromeReport]
) -> None:
    value = _value(reports[name], group, metric)
    assert value >= floor, (
        f"{name} {group} {metric} = {value:.3f} fell below its floor {floor:.3f} "
        f"(tests/data/eval/floors_chrome.json)"
    )


def test_every_labelled_file_and_group_has_floors(reports: dict[str, ChromeReport]) -> None:
    shipped = {p.name for p in (DATA / "chrome").glob("*.jsonl.gz")}
    assert shipped == set(FLOORS)
    for name, report in reports.items():
        assert set(report.groups) <= set(FLOORS[name]) | {"macro"}, name


def test_floors_are_rates() -> None:
    assert CASES
    assert all(0.0 <= floor <= 1.0 for *_, floor in CASES)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floors_were_measured_on_this_data(name: str) -> None:
    digest = hashlib.sha256((DATA / "chrome" / name).read_bytes()).hexdigest()
    assert digest == DIGESTS.get(name), (
        f"tests/data/eval/chrome/{name} is not the file its floors were measured on: "
        "re-measure and pin the new digest in tests/data/eval/floors_chrome.json"
    )


def test_every_pinned_digest_names_a_floored_file() -> None:
    assert set(DIGESTS) == set(FLOORS)
