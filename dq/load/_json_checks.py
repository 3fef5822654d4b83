"""Cheap checks on JSON-lines bytes: can Polars be trusted with them?

Why a module of its own: Polars reads JSON lines fast but bends a few
inputs (a lone surrogate escape becomes NUL, a number in a string column
becomes a string, a key written with escapes slips past a byte search) and
slows steeply, then crashes, on deep nesting. Each check here is linear in
the input and answers "maybe" cheaply; a "maybe" sends the file down the
line-by-line path in :mod:`dq.load._jsonl`.
"""

from __future__ import annotations

import json
import re
from typing import Final

# \\u escapes of UTF-16 surrogates: a pair is one character beyond the BMP; a
# lone one is no character at all. JSON allows it, but Polars reads a high one
# as NUL and fails the whole file on a low one. An escaped backslash before
# "ud800" (text, not an escape) also matches: that only costs the slow path.
_SURROGATE_PAIR_ESCAPE: Final = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATES: Final = re.compile("[\ud800-\udfff]")
# The start of any such escape: a regex search skips ahead on the rare "\\u"
# where ``b"\\ud" in data`` stalls on every escaped "\\n" of a JSON text
# (64 MB bench_scale shard, 405k backslashes: 0.036 s against 0.14 s for the
# two ``in`` tests, 2026-12-07).
_SURROGATE_START: Final = re.compile(rb"\\u[dD]")
# Every byte but brackets (and line breaks): deleted to measure nesting.
_NOT_BRACKET: Final = bytes(b for b in range(256) if b not in b"[]{}")
_NOT_BRACKET_OR_NEWLINE: Final = bytes(b for b in range(256) if b not in b"[]{}\n")


