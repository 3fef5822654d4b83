"""A piece cut out of a sentence where a scraper broke the line at an inline link.

Why a module of its own: pages that render every inline link as a line of
its own (prosecutors' press releases, wire copy in Markdown) leave the
link's text between the two halves of its sentence: "... a cryptocurrency
company, product, or service can" / "dfs.ny.gov/complaint" / "or call (800)
342-3736. ..."; "Watch the ... flagship video on" / "YouTube" / ".". Alone
the middle line reads as a bare URL or a network name (a share button); in
its place it is a word of the sentence around it, and deleting it breaks
that sentence (tenth audit, issue 15: 4 such lines judged content, reported
as ``url_line`` and ``share_prompt``). The same shape in scripts written
without spaces, and links in angle brackets, are
:func:`dq.signals.chrome_remnant.link_split_piece`.

What the line IS: short, no sentence end of its own, with the line above
broken off mid-sentence (a word in lower case closes it, after a clause of
several words) and the line below going on with the same sentence (it opens
in lower case with a clause, or with the sentence's own punctuation). A
chrome line sits between lines that each stand on their own: a share bar
after a full stop, a URL under a heading, a menu of single words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import polars as pl

from dq.signals.chrome_shape import CHARS, WORDS, S, except_on, f, feature, flag, nxt, prev
from dq.signals.frames import Feature

__all__ = ["ABOVE_WORDS", "BELOW_WORDS", "FEATURES", "PIECE_CHARS", "PIECE_WORDS",
           "in_sentence_piece",
           "outside_sentence_pieces"]

#: Most words of the piece: a link's text is a URL, a name or a title of a few
#: words ("YouTube", "www.orangecountyda.com", "Black History Month").
PIECE_WORDS: Final = 4
#: Most characters of the piece (a long URL with its path runs to ~60).
PIECE_CHARS: Final = 90
#: Fewest words of the line above: a clause broken off before its object ("To
#: read the full press release on this case, visit": 10; the shortest of the
#: tenth audit's four, "Watch the San Diego Opioid Project's flagship video on",
#: has 9). A menu label above a link ("Follow us on", "Share on") is shorter.
ABOVE_WORDS: Final = 6
#: Fewest words of a line below that goes on in lower case ("or call (800)
#: 342-3736. ...", "and select the Sept. 21, 2011, press release titled ..."):
#: a clause, not a lower-case menu entry.
BELOW_WORDS: Final = 3


def in_sentence_piece() -> pl.Expr:
    """A short line between the two halves of a sentence broken at it (feature ``mid_piece``).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(in_sentence_piece(), "Residents who want to file a complaint about a "
    ...               "company can\\ndfs.ny.gov/complaint\\nor call (800) 342-3736 today.")
    [False, True, False]
    >>> article_flags(in_sentence_piece(), "Watch the project's flagship video on\\nYouTube\\n.")
    [False, True, False]
    >>> article_flags(in_sentence_piece(), "The council approved the budget on Monday.\\n"
    ...               "www.example.com\\nand more news from the region today")
    [False, False, False]
    >>> article_flags(in_sentence_piece(), "Follow us on\\nFacebook\\nand Twitter for updates")
    [False, False, False]
    """
    piece = (WORDS <= PIECE_WORDS) & (CHARS <= PIECE_CHARS) & ~f("sent") & ~f("colon")
    # Tested on the line, then shifted (once per distinct line, see chrome_remnant).
    broken = (WORDS >= ABOVE_WORDS) & S.str.contains(r"\p{Ll}$")
    goes_on = ((WORDS >= BELOW_WORDS) & S.str.contains(r"^\p{Ll}")) | S.str.contains(
        r"^[.,;:!?)\]]"
    )
    return piece & flag(prev(broken)) & flag(nxt(goes_on))


def outside_sentence_pieces(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal, except on a :func:`in_sentence_piece` (feature ``mid_piece``).

    >>> from dq.signals._demo import article_flags
    >>> rule = outside_sentence_pieces(lambda: pl.lit(True))()
    >>> article_flags(rule, "To read the full press release on this case, visit\\n"
    ...               "www.orangecountyda.com\\nand select the release of Sept. 21.\\n"
    ...               "www.example.com")
    [True, False, True, True]
    """
    return except_on(build, "mid_piece")


#: The feature columns of this module (see :mod:`dq.signals.frames`).
FEATURES: tuple[Feature, ...] = (feature("mid_piece", in_sentence_piece),)
