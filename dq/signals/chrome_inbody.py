"""Lines inside an article's content that chrome rules mistake for chrome.

Why a module: the chrome signals read a line's shape and place; some
content has the same shape. A score row under a results list's heading
looks like a headline's neighbour, an abbreviation in parentheses like a
photo credit, a book's "By" line like a byline, a bare heading over a
paragraph like a sign-up box. Each function here says what such a line *is*,
so a signal can leave it (issue 15: the outside audits' known failures).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_shape import (
    CHARS,
    IDX,
    LOW,
    WORDS,
    S,
    evidence_of,
    f,
    flag,
    matches,
    nxt,
    prev,
)
from dq.signals.frames import only

#: Runs of digits that make a line a data row rather than a headline, when there
#: is also one run per two words or more: a score ("Юта - Нью-Йорк: 121-106
#: (28-28, 38-23, 21-27, 34-28)"), a fixture's date, time and venue ("24 ноября,
#: 23.30, «TD Garden»"). A label above such a row heads a results list or a
#: schedule (issue 15, audit22: slamdunk.ru records that are match lists), not
#: a story. Headlines with numbers have fewer ("Dow falls 500 points as
#: 10-year yields hit 4.5%": 4 runs in 9 words).
DATA_ROW_NUMBERS: Final = 3


def data_row(within: pl.Expr | None = None) -> pl.Expr:
    """A line of numbers with a few words between them: a score, a fixture's date and time.

    >>> from dq.signals._demo import flags
    >>> flags(data_row(), ["Юта - Нью-Йорк: 121-106 (28-28, 38-23, 21-27, 34-28)",
    ...                    "24 ноября, 23.30, «TD Garden»"])
    [True, True]
    >>> flags(data_row(), ["Dow falls 500 points as 10-year yields hit 4.5%",
    ...                    "5 things to know about the 2024 election"])
    [False, False]
    """
    m = f("digit") & (WORDS <= 25) & (pl.lit(True) if within is None else within)
    runs = only(m, S.filter(m).str.count_matches(r"[0-9]+").cast(pl.UInt32), pl.UInt32)
    return flag((runs >= DATA_ROW_NUMBERS) & (2 * runs >= WORDS))


def defines_acronym(m: pl.Expr) -> pl.Expr:
    """The parenthesis that closes the line opens with the initials of the words before it.

    "The National Backbone Infrastructure (NBI/EGI)", "Environmental Protection
    Agency (EPA)": the text defines an abbreviation, it credits no one (issue
    15, audit21: a subhead read as a photo credit). Only on the lines ``m``.

    >>> from dq.signals._demo import flags
    >>> flags(defines_acronym(pl.col("n_chars") > 0), [
    ...       "The National Backbone Infrastructure (NBI/EGI)",
    ...       "Environmental Protection Agency (EPA)", "Protesters march in Washington (AP)",
    ...       "The map of Titan. (NASA/JPL-Caltech/ASU)"])
    [True, True, False, False]
    """
    # Only where a parenthesis opens on two capitals, as ``first`` needs: the two
    # extractions and the replacement on those lines alone (24 -> ~4 ms per 45k lines).
    m = matches(m, S, r"\(\s*\p{Lu}\p{Lu}")
    line = S.filter(m)
    before = line.str.extract(r"^(.*?)\s*\([^()]*\)\W*$")
    initials = before.str.replace_all(r"(\p{Lu})\S*\s*|\S+\s*", "${1}")
    first = line.str.extract(r"\(\s*(\p{Lu}{2,})[^()\p{L}]*[^()]*\)\W*$")
    defined = first.is_not_null() & initials.str.ends_with(first)
    return only(m, defined, pl.Boolean).fill_null(False)


def book_detail() -> pl.Expr:
    """A book's publisher, pages and price ("Atria. 452 pp. $29.99", "320 pages, £20").

    >>> from dq.signals._demo import flags
    >>> flags(book_detail(), ["Atria. 452 pp. $29.99", "Penguin, 320 pages, £20",
    ...                       "Shares rose 12 percent to 452 pence."])
    [True, True, False]
    """
    return matches(f("digit") & (WORDS <= 15), LOW,
                   r"(?:^|[^0-9])[0-9]{2,4} ?(?:pp|pages|págs?|seiten|sider|sidor|stron)\b")


#: Words of a paragraph (of two sentences or more) under a bare heading that
#: make the heading its subhead: a sign-up blurb is one or two short
#: sentences ("No spam, we promise. You can unsubscribe at any time.": 10
#: words); TechCabal's "Newsletters" over "TechCabal has plans to launch some
#: new newsletter products. Sadly, ..." (29 words) is its own article (issue
#: 15, second audit).
SUBHEAD_PARAGRAPH_WORDS: Final = 20


def subhead() -> pl.Expr:
    """A bare heading (three words at most, no sentence) right above a paragraph of prose.

    >>> from dq.signals._demo import article_flags
    >>> para = ("TechCabal has plans to launch some new newsletter products. Sadly, we cannot "
    ...         "reveal the details, but keep your eyes peeled for more in TC Daily.")
    >>> article_flags(subhead(), "Newsletters\\n" + para)
    [True, False]
    >>> article_flags(subhead(), "Newsletter\\nNo spam, we promise. You can unsubscribe anytime.")
    [False, False]
    """
    # Not a legal notice or other chrome under it ("By providing your information, ...").
    paragraph = (f("prose") & f("two_sentences") & (WORDS > SUBHEAD_PARAGRAPH_WORDS)
                 & ~f("consent") & ~f("copyright_cand") & ~f("stems") & ~f("cookie"))
    return (WORDS <= 3) & ~f("sent") & flag(nxt(paragraph))


#: A contact line: a label ("Fax: +256 414 232 236", "Email: ...") or a phone
#: number (nine digits or more, single separators between them: a date
#: "2020-06-10" has eight).
CONTACT_LINE: Final = (r"(?i)^(?:tel|phone|fax|mobile|whatsapp|e-?mail|contact)\s*[:.]"
                       r"|\+?[0-9](?:[ ().-]?[0-9]){8,}")
#: The line above a link that ends pointing at it ("... from the link below.", "here:"),
#: not one that only uses the word ("And yet, here it is.").
POINTER: Final = r"(?i)(?:\b(?:below|link|here)|:)\W*$"


def cited_link() -> pl.Expr:
    """A URL or e-mail line that the line above points at, or that ends a contact block.

    The article gives the link ("from the link below", "Read the report here:")
    or the address of whoever its contact block is for ("Fax: +256 414 232 236"
    / "uganda@thp.org"): the line is reported, but it is the article's, and
    deleting it loses content (issue 15, audit21).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(cited_link(), "The album is available now from the link below.\\n"
    ...               "https://music.apple.com/us/album/1516073921")
    [False, True]
    >>> article_flags(cited_link(), "Fax: +256 414 232 236\\nuganda@thp.org")
    [False, True]
    >>> article_flags(cited_link(), "The minister resigned on Monday, officials said.\\n"
    ...               "jane.doe@example.com")
    [False, False]
    """
    above = matches(nxt(f("url")).fill_null(False), S, CONTACT_LINE) | matches(
        nxt(f("url")).fill_null(False), S, POINTER)
    return f("url") & flag(prev(above))


def url_line_evidence() -> pl.Expr:
    """``phrase`` on a URL line; ``context`` on a link the text points at (:func:`cited_link`)."""
    return evidence_of((f("cited_link"), "context"), default="phrase")


#: Longest run read as a sentence broken over short lines (:func:`continues`):
#: VG's headline "Her blir det / 12 år gamle / gisselet / Eitan sluppet / fri."
#: is five lines; menus in lower case on the dev pages run to 7-25 entries.
BROKEN_RUN: Final = 6
#: Where such a run starts (non-blank lines from the top): a headline's place.
#: Lower down, the dev pages' runs with a line read as going on are menus
#: ("Cursos online" / "cursosonline"; fundus, 15 lines, 2026-12-07).
HEADLINE_TOP: Final = 3

def continues() -> pl.Expr:
    """A short line that goes on with the line above: it opens with a word in lower case
    ("gisselet", not "iPhone"), and the line above is a fragment of a sentence, two words
    or more that open with a capital or digit and end with a word in lower case ("12 år
    gamle"), without punctuation. Menus in lower case ("facebook" / "linkedin") and
    entries that end with a name ("New York" / "business") are not.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(continues(), "Her blir det\\n12 år gamle\\ngisselet\\nEitan sluppet\\nfri.")
    [False, False, True, False, True]
    >>> article_flags(continues(), "Mac\\niPad\\niPhone\\nfacebook\\nlinkedin\\nNew York\\nnews")
    [False, False, False, False, False, False, False]
    """
    fragment = f("menu") & (WORDS >= 2) & ~f("claimed")
    above = matches(fragment, S, r"^[^\p{Ll}].*\s\p{Ll}+$")
    # Not a date ("Hoppa till innehåll" / "torsdag 8 januari 2026").
    going_on = f("lower") & (WORDS <= 8) & ~f("date_cue")
    return flag(prev(above)) & matches(going_on, S, r"^\p{Ll}+(?:[\s,.;:!?]|$)")


def category_candidate() -> pl.Expr:
    """A short line near the top that may be a section label (``cat_candidate``)."""
    return matches((IDX <= 3) & (WORDS <= 3) & (CHARS <= 30) & ~f("unspaced"), S,
                   r"^[^0-9:@|/]+[^.!?:,;…]$")


def category_head() -> pl.Expr:
    """A line near the top that may be the headline under a section label (``cat_head``)."""
    head = (IDX <= 3) & WORDS.is_between(4, 25) & f("upper")
    # A date stamp under a name or label keeps it (a byline block, chrome either way).
    m = head & ~(data_row(head) & ~f("direct"))
    return m & ~matches(m, S, r"[.…,;][\"'”’)]*$")
