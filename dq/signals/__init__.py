"""Detectors: one small function per reason code, listed once in :data:`REGISTRY`."""

from dq.signals.base import Signal
from dq.signals.context import DetectContext
from dq.signals.registry import CODES, REGISTRY, get

__all__ = ["CODES", "REGISTRY", "DetectContext", "Signal", "get"]
