"""Hygiene signals: mojibake, HTML residue, duplicates, stubs, empty texts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pytest
from ftfy.badness import is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from dq.detect import detect
from dq.signals import hygiene
from dq.signals._demo import flags, matches
from dq.signals.hygiene import (
    HTML_RESIDUE,
    TOO_SHORT_WORDS,
    fix_html_residue,
    mojibake,
    mojibake_pattern,
    rust_pattern,
)

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev"
CODES = [s.code for s in hygiene.SIGNALS]
SENTENCE = "The council said the new timetable would start in October this year."


def _frame(*texts: str) -> pl.DataFrame:
    return pl.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "text": list(texts)})


def _table(*texts: str, codes: list[str] | tuple[str, ...] = CODES) -> dict[str, list[int]]:
    # detect() does not keep input row order yet: sort by id
    signals = detect(_frame(*texts), codes=codes).signals
    signals = signals.sort(pl.col("id").str.slice(1).cast(pl.Int32))
    return {code: signals[code].to_list() for code in codes}


def _long(n_words: int = 80) -> str:
    words = SENTENCE.split()
    return " ".join(words[i % len(words)] for i in range(n_words))


# -- mojibake -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "donâ€™t",
        "cafÃ©",
        "â€œWe didnâ€™t want to lose the pool,â€\x9d she said.",
        "Ewald Ferlemann und sein Leben fÃ¼r die VÃ¶gel",
        "Fundacja Nasza PrzyszÅ‚oÅ›Ä‡",
        "Привет".encode().decode("cp1252", errors="replace"),
        "Ελληνικά".encode().decode("latin-1"),
        "naïve café".encode().decode("mac_roman"),
    ],
)
def test_mojibake(line: str) -> None:
    assert is_bad(line)
    assert flags(mojibake(), [line]) == [True]


@pytest.mark.parametrize(
    "line",
    [
        "Le café est très apprécié à Nantes, où l’on préfère la crème brûlée.",
        "Die Größe der Straße überrascht: „Schön“, sagte Jürgen.",
        "¿Dónde está el niño? ¡Mañana, señor!",
        "A naïve façade — “curly quotes”, ‘single’, and an ellipsis…",
        "Москва — столица России, «ёлка» и Ё.",
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
        "Zażółć gęślą jaźń, Łódź i Kraków.",
        "東京は日本の首都です。",
        "مرحبا بالعالم",
        "Great game 👍🏽🔥 — 5 × 3 = 15, 20 °C, £5, €10, ±2 %",
        "It’s 10 a.m. © 2024 Harbour Post™",
    ],
)
def test_not_mojibake(line: str) -> None:
    assert not is_bad(line)
    assert flags(mojibake(), [line]) == [False]


@pytest.mark.parametrize(
    "line",
    [
        # two words of one script glued at a case change: ftfy counts them, dq does not
        "Mesto ležíŽilina je krajské mesto a hovorí o tom aj rozpočet.",  # Slovak
        "Strategia dla miasta ówczesnąŁódź opisywała inaczej.",  # Polish
        "V Liberci je to o něco méněČeská spořitelna tam má pobočku.",  # Czech
    ],
)
def test_glued_words_of_one_script_are_not_mojibake(line: str) -> None:
    assert is_bad(line)  # ftfy's detector alone would say mojibake
    assert flags(mojibake(), [line]) == [False]


@pytest.mark.parametrize(
    "line",
    [
        "The MINISTER\ufffdS statement came late.",  # a lost apostrophe in capitals
        "Die Stra\ufffde war gesperrt.",  # a lost ß
        "Le caf\ufffd est ferm\ufffd.",  # lost é at word ends
        # a glued word does not hide real mojibake on the same line
        "takéŘeditelství said donâ€™t",
    ],
)
def test_a_lost_character_or_real_mojibake_beside_glue_is_mojibake(line: str) -> None:
    assert flags(mojibake(), [line]) == [True]


def test_a_replacement_character_apart_from_words_is_not_reported() -> None:
    assert flags(mojibake(), ["Rating: \ufffd \ufffd \ufffd"]) == [False]


def _same_as_ftfy(strings: list[str]) -> list[str]:
    ours = pl.Series(strings, dtype=pl.String).str.contains(mojibake_pattern()).to_list()
    return [s for s, o in zip(strings, ours, strict=True) if o != is_bad(s)]


def test_mojibake_pattern_agrees_with_ftfy_on_damaged_text() -> None:
    clean = [
        "Le café est très apprécié à Nantes, où l’on préfère la crème brûlée.",
        "Die Größe der Straße überrascht: „Schön“, sagte Jürgen — 20 °C.",
        "Москва — столица России, «ёлка».",
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
        "“It’s naïve,” she said… ‘really’ — 5 × 3, ±2 %, £5, €10 ™ ® ©",
        "Zażółć gęślą jaźń. Ærøskøbing. Þórshöfn. İstanbul'da ağır şiir.",
    ]
    damaged = [
        text.encode("utf-8").decode(enc, errors="replace")
        for text in clean
        for enc in ("cp1252", "latin-1", "cp1251", "cp1253", "cp1257", "mac_roman", "cp437")
    ]
    windows = [text[i : i + 1 + i % 12] for text in damaged for i in range(len(text))]
    strings = clean + damaged + windows
    assert sum(map(is_bad, strings)) > 100  # the set does exercise the detector
    assert _same_as_ftfy(strings) == []


_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Z", "Cc"),
    max_codepoint=0x2600,
)


@given(st.text(alphabet=_ALPHABET, max_size=30))
def test_mojibake_pattern_agrees_with_ftfy_on_any_text(text: str) -> None:
    assert _same_as_ftfy([text]) == []


@pytest.mark.skipif(not DEV.exists(), reason="needs ../shared/eval/dev")
def test_mojibake_pattern_agrees_with_ftfy_on_dev_lines() -> None:
    with (DEV / "partial_lines.jsonl").open(encoding="utf-8") as fh:
        lines = [line for rec in fh for line in json.loads(rec)["text"].split("\n")]
    assert _same_as_ftfy(lines) == []


def test_rust_pattern_keeps_class_spaces_and_python_classes() -> None:
    verbose = r"""
        [ÃÂ][ ]     # a space inside a class is a literal
        | \w \s     # Python's meaning of \w and \s
        | [#]x      # "#" inside a class is not a comment
    """
    assert rust_pattern(verbose) == r"[ÃÂ][ ]|[\p{L}\p{N}_][\s\x1c-\x1f]|[#]x"
    assert pl.Series(["Ã ", "a\x1c", "#x", "\u0301 "]).str.contains(
        rust_pattern(verbose)
    ).to_list() == [True, True, True, False]


# -- html_residue -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("<p>Doctors will prescribe cycling.</p>", ["<p>", "</p>"]),
        ("First line<br/>second line<br>third<BR />", ["<br/>", "<br>", "<BR />"]),
        ('Read <a href="https://x.example/a?b=1&c=2" rel="nofollow">this</a>.',
         ['<a href="https://x.example/a?b=1&c=2" rel="nofollow">', "</a>"]),
        ("</div>", ["</div>"]),
        ("Barker &amp; Finch&nbsp;opened", ["&amp;", "&nbsp;"]),
        ("It&#8217;s &quot;fine&quot; &#x2019;", ["&#8217;", "&quot;", "&quot;", "&#x2019;"]),
        ("Caf&eacute; &Auml;rger &hellip;", ["&eacute;", "&Auml;", "&hellip;"]),
        ("<!-- ad slot --> text", ["<!--"]),
    ],
)
def test_html_residue(text: str, found: list[str]) -> None:
    assert matches(HTML_RESIDUE, text) == found
    assert [m.group(0) for m in re.finditer(HTML_RESIDUE, text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "if a < b and b > c then a < c",
        "x<y and y>z",
        "I <3 this town",
        "Write to Jane Doe <jane@example.com> by Friday.",
        "AT&T and R&D; Q&A session; fish & chips",
        "The arrow --> points right; <-- left",
        "Use <Ctrl> + <Alt> to switch",
    ],
)
def test_not_html_residue(text: str) -> None:
    assert matches(HTML_RESIDUE, text) == []


def test_html_residue_fixes() -> None:
    got = [fix_html_residue(m) for m in ["&amp;", "&#8217;", "&nbsp;", "&quot;", "<b>", "</p>",
                                         "<br/>", '<a href="x">']]
    assert got == ["&", "’", " ", '"', "", " ", " ", ""]


def test_html_residue_findings_point_at_the_tag() -> None:
    text = f"{SENTENCE}\nBarker &amp; Finch<br/>will open."
    found = detect(_frame(text), codes=CODES).findings.filter(pl.col("code") == "html_residue")
    assert [text[a:b] for a, b in found.select("start", "end").iter_rows()] == ["&amp;", "<br/>"]
    assert found["fix"].to_list() == ["&", " "]


# -- duplicate_lines -------------------------------------------------------------------


def test_duplicate_lines_flags_later_copies_only() -> None:
    quote = "“We cannot keep asking volunteers to pay for the boat,” she said."
    text = "\n\n".join([quote, SENTENCE, quote, "Short line.", "Short line.", quote])
    found = detect(_frame(text), codes=CODES).findings
    lines = found.filter(pl.col("code") == "duplicate_lines")["line"].to_list()
    assert lines == [5, 11]


def test_duplicate_lines_ignore_short_repeats_and_other_records() -> None:
    short = "\n".join([SENTENCE, "Advertisement", "Share this article", "Advertisement"])
    assert _table(short, SENTENCE, SENTENCE)["duplicate_lines"] == [0, 0, 0]


def test_duplicate_lines_are_exact_after_stripping() -> None:
    text = "\n".join([SENTENCE, "   " + SENTENCE + "  ", SENTENCE.lower()])
    assert _table(text)["duplicate_lines"] == [1]


# -- too_short / empty_text --------------------------------------------------------------


def test_too_short_threshold() -> None:
    table = _table(_long(TOO_SHORT_WORDS - 1), _long(TOO_SHORT_WORDS), "Road closed.", "...")
    assert table["too_short"] == [1, 0, 1, 0]
    assert table["empty_text"] == [0, 0, 0, 1]


def test_empty_text_kept() -> None:
    assert _table("\u200b\xa0", "&nbsp;", "ok")["empty_text"] == [1, 0, 0]


# -- duplicate_record ------------------------------------------------------------------


def test_duplicate_record_keeps_the_first_copy() -> None:
    a, b = _long(60), SENTENCE + "\n\n" + _long(70)
    reflowed = b.replace("\n\n", " ").upper()
    assert _table(a, b, a, reflowed, a + " extra")["duplicate_record"] == [0, 0, 1, 1, 0]


def test_duplicate_record_same_cheap_key_different_text() -> None:
    # same word count, same first and last word: normalised and told apart
    x = "Alpha beta gamma delta omega."
    y = "Alpha gamma beta delta omega."
    assert _table(x, y, x)["duplicate_record"] == [0, 0, 1]


def test_duplicate_record_ignores_row_order_of_the_engine() -> None:
    texts = [f"Text number {i % 3} is here." for i in range(9)]
    assert _table(*texts)["duplicate_record"] == [0, 0, 0] + [1] * 6


_DUP_PIECES = st.sampled_from(
    ["a", "A", "b", "İ", "i\u0307", "i", " ", "  ", "\n", "\xa0", "\t", "."]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_DUP_PIECES, min_size=1, max_size=12).map("".join), min_size=1,
                max_size=8))
def test_duplicate_record_is_an_earlier_equal_normal_form(texts: list[str]) -> None:
    # the plain definition: lower-cased, white space collapsed, as an earlier record; a text
    # without a letter or digit is empty_text, no copy (unify21)
    normal = [" ".join(t.lower().split()) for t in texts]
    wordly = [any(c.isalnum() for c in t) for t in texts]
    expected = [int(wordly[i] and normal[i] in normal[:i]) for i in range(len(texts))]
    assert _table(*texts, codes=["duplicate_record"])["duplicate_record"] == expected


def test_duplicate_record_dotted_capital_i_lower_cases_to_two_characters() -> None:
    # "İ" lower-cases to "i̇" (two characters): the size key allows for it
    assert _table("İstanbul is big.", "i̇stanbul  is big.", codes=["duplicate_record"])[
        "duplicate_record"
    ] == [0, 1]


# -- edge cases ----------------------------------------------------------------------------


def test_empty_frame() -> None:
    result = detect(pl.DataFrame(schema={"id": pl.String, "text": pl.String}), codes=CODES)
    assert result.signals.height == 0
    assert result.findings.height == 0


def test_one_line_unicode_records() -> None:
    table = _table("Ελληνικά 👍🏽 naïve", "cafÃ©", "  ")
    assert table["mojibake"] == [0, 1, 0]
    assert table["too_short"] == [1, 1, 0]
    assert table["empty_text"] == [0, 0, 1]


# -- the bundled corpus --------------------------------------------------------------------


def test_bundled_corpus_expectations() -> None:
    expected = json.loads((REPO / "corpus" / "expected.json").read_text("utf-8"))
    articles = pl.read_ndjson(REPO / "corpus" / "articles.jsonl", infer_schema_length=None)
    table = detect(articles, codes=CODES).signals
    wrong = {}
    for row in table.iter_rows(named=True):
        got = {c for c in CODES if row[c]}
        want = set(expected[row["id"]]["codes"]) & set(CODES)
        if got != want:
            wrong[row["id"]] = (sorted(got), sorted(want))
    assert wrong == {}
