"""Old import path of :mod:`dq.engine.scan` and :mod:`dq.engine.result`, kept for one release."""

from dq.engine.findings import append_findings, findings_json, write_findings
from dq.engine.request import STREAM_THRESHOLD_BYTES
from dq.engine.result import FindingTotals, ScanResult, SpilledSignals
from dq.engine.scan import input_bytes, run_scan

__all__ = [
    "STREAM_THRESHOLD_BYTES",
    "FindingTotals",
    "ScanResult",
    "SpilledSignals",
    "append_findings",
    "findings_json",
    "input_bytes",
    "run_scan",
    "write_findings",
]
