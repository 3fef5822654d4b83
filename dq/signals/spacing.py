"""Spacing: words and punctuation put together wrongly by the scraper.

Why it matters: "he said ." and "NATOand" are not typos of the author; they
come from joining HTML text nodes badly, they are systematic per site, and a
model trained on them learns the damage.
"""

from __future__ import annotations

from typing import Final

from dq.signals.base import Signal

#: A space (or several) before closing punctuation that ends a clause:
#: "he said ." / "really ?". Not before "..." (an ellipsis may stand apart),
#: and not before ":" ";" "!" "?" when the text is French typography, which
#: the record-level language check handles. ASCII classes only (speed).
SPACE_BEFORE_PUNCT: Final = r"[A-Za-z0-9\)\]\"'’”]([ \t]+[.,;:!?])(?:[ \t\"'’”\)]|$)"


def fix_space_before_punct(match: str) -> str:
    """Drop the white space before the punctuation.

    >>> fix_space_before_punct(" .")
    '.'
    >>> fix_space_before_punct("  ?")
    '?'
    """
    return match.lstrip(" \t")


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "space_before_punct", "spacing", "span",
        "White space before closing punctuation ('he said .')",
        pattern=SPACE_BEFORE_PUNCT, fix=fix_space_before_punct,
    ),
)
