"""Settings and caches for one detection run, passed explicitly (no module state).

Why: a module-level cache makes results depend on what ran before; an
explicit context makes each run reproducible and testable on its own.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from dq.signals._shared import IMPORT_LOCK, default_cache_dir, import_module, write_atomic

__all__ = [
    "IMPORT_LOCK",
    "DetectContext",
    "default_cache_dir",
    "import_module",
    "write_atomic",
]


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
