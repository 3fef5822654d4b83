"""The ``dq`` command line: subcommands map onto the stages (load, detect, validate, report).

Why it is thin: every subcommand is a few calls into the library, so what the
CLI does a user can do from Python. Heavy libraries (Great Expectations,
Altair) are imported inside the commands that need them, never at start-up.

Why lazy: ``dq --help`` lists the subcommands from :data:`COMMANDS`, a static
table, and imports a subcommand's module only when that subcommand is run (or
its own help asked for): importing all nine cost ~0.05 s of a 0.13 s
``dq --help`` (issue 18's target: < 0.1 s). A test compares the table with
the commands themselves, so the listing cannot drift from them.

Errors: every :class:`dq.errors.DqError` (and an ``OSError``: a file dq could
not read or write) becomes exit 2 with one line naming the file, here and
only here (:class:`DqGroup`); commands raise, they do not print errors.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import click

from dq import __version__

if TYPE_CHECKING:
    from dq.cli.options import EXIT_DATA, EXIT_OK, EXIT_USAGE, InputError
    from dq.errors import DqError

__all__ = [
    "COMMANDS", "EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "DqGroup", "InputError", "error_line",
    "main",
]  # fmt: skip


class Entry(NamedTuple):
    """Where a subcommand lives, and the first paragraph of its help (what ``dq --help`` shows)."""

    module: str
    attribute: str
    summary: str
    reads_corpus: bool = False  # gets the limit flags (:data:`dq.cli.options.LIMIT_OPTIONS`)


#: The subcommands, by name, in the order ``dq --help`` lists them (sorted, as click does).
COMMANDS: Final[dict[str, Entry]] = {
    "baseline": Entry(
        "dq.cli.baseline",
        "baseline",
        "Write baseline files of accepted findings (for --baseline on scan and validate).",
    ),
    "clean": Entry(
        "dq.cli.clean",
        "clean",
        "Clean PATHS (files, folders, globs): drop chrome lines, repair text, write the copy.",
        reads_corpus=True,
    ),
    "codes": Entry(
        "dq.cli.scan", "codes", "List every reason code dq can report, from the signal registry."
    ),
    "eval": Entry(
        "dq.cli.eval",
        "eval_command",
        "Score detectors on labelled FILES: chrome lines (P/R/F1) or glued words (recall/FPR).",
    ),
    "history": Entry(
        "dq.cli.report",
        "history",
        "Runs in the history FILE: pass/fail, regressions, and rates over time.",
    ),
    "report": Entry(
        "dq.cli.report",
        "report",
        "Scan and validate PATHS; write OUT/<run-id>/index.html, summary.json, and update history.",
        reads_corpus=True,
    ),
    "scan": Entry(
        "dq.cli.scan",
        "scan",
        "Load PATHS (files, folders, globs), detect problems, print and write findings.",
        reads_corpus=True,
    ),
    "suite": Entry(
        "dq.cli.validate",
        "suite",
        "Read, explain and scaffold expectation suites (plain GX JSON files).",
    ),
    "validate": Entry(
        "dq.cli.validate",
        "validate",
        "Validate the corpus at PATHS against a suite; exit 0 pass, 1 data failed, 2 error.",
        reads_corpus=True,
    ),
}

#: Names re-exported from :mod:`dq.cli.options`, read on first use (PEP 562).
_FROM_OPTIONS: Final = frozenset({"EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "InputError"})


def __getattr__(name: str) -> Any:
    if name in _FROM_OPTIONS:
        return getattr(importlib.import_module("dq.cli.options"), name)
    raise AttributeError(f"module 'dq.cli' has no attribute {name!r}")


def error_line(exc: DqError | OSError) -> str:
    """The one line ``dq`` prints for an error (after click's ``Error: ``).

    >>> from dq.errors import SuiteError
    >>> error_line(SuiteError("s.json: not valid JSON"))
    'suite error: s.json: not valid JSON'
    >>> error_line(FileNotFoundError(2, "No such file or directory", "out/x.jsonl"))
    'out/x.jsonl: No such file or directory'
    """
    from dq.errors import HarnessError, SuiteError

    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else "dq"
        return f"{where}: {exc.strerror or exc}"
    # What an error's line starts with, when its class says more than its message.
    prefixes = (
        (SuiteError, "suite error: "),
        (HarnessError, "harness error (not a data failure): "),
    )
    prefix = next((p for cls, p in prefixes if isinstance(exc, cls)), "")
    return prefix + (str(exc) or type(exc).__name__)


class DqGroup(click.Group):
    """The ``dq`` group: subcommands loaded on first use (:data:`COMMANDS`); maps
    :class:`~dq.errors.DqError` and ``OSError`` to exit 2, one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if cmd_name in self.commands or entry is None:
            return self.commands.get(cmd_name)
        command: click.Command = getattr(importlib.import_module(entry.module), entry.attribute)
        _add_shared_options(command, reads_corpus=entry.reads_corpus)
        self.add_command(command, cmd_name)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            # click (>= 8.4) suggests close names among the loaded commands only: all of them
            name = getattr(exc, "command_name", None)
            no_such: Any = getattr(click.exceptions, "NoSuchCommand", None)
            if name is None or no_such is None or not isinstance(exc, no_such):
                raise
            raise no_such(name, possibilities=self.list_commands(ctx), ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The table of subcommands from :data:`COMMANDS`, without importing them
        (the rows click's own ``format_commands`` writes from the commands)."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(map(len, names))
        rows = []
        for name in names:
            shown = self.commands.get(name) or click.Command(name, help=COMMANDS[name].summary)
            rows.append((name, shown.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from dq.cli.options import InputError
        from dq.errors import DqError

        try:
            return super().invoke(ctx)
        except (DqError, OSError) as exc:
            raise InputError(error_line(exc)) from None


@click.group(cls=DqGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dq")
def main() -> None:
    """dq: find what scrapers leave behind in article corpora, with line-level evidence."""
    from dq.cli import options

    options.tune_allocator()  # before any subcommand imports Polars (looked up: tests spy on it)


def _add_shared_options(command: click.Command, *, reads_corpus: bool) -> None:
    """``-q``/``-v`` on every command (and the limit flags where a corpus is read).

    Added here rather than by a decorator on each command: one place, and a
    command cannot forget them.
    """
    from dq.cli import options

    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _add_shared_options(sub, reads_corpus=reads_corpus)
    command.params.extend(options.VERBOSITY_OPTIONS)
    if reads_corpus:
        command.params.extend(options.LIMIT_OPTIONS)
