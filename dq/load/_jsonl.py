"""JSON-lines reader: Polars for files it can vouch for, line by line for the rest.

Why two paths: Polars parses a valid file in native code, but on the first
bad line it raises for the whole file, and it quietly bends a few things we
must not lose: it skips blank lines (so row numbers stop being line numbers)
and it turns a number or object in a string column into a string (so
``{"text": 3}`` would pass as the text ``"3"``). The fast path is taken only
when none of that can have happened; otherwise every line is checked in
Python, bad lines are quarantined, and the good ones go back through Polars
so both paths type columns the same way.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

import polars as pl

from dq.load._common import (
    ROW,
    Read,
    empty_frame,
    excerpt,
    file_problem,
    physical_lines,
    strip_bom,
    with_provenance,
)
from dq.load._compression import decode
from dq.schema import Quarantined

# JSON whitespace, RFC 8259 section 2.
_JSON_SPACE: Final = b" \t\r\n"
# Python types a fallback column may keep natively (see _column).
_SCALARS: Final = frozenset({str, int, float, bool})


def _first_wins(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Keep the first of repeated keys, as Polars does (``json`` keeps the last)."""
    obj: dict[str, object] = {}
    for key, value in pairs:
        obj.setdefault(key, value)
    return obj


def _reject_constant(name: str) -> object:
    """``NaN``/``Infinity`` are not JSON (RFC 8259) and Polars rejects them."""
    raise ValueError(f"{name} is not valid JSON")


def line_problem(line: bytes, text_column: str) -> str | None:
    """Why one non-blank JSON line cannot be a record, or ``None`` if it can.

    Only what a single line can tell: empty or missing text is judged later,
    with the rest of the file, by the record rules.

    >>> line_problem(b'{"text": "hello"}', "text") is None
    True
    >>> line_problem(b'{"text": "hel', "text")
    'invalid_json'
    >>> line_problem(b'[1, 2]', "text")
    'invalid_json'
    >>> line_problem(b'{"text": 3}', "text")
    'non_string_text'
    >>> line_problem(b'{"body": ["a"]}', "body")
    'non_string_text'
    >>> line_problem(b'{"text": "caf\\xe9"}', "text")
    'invalid_utf8'
    """
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        return "invalid_utf8"
    try:
        obj = json.loads(decoded, object_pairs_hook=_first_wins, parse_constant=_reject_constant)
    except ValueError:  # json.JSONDecodeError is a ValueError
        return "invalid_json"
    if not isinstance(obj, dict):
        return "invalid_json"
    text = obj.get(text_column)
    if text is not None and not isinstance(text, str):
        return "non_string_text"
    return None


def _non_string_value(text_column: str) -> re.Pattern[bytes]:
    """Matches ``"<text_column>":`` followed by anything but a string or ``null``.

    A top-level key cannot hide behind an escaped quote, so a file with no
    match has no non-string text. A match may be a nested key of that name:
    that only costs the slow path, never a wrong answer.

    >>> bool(_non_string_value("text").search(b'{"id": 1, "text" : 3}'))
    True
    >>> bool(_non_string_value("text").search(b'{"text": "3", "x": {"text":null}}'))
    False
    """
    key = json.dumps(text_column, ensure_ascii=False).encode("utf-8")
    return re.compile(re.escape(key) + rb'[ \t\r\n]*:[ \t\r\n]*[^"n \t\r\n]')


def _fast_frame(data: bytes, text_column: str) -> pl.DataFrame | None:
    """The whole file through Polars, or ``None`` when Polars cannot be trusted with it."""
    try:
        # infer_schema_length=None: a key first seen after row 100 is kept.
        frame = pl.read_ndjson(io.BytesIO(data), infer_schema_length=None)
    except pl.exceptions.PolarsError:
        return None
    if frame.height != physical_lines(data):
        return None  # blank lines: row numbers would not be line numbers
    dtype = frame.schema.get(text_column)
    if dtype == pl.String and _non_string_value(text_column).search(data):
        return None  # numbers or objects may have been turned into strings
    return frame


def _frame_from_objects(lines: Sequence[bytes]) -> pl.DataFrame:
    """Good lines Polars refused as a batch (e.g. a key that is a list here, an object there).

    Only this rare case pays per-value Python. A column keeps a native type
    when all its values are one scalar type; otherwise its values become JSON
    text, so the record survives without a guess about what was meant.
    """
    objs = [json.loads(line, object_pairs_hook=_first_wins) for line in lines]
    names = list(dict.fromkeys(key for obj in objs for key in obj))
    columns = [_column(name, [obj.get(name) for obj in objs]) for name in names]
    return pl.DataFrame(columns, height=len(objs))


