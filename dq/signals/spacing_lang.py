"""glued_words in the record's own language: a closed-class word run into a word, words at a quote.

Why: :func:`~dq.signals.spacing_glued.glued_candidates` asks every loaded
word list at once and was tuned on English, so it keeps to splits that hold
in any language: outside English it misses glue whose evidence is in the
record's language alone (``../shared/eval/dev/glued.jsonl``, 2026-12-07: recall
0.71-0.84 in pt, es, ru, de, tr, fr, nb, sv against 0.90 in English). Read
there, the misses are mostly
1. a closed-class word of the language run into a listed word of it, or a
   listed word into one ("enla" -> "en la", "Arsenalhatte" -> "Arsenal
   hatte", "berättaatt" -> "berätta att", "psiquiátricoy" -> "psiquiátrico y"):
   :func:`lang_splits` rule *closed-class*. A closed-class word that also
   begins (or ends) many listed words of its language is a prefix (or a
   suffix) there, not a word glued on ("in|action", "Haus|es", Spanish
   "a|hora"): counted in the word list itself (:func:`glue_words`);
2. two capitalised listed words of the language with no space ("HauseViele",
   "EinigeAnwohner", "SzeneDarunter"): German writes compounds closed with
   one capital, so a capital inside a word starts a second word (rule
   *capital inside*). The tuned rule for English needs a very frequent right
   half ("Hospital|The"), because English brands are written so ("OpenSea");
3. a quotation mark between two letters where a text node ended
   ("besoin»de", "la«retenue»et", "reichen"Dass"), and a headline in capitals run
   into a word ("OPERASYONSoruşturma"): :mod:`dq.signals.spacing_marks`,
   in any language (no word list read).

English records keep the tuned rules alone (:data:`OWN_RULES_LANGS`). What
is found here goes through the same guards as every candidate (name runs,
real words, a token written whole twice in its record is kept).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import polars as pl

from dq.signals._lexicon import CLOSED_COMPOUNDS, closed_class, lexicon_rows
from dq.signals.spacing_marks import _SCHEMA, caps_glue, quote_glue
from dq.signals.spacing_words import _EDGE_PUNCT, CODE_LINE, bare, lower, token_offsets

if TYPE_CHECKING:
    from dq.signals.context import DetectContext

#: Languages whose records are judged by the tuned rules of spacing_splits
#: alone: English glued and camel-case words were what those rules were tuned
#: on (dev FPR 0.047 of a 0.05 budget, 2026-12-07), and English writes brands
#: of two capitalised words ("WeWork", "YouTube").
OWN_RULES_LANGS: Final = frozenset({"en"})
#: A closed-class word that begins (ends) more listed words of its language
#: than this, each the word plus a listed word of AFFIX_REST_CHARS letters or
#: more, is a prefix (suffix) there ("in|action", "Haus|es"), as in
#: :func:`dq.signals._lexicon.glue_tails` (same counts, read 2026-12-07).
AFFIX_WORDS_MAX: Final = 3
AFFIX_REST_CHARS: Final = 4
#: The longest token read for glue in its own language: as ``glued_words``' own
#: ``MAX_GLUED_CHARS`` (two words run together are far shorter), and every split
#: point of a token is a row holding both halves, so a 65,536-letter token (the
#: bad-input matrix's ``long_token``) would cost gigabytes.
LANG_SPLIT_MAX_CHARS: Final = 64
#: Version of the cached glue-word table's layout.
GLUE_WORDS_FORMAT: Final = 1
#: The listed words counted (and the listed half of a split): zipf >= 3, a word
#: met once in a million (spacing_splits.PART_ZIPF).
LISTED_ZIPF: Final = 3.0
#: A split of a listed word must beat it by this margin in log10 odds
#: (spacing_splits.SPLIT_MARGIN: "ofthe" 2.8; Spanish "enla" 3.3, listed at 2.75).
SPLIT_MARGIN: Final = 2.0
#: Shortest half of a *capital inside* split ("Ort|Schwere"), and of the
#: non-closed-class half of a *closed-class* split ("Mai|kommen", "en|la").
CAP_PART_CHARS: Final = 3
OTHER_PART_CHARS: Final = 2
#: Shortest closed-class word glued on at the right of a lower-case token: a letter
#: there is an elided article or a unit more often ("ridicule|d": French "d'").
CLOSED_RIGHT_CHARS: Final = 2
#: A token listed this often (zipf) in another language than the one splitting it is
#: that language's word (wordfreq's lists hold loanwords: "groundbreaking" in French).
OTHER_WORD_ZIPF: Final = 2.0
#: Shortest half of a split of two listed words in a language that writes
#: compounds open (not _lexicon.CLOSED_COMPOUNDS): "miembros|reclaman",
#: "Некоторые|стремятся"; the prefixes of those languages that form one word
#: are shorter or guarded (spacing_romance.PREFIXES).
OPEN_PART_CHARS: Final = 5
#: A token this rule set reads: letters only, lower case or one capital first,
#: at most one capitalised word after it.
_SHAPE: Final = r"^\p{Lu}?\p{Ll}+(?:\p{Lu}\p{Ll}+)?$"
_INNER_CAP: Final = r"\p{Ll}\p{Lu}"
_TITLE: Final = r"^\p{Lu}\p{Ll}+$"

def glue_words(ctx: DetectContext) -> pl.DataFrame:
    """``word, lang, left, right``: the closed-class words of each language, and the
    length a word glued to them must exceed for the pair to be glue, not one word.

    ``left`` (``right``): the AFFIX_WORDS_MAX + 1-th longest listed word that
    follows (precedes) the closed-class word inside a listed word of the
    language (null: there are no more than AFFIX_WORDS_MAX such words). So
    "in" + "action" is no glue in English ("in|action", "in|come", ... are
    listed words), Spanish "y" after "psiquiátrico" is (no listed word ends in
    "y" after a listed word that long: "esto|y"), and "und" before anything is.
    Kept in ``ctx``'s cache folder next to the lexicon (~1.5 s CPU to build).

    >>> from dq.signals.context import DetectContext
    >>> g = glue_words(DetectContext())
    >>> pick = lambda w, l: g.filter((pl.col("word") == w) & (pl.col("lang") == l)).rows()
    >>> pick("und", "de"), pick("in", "en")[0][2] > 5, pick("y", "es")[0][3] < 10
    ([('und', 'de', None, 3)], True, True)
    """
    frame: pl.DataFrame = ctx.cached("glued.lang_glue_words", lambda: _cached_glue_words(ctx))
    return frame


def _build_glue_words(lex: pl.DataFrame) -> pl.DataFrame:
    cc = closed_class(lex.filter(pl.col("zipf") >= 5.0).select("word", "lang", "zipf"))
    words = lex.filter(pl.col("zipf") >= LISTED_ZIPF).select("word", "lang")
    n = pl.col("word").str.len_chars()
    counts = []
    for k in sorted(set(cc["word"].str.len_chars().to_list())):
        long = words.filter(n >= k + 2)
        for side, fw, rest in (
            ("left", pl.col("word").str.slice(0, k), pl.col("word").str.slice(k)),
            ("right", pl.col("word").str.slice(-k), pl.col("word").str.slice(0, n - k)),
        ):
            counts.append(
                long.select("lang", fw.alias("fw"), rest.alias("rest"))
                .join(cc, left_on=["fw", "lang"], right_on=["word", "lang"], how="semi")
                .join(words, left_on=["rest", "lang"], right_on=["word", "lang"], how="semi")
                .join(cc, left_on=["rest", "lang"], right_on=["word", "lang"], how="anti")
                .group_by(pl.col("fw").alias("word"), "lang")
                .agg(
                    pl.col("rest").str.len_chars().sort(descending=True)
                    .get(AFFIX_WORDS_MAX, null_on_oob=True).cast(pl.Int32).alias("kth")
                )
                .with_columns(pl.lit(side).alias("side"))
            )
    kth = pl.concat(counts)
    return cc.select("word", "lang").join(
        kth.filter(pl.col("side") == "left").select("word", "lang", pl.col("kth").alias("left")),
        on=["word", "lang"], how="left",
    ).join(
        kth.filter(pl.col("side") == "right").select("word", "lang", pl.col("kth").alias("right")),
        on=["word", "lang"], how="left",
    )


def _cached_glue_words(ctx: DetectContext) -> pl.DataFrame:
    """:func:`_build_glue_words` of ``ctx``'s lexicon, kept in its cache folder."""
    from dq.signals._lexicon import lexicon_key
    from dq.signals._shared import cached_frame

    facts = [GLUE_WORDS_FORMAT, lexicon_key(ctx.languages), AFFIX_WORDS_MAX, LISTED_ZIPF]
    return cached_frame(ctx.cache_dir, "glue-words", facts,
                        lambda: _build_glue_words(ctx.lexicon()))


