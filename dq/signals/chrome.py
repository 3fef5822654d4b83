"""Chrome: site furniture that scrapers leave in the article text.

Why it matters: chrome lines ("Back to top", licence nags, share bars) are
not the author's words; in a pre-training corpus they repeat across millions
of documents and teach a model that articles end with "Back to top button".

Each signal is a Boolean expression over the lines frame
(:mod:`dq.signals.frames`), built from a phrase list in ``phrases/`` plus
line shape and position, so an article *about* licences is not flagged.
"""

from __future__ import annotations

import polars as pl

from dq.signals._phrases import alternation
from dq.signals.base import Signal

LOW = pl.col("low")


def back_to_top() -> pl.Expr:
    """A whole line that is a "back to top" link, optionally with an arrow or "button".

    >>> from dq.signals._demo import flags
    >>> flags(back_to_top(), ["Back to top button", "↑ Back to top", "Nach oben"])
    [True, True, True]
    >>> flags(back_to_top(), ["The team climbed back to top of the league."])
    [False]
    """
    return LOW.str.contains(
        r"^(?:[↑^⬆▲]\s*)?" + alternation("back_to_top") + r"(?:\s+button)?\s*[↑^⬆▲]?$"
    )


def licence_nag() -> pl.Expr:
    """A theme/plugin licence or activation nag anywhere in a line.

    >>> from dq.signals._demo import flags
    >>> flags(licence_nag(), ["Jannah Theme License is not validated, Go to the theme options "
    ...                       "page to validate the license, You need a single license for each "
    ...                       "domain name."])
    [True]
    >>> flags(licence_nag(), ["The GPL licence lets anyone fork a WordPress theme."])
    [False]
    """
    return pl.col("s").str.contains("(?i)" + alternation("licence_nag"))


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "licence_nag", "chrome", "line",
        "WordPress theme/plugin licence or activation nag printed into the page",
        severity="error", expr=licence_nag,
    ),
    Signal(
        "back_to_top", "chrome", "line",
        "A 'Back to top' link line",
        severity="error", expr=back_to_top,
    ),
)
