"""Write a cleaned corpus in the format its file name says, or refuse.

Why: ``dq clean --out c.csv`` used to write Parquet bytes into a file named
``.csv``; the next tool to read it fails far from the cause. The suffix is
the user's statement of the format: honour it (Parquet, JSON Lines, CSV) or
say which suffixes work before anything is written.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dq.errors import DqError

if TYPE_CHECKING:
    import polars as pl

#: Suffix -> format written. ``.jsonl.gz`` and friends are refused: say so rather than
#: write an uncompressed file under a compressed name.
OUTPUT_FORMATS: Final = {
    ".parquet": "parquet", ".pq": "parquet",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv",
}


class OutputFormatError(DqError, ValueError):
    """An output path whose suffix names no format dq writes (exit 2).

    A :class:`~dq.errors.DqError` (the CLI's one mapping to exit 2); still a
    ``ValueError`` for callers that caught that.
    """


def output_format(path: str | Path) -> str:
    """The format ``path``'s suffix names.

    >>> output_format("c.csv"), output_format("out/c.PARQUET"), output_format("c.ndjson")
    ('csv', 'parquet', 'jsonl')
    >>> output_format("c.parket")
    Traceback (most recent call last):
    dq.clean._write.OutputFormatError: c.parket: cannot tell the format from '.parket' \
(did you mean '.parquet'?); use .parquet, .pq, .jsonl, .ndjson or .csv
    """
    suffix = Path(path).suffix.lower()
    if suffix in OUTPUT_FORMATS:
        return OUTPUT_FORMATS[suffix]
    close = difflib.get_close_matches(suffix, list(OUTPUT_FORMATS), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    what = f"from {suffix!r}" if suffix else "without a suffix"
    raise OutputFormatError(
        f"{path}: cannot tell the format {what}{hint}; use {_listed()}"
    )


def _listed() -> str:
    names = list(OUTPUT_FORMATS)
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _flat_for_csv(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested columns (``dq_steps``: the cleaning plan) as JSON text: CSV has no lists."""
    nested = [name for name, dtype in frame.schema.items() if dtype.is_nested()]
    if not nested:
        return frame
    return frame.with_columns(_json_text(c) for c in nested)


def _json_text(column: str) -> pl.Expr:
    """``column`` (nested) as compact JSON text, nulls kept null."""
    import polars as pl

    # json_encode works on structs only: wrap, encode, unwrap (as dq.load._rules.as_string)
    wrapped = pl.struct(pl.col(column)).struct.json_encode()
    prefix = "{" + json.dumps(column, ensure_ascii=False) + ":"
    return (
        pl.when(pl.col(column).is_null()).then(None)
        .otherwise(wrapped.str.strip_prefix(prefix).str.strip_suffix("}"))
        .alias(column)
    )


def write_cleaned(frame: pl.DataFrame, path: str | Path) -> str:
    """Write ``frame`` to ``path`` in the format its suffix names; the format's name.

    Raises :class:`OutputFormatError` before creating anything when the
    suffix names no format.
    """
    fmt = output_format(path)
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        frame.write_parquet(p)
    elif fmt == "jsonl":
        frame.write_ndjson(p)
    else:
        _flat_for_csv(frame).write_csv(p)
    return fmt
