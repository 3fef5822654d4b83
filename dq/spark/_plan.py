"""Cutting a corpus into read splits for Spark tasks: byte ranges of JSON-lines files, whole
files for the rest. Pure Python, no Spark: the driver plans, the tasks read.

Why dq's own readers in the tasks and not Spark's JSON reader: the scan must
give exactly the local engine's records and quarantine. Spark's parser
accepts what dq quarantines (``NaN``, a number where ``text`` should be a
string, invalid UTF-8 replaced by U+FFFD) and gives no line numbers. So a
task runs :func:`dq.load._jsonl.read_jsonl_part` on its range of whole
lines, numbered as in the whole file. A :class:`pyspark.sql.DataFrame` read
by Spark (``spark.read.json(..., columnNameOfCorruptRecord=...)``) goes
through :mod:`dq.spark._frames` instead.

A range follows Hadoop's line-reader rule: it holds the lines that *start*
inside it (a range after the first skips to just past its first newline).
Its first line's number needs the newlines of every range before it: a
cheap first job counts them (:func:`count_newlines`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dq.load._common import UTF8_BOM

#: Bytes of input per read split at least, when a scan cuts its input into one split per
#: core (:func:`default_split_bytes`): a smaller split would pay detect()'s fixed cost for
#: little text. A split is also the unit of Spark's scheduling.
SPLIT_BYTES: Final = 32 * 2**20
#: Bytes of a byte-range split a task reads, parses and detects at most at a time (a split
#: asked larger, e.g. one per core, is read in equal chunks no larger): a task's memory
#: stays that of one chunk; and the largest split :func:`default_split_bytes` makes.
#: Each chunk is one detect() call, whose fixed cost (about 1.1 CPU s warm: the line pass's
#: plans and regexes, 2026-12-08) does not shrink with it: a Python worker detected
#: bench_scale's 100 MB shard in 11.7-11.9 CPU s as two frames and 9.1-9.4 as one, at a
#: peak RSS of 806-821 and 960-973 MB (one process, one Polars thread, 2026-12-08,
#: bench/README.md spark28). Twice the local engine's batch
#: (``dq.engine.request.DEFAULT_BATCH_BYTES``, which shares two threads' memory in one
#: process): a Spark task has its own core and worker process.
CHUNK_BYTES: Final = 128 * 2**20
#: Bytes read at a time when a task looks for the end of its last line.
_PROBE: Final = 1 << 16
#: Record positions per split in the corpus-order key (``split << 32 | row``).
ORDER_SHIFT: Final = 32


@dataclass(frozen=True)
class Split:
    """One task's share of the input.

    ``kind``: ``range`` (bytes ``start:end`` of a plain JSON-lines file),
    ``whole`` (one file through its format's reader) or ``texts`` (text
    files, one record each: ``files`` holds their paths and ids). ``source``:
    the first file's position in the load plan (quarantine order).
    """

    index: int
    kind: str
    path: str
    fmt: str | None
    source: int
    start: int = 0
    end: int = 0
    first_line: int = 1
    files: str = "[]"
    problem: str | None = None

    def row(self) -> tuple[object, ...]:
        return (self.index, self.kind, self.path, self.fmt, self.source, self.start,
                self.end, self.first_line, self.files, self.problem)


#: The Spark DDL of :meth:`Split.row`.
SPLIT_DDL: Final = (
    "index long, kind string, path string, fmt string, source long, start long, end long, "
    "first_line long, files string, problem string"
)


def _ranges(size: int, split_bytes: int) -> list[tuple[int, int]]:
    """``(start, end)`` byte ranges covering ``size`` bytes.

    >>> _ranges(10, 4), _ranges(0, 4)
    ([(0, 4), (4, 8), (8, 10)], [(0, 0)])
    """
    if size == 0:
        return [(0, 0)]
    return [(at, min(at + split_bytes, size)) for at in range(0, size, split_bytes)]


def default_split_bytes(total: int, cores: int) -> int:
    """Bytes per split of a scan of ``total`` input bytes on ``cores`` cores (Spark's
    ``defaultParallelism``): at least one split per core, none under :data:`SPLIT_BYTES`
    (a small corpus: fewer splits than cores), none over :data:`CHUNK_BYTES` (a large one:
    one chunk, one detect() call, per task), cut evenly.

    >>> MB = 10**6
    >>> [-(-n // default_split_bytes(n, 2)) for n in (20 * MB, 100 * MB, 1025 * MB)]
    [1, 2, 8]
    >>> -(-1025 * MB // default_split_bytes(1025 * MB, 100))  # 100 cores: 32 MiB splits
    30
    """
    count = max(-(-total // CHUNK_BYTES), min(cores, total // SPLIT_BYTES), 1)
    return max(1, -(-total // count))


def plan_splits(sources: Sequence[object], split_bytes: int = CHUNK_BYTES) -> list[Split]:
    """Splits of every source of a :class:`dq.load._discover.Plan`, in load order.

    Plain JSON-lines files larger than ``split_bytes`` are cut into byte
    ranges; everything else is read whole; runs of text files (one record
    each) are grouped into splits of about ``split_bytes``.
    """
    from dq.load._batches import _is_compressed, _one_per_file, _size
    from dq.load._jsonl import _needs_whole_read

    out: list[Split] = []
    texts: list[tuple[str, str]] = []
    text_bytes, text_source = 0, 0

    def flush_texts() -> None:
        nonlocal texts, text_bytes
        if texts:
            out.append(Split(len(out), "texts", texts[0][0], "text", text_source,
                             files=json.dumps(texts)))
            texts, text_bytes = [], 0

    for position, source in enumerate(sources):
        path, fmt = source.path, source.fmt  # type: ignore[attr-defined]
        problem = json.dumps(source.problem) if source.problem else None  # type: ignore[attr-defined]
        if _one_per_file(source):  # type: ignore[arg-type]
            if not texts:
                text_source = position
            texts.append((str(path), source.text_id))  # type: ignore[attr-defined]
            text_bytes += _size(path)
            if text_bytes >= split_bytes:
                flush_texts()
            continue
        flush_texts()
        size = _size(path)
        splittable = (fmt == "jsonl" and problem is None and size > split_bytes
                      and not _needs_whole_read(path) and not _is_compressed(path))
        if not splittable:
            out.append(Split(len(out), "whole", str(path), fmt, position, problem=problem))
            continue
        for start, end in _ranges(size, split_bytes):
            out.append(Split(len(out), "range", str(path), fmt, position, start, end))
    flush_texts()
    return out


def chunks(start: int, end: int, most: int) -> list[tuple[int, int]]:
    """``start:end`` cut into the fewest near-equal byte ranges of at most ``most`` bytes
    (a 100 MB split: two of 50 MB, not 64 + 36: each is one detect() call, whose
    fixed cost an uneven tail pays for little text).

    >>> chunks(0, 10, 4), chunks(5, 9, 4), chunks(0, 0, 4)
    ([(0, 4), (4, 8), (8, 10)], [(5, 9)], [])
    >>> chunks(0, 100, 64)
    [(0, 50), (50, 100)]
    """
    if end <= start:
        return []
    count = -(-(end - start) // most)
    size = -(-(end - start) // count)
    return [(at, min(at + size, end)) for at in range(start, end, size)]


def count_newlines(path: str, start: int, end: int) -> int:
    """Newlines in bytes ``start:end`` of ``path`` (read in 8 MiB blocks)."""
    count = 0
    with Path(path).open("rb") as fh:
        fh.seek(start)
        left = end - start
        while left > 0:
            block = fh.read(min(left, 8 << 20))
            if not block:
                break
            count += block.count(b"\n")
            left -= len(block)
    return count


def with_first_lines(splits: Sequence[Split], newlines: dict[int, int]) -> list[Split]:
    """``splits`` with each range's first line number, from the newlines of each range.

    A range's lines start after its first newline (unless it starts the file
    or right after a newline): its first line is one past the newlines of
    the ranges before it, plus one for the line it skips (:func:`read_range`
    sees whether the byte before ``start`` is a newline; it passes 0 or 1).
    Here: 1 + newlines before ``start`` in the same file.

    >>> s = [Split(0, "range", "f", "jsonl", 0, 0, 4), Split(1, "range", "f", "jsonl", 0, 4, 8)]
    >>> [x.first_line for x in with_first_lines(s, {0: 2, 1: 1})]
    [1, 3]
    """
    out: list[Split] = []
    before: dict[str, int] = {}
    for split in splits:
        if split.kind != "range":
            out.append(split)
            continue
        seen = before.get(split.path, 0)
        out.append(Split(split.index, split.kind, split.path, split.fmt, split.source,
                         split.start, split.end, 1 + seen))
        before[split.path] = seen + newlines.get(split.index, 0)
    return out


def range_bytes(path: str, start: int, end: int) -> tuple[bytes, int]:
    """The whole lines that start in bytes ``start:end`` of ``path``, and how many
    lines were skipped before them (0 or 1: the tail of the previous range's last line).

    A BOM at the start of the file is dropped (as the local reader does).
    """
    with Path(path).open("rb") as fh:
        skipped = 0
        if start > 0:
            fh.seek(start - 1)
            if fh.read(1) != b"\n":
                skipped = 1
                while True:  # skip to just past the next newline
                    block = fh.read(_PROBE)
                    if not block:
                        return b"", skipped
                    at = block.find(b"\n")
                    if at >= 0:
                        fh.seek(fh.tell() - len(block) + at + 1)
                        break
        begin = fh.tell()
        if begin >= end and start > 0:
            return b"", skipped
        data = fh.read(max(0, end - begin))
        if data and not data.endswith(b"\n"):
            data += b"".join(_rest_of_line(fh))
    if start == 0 and data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    return data, skipped


def _rest_of_line(fh: object) -> Iterator[bytes]:
    """Blocks up to and including the next newline (or the end of the file)."""
    while True:
        block: bytes = fh.read(_PROBE)  # type: ignore[attr-defined]
        if not block:
            return
        at = block.find(b"\n")
        if at >= 0:
            yield block[: at + 1]
            return
        yield block
