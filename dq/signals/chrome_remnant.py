"""What is left of a sentence whose letters the source stripped: punctuation around a name.

Why a module of its own: some feeds drop every letter of a script they
cannot encode (the NewsAPI ``content`` of Russian, Chinese and Japanese
records, audit23 of 2026-12-07) and keep the Latin words, digits and
punctuation: " , WhatsApp, , , ." is "... in WhatsApp, ..." of a Russian
sentence. Decoration-stripped, such a line reads as a lone network name
(a share bar) or a bare credit word ("Bild"), and ``dq clean`` deleted 12
such sentences as ``share_prompt``. A button row or a label never carries
a sentence's punctuation; a remnant always does. The signals that read a
line by its words alone ask :func:`sentence_remnant` first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import polars as pl

from dq.signals.chrome_shape import (
    CHARS,
    WORDS,
    S,
    except_on,
    f,
    feature,
    flag,
    matches,
    nxt,
    prev,
    record_sum,
)
from dq.signals.frames import Feature, only
from dq.signals.hygiene_feed import CJK_LETTER, STRIPPED_PAIR, cjk_stripped_line, stripped_line

__all__ = ["FEATURES", "REMNANT", "WRAP_ABOVE_CHARS", "as_name", "comma_continuation",
           "in_split_brackets", "link_split_piece", "outside_link_splits", "outside_remnants",
           "outside_wrapped_tails", "sentence_remnant", "stripped_sentence",
           "unspaced_split_piece", "wrapped_tail"]

#: Punctuation a button row or a label never has and a stripped sentence
#: keeps: quotation marks; a comma, full stop or semicolon after a space
#: (an empty place where a word was: " , ", "WhatsApp ."); two such marks
#: with nothing between (", ,", ". ,"); a hyphen left hanging before them
#: ("Telegram-." of "Telegram-канале"); a full stop closing the line (a
#: sentence end; a share bar has none). From the 23 share-prompt and credit
#: remnants judged in audit23 (all hit) and the share bars of the dev pages
#: and earlier audits ("Facebook Twitter Reddit", "Facebook | Twitter",
#: "Facebook, Twitter, LinkedIn", "Link copied!": none hit).
REMNANT: Final = r"[«»“”„\"]|\s[,.;]|[,;.]\s*[,;]|\p{L}-\s*[,.]|\.\s*$"


def sentence_remnant(line: pl.Expr, within: pl.Expr | None = None) -> pl.Expr:
    """Whether ``line`` carries the punctuation of a sentence (:data:`REMNANT`); False on null.

    With ``within`` (a Boolean), tested on those lines only, False on the others: a
    rule that asks only about its own candidates runs no regex over every line.

    >>> df = pl.DataFrame({"s": [" , WhatsApp, , , .", "« ». Instagram.", "Telegram-.",
    ...                          "Facebook Twitter Reddit", "Facebook | Twitter | WhatsApp",
    ...                          "Facebook, Twitter, LinkedIn", "Link copied!", "Foto:", None]})
    >>> df.select(sentence_remnant(pl.col("s"))).to_series().to_list()
    [True, True, True, False, False, False, False, False, False]
    >>> df.select(sentence_remnant(pl.col("s"), pl.col("s").str.contains("W"))).to_series(
    ...     ).to_list()
    [True, False, False, False, False, False, False, False, False]
    """
    if within is not None:
        return matches(within, line, REMNANT)
    return line.str.contains(REMNANT).fill_null(False)


#: Angle brackets, Latin and CJK: they enclose a code or a link's label
#: ("<4776>", "＜日足＞"), never a counter ("Comments (12)").
_OPEN_ANGLE: Final = r"[<＜〈《【][ \t\u3000]*$"
_CLOSE_ANGLE: Final = r"^[ \t\u3000]*[>＞〉》】]"


def in_split_brackets(line: pl.Expr, opens_above: pl.Expr, closes_below: pl.Expr) -> pl.Expr:
    """Whether ``line`` is the inside of angle brackets that a scraper broke over three
    lines: ``opens_above`` (the line above ends with the opening bracket) and
    ``closes_below`` (the line below starts with the closing one), each a Boolean tested
    on its own line and shifted, so the regexes run once per distinct line. False on null.

    A scraper that breaks lines at every inline link turns "エヌビディア<NVDA>　1130.54"
    into "エヌビディア<" / "NVDA" / ">　1130.54" (kabutan.jp in audit23: 377 stock
    codes read as social counts, tickers read as menus). The inside belongs to the
    sentence around it.

    >>> df = pl.DataFrame({"s": ["サイボウズ <", "4776", "> [東証Ｐ]", "Comments (", "12", ")"]})
    >>> s = pl.col("s")
    >>> opens, closes = s.str.contains(_OPEN_ANGLE), s.str.contains(_CLOSE_ANGLE)
    >>> df.select(in_split_brackets(s, opens.shift(1), closes.shift(-1))).to_series().to_list()
    [False, True, False, False, False, False]
    """
    return (line.is_not_null() & opens_above & closes_below).fill_null(False)


def link_split_piece() -> pl.Expr:
    """A line that is one of the three pieces of "name<CODE> rest" broken at its link:
    the inside (:func:`in_split_brackets`), the head ending with the opening bracket two
    lines above a closing one, or the tail starting with the closing bracket two lines
    below an opening one.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(link_split_piece(), "株価は上昇した。\\nエヌビディア<\\nNVDA\\n>　1130.54"
    ...               "\\n米国株は高い。")
    [False, True, True, True, False]
    """
    # Each bracket test on the line itself, then shifted: ``prev(S).str.contains(p)``
    # is ``prev(S.str.contains(p))``, and this way the two regexes run once per
    # distinct line (:mod:`dq.engine.distinct`), not on five shifted copies of
    # every line (measured 2026-12-08, bench_detect's 50 MB: 0.10 -> under 0.01 CPU s).
    opens, closes = S.str.contains(_OPEN_ANGLE), S.str.contains(_CLOSE_ANGLE)
    head = opens & nxt(closes, 2)
    tail = closes & prev(opens, 2)
    return in_split_brackets(S, prev(opens), nxt(closes)) | head.fill_null(False) \
        | tail.fill_null(False)


#: What begins a line that goes on with the sentence of the line above, in
#: Japanese (written without spaces, so a scraper that breaks lines at inline
#: links leaves a name on a line of its own): an honorific that follows a
#: name, with its particle ("氏は", "さんが", "様の"), or a comma or full
#: stop. Not a bare particle: words begin with them ("はてなブックマーク",
#: "はじまりのうた" in the menus of the dev pages); not a bare "氏" ("氏名").
#: From the kabutan.jp filings of audit23 ("指田仁" / "氏は5月31日受付で…":
#: the filer's name read as chrome).
_CONTINUES: Final = r"^(?:(?:氏|さん|様)[はがのをにとらへも、]|[、。，])"
#: A piece cut out of a sentence is short: a name, a ticker, a company.
SPLIT_PIECE_CHARS: Final = 24


def unspaced_split_piece() -> pl.Expr:
    """A short line (no sentence end) cut out of a Japanese or Chinese sentence by a scraper:
    the line above ends with an ideographic comma ("、", "，": a sentence never ends so)
    or the line below starts with what only continues a sentence (:data:`_CONTINUES`).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(unspaced_split_piece(), "> [東証Ｓ]について、\\n指田仁\\n"
    ...               "氏は5月31日受付で報告書を提出した。\\nニュース\\nもっと見る")
    [False, True, False, False, False]
    """
    short = (CHARS <= SPLIT_PIECE_CHARS) & (WORDS <= 2) & ~f("sent")
    above = prev(f("end").str.contains(r"[、，]$"))  # tested on the line, then shifted
    below = nxt(S.str.contains(_CONTINUES))
    return short & (flag(above) | flag(below))


def outside_link_splits(
    build: Callable[[], pl.Expr], *, phrase: str | None = None
) -> Callable[[], pl.Expr]:
    """``build``'s signal, except on a piece of a sentence split at a link (the feature
    ``link_split``: :func:`link_split_piece` or :func:`unspaced_split_piece`; for the
    signals that read a line by its shape or its neighbours: a ticker, a name or a price
    cut out of its sentence by a link is that sentence's content). A line the feature
    ``phrase`` marks (an explicit chrome phrase) stays reported.

    >>> from dq.signals._demo import flags
    >>> flags(outside_link_splits(lambda: pl.lit(True))(), ["Home"])
    [True]
    """

    def expr() -> pl.Expr:
        piece = f("link_split")
        if phrase is not None:
            piece = piece & ~f(phrase)
        return build() & ~piece

    expr.__doc__ = build.__doc__
    return expr


#: Fewest characters of a line that breaks off a sentence for :func:`wrapped_tail` to read
#: a short line under it as that sentence's end: 60. The hard-wrapped lines of audit26's
#: Serbian tabloid text run to 97-110 characters; a headline over a byline is shorter.
WRAP_ABOVE_CHARS: Final = 60
#: Most words of such an end: 3 ("AFP.", "Olimpijakosu.", "www.example.com.": audit26).
WRAP_END_WORDS: Final = 3


def wrapped_tail() -> pl.Expr:
    """A line that goes on with the sentence of the line above and closes with ")", or
    closes that sentence in a word or three.

    "... che sarà realizzata" / "negli spazi nell'abbazia di S.Giuliano a
    Genova. (ANSA)": the line above stops mid-sentence (a letter, digit or
    comma) and this one starts in lower case, so both are one paragraph and
    the agency in parentheses signs its text; a caption is a block of its
    own (five ANSA leads deleted as credits, audit23 of 2026-12-07).
    Hard-wrapped text carries a sentence's last words over the same way:
    "..., preneo je" / "AFP." ("AFP reported") and "... putem vebsajta
    www.doziviteslu.com odnosno" / "www.nikolateslaexperience.com." close the
    sentences above them; a credit or a link of its own has no full stop
    after a line broken off mid-word-run (audit26: both deleted as chrome).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(wrapped_tail(), "Il progetto sarà fatto\\nnell'abbazia di Genova. (ANSA)"
    ...               "\\nResidents clear debris on Friday. (AP)")
    [False, True, False]
    >>> article_flags(wrapped_tail(), "Ledena gromada može da se odlomi, navela je policija, "
    ...               "preneo je\\nAFP.\\nResidents clear debris after the storm on the coast"
    ...               "\\nAFP\\nPhoto: AFP.")
    [False, True, False, False, False]
    """
    above = prev(S.str.contains(r"[\p{L}\p{N},]$"))  # tested on the line, then shifted
    tail = S.str.ends_with(")") & S.str.contains(r"^\p{Ll}") & above
    broken = (prev(CHARS) >= WRAP_ABOVE_CHARS) & prev(S.str.contains(r"\p{Ll}$"))
    end = matches(broken & (WORDS <= WRAP_END_WORDS), S, r"^[^:]*[.!?][\"'”’»)]?$")
    return flag(tail) | end


def outside_wrapped_tails(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal, except on a :func:`wrapped_tail` (feature ``wrapped_tail``): the
    last words of a hard-wrapped sentence are that sentence's, whatever they look like
    alone (a link, a name, an agency).

    >>> from dq.signals._demo import article_flags
    >>> rule = outside_wrapped_tails(lambda: pl.lit(True))()
    >>> article_flags(rule, "Izložba je dostupna i putem vebsajta www.doziviteslu.com odnosno"
    ...               "\\nwww.nikolateslaexperience.com.\\nwww.example.com")
    [True, False, True]
    """
    return except_on(build, "wrapped_tail")


