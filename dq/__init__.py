"""dq: data-quality and boilerplate detection for scraped article corpora.

Public API (everything else is private machinery)::

    from dq import load, detect, REGISTRY
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
