"""The frames signals are written against.

Why: every line signal needs the same facts about a line (its text, where it
sits in the article, how long it is). Computing them once, as columns, keeps
each signal a one-line expression and the whole pass vectorised.

Lines frame (one row per non-blank line; blank lines never carry findings):

=============  =======  =====================================================
column         dtype    meaning
=============  =======  =====================================================
``rid``        UInt32   record index (row number in the articles frame)
``line_no``    Int32    1-based line number over ``text.split("\\n")``
``line``       String   the raw line
``s``          String   the line stripped of surrounding white space
``start``      Int64    character offset of ``s`` in the record's text
``n_chars``    UInt32   characters in ``s``
``n_words``    UInt32   white-space separated words in ``s``
``idx``        Int32    0-based position among the record's non-blank lines
``n``          Int32    number of non-blank lines in the record
``from_end``   Int32    ``n - 1 - idx``: 0 for the last non-blank line
``low``        String   ``s`` lower-cased, only for short lines (else null)
=============  =======  =====================================================

``low`` is limited to lines of at most :data:`SHORT_LINE` characters because
lower-casing every line costs more than the rest of the frame together
(measured with Polars 2.1: 200 MB/s vs 890 MB/s for split+explode), and the
phrase signals that use it only ever match short, UI-like lines.
"""

from __future__ import annotations

from typing import Final

import polars as pl

#: Longest line (characters) treated as "short" for phrase matching. Chrome
#: lines in ../shared/eval/dev/extracted.jsonl: 95% are under 160 characters;
#: cookie notices run longer and are matched by case-insensitive regex instead.
SHORT_LINE: Final = 160


def lines_frame(records: pl.LazyFrame) -> pl.LazyFrame:
    """Explode ``rid, text`` into the lines frame described in the module doc.

    >>> lf = pl.LazyFrame({"rid": [0], "text": ["Title\\n\\n  Body here .\\nEnd"]},
    ...                   schema={"rid": pl.UInt32, "text": pl.String})
    >>> df = lines_frame(lf).collect()
    >>> df.select("line_no", "s", "start", "idx", "from_end").rows()
    [(1, 'Title', 0, 0, 2), (3, 'Body here .', 9, 1, 1), (4, 'End', 21, 2, 0)]
    """
    raw_len = pl.col("line").str.len_chars().cast(pl.Int64)
    lead = raw_len - pl.col("line").str.strip_chars_start().str.len_chars().cast(pl.Int64)
    return (
        records.select(
            pl.col("rid"),
            pl.col("text").str.split("\n").alias("line"),
        )
        .with_columns(
            pl.int_ranges(1, pl.col("line").list.len() + 1, dtype=pl.Int32).alias("line_no")
        )
        .explode(["line", "line_no"])
        .with_columns(
            ((raw_len + 1).cum_sum().over("rid") - raw_len - 1 + lead).alias("start"),
            pl.col("line").str.strip_chars().alias("s"),
        )
        .filter(pl.col("s").str.len_bytes() > 0)
        .with_columns(
            pl.col("s").str.len_chars().alias("n_chars"),
            pl.col("s").str.count_matches(r"\S+").alias("n_words"),
            (pl.int_range(pl.len()).over("rid")).cast(pl.Int32).alias("idx"),
            pl.len().over("rid").cast(pl.Int32).alias("n"),
        )
        .with_columns(
            (pl.col("n") - 1 - pl.col("idx")).alias("from_end"),
            pl.when(pl.col("n_chars") <= SHORT_LINE)
            .then(pl.col("s").str.to_lowercase())
            .otherwise(None)
            .alias("low"),
        )
    )