def as_name(agency_end: pl.Expr) -> pl.Expr:
    """``agency_end`` (a line ending with a picture agency after a comma, bar or slash),
    except where the agency is a word in lower case: an agency is written as a name,
    and a lower-case word after a comma is the sentence's ("Bože, pa", Serbian "God,
    then", deleted as a PA credit in audit26; "apa" is Hungarian "father"). Only dpa
    writes itself in lower case.

    >>> df = pl.DataFrame({"s": ["Michael Conroy, AP", "Bože, pa", "Anna Schmidt, dpa"]})
    >>> df.select(as_name(pl.lit(True))).to_series().to_list()
    [True, False, True]
    """
    lower = matches(agency_end, S, r"[,|/]\s*\p{Ll}+$") & ~S.str.ends_with("dpa")
    return agency_end & ~lower


#: Places where a word was: a comma or full stop after white space (not ";",
#: which French typography spaces: "Publié le 5 mai ; mis à jour le 6 mai").
#: A line with :data:`STRIPPED_SLOTS` of them or more and no word left is a
#: sentence whose letters the source stripped (audit23: " 10:00. 12 . 190 (
#: -34) .", " 25:25. , . , , , ." read as datelines for their time). A
#: scraped byline may space its commas ("von Till Eckert , Max Bernhard ,
#: Martin Murphy", dev), but it has its words; a date has at most one.
STRIPPED_SLOTS: Final = 2


