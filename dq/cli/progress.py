"""The CLI side of progress: one call wraps a command's run in a bar and a closing line.

Why a module of its own: ``dq scan`` and ``dq validate`` each make one call
(:func:`run_with_progress`) so the commands stay short and merges easy; the
bar itself is :class:`dq.report.progress.RunProgress`. On a terminal the bar
and the closing line (records, MB, seconds, MB/s) go to stderr; elsewhere
nothing is drawn, and ``-v`` prints the closing line anyway; ``-q`` never
draws. The loader limits of the command line (``--max-record-mb`` ...) are
put into the request here too, so the commands need no other change.

The engine reports no progress batch by batch (yet): the bar shows the
input's size while the run works and fills, per file, when it ends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from dq.cli.options import load_limits, verbosity

if TYPE_CHECKING:
    from dq.engine.request import ScanRequest
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


def finish(bar: RunProgress, records: int) -> None:
    """Fill the bar for every file, counting ``records`` (input records) on the last one."""
    for i, (name, size) in enumerate(bar.files):
        bar.advance(name, size, records if i == len(bar.files) - 1 else 0)
        bar.file_done(name)


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
    """``run(request, *args, **kwargs)`` with the command line's limits, under a progress bar."""
    limits = load_limits()
    if limits is not None:
        request = dataclasses.replace(request, limits=limits)
    bar = make_progress(input_files(request.paths, request.fmt), label)
    with bar:
        result = run(request, *args, **kwargs)
        loaded = _loaded(result)
        finish(bar, loaded.seen if loaded is not None else 0)
    closing_line(bar)
    return result
