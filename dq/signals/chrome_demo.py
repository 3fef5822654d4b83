"""Doc helpers: evaluate a chrome expression (features allowed) on plain strings.

A leaf beside the chrome family (as :mod:`dq.signals.spacing_demo` is beside
spacing): it reads the family's features from :mod:`dq.signals.chrome`, so
it cannot live in :mod:`dq.signals.chrome_shape`, which that module imports.
"""

from __future__ import annotations

import polars as pl

from dq.signals.chrome import FEATURES
from dq.signals.frames import lines_frame, with_features


def _frame(texts: list[str], expr: pl.Expr) -> list[bool]:
    records = pl.LazyFrame({"rid": list(range(len(texts))), "text": texts},
                           schema={"rid": pl.UInt32, "text": pl.String})
    out = with_features(lines_frame(records), FEATURES).select(expr.fill_null(False).alias("f"))
    return [bool(v) for v in out.collect()["f"].to_list()]


def flags(expr: pl.Expr, lines: list[str]) -> list[bool]:
    """Evaluate a chrome expression (features allowed) on each string as a one-line article.

    >>> from dq.signals.chrome_shape import f
    >>> flags(f("menu"), ["World News", "It rained."])
    [True, False]
    """
    return _frame(lines, expr)


def article_flags(expr: pl.Expr, text: str) -> list[bool]:
    """Evaluate a chrome expression on one multi-line article; one flag per non-blank line.

    >>> from dq.signals.chrome_shape import IDX
    >>> article_flags(IDX == 0, "Title\\n\\nBody.")
    [True, False]
    """
    return _frame([text], expr)
