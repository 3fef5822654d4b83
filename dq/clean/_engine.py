"""Rounds of detect -> plan -> apply until nothing fixable is left.

Why rounds: a fix can reveal another problem (a repaired "Â©" line becomes a
copyright footer; removing a tag leaves two spaces), and two fixes may want
the same characters. Each round re-runs the detectors on the records that
changed, so every edit is backed by a finding on the text it edits, and the
result is a fixed point: cleaning it again finds nothing to do.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

import polars as pl

from dq.clean._edits import apply_edits, plan_edits
from dq.clean._keep import words_expr
from dq.clean._stages import DANGLING_SOURCE, codes_of_stage, resolve_codes
from dq.clean._steps import Cleaned, Step
from dq.detect import detect
from dq.schema import ID, OPTIONAL_FIELDS, TEXT
from dq.signals.context import DetectContext

#: Most detect/fix rounds per record. Every text in corpus/articles.jsonl and
#: ../shared/eval/dev/extracted.jsonl reaches its fixed point in at most 3
#: (2 is the usual: fix, then confirm). A record still changing after this
#: many rounds is left as it is after the last round.
MAX_ROUNDS: Final = 8

RID: Final = "__dq_rid"

STEP_FIELDS: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "round": pl.Int32,
    "code": pl.String,
    "line": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "original": pl.String,
    "replacement": pl.String,
}
STEPS_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "record_id": pl.String, **STEP_FIELDS,
}


@dataclass(frozen=True)
class CleanedFrame:
    """What :func:`clean_frame` returns.

    ``articles``: the input columns in their order, ``text`` cleaned,
    ``source`` filled from a dropped dangling source when it was empty, then
    ``dq_steps`` (the record's plan: a list of structs with the fields of
    :class:`~dq.clean.Step`) and ``dq_cleaned_empty`` (True when cleaning
    would have left no word of a text that had words: the record is kept as
    it was, with no steps, and flagged; :mod:`dq.clean._keep`).
    ``steps``: every step of every record, one row each, with ``record_id``.
    """

    articles: pl.DataFrame
    steps: pl.DataFrame


def clean_frame(
    articles: pl.DataFrame,
    *,
    codes: Collection[str] | None = None,
    ctx: DetectContext | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> CleanedFrame:
    """Clean every record of ``articles`` (a frame in the article schema); no record is dropped."""
    selected = resolve_codes(codes)
    ctx = ctx or DetectContext()
    if TEXT not in articles.columns:
        raise ValueError("articles need a 'text' column")
    base = articles.with_row_index(RID)
    meta = [c for c in OPTIONAL_FIELDS if c in articles.columns]
    texts = base.select(pl.col(RID).alias("rid"), pl.col(TEXT).fill_null(""))
    # Detectors only look at non-blank lines: a blank text has nothing to fix.
    pending = texts.filter(pl.col(TEXT).str.strip_chars().str.len_bytes() > 0)
    rounds: list[pl.DataFrame] = []
    for round_no in range(1, max_rounds + 1):
        if pending.height == 0 or not selected:
            break
        probe = pending.join(
            base.select(pl.col(RID).alias("rid"), *meta), on="rid", how="left"
        ).select(pl.col("rid").cast(pl.String).alias(ID), TEXT, *meta)
        found = detect(probe, ctx=ctx, codes=selected).findings.with_columns(
            pl.col("record_id").cast(pl.UInt32).alias("rid")
        )
        if round_no > 1:  # delete only what the scan of the input reported
            found = found.filter(pl.col("code").is_in(codes_of_stage("lines")).not_())
        edits = plan_edits(pending, found)
        if edits.height == 0:
            break
        pending = apply_edits(pending.join(edits.select("rid").unique(), on="rid", how="semi"),
                              edits)
        texts = texts.join(pending.rename({"text": "new"}), on="rid", how="left").select(
            "rid", pl.coalesce("new", TEXT).alias(TEXT)
        )
        rounds.append(edits.with_columns(pl.lit(round_no, pl.Int32).alias("round")))
    return _assemble(base, *_keep_last_words(base, texts, rounds))


def _keep_last_words(
    base: pl.DataFrame, texts: pl.DataFrame, rounds: list[pl.DataFrame]
) -> tuple[pl.DataFrame, list[pl.DataFrame], pl.DataFrame]:
    """A record cleaned to no word at all is given back as it was, without steps
    (:mod:`dq.clean._keep`); returns the texts, the rounds and those records' ``rid``."""
    before = base.select(pl.col(RID).alias("rid"), pl.col(TEXT).alias("_old"))
    emptied = (
        texts.join(before, on="rid", how="inner")
        .filter(words_expr(pl.col("_old")) & words_expr(pl.col(TEXT)).not_())
        .select("rid")
    )
    if emptied.height == 0:
        return texts, rounds, emptied
    restored = texts.join(before, on="rid", how="left").select(
        "rid",
        pl.when(pl.col("rid").is_in(emptied["rid"].implode()))
        .then(pl.col("_old")).otherwise(pl.col(TEXT)).alias(TEXT),
    )
    return restored, [r.join(emptied, on="rid", how="anti") for r in rounds], emptied


