"""The learned chrome line model (``chrome_line``): weights, run-time score, guards, outside audit.

Why: a learned model is only as trustworthy as the checks around it. These
tests pin that the Polars score is the logistic regression its weights
describe, that a full sentence is never flagged and nothing is deleted on
the model's word below its delete threshold, and that on outside text a
reader judged (``tests/data/audit/linemodel_judgements.jsonl``) what the
shipped model flags is right at least 90% of the time.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dq.clean._deletion import DEFAULT_EVIDENCE, may_delete
from dq.detect import detect
from dq.schema import ARTICLE_SCHEMA
from dq.signals import chrome, linemodel
from dq.signals.frames import lines_frame, with_features
from dq.signals.linemodel_weights import BIAS, WEIGHTS
from dq.signals.registry import get

AUDIT = Path(__file__).resolve().parent / "data" / "audit" / "linemodel_judgements.jsonl"
ITEMS: list[dict[str, Any]] = [
    json.loads(line) for line in AUDIT.read_text("utf-8").splitlines() if line.strip()
]
#: What the shipped model must reach on the reader's judgements of its findings on outside
#: text (issue 15: "if precision on outside text is < 0.9, raise the threshold").
OUTSIDE_PRECISION_FLOOR = 0.9

PAGE = "\n".join([
    "Home", "World", "Sport", "Business",
    "Storm hits the coast",
    "The storm reached the coast on Monday night and cut power to thousands of homes.",
    "Crews worked through the night to restore it, the utility said on Tuesday morning.",
    "Schools stayed closed while the roads were cleared of fallen trees and debris.",
    "12.05.2024 14:30",
    "More from the site",
    "Five things to know about the storm",
    "Share", "Contact", "AFP",
])


def _columns(texts: list[str]) -> pl.DataFrame:
    lf = pl.LazyFrame({"rid": list(range(len(texts))), "text": texts},
                      schema={"rid": pl.UInt32, "text": pl.String})
    cols = ["ch_lm_" + n for n in linemodel.MODEL_FEATURES]
    return with_features(lines_frame(lf), list(chrome.FEATURES)).select(
        "rid", "line_no", "s", *cols, "ch_lm_p", "ch_lmr_units", "ch_sent"
    ).collect()


def test_weights_name_every_model_input_and_are_finite() -> None:
    assert set(WEIGHTS) == set(linemodel.MODEL_FEATURES)
    assert all(math.isfinite(w) for w in (BIAS, *WEIGHTS.values()))


def test_threshold_is_a_probability() -> None:
    assert 0.5 < linemodel.THRESHOLD < 1.0


def test_polars_score_is_the_logistic_regression_of_its_weights() -> None:
    df = _columns([PAGE])
    for row in df.iter_rows(named=True):
        z = BIAS + sum(WEIGHTS[n] * row["ch_lm_" + n] for n in linemodel.MODEL_FEATURES)
        assert row["ch_lm_p"] == pytest.approx(linemodel.logistic(z), rel=1e-9, abs=1e-12)
    p = dict(zip(df["s"], df["ch_lm_p"], strict=True))
    # menu entries score above the body's sentences (a model that learnt nothing fails this)
    assert min(p["Home"], p["World"]) > max(p[s] for s in PAGE.split("\n")[5:8])


def test_features_count_unspaced_scripts_by_characters() -> None:
    df = _columns(["日本語の文章です。これは長い文です。\nHome"])
    units = dict(zip(df["s"], df["ch_lmr_units"], strict=True))
    assert units["Home"] == 1.0
    assert units["日本語の文章です。これは長い文です。"] >= linemodel.SENTENCE_UNITS


def test_chrome_line_is_registered_in_the_chrome_family() -> None:
    sig = get("chrome_line")
    assert sig.family == "chrome" and sig.level == "line" and sig.evidence == "context"
    assert DEFAULT_EVIDENCE["chrome_line"] == "context"
    assert not may_delete("chrome_line", None, "Five things to know")


_WORDS = st.sampled_from(["storm", "council", "voters", "road", "the", "said", "on", "report"])
_SENTENCES = st.lists(_WORDS, min_size=8, max_size=20).map(lambda w: " ".join(w).capitalize() + ".")
_SHORT = st.lists(_WORDS, min_size=1, max_size=3).map(lambda w: " ".join(w).title())


@given(st.lists(_SHORT, min_size=2, max_size=12), _SENTENCES, st.integers(0, 12))
def test_a_full_sentence_is_never_flagged(short: list[str], sentence: str, at: int) -> None:
    lines = [*short[:at], sentence, *short[at:]]
    text = "\n".join(lines)
    df = pl.DataFrame({"id": ["r"], "text": [text]})
    found = detect(df, codes=["chrome_line"]).findings
    flagged = {lines[ln - 1] for ln in found["line"].to_list()}
    assert sentence not in flagged


def test_findings_rest_on_context_and_are_never_deleted() -> None:
    from dq.clean import clean

    df = pl.DataFrame({"id": ["r"], "text": [PAGE]})
    found = detect(df, codes=["chrome_line"]).findings
    assert found.height, "no chrome_line finding on the demo page: the test checks nothing"
    assert set(found["evidence"]) == {"context"}
    assert clean(PAGE, codes=["chrome_line"]) == PAGE


def test_judgements_carry_provenance_a_verdict_and_a_reason() -> None:
    assert len(ITEMS) >= 50
    for it in ITEMS:
        assert it["prov"] and "@" in it["prov"] and it["note"] and it["judged_by"]
        assert it["verdict"] in ("right", "wrong", "unsure")
        assert it["excerpt"]["lines"][it["excerpt"]["line"] - 1] == it["text"]


#: Items judged on their stored excerpt (the others were found on whole records, which the
#: repository does not keep: the model reads run lengths, prose share and position).
ON_EXCERPT = [it for it in ITEMS if not it["needs_full_record"]]


@pytest.fixture(scope="module")
def flagged_items() -> set[str]:
    rows = [{"id": it["id"], "text": "\n".join(it["excerpt"]["lines"]), **it["excerpt"]["meta"]}
            for it in ON_EXCERPT]
    df = pl.DataFrame({c: [r.get(c) for r in rows] for c in ARTICLE_SCHEMA}, schema=ARTICLE_SCHEMA)
    found = detect(df, codes=["chrome_line"]).findings
    lines = {it["id"]: it["excerpt"]["line"] for it in ON_EXCERPT}
    return {rid for rid, ln in found.select("record_id", "line").iter_rows() if lines[rid] == ln}


def test_outside_precision_of_the_shipped_model(flagged_items: set[str]) -> None:
    judged = [it for it in ON_EXCERPT if it["id"] in flagged_items and it["verdict"] != "unsure"]
    assert judged, "the shipped model flags none of the judged lines: the test checks nothing"
    right = sum(it["verdict"] == "right" for it in judged)
    assert right / len(judged) >= OUTSIDE_PRECISION_FLOOR, [
        (it["text"], it["note"]) for it in judged if it["verdict"] == "wrong"
    ]


def test_threshold_is_above_every_whole_record_finding_judged_content() -> None:
    """On whole outside records the model's findings judged content scored up to 0.965:
    the shipped threshold must stay above them (lowering it is a re-audit, not an edit)."""
    whole = [it for it in ITEMS if it["needs_full_record"]]
    assert len(whole) >= 80 and all(it["full_record_reason"] for it in whole)
    wrong = [it["model_p"] for it in whole if it["verdict"] == "wrong"]
    assert wrong and max(wrong) < linemodel.THRESHOLD


@pytest.mark.parametrize(
    "item", [it for it in ON_EXCERPT if it["verdict"] == "wrong"], ids=lambda it: it["id"]
)
def test_line_judged_content_is_not_flagged(item: dict[str, Any], flagged_items: set[str]) -> None:
    assert item["id"] not in flagged_items, (item["text"], item["note"])


# --- repeated_label (recall22): a short label printed twice outside the body -------------------

BODY = [
    "The storm reached the coast on Monday night and cut power to thousands of homes.",
    "Crews worked through the night to restore it, the utility said on Tuesday morning.",
]


def _chrome_line_texts(text: str) -> list[str]:
    df = pl.DataFrame({"id": ["r"], "text": [text]})
    found = detect(df, codes=["chrome_line"]).findings
    lines = text.split("\n")
    return [lines[ln - 1] for ln in found["line"].to_list()]


def test_a_label_in_the_breadcrumb_and_the_tags_is_reported_and_never_deleted() -> None:
    from dq.clean import clean

    text = "\n".join(["Politik", "Storm hits the coast", *BODY, "Politik", "Wetter"])
    found_texts = _chrome_line_texts(text)
    assert found_texts.count("Politik") == 2 and "Storm hits the coast" not in found_texts
    df = pl.DataFrame({"id": ["r"], "text": [text]})
    found = detect(df, codes=["chrome_line"]).findings
    assert set(found["evidence"]) == {"context"}
    assert not any(may_delete("chrome_line", "context", s) for s in found_texts)
    assert clean(text, codes=["chrome_line"]) == text


def test_a_repeated_subhead_inside_the_body_is_not_a_label() -> None:
    text = "\n".join([BODY[0], "Results", BODY[1], "Results", BODY[0]])
    assert _chrome_line_texts(text) == []


def test_a_table_printed_twice_is_not_a_menu_printed_twice() -> None:
    table = ["APC 120", "PDP 98", "LP 12", "NNPP 7", "ADC 3", "YPP 1"]
    menu = ["Home", "World", "Sport", "Business", "Culture", "Travel"]
    assert _chrome_line_texts("\n".join([*BODY, *table, *table])) == []
    # (lines a phrase signal reports, "Home", are left to it)
    menu_found = _chrome_line_texts("\n".join([*menu, *BODY, *menu]))
    assert len(menu_found) >= 8 and set(menu_found) <= set(menu)


def _audit_items() -> list[dict[str, Any]]:
    """Every excerpt-decided item of the four outside audits, with ``content``: the reader
    judged a chrome finding on the line, or its deletion, wrong."""
    from dq.evaluate.chrome import chrome_codes

    family = set(chrome_codes())
    out = []
    for name in ("judgements.jsonl", "judgements_c.jsonl", "judgements_d.jsonl",
                 "linemodel_judgements.jsonl"):
        for raw in (AUDIT.parent / name).read_text("utf-8").splitlines():
            it = json.loads(raw) if raw.strip() else None
            if it is None or it.get("needs_full_record") or int(it.get("line", 1)) <= 0:
                continue
            removed = it.get("kind") == "removed"
            it["content"] = it["verdict"] == "wrong" and (removed or it["code"] in family)
            out.append(it)
    return out


def test_repeated_label_reports_no_line_a_reader_judged_content() -> None:
    """The audit-content check: on the four audits' excerpts, the new rule reports none of
    the lines readers judged content (and the check has lines to protect)."""
    items = _audit_items()
    content = [it for it in items if it["content"]]
    assert len(content) >= 150, "the audits should hold lines judged content"
    texts = ["\n".join(it["excerpt"]["lines"]) for it in items]
    lf = pl.LazyFrame({"rid": list(range(len(texts))), "text": texts},
                      schema={"rid": pl.UInt32, "text": pl.String})
    df = with_features(lines_frame(lf), list(chrome.FEATURES)).with_columns(
        linemodel.repeated_label().alias("label")).select("rid", "line_no", "label").collect()
    hit = {(r, ln) for r, ln, lab in df.iter_rows() if lab}
    on_content = [it["text"] for rid, it in enumerate(items)
                  if it["content"] and (rid, it["excerpt"]["line"]) in hit]
    assert on_content == []