def listed_words(ctx: DetectContext) -> pl.Series:
    """The distinct words of ``ctx``'s lexicon listed at LISTED_ZIPF or more, sorted (kept
    in ``ctx``'s cache folder: 0.45 s CPU to build, ~0.03 s to read)."""

    def build() -> pl.Series:
        from dq.signals._lexicon import lexicon_key
        from dq.signals._shared import cached_frame

        facts = [GLUE_WORDS_FORMAT, lexicon_key(ctx.languages), LISTED_ZIPF]
        return cached_frame(
            ctx.cache_dir, "listed-words", facts,
            lambda: ctx.lexicon().filter(pl.col("zipf") >= LISTED_ZIPF)
            .select(pl.col("word").unique().sort()),
        )["word"]

    words: pl.Series = ctx.cached("glued.lang_listed_words", build)
    return words


def _among(values: pl.Series, words: pl.Series) -> pl.Series:
    """Which of ``values`` are among ``words`` (sorted), by binary search.

    >>> _among(pl.Series(["b", "c", "zz"]), pl.Series(["a", "b", "z"])).to_list()
    [True, False, False]
    """
    if words.is_empty():
        return pl.Series([False] * values.len())
    i = words.search_sorted(values).clip(0, words.len() - 1)
    return (words.gather(i) == values).fill_null(False)


