"""Reading a corpus in parts of bounded size, for corpora larger than memory.

Why a module of its own: :func:`dq.load.load` reads every file whole, which
is right for a pull request's corpus and wrong for a nightly run over tens
of gigabytes. Here the same readers run on parts: a plain JSON-lines file
is cut at line breaks into pieces of about ``batch_bytes``, a Parquet file
into row slices, and runs of small files are grouped. Every part keeps the
line (or row) numbers of its whole file, so quarantine entries and
``dq_row`` do not depend on how the corpus was cut.

Read whole, whatever their size: compressed JSON lines (a truncated stream
must be seen from its start), CSV (quoted newlines make a cut unsafe) and
text files (one record each).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import polars as pl

from dq.load._common import (
    FILE,
    ROW,
    UTF8_BOM,
    Read,
    empty_frame,
    file_problem,
    first_line,
)
from dq.load._compression import GZIP_MAGIC, ZSTD_MAGIC
from dq.load._csv import read_csv
from dq.load._discover import Source, unknown_detail
from dq.load._files import TextFile, read_parquet, read_texts
from dq.load._jsonl import read_jsonl, read_jsonl_part


@dataclass(frozen=True)
class Part:
    """What one reader read from one part of the input.

    ``is_text``: a batch of text files (no ``--map``); ``continued``: not the
    first part of its file; ``nbytes``: bytes of input it stands for.
    """

    read: Read
    nbytes: int
    is_text: bool = False
    continued: bool = False


def read_source(source: Source, text_column: str) -> Read:
    """One whole file through the reader for its format."""
    path = source.path
    try:
        if source.fmt == "jsonl":
            return read_jsonl(path, text_column)
        if source.fmt == "csv":
            return read_csv(path)
        if source.fmt == "parquet":
            return read_parquet(path)
    except OSError as error:
        return Read(empty_frame(), (file_problem(path, "unreadable_file", first_line(error)),))
    return Read(empty_frame(), (file_problem(path, "unknown_format", unknown_detail(path)),))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _is_compressed(path: Path) -> bool:
    with path.open("rb") as fh:
        magic = fh.read(len(ZSTD_MAGIC))
    return magic.startswith((GZIP_MAGIC, ZSTD_MAGIC))


def _jsonl_parts(path: Path, text_column: str, batch_bytes: int) -> Iterator[Part]:
    """A plain JSON-lines file in pieces of whole lines, about ``batch_bytes`` each."""
    line, carry, started = 1, b"", False
    with path.open("rb") as fh:
        if fh.read(len(UTF8_BOM)) != UTF8_BOM:
            fh.seek(0)
        # A line longer than a batch is read whole: the next read is as long as what is carried.
        while block := fh.read(max(batch_bytes, len(carry))):
            data = carry + block
            cut = data.rfind(b"\n") + 1
            complete, carry = data[:cut], data[cut:]
            if complete:
                yield Part(read_jsonl_part(complete, path, text_column, line), cut, False, started)
                line += complete.count(b"\n")
                started = True
    if carry:  # a last line without a newline
        yield Part(read_jsonl_part(carry, path, text_column, line), len(carry), False, started)


def _parquet_rows(path: Path) -> int | None:
    try:
        rows: int = pl.scan_parquet(path).select(pl.len()).collect().item()
    except (pl.exceptions.PolarsError, OSError):
        return None
    return rows


def _parquet_parts(path: Path, size: int, batch_bytes: int) -> Iterator[Part]:
    """A Parquet file in row slices of about ``batch_bytes`` on disk each."""
    rows = _parquet_rows(path)
    if rows is None:
        yield Part(read_parquet(path), size)
        return
    step = max(1, rows * batch_bytes // max(size, 1))
    for offset in range(0, rows, step):
        try:
            frame = (
                pl.scan_parquet(path)
                .slice(offset, step)
                .with_row_index(ROW, offset=offset + 1)
                .with_columns(pl.col(ROW).cast(pl.Int64), pl.lit(str(path)).alias(FILE))
                .collect()
            )
        except (pl.exceptions.PolarsError, OSError) as error:
            problem = file_problem(path, "unreadable_file", first_line(error))
            yield Part(Read(empty_frame(), (problem,)), 0, False, offset > 0)
            return
        yield Part(Read(frame), size * frame.height // max(rows, 1), False, offset > 0)


def _source_parts(source: Source, text_column: str, batch_bytes: int | None) -> Iterator[Part]:
    size = _size(source.path)
    if batch_bytes is None or size <= batch_bytes:
        yield Part(read_source(source, text_column), size)
    elif source.fmt == "parquet":
        yield from _parquet_parts(source.path, size, batch_bytes)
    elif source.fmt == "jsonl" and not _is_compressed(source.path):
        try:
            yield from _jsonl_parts(source.path, text_column, batch_bytes)
        except OSError as error:
            problem = file_problem(source.path, "unreadable_file", first_line(error))
            yield Part(Read(empty_frame(), (problem,)), 0)
    else:
        yield Part(read_source(source, text_column), size)


def _text_runs(sources: Sequence[Source], batch_bytes: int | None) -> Iterator[list[Source]]:
    """Consecutive text files in runs of about ``batch_bytes`` (one run when None)."""
    run: list[Source] = []
    total = 0
    for source in sources:
        run.append(source)
        total += _size(source.path)
        if batch_bytes is not None and total >= batch_bytes:
            yield run
            run, total = [], 0
    if run:
        yield run


def read_parts(
    sources: Sequence[Source], text_column: str, batch_bytes: int | None
) -> Iterator[Part]:
    """Every source read, in order; ``batch_bytes=None`` reads each file whole.

    Runs of text files are read as one frame (a folder may hold many
    thousands of small files), cut into runs of ``batch_bytes``.
    """
    for is_text, group in groupby(sources, key=lambda source: source.fmt == "text"):
        if is_text:
            for run in _text_runs(list(group), batch_bytes):
                files = [TextFile(s.path, s.text_id) for s in run]
                yield Part(read_texts(files), sum(_size(s.path) for s in run), is_text=True)
        else:
            for source in group:
                yield from _source_parts(source, text_column, batch_bytes)


def batches(parts: Iterable[Part], batch_bytes: int) -> Iterator[list[Part]]:
    """Consecutive parts grouped so that a group stays within ``batch_bytes`` of input.

    A group is closed before a part that would take it past ``batch_bytes``
    (a part bigger than that is a group of its own): the parts of a big file,
    each just under ``batch_bytes``, must not pair up into twice the memory.

    >>> sizes = [Part(Read(empty_frame()), n) for n in (2, 3, 3, 9, 1)]
    >>> [[p.nbytes for p in group] for group in batches(sizes, 5)]
    [[2, 3], [3], [9], [1]]
    """
    group: list[Part] = []
    total = 0
    for part in parts:
        if group and total + part.nbytes > batch_bytes:
            yield group
            group, total = [], 0
        group.append(part)
        total += part.nbytes
    if group:
        yield group
