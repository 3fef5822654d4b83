"""Where the candidates of spacing_link and spacing_apos occur: each distinct token read once,
its occurrences placed in their lines (offsets), names and code lines left out.

Why apart: both rule modules split distinct tokens, then need every occurrence with
the same guards as :func:`dq.signals.spacing_lang.lang_glue` (a token written twice
in its record is a name or a term; a line of code is no prose).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.spacing_words import _EDGE_PUNCT, CODE_LINE, bare, token_offsets

_TITLE: Final = r"^\p{Lu}\p{Ll}+$"


def token_forms(unknown: pl.DataFrame) -> pl.DataFrame:
    """``tok, w``: each distinct token of ``unknown`` and its letters without edge
    punctuation (read once for all the rules, not per occurrence).

    >>> token_forms(pl.DataFrame({"tok": ["Arsenalhatte,", "Arsenalhatte,", "(x)"]})).rows()
    [('Arsenalhatte,', 'Arsenalhatte'), ('(x)', 'x')]
    """
    return unknown.select(pl.col("tok").unique(maintain_order=True)).with_columns(
        bare(pl.col("tok")).alias("w"))


def place_splits(
    unknown: pl.DataFrame, placed: pl.DataFrame, lines: pl.LazyFrame, splits: pl.DataFrame,
    forms: pl.DataFrame,
) -> pl.DataFrame:
    """Every occurrence of the tokens ``splits`` splits (``w, fix`` and any other
    columns, kept): ``rid, line_no, offset, match, fix, ...``. A token written twice
    in its record, or Title-Case in two records, is no candidate (a name, a term),
    nor one on a line of code (as :func:`dq.signals.spacing_lang.lang_glue`).
    ``forms``: :func:`token_forms` of ``unknown``."""
    extra = [c for c in splits.columns if c not in ("w", "fix")]
    schema = pl.Schema({"rid": pl.UInt32(), "line_no": pl.Int32(), "offset": pl.Int32(),
                        "match": pl.String(), "fix": pl.String()})
    for c in extra:
        schema[c] = splits.schema[c]
    if splits.is_empty():
        return pl.DataFrame(schema=schema)
    hit = forms.join(splits.select("w").unique(), on="w", how="semi")
    occ = (
        unknown.filter(pl.col("tok").is_in(hit["tok"].implode()))
        .join(hit, on="tok").join(placed, on="li")
    )
    per_record = occ.group_by("rid", "w").agg(pl.len().alias("n"))
    records = occ.group_by("w").agg(pl.col("rid").n_unique().alias("records"))
    cands = occ.join(per_record, on=["rid", "w"]).join(records, on="w").filter(
        (pl.col("n") < 2) & ((pl.col("records") < 2) | pl.col("w").str.contains(_TITLE).not_())
    )
    lead = (pl.col("tok").str.len_chars()
            - pl.col("tok").str.strip_chars_start(_EDGE_PUNCT).str.len_chars())
    if cands.is_empty():
        return pl.DataFrame(schema=schema)
    # the candidates' lines only, read once from the batch's (most have none)
    mine = lines.join(cands.select("rid", "line_no").unique().lazy(), on=["rid", "line_no"],
                      how="semi").select("rid", "line_no", "s").collect().lazy()
    code = mine.filter(
        pl.any_horizontal(pl.col("s").str.contains(p) for p in CODE_LINE)
    ).select("rid", "line_no")
    return (
        token_offsets(cands.lazy().select("rid", "line_no", "k", "tok", "w"), mine)
        .join(code, on=["rid", "line_no"], how="anti")
        .join(splits.lazy(), on="w")
        .select(
            pl.col("rid").cast(pl.UInt32), pl.col("line_no").cast(pl.Int32),
            (pl.col("t_off") + lead).cast(pl.Int32).alias("offset"),
            pl.col("w").alias("match"), "fix", *extra,
        )
        .collect()
    )