def lang_splits(words: pl.Series, ctx: DetectContext) -> pl.DataFrame:
    """``w, lang, fix``: the tokens of ``words`` that a rule of the module doc splits in
    ``lang``, with their split (one per token and language, the likeliest).

    >>> from dq.signals.context import DetectContext
    >>> ws = pl.Series(["enla", "psiquiátricoy", "HauseViele", "oCalendário", "miembrosreclaman",
    ...                 "Krankenhausreform", "Liebesaus", "RheinlandCard", "микрозелени",
    ...                 "inaction", "iPhone", "iStock", "groundbreaking", "ridiculed"])
    >>> sorted(lang_splits(ws, DetectContext()).filter(pl.col("lang") != "nl").rows())
    ... # doctest: +NORMALIZE_WHITESPACE
    [('HauseViele', 'de', 'Hause Viele'), ('enla', 'es', 'en la'),
     ('miembrosreclaman', 'es', 'miembros reclaman'), ('oCalendário', 'pt', 'o Calendário')]
    """
    schema = {"w": pl.String, "lang": pl.String, "fix": pl.String}
    w = words.to_frame("w").unique().filter(
        pl.col("w").str.contains(_SHAPE)
        & pl.col("w").str.len_chars().is_between(4, LANG_SPLIT_MAX_CHARS)
    )
    if w.is_empty():
        return pl.DataFrame(schema=schema)
    n = pl.col("w").str.len_chars()
    inner = pl.col("w").str.contains(_INNER_CAP)
    cap_at = pl.col("w").str.find(_INNER_CAP) + 1
    splits = (
        w.with_columns(
            lower(pl.col("w")).alias("low"),
            inner.alias("inner"),
            pl.when(inner).then(pl.concat_list(cap_at.cast(pl.Int64)))
            .otherwise(pl.int_ranges(1, n, dtype=pl.Int64)).alias("p"),
        )
        .explode("p")
        .with_columns(
            pl.col("low").str.slice(0, pl.col("p")).alias("a"),
            pl.col("low").str.slice(pl.col("p")).alias("b"),
        )
    )
    # every rule needs both halves listed (LISTED_ZIPF) in some language: tested by binary
    # search in the sorted listed words first, so the lexicon is read for those only
    listed = listed_words(ctx)
    # only the cuts a rule can take: at a capital, beside a closed-class word, or
    # between two halves of OPEN_PART_CHARS (a hash join on 600 words, then the searches)
    cc = glue_words(ctx).select(pl.col("word").unique())
    splits = splits.filter(
        pl.col("inner") | pl.col("a").is_in(cc["word"].implode())
        | pl.col("b").is_in(cc["word"].implode())
        | ((pl.col("a").str.len_chars() >= OPEN_PART_CHARS)
           & (pl.col("b").str.len_chars() >= OPEN_PART_CHARS))
    )
    # the right halves searched for the splits whose left half is listed only
    splits = splits.filter(_among(splits["a"], listed))
    splits = splits.filter(_among(splits["b"], listed))
    if splits.is_empty():
        return pl.DataFrame(schema=schema)
    keys = pl.concat([splits["a"], splits["b"], splits["low"]])
    rows = lexicon_rows(ctx.lexicon(), keys).select("word", "lang", "zipf")
    english = rows.filter(pl.col("lang") == "en").select("word", "zipf")
    # the token is a word of another language, as written: a loanword, not glue
    # ("groundbreaking", "unattractive" in a French record; "ridiculed" is no "ridicule|d")
    elsewhere = rows.filter(pl.col("zipf") >= OTHER_WORD_ZIPF).select(
        pl.col("word").alias("low"), pl.col("lang").alias("other"))
    rows = rows.filter(~pl.col("lang").is_in(sorted(OWN_RULES_LANGS)))
    starts = prefix_counts(splits["a"].filter(splits["a"].str.len_chars() >= OPEN_PART_CHARS),
                           listed)
    glue = glue_words(ctx)
    x = (
        splits.join(rows.rename({"word": "a", "zipf": "za"}), on="a")
        .join(rows.rename({"word": "b", "zipf": "zb"}), on=["b", "lang"])
        .join(rows.rename({"word": "low", "zipf": "zw"}), on=["low", "lang"], how="left")
        .join(english.rename({"word": "a", "zipf": "ea"}), on="a", how="left")
        .join(english.rename({"word": "b", "zipf": "eb"}), on="b", how="left")
        .join(starts, on="a", how="left")
        .join(glue.select(pl.col("word").alias("a"), "lang", pl.lit(True).alias("ca"),
                          pl.col("left").alias("ka")), on=["a", "lang"], how="left")
        .join(glue.select(pl.col("word").alias("b"), "lang", pl.lit(True).alias("cb"),
                          pl.col("right").alias("kb")), on=["b", "lang"], how="left")
    )
    la, lb = pl.col("a").str.len_chars(), pl.col("b").str.len_chars()
    ca, cb = pl.col("ca").fill_null(False), pl.col("cb").fill_null(False)
    closed = pl.col("lang").is_in(sorted(CLOSED_COMPOUNDS))
    # a closed-class word and a listed word longer than any it forms words with; in a
    # language that writes compounds closed, one that ends no more than AFFIX_WORDS_MAX
    # words after a head of AFFIX_REST_CHARS letters (as _lexicon.glue_tails:
    # "Liebes|aus", "Rezension|ist" are words there) and begins no more than
    # AFFIX_WORDS_MAX at all ("Nicht|einbeziehung", "Nicht|verantwortung" are words)
    glues_a = pl.when(closed).then(pl.col("ka").is_null()).otherwise(
        lb > pl.col("ka").fill_null(0))
    glues_b = pl.when(closed).then(pl.col("kb").fill_null(0) < AFFIX_REST_CHARS).otherwise(
        la > pl.col("kb").fill_null(0))
    closed_word = (
        (ca & glues_a & (pl.col("zb") >= LISTED_ZIPF) & (lb >= OTHER_PART_CHARS))
        | (cb & glues_b & (pl.col("za") >= LISTED_ZIPF) & (la >= OTHER_PART_CHARS)
           & (lb >= CLOSED_RIGHT_CHARS))
    )
    # two closed-class words ("en|la", "Mais|si"), prefixes or not
    two_closed = ca & cb
    capital_inside = pl.col("inner") & (pl.col("zb") >= LISTED_ZIPF) & (
        # two words of the language, each more its own than English ("Hause|Viele",
        # "antall|Det"; "Rheinland|Card", "Google|News", "page|Title" are names and
        # identifiers made in English)
        ((la >= CAP_PART_CHARS) & (lb >= CAP_PART_CHARS)
         & (pl.col("za") >= LISTED_ZIPF) & (pl.col("za") > pl.col("ea").fill_null(0.0))
         & (pl.col("zb") > pl.col("eb").fill_null(0.0)))
        # a closed-class word before or after a capital ("o|Calendário",
        # "samarbejde|I": no compound holds a capital inside)
        # and the other word more the language's own than English ("i|Stock" is a brand)
        | (ca & (pl.col("zb") > pl.col("eb").fill_null(0.0)))
        | (cb & (pl.col("za") >= LISTED_ZIPF) & (pl.col("za") > pl.col("ea").fill_null(0.0)))
    )
    # two long listed words in a language that writes compounds open
    # ("miembros|reclaman"), the first no prefix ("микро|зелени": PREFIX_WORDS_MAX)
    open_pair = (
        closed.not_()
        & (la >= OPEN_PART_CHARS) & (lb >= OPEN_PART_CHARS)
        & (pl.col("za") >= LISTED_ZIPF) & (pl.col("zb") >= LISTED_ZIPF)
        & pl.col("zw").is_null()
        & (pl.col("starts").fill_null(0) <= AFFIX_WORDS_MAX)
    )
    beats_whole = pl.col("zw").is_null() | (
        pl.col("za") + pl.col("zb") - 9.0 - pl.col("zw") >= SPLIT_MARGIN
    )
    found = x.filter((closed_word | two_closed | capital_inside | open_pair) & beats_whole)
    loan = found.join(elsewhere, on="low").filter(pl.col("other") != pl.col("lang"))
    return (
        found.join(loan.select("w", "lang").unique(), on=["w", "lang"], how="anti")
        .sort(["w", "lang", pl.col("za") + pl.col("zb")], descending=[False, False, True])
        .unique(["w", "lang"], keep="first", maintain_order=True)
        .select(
            "w", "lang",
            (pl.col("w").str.slice(0, pl.col("p")) + " " + pl.col("w").str.slice(pl.col("p")))
            .alias("fix"),
        )
    )


