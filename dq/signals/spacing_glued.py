"""glued_words: two words run together by a scraper ("NATOand", "itselectric").

Why it matters: joining HTML text nodes without a space ("<a>NATO</a>and")
leaves tokens that are in no dictionary; a model trained on them learns
words that do not exist, and search indexes miss both halves.

How (vectorised, no per-row Python; code in :mod:`.spacing_words`, :mod:`.spacing_known` and
:mod:`.spacing_splits`, thresholds there with the data that set them).
White-space tokens are checked against the well-known words first, which
drops three in four (extracted.jsonl); of the rest, letter runs that are not URLs, e-mail,
handles or code are cut into *pieces* at case changes and after
contractions ("investor|Soft|Bankworth", "Dakota's|Department"); a cut
after a short prefix ("Mc|Donald", "i|Phone", "We|Work") is undone, because
that is how names and brands are spelled.

1. *Inner split* of a piece that is in no word list (or rare and starting
   or ending with a function word): every split point is joined against
   the lexicon, in the language that explains both halves best. Two
   independent words are likely enough (``zipf(L) + zipf(R) - 9 >= 0``:
   "itselectric" -> "its electric", "jailuntil"), and for a rare word must
   beat it by a margin ("ofthe", not "Statehouse"). Capitalised pieces are
   names unless both halves are common ("Apple|had", not "Star|ven");
   lines mostly in a closed-compound language (German) split only into two
   function words ("Webtechnology" there is a compound); lines mostly of
   unknown words (a language the lexicon lacks) are not split at all.
   Runs of capitals split before a word ("SWITZERLAND|Ascom",
   "NATO|and", "RATE|DEAR").
2. *Case change*: a boundary when the left part is a known lower-case word
   ("to|Reuters") or a long lower-case run ("understaffing|Prison"), or a
   long known capitalised word before a frequent word ("Hospital|The"),
   unless the joined form is the more likely word ("SoftBank").
3. *Digits*: a number or score directly followed by a capitalised word or
   a frequent lower-case word ("2019The", "70-44Rockledge", "30that"); not
   units or model names ("5km", "4K", "100Mbps", "my6sense").

A word written whole more than once in its record is a name or a term
("CloudSimple" three times, "Sinwar"), and so is a Title-Case word written
in another record of the batch: neither is split. The fix
inserts a space at every boundary; the match is the letter run (with the
leading number for digit boundaries) and ``offset`` says where it starts
in the stripped line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import polars as pl

from dq.signals._lexicon import Lexicon, frequent_lexicon
from dq.signals.spacing_bounds import boundaries
from dq.signals.spacing_known import (
    SMALL_BATCH_LINES,
    WordTests,
    known_here,
    plain_words,
    uncovered_lines,
    unknown_tokens,
    word_tests,
)
from dq.signals.spacing_splits import (
    REPEATS_NAME,
    SHORT_LEFT_ZIPF,
    accepted_splits,
    inner_splits,
)
from dq.signals.spacing_words import (
    CASED,
    CODE_HINTS,
    CODE_LINE,
    MIN_PIECE_CHARS,
    MIN_WORD_CHARS,
    known_among,
    listed_words,
    locate_words,
    lower,
    max_zipf,
    pieces_of,
    repeat_key,
    token_offsets,
    token_repeats,
    word_sets,
    words_of,
)

if TYPE_CHECKING:
    from dq.signals.context import DetectContext


#: Distinct candidate words up to which the lexicon is read by binary search
#: (:class:`~dq.signals._lexicon.Lexicon` ``probe``) rather than by hash
#: joins that read all of it (~25 ms each, nine of them). Same findings
#: either way. Measured 2026-11 (Polars 2.1, glued_words CPU): 97 words
#: 0.17 s against 0.29 s; bench_detect's 50 MB (8.5k words) 0.85 s against
#: 1.16 s; 85k words even; 104k words 10% slower. Below the break-even with
#: a margin, because the search cost grows with the words and a join's does not.
PROBE_MAX_WORDS = 50_000


# Calibrated with the thresholds of spacing_splits (same data, same date; moved here
# for that module's size).
#: A lower-case word glued after a number must be this frequent ("30|that";
#: not units: "5|km", "100|mph"); a capitalised one this frequent and four
#: letters long, or a function word ("2019|The"; not "100|Mbps", "50|Hz").
DIGIT_RIGHT_ZIPF: Final = 5.0
DIGIT_CAP_RIGHT_ZIPF: Final = 4.0


def digit_boundaries(pieces: pl.LazyFrame, cands: pl.LazyFrame, lex: Lexicon) -> pl.LazyFrame:
    """A number glued before a word ("2019The", "70-44Rockledge", "30that"): ``wid, pos`` (0).

    Not units and model names: "4K", "5km", "100Mbps", "4Runner", "49ers".
    """
    first = pieces.filter(pl.col("k") == 0).join(
        cands.filter(pl.col("digits") > 0).select("wid", "num"), on="wid"
    )
    # the first words after a number only (few), by binary search
    first = first.join(
        max_zipf(lex.probing(), first.select("low").unique(), "low", "z"), on="low", how="left"
    )
    score = pl.col("num").str.contains("[-–]")
    several = pl.col("num").str.len_chars() >= 2
    capitalised = (pl.col("caps") == 1) & (pl.col("m") >= 3) & (
        (several & (pl.col("z") >= DIGIT_CAP_RIGHT_ZIPF) & (pl.col("m") >= 4))
        | (several & (pl.col("z") >= SHORT_LEFT_ZIPF))
        | score
    )
    all_caps = (pl.col("caps") == pl.col("m")) & (pl.col("m") >= 3) & score
    low_case = (pl.col("caps") == 0) & (pl.col("m") >= 3) & (pl.col("z") >= DIGIT_RIGHT_ZIPF)
    return first.filter((capitalised | all_caps | low_case).fill_null(False)).select(
        "wid", pl.lit(0, pl.Int32).alias("pos")
    )


def _cuttable(
    shapes: pl.LazyFrame, lex: Lexicon
) -> tuple[pl.LazyFrame, pl.LazyFrame, pl.LazyFrame]:
    """The distinct words of ``shapes`` that may be cut at all (``w``), the
    inner splits accepted for their pieces (:func:`accepted_splits`), and the
    pieces of every word of ``shapes`` (:func:`pieces_of`, by ``w`` in place of ``wid``).

    A word is cut only at a case change or contraction (two pieces or more),
    at a number glued before it, or at an inner split accepted for one of
    its pieces; the line and record tests that follow only take cuts away.
    So a word with none of these ("Dempsey", "hibernation": half of the
    candidates in extracted.jsonl) is dropped here, before its occurrences
    are placed, located and checked against their lines.
    """
    words = (
        shapes.group_by("w")
        .agg((pl.col("digits") > 0).any().alias("number"))
        .with_row_index("wid")
        .collect(engine="in-memory")
        .lazy()
    )
    pieces = pieces_of(words).collect(engine="in-memory").lazy()
    accepted = (
        accepted_splits(
            pieces.select("piece", "merged", "low", "m", "caps", "tail").unique(), lex
        )
        .collect(engine="in-memory")
        .lazy()
    )
    live = pl.concat([
        words.filter("number").select("wid"),
        pieces.filter(pl.col("k") > 0).select("wid"),
        pieces.join(accepted.select("piece", "merged").unique(), on=["piece", "merged"], how="semi")
        .select("wid"),
    ])
    by_word = words.select("wid", "w").join(pieces, on="wid").drop("wid")
    return words.join(live, on="wid", how="semi").select("w"), accepted, by_word


def _with_spaces(words: pl.LazyFrame, cuts: pl.LazyFrame) -> pl.LazyFrame:
    """``wid, fix``: each word with a space inserted at its cut positions."""
    positions = cuts.filter(pl.col("pos") > 0).group_by("wid").agg(
        pl.col("pos").cast(pl.Int32).unique().sort()
    )
    return (
        words.select("wid", "w")
        .join(positions, on="wid")
        .with_columns(
            pl.concat_list(pl.lit(0, pl.Int32), pl.col("pos")).alias("a"),
            pl.concat_list(pl.col("pos"), pl.col("w").str.len_chars().cast(pl.Int32)).alias("b"),
        )
        .explode(["a", "b"])
        .with_columns(pl.col("w").str.slice(pl.col("a"), pl.col("b") - pl.col("a")).alias("seg"))
        .group_by("wid", maintain_order=True)
        .agg(pl.col("seg").str.join(" ").alias("fix"))
    )


#: Longest letter run tried as glue. Every cut of a run is scored (one row
#: per split point, each holding both halves), so the work grows with the
#: square of its length: one 65,536-letter token took 6.4 GB (issue 17).
#: The longest glued run of ../shared/eval/dev/glued.jsonl has 38 letters
#: ("ehemaligenBundeswirtschaftsministervor"), the longest German
#: dictionary compound 63; a longer run is not two words run together.
MAX_GLUED_CHARS: Final = 64

#: What :func:`glued_candidates` returns when a batch has no candidate word
#: (the early exits spare a small batch some forty small queries).
NO_GLUE = pl.DataFrame(
    schema={"rid": pl.UInt32, "line_no": pl.Int32, "match": pl.String, "fix": pl.String,
            "offset": pl.Int32}
)



def language_lexicon(ctx: DetectContext, lang: str) -> pl.DataFrame:
    """``ctx``'s lexicon rows of ``lang`` only (cached in ``ctx``); none for a language
    it does not load (the guards' shape-only "language").

    >>> from dq.signals.context import DetectContext
    >>> sorted(language_lexicon(DetectContext(), "en")["lang"].unique())
    ['en']
    """
    frame: pl.DataFrame = ctx.cached(
        f"lang.lexicon.{lang}", lambda: ctx.lexicon().filter(pl.col("lang") == lang)
    )
    return frame


def _lexicon_of(
    ctx: DetectContext, lexicon: pl.DataFrame | None, lang: str | None, *, probe: bool
) -> Lexicon:
    """The :class:`Lexicon` a batch reads: ``lexicon`` (default ``ctx``'s), ``lang``'s rows
    only if given; probed in place, or that language's own frame when joined whole."""
    frame = ctx.lexicon() if lexicon is None else lexicon
    if lang is None and not probe and lexicon is None:
        hashes = ctx.cached("lexicon.word_hashes", lambda: frame["word"].hash())
        return Lexicon(frame, lang=lang, hashes=hashes)
    if lang is None or probe:
        frequent = frequent_lexicon(ctx) if lexicon is None and probe else None
        return Lexicon(frame, probe=probe, lang=lang, frequent=frequent)
    if lexicon is None:
        return Lexicon(language_lexicon(ctx, lang))
    return Lexicon(frame.filter(pl.col("lang") == lang))


def prepare_glued_words(ctx: DetectContext) -> None:
    """Build what :func:`glued_words` reads from ``ctx`` first: the well-known word sets.

    ~0.05 s on a warm cache (the sets' own file): :func:`dq.detect.warm_up`
    runs it while the input loads. Not the lexicon, nor the language
    identifier: a batch whose tokens are all well-known words needs neither,
    and each is loaded when first read (the lexicon ~0.25 s CPU, the
    identifier ~0.05 s from its unpacked copy, :mod:`dq.signals._langid_model`).
    """
    plain_words(ctx)


def glued_candidates(
    lines: pl.LazyFrame,
    ctx: DetectContext,
    lexicon: pl.DataFrame | None = None,
    *,
    judge_repeats: bool = True,
    only_words: pl.Series | None = None,
    lang: str | None = None,
    tests: WordTests | None = None,
) -> pl.LazyFrame:
    """Tokens that two words of some loaded language explain: "NATOand" -> "NATO and".

    ``lexicon``: the rows that score splits (default: all of ``ctx``'s); the
    known-word tests always read all of ``ctx``'s languages (a word known in
    any of them is no glue), which are built once per context.

    ``lang``: score splits with that language's rows of ``lexicon`` (default
    all of ``ctx``'s) only, as if ``lexicon`` held no other
    (:func:`language_lexicon`, built only if the batch has too many words to probe).

    ``only_words``: judge only the letter runs (``w``) among these; what is
    found for one is the same whichever others are judged (each step works
    per word or per line), so a caller that keeps only some words' findings
    can skip the others (:func:`~dq.signals.spacing_guards.agreed`).

    ``tests``: the known-word tests (default: built for ``lines``); a second pass
    builds them once for the lines of all its languages (cut down to more
    tokens, a test answers the same for these).

    ``judge_repeats``: drop tokens written whole again in their record or
    (Title-Case) in other records of ``lines``. The only test that reads
    more than a token's own line: without it every candidate of a line
    depends on that line's text alone (what the guards' second pass relies on,
    :func:`dq.signals.spacing_guards.agreed`).

    Why: the first, cheap question of ``glued_words``; what is reported is
    what survives the guards of :mod:`dq.signals.spacing_guards` (method in
    the module doc).

    Output columns: ``rid, line_no, match, fix`` and ``offset`` (where the
    match starts in ``s``).

    >>> from dq.signals.context import DetectContext
    >>> from dq.signals._demo import spans
    >>> ctx = DetectContext()
    >>> spans(glued_candidates, "The CSTO is the Russian twin of NATOand Putin hoped so.", ctx)
    [('NATOand', 'NATO and')]
    >>> spans(glued_candidates, "Its itselectric Gran Turismois the jailuntil story.", ctx)
    [('itselectric', 'its electric'), ('Turismois', 'Turismo is'), ('jailuntil', 'jail until')]
    >>> spans(glued_candidates, "WeWork, SoftBank, YouTube, McAleenan, iPhone, Krankenhausreform.",
    ...       ctx)
    []
    """
    known_low, edges = word_sets(ctx)[1:]
    cased = pl.col("w").str.contains(CASED)
    low = lower(pl.col("w"))
    # An uncut word worth an inner split: unknown, or rare but starting or
    # ending with a function word ("ofthe"; a rare word needs
    # zipf(L) + zipf(R) > 9 + 1.5 + SPLIT_MARGIN, so one half >= EDGE_ZIPF);
    # Latin or Cyrillic script only, the scripts of the lexicon languages.
    splittable = (
        (pl.col("w").str.len_chars() >= MIN_PIECE_CHARS)
        & pl.col("w").str.contains(r"^[\p{Latin}\p{Cyrillic}'’]+$")
        & (pl.col("listed").is_null() | low.str.contains(edges))
    )
    # a second pass (``only_words``) reads the lines of a batch's candidates: its
    # own tokens cut the word sets down, whatever their number (word_tests builds
    # Enum tests only for batches of a size where they pay)
    if tests is None:
        n_lines = lines.select(pl.len()).collect(engine="in-memory").item()
        small = n_lines <= SMALL_BATCH_LINES or only_words is not None
        tests = known_here(lines, ctx) if small else word_tests(ctx, n_lines)
    unknown_df, placed = unknown_tokens(lines, tests)
    if unknown_df.is_empty():  # every token a well-known word: nothing to split
        return NO_GLUE.lazy()
    unknown = unknown_df.lazy()  # per distinct line (``li``), placed below
    # decide per distinct token (names and terms recur), then place each occurrence
    distinct = (
        locate_words(words_of(unknown.select("tok").unique()))
        .with_columns(low.alias("low"))
        .collect(engine="in-memory")
    )
    if only_words is not None:
        distinct = distinct.filter(pl.col("w").is_in(only_words.implode()))
    lex = _lexicon_of(ctx, lexicon, lang, probe=distinct.height <= PROBE_MAX_WORDS)
    low_known = tests.known_low
    if low_known is None:
        low_known = pl.col("low").is_in(known_among(distinct["low"], known_low).implode())
    words = distinct.lazy()
    shapes_df = (
        words.join(listed_words(lex, words), on="low", how="left")
        .filter(
            (pl.col("w").str.contains(r"\p{Lo}").not_())
            & (pl.col("w").str.len_chars() <= MAX_GLUED_CHARS)
            & (
                ((pl.col("digits") > 0) & (pl.col("w").str.len_chars() >= 3))
                | (
                    (pl.col("w").str.len_chars() >= MIN_WORD_CHARS)
                    & low_known.not_()
                    # "NATOand", "EUof": capitals then a short word
                    & (cased | splittable | pl.col("w").str.contains(r"^\p{Lu}{2,}\p{Ll}{2,}$"))
                )
            )
        )
        .drop("listed")
        .collect(engine="in-memory")
    )
    if shapes_df.is_empty():  # no candidate has a shape that can be glue
        return NO_GLUE.lazy()
    shapes = shapes_df.lazy()
    live, accepted, word_pieces = _cuttable(shapes, lex)
    cands = token_offsets(
        unknown.join(shapes.join(live, on="w", how="semi"), on="tok")
        .join(placed.lazy(), on="li")
        .drop("li"),
        lines,
    ).with_columns((pl.col("t_off") + pl.col("r_off")).cast(pl.Int32).alias("offset"))
    if judge_repeats:
        repeats = token_repeats(unknown, placed, distinct, live)
        cands = cands.with_columns(repeat_key().alias("key")).join(
            repeats, on=["rid", "key"], how="left"
        )
    cands = cands.collect(engine="in-memory").lazy()
    code = (
        lines.select("rid", "line_no", "s")
        .join(cands.select("rid", "line_no").unique(), on=["rid", "line_no"], how="semi")
        # collected: Polars would push the filters below the join, onto every line
        .collect(engine="in-memory")
        .lazy()
        .filter(pl.col("s").str.contains_any(list(CODE_HINTS)))
        # the regexes on the few lines left only, not under a joint predicate
        .collect(engine="in-memory")
        .lazy()
        # one pattern at a time: their union (with a word boundary) drops
        # Polars' regex engine to its slow path, 30 times slower
        .filter(pl.any_horizontal(pl.col("s").str.contains(p) for p in CODE_LINE))
        .select("rid", "line_no")
    )
    uncovered = uncovered_lines(lines, cands.select("rid", "line_no").unique(), tests)
    cands = (
        cands.join(code, on=["rid", "line_no"], how="anti")
        .join(uncovered, on=["rid", "line_no"], how="left")
        .sort("rid", "line_no", "offset")
        .with_row_index("wid")
        .collect(engine="in-memory")
        .lazy()
    )
    # each occurrence's pieces: its word's, cut above (pieces_of(cands), without cutting again)
    pieces = (
        cands.select("wid", "w").join(word_pieces, on="w")
        .select("wid", *(c for c in word_pieces.collect_schema().names() if c != "w"))
        .collect(engine="in-memory")
        .lazy()
    )
    covered = cands.select(
        "wid",
        "rid",
        "line_no",
        pl.col("covered").fill_null(True),
    )
    inner = (
        inner_splits(pieces.join(covered, on="wid"), lines, lex, accepted)
        .collect(engine="in-memory")
        .lazy()
    )
    digit_cuts = digit_boundaries(pieces, cands, lex).collect(engine="in-memory").lazy()
    cuts = pl.concat([
        pieces.join(inner, on=["wid", "k"]).select(
            "wid", (pl.col("start") + pl.col("p")).alias("pos")
        ),
        boundaries(pieces, inner, lex).select("wid", "pos"),
    ]).collect(engine="in-memory").lazy()  # read twice below (the words flagged, and their fixes)
    # A token written whole more than once in its record is a name or a
    # term ("CloudSimple", "creditshelf", "Sinwar"): never split it. Nor a
    # Title-Case word written in another record of the batch: a name
    # ("Sinwar" in every story of a week). Glue with a case change or in
    # lower case ("NATOand", "inthe") recurs across a site's records too
    # (the scraper joins the same way on every page), so it is judged per
    # record only.
    flagged = pl.concat([cuts.select("wid"), digit_cuts.select("wid")]).unique()
    if judge_repeats:
        flagged = (
            flagged.join(
                cands.select(
                    "wid", "repeats", "records",
                    (pl.col("w").str.contains(r"^\p{Lu}\p{Ll}+$") & (pl.col("num") == ""))
                    .alias("title_case"),
                ),
                on="wid",
            )
            .filter(
                (pl.col("repeats") < REPEATS_NAME)
                & ((pl.col("records") < REPEATS_NAME) | pl.col("title_case").not_())
            )
            .select("wid")
        )
    number = pl.col("num").is_not_null()
    return (
        cands.join(flagged, on="wid", how="semi")
        .join(_with_spaces(cands, cuts.select("wid", "pos")), on="wid", how="left")
        .join(digit_cuts.select("wid", pl.col("pos").alias("at_number")), on="wid", how="left")
        .with_columns(pl.when(pl.col("at_number").is_not_null()).then(pl.col("num")).alias("num"))
        .sort("rid", "line_no", "offset")
        .select(
            pl.col("rid").cast(pl.UInt32),
            pl.col("line_no").cast(pl.Int32),
            pl.when(number).then(pl.col("num") + pl.col("w")).otherwise(pl.col("w")).alias("match"),
            pl.when(number)
            .then(pl.col("num") + " " + pl.col("fix").fill_null(pl.col("w")))
            .otherwise(pl.col("fix"))
            .alias("fix"),
            (pl.col("offset") - pl.when(number).then(pl.col("digits")).otherwise(0))
            .cast(pl.Int32)
            .alias("offset"),
        )
        # collected here, on the in-memory engine (a caller's collect() would take the
        # streaming one, three times the CPU on a query this small)
        .collect(engine="in-memory")
        .lazy()
    )
