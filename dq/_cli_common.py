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
