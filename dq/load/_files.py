"""Parquet files and folders of text files: the two formats with no line-level damage.

Why together: neither can be repaired record by record. A Parquet file
either decodes or it does not (``unreadable_file``), and a text file is one
record that is either UTF-8 or not (``invalid_utf8``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from dq.load._common import (
    FILE,
    ROW,
    Read,
    empty_frame,
    excerpt,
    file_problem,
    first_line,
    strip_bom,
)
from dq.schema import ID, TEXT, Quarantined


def read_parquet(path: Path) -> Read:
    """Read one Parquet file lazily; a file that will not decode is quarantined whole."""
    try:
        frame = (
            pl.scan_parquet(path)
            .with_row_index(ROW, offset=1)
            .with_columns(pl.col(ROW).cast(pl.Int64), pl.lit(str(path)).alias(FILE))
            .collect()
        )
    except (pl.exceptions.PolarsError, OSError) as error:
        return Read(empty_frame(), (file_problem(path, "unreadable_file", first_line(error)),))
    return Read(frame)


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
