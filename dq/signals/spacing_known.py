"""glued_words' known-word tests: which tokens of a batch are well-known words at all.

Why a module of its own: this is the one test every token of the corpus
takes (:mod:`dq.signals.spacing_glued` scores splits for the few that fail
it), with two builds chosen by batch size (:class:`WordTests`), and the
line coverage that tells a language the lexicon lacks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from dq.signals.spacing_splits import COVERAGE_MIN_WORDS, MIN_LINE_COVERAGE
from dq.signals.spacing_words import (
    among,
    bare,
    known_among,
    long_enough,
    tokens_of,
    word_enum,
    word_sets,
)

if TYPE_CHECKING:
    from dq.signals.context import DetectContext


#: Lines tokenised at a time: the frame of all tokens is the largest one
#: glued_words builds (several times the text), so it is built and reduced
#: (to the unknown tokens) a slice of lines at a time. Measured on
#: bench_detect's 100 MB corpus (Polars 2.1): peak growth 700 MB in one
#: slice, 300 MB in slices of 100k lines, same time; smaller slices cost time.
TOKEN_CHUNK_LINES = 100_000
#: Lines up to which the well-known word sets are first cut down to the
#: batch's own tokens (:func:`~dq.signals.spacing_words.known_among`) and
#: tested with ``is_in``, so four tests hash a few hundred words instead of
#: 180k each. Measured 2026-11 (Polars 2.1), one test on n tokens, cut
#: against not: 1k 1.3 ms against 9.8 ms, 50k 4.4 against 10.6, 200k 12
#: against 15 (a one-record scan: 60 ms less CPU). Larger batches use the
#: Enum tests (:func:`word_tests`), built once per context (~0.1 s), then
#: free: a tiny scan would pay that build on its critical path
#: (`dq scan tiny.jsonl` 0.48 -> 0.58 s, 2026-11-28).
SMALL_BATCH_LINES = 1_000
#: Lines from which a batch tests known words with ``is_in`` (:func:`word_tests`):
#: distinct lines hold 7 (a corpus of unique texts) to 19 (bench_detect's corpus)
#: tokens of four bytes or more, so 20k lines hold 140k-380k tokens, about where an
#: Enum cast stops being faster than ``is_in`` (300k, measured 2026-12-07).
SET_TEST_LINES = 20_000
#: A word as a word list holds it: lower-case letters (and apostrophes).
_LOWER_WORD = r"^[\p{Ll}'’]+$"


def unknown_tokens(lines: pl.LazyFrame, tests: WordTests) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The tokens of the distinct lines of ``lines`` (MIN_WORD_CHARS or longer)
    that are not well-known words, ``li, k, tok`` (``k`` as in :func:`tokens_of`),
    and where each distinct line ``li`` occurs: ``rid, line_no, li``.

    A token is known when it is, without its edge punctuation, one of the
    well-known words as written in text (lower-case or capitalised: no need
    to lower-case every token; capitals, curly apostrophes and inner
    punctuation fall through to the candidates, looked at properly there).
    This is the one test every token of the corpus takes (splitting the
    lines alone is half its cost); offsets, line coverage and everything
    else are computed for the few candidates only. Each distinct line is
    tokenised once: scraped corpora repeat lines (furniture, syndicated
    copies), and a corpus that does not pays ~5% for the look-up. Lines are
    told apart by a 64-bit hash of their text (two hash passes over 200 MB
    of lines cost 0.12 s as strings, 0.04 s as hashes; a collision between
    two of a batch's distinct lines has odds of about n^2 / 2^65).
    The occurrences are placed later, for the words that can be cut only
    (:func:`~dq.signals.spacing_glued.glued_candidates`): on bench_scale's
    200 MB, 4.8 M unknown-token occurrences against 12k distinct tokens.
    """
    # Most tokens are known as they stand: test them against the known words
    # that have no edge punctuation (``plain``) first, and strip the others
    # only (collected in between, or Polars fuses the two filters and strips
    # every token: 15% slower).
    occurrences = lines.select("rid", "line_no", "s", pl.col("s").hash().alias("h")).collect()
    distinct = (
        occurrences.unique(subset="h", keep="any", maintain_order=False)
        .select("h", "s")
        .with_row_index("li")
    )
    unknowns = [
        tokens_of(
            distinct.slice(offset, TOKEN_CHUNK_LINES)
            .lazy()
            .select(pl.col("li").alias("rid"), pl.lit(0, pl.Int32).alias("line_no"), "s")
        )
        .filter(tests.plain.not_())
        .collect()
        .lazy()
        .filter(tests.known.not_() & long_enough(pl.col("tok")))
        .select(pl.col("rid").alias("li"), "k", "tok")
        .collect()
        for offset in range(0, max(distinct.height, 1), TOKEN_CHUNK_LINES)
    ]
    placed = occurrences.join(distinct.select("h", "li"), on="h").select("rid", "line_no", "li")
    found = pl.concat(unknowns)
    sink = _SINK.get()
    if sink is not None:
        sink.append((found, placed))
    return found, placed