def _column(name: str, values: list[object]) -> pl.Series:
    """One column from parsed JSON values.

    >>> _column("m", [{"k": 1}, [1], None, "s"]).to_list()
    ['{"k": 1}', '[1]', None, 's']
    >>> _column("n", [1, None, 2]).to_list()
    [1, None, 2]
    """
    kinds = {type(v) for v in values if v is not None}
    if len(kinds) <= 1 and kinds <= _SCALARS:
        try:
            return pl.Series(name, values, strict=True)
        except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):
            pass  # e.g. an integer wider than 128 bits
    encoded = [v if v is None or isinstance(v, str) else json.dumps(v) for v in values]
    return pl.Series(name, encoded, dtype=pl.String)


def _good_lines_frame(lines: Sequence[bytes]) -> pl.DataFrame:
    if not lines:
        return pl.DataFrame()
    try:
        return pl.read_ndjson(io.BytesIO(b"\n".join(lines)), infer_schema_length=None)
    except pl.exceptions.PolarsError:
        return _frame_from_objects(lines)


def _numbered_lines(data: bytes) -> Iterable[tuple[int, bytes]]:
    """1-based line numbers and lines, blank lines left out (they are not records)."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.strip(_JSON_SPACE):
            yield number, line


def _slow_read(data: bytes, path: Path, text_column: str) -> Read:
    good: list[bytes] = []
    numbers: list[int] = []
    bad: list[Quarantined] = []
    for number, line in _numbered_lines(data):
        reason = line_problem(line, text_column)
        if reason is None:
            good.append(line)
            numbers.append(number)
        else:
            bad.append(Quarantined(str(path), number, reason, excerpt(line.rstrip(b"\r"))))
    rows = pl.Series(ROW, numbers, dtype=pl.Int64)
    return Read(with_provenance(_good_lines_frame(good), path, rows), tuple(bad))


def _split_at_break(data: bytes) -> tuple[bytes, bytes]:
    """Complete lines, and the fragment after the last newline.

    >>> _split_at_break(b'{"a": 1}\\n{"a')
    (b'{"a": 1}\\n', b'{"a')
    """
    cut = data.rfind(b"\n") + 1
    return data[:cut], data[cut:]


def _read_content(data: bytes, path: Path, text_column: str) -> Read:
    if not data.strip(_JSON_SPACE):
        return Read(empty_frame())
    frame = _fast_frame(data, text_column)
    if frame is None:
        return _slow_read(data, path, text_column)
    return Read(with_provenance(frame, path))


def read_jsonl(path: Path, text_column: str) -> Read:
    """Read one JSON-lines file (plain, gzip or zstd).

    ``text_column`` is the input column that will become ``text`` (after
    ``--map``): its type is checked line by line on the slow path.
    A compressed file cut short keeps the complete lines before the cut and
    gets one ``truncated_file`` entry at the line where it broke.
    """
    decoded = decode(path.read_bytes())
    data = strip_bom(decoded.data)
    if decoded.broken is None:
        return _read_content(data, path, text_column)
    if not data:
        return Read(empty_frame(), (file_problem(path, "unreadable_file", decoded.broken),))
    complete, fragment = _split_at_break(data)
    read = _read_content(complete, path, text_column)
    broken_line = complete.count(b"\n") + 1
    truncated = file_problem(path, "truncated_file", decoded.broken, broken_line)
    if fragment:
        truncated = Quarantined(str(path), broken_line, "truncated_file", excerpt(fragment))
    return Read(read.frame, (*read.quarantine, truncated))


def looks_like_json_lines(head: bytes) -> bool:
    """Whether a ``.json`` file's first bytes are JSON lines, not one JSON document.

    >>> looks_like_json_lines(b'{"text": "a"}\\n{"text": "b"}\\n')
    True
    >>> looks_like_json_lines(b'{\\n  "text": "a"\\n}\\n')
    False
    >>> looks_like_json_lines(b'[{"text": "a"}]')
    False
    """
    lines = [line for line in strip_bom(head).split(b"\n") if line.strip(_JSON_SPACE)]
    if not lines or not lines[0].lstrip(_JSON_SPACE).startswith(b"{"):
        return False
    if len(lines) == 1 and not head.rstrip(b" \t\r").endswith(b"\n"):
        return True  # first line longer than the head: a long record
    return line_problem(lines[0], "text") in (None, "non_string_text")


def read_jsonl_part(data: bytes, path: Path, text_column: str, first_line: int) -> Read:
    """Read complete JSON lines cut from a larger file; ``first_line`` numbers the first one.

    For reading a file larger than memory a slice at a time: the rows and
    quarantine entries carry the line numbers of the whole file.

    >>> part = read_jsonl_part(b'{"text": "a"}\\n\\n{"text": 1}\\n', Path("f"), "text", 10)
    >>> part.frame.get_column(ROW).to_list(), [(q.line_or_row, q.reason) for q in part.quarantine]
    ([10], [(12, 'non_string_text')])
    """
    read = _read_content(data, path, text_column)
    shift = first_line - 1
    if not shift:
        return read
    frame = read.frame.with_columns(pl.col(ROW) + shift)
    moved = tuple(
        Quarantined(q.file, q.line_or_row + shift, q.reason, q.excerpt) for q in read.quarantine
    )
    return Read(frame, moved)
