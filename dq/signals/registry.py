"""The one list of signals. Everything else (CLI, README table, suites, reports) reads it.

Why one explicit tuple: no import side effects, no second list to forget.
Order is the order of output columns and of the README table.
"""

from __future__ import annotations

import dataclasses
from typing import Final

from dq.errors import UnknownCode
from dq.signals import attribution, chrome, hygiene, spacing
from dq.signals.base import FamilySpec, Signal

#: The families, in registry order: the feature columns each computes once
#: per pass, and the cleaner stage of its codes (a code may name its own).
#: Chrome lines are dropped whole; spacing codes take the detector's fix.
FAMILIES: Final[tuple[FamilySpec, ...]] = (
    FamilySpec("chrome", features=chrome.FEATURES, fix_stage="lines"),
    FamilySpec("spacing", fix_stage="spacing"),
    FamilySpec("attribution"),
    FamilySpec("hygiene"),
)


def _with_family_stage(signal: Signal) -> Signal:
    """``signal`` with its family's fix stage when it names none and dq edits for it."""
    if signal.fix_stage is not None or signal.positive or signal.level == "record":
        return signal
    stage = next(f.fix_stage for f in FAMILIES if f.name == signal.family)
    return signal if stage is None else dataclasses.replace(signal, fix_stage=stage)


#: Each family module declares its own ``SIGNALS`` tuple next to the
#: functions they use; this is the one place they are put together.
REGISTRY: Final[tuple[Signal, ...]] = tuple(
    _with_family_stage(s)
    for s in (*chrome.SIGNALS, *spacing.SIGNALS, *attribution.SIGNALS, *hygiene.SIGNALS)
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


def family(name: str) -> FamilySpec:
    """The family spec named ``name``.

    >>> family("chrome").fix_stage
    'lines'
    """
    for spec in FAMILIES:
        if spec.name == name:
            return spec
    raise UnknownCode(f"unknown family {name!r}; known: {', '.join(f.name for f in FAMILIES)}")


def _check_unique() -> None:
    seen: set[str] = set()
    for signal in REGISTRY:
        if signal.code in seen:
            raise ValueError(f"duplicate reason code {signal.code!r} in REGISTRY")
        seen.add(signal.code)


_check_unique()
