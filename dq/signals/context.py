"""Settings and caches for one detection run, passed explicitly (no module state).

Why: a module-level cache makes results depend on what ran before; an
explicit context makes each run reproducible and testable on its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import polars as pl

from dq._pool import EXECUTOR_WORKERS, new_pool
from dq.signals._shared import IMPORT_LOCK, default_cache_dir, import_module, write_atomic

__all__ = [
    "EXECUTOR_WORKERS",
    "IMPORT_LOCK",
    "SETTLED_KEPT",
    "SETTLED_PREFIXES",
    "DetectContext",
    "default_cache_dir",
    "import_module",
    "write_atomic",
]


#: Keys of :meth:`DetectContext.cached` whose values are functions of the context's
#: settings (``languages``, ``cache_dir``) and the installed word lists and model alone:
#: the lexicon, what glued_words builds from it, the language identifier (its
#: ``classify`` keeps no state between calls). Contexts of one process with the same
#: settings share them (:func:`_settled_for`). A key for a value that depends on the
#: input or is set per context (``lang.seen``, the matcher) must not start with one.
SETTLED_PREFIXES: Final = (
    "lexicon", "lang.lexicon.", "lang.classifier", "glued.", "glued_words.",
)
#: Settings whose shared builds a process keeps (most recently used first): a run
#: uses one; a test suite's contexts on temporary cache folders would otherwise
#: each keep a lexicon (hundreds of MB) alive.
SETTLED_KEPT: Final = 2
_SETTLED: OrderedDict[tuple[tuple[str, ...], Path | None], DetectContext] = OrderedDict()
_SETTLED_LOCK: Final = threading.Lock()


def _settled_for(languages: tuple[str, ...], cache_dir: Path | None) -> DetectContext:
    """The context holding the shared builds of these settings (made on first use).

    Why process-wide (STYLE.md habit 11 keeps caches in a context): the values are
    the same for every context of these settings, whatever it ran before, so
    sharing them cannot change a finding; built per context, a new context
    (every ``detect()`` without one: the tests, a library call) paid them again:
    0.5-0.8 s of a one-record call (lexicon read 0.2-0.5 s, word sets and lists
    0.3 s; measured 2026-12-07, loaded machine).
    """
    key = (tuple(languages), cache_dir)
    with _SETTLED_LOCK:
        holder = _SETTLED.get(key)
        if holder is None:
            holder = DetectContext(languages=key[0], cache_dir=cache_dir, _share=False)
            _SETTLED[key] = holder
            while len(_SETTLED) > SETTLED_KEPT:
                _SETTLED.popitem(last=False)
        _SETTLED.move_to_end(key)
        return holder


@dataclass
class DetectContext:
    """Per-run state: lazily built lexicons and the languages they cover.

    ``cache_dir``: where the built lexicon is kept between runs (see
    :func:`dq.signals._lexicon.cached_lexicon`); None builds it every time.
    Findings are the same either way.
    """

    #: wordfreq lists loaded. Russian, Swedish, Norwegian, Danish and Vietnamese
    #: (issue 15): without their lists glued_words could split no word of theirs
    #: (recall 0.63-0.74 on ../shared/eval/dev/glued.jsonl); Turkish, Lithuanian,
    #: Indonesian stay out: their small lists lack the inflected forms, and
    #: their suffixes read as words ("itfaiye|nin", "ne|pajuto").
    languages: tuple[str, ...] = (
        "en", "de", "fr", "es", "pt", "it", "nl", "ru", "sv", "nb", "da", "vi",
    )
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    #: Share the builds of :data:`SETTLED_PREFIXES` keys with the process's other
    #: contexts of the same settings (False: this context builds its own).
    _share: bool = field(default=True, repr=False, compare=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _key_locks: dict[str, threading.RLock] = field(default_factory=dict, repr=False,
                                                   compare=False)
    _pool_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _executor: ThreadPoolExecutor | None = field(default=None, repr=False, compare=False)
    _started: set[Hashable] = field(default_factory=set, repr=False, compare=False)

    def executor(self) -> ThreadPoolExecutor:
        """The one thread pool of this context, started on first use: the warm-up,
        the custom span detectors, the record flags and the line-pass slices run on it.

        Why one: five call sites each opening a pool (one inside another) made
        the threads of a scan hard to count and to bound; here they are
        :data:`EXECUTOR_WORKERS` per context, whatever runs.
        """
        with self._pool_lock:  # not ``_lock``: a build may hold that one for seconds
            if self._executor is None:
                self._executor = new_pool()
            return self._executor

    @classmethod
    def on_pool(cls, pool: ThreadPoolExecutor) -> DetectContext:
        """A context whose one executor is ``pool`` (:func:`dq._pool.new_pool`), started
        before this module was imported: the CLI imports dq on it (``EarlyContext``)."""
        ctx = cls()
        ctx._executor = pool
        return ctx

    def first_time(self, key: Hashable) -> bool:
        """True the first time ``key`` is asked for in this context (e.g. a warm-up
        started once per prepare function, however many callers start it)."""
        with self._pool_lock:
            if key in self._started:
                return False
            self._started.add(key)
            return True

    def cached(self, key: str, build: Any) -> Any:
        """Return ``build()`` once per context and key.

        Thread-safe: a caller waits while another thread builds the same key (what
        :func:`dq.detect.warm_up` starts in the background), and a build may
        ask for other keys. A build that raises caches nothing.

        One lock per key: a caller of a built key, or of another key, does not wait
        for a build under way (the line pass asked for its matcher while the warm-up
        read the lexicon, and waited for it: 0.26 s of a tiny scan, 2026-12-07). No
        deadlock: a build holds its key's lock and asks only for keys it depends on,
        and keys depend on each other without a cycle (a cycle would not end in one
        thread either).

        A key of :data:`SETTLED_PREFIXES` is built once per process for the context's
        settings (:func:`_settled_for`), by the build given (it reads this context's
        settings, which are those of the holder), and then kept in this context too.
        """
        with self._lock:  # held only to find the value or the key's lock
            if key in self._cache:
                return self._cache[key]
        if self._share and key.startswith(SETTLED_PREFIXES):
            value = _settled_for(self.languages, self.cache_dir).cached(key, build)
            with self._lock:  # kept here too: what this context has read, as before
                return self._cache.setdefault(key, value)
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.RLock())
        with key_lock:
            if key not in self._cache:
                value = build()
                with self._lock:
                    self._cache[key] = value
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
