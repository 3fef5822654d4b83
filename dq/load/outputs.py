"""Output paths: refuse the ones that would destroy an input, check and write them safely.

Why here: ``dq scan d.jsonl --findings d.jsonl`` used to overwrite its own
input without a word, and a full disk or a path under a regular file
ended in a traceback after the whole corpus had been read. The CLI asks
:func:`check_outputs` before it reads anything, and writes through
:func:`atomic_write` / :func:`atomic_output`, so a failed write leaves the
old file (or none), never half of a new one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from dq.load._common import LoadError
from dq.load._discover import discover


class OutputError(LoadError):
    """An output path that cannot or must not be written; the message names it."""


def _reason(error: OSError) -> str:
    """Why a write failed: the C library's words, else the error's own (Polars gives no errno).

    >>> _reason(OSError(28, "x")), _reason(OSError("File too large (os error 27)"))
    ('No space left on device', 'File too large (os error 27)')
    """
    if error.errno:
        return os.strerror(error.errno)
    return str(error) or type(error).__name__


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except (OSError, RuntimeError):
        return False


def check_writable(path: str | Path, flag: str = "output") -> None:
    """Raise :class:`OutputError` unless ``path`` can be created or replaced.

    >>> check_writable("/proc/none/x.jsonl", "--findings")
    Traceback (most recent call last):
    dq.load.outputs.OutputError: --findings /proc/none/x.jsonl: folder /proc/none does not exist
    """
    target = Path(path)
    where = f"{flag} {target}"
    if target.is_dir():
        raise OutputError(f"{where}: is a folder, expected a file name")
    parent = target.parent
    if not parent.exists():
        raise OutputError(f"{where}: folder {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"{where}: {parent} is a file, not a folder")
    if target.exists() and not target.is_file():
        return  # a device or pipe (/dev/stdout): written in place, checked on write
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{where}: cannot write in folder {parent} (permission denied)")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"{where}: file is not writable (permission denied)")


def check_outputs(
    inputs: Sequence[str | Path],
    outputs: Mapping[str, str | Path | None],
    *,
    fmt: str | None = None,
) -> None:
    """Refuse outputs that are inputs, that repeat, or that cannot be written.

    ``outputs`` maps each option to its path (``{"--findings": "f.jsonl"}``;
    ``None``: not given). An output is an input when it is one of the paths
    given or one of the files they lead to (folders and globs expanded the
    way the loader expands them). Raises :class:`OutputError` (a
    :class:`LoadError`, so the CLI exits 2) naming the option and the path.
    """
    given = {flag: Path(path) for flag, path in outputs.items() if path is not None}
    seen: dict[Path, str] = {}
    for flag, path in given.items():
        key = path.absolute()
        if key in seen:
            raise OutputError(f"{flag} {path}: same file as {seen[key]}")
        seen[key] = flag
    files = [Path(p) for p in inputs]
    with contextlib.suppress(LoadError):  # the load will say what is wrong with the inputs
        files += [source.path for source in discover(inputs, fmt).sources]
    for flag, path in given.items():
        for source in files:
            if _same(path, source):
                raise OutputError(
                    f"{flag} {path}: is an input of this run, refusing to overwrite it"
                )
        check_writable(path, flag)


@contextmanager
def atomic_write(path: str | Path) -> Iterator[IO[str]]:
    """Write text to ``path`` through a temporary file in its folder, renamed over it at the end.

    On any error the temporary file is removed and the old file is left as
    it was; an ``OSError`` becomes :class:`OutputError` naming the path. A
    device or pipe (``/dev/stdout``) is written in place. For binary
    writers (Parquet), use :func:`atomic_output`.
    """
    with atomic_output(path) as temporary:
        try:
            with temporary.open("w", encoding="utf-8") as out:
                yield out
        except OSError as error:
            raise OutputError(f"{path}: {_reason(error)}") from error


@contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """A temporary path to write (e.g. ``frame.write_parquet(tmp)``), renamed to ``path`` after.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with atomic_output(folder / "out.txt") as tmp:
    ...     _ = tmp.write_text("done")
    >>> (folder / "out.txt").read_text(), sorted(p.name for p in folder.iterdir())
    ('done', ['out.txt'])
    """
    target = Path(path)
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        try:
            yield target  # /dev/stdout, a pipe: nothing to rename
        except OSError as error:
            raise OutputError(f"{target}: {_reason(error)}") from error
        return
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"{target}: {_reason(error)}") from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)  # mkstemp makes 0600; a new file would get this
        temporary.replace(target)
    except OSError as error:
        raise OutputError(f"{target}: {_reason(error)}") from error
    finally:
        temporary.unlink(missing_ok=True)
