"""Word-frequency lexicon from wordfreq, as a Polars frame the spacing signals join against.

Why a frame and not ``wordfreq.zipf_frequency``: the glued-word signal looks
up hundreds of thousands of candidate halves per corpus; one hash join does
that in Rust, a Python call per half would not.

The frame is *long*, one row per (word, language), so a split can be checked
in one language at a time ("de" + "platformed" mixes French and English)
and a language that writes compounds closed (German "krankenhausreform") can
be told from one that writes them open:

=============  =======  ===================================================
``word``       String   lower-case, as wordfreq stores it (ASCII apostrophe)
``lang``       String   wordfreq language code
``zipf``       Float32  log10 of occurrences per billion words: 7.7 for
                        "the", 3 for a word met once in a million words
``closed``     Boolean  the language writes compounds as one word
``glue_tail``  Boolean  a closed-class word of such a language that is no
                        word ending there (:func:`glue_tails`)
=============  =======  ===================================================

wordfreq stores each list in centibel buckets (bucket ``i`` holds words of
frequency ``10 ** (-i / 100)``), so ``zipf = 9 - i / 100``; the buckets are
read directly (``wordfreq.read_cBpack``), which skips wordfreq's own
per-process cache of every list.

Rows are sorted by word (within a word, in the order the languages were
asked for), so a batch with few candidate words looks them up by binary
search (:func:`lexicon_rows`, :class:`Lexicon`) instead of a hash join that
reads all 2.5 M rows (~25 ms a join, half a small scan's detection time).

Decoding the lists costs ~0.6 s (sorting them another ~0.7 s), most of a small scan's start-up, so
:func:`cached_lexicon` keeps the built frame in a cache folder (an uncompressed
Parquet file, read back in ~0.14 CPU s) named by a key over everything the frame depends
on: wordfreq's version, the languages, LEXICON_MIN_ZIPF, CLOSED_COMPOUNDS,
the glue-tail constants, LEXICON_FORMAT and LEXICON_FILE. A file that is missing, unreadable
or not the frame asked for is rebuilt; the cache never changes a finding.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import polars as pl

from dq.signals._shared import import_module, write_atomic

if TYPE_CHECKING:
    from dq.signals.context import DetectContext

#: Languages that write compound nouns and adjectives as one word.
CLOSED_COMPOUNDS: Final = frozenset({"de", "nl", "sv", "da", "nb", "fi", "is"})

#: Lowest zipf kept: all of wordfreq's "large" lists, which stop at 1.0 (no
#: top-N cut). Measured 2025-11 on the seven default languages: 2.5 M rows,
#: 37 MB; cutting at 1.5 (1.4 M rows) or 2.0 (0.8 M) saves memory but not
#: load time (decoding the packed lists is 0.4-0.6 s CPU whatever is kept),
#: gives the same scores on ../shared/eval/dev/glued.jsonl, and raises the
#: glued_words false alarms on the content lines of extracted.jsonl from 10
#: to 18 (1.5) and 22 (2.0): a rare real word ("Statehouse", "amphitheatre")
#: is evidence against glue only if it is in the list. Moves with EDGE_ZIPF
#: in spacing_words.
LEXICON_MIN_ZIPF: Final = 1.0

#: Version of the cached lexicon's layout: bump it when :func:`build_lexicon`
#: changes what it returns for the same inputs (the cache key includes it).
#: 2: rows sorted by word. 3: ``glue_tail``.
LEXICON_FORMAT: Final = 3
#: How the cached frame is stored (part of the cache key, so a file written
#: another way is not read as this one, and is rebuilt once). Uncompressed
#: Parquet: reading the 3.9 M rows of the default lexicon costs 0.13-0.15 CPU s
#: against 0.17-0.26 s for LZ4 (five reads each, 2026-12-07, Polars 2.1, a loaded
#: 2-core machine), for 69 MB of disk instead of 37 MB. Most of a read is the
#: decoding of the words, whatever the compression; snappy, IPC, larger or
#: smaller row groups were no faster.
LEXICON_FILE: Final = "parquet-uncompressed"

LEXICON_SCHEMA: Final = {
    "word": pl.String,
    "lang": pl.String,
    "zipf": pl.Float32,
    "closed": pl.Boolean,
    "glue_tail": pl.Boolean,
}

#: How many of a language's most frequent words (letters only) are its
#: closed-class words: articles, pronouns, prepositions, conjunctions,
#: auxiliaries. Read 2026-12-07 in wordfreq 3.1: the first noun of German is
#: "zeit" (rank 98), of Dutch "jaar" (58), Norwegian "norge" (75), Danish
#: "dag" (82), Swedish "sverige" (91). By zipf alone German "zeit", "recht",
#: "arbeit", "welt" rank with the function words (>= 5.5), and
#: "Experten|zeit" is a compound.
CLOSED_CLASS_RANK: Final = 50
#: A zipf every word of that rank clears (the 50th word of each language is
#: above 5.5): rows below it are not ranked.
_CLOSED_CLASS_ZIPF: Final = 5.0
#: Shortest closed-class word that may glue on; two-letter ones are also
#: inflections ("Haus|es", Swedish "häst|en").
GLUE_TAIL_CHARS: Final = 3
#: A closed-class word that ends more than ENDING_WORDS_MAX words of its
#: language (zipf >= ENDING_WORD_ZIPF) after another word (of ENDING_HEAD_CHARS
#: letters or more, not closed-class itself) is a suffix there, not a word
#: glued on. Read 2026-12-07 in wordfreq 3.1 over de, nl, sv, nb, da:
#: particles end 0-3 ("und" 3: "Ver|bund", "Vor|mund"; "hat", "mit", "och"
#: 0-1), suffixes 4 and more ("ist" 10: "Journal|ist"; "aus" 6, "auf" 5,
#: "den" 149: participles "abweichen|den"; Swedish "ska" 59; Dutch "aan" 14).
ENDING_WORDS_MAX: Final = 3
ENDING_WORD_ZIPF: Final = 3.0
ENDING_HEAD_CHARS: Final = 4


def language_frame(lang: str, *, min_zipf: float = LEXICON_MIN_ZIPF) -> pl.DataFrame:
    """``word, zipf`` for one wordfreq language, most frequent first, down to ``min_zipf``.

    >>> df = language_frame("en", min_zipf=7.0)
    >>> df.row(0)
    ('the', 7.730000019073486)
    >>> df.height < 20
    True
    """
    wordfreq = import_module("wordfreq")  # under the import lock: it imports ftfy
    paths = wordfreq.available_languages("best")
    if lang not in paths:
        raise LookupError(f"wordfreq has no word list for {lang!r}; it has {sorted(paths)}")
    buckets = wordfreq.read_cBpack(paths[lang])
    keep = max(0, min(len(buckets), round((9.0 - min_zipf) * 100) + 1))
    return (
        pl.DataFrame({"word": pl.Series(buckets[:keep], dtype=pl.List(pl.String))})
        .with_columns(
            (9.0 - pl.int_range(pl.len(), dtype=pl.Int32).cast(pl.Float32) / 100.0)
            .cast(pl.Float32)
            .alias("zipf")
        )
        .explode("word")
        .drop_nulls("word")
    )


def build_lexicon(
    languages: Iterable[str], *, min_zipf: float = LEXICON_MIN_ZIPF
) -> pl.DataFrame:
    """The long lexicon over ``languages`` (columns in the module doc), sorted by word.

    >>> lex = build_lexicon(["en", "de"], min_zipf=5.0)
    >>> lex.filter(pl.col("word") == "in").select("lang", "closed").rows()
    [('en', False), ('de', True)]
    >>> lex["word"].is_sorted()
    True
    >>> round(lex.filter(pl.col("word") == "the", pl.col("lang") == "en")["zipf"][0], 2)
    7.73
    """
    parts = [
        language_frame(lang, min_zipf=min_zipf).with_columns(
            pl.lit(lang).alias("lang"), pl.lit(lang in CLOSED_COMPOUNDS).alias("closed")
        )
        for lang in dict.fromkeys(languages)
    ]
    if not parts:
        return pl.DataFrame(schema=LEXICON_SCHEMA)
    frame = pl.concat(parts)
    return (
        frame.join(glue_tails(frame), on=["word", "lang"], how="left")
        .with_columns(pl.col("glue_tail").fill_null(False))
        .select(list(LEXICON_SCHEMA))
        .cast(LEXICON_SCHEMA)  # type: ignore[arg-type]
        # stable: a word's rows stay in language order, as a hash join would meet them
        .sort("word", maintain_order=True)
    )


def closed_class(frame: pl.DataFrame) -> pl.DataFrame:
    """``word, lang``: the :data:`CLOSED_CLASS_RANK` most frequent words of each
    language of ``frame`` (``word, lang, zipf``), letters only.

    >>> cc = closed_class(language_frame("de", min_zipf=5.0).with_columns(lang=pl.lit("de")))
    >>> {"und", "der", "hat"} <= set(cc["word"]), "zeit" in set(cc["word"])
    (True, False)
    """
    return (
        # eager first: in one lazy query Polars fuses the two filters and ran the regex over
        # every row (0.37 of the 0.45 CPU s of glue_tails on a cold cache, 2026-12-07)
        frame.filter(pl.col("zipf") >= _CLOSED_CLASS_ZIPF)
        .lazy()
        .filter(pl.col("word").str.contains(r"^\p{L}+$"))
        .sort(["lang", "zipf", "word"], descending=[False, True, False])
        .group_by("lang", maintain_order=True)
        .head(CLOSED_CLASS_RANK)
        .select("word", "lang")
        .collect()
    )


def glue_tails(frame: pl.DataFrame) -> pl.DataFrame:
    """``word, lang, glue_tail`` (True): the closed-class words of the
    closed-compound languages of ``frame`` that glue on rather than end words.

    Why: in German, Dutch or Swedish a word run into the next is most often
    run into a closed-class word ("Liverpool|hat", "Genie|und", "hopp|att"),
    but some of those words are also suffixes, written closed after another
    word ("Journal|ist", "durch|aus", "afrikan|ska"). Which are is counted in
    the word list itself (:data:`ENDING_WORDS_MAX`), once per built lexicon.

    >>> lex = build_lexicon(["de"], min_zipf=2.5)
    >>> asked = pl.col("word").is_in(["und", "hat", "ist", "aus"])
    >>> sorted(lex.filter(pl.col("glue_tail") & asked)["word"])
    ['hat', 'und']
    """
    closed = frame.filter(pl.col("lang").is_in(sorted(CLOSED_COMPOUNDS)))
    cc = closed_class(closed)
    tails = cc.filter(pl.col("word").str.len_chars() >= GLUE_TAIL_CHARS)
    words = closed.filter(pl.col("zipf") >= ENDING_WORD_ZIPF).select("word", "lang")
    n = pl.col("word").str.len_chars()
    # each word cut before its last k letters, for the lengths k of the tails:
    # a hash join, not every word tested against every tail
    cuts = pl.concat([
        words.filter(n >= k + ENDING_HEAD_CHARS).select(
            "lang", pl.col("word").str.slice(-k).alias("end"),
            pl.col("word").str.slice(0, n - k).alias("head"),
        )
        for k in sorted(set(tails["word"].str.len_chars().to_list()))
    ] or [pl.DataFrame(schema={"lang": pl.String, "end": pl.String, "head": pl.String})])
    endings = (
        cuts.join(tails, left_on=["end", "lang"], right_on=["word", "lang"], how="semi")
        .join(words, left_on=["head", "lang"], right_on=["word", "lang"], how="semi")
        # after a closed-class word it is a pronominal adverb ("hier|mit"), no suffix
        .join(cc, left_on=["head", "lang"], right_on=["word", "lang"], how="anti")
        .group_by(pl.col("end").alias("word"), "lang")
        .agg(pl.len().alias("n"))
    )
    return (
        tails.join(endings, on=["word", "lang"], how="left")
        .filter(pl.col("n").fill_null(0) <= ENDING_WORDS_MAX)
        .select("word", "lang", pl.lit(True).alias("glue_tail"))
    )


def lexicon_rows(lex: pl.DataFrame, words: pl.Series) -> pl.DataFrame:
    """The rows of ``lex`` (sorted by word, as built) whose word is one of ``words``.

    Two binary searches per distinct word: for a few thousand words ~100
    times cheaper than a join, which reads every row of the lexicon.

    >>> lex = build_lexicon(["en", "de"], min_zipf=5.0)
    >>> rows = lexicon_rows(lex, pl.Series(["the", "zzzq", "in", None, "in"]))
    >>> rows.select("word", "lang").rows()
    [('in', 'en'), ('in', 'de'), ('the', 'en'), ('the', 'de')]
    >>> lexicon_rows(lex, pl.Series([], dtype=pl.String)).height
    0
    """
    queries = words.drop_nulls().unique().sort()
    column = lex["word"]
    bounds = pl.DataFrame({
        "lo": column.search_sorted(queries, side="left"),
        "hi": column.search_sorted(queries, side="right"),
    })
    index = bounds.select(pl.int_ranges("lo", "hi").explode().drop_nulls())["lo"]
    return lex[index]


def hashed_rows(lex: pl.DataFrame, hashes: pl.Series, words: pl.Series) -> pl.LazyFrame:
    """The rows of ``lex`` whose word hashes (``hashes``: ``lex["word"].hash()``) as one of
    ``words`` does, in ``lex``'s order: those whose word is one of ``words``, and any
    other with the same 64-bit hash (the callers join on the word itself).

    Why: for a batch of many words (~56k, a corpus of unique texts) a filter on
    the hashes costs half a string join over the 3.9 M rows (0.08 s against
    0.17 s CPU, measured 2026-12-07, Polars 2.1) and beats binary search (0.10 s).

    >>> lex = build_lexicon(["en", "de"], min_zipf=5.0)
    >>> rows = hashed_rows(lex, lex["word"].hash(), pl.Series(["the", "zzzq", "in", None, "in"]))
    >>> rows.collect().equals(lexicon_rows(lex, pl.Series(["the", "in"])))
    True
    """
    wanted = words.drop_nulls().unique().hash()
    return lex.filter(hashes.is_in(wanted.implode())).lazy()


@dataclass(frozen=True)
class Lexicon:
    """The lexicon as one batch of the spacing signals reads it.

    ``probe``: look the batch's words up by binary search (:func:`lexicon_rows`)
    rather than join against the whole ``frame``; for batches with few
    candidate words (the caller decides). The rows joined are the same.

    ``lang``: only the rows of this language (None: all). Probing the whole
    frame, then keeping one language's rows, gives the rows (and their order)
    of that language's own frame, without building it (a scan of the 3.9 M
    rows per language, ~0.04 s CPU each, once per context).
    """

    frame: pl.DataFrame
    probe: bool = False
    lang: str | None = None
    #: ``frame["word"].hash()`` (:func:`word_hashes`), for a batch not probed: its words
    #: are then found by their hashes, not by a string join over every row.
    hashes: pl.Series | None = None
    #: The rows of ``frame`` with a zipf of FREQUENT_ROWS_ZIPF or more, in its order
    #: (:func:`frequent_rows`), for a probe that keeps only those.
    frequent: pl.DataFrame | None = None

    def probing(self) -> Lexicon:
        """This lexicon, probed: for a look-up whose keys are few whatever the batch
        (the words cut at a case change, those after a number)."""
        return Lexicon(self.frame, probe=True, lang=self.lang, frequent=self.frequent)

    def rows(self, keys: pl.LazyFrame, key: str, *, min_zipf: float | None = None) -> pl.LazyFrame:
        """Lexicon rows to join ``keys`` against on ``key``: every row whose
        word is in ``keys[key]`` (the whole lexicon when not probing).

        ``min_zipf``: the caller keeps only the rows of at least this zipf; a probe
        then searches the :attr:`frequent` rows alone when they hold them all (the
        rows kept are the same, in the same order: a tenth of the rows to search
        and gather at FREQUENT_ROWS_ZIPF, measured 2026-12-08).

        >>> lex = Lexicon(build_lexicon(["en"], min_zipf=6.0), probe=True)
        >>> lex.rows(pl.LazyFrame({"k": ["of", "xq"]}), "k").collect()["word"].to_list()
        ['of']
        >>> de = Lexicon(build_lexicon(["en", "de"], min_zipf=6.0), probe=True, lang="de")
        >>> de.rows(pl.LazyFrame({"k": ["of", "und"]}), "k").collect().select("word", "lang").rows()
        [('und', 'de')]
        """
        frequent = (self.frequent is not None and min_zipf is not None
                    and min_zipf >= FREQUENT_ROWS_ZIPF)
        if self.hashes is not None and not self.probe:
            rows = hashed_rows(self.frame, self.hashes, _keys(keys, key))
        elif not self.probe:
            rows = self.frame.lazy()
        elif frequent and self.frequent is not None:
            rows = lexicon_rows(self.frequent, _keys(keys, key)).lazy()
        else:
            rows = lexicon_rows(self.frame, _keys(keys, key)).lazy()
        return rows if self.lang is None else rows.filter(pl.col("lang") == self.lang)


#: The zipf from which a word is in :func:`frequent_rows`: spacing_splits.PART_ZIPF,
#: below which no half of an inner split counts (396k of the 3.9 M rows of the
#: twelve languages' lexicon, 2026-12-08).
FREQUENT_ROWS_ZIPF: Final = 3.0


def frequent_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of ``frame`` (a lexicon, sorted by word) with a zipf of FREQUENT_ROWS_ZIPF or
    more, in its order: still sorted by word, so :func:`lexicon_rows` reads them.

    >>> lex = build_lexicon(["en"], min_zipf=2.0)
    >>> rows = lexicon_rows(frequent_rows(lex), pl.Series(["the", "zyzzyva"]))
    >>> rows.equals(lexicon_rows(lex, pl.Series(["the", "zyzzyva"])).filter(
    ...     pl.col("zipf") >= FREQUENT_ROWS_ZIPF))
    True
    """
    return frame.filter(pl.col("zipf") >= FREQUENT_ROWS_ZIPF)