def stripped_sentence(line: pl.Expr) -> pl.Expr:
    """Whether ``line`` holds :data:`STRIPPED_SLOTS` empty word places or more and no word
    (two letters in a row); False on null.

    >>> df = pl.DataFrame({"s": [" 25:25. , . , , , .", " 10:00. 12 . 190 ( -34) .",
    ...                          "von Till Eckert , Max Bernhard , Martin Murphy", "19.11.2019"]})
    >>> df.select(stripped_sentence(pl.col("s"))).to_series().to_list()
    [True, True, False, False]
    """
    # The slots counted only on the lines without a word (rare; the cheap test first):
    # 18 ms -> ~2 ms per 45k lines (2026-12-08), the same values.
    bare = (~line.str.contains(r"\p{L}\p{L}")).fill_null(False)
    slots = line.filter(bare).str.count_matches(r"\s[,.]") >= STRIPPED_SLOTS
    return only(bare, slots, pl.Boolean).fill_null(False)


#: Short cells that follow a split link on the same broken row, up to the next
#: sentence end: "トラースＯＰ <" / "6696" / ">　688円" / "+100" / "円 (+17.0％)" /
#: "ストップ高" (audit23's kabutan price rows; the cells read as chrome).
SPLIT_ROW_LINES: Final = 3


