"""dq's errors: one base class, so the CLI maps every one of them to exit 2 in one place.

Why one hierarchy (dolma's ``DolmaError``): a command that catches
:class:`DqError` cannot drift into a traceback when a module adds a new
error; a library user catches one class. Each error's message is one line
that names the file (or the code) it is about. Subclasses keep the builtin
base they had before (``ValueError``, ``KeyError``, ``RuntimeError``), so
code that caught those still does.

>>> issubclass(UnknownCode, DqError), issubclass(UnknownCode, KeyError)
(True, True)
>>> str(UnknownCode("unknown reason code(s): nope"))
'unknown reason code(s): nope'
"""

from __future__ import annotations

__all__ = [
    "DqError",
    "HarnessError",
    "HistoryError",
    "LoadError",
    "ReportError",
    "SuiteError",
    "UnknownCode",
    "UsageError",
]


class DqError(Exception):
    """Anything dq reports to the user as "cannot do this as asked": exit 2, one line."""


class LoadError(DqError):
    """A whole input cannot be read at all.

    Raised for: no such path, no data files found, a glob matching nothing, a
    mapping naming a column a file does not have. The message names the file
    on one line, so the CLI can print it without a traceback.
    """


class SuiteError(DqError, ValueError):
    """A suite file that cannot be used as written (exit 2, never a data failure)."""


class UnknownCode(DqError, KeyError, ValueError):
    """A reason code the registry does not have (``--codes``, ``get``, the cleaner).

    A ``KeyError`` and a ``ValueError`` for code that caught either (the
    scan raised the one, the cleaner the other); printed without the quotes
    ``KeyError`` puts around its message.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ReportError(DqError, RuntimeError):
    """The report cannot be written as asked (bad run id, taken folder, ``latest`` not a link)."""


class HistoryError(DqError, RuntimeError):
    """The history file cannot be used (newer schema, busy too long, not a dq history)."""


class HarnessError(DqError, RuntimeError):
    """The gate itself broke (a metric crashed): exit 2, never reported as a data failure."""


class UsageError(DqError, ValueError):
    """Arguments dq cannot act on: a bad ``--map``, unreadable labelled data."""
