"""Lines that open with "(c)": a copyright owner's name, or item (c) of a lettered list.

Why a module of its own: "(c)" is the copyright sign typed in ASCII and also
the third letter of a list ("(a) ... (b) ... (c) ..."), in contracts, quizzes
and rules alike. ``copyright_footer`` reads "(c)" as a copyright sign only
before an owner's name, at an edge of the text, and not inside a lettered
list (issue 15: "(c) the licensee shall ..." and, in audit21, "(C)
Meaningless/wrongly uninformed posts" were deleted as footers).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_shape import WORDS, S, f, feature, flag, matches, nxt, prev
from dq.signals.frames import Feature

#: Small words an owner's name may hold between its capitalised words
#: ("Department of Health", "Harbour Post & Co", "Groupe de Presse").
_OWNER_JOINERS: Final = r"(?:of|the|and|&|for|de|du|des|del|la|le|van|von|der|für|y|e|et)"


def copyright_owner() -> pl.Expr:
    """"(c)" and an owner's name on a short line: capitalised words, small joiners between.

    A list item or a clause after "(c)" reads as a phrase with lower-case
    words ("(C) Meaningless/wrongly uninformed posts", "(c) The tenant
    shall ..."); an owner's name does not ("(c) Reuters", "(C) Getty Images").

    >>> from dq.signals._demo import flags
    >>> flags(copyright_owner(), ["(c) Reuters", "(C) Department of Health", "(c) 2024 AP"])
    [True, True, True]
    >>> flags(copyright_owner(), ["(C) Meaningless/wrongly uninformed posts",
    ...                           "(c) The tenant shall repair the roof.", "© Reuters"])
    [False, False, False]
    """
    word = r"[\p{Lu}0-9][\p{L}\p{N}'’.&-]*"
    return matches(
        (WORDS <= 8) & (S.str.starts_with("(c)") | S.str.starts_with("(C)")) & ~f("sent"), S,
        rf"^\([cC]\)\s*{word}(?:,?\s+(?:{_OWNER_JOINERS}\s+)*{word})*\.?$",
    )


#: Line starts of a lettered list's other items: "(c)" among them is item (c).
_LIST_ITEM: Final = r"^\([abdABD]\)"


def lettered_item() -> pl.Expr:
    """The line is item (c) of a lettered list: (a)/(b) just above, (d) just below, or a
    line ending in ":" right before it (a list's lead-in).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(lettered_item(), "(a) Jinja\\n(b) Entebbe\\n(c) Kampala")[2]
    True
    >>> article_flags(lettered_item(), "Finalists:\\n(c) Lagos\\nThe vote was close.")
    [False, True, False]
    >>> article_flags(lettered_item(), "The storm passed.\\n(c) Harbour Post Media")
    [False, False]
    """
    item = f("list_item")
    lead_in = S.str.ends_with(":")
    return flag(prev(item)) | flag(prev(item, 2)) | flag(prev(lead_in)) | flag(nxt(item))


#: Feature columns (read by :func:`lettered_item` through its neighbours: a
#: column is shifted, an expression would be computed once per neighbour).
FEATURES: tuple[Feature, ...] = (
    feature("list_item", lambda: matches(S.str.starts_with("("), S, _LIST_ITEM)),
)
