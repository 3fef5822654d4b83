"""Which reported lines the cleaner may delete: a small pure rule over (code, evidence, line).

Why: a report can afford to be wrong, a deletion cannot. On 1,003 real
scraped articles ``dq clean`` deleted 27 full article sentences, each
condemned by its neighbours (the line after a "Sign up" heading, prose
next to a caption) or by its shape. So the cleaner deletes a line only on
evidence that rests on the line itself:

``phrase``   the line matches an explicit chrome phrase or pattern: delete;
``corpus``   the line recurs across records (site furniture): delete;
``shape``    layout only (short, at the edge, menu-like): never delete, only report;
``context``  inferred from the neighbours: never delete, only report.

Shape was deleted on short lines (at most five words, no sentence) until
2026-12-07. Measured then (``bench/audit_precision.py``, after the fixes of
:mod:`dq.signals.chrome_rows`): of the judged lines ``dq clean`` still
deleted on shape evidence in the three outside audits' excerpts, 18 of 29
were chrome and 11 were content (award lists, subheads, a signatory, a
headline broken over lines, a quoted post); the fourth audit's full run
had 7 of 13. Phrase evidence: 263 of 270. On the dev pages, where the shape
rules were written, shape deletions were right 1,097 times in 1,118, which
is the in-sample number; a rule that deletes at 0.6 on unseen sites
destroys content. The findings stay in the scan report.

One rule reads the record rather than the line. A code that names an
element printed once per article (a byline, a dateline) and fires on many
lines of one record may have found a list, a prayer-time table, an event
agenda, a list of holidays, and none of those lines is deleted
(:func:`in_a_list`). That is a deletion-safety rule, not a verdict on the
lines: the scan still reports them, because most such runs are chrome (the
detector measured a run rule that cleared them: it dropped 1,448 dev lines,
1,430 of them archive rows of chrome; :mod:`dq.signals.chrome_stamps`), and a
report can afford the rest where a deletion cannot.

What a line *is* is the detector's call alone. A list the article names
("Festival / Grandstand / VIP" under "four classes: Festival, Grandstand,
VIP and VVIP") is not reported at all
(:func:`dq.signals.chrome_named.named_in_record`), so the cleaner has
nothing to delete there and keeps no twin of that rule.

Each finding names its evidence (``evidence`` column, added by the signal
layer); until every finding carries one, :data:`DEFAULT_EVIDENCE` gives the
weakest kind each code can fire on, and codes whose evidence varies per
line (:data:`MIXED_EVIDENCE`: a phrase match on one line, a neighbour's
verdict on the next) count as ``context`` on a full sentence and as
``phrase`` otherwise.
"""

from __future__ import annotations

from typing import Final, Literal

import polars as pl

Evidence = Literal["phrase", "shape", "context", "corpus"]

#: A full sentence: at least this many words and terminal punctuation. A
#: chrome prompt is short ("Sign up for our daily briefing": 6 words, no
#: full stop); an article sentence of eight words or more that ends like
#: one is prose, whatever its neighbours are.
FULL_SENTENCE_WORDS: Final = 8
#: Terminal punctuation, then closing quotes or brackets.
_TERMINAL: Final = r"[.!?…][\"'”’»)\]]*$"
#: Evidence the cleaner deletes on: what the line itself says, or the corpus
#: (see the module doc for why not ``shape``).
DELETE_ON: Final = ("phrase", "corpus")

#: The weakest evidence each chrome code fires on (what the signal layer's
#: ``Signal.evidence`` says, 2026-12-07); codes not listed rest on a phrase.
DEFAULT_EVIDENCE: Final[dict[str, Evidence]] = {
    "read_more": "shape",
    "category_label": "shape",
    "navigation": "shape",
    "dangling_source": "shape",
    "cookie_notice": "context",
    "newsletter_prompt": "context",
    "media_credit": "context",
    "byline_dateline": "context",
    "comment_block": "context",
    "social_counts": "context",
    "duplicate_record": "corpus",
    "chrome_line": "context",
    "url_line": "context",
}
#: Codes that fire on a phrase on some lines and on context on others.
MIXED_EVIDENCE: Final = frozenset({
    "cookie_notice", "newsletter_prompt", "social_counts", "read_more",
    "media_credit", "byline_dateline", "comment_block", "url_line",
})


#: Codes naming an element an article prints once, at its head or foot.
ONCE_PER_ARTICLE: Final = frozenset({"byline_dateline"})
#: Most lines of a :data:`ONCE_PER_ARTICLE` code one record may lose: a byline,
#: a dateline and an "Updated ..." line. From the audit15c outside audit
#: (2026-12-07): the records where ``byline_dateline`` fired on 4 lines or
#: more held a prayer-time table (23 lines), a list of holidays (6) and an
#: event agenda (5), every line content; where it fired once or twice it
#: found bylines and date stamps.
ONCE_PER_ARTICLE_MAX_LINES: Final = 3