#: A comma or semicolon, then a word in lower case, opening a line: the line goes on
#: with a sentence (:func:`comma_continuation`).
_COMMA_CONTINUES: Final = r"^[,;][ \t]*\p{Ll}"


def comma_continuation() -> pl.Expr:
    """A line that opens with a comma or semicolon and a word in lower case: the rest of a
    sentence a scraper broke at a link ("$1,095 Ride1Up Roadster V2" / ", the" / "$1,199
    Rad Power Bikes RadMission": issue 15, audit28, read as a menu and a comment block).
    No menu entry, caption, byline or teaser starts so; a sentence piece does.

    >>> from dq.signals._demo import flags
    >>> flags(comma_continuation(), [", the", "; and more", ", Reuters", "Home", "Tags, news"])
    [True, True, False, False, False]
    """
    return S.str.contains(_COMMA_CONTINUES)


def link_split() -> pl.Expr:
    """The feature ``link_split``: a piece of a sentence a scraper split at a link (feature
    ``split_piece``), or a short cell at most :data:`SPLIT_ROW_LINES` lines after one with
    no sentence end between, or a line that goes on with a sentence after a comma
    (:func:`comma_continuation`).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(link_split(), "株価は上昇した。\\nトラースＯＰ <\\n6696\\n>　688円\\n"
    ...               "+100\\n円 (+17.0％)\\nストップ高\\n本日終値\\n米国株は高い。")
    [False, True, True, True, True, True, True, False, False]
    """
    piece, open_ = f("split_piece"), ~f("sent")
    row = flag(prev(piece))
    for k in range(2, SPLIT_ROW_LINES + 1):
        row = row | flag(prev(piece, k) & prev(open_, k - 1) & prev(open_, 1))
    short = (CHARS <= SPLIT_PIECE_CHARS) & (WORDS <= 2) & open_
    return piece | (row & short) | comma_continuation()


