"""Old import path of :mod:`dq.engine.findings`, kept for one release (issue 14)."""

from dq.engine.findings import (
    custom_findings,
    flagged_record_findings,
    line_findings,
    record_findings,
    snippet,
    sort_findings,
    span_findings,
)
from dq.schema import FINDINGS_SCHEMA

__all__ = [
    "FINDINGS_SCHEMA",
    "custom_findings",
    "flagged_record_findings",
    "line_findings",
    "record_findings",
    "snippet",
    "sort_findings",
    "span_findings",
]
