"""Testing helpers for projects that use dq.

* ``dq.testing.check_cleaner`` (:mod:`dq.testing.battery`): a property battery
  for any ``str -> str`` text cleaner;
* ``dq.testing.strategies``: hypothesis strategies for scraped articles with
  known, injected defects (``articles()``, ``chrome_lines()``, ...);
* ``dq.testing.fixtures``: pytest fixtures around the battery;
* ``dq.testing.pytest_plugin``: the pytest plugin (expectation suites as tests).

Kept light on purpose: pytest imports the plugin at start-up through the
``pytest11`` entry point, so nothing here may import Polars, hypothesis or
Great Expectations at module level; the names below are loaded on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dq.testing.battery import PROPERTIES, CleanerFailure, check_cleaner

__all__ = ["PROPERTIES", "CleanerFailure", "check_cleaner"]

_LAZY = {
    "PROPERTIES": "dq.testing.battery",
    "CleanerFailure": "dq.testing.battery",
    "check_cleaner": "dq.testing.battery",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dq.testing' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
