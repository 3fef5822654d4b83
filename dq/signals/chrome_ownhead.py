"""The page's own headline set over lines, right above its body (issue 15, tenth audit).

Why: press releases and prosecutors' pages print their headline and subtitle
as a block of short lines, hard-wrapped ("Fugitive Arraigned for Cold Case 1996
Murder After" / "Extradition from the Dominican Republic"), under the page's
menu, a date or a contact block, and the body starts right below them. A run of
menu entries and headline-shaped lines is read as a teaser box
(``read_more``, evidence ``shape``); :func:`~dq.signals.chrome_blocks` already
spares the last headline of a run that leads into the body, but not the lines
the headline was wrapped from. Teasers sit apart from each other (a date, a
"Read more", a label between them) or below the body; a page's own headline
is one unbroken block of headline-shaped lines with the body's first paragraph
right under it and no paragraph above it.

Read by ``read_more`` (its run-of-headlines rule). The tenth audit judged 4 such
lines of 12 wrong ``read_more`` findings (``tests/data/audit/judgements_j.jsonl``).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_shape import (
    IDX,
    WORDS,
    S,
    f,
    feature,
    flag,
    from_run_end,
    from_run_start,
    nxt,
    run_edges,
    run_length,
)
from dq.signals.frames import Feature

__all__ = ["BODY_WORDS", "FEATURES", "HEAD_LINES", "WRAP_WORDS", "own_headline", "title_copy"]

#: Most lines of a page's own headline block: a headline wrapped over three
#: lines and a subtitle over two (the Brooklyn prosecutor's releases, tenth
#: audit). A longer unbroken block of headlines is a teaser box or a list.
HEAD_LINES: Final = 5

#: Fewest words of the first line of a headline set over lines: a headline wraps
#: because it is long, so its first line fills the width ("Fugitive Arraigned for
#: Cold Case 1996 Murder After", 8 words). A short line over the headline is a menu
#: entry or label ("Wo Sie uns noch folgen können", "Organize / See All Teams Help"):
#: with no floor, 6 chrome lines of lines.jsonl (dev) were spared; at 7, one (a
#: copy of the page's own headline above it; 2026-12-08).
WRAP_WORDS: Final = 7

#: Fewest words of the first line of a hard-wrapped paragraph ("(DALLAS) – On
#: December 30, 2025, the Texas Fifteenth Court of Appeals unanimously" / "upheld
#: the temporary injunction ..."), which ends without a sentence mark.
BODY_WORDS: Final = 10


def own_headline() -> pl.Expr:
    """A block of headline-shaped lines (feature ``listed``) right above the first paragraph.

    No paragraph above it (fewer than :data:`~dq.signals.chrome_blocks.PROSE_AROUND`),
    2 to :data:`HEAD_LINES` lines (one line alone above the body is judged by the
    run's own headline rule in ``chrome_blocks``) whose first has :data:`WRAP_WORDS` words
    or more, and the line right below it opens the body: a
    sentence, or the first line of a hard-wrapped paragraph (the next line goes on in
    lower case).

    >>> from dq.signals._demo import article_flags
    >>> para = "The man was arraigned today on a murder charge, the prosecutor said."
    >>> article_flags(own_headline(), "Home\\nContact Us\\nFriday, November 19, 2021\\n"
    ...     "Fugitive Arraigned for Cold Case Murder After\\n"
    ...     "Extradition from the Dominican Republic\\n" + para)
    [False, False, False, True, True, False]
    >>> article_flags(own_headline(), para + "\\n" + para + "\\nStorm Hits the Coast Tonight\\n"
    ...     "Voters Head to the Polls Early\\n" + para)
    [False, False, False, False, False]
    """
    listed = f("listed")
    first, last = run_edges(listed)
    # The first line of a hard-wrapped paragraph: long, and the next line goes on in
    # lower case (a long teaser headline is followed by another headline).
    wrapped = (WORDS >= BODY_WORDS) & ~listed & flag(nxt(S.str.contains(r"^\p{Ll}")))
    body = f("texty") | wrapped
    return (
        listed
        & run_length(first, last).is_between(2, HEAD_LINES)
        & from_run_start(WORDS >= WRAP_WORDS, first)
        & from_run_end(flag(nxt(body)), last)
        & ~f("body_above")
    )


#: Fewest words of a line read as a copy of the page's title: a headline ("Home" or
#: "Press Release" on the first line and again in a menu is no headline).
TITLE_COPY_WORDS: Final = 6


#: What parts a page title from the site's name ("HEADLINE | Cook County"); each is
#: 3 characters (:func:`title_copy` reads that many after the headline).
TITLE_SEPARATORS: Final = (" | ", " - ", " – ")


def title_copy() -> pl.Expr:
    """A line that repeats the record's first line, whole or without the site's name after
    " | ", " - " or " – ": a whole-page text opens with the page title ("HEADLINE | Cook
    County State's Attorney") and prints the headline again above the body. A teaser
    links another article; this one is the page's own (tenth audit, issue 15).

    >>> from dq.signals._demo import article_flags
    >>> head = "STATE'S ATTORNEY EXPANDS PILOT PROGRAM FOR GUN CASES"
    >>> article_flags(title_copy(), head + " | Cook County\\nPress Release\\n" + head +
    ...               "\\nStorm Hits the Coast of the County Tonight")
    [False, False, True, False]
    """
    first = pl.when(IDX == 0).then(S).forward_fill()
    cand = (IDX > 0) & (WORDS >= TITLE_COPY_WORDS)
    line = pl.when(cand).then(S)
    # The characters after the copy, read only where the title starts with it: the same
    # as ``starts_with(line + sep)`` per separator (all three are 3 characters), without
    # building three concatenated strings per line (22 -> 10 ms per 90k lines, 2026-12-08).
    after = pl.when(first.str.starts_with(line)).then(first.str.slice(line.str.len_chars(), 3))
    copy = (first == line) | after.is_in(TITLE_SEPARATORS)
    return flag(copy)


FEATURES: tuple[Feature, ...] = (
    feature("own_head", lambda: own_headline() | title_copy()),
)
