"""glued_words at a closing single quote and an interview's "Q:": marks no word list reads.

Why: a scraper that joins text nodes with nothing glues a quoted title or
phrase closed with a single quote to the next sentence ("'Death
Sentence'But suddenly", "'throwing stones'Multiple people", "'Somebody
Somewhere'Emily in Rome"), and a question label to the answer before it
("Frank SinatraQ: Favorite books?"). :mod:`dq.signals.spacing_marks` reads
double quotes and guillemets only (a single quote is an apostrophe as
often), and the lexicon's splits never cut at a mark. Read on
../shared/eval/dev/glued.jsonl (2026-12-07): 7 English positives of the
first shape, 3 of the second.

1. *A closing single quote*: a word of :data:`QUOTE_LEFT_CHARS` letters or more
   ending in lower case, ``'`` or ``’``, then a capitalised word, where the
   line opens a single quote before it (``'`` or ``‘`` after a space or at
   the start: "'Death Sentence'But"). An apostrophe before a capital is an
   elision in Italian, French or Catalan ("dell'Artico", "all'Adnkronos",
   "Sant'Eugenio": on the outside text of audit23, one with a quote opened
   before it, "'Sky Sport' ... dell'Allianz"), so not in a record of those
   languages (:data:`ELISION_LANGS`, the record's language given or
   identified); and the elided words are short ("quell'", "dall'") where a
   quoted phrase ends in a word ("stones'", "floor'");
2. *A question label*: a word in lower case then "Q:" ("SinatraQ:",
   "ThingsQ:"); no word ends in a capital Q before a colon.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.spacing_place import place_splits, token_forms

#: Languages that write an elided article or preposition before a capital with an
#: apostrophe ("dell'Artico", "l'Europe", "d'Espanya"): rule 1 is off in their records.
ELISION_LANGS: Final = frozenset({"it", "fr", "ca", "oc", "pt", "es", "gl"})
#: Shortest word before a closing single quote (rule 1): the elided words of
#: ELISION_LANGS are shorter ("quell'", "sull'", "Sant'"); the dev positives
#: end a phrase ("floor'", "smell'", "stones'").
QUOTE_LEFT_CHARS: Final = 5
_QUOTE_SHAPE: Final = (
    rf"^(\p{{L}}{{{QUOTE_LEFT_CHARS - 1},}}\p{{Ll}}['’])(\p{{Lu}}\p{{Ll}}[\p{{L}}'’]*)$"
)
#: A single quote opened before: at the line's start or after a space or bracket.
_OPENED: Final = r"(?:^|[\s(\[])['‘]\p{L}"
_QA_SHAPE: Final = r"^(\p{L}*\p{Ll}{2})(Q)$"


def mark_splits(words: pl.Series) -> pl.DataFrame:
    """``w, fix, rule``: the tokens of ``words`` a rule of the module doc splits
    (``rule`` 1 still needs its line's test, :func:`apostrophe_glue`).

    >>> mark_splits(pl.Series(["Sentence'But", "dell'Artico", "O'Brien", "SinatraQ",
    ...                        "don't", "IQ"])).sort("w").rows()
    [("Sentence'But", "Sentence' But", 1), ('SinatraQ', 'Sinatra Q', 2)]
    """
    w = words.to_frame("w").unique()
    quote = w.filter(pl.col("w").str.contains(_QUOTE_SHAPE)).select(
        "w",
        (pl.col("w").str.extract(_QUOTE_SHAPE, 1) + " " + pl.col("w").str.extract(_QUOTE_SHAPE, 2))
        .alias("fix"),
        pl.lit(1, pl.Int8).alias("rule"),
    )
    qa = w.filter(pl.col("w").str.contains(_QA_SHAPE)).select(
        "w", (pl.col("w").str.extract(_QA_SHAPE, 1) + " Q").alias("fix"),
        pl.lit(2, pl.Int8).alias("rule"),
    )
    return pl.concat([quote, qa])


def apostrophe_glue(
    unknown: pl.DataFrame, placed: pl.DataFrame, lines: pl.LazyFrame,
    forms: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The candidates of this module on a batch: ``rid, line_no, offset, match, fix``
    (rule 1 only where a single quote was opened before on its line; the caller drops
    rule 1's in a record of :data:`ELISION_LANGS`: ``quote`` says which are).

    A "Q" needs its colon: the token is read with its punctuation for that.
    """
    forms = token_forms(unknown) if forms is None else forms
    # only tokens with a quote or a Q (a cheap test before the shapes)
    toks = forms.filter(pl.col("w").str.contains("['’Q]"))
    splits = mark_splits(toks["w"])
    # rule 2 needs the colon after the Q (the bare token lost it)
    colon = toks.filter(pl.col("tok").str.contains(r"\p{Ll}Q:$"))["w"]
    splits = splits.filter((pl.col("rule") == 1) | pl.col("w").is_in(colon.implode()))
    found = place_splits(unknown, placed, lines, splits, forms)
    if found.is_empty():
        return found.select("rid", "line_no", "offset", "match", "fix",
                            pl.lit(False).alias("quote"))
    before = pl.col("s").str.slice(0, pl.col("offset") + pl.col("match").str.find("['’][^'’]*$"))
    return (
        found.join(
            lines.join(found.select("rid", "line_no").unique().lazy(), on=["rid", "line_no"],
                       how="semi").select("rid", "line_no", "s").collect(),
            on=["rid", "line_no"],
        )
        .filter((pl.col("rule") == 2) | before.str.contains(_OPENED))
        .select("rid", "line_no", "offset", "match", "fix", (pl.col("rule") == 1).alias("quote"))
    )
