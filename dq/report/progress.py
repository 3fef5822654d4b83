"""A progress bar for long runs: bytes and records done, MB/s, ETA, one line per file.

Why: a 300 MB ``dq scan`` or ``dq validate`` ran 16-61 s in silence, and a
silent minute reads as a hang. On a terminal, :class:`RunProgress` shows a
``rich.progress`` bar (overall, plus the file being read when the input is
a folder of several files); anywhere else (CI logs, pipes, ``-q``) it draws
nothing, so logs and machine output stay clean. Either way
:meth:`RunProgress.summary` gives the closing line: records, MB, seconds, MB/s.

Callers report progress as they go (``advance(file, bytes, records)``);
the class never reads files itself, so the streamed and in-memory paths
report the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

#: Bytes per MB in what we print (decimal, as rich's transfer columns and disk vendors use).
MB: Final = 1_000_000


@dataclass
class _Totals:
    bytes_done: int = 0
    records: int = 0
    per_file: dict[str, int] = field(default_factory=dict)


class RunProgress:
    """Progress of one run over ``files`` (path, size in bytes); a context manager.

    ``enabled``: None draws only when ``console`` is a terminal; False never
    draws (``-q``); True draws even when it is not (tests). ``clock`` is
    injectable so tests are deterministic.
    """

    def __init__(
        self,
        files: Sequence[tuple[str, int]],
        *,
        label: str = "scan",
        console: Console | None = None,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        from rich.console import Console

        self.files = list(files)
        self.total_bytes = sum(size for _, size in self.files)
        self.label = label
        self.console = console or Console(stderr=True)
        self.enabled = self.console.is_terminal if enabled is None else enabled
        self._clock = clock
        self._started = clock()
        self._ended: float | None = None
        self._done = _Totals()
        self._progress: Progress | None = None
        self._overall: TaskID | None = None
        self._file_tasks: dict[str, TaskID] = {}
        self._file_records: dict[str, int] = {}

    # --- context manager --------------------------------------------------------------------

    def __enter__(self) -> RunProgress:
        self._started = self._clock()
        if self.enabled:
            self._progress = self._make_progress()
            self._progress.start()
            self._overall = self._progress.add_task(
                self.label, total=self.total_bytes or None, records=0
            )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._ended = self._clock()
        if self._progress is not None:
            self._progress.refresh()
            self._progress.stop()

    def _make_progress(self) -> Progress:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        return Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            DownloadColumn(binary_units=False),
            TextColumn("{task.fields[records]:,} records"),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            auto_refresh=False,  # refreshed on each advance: deterministic, no thread
            transient=False,
            get_time=self._clock,
        )

    # --- reporting --------------------------------------------------------------------------

    def advance(self, file: str, nbytes: int, records: int) -> None:
        """``nbytes`` more of ``file`` read, ``records`` more records done."""
        self._done.bytes_done += nbytes
        self._done.records += records
        self._done.per_file[file] = self._done.per_file.get(file, 0) + nbytes
        if self._progress is None or self._overall is None:
            return
        self._progress.update(self._overall, advance=nbytes, records=self._done.records)
        if len(self.files) > 1:
            task = self._file_tasks.get(file)
            if task is None:
                size = dict(self.files).get(file)
                task = self._progress.add_task(f"  {_short(file)}", total=size, records=0)
                self._file_tasks[file] = task
            self._file_records[file] = self._file_records.get(file, 0) + records
            self._progress.update(task, advance=nbytes, records=self._file_records[file])
        self._progress.refresh()

    def file_done(self, file: str) -> None:
        """``file`` is finished: its line leaves the display (the overall bar stays)."""
        task = self._file_tasks.pop(file, None)
        if self._progress is not None and task is not None:
            self._progress.remove_task(task)
            self._progress.refresh()

    @property
    def records(self) -> int:
        return self._done.records

    @property
    def bytes_done(self) -> int:
        return self._done.bytes_done

    def elapsed(self) -> float:
        end = self._ended if self._ended is not None else self._clock()
        return max(end - self._started, 0.0)

    def summary(self) -> str:
        """``1,234 records · 300.0 MB in 16.2 s (18.5 MB/s)``.

        >>> ticks = iter([0.0, 0.0, 2.0])
        >>> p = RunProgress([("a.jsonl", 5_000_000)], enabled=False, clock=lambda: next(ticks))
        >>> with p:
        ...     p.advance("a.jsonl", 5_000_000, 1234)
        >>> p.summary()
        '1,234 records · 5.0 MB in 2.0 s (2.5 MB/s)'
        """
        seconds = self.elapsed()
        mb = self._done.bytes_done / MB
        speed = f"{mb / seconds:.1f} MB/s" if seconds > 0 else "- MB/s"
        return f"{self._done.records:,} records · {mb:.1f} MB in {seconds:.1f} s ({speed})"

    def print_summary(self) -> None:
        """The closing line, on a terminal only (nothing extra elsewhere)."""
        if self.enabled:
            self.console.print(self.summary(), highlight=False)


def _short(path: str, width: int = 40) -> str:
    """A file name that fits a progress line: the tail of long paths.

    >>> _short("a/b.jsonl"), _short("x" * 50 + "/name.jsonl", 12)
    ('a/b.jsonl', '…/name.jsonl')
    """
    if len(path) <= width:
        return path
    tail = path.rsplit("/", 1)[-1]
    return "…/" + tail[-(width - 2):]


def files_with_sizes(paths: Sequence[str]) -> list[tuple[str, int]]:
    """(path, size) for each existing file (0 for one that cannot be stat'ed)."""
    from pathlib import Path

    out = []
    for p in paths:
        try:
            out.append((p, Path(p).stat().st_size))
        except OSError:
            out.append((p, 0))
    return out
