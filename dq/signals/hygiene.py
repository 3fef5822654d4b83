"""Hygiene: problems of the text as a whole rather than of one line.

Why it matters: empty or unreadable records pass every line rule and still
poison a corpus; they must be counted, not silently kept.
"""

from __future__ import annotations

import polars as pl

from dq.signals.base import Signal


def empty_text() -> pl.Expr:
    """No letter or digit anywhere in the text (white space, zero-width or punctuation only).

    The loader already quarantines texts that are empty or only white space;
    this catches what survives that: "\\u200b", "&nbsp;" left as "\\xa0", "...".

    >>> df = pl.DataFrame({"text": ["\\u200b\\xa0", "...", "ok"]})
    >>> df.select(empty_text()).to_series().to_list()
    [True, True, False]
    """
    return pl.col("text").str.contains(r"[\p{L}\p{N}]").not_()


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "empty_text", "hygiene", "record",
        "No letter or digit in the whole text",
        severity="error", expr=empty_text,
    ),
)
