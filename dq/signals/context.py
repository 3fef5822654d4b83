"""Settings and caches for one detection run, passed explicitly (no module state).

Why: a module-level cache makes results depend on what ran before; an
explicit context makes each run reproducible and testable on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl


@dataclass
class DetectContext:
    """Per-run state: lazily built lexicons and the languages they cover."""

    languages: tuple[str, ...] = ("en", "de", "fr", "es", "pt", "it", "nl")
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def cached(self, key: str, build: Any) -> Any:
        """Return ``build()`` once per context and key."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def lexicon(self) -> pl.DataFrame:
        """wordfreq's word lists for :attr:`languages`, one row per (word, language).

        Columns ``word, lang, zipf, closed`` (see :mod:`dq.signals._lexicon`):
        long rather than max-over-languages so a split can be checked within
        one language.
        """
        from dq.signals._lexicon import build_lexicon

        frame: pl.DataFrame = self.cached("lexicon", lambda: build_lexicon(self.languages))
        return frame
