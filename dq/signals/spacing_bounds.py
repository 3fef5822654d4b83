"""Where a glued word splits at a case change or contraction ("to|Reuters", "Dakota's|Dept").

Why a module of its own: the rules read the inner splits of :mod:`.spacing_splits`
(the last word of the piece before a boundary is the right half of its split) and
its thresholds, calibrated with them (the data and date there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from dq.signals.spacing_splits import (
    CAP_RIGHT_ZIPF,
    CAPS_LEFT_ZIPF,
    COMMON_LEFT_ZIPF,
    LONG_LEFT_CHARS,
    LOWER_LEFT_ZIPF,
    PART_ZIPF,
    SHORT_LEFT_ZIPF,
    SPLIT_MARGIN,
)
from dq.signals.spacing_words import CAP_LEFT_CHARS, max_zipf

if TYPE_CHECKING:
    from dq.signals._lexicon import Lexicon


def boundaries(pieces: pl.LazyFrame, inner: pl.LazyFrame, lex: Lexicon) -> pl.LazyFrame:
    """Case-change and contraction boundaries that are glue: ``wid, pos`` (in the word).

    The left side of a boundary is the last word of the previous piece (after
    its inner split, if any), the right side the first word of this piece.
    """
    # only words of two or more pieces have a boundary (few: most are one piece),
    # so their words are looked up by binary search whatever the batch's size
    # (each chain below is collected once: the look-ups collect their keys, which
    # re-ran the chain before them: four runs of the pairs' joins, now one)
    pieces = (
        pieces.join(pieces.filter(pl.col("k") > 0).select("wid").unique(), on="wid", how="semi")
        .collect(engine="in-memory")
        .lazy()
    )
    lex = lex.probing()
    # a possessive is as good a word as its stem ("Boeing's")
    stem = pl.col("low").str.replace(r"'s$", "")
    zp = max_zipf(lex, pieces.select(stem.alias("stem")).unique(), "stem", "zp")
    info = (
        pieces.with_columns(stem.alias("stem"))
        .join(zp, on="stem", how="left")
        .join(inner, on=["wid", "k"], how="left")
        .with_columns(
            pl.col("low").str.slice(0, pl.col("p")).fill_null(pl.col("low")).alias("first"),
            pl.col("low").str.slice(pl.col("p").fill_null(0)).alias("last"),
        )
        .with_columns(
            pl.coalesce("zr", "zp").alias("zlast"),
            pl.coalesce("zl", "zp").alias("zfirst"),
            pl.when(pl.col("p").is_null()).then(pl.col("m")).otherwise(pl.col("m") - pl.col("p"))
            .alias("last_len"),
            # the last word is lower case: a lower-case piece, or the lower-case
            # half of a split ("Jefferies|analyst")
            (
                ((pl.col("caps") == 0) & pl.col("merged").not_())
                | pl.col("lower_tail").fill_null(False)
            ).alias("last_lower"),
        )
    )
    prev = info.select(
        "wid",
        (pl.col("k") + 1).alias("k"),
        "last",
        "last_lower",
        "zlast",
        "last_len",
        "contraction",
    )
    pairs = (
        info.select("wid", "k", "first", "start", "m", "caps", "zfirst")
        .filter(pl.col("k") > 0)
        .join(prev, on=["wid", "k"])
        .with_columns((pl.col("last") + pl.col("first")).alias("joined"))
        .collect(engine="in-memory")
        .lazy()
    )
    # the joined words and the first words, looked up in one probe
    keys = pl.concat([pairs.select(pl.col(c).alias("key")) for c in ("joined", "first")])
    rows = lex.rows(keys, "key").collect(engine="in-memory").lazy()
    zjb = (
        pairs.select("joined").unique()
        .join(rows.select("word", "zipf"), left_on="joined", right_on="word")
        .group_by("joined")
        .agg(pl.col("zipf").max().alias("zjb"))
    )
    tails = rows.filter("glue_tail").select(pl.col("word").alias("first"))
    pairs = pairs.join(zjb, on="joined", how="left").join(
        tails.unique().with_columns(pl.lit(True).alias("tail")), on="first", how="left"
    )
    all_caps = pl.col("caps") == pl.col("m")
    caps_ok = all_caps.not_() | (pl.col("zlast") >= CAPS_LEFT_ZIPF)
    # "to|Reuters", "appearance|Czech"; a short word only if it is a function
    # word or before a known word ("de|Grasse" is a name, "is|DigiTimes" glue)
    lower_left = pl.col("last_lower") & (
        (
            (pl.col("zlast") >= LOWER_LEFT_ZIPF)
            & (
                (pl.col("last_len") > 3)
                | (pl.col("zfirst") >= PART_ZIPF)
                | (pl.col("zlast") >= SHORT_LEFT_ZIPF)
            )
            & caps_ok
        )
        # a long lower-case run before a capital is glue even if the word is
        # rare ("understaffing|Prison"); brands put a short prefix first ("iPhone")
        | ((pl.col("last_len") >= LONG_LEFT_CHARS) & all_caps.not_())
    )
    # "Hospital|The", "Fertilizer|Officers"; not brands ("Cloud|Simple") nor
    # known compounds ("SoftBank": zipf 2.7 beats soft + bank - 9 = 0.4)
    cap_left = (
        pl.col("last_lower").not_()
        & (pl.col("last_len") >= CAP_LEFT_CHARS)
        & (pl.col("zlast") >= PART_ZIPF)
        & (
            (pl.col("zfirst") >= CAP_RIGHT_ZIPF)
            | ((pl.col("last_len") >= LONG_LEFT_CHARS) & (pl.col("zfirst") >= PART_ZIPF))
            | ((pl.col("last_len") >= LONG_LEFT_CHARS) & (pl.col("zlast") >= COMMON_LEFT_ZIPF))
        )
        & caps_ok
        & (
            pl.col("zjb").is_null()
            | (pl.col("zlast") + pl.col("zfirst") - 9.0 > pl.col("zjb") + SPLIT_MARGIN)
        )
    )
    # a long capitalised word before a closed-class word that glues on ("Hizbullah|Der")
    cap_tail = pl.col("last_lower").not_() & (pl.col("last_len") >= LONG_LEFT_CHARS) & (
        pl.col("tail").fill_null(False) & pl.col("zjb").is_null() & all_caps.not_()
    )
    after_contraction = pl.col("contraction") & (pl.col("m") >= 2) & (
        (pl.col("caps") >= 1) | (pl.col("zfirst") >= PART_ZIPF)
    )
    return pairs.filter(
        (after_contraction | lower_left | cap_left | cap_tail).fill_null(False)
    ).select("wid", pl.col("start").alias("pos"))