def _stripped() -> pl.Expr:
    """:func:`dq.signals.hygiene_feed.stripped_line`, run on the lines it can hold."""
    cand = S.str.contains(STRIPPED_PAIR)
    return only(cand, stripped_line(S.filter(cand)), pl.Boolean).fill_null(False)


def _cjk_line() -> pl.Expr:
    """:func:`dq.signals.hygiene_feed.cjk_stripped_line`, run on the lines it can hold
    (feature ``cjk_line``)."""
    cand = S.str.contains("[0-9]{8}")
    return only(cand, cjk_stripped_line(S.filter(cand)), pl.Boolean).fill_null(False)


def _cjk_stripped() -> pl.Expr:
    """:func:`dq.signals.hygiene_feed.cjk_stripped_line` in a record that holds kana or
    ideographs on another line (feature ``cjk_stripped``).

    The line test is a column of its own (``cjk_line``, of the line alone, so once per
    distinct line): written inline, the line pass held it twice (as a Boolean and
    as a count), each built with its mask read five times.
    """
    # On a ``cjk_line`` its record holds one, so the kana test needs no mask of such
    # records: a column of the line alone (``cjk_letter``, once per distinct line),
    # not a regex on every line of the slices (47 -> ~15 ms per 200k lines, 2026-12-08).
    line = f("cjk_line")
    return line & (record_sum(f("cjk_letter").cast(pl.UInt32)) > 0)


def outside_remnants(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal, except on a line that carries a sentence's punctuation
    (:func:`sentence_remnant`) in a record where the source stripped the letters of a line
    (feature ``stripped_rec``, the record code ``letters_stripped``). There every line is
    what is left of a sentence: " Telegram- SOTA, 23:00 5:00, — 22:00 6:00." (opening
    hours, read as a dateline) and " - (), 12 70 10 16 ." (a salute's figures, read as a
    pager and deleted) in audit23's letter-stripped NewsAPI records; even a phrase match
    there is a remnant's Latin word or figures. Where the source stripped the kana and
    ideographs of a Japanese or Chinese record (feature ``cjk_stripped``), their
    punctuation went with them: every line without a kana or an ideograph is a remnant
    ("YouTube" of "YouTubeで月食のライブ配信も", read as a share button).

    >>> from dq.signals._demo import article_flags
    >>> rule = outside_remnants(lambda: pl.lit(True))()
    >>> article_flags(rule, "Новости\\n , , .\\n Telegram- SOTA, 23:00 5:00.")
    [True, False, False]
    >>> article_flags(rule, "Home\\nUpdated 23:00 5:00.")
    [True, True]
    >>> article_flags(rule, "月食のライブ配信も\\n2021526201844200920282152\\nYouTube")
    [True, False, False]
    """

    def expr() -> pl.Expr:
        return build() & ~f("remnant")

    expr.__doc__ = build.__doc__
    return expr


#: The feature columns of this module (see :mod:`dq.signals.frames`).
FEATURES: tuple[Feature, ...] = (
    feature("split_piece", lambda: link_split_piece() | unspaced_split_piece()),
    feature("wrapped_tail", wrapped_tail),
    feature("link_split", link_split),
    feature("stripped", _stripped),
    feature("stripped_rec", lambda: record_sum(f("stripped").cast(pl.UInt32)) > 0),
    feature("cjk_line", _cjk_line),
    feature("cjk_letter", lambda: S.str.contains(CJK_LETTER)),
    feature("cjk_stripped", _cjk_stripped),
    feature("cjk_stripped_rec", lambda: record_sum(f("cjk_stripped").cast(pl.UInt32)) > 0),
    feature("remnant", lambda: matches(f("stripped_rec"), S, REMNANT)
            | (f("cjk_stripped_rec") & ~f("cjk_letter"))),
)
