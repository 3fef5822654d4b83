"""``dq``'s public API: ``__all__`` is checked against what the package defines.

Why (hypothesis's ``_check_exports``): a promised name that does not resolve,
or a public name left out of ``__all__``, is found here rather than by a user.
"""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import dq

REPO = Path(__file__).resolve().parents[1]


def test_every_name_in_all_resolves() -> None:
    assert len(dq.__all__) == len(set(dq.__all__))
    for name in dq.__all__:
        assert getattr(dq, name) is not None, name


def test_every_public_name_is_in_all() -> None:
    defined = {
        name
        for name, value in vars(dq).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    lazy = set(dq._LAZY)
    typing_only = {"TYPE_CHECKING", "Any", "Final", "annotations"}
    assert (defined - typing_only) | lazy <= set(dq.__all__)
    assert set(dq.__all__) <= defined | lazy | {"__version__"}


def test_the_promised_names_are_the_real_things() -> None:
    import dq.detect
    import dq.scan  # noqa: F401
    from dq import REGISTRY, DqError, ScanRequest, ScanResult, UnknownCode, detect, scan
    from dq.engine.detect import detect as engine_detect
    from dq.engine.scan import run
    from dq.signals.registry import REGISTRY as registry

    assert detect is engine_detect and scan is run and REGISTRY is registry
    assert issubclass(UnknownCode, DqError)
    assert ScanRequest.__module__ == "dq.engine.request"
    assert ScanResult.__module__ == "dq.engine.result"


def test_scan_runs_a_request() -> None:
    result = dq.scan(dq.ScanRequest.build([REPO / "corpus"], codes=["licence_nag"]))
    records = (REPO / "corpus" / "articles.jsonl").read_text(encoding="utf-8").count("\n")
    assert result.records_loaded == records
    assert set(result.findings["code"].to_list()) == {"licence_nag"}


def test_importing_dq_is_light() -> None:
    heavy = "('polars', 'click', 'rich')"
    code = f"import sys, dq; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO).stdout
    assert out.strip() == "[]"
