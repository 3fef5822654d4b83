"""Phrase lists for chrome signals, kept as data files in ``dq/signals/phrases/``.

Why data files: phrase lists grow with every language and site we meet;
reviewers should be able to add "Publicidad" without reading Python.

File format (``<name>.txt``, UTF-8): one regex alternative per line, matched
against the *lower-cased, stripped* line; ``#`` starts a comment line; blank
lines are ignored. Patterns must be valid for both Rust ``regex`` and Python
``re`` (see :mod:`dq.signals.base`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources


# Cached: the files are package data, fixed for the process, and detect() builds its
# line pass again per call (a streamed scan: per batch), reading 27 of them each time
# (0.04 s a call, measured 2026-12-07 on a loaded machine). A tuple: nothing can change it.
@cache
def phrase_list(name: str) -> tuple[str, ...]:
    """The alternatives in ``phrases/<name>.txt``, in file order.

    >>> "back to top" in phrase_list("back_to_top")
    True
    """
    text = resources.files("dq.signals").joinpath("phrases", f"{name}.txt").read_text("utf-8")
    return tuple(
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def alternation(name: str) -> str:
    """``(?:a|b|c)`` over the phrase list ``name``.

    >>> alternation("back_to_top").startswith("(?:")
    True
    """
    return "(?:" + "|".join(phrase_list(name)) + ")"
