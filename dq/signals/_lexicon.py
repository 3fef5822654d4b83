"""Word-frequency lexicon from wordfreq, as a Polars frame the spacing signals join against.

Why a frame and not ``wordfreq.zipf_frequency``: the glued-word signal looks
up hundreds of thousands of candidate halves per corpus; one hash join does
that in Rust, a Python call per half would not.

The frame is *long*, one row per (word, language), so a split can be checked
in one language at a time ("de" + "platformed" mixes French and English)
and a language that writes compounds closed (German "krankenhausreform") can
be told from one that writes them open:

==========  =======  ======================================================
``word``    String   lower-case, as wordfreq stores it (ASCII apostrophe)
``lang``    String   wordfreq language code
``zipf``    Float32  log10 of occurrences per billion words: 7.7 for "the",
                     3 for a word met once in a million words
``closed``  Boolean  the language writes compounds as one word
==========  =======  ======================================================

wordfreq stores each list in centibel buckets (bucket ``i`` holds words of
frequency ``10 ** (-i / 100)``), so ``zipf = 9 - i / 100``; the buckets are
read directly (``wordfreq.read_cBpack``), which skips wordfreq's own
per-process cache of every list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import polars as pl

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

LEXICON_SCHEMA: Final = {
    "word": pl.String,
    "lang": pl.String,
    "zipf": pl.Float32,
    "closed": pl.Boolean,
}


def language_frame(lang: str, *, min_zipf: float = LEXICON_MIN_ZIPF) -> pl.DataFrame:
    """``word, zipf`` for one wordfreq language, most frequent first, down to ``min_zipf``.

    >>> df = language_frame("en", min_zipf=7.0)
    >>> df.row(0)
    ('the', 7.730000019073486)
    >>> df.height < 20
    True
    """
    import wordfreq

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
    """The long lexicon over ``languages`` (columns in the module doc).

    >>> lex = build_lexicon(["en", "de"], min_zipf=5.0)
    >>> sorted(lex.filter(pl.col("word") == "in").select("lang", "closed").rows())
    [('de', True), ('en', False)]
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
    return pl.concat(parts).select(list(LEXICON_SCHEMA)).cast(LEXICON_SCHEMA)  # type: ignore[arg-type]
