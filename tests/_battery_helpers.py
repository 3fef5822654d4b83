"""What the battery test files share: one detector context and the scaled-down settings.

The battery's tests live in several files (tests/test_battery*.py) so that pytest-xdist can
run its two long passes, dq clean's and drop_chrome_lines', on different workers; a file is
one unit of work under ``--dist loadfile``.
"""

from __future__ import annotations

from hypothesis import Phase, settings

from dq.signals.context import DetectContext
from dq.signals.registry import REGISTRY

#: One context for the battery files that run on the same worker (the lexicon is built once).
CTX = DetectContext()
CHROME_CODES = [s.code for s in REGISTRY if s.family == "chrome"]

#: Proving that a property can fail needs only the first failing example;
#: shrinking an article takes hundreds of replays (test_removes_chrome... shows one shrunk).
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


def scaled(divisor: int) -> settings:
    """The active profile with ``1/divisor`` of its examples: dq's cleaners run the detectors
    three or four times per example (clean, confirm, clean again, compare findings)."""
    active = settings()  # the loaded profile
    return settings(active, max_examples=max(5, active.max_examples // divisor))
