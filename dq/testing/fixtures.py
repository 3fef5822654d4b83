"""pytest fixtures for the cleaner battery.

Why fixtures: a test suite that checks several cleaners should build dq's
detector caches (the glued-word lexicon takes about a second) once per
session, not once per test. The pytest plugin re-exports these, so a
project with dq installed can write::

    def test_my_cleaner(check_cleaner):
        check_cleaner(my_cleaner, codes=["back_to_top", "share_prompt"])

Light on purpose (the plugin imports this module at pytest start-up): the
battery and dq's detectors are imported inside the fixtures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from dq.signals.context import DetectContext


@pytest.fixture(scope="session")
def dq_detect_context() -> DetectContext:
    """One :class:`~dq.signals.context.DetectContext` for the whole session."""
    from dq.signals.context import DetectContext

    return DetectContext()


@pytest.fixture
def check_cleaner(dq_detect_context: DetectContext) -> Callable[..., None]:
    """:func:`dq.testing.check_cleaner` with the session's detector context."""
    from dq.testing.battery import check_cleaner as run

    def check(fn: Callable[[str], str], **kwargs: Any) -> None:
        kwargs.setdefault("ctx", dq_detect_context)
        run(fn, **kwargs)

    return check
