"""Hygiene: damage a news feed or API did to the text before it reached you.

Why a module of its own: some sources hand over text that is already cut or
emptied, and no chrome rule should read what is left as furniture. The user
needs to hear about the damage itself, once per record, so the records can
be fetched again or dropped. Both codes are report-only: dq cannot put back
what the source took away.

- ``truncation_marker``: NewsAPI's ``content`` field stops after about 200
  characters with "… [+2208 chars]" (audit23 of 2026-12-07: 449 such lines
  in 1,315 records, no code said the text was cut).
- ``letters_stripped``: NewsAPI's ``content`` of Russian records had every
  Cyrillic letter removed, leaving " , , ." and the Latin names ("WhatsApp")
  of each sentence (audit23: 84 records; chrome rules read the remnants as
  share bars and datelines and ``dq clean`` deleted them). The same API
  stripped the kana and ideographs of Japanese and Chinese records, leaving
  their figures glued into one run ("2021526201844200920282152" of
  "2021年5月26日20時18分44秒 ...") and their Latin words ("YouTube").
"""

from __future__ import annotations

from typing import Final

import polars as pl

#: The marker NewsAPI (and feeds built on it) puts where it cut ``content``:
#: "[+2208 chars]", after an ellipsis. A span pattern (Rust and Python alike).
TRUNCATION_MARKER: Final = r"\[\+[0-9]+ chars\]"

#: An empty word place: a comma or full stop at the start of a line or after
#: white space, where a word stood before the source removed its letters.
_SLOT: Final = r"(?:^|\s)[,.]"

#: A line is letter-stripped when it holds this many empty word places or
#: more and letters make less than half of its non-space characters. Measured
#: 2026-12-07, one such line per record: audit23's NewsAPI Russian records 73
#: of 110 (and 12 RBC/Lenta records of a NewsAPI cache); every other record of
#: four outside audits (audit15c, audit21 a and b, audit22: 4,541 records in
#: 20 languages, scraped pages with spacing damage of all kinds) and the dev
#: pages (980): none. A line of spaced commas still has its words ("von Till
#: Eckert , Max Bernhard"), so letters outweigh the marks.
STRIPPED_SLOTS: Final = 2

#: Two marks with only a space between (", ,", ", .", ". ,"): what every
#: letter-stripped record but one shows (84 of the 85 above; a stripped line is
#: taken to hold one, so 84 records are reported) and 2 of
#: the 980 dev pages do; the costlier test runs only on texts and lines with it.
STRIPPED_PAIR: Final = r"[,.]\s[,.]"


#: Kana and CJK ideographs, as code-point ranges: a ``\\p{Han}`` class compiles
#: about 100 times slower (see ``chrome_shape``'s ``unspaced`` feature).
CJK_LETTER: Final = "[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"

#: Eight or more digits glued into one run, not inside a path, a decimal or a
#: date-like ID ("/2021/05/18", "c_1127453057.htm", "PMID 20175497."): what is
#: left of a CJK sentence's dates and figures once its ideographs are gone
#: ("5月26日20時18分" -> "5262018"). Measured 2026-12-07 on lines with no kana
#: or ideograph of records that hold some: audit23's NewsAPI Japanese and
#: Chinese records 15 of about 20 stripped ones; every other line of seven
#: outside audits and the dev pages: none.
GLUED_DIGITS: Final = r"(?:^|[^0-9/._:-])[0-9]{8,}(?:[^0-9/._-]|$)"


def cjk_stripped_line(line: pl.Expr) -> pl.Expr:
    """Whether ``line`` holds no kana or ideograph (:data:`CJK_LETTER`), no URL, and a run of
    glued digits (:data:`GLUED_DIGITS`): a Japanese or Chinese line whose letters the source
    removed, when its record holds CJK text elsewhere (the caller's test); False on null.

    >>> df = pl.DataFrame({"s": ["2021526201844200920282152", "C-HR1671421222826915569113",
    ...                          "2021年5月26日20時18分", "ISBN 978-4-06-519981-6",
    ...                          "PMID 20175497.", "https://x.jp/a/2021051812345678"]})
    >>> df.select(cjk_stripped_line(pl.col("s"))).to_series().to_list()
    [True, True, False, False, False, False]
    """
    return (line.str.contains(GLUED_DIGITS) & ~line.str.contains(CJK_LETTER)
            & ~line.str.contains("://", literal=True)).fill_null(False)


