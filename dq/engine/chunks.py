"""Work in slices: a frame cut between records, a map that bounds what runs at once.

Why a module: the line pass (:mod:`dq.engine.detect`) holds a slice's hundred
feature columns while it runs, so how slices are cut and how many run at
once decide its memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from typing import TypeVar

import polars as pl

__all__ = ["bounded_map", "record_chunks"]

_T = TypeVar("_T")
_R = TypeVar("_R")


def bounded_map(
    pool: Executor, fn: Callable[[_T], _R], items: Sequence[_T], *, width: int
) -> list[_R]:
    """``[fn(x) for x in items]`` on ``pool``, at most ``width`` at a time, in order.

    Why not ``pool.map``: on a shared pool it would start every item at once;
    the line pass holds a slice's feature columns in memory while it runs.

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(4) as pool:
    ...     bounded_map(pool, lambda x: x * x, [1, 2, 3, 4, 5], width=2)
    [1, 4, 9, 16, 25]
    """
    running: deque[Future[_R]] = deque()
    out: list[_R] = []
    for item in items:
        if len(running) == width:
            out.append(running.popleft().result())
        running.append(pool.submit(fn, item))
    out += [job.result() for job in running]
    return out


def record_chunks(lines: pl.DataFrame, size: int) -> list[pl.DataFrame]:
    """``lines`` (sorted by ``rid``) cut into slices of about ``size`` rows, between records.

    >>> df = pl.DataFrame({"rid": [0, 0, 1, 1, 1, 2]})
    >>> [c["rid"].to_list() for c in record_chunks(df, 3)]
    [[0, 0], [1, 1, 1], [2]]
    """
    rids = lines.get_column("rid")
    cuts = [0]
    while cuts[-1] + size < lines.height:
        at = int(rids.search_sorted(rids[cuts[-1] + size], side="left"))
        if at <= cuts[-1]:  # one record longer than ``size``: cut after it
            at = int(rids.search_sorted(rids[at], side="right"))
        if at >= lines.height:
            break
        cuts.append(at)
    return [lines.slice(a, b - a) for a, b in zip(cuts, [*cuts[1:], lines.height], strict=True)]
