"""Typography that is a script's norm or a name's spelling, not a scraper's slip.

Why a module of its own: the spacing signals (:mod:`dq.signals.spacing`)
repair what a scraper did to white space; two things they read as slips are
correct text (issue 15, seventh outside audit, audit24, 2026-12-07):

- *a space before "?" or ":" in Devanagari text.* Hindi, Marathi and Nepali
  presses set a space before the danda ("।"), and many before "?", "!",
  ":" and ";" as well: "होइन ?", the dateline "काठमाडौं :", the caption label
  "तस्बिर :" (annapurnapost, abplive, loksatta: 10 of 50 judged
  ``space_before_punct`` findings were this style, and repairing it rewrites
  correct text). As in French (:data:`dq.signals.spacing.FRENCH_MARKS`), the
  space before ``; : ! ?`` stays on a line written in the script; a space
  before "." or "," is still reported.
- *a space before ":" (and "?", "!") in Thai text.* Thai typography sets a
  space on both sides of a colon ("ที่มา : <url>", "ข่าวโดย : <name>",
  "Facebook : ..." inside a Thai line): the eighth outside audit (audit25,
  thaigov.go.th) found 633 of the run's 651 ``space_before_punct`` findings
  to be Thai " :", 28 of 28 judged ones wrong. Thai joins the scripts above.
- *an identifier with a dot inside.* A token whose parts on both sides of a
  dot are each a run of letters and digits mixed ("W32", "H264") or of mixed
  case ("AdCoinMiner", "iPhone") is a name (a malware family, a codec, a
  product), not a sentence end run into the next sentence: a sentence's last
  word is an ordinary word or a number, and the next sentence opens with an
  ordinary capitalised word. "in 2019.The" and "said.McCarthy" keep their
  repair (one side is an ordinary word or a bare number).
- *a statistical classification code* ("47.59.Z", the Polish PKD form of a
  NACE class: two digits, a dot, two digits, a dot, a capital). audit25: 23
  repairs in one stock-exchange filing split them ("(20.30.Z)" ->
  "(20.30. Z)"); a sentence does not end in two digits run into a lone capital.
"""

from __future__ import annotations

from typing import Final

import polars as pl

#: Scripts whose presses set a space before ``; : ! ?`` (see the module doc):
#: Devanagari (audit24), Thai (audit25).
SPACED_MARK_SCRIPT: Final = r"[\p{Devanagari}\p{Thai}]"
#: A line written in such a script: it holds a word of it (two letters, vowel
#: signs between). A Latin line with one Devanagari name is rare; a
#: Devanagari line with a Latin token ("IPL 2021 : इंडियन ...") is common.
SPACED_MARK_LINE: Final = rf"{SPACED_MARK_SCRIPT}\p{{M}}*{SPACED_MARK_SCRIPT}"

#: One part of a dotted identifier: letters and digits, with a letter and a
#: digit both ("W32", "Win64") or a lower-case letter then a capital
#: ("AdCoinMiner", "iPhone").
_IDENT_PART: Final = (
    r"[\p{L}\p{N}]*(?:\p{L}[\p{L}\p{N}]*\p{N}|\p{N}[\p{L}\p{N}]*\p{L}|\p{Ll}\p{Lu})[\p{L}\p{N}]*"
)
#: A classification code in the PKD form of a NACE class, "47.59.Z" (see the module doc).
_CLASS_CODE: Final = r"\p{N}{2}\.\p{N}{2}\.\p{Lu}"
#: A dot between two identifier parts, each a whole run of letters and digits,
#: or a classification code, each standing alone (not inside a longer token).
DOTTED_IDENTIFIER: Final = (
    rf"(?:^|[^\p{{L}}\p{{N}}])(?:{_IDENT_PART}\.{_IDENT_PART}|{_CLASS_CODE})(?:[^\p{{L}}\p{{N}}]|$)"
)


def spaced_mark_line(s: pl.Expr) -> pl.Expr:
    """Lines written in a script whose presses put a space before ``; : ! ?``.

    >>> df = pl.DataFrame({"s": ["काठमाडौं : डेंगु संक्रमण", "IPL 2021 : इंडियन प्रीमियर लीगच्या",
    ...                          "He said : no", "Qu'en pense-t-il ?", "ที่มา : https://www.thaigov.go.th"]})
    >>> df.select(spaced_mark_line(pl.col("s"))).to_series().to_list()
    [True, True, False, False, True]
    """
    return s.str.contains(SPACED_MARK_LINE)


def is_dotted_identifier(token: str) -> bool:
    """Whether ``token`` holds a dot between two identifier parts (see the module doc).

    >>> [is_dotted_identifier(t) for t in ("W32.AdCoinMiner", "H264.MP4", "(iOS.iPhone14)",
    ...                                    "(47.59.Z)Mennica", "(20.30.Z)”")]
    [True, True, True, True, True]
    >>> [is_dotted_identifier(t) for t in ("2019.The", "said.McCarthy", "£40.I’ve", "yet.You",
    ...                                    "3.54kg.I", "COVID-19.The", "2024.W", "15.Mennica")]
    [False, False, False, False, False, False, False, False]
    """
    return bool(pl.Series([token]).str.contains(DOTTED_IDENTIFIER).item())
