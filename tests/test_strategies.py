"""The article strategies: ground truth that matches the text, and defects dq actually detects."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dq.testing
from dq.detect import detect
from dq.signals.context import DetectContext
from dq.signals.registry import CODES, get
from dq.testing import strategies
from dq.testing._phrasebook import CHROME, PLACES, PUBLISHERS, SPECIAL
from dq.testing.strategies import (
    INJECTABLE,
    Article,
    GluedToken,
    articles,
    chrome_lines,
    glued_tokens,
    prose_paragraphs,
)

# One detector context for the module: the glued-word lexicon is built once.
CTX = DetectContext()



def _scaled(divisor: int) -> settings:
    """The active profile with ``1/divisor`` of its examples (each example runs dq's detectors)."""
    active = settings()  # the loaded profile
    return settings(active, max_examples=max(5, active.max_examples // divisor))


def test_public_names_resolve() -> None:
    for module in (strategies, dq.testing):
        for name in module.__all__:
            assert getattr(module, name) is not None, name


@given(articles())
def test_ground_truth_matches_the_text(article: Article) -> None:
    lines = article.text.split("\n")
    assert [line.text for line in article.lines] == lines
    assert [line.number for line in article.lines] == list(range(1, len(lines) + 1))
    assert article.content[0].kind == "title"
    assert article.content[0].text == article.title
    for d in article.defects:
        assert article.text[d.start : d.end] == d.text
        line = article.lines[d.line - 1]
        assert line.is_content
        assert line.text.replace(d.text, d.fix, 1) == line.clean
    for line in article.lines:
        if line.kind in ("chrome", "source"):
            assert line.code in INJECTABLE
            assert line.text == line.clean
        if line.kind == "blank":
            assert line.text == ""


@pytest.mark.slow
@settings(_scaled(3))
@given(articles(defects=list(INJECTABLE)))
def test_dq_finds_every_injected_defect_and_nothing_in_the_content(article: Article) -> None:
    found = detect(pl.DataFrame([article.record()]), ctx=CTX).findings.filter(pl.col("line") > 0)
    rows = found.select("line", "start", "end", "code", "family").rows(named=True)
    by_line: dict[int, set[str]] = {}
    for r in rows:
        kind = r["family"] if r["family"] == "chrome" else r["code"]
        by_line.setdefault(r["line"], set()).add(kind)
    for line in article.chrome:
        expected = "dangling_source" if line.kind == "source" else "chrome"
        assert expected in by_line.get(line.number, set()), (
            f"line {line.number} {line.text!r} ({line.code}) not flagged: {article.text!r}")
    defect_lines = {d.line for d in article.defects}
    for line in article.content:
        assert "chrome" not in by_line.get(line.number, set()), (
            f"content line {line.number} {line.text!r} flagged as chrome")
        if line.number not in defect_lines:
            assert not by_line.get(line.number), (
                f"clean content line {line.number} {line.text!r} flagged: {by_line[line.number]}")
    for d in article.defects:
        hits = [r for r in rows
                if r["code"] == d.code and r["start"] < d.end and d.start < r["end"]]
        assert hits, f"injected {d.code} {d.text!r} on line {d.line} not found"


def _article_with(line: str, place: str) -> str:
    title = "Officials of the Harbour Authority Approve a Night Trial for Freight"
    body = ("The port authority on Tuesday approved a six-month trial that will let freight "
            "trains use the harbour line at night, officials said.\n\n"
            "Operators say the change could take hundreds of lorries off the coastal road "
            "each week, and residents will be asked for their views in the spring.")
    if place == "top":
        return f"{line}\n\n{title}\n\n{body}"
    if place == "middle":
        first, second = body.split("\n\n")
        return f"{title}\n\n{first}\n\n{line}\n\n{second}"
    return f"{title}\n\n{body}\n\n{line}"


def test_every_canonical_phrasing_is_caught_with_its_code() -> None:
    cases = [
        (code, text, place)
        for code, by_lang in CHROME.items() if code in CODES and code not in SPECIAL
        for texts in by_lang.values() for text in texts
        for place in PLACES[code]
    ]
    frame = pl.DataFrame({
        "id": [str(i) for i in range(len(cases))],
        "text": [_article_with(text, place) for _, text, place in cases],
    })
    found = detect(frame, ctx=CTX, codes=sorted({c for c, _, _ in cases})).findings
    flagged = {(r, c) for r, c in found.select("record_id", "code").iter_rows()}
    missed = [(code, text, place) for i, (code, text, place) in enumerate(cases)
              if (str(i), code) not in flagged]
    assert not missed, f"phrasings dq does not flag with their code: {missed}"


def test_special_layouts_are_caught_with_their_codes() -> None:
    body = ("The port authority on Tuesday approved a six-month trial that will let freight "
            "trains use the harbour line at night, officials said.")
    title = "Officials of the Harbour Authority Approve a Night Trial for Freight"
    more = "Operators say the change could take hundreds of lorries off the coastal road."
    texts = {
        "category_label": f"Business\n\n{title}\n\n{body}",
        "navigation": f"Home\nNews\nSport\nWeather\n\n{title}\n\n{body}\n\n{more}",
        "comment_block": f"{title}\n\n{body}\n\n{more}\n\n{body}\n\n12 comments",
        "dangling_source": f"{title}\n\n{body}\n\n{PUBLISHERS[0][0]}\n\nBack to top",
    }
    for code, text in texts.items():
        if code not in CODES:
            continue
        found = detect(pl.DataFrame({"id": ["x"], "text": [text]}), ctx=CTX).findings
        assert code in set(found["code"]), f"{code} not found in {text!r}"


@settings(_scaled(6))
@given(st.lists(glued_tokens(), min_size=1, max_size=6))
def test_dq_splits_generated_glued_tokens_as_generated(tokens: list[GluedToken]) -> None:
    if "glued_words" not in CODES:
        pytest.skip("glued_words is not registered yet")
    lines = [f"Officials said the plan of {t.glued} would be debated on Monday." for t in tokens]
    frame = pl.DataFrame({"id": [str(i) for i in range(len(lines))], "text": lines})
    found = detect(frame, ctx=CTX, codes=["glued_words"]).findings
    fixes = dict(found.select("record_id", "fix").iter_rows())
    for i, t in enumerate(tokens):
        assert fixes.get(str(i)) == t.fix, f"{t.glued!r}: dq proposes {fixes.get(str(i))!r}"


@given(prose_paragraphs(min_size=1, max_size=3))
def test_prose_is_made_of_real_words(para: str) -> None:
    import wordfreq

    assert "\n" not in para
    assert para.endswith(".")
    # lower-case words come from wordfreq's frequent list (names and openers are capitalised)
    words = [w.strip(".,").replace("’", "'") for w in para.split() if w[:1].islower()]
    assert words
    assert all(wordfreq.zipf_frequency(w, "en") >= 3 for w in words), words
    assert "lorem" not in para.lower()


@given(chrome_lines(codes=["back_to_top", "ad_label"], languages=["de"]))
def test_chrome_lines_respect_codes_and_languages(line: strategies.ChromeLine) -> None:
    assert line.code in ("back_to_top", "ad_label")
    assert line.language == "de"
    assert line.text in CHROME[line.code]["de"]


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda: chrome_lines(codes=["glued_words"]), ValueError),
        (lambda: chrome_lines(codes=[]), ValueError),
        (lambda: chrome_lines(languages=["xx"]), ValueError),
        (lambda: chrome_lines(codes="back_to_top"), TypeError),
        (lambda: chrome_lines(codes=["licence_nag"], languages=["de"]), ValueError),
        (lambda: articles(defects=["no_such_code"]), ValueError),
        (lambda: articles(defects="back_to_top"), TypeError),
        (lambda: articles(min_size=0), ValueError),
        (lambda: articles(min_size=3, max_size=2), ValueError),
        (lambda: prose_paragraphs(min_size=0), ValueError),
        (lambda: prose_paragraphs(language="xx"), ValueError),
        (lambda: glued_tokens(language="xx"), ValueError),
    ],
)
def test_bad_arguments_raise_when_the_strategy_is_built(make: object, error: type) -> None:
    with pytest.raises(error):
        make()  # type: ignore[operator]


@given(articles(defects=()))
def test_no_defects_means_no_injected_lines(article: Article) -> None:
    assert article.chrome == ()
    assert article.defects == ()
    assert article.growth == 0


@given(articles(defects=["glued_words"]))
def test_growth_counts_what_fixes_add(article: Article) -> None:
    assert article.growth == len(article.defects)


def test_every_injectable_code_is_a_registered_code() -> None:
    unknown = [c for c in INJECTABLE if c not in CODES]
    assert not unknown, f"strategies inject codes dq does not know: {unknown}"
    for code in INJECTABLE:
        assert get(code).level != "record"
