"""Old import path of :mod:`dq.engine.stream` (and ``stream_scan``, now in
:mod:`dq.engine.scan`), kept for one release (issue 14)."""

from dq.engine.request import DEFAULT_BATCH_BYTES, FIRST_FINDINGS, KEPT_RECORDS, StreamOptions
from dq.engine.scan import stream_scan
from dq.engine.stream import stream, text_keys

__all__ = [
    "DEFAULT_BATCH_BYTES",
    "FIRST_FINDINGS",
    "KEPT_RECORDS",
    "StreamOptions",
    "stream",
    "stream_scan",
    "text_keys",
]