def frequent_lexicon(ctx: DetectContext) -> pl.DataFrame:
    """:func:`frequent_rows` of ``ctx``'s lexicon, built once per process for its settings
    (a scan of the 3.9 M rows, ~0.05-0.09 s CPU)."""
    frame: pl.DataFrame = ctx.cached("lexicon.frequent", lambda: frequent_rows(ctx.lexicon()))
    return frame


def _keys(keys: pl.LazyFrame, key: str) -> pl.Series:
    """``keys[key]``, on Polars' in-memory engine: the streaming one costs about three
    times its CPU on a small query, and glued_words asks this some eight times per
    language pass (measured 2026-12-07, Polars 2.1)."""
    return keys.select(key).collect(engine="in-memory").to_series()


def lexicon_key(languages: Iterable[str], *, min_zipf: float = LEXICON_MIN_ZIPF) -> str:
    """A file-name-safe key over everything :func:`build_lexicon` reads.

    wordfreq's version comes from its package metadata (importing wordfreq
    costs 0.1 s, which the cache is there to save).

    >>> lexicon_key(["en", "de"]) == lexicon_key(["en", "de", "en"])
    True
    >>> lexicon_key(["en"]) == lexicon_key(["de"])
    False
    """
    from importlib.metadata import version

    facts = {
        "format": LEXICON_FORMAT,
        "file": LEXICON_FILE,
        "wordfreq": version("wordfreq"),
        "languages": list(dict.fromkeys(languages)),
        "min_zipf": min_zipf,
        "closed": sorted(CLOSED_COMPOUNDS),
        "glue_tail": [CLOSED_CLASS_RANK, GLUE_TAIL_CHARS, ENDING_WORDS_MAX, ENDING_WORD_ZIPF,
                      ENDING_HEAD_CHARS],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:20]


