"""dq: data-quality and boilerplate detection for scraped article corpora.

Public API (everything else is private machinery)::

    from dq import REGISTRY, ScanRequest, detect, scan
    result = scan(ScanRequest.build(["corpus/"]))   # load then detect, streamed when large
    result.findings, result.signals                 # evidence, one row per record

    from dq.load import load          # files -> article frame + quarantine
    from dq.clean import clean_frame  # explainable, replayable cleaning

Names resolve lazily (PEP 562), so ``import dq`` stays light: Polars, the
signals and Great Expectations load when a name that needs them is first
used. ``dq.load`` and ``dq.clean`` are subpackages with their own
``__all__``; ``dq.detect`` and ``dq.scan`` are the functions (the modules
of those names are old import paths, kept for one release).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any, Final

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dq.engine.detect import Detection, detect
    from dq.engine.request import ScanRequest
    from dq.engine.result import ScanResult
    from dq.engine.scan import run as scan
    from dq.errors import (
        DqError,
        HarnessError,
        HistoryError,
        LoadError,
        ReportError,
        SuiteError,
        UnknownCode,
        UsageError,
    )
    from dq.signals.base import Signal
    from dq.signals.context import DetectContext
    from dq.signals.registry import CODES, REGISTRY

#: Public name -> (module, attribute) it is read from on first use.
_LAZY: Final[dict[str, tuple[str, str]]] = {
    "CODES": ("dq.signals.registry", "CODES"),
    "REGISTRY": ("dq.signals.registry", "REGISTRY"),
    "Signal": ("dq.signals.base", "Signal"),
    "DetectContext": ("dq.signals.context", "DetectContext"),
    "Detection": ("dq.engine.detect", "Detection"),
    "detect": ("dq.engine.detect", "detect"),
    "ScanRequest": ("dq.engine.request", "ScanRequest"),
    "ScanResult": ("dq.engine.result", "ScanResult"),
    "scan": ("dq.engine.scan", "run"),
    **{
        name: ("dq.errors", name)
        for name in (
            "DqError",
            "HarnessError",
            "HistoryError",
            "LoadError",
            "ReportError",
            "SuiteError",
            "UnknownCode",
            "UsageError",
        )
    },
}

__all__ = [
    "CODES",
    "REGISTRY",
    "DetectContext",
    "Detection",
    "DqError",
    "HarnessError",
    "HistoryError",
    "LoadError",
    "ReportError",
    "ScanRequest",
    "ScanResult",
    "Signal",
    "SuiteError",
    "UnknownCode",
    "UsageError",
    "__version__",
    "detect",
    "scan",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'dq' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    return getattr(importlib.import_module(module), attribute)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """``dq`` itself: importing the old module ``dq.detect`` or ``dq.scan`` must not
    replace the functions ``dq.detect`` and ``dq.scan`` (the import system sets a
    package attribute per submodule it loads; those two are dropped here)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("detect", "scan") and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