def prefix_counts(heads: pl.Series, words: pl.Series) -> pl.DataFrame:
    """``a, starts``: how many of ``words`` (sorted, distinct or not) are one of ``heads``
    then another of ``words`` of AFFIX_REST_CHARS letters or more: a head that begins
    many such is a prefix ("микро|район", "auto|bahn"), not a word glued on.

    >>> words = pl.Series(sorted(["auto", "autobahn", "bahn", "automobile", "mobile",
    ...                           "miembros", "miembrosos"]))
    >>> prefix_counts(pl.Series(["auto", "miembros"]), words).rows()
    [('auto', 2), ('miembros', 0)]
    """
    q = heads.unique().sort()
    lo = words.search_sorted(q, side="left")
    hi = words.search_sorted(q + "\U0010ffff", side="left")
    spans = pl.DataFrame({"a": q, "lo": lo, "hi": hi})
    rows = spans.with_columns(pl.int_ranges("lo", "hi").alias("i")).explode("i").drop_nulls("i")
    if rows.is_empty():
        return spans.select("a", pl.lit(0, pl.UInt32).alias("starts"))
    rows = rows.with_columns(
        words.gather(rows["i"].cast(pl.UInt32)).str.slice(rows["a"].str.len_chars()).alias("rest")
    ).filter(pl.col("rest").str.len_chars() >= AFFIX_REST_CHARS)
    listed = lexicon_rows(words.to_frame("word"), rows["rest"])["word"]
    counts = (
        rows.filter(pl.col("rest").is_in(listed.implode()))
        .unique(["a", "rest"])
        .group_by("a").agg(pl.len().cast(pl.UInt32).alias("starts"))
    )
    return (
        spans.select("a").join(counts, on="a", how="left")
        .with_columns(pl.col("starts").fill_null(0)).sort("a")
    )


