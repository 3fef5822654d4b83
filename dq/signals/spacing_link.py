"""glued_words where a link ended: a word run into the next, from the shape the boundary leaves.

Why: a scraper that joins text nodes with nothing glues the anchor text of a
link to the word after it ("<a>Arsenal</a>hatte", "<a>Straßenrennen</a>Der").
In German, Swedish or Danish a closed compound is a real word, so "two listed
words" is no evidence there (:mod:`dq.signals.spacing_lang` keeps to splits
whose halves are both listed and more the language's own than English, and
the lexicon's splits to function words). Read on ../shared/eval/dev/glued.jsonl
(2026-12-07), the misses have three shapes no compound has:

1. *capital inside, a function word after it*: a word, then a capitalised
   function word of the record's language ("Straßenrennen|Der",
   "Anpassungsdruck|Seit", "samarbejde|I", "Аткинса|С"). A compound holds no
   capital inside, and a function word is no compound's head; the first part
   may be any word, a name or a compound the lexicon lacks. Not when the
   first part is more English than the language and so is the second
   ("Linked|In", "Plug|In": English spelled so). Any loaded language but English;
2. *a capitalised word, then a lower-case glue word* (closed-compound
   languages): one of the record language's GLUE_ON_RANK most frequent words,
   more its own than English, that ends at most :data:`TAIL_WORDS_MAX` listed
   words after a listed head (no compound's tail: "hatte", "seit", "wurden";
   not "jahren", "uhr", "und", counted in the word list itself as
   :func:`dq.signals._lexicon.glue_tails` does), run onto a listed capitalised
   word of HEAD_CHARS letters or more ("Arsenal|hatte", "Gazastreifen|wurden").
   The capitalised word is most often a name (the link), so these candidates
   are exempt from the name-run guard: the word glued on is the record's
   language and not English, which is what a name spelled in pieces
   ("Black|will") is not;
3. *a long word, then a capitalised word* (closed-compound languages): a
   capital after :data:`LONG_LEFT_CHARS` letters ("Straßenschäden|Bis",
   "Bundestagspräsidentin|Julia"); brands of two words are shorter.

A token listed whole in any loaded language is a word or a name as written
("LinkedIn", "Mützenich"); a token written twice in its record, or Title-Case
in two records, is no candidate (as :func:`dq.signals.spacing_lang.lang_glue`).
English records keep their tuned rules (:data:`OWN_RULES_LANGS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import polars as pl

from dq.signals._lexicon import CLOSED_COMPOUNDS, lexicon_rows
from dq.signals.spacing_closed import closed_glue
from dq.signals.spacing_heads import head_glue
from dq.signals.spacing_lang import LANG_SPLIT_MAX_CHARS, OWN_RULES_LANGS
from dq.signals.spacing_place import place_splits, token_forms
from dq.signals.spacing_real import function_words
from dq.signals.spacing_words import lower

if TYPE_CHECKING:
    from dq.signals.context import DetectContext

#: As :data:`dq.signals._lexicon.ENDING_WORDS_MAX` (glue_tails, same count): a word
#: that ends more listed words than this after a listed head of TAIL_HEAD_CHARS
#: letters or more is a compound's tail or a suffix there ("mann", "in", "ein").
TAIL_WORDS_MAX: Final = 3
TAIL_HEAD_CHARS: Final = 4
#: The listed words counted as heads and compounds: once in a hundred million words,
#: lower than glue_tails' ENDING_WORD_ZIPF (3.0), because rule 2 reads nouns too and a
#: noun's compounds are rarer words ("Lebens|jahren", "Arm|band|uhr"): at 3.0 "jahren",
#: "uhr", "werden" count one compound or none and "Model|jahren" was split on a page
#: of ../shared/eval/dev/lines.jsonl (2026-12-07); at 2.0 "hatte", "seit", "sind",
#: "wurden" stay glue words.
TAIL_WORD_ZIPF: Final = 2.0
#: A lower-case word glued on (rule 2) is among the GLUE_ON_RANK most frequent
#: words of its language ("hatte", "sind", "seit"): past them come nouns, which the
#: lexicon lists in too few compounds for the tail count to tell them from glue
#: ("Beamten|kredit", "Einstel|lungen": 150 findings on the German pages of
#: ../shared/eval/dev/lines.jsonl with 3.5 zipf as the only floor, 2026-12-07).
GLUE_ON_RANK: Final = 200
#: Shortest word glued on (rule 2): "am", "zu", "in" (one letter is an ending).
GLUE_ON_CHARS: Final = 2
#: Longest word rule 2 reads as glued on: the longest among any language's GLUE_ON_RANK
#: most frequent words is shorter (13 letters, 2026-12-07), so longer cuts
#: are not tried.
GLUE_ON_MAX_CHARS: Final = 14
#: Shortest capitalised word before it (rule 2): "Bank|seit", "Nord|und"; a shorter
#: one is a name's first syllable as often ("al-Sin|war", "Com|cidade").
HEAD_CHARS: Final = 4
#: A capitalised word before a glued-on word is listed this often in some language
#: (a word or a known name: "Nord", "Moss", "Arsenal"): a head in no list is a
#: name cut in two as often as a link ("Mouri|quand", "Голуб|ничего" against
#: "Turlington|gehört" on the pages of ../shared/eval/dev/lines.jsonl), or a
#: word cut ("Postbere|ich").
HEAD_LISTED_ZIPF: Final = 2.0
#: Shortest word (the last part after a hyphen) before a capitalised function
#: word (rule 1); five before a one-letter one ("samarbejde|I": "AlI" is a name).
LEFT_CHARS: Final = 4
LEFT_CHARS_ONE: Final = 5
#: Rule 3 (closed-compound languages): a capital inside a token after this many
#: letters starts a second word. German brands of two words are shorter
#: ("DeutschlandTrend", "WirtschaftsWoche": 11; "GlücksSpirale", "RevierSport",
#: "MasterCard"); glue after a compound is longer ("Straßenschäden|Bis",
#: "Bundestagspräsidentin|Julia"; on the German pages of
#: ../shared/eval/dev/lines.jsonl every such token is glue, 2026-12-07).
LONG_LEFT_CHARS: Final = 12
#: Rule 4: ``(lang, shape, part, how, text)``: a short word glued on where its language has
#: no word of that shape (``shape`` on the lower-cased token, two groups: the
#: words), so the token is two words when group ``part`` is a listed word and the
#: whole is none (``how``, ``text``: a literal test every match passes, tried
#: first: "end", "start" or "has" ``text``). Spanish "y" (and) ends no Spanish
#: word but those listed ("hoy", "muy", "ley"): "psiquiátrico|y", "ella|y"; Spanish
#: "a" before a word in "a"
#: ("a|abusar": no Spanish word opens with "aa"); Portuguese and Italian "e" (and)
#: before a word in "a" ("e|acontece": none opens with "ea"); Russian "в", "с",
#: "к" after an adjective's ending ("закрепленное|в": no word ends "-оев" but the
#: plurals of "-ой" nouns, listed: "героев"), and a word after the particles "-то",
#: "-либо", "-нибудь", which end a word ("кто-то|сделал"). Read on
#: ../shared/eval/dev/glued.jsonl, 2026-12-07 (9 positives).
ONE_LETTER_GLUE: Final = (
    ("es", r"^(\p{Ll}+)(y)$", 1, "end", "y"),
    ("es", r"^(a)(a\p{Ll}+)$", 2, "start", "aa"),
    ("pt", r"^(e)(a\p{Ll}+)$", 2, "start", "ea"),
    ("it", r"^(e)(a\p{Ll}+)$", 2, "start", "ea"),
    ("ru", r"^(\p{Ll}+(?:ое|ее|ые|ие|ая|яя|ой|ый|ий))(в)$", 1, "end", "в"),
    ("ru", r"^(\p{Ll}+(?:ое|ее|ые|ие|ая|яя|ой|ый|ий))(с)$", 1, "end", "с"),
    ("ru", r"^(\p{Ll}+(?:ое|ее|ые|ие|ая|яя|ой|ый|ий))(к)$", 1, "end", "к"),
    ("ru", r"^(\p{Ll}+-то)(\p{Ll}{3,})$", 2, "has", "-то"),
    ("ru", r"^(\p{Ll}+-либо)(\p{Ll}{3,})$", 2, "has", "-либо"),
    ("ru", r"^(\p{Ll}+-нибудь)(\p{Ll}{3,})$", 2, "has", "-нибудь"),
    # Swedish "att" (to, that) after a word ending in none of the letters of the
    # words "att" ends ("fort|satt", "sommar|natt", "han|katt", "för|statt": the
    # 17 such listed words): "berätta|att", "hopp|att"
    ("sv", r"^(\p{Ll}{3,}[^sntk])(att)$", 1, "end", "att"),
    # a Nordic article run into a definite adjective ("den|grønlandske"): no word
    # opens with the article and ends in the adjective's ending
    ("da", r"^(den|det|de)(\p{Ll}{3,}ske)$", 2, "end", "ske"),
    ("nb", r"^(den|det|de)(\p{Ll}{3,}ske)$", 2, "end", "ske"),
    ("sv", r"^(den|det|de)(\p{Ll}{3,}ska)$", 2, "end", "ska"),
)
#: The rest is a listed word of the language this often (once in 100 million words:
#: "ininterrumpidamente|y" is rare and a word)
#: and this long ("ella").
ONE_LETTER_PART_ZIPF: Final = 2.0
ONE_LETTER_PART_CHARS: Final = 4
#: Rule 5: languages whose acronyms take case endings written closed ("ГУПами",
#: "МИДа"), not words: an acronym then a listed word of CAPS_GLUE_CHARS letters or
#: more is glue ("НАБУ|опубликовали", "САП|направили"; the endings are shorter).
#: German is not one: "ZDFmediathek", "ARDmediathek" are names spelled so.
CAPS_GLUE_LANGS: Final = frozenset({"ru", "uk", "bg"})
CAPS_GLUE_ZIPF: Final = 3.0
CAPS_GLUE_CHARS: Final = 4
_CAPS_WORD: Final = rf"^(\p{{Lu}}{{2,6}})(\p{{Ll}}{{{CAPS_GLUE_CHARS},}})$"
#: Longest token read: the own-language pass's bound (one row per cut).
LINK_MAX_CHARS: Final = LANG_SPLIT_MAX_CHARS
#: Version of the cached glue-on word table's layout.
GLUE_ON_FORMAT: Final = 1
#: Rule 1's shape: an optional hyphenated lead, a word ending in lower case, a
#: capitalised word (the function word) ending the token.
_CAP_FW: Final = r"^((?:[\p{L}\p{N}]+-)*\p{Lu}?\p{Ll}+)(\p{Lu}\p{Ll}*)$"
#: Rule 2's shape: an optional hyphenated lead, a capitalised word, lower case.
_TITLE_LOW: Final = r"^(?:[\p{L}\p{N}]+-)*\p{Lu}\p{Ll}+$"
#: Rule 3's shape: a word of LONG_LEFT_CHARS letters or more (after a hyphen, if
#: any), then a capitalised word of three letters or more ending the token.
_LONG_TITLE: Final = (
    rf"^((?:[\p{{L}}\p{{N}}]+-)*\p{{Lu}}?\p{{Ll}}{{{LONG_LEFT_CHARS - 1},}})"
    r"(\p{Lu}\p{Ll}{2,})$"
)
#: Rule 3 in Cyrillic (:data:`CAPS_GLUE_LANGS`), which capitalises no noun: a capital
#: after this many lower-case letters ("Аткинса|Вторая"); brands are written with
#: shorter parts ("МегаФон", "ВымпелКом"), and on the Russian outside text of
#: audit22/audit23 (25k tokens) no token has a capital after five lower-case letters.
CYRILLIC_LEFT_CHARS: Final = 7
_CYRILLIC_TITLE: Final = (
    rf"^(\p{{Lu}}?\p{{Cyrillic}}{{{CYRILLIC_LEFT_CHARS - 1},}})(\p{{Lu}}\p{{Cyrillic}}{{2,}})$"
)
_SCHEMA: Final = {"w": pl.String, "lang": pl.String, "fix": pl.String, "free": pl.Boolean}


def glue_on_words(ctx: DetectContext) -> pl.DataFrame:
    """``word, lang``: the words rule 2 takes as glued on, per loaded language but
    English (module doc): frequent, more the language's than English, and the tail
    of at most TAIL_WORDS_MAX listed words. Kept in ``ctx``'s cache folder.

    >>> from dq.signals.context import DetectContext
    >>> g = glue_on_words(DetectContext()).filter(pl.col("lang") == "de")["word"]
    >>> sorted({"hatte", "seit", "jahren", "mann", "in", "will"} & set(g))
    ['hatte', 'seit']
    """

    def build() -> pl.DataFrame:
        from dq.signals._lexicon import lexicon_key
        from dq.signals._shared import cached_frame

        facts = [GLUE_ON_FORMAT, lexicon_key(ctx.languages), TAIL_WORDS_MAX, TAIL_HEAD_CHARS,
                 TAIL_WORD_ZIPF, GLUE_ON_RANK, GLUE_ON_CHARS]
        return cached_frame(ctx.cache_dir, "glue-on-words", facts,
                            lambda: _build_glue_on(ctx.lexicon()))

    frame: pl.DataFrame = ctx.cached("glued.link_glue_on", build)
    return frame


def _build_glue_on(lex: pl.DataFrame) -> pl.DataFrame:
    words = lex.filter(
        (pl.col("zipf") >= TAIL_WORD_ZIPF)
        & pl.col("lang").is_in(sorted(CLOSED_COMPOUNDS - OWN_RULES_LANGS))
    ).select("word", "lang", "zipf")
    english = lex.filter(pl.col("lang") == "en").select("word", pl.col("zipf").alias("ez"))
    n = pl.col("word").str.len_chars()
    pairs = words.select("word", "lang")
    cuts = pl.concat([
        pairs.filter(n >= k + GLUE_ON_CHARS).select(
            "lang", pl.col("word").str.slice(0, k).alias("head"),
            pl.col("word").str.slice(k).alias("tail"),
        )
        for k in range(TAIL_HEAD_CHARS, 24)
    ])
    tails = (
        cuts.join(pairs, left_on=["head", "lang"], right_on=["word", "lang"], how="semi")
        .join(pairs, left_on=["tail", "lang"], right_on=["word", "lang"], how="semi")
        .group_by(pl.col("tail").alias("word"), "lang")
        .agg(pl.len().alias("n"))
    )
    return (
        words.filter((n >= GLUE_ON_CHARS) & pl.col("word").str.contains(r"^\p{Ll}+$"))
        .sort(["lang", "zipf", "word"], descending=[False, True, False])
        .group_by("lang", maintain_order=True)
        .head(GLUE_ON_RANK)
        .join(english, on="word", how="left")
        .filter(pl.col("zipf") > pl.col("ez").fill_null(0.0))
        .join(tails, on=["word", "lang"], how="left")
        .filter(pl.col("n").fill_null(0) <= TAIL_WORDS_MAX)
        .select("word", "lang")
        .sort("lang", "word")
    )


def link_splits(words: pl.Series, ctx: DetectContext) -> pl.DataFrame:
    """``w, lang, fix, free``: the tokens of ``words`` a rule of the module doc splits
    in ``lang`` (``free``: rule 2, exempt from the name-run guard).

    >>> from dq.signals.context import DetectContext
    >>> ws = pl.Series(["StraßenrennenDer", "Arsenalhatte", "LinkedIn", "Blackwill",
    ...                 "samarbejdeI", "Journalist", "Sportverein", "Berlin-Marathonam"])
    >>> rows = link_splits(ws, DetectContext())
    >>> sorted(rows.filter(pl.col("lang") == "de").select("w", "fix").rows())
    [('Arsenalhatte', 'Arsenal hatte'), ('StraßenrennenDer', 'Straßenrennen Der')]
    >>> rows.filter(pl.col("lang") == "da").filter(pl.col("w") == "samarbejdeI")["fix"].to_list()
    ['samarbejde I']

    "am" ends more German words than a glue word does ("Berlin-Marathon|am" is missed).
    """
    w = words.to_frame("w").unique().filter(
        pl.col("w").str.len_chars().is_between(5, LINK_MAX_CHARS)
    )
    langs = sorted(set(ctx.languages) - OWN_RULES_LANGS)
    if w.is_empty() or not langs:
        return pl.DataFrame(schema=_SCHEMA)
    inner = w.filter(pl.col("w").str.contains(r"\p{Ll}\p{Lu}"))  # rules 1 and 3 read these
    found = pl.concat([
        _cap_function_word(inner, langs, ctx), _long_then_title(inner, langs),
        _title_then_glue(w, langs, ctx), _one_letter_word(w, langs, ctx),
        _caps_then_word(w, langs, ctx),
    ])
    if found.is_empty():
        return found
    # a token listed whole is a word or a name as written: asked of the few split only
    low = found.select(lower(pl.col("w")))["w"]
    whole = lexicon_rows(ctx.lexicon(), low)["word"]
    return (
        found.filter(~lower(pl.col("w")).is_in(whole.implode()))
        .sort("w", "lang", "free")  # rule 1 first where both split a token
        .unique(["w", "lang"], keep="first", maintain_order=True)
    )


def _cap_function_word(w: pl.DataFrame, langs: list[str], ctx: DetectContext) -> pl.DataFrame:
    """Rule 1: a word, then a capitalised function word of the language."""
    x = w.filter(pl.col("w").str.contains(_CAP_FW)).with_columns(
        pl.col("w").str.extract(_CAP_FW, 1).alias("a"),
        pl.col("w").str.extract(_CAP_FW, 2).alias("b"),
    ).with_columns(
        pl.col("a").str.extract(r"([^-]+)$", 1).alias("core"),
        lower(pl.col("b")).alias("b_low"),
    )
    if x.is_empty():
        return pl.DataFrame(schema=_SCHEMA)
    fw = function_words(ctx).filter(pl.col("lang").is_in(langs))
    core_n = pl.col("core").str.len_chars()
    x = x.join(fw, left_on="b_low", right_on="word").filter(
        pl.when(pl.col("b").str.len_chars() == 1).then(core_n >= LEFT_CHARS_ONE)
        .otherwise(core_n >= LEFT_CHARS)
    )
    if x.is_empty():
        return pl.DataFrame(schema=_SCHEMA)
    # English spelled closed ("Linked|In", "Plug|In"): both parts more English
    rows = lexicon_rows(ctx.lexicon(), pl.concat([x.select(lower(pl.col("core")))["core"],
                                                  x["b_low"]]))
    z = rows.select("word", "lang", "zipf")
    en = rows.filter(pl.col("lang") == "en").select("word", pl.col("zipf").alias("ez"))
    x = (
        x.with_columns(lower(pl.col("core")).alias("c_low"))
        .join(z.rename({"word": "c_low", "zipf": "za"}), on=["c_low", "lang"], how="left")
        .join(en.rename({"word": "c_low", "ez": "ea"}), on="c_low", how="left")
        .join(z.rename({"word": "b_low", "zipf": "zb"}), on=["b_low", "lang"], how="left")
        .join(en.rename({"word": "b_low", "ez": "eb"}), on="b_low", how="left")
    )
    english = (pl.col("ea").fill_null(0.0) > pl.col("za").fill_null(0.0)) & (
        pl.col("eb").fill_null(0.0) >= pl.col("zb").fill_null(0.0)
    )
    return x.filter(~english).select(
        "w", "lang", (pl.col("a") + " " + pl.col("b")).alias("fix"), pl.lit(False).alias("free")
    )


def _long_then_title(w: pl.DataFrame, langs: list[str]) -> pl.DataFrame:
    """Rule 3: a long word, then a capitalised word, in a closed-compound language
    (or a shorter one in Cyrillic, :data:`CYRILLIC_LEFT_CHARS`)."""
    out = []
    for shape, mine in ((_LONG_TITLE, CLOSED_COMPOUNDS), (_CYRILLIC_TITLE, CAPS_GLUE_LANGS)):
        chosen = sorted(mine & set(langs))
        x = w.filter(pl.col("w").str.contains(shape)).with_columns(
            pl.col("w").str.extract(shape, 1).alias("a"),
            pl.col("w").str.extract(shape, 2).alias("b"),
        )
        if x.is_empty() or not chosen:
            continue
        out.append(x.join(pl.DataFrame({"lang": chosen}), how="cross").select(
            "w", "lang", (pl.col("a") + " " + pl.col("b")).alias("fix"),
            pl.lit(False).alias("free"),
        ))
    return pl.concat(out) if out else pl.DataFrame(schema=_SCHEMA)


def _title_then_glue(w: pl.DataFrame, langs: list[str], ctx: DetectContext) -> pl.DataFrame:
    """Rule 2: a capitalised word, then a lower-case word glued on (module doc)."""
    x = w.filter(pl.col("w").str.contains(_TITLE_LOW))
    if x.is_empty():
        return pl.DataFrame(schema=_SCHEMA)
    n = pl.col("w").str.len_chars()
    start = pl.col("w").str.find(r"\p{Lu}\p{Ll}+$")
    cuts = (
        x.with_columns(start.alias("s0"))
        # cuts leaving a glue word's length only (no glue word is longer than GLUE_ON_MAX_CHARS)
        .with_columns(pl.int_ranges(pl.max_horizontal(pl.col("s0") + HEAD_CHARS,
                                                      n.cast(pl.Int64) - GLUE_ON_MAX_CHARS),
                                    n - GLUE_ON_CHARS + 1).alias("p"))
        .explode("p")
        .drop_nulls("p")
        .with_columns(pl.col("w").str.slice(pl.col("p")).alias("b"))
    )
    # closed-compound languages only (glue_on_words): there nouns are one word with
    # what they compound with, so a capitalised word run into a lower-case one is
    # glue or a compound, never a name's declension ("Голубн|ичего" in Russian)
    glue = glue_on_words(ctx).filter(pl.col("lang").is_in(langs))
    hits = cuts.join(glue, left_on="b", right_on="word").with_columns(
        lower(pl.col("w").str.slice(pl.col("s0"), pl.col("p") - pl.col("s0"))).alias("head"),
        lower(pl.col("w").str.slice(pl.col("s0"))).alias("last"),
    )
    if hits.is_empty():
        return pl.DataFrame(schema=_SCHEMA)
    # the last part after a hyphen listed whole is a word ("Sachsen-Anhalt"); a head in
    # no list before a short word is a word cut ("Postbere|ich", "Oberschleißhe|im")
    rows = lexicon_rows(ctx.lexicon(), pl.concat([hits["head"], hits["last"]]))
    listed = rows.filter(pl.col("zipf") >= HEAD_LISTED_ZIPF)["word"]
    hits = hits.filter(
        ~pl.col("last").is_in(rows["word"].implode())
        & pl.col("head").is_in(listed.implode())
        & (pl.col("head").str.len_chars() >= HEAD_CHARS)
    )
    return (
        # the longest word glued on ("Moss|sind", not "Moss|s|ind")
        hits.sort("w", "lang", "p")
        .unique(["w", "lang"], keep="first", maintain_order=True)
        .select(
            "w", "lang",
            (pl.col("w").str.slice(0, pl.col("p")) + " " + pl.col("b")).alias("fix"),
            pl.lit(True).alias("free"),
        )
    )


def _one_letter_word(w: pl.DataFrame, langs: list[str], ctx: DetectContext) -> pl.DataFrame:
    """Rule 4: a short word glued on where no word of the language has that shape
    (:data:`ONE_LETTER_GLUE`): the rest is a listed word, the whole is none."""
    low = pl.col("low")
    entries = [e for e in ONE_LETTER_GLUE if e[0] in langs]
    # the tokens one of the shapes can match, by literal tests first (no regex)
    w = w.with_columns(lower(pl.col("w")).alias("low"))
    hits = w.select(_hint(*e[3:]).any().alias(str(i)) for i, e in enumerate(entries)).row(0) \
        if entries and not w.is_empty() else ()
    entries = [e for e, hit in zip(entries, hits, strict=True) if hit]
    if not entries:
        return pl.DataFrame(schema=_SCHEMA)
    w = w.filter(pl.col("w").str.contains(r"^\p{Lu}?[\p{Ll}-]+$"))
    rows = [
        w.filter(_hint(how, text)).filter(low.str.contains(shape))
        .with_columns(low.str.extract(shape, 1).str.len_chars().alias("cut"))
        .select(
            "w", low.str.extract(shape, part).alias("part"),
            (pl.col("w").str.slice(0, pl.col("cut")) + " " + pl.col("w").str.slice(pl.col("cut")))
            .alias("fix"),
            pl.lit(lang).alias("lang"),
        )
        for lang, shape, part, how, text in entries
    ]
    x = pl.concat(rows) if rows else pl.DataFrame(schema={"w": pl.String, "part": pl.String,
                                                          "fix": pl.String, "lang": pl.String})
    if x.is_empty():
        return pl.DataFrame(schema=_SCHEMA)
    listed = lexicon_rows(ctx.lexicon(), x["part"]).filter(
        pl.col("zipf") >= ONE_LETTER_PART_ZIPF).select(pl.col("word").alias("part"), "lang")
    return x.join(listed, on=["part", "lang"], how="semi").filter(
        pl.col("part").str.len_chars() >= ONE_LETTER_PART_CHARS
    ).select("w", "lang", "fix", pl.lit(False).alias("free"))


def _hint(how: str, text: str) -> pl.Expr:
    """The literal test of an ONE_LETTER_GLUE entry on ``low`` (no regex).

    >>> pl.DataFrame({"low": ["ellay", "yno"]}).select(_hint("end", "y"))["low"].to_list()
    [True, False]
    """
    low = pl.col("low")
    if how == "end":
        return low.str.ends_with(text)
    if how == "start":
        return low.str.starts_with(text)
    return low.str.contains(text, literal=True)


def _caps_then_word(w: pl.DataFrame, langs: list[str], ctx: DetectContext) -> pl.DataFrame:
    """Rule 5: an acronym run into a listed word of the language (:data:`CAPS_GLUE_LANGS`)."""
    mine = sorted(CAPS_GLUE_LANGS & set(langs))
    x = w.filter(pl.col("w").str.contains(_CAPS_WORD)).with_columns(
        pl.col("w").str.extract(_CAPS_WORD, 1).alias("a"),
        pl.col("w").str.extract(_CAPS_WORD, 2).alias("b"),
    )
    if x.is_empty() or not mine:
        return pl.DataFrame(schema=_SCHEMA)
    listed = lexicon_rows(ctx.lexicon(), x["b"]).filter(
        (pl.col("zipf") >= CAPS_GLUE_ZIPF) & pl.col("lang").is_in(mine)
    ).select(pl.col("word").alias("b"), "lang")
    return x.join(listed, on="b").select(
        "w", "lang", (pl.col("a") + " " + pl.col("b")).alias("fix"), pl.lit(False).alias("free")
    )


def link_glue(
    unknown: pl.DataFrame, placed: pl.DataFrame, lines: pl.LazyFrame, ctx: DetectContext,
    forms: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The candidates of this module on a batch: ``rid, line_no, offset, match, fix, lang,
    free`` (``lang``: the language whose rule split it, kept only in a record of that
    language; ``free``: exempt from the name-run guard).

    ``unknown``, ``placed``: the batch's unknown tokens and where each distinct
    line occurs (:func:`~dq.signals.spacing_known.unknown_tokens`); ``forms``:
    their :func:`token_forms` (built if not given).
    """
    forms = token_forms(unknown) if forms is None else forms
    splits = link_splits(forms["w"], ctx)
    found = place_splits(unknown, placed, lines, splits, forms)
    heads = pl.concat([head_glue(unknown, placed, lines, ctx, forms),  # and spacing_closed's
                       closed_glue(unknown, placed, lines, ctx, forms)])
    return found if heads.is_empty() else pl.concat([found, heads.select(found.columns)])
