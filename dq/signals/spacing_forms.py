"""glued_words candidates that are one word by their written form (issue 15).

Why: a repair must never split a real word. A check of 1,028 German derStandard
articles (tblock/10kGNAD test.csv, gluedde26, 2026-12-08) found splits of tokens
that are words, names or phrases written whole on purpose; a scraper's join
makes none of these shapes:

1. *a Binnen-I form* ("ArbeitnehmerInnen", "LehrerIn-Verband"): German writes the
   gender-inclusive plural or feminine of a noun with a capital I inside the word,
   so a capitalised stem (a German noun opens with a capital) followed by "In" or
   "Innen" (and a hyphenated rest) in a German record is one word, never
   "Arbeitnehmer Innen"; a lower-case stem is no noun: "bekannt|In Österreich"
   is a sentence's last word glued to the next one's first;
2. *a name, an apostrophe and an adjective ending* ("Heisenberg’sche",
   "Grimm'schen"): the German adjective of a person's name, one word;
3. *a hyphenated compound cut inside a part that is a word* ("Balkan-Verk|auf"):
   the part of the token between the hyphens that holds the cut is, whole, a
   listed word of the record's language (:data:`HYPHEN_PART_ZIPF`), so the cut
   splits a word; glue before the hyphenated word ("im|EU-Rat") cuts a part
   that is no word ("imEU");
4. *a German verb particle run into a modal* ("weiterkönnen", "zurückwollen"):
   German writes a separable particle and the infinitive (or the verb at a
   clause's end) as one word (:data:`PARTICLES`, :data:`MODALS`);
5. *a German present participle* ("werdender", "helfenden"): an infinitive,
   then "d" and an adjective ending, is the inflected participle, not the
   infinitive glued to an article ("werden|der");
6. *a CamelCase phrase* ("OesterreichWirdFussballEuropaMeister"): four or more
   (:data:`CAMEL_MIN_PARTS`) capitalised parts with no space, one of them after
   the first a function word of the record's language (``wird``), is a password,
   hashtag or handle written so on purpose: a scraper's join glues one word to
   the next, and a glued list of names or menu items holds no function word;
7. *the plural of a contraction* ("dos and don’ts", audit27): a negation's
   apostrophe and "t", then the plural "s", is one noun; a lone "s" is no word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import polars as pl

from dq.signals._lexicon import lexicon_rows
from dq.signals.spacing_real import function_words

if TYPE_CHECKING:
    from dq.signals.context import DetectContext

# a hyphen part listed at least this often is a word (3.0: the cut-word
# threshold of spacing_real; "verkauf" 4.61, no glued part such as "imeu" is listed)
HYPHEN_PART_ZIPF: Final = 3.0
# German separable verb particles that join an infinitive or clause-final verb (Duden)
PARTICLES: Final = (
    "ab", "an", "auf", "aus", "bei", "da", "davon", "dazu", "ein", "fort", "heim", "her",
    "heraus", "herein", "hin", "hinaus", "hinein", "los", "mit", "nach", "vor", "voran",
    "vorbei", "weg", "weiter", "zu", "zurück", "zusammen",
)
# rule 7: a contraction's plural ("don’ts", "can'ts")
_CONTRACTION_PLURAL: Final = r"\p{Ll}n['’]ts$"
# German modal verbs: infinitive and the forms a subordinate clause ends with
MODALS: Final = (
    "können", "kann", "konnte", "konnten", "wollen", "will", "wollte", "wollten",
    "müssen", "muss", "musste", "mussten", "dürfen", "darf", "durfte", "durften",
    "sollen", "soll", "sollte", "sollten", "mögen", "möchte", "möchten",
)
_BINNEN_I: Final = r"^In(?:nen)?(?:-\p{L}[\p{L}-]*)?$"
_NAME_ADJ: Final = r"^\p{Lu}\p{L}+['’]sch(?:e|en|er|es|em)$"
_INFINITIVE: Final = r"^\p{Ll}{2,}(?:en|ern|eln)$"
_ARTICLE_END: Final = r"^d(?:e|er|es|em|en)$"
# 4, not 3: three parts are also a name of three words glued whole, its particle
# a function word ("MoscaDallaTasssi", a positive of the Italian dev glue cases)
CAMEL_MIN_PARTS: Final = 4
_CAMEL: Final = rf"^(?:\p{{Lu}}\p{{Ll}}+){{{CAMEL_MIN_PARTS},}}$"
_NO_KEYS: Final = {"rid": pl.UInt32, "line_no": pl.Int32, "offset": pl.Int32}


def written_whole(kept: pl.LazyFrame, said: pl.DataFrame, ctx: DetectContext) -> pl.LazyFrame:
    """``rid, line_no, offset``: the candidates of ``kept`` (``rid, line_no, offset,
    match, fix``) that are one word by their form (module doc); ``said``: ``rid, lang``.

    >>> from dq.signals.context import DetectContext
    >>> ctx = DetectContext()
    >>> pairs = [("ArbeitnehmerInnen-Sprecherin", "Arbeitnehmer Innen-Sprecherin"),
    ...          ("Heisenberg’sche", "Heisenberg’s che"), ("Balkan-Verkauf", "Balkan-Verk auf"),
    ...          ("weiterkönnen", "weiter können"), ("werdender", "werden der"),
    ...          ("OesterreichWirdFussballEuropaMeister",
    ...           "Oesterreich Wird Fussball EuropaMeister"),
    ...          ("imEU-Rat", "im EU-Rat"), ("Computerndas", "Computern das"),
    ...          ("bekanntIn", "bekannt In"), ("MoscaDallaTassi", "Mosca Dalla Tassi"),
    ...          ("BürgermeisterThomas", "Bürgermeister Thomas"),
    ...          ("EbergassingFischamendGramatneusiedl", "Ebergassing Fischamend Gramatneusiedl"),
    ...          ("don’ts", "don’t s")]
    >>> kept = pl.LazyFrame(
    ...     {"rid": [0] * len(pairs), "line_no": [1] * len(pairs),
    ...      "offset": list(range(len(pairs))),
    ...      "match": [m for m, _ in pairs], "fix": [f for _, f in pairs]},
    ...     schema_overrides=_NO_KEYS)
    >>> said = pl.DataFrame({"rid": [0], "lang": ["de"]}, schema={"rid": pl.UInt32,
    ...                                                           "lang": pl.String})
    >>> sorted(written_whole(kept, said, ctx).collect()["offset"].to_list())
    [0, 1, 2, 3, 4, 5, 12]
    """
    x = kept.join(said.lazy(), on="rid", how="left").with_columns(
        pl.col("fix").str.split(" ").alias("parts")
    ).with_columns(
        pl.col("parts").list.len().alias("n_parts"),
        pl.col("parts").list.first().alias("a"),
        pl.col("parts").list.last().alias("b"),
    ).collect()
    if x.is_empty():
        return pl.LazyFrame(schema=_NO_KEYS)
    de = (pl.col("lang") == "de").fill_null(False)
    two = pl.col("n_parts") == 2
    a_low, b_low = pl.col("a").str.to_lowercase(), pl.col("b").str.to_lowercase()
    by_shape = x.filter(
        (de & two & pl.col("a").str.contains(r"^\p{Lu}\p{Ll}+$")
           & pl.col("b").str.contains(_BINNEN_I))
        | (de & pl.col("match").str.contains(_NAME_ADJ))
        | (de & two & a_low.is_in(PARTICLES) & b_low.is_in(MODALS)
           & pl.col("match").str.contains(r"^\p{Ll}+$"))
        | (de & two & pl.col("a").str.contains(_INFINITIVE)
           & pl.col("b").str.contains(_ARTICLE_END))
        | pl.col("match").str.contains(_CONTRACTION_PLURAL)
    ).select("rid", "line_no", "offset")
    return pl.concat([by_shape, _hyphen_parts(x, ctx), _camel_phrases(x, ctx)]).unique().lazy()


def _hyphen_parts(x: pl.DataFrame, ctx: DetectContext) -> pl.DataFrame:
    """Rule 3: the cut falls inside a hyphen part that is a listed word."""
    hy = x.filter(
        (pl.col("n_parts") == 2) & pl.col("match").str.contains("-", literal=True)
        & pl.col("lang").is_not_null()
    ).with_columns(
        (pl.col("a").str.extract(r"([^-]*)$") + pl.col("b").str.extract(r"^([^-]*)"))
        .str.to_lowercase().alias("part"),
        pl.col("a").str.contains(r"\p{L}$").alias("a_ends"),
        pl.col("b").str.contains(r"^\p{L}").alias("b_opens"),
    ).filter(pl.col("a_ends") & pl.col("b_opens"))
    if hy.is_empty():
        return pl.DataFrame(schema=_NO_KEYS)
    listed = lexicon_rows(ctx.lexicon(), hy["part"]).filter(pl.col("zipf") >= HYPHEN_PART_ZIPF)
    return hy.join(listed.select("word", "lang"), left_on=["part", "lang"],
                   right_on=["word", "lang"], how="semi").select("rid", "line_no", "offset")


def _camel_phrases(x: pl.DataFrame, ctx: DetectContext) -> pl.DataFrame:
    """Rule 6: four or more capitalised parts, a later one a function word."""
    camel = x.filter(pl.col("match").str.contains(_CAMEL))
    if camel.is_empty():
        return pl.DataFrame(schema=_NO_KEYS)
    return (
        camel.with_columns(
            pl.col("match").str.extract_all(r"\p{Lu}\p{Ll}+").list.slice(1).alias("later")
        )
        .explode("later")
        .with_columns(pl.col("later").str.to_lowercase())
        .join(function_words(ctx), left_on=["later", "lang"], right_on=["word", "lang"],
              how="semi")
        .select("rid", "line_no", "offset")
        .unique()
    )
