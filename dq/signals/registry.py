"""The one list of signals. Everything else (CLI, README table, suites, reports) reads it.

Why one explicit tuple: no import side effects, no second list to forget.
Order is the order of output columns and of the README table.
"""

from __future__ import annotations

from typing import Final

from dq.errors import UnknownCode
from dq.signals import attribution, chrome, hygiene, spacing
from dq.signals.base import Signal

#: Each family module declares its own ``SIGNALS`` tuple next to the
#: functions they use; this is the one place they are put together.
REGISTRY: Final[tuple[Signal, ...]] = (
    *chrome.SIGNALS,
    *spacing.SIGNALS,
    *attribution.SIGNALS,
    *hygiene.SIGNALS,
)

CODES: Final[tuple[str, ...]] = tuple(s.code for s in REGISTRY)


def get(code: str) -> Signal:
    """The signal with this reason code.

    >>> get("back_to_top").family
    'chrome'
    """
    for signal in REGISTRY:
        if signal.code == code:
            return signal
    raise UnknownCode(f"unknown reason code {code!r}; known: {', '.join(CODES)}")


def _check_unique() -> None:
    seen: set[str] = set()
    for signal in REGISTRY:
        if signal.code in seen:
            raise ValueError(f"duplicate reason code {signal.code!r} in REGISTRY")
        seen.add(signal.code)


_check_unique()
