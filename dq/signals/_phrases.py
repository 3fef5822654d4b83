"""Phrase lists for chrome signals, kept as data files in ``dq/signals/phrases/``.

Why data files: phrase lists grow with every language and site we meet;
reviewers should be able to add "Publicidad" without reading Python.

File format (``<name>.txt``, UTF-8): one regex alternative per line, matched
against the *lower-cased, stripped* line; ``#`` starts a comment line; blank
lines are ignored. Patterns must be valid for both Rust ``regex`` and Python
``re`` (see :mod:`dq.signals.base`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Final


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


#: Shortest literal (characters) :func:`floating` takes as a phrase's prefilter.
LITERAL_MIN: Final = 2


@cache
def floating(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The phrase list ``name`` split for speed: the alternatives that open with a
    literal, the *floating* ones (that open with ``.{0,n}`` or ``[^ ]*``: the phrase
    may stand anywhere in the line's head), and one literal that every match of a
    floating one holds (:func:`required_literal`).

    Why: one floating alternative takes Rust's regex off its fast path for the whole
    alternation. Measured 2026-12-08 on the 40 MB bench corpus's lines (Polars 2.2):
    ``site_notice``'s 73 alternatives in one regex 42 ms per 45k lines; the 68 that
    open with a literal 17 ms; the 5 floating ones only on the lines that hold one
    of their literals, ~1 ms. The same matches: a line matches the alternation
    when it matches one part, and a floating match holds its literal.

    >>> fixed, loose, literals = floating("site_notice")
    >>> len(fixed) + len(loose) == len(phrase_list("site_notice")), len(loose) == len(literals)
    (True, True)
    """
    fixed: list[str] = []
    loose: list[str] = []
    literals: list[str] = []
    for phrase in phrase_list(name):
        literal = required_literal(phrase)
        if phrase.startswith((".", "[^")) and len(literal) >= LITERAL_MIN:
            loose.append(phrase)
            literals.append(literal)
        else:
            fixed.append(phrase)
    return tuple(fixed), tuple(loose), tuple(literals)


def required_literal(pattern: str) -> str:
    """The longest run of plain characters outside any group, class or optional
    character of ``pattern``: text every match of it holds ("" when none).

    >>> required_literal(".{0,40} (?:moderates|reviews) (?:all |your )?comments")
    'comments'
    >>> required_literal("[^ ]* ?ab cd")
    'ab cd'
    >>> required_literal(r"x\\w+yzz?"), required_literal("a|bc")
    ('yz', '')

    An alternation at the top (outside brackets, classes and escapes) holds no one
    literal for all, nor does a pattern that sets a flag ("(?i)": its literal may match
    in another case):

    >>> required_literal(r"\\(ab|cd"), required_literal("[(]ab|cd"), required_literal("(?i)abc")
    ('', '', '')
    >>> required_literal(r"ab\\|cd"), required_literal("[|]abc")
    ('ab', 'abc')
    """
    if re.search(r"\(\?[a-zA-Z-]", pattern):
        return ""
    best, run, depth, i = "", "", 0, 0
    special = set("()[]{}.*+?^$\\|")
    while i < len(pattern):
        ch = pattern[i]
        nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
        if depth == 0 and ch not in special and not (nxt and nxt in "?*{"):
            run += ch
            i += 1
            continue
        best, run = max(best, run, key=len), ""
        if ch == "|" and depth == 0:
            return ""
        if ch == "\\":
            i += 2
        elif ch == "[":
            i = pattern.index("]", i + 2) + 1
        elif ch == "{":
            i = pattern.index("}", i) + 1
        else:
            depth += (ch == "(") - (ch == ")")
            i += 1
    return max(best, run, key=len)
