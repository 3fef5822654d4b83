"""Settings and caches for one detection run, passed explicitly (no module state).

Why: a module-level cache makes results depend on what ran before; an
explicit context makes each run reproducible and testable on its own.
"""

from __future__ import annotations

import importlib
import os
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
#: on several threads, and two threads importing one package for the first
#: time at once can see it half initialised: ftfy (imported by the mojibake
#: pattern, and by wordfreq for the lexicon) raised "cannot import name ...
#: from partially initialized module" that way (a test, 2026-11-28).
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


@dataclass
class DetectContext:
    """Per-run state: lazily built lexicons and the languages they cover.

    ``cache_dir``: where the built lexicon is kept between runs (see
    :func:`dq.signals._lexicon.cached_lexicon`); None builds it every time.
    Findings are the same either way.
    """

    languages: tuple[str, ...] = ("en", "de", "fr", "es", "pt", "it", "nl")
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    def cached(self, key: str, build: Any) -> Any:
        """Return ``build()`` once per context and key.

        Thread-safe: a caller waits while another thread builds (what
        :func:`dq.detect.warm_up` starts in the background), and a build may
        ask for other keys. A build that raises caches nothing.
        """
        with self._lock:
            if key not in self._cache:
                self._cache[key] = build()
            return self._cache[key]

    def lexicon(self) -> pl.DataFrame:
        """wordfreq's word lists for :attr:`languages`, one row per (word, language).

        Columns ``word, lang, zipf, closed`` (see :mod:`dq.signals._lexicon`):
        long rather than max-over-languages so a split can be checked within
        one language.
        """
        from dq.signals._lexicon import cached_lexicon

        frame: pl.DataFrame = self.cached(
            "lexicon", lambda: cached_lexicon(self.languages, cache_dir=self.cache_dir)
        )
        return frame
