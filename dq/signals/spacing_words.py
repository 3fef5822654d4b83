"""Words for :mod:`dq.signals.spacing_glued`: tokens, letter runs and their pieces.

Why a module of its own: finding the few words worth a lexicon look-up is
most of the cost of ``glued_words`` on a large corpus, so this is the hot
path; everything here is a Polars expression or join, and the known-word
test runs before anything costly (offsets, run splitting, lower-casing).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import polars as pl

if TYPE_CHECKING:
    from dq.signals._lexicon import Lexicon
    from dq.signals.context import DetectContext

# Thresholds calibrated with those in spacing_splits (same data, same date).

#: Shortest letter run looked at ("Xito" is the shortest dev positive).
MIN_WORD_CHARS: Final = 4
#: Shortest piece tried for an inner split ("inthe", "tothe" are 5).
MIN_PIECE_CHARS: Final = 5
#: Shortest half of an inner split; one-letter halves ("a", "e") make too
#: many real words look glued ("atypical", "eMail").
MIN_PART_CHARS: Final = 2
#: A rare word (in a word list, below KNOWN_ZIPF) is tried only if it starts
#: or ends with a word this frequent: a listed word has zipf >= 1.0
#: (LEXICON_MIN_ZIPF), so with SPLIT_MARGIN 2 its halves need
#: zipf(L) + zipf(R) > 9 + 1.0 + 2 = 12, and the larger is at least 6.0.
EDGE_ZIPF: Final = 6.0
#: A word at least this frequent (zipf, any language) is a word, not glue.
#: Below it the relative test decides ("ofthe" is a known typo at 3.33).
KNOWN_ZIPF: Final = 3.5
#: A capitalised word before a case change must be this long: shorter ones
#: are name and brand prefixes ("Mc|Donald", "We|Work", "Mac|Book", "Tex|Auto").
CAP_LEFT_CHARS: Final = 4

#: A line is treated as written in a closed-compound language (German...)
#: when at least this share of its known words are most frequent there; its
#: pieces then split only into two function words.
CLOSED_LINE_SHARE: Final = 0.5
#: White-space tokens never looked at: URLs, e-mail, handles, paths, code,
#: domains, and words hyphenated with soft hyphens (U+00AD: "Schutz­aus­rüs­tun­gen"
#: is one word with its syllables marked, whatever its pieces look like).
NOT_WORDS: Final = r"://|www\.|@|_|/|\\|=|[<>{}|#&`\u00ad]|\p{L}\.\p{Ll}"
#: Lines that look like code (any pattern): words there are identifiers.
CODE_LINE: Final = (
    r"[{};]\s*$|\(\)|=>|[=!]==?|&&|\|\||</?[A-Za-z]+>",
    # a declaration, not the word: Norwegian, Swedish, Danish "var" is "was", and
    # "import" an English verb ("Nordmann dømt til livstid ... som var lederen")
    r"(?:^|[\s;{])(?:var|const|let)\s+[A-Za-z_$][\w$]*\s*(?:=|;|,|$)",
    r"(?:^|\s)def\s+\w+\s*\(",
    r"^\s*(?:from\s+[\w.]+\s+)?import\s+[\w.*{}, ]+;?\s*$",
    r"[a-z_][A-Za-z0-9_]*\.[a-z_][A-Za-z0-9_]*\(",
)
#: Literals one of which every CODE_LINE match holds (a cheap prefilter:
#: most lines hold none, and need no regex).
CODE_HINTS: Final = (
    "{", "}", ";", "(", "=>", "==", "!=", "&&", "||", "<", "var", "const", "let", "def", "import",
)
#: A case change or a contraction followed by a letter: where pieces are cut.
CASED: Final = r"\p{Ll}\p{Lu}|['’](?:s|ve|ll|re|d|m|t)\p{L}"
_SEP: Final = "\x1f"
_CASE_CUT: Final = r"(\p{Ll})(\p{Lu})"
_CONTRACTION_CUT: Final = r"(\p{L}['’](?:s|ve|ll|re|d|m|t))(\p{L})"


def lower(expr: pl.Expr) -> pl.Expr:
    return expr.str.to_lowercase().str.replace_all("’", "'", literal=True)


def offsets(parts: pl.Expr) -> pl.Expr:
    """Character offset of each string in a list produced by splitting on one character."""
    step = pl.element().str.len_chars().cast(pl.Int32) + 1
    return parts.list.eval(step.cum_sum() - step)


def max_zipf(lex: Lexicon, keys: pl.LazyFrame, key: str, out: str) -> pl.LazyFrame:
    """``keys`` (unique strings in column ``key``) with their highest zipf over languages."""
    return (
        keys.join(lex.rows(keys, key).select("word", "zipf"), left_on=key, right_on="word")
        .group_by(key)
        .agg(pl.col("zipf").max().alias(out))
    )


#: Punctuation stripped from a token's ends before the fast known-word test.
_EDGE_PUNCT: Final = ".,;:!?\"'()[]{}“”‘’«»…*–—-"


def tokens_of(lines: pl.LazyFrame) -> pl.LazyFrame:
    """White-space tokens that may have MIN_WORD_CHARS characters: ``rid, line_no, k, tok``.

    ``k`` is the token's index in ``s.split(" ")`` (:func:`token_offsets`
    turns it into a character offset, for the few tokens that need one).
    The length test counts bytes, a cheap superset of the tokens with
    MIN_WORD_CHARS characters or more: callers that need the exact set
    filter the (much smaller) rows they keep with :func:`long_enough`.
    """
    tok = pl.col("s").str.split(" ")
    return (
        lines.select(
            "rid",
            "line_no",
            pl.int_ranges(0, tok.list.len(), dtype=pl.Int32).alias("k"),
            tok.alias("tok"),
        )
        .explode(["k", "tok"])
        .filter(pl.col("tok").str.len_bytes() >= MIN_WORD_CHARS)
    )


def long_enough(tok: pl.Expr) -> pl.Expr:
    """The token has MIN_WORD_CHARS characters or more (the exact test after :func:`tokens_of`)."""
    return tok.str.len_chars() >= MIN_WORD_CHARS


def token_offsets(tokens: pl.LazyFrame, lines: pl.LazyFrame) -> pl.LazyFrame:
    """``tokens`` (``rid, line_no, k, ...``) with ``t_off``: where token ``k`` starts in ``s``.

    The tokens before it and one separator each: computed per token asked
    for (a few candidates), not as a running total over every token.

    >>> lines = pl.LazyFrame({"rid": [0], "line_no": [1], "s": ["a bé  cd"]})
    >>> toks = pl.LazyFrame({"rid": [0, 0, 0], "line_no": [1, 1, 1], "k": [0, 1, 3]})
    >>> token_offsets(toks, lines).collect().sort("k")["t_off"].to_list()  # rows in any order
    [0, 2, 6]
    """
    k = pl.col("k")
    before = pl.col("s").str.split(" ").list.head(k).list.join(" ").str.len_chars()
    keys = ["rid", "line_no"]
    # The tokens' lines first (a semi-join on the few keys), then the left join:
    # the same rows, without a hash table over every line of the batch.
    theirs = lines.select(*keys, "s").join(tokens.select(keys).unique(), on=keys, how="semi")
    return tokens.join(theirs, on=keys, how="left").with_columns(
        (before + pl.when(k > 0).then(1).otherwise(0)).cast(pl.Int32).alias("t_off")
    ).drop("s")


def bare(tok: pl.Expr) -> pl.Expr:
    """The token without its edge punctuation, for the known-word test that
    drops most tokens before anything costlier is done."""
    return tok.str.strip_chars(_EDGE_PUNCT)


def words_of(tokens: pl.LazyFrame) -> pl.LazyFrame:
    """Letter runs of distinct (unknown) tokens: ``tok, w, r_off``.

    ``r_off`` is where the run starts in the token, for tokens holding
    several runs ("house,wateris") and null for the others (most), where
    :func:`locate_words` computes it. Tokens that are URLs, e-mail, handles
    or code (:data:`NOT_WORDS`) have no runs.
    """
    toks = tokens.filter(pl.col("tok").str.contains(NOT_WORDS).not_()).with_columns(
        pl.col("tok").str.replace_all(r"[^\p{L}'’]+", " ").str.strip_chars(" ").alias("runs")
    )
    several = pl.col("runs").str.contains(" ", literal=True)
    single = toks.filter(several.not_()).select(
        "tok",
        pl.col("runs").str.strip_chars("'’").alias("w"),
        pl.lit(None, pl.Int32).alias("r_off"),
    )
    split = (
        toks.filter(several)
        .with_columns(pl.col("tok").str.replace_all(r"[^\p{L}'’]", " ").str.split(" ").alias("run"))
        .with_columns(offsets(pl.col("run")).alias("r_off"))
        .explode(["run", "r_off"])
        .select(
            "tok",
            pl.col("run").str.strip_chars("'’").alias("w"),
            (
                pl.col("r_off")
                + pl.col("run").str.len_chars()
                - pl.col("run").str.strip_chars_start("'’").str.len_chars()
            ).cast(pl.Int32).alias("r_off"),
        )
    )
    return pl.concat([single, split]).filter(pl.col("w").str.len_chars() >= 3)


def locate_words(words: pl.LazyFrame) -> pl.LazyFrame:
    """Fill ``r_off`` (where ``w`` starts in its token) and add ``num`` (a number or
    score glued before ``w``: "2019" in "2019The", "" if none, not in "my6sense")
    and ``digits`` (its length)."""
    lead = pl.col("tok").str.extract(r"^([^\p{L}'’]*)", 1).str.len_chars()
    run_lead = pl.col("tok").str.slice(lead).str.extract(r"^(['’]*)", 1).str.len_chars()
    r_off = pl.coalesce(pl.col("r_off"), (lead + run_lead).cast(pl.Int32))
    return (
        words.with_columns(r_off.alias("r_off"))
        .with_columns(
            pl.col("tok")
            .str.slice(0, pl.col("r_off"))
            # the number must touch the word: "1975'den", "90's" are a
            # number with a suffix, and ``match`` is ``num + w`` verbatim
            .str.extract(r"(?:^|[^\p{L}0-9])((?:[0-9]+[-–])?[0-9]+)$", 1)
            .fill_null("")
            .alias("num"),
        )
        .with_columns(pl.col("num").str.len_chars().cast(pl.Int32).alias("digits"))
    )


def pieces_of(cands: pl.LazyFrame) -> pl.LazyFrame:
    """Cut candidate words into pieces (see :func:`_word_pieces`).

    Columns: ``wid, k, piece, low, start, m, caps, tail, merged, contraction``.

    Each distinct word is cut once (names and terms recur), then the pieces
    are placed at each of its occurrences.
    """
    # collected: ``unique`` has no fixed order, the ids must agree below
    words = cands.select("w").unique().with_row_index("xid").collect().lazy()
    per_word = _word_pieces(words.select(pl.col("xid").alias("wid"), "w"))
    columns = per_word.collect_schema().names()
    return (
        cands.select("wid", "w")
        .join(words, on="w")
        .join(per_word.rename({"wid": "xid"}), on="xid")
        .select(columns)
    )


def _word_pieces(cands: pl.LazyFrame) -> pl.LazyFrame:
    """Cut words (``wid, w``) into pieces.

    Columns: ``wid, k, piece, low, start, m, caps, tail, merged, contraction``.

    ``caps``/``tail``: lengths of the leading upper-case and trailing
    lower-case runs; ``merged``: the piece joins a short prefix back on
    ("McDonald", "iPhone"). Words without a cut (most) skip the window work.
    """
    cut = (
        pl.col("w")
        .str.replace_all(_CASE_CUT, "${1}" + _SEP + "${2}")
        .str.replace_all(_CONTRACTION_CUT, "${1}" + _SEP + "${2}")
        .str.split(_SEP)
    )
    m = pl.col("piece").str.len_chars().cast(pl.Int32)
    contraction = pl.col("piece").str.contains(r"['’](?:s|ve|ll|re|d|m|t)$")
    prev_m = pl.col("m").shift(1).over("wid")
    prev_upper = pl.col("upper").shift(1).over("wid")
    prev_contraction = pl.col("contraction").shift(1).over("wid")
    short_prefix = prev_contraction.not_() & (
        (prev_upper.not_() & (prev_m < MIN_PART_CHARS))
        | (prev_upper & (prev_m < CAP_LEFT_CHARS))
    )
    cased = pl.col("w").str.contains(CASED)
    whole = cands.filter(cased.not_()).select(
        "wid",
        pl.lit(0, pl.Int32).alias("k"),
        pl.col("w").alias("piece"),
        pl.lit(0, pl.Int32).alias("start"),
        pl.lit(False).alias("merged"),
        pl.lit(False).alias("contraction"),
    )
    cut_up = (
        cands.filter(cased)
        .select("wid", cut.alias("piece"))
        .with_columns(pl.int_ranges(0, pl.col("piece").list.len(), dtype=pl.Int32).alias("k"))
        .explode(["piece", "k"])
        .with_columns(
            m.alias("m"),
            pl.col("piece").str.contains(r"^\p{Lu}").alias("upper"),
            contraction.alias("contraction"),
        )
        .with_columns(
            (pl.col("m").cum_sum().over("wid") - pl.col("m")).cast(pl.Int32).alias("start"),
            ((pl.col("k") == 0) | short_prefix.fill_null(True).not_()).alias("new"),
        )
        .with_columns((pl.col("new").cast(pl.Int32).cum_sum().over("wid") - 1).alias("k"))
        .group_by("wid", "k")
        .agg(
            pl.col("piece").str.join(""),
            pl.col("start").min(),
            (pl.len() > 1).alias("merged"),
            pl.col("contraction").last(),
        )
    )
    return pl.concat([whole, cut_up.select(whole.collect_schema().names())]).with_columns(
        m.alias("m"),
        pl.col("piece").str.extract(r"^(\p{Lu}*)", 1).str.len_chars().cast(pl.Int32).alias("caps"),
        pl.col("piece").str.extract(r"([\p{Ll}'’]*)$", 1).str.len_chars().cast(pl.Int32)
        .alias("tail"),
        lower(pl.col("piece")).alias("low"),
    )


def word_sets(ctx: DetectContext) -> tuple[pl.Series, pl.Series, str]:
    """Cached per context: words known well (>= KNOWN_ZIPF) as written in text
    (lower-case and capitalised) and lower-case, and a regex for a function
    word (>= EDGE_ZIPF) at either end of a word.

    Whether a word is listed at all is asked per run of the few candidate
    words (:func:`listed_words`), not precomputed: the distinct words of
    the whole lexicon cost a second to build."""

    def build() -> tuple[pl.Series, pl.Series, str]:
        from dq.signals._lexicon import lexicon_key
        from dq.signals._shared import cached_frame

        # kept on disk: a batch whose tokens are all well-known words (a small
        # scan) then never reads the 3.9 M-row lexicon (0.26 s) nor builds these (0.17 s)
        facts = [_SETS_LAYOUT, lexicon_key(ctx.languages), KNOWN_ZIPF, EDGE_ZIPF]
        sets = cached_frame(ctx.cache_dir, "wordsets", facts, lambda: _word_sets(ctx.lexicon()))
        kind = pl.col("kind")
        known_low, known, function = (sets.filter(kind == k)["word"] for k in range(3))
        alt = "|".join(re.escape(w) for w in function) or r"[^\s\S]"  # none: matches nothing
        return known, known_low, f"^(?:{alt})|(?:{alt})$"

    sets: tuple[pl.Series, pl.Series, str] = ctx.cached("glued_words.sets", build)
    return sets


#: Bump when :func:`_word_sets` changes what it returns (the cached file's key).
_SETS_LAYOUT: Final = 1


def _word_sets(lex: pl.DataFrame) -> pl.DataFrame:
    """``word, kind``: the well-known lower-case words (``kind`` 0), those as written in
    text (1), and the function words, longest first (2), of the lexicon ``lex``."""
    known_low = lex.filter(pl.col("zipf") >= KNOWN_ZIPF)["word"].unique()
    known = pl.concat([known_low, known_low.str.to_titlecase()]).unique()
    frequent = lex.filter(pl.col("zipf") >= EDGE_ZIPF)["word"]
    function = sorted(
        frequent.filter(frequent.str.contains(r"^\p{L}{2,}$")).unique().to_list(),
        key=lambda w: (-len(w), w),
    )
    parts = [(known_low, 0), (known, 1), (pl.Series(function, dtype=pl.String), 2)]
    return pl.concat([
        pl.DataFrame({"word": words, "kind": pl.Series([k] * len(words), dtype=pl.UInt8)})
        for words, k in parts
    ])


def known_among(values: pl.Series, known: pl.Series) -> pl.Series:
    """The words of ``known`` that are among ``values``: for testing those values,
    as good as ``known`` and much smaller.

    Why: ``is_in`` hashes its whole set each time it runs (~9 ms for the
    180k well-known words); hashing a small batch's few hundred values and
    probing ``known`` with them costs ~1 ms (measured 2026-11, Polars 2.1).

    >>> known_among(pl.Series(["tea", "xq", "tea"]), pl.Series(["the", "tea", "of"])).to_list()
    ['tea']
    """
    return known.filter(known.is_in(values.implode()))


def word_enum(words: pl.Series) -> pl.Enum:
    """``words`` as the categories of an Enum: what :func:`among` tests against.

    >>> word_enum(pl.Series(["of", "the", "of"])).categories.to_list()
    ['of', 'the']
    """
    return pl.Enum(words.unique().sort())


def among(values: pl.Expr, words: pl.Enum) -> pl.Expr:
    """Whether each of ``values`` is one of ``words`` (:func:`word_enum`); null is not.

    Why not ``is_in``: it hashes its whole set each time it runs (~9 ms for
    the 180k well-known words, once per slice of tokens and test), while an
    Enum keeps its lookup and a cast to it only probes: 2,800 tokens 10.0 ms
    against 0.05 ms, 1 M tokens 17.1 against 10.2 ms (Polars 2.1,
    2026-11-28). But building the cast (the expression) hashes the words
    too, ~19 ms for 180k: build it once and reuse it.

    >>> words = word_enum(pl.Series(["the", "tea", "of"]))
    >>> pl.select(among(pl.lit(pl.Series(["tea", "xq", None])), words)).to_series().to_list()
    [True, False, False]
    """
    return values.cast(words, strict=False).is_not_null()


def listed_words(lex: Lexicon, keys: pl.LazyFrame) -> pl.LazyFrame:
    """``low, listed`` (True) for the distinct ``keys["low"]`` that are in a word list."""
    return (
        lex.rows(keys, "low")
        .select(pl.col("word").alias("low"))
        .join(keys.select("low").unique(), on="low", how="semi")
        .unique()
        .with_columns(pl.lit(True).alias("listed"))
    )


def repeat_key() -> pl.Expr:
    """What counts as the same token: lower case, a possessive with its stem
    ("Sinwar", "Sinwar's"), a number with the word it is glued to."""
    return pl.col("num") + lower(pl.col("w")).str.replace(r"'s$", "")


def token_repeats(
    unknown: pl.LazyFrame, placed: pl.DataFrame, distinct: pl.DataFrame, live: pl.LazyFrame
) -> pl.LazyFrame:
    """``rid, key, repeats, records``: how often each token that may be cut
    (``live``) is written in its record, in how many records of the batch,
    counting every unknown token with the same key
    (:func:`_repeat_key`), cut or not."""
    keyed = distinct.lazy().select("tok", "w", repeat_key().alias("key"))
    keys = keyed.join(live, on="w", how="semi").select("key").unique()
    return (
        unknown.select("li", "tok")
        .join(keyed.join(keys, on="key", how="semi").select("tok", "key"), on="tok")
        .join(placed.lazy(), on="li")
        .group_by("rid", "key")
        .agg(pl.len().alias("repeats"))
        # and in how many records of the batch it is written
        .with_columns(pl.len().over("key").alias("records"))
    )


def closed_lines(lines: pl.LazyFrame, keys: pl.LazyFrame, lex: Lexicon) -> pl.LazyFrame:
    """``rid, line_no, closed_line`` for ``keys``: are most known words best in a closed language?

    A cheap language guess: on a German line "Webtechnology" and "Levelpass"
    are compounds, however English their halves look.
    """
    words = (
        lines.join(keys, on=["rid", "line_no"], how="semi")
        .select(
            "rid",
            "line_no",
            pl.col("s").str.to_lowercase().str.extract_all(r"\p{L}{2,}").alias("t"),
        )
        .explode("t")
        .drop_nulls("t")
    )
    best = (
        lex.rows(words, "t")
        .join(words.select("t").unique(), left_on="word", right_on="t", how="semi")
        # a word as frequent in an open language as in a closed one counts as
        # open: an explicit tie-break, not the lexicon's row order
        .sort("word", "zipf", "closed", descending=[False, True, False])
        .group_by("word", maintain_order=True)
        .first()
        .select("word", "closed")
    )
    return (
        words.join(best, left_on="t", right_on="word")
        .group_by("rid", "line_no")
        .agg((pl.col("closed").mean() >= CLOSED_LINE_SHARE).alias("closed_line"))
    )


def may_pass(frequent: pl.Series) -> pl.Expr:
    """A split (``l, r, kind``) that some rule of
    :func:`~dq.signals.spacing_splits.accepted_splits` could accept, given the
    words ``frequent`` (its PART_ZIPF or more in some language): both halves
    among them, or for the splits after a run of capitals one half ("SWITZERLAND|Ascom",
    kind ``B``: either half; "BIG|approach", ``D``: the right one).

    Why: the rules read each half's zipf (PART_ZIPF or more) in the languages that
    list it; a split without one has no pass. On a corpus of unique texts 400k
    split points of 56k pieces, 54k with both halves frequent: the joins per
    language then run on those only (same accepted splits).

    >>> rows = pl.DataFrame({"l": ["its", "xq", "big", "xq"], "r": ["electric", "the", "xq", "the"],
    ...                      "kind": ["C", "C", "B", "D"]})
    >>> rows.filter(may_pass(pl.Series(["its", "electric", "the", "big"])))["l"].to_list()
    ['its', 'big', 'xq']
    """
    known = frequent.implode()
    l_known = pl.col("l").is_in(known)
    r_known = pl.col("r").is_in(known)
    return (
        (l_known & r_known)
        | ((pl.col("kind") == "B") & (l_known | r_known))
        | ((pl.col("kind") == "D") & r_known)
    )
