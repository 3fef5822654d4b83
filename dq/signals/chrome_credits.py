"""Captions that carry their own credit (features ``own_credit``, ``clause_credit``).

Why a module of its own: :func:`dq.signals.chrome_meta.media_credit` reads
the line just above a short stand-alone credit as its caption. A line that
is caption and credit at once ("... in April 2022. (Adel Hana/The Associated
Press)", "... ofensiva russa/REUTERS") has its caption on it, so it condemns
no line above it; this module says which lines those are (features of the
meta chrome family, moved out of ``chrome_meta`` at its size limit, prec26).
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
    """
    # "... in April 2022. (Adel Hana/The Associated Press)": a caption sentence,
    # then the photographer and agency in parentheses, closing the line.
    named_slash = matches(f("paren_slash"), S, tail=120, pattern=
        r"[.!?][\"”’]? \(\p{Lu}[\w.&'’-]*(?: \p{Lu}[\w.&'’-]*){1,3}\s*/\s*\p{Lu}[\w.& -]*\)$")
    # "（潟沼義樹撮影）": "photographed by ..." in parentheses closing a Japanese caption.
    shot = matches(S.str.ends_with("撮影）") | S.str.ends_with("撮影)"), S,
                   r"[（(][^()（）]{1,20}撮影[)）]$")
    return named_slash | shot


def clause_credit() -> pl.Expr:
    """A clause closed by an agency (feature ``clause_credit``): caption and credit at once.

    Why: a line that ends in "/REUTERS" or "(AFP)" after a clause (a
    lower-case word, or four letters of a script without case) carries its
    own caption, so the line above it is not its caption (issue 15, prec26:
    the note above "... ofensiva russa/REUTERS" and a Thai line of text above
    one ending "(AFP)" were read as captions, both wrong). A name before the
    agency ("Michael Conroy/AP") is a bare credit: the line above it stays a
    caption. Used only to keep that line: it makes no line a credit (the
    agency list is wider than the credit marker's, "Pressedienst (epd)").

    >>> from dq.signals._demo import flags
    >>> flags(f("clause_credit"), ["Forças Ucranianas preparam-se para ofensiva russa/REUTERS",
    ...                            "ความร่วมมือกับสำนักงานตำรวจสหพันธ์ออสเตรเลีย (AFP)",
    ...                            "Michael Conroy/AP", "Natalie Naccache | Bloomberg (Getty)"])
    [True, True, False, False]
    """
    return matches(f("paren") | S.str.contains("/", literal=True), S, tail=120, pattern=
        r"(?:(?:^|\s)\p{Ll}{3,}|\p{Lo}{4})[^()|/]*(?:/|\s\()\s*"
        rf"(?i:{alternation('photo_agencies')})\s*\)?$")
