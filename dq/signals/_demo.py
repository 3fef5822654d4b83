"""Tiny helpers that let signal docstrings show examples on plain strings."""

from __future__ import annotations

import polars as pl

from dq.signals.frames import lines_frame


def flags(expr: pl.Expr, lines: list[str]) -> list[bool]:
    """Evaluate a line expression on each string as a one-line article.

    >>> flags(pl.col("n_chars") > 3, ["abcd", "ab"])
    [True, False]
    """
    records = pl.LazyFrame(
        {"rid": list(range(len(lines))), "text": lines},
        schema={"rid": pl.UInt32, "text": pl.String},
    )
    out = lines_frame(records).select(expr.fill_null(False).alias("f")).collect()
    return [bool(v) for v in out["f"].to_list()]


def matches(pattern: str, text: str) -> list[str]:
    """All matches of a span pattern in ``text`` (as Polars finds them).

    >>> matches(r"a+", "caaab a")
    ['aaa', 'a']
    """
    out = pl.Series([text]).str.extract_all(pattern).to_list()[0]
    return [str(m) for m in out] if out else []
