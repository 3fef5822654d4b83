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
- *a space before "!" and "?" in Bengali text* (issue 15, prec26): Bengali
  presses set the danda ("৷", "।") and "!" apart as Hindi ones do
  ("অ্যাকাউন্ট !", bengali.news18.com in audit25); Bengali joins the scripts
  above. A space before "," is still reported (audit25 judged Gujarati "છીએ ,"
  a slip).
- *the whole record follows its script's typography*: a line of Latin words
  in a Thai or Devanagari record ("Facebook : @MHESIThailand" in a thaigov.go.th
  contact block, audit25) is set as the record is, as in a French record
  (:func:`dq.signals.spacing._french` counts a spaced-mark line as a French mark).
- *an identifier with a dot inside.* A token whose parts on both sides of a
  dot are each a run of letters and digits mixed ("W32", "H264") or of mixed
  case ("AdCoinMiner", "iPhone") is a name (a malware family, a codec, a
  product), not a sentence end run into the next sentence: a sentence's last
  word is an ordinary word or a number, and the next sentence opens with an
  ordinary capitalised word. "in 2019.The" and "said.McCarthy" keep their
  repair (one side is an ordinary word or a bare number).
- *a web address closing a line* ("... tune in at infowars.com/show or
  AmericanCountdown.News", audit25): a mixed-case name, a dot and a word,
  and nothing after it. A sentence end run into the next sentence leaves
  that sentence's words after the dot; none of the 16 such glued positives
  of ../shared/eval/dev ends its line there ("andInstagram.What is your
  favorite"), so the name is neither cut at its dot nor inside (issue 15, prec26).
- *a statistical classification code* ("47.59.Z", the Polish PKD form of a
  NACE class: two digits, a dot, two digits, a dot, a capital). audit25: 23
  repairs in one stock-exchange filing split them ("(20.30.Z)" ->
  "(20.30. Z)"); a sentence does not end in two digits run into a lone capital.
"""

from __future__ import annotations

from typing import Final

import polars as pl

#: Scripts whose presses set a space before ``; : ! ?`` (see the module doc):
#: Devanagari (audit24), Thai (audit25), Bengali (audit25, prec26).
SPACED_MARK_SCRIPT: Final = r"[\p{Devanagari}\p{Thai}\p{Bengali}]"
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

#: A web address closing a line (see the module doc): a mixed-case part, a dot,
#: letters, and only white space after it.
ADDRESS_AT_END: Final = rf"^{_IDENT_PART}\.\p{{L}}+\s*$"


def spaced_mark_line(s: pl.Expr) -> pl.Expr:
    """Lines written in a script whose presses put a space before ``; : ! ?``.

    >>> df = pl.DataFrame({"s": ["काठमाडौं : डेंगु संक्रमण", "IPL 2021 : इंडियन प्रीमियर लीगच्या",
    ...                          "He said : no", "Qu'en pense-t-il ?", "ที่มา : https://www.thaigov.go.th",
    ...                          "উধাও হয়েছিল বিরাট কোহলির ইনস্টাগ্রাম অ্যাকাউন্ট !"]})
    >>> df.select(spaced_mark_line(pl.col("s"))).to_series().to_list()
    [True, True, False, False, True, True]
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


def address_at_end(rest: pl.Expr) -> pl.Expr:
    """Whether ``rest`` (a line from a token's first letter on) is a web address closing
    the line (:data:`ADDRESS_AT_END`).

    >>> df = pl.DataFrame({"s": ["AmericanCountdown.News", "AmericanCountdown.News  ",
    ...                          "andInstagram.What is your favorite", "said.McCarthy",
    ...                          "AmericanCountdown.News."]})
    >>> df.select(address_at_end(pl.col("s"))).to_series().to_list()
    [True, True, False, False, False]
    """
    return rest.str.contains(ADDRESS_AT_END)


def dotted_name(token: pl.Expr, line: pl.Expr) -> pl.Expr:
    """White-space ``token``s of ``line`` that are a dotted identifier or a web address
    closing the line: no sentence ends at their dot.

    >>> df = pl.DataFrame({"t": ["W32.AdCoinMiner", "AmericanCountdown.News", "andInstagram.What"],
    ...                    "s": ["a W32.AdCoinMiner b", "or AmericanCountdown.News",
    ...                          "andInstagram.What is it"]})
    >>> df.select(dotted_name(pl.col("t"), pl.col("s"))).to_series().to_list()
    [True, True, False]
    """
    at_end = line.str.strip_chars_end().str.ends_with(token)
    rest = token.str.replace(r"^[^\p{L}\p{N}]+", "")
    return token.str.contains(DOTTED_IDENTIFIER) | (at_end & address_at_end(rest))


def set_apart(s: pl.Expr, marks: str) -> pl.Expr:
    """Lines that show a record sets ``; : ! ?`` apart: ``marks`` (French elisions or
    guillemets, :data:`dq.signals.spacing.FRENCH_MARKS`) or a spaced-mark line.

    >>> df = pl.DataFrame({"s": ["l'État a dit", "ที่มา : ข่าว", "He said : no"]})
    >>> df.select(set_apart(pl.col("s"), "[«»]|l'")).to_series().to_list()
    [True, True, False]
    """
    return s.str.contains(marks) | spaced_mark_line(s)

