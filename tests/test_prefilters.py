"""Speed-ups that must not change a finding: literal prefilters, rewritten
patterns and de-duplicated work give what the plain form gives."""

from __future__ import annotations

import json
import random
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dq.detect import detect
from dq.signals.context import DetectContext
from dq.signals.frames import OTHER_SPACE, lines_frame
from dq.signals.hygiene import duplicate_record, mojibake, mojibake_pattern, normalised_text
from dq.signals.registry import REGISTRY
from dq.signals.spacing import FRENCH_MARKS

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "articles.jsonl"

#: Lines that exercise the prefilters, besides the sample corpus.
EXTRA = [
    "the  council", "a\u00a0\u00a0b", "x \u00a0y", "said.  Then", "l'État dit : non !",
    "Qu'il vienne ?", "(d'accord ?)", "don't stop ?", "«Bonjour» ?", "donâ€™t", "cafÃ©",
    "plain ascii line", "Größe", "\u00a0lead", "tab\there",
]


def _lines() -> list[str]:
    texts = [json.loads(x)["text"] for x in CORPUS.read_text(encoding="utf-8").splitlines() if x]
    return [line for text in texts for line in text.split("\n") if line.strip()] + EXTRA


def _frame(lines: list[str]) -> pl.DataFrame:
    records = pl.LazyFrame(
        {"rid": list(range(len(lines))), "text": lines},
        schema={"rid": pl.UInt32, "text": pl.String},
    )
    return lines_frame(records).collect()


def _hinted() -> list[tuple[str, str, tuple[str, ...]]]:
    """``(code, pattern, hint)`` of each span signal that declares a ``hint``."""
    return [(s.code, s.pattern, s.hint) for s in REGISTRY if s.hint and s.pattern]


def _masked() -> list[tuple[str, str, str]]:
    """``(code, pattern, mask column)`` of each span signal that declares a ``mask``."""
    return [(s.code, s.pattern, s.mask) for s in REGISTRY if s.mask and s.pattern]


def test_some_signal_declares_each_prefilter() -> None:
    assert _hinted() and _masked()


@pytest.mark.parametrize(("code", "pattern", "hints"), _hinted())
def test_pattern_hints_hold_for_every_match(
    code: str, pattern: str, hints: tuple[str, ...]
) -> None:
    frame = _frame(_lines())
    plain = frame.select(pl.col("s").str.count_matches(pattern).cast(pl.UInt32)).to_series()
    hinted = frame.select(
        pl.any_horizontal(pl.col("s").str.contains(h, literal=True) for h in hints)
    )
    assert plain.sum() > 0, f"{code}: the sample has no match to check"
    assert not ((plain > 0) & hinted.to_series().not_()).any()
    articles = pl.DataFrame({"id": [f"l{i}" for i in range(frame.height)], "text": frame["s"]})
    counts = detect(articles, codes=[code], findings=False, ctx=DetectContext(languages=()))
    assert counts.signals[code].to_list() == plain.to_list()


@pytest.mark.parametrize(("code", "pattern", "column"), _masked())
def test_pattern_masks_hold_for_every_match(code: str, pattern: str, column: str) -> None:
    frame = _frame(_lines())
    plain = frame.select(pl.col("s").str.count_matches(pattern).cast(pl.UInt32)).to_series()
    assert plain.sum() > 0, f"{code}: the sample has no match to check"
    assert not ((plain > 0) & frame[column].not_()).any()


def test_mojibake_needs_a_non_ascii_character() -> None:
    rng = random.Random(7)  # noqa: S311 (test data, not a secret)
    ascii_lines = ["".join(chr(rng.randrange(128)) for _ in range(rng.randint(1, 30)))
                   for _ in range(20_000)]
    hits = pl.Series(ascii_lines).str.contains(mojibake_pattern())
    assert not hits.any()
    frame = _frame(_lines())
    prefiltered = frame.select(mojibake().fill_null(False)).to_series()
    plain = frame.select(pl.col("s").str.contains(mojibake_pattern())).to_series()
    assert prefiltered.to_list() == plain.to_list()
    assert plain.any()


