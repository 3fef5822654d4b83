"""Test helpers around :mod:`dq.engine.detect` (shared by test_distinct and test_match).

Imported by name (``from _engine_helpers import spy_shared_values``), as ``_chrome_helpers``.
"""

from __future__ import annotations

import polars as pl
import pytest


def spy_shared_values(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Wrap ``dq.engine.detect._shared_values``; the returned list gets, per call, the
    height of the shared values it computed, or -1 when each slice ran on its own."""
    from dq.engine import detect as engine

    shared: list[int] = []
    real = engine._shared_values

    def spy(*args: object, **kwargs: object) -> pl.DataFrame | None:
        out = real(*args, **kwargs)  # type: ignore[arg-type]
        shared.append(-1 if out is None else out.height)
        return out

    monkeypatch.setattr(engine, "_shared_values", spy)
    return shared
