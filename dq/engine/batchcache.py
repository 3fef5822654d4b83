"""Batches parsed once: what the stream's pre-pass loaded, kept on disk for the scan after it.

Why: a streamed scan with a corpus-wide line signal (``repeated_boilerplate``)
goes over its input twice: a pre-pass aggregates what the whole corpus says
about its lines (:func:`dq.engine.stream.corpus_prepass`), then the scan
detects each batch. Parsing JSON lines with the loader's safety checks took
0.84 CPU s per 64 MB bench_scale shard; writing the parsed batch as Arrow IPC
and reading it back, 0.05 + 0.05 s (Polars 2.1, 2026-12-07). So the pre-pass
writes each batch it loaded to a file in the scan's temporary folder, and
the scan reads it back instead of loading the input again.

Memory stays at one batch: a batch is written as soon as the pre-pass is
done with it and read back only when the scan reaches it.
Disk: about the input's size, freed batch by batch as the scan reads it.
When the disk would keep less than :data:`DISK_RESERVE_BYTES` free, or a
write fails, nothing is cached and the scan loads the input again (a load
is sequential: duplicate ids need every batch before).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

import polars as pl

from dq.load import LoadResult

__all__ = ["DISK_RESERVE_BYTES", "BatchCache"]

#: Free bytes a cached batch must leave on the temporary folder's disk: room
#: for the signal table's parts, the findings file, the quarantine and other
#: programs. Not measured: 1 GiB is ~15 default batches (64 MiB) of room.
DISK_RESERVE_BYTES: Final = 2**30


def _room_for(frame: pl.DataFrame, folder: Path) -> bool:
    """Whether ``frame`` can be written under ``folder`` and leave the reserve free."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return False
    return free - frame.estimated_size() >= DISK_RESERVE_BYTES


def _written(frame: pl.DataFrame, path: Path) -> bool:
    """Write ``frame`` to ``path``; whether it reads back with the same columns and types.

    (Every type a loader produces does, nested, Null and Decimal ones too;
    an Object column cannot be written: then the input is loaded again.)
    """
    try:
        frame.write_ipc(path)
        return dict(pl.read_ipc_schema(path)) == dict(frame.schema)
    except (OSError, pl.exceptions.PolarsError):
        return False


@dataclass
class BatchCache:
    """The batches of one load, in order, their records on disk (Arrow IPC).

    :meth:`add` each batch as it is loaded; then :meth:`batches` gives them
    back once, each as it was loaded (``complete`` False: some batch could
    not be cached, load again).
    """

    folder: Path
    complete: bool = True
    _kept: list[tuple[LoadResult, Path | None]] = field(default_factory=list)

    def add(self, batch: LoadResult) -> None:
        """Cache one batch (its records to a file, the rest of it in memory)."""
        if not self.complete:
            return
        if not batch.articles.height:
            self._kept.append((batch, None))
            return
        path = self.folder / f"batch-{len(self._kept):06d}.arrow"
        if _room_for(batch.articles, self.folder) and _written(batch.articles, path):
            self._kept.append((replace(batch, articles=batch.articles.clear()), path))
            return
        path.unlink(missing_ok=True)
        self._drop()

    def _drop(self) -> None:
        self.complete = False
        for _, path in self._kept:
            if path is not None:
                path.unlink(missing_ok=True)
        self._kept.clear()

    def batches(self) -> Iterator[LoadResult]:
        """Each cached batch, in order, read back as it is reached (its file is then removed)."""
        while self._kept:
            batch, path = self._kept.pop(0)
            if path is not None:
                articles = pl.read_ipc(path)
                path.unlink(missing_ok=True)
                batch = replace(batch, articles=articles)
            yield batch
