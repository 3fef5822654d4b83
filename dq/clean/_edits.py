"""Findings in, edits out, edits applied: the vectorised core of cleaning.

Why Polars and not a loop over records: ``dq clean`` runs over corpora of
hundreds of megabytes. Line dropping, span fixes, conflict resolution and
splicing are all frame operations here; Python runs only for the few lines
that need ftfy (mojibake).

Frames used below:

``texts``   ``rid`` (UInt32), ``text``: the current text of each record.
``found``   findings with ``rid`` instead of ``record_id`` (see :mod:`dq.detect`).
``edits``   :data:`EDITS_SCHEMA`: one row per edit, offsets into the current
            text, sorted by ``rid, start``, never overlapping within a record.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.clean._deletion import deletable, in_a_list
from dq.clean._keep import kept_as_content, prose_before_footer, with_neighbours
from dq.clean._stages import MOJIBAKE, REPEATED_SPACES, STAGES, stage_of
from dq.signals.registry import REGISTRY
from dq.signals.trailing import prose_before_link

EDITS_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "rid": pl.UInt32,
    "code": pl.String,
    "line": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "original": pl.String,
    "replacement": pl.String,
    "stage": pl.Int32,
}

def _signal_info() -> pl.DataFrame:
    rows = [(s.code, s.level, stage_of(s), i) for i, s in enumerate(REGISTRY)
            if stage_of(s) is not None]
    return pl.DataFrame(
        rows,
        schema={"code": pl.String, "level": pl.String, "stage": pl.Int32, "order": pl.Int32},
        orient="row",
    )


def raw_lines(texts: pl.DataFrame) -> pl.LazyFrame:
    """Every line of every text, blank ones included: ``rid, line, raw, s, lstart, n, blank``.

    ``lstart`` is the character offset of the raw line in its text, ``n`` its
    length, ``s`` the stripped line (as the detectors see it).

    >>> df = pl.DataFrame({"rid": [0], "text": ["a\\n\\n b"]},
    ...                   schema={"rid": pl.UInt32, "text": pl.String})
    >>> raw_lines(df).select("line", "raw", "lstart", "blank").collect().rows()
    [(1, 'a', 0, False), (2, '', 2, True), (3, ' b', 3, False)]
    """
    n = pl.col("raw").str.len_chars().cast(pl.Int64)
    return (
        texts.lazy()
        .select("rid", pl.col("text").str.split("\n").alias("raw"))
        .with_columns(
            pl.int_ranges(1, pl.col("raw").list.len() + 1, dtype=pl.Int64).alias("line")
        )
        .explode(["raw", "line"])
        .with_columns(n.alias("n"), pl.col("raw").str.strip_chars().alias("s"))
        .with_columns(
            ((pl.col("n") + 1).cum_sum().over("rid") - pl.col("n") - 1).alias("lstart"),
            (pl.col("s").str.len_bytes() == 0).alias("blank"),
        )
    )


def plan_edits(texts: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """The edits one round makes for ``found`` on ``texts`` (frames in the module doc).

    Fixes win by stage (see :mod:`dq.clean._stages`), then by position; an
    edit that collides with a winner is left for the next round, where the
    detectors look at the new text.

    >>> texts = pl.DataFrame({"rid": [0], "text": ["Body.\\nBack to top"]},
    ...                      schema={"rid": pl.UInt32, "text": pl.String})
    >>> found = pl.DataFrame({"rid": [0], "line": [2], "start": [6], "end": [17],
    ...                       "code": ["back_to_top"], "fix": [None]},
    ...                      schema_overrides={"rid": pl.UInt32, "fix": pl.String})
    >>> plan_edits(texts, found).select("code", "line", "original", "replacement").rows()
    [('back_to_top', 2, '\\nBack to top', '')]
    """
    if found.height == 0:
        return pl.DataFrame(schema=EDITS_SCHEMA)
    has_evidence = "evidence" in found.columns
    f = (
        found.select("rid", "line", "start", "end", "code", "fix",
                     *(["evidence"] if has_evidence else []))
        .join(_signal_info(), on="code", how="inner")
        .filter((pl.col("line") > 0) & (pl.col("end") > pl.col("start")))
        .join(texts, on="rid", how="inner")
        .with_columns(
            pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
            .alias("original")
        )
        .drop("text")
    )
    line_stage = f.filter(pl.col("stage") == 0)
    if line_stage.height:
        lines = raw_lines(texts.join(line_stage.select("rid").unique(), on="rid", how="semi"))
        record_lines = with_neighbours(lines.select("rid", "line", "s").collect())
        line_stage = line_stage.join(record_lines, on=["rid", "line"], how="left").with_columns(
            ((pl.col("level") == "line") | (pl.col("original") == pl.col("s"))).alias("whole")
        )
        evidence = pl.col("evidence") if has_evidence else None
        drops = (
            _deletions(line_stage, evidence)
            .sort("rid", "line", "order")  # two codes on one line: the first registered wins
            .unique(["rid", "line"], keep="first", maintain_order=True)
            .select("rid", "line", "code")
        )
        partial = line_stage.filter(~pl.col("whole")).drop("s", "whole", "above", "below")
    else:
        drops = pl.DataFrame(schema={"rid": pl.UInt32, "line": pl.Int64, "code": pl.String})
        partial = line_stage
    kept = _drop_edits(texts, drops)
    rest = f.filter(pl.col("stage") > 0)
    if has_evidence:
        partial, rest = partial.drop("evidence"), rest.drop("evidence")
    spans = pl.concat([partial, rest], how="vertical")
    spans = spans.join(drops.select("rid", "line"), on=["rid", "line"], how="anti")
    spans = _span_edits(spans)
    for stage in sorted(set(spans["stage"].to_list())):
        candidates = _without_overlaps(spans.filter(pl.col("stage") == stage), kept)
        kept = pl.concat([kept, _first_of_overlapping(candidates)], how="vertical")
    return kept.sort("rid", "start").select(list(EDITS_SCHEMA))


def _deletions(line_stage: pl.DataFrame, evidence: pl.Expr | None) -> pl.DataFrame:
    """The line-stage findings that delete their line (:mod:`dq.clean._deletion`)."""
    return (
        line_stage.filter(in_a_list(pl.col("rid"), pl.col("line"), pl.col("code")).not_())
        .filter("whole")
        # a reported line is deleted only on evidence that rests on it
        .filter(deletable(pl.col("s"), pl.col("code"), evidence))
        # and only when it is no more than what the finding names (dq.clean._keep)
        .filter(prose_before_footer(pl.col("s"), pl.col("code")).not_())
        # nor a line of prose whose tail is a "read more" link (dq.signals.trailing)
        .filter(prose_before_link(pl.col("s"), pl.col("code")).not_())
        # nor a line whose text is content: figures, a wrapped clause, a list item (audit25)
        .filter(kept_as_content(pl.col("s"), pl.col("above"), pl.col("below"),
                                pl.col("code")).not_())
    )


def _span_edits(spans: pl.DataFrame) -> pl.DataFrame:
    """Replacement text for each span finding; rows without a fix are dropped."""
    fallback = (
        pl.when(pl.col("stage") == 0).then(pl.lit(""))  # a chrome phrase inside a line
        .when(pl.col("code") == REPEATED_SPACES).then(pl.lit(" "))
    )
    spans = spans.with_columns(pl.coalesce(pl.col("fix"), fallback).alias("replacement"))
    moji = spans.filter((pl.col("code") == MOJIBAKE) & (pl.col("level") == "line"))
    rest = spans.filter(~((pl.col("code") == MOJIBAKE) & (pl.col("level") == "line")))
    rest = rest.filter(
        pl.col("replacement").is_not_null() & (pl.col("replacement") != pl.col("original"))
        & ((pl.col("stage") != SPACING_STAGE) | only_spacing_changes())
    )
    return pl.concat([rest.select(list(EDITS_SCHEMA)), _mojibake_edits(moji)], how="vertical")


#: Index of the ``spacing`` stage in :data:`dq.clean._stages.STAGES`.
SPACING_STAGE: Final = STAGES.index("spacing")


def only_spacing_changes() -> pl.Expr:
    """``replacement`` differs from ``original`` in white space only.

    Why: a spacing repair ("NATOand" -> "NATO and", "said ." -> "said.")
    inserts or removes white space and nothing else. An edit that would
    change a letter or a digit ("975'den" -> "1975 den": a match placed on
    the wrong characters) is a bug in the detector, and the cleaner refuses
    it rather than damage the text: the finding stays reported.

    >>> df = pl.DataFrame({"original": ["NATOand", "975'den"],
    ...                    "replacement": ["NATO and", "1975 den"]})
    >>> df.select(only_spacing_changes()).to_series().to_list()
    [True, False]
    """
    def squeeze(col: str) -> pl.Expr:
        return pl.col(col).str.replace_all(r"\s+", "")

    return squeeze("original") == squeeze("replacement")


def _mojibake_edits(moji: pl.DataFrame) -> pl.DataFrame:
    """``ftfy.fix_encoding`` over each flagged line, narrowed to the characters that changed.

    Python per flagged line, not per record: mojibake lines are rare, and
    ftfy has no vectorised form. The whole line is repaired (not a match)
    because a repair needs the neighbouring bytes of the sequence.
    """
    if moji.height == 0:
        return pl.DataFrame(schema=EDITS_SCHEMA)
    import ftfy

    rows = []
    for row in moji.unique(["rid", "line"], keep="first").iter_rows(named=True):
        before: str = row["original"]
        after: str = ftfy.fix_encoding(before)
        if after == before:
            continue
        head = _common_prefix(before, after)
        tail = _common_prefix(before[head:][::-1], after[head:][::-1])
        rows.append({
            **{k: row[k] for k in ("rid", "code", "line", "stage")},
            "start": row["start"] + head,
            "end": row["end"] - tail,
            "original": before[head : len(before) - tail],
            "replacement": after[head : len(after) - tail],
        })
    return pl.DataFrame(rows, schema=EDITS_SCHEMA) if rows else pl.DataFrame(schema=EDITS_SCHEMA)


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix.

    >>> _common_prefix("abcd", "abxd")
    2
    """
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _drop_edits(texts: pl.DataFrame, drops: pl.DataFrame) -> pl.DataFrame:
    """Edits that remove the ``drops`` lines (``rid, line, code``) and the blank lines they leave.

    Blank lines: at the start of the text, those after the first dropped
    line go; at the end, those before the last dropped line go; between two
    kept lines, the longest run of blank lines (the first on a tie) stays as
    the separator. So "para\\n\\nShare this\\n\\npara" keeps one blank line and
    an article that ends with chrome ends with its last sentence. Each
    removed blank line is charged to the dropped line it sat next to.
    """
    if drops.height == 0:
        return pl.DataFrame(schema=EDITS_SCHEMA)
    g = ["rid", "gap"]
    line, drop, blank = pl.col("line"), pl.col("drop"), pl.col("blank")
    lf = (
        raw_lines(texts.join(drops.select("rid").unique(), on="rid", how="semi"))
        .join(drops.lazy(), on=["rid", "line"], how="left", maintain_order="left")
        .sort("rid", "line")  # the windows below read lines in order
        .with_columns(pl.col("code").is_not_null().alias("drop"))
        .with_columns((~drop & ~blank).alias("content"))
        .with_columns(
            pl.col("content").cast(pl.Int64).cum_sum().over("rid").alias("gap"),
            pl.col("content").sum().over("rid").alias("n_content"),
        )
        .with_columns(
            drop.any().over(g).alias("has_drop"),
            line.filter(drop).min().over(g).alias("first_drop"),
            line.filter(drop).max().over(g).alias("last_drop"),
            drop.cast(pl.Int64).cum_sum().over(g).alias("run"),
        )
        .with_columns(blank.sum().over([*g, "run"]).alias("run_blanks"))
        .with_columns(
            pl.col("run").filter(pl.col("run_blanks") == pl.col("run_blanks").max())
            .min().over(g).alias("best_run")
        )
        .with_columns(
            pl.when(pl.col("n_content") == 0).then(False)
            .when(pl.col("gap") == 0).then(line < pl.col("first_drop"))
            .when(pl.col("gap") == pl.col("n_content")).then(line > pl.col("last_drop"))
            .otherwise(pl.col("run") == pl.col("best_run"))
            .alias("keep_blank")
        )
        .with_columns(
            (drop | (blank & pl.col("has_drop") & ~pl.col("keep_blank"))).alias("remove"),
            pl.when(drop).then(line).alias("dline"),
        )
        .with_columns(
            pl.coalesce(
                pl.col("dline").backward_fill().over(g), pl.col("dline").forward_fill().over(g)
            ).alias("owner"),
            line.filter(~pl.col("remove")).max().over("rid").fill_null(0).alias("last_kept"),
        )
        .filter("remove")
        # A removed run that reaches the end of the text takes the line break
        # before it; any other run takes the one after it. So the result is
        # "\n".join(kept lines) exactly.
        .with_columns((line > pl.col("last_kept")).alias("at_end"))
        .with_columns(
            pl.when(pl.col("at_end") & (line > 1)).then(pl.col("lstart") - 1)
            .otherwise(pl.col("lstart")).alias("start"),
            pl.when(pl.col("at_end")).then(pl.col("lstart") + pl.col("n"))
            .otherwise(pl.col("lstart") + pl.col("n") + 1).alias("end"),
        )
        .group_by("rid", "owner")
        .agg(
            pl.col("start").min(),
            pl.col("end").max(),
            pl.col("code").drop_nulls().first(),
        )
        .rename({"owner": "line"})
    )
    edits = lf.collect().join(texts, on="rid")
    return edits.select(
        "rid", "code", "line", "start", "end",
        pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
        .alias("original"),
        pl.lit("").alias("replacement"),
        pl.lit(0, pl.Int32).alias("stage"),
    ).cast(EDITS_SCHEMA)  # type: ignore[arg-type]


