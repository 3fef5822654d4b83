"""The CLI side of progress: one call wraps a command's run in a bar and a closing line.

Why a module of its own: ``dq scan`` and ``dq validate`` each make one call
(:func:`run_with_progress`) so the commands stay short and merges easy; the
bar itself is :class:`dq.report.progress.RunProgress`. On a terminal the bar
and the closing line (records, MB, seconds, MB/s) go to stderr; elsewhere
nothing is drawn, and ``-v`` prints the closing line anyway; ``-q`` never
draws. The loader limits of the command line (``--max-record-mb`` ...) are
put into the request here too, so the commands need no other change.

The engine tells of each batch it has detected (``ScanRequest.on_batch``):
:class:`BarFeed` advances the bar by the batch's bytes, file after file in
load order, and its records. A streamed scan moves the bar batch by batch;
an in-memory scan is one batch, so its bar fills when detection ends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from dq.cli.options import load_limits, verbosity

if TYPE_CHECKING:
    from dq.engine.request import BatchDone, ScanRequest
    from dq.load import LoadResult
    from dq.report.progress import RunProgress

R = TypeVar("R")


def input_files(paths: Sequence[str | Path], fmt: str | None = None) -> list[str]:
    """The files ``paths`` lead to (folders and globs expanded as the loader does).

    An input the loader will refuse is returned as given: the run names the problem.
    """
    from dq.errors import LoadError
    from dq.load._discover import discover

    try:
        return [str(s.path) for s in discover(list(paths), fmt).sources]
    except (LoadError, OSError, RuntimeError):
        return [str(p) for p in paths]


def make_progress(files: Sequence[str], label: str) -> RunProgress:
    """A :class:`RunProgress` for ``files``: drawn on a terminal unless ``-q``."""
    from dq.report.progress import RunProgress, files_with_sizes

    return RunProgress(
        files_with_sizes(list(files)), label=label, enabled=False if verbosity() < 0 else None
    )


class BarFeed:
    """Advances ``bar`` as the engine reports batches (a ``ScanRequest.on_batch``).

    A batch's bytes fill the input's files in load order (the batches of a
    scan add up to its files' sizes); its records count where it ends.

    >>> from dq.engine.request import BatchDone
    >>> from dq.report.progress import RunProgress
    >>> bar = RunProgress([("a", 10), ("b", 30)], enabled=False)
    >>> feed = BarFeed(bar)
    >>> feed(BatchDone(nbytes=25, seen=3, findings=0)); bar.bytes_done, bar.records
    (25, 3)
    >>> feed.finish(records=5); bar.bytes_done, bar.records
    (40, 5)
    """

    def __init__(self, bar: RunProgress) -> None:
        self.bar = bar
        self._at = 0  # the file being filled
        self._filled = 0  # bytes of it so far

    def __call__(self, batch: BatchDone) -> None:
        self.advance(batch.nbytes, batch.seen)

    def advance(self, nbytes: int, records: int) -> None:
        """``nbytes`` more of the input read, ``records`` more records done."""
        files = self.bar.files
        while self._at < len(files):
            name, size = files[self._at]
            take = min(nbytes, size - self._filled)
            nbytes -= take
            self._filled += take
            last = self._at == len(files) - 1
            ends_here = nbytes <= 0 or last
            self.bar.advance(name, take, records if ends_here else 0)
            if self._filled >= size and not last:
                self.bar.file_done(name)
                self._at, self._filled = self._at + 1, 0
            if ends_here:
                return

    def finish(self, records: int) -> None:
        """Fill what is left of every file; ``records`` (input records) in all."""
        left = sum(size for _, size in self.bar.files[self._at:]) - self._filled
        self.advance(max(left, 0), max(records - self.bar.records, 0))
        if self.bar.files:
            self.bar.file_done(self.bar.files[-1][0])


def finish(bar: RunProgress, records: int) -> None:
    """Fill the bar for every file, counting ``records`` (input records): a run that
    reported no batch (``dq clean``)."""
    BarFeed(bar).finish(records)


def closing_line(bar: RunProgress) -> None:
    """The summary on a terminal; with ``-v``, on stderr wherever it goes."""
    if bar.enabled:
        bar.print_summary()
    elif verbosity() > 0:
        click.echo(bar.summary(), err=True)


def _loaded(result: Any) -> LoadResult | None:
    """The load result of a scan (``ScanResult``) or a validation (``CorpusValidation``)."""
    scan = getattr(result, "scan", result)
    return getattr(scan, "loaded", None)


def run_with_progress(
    label: str, request: ScanRequest, run: Callable[..., R], *args: Any, **kwargs: Any
) -> R:
    """``run(request, *args, **kwargs)`` with the command line's limits, under a progress
    bar that the scan advances batch by batch."""
    limits = load_limits()
    if limits is not None:
        request = dataclasses.replace(request, limits=limits)
    bar = make_progress(input_files(request.paths, request.fmt), label)
    feed = BarFeed(bar)
    with bar:
        result = run(dataclasses.replace(request, on_batch=feed), *args, **kwargs)
        loaded = _loaded(result)
        feed.finish(loaded.seen if loaded is not None else 0)
    closing_line(bar)
    return result
