"""glued_words guards for Romance languages: a prefixed derivation, a verb with its enclitics.

Why: the lexicon explains many Spanish, Portuguese, Italian and French words
as two ("sobrecomprado" -> "sobre comprado", "allanarnos" -> "allanar nos").
Both shapes are productive morphology, so wordfreq's lists do not hold most of
their words, and "is the token listed" cannot tell them from glue. Their
*halves* can, as for English in :mod:`dq.signals.spacing_real`:

1. *derived*: both halves lower case, the left one a derivational prefix of
   the record's language (:data:`PREFIXES`; Spanish and Portuguese write them
   joined, RAE 2010: "expresidente", "antivacunas") and the right one no
   function word of it ("sobre|la", "entre|los", "contra|el" stay glue);
2. *enclitic* (Spanish, Italian, which write object pronouns joined to an
   infinitive or a gerund: "allanarnos", "dárselo", "farlo", "facendolo"):
   both halves lower case, the left one ends as an infinitive or a gerund
   (:data:`VERB_ENDINGS`) and the right one is an enclitic pronoun or a
   cluster of two (:data:`CLITICS`). Portuguese hyphenates them ("fazê-lo"),
   so it is left out.

Measured on ../shared/eval/dev/glued.jsonl and the outside audit of issue 15
(tests/data/audit/judgements_c.jsonl), 2026-12-07: see changelog.d/gluedrom.md.
"""

from __future__ import annotations

from typing import Final

import polars as pl

_COMMON: Final = (
    "anti", "sub", "super", "ex", "vice", "macro", "micro", "mini", "multi", "semi",
    "auto", "inter", "intra", "extra", "ultra", "neo", "pseudo", "bi", "tri", "post",
    "co", "mega", "infra",
)
#: Derivational prefixes written joined to a stem, per language (grammars of
#: each language: RAE's "Ortografía" 2010 for Spanish, the Acordo Ortográfico
#: 1990 for Portuguese, Treccani's "prefissi" for Italian, the Académie's
#: "rectifications" 1990 for French), not the words of the audit.
PREFIXES: Final[dict[str, tuple[str, ...]]] = {
    "es": (*_COMMON, "sobre", "contra", "entre", "re", "pre", "pos", "pro", "des",
           "hiper", "seudo", "centro", "tele"),
    "pt": (*_COMMON, "sobre", "contra", "entre", "re", "pos", "des", "hiper", "centro",
           "tele"),
    "it": (*_COMMON, "sopra", "sovra", "sotto", "contro", "tra", "iper", "ri", "pre",
           "dis", "centro", "tele"),
    "fr": (*_COMMON, "sur", "sous", "contre", "entre", "hyper", "néo", "re", "ré", "pré",
           "dé", "dés", "centre", "télé", "méga"),
}
#: Endings of an infinitive or a gerund that takes enclitics (Spanish
#: "allanar|nos", "diciéndo|le"; Italian truncates the infinitive: "far|lo",
#: "veder|la", and its gerund: "facendo|lo").
VERB_ENDINGS: Final[dict[str, tuple[str, ...]]] = {
    "es": ("ar", "er", "ir", "ár", "ér", "ír", "ando", "iendo", "yendo", "ándo", "iéndo"),
    "it": ("ar", "er", "ir", "ando", "endo"),
}
#: Shortest verb form an enclitic is joined to: the shortest infinitives
#: ("ver", "dar", Italian "far") have three letters.
MIN_VERB_CHARS: Final = 3
_ES_ONE: Final = ("me", "te", "se", "nos", "os", "lo", "la", "los", "las", "le", "les")
_IT_ONE: Final = ("mi", "ti", "si", "ci", "vi", "lo", "la", "li", "le", "gli", "ne")
#: Enclitic pronouns, alone or as a cluster of two ("se|lo", "glie|lo").
CLITICS: Final[dict[str, tuple[str, ...]]] = {
    "es": (*_ES_ONE, *(f"{a}{b}" for a in ("me", "te", "se", "nos", "os")
                       for b in ("lo", "la", "los", "las"))),
    "it": (*_IT_ONE, *(f"{a}{b}" for a in ("me", "te", "se", "ce", "ve", "glie")
                       for b in ("lo", "la", "li", "le", "ne"))),
}


def _keys(table: dict[str, tuple[str, ...]]) -> list[str]:
    """``lang|part`` keys of a per-language table.

    >>> _keys({"es": ("a", "b")})
    ['es|a', 'es|b']
    """
    return [f"{lang}|{part}" for lang, parts in table.items() for part in parts]


def _key(col: str) -> pl.Expr:
    return pl.concat_str([pl.col("lang"), pl.lit("|"), pl.col(col)])


def romance_derived(both_low: pl.Expr, b_fw: pl.Expr) -> pl.Expr:
    """Rule 1 (module doc) over columns ``lang, a, b``; ``b_fw``: b is a function word.

    >>> low = pl.col("a").str.contains(r"^\\p{Ll}+$") & pl.col("b").str.contains(r"^\\p{Ll}+$")
    >>> df = pl.DataFrame({"lang": ["es", "es", "en", "es"],
    ...                    "a": ["sobre", "sobre", "sobre", "Sobre"],
    ...                    "b": ["comprado", "la", "comprado", "Comprado"],
    ...                    "fw": [False, True, False, False]})
    >>> df.select(romance_derived(low, pl.col("fw")).alias("x"))["x"].to_list()
    [True, False, False, False]
    """
    return both_low & b_fw.not_() & _key("a").is_in(_keys(PREFIXES)).fill_null(False)


