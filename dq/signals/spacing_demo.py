"""A helper that lets spacing docstrings and tests run a span detector on one string."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from dq.signals.frames import lines_frame

if TYPE_CHECKING:
    from dq.signals.base import SpanDetector
    from dq.signals.context import DetectContext


def spans(detector: SpanDetector, text: str, ctx: DetectContext) -> list[tuple[str, str | None]]:
    """``(match, fix)`` pairs a custom span detector finds in ``text`` (one record), in order.

    >>> from dq.signals.context import DetectContext
    >>> def shout(lines, ctx):
    ...     return lines.select("rid", "line_no", pl.col("s").alias("match"),
    ...                         pl.col("s").str.to_uppercase().alias("fix"))
    >>> spans(shout, "a\\nb", DetectContext())
    [('a', 'A'), ('b', 'B')]
    """
    records = pl.LazyFrame(
        {"rid": [0], "text": [text]}, schema={"rid": pl.UInt32, "text": pl.String}
    )
    out = detector(lines_frame(records), ctx).collect().select("match", "fix")
    return [(str(m), None if f is None else str(f)) for m, f in out.iter_rows()]