def stripped_line(line: pl.Expr) -> pl.Expr:
    """Whether ``line`` has two marks with only a space between (:data:`STRIPPED_PAIR`),
    :data:`STRIPPED_SLOTS` empty word places or more, and letters less than half of its
    non-space characters; False on null.

    >>> df = pl.DataFrame({"s": [" , , .", " Telegram-, , , . «: », , , .",
    ...                          ", 76- . 12 . YouTube-.",
    ...                          "von Till Eckert , Max Bernhard , Martin Murphy",
    ...                          "Scores: 3 , 1 and 2 , 0"]})
    >>> df.select(stripped_line(pl.col("s"))).to_series().to_list()
    [True, True, False, False, False]
    """
    slots = line.str.contains(STRIPPED_PAIR) & (line.str.count_matches(_SLOT) >= STRIPPED_SLOTS)
    letters = line.str.count_matches(r"\p{L}")
    marks = line.str.count_matches(r"\S")
    return (slots & (2 * letters < marks)).fill_null(False)


def letters_stripped() -> pl.Expr:
    """A record with a line whose letters the source removed (:func:`stripped_line`), or
    a record with CJK text and a line of it stripped of its kana and ideographs
    (:func:`cjk_stripped_line`): what is left of its sentences is punctuation, digits
    and Latin names.

    Only texts with two marks and a space between (:data:`STRIPPED_PAIR`), or with
    eight digits in a row, are split into lines, so the rest cost one or two scans.

    >>> df = pl.DataFrame({"text": ["Суд вынес приговор.\\n , \\xa0— . « , , »,\\xa0— .",
    ...                             "He said , then left .", "Fine text.\\nMore text.",
    ...                             "肉眼でも見える？\\n2021526201844200920282152\\nYouTube",
    ...                             "Order no.\\n2021526201844200920282152"]})
    >>> df.select(letters_stripped()).to_series().to_list()
    [True, False, False, True, False]
    """
    # Not elementwise in form: the two masks are columns of a frame, each computed
    # once (read as expressions, each was searched again for each of its five uses).
    return pl.col("text").map_batches(_stripped_flags, return_dtype=pl.Boolean)


def _stripped_flags(texts: pl.Series) -> pl.Series:
    """:func:`letters_stripped` over a column of texts."""
    from dq.signals.frames import only

    text = pl.col("text")
    frame = texts.to_frame("text").with_columns(
        text.str.contains(STRIPPED_PAIR).fill_null(False).alias("cand"),
        text.str.contains("[0-9]{8}").fill_null(False).alias("digits"),
    )
    cand, digits = pl.col("cand"), pl.col("digits")
    lines = text.filter(cand).str.split("\n")
    hit = lines.list.eval(stripped_line(pl.element()).any()).list.first()
    # The CJK letters (a costly class) and the lines are searched only in texts
    # with eight digits in a row: ``False & x`` is False whatever x is. Measured
    # 2026-12-08 on bench_detect's 200 MB (39,556 records), with the masks computed
    # once: 1.12 -> 0.27 CPU s.
    some = text.filter(digits)
    cjk_lines = some.str.split("\n")
    cjk_hit = some.str.contains(CJK_LETTER) \
        & cjk_lines.list.eval(cjk_stripped_line(pl.element()).any()).list.first()
    flags = only(cand, hit, pl.Boolean).fill_null(False) \
        | only(digits, cjk_hit, pl.Boolean).fill_null(False)
    return frame.select(flags).to_series().alias(texts.name)
