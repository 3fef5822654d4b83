"""Detectors: one small function per reason code, listed once in :data:`REGISTRY`."""

from dq.signals.base import FamilySpec, Signal
from dq.signals.context import DetectContext
from dq.signals.registry import CODES, FAMILIES, REGISTRY, family, get

__all__ = [
    "CODES",
    "FAMILIES",
    "REGISTRY",
    "DetectContext",
    "FamilySpec",
    "Signal",
    "family",
    "get",
]