def _without_overlaps(candidates: pl.DataFrame, kept: pl.DataFrame) -> pl.DataFrame:
    """``candidates`` that touch no character of a ``kept`` edit of the same record."""
    if candidates.height == 0 or kept.height == 0:
        return candidates
    indexed = candidates.with_row_index("_i")
    clash = (
        indexed.select("_i", "rid", "start", "end")
        .join(kept.select("rid", pl.col("start").alias("ks"), pl.col("end").alias("ke")), on="rid")
        .filter((pl.col("start") < pl.col("ke")) & (pl.col("ks") < pl.col("end")))
        .select("_i")
    )
    return indexed.join(clash, on="_i", how="anti").drop("_i")


def _first_of_overlapping(edits: pl.DataFrame) -> pl.DataFrame:
    """Among overlapping edits of one stage keep the earliest (the others wait a round)."""
    if edits.height == 0:
        return edits
    prev_end = pl.col("end").cum_max().shift(1).over("rid")
    return (
        edits.sort("rid", "start", "end")
        .filter(prev_end.is_null() | (pl.col("start") >= prev_end))
    )


def apply_edits(texts: pl.DataFrame, edits: pl.DataFrame) -> pl.DataFrame:
    """``texts`` with ``edits`` spliced in (records without edits are returned unchanged).

    >>> texts = pl.DataFrame({"rid": [0, 1], "text": ["he said .", "ok"]},
    ...                      schema={"rid": pl.UInt32, "text": pl.String})
    >>> edits = pl.DataFrame({"rid": [0], "start": [7], "end": [9], "replacement": ["."]},
    ...                      schema_overrides={"rid": pl.UInt32})
    >>> apply_edits(texts, edits)["text"].to_list()
    ['he said.', 'ok']
    """
    if edits.height == 0:
        return texts
    prev = pl.col("end").shift(1).over("rid").fill_null(0)
    # Linear in the edits: each edit's piece (the kept text before it, then
    # its replacement) is cut out before the group-by, which only joins the
    # pieces. Slicing ``text`` inside the aggregation copied the whole text
    # once per edit: 10,000 fixes in one 110 KB record took 2.4 GB (issue 17).
    pieces = (
        edits.select("rid", "start", "end", "replacement")
        .join(texts, on="rid")
        .sort("rid", "start")
        .with_columns(prev.alias("prev"))
        .select(
            "rid",
            "end",
            (
                pl.col("text").str.slice(pl.col("prev"), pl.col("start") - pl.col("prev"))
                + pl.col("replacement")
            ).alias("piece"),
        )
    )
    joined = pieces.group_by("rid", maintain_order=True).agg(
        pl.col("piece").str.join(""), pl.col("end").last().alias("last_end")
    )
    spliced = joined.join(texts, on="rid").select(
        "rid", (pl.col("piece") + pl.col("text").str.slice(pl.col("last_end"))).alias("new")
    )
    return (
        texts.join(spliced, on="rid", how="left")
        .select("rid", pl.coalesce("new", "text").alias("text"))
    )