def _words(line: str) -> int:
    return len(line.split())


def is_full_sentence(line: str) -> bool:
    """Eight words or more, ending with terminal punctuation: prose, not chrome.

    >>> is_full_sentence("A stretch of the coast path near Tregony will reopen next week.")
    True
    >>> is_full_sentence("Sign up for our daily briefing")
    False
    >>> is_full_sentence("Share this article on Facebook, Twitter or by e-mail")
    False
    """
    import re

    stripped = line.strip()
    return _words(stripped) >= FULL_SENTENCE_WORDS and re.search(_TERMINAL, stripped) is not None


def evidence_of(code: str, line: str) -> Evidence:
    """The evidence a finding of ``code`` on ``line`` rests on, when the finding does not say.

    >>> evidence_of("back_to_top", "Back to top")
    'phrase'
    >>> evidence_of("newsletter_prompt", "Sign up for our daily briefing")
    'phrase'
    >>> evidence_of("newsletter_prompt", "A stretch of the coast path near Tregony will reopen.")
    'context'
    """
    if code in MIXED_EVIDENCE:
        return "context" if is_full_sentence(line) else "phrase"
    return DEFAULT_EVIDENCE.get(code, "phrase")


def may_delete(code: str, evidence: Evidence | None, line: str) -> bool:
    """Whether the cleaner may delete ``line``, reported as ``code`` on ``evidence``.

    ``evidence`` None: :func:`evidence_of`. ``code`` does not change the
    answer once the evidence is known; it is there to find the default.

    >>> may_delete("share_prompt", "phrase", "Share this")
    True
    >>> may_delete("navigation", "shape", "World News")
    False
    >>> may_delete("navigation", "phrase", "World News")
    True
    >>> may_delete("comment_block", "context", "I agree")
    False
    >>> may_delete("newsletter_prompt", None,
    ...            "A stretch of the coast path near Tregony will reopen next week.")
    False
    """
    return (evidence or evidence_of(code, line)) in DELETE_ON


def deletable(line: pl.Expr, code: pl.Expr, evidence: pl.Expr | None = None) -> pl.Expr:
    """:func:`may_delete` as a Polars expression over a line, its code and (optional) evidence.

    >>> df = pl.DataFrame({"s": ["Share this", "The council met on Monday to vote on it.",
    ...                          "World News"],
    ...                    "code": ["share_prompt", "newsletter_prompt", "navigation"]})
    >>> df.select(deletable(pl.col("s"), pl.col("code"))).to_series().to_list()
    [True, False, False]
    """
    return evidence_kind(line, code, evidence).is_in(list(DELETE_ON))


def _sentence(line: pl.Expr) -> pl.Expr:
    words = line.str.strip_chars().str.count_matches(r"\S+")
    return (words >= FULL_SENTENCE_WORDS) & line.str.strip_chars().str.contains(_TERMINAL)


def evidence_kind(line: pl.Expr, code: pl.Expr, evidence: pl.Expr | None = None) -> pl.Expr:
    """:func:`evidence_of` as a Polars expression; ``evidence`` (the finding's own) wins.

    >>> df = pl.DataFrame({"s": ["World News"], "code": ["navigation"]})
    >>> df.select(evidence_kind(pl.col("s"), pl.col("code"))).item()
    'shape'
    """
    default = code.replace_strict(
        DEFAULT_EVIDENCE, default="phrase", return_dtype=pl.String
    )
    mixed = pl.when(code.is_in(sorted(MIXED_EVIDENCE)) & _sentence(line)).then(pl.lit("context"))
    fallback = mixed.when(code.is_in(sorted(MIXED_EVIDENCE))).then(pl.lit("phrase")).otherwise(
        default
    )
    return fallback if evidence is None else pl.coalesce(evidence, fallback)


def in_a_list(rid: pl.Expr, line: pl.Expr, code: pl.Expr) -> pl.Expr:
    """A line of a once-per-article code that fires on many lines of its record: keep it.

    Why: a byline or a dateline appears once; a dozen "dateline" lines in one
    record are the rows of a schedule or a list of dates, content as often
    as an archive list (which the scan still reports: see the module doc).
    Evaluated over the reported lines of a round (``rid, line, code``).

    >>> df = pl.DataFrame({"rid": [0] * 5 + [1], "line": [3, 4, 5, 6, 7, 1],
    ...                    "code": ["byline_dateline"] * 6})
    >>> df.select(in_a_list(pl.col("rid"), pl.col("line"), pl.col("code"))).to_series().to_list()
    [True, True, True, True, True, False]
    """
    many = line.n_unique().over(rid, code) > ONCE_PER_ARTICLE_MAX_LINES
    return code.is_in(sorted(ONCE_PER_ARTICLE)) & many
