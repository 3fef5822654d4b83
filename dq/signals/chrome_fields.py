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
item of a bulleted list of clauses or of full sentences is the text's own list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import polars as pl

from dq.signals.chrome_shape import (
    FROM_END,
    WORDS,
    S,
    except_on,
    f,
    feature,
    flag,
    matches,
    nxt,
    prev,
)
from dq.signals.frames import Feature

__all__ = [
    "CLAUSE_LOWER_WORDS",
    "FEATURES",
    "FIELD_LABEL",
    "SIGN_OFF_WORDS",
    "clause_item",
    "event_field",
    "numbered_item",
    "outside_clause_items",
    "outside_fields",
    "outside_numbered_items",
    "outside_tips",
    "tip_item",
    "wire_sign_off",
]

#: The labels of an event's fields in a media advisory, in the languages of the
#: dev pages' neighbours ("WHEN:", "Location:", "Dial-in:"). A label alone on its
#: line may also be "WHO:" or "WHAT:" (the advisory's five Ws), which inline are as
#: often a column's kicker ("What: ...").
_LABELS: Final = (
    r"when|where|date|time|location|venue|dial-in|webcast|wann|datum|uhrzeit|ort|quand|lieu"
    r"|fecha|hora|lugar|quando|onde"
)
#: A line opening with an event field's label and its colon (maybe bulleted). A media
#: advisory lists its own details as "Label: value", not teasers under topic kickers
#: (``dq.signals.chrome_teasers.kicker_line``; tenth audit, issue 15: "* Date: Thursday,
#: March 26, 2026" / "* Location: Lobby of the Swissôtel, Lima, Peru"). Words that are
#: also topics ("Data", "Local", "Place") are left out.
FIELD_LABEL: Final = rf"^(?:[-•*·–]\s+)?(?i:{_LABELS})\s*:"
_FIELD: Final = FIELD_LABEL + r"\s*\S"
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


def tip_item() -> pl.Expr:
    """A full sentence in a bulleted list of full sentences of the text: the item above or
    below is a bulleted full sentence too, and no chrome phrase (feature ``claimed``; so
    the plain tips beside a prompt-shaped one, whose only neighbour it is, are not marked:
    they need no sparing).

    "• Sign up for notifications or alerts from law enforcement agencies to stay
    updated ..." among a release's safety tips is a tip; a site's prompt is a button
    or a footer line, and its neighbours in a footer list are prompts too
    (as the cleaner's keep rule :func:`dq.clean._keep.bulleted_sentence`).

    >>> from dq.signals._demo import article_flags
    >>> tips = ("• Read the public registries of offenders in your area before you go.\\n"
    ...         "• Sign up for alerts from law enforcement agencies to stay updated.\\n")
    >>> article_flags(tip_item(), tips + "• Talk with your children about strangers and safety.")
    [False, True, False]
    >>> article_flags(tip_item(), tips + "• Sign up for our newsletter")
    [False, True, False]
    >>> article_flags(tip_item(), "• Sign up for our weekly newsletter to get the news.\\n"
    ...               "• Follow us on Twitter, Facebook and Instagram for more updates.")
    [False, False]
    """
    item = S.str.contains(_BULLET) & f("sentence")
    sibling = item & ~f("claimed")
    return item & (flag(prev(sibling)) | flag(nxt(sibling)))


def outside_tips(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal (a prompt signal), except on a :func:`tip_item` (feature ``tip``).

    >>> from dq.signals._demo import flags
    >>> flags(outside_tips(lambda: pl.lit(True))(), ["Sign up for our newsletter"])
    [True]
    """
    return except_on(build, "tip")


def numbered_item() -> pl.Expr:
    """An item of a numbered list of the text: it opens "N." or "N)" and the line above
    opens N-1 or the line below N+1 (feature ``numbered_item``). A link among the items
    ("5.www.doe.go.th/Smartjob" between "4.Mobile Unit" and "6.Smart Job Center": the
    department's job-search channels, eighth audit) is one of them, content (as the
    cleaner's keep rule :func:`dq.clean._keep.numbered_item`).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(numbered_item(), "4.Mobile Unit\\n5.www.doe.go.th/Smartjob\\n"
    ...               "6.Smart Job Center\\nContact us\\n5.www.example.com")
    [True, True, True, False, False]
    """
    number = S.str.extract(r"^([0-9]{1,3})[.)]", 1).cast(pl.Int64, strict=False)
    return ((prev(number) == number - 1) | (nxt(number) == number + 1)).fill_null(False)


def outside_numbered_items(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal (a link signal), except on a :func:`numbered_item`.

    >>> from dq.signals._demo import flags
    >>> flags(outside_numbered_items(lambda: pl.lit(True))(), ["5.www.example.com"])
    [True]
    """
    return except_on(build, "numbered_item")


#: Fewest words of the sentence a wire story's sign-off closes (``SENTENCE_WORDS``).
SIGN_OFF_WORDS: Final = 8


def wire_sign_off() -> pl.Expr:
    """The text's last line: a sentence closed by its wire agencies in parentheses, one word
    each ("... against Whittaker in 2020.(Reuters/NAN)", first audit) (feature
    ``wire_sign_off``). A wire story signs itself so at its end; a caption's credit names the
    photographer or says "Photo" ("(AP Photo/David Zalubowski)", "(Joshua
    Roberts/Reuters)"), and on the dev pages no caption with an agency's credit is a
    text's last line.

    >>> from dq.signals._demo import article_flags
    >>> line = "His only middleweight loss before Saturday came against Whittaker in 2020."
    >>> article_flags(wire_sign_off(), line + "\\n" + line + "(Reuters/NAN)")
    [False, True]
    >>> article_flags(wire_sign_off(), line + "\\n" + line + " (Joshua Roberts/Reuters)")
    [False, False]
    """
    agencies = r"[.!?]\s*\(\p{Lu}\p{L}*(?:\s?/\s?\p{Lu}\p{L}*)*\)$"
    return matches((FROM_END == 0) & (WORDS >= SIGN_OFF_WORDS), S, agencies)


def outside_fields(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal (a credit signal), except on an event field (feature
    ``event_field``) or a wire story's sign-off (feature ``wire_sign_off``). Not for stamps: a
    news page may head its text "Date: 5 May 2024".

    >>> from dq.signals._demo import flags
    >>> flags(outside_fields(lambda: pl.lit(True))(), ["Time: 1 PM UTC", "Photo: AP"])
    [False, True]
    """
    return except_on(build, "event_field", "wire_sign_off")


def outside_clause_items(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal (a stamp signal), except on an item of a bulleted list of clauses
    (feature ``clause_item``).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(outside_clause_items(lambda: pl.lit(True))(),
    ...               "* Users can deposit the token from 2024-01-31\\n• 2 min read")
    [True, True]
    """
    return except_on(build, "clause_item")


#: The feature columns of this module (see :mod:`dq.signals.frames`).
FEATURES: tuple[Feature, ...] = (
    feature("event_field", event_field),
    feature("clause_item", clause_item),
    feature("tip", tip_item),
    feature("numbered_item", numbered_item),
    feature("wire_sign_off", wire_sign_off),
)
