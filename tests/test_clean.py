"""Unit tests of the cleaning engine: plans, replay, fixed points, blank lines, the frame path."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

import dq.clean
from dq.clean import (
    Step,
    apply_plan,
    clean,
    clean_and_explain,
    clean_frame,
    clean_record,
    cleaner_for,
    cleaners,
    fixable_codes,
)
from dq.clean._stages import STAGES, codes_of_stage, stage_of
from dq.signals.context import DetectContext
from dq.signals.registry import REGISTRY

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ctx() -> DetectContext:
    return DetectContext()


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, str]]:
    with (REPO / "corpus" / "articles.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def seed(corpus: list[dict[str, str]]) -> str:
    return next(r["text"] for r in corpus if r["id"] == "000_be765a12c0df3d38")


@pytest.fixture(scope="module")
def seed_cleaned(seed: str, ctx: DetectContext) -> dq.clean.Cleaned:
    # every fixable code, glued_words included (it is applied only when named)
    return clean_and_explain(seed, codes=dq.clean.fixable_codes(), ctx=ctx)


@pytest.mark.slow
def test_glued_words_is_reported_but_not_applied_unless_named(
    seed: str, ctx: DetectContext
) -> None:
    """On outside text most reported glue was real words: dq proposes, the user opts in."""
    assert "NATOand" in dq.clean.clean(seed, ctx=ctx)
    assert "NATO and" in dq.clean.clean(seed, codes=["glued_words"], ctx=ctx)


def test_public_names_resolve() -> None:
    for name in dq.clean.__all__:
        assert getattr(dq.clean, name) is not None, name


def test_fixable_codes_follow_the_registry() -> None:
    codes = fixable_codes()
    chrome = [s.code for s in REGISTRY if s.family == "chrome"]
    spacing = [s.code for s in REGISTRY if s.family == "spacing"]
    assert set(chrome) <= set(codes)
    assert set(spacing) <= set(codes)
    for s in REGISTRY:
        if s.level == "record" or s.positive:
            assert s.code not in codes
    # stage order: every line-stage code before every spacing code
    assert max(codes.index(c) for c in codes_of_stage("lines")) < min(
        codes.index(c) for c in codes_of_stage("spacing")
    )
    assert [stage_of(s) for s in REGISTRY if s.code in codes] == [
        STAGES.index(st) for s in REGISTRY if s.code in codes
        for st in STAGES if s.code in codes_of_stage(st)
    ]


def test_one_cleaner_per_fixable_code() -> None:
    made = cleaners()
    assert list(made) == list(fixable_codes())
    for code, fn in made.items():
        assert fn.__name__ == f"clean_{code}"
        assert fn("") == ""


@pytest.mark.parametrize("bad", [["no_such_code"], ["missing_author"], ["too_short"]])
def test_bad_codes_raise(bad: list[str]) -> None:
    with pytest.raises(ValueError, match=bad[0]):
        clean("text", codes=bad)


def test_codes_must_not_be_a_bare_string() -> None:
    with pytest.raises(TypeError):
        clean("text", codes="back_to_top")


def test_seed_plan_names_code_line_and_span(seed: str, seed_cleaned: dq.clean.Cleaned) -> None:
    cleaned = seed_cleaned
    by_code = {s.code: s for s in cleaned.steps}
    assert {"licence_nag", "glued_words", "space_before_punct",
            "dangling_source", "back_to_top"} <= set(by_code)
    # A section label rests on shape alone: reported by the scan, never deleted
    # (dq.clean._deletion: shape deletions were 18/29 right on outside text).
    assert "category_label" not in by_code
    assert by_code["licence_nag"].line == 1
    assert by_code["glued_words"].line == 10
    assert (by_code["glued_words"].original, by_code["glued_words"].replacement) == (
        "NATOand", "NATO and")
    assert by_code["space_before_punct"].line == 44
    assert by_code["back_to_top"].line == 54
    for step in cleaned.steps:
        if step.round == 1:
            assert seed[step.start : step.end] == step.original
    assert apply_plan(seed, cleaned.steps) == cleaned.text


def test_cleaning_twice_changes_nothing(seed_cleaned: dq.clean.Cleaned, ctx: DetectContext) -> None:
    once = seed_cleaned.text
    again = clean_and_explain(once, ctx=ctx)
    assert again.text == once
    assert again.steps == ()


def test_every_corpus_record_reaches_a_fixed_point_and_replays(
    corpus: list[dict[str, str]], ctx: DetectContext
) -> None:
    frame = pl.DataFrame(corpus).select("id", "text")
    first = clean_frame(frame, ctx=ctx)
    second = clean_frame(first.articles.select("id", "text"), ctx=ctx)
    assert second.steps.height == 0
    assert second.articles["text"].to_list() == first.articles["text"].to_list()
    plans = first.articles["dq_steps"].to_list()
    for record, cleaned, plan in zip(corpus, first.articles["text"], plans, strict=True):
        steps = [Step.from_dict(s) for s in plan]
        assert apply_plan(record["text"], steps) == cleaned, record["id"]


def test_a_later_round_is_recorded_with_its_own_offsets(ctx: DetectContext) -> None:
    # Removing the tag leaves two spaces (a block tag becomes a space): round 2 fixes them.
    text = "The council met on Monday <br> and voted to close the pool for good."
    cleaned = clean_and_explain(text, ctx=ctx)
    assert cleaned.text == "The council met on Monday and voted to close the pool for good."
    assert {s.round for s in cleaned.steps} == {1, 2}
    assert apply_plan(text, cleaned.steps) == cleaned.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # chrome between paragraphs: one blank line stays as the separator
        ("The council met on Monday, officials said.\n\nAdvertisement\n\n"
         "It voted to close the pool for good, the mayor said.",
         "The council met on Monday, officials said.\n\n"
         "It voted to close the pool for good, the mayor said."),
        # single line breaks stay single
        ("Share this\nThe council met on Monday, officials said.\nBack to top",
         "The council met on Monday, officials said."),
        # a final newline is kept
        ("The council met on Monday, officials said.\n\nBack to top\n",
         "The council met on Monday, officials said.\n"),
        # only chrome: the record would be emptied, so it is kept as it was (dq.clean._keep)
        ("Share this\n\nBack to top", "Share this\n\nBack to top"),
        # chrome and a number: no word would be left, so it is kept as it was
        ("Share this\n\n2024\n\nBack to top", "Share this\n\n2024\n\nBack to top"),
    ],
)
def test_dropped_lines_take_their_blank_lines(text: str, expected: str, ctx: DetectContext) -> None:
    assert clean(text, ctx=ctx) == expected


def test_mojibake_uses_fix_encoding_and_leaves_clean_quotes(ctx: DetectContext) -> None:
    text = "“Quoted” words stay curly.\nRussiaâ€™s foreign minister spoke on Monday."
    assert clean(text, codes=["mojibake"], ctx=ctx) == (
        "“Quoted” words stay curly.\nRussia’s foreign minister spoke on Monday.")


def test_codes_restrict_what_is_fixed(seed: str, ctx: DetectContext) -> None:
    only = clean_and_explain(seed, codes=["back_to_top"], ctx=ctx)
    assert {s.code for s in only.steps} == {"back_to_top"}
    assert "NATOand" in only.text
    assert not only.text.endswith("Back to top button")


def test_frame_keeps_every_record_and_column(ctx: DetectContext) -> None:
    frame = pl.DataFrame({
        "id": ["a", "b", "c"],
        "text": ["Back to top", "Fine text here.", "Body text, he said .\nbusinessinsider"],
        "source": [None, "Reuters", ""],
        "extra": [1, 2, 3],
    })
    out = clean_frame(frame, ctx=ctx).articles
    assert out.columns == ["id", "text", "source", "extra", "dq_steps", "dq_cleaned_empty"]
    assert out["id"].to_list() == ["a", "b", "c"]
    assert out["extra"].to_list() == [1, 2, 3]
    assert out["dq_cleaned_empty"].to_list() == [True, False, False]
    assert out["text"][0] == "Back to top"  # kept as it was: never cleaned to nothing
    assert out["dq_steps"][0].to_list() == []
    assert out["dq_steps"][1].to_list() == []


def test_dangling_source_moves_into_an_empty_source(seed: str, ctx: DetectContext) -> None:
    codes = ["dangling_source", "back_to_top"]
    out = clean_record({"id": "seed", "text": seed, "source": None}, codes=codes, ctx=ctx)
    assert out["source"] == "businessinsider"
    assert "businessinsider" not in out["text"]
    kept = clean_record({"id": "seed", "text": seed, "source": "Business Insider"},
                        codes=codes, ctx=ctx)
    assert kept["source"] == "Business Insider"
    assert "businessinsider" not in kept["text"]


def test_record_needs_text() -> None:
    with pytest.raises(TypeError):
        clean_record({"id": "x"})


def test_cleaner_for_rejects_codes_dq_does_not_fix() -> None:
    with pytest.raises(ValueError, match="does not fix"):
        cleaner_for("duplicate_lines")


@pytest.mark.parametrize(
    "plan",
    [
        [Step("x", 1, 0, 99, "a", "")],                       # outside the text
        [Step("x", 1, 0, 2, "ab", ""), Step("x", 1, 1, 3, "bc", "")],  # overlapping
        [Step("x", 1, 0, 1, "z", "")],                        # does not match
    ],
)
def test_apply_plan_refuses_plans_that_do_not_fit(plan: list[Step]) -> None:
    with pytest.raises(ValueError):
        apply_plan("abc", plan)


def test_steps_round_trip_as_dicts() -> None:
    step = Step("glued_words", 10, 612, 619, "NATOand", "NATO and", 1)
    assert Step.from_dict(json.loads(json.dumps(step.to_dict()))) == step


def test_empty_and_odd_inputs(ctx: DetectContext) -> None:
    odd = ["", " ", "\n\n", "\x00", "\u200f", "e\u0301", "Back to top\x00", "\r\n"]
    once = clean_frame(pl.DataFrame({"text": odd}), ctx=ctx).articles
    twice = clean_frame(once.select("text"), ctx=ctx)
    assert twice.articles["text"].to_list() == once["text"].to_list()
    assert twice.steps.height == 0
    empty = clean_frame(pl.DataFrame({"id": [], "text": []},
                                     schema={"id": pl.String, "text": pl.String}), ctx=ctx)
    assert empty.articles.height == 0
    assert empty.steps.height == 0
