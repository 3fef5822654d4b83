"""Leaf helpers of the signal layer: the cache folder, atomic writes, a locked import.

Kept apart from :mod:`dq.signals.context` because the lexicon builder
(:mod:`dq.signals._lexicon`) needs them and the context imports that
builder: here neither imports the other (no import cycle).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import polars as pl


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where dq keeps files it can rebuild: ``$DQ_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/dq``, else ``~/.cache/dq`` (``environ``: default ``os.environ``).

    >>> default_cache_dir({"XDG_CACHE_HOME": "/c"}).as_posix()
    '/c/dq'
    >>> default_cache_dir({"DQ_CACHE_DIR": "/d", "XDG_CACHE_HOME": "/c"}).as_posix()
    '/d'
    """
    env = os.environ if environ is None else environ
    if env.get("DQ_CACHE_DIR"):
        return Path(env["DQ_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dq"


#: Held while a detector imports a third-party package lazily. Detection runs
#: on several threads of the context's pool (the warm-up builds the lexicon
#: with wordfreq while the mojibake detector imports ftfy.badness), and two
#: threads importing one package for the first time at once can see it half
#: initialised: ftfy (imported by the mojibake pattern, and by wordfreq for
#: the lexicon) raised "cannot import name ... from partially initialized
#: module" that way (a test, 2026-11-28). Still needed with one pool per
#: context (issue 14): four threads importing wordfreq, ftfy.badness, ftfy
#: and wordfreq.tokens at once failed in 4 of 30 fresh processes without the
#: lock (CPython 3.11 raised _DeadlockError on ftfy.badness's module lock),
#: 0 of 30 with it (2026-12-07). Module level on purpose: what it guards,
#: ``sys.modules``, is the process's, not a context's; it holds no data and
#: changes no result, only the order of first imports.
IMPORT_LOCK: Final = threading.RLock()


def import_module(name: str) -> Any:
    """``importlib.import_module(name)`` under :data:`IMPORT_LOCK`.

    >>> import_module("json").dumps([1])
    '[1]'
    """
    with IMPORT_LOCK:
        return importlib.import_module(name)


def write_atomic(path: Path, write: Callable[[Path], object]) -> bool:
    """Make ``path`` by ``write(tmp)`` into a temporary file beside it, then a
    rename, so a reader never sees half a file. For caches: one that cannot
    be written is skipped (False, nothing raised; the temporary file goes).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> out = folder / "a" / "b.txt"
    >>> write_atomic(out, lambda tmp: tmp.write_text("x")), out.read_text()
    (True, 'x')
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        try:
            write(tmp)
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
    except (OSError, pl.exceptions.PolarsError):
        return False
    return True


def cached_frame(
    cache_dir: Path | None, name: str, facts: object, build: Callable[[], pl.DataFrame]
) -> pl.DataFrame:
    """``build()``, kept in ``cache_dir`` as ``<name>-<key>.parquet`` between runs (None: no
    cache). ``facts``: everything the frame depends on (JSON-serialisable): its digest is the
    key, kept in the file's metadata with the row count; a file that does not read back as
    written is rebuilt and replaced, so the cache never changes what is read.

    >>> import tempfile
    >>> calls = []
    >>> def build():
    ...     calls.append(1)
    ...     return pl.DataFrame({"w": ["a", "b"]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = cached_frame(Path(d), "t", [1], build)
    ...     again = cached_frame(Path(d), "t", [1], build)
    ...     other = cached_frame(Path(d), "t", [2], build)
    >>> again.equals(first), len(calls)
    (True, 2)
    """
    if cache_dir is None:
        return build()
    key = hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:20]
    path = Path(cache_dir) / f"{name}-{key}.parquet"
    try:
        meta = pl.read_parquet_metadata(path)
        if meta.get("dq_key") == key:
            frame = pl.read_parquet(path)
            if str(frame.height) == meta.get("dq_rows"):
                return frame
    except (OSError, ValueError, pl.exceptions.PolarsError):
        pass
    frame = build()
    meta = {"dq_key": key, "dq_rows": str(frame.height)}
    write_atomic(path, lambda tmp: frame.write_parquet(tmp, compression="lz4", metadata=meta))
    return frame
