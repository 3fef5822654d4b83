"""The one thread pool of a detection context, made before Polars is imported.

Why a leaf module (it imports only the standard library): the CLI starts
the pool first and gives it dq's own imports as its first task
(:class:`dq.cli.options.EarlyContext`), then hands it to the
:class:`~dq.signals.context.DetectContext` those imports make. So a
``dq scan`` runs its warm-up, detectors and side work on one pool, and
starts no thread of any other kind.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Final

__all__ = ["EXECUTOR_WORKERS", "THREAD_PREFIX", "new_pool"]

#: Threads of a context's one executor (``DetectContext.executor``). One
#: detect() runs at most 6 tasks at once: a custom span detector each (3),
#: the record flags that need no count (1) and two line-pass slices; the
#: warm-up adds one, a streamed scan two (a batch's text keys, the findings
#: write). With 8 none of detect()'s queues behind another, so a scan runs
#: as it did with a pool per call site (measured 2026-11-27/28, see
#: dq.engine.detect); a queued task waits for a running one, and no running
#: task waits for a queued one but glued_words' per-language jobs, whose
#: waiter is one task: no deadlock.
EXECUTOR_WORKERS: Final = 8
#: Name prefix of the pool's threads (``dq-context_0`` ...): what a test counts.
THREAD_PREFIX: Final = "dq-context"


def new_pool() -> ThreadPoolExecutor:
    """A pool of :data:`EXECUTOR_WORKERS` threads, started as tasks come (none yet).

    >>> pool = new_pool()
    >>> pool.submit(sum, [1, 2]).result()
    3
    >>> pool.shutdown()
    """
    return ThreadPoolExecutor(max_workers=EXECUTOR_WORKERS, thread_name_prefix=THREAD_PREFIX)
