"""Captions that carry their own credit (feature ``own_credit`` of the meta chrome family).

Why a module of its own: :func:`dq.signals.chrome_meta.media_credit` reads
the line just above a short stand-alone credit as its caption. A line that
is caption and credit at once ("... in April 2022. (Adel Hana/The Associated
Press)", "... ofensiva russa/REUTERS") has its caption on it, so it condemns
no line above it; this module says which lines those are (moved out of
``chrome_meta`` at its size limit, prec26).
"""

from __future__ import annotations

import polars as pl

from dq.signals._phrases import alternation
from dq.signals.chrome_shape import S, f, matches


def own_credit() -> pl.Expr:
    """A caption that carries its own credit at its end (feature ``own_credit``).

    Such a line is caption and credit at once: unlike a short credit line,
    it does not make the line above it a caption.

    >>> from dq.signals._demo import flags
    >>> from dq.signals.chrome_meta import media_credit
    >>> flags(media_credit(), ["A server delivers food to diners. (Brian Feinzimer / LAist)",
    ...                        "移送のため警視庁を出る岩本絹子容疑者＝13日（潟沼義樹撮影）"])
    [True, True]
    >>> flags(media_credit(), ["The region (Los Angeles/Long Beach) saw rain.",
    ...                        "Voters chose between two parties. (Republicans/Democrats)."])
    [False, False]

    A clause closed by an agency is a caption with its credit too (issue 15,
    prec26: the lines above "... ofensiva russa/REUTERS" and a Thai line
    ending "(AFP)" were read as their captions, 3 of 3 wrong); a name before
    the agency ("Michael Conroy, AP", "Natalie Naccache | Bloomberg") is not:

    >>> flags(f("own_credit"), ["Forças Ucranianas preparam-se para ofensiva russa/REUTERS",
    ...                         "ความร่วมมือกับสำนักงานตำรวจสหพันธ์ออสเตรเลีย (AFP)",
    ...                         "Michael Conroy/AP", "Natalie Naccache | Bloomberg (Getty)"])
    [True, True, False, False]
    """
    # "... in April 2022. (Adel Hana/The Associated Press)": a caption sentence,
    # then the photographer and agency in parentheses, closing the line.
    named_slash = matches(f("paren_slash"), S, tail=120, pattern=
        r"[.!?][\"”’]? \(\p{Lu}[\w.&'’-]*(?: \p{Lu}[\w.&'’-]*){1,3}\s*/\s*\p{Lu}[\w.& -]*\)$")
    # "（潟沼義樹撮影）": "photographed by ..." in parentheses closing a Japanese caption.
    shot = matches(S.str.ends_with("撮影）") | S.str.ends_with("撮影)"), S,
                   r"[（(][^()（）]{1,20}撮影[)）]$")
    # "... ofensiva russa/REUTERS", "... ออสเตรเลีย (AFP)": a lower-case word (or four
    # letters of an uncased script) then, closing the line, an agency after "/" or in
    # parentheses: a clause, not a name (names are capitalised), carries the credit.
    clause = matches(f("paren") | S.str.contains("/", literal=True), S, tail=120, pattern=
        r"(?:(?:^|\s)\p{Ll}{3,}|\p{Lo}{4})[^()|/]*(?:/|\s\()\s*"
        rf"(?i:{alternation('photo_agencies')})\s*\)?$")
    return named_slash | shot | clause
