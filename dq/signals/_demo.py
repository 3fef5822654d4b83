"""Doc helpers: run a signal's expression or detector on plain strings.

The one module signal docstrings and tests import to show examples
(``flags``, ``article_flags``, ``matches``, ``spans``). Every family's
feature columns (``FamilySpec.features``) are computed, so an expression may
read any of them. Imported by docstrings and tests only, never by dq itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from dq.signals.frames import lines_frame, with_features
from dq.signals.registry import FAMILIES

if TYPE_CHECKING:
    from dq.signals.base import SpanDetector
    from dq.signals.context import DetectContext


def _frame(texts: list[str], expr: pl.Expr) -> list[bool]:
    records = pl.LazyFrame(
        {"rid": list(range(len(texts))), "text": texts},
        schema={"rid": pl.UInt32, "text": pl.String},
    )
    features = [f for family in FAMILIES for f in family.features]
    out = with_features(lines_frame(records), features).select(expr.fill_null(False).alias("f"))
    return [bool(v) for v in out.collect()["f"].to_list()]


def flags(expr: pl.Expr, lines: list[str]) -> list[bool]:
    """Evaluate a line expression (features allowed) on each string as a one-line article.

    >>> flags(pl.col("n_chars") > 3, ["abcd", "ab"])
    [True, False]
    >>> from dq.signals.chrome_shape import f
    >>> flags(f("menu"), ["World News", "It rained."])
    [True, False]
    """
    return _frame(lines, expr)


def article_flags(expr: pl.Expr, text: str) -> list[bool]:
    """Evaluate a line expression on one multi-line article; one flag per non-blank line.

    >>> from dq.signals.chrome_shape import IDX
    >>> article_flags(IDX == 0, "Title\\n\\nBody.")
    [True, False]
    """
    return _frame([text], expr)


def matches(pattern: str, text: str) -> list[str]:
    """All matches of a span pattern in ``text`` (as Polars finds them).

    >>> matches(r"a+", "caaab a")
    ['aaa', 'a']
    """
    out = pl.Series([text]).str.extract_all(pattern).to_list()[0]
    return [str(m) for m in out] if out else []


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
