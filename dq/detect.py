"""Old import path of :mod:`dq.engine.detect`, kept for one release (issue 14)."""

from dq.engine.detect import (
    Detection,
    detect,
    record_chunks,
    record_findings,
    select_signals,
    sort_findings,
    warm_up,
)
from dq.schema import FINDINGS_SCHEMA

__all__ = [
    "FINDINGS_SCHEMA",
    "Detection",
    "detect",
    "record_chunks",
    "record_findings",
    "select_signals",
    "sort_findings",
    "warm_up",
]
