"""glued_words where one language's word list places the boundary: a name or word then a
function word, a word then a name or a number, two Vietnamese syllables, a colon.

Why: a scraper that joins text nodes with nothing glues a link's last word to
the next word. :mod:`dq.signals.spacing_link` reads that in closed-compound
languages only where the word glued on ends no compound ("Arsenal|hatte"), and
the name-run guard keeps a Title-Case token after a Title-Case word whole
("Robert Blackwill"). Five boundaries need less caution:

1. *a head, then a function word* (closed-compound languages): a capitalised
   word, then one of the record language's function words, more its own than
   English. A compound or separable verb of the language has a head of the
   language ("be|steht", "fest|steht"); a head that is another language's far
   more than the record's ("City", "United", "Hora": :data:`FOREIGN_MARGIN`)
   makes none, so the function word after it starts a word ("Sheffield
   United|ein", "Ultima Hora|eine"); this is exempt from the name-run guard (a
   name spelled in pieces, "Black|will", is not glued to a word of the
   record's language). A head of the language's own is not read: its function
   words are nouns too, and compound ("Liebes|aus", "Saison|aus": "das Aus").
   The head is a listed word of some language (a known name, :data:`HEAD_LISTED_ZIPF`),
   so a name cut in two ("Mouri|quand") is not read, and a function word that
   ends many listed words after a foreign head is an ending there, not glue
   (:data:`FOREIGN_TAIL_WORDS`: "Baptist", "Blogger|in"; of two letters only
   :data:`TWO_LETTER_WORDS`);
2. *two Vietnamese syllables*: Vietnamese writes every syllable apart, names
   too ("Hà Nội", "Nguyễn Văn An"), so a token of two listed syllables, each
   one run of vowels, with a letter only Vietnamese writes ("Nội|hôm",
   "An|đã") is glue, Title-Case or not (exempt from the name-run guard).
   Brands joined on purpose ("Vinamilk", "Viettel", "VnExpress") are written
   without those letters;
3. *a colon between two words* (Romance languages): "um:um". German writes a
   gender colon inside words ("Lehrer:innen") and the Nordic languages a colon
   before an ending ("EU:s", "tv:n"): :data:`COLON_LANGS` write neither, so two
   listed words around a colon are two words;
4. *a word, then a name* (closed-compound languages): a word of the language
   ("Ikone", "Mutter", "mit"), a capital, and a capitalised word that goes on
   as a name ("Kawasaki-Ikone|Jonathan Rea", "Mutter|Queen Elizabeth"). These
   languages write no capital inside a word; their brands written closed
   ("BahnCard", "RevierSport") are a brand's two words, rarely followed by a
   name (:data:`_NAME_NEXT`), and an English first word ("Play|Station",
   "Hello|Fresh") is not the language's own (:data:`CASE_LEFT_ZIPF`);
5. *a function word, then a number* (any loaded language but English, whose
   tuned rules stay): "der|2. Bundesliga", "nach dem|1:3". A link or a figure
   set apart in the page ("der <a>2. Bundesliga</a>") is glued to the article
   or preposition before it; no word of a language is a function word with
   digits after it. The fix inserts a space and keeps every digit.

Each rule fires only in a record of the language named (the record's own, given
or identified), and the token is no listed word of any language, is written
once in its record and not Title-Case in two records
(:func:`dq.signals.spacing_place.place_splits`). Read, before writing them, on
the pages of ../shared/eval/dev/glued.jsonl whose site hashes to the tune half
(:func:`dq.evaluate.glued_sites.site_subset`, 2026-12-07): 40 of the 72 German
misses there are a Title-Case word then a lower-case one; rule 2 was written
from the shape of the script alone (Vietnam's only site is held out) and its
one-vowel-run test from what it split on the Vietnamese outside text of audit24.
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

#: Rule 1: the head is listed this much less often (zipf, log10) in the record's
#: language than in the loaded language that lists it most: about three times rarer,
#: another language's word. "city" (de 4.6, en 5.6), "forest" (3.5, 4.7), "hora"
#: (2.7, pt 5.6); loanwords German writes often stay German ("Team", "Star": 0.45).
FOREIGN_MARGIN: Final = 0.5
#: Rule 1: the head is a word or a known name of some language this often (as
#: spacing_link's HEAD_LISTED_ZIPF), and this long (as its HEAD_CHARS).
HEAD_LISTED_ZIPF: Final = 2.0
HEAD_CHARS: Final = 4
#: Rule 1: two-letter function words that end no German name or loanword (German
#: grammar: "-er", "-en", "-es", "-em", "-in" are endings, "-an" ends names:
#: "Jordan", "Callan"); three letters or more otherwise.
TWO_LETTER_WORDS: Final = frozenset({"am", "im", "um", "zu"})
TAIL_CHARS: Final = 3
#: Rule 1: a function word that ends more listed words of its language after a
#: foreign head than this is an ending there, not a word glued on. Counted in the
#: word list (2026-12-07): German "und" 8, "aus" 10, "ein" 7, "nach" 4 against "zeit"
#: 16, "ist" 50 ("Baptist"), "der" 46, "den" 72; Dutch "uit" 9, "op" 10 against "ons"
#: 53; Swedish "att" 8, "det" 10 against "den" 44.
FOREIGN_TAIL_WORDS: Final = 10
#: Version of the cached tail table's layout.
HEADS_FORMAT: Final = 3
#: Rule 2: each syllable is listed this often in Vietnamese (once in a million
#: words: the syllables of running text, not the list's loan fragments).
SYLLABLE_ZIPF: Final = 3.0
#: Letters Vietnamese writes and no loanword or brand does: the breve, circumflex
#: and horn vowels, "đ", and the tone marks (dot below, hook above).
_VIETNAMESE: Final = r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"
#: Rule 2: a Vietnamese syllable has one run of vowels (onset, nucleus, coda: "ngh|iê|ng"),
#: so a token of two syllables has two runs, and each half of its split one. A
#: syllable the word list lacks ("nhuyền", "ngớt", "đễnh") is one run: no half of
#: it is read as a syllable ("n|huyền", "đễ|nh": outside text of audit24, 2026-12-07).
_VOWEL: Final = "[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]"
_CONS: Final = "[^aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]"
_TWO_SYLLABLES: Final = rf"^{_CONS}*{_VOWEL}+{_CONS}+{_VOWEL}+{_CONS}*$"
#: Rule 3: languages that write no colon inside a word (module doc).
COLON_LANGS: Final = frozenset({"pt", "es", "it", "fr", "ca", "ro", "gl"})
#: Rule 3: both words listed this often (once in a million words).
COLON_WORD_ZIPF: Final = 3.0
#: Shortest and longest token read (a Vietnamese pair is four letters: "An|đã").
MIN_CHARS: Final = 4
MAX_CHARS: Final = 64
_TITLE_LOW: Final = r"^(?:[\p{L}\p{N}]+-)*\p{Lu}\p{Ll}+$"
_SYLLABLES: Final = r"^\p{Lu}?\p{Ll}+$"
_COLON: Final = r"^(\p{Ll}+):(\p{Ll}+)$"
#: Rule 4: a word of the language (listed this often, and no less than in English:
#: not "Play|Station", "Hello|Fresh"), a capital, a name of three letters or more.
CASE_LEFT_ZIPF: Final = 3.0
_CASE: Final = r"^((?:[\p{L}\p{N}]+-)*\p{Lu}?\p{Ll}+)(\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)*)$"
#: Rule 4: German writes a capital inside a word for both sexes ("LehrerInnen").
GENDER_FORMS: Final = frozenset({"Innen"})
#: Rule 4: what follows the token: a capitalised word, the name going on.
_NAME_NEXT: Final = r"^ [\"„“‚‘]?\p{Lu}\p{Ll}"
#: Rule 5: a function word of three letters or more, then a number ("der|2", "dem|1:3").
_WORD_NUMBER: Final = r"^(\p{Ll}{3,})(\p{N}+(?:[.,:/]\p{N}+)*)$"
_SCHEMA: Final = {"w": pl.String, "lang": pl.String, "fix": pl.String, "free": pl.Boolean,
                  "named": pl.Boolean}


def head_splits(words: pl.Series, ctx: DetectContext) -> pl.DataFrame:
    """``w, lang, fix, free``: the tokens of ``words`` a rule of the module doc splits.

    >>> from dq.signals.context import DetectContext
    >>> ws = pl.Series(["Unitedein", "Horaeine", "Bloggerin", "Blackwill", "Liebesaus",
    ...                 "Wissenschaftsgut", "Schulbusgeht", "der2", "mp3",
    ...                 "Nộihôm", "Anđã", "Vinamilk", "um:um", "Lehrer:innen"])
    >>> rows = head_splits(ws, DetectContext()).filter(pl.col("lang").is_in(["de", "vi", "pt"]))
    >>> sorted(rows.select("w", "fix").rows())  # doctest: +NORMALIZE_WHITESPACE
    [('Anđã', 'An đã'), ('Horaeine', 'Hora eine'), ('Nộihôm', 'Nội hôm'),
     ('Unitedein', 'United ein'), ('der2', 'der 2'), ('um:um', 'um: um')]

    "ist" ends too many words after a foreign head ("Baptist"): "Llosa|ist" is missed.
    """
    w = words.to_frame("w").unique().filter(
        pl.col("w").str.len_chars().is_between(MIN_CHARS, MAX_CHARS)
    )
    langs = set(ctx.languages)
    if w.is_empty():
        return pl.DataFrame(schema=_SCHEMA)
    found = pl.concat([
        _foreign_head(w, sorted(CLOSED_COMPOUNDS & langs), ctx),
        _syllables(w, ctx) if "vi" in langs else pl.DataFrame(schema=_SCHEMA),
        _colon(w, sorted(COLON_LANGS & langs), ctx),
        _case_before_name(w, sorted(CLOSED_COMPOUNDS & langs), ctx),
        _word_number(w, sorted(langs - OWN_RULES_LANGS), ctx),
    ])
    if found.is_empty():
        return found
    whole = lexicon_rows(ctx.lexicon(), found.select(lower(pl.col("w")))["w"])["word"]
    return found.filter(~lower(pl.col("w")).is_in(whole.implode()))


def frequent_words(ctx: DetectContext) -> pl.DataFrame:
    """``word, lang``: rule 1's words glued on, per loaded closed-compound language: its
    function words (:func:`~dq.signals.spacing_real.function_words`), more its own than
    English, :data:`TAIL_CHARS` letters or one of :data:`TWO_LETTER_WORDS`, and the end
    of at most :data:`FOREIGN_TAIL_WORDS` listed words of the language with a foreign
    head (:func:`_foreign_tails`). Kept in ``ctx``'s cache folder.

    >>> from dq.signals.context import DetectContext
    >>> de = frequent_words(DetectContext()).filter(pl.col("lang") == "de")["word"]
    >>> sorted({"und", "hat", "zu", "er", "in", "den", "zeit", "mann"} & set(de))
    ['hat', 'und', 'zu']
    """

    def build() -> pl.DataFrame:
        from dq.signals._lexicon import lexicon_key
        from dq.signals._shared import cached_frame

        facts = [HEADS_FORMAT, lexicon_key(ctx.languages), sorted(TWO_LETTER_WORDS), TAIL_CHARS,
                 FOREIGN_MARGIN, HEAD_LISTED_ZIPF, HEAD_CHARS, FOREIGN_TAIL_WORDS]
        return cached_frame(ctx.cache_dir, "glued-heads", facts, lambda: _tails(ctx))

    frame: pl.DataFrame = ctx.cached("glued.heads_tails", build)
    return frame


def _tails(ctx: DetectContext) -> pl.DataFrame:
    from dq.signals.spacing_real import function_words

    lex = ctx.lexicon()
    fw = function_words(ctx).filter(pl.col("lang").is_in(sorted(CLOSED_COMPOUNDS)))
    rows = lexicon_rows(lex, fw["word"])
    english = rows.filter(pl.col("lang") == "en").select("word", pl.col("zipf").alias("ez"))
    n = pl.col("word").str.len_chars()
    cands = (
        rows.join(fw, on=["word", "lang"], how="semi").join(english, on="word", how="left")
        .filter((pl.col("zipf") > pl.col("ez").fill_null(0.0))
                & ((n >= TAIL_CHARS) | pl.col("word").is_in(sorted(TWO_LETTER_WORDS))))
        .select("word", "lang")
    )
    counts = _foreign_tails(lex, cands)
    return (
        cands.join(counts, on=["word", "lang"], how="left")
        .filter(pl.col("n").fill_null(0) <= FOREIGN_TAIL_WORDS)
        .select("word", "lang").sort("lang", "word")
    )


def _foreign_tails(lex: pl.DataFrame, tails: pl.DataFrame) -> pl.DataFrame:
    """``word, lang, n``: how many listed words of ``lang`` are a foreign head (rule 1's
    test) and then ``word``: an ending there, not a word glued on ("-er", "-ist", "-den")."""
    langs = sorted(set(tails["lang"]))
    words = lex.filter(pl.col("lang").is_in(langs) & (pl.col("zipf") >= HEAD_LISTED_ZIPF))
    n = pl.col("w").str.len_chars()
    cuts = pl.concat([
        words.select(pl.col("word").alias("w"), "lang").filter(n > k + 1).select(
            "lang", pl.col("w").str.slice(0, k).alias("head"),
            pl.col("w").str.slice(k).alias("word"))
        for k in range(HEAD_CHARS, 24)
    ]).join(tails, on=["word", "lang"], how="semi")
    heads = lexicon_rows(lex, cuts["head"]).filter(pl.col("zipf") >= HEAD_LISTED_ZIPF)
    top = heads.group_by("word").agg(pl.col("zipf").max().alias("top"))
    own = heads.select(pl.col("word").alias("head"), "lang", pl.col("zipf").alias("own"))
    return (
        cuts.join(top.rename({"word": "head"}), on="head")
        .join(own, on=["head", "lang"], how="left")
        .filter(pl.col("own").fill_null(0.0) + FOREIGN_MARGIN <= pl.col("top"))
        .group_by("word", "lang").agg(pl.len().alias("n"))
    )


def _foreign_head(w: pl.DataFrame, langs: list[str], ctx: DetectContext) -> pl.DataFrame:
    """Rule 1: a capitalised word of another language, then a function word of the record's."""
    x = w.filter(pl.col("w").str.contains(_TITLE_LOW))
    if x.is_empty() or not langs:
        return pl.DataFrame(schema=_SCHEMA)
    lex = ctx.lexicon()
    tails = frequent_words(ctx).filter(pl.col("lang").is_in(langs))
    start = pl.col("w").str.find(r"\p{Lu}\p{Ll}+$")
    n = pl.col("w").str.len_chars()
    cuts = (
        x.with_columns(start.alias("s0"))
        .with_columns(pl.int_ranges(pl.col("s0") + HEAD_CHARS, n - 1).alias("p"))
        .explode("p").drop_nulls("p")
        .with_columns(pl.col("w").str.slice(pl.col("p")).alias("b"))
        .join(tails, left_on="b", right_on="word")
        .with_columns(
            lower(pl.col("w").str.slice(pl.col("s0"), pl.col("p") - pl.col("s0"))).alias("head"))
    )
    if cuts.is_empty():
        return pl.DataFrame(schema=_SCHEMA)
    rows = lexicon_rows(lex, cuts["head"]).select("word", "lang", "zipf")
    best = rows.group_by("word").agg(pl.col("zipf").max().alias("top"))
    mine = rows.rename({"zipf": "own"})
    hits = (
        cuts.join(best, left_on="head", right_on="word")
        .join(mine, left_on=["head", "lang"], right_on=["word", "lang"], how="left")
        .with_columns((pl.col("own").fill_null(0.0) + FOREIGN_MARGIN <= pl.col("top"))
                      .alias("foreign"))
        .filter((pl.col("top") >= HEAD_LISTED_ZIPF) & pl.col("foreign"))
    )
    return (
        hits.sort("w", "lang", "p")  # the longest word glued on
        .unique(["w", "lang"], keep="first", maintain_order=True)
        .select("w", "lang", (pl.col("w").str.slice(0, pl.col("p")) + " " + pl.col("b"))
                .alias("fix"), pl.lit(True).alias("free"), pl.lit(False).alias("named"))
    )


