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
from collections.abc import Collection, Mapping, Sequence
from typing import Final

import polars as pl

from dq.load._common import (
    FILE,
    MAX_RECORD_BYTES,
    ROW,
    LoadError,
    escape_name,
    excerpt,
    unescape_name,
)
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
# Set on Binary text whose bytes are not UTF-8 (see _text_as_string).
_BAD_BYTES: Final = "__dq_bad_bytes__"
_RESERVED: Final = frozenset((*ARTICLE_FIELDS, *PROVENANCE_FIELDS))
# An input column whose name is taken by an article field it does not feed
# (``text`` when ``--map text=body``) is carried through under this prefix.
DISPLACED_PREFIX: Final = "input_"


def check_mapping(columns: Sequence[str], mapping: Mapping[str, str], label: str) -> None:
    """Refuse a mapping that names a column the file does not have.

    >>> check_mapping(["body"], {"text": "body"}, "a.csv")
    >>> check_mapping(["text"], {"text": "body"}, "a.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    dq.errors.LoadError: a.csv: --map text=body, but the file has no column 'body' (...: text)
    """
    for field, column in mapping.items():
        if escape_name(column) not in columns:
            names = ", ".join(unescape_name(c) for c in columns[:20]) or "none"
            raise LoadError(
                f"{label}: --map {field}={column}, but the file has no column {column!r}"
                f" (its columns: {names})"
            )


def text_problem(
    column: str, schema: Mapping[str, pl.DataType], max_bytes: int = MAX_RECORD_BYTES
) -> pl.Expr:
    """The quarantine reason for each row's text, null when the text is fine.

    >>> df = pl.DataFrame({"text": ["ok", " \\n", None]})
    >>> df.select(text_problem("text", df.schema)).to_series().to_list()
    [None, 'empty_text', 'missing_text']
    >>> df = pl.DataFrame({"text": [3, None]})
    >>> df.select(text_problem("text", df.schema)).to_series().to_list()
    ['non_string_text', 'missing_text']
    >>> pl.DataFrame({"a": [1]}).select(text_problem("text", {})).item()
    'missing_text'
    >>> df = pl.DataFrame({"text": ["short", "much too long"]})
    >>> df.select(text_problem("text", df.schema, max_bytes=5)).to_series().to_list()
    [None, 'record_too_large']
    """
    if column not in schema:
        return pl.lit("missing_text", dtype=pl.String)
    text = pl.col(column)
    checks: list[tuple[pl.Expr, str]] = []
    if _BAD_BYTES in schema:
        checks.append((pl.col(_BAD_BYTES), "invalid_utf8"))
    checks.append((text.is_null(), "missing_text"))
    if schema[column] == pl.String:
        checks.append((text.str.strip_chars().str.len_chars() == 0, "empty_text"))
        checks.append((text.str.len_bytes() > max_bytes, "record_too_large"))
    else:
        checks.append((pl.lit(value=True), "non_string_text"))
    problem = pl.lit(None, dtype=pl.String)
    for condition, why in reversed(checks):  # the first check that holds wins
        problem = pl.when(condition).then(pl.lit(why)).otherwise(problem)
    return problem


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


def _text_as_string(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Text stored as a category or as bytes is still text: read it as a string.

    Parquet files written from pandas keep a category column as
    ``dictionary<string>``, and some writers store UTF-8 as ``binary``. Bytes
    that are not UTF-8 are marked (``_BAD_BYTES``) for quarantine, never
    replaced.

    >>> df = pl.DataFrame({"t": [b"ok", b"caf\\xc3\\xa9", b"\\xff"]})
    >>> _text_as_string(df, "t").rows()
    [('ok', False), ('café', False), (None, True)]
    """
    dtype = frame.schema.get(column)
    if isinstance(dtype, pl.Categorical | pl.Enum):
        return frame.with_columns(pl.col(column).cast(pl.String))
    if dtype != pl.Binary:
        return frame
    decoded: list[str | None] = []
    bad: list[bool] = []
    for value in frame.get_column(column).to_list():
        try:
            decoded.append(None if value is None else value.decode("utf-8"))
            bad.append(False)
        except UnicodeDecodeError:
            decoded.append(None)
            bad.append(True)
    return frame.with_columns(
        pl.Series(column, decoded, dtype=pl.String), pl.Series(_BAD_BYTES, bad, dtype=pl.Boolean)
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
                {unescape_name(k): v for k, v in row.items() if v is not None},
                default=str,
                ensure_ascii=False,
                separators=(",", ":"),
            )
        )
        for row in rows
    ]


def quarantine_rows(
    frame: pl.DataFrame,
    reasons: pl.Series,
    columns: Sequence[str],
    provenance: tuple[str, str] = (FILE, ROW),
) -> list[Quarantined]:
    """Quarantine entries for whole rows of a frame; ``provenance``: its file and row columns."""
    files = frame.get_column(provenance[0]).to_list()
    rows = frame.get_column(provenance[1]).to_list()
    excerpts = _row_excerpts(frame, columns)
    return [
        Quarantined(file=f, line_or_row=r, reason=why, excerpt=e)
        for f, r, why, e in zip(files, rows, reasons.to_list(), excerpts, strict=True)
    ]


def carried_name(name: str, taken: Collection[str] = ()) -> str:
    """The output name of an input column that is not an article field.

    An input column keeps its own name; one whose name an article field
    takes gets the prefix, once more for each input column (``taken``)
    that already has that name, so no two columns ever collide.

    >>> carried_name("body"), carried_name("text"), carried_name("dq_row")
    ('body', 'input_text', 'input_dq_row')
    >>> carried_name("text", taken={"input_text"})
    'input_input_text'
    """
    if name not in _RESERVED:
        return name
    out = DISPLACED_PREFIX + name
    while out in taken or out in _RESERVED:
        out = DISPLACED_PREFIX + out
    return out


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
    inputs = [name for name in schema if name not in (FILE, ROW, _BAD_BYTES)]
    taken = {unescape_name(name) for name in inputs}
    extras = [
        pl.col(name).alias(carried_name(unescape_name(name), taken))
        for name in inputs
        if name not in used
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
    frame: pl.DataFrame,
    mapping: Mapping[str, str],
    label: str,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> tuple[pl.DataFrame, list[Quarantined]]:
    """Apply the per-record rules to what one reader read.

    Returns the articles (schema columns, ``dq_file``, ``dq_row``, then the
    other input columns) and the quarantine entries for rows whose text is
    missing, not a string, empty, not UTF-8 (bytes) or too large. Column
    names in ``frame`` are escaped (:func:`dq.load._common.escape_name`);
    ``mapping`` names input columns as written.
    """
    inputs = [name for name in frame.columns if name not in (FILE, ROW)]
    check_mapping(inputs, mapping, label)
    sources = {field: escape_name(mapping.get(field, field)) for field in ARTICLE_FIELDS}
    frame = _text_as_string(frame, sources[TEXT])
    problem = text_problem(sources[TEXT], frame.schema, max_record_bytes)
    marked = frame.with_columns(problem.alias(_REASON))
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
    columns = [name for name in later.columns if name not in PROVENANCE_FIELDS]
    reasons = pl.Series(_REASON, ["duplicate_id"] * later.height, dtype=pl.String)
    dropped = quarantine_rows(later, reasons, columns, provenance=("dq_file", "dq_row"))
    return articles.filter(first), dropped
