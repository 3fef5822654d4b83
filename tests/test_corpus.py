"""The bundled corpus: each record reports exactly the codes corpus/expected.json lists,
on exactly the lines it lists.

Clean negatives (empty lists) must raise nothing at all; this is the test that
keeps dq from crying wolf on ordinary journalism. The line labels (``lines``:
``[line, code]``, line 0 for a record-level code) catch a finding that moves
to the wrong line of a record that shows the right code anyway (issue 15:
record 029's lead was flagged beside its real sign-up prompt).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from dq.detect import Detection, detect
from dq.load import load
from dq.signals.registry import REGISTRY

REPO = Path(__file__).resolve().parents[1]
EXPECTED: dict[str, dict[str, object]] = json.loads(
    (REPO / "corpus" / "expected.json").read_text("utf-8")
)
POSITIVE = {s.code for s in REGISTRY if s.positive}


@pytest.fixture(scope="module")
def detection() -> Detection:
    loaded = load([REPO / "corpus"])
    assert not loaded.quarantine
    return detect(loaded.articles)


@pytest.fixture(scope="module")
def reported(detection: Detection) -> dict[str, set[str]]:
    d = detection
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
    # A corpus-wide line signal needs a site of many pages (repeated_boilerplate:
    # boilerplate.MIN_SITE_PAGES); the bundled sites are smaller, so its
    # positive and negative cases live in tests/test_boilerplate.py.
    corpus_lines = {s.code for s in REGISTRY if s.corpus_lines is not None}
    missing = sorted({s.code for s in REGISTRY} - shown - {"empty_text"} - corpus_lines)
    assert not missing, f"no corpus record shows {missing}"


@pytest.fixture(scope="module")
def reported_lines(detection: Detection) -> dict[str, set[tuple[int, str]]]:
    out: dict[str, set[tuple[int, str]]] = {rid: set() for rid in detection.signals["id"]}
    for rid, line, code in detection.findings.select("record_id", "line", "code").iter_rows():
        out[rid].add((int(line), str(code)))
    return out


@pytest.mark.parametrize("record_id", sorted(EXPECTED))
def test_record_flags_exactly_its_labelled_lines(
    record_id: str, reported_lines: dict[str, set[tuple[int, str]]]
) -> None:
    labelled = {(int(line), str(code)) for line, code in EXPECTED[record_id]["lines"]}  # type: ignore[attr-defined]
    assert reported_lines[record_id] == labelled


def test_line_labels_agree_with_the_record_codes() -> None:
    for record_id, entry in EXPECTED.items():
        from_lines = {code for _, code in entry["lines"]}  # type: ignore[attr-defined]
        assert from_lines == set(entry["codes"]) - POSITIVE, record_id  # type: ignore[arg-type]


def test_the_lead_under_a_stray_sign_up_heading_is_content(
    reported_lines: dict[str, set[tuple[int, str]]],
) -> None:
    # 029: "Sign up for our daily briefing" (line 1) is the prompt; line 3 is
    # the article's lead, a full sentence that only its neighbour accused.
    assert reported_lines["029_newsletter_prompt_briefing"] == {(1, "newsletter_prompt")}