#: Where :func:`unknown_tokens` also leaves what it found while a caller listens
#: (:func:`listening`); per thread of control (a pool's threads do not inherit it).
_SINK: ContextVar[list[tuple[pl.DataFrame, pl.DataFrame]] | None] = ContextVar(
    "glued_unknown_tokens", default=None
)


@contextmanager
def listening() -> Iterator[list[tuple[pl.DataFrame, pl.DataFrame]]]:
    """Collect the ``(unknown, placed)`` of every :func:`unknown_tokens` call made in
    this thread of control meanwhile.

    Why: :func:`~dq.signals.spacing_guards.glued_words` reads the unknown tokens of
    its batch twice (the lexicon's splits, then :mod:`dq.signals.spacing_lang`), and
    finding them is most of glued_words' cost: the second reader takes the first's.
    """
    sink: list[tuple[pl.DataFrame, pl.DataFrame]] = []
    token = _SINK.set(sink)
    try:
        yield sink
    finally:
        _SINK.reset(token)


def known_here(lines: pl.LazyFrame, ctx: DetectContext) -> WordTests:
    """:class:`WordTests` as ``is_in`` over the well-known words cut down to what
    the tokens of ``lines`` can match: bare tokens (as :func:`unknown_tokens`
    and :func:`uncovered_lines` test them) and tokens as they stand (``plain``).
    No ``known_low``: :func:`~dq.signals.spacing_glued.glued_candidates` cuts it
    to its candidate words."""
    known = word_sets(ctx)[0]
    tokens = tokens_of(lines).select("tok").collect()
    stripped = tokens.select(bare(pl.col("tok"))).to_series()
    plain = known_among(tokens.to_series(), plain_words(ctx))
    return WordTests(
        plain=pl.col("tok").is_in(plain.implode()),
        known=bare(pl.col("tok")).is_in(known_among(stripped, known).implode()),
        known_low=None,
    )


def uncovered_lines(lines: pl.LazyFrame, keys: pl.LazyFrame, tests: WordTests) -> pl.LazyFrame:
    """The lines of ``keys`` (``rid, line_no``) not covered by the lexicon:
    ``rid, line_no, covered`` (False).

    A line is covered when at least MIN_LINE_COVERAGE of its words (of
    MIN_WORD_CHARS or more) that say something about its language are known
    (as in :func:`unknown_tokens`), or it has fewer than COVERAGE_MIN_WORDS
    of them. Low for languages the lexicon does not cover (Polish, Finnish),
    where every word is unknown.

    What says something: a known word, and an unknown word in lower case
    (edge punctuation aside), which a word list of the line's language would
    hold. An unknown word with a capital or a digit says nothing: a name, a
    brand, a number or glue itself ("Neumann", "iFixit", "MacBook",
    "16-inch"). Counted as evidence against, they made an English line with
    two brands and one glued word uncovered (2 known of 7), so its glue was
    never split.

    >>> from dq.signals.context import DetectContext
    >>> lines = pl.LazyFrame(
    ...     {"rid": [0, 1], "line_no": [1, 1],
    ...      "s": ["The big iFixit teardown is done, andthe results are in. The new MacBook",
    ...            "Rząd przyjął wczoraj projekt ustawy o podatkach dochodowych"]},
    ...     schema_overrides={"rid": pl.UInt32, "line_no": pl.Int32})
    >>> keys = lines.select("rid", "line_no")
    >>> uncovered_lines(lines, keys, known_here(lines, DetectContext())).collect()["rid"].to_list()
    [1]
    """
    tokens = tokens_of(lines.join(keys, on=["rid", "line_no"], how="semi")).filter(
        long_enough(pl.col("tok"))
    )
    return (
        tokens.with_columns(tests.known.alias("known"))
        .filter(pl.col("known") | bare(pl.col("tok")).str.contains(_LOWER_WORD))
        .group_by("rid", "line_no")
        .agg(pl.col("known").mean().alias("coverage"), pl.len().alias("n_words"))
        .filter(
            (
                (pl.col("coverage") >= MIN_LINE_COVERAGE)
                | (pl.col("n_words") < COVERAGE_MIN_WORDS)
            ).not_()
        )
        .select("rid", "line_no", pl.lit(False).alias("covered"))
    )

