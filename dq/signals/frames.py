"""The frames signals are written against, and the feature columns added to them.

Why: every line signal needs the same facts about a line (its text, where it
sits in the article, how long it is). Computing them once, as columns, keeps
each signal a one-line expression and the whole pass vectorised.

Lines frame (one row per non-blank line; blank lines never carry findings),
sorted by ``rid, line_no``:

=============  =======  =====================================================
column         dtype    meaning
=============  =======  =====================================================
``rid``        UInt32   record index (row number in the articles frame)
``line_no``    Int32    1-based line number over ``text.split("\\n")``
``s``          String   the line stripped of surrounding white space
``start``      Int64    character offset of ``s`` in the record's text
``n_chars``    UInt32   characters in ``s``
``n_words``    UInt32   white-space separated words in ``s``
``idx``        Int32    0-based position among the record's non-blank lines
``n``          Int32    number of non-blank lines in the record
``from_end``   Int32    ``n - 1 - idx``: 0 for the last non-blank line
``low``        String   ``s`` lower-cased, only for short lines (else null)
``odd``        Boolean  ``s`` holds white space other than single ASCII spaces
=============  =======  =====================================================

The raw line is not kept: ``s`` and ``start`` locate it, and a second
copy of the corpus's text in memory is what a 200 MB run can least afford.

``low`` is limited to lines of at most :data:`SHORT_LINE` characters because
lower-casing every line costs more than the rest of the frame together
(measured with Polars 2.1: 200 MB/s vs 890 MB/s for split+explode), and the
phrase signals that use it only ever match short, UI-like lines.

Feature columns: a family may declare ``FEATURES``, named expressions over
the lines frame (and over each other) that several of its signals read with
``pl.col(name)``. :func:`with_features` adds them in dependency stages, so
each is computed once per detection run (Polars does not reliably share
identical subexpressions between signals).

Polars facts that shape this module (Polars 2.1, measured on the dev pages):

- String kernels run on the values *under* nulls too: ``pl.when(m).then(s)``
  keeps every string, so a regex over it costs as much as over ``s``.
  :func:`only` evaluates an expression on the rows of a mask alone and puts
  the results back in place (empty values under the nulls).
- Counting regex matches costs ~30 ns per match, except for a one-space
  pattern: ``count_matches(" ")`` counts spaces faster than the same call
  with ``literal=True`` (0.12 vs 0.18 CPU s per 100 MB, 2026-11).
- A filter on a lazy frame is pushed below joins and merged with the
  filters before it, so a cheap prefilter does not spare a costly test the
  rows it drops; collect in between (or use :func:`only`) when it must.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Final

import polars as pl

#: Longest line (characters) treated as "short" for phrase matching. Chrome
#: lines in ../shared/eval/dev/extracted.jsonl: 95% are under 160 characters;
#: cookie notices run longer and are matched by case-insensitive regex instead.
SHORT_LINE: Final = 160

#: Columns of the lines frame, in order.
COLUMNS: Final = (
    "rid", "line_no", "start", "s", "n_chars", "n_words", "idx", "n", "from_end", "low", "odd",
)

#: A named feature column: its name and a builder of its expression.
Feature = tuple[str, Callable[[], pl.Expr]]

#: Unicode White_Space characters other than the ASCII space (what the regex
#: class ``\s`` and ``str.strip_chars()`` treat as white space besides " ").
OTHER_SPACE: Final = (
    "\t", "\n", "\x0b", "\x0c", "\r", "\x85", "\xa0", "\u1680",
    *(chr(c) for c in range(0x2000, 0x200B)),
    "\u2028", "\u2029", "\u202f", "\u205f", "\u3000",
)


def only(mask: pl.Expr, value: pl.Expr, dtype: pl.DataType | type[pl.DataType]) -> pl.Expr:
    """``value`` on the rows where ``mask`` holds, null on the others.

    ``value`` must be written over inputs already filtered by ``mask``
    (``pl.col("s").filter(mask).str.contains(...)``): it is evaluated on
    those rows only, then scattered back. ``mask`` is a Boolean without
    nulls. The same as ``pl.when(mask).then(<value over whole columns>)``,
    without the cost of the other rows.

    >>> df = pl.DataFrame({"s": ["ab", "cd", "ax"], "m": [True, False, True]})
    >>> m = pl.col("m")
    >>> hit = only(m, pl.col("s").filter(m).str.contains("a"), pl.Boolean)
    >>> df.select(hit).to_series().to_list()
    [True, None, True]
    """
    slot = pl.when(mask).then(mask.cast(pl.UInt32).cum_sum()).otherwise(0)
    return pl.lit(None, dtype).append(value).gather(slot)


#: :data:`OTHER_SPACE` in ASCII as a regex class; two spaces are searched for
#: apart, as a literal. Measured on the lines of bench_scale's 200 MB (Polars
#: 2.1, 2026-11-28): 0.045 s, against 0.183 s for the one regex
#: ``[\t\n\x0b\x0c\r]|  `` (whose alternation defeats the literal search) and
#: 2.7x more again for ``contains_any`` over all of OTHER_SPACE. The other
#: white space is non-ASCII, so only lines with more bytes than characters
#: are searched for it.
_ASCII_ODD: Final = r"[\t\n\x0b\x0c\r]"


def odd_spacing(s: pl.Expr, wide: pl.Expr) -> pl.Expr:
    """``s`` holds white space other than single ASCII spaces (input of :func:`word_count`).

    ``wide``: ``s`` has more bytes than characters (pass a column).

    >>> df = pl.DataFrame({"s": ["a b", "a  b", "a\tb", "a\u00a0b", "café b"]})
    >>> df = df.with_columns((pl.col("s").str.len_bytes() != pl.col("s").str.len_chars()
    ...                       ).alias("wide"))
    >>> df.select(odd_spacing(pl.col("s"), pl.col("wide"))).to_series().to_list()
    [False, True, True, True, False]
    """
    wide_odd = s.filter(wide).str.contains_any([c for c in OTHER_SPACE if not c.isascii()])
    ascii_odd = s.str.contains(_ASCII_ODD) | s.str.contains("  ", literal=True)
    return ascii_odd | only(wide, wide_odd, pl.Boolean).fill_null(False)


def word_count(s: pl.Expr, odd: pl.Expr) -> pl.Expr:
    """Number of white-space separated words in ``s`` (stripped, non-empty lines): UInt32.

    The same as ``s.str.count_matches(r"\\S+")``, faster: on a stripped
    line whose only white space is single ASCII spaces, words are spaces + 1;
    the other lines (``odd``, from :func:`odd_spacing`; pass a column) take
    the regex.

    >>> df = pl.DataFrame({"s": ["one two  three", "a", "x\\u00a0y z", "tab\\there"]})
    >>> wide = pl.col("s").str.len_bytes() != pl.col("s").str.len_chars()
    >>> df = df.with_columns(odd_spacing(pl.col("s"), wide).alias("odd"))
    >>> df.select(word_count(pl.col("s"), pl.col("odd"))).to_series().to_list()
    [3, 1, 3, 2]
    """
    simple = s.str.count_matches(" ", literal=True).cast(pl.UInt32) + 1
    slow = only(odd, s.filter(odd).str.count_matches(r"\S+").cast(pl.UInt32), pl.UInt32)
    return pl.when(odd).then(slow).otherwise(simple)


def lines_frame(records: pl.LazyFrame) -> pl.LazyFrame:
    """Explode ``rid, text`` into the lines frame described in the module doc.

    ``records`` holds one text per ``rid`` (the row index of the articles).

    >>> lf = pl.LazyFrame({"rid": [0], "text": ["Title\\n\\n  Body here .\\nEnd"]},
    ...                   schema={"rid": pl.UInt32, "text": pl.String})
    >>> df = lines_frame(lf).collect()
    >>> df.select("line_no", "s", "start", "idx", "from_end").rows()
    [(1, 'Title', 0, 0, 2), (3, 'Body here .', 9, 1, 1), (4, 'End', 21, 2, 0)]
    """
    return finish_lines(line_columns(split_lines(records)))


def split_lines(records: pl.LazyFrame) -> pl.LazyFrame:
    """The non-blank lines of ``rid, text``: ``rid, line_no, start, s, idx, n`` (the columns
    of the lines frame that depend on where a line is; :func:`line_columns` adds the others)."""
    raw_len = pl.col("line").str.len_chars().cast(pl.Int64)
    lead = raw_len - pl.col("line").str.strip_chars_start().str.len_chars().cast(pl.Int64)
    # Offsets and positions from running totals over the whole frame, reset
    # where ``rid`` changes (``.over("rid")`` is a group-by per use).
    new_rid = (pl.col("rid") != pl.col("rid").shift(1)).fill_null(True)
    offset = (raw_len + 1).cum_sum() - raw_len - 1
    row = pl.int_range(pl.len(), dtype=pl.Int32)
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
            (offset - pl.when(new_rid).then(offset).forward_fill() + lead).alias("start"),
            pl.col("line").str.strip_chars().alias("s"),
        )
        .filter(pl.col("s").str.len_bytes() > 0)
        .with_columns(
            (row - pl.when(new_rid).then(row).forward_fill()).alias("idx"),
            pl.len().over("rid").cast(pl.Int32).alias("n"),
        )
        .select("rid", "line_no", "start", "s", "idx", "n")
    )


def line_columns(lines: pl.LazyFrame) -> pl.LazyFrame:
    """``lines`` (with ``s``) plus the columns of the lines frame that are functions of
    ``s`` alone: ``n_chars``, ``odd``, ``n_words``, ``low``."""
    short = pl.col("n_chars") <= SHORT_LINE
    return (
        lines.with_columns(pl.col("s").str.len_chars().alias("n_chars"))
        .with_columns(
            odd_spacing(pl.col("s"), pl.col("s").str.len_bytes() != pl.col("n_chars")).alias("odd")
        )
        .with_columns(
            word_count(pl.col("s"), pl.col("odd")).alias("n_words"),
            only(short, lower(pl.col("s").filter(short)), pl.String).alias("low"),
        )
    )


def lower(s: pl.Expr) -> pl.Expr:
    """``s`` lower-cased, with Turkish "İ" as "i".

    Unicode lower-cases "İ" (U+0130) to "i" plus a combining dot above
    (U+0307), so "İLGİLİ HABERLER" would never match the phrase "ilgili
    haberler"; Turkish writes it "i". The combining dot is dropped after
    lower-casing (a literal search: it costs little on lines without it).

    >>> df = pl.DataFrame({"s": ["İLGİLİ HABERLER", "Paylaş", "İstanbul"]})
    >>> df.select(lower(pl.col("s"))).to_series().to_list()
    ['ilgili haberler', 'paylaş', 'istanbul']
    """
    return s.str.to_lowercase().str.replace_all("i\u0307", "i", literal=True)


def finish_lines(lines: pl.LazyFrame) -> pl.LazyFrame:
    """The lines frame from :func:`split_lines` with :func:`line_columns`."""
    return lines.with_columns((pl.col("n") - 1 - pl.col("idx")).alias("from_end")).select(COLUMNS)


def feature_stages(features: Iterable[Feature]) -> list[list[pl.Expr]]:
    """Group feature expressions into stages: each reads only columns of earlier stages.

    A feature's stage is one more than the latest stage among the features it
    reads (its root column names); features that read only frame columns are
    stage 0. Names must be unique; a feature must be listed after those it reads.

    >>> stages = feature_stages([("a", lambda: pl.col("n") + 1), ("b", lambda: pl.col("a") * 2),
    ...                          ("c", lambda: pl.col("n") - 1)])
    >>> [[e.meta.output_name() for e in stage] for stage in stages]
    [['a', 'c'], ['b']]
    """
    stage_of: dict[str, int] = {}
    stages: list[list[pl.Expr]] = []
    for name, build in features:
        if name in stage_of:
            raise ValueError(f"feature {name!r} is declared twice")
        expr = build()
        reads = [stage_of[c] for c in expr.meta.root_names() if c in stage_of]
        stage = max(reads) + 1 if reads else 0
        stage_of[name] = stage
        if stage == len(stages):
            stages.append([])
        stages[stage].append(expr.alias(name))
    return stages


def with_features(lines: pl.LazyFrame, features: Sequence[Feature]) -> pl.LazyFrame:
    """``lines`` with the feature columns added (unused ones are pruned by Polars when collected).

    >>> lf = pl.LazyFrame({"n": [1, 2]})
    >>> features = [("a", lambda: pl.col("n") + 1), ("b", lambda: pl.col("a") * 2)]
    >>> with_features(lf, features).collect().rows()
    [(1, 2, 4), (2, 3, 6)]
    """
    for stage in feature_stages(features):
        lines = lines.with_columns(stage)
    return lines