def _syllables(w: pl.DataFrame, ctx: DetectContext) -> pl.DataFrame:
    """Rule 2: two listed Vietnamese syllables written as one token."""
    x = w.filter(pl.col("w").str.contains(_SYLLABLES)
                 & lower(pl.col("w")).str.contains(_VIETNAMESE)
                 & lower(pl.col("w")).str.contains(_TWO_SYLLABLES))
    if x.is_empty():
        return pl.DataFrame(schema=_SCHEMA)
    n = pl.col("w").str.len_chars()
    cuts = (
        x.with_columns(pl.int_ranges(1, n).alias("p")).explode("p").drop_nulls("p")
        .with_columns(lower(pl.col("w").str.slice(0, pl.col("p"))).alias("a"),
                      lower(pl.col("w").str.slice(pl.col("p"))).alias("b"))
    )
    listed = lexicon_rows(ctx.lexicon(), pl.concat([cuts["a"], cuts["b"]])).filter(
        (pl.col("lang") == "vi") & (pl.col("zipf") >= SYLLABLE_ZIPF)
    ).select("word", "zipf")
    one = rf"^{_CONS}*{_VOWEL}+{_CONS}*$"
    cuts = cuts.filter(pl.col("a").str.contains(one) & pl.col("b").str.contains(one))
    hits = (
        cuts.join(listed.rename({"word": "a", "zipf": "za"}), on="a")
        .join(listed.rename({"word": "b", "zipf": "zb"}), on="b")
        .sort(["w", pl.col("za") + pl.col("zb")], descending=[False, True])
        .unique("w", keep="first", maintain_order=True)
    )
    return hits.select(
        "w", pl.lit("vi").alias("lang"),
        (pl.col("w").str.slice(0, pl.col("p")) + " " + pl.col("w").str.slice(pl.col("p")))
        .alias("fix"), pl.lit(True).alias("free"), pl.lit(False).alias("named"),
    )


