"""The record rules: from whatever a reader produced to articles in the schema.

Why one place for all formats: a JSONL line, a CSV row, a Parquet row and a
text file must be judged the same way, or a corpus would pass or fail
depending on how it was exported. Every rule is a Polars expression over the
whole frame; Python only touches the rows that end up in quarantine.

Order (each rule sees only what the previous ones kept):
mapping -> text checks -> optional fields as strings -> missing ids filled ->
duplicate ids across the whole load.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Final

import polars as pl

from dq.load._common import FILE, ROW, LoadError, excerpt
from dq.schema import (
    ARTICLE_FIELDS,
    ARTICLE_SCHEMA,
    ID,
    PROVENANCE_FIELDS,
    TEXT,
    Quarantined,
    stable_id_expr,
)

_REASON: Final = "__dq_reason__"
_RESERVED: Final = frozenset((*ARTICLE_FIELDS, *PROVENANCE_FIELDS))
# An input column whose name is taken by an article field it does not feed
# (``text`` when ``--map text=body``) is carried through under this prefix.
DISPLACED_PREFIX: Final = "input_"


def check_mapping(columns: Sequence[str], mapping: Mapping[str, str], label: str) -> None:
    """Refuse a mapping that names a column the file does not have.

    >>> check_mapping(["body"], {"text": "body"}, "a.csv")
    >>> check_mapping(["text"], {"text": "body"}, "a.csv")
    Traceback (most recent call last):
    dq.errors.LoadError: a.csv: --map text=body, but the file has no column 'body'
    """
    for field, column in mapping.items():
        if column not in columns:
            raise LoadError(
                f"{label}: --map {field}={column}, but the file has no column {column!r}"
            )


def text_problem(column: str, schema: Mapping[str, pl.DataType]) -> pl.Expr:
    """The quarantine reason for each row's text, null when the text is fine.

    >>> df = pl.DataFrame({"text": ["ok", " \\n", None]})
    >>> df.select(text_problem("text", df.schema)).to_series().to_list()
    [None, 'empty_text', 'missing_text']
    >>> df = pl.DataFrame({"text": [3, None]})
    >>> df.select(text_problem("text", df.schema)).to_series().to_list()
    ['non_string_text', 'missing_text']
    >>> pl.DataFrame({"a": [1]}).select(text_problem("text", {})).item()
    'missing_text'
    """
    if column not in schema:
        return pl.lit("missing_text", dtype=pl.String)
    text = pl.col(column)
    missing = pl.when(text.is_null()).then(pl.lit("missing_text"))
    if schema[column] == pl.String:
        empty = text.str.strip_chars().str.len_chars() == 0
        return missing.when(empty).then(pl.lit("empty_text")).otherwise(None)
    return missing.otherwise(pl.lit("non_string_text"))


def as_string(name: str, dtype: pl.DataType) -> pl.Expr:
    """Column ``name`` as text: nested values as JSON, bytes decoded, others cast.

    >>> df = pl.DataFrame({"n": [1, None], "m": [{"k": [1, 2]}, None]})
    >>> df.select(as_string("n", df.schema["n"]), as_string("m", df.schema["m"])).rows()
    [('1', '{"k":[1,2]}'), (None, None)]
    """
    column = pl.col(name)
    if dtype == pl.String:
        return column
    if dtype.is_nested():
        # json_encode works on structs only: wrap, encode, unwrap.
        wrapped = pl.struct(column).struct.json_encode()
        key = json.dumps({name: None}, separators=(",", ":"), ensure_ascii=False)[: -len("null}")]
        inner = wrapped.str.strip_prefix(key).str.strip_suffix("}")
        return pl.when(column.is_null()).then(None).otherwise(inner).alias(name)
    if dtype == pl.Binary:
        return column.map_batches(_decode_bytes, return_dtype=pl.String)
    return column.cast(pl.String)


def _decode_bytes(values: pl.Series) -> pl.Series:
    """Binary to text with U+FFFD for bad bytes (Polars' cast raises instead)."""
    return pl.Series(
        values.name,
        [None if v is None else v.decode("utf-8", errors="replace") for v in values.to_list()],
        dtype=pl.String,
    )


def _row_excerpts(frame: pl.DataFrame, columns: Sequence[str]) -> list[str]:
    """Each row re-encoded as JSON without its null members (the raw line is not kept).

    Null members are left out because a column is in a frame when *any*
    record of the file (or of the part of it read, for a big file) has it:
    with them, the excerpt would depend on the neighbours. Python per row is
    fine: only quarantined rows get here.

    >>> df = pl.DataFrame({"id": ["a"], "text": [" "], "title": [None]})
    >>> _row_excerpts(df, ["id", "text", "title"])
    ['{"id":"a","text":" "}']
    """
    if not columns:
        return ["{}"] * frame.height
    rows = frame.select(columns).to_dicts()
    return [
        excerpt(
            json.dumps(
                {k: v for k, v in row.items() if v is not None},
                default=str,
                ensure_ascii=False,
                separators=(",", ":"),
            )
        )
        for row in rows
    ]


def quarantine_rows(
    frame: pl.DataFrame, reasons: pl.Series, columns: Sequence[str]
) -> list[Quarantined]:
    """Quarantine entries for whole rows of a frame that carries FILE and ROW."""
    files = frame.get_column(FILE).to_list()
    rows = frame.get_column(ROW).to_list()
    excerpts = _row_excerpts(frame, columns)
    return [
        Quarantined(file=f, line_or_row=r, reason=why, excerpt=e)
        for f, r, why, e in zip(files, rows, reasons.to_list(), excerpts, strict=True)
    ]


def carried_name(name: str) -> str:
    """The output name of an input column that is not an article field.

    >>> carried_name("body"), carried_name("text"), carried_name("dq_row")
    ('body', 'input_text', 'input_dq_row')
    """
    return DISPLACED_PREFIX + name if name in _RESERVED else name


def _article_columns(
    sources: Mapping[str, str], schema: Mapping[str, pl.DataType]
) -> list[pl.Expr]:
    exprs = [
        as_string(source, schema[source]).alias(field)
        if source in schema
        else pl.lit(None, dtype=pl.String).alias(field)
        for field, source in sources.items()
    ]
    used = set(sources.values())
    extras = [
        pl.col(name).alias(carried_name(name))
        for name in schema
        if name not in used and name not in (FILE, ROW)
    ]
    provenance = [pl.col(FILE).alias("dq_file"), pl.col(ROW).cast(pl.Int64).alias("dq_row")]
    return [*exprs, *provenance, *extras]


def fill_ids(frame: pl.DataFrame) -> pl.DataFrame:
    """Give records without an id the stable one; skip the hashing when none lack it.

    >>> df = pl.DataFrame({"id": ["a", ""], "url": [None, "http://x"], "text": ["t", "t"]})
    >>> fill_ids(df)["id"].to_list()
    ['a', 'url:http://x']
    """
    lacking = pl.col(ID).is_null() | (pl.col(ID).str.len_chars() == 0)
    if not frame.select(lacking.any()).item():
        return frame
    return frame.with_columns(stable_id_expr())


def to_articles(
    frame: pl.DataFrame, mapping: Mapping[str, str], label: str
) -> tuple[pl.DataFrame, list[Quarantined]]:
    """Apply the per-record rules to what one reader read.

    Returns the articles (schema columns, ``dq_file``, ``dq_row``, then the
    other input columns) and the quarantine entries for rows whose text is
    missing, not a string, or empty.
    """
    inputs = [name for name in frame.columns if name not in (FILE, ROW)]
    check_mapping(inputs, mapping, label)
    sources = {field: mapping.get(field, field) for field in ARTICLE_FIELDS}
    marked = frame.with_columns(text_problem(sources[TEXT], frame.schema).alias(_REASON))
    flagged = marked.filter(pl.col(_REASON).is_not_null())
    quarantine = quarantine_rows(flagged, flagged.get_column(_REASON), inputs)
    kept = marked.filter(pl.col(_REASON).is_null()).drop(_REASON)
    return fill_ids(kept.select(_article_columns(sources, frame.schema))), quarantine


def empty_articles() -> pl.DataFrame:
    """The articles frame of a load that found no good records."""
    return pl.DataFrame(schema={**ARTICLE_SCHEMA, "dq_file": pl.String, "dq_row": pl.Int64})


def _extras_as_strings(frame: pl.DataFrame) -> pl.DataFrame:
    fixed = {*ARTICLE_FIELDS, *PROVENANCE_FIELDS}
    return frame.with_columns(
        as_string(name, dtype).alias(name)
        for name, dtype in frame.schema.items()
        if name not in fixed
    )


def concat_articles(frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """All files' articles in one frame, extra columns unioned in first-seen order.

    When files disagree on an extra column's type beyond what Polars can
    reconcile (a list in one file, an object in another), extra columns
    become strings (nested values as JSON) rather than failing the load.
    """
    if not frames:
        return empty_articles()
    try:
        return pl.concat(frames, how="diagonal_relaxed")
    except pl.exceptions.PolarsError:
        return pl.concat([_extras_as_strings(f) for f in frames], how="diagonal_relaxed")


def drop_duplicate_ids(
    articles: pl.DataFrame, earlier: pl.Series | None = None
) -> tuple[pl.DataFrame, list[Quarantined]]:
    """Keep the first record of each id (file order, then row order); quarantine the rest.

    ``earlier``: ids loaded before these articles (by an earlier batch); a
    record with one of them is a later copy too.

    >>> df = pl.DataFrame({"id": ["a", "b", "a"], "text": ["1", "2", "3"],
    ...                    "dq_file": ["f", "f", "g"], "dq_row": [1, 2, 1]})
    >>> kept, dropped = drop_duplicate_ids(df)
    >>> kept["text"].to_list(), [(q.file, q.line_or_row, q.reason) for q in dropped]
    (['1', '2'], [('g', 1, 'duplicate_id')])
    >>> kept, dropped = drop_duplicate_ids(df, pl.Series(["b"]))
    >>> kept["text"].to_list(), [(q.file, q.line_or_row) for q in dropped]
    (['1'], [('f', 2), ('g', 1)])
    """
    first = pl.col(ID).is_first_distinct()
    if earlier is not None and earlier.len():
        first = first & ~pl.col(ID).is_in(earlier.implode())
    later = articles.filter(~first)
    if later.height == 0:
        return articles, []
    provenance = later.rename({"dq_file": FILE, "dq_row": ROW})
    columns = [name for name in later.columns if name not in PROVENANCE_FIELDS]
    reasons = pl.Series(_REASON, ["duplicate_id"] * later.height, dtype=pl.String)
    return articles.filter(first), quarantine_rows(provenance, reasons, columns)
