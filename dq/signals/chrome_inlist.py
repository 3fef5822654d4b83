"""Lines of a list inside the article that read as menu entries by their shape (issue 15).

Why a module of its own: navigation is reported on ``shape`` evidence, runs
of short lines, and every outside audit found lists of the article's own
(symptoms, names, ticket classes, fixture lists) read so. What makes such a
line content is told here, each from what the line is, for
:mod:`dq.signals.chrome_blocks` to leave out of its menus.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_shape import S, f, record_cum_sum, record_sum

__all__ = ["PROSE_BELOW", "SUBHEAD_RUN", "paragraph_element", "prose_below"]


def paragraph_element() -> pl.Expr:
    """The line is one whole HTML paragraph, ``<p>...</p>``: a body kept as raw markup.

    The page's own markup says what the line is: text of the article. A
    menu's entries are links in a list (``<li><a>``), not a paragraph each;
    the symptoms of a health story ("<p>टाउको दुख्ने</p>", headache) and its
    subheads ("<p><strong>लक्षण</strong></p>") are (audit24's Nepali raw HTML
    bodies: 13 of 22 ``navigation`` findings, all such paragraphs).

    >>> from dq.signals._demo import flags
    >>> flags(paragraph_element(), ["<p>टाउको दुख्ने</p>", '<p class="x"><strong>लक्षण</strong></p>',
    ...                             "<p><strong>भरत खड्का/उदयपुर&nbsp;<br />", "<li>Home</li>",
    ...                             "Home", "<pre>x</pre>"])
    [True, True, False, False, False, False]
    """
    return S.str.contains(r"^\s*<[pP](?:\s[^>]*)?>.*</[pP]>\s*$")


#: Paragraphs of prose below a run of Title-Case lines that make it the article's
#: subheads: two, as the body goes on below subheads. One is not enough: a related box
#: at the end of a text is followed by one promotional paragraph often enough (a
#: book's blurb under space.com's box, a newsletter pitch under Correctiv's credits:
#: at 1, dev extracted lost 17 such chrome lines, 2026-12-07).
PROSE_BELOW: Final = 2

#: Longest run of Title-Case lines read as subheads (a heading and its subheading)
#: when paragraphs follow: a related box lists three headlines or more (space.com's
#: box inside the body, followed by an editor's note: dev extracted, 2026-12-07).
SUBHEAD_RUN: Final = 2


def prose_below() -> pl.Expr:
    """At least :data:`PROSE_BELOW` paragraphs of the article's prose below the line:
    sentences of ten words or more (feature ``prose``) that no chrome phrase claims (a
    copyright or agency footer is no body text).

    A related-stories box without a heading ends the text; Title-Case lines with the
    article's paragraphs after them are its subheads ("Harold And Maude" / "Maude Says
    Goodbye To Harold" over a film's section, audit15's list article).

    >>> from dq.signals._demo import article_flags
    >>> para = "The film follows a young man who is obsessed with death and funerals."
    >>> article_flags(prose_below(), f"Harold And Maude\\n{para}\\n{para}\\nCopyright 2019 AP.")
    [True, False, False, False]
    >>> article_flags(prose_below(), f"Storm Hits Coast\\n{para}\\nCopyright 2019 The Associated "
    ...     "Press. All rights reserved. This material may not be published or broadcast.")
    [False, False, False]
    """
    p = (f("prose") & ~f("claimed")).cast(pl.UInt32)
    return (record_sum(p) - record_cum_sum(p)) >= PROSE_BELOW
