"""A run of short lines that the article enumerates above it is a list it talks about.

Why a module of its own: :mod:`dq.signals.chrome_blocks` asks it of every
run of menu-like lines, and it is the one rule about such lists for the
scan and the cleaner alike (the cleaner deletes only what the scan reports;
it kept a twin of this rule until unify21, with a wider reach, and the scan
reported what the cleaner then refused to delete).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import polars as pl

from dq.signals.chrome_shape import S

__all__ = ["GAP_CHARS", "named_in_record", "word_run"]


def word_run(text: pl.Expr) -> pl.Expr:
    """``text`` as its words (letters, digits, "&") between single spaces, padded by one.

    Case is kept: a list item is named as it is printed ("VIP"), and a
    lower-cased match finds every menu entry that is also a common word.

    >>> pl.select(word_run(pl.lit("Festival, Grandstand & VIP."))).item()
    ' Festival Grandstand & VIP '
    """
    return pl.lit(" ") + text.str.replace_all(r"[^\p{L}\p{N}&]+", " ").str.strip_chars() + " "


#: Longest word that may stand between two items an enumeration names, once
#: their punctuation is gone (:func:`word_run`): none ("Festival, Grandstand")
#: or one short word, a conjunction in any language ("VIP dan VVIP", "and",
#: "und", "y", "et", "og", "ve").
GAP_CHARS: Final = 4


def named_in_record(member: pl.Expr, prose: pl.Expr) -> pl.Expr:
    """A ``member`` line that a ``prose`` line above it in its record enumerates together with
    the ``member`` line next to it (both non-null Booleans; ``prose`` lines are never members).

    An article names its list before printing it ("... four classes, namely
    Festival, Grandstand, VIP and VVIP." over "Festival" / "Grandstand" /
    "VIP" / "VVIP"; issue 15, audit15c), sometimes paragraphs before; a menu
    or a tag list is not enumerated in the prose, even when the article
    mentions its topics one by one ("Donald Trump" / "US-Wahl" / "Kamala
    Harris" under an article about the election: Fundus dev pages). So two
    neighbouring lines count only when one prose line names both, in their
    order, next to each other (:data:`GAP_CHARS`). Only prose above counts:
    the consent line under a comment form ("Save my name, e-mail and website
    ...") names the form's fields too.

    Not elementwise: the pairs of neighbouring members are joined to the
    prose lines above them in their record (:func:`_enumerated`), a few
    rows per list. Measured 2026-12-07 on bench_detect's 18 MB corpus (90k
    lines, 5,168 members; Polars 2.1, loaded machine): 0.08 CPU s, against
    0.07 for the three-lines-above rule it replaced; one string per record
    searched per member with a regex per pair took the chrome family from
    1.6 to 19.9 CPU s, and word runs of every paragraph cost 0.3.

    >>> from dq.signals._demo import article_flags
    >>> from dq.signals.chrome_shape import WORDS
    >>> text = "Seats come in three classes: Festival, VIP and VVIP.\\nFestival\\nVIP\\nVVIP\\nHome"
    >>> article_flags(named_in_record(WORDS <= 2, WORDS > 2), text)
    [False, True, True, True, False]
    >>> text = "Festival\\nVIP\\nHome\\nSeats come in three classes: Festival, VIP and VVIP."
    >>> article_flags(named_in_record(WORDS <= 2, WORDS > 2), text)  # named below: no
    [False, False, False, False]
    >>> text = "Tickets for VIP sold out, Festival seats are left.\\nFestival\\nVIP\\nHome"
    >>> article_flags(named_in_record(WORDS <= 2, WORDS > 2), text)  # named, not enumerated
    [False, False, False, False]
    """
    inputs = pl.struct(pl.col("rid"), S, member.alias("member"), prose.alias("prose"))
    # Not elementwise (the default): an engine must hand over the whole column.
    return inputs.map_batches(_enumerated, return_dtype=pl.Boolean)


def _enumerated(inputs: pl.Series) -> pl.Series:
    """:func:`named_in_record` over a struct of ``rid, s, member, prose`` (rows in line order)."""
    frame = inputs.struct.unnest().with_row_index("row")
    members = frame.filter("member").select("row", "rid", word_run(S).alias("a"))
    # neighbouring members of one record: each pair once, on its first line
    pairs = members.with_columns(
        pl.col("row").shift(-1).alias("b_row"), pl.col("rid").shift(-1).alias("b_rid"),
        pl.col("a").shift(-1).str.slice(1).alias("b"),
    ).filter((pl.col("b_row") == pl.col("row") + 1) & (pl.col("b_rid") == pl.col("rid")))
    if pairs.is_empty():
        return pl.repeat(False, frame.height, eager=True).alias(inputs.name)
    lines = frame.filter(
        pl.col("prose") & pl.col("member").not_() & pl.col("rid").is_in(pairs["rid"].implode())
    ).select(pl.col("row").alias("p_row"), "rid", pl.col("s").alias("p"))
    a, b, p = pl.col("a"), pl.col("b"), pl.col("p")
    # The prose lines above that hold the first word of "a" as written, and only
    # those as word runs (the runs of every paragraph cost most of the family),
    # each once however many pairs it holds the word of.
    # The first word of each pair is cut before the join (per pair, not per pair and
    # prose line), and the join is filtered as it is built (lazy): on profile_detect's
    # unique corpus (391k joined rows) 0.19 -> 0.07 CPU s (2026-12-07, one thread).
    first = a.str.slice(1).str.split(" ").list.first().alias("first")
    found = (
        pairs.lazy().with_columns(first).join(lines.lazy(), on="rid")
        .filter(pl.col("p_row") < pl.col("row"))
        .filter(p.str.contains(pl.col("first"), literal=True))
        .drop("p", "first")
        .collect(engine="in-memory")
    )
    runs = lines.filter(pl.col("p_row").is_in(found["p_row"].unique().implode())).select(
        "p_row", word_run(p).alias("p"))
    near = found.join(runs, on="p_row", maintain_order="left").filter(
        p.str.contains(a, literal=True))
    # after the first "a" of the prose line: "b" at once, or after one short word
    after = p.str.slice(p.str.find(a, literal=True) + a.str.len_chars())
    gap = after.str.extract(rf"^([^ ]{{1,{GAP_CHARS}}}) ", 1).str.len_chars() + 1
    at_once = after.str.starts_with(b)
    hits = near.filter(at_once | after.str.slice(gap.fill_null(0)).str.starts_with(b))
    rows = pl.concat([hits["row"], hits["b_row"]])
    return frame["row"].is_in(rows.implode()).alias(inputs.name)


def outside_named(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal, except on a line of a list the article names in a sentence above
    it (the feature ``named``, :func:`named_in_record`), as :func:`navigation
    <dq.signals.chrome_blocks.navigation>` already does: for the line model, which reads
    a line's shape ("Festival" / "Grandstand" / "VIP" / "VVIP" under "... yakni Festival,
    Grandstand, VIP dan VVIP."; audit15c read "VVIP" as chrome).

    >>> from dq.signals._demo import flags
    >>> flags(outside_named(lambda: pl.lit(True))(), ["Home"])
    [True]
    """

    def expr() -> pl.Expr:
        return build() & ~pl.col("ch_named")

    expr.__doc__ = build.__doc__
    return expr
