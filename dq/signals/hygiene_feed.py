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
  share bars and datelines and ``dq clean`` deleted them).
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
    """A record with a line whose letters the source removed (:func:`stripped_line`):
    what is left of its sentences is punctuation, digits and Latin names.

    Only texts with two marks and a space between (:data:`STRIPPED_PAIR`) are
    split into lines, so the rest cost one scan.

    >>> df = pl.DataFrame({"text": ["Суд вынес приговор.\\n , \\xa0— . « , , »,\\xa0— .",
    ...                             "He said , then left .", "Fine text.\\nMore text."]})
    >>> df.select(letters_stripped()).to_series().to_list()
    [True, False, False]
    """
    from dq.signals.frames import only

    text = pl.col("text")
    cand = text.str.contains(STRIPPED_PAIR).fill_null(False)
    lines = text.filter(cand).str.split("\n")
    hit = lines.list.eval(stripped_line(pl.element()).any()).list.first()
    return only(cand, hit, pl.Boolean).fill_null(False)
