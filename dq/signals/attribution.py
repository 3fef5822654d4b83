"""Attribution: who wrote it and where it came from.

Why it matters: a corpus without provenance cannot honour licences or
takedown requests, and a bare "businessinsider" line is a source that lost
its place in the metadata.
"""

from __future__ import annotations

from dq.signals.base import Signal

SIGNALS: tuple[Signal, ...] = ()
