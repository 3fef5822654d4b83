"""Parquet files and folders of text files: the two formats with no line-level damage.

Why together: neither can be repaired record by record. A Parquet file
either decodes or it does not (``unreadable_file``), and a text file is one
record that is either UTF-8 or not (``invalid_utf8``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from dq.load._common import (
    FILE,
    ROW,
    Part,
    Read,
    ReadOptions,
    empty_frame,
    escape_name,
    excerpt,
    file_problem,
    first_line,
    strip_bom,
    unreadable,
)
from dq.load._compression import content_problem
from dq.schema import ID, TEXT, Quarantined


def _scan(path: Path) -> pl.LazyFrame:
    """A Parquet file as a lazy frame, input columns renamed where they look internal."""
    frame = pl.scan_parquet(path)
    names = frame.collect_schema().names()
    renames = {name: escape_name(name) for name in names if name != escape_name(name)}
    return frame.rename(renames) if renames else frame


def _rows(path: Path, offset: int = 0, length: int | None = None) -> pl.DataFrame:
    return (
        _scan(path)
        .slice(offset, length)
        .with_row_index(ROW, offset=offset + 1)
        .with_columns(pl.col(ROW).cast(pl.Int64), pl.lit(str(path)).alias(FILE))
        .collect()
    )


def read_parquet(path: Path, options: ReadOptions) -> Read:
    """Read one Parquet file; a file that will not decode is quarantined whole."""
    del options  # a Parquet file's records need no reader options
    try:
        return Read(_rows(path))
    except (pl.exceptions.PolarsError, OSError) as error:
        return unreadable(path, error)


def _parquet_rows(path: Path) -> int | None:
    try:
        rows: int = pl.scan_parquet(path).select(pl.len()).collect().item()
    except (pl.exceptions.PolarsError, OSError):
        return None
    return rows


def split_parquet(path: Path, options: ReadOptions, batch_bytes: int) -> Iterator[Part]:
    """A Parquet file in row slices of about ``batch_bytes`` on disk each."""
    size = path.stat().st_size
    rows = _parquet_rows(path)
    if rows is None:
        yield Part(read_parquet(path, options), size)
        return
    step = max(1, rows * batch_bytes // max(size, 1))
    for offset in range(0, rows, step):
        try:
            frame = _rows(path, offset, step)
        except (pl.exceptions.PolarsError, OSError) as error:
            yield Part(unreadable(path, error), 0, False, offset > 0)
            return
        yield Part(Read(frame), size * frame.height // max(rows, 1), False, offset > 0)


@dataclass(frozen=True)
class TextFile:
    """A text file to load as one article, and the id it gets."""

    path: Path
    record_id: str


def _decoded(data: bytes) -> str | None:
    try:
        return strip_bom(data).decode("utf-8")
    except UnicodeDecodeError:
        return None


def read_texts(files: Sequence[TextFile]) -> Read:
    """Read text files as one frame: one article per file, ``dq_row`` 1.

    One frame for the whole batch, because a folder may hold many thousands
    of small files and one frame per file would cost more than the reading.
    """
    ids: list[str] = []
    texts: list[str] = []
    names: list[str] = []
    bad: list[Quarantined] = []
    for item in files:
        try:
            data = item.path.read_bytes()
        except OSError as error:
            bad.append(file_problem(item.path, "unreadable_file", first_line(error), 1))
            continue
        problem = content_problem(data[:8])
        if problem is not None:
            bad.append(file_problem(item.path, *problem, line=1))
            continue
        text = _decoded(data)
        if text is None:
            bad.append(Quarantined(str(item.path), 1, "invalid_utf8", excerpt(data)))
            continue
        ids.append(item.record_id)
        texts.append(text)
        names.append(str(item.path))
    if not ids:
        return Read(empty_frame(), tuple(bad))
    frame = pl.DataFrame(
        {ID: ids, TEXT: texts, FILE: names, ROW: [1] * len(ids)},
        schema={ID: pl.String, TEXT: pl.String, FILE: pl.String, ROW: pl.Int64},
    )
    return Read(frame, tuple(bad))