@dataclass(frozen=True)
class WordTests:
    """The membership tests glued_words runs against the well-known words.

    Two builds: :func:`word_tests` (large batches), casts to Enums built
    once per context, and :func:`known_here` (small batches), ``is_in``
    over the words cut down to the batch's tokens.
    """

    #: ``tok`` as it stands is a well-known word without edge punctuation
    plain: pl.Expr
    #: ``tok`` without its edge punctuation is a well-known word (as written in text)
    known: pl.Expr
    #: ``low`` is a well-known lower-case word (None: cut the words to the candidates first)
    known_low: pl.Expr | None


def plain_words(ctx: DetectContext) -> pl.Series:
    """The well-known words without edge punctuation (cached per context)."""

    def build() -> pl.Series:
        known = word_sets(ctx)[0]
        return known.to_frame("w").filter(bare(pl.col("w")) == pl.col("w"))["w"]

    plain: pl.Series = ctx.cached("glued_words.plain", build)
    return plain


def word_tests(ctx: DetectContext, lines: int) -> WordTests:
    """:class:`WordTests` for a batch of ``lines`` lines (more than SMALL_BATCH_LINES):
    casts to Enums of the word sets of ``ctx`` once they are built (cached per
    context), built by the first batch under SET_TEST_LINES; until then a batch
    of SET_TEST_LINES or more tests with ``is_in`` over the sets.

    Why both: ``is_in`` hashes its whole set (290k words) every time it runs,
    ~50 ms, while a cast to a built Enum only probes
    (:func:`~dq.signals.spacing_words.among`): 30k tokens 15 ms against 57 ms.
    But building the three Enum tests costs ~0.8 s CPU once (their sort and
    the casts' dtype), and from about 300k tokens the probe is no faster
    (800k: 0.24 s against 0.13 s), so a large batch never builds them.
    Measured 2026-12-07 (Polars 2.1, 12 languages, load 20 on 2 cores): a
    one-batch ``detect()`` of a corpus of unique texts (5.7 MB, 77k lines,
    540k tokens) runs each test about four times, ~0.2 s with ``is_in``
    where the build alone cost 0.76 s. Same findings either way.
    """
    built: dict[str, WordTests] = ctx.cached("glued_words.enum_tests", dict)
    if "tests" in built:
        return built["tests"]
    if lines >= SET_TEST_LINES:
        return set_tests(ctx)

    def build() -> WordTests:
        known, known_low, _ = word_sets(ctx)
        return WordTests(
            plain=among(pl.col("tok"), word_enum(plain_words(ctx))),
            known=among(bare(pl.col("tok")), word_enum(known)),
            known_low=among(pl.col("low"), word_enum(known_low)),
        )

    tests: WordTests = ctx.cached("glued_words.tests", build)
    built["tests"] = tests
    return tests


def set_tests(ctx: DetectContext) -> WordTests:
    """:class:`WordTests` as ``is_in`` over the whole word sets of ``ctx`` (nothing to build).

    >>> from dq.signals.context import DetectContext
    >>> tests = set_tests(DetectContext())
    >>> frame = pl.DataFrame({"tok": ["the,", "Theqx", "house"], "low": ["the", "theqx", "house"]})
    >>> frame.select(tests.plain, tests.known.alias("k"), tests.known_low).rows()
    [(False, True, True), (False, False, False), (True, True, True)]
    """
    known, known_low, _ = word_sets(ctx)
    return WordTests(
        plain=pl.col("tok").is_in(plain_words(ctx).implode()).fill_null(False),
        known=bare(pl.col("tok")).is_in(known.implode()).fill_null(False),
        known_low=pl.col("low").is_in(known_low.implode()).fill_null(False),
    )