def enclitic(both_low: pl.Expr) -> pl.Expr:
    """Rule 2 (module doc) over columns ``lang, a, b``.

    >>> low = pl.col("a").str.contains(r"^\\p{Ll}+$") & pl.col("b").str.contains(r"^\\p{Ll}+$")
    >>> df = pl.DataFrame({"lang": ["es", "es", "it", "pt"],
    ...                    "a": ["allanar", "para", "far", "fazer"],
    ...                    "b": ["nos", "las", "lo", "lo"]})
    >>> df.select(enclitic(low).alias("x"))["x"].to_list()
    [True, False, True, False]
    """
    ends = pl.lit(False)
    for lang, endings in VERB_ENDINGS.items():
        ends = ends | ((pl.col("lang") == lang) & pl.any_horizontal(
            pl.col("a").str.ends_with(e) for e in endings))
    # a stem before the ending ("ver|la", "dar|le", "far|lo"): "ar|las" is no verb
    stem = pl.col("a").str.len_chars() >= MIN_VERB_CHARS
    return (both_low & ends & stem & _key("b").is_in(_keys(CLITICS))).fill_null(False)


#: Endings of the inflected forms of nouns, adjectives and verbs (the
#: grammars above; the regular paradigms only): a word is a stem and one of
#: these ("obst|e", "obst|ar"; "dedil|es", "dedil|"). Not the audit's words.
ENDINGS: Final[dict[str, tuple[str, ...]]] = {
    "es": ("", "s", "es", "a", "e", "o", "as", "os", "an", "en", "ar", "er", "ir", "ado",
           "ada", "ados", "adas", "ido", "ida", "idos", "idas", "amos", "emos", "imos",
           "aba", "ía", "ó", "é", "ió"),
    "pt": ("", "s", "es", "a", "e", "o", "as", "os", "am", "em", "ar", "er", "ir", "ado",
           "ada", "ados", "adas", "ido", "ida", "idos", "idas", "amos", "emos", "imos",
           "ava", "ia", "ou", "ei", "ção", "ções"),
    "it": ("", "a", "e", "i", "o", "are", "ere", "ire", "ato", "ata", "ati", "ate", "ito",
           "ita", "iti", "ite", "ano", "ono", "iamo"),
    "fr": ("", "s", "e", "es", "er", "ez", "ent", "ons", "é", "ée", "és", "ées", "ir", "it",
           "is", "ait"),
}
#: Shortest stem an ending is taken from ("obst|e"): a shorter one is a
#: function word more often than a stem ("con|el" is no "cone|l").
MIN_INFLECTED_STEM: Final = 4


def inflected_forms(cands: pl.DataFrame) -> pl.DataFrame:
    """``rid, line_no, offset, lang, form``: the other forms of each lower-case candidate's
    stem, where its split cuts into that stem.

    Why: a split that cuts a stem ("obs|te" in Portuguese "obste", a form of
    "obstar"; "de|diles", Spanish plural of "dedil") leaves an ending, and
    the token is a form of a word the lexicon lists in another form, rarer
    forms being missing from it. ``cands``: ``rid, line_no, offset, lang,
    low`` (the match in lower case) and ``a`` (the fix's left half). The
    caller looks the forms up.

    >>> cands = pl.DataFrame({"rid": [0, 0], "line_no": [1, 1], "offset": [0, 9],
    ...                       "lang": ["pt", "pt"], "low": ["obste", "salariode"],
    ...                       "a": ["obs", "salario"]})
    >>> forms = inflected_forms(cands)
    >>> {"obsta", "obstar"} <= set(forms.filter(pl.col("offset") == 0)["form"])
    True
    >>> "salario" in set(forms.filter(pl.col("offset") == 9)["form"])  # cut after the stem
    False
    """
    table = pl.DataFrame(
        [(lang, end) for lang, ends in ENDINGS.items() for end in ends],
        schema={"lang": pl.String, "end": pl.String}, orient="row",
    )
    n = pl.col("low").str.len_chars()
    stems = (
        cands.filter(pl.col("low").str.contains(r"^\p{Ll}+$"))
        .join(table, on="lang")
        .filter(pl.col("low").str.ends_with(pl.col("end")))
        .with_columns(pl.col("low").str.slice(0, n - pl.col("end").str.len_chars()).alias("stem"))
        # the split cuts into the stem: the stem is no word glued to a short one
        .filter((pl.col("stem").str.len_chars() >= MIN_INFLECTED_STEM)
                & (pl.col("a").str.len_chars() < pl.col("stem").str.len_chars()))
    )
    return (
        stems.join(table.rename({"end": "other"}), on="lang")
        .with_columns((pl.col("stem") + pl.col("other")).alias("form"))
        .filter(pl.col("form") != pl.col("low"))
        .select("rid", "line_no", "offset", "lang", "form")
        .unique()
    )