def _colon(w: pl.DataFrame, langs: list[str], ctx: DetectContext) -> pl.DataFrame:
    """Rule 3: two listed words of a language that writes no colon inside a word."""
    x = w.filter(pl.col("w").str.contains(":", literal=True))
    x = x.filter(pl.col("w").str.contains(_COLON)).with_columns(
        pl.col("w").str.extract(_COLON, 1).alias("a"),
        pl.col("w").str.extract(_COLON, 2).alias("b"))
    if x.is_empty() or not langs:
        return pl.DataFrame(schema=_SCHEMA)
    listed = lexicon_rows(ctx.lexicon(), pl.concat([x["a"], x["b"]])).filter(
        pl.col("lang").is_in(langs) & (pl.col("zipf") >= COLON_WORD_ZIPF)
    ).select("word", "lang")
    return (
        x.join(listed.rename({"word": "a"}), on="a")
        .join(listed.rename({"word": "b"}), on=["b", "lang"], how="semi")
        .select("w", "lang", (pl.col("a") + ": " + pl.col("b")).alias("fix"),
                pl.lit(False).alias("free"), pl.lit(False).alias("named"))
    )


def _case_before_name(w: pl.DataFrame, langs: list[str], ctx: DetectContext) -> pl.DataFrame:
    """Rule 4: a word of the language, then a capitalised word (``named``: kept only
    where a capitalised word follows the token, :func:`head_glue`)."""
    x = w.filter(pl.col("w").str.contains(r"\p{Ll}\p{Lu}")).filter(pl.col("w").str.contains(_CASE))
    if x.is_empty() or not langs:
        return pl.DataFrame(schema=_SCHEMA)
    x = x.with_columns(
        pl.col("w").str.extract(_CASE, 1).alias("a"), pl.col("w").str.extract(_CASE, 2).alias("b"),
    ).with_columns(lower(pl.col("a").str.extract(r"([^-]+)$", 1)).alias("core")).filter(
        ~pl.col("b").is_in(sorted(GENDER_FORMS)))
    rows = lexicon_rows(ctx.lexicon(), x["core"])
    english = rows.filter(pl.col("lang") == "en").select("word", pl.col("zipf").alias("ez"))
    own = rows.filter(pl.col("lang").is_in(langs) & (pl.col("zipf") >= CASE_LEFT_ZIPF)).join(
        english, on="word", how="left").filter(pl.col("zipf") >= pl.col("ez").fill_null(0.0))
    return x.join(own.select(pl.col("word").alias("core"), "lang"), on="core").select(
        "w", "lang", (pl.col("a") + " " + pl.col("b")).alias("fix"), pl.lit(True).alias("free"),
        pl.lit(True).alias("named"))


