"""Lines a release writes as fields or list items: never a credit or a stamp by their shape.

Why a module of its own: press releases and media advisories set their own
facts as labelled fields ("WHO:" / "State Attorney ... / Miami-Dade Sheriff
...", "Location: Online, accessible via Twitter Spaces") and as bulleted
lists of clauses ("* Users can deposit DUEL for trading from 2024-01-31
12:00(UTC)"). Read alone, a field's value looks like a caption with its
credit ("... / Name", "... via Name") and a dated list item like a
publication stamp; the tenth audit (issue 15, audit27) judged 4 such
findings wrong. What the line IS decides: the value of an event field (its
label on the line or on the line above) is the release's content, and an
item of a bulleted list of clauses is the text's own list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import polars as pl

from dq.signals.chrome_shape import S, f, feature, flag, nxt, prev
from dq.signals.frames import Feature

__all__ = ["FEATURES", "clause_item", "event_field", "outside_clause_items", "outside_fields"]

#: The labels of an event's fields in a media advisory, in the languages of the
#: dev pages' neighbours ("WHEN:", "Location:", "Dial-in:"). As
#: ``dq.signals.chrome_teasers._FIELD_LABEL``; a label alone on its line may also
#: be "WHO:" or "WHAT:" (the advisory's five Ws), which inline are as often a
#: column's kicker ("What: ...").
_LABELS: Final = (
    r"when|where|date|time|location|venue|dial-in|webcast|wann|datum|uhrzeit|ort|quand|lieu"
    r"|fecha|hora|lugar|quando|onde"
)
_FIELD: Final = rf"^(?:[-•*·–]\s+)?(?i:{_LABELS})\s*:\s*\S"
_BARE_LABEL: Final = rf"^(?:[-•*·–]\s+)?(?i:{_LABELS}|who|what|why)\s*:$"

#: A bulleted item (as ``chrome_shape.BULLETED`` without the numbered forms).
_BULLET: Final = r"^[-*•·–]\s"
#: Fewest words that start in lower case in an item that is a clause ("can deposit ... for
#: trading from", "opened at"): a stamp has a label and a preposition at most
#: ("Updated on", "• 2 min read").
CLAUSE_LOWER_WORDS: Final = 3


def event_field() -> pl.Expr:
    """An event field's value: "Label: value", or the line under a bare "LABEL:" line.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(event_field(), "WHO:\\nState Attorney Jane Roe / Sheriff John Doe\\n"
    ...               "Location: Online, accessible via Twitter Spaces\\nPhoto: AP")
    [False, True, True, False]
    """
    return S.str.contains(_FIELD) | flag(prev(S.str.contains(_BARE_LABEL)))


def clause_item() -> pl.Expr:
    """An item of a bulleted list of clauses: it and a neighbouring item each hold
    :data:`CLAUSE_LOWER_WORDS` words in lower case or more.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(clause_item(), "* Users can deposit DUEL for trading from 2024-01-31\\n"
    ...               "* Withdrawals for DUEL opened at 2024-02-02 12:00 (UTC)\\n"
    ...               "• 2 min read\\n• Updated on May 5, 2024 10:05")
    [True, True, False, False]
    """
    bullet = S.str.contains(_BULLET)
    # Words that start in lower case, counted on bulleted lines only (the others blanked).
    lower = pl.when(bullet).then(S).otherwise(pl.lit("")).str.count_matches(r"(?:^|\s)\p{Ll}")
    clause = bullet & (lower >= CLAUSE_LOWER_WORDS)
    return clause & (flag(prev(clause)) | flag(nxt(clause)))


def outside_fields(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal (a credit signal), except on an event field (feature
    ``event_field``). Not for stamps: a news page may head its text "Date: 5 May 2024".

    >>> from dq.signals._demo import flags
    >>> flags(outside_fields(lambda: pl.lit(True))(), ["Time: 1 PM UTC", "Photo: AP"])
    [False, True]
    """

    def expr() -> pl.Expr:
        return build() & ~f("event_field")

    expr.__doc__ = build.__doc__
    return expr


def outside_clause_items(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal (a stamp signal), except on an item of a bulleted list of clauses
    (feature ``clause_item``).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(outside_clause_items(lambda: pl.lit(True))(),
    ...               "* Users can deposit the token from 2024-01-31\\n• 2 min read")
    [True, True]
    """

    def expr() -> pl.Expr:
        return build() & ~f("clause_item")

    expr.__doc__ = build.__doc__
    return expr


#: The feature columns of this module (see :mod:`dq.signals.frames`).
FEATURES: tuple[Feature, ...] = (
    feature("event_field", event_field),
    feature("clause_item", clause_item),
)
