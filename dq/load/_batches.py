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
from itertools import groupby
from pathlib import Path

from dq.load._common import (
    Part,
    Read,
    ReadOptions,
    empty_frame,
    file_problem,
    unreadable,
)
from dq.load._compression import GZIP_MAGIC, ZSTD_MAGIC
from dq.load._discover import Source, unknown_detail
from dq.load._files import TextFile, read_texts
from dq.load.formats import FORMATS

__all__ = ["Part", "batches", "read_parts", "read_source"]


def read_source(source: Source, options: ReadOptions) -> Read:
    """One whole file through the reader for its format."""
    path = source.path
    if source.problem is not None:
        return Read(empty_frame(), (file_problem(path, *source.problem),))
    if source.fmt is None:
        return Read(empty_frame(), (file_problem(path, "unknown_format", unknown_detail(path)),))
    try:
        return FORMATS[source.fmt].read(path, options)
    except OSError as error:
        return unreadable(path, error)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _is_compressed(path: Path) -> bool:
    with path.open("rb") as fh:
        magic = fh.read(len(ZSTD_MAGIC))
    return magic.startswith((GZIP_MAGIC, ZSTD_MAGIC))


def _source_parts(source: Source, options: ReadOptions, batch_bytes: int | None) -> Iterator[Part]:
    size = _size(source.path)
    fmt = FORMATS.get(source.fmt or "")
    if (
        batch_bytes is None
        or size <= batch_bytes
        or source.problem
        or fmt is None
        or fmt.split is None
    ):
        yield Part(read_source(source, options), size)
        return
    try:
        if _is_compressed(source.path):  # a truncated stream must be seen from its start
            yield Part(read_source(source, options), size)
        else:
            yield from fmt.split(source.path, options, batch_bytes)
    except OSError as error:
        yield Part(unreadable(source.path, error), 0)


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


def _one_per_file(source: Source) -> bool:
    fmt = FORMATS.get(source.fmt or "")
    return fmt is not None and fmt.one_per_file and source.problem is None


def read_parts(
    sources: Sequence[Source], options: ReadOptions, batch_bytes: int | None
) -> Iterator[Part]:
    """Every source read, in order; ``batch_bytes=None`` reads each file whole.

    Runs of text files are read as one frame (a folder may hold many
    thousands of small files), cut into runs of ``batch_bytes``.
    """
    for is_text, group in groupby(sources, key=_one_per_file):
        if is_text:
            for run in _text_runs(list(group), batch_bytes):
                files = [TextFile(s.path, s.text_id) for s in run]
                yield Part(read_texts(files), sum(_size(s.path) for s in run), is_text=True)
        else:
            for source in group:
                yield from _source_parts(source, options, batch_bytes)


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
