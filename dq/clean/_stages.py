"""Which reason codes dq can fix, and in which order the fixes win.

Why one place: ``clean()``, the per-code cleaners, ``dq clean --codes`` and
the property battery all need the same answer to "what does dq fix?", and it
must follow the signal registry rather than a second list of codes.

The order (a fix from an earlier stage wins when two fixes touch the same
characters; the loser is looked at again in the next round):

1. ``lines``: drop the lines flagged by a chrome signal (every code of the
   ``chrome`` family) or by ``dangling_source``, with the blank lines that
   only separated them;
2. ``encoding``: repair ``mojibake`` with ``ftfy.fix_encoding`` (not
   ``fix_text``, which would also rewrite quotes and dashes in clean text);
3. ``markup``: replace ``html_residue`` by the detector's fix (entity decoded,
   inline tag dropped, block tag turned into a space);
4. ``spacing``: apply the detector's proposed fix for every ``spacing`` code
   (``glued_words`` "NATOand" -> "NATO and", ``space_before_punct``,
   ``missing_space_after_punct``, ``repeated_spaces``).

Record-level codes (``missing_author``, ``too_short``, ...) and
``duplicate_lines`` describe a record; dq reports them and does not edit text
for them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from dq.errors import UnknownCode
from dq.signals.base import FIX_STAGES, Signal
from dq.signals.registry import REGISTRY

#: Stage names, in the order their fixes win (``Signal.fix_stage``).
STAGES: Final = FIX_STAGES

# Codes with a cleaner of their own name (dq.clean.cleaners: fix_mojibake, ...).
DANGLING_SOURCE: Final = "dangling_source"
MOJIBAKE: Final = "mojibake"
HTML_RESIDUE: Final = "html_residue"
REPEATED_SPACES: Final = "repeated_spaces"


def stage_of(signal: Signal) -> int | None:
    """Index into :data:`STAGES` of the stage that fixes ``signal``, None when dq does not fix it.

    >>> from dq.signals.registry import get
    >>> [stage_of(get(c)) for c in ("back_to_top", "space_before_punct", "empty_text")]
    [0, 3, None]
    """
    return None if signal.fix_stage is None else STAGES.index(signal.fix_stage)


def fixable_codes() -> tuple[str, ...]:
    """Every registered code dq can fix, in stage order, then registry order.

    >>> codes = fixable_codes()
    >>> codes.index("licence_nag") < codes.index("space_before_punct")
    True
    >>> "empty_text" in codes
    False
    """
    staged = [(stage, i, s.code) for i, s in enumerate(REGISTRY)
              if (stage := stage_of(s)) is not None]
    return tuple(code for _, _, code in sorted(staged))


def default_codes() -> tuple[str, ...]:
    """The codes ``clean()`` fixes when none are named: :func:`fixable_codes` whose
    signal sets ``fix_default`` (``glued_words`` is fixed only when named).

    >>> "glued_words" in default_codes(), "glued_words" in fixable_codes()
    (False, True)
    """
    by_code = {s.code: s for s in REGISTRY}
    return tuple(c for c in fixable_codes() if by_code[c].fix_default)


def resolve_codes(codes: Collection[str] | None) -> tuple[str, ...]:
    """``codes`` checked against :func:`fixable_codes` (:func:`default_codes` when None).

    Bad arguments raise rather than silently fixing nothing.

    >>> resolve_codes(["back_to_top"])
    ('back_to_top',)
    >>> resolve_codes(["empty_text"])
    Traceback (most recent call last):
    ...
    ValueError: dq does not fix empty_text; fixable codes: ...
    """
    fixable = fixable_codes()
    if codes is None:
        return default_codes()
    if isinstance(codes, str):
        raise TypeError(f"codes must be a collection of reason codes, not the string {codes!r}")
    known = {s.code for s in REGISTRY}
    unknown = sorted(set(codes) - known)
    if unknown:
        raise UnknownCode(f"unknown reason code(s): {', '.join(unknown)}")
    unfixable = sorted(set(codes) - set(fixable))
    if unfixable:
        raise ValueError(
            f"dq does not fix {', '.join(unfixable)}; fixable codes: {', '.join(fixable)}"
        )
    return tuple(c for c in fixable if c in codes)


def codes_of_stage(stage: str) -> tuple[str, ...]:
    """The fixable codes one stage handles.

    >>> "back_to_top" in codes_of_stage("lines")
    True
    """
    index = STAGES.index(stage)
    return tuple(s.code for s in REGISTRY if stage_of(s) == index)
