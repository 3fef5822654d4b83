"""glued_words as reported: the lexicon's splits, kept only where they cannot destroy content.

Why a second pass: :func:`~dq.signals.spacing_glued.glued_candidates` asks
"do two words of *some* loaded language explain this token?". That is the
right first question (cheap, one pass over the batch) and the wrong last
one: Italian explains English "peril" as "per il", Dutch explains Swedish
"enligt" as "en ligt", and any lexicon explains the name "Blackwill" as
"Black will". So each candidate split is kept only when

1. its record is in a language whose word list is loaded (the ``lang`` the
   record gives, else identified: :mod:`dq.signals.lang`), and the split
   is found again with that language's list alone; in a record of any
   other language, only a split that needs no word list is kept: a long
   lower-case run before a capitalised word ("ambulanserSjokkerte",
   "belirlendiDiyanet"), found again with an empty list
   (:data:`SHAPE_ONLY`);
2. the token does not occur whole elsewhere in its record (a string the
   author wrote twice the same way is a name or a term: "Sinwar" 13 times);
3. the token is not a Title-Case word beside another Title-Case word: a
   name run ("Robert Blackwill", "Gran Turismo") is spelled as its bearer
   spells it;
4. the token is not written in capitals alone (with at most a plural "s"):
   an acronym or a masthead ("THISDAY", "VASPs") is one word as written
   (3 of the 2,701 glued positives in ../shared/eval/dev are all capitals,
   "SISTERDEAR"; five of 24 judged outside findings were such words);
5. the token is not a real word by its shape: a derived or inflected word,
   a brand of short capitalised parts, a word listed whole, an open compound
   ("inviability", "ambits", "OpenSea", "NBCUniversal", "monthslong":
   :mod:`dq.signals.spacing_real`);
6. the token holds no letter of a script written without spaces between
   words (Thai, Chinese, Japanese, Lao, Khmer, Myanmar:
   :data:`~dq.signals.hygiene.UNSPACED_SCRIPT`): there a missing space is
   the norm, not a sign of glue, so no split of such a token is a repair
   (:func:`unspaced_script`);
7. the token is not the name of a web address closing its line
   ("AmericanCountdown.News": :func:`dq.signals.house_style.address_at_end`),
   which ``missing_space_after_punct`` leaves whole too;
8. the split leaves no half that is an initial, an apostrophe and one letter
   ("H’m|ông" of the Vietnamese ethnic name "H’mông"): an elided article or a
   clan prefix is followed by a whole word ("L’État", "D’un", "O’Brien"), so
   such a half is a fragment of a name, no word (:data:`_ELISION_FRAGMENT`);
9. the token is not one word by its written form: a Binnen-I form, a name's
   adjective, a hyphen part that is a word, a CamelCase phrase
   ("ArbeitnehmerInnen", "Heisenberg’sche", "Balkan-Verkauf":
   :mod:`dq.signals.spacing_forms`);
10. the token holds no C1 control character: it is mojibake, not glue
   (:func:`misdecoded`).

The cleaner adds its own last guard: a spacing repair that would change
anything but white space (a letter, a digit) is refused
(:func:`dq.clean._edits.only_spacing_changes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import polars as pl

from dq.signals.house_style import address_at_end
from dq.signals.hygiene import UNSPACED_SCRIPT
from dq.signals.lang import record_langs
from dq.signals.spacing_apos import ELISION_LANGS, apostrophe_glue
from dq.signals.spacing_forms import written_whole
from dq.signals.spacing_glued import NO_GLUE, glued_candidates
from dq.signals.spacing_known import WordTests, known_here, listening
from dq.signals.spacing_lang import OWN_RULES_LANGS, lang_glue
from dq.signals.spacing_link import CAPS_GLUE_CHARS, link_glue
from dq.signals.spacing_marks import SUFFIXING_LANGS
from dq.signals.spacing_place import token_forms
from dq.signals.spacing_real import real_words
from dq.signals.spacing_words import known_among, lower, word_sets

if TYPE_CHECKING:
    from dq.signals.context import DetectContext

#: A Title-Case word ("Robert", "Mr.") directly before the match, or one
#: directly after it: the match sits in a name run. Punctuation between them
#: (a comma, a full stop) ends the run.
_NAME_BEFORE: Final = r"(?:^|\s)\p{Lu}\p{Ll}+\.?\s+$"
_NAME_AFTER: Final = r"^\s+\p{Lu}\p{Ll}"
#: A Title-Case word: one capital, then lower case only.
_TITLE_CASE: Final = r"^\p{Lu}\p{Ll}+$"
#: The split a name run still allows: a long word, then a short lower-case
#: one ("National Physical Laboratoryto", "Inner Mongoliaafter"). Names
#: compound short words ("Black|will", "Gold|smith", "Rosen|berg"); a word
#: of seven letters or more (LONG_LEFT_CHARS) before "to", "is", "and"
#: (a short half passes the split rules only as a function word) is glue.
_LONG_THEN_SHORT: Final = r"^\p{Lu}\p{Ll}{6,} \p{Ll}{1,3}$"
_KEY: Final = ["rid", "line_no", "offset", "match", "fix"]
#: A fix that opens with a capital, an apostrophe and one letter, then a space:
#: the split cut a name after its elided prefix (guard 8). No glued positive of
#: ../shared/eval/dev opens with a capital and an apostrophe.
_ELISION_FRAGMENT: Final = r"^\p{Lu}['’]\p{L} "
#: A token in capitals alone, with at most a plural "s" (guard 4).
_ALL_CAPS: Final = r"^\p{Lu}{2,}s?$"
#: The "language" of records whose language has no word list loaded: an
#: empty lexicon, so only the shape rules that read none can cut.
SHAPE_ONLY: Final = "-"


def in_name_run(found: pl.LazyFrame, lines: pl.LazyFrame) -> pl.LazyFrame:
    """``rid, line_no, offset``: the findings whose match is a Title-Case word next to another.

    >>> lines = pl.LazyFrame({"rid": [0, 0], "line_no": [1, 2],
    ...                       "s": ["Robert Blackwill said so", "the Blackwill plan"]},
    ...                      schema_overrides={"rid": pl.UInt32, "line_no": pl.Int32})
    >>> found = pl.LazyFrame({"rid": [0, 0], "line_no": [1, 2], "offset": [7, 4],
    ...                       "match": ["Blackwill", "Blackwill"],
    ...                       "fix": ["Black will", "Black will"]},
    ...                      schema_overrides={"rid": pl.UInt32, "line_no": pl.Int32})
    >>> in_name_run(found, lines).collect().rows()
    [(0, 1, 7)]
    """
    end = pl.col("offset") + pl.col("match").str.len_chars()
    return (
        found.filter(
            pl.col("match").str.contains(_TITLE_CASE)
            & pl.col("fix").str.contains(_LONG_THEN_SHORT).not_()
        )
        .join(lines.select("rid", "line_no", "s"), on=["rid", "line_no"])
        .filter(
            pl.col("s").str.slice(0, pl.col("offset")).str.contains(_NAME_BEFORE)
            | pl.col("s").str.slice(end).str.contains(_NAME_AFTER)
        )
        .select("rid", "line_no", "offset")
    )


def in_address(found: pl.LazyFrame, lines: pl.LazyFrame) -> pl.LazyFrame:
    """``rid, line_no, offset``: the findings whose match opens a web address closing
    its line (guard 7).

    >>> lines = pl.LazyFrame({"rid": [0, 0], "line_no": [1, 2],
    ...                       "s": ["tune in at AmericanCountdown.News",
    ...                             "BloombergMusk.Posts then deletes"]},
    ...                      schema_overrides={"rid": pl.UInt32, "line_no": pl.Int32})
    >>> found = pl.LazyFrame({"rid": [0, 0], "line_no": [1, 2], "offset": [11, 0],
    ...                       "match": ["AmericanCountdown", "BloombergMusk"],
    ...                       "fix": ["American Countdown", "Bloomberg Musk"]},
    ...                      schema_overrides={"rid": pl.UInt32, "line_no": pl.Int32})
    >>> in_address(found, lines).collect().rows()
    [(0, 1, 11)]
    """
    return (
        found.filter(pl.col("match").str.contains(r"\p{Ll}\p{Lu}"))
        .join(lines.select("rid", "line_no", "s"), on=["rid", "line_no"])
        .filter(address_at_end(pl.col("s").str.slice(pl.col("offset"))))
        .select("rid", "line_no", "offset")
    )


def unspaced_script(match: pl.Expr) -> pl.Expr:
    """Matches that hold a letter of a script written without spaces between words (guard 6).

    Why: Thai and Chinese set no space between words, and Thai none after a
    closing quote; a Latin word run into a Thai clause ("Ranger“ดึงเยาวชน...")
    is how the text is written, and the "glued" token is the clause itself
    (issue 15, eighth outside audit, audit25: 3 of 3 such findings wrong). No
    glued positive of ../shared/eval/dev holds such a letter.

    >>> df = pl.DataFrame({"m": ["Ranger“ดึงเยาวชน", "Infrastructure”ได้กล่าว", "東京and",
    ...                          "NATOand", "ВашингтонПутин", "PrivateSpace"]})
    >>> df.select(unspaced_script(pl.col("m"))).to_series().to_list()
    [True, True, True, False, False, False]
    """
    return match.str.contains(UNSPACED_SCRIPT)


#: A C1 control character (U+0080-U+009F): no writer types one; it is a UTF-8
#: continuation byte read as Latin-1, so its token is mojibake, not glue.
C1_CONTROL: Final = "[\u0080-\u009f]"


def misdecoded(match: pl.Expr) -> pl.Expr:
    """Matches that hold a C1 control character: bytes read in the wrong code page (guard 10).

    Why: a Chinese headline decoded as Latin-1 ("æ²³å\x8d\x97...") is one run of
    Latin letters to the lexicon, which finds words in it; a space put inside it
    would break the repair that decoding it again makes (``mojibake``; issue 15,
    audit28: 3 of 14 glued_words findings were such runs). No glued positive of
    ../shared/eval/dev holds such a character.

    >>> df = pl.DataFrame({"m": ["æ²³å\x8d\x97â\x80\x9cå\x8d", "NATOand", "cafÃ©and"]})
    >>> df.select(misdecoded(pl.col("m"))).to_series().to_list()
    [True, False, False]
    """
    return match.str.contains(C1_CONTROL)


def shared_tests(texts: pl.DataFrame, words: pl.Series, ctx: DetectContext) -> WordTests:
    """The known-word tests of every pass of :func:`agreed`, built once: ``is_in`` over
    the well-known words cut down to the tokens of all ``texts`` (``s``) and, for
    ``known_low``, to the lower-cased ``words`` the passes judge.

    Each pass would cut them down to its own lines and words
    (:func:`~dq.signals.spacing_known.known_here`); a set cut down to more
    tokens answers the same for those, and the passes no longer pay three
    scans of the 300k well-known words each (eleven passes on a corpus of
    unique texts, measured 2026-12-07).

    >>> from dq.signals.context import DetectContext
    >>> texts = pl.DataFrame({"s": ["The house, NATOand more."]})
    >>> tests = shared_tests(texts, pl.Series(["NATOand", "House"]), DetectContext())
    >>> pl.DataFrame({"tok": ["house,", "NATOand"], "low": ["house", "natoand"]}).select(
    ...     tests.plain, tests.known.alias("k"), tests.known_low).rows()
    [(False, True, True), (False, False, False)]
    """
    every = texts.lazy().select(
        pl.lit(0, pl.UInt32).alias("rid"), pl.lit(1, pl.Int32).alias("line_no"), "s"
    )
    cut = known_here(every, ctx)
    low = words.to_frame("w").select(lower(pl.col("w")))["w"]
    known_low = known_among(low, word_sets(ctx)[1])
    return WordTests(cut.plain, cut.known, pl.col("low").is_in(known_low.implode()))


def agreed(
    found: pl.DataFrame, lines: pl.LazyFrame, langs: pl.DataFrame, ctx: DetectContext
) -> pl.LazyFrame | None:
    """The candidates of ``found`` that each record's language (``langs``: ``rid, lang``)
    finds again with its own word list alone (None: no language to ask).

    Only the lines with a candidate are looked at again, and each distinct
    text once per language: with the repeat test left out
    (``judge_repeats=False``), what :func:`glued_candidates` finds on a line
    depends on its text alone. Leaving that test out changes nothing kept:
    ``found`` passed it over the whole batch, and counts over fewer lines can
    only be lower. Each distinct line is its own record (``rid`` its index).

    Why one job per language on the context's pool: each pass is a chain of
    some eighty small queries (~0.1 s of latency whatever its size), so the
    passes cost their number times that on one core while the other idles.
    Run side by side they cost about the longest (measured 2026-12-07,
    bench_detect's 80 MB: four languages, 0.58 s in a row).

    >>> from dq.signals.context import DetectContext
    >>> texts = ["The peril was real and NATOand others knew.",
    ...          "The peril was real and NATOand others knew.", "Its jailuntil dawn."]
    >>> lines = pl.LazyFrame({"rid": [0, 1, 2], "line_no": [1, 1, 1], "s": texts},
    ...                      schema_overrides={"rid": pl.UInt32, "line_no": pl.Int32})
    >>> ctx = DetectContext()
    >>> found = glued_candidates(lines, ctx).collect()
    >>> sorted(found.select("rid", "fix").rows())  # Italian "per il" in English "peril"
    [(0, 'NATO and'), (0, 'per il'), (1, 'NATO and'), (1, 'per il'), (2, 'jail until')]
    >>> langs = pl.DataFrame({"rid": [0, 1, 2], "lang": ["en", "en", "-"]},
    ...                      schema_overrides={"rid": pl.UInt32})
    >>> sorted(agreed(found, lines, langs, ctx).select("rid", "fix").collect().rows())
    [(0, 'NATO and'), (1, 'NATO and')]
    """
    at = found.select("rid", "line_no").unique().lazy()
    placed = (
        lines.select("rid", "line_no", "s").join(at, on=["rid", "line_no"], how="semi")
        .join(langs.lazy().select("rid", "lang"), on="rid")
        .collect()
    )
    texts = (
        placed.select("lang", "s").unique(maintain_order=True)
        .with_row_index("li").with_columns(pl.col("li").cast(pl.UInt32))
    )
    placed = placed.join(texts, on=["lang", "s"]).select("rid", "line_no", "li")
    # Only the words found here can be kept (the semi-join below): the passes judge
    # those alone (a match is the word, after the number glued before it if any).
    # On bench_detect's 40 MB (no ``lang``) 1.0 -> 0.x s CPU, the findings the same.
    words = pl.concat([
        found["match"], found["match"].str.replace(r"^(?:[0-9]+[-–])?[0-9]+", "")
    ]).unique()
    pool = ctx.executor()
    tests = shared_tests(texts, words, ctx)

    def again(lang: str) -> pl.DataFrame:
        own = texts.lazy().filter(pl.col("lang") == lang).select(
            pl.col("li").alias("rid"), pl.lit(1, pl.Int32).alias("line_no"), "s"
        )
        return glued_candidates(
            own, ctx, judge_repeats=False, only_words=words, lang=lang, tests=tests
        ).collect()

    jobs = [pool.submit(again, lang) for lang in sorted(set(texts["lang"].to_list()))]
    if not jobs:
        return None
    # no job has rows on a line of another language (each text is its own record)
    again_found = pl.concat([job.result() for job in jobs]).select(
        pl.col("rid").alias("li"), "offset", "match", "fix"
    )
    back = again_found.join(placed, on="li").select(_KEY)
    return found.join(back, on=_KEY, how="semi").lazy()


def glued_words(lines: pl.LazyFrame, ctx: DetectContext) -> pl.LazyFrame:
    """Non-words left by joining text nodes without a space: "NATOand" -> "NATO and".

    Why: they teach a model words that do not exist; the fix is mechanical
    once the split is known, and only then (the guards in the module doc).

    Output columns: ``rid, line_no, match, fix`` and ``offset`` (where the
    match starts in ``s``).

    >>> from dq.signals.context import DetectContext
    >>> from dq.signals._demo import spans
    >>> ctx = DetectContext()
    >>> spans(glued_words, "The CSTO is the Russian equivalent of NATOand Putin hoped so.", ctx)
    [('NATOand', 'NATO and')]
    >>> spans(glued_words, "Its itselectric car is the jailuntil story of the year.", ctx)
    [('itselectric', 'its electric'), ('jailuntil', 'jail until')]

    Names, words of an unloaded language, tokens written whole elsewhere:

    >>> spans(glued_words, "Robert Blackwill said the peril was real. Sinwar is dead, "
    ...       "and Sinwar's men fled.", ctx)
    []
    >>> spans(glued_words, "Regeringen har enligt uppgifter beslutat att höja skatten.", ctx)
    []
    >>> spans(glued_words, "Read the full story in THISDAY on Monday morning.", ctx)
    []
    >>> spans(glued_words, "Mô hình tạo sản phẩm OCOP gà đen H’mông của HTX chăn nuôi.", ctx)
    []
    >>> spans(glued_words, "The striker scored and O’Brienwas happy to see it.", ctx)
    [('O’Brienwas', 'O’Brien was')]
    """
    with listening() as seen:
        found = glued_candidates(lines, ctx).collect()
    found = found.filter(~pl.col("match").str.contains(_ALL_CAPS))
    own, quotes = (
        lang_glue(seen[0][0], seen[0][1], lines, ctx) if seen else (None, None)
    )
    forms = token_forms(seen[0][0]) if seen else None
    link = link_glue(seen[0][0], seen[0][1], lines, ctx, forms) if seen else None
    marks = apostrophe_glue(seen[0][0], seen[0][1], lines, forms) if seen else None
    if all(f is None or f.is_empty() for f in (found, own, quotes, link, marks)):
        return NO_GLUE.lazy()
    said = _langs(lines, [found, *(f for f in (own, quotes, link, marks) if f is not None)], ctx)
    loaded = set(ctx.languages)
    langs = said.with_columns(
        pl.when(pl.col("lang").is_in(sorted(loaded))).then(pl.col("lang"))
        .otherwise(pl.lit(SHAPE_ONLY)).alias("lang")
    )
    kept = agreed(found, lines, langs, ctx) if not found.is_empty() else None
    kept = _with_own(kept, own, quotes, langs, said)
    kept, free = with_links(kept, link, langs)
    kept = _with_marks(kept, marks, said)
    if kept is None:
        return NO_GLUE.lazy()
    names_run = in_name_run(kept, lines).join(free, on=["rid", "line_no", "offset"], how="anti")
    # rule 2 of spacing_link judged its words itself (a word of the language glued on)
    real = real_words(kept, langs.lazy(), ctx).join(
        free, on=["rid", "line_no", "offset"], how="anti")
    return (
        kept.join(names_run, on=["rid", "line_no", "offset"], how="anti")
        .join(real, on=["rid", "line_no", "offset"], how="anti")
        .join(in_address(kept, lines), on=["rid", "line_no", "offset"], how="anti")
        # one word by its form: Binnen-I, a hyphen part, a CamelCase phrase (spacing_forms)
        .join(written_whole(kept, said, ctx), on=["rid", "line_no", "offset"], how="anti")
        .filter(~unspaced_script(pl.col("match")) & ~misdecoded(pl.col("match"))
                & ~pl.col("fix").str.contains(_ELISION_FRAGMENT))
        .sort("rid", "line_no", "offset")
        .select(NO_GLUE.columns)
    )


def with_links(
    kept: pl.LazyFrame | None, link: pl.DataFrame | None, langs: pl.DataFrame
) -> tuple[pl.LazyFrame | None, pl.LazyFrame]:
    """``kept`` with the candidates of :mod:`dq.signals.spacing_link` where the record is
    in the language that split them (a token already kept is kept once, as it was), and
    ``rid, line_no, offset`` of those its rule 2 frees from the name-run guard."""
    free = pl.LazyFrame(schema={"rid": pl.UInt32, "line_no": pl.Int32, "offset": pl.Int32})
    if link is None or link.is_empty():
        return kept, free
    mine = link.join(langs, on=["rid", "lang"], how="semi")
    # an acronym's split replaces the lexicon's cut inside the acronym ("НАБ|Уопубликовали"),
    # not when it leaves a word shorter than CAPS_GLUE_CHARS letters: the last capital
    # opens a Title-Case word ("TALK|Der", not "TALKD|er"; gluedde26, derStandard TV listings)
    acronym = pl.col("match").str.contains(r"^\p{Lu}{2,}\p{Ll}") & pl.col("fix").str.contains(
        rf" \p{{Ll}}{{{CAPS_GLUE_CHARS},}}")
    parts = [mine.filter(~acronym).select(_KEY).lazy()]
    if kept is not None:
        parts.insert(0, kept.select(_KEY))
    parts.insert(0, mine.filter(acronym).select(_KEY).lazy())
    merged = pl.concat(parts).unique(["rid", "line_no", "offset"], keep="first",
                                     maintain_order=True)
    return merged, mine.filter("free").select("rid", "line_no", "offset").lazy()


def _with_marks(
    kept: pl.LazyFrame | None, marks: pl.DataFrame | None, said: pl.DataFrame
) -> pl.LazyFrame | None:
    """``kept`` with the candidates of :mod:`dq.signals.spacing_apos` (a quote's only
    outside a record of an elision language, ``said``: given or identified); a token
    already kept is kept once, as it was."""
    if marks is None or marks.is_empty():
        return kept
    elision = pl.col("lang").is_in(sorted(ELISION_LANGS)).fill_null(False)
    mine = marks.join(said, on="rid", how="left").filter(~(pl.col("quote") & elision))
    parts = [mine.select(_KEY).lazy()] if kept is None else [kept, mine.select(_KEY).lazy()]
    return pl.concat(parts).unique(["rid", "line_no", "offset"], keep="first",
                                   maintain_order=True)


def _langs(lines: pl.LazyFrame, found: list[pl.DataFrame], ctx: DetectContext) -> pl.DataFrame:
    """``rid, lang`` of the records with a candidate in ``found`` (frames with ``rid``):
    the given or identified language."""
    names = lines.collect_schema().names()
    given = (
        lines.select("rid", "lang") if "lang" in names
        else lines.select("rid", pl.lit(None, pl.String).alias("lang"))
    )
    with_cands = pl.concat([f.select(pl.col("rid").cast(pl.UInt32)) for f in found]).unique()
    rids = (
        given.join(with_cands.lazy(), on="rid", how="semi")
        .unique("rid", keep="first").collect()
    )
    return record_langs(lines, rids, ctx)


def _with_own(
    kept: pl.LazyFrame | None, own: pl.DataFrame | None, quotes: pl.DataFrame | None,
    langs: pl.DataFrame, said: pl.DataFrame,
) -> pl.LazyFrame | None:
    """``kept`` (the lexicon's splits that passed :func:`agreed`) with the candidates of
    :mod:`dq.signals.spacing_lang`: ``own`` where the record is in the language that
    split it (``langs``), ``quotes`` anywhere, with the fix of the record's language
    (``said``: given or identified); a token already kept is kept once."""
    parts: list[pl.DataFrame] = [] if kept is None else [kept.select(_KEY).collect()]
    if own is not None and not own.is_empty():
        parts.append(own.join(langs, on=["rid", "lang"], how="semi").select(_KEY))
    if quotes is not None and not quotes.is_empty():
        suffixing = pl.col("lang").is_in(sorted(SUFFIXING_LANGS)).fill_null(False)
        parts.append(
            quotes.join(said, on="rid", how="left")
            .with_columns(pl.when(suffixing).then("fix_suffixing").otherwise("fix").alias("fix"))
            .filter(pl.col("fix") != pl.col("match"))
            .filter(~(pl.col("caps") & pl.col("lang").is_in(sorted(OWN_RULES_LANGS))
                      .fill_null(False)))
            .select(_KEY)
        )
    if not parts:
        return None
    return (
        pl.concat(parts)
        .unique(["rid", "line_no", "offset"], keep="first", maintain_order=True)
        .lazy()
    )