def _word_number(w: pl.DataFrame, langs: list[str], ctx: DetectContext) -> pl.DataFrame:
    """Rule 5: a function word of the language, then a number."""
    from dq.signals.spacing_real import function_words

    x = w.filter(pl.col("w").str.contains(_WORD_NUMBER))
    if x.is_empty() or not langs:
        return pl.DataFrame(schema=_SCHEMA)
    x = x.with_columns(pl.col("w").str.extract(_WORD_NUMBER, 1).alias("a"),
                       pl.col("w").str.extract(_WORD_NUMBER, 2).alias("b"))
    fw = function_words(ctx).filter(pl.col("lang").is_in(langs))
    rows = lexicon_rows(ctx.lexicon(), fw["word"])
    english = rows.filter(pl.col("lang") == "en").select("word", pl.col("zipf").alias("ez"))
    own = rows.join(fw, on=["word", "lang"], how="semi").join(english, on="word", how="left")
    own = own.filter(pl.col("zipf") > pl.col("ez").fill_null(0.0)).select(
        pl.col("word").alias("a"), "lang")
    return x.join(own, on="a").select(
        "w", "lang", (pl.col("a") + " " + pl.col("b")).alias("fix"), pl.lit(False).alias("free"),
        pl.lit(False).alias("named"))


def head_glue(
    unknown: pl.DataFrame, placed: pl.DataFrame, lines: pl.LazyFrame, ctx: DetectContext,
    forms: pl.DataFrame,
) -> pl.DataFrame:
    """The candidates of this module on a batch, placed in their lines as
    :func:`dq.signals.spacing_link.link_glue`'s: ``rid, line_no, offset, match, fix, lang,
    free``. Rule 4's only where a capitalised word follows."""
    found = place_splits(unknown, placed, lines, head_splits(forms["w"], ctx), forms)
    if found.is_empty() or not found["named"].any():
        return found.drop("named")
    named = found.filter("named")
    text = lines.join(named.select("rid", "line_no").unique().lazy(), on=["rid", "line_no"],
                      how="semi").select("rid", "line_no", "s").collect()
    end = pl.col("offset") + pl.col("match").str.len_chars()
    kept = named.join(text, on=["rid", "line_no"]).filter(
        pl.col("s").str.slice(end).str.contains(_NAME_NEXT))
    return pl.concat([found.filter(~pl.col("named")), kept.select(found.columns)]).drop("named")