def _assemble(
    base: pl.DataFrame, texts: pl.DataFrame, rounds: list[pl.DataFrame], emptied: pl.DataFrame
) -> CleanedFrame:
    steps = (
        pl.concat(rounds, how="vertical").sort("rid", "round", "start")
        if rounds else pl.DataFrame(schema={"rid": pl.UInt32, **STEP_FIELDS})
    )
    per_record = steps.group_by("rid").agg(
        pl.struct(list(STEP_FIELDS)).sort_by("round", "start").alias("dq_steps"),
    )
    moved = (  # the first dangling source dropped, without its blank lines
        steps.filter(pl.col("code") == DANGLING_SOURCE)
        .sort("rid", "round", "start")
        .group_by("rid", maintain_order=True)
        .agg(pl.col("original").first().str.strip_chars().alias("_moved"))
    )
    out = (
        base.join(texts.rename({"rid": RID, TEXT: "_new"}), on=RID, how="left")
        .join(per_record.rename({"rid": RID}), on=RID, how="left")
        .join(moved.rename({"rid": RID}), on=RID, how="left")
    )
    empty_steps = pl.lit([], dtype=pl.List(pl.Struct(STEP_FIELDS)))
    source = (pl.col("source").cast(pl.String) if "source" in base.columns
              else pl.lit(None, pl.String))
    source_empty = source.is_null() | (source.str.strip_chars() == "")
    out = out.with_columns(
        pl.when(pl.col(TEXT).is_null()).then(None).otherwise(pl.col("_new")).alias(TEXT),
        pl.when(source_empty & pl.col("_moved").is_not_null())
        .then(pl.col("_moved")).otherwise(source).alias("source"),
        pl.col("dq_steps").fill_null(empty_steps),
        pl.col(RID).is_in(emptied["rid"].implode()).alias("dq_cleaned_empty"),
    )
    columns = [c for c in base.columns if c != RID]
    if "source" not in columns and out["source"].is_not_null().any():
        columns.append("source")
    articles = out.sort(RID).select(*columns, "dq_steps", "dq_cleaned_empty")
    ids = base.select(pl.col(RID).alias("rid"), pl.col(ID).cast(pl.String).alias("record_id")) \
        if ID in base.columns else base.select(
            pl.col(RID).alias("rid"), pl.col(RID).cast(pl.String).alias("record_id"))
    flat = steps.join(ids, on="rid", how="left").sort("rid", "round", "start")
    return CleanedFrame(articles, flat.select(list(STEPS_SCHEMA)).cast(STEPS_SCHEMA))  # type: ignore[arg-type]


#: Lone surrogates (U+D800-U+DFFF alone) are not valid text, so Polars (and
#: UTF-8) cannot hold them; :func:`shield_surrogates` swaps them for code
#: points of a private-use block of planes 15-16 the text does not use, and
#: swaps them back after cleaning. Each block has room for every surrogate.
_SURROGATES: Final = range(0xD800, 0xE000)
_SHIELD_BLOCKS: Final = tuple(range(0xF0000, 0x10F800, 0x800))


