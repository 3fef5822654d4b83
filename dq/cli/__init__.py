"""The ``dq`` command line: subcommands map onto the stages (load, detect, validate, report).

Why it is thin: every subcommand is a few calls into the library, so what the
CLI does a user can do from Python. Heavy libraries (Great Expectations,
Altair) are imported inside the commands that need them, never at start-up.

Errors: every :class:`dq.errors.DqError` (and an ``OSError``: a file dq could
not read or write) becomes exit 2 with one line naming the file, here and
only here (:class:`DqGroup`); commands raise, they do not print errors.
"""

from __future__ import annotations

from typing import Any, Final

import click

from dq import __version__
from dq.cli import options
from dq.cli.baseline import baseline
from dq.cli.clean import clean
from dq.cli.eval import eval_command
from dq.cli.options import EXIT_DATA, EXIT_OK, EXIT_USAGE, InputError
from dq.cli.report import history, report
from dq.cli.scan import codes, scan
from dq.cli.validate import suite, validate
from dq.errors import DqError, HarnessError, SuiteError

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "DqGroup", "InputError", "error_line", "main"]

#: What an error's line starts with, when its class says more than its message.
_PREFIXES: Final[tuple[tuple[type[DqError], str], ...]] = (
    (SuiteError, "suite error: "),
    (HarnessError, "harness error (not a data failure): "),
)


def error_line(exc: DqError | OSError) -> str:
    """The one line ``dq`` prints for an error (after click's ``Error: ``).

    >>> error_line(SuiteError("s.json: not valid JSON"))
    'suite error: s.json: not valid JSON'
    >>> error_line(FileNotFoundError(2, "No such file or directory", "out/x.jsonl"))
    'out/x.jsonl: No such file or directory'
    """
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else "dq"
        return f"{where}: {exc.strerror or exc}"
    prefix = next((p for cls, p in _PREFIXES if isinstance(exc, cls)), "")
    return prefix + (str(exc) or type(exc).__name__)


class DqGroup(click.Group):
    """The ``dq`` group: maps :class:`~dq.errors.DqError` and ``OSError`` to exit 2, one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (DqError, OSError) as exc:
            raise InputError(error_line(exc)) from None


@click.group(cls=DqGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dq")
def main() -> None:
    """dq: find what scrapers leave behind in article corpora, with line-level evidence."""
    options.tune_allocator()  # before any subcommand imports Polars (looked up: tests spy on it)


# Each subcommand module imports nothing heavy at import time (checked by
# tests/test_registry.py::test_help_does_not_import_heavy_libraries).
for _command in (scan, codes, validate, suite, report, history, clean, eval_command, baseline):
    main.add_command(_command)


def _add_shared_options(command: click.Command, *, reads_corpus: bool) -> None:
    """``-q``/``-v`` on every command (and the limit flags where a corpus is read).

    Added here rather than by a decorator on each command: one place, and a
    command cannot forget them.
    """
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _add_shared_options(sub, reads_corpus=reads_corpus)
    command.params.extend(options.VERBOSITY_OPTIONS)
    if reads_corpus:
        command.params.extend(options.LIMIT_OPTIONS)


for _command in main.commands.values():
    _add_shared_options(_command, reads_corpus=_command in (scan, validate, report, clean))
