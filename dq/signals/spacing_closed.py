"""glued_words that a closed-compound language would never write as one word.

Why: a scraper that joins text nodes with nothing glues a link's text to the
next word. In a closed-compound language (German, Dutch, the Nordic
languages) a token of two words is no evidence of glue by itself, so the
rules of :mod:`dq.signals.spacing_link` and :mod:`dq.signals.spacing_heads`
keep to a function word glued on after a word and to tails that end few
listed words. Two shapes are no word of these languages whatever the
lexicon holds:

1. *an acronym inside a word* ("mit|SPD|und", "FDP|das"): these languages
   join an acronym to a word only with a hyphen (German *Durchkopplung*:
   "SPD-Chef"; Dutch "AOW-uitkering", Swedish "SVT-reporter"), so two to
   five capitals between lower-case parts, each a function word of the
   record's language more its own than English
   (:func:`~dq.signals.spacing_real.function_words`), are three words; an
   acronym's inflection or derivation ("PCs", "CDUler") is no function word;
2. *a function word, then a capital* ("Die|CDU-Politikerin", "Das|Hutfestival",
   "Auch|Quantumscape", after an opening quote too: "„Die|Krankenkassen"):
   these languages write no capital inside a word, and no compound opens
   with an article, a conjunction or an adverb: a capitalised function word
   of the record's language (:data:`LEAD_CHARS` letters or more, more its
   own than English) run into a capitalised word that is no listed word (two
   listed words are :mod:`dq.signals.spacing_lang`'s rule 2, which knows the
   brands written so: "DerStandard", "DieZeit"). Exempt from the guards that
   read two short Title-Case parts as a brand ("ThisDay", "OpenSea") or a
   Title-Case token after a Title-Case word as a name: an English brand opens
   with an English word, and no name opens with a German article. The word
   after the function word is one word: a lower-case letter followed by a
   capital inside it ("Das|IstMeinPasswortFuerFacebook",
   "Ich|MagLieberStarTrek") makes the token a phrase written in CamelCase on
   purpose (a password, a hashtag, an identifier), not two text nodes joined:
   a scraper's join glues one word to the next, not a run of five (xcheck26:
   the rule's only two findings on 1,028 derStandard articles were such
   passwords, quoted in an article about them).

3. *a word or name, then a German finite verb* ("Kloppsagte", "Wembleysteht"):
   a German compound's head is a noun (or an adjective), never a finite
   verb, so a token that ends in a finite verb form of :data:`FINITE_VERBS`
   after a capitalised stem (a noun or a name: the verb of a sentence after
   its subject, or after a name at a clause's end) is two words. The list
   keeps only forms that end no German noun, adjective or name as a suffix
   or a head: not "ist" (the -ist nouns, named after people too: "Marxist",
   "Maoist", "Titoist", "Dadaist"), "war"/"waren" ("Samowar", "Backwaren",
   the names "Sinwar", "Anwar"), "stand" ("Wasserstand"), "lag" ("Jetlag",
   "Verlag"), "tritt" ("Auftritt"), "ging" (the English gerunds "Jogging",
   "Tagging"), "würde" ("Menschenwürde"), "wäre" ("Schwäre"), "habe"/"haben"
   ("Guthaben"), "hat" (the names in "-chat", Nordic "Kvinnohat"), "hatten"
   (the place "Kirchhatten", Nordic "Solhatten"), "kam" (the names "Leykam",
   "Timelkam", "Bergkamen", "Harkam"), "liegt" ("Auf|fliegt"), "betonte"
   (the adjectives "körperbetonte", "gefühlsbetonte") nor an infinitive (a
   nominalised infinitive or a plural is a noun: "Einkommen", "Heldensagen").
   The stem (its last hyphen part) is a listed word or name of a loaded
   language, :data:`LEAD_CHARS` letters or more; no function word of any loaded
   language; no verb particle, nor one with the verb's first letters
   ("Feststeht", "Preisgibt", "Unt|erhielt": particle verbs written whole); no
   inseparable prefix, alone or after particles ("Entsteht", "Abgesagte",
   "Mitangehört"); and it ends in no "c" (a cut after "c" splits the digraph
   "ch": "Besc|hatte"). Each form was checked against the words of every loaded
   lexicon that end in it (gluedde28). A lower-case stem is left alone: it may
   be a particle verb ("zusammenkam", "bevorsteht") written whole at a clause's
   end.

Each token is no listed word of any loaded language ("BahnCard" is listed
whole), written once in its record and not Title-Case in two records
(:func:`dq.signals.spacing_place.place_splits`), and kept only in a record of
the language named. Found reading the German misses of
``../shared/eval/dev/glued.jsonl`` (issue 15, recall26, 2026-12-08): 8 more
German positives found, none of its negatives and no new finding on the
dev pages' own text (lines.jsonl, partial_lines.jsonl) nor on the outside
audits' excerpts. A third shape read there, a multi-word name's last word
glued to any tail ("Manchester City|steht"), was dropped: its context (a
capitalised word before the token) is every surname's ("Francesca Prader",
"Espen Evensen"), 60 wrong splits on the dev pages' text; rule 3 reads the
verb instead, from a closed list (gluedde28).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import polars as pl

from dq.signals._lexicon import CLOSED_COMPOUNDS, lexicon_rows
from dq.signals.spacing_lang import OWN_RULES_LANGS
from dq.signals.spacing_place import place_splits
from dq.signals.spacing_words import lower

if TYPE_CHECKING:
    from dq.signals.context import DetectContext

__all__ = [
    "FINITE_VERBS",
    "LEAD_CHARS",
    "VERB_PARTICLES",
    "acronym_splits",
    "closed_glue",
    "lead_splits",
    "verb_splits",
]

#: Rule 2: shortest function word read ("Die", "Das", "Auch"; not "Im", "Am": a
#: brand's two letters).
LEAD_CHARS: Final = 3
#: Rule 2: a capitalised function word (after an opening quote the token kept:
#: "„DieKrankenkassen"), then a capital and more (hyphens too).
_LEAD: Final = r"^([„“\"‚‘«»]?\p{Lu}\p{Ll}{2,})(\p{Lu}[\p{L}-]*\p{Ll}[\p{L}-]*)$"
#: Rule 2: a lower-case letter followed by a capital in the word after the function
#: word: a CamelCase phrase ("IstMeinPasswort"), not one glued word (module doc).
_CAMEL: Final = r"\p{Ll}\p{Lu}"
#: Rule 1: lower-case letters, two to five capitals, lower-case letters (either
#: lower-case part may be missing, not both).
_ACRONYM: Final = r"^(\p{Ll}{2,}|)(\p{Lu}{2,5})(\p{Ll}{2,}|)$"
#: Rule 3: German finite verb forms (auxiliaries, modals' past, the reporting and
#: placing verbs of news text) that end no German noun, adjective or name (module
#: doc: which forms are left out, and why).
FINITE_VERBS: Final = frozenset({
    "hatte", "hätte", "hätten", "wird", "wurde", "wurden", "sind", "kann", "konnte",
    "konnten", "sollte", "sollten", "wollte", "wollten", "musste", "mussten", "sagt", "sagte",
    "sagten", "meinte", "forderte", "sprach", "spielte", "steht", "gelang", "erhielt",
    "erhielten", "gehört", "gibt", "zeigte", "erklärte",
})
#: Rule 3: first parts of German particle verbs beyond spacing_forms.PARTICLES (Duden:
#: an adjective or adverb written as one word with its verb: "feststeht", "bereitsteht").
VERB_PARTICLES: Final = (
    "aufrecht", "bekannt", "bereit", "bevor", "dabei", "dagegen", "daher", "dahin", "dahinter",
    "danach", "daneben", "darauf", "davor", "dran", "drauf", "drin", "durch", "entgegen",
    "fern", "fest", "frei", "gegenüber", "gerade", "gleich", "heran", "herauf", "herum",
    "herunter", "hervor", "hinauf", "hinterher", "hinunter", "hinzu", "hoch", "inne", "leer",
    "nahe", "nieder", "offen", "preis", "raus", "rein", "rum", "rüber", "selbst", "statt",
    "still", "teil", "unter", "voraus", "vorher", "weis", "wider", "wieder", "wohl",
    "zufrieden", "zurecht", "zustande", "zuteil", "übrig",
)
#: Rule 3: a stem that is an inseparable verb prefix, alone or after a particle: the
#: token is a prefixed verb or its participle ("Entsteht", "Abgesagte", "Mitangehört").
_PREFIX: Final = "(?:un|miss|{p})*(?:ge|be|ent|emp|er|ver|zer|miss)"
#: Rule 3: a capitalised stem (hyphens too), then the shortest stem before a listed
#: form: the longest form ("Liverpool|erhielt", not "Liverpooler|hielt").
_VERB_TAIL: Final = (r"^(\p{Lu}[\p{L}-]*?\p{Ll})("
                     + "|".join(sorted(FINITE_VERBS, key=len, reverse=True)) + ")$")
_QUOTES: Final = "„“\"‚‘«»"
_SCHEMA: Final = {"w": pl.String, "lang": pl.String, "fix": pl.String, "free": pl.Boolean}


def own_function_words(ctx: DetectContext) -> pl.DataFrame:
    """``word, lang``: the function words of each language of this module (closed-compound,
    without rules of its own) that are more frequent there than in English. Built once
    per context; both rules read it.

    >>> from dq.signals.context import DetectContext
    >>> fw = own_function_words(DetectContext())
    >>> {"und", "das", "mit"} <= set(fw.filter(pl.col("lang") == "de")["word"])
    True
    """
    from dq.signals.spacing_real import function_words

    def build() -> pl.DataFrame:
        langs = sorted((CLOSED_COMPOUNDS & set(ctx.languages)) - OWN_RULES_LANGS)
        fw = function_words(ctx).filter(pl.col("lang").is_in(langs))
        rows = lexicon_rows(ctx.lexicon(), fw["word"])
        english = rows.filter(pl.col("lang") == "en").select("word", pl.col("zipf").alias("ez"))
        return (rows.join(fw, on=["word", "lang"], how="semi")
                .join(english, on="word", how="left")
                .filter(pl.col("zipf") > pl.col("ez").fill_null(0.0)).select("word", "lang"))

    own: pl.DataFrame = ctx.cached("glued.closed_function_words", build)
    return own


def acronym_splits(words: pl.Series, ctx: DetectContext) -> pl.DataFrame:
    """``w, lang, fix, free``: rule 1 of the module doc, an acronym between function words.

    >>> from dq.signals.context import DetectContext
    >>> ws = pl.Series(["mitSPDund", "FDPdas", "vonSEPA", "CDUler", "PCs", "iOS", "ZDFneo"])
    >>> rows = acronym_splits(ws, DetectContext()).filter(pl.col("lang") == "de")
    >>> sorted(rows.select("w", "fix").rows())
    [('FDPdas', 'FDP das'), ('mitSPDund', 'mit SPD und'), ('vonSEPA', 'von SEPA')]
    """
    langs = sorted((CLOSED_COMPOUNDS & set(ctx.languages)) - OWN_RULES_LANGS)
    x = words.to_frame("w").unique().filter(pl.col("w").str.contains(_ACRONYM))
    if x.is_empty() or not langs:
        return pl.DataFrame(schema=_SCHEMA)
    x = x.with_columns(*(pl.col("w").str.extract(_ACRONYM, k).alias(c)
                         for k, c in ((1, "a"), (2, "caps"), (3, "b"))))
    own = own_function_words(ctx)
    per_lang = pl.concat([x.with_columns(pl.lit(lang).alias("lang")) for lang in langs])
    ok = [((pl.col(c) == "") | pl.struct(pl.col(c).alias("word"), "lang").is_in(
        own.to_struct().implode())) for c in ("a", "b")]
    return (
        per_lang.filter(ok[0] & ok[1] & ((pl.col("a") != "") | (pl.col("b") != "")))
        .select("w", "lang", pl.concat_str(
            [pl.col("a"), pl.col("caps"), pl.col("b")], separator=" ").str.strip_chars()
            .alias("fix"), pl.lit(False).alias("free"))
    )


def lead_splits(words: pl.Series, ctx: DetectContext) -> pl.DataFrame:
    """``w, lang, fix, free``: rule 2 of the module doc, a function word run into a capital.

    >>> from dq.signals.context import DetectContext
    >>> ws = pl.Series(["DieCDU-Politikerinwies", "AuchQuantumscape", "DerStandard",
    ...                 "HausMeister", "ImPuls", "DasIstMeinPasswort"])
    >>> rows = lead_splits(ws, DetectContext()).filter(pl.col("lang") == "de")
    >>> sorted(rows.select("w", "fix").rows())  # doctest: +NORMALIZE_WHITESPACE
    [('AuchQuantumscape', 'Auch Quantumscape'),
     ('DieCDU-Politikerinwies', 'Die CDU-Politikerinwies')]
    """
    langs = sorted((CLOSED_COMPOUNDS & set(ctx.languages)) - OWN_RULES_LANGS)
    x = words.to_frame("w").unique().filter(pl.col("w").str.contains(_LEAD))
    if x.is_empty() or not langs:
        return pl.DataFrame(schema=_SCHEMA)
    x = x.with_columns(pl.col("w").str.extract(_LEAD, 1).alias("a"),
                       pl.col("w").str.extract(_LEAD, 2).alias("b"))
    x = x.filter(~pl.col("b").str.contains(_CAMEL))
    x = x.with_columns(lower(pl.col("a")).str.strip_chars_start(_QUOTES).alias("low"))
    x = x.filter(pl.col("low").str.len_chars() >= LEAD_CHARS)
    listed = lexicon_rows(ctx.lexicon(), x.select(lower(pl.col("b")))["b"])["word"]
    x = x.filter(~lower(pl.col("b")).is_in(listed.implode()))
    own = own_function_words(ctx).rename({"word": "low"})
    return (
        x.join(own, on="low")
        .select("w", "lang", (pl.col("a") + " " + pl.col("b")).alias("fix"),
                pl.lit(True).alias("free"))
    )


def verb_splits(words: pl.Series, ctx: DetectContext) -> pl.DataFrame:
    """``w, lang, fix, free``: rule 3 of the module doc, a word or name run into a
    German finite verb.

    >>> from dq.signals.context import DetectContext
    >>> ws = pl.Series(["Kloppsagte", "Wembley-Stadionsteht", "Liverpoolerhielt", "Feststeht",
    ...                 "Marxist", "Sinwar", "Einkommen", "zusammenkam", "Qzxwvhatte", "Harkam",
    ...                 "Abgesagte", "Unterhielten", "Beschatten", "Preisgibt",
    ...                 "Körperbetonte", "Mitangehört", "Kirchhatten", "Wohlgemeinte"])
    >>> rows = verb_splits(ws, DetectContext())
    >>> sorted(rows.select("w", "fix").rows())  # doctest: +NORMALIZE_WHITESPACE
    [('Kloppsagte', 'Klopp sagte'), ('Liverpoolerhielt', 'Liverpool erhielt'),
     ('Wembley-Stadionsteht', 'Wembley-Stadion steht')]
    """
    if "de" not in ctx.languages:
        return pl.DataFrame(schema=_SCHEMA)
    x = words.to_frame("w").unique().filter(pl.col("w").str.contains(_VERB_TAIL))
    if x.is_empty():
        return pl.DataFrame(schema=_SCHEMA)
    x = x.with_columns(pl.col("w").str.extract(_VERB_TAIL, 1).alias("a"),
                       pl.col("w").str.extract(_VERB_TAIL, 2).alias("b"))
    x = x.with_columns(lower(pl.col("a")).str.extract(r"([^-]*)$").alias("stem"))
    x = x.filter(pl.col("stem").str.len_chars() >= LEAD_CHARS)
    from dq.signals.spacing_forms import PARTICLES
    from dq.signals.spacing_real import function_words

    # a function word of any loaded language is no noun nor name ("Har|kam": Nordic "har")
    fw = function_words(ctx)["word"]
    particles = sorted({*PARTICLES, *VERB_PARTICLES}, key=len, reverse=True)
    prefixed = "^" + _PREFIX.format(p="|".join(particles)) + "$"
    only_particles = "^(?:" + "|".join(particles) + ")+$"
    x = x.filter(~pl.col("stem").is_in(fw.implode()) & ~pl.col("stem").str.contains(only_particles)
                 # "Besc|hatten": the split would cut the digraph "ch"
                 & ~pl.col("stem").str.contains(prefixed) & ~pl.col("stem").str.ends_with("c"))
    # the stem and the verb's first letters a particle: "Unt|erhielt" is "unter|hielt"
    for k in (1, 2, 3):
        x = x.filter(~(pl.col("stem") + pl.col("b").str.slice(0, k)).is_in(particles))
    listed = lexicon_rows(ctx.lexicon(), x["stem"])["word"]
    return (
        x.filter(pl.col("stem").is_in(listed.implode()))
        .select("w", pl.lit("de").alias("lang"), (pl.col("a") + " " + pl.col("b")).alias("fix"),
                pl.lit(True).alias("free"))
    )


def closed_glue(
    unknown: pl.DataFrame, placed: pl.DataFrame, lines: pl.LazyFrame, ctx: DetectContext,
    forms: pl.DataFrame,
) -> pl.DataFrame:
    """The candidates of this module on a batch, placed in their lines as
    :func:`dq.signals.spacing_link.link_glue`'s (``rid, line_no, offset, match, fix,
    lang, free``)."""
    words = forms["w"]
    splits = pl.concat([acronym_splits(words, ctx), lead_splits(words, ctx),
                        verb_splits(words, ctx)])
    # A token listed whole is a word or a brand as written ("BahnCard"); no candidate, no
    # lexicon read (a batch of well-known words never loads it: test_startup_caches).
    if not splits.is_empty():
        whole = lexicon_rows(ctx.lexicon(), splits.select(lower(pl.col("w")))["w"])["word"]
        splits = splits.filter(~lower(pl.col("w")).is_in(whole.implode()))
    return place_splits(unknown, placed, lines, splits, forms)
