"""A run of short lines that the article enumerates above it is a list it talks about.

Why a module of its own: :mod:`dq.signals.chrome_blocks` asks it of every
run of menu-like lines, and it is the one rule about such lists for the
scan and the cleaner alike (the cleaner deletes only what the scan reports;
it kept a twin of this rule until unify21, with a wider reach, and the scan
reported what the cleaner then refused to delete).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_shape import S, flag, nxt, prev, record_cum_sum, record_sum
from dq.signals.frames import only

__all__ = ["ENUMERATION_GAP", "named_in_record", "word_run"]


def word_run(text: pl.Expr) -> pl.Expr:
    """``text`` as its words (letters, digits, "&") between single spaces, padded by one.

    Case is kept: a list item is named as it is printed ("VIP"), and a
    lower-cased match finds every menu entry that is also a common word.

    >>> pl.select(word_run(pl.lit("Festival, Grandstand & VIP."))).item()
    ' Festival Grandstand & VIP '
    """
    return pl.lit(" ") + text.str.replace_all(r"[^\p{L}\p{N}&]+", " ").str.strip_chars() + " "


#: What may stand between two items an enumeration names, once their
#: punctuation is gone (:func:`word_run`): nothing ("Festival, Grandstand")
#: or one short word, a conjunction in any language ("VIP dan VVIP", "and",
#: "und", "y", "et", "og", "ve").
ENUMERATION_GAP: Final = r"(?:[^ \n]{1,4} )?"


def named_in_record(member: pl.Expr, prose: pl.Expr) -> pl.Expr:
    """A ``member`` line that a ``prose`` line above it in its record enumerates together with
    the ``member`` line next to it (both non-null Booleans; ``prose`` lines are never members).

    An article names its list before printing it ("... four classes, namely
    Festival, Grandstand, VIP and VVIP." over "Festival" / "Grandstand" /
    "VIP" / "VVIP"; issue 15, audit15c), sometimes paragraphs before; a menu
    or a tag list is not enumerated in the prose, even when the article
    mentions its topics one by one ("Donald Trump" / "US-Wahl" / "Kamala
    Harris" under an article about the election: Fundus dev pages). So two
    neighbouring lines count only when one prose line names both, in their
    order, next to each other (:data:`ENUMERATION_GAP`). Only prose above
    counts: the consent line under a comment form ("Save my name, e-mail and
    website ...") names the form's fields too. The search runs over one
    string per record holding only the prose of records with members
    (``str.find``, so the position tells "above"), and is made only for the
    members whose words stand in it at all.

    >>> from dq.signals._demo import article_flags
    >>> from dq.signals.chrome_shape import WORDS
    >>> text = "Seats come in three classes: Festival, VIP and VVIP.\\nFestival\\nVIP\\nVVIP\\nHome"
    >>> article_flags(named_in_record(WORDS <= 2, WORDS > 2), text)
    [False, True, True, True, False]
    >>> text = "Festival\\nVIP\\nHome\\nSeats come in three classes: Festival, VIP and VVIP."
    >>> article_flags(named_in_record(WORDS <= 2, WORDS > 2), text)  # named below: no
    [False, False, False, False]
    >>> text = "Tickets for VIP sold out, Festival seats are left.\\nFestival\\nVIP\\nHome"
    >>> article_flags(named_in_record(WORDS <= 2, WORDS > 2), text)  # named, not enumerated
    [False, False, False, False]
    """
    src = prose & ~member & (record_sum(member.cast(pl.UInt32)) > 0)
    run = only(src, word_run(S.filter(src)), pl.String)
    blob = run.str.join("\n").over("rid")
    # Bytes of the blob the prose lines above a line wrote (each line and its "\n").
    above = record_cum_sum(flag(run.str.len_bytes() + 1).cast(pl.Int64))

    def found_above(mask: pl.Expr, pattern: pl.Expr, *, literal: bool) -> pl.Expr:
        at = blob.filter(mask).str.find(pattern.filter(mask), literal=literal)
        return flag(only(mask, at.cast(pl.Int64) < above.filter(mask), pl.Boolean))

    item = only(member, word_run(S.filter(member)), pl.String)
    named = found_above(member, item, literal=True) & flag(item.str.len_bytes() > 2)
    pair = named & flag(nxt(named))
    both = item.str.escape_regex() + ENUMERATION_GAP + nxt(item).str.slice(1).str.escape_regex()
    enumerated = found_above(pair, both, literal=False)
    return enumerated | flag(prev(enumerated))