def shield_surrogates(text: str) -> tuple[str, Callable[[str], str]]:
    """``text`` with each lone surrogate swapped for a private-use character, and the undo.

    Why: ``clean`` must take any ``str`` Python can hold and give it back
    unchanged where it has nothing to fix; a lone surrogate is kept as it was.
    Cleaning never splits or joins the swapped characters (they are not
    letters, digits, punctuation or white space), so the undo is exact.

    >>> safe, undo = shield_surrogates("a\\ud800b")
    >>> "\\ud800" in safe, undo(safe) == "a\\ud800b"
    (False, True)
    """
    if not any(0xD800 <= ord(c) < 0xE000 for c in text):
        return text, _same
    used = {ord(c) & ~0x7FF for c in text if ord(c) >= 0xF0000}
    base = next(b for b in _SHIELD_BLOCKS if b not in used)
    delta = base - _SURROGATES.start
    to_safe = {cp: cp + delta for cp in _SURROGATES}
    back = {cp + delta: cp for cp in _SURROGATES}
    return text.translate(to_safe), lambda s: s.translate(back)


def _same(text: str) -> str:
    return text


def clean_and_explain(
    text: str,
    *,
    codes: Collection[str] | None = None,
    ctx: DetectContext | None = None,
) -> Cleaned:
    """Clean ``text`` and say how: the cleaned text and the plan of :class:`Step` s.

    ``apply_plan(text, steps)`` gives the cleaned text again. Pass a shared
    ``ctx`` when cleaning many texts one by one (the glued-word lexicon is
    built once per context).

    >>> text = "Share this\\n\\nThe council met on Monday, he said .\\n\\nBack to top"
    >>> cleaned = clean_and_explain(text, codes=["back_to_top", "space_before_punct"])
    >>> cleaned.text
    'Share this\\n\\nThe council met on Monday, he said.'
    >>> for step in cleaned.steps:
    ...     print(step.describe())
    line 3 space_before_punct: 'said .' -> 'said.'
    line 5 back_to_top: '\\n\\nBack to top' -> ''
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    safe, restore = shield_surrogates(text)
    result = clean_frame(pl.DataFrame({TEXT: [safe]}, schema={TEXT: pl.String}),
                         codes=codes, ctx=ctx)
    steps = tuple(
        Step(code=r["code"], line=r["line"], start=r["start"], end=r["end"],
             original=restore(r["original"]), replacement=restore(r["replacement"]),
             round=r["round"])
        for r in result.steps.iter_rows(named=True)
    )
    return Cleaned(restore(str(result.articles[TEXT][0])), steps)


def clean(
    text: str,
    *,
    codes: Collection[str] | None = None,
    ctx: DetectContext | None = None,
) -> str:
    """Apply every default cleaner (or those for ``codes``) to ``text``, to a fixed point.

    The order is documented in :mod:`dq.clean`: drop chrome lines, repair
    mojibake, remove HTML residue, fix spacing.

    >>> clean("The council met.\\nBack to top", codes=["back_to_top"])
    'The council met.'
    >>> clean("Back to top", codes=["back_to_top"])  # never cleaned to nothing
    'Back to top'
    >>> clean("Nothing to do here.")
    'Nothing to do here.'
    >>> clean(None)
    Traceback (most recent call last):
    ...
    TypeError: text must be a str, not NoneType
    """
    return clean_and_explain(text, codes=codes, ctx=ctx).text


def clean_record(
    record: Mapping[str, Any],
    *,
    codes: Collection[str] | None = None,
    ctx: DetectContext | None = None,
) -> dict[str, Any]:
    """Clean one record (a mapping with ``text`` and optional metadata); return a new dict.

    ``text`` is cleaned; a dropped dangling source line ("businessinsider")
    moves into ``source`` when that is empty; ``dq_steps`` holds the plan as
    dicts and ``dq_cleaned_empty`` says whether cleaning would have left no
    word (the text is then kept as it was).
    """
    if not isinstance(record.get(TEXT), str):
        raise TypeError("record['text'] must be a string")
    columns = {k: [v] for k, v in record.items()}
    schema = {k: pl.String for k in record if k in (ID, TEXT, *OPTIONAL_FIELDS)}
    frame = pl.DataFrame(columns, schema_overrides=schema)
    row = clean_frame(frame, codes=codes, ctx=ctx).articles.row(0, named=True)
    return {**dict(record), **row}