def lang_glue(
    unknown: pl.DataFrame, placed: pl.DataFrame, lines: pl.LazyFrame, ctx: DetectContext
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The candidates of this module on a batch: ``(words, quotes)``.

    ``unknown``, ``placed``: the batch's unknown tokens and where each distinct
    line occurs (:func:`~dq.signals.spacing_known.unknown_tokens`). ``words``:
    ``rid, line_no, offset, match, fix, lang`` (the language whose words split
    it: kept only in a record of that language); ``quotes``: ``rid, line_no,
    offset, match, fix, fix_suffixing, caps``, any language (:mod:`.spacing_marks`:
    :func:`caps_glue`, ``caps``, outside :data:`OWN_RULES_LANGS`). A token written
    twice in its record (a name, a term), or Title-Case in two records, is no
    candidate of ``words``.
    """
    toks = unknown.with_columns(bare(pl.col("tok")).alias("w"))
    splits = lang_splits(toks["w"], ctx)
    caps = caps_glue(unknown, placed, lines)
    quotes = pl.concat([
        quote_glue(unknown, placed, lines).with_columns(pl.lit(False).alias("caps")),
        caps.with_columns(pl.col("fix").alias("fix_suffixing"), pl.lit(True).alias("caps")),
    ])
    if splits.is_empty():
        return pl.DataFrame(schema={**_SCHEMA, "lang": pl.String}), quotes
    # the occurrences of the tokens split only (each count below is per token)
    occ = toks.join(splits.select("w").unique(), on="w", how="semi").join(placed, on="li")
    per_record = occ.group_by("rid", "w").agg(pl.len().alias("n"))
    records = occ.group_by("w").agg(pl.col("rid").n_unique().alias("records"))
    cands = (
        occ.join(splits.select("w").unique(), on="w", how="semi")
        .join(per_record, on=["rid", "w"])
        .join(records, on="w")
        .filter(
            (pl.col("n") < 2)
            & ((pl.col("records") < 2) | pl.col("w").str.contains(_TITLE).not_())
        )
    )
    lead = (pl.col("tok").str.len_chars()
            - pl.col("tok").str.strip_chars_start(_EDGE_PUNCT).str.len_chars())
    # The candidates' lines only, collected first (as spacing_place does): in one
    # query Polars ran the code patterns on every line of the batch before the join.
    # Measured 2026-12-08, bench_detect's 200 MB: 0.63 -> 0.04 CPU s (the two collects).
    mine = lines.join(cands.select("rid", "line_no").unique().lazy(), on=["rid", "line_no"],
                      how="semi").select("rid", "line_no", "s").collect().lazy()
    code = mine.filter(
        pl.any_horizontal(pl.col("s").str.contains(p) for p in CODE_LINE)
    ).select("rid", "line_no")
    words = (
        token_offsets(cands.lazy().select("rid", "line_no", "k", "tok", "w"), mine)
        .join(code, on=["rid", "line_no"], how="anti")
        .join(splits.lazy(), on="w")
        .select(
            pl.col("rid").cast(pl.UInt32), pl.col("line_no").cast(pl.Int32),
            (pl.col("t_off") + lead).cast(pl.Int32).alias("offset"),
            pl.col("w").alias("match"), "fix", "lang",
        )
        .collect()
    )
    return words, quotes
