"""Teasers of other articles known by what sits next to them: a stamp under them, a rank.

Why: below an article's body, modern pages list other articles, each a
headline with its own furniture. Two pieces of that furniture say what the
headline line is on any publisher, in any language (issue 15, recall26):

- a *stamped teaser*: a headline-shaped line right above a byline, date or
  reading-time line (feature ``direct`` of :mod:`dq.signals.chrome_meta`),
  when the article's own stamp and body are already above it. An article
  has one headline and one stamp, at its top; a second headline-and-stamp
  pair after them belongs to another article ("Sandalen mit Holzsohle im
  60s-Style ..." / "Von Héloïse Salessy", "Ist Künstliche Intelligenz ein
  Rohrkrepierer?" / "25.10.2022"). A live blog's entries are stamped too,
  but their stamp sits *above* the entry's headline, so only the line
  above a stamp is read. A one- to three-word line right above such a teaser is its topic label
  ("Mode" / "Sandalen mit Holzsohle ..." / "Von ...");
- a *ranked teaser*: a headline between two rank numbers alone on their
  lines, counting up ("1" / "This Bay Area zip code ranks ..." / "2"): a
  "most read" box. The article numbers its own lists inside the line
  ("1. Preheat the oven").

Both are reported by ``read_more`` with ``shape`` evidence, and like every
shape or context rule never on a full sentence (:func:`~dq.signals.chrome_shape.weak`).
Found reading the missed chrome lines of leave-one-site-out on the Fundus
and aeb pages of ``../shared/eval/dev`` (2026-12-08); counts in
``/work/audit/changelog/recall26.md``.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_comments import prose_count
from dq.signals.chrome_shape import (
    CHARS,
    IDX,
    WORDS,
    S,
    f,
    feature,
    flag,
    matches,
    nxt,
    prev,
    record_cum_sum,
)
from dq.signals.frames import Feature

__all__ = [
    "FEATURES", "KICKER_WORDS", "STAMP_BODY", "TEASER_WORDS", "ranked_teaser", "stamped_teaser",
    "teaser_kicker",
]

#: Words of a teaser headline: at least a short headline's three ("Mode" or
#: "Redaktionsleiter" alone is a label), at most a long headline's 20.
TEASER_WORDS: Final = (3, 20)

#: Most words of a teaser's topic label ("Mode", "Fútbol Sala"): as
#: ``chrome_teasers.KICKER_WORDS`` less one, a label above its own line.
KICKER_WORDS: Final = 3

#: Paragraphs (feature ``prose``) above a stamped teaser: the article's body
#: has begun. Two, as ``body_above`` of :mod:`dq.signals.chrome_blocks`
#: (one cookie sentence or lede above a page's own headline is not a body).
STAMP_BODY: Final = 2


#: A span of time, two years joined by a dash ("December 2024 - February 2025",
#: "2019–2023"): the period a table covers, no publication stamp.
_PERIOD: Final = (
    r"(?:19|20)[0-9]{2}\s*[-–—]\s*(?:\p{L}+\.?\s+(?:[0-9]{1,2},?\s+)?)?(?:19|20)[0-9]{2}"
)


def _headline_shape() -> pl.Expr:
    """A line shaped like a headline: 3-20 words, not a full sentence, no closing colon."""
    lo, hi = TEASER_WORDS
    return WORDS.is_between(lo, hi) & ~f("sentence") & ~f("colon") & ~f("claimed_other")


def stamped_teaser() -> pl.Expr:
    """A headline right above a byline or date stamp, below the article's own stamp and body.

    >>> from dq.signals._demo import article_flags
    >>> page = ("Storm hits the coast\\nBy Jane Doe\\n"
    ...         "The storm reached the coast on Monday night, forecasters said on Tuesday.\\n"
    ...         "Thousands of homes lost power and schools were closed for the day.\\n"
    ...         "Rail services resume after the summer floods\\n12 May 2024")
    >>> article_flags(stamped_teaser(), page)
    [False, False, False, False, True, False]

    The article's own headline above its first stamp is not one, nor a line
    under a stamp (a live blog's entry):

    >>> live = ("Riots: live updates\\n19:20 Sophie Bateman\\nTensions escalate in Plymouth\\n"
    ...         "Rival groups of demonstrators are squaring off in the city centre tonight.\\n"
    ...         "Police said they had made several arrests in the last hour of the day.\\n"
    ...         "19:15 Sophie Bateman\\nLocals blow bubbles at vigil for the victims")
    >>> article_flags(stamped_teaser(), live)
    [False, False, False, False, False, False, False]

    Nor the heading of a table over the period it covers:

    >>> table = page.replace("12 May 2024", "December 2024 - February 2025")
    >>> article_flags(stamped_teaser(), table)
    [False, False, False, False, False, False]
    """
    stamp = f("direct")
    seen = record_cum_sum(stamp.cast(pl.UInt32)) - stamp.cast(pl.UInt32)
    body = prose_count(above=True) >= STAMP_BODY
    # A period ("December 2024 - February 2025") heads a table of figures, it
    # dates no article (tenth audit: "Felony Retail Theft" over its period).
    period = matches(stamp, S, _PERIOD)
    dated = stamp & ~period
    return _headline_shape() & ~stamp & flag(nxt(dated)) & (seen >= 1) & body & (IDX > 0)


def teaser_kicker() -> pl.Expr:
    """The topic label of a stamped teaser: one to three words right above it ("Mode").

    A teaser box prints its section above the headline; the article's own
    label sits above *its* headline, above the first stamp, which a stamped
    teaser never is.

    >>> from dq.signals._demo import article_flags
    >>> page = ("Storm hits the coast\\nBy Jane Doe\\n"
    ...         "The storm reached the coast on Monday night, forecasters said on Tuesday.\\n"
    ...         "Thousands of homes lost power and schools were closed for the day.\\n"
    ...         "Travel\\nRail services resume after the summer floods\\nBy John Roe")
    >>> article_flags(teaser_kicker(), page)
    [False, False, False, False, True, False, False]
    """
    return (WORDS.is_between(1, KICKER_WORDS) & ~f("sentence") & ~f("direct")
            & ~f("claimed_other") & flag(nxt(f("stamped_teaser"))))


#: A rank number alone on its line: one or two digits.
_RANK: Final = r"^[0-9]{1,2}$"


def ranked_teaser() -> pl.Expr:
    """A headline between two rank numbers on their own lines that count up by one.

    >>> from dq.signals._demo import article_flags
    >>> box = "Most read\\n1\\nThis zip code ranks as the most expensive\\n2\\nWitness cheered\\n3"
    >>> article_flags(ranked_teaser(), box)
    [False, False, True, False, False, False]
    >>> article_flags(ranked_teaser(), "1\\nPreheat the oven and butter the tin\\n3")
    [False, False, False]
    """
    lone = (CHARS <= 2) & S.str.contains(_RANK)
    rank = pl.when(lone).then(S.cast(pl.Int32, strict=False))
    above, below = prev(rank), nxt(rank)
    lo, hi = TEASER_WORDS
    shape = WORDS.is_between(lo, hi) & ~f("sentence") & ~lone
    return flag(shape & (below == above + 1))


FEATURES: tuple[Feature, ...] = (
    feature("stamped_teaser", stamped_teaser),
    feature("ranked_teaser", ranked_teaser),
    feature("teaser_kicker", teaser_kicker),
    # What ``read_more`` of :mod:`dq.signals.chrome_blocks` reads.
    feature("teased", lambda: f("stamped_teaser") | f("ranked_teaser") | f("teaser_kicker")),
)

