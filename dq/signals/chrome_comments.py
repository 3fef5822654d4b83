"""comment_block's line tests: one comment's furniture, and where the article body ends.

Why a module of its own: a comment section is told by two kinds of
evidence, the furniture of each comment (a name with a time stamp, "Reply",
"Rating: 12 Votes") and its place (below enough of the article's
paragraphs); :mod:`dq.signals.chrome_blocks` combines them into the block.
The paragraph counts (:func:`prose_count`) also tell navigation runs inside
the body from those at its edges.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_shape import (
    LOW,
    WORDS,
    S,
    f,
    flag,
    matches,
    nxt,
    prev,
    record_cum_sum,
    record_sum,
)
from dq.signals.frames import only

#: Body lines (see :func:`dq.signals.chrome_shape.prose`) that must come
#: before a comment heading for it to open a comment section; fewer means the
#: heading is a counter next to the byline or a menu entry.
PROSE_BEFORE_COMMENTS: Final = 3

#: A comment heading opens a section only if at least 1/COMMENT_SHARE of the
#: record's paragraphs are above it (comments are often longer than the
#: article, so this is loose; it stops a counter under teasers at the top).
COMMENT_SHARE: Final = 4


def comment_meta() -> pl.Expr:
    """One comment's furniture: "Jane says:", "Rating: 12 Votes", "2 days ago at 07:52 am".

    >>> from dq.signals._demo import flags
    >>> flags(comment_meta(), ["10 February 2019 at 18:05",
    ...                        "WHEN: Monday, May 21, 2012, at 6:00 p.m.",
    ...                        "* When: Friday, May 31, 2025, at 4:00 PM"])
    [True, False, False]
    """
    # "Jane says:" is a comment's header only with the comment's time stamp
    # beside it ("Jane says:" / "10 February 2019 at 18:05"); alone, a line
    # ending in "said:" or "wrote:" introduces a quotation in the article.
    stamp_near = flag(nxt(f("date_cue"))) | flag(prev(f("date_cue")))
    says = stamp_near & matches(
        f("says_end"), S, tail=120,
        pattern=r"^.{1,60}\s(?i:says|said|wrote|sagt|schrieb|dit|a dit|dice|disse|escreveu)\s*:?$",
    )
    # The words before "said" name the commenter: "What they said" heads the
    # article's quotes (issue 15, audit21), as a pronoun or question word would.
    says = says & ~matches(says, S, r"^(?i:what|who|how|why|here|this|that|they|we|he|she"
                                    r"|you|it|i)(?:\s|'|’)")
    stamped = f("digit")
    rating = matches(
        stamped, LOW, r"^(?:rating|score|points|votes?)\s*:\s*-?[0-9]+\s*(?:votes?|points?)?$"
    )
    stamp = matches(
        stamped, LOW,
        r"^(?:[0-9]+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago|yesterday|today|.{3,40}"
        r"[0-9]{4}),? (?:at|um|à|a las|às|alle) [0-9]{1,2}[:.][0-9]{2}\s*(?:[ap]\.?m\.?)?$",
    )
    # A date and time under an event field ("WHEN: Monday, May 21, 2012, at 6:00 p.m.",
    # "* When:" / "Friday, May 31, 2025, at 4:00 PM") is a media advisory's detail, not a
    # comment's stamp: no comment system labels its stamps (issue 15, audit27).
    stamp = stamp & ~matches(stamp, LOW, rf"^\W*{_EVENT_FIELD}") \
        & ~matches(stamp, prev(LOW), rf"^\W*{_EVENT_FIELD}\s*$")
    control = flag(f("core").str.contains(
        r"^(?:reply|reply to this comment|report(?: this comment| abuse)?|permalink"
        r"|link permanente|antworten|répondre|responder|rispondi|like|dislike|melden|signaler"
        r"|denunciar|[0-9]+ (?:likes?|dislikes?|upvotes?|points?))$"
    ))
    return says | rating | stamp | control | f("user") | handle_stamp()


#: The field labels of an event's details in a media advisory or invitation.
_EVENT_FIELD: Final = r"(?:when|date|time|wann|datum|zeit|quand|fecha|hora|quando|data)\s*:"


#: A relative time as comment sections print it, in the big web languages:
#: "vor 5 Stunden", "3 hours ago", "il y a 2 jours", "hace 3 horas",
#: "2 saat önce", "for 3 timer siden", "3 timmar sedan", "2 uur geleden".
_RELATIVE: Final = (
    r"(?:vor [0-9]{1,2} (?:minuten|stunden|tagen|wochen|monaten)|[0-9]{1,2} (?:minutes?|mins?"
    r"|hours?|hrs?|days?|weeks?|months?) ago|il y a [0-9]{1,2} (?:minutes?|heures?|jours?)"
    r"|hace [0-9]{1,2} (?:minutos?|horas?|días?)|há [0-9]{1,2} (?:minutos?|horas?|dias?)"
    r"|[0-9]{1,2} (?:dakika|saat|gün) önce|(?:for )?[0-9]{1,2} (?:minutter|timer|dager|dage)"
    r" siden|[0-9]{1,2} (?:minuter|timmar|dagar) sedan|[0-9]{1,2} (?:minuten|uur|dagen) geleden"
    r"|[0-9]{1,2} (?:minuti|ore|giorni) fa)"
)


def handle_stamp() -> pl.Expr:
    """A commenter's handle and the comment's age: "kleinerfrontkaempfer vor 5 Stunden".

    The handle is one token that reads as a user name, not a word of the
    language: it starts lower-case, or holds a digit, ``-``, ``_`` or ``.``
    ("Updated 3 hours ago" is a stamp label, not a handle).

    >>> from dq.signals._demo import flags
    >>> flags(handle_stamp(), ["kleinerfrontkaempfer vor 5 Stunden",
    ...                        "hinter-dem-Regenbogen vor 2 Stunden", "jdoe_77 3 hours ago"])
    [True, True, True]
    >>> flags(handle_stamp(), ["Updated 3 hours ago", "Aktualisiert vor 5 Stunden",
    ...                        "The flood hit 3 hours ago"])
    [False, False, False]
    """
    m = (WORDS <= 5) & f("digit")
    return matches(m, S, rf"^(?:\p{{Ll}}[\w.-]*|[\w.-]*[0-9_.-][\w.-]*)\s+(?i:{_RELATIVE})$")


def user_stamp() -> pl.Expr:
    """A commenter's name and the time of the comment: "pkowalski · 3 hours ago".

    The name is one word of 2-30 characters, maybe a second of at most 20.
    The lengths are checked on the captured words, not with counted
    repetitions in the regex: ``[\\w...]{2,30}`` compiles to a large
    automaton (~15 ms, paid on every call once Polars' regex cache is full).
    The same lines match: neither word's class holds white space or a
    separator, so each captured word is the whole run of its characters.

    >>> from dq.signals._demo import flags
    >>> flags(user_stamp(), ["pkowalski · 3 hours ago", "Anna Lena Berg | 2 days ago",
    ...                       "x · 3 hours ago", "a" * 31 + " · 2 days ago"])
    [True, False, False, False]
    """
    m = (WORDS <= 10) & (f("digit") | f("ago"))
    words = LOW.filter(m).str.extract_groups(
        r"^([\w.@'’-]+)(?: ([\w.'’-]+))?\s*(?:·|•|\|)\s*(?:[0-9]{1,2} "
        r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago|yesterday|today|just now"
        r"|[a-z]{3,9}\.? [0-9]{1,2},? [0-9]{4}.*|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}.*)$"
    )
    name, second = (words.struct.field(g).str.len_chars() for g in ("1", "2"))
    return flag(only(m, name.is_between(2, 30) & (second.is_null() | (second <= 20)), pl.Boolean))


def prose_count(*, above: bool) -> pl.Expr:
    """Paragraphs (feature ``prose``) above (or below) the line in its record, the line excluded."""
    p = f("prose").cast(pl.UInt32)
    upto = record_cum_sum(p)
    return upto - p if above else record_sum(p) - upto


def prose_above() -> pl.Expr:
    """At least :data:`PROSE_BEFORE_COMMENTS` paragraphs above the line."""
    p = f("prose").cast(pl.UInt32)
    return (record_cum_sum(p) - p) >= PROSE_BEFORE_COMMENTS


def below_body() -> pl.Expr:
    """Enough paragraphs above the line, and a fair share of all of them.

    (A "12 comments" counter under teaser paragraphs at the top of a page
    must not swallow the article below it.)
    """
    p = f("prose").cast(pl.UInt32)
    before = record_cum_sum(p) - p
    return f("prose_above") & (COMMENT_SHARE * before >= record_sum(p))