def test_french_marks_without_word_boundary_is_the_same_test() -> None:
    with_boundary = r"[«»]|(?i:\b(?:[cdjlmnst]|qu)['’]\p{L})"
    lines = pl.Series([*_lines(), "1l'a", "_l'a", "ál'a", "x l'a", "L’homme", "xqu'il"])
    assert lines.str.contains(FRENCH_MARKS).to_list() == lines.str.contains(with_boundary).to_list()


def test_duplicate_record_normalises_each_distinct_text_once() -> None:
    texts = ["A b.\n\nC d.", "a B. c d.", "A b. C e.", "a B. c d.", "A b.\n\nC d.", "x y", "X  Y"]
    df = pl.DataFrame({"text": texts}).with_row_index("rid").with_columns(
        pl.col("text").str.count_matches(r"\S+").alias("n_words"),
        pl.col("text").str.count_matches(r"\S").alias("n_nonspace"),
    )
    normal = [" ".join(t.lower().split()) for t in texts]
    expected = [normal[i] in normal[:i] for i in range(len(texts))]
    assert df.select(duplicate_record()).to_series().to_list() == expected


_NORMAL_CHARS = [*OTHER_SPACE, " ", "a", "B", "é", "Ü", "İ", ".", "\u200b"]


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(_NORMAL_CHARS)))
def test_normalised_text_is_lower_case_with_white_space_runs_as_one_space(text: str) -> None:
    plain = pl.lit(text).str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()
    assert pl.select(normalised_text(pl.lit(text))).item() == pl.select(plain).item()


def test_glued_words_same_at_every_copy_of_a_repeated_line() -> None:
    line = "The CSTO is the Russian equivalent of NATOand Putin hoped so."
    texts = [line, f"Intro here.\n{line}", f"{line}\n{line}"]
    articles = pl.DataFrame({"id": ["a", "b", "c"], "text": texts})
    found = detect(articles, codes=["glued_words"]).findings
    at = line.index("NATOand")
    # record c writes "NATOand" twice: a token written whole twice in its
    # record is a name or a term, not split (issue 15)
    starts = [("a", 1, at), ("b", 2, len("Intro here.\n") + at)]
    assert found.select("record_id", "line", "start", "snippet").rows() == [
        (*s, f"…{line[at - 40:]}" if at > 40 else line) for s in starts
    ]


@pytest.fixture(scope="module")
def shared_ctx() -> DetectContext:
    return DetectContext()


def test_glued_words_same_on_the_small_and_the_large_batch_paths(
    monkeypatch: pytest.MonkeyPatch, shared_ctx: DetectContext
) -> None:
    """Binary-search look-ups and cut-down word sets tested with is_in (small
    batches) find what hash joins over the whole lexicon and Enum casts find
    (large batches)."""
    from dq.signals import spacing_glued

    texts = [json.loads(x)["text"] for x in CORPUS.read_text(encoding="utf-8").splitlines() if x]
    texts += ["The CSTO is the Russian equivalent of NATOand Putin hoped so.",
              "Its itselectric Gran Turismois the jailuntil story, 2019The end.",
              "Die Krankenhausreform undder Webtechnology kommen, sagte er."]
    articles = pl.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "text": texts})
    found = {}
    for path, limit in (("small", 10**9), ("large", -1)):
        monkeypatch.setattr(spacing_glued, "PROBE_MAX_WORDS", limit)
        monkeypatch.setattr(spacing_glued, "SMALL_BATCH_LINES", limit)
        found[path] = detect(articles, ctx=shared_ctx, codes=["glued_words"]).findings
    assert found["small"].height > 3
    assert found["small"].equals(found["large"])
