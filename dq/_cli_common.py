"""Exit codes and the input-error exception shared by every ``dq`` subcommand.

Kept apart from :mod:`dq.cli` so subcommand modules can import them without
an import cycle (``python -m dq.cli`` runs cli.py as ``__main__``).
"""

from __future__ import annotations

import click

EXIT_OK = 0
EXIT_DATA = 1  # the data failed a gate
EXIT_USAGE = 2  # usage, input, suite or harness error


class InputError(click.ClickException):
    """An input problem the user can fix: one line, exit 2, no traceback."""

    exit_code = EXIT_USAGE


#: Input formats ``--format`` accepts; equal to ``dq.load.FORMATS`` (a test checks),
#: repeated here so ``dq --help`` does not import the loaders (and Polars).
INPUT_FORMATS = ("jsonl", "parquet", "csv", "text")

#: ``--map FIELD=COLUMN``, shared by every command that reads a corpus.
map_option = click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Use input COLUMN as article FIELD (repeatable), e.g. --map text=body.",
)
#: ``--format``, shared by every command that reads a corpus.
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(INPUT_FORMATS),
    help="Force the input format instead of guessing from file names.",
)
