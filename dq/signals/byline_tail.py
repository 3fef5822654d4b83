"""A byline that closes the text: the author's name on the last line, maybe over an organisation.

Why: many presses sign an article at its foot, not its head: Vietnamese
agencies end with the reporter and the office ("Phan Việt Toàn" /
"Trung tâm Khuyến nông Quảng Trị"), regional and agency papers with
"Jan Kowalski" or "Anna Schmidt, dpa". ``missing_author`` read only opening
bylines ("By Jane Doe") and bylines in a few fixed shapes, so it reported
records that name their author on the last line (issue 15, seventh outside
audit, audit24: 42 of 63 khuyennongvn records end so; both judged
``missing_author`` findings on them were wrong).

What the shape is, argued from the line and its place:

- it is the last non-blank line, or the last but one over a short
  organisation line (a name of a body: a capital, at most
  :data:`ORG_MAX_WORDS` words, no digit, no sentence end);
- the line before it ends a sentence: the byline follows the text's last
  paragraph, it is not one line of a list or a menu;
- the name line is one or two names (joined by "-", ",", "&", "/" or "and"
  and its equivalents), each :data:`NAME_MIN_WORDS` to
  :data:`NAME_MAX_WORDS` words, every word in Title-Case (a capital then
  small letters: "Nguyệt Thư", "Jean-Luc Martin"). Scripts without case
  cannot show Title-Case; there the shape is a reporter and a place
  ("भरत खड्का/उदयपुर", the Nepali desk's form), two to three words, a
  slash, one or two words;
- it is no chrome phrase: a Title-Case "Related Stories" or "Read More"
  after the last paragraph is a heading, "View Comments", "Login Sign Up" or
  "Impressum Kontakt Datenschutz" a bar of controls: no word or phrase of the
  line is an entry of the lists of :data:`NOT_A_NAME_LISTS` (lower case).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals._phrases import alternation
from dq.signals.frames import only

#: Words of one name: a given name and a family name at least, four at most
#: ("Nguyễn Hữu Trường", "Ana María García López"). One word alone is as
#: often a heading or a site's name as a byline.
NAME_MIN_WORDS: Final = 2
NAME_MAX_WORDS: Final = 4
#: Words of an organisation line under the name ("Trung tâm Khuyến nông
#: Quốc gia": 6; "Chi cục Phát triển nông thôn Lào Cai": 8). A longer line
#: without a sentence end is a headline or a teaser.
ORG_MAX_WORDS: Final = 8
#: The end of the text searched for a closing byline (characters): a name
#: line and an organisation line of at most :data:`LINE_MAX_CHARS` each, and
#: the end of the sentence before them.
TAIL_WINDOW: Final = 200
#: Longest name or organisation line looked at (characters): four names'
#: worth; a longer last line is prose or a headline.
LINE_MAX_CHARS: Final = 80

#: A Title-Case word: a capital, then small letters (marks between; hyphenated
#: or apostrophed parts capitalised or not: "Jean-Luc", "O’Neil", "d’Arc" is
#: not accepted alone).
_TITLE: Final = r"\p{Lu}\p{M}*\p{Ll}[\p{Ll}\p{M}]*(?:['’-]\p{L}\p{M}*[\p{Ll}\p{M}]*)*"
_NAME: Final = rf"{_TITLE}(?:[ \t]+{_TITLE}){{{NAME_MIN_WORDS - 1},{NAME_MAX_WORDS - 1}}}"
_JOIN: Final = r"[ \t]*(?:[-–—,&/]|and|und|et|y|e|i|và|и|és)[ \t]*"
#: A cased name line: one or two names.
NAME_LINE: Final = rf"{_NAME}(?:{_JOIN}{_NAME})?"
#: A caseless script's word (Devanagari, Arabic, Bengali, Thai, ...).
_CASELESS: Final = r"\p{Lo}[\p{Lo}\p{M}]*"
#: A caseless reporter and place: "भरत खड्का/उदयपुर".
CASELESS_LINE: Final = (
    rf"{_CASELESS}(?:[ \t]+{_CASELESS}){{1,2}}[ \t]*/[ \t]*{_CASELESS}(?:[ \t]+{_CASELESS})?"
)
#: An organisation line: a capital first, words without digits or sentence
#: ends, at most :data:`ORG_MAX_WORDS`.
ORG_LINE: Final = (
    rf"\p{{Lu}}[\p{{L}}\p{{M}}.&'’-]*(?:[ \t]+[\p{{L}}\p{{M}}&'’-]+){{0,{ORG_MAX_WORDS - 1}}}"
)
#: The line before the byline ends a sentence (a danda for Devanagari).
SENTENCE_END: Final = r"[.!?…।][\"'’”»)\]]*$"
#: Phrase lists whose whole line is a heading or a link, not a name.
NOT_A_NAME_LISTS: Final = (
    "related_header", "read_more", "navigation", "share_prompt", "back_to_top",
    "comment_header", "comment_prompt", "ad_label", "cookie_ui", "media_control",
    "newsletter_prompt", "social_networks",
)


def _not_a_name() -> str:
    alts = "|".join(alternation(name) for name in NOT_A_NAME_LISTS)
    return rf"\b(?:{alts})\b"


def closing_byline(text: pl.Expr) -> pl.Expr:
    """The text ends with a byline: a name (and maybe an organisation) after the last sentence.

    >>> df = pl.DataFrame({"text": [
    ...     "Nông dân được hỗ trợ giống.\\nPhan Việt Toàn\\nTrung tâm Khuyến nông Quảng Trị",
    ...     "The council met on Monday.\\nAnna Schmidt - Jan Kowalski",
    ...     "डेंगुका बिरामी बढेका छन् ।\\nभरत खड्का/उदयपुर",
    ...     "The council met on Monday.\\nRelated Stories",
    ...     "The council met on Monday.\\nRead More",
    ...     "Home\\nNews\\nJohn Smith",
    ...     "The council met on Monday.\\nWhat The Vote Means For Drivers And Cyclists Now",
    ...     "The council met on Monday.\\nJohn Smith\\nThe vote was close, he said.",
    ...     "The council met on Monday", None]})
    >>> df.select(closing_byline(pl.col("text"))).to_series().to_list()
    [True, True, True, False, False, False, False, False, False, False]
    """
    # Not elementwise in form: the stages below run on a frame, each once (written
    # as one expression, the list of last lines was built again for each of its
    # ~10 uses: 0.38 of bench_detect's 200 MB, 2026-12-08). The same values.
    return text.map_batches(_closing_flags, return_dtype=pl.Boolean)


def _closing_flags(texts: pl.Series) -> pl.Series:
    """:func:`closing_byline` over a column of texts."""
    # The last three non-blank lines of the text's tail, each matched whole:
    # short strings, so the Unicode classes cost little (one pattern over a
    # 600-character tail cost 0.25 ms a record, 2026-12-07).
    lines = (
        pl.col("text").str.tail(TAIL_WINDOW).str.split("\n")
        .list.eval(pl.element().str.strip_chars().filter(pl.element().str.strip_chars() != ""))
        .list.tail(3)
    )
    tails = texts.to_frame("text").select(lines.alias("lines")).select(
        pl.col("lines").list.get(i, null_on_oob=True).alias(name)
        for i, name in ((-1, "last"), (-2, "second"), (-3, "third"))
    )
    last, second, third = pl.col("last"), pl.col("second"), pl.col("third")
    short = last.str.len_chars() <= LINE_MAX_CHARS
    name_line = rf"^(?:{NAME_LINE}|{CASELESS_LINE})$"
    alone = short & last.str.contains(name_line) & second.str.contains(SENTENCE_END)
    over_org = (
        short & last.str.contains(rf"^{ORG_LINE}$")
        & (second.str.len_chars() <= LINE_MAX_CHARS) & second.str.contains(name_line)
        & third.str.contains(SENTENCE_END)
    )
    name = pl.when(alone.fill_null(False)).then(last).when(over_org.fill_null(False)).then(second)
    # The phrase test on the names found only (``only``): on a column with nulls this
    # pattern (27k characters) took 0.17 CPU s for 22 names among 1,196 rows.
    named = pl.col("name").is_not_null()
    phrase = pl.col("name").filter(named).str.to_lowercase().str.contains(_not_a_name())
    found = tails.select(name.alias("name")).select(
        named & ~only(named, phrase, pl.Boolean).fill_null(False)
    )
    return found.to_series().alias(texts.name)