def _read_valid(path: Path, key: str) -> pl.DataFrame | None:
    """The frame cached at ``path`` if its metadata names ``key`` and it reads
    back whole (row count and schema as written)."""
    try:
        meta = pl.read_parquet_metadata(path)
        if meta.get("dq_lexicon_key") != key:
            return None
        frame = pl.read_parquet(path)
    except (OSError, ValueError, pl.exceptions.PolarsError):
        return None
    if dict(frame.schema) != LEXICON_SCHEMA or str(frame.height) != meta.get("dq_lexicon_rows"):
        return None
    return frame


def _write_atomic(frame: pl.DataFrame, path: Path, key: str) -> None:
    """Write ``frame`` to ``path`` (:func:`~dq.signals.context.write_atomic`: a
    reader never sees half a file; a cache that cannot be written is skipped).

    Uncompressed Parquet (:data:`LEXICON_FILE`): the cheapest to read back.
    """
    meta = {"dq_lexicon_key": key, "dq_lexicon_rows": str(frame.height)}
    write_atomic(path, lambda tmp: frame.write_parquet(tmp, compression="uncompressed",
                                                       metadata=meta))


def cached_lexicon(
    languages: Iterable[str],
    *,
    cache_dir: Path | None,
    min_zipf: float = LEXICON_MIN_ZIPF,
) -> pl.DataFrame:
    """:func:`build_lexicon`, kept in ``cache_dir`` between runs (None: no cache).

    The file is ``lexicon-<key>.parquet`` (:func:`lexicon_key`), the key and
    row count also in its metadata; one that does not read back as written
    is rebuilt and replaced.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     built = cached_lexicon(["en"], cache_dir=Path(d), min_zipf=6.0)
    ...     again = cached_lexicon(["en"], cache_dir=Path(d), min_zipf=6.0)
    ...     files = [p.name.startswith("lexicon-") for p in Path(d).iterdir()]
    >>> again.equals(built), files
    (True, [True])
    """
    langs = tuple(dict.fromkeys(languages))
    if cache_dir is None or not langs:
        return build_lexicon(langs, min_zipf=min_zipf)
    key = lexicon_key(langs, min_zipf=min_zipf)
    path = Path(cache_dir) / f"lexicon-{key}.parquet"
    frame = _read_valid(path, key)
    if frame is None:
        frame = build_lexicon(langs, min_zipf=min_zipf)
        _write_atomic(frame, path, key)
    return frame