def nesting(obj: object) -> int:
    """How deeply objects and arrays nest in a parsed JSON value (the record is level 1).

    Iterative, because the values it measures may be deeper than Python's stack.

    >>> nesting({"a": [1, {"b": []}]}), nesting("s")
    (4, 0)
    """
    deepest, stack = 0, [(obj, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level)
            stack.extend((item, level + 1) for item in value)
    return deepest


def lone_surrogate_escape(data: bytes) -> bool:
    """Whether ``data`` may hold a ``\\u`` escape of a lone surrogate (cheap when none can).

    >>> lone_surrogate_escape(b'"\\\\ud83d\\\\ude00"'), lone_surrogate_escape(b'"a\\\\udc00"')
    (False, True)
    """
    if _SURROGATE_START.search(data) is None:
        return False
    return bool(_SURROGATE_ESCAPE.search(_SURROGATE_PAIR_ESCAPE.sub(b"", data)))


def has_lone_surrogate(obj: object) -> bool:
    """Whether any key or string in a parsed record is (or holds) a lone surrogate."""
    return bool(_SURROGATES.search(json.dumps(obj, ensure_ascii=False)))


def non_string_value(*columns: str) -> re.Pattern[bytes]:
    """Matches ``"<column>":`` followed by anything but a string or ``null``.

    A top-level key cannot hide behind an escaped quote, so a file with no
    match has no non-string text. A match may be a nested key of that name:
    that only costs the slow path, never a wrong answer.

    >>> bool(non_string_value("text").search(b'{"id": 1, "text" : 3}'))
    True
    >>> bool(non_string_value("text").search(b'{"text": "3", "x": {"text":null}}'))
    False
    """
    keys = (re.escape(json.dumps(c, ensure_ascii=False).encode("utf-8")) for c in columns)
    return re.compile(rb"(?:" + b"|".join(keys) + rb')[ \t\r\n]*:[ \t\r\n]*[^"n \t\r\n]')


# JSON's two-character escapes (RFC 8259 section 7), by the character they stand for.
_SHORT_ESCAPES: Final = {
    "/": "/",
    "\\": "\\",
    '"': '"',
    "\b": "b",
    "\f": "f",
    "\n": "n",
    "\r": "r",
    "\t": "t",
}


def _spellings(char: str) -> str:
    """A regex for every way JSON may write ``char`` inside a string.

    >>> print(_spellings("j"))
    (?:j|\\\\u006[aA])
    """
    options = [re.escape(char)]
    if char in _SHORT_ESCAPES:
        options.append(re.escape("\\" + _SHORT_ESCAPES[char]))
    if ord(char) <= 0xFFFF:  # a character beyond the BMP is a surrogate pair: not keys we watch
        digits = "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in f"{ord(char):04x}")
        options.append(r"\\u" + digits)
    return "(?:" + "|".join(options) + ")"


def escaped_key(*columns: str) -> re.Pattern[bytes]:
    """Matches a key spelled with escapes (``"\\u0074ext":``) that decodes to one of ``columns``.

    Why: the fast path's checks look for ``"text":`` as written, so a key
    written another way would slip past them. One pattern, linear in the
    input: the plain spelling is excluded by a lookahead.

    >>> key = escaped_key("text")
    >>> bool(key.search(b'{"\\\\u0074ext": 5}')), bool(key.search(b'{"text": 5}'))
    (True, False)
    """
    alternatives = [
        "(?!" + re.escape(json.dumps(c, ensure_ascii=False)[1:]) + ")" + "".join(map(_spellings, c))
        for c in columns
    ]
    return re.compile(('"(?:' + "|".join(alternatives) + ')"[ \t\r\n]*:').encode("utf-8"))


def _nests_deeper(data: bytes, limit: int) -> bool:
    """Whether some line of ``data`` nests objects/arrays more than ``limit`` deep (exact).

    Strings are cut out first (escapes, then quoted runs), so a ``"]"`` in a
    value cannot hide a level. Content whose quotes do not pair up within a
    line, or whose brackets do not balance, is invalid JSON: it answers True
    and goes to the slow path, which parses line by line.

    >>> _nests_deeper(b'{"a": "]]", "b": {"c": [1]}}\\n', 3), _nests_deeper(b'{"a": [[[]]]}\\n', 3)
    (False, True)
    """
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    pieces = unescaped.split(b'"')
    if b"\n" in b"".join(pieces[1::2]):
        return True  # a string across a line break: quotes out of step
    brackets = b"".join(pieces[0::2]).translate(None, _NOT_BRACKET)
    brackets = brackets.replace(b"{", b"[").replace(b"}", b"]")
    for _ in range(limit):  # each pass removes the innermost level
        if not brackets:
            return False
        fewer = brackets.replace(b"[]", b"")
        if fewer == brackets:
            return True  # unbalanced
        brackets = fewer
    return bool(brackets)


def may_nest_deeper(data: bytes, limit: int) -> bool:
    """Whether a record in ``data`` may nest more than ``limit`` deep; cheap when none can.

    Why before Polars: its JSON reader takes time steeply rising with depth
    (objects nested 128 deep: 3 s, 256: 43 s) and crashes the process at
    512, so deep records must never reach it. A line with no more than
    ``limit`` opening brackets (counting those inside strings) cannot be
    deeper: only when one has more does the exact check run.

    >>> may_nest_deeper(b'{"text": "[[[[["}\\n', 3), may_nest_deeper(b'{"x": [[[[1]]]]}\\n', 3)
    (False, True)
    """
    openers = data.translate(None, _NOT_BRACKET_OR_NEWLINE)
    openers = openers.replace(b"]", b"").replace(b"}", b"").replace(b"{", b"[")
    run = b"[" * (limit + 1)
    flagged: list[int] = []  # lines with more openers than the limit
    at = openers.find(run)
    while at >= 0:
        flagged.append(openers.count(b"\n", 0, at))
        at = openers.find(b"\n", at)
        at = -1 if at < 0 else openers.find(run, at)
    if not flagged:
        return False
    lines = data.split(b"\n")
    return any(_nests_deeper(lines[i], limit) for i in flagged)
