"""Where a glued word splits: inner splits (case-change boundaries: :mod:`.spacing_bounds`).

Why: each rule here turns lexicon evidence (wordfreq zipf frequencies) and the shape of
the word into a decision, so the thresholds that trade recall for false alarms live
together, each with the data that set it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import polars as pl

from dq.signals.spacing_words import (
    KNOWN_ZIPF,
    MIN_PART_CHARS,
    MIN_PIECE_CHARS,
    closed_lines,
    may_pass,
)

if TYPE_CHECKING:
    from polars._typing import EngineType

    from dq.signals._lexicon import Lexicon

# Thresholds below were calibrated together on ../shared/eval/dev/glued.jsonl (pages of
# the "tune" half, see dq.evaluate.glued) and by reading what they flag in the content
# lines of ../shared/eval/dev/extracted.jsonl and of partial_lines.jsonl (German, Polish,
# Norwegian...), 2025-11, wordfreq 3.1; the closed-language and Cyrillic rules 2026-12-07.

#: Each half of an inner split must be at least this frequent in the chosen language.
PART_ZIPF: Final = 3.0
#: ... and a two-letter half at least this (function words: "in", "to", "of").
SHORT_PART_ZIPF: Final = 5.0
#: For a piece that is a (rare) word: log10 odds by which the split must beat
#: it, ``zipf(L) + zipf(R) - 9 - zipf(piece)`` ("ofthe" 2.8, "inthe" 3.4; but
#: "Statehouse" 0.02, "lander" 0.4, "pores" = "por|es" 1.7 are words).
SPLIT_MARGIN: Final = 2.0
#: For a piece in no word list: ``zipf(L) + zipf(R) - 9`` at least this
#: ("jailuntil" 1.23, "snaglast" 0.13; the unknown real words of the clean
#: text mostly have a rare half: "inefficacy" 1.95 is the price).
UNKNOWN_SPLIT_MIN: Final = 0.0
#: Inner splits are tried only on lines where at least this share of the
#: words (of four letters or more) is in a word list, when the line has at
#: least COVERAGE_MIN_WORDS of them: dev glued contexts have 0.4 or more
#: (English, German); Polish and Finnish lines of partial_lines.jsonl under
#: 0.1, where every word is unknown and splits into foreign syllables.
MIN_LINE_COVERAGE: Final = 0.3
COVERAGE_MIN_WORDS: Final = 3
#: A flagged word seen this often in its record is a name or a term, not
#: glue (and a Title-Case one seen in this many records of a batch).
REPEATS_NAME: Final = 2
#: zipf assumed for an unknown capitalised word after a case change (a name).
NAME_ZIPF: Final = 3.0
#: A capitalised piece keeps two-letter right halves only after a left half
#: this long ("Turismo|is", not "De|bola", "Hua|de", "Ana|sa"),
CAP_SHORT_RIGHT_LEFT_CHARS: Final = 5
#: ... and splits only into a known word ("Mongolia" 3.52) and a frequent one
#: ("are", "said", "reported" 5.0; not names: "Sie|ver", "Dado|nov", "Sta|lock").
CAP_INNER_LEFT_ZIPF: Final = 3.5
CAP_INNER_RIGHT_ZIPF: Final = 5.0
#: Both halves of an all-capitals piece must be this frequent ("RATE|DEAR").
CAPS_PART_ZIPF: Final = 4.0
#: After a run of capitals, a lower-case word must be this frequent ("BIG|approach");
#: a two-letter one a function word (SHORT_LEFT_ZIPF: "NATO|of", not "PDF|s").
CAPS_RIGHT_ZIPF: Final = 4.0
#: In a closed-compound language (or on a German line) both halves must be
#: function words this frequent ("undder"; "Patientenakte|in" is lost, the
#: feminine "-in" would make "Vertreter|in" glue).
FUNCTION_ZIPF: Final = 5.5
#: Closed languages: a word before a closed-class word that glues on (``glue_tail``:
#: "Liverpool|hat") has this many letters (and CAP_INNER_LEFT_ZIPF). With function
#: words by zipf, 40 German compounds split in ../shared/eval/dev ("Experten|zeit").
CLOSED_HEAD_CHARS: Final = 4
#: Shortest left half of a split in a Cyrillic word: Russian prefixes are its prepositions
#: ("вы|мешайте", "по|далось": the only two such splits in ../shared/eval/dev, both wrong).
CYRILLIC_LEFT_CHARS: Final = 4
#: A lower-case word before a case change ("to|Reuters") must be this frequent.
LOWER_LEFT_ZIPF: Final = 3.0
#: ... and, if at most three letters long, this frequent or before a known word.
SHORT_LEFT_ZIPF: Final = 6.0
#: ... before an all-caps word ("after|CNBC"; not "lean|FIRE", "watch|OS").
CAPS_LEFT_ZIPF: Final = 5.4
#: ... and the word after it this frequent ("Hospital|The"; not "Cloud|Simple"),
CAP_RIGHT_ZIPF: Final = 5.0
#: ... unless the word is this long ("Fertilizer|Officers"; brand prefixes
#: are short: "Cloud", "Sports", "Smart", "Info"), and then the word after it
#: may be rare or a name if the long word is this common ("Washington|Ceres").
#: A lower-case run this long before a capital is glue whatever its zipf
#: ("understaffing|Prison").
LONG_LEFT_CHARS: Final = 7
COMMON_LEFT_ZIPF: Final = 4.5


def wide_engine(lex: Lexicon) -> EngineType:
    """The Polars engine of glued_words' widest queries (every split point of a batch,
    a hash filter of the whole lexicon): the streaming one for a batch of many words
    (``lex`` not probed), which it runs in parallel, else the in-memory one, as every
    other query here.

    Why: a small query costs a third of the CPU on the in-memory engine (0.4 ms
    against 1.1 ms), and a language pass of the guards runs some eighty; but on
    the corpus of unique texts (bench/profile_detect.py --unique) these two took
    0.59 s in memory against 0.25 s streamed (measured 2026-12-07, Polars 2.1).
    """
    return "in-memory" if lex.probe else "auto"


def scored_splits(shapes: pl.LazyFrame, lex: Lexicon) -> pl.LazyFrame:
    """Every well-cased inner split of every unknown piece, with its lexicon evidence.

    ``shapes``: distinct pieces (``piece, merged, low, m, caps, tail``), so a
    word met a thousand times is split once. One row per ``piece, merged,
    p``: ``kind`` is ``A`` (inside all capitals: "RATE|DEAR"), ``B``
    (capitals then a capitalised word: "SWITZERLAND|Ascom"), ``D`` (capitals
    then lower case: "BIG|approach")
    or ``C`` (inside a lower-case run: "its|electric", "McDonald|for").
    ``zl_o``/``zr_o``: the halves' zipf in the open-compound language that
    explains the pair best (for a capitalised piece, each half's best over
    those languages: a name is language-neutral); ``zl_c``/``zr_c``: the
    same over closed-compound languages; ``zl_any``/``zr_any``: best over
    all languages (null: in no list); ``zj``: the piece's own (null if unknown).
    """
    # the pieces' own rows, read once: which are well known, and each one's zipf (``zj``)
    own = (
        lex.rows(shapes, "low")
        .join(shapes.select("low").unique(), left_on="word", right_on="low", how="semi")
        .select("word", "zipf")
        .collect(engine="in-memory")
        .lazy()
    )
    known = own.filter(pl.col("zipf") >= KNOWN_ZIPF).select("word")
    # capitals then lower case ("EU|of") may be short; other pieces not
    cand = (
        shapes.filter(
            (pl.col("m") >= MIN_PIECE_CHARS)
            | ((pl.col("caps") >= 2) & (pl.col("caps") + pl.col("tail") == pl.col("m")))
        )
        .join(known, left_on="low", right_on="word", how="anti")
    )
    zj = (
        cand.select("low").unique()
        .join(own, left_on="low", right_on="word")
        .group_by("low")
        .agg(pl.col("zipf").max().alias("zj"))
    )
    plain = pl.col("caps") + pl.col("tail") == pl.col("m")
    caps_run = plain & (pl.col("caps") >= 2)
    kind = (
        pl.when(pl.col("caps") == pl.col("m"))
        .then(
            pl.when((pl.col("p") >= 3) & (pl.col("m") - pl.col("p") >= 3)).then(pl.lit("A"))
        )
        .when(caps_run & (pl.col("p") == pl.col("caps") - 1)).then(pl.lit("B"))
        .when(caps_run & (pl.col("p") == pl.col("caps"))).then(pl.lit("D"))
        .when(
            ((pl.col("caps") <= 1) | pl.col("merged"))
            & (pl.col("p") > pl.col("m") - pl.col("tail"))
        )
        .then(pl.lit("C"))
    )
    splits = (
        cand.select("piece", "merged", "low", "m", "caps", "tail")
        .with_columns(pl.int_ranges(MIN_PART_CHARS, pl.col("m") - MIN_PART_CHARS + 1).alias("p"))
        .explode("p")
        .drop_nulls("p")
        .with_columns(pl.col("p").cast(pl.Int32))
        .with_columns(kind.alias("kind"))
        .drop_nulls("kind")
        .with_columns(
            pl.col("low").str.slice(0, pl.col("p")).alias("l"),
            pl.col("low").str.slice(pl.col("p")).alias("r"),
            # a half with a capital is a name: any language will do
            ((pl.col("caps") >= 1) | pl.col("merged")).alias("name_l"),
            (pl.col("kind") == "B").alias("name_r"),
        )
        # used four times below: materialise once
        .collect(engine=wide_engine(lex))
        .lazy()
    )
    # halves below PART_ZIPF never pass, so join against the frequent part only:
    # the rows of the batch's distinct halves, read once
    halves = pl.concat([splits.select(pl.col(h).alias("h")) for h in ("l", "r")]).unique()
    entries = (
        lex.rows(halves, "h", min_zipf=PART_ZIPF)
        .filter(pl.col("zipf") >= PART_ZIPF)
        .join(halves, left_on="word", right_on="h", how="semi")
        .select("word", "lang", "zipf", "closed", "glue_tail")
        .collect(engine=wide_engine(lex))
    )
    # each split point numbered (``sid``): the joins and aggregations below key on
    # it, not on the piece's text and the split point
    splits = (
        splits.filter(may_pass(entries["word"].unique()))
        .with_row_index("sid")
        .collect(engine="in-memory")
        .lazy()
    )
    key = ["sid"]
    lz = (
        splits.select(*key, "l").join(entries.lazy(), left_on="l", right_on="word")
        .rename({"zipf": "zl"}).collect(engine="in-memory").lazy()
    )
    rz = (
        splits.select(*key, "r").join(entries.lazy(), left_on="r", right_on="word")
        .rename({"zipf": "zr"}).collect(engine="in-memory").lazy()
    )

    # Each half's best zipf over all languages and over the open-compound ones,
    # and whether the right half glues on in a closed-compound language: one
    # aggregation per side (it was six, a join each: the chain's fixed cost is
    # paid once per language pass of the guards, spacing_guards.agreed).
    open_side = pl.col("closed").not_()
    closed_side = pl.col("closed")
    l_best = lz.group_by(key).agg(
        pl.col("zl").max().alias("zl_any"),
        pl.col("zl").filter(open_side).max().alias("zl_n"),
    )
    r_best = (
        rz.group_by(key)
        .agg(
            pl.col("zr").max().alias("zr_any"),
            pl.col("zr").filter(open_side).max().alias("zr_n"),
            # the right half is a word that glues on in a closed-compound language
            (closed_side & pl.col("glue_tail")).any().alias("r_glue_tail"),
        )
        .collect(engine="in-memory")
        .lazy()
    )
    # The halves' zipf in the language (of each kind) where their sum is
    # highest, ties to the first language by name.
    pairs = (
        lz.join(rz.select(*key, "lang", "zr"), on=[*key, "lang"])
        .with_columns((pl.col("zl") + pl.col("zr")).alias("pair"))
        # (a group keeps the rows' order: its first row has the highest pair)
        .sort("pair", "lang", descending=[True, False])
        .group_by(key)
        .agg(
            pl.col(z).filter(side).first().alias(f"{z}_{tag}")
            for side, tag in ((open_side, "o"), (closed_side, "c"))
            for z in ("zl", "zr")
        )
    )
    # A capitalised left half is a name or a sentence start: language-neutral,
    # so take each half's best zipf over the open-compound languages ("Turismo"
    # is Spanish before an English "is"); never a closed one (German nouns are
    # capitalised, "Krankenhaus|reform" is a compound).
    return (
        # every rule needs a known right half, except "SWITZERLAND|Ascom" (B)
        splits.join(r_best, on=key, how="left")
        .filter(pl.col("zr_any").is_not_null() | (pl.col("kind") == "B"))
        .join(l_best, on=key, how="left")
        .filter(pl.col("zl_any").is_not_null() | pl.col("zr_any").is_not_null())
        .join(pairs, on=key, how="left")
        .with_columns(
            pl.when(pl.col("name_l")).then(pl.col("zl_n")).otherwise(pl.col("zl_o")).alias("zl_o"),
            pl.when(pl.col("name_l")).then(pl.col("zr_n")).otherwise(pl.col("zr_o")).alias("zr_o"),
        )
        .join(zj, on="low", how="left")
        .with_columns(pl.col("r_glue_tail").fill_null(False))
        .drop("sid")
    )


def _part_ok(z: str, length: pl.Expr) -> pl.Expr:
    """A half is a word: frequent enough for its length (two letters: a function word)."""
    return pl.col(z) >= pl.when(length <= 2).then(SHORT_PART_ZIPF).otherwise(PART_ZIPF)


def accepted_splits(shapes: pl.LazyFrame, lex: Lexicon) -> pl.LazyFrame:
    """The inner splits of distinct pieces (``shapes``, as for :func:`scored_splits`)
    that pass the tests below, whatever line the piece is on.

    Columns of :func:`scored_splits` plus ``zl, zr`` (the halves' zipf the
    accepting rule read) and ``open_only`` (accepted by the open-compound
    rules alone: dropped on a German line, see :func:`inner_splits`).
    """
    len_l = pl.col("p")
    len_r = pl.col("m") - pl.col("p")
    cap_piece = (pl.col("caps") >= 1) | pl.col("merged")

    def likely(zl: str, zr: str) -> pl.Expr:
        # more likely than the piece if the piece is a (rare) word; likely
        # enough on its own if the piece is in no word list
        pair = pl.col(zl) + pl.col(zr) - 9.0
        return pl.when(pl.col("zj").is_null()).then(pair >= UNKNOWN_SPLIT_MIN).otherwise(
            pair - pl.col("zj") > SPLIT_MARGIN
        )

    # a capitalised piece is a name unless the halves are common words and the
    # right one frequent ("Apple|had", "Depot|are"; not "Star|ven", "Sta|lock")
    shape_ok = cap_piece.not_() | (
        (len_l >= 3)
        & ((len_r >= 3) | (len_l >= CAP_SHORT_RIGHT_LEFT_CHARS))
        & (pl.col("merged").not_() | (len_r >= 3))
        & (pl.col("zl_o") >= CAP_INNER_LEFT_ZIPF)
        & (pl.col("zr_o") >= CAP_INNER_RIGHT_ZIPF)
    )
    open_ok = (
        _part_ok("zl_o", len_l)
        & _part_ok("zr_o", len_r)
        & likely("zl_o", "zr_o")
        & shape_ok
    )
    # German, Dutch...: compounds are words; only two function words ("undder"),
    # or a word followed by a function word of three letters or more
    # ("Liverpool|hat", "Archäologen|auf", "hopp|att"): a compound never ends
    # in a conjunction, article or auxiliary. Two letters would take inflections
    # ("Hauses" = "Haus|es", "Vertreterin", Swedish "hästen").
    tail_word = (
        (len_l >= CLOSED_HEAD_CHARS)
        & (pl.col("zl_c") >= CAP_INNER_LEFT_ZIPF)
        & pl.col("r_glue_tail")
        # a participle with its ending: "kippen|der", "Reisen|der" ("-nder")
        & (pl.col("l").str.ends_with("n") & pl.col("r").str.starts_with("d")).not_()
    )
    closed_ok = (
        ((cap_piece.not_() & (pl.col("zl_c") >= FUNCTION_ZIPF) & (pl.col("zr_c") >= FUNCTION_ZIPF))
         | tail_word)
        & likely("zl_c", "zr_c")
    )
    # Russian writes its prepositions also as verb prefixes, closed ("вы|мешайте",
    # "по|далось", "из|..."): a short left half there is a prefix, not a word
    prefix_ok = pl.col("piece").str.contains(r"\p{Cyrillic}").not_() | (
        len_l >= CYRILLIC_LEFT_CHARS
    )
    c_ok = (
        (pl.col("kind") == "C")
        & (open_ok.fill_null(False) | closed_ok.fill_null(False))
        & prefix_ok
    )
    b_ok = (
        (pl.col("kind") == "B")
        & (len_l >= 3)
        & pl.col("piece").str.slice(pl.col("p") + 1, 1).str.contains(r"^\p{Ll}")
    ) & (
        (pl.col("zl_any") >= PART_ZIPF) | (pl.col("zr_any") >= CAP_RIGHT_ZIPF)
    )
    d_ok = (
        (pl.col("kind") == "D")
        & ((len_r >= 3) | (pl.col("zr_o") >= SHORT_LEFT_ZIPF))
        & (pl.col("zr_o") >= CAPS_RIGHT_ZIPF)
        & (pl.col("zj").is_null() | likely("zl_any", "zr_o"))
    )
    # all capitals ("RATEDEAR"): two common words, an acronym is rarely both
    a_ok = (
        (pl.col("kind") == "A")
        & (pl.col("zl_o") >= CAPS_PART_ZIPF)
        & (pl.col("zr_o") >= CAPS_PART_ZIPF)
        & (pl.col("zj").is_null() | likely("zl_o", "zr_o"))
    )
    zl = pl.when(open_ok.fill_null(False) | a_ok.fill_null(False)).then(pl.col("zl_o")).otherwise(
        pl.coalesce("zl_c", "zl_any")
    )
    zr = pl.when(open_ok.fill_null(False) | a_ok.fill_null(False)).then(pl.col("zr_o")).otherwise(
        pl.coalesce("zr_c", "zr_any")
    )
    other_ok = (
        closed_ok.fill_null(False) | b_ok.fill_null(False) | d_ok.fill_null(False)
        | a_ok.fill_null(False)
    )
    return (
        scored_splits(shapes, lex)
        .filter(c_ok | other_ok)
        .with_columns(
            zl.alias("zl"), zr.alias("zr"), (c_ok & other_ok.not_()).alias("open_only")
        )
    )


def inner_splits(
    pieces: pl.LazyFrame,
    lines: pl.LazyFrame,
    lex: Lexicon,
    accepted: pl.LazyFrame | None = None,
) -> pl.LazyFrame:
    """Best inner split per piece that passes the tests: ``wid, k, p, zl, zr, lower_tail``.

    ``pieces`` carries ``rid, line_no, covered``; ``accepted`` is
    :func:`accepted_splits` of (a superset of) their shapes, computed here
    if not given. A split inside a lower-case run needs a covered line; one
    accepted only by the open-compound rules is dropped if its line turns
    out to be German (:func:`~dq.signals.spacing_words.closed_lines`, computed for
    those few lines only).
    """
    if accepted is None:
        shapes = pieces.select("piece", "merged", "low", "m", "caps", "tail").unique()
        accepted = accepted_splits(shapes, lex)
    accepted = (
        accepted.join(
            pieces.select("wid", "k", "rid", "line_no", "covered", "piece", "merged"),
            on=["piece", "merged"],
        )
        # splits inside a word only on lines mostly in a language we know
        .filter((pl.col("kind") != "C") | pl.col("covered"))
        .collect(engine="in-memory")
        .lazy()
    )
    closed = closed_lines(
        lines, accepted.filter("open_only").select("rid", "line_no").unique(), lex
    ).filter("closed_line")
    return (
        pl.concat([
            accepted.filter(pl.col("open_only").not_()),
            accepted.filter("open_only").join(closed, on=["rid", "line_no"], how="anti"),
        ])
        # the most likely pair wins; for splits at capitals ("NASA|to" against
        # "NAS|Ato") both halves count in any language
        .with_columns(
            pl.when(pl.col("kind") == "C")
            .then(pl.col("zl").fill_null(NAME_ZIPF) + pl.col("zr").fill_null(NAME_ZIPF))
            .otherwise(
                pl.col("zl_any").fill_null(NAME_ZIPF) + pl.col("zr_any").fill_null(NAME_ZIPF)
            )
            .alias("rank")
        )
        .sort("wid", "k", "rank", descending=[False, False, True])
        .group_by("wid", "k", maintain_order=True)
        .first()
        .select("wid", "k", "p", "zl", "zr", (pl.col("kind") != "B").alias("lower_tail"))
    )
