"""The history file itself: is it a DuckDB database, its lock, and connecting to it.

Why apart from :mod:`dq.report.history` (tables, migrations, reads and
writes): these are the checks made *before* a connection exists, the part
that must fail at once on a file that is not a history (``dq history
corpus/articles.jsonl``), leave no lock file beside it, and wait only for
another dq run or another program holding a real history.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

from dq.errors import HistoryError

if TYPE_CHECKING:
    import duckdb

_T = TypeVar("_T")

#: How long a run waits for another run holding the history file. A report
#: holds it for the render (seconds), so a minute means something is stuck.
LOCK_TIMEOUT_S: Final = 120.0
_POLL_S: Final = 0.05

#: The DuckDB file magic: bytes 8-11 of every DuckDB database file.
DUCKDB_MAGIC: Final = b"DUCK"
_MAGIC_AT: Final = 8
#: Words in DuckDB's IOException that mean "another process holds the file" (retried);
#: any other IOException (damaged file, not a database) is refused at once.
_LOCK_WORDS: Final = ("lock",)


def check_history_file(path: Path) -> None:
    """Refuse at once a path that exists and is not a DuckDB database (or is a folder).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "articles.jsonl"
    ...     _ = p.write_text('{"id": "a"}\\n')
    ...     try:
    ...         check_history_file(p)
    ...     except HistoryError as exc:
    ...         print(str(exc).split(": ", 1)[1])
    not a dq history (not a DuckDB database file)
    """
    if not path.exists():
        return
    if path.is_dir():
        raise HistoryError(f"{path}: is a folder, not a dq history file")
    try:
        with path.open("rb") as fh:
            head = fh.read(_MAGIC_AT + len(DUCKDB_MAGIC))
    except OSError as exc:
        raise HistoryError(f"{path}: cannot read: {exc}") from None
    if head[_MAGIC_AT:] != DUCKDB_MAGIC:
        raise HistoryError(f"{path}: not a dq history (not a DuckDB database file)")


@contextlib.contextmanager
def file_lock(path: Path, *, exclusive: bool, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the lock ``path`` (created if missing) for the block.

    ``filelock`` (OS file locks underneath: released when the process dies,
    so a crashed run never leaves the history locked). Readers take the
    same exclusive lock as writers: a read holds it for milliseconds, and a
    shared lock is not portable. ``exclusive`` is kept for callers.
    """
    import filelock

    del exclusive  # every access is exclusive; see above
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(path), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise HistoryError(f"{path} is locked by another dq run (waited {timeout:.0f} s)") from None
    try:
        yield
    finally:
        lock.release()


def retry(
    attempt: Callable[[], _T],
    errors: type[BaseException] | tuple[type[BaseException], ...],
    timeout: float,
    what: str,
) -> _T:
    deadline = time.monotonic() + timeout
    delay = _POLL_S
    while True:
        try:
            return attempt()
        except errors as exc:
            if time.monotonic() >= deadline:
                raise HistoryError(f"{what} (waited {timeout:.0f} s)") from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class HeldByAnother(Exception):
    """DuckDB's lock conflict: another process has the file open for writing (retried)."""


def connect(path: Path, *, write: bool) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect``; a lock conflict is :class:`HeldByAnother`, anything else a
    :class:`HistoryError` at once (a damaged file does not get better by waiting)."""
    import duckdb

    try:
        return duckdb.connect(str(path), read_only=not write)
    except duckdb.IOException as exc:
        if any(w in str(exc).lower() for w in _LOCK_WORDS):
            raise HeldByAnother(str(exc)) from exc
        raise HistoryError(f"{path}: not a usable dq history: {_first_line(exc)}") from None
    except duckdb.Error as exc:
        raise HistoryError(f"{path}: not a usable dq history: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
