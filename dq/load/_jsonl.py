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
import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Final

import polars as pl

from dq.load._common import (
    MAX_NESTING,
    ROW,
    UTF8_BOM,
    Part,
    Read,
    ReadOptions,
    empty_frame,
    excerpt,
    file_problem,
    physical_lines,
    strip_bom,
    with_provenance,
)
from dq.load._compression import content_problem, decode
from dq.load._json_checks import (
    escaped_key,
    has_lone_surrogate,
    lone_surrogate_escape,
    may_nest_deeper,
    nesting,
    non_string_value,
)
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


def _parse_float(literal: str) -> float | str:
    """A JSON number as a float, or its literal when a float cannot hold it (``1e400``).

    >>> _parse_float("1.5"), _parse_float("1e400")
    (1.5, '1e400')
    """
    number = float(literal)
    return number if math.isfinite(number) else literal


def line_problem(line: bytes, text_column: str, max_nesting: int = MAX_NESTING) -> str | None:
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
    >>> line_problem(b'{"text": "a\\\\udc00"}', "text")
    'invalid_unicode'
    >>> line_problem(b'{"\\\\u0074ext": 5}', "text")
    'non_string_text'
    >>> line_problem(b'{"text": "a", "x": [[[]]]}', "text", max_nesting=3)
    'nesting_too_deep'
    """
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        return "invalid_utf8"
    try:
        obj = json.loads(decoded, object_pairs_hook=_first_wins, parse_constant=_reject_constant)
    except RecursionError:
        return "nesting_too_deep"
    except ValueError:  # json.JSONDecodeError is a ValueError
        return "invalid_json"
    if not isinstance(obj, dict):
        return "invalid_json"
    if nesting(obj) > max_nesting:
        return "nesting_too_deep"
    if lone_surrogate_escape(line) and has_lone_surrogate(obj):
        return "invalid_unicode"
    text = obj.get(text_column)
    if text is not None and not isinstance(text, str):
        return "non_string_text"
    return None


def _untrusted(frame: pl.DataFrame, data: bytes, options: ReadOptions) -> bool:
    """Whether Polars may have bent something in ``data`` that the slow path would catch."""
    if frame.height != physical_lines(data):
        return True  # blank lines: row numbers would not be line numbers
    if lone_surrogate_escape(data):
        return True
    watched = [
        c for c in (options.text_column, options.id_column) if frame.schema.get(c) == pl.String
    ]
    if watched and non_string_value(*watched).search(data):
        return True  # numbers or objects may have been turned into strings
    return b"\\" in data and bool(escaped_key(options.text_column, options.id_column).search(data))


def _fast_frame(data: bytes, options: ReadOptions) -> pl.DataFrame | None:
    """The whole file through Polars, or ``None`` when Polars cannot be trusted with it."""
    if may_nest_deeper(data, options.limits.max_nesting):
        return None
    try:
        # infer_schema_length=None: a key first seen after row 100 is kept.
        frame = pl.read_ndjson(io.BytesIO(data), infer_schema_length=None)
    except pl.exceptions.PolarsError:
        return None
    return None if _untrusted(frame, data, options) else frame


def _frame_from_objects(lines: Sequence[bytes]) -> pl.DataFrame:
    """Good lines Polars refused as a batch (e.g. a key that is a list here, an object there).

    Only this rare case pays per-value Python. A column keeps a native type
    when all its values are one scalar type; otherwise its values become JSON
    text, so the record survives without a guess about what was meant.
    """
    objs = [
        json.loads(line, object_pairs_hook=_first_wins, parse_float=_parse_float) for line in lines
    ]
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


def _good_lines_frame(lines: Sequence[bytes], options: ReadOptions) -> pl.DataFrame:
    if not lines:
        return pl.DataFrame()
    data = b"\n".join(lines)
    try:
        frame = pl.read_ndjson(io.BytesIO(data), infer_schema_length=None)
    except pl.exceptions.PolarsError:
        return _frame_from_objects(lines)
    if frame.schema.get(options.id_column) == pl.String and non_string_value(
        options.id_column
    ).search(data):
        return _frame_from_objects(lines)  # an id 1.0 beside "1" would both read as "1"
    return frame


def _numbered_lines(data: bytes) -> Iterable[tuple[int, bytes]]:
    """1-based line numbers and lines, blank lines left out (they are not records)."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.strip(_JSON_SPACE):
            yield number, line


def _slow_read(data: bytes, path: Path, options: ReadOptions) -> Read:
    good: list[bytes] = []
    numbers: list[int] = []
    bad: list[Quarantined] = []
    for number, line in _numbered_lines(data):
        reason = line_problem(line, options.text_column, options.limits.max_nesting)
        if reason is None:
            good.append(line)
            numbers.append(number)
        else:
            bad.append(Quarantined(str(path), number, reason, excerpt(line.rstrip(b"\r"))))
    rows = pl.Series(ROW, numbers, dtype=pl.Int64)
    return Read(with_provenance(_good_lines_frame(good, options), path, rows), tuple(bad))


def _split_at_break(data: bytes) -> tuple[bytes, bytes]:
    """Complete lines, and the fragment after the last newline.

    >>> _split_at_break(b'{"a": 1}\\n{"a')
    (b'{"a": 1}\\n', b'{"a')
    """
    cut = data.rfind(b"\n") + 1
    return data[:cut], data[cut:]


def line_breaks(data: bytes) -> bytes:
    """Content whose only line breaks are CRs (classic Mac OS) with LFs instead.

    JSON counts a CR as white space, so three records on CR-ended lines would
    read as one invalid line. A raw CR cannot be inside a JSON string, so
    swapping it changes no value.

    >>> line_breaks(b'{"a": 1}\\r{"a": 2}\\r'), line_breaks(b'{"a": 1}\\r\\n')
    (b'{"a": 1}\\n{"a": 2}\\n', b'{"a": 1}\\r\\n')
    """
    if b"\r" in data and b"\n" not in data:
        return data.replace(b"\r", b"\n")
    return data


def _read_content(data: bytes, path: Path, options: ReadOptions) -> Read:
    if not data.strip(_JSON_SPACE):
        return Read(empty_frame())
    frame = _fast_frame(data, options)
    if frame is None:
        return _slow_read(data, path, options)
    return Read(with_provenance(frame, path))


def read_jsonl(path: Path, options: ReadOptions) -> Read:
    """Read one JSON-lines file (plain, gzip or zstd).

    ``options.text_column`` is the input column that will become ``text``
    (after ``--map``): its type is checked line by line on the slow path.
    A compressed file cut short keeps the complete lines before the cut and
    gets one ``truncated_file`` entry at the line where it broke. A file that
    expands past the limit, is compressed twice or in another way, or is not
    UTF-8 gets one entry for the whole file.
    """
    raw = path.read_bytes()
    decoded = decode(raw, options.limits.max_decompressed(len(raw)))
    if decoded.refused is not None:
        return Read(empty_frame(), (file_problem(path, *decoded.refused),))
    data = line_breaks(strip_bom(decoded.data))
    if decoded.broken is None:
        return _read_content(data, path, options)
    if not data:
        return Read(empty_frame(), (file_problem(path, "unreadable_file", decoded.broken),))
    complete, fragment = _split_at_break(data)
    read = _read_content(complete, path, options)
    broken_line = complete.count(b"\n") + 1
    truncated = file_problem(path, "truncated_file", decoded.broken, broken_line)
    if fragment:
        truncated = Quarantined(str(path), broken_line, "truncated_file", excerpt(fragment))
    return Read(read.frame, (*read.quarantine, truncated))


def read_jsonl_part(data: bytes, path: Path, options: ReadOptions, first_line: int) -> Read:
    """Read complete JSON lines cut from a larger file; ``first_line`` numbers the first one.

    For reading a file larger than memory a slice at a time: the rows and
    quarantine entries carry the line numbers of the whole file.

    >>> opts = ReadOptions()
    >>> part = read_jsonl_part(b'{"text": "a"}\\n\\n{"text": 1}\\n', Path("f"), opts, 10)
    >>> part.frame.get_column(ROW).to_list(), [(q.line_or_row, q.reason) for q in part.quarantine]
    ([10], [(12, 'non_string_text')])
    """
    read = _read_content(data, path, options)
    shift = first_line - 1
    if not shift:
        return read
    frame = read.frame.with_columns(pl.col(ROW) + shift)
    moved = tuple(
        Quarantined(q.file, q.line_or_row + shift, q.reason, q.excerpt) for q in read.quarantine
    )
    return Read(frame, moved)


def _needs_whole_read(path: Path) -> bool:
    """A plain file that only the whole-file reader reads right (see :func:`read_jsonl`)."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if content_problem(head) is not None:
        return True
    return b"\r" in head and b"\n" not in head


def split_jsonl(path: Path, options: ReadOptions, batch_bytes: int) -> Iterator[Part]:
    """A plain JSON-lines file in pieces of whole lines, about ``batch_bytes`` each."""
    if _needs_whole_read(path):
        yield Part(read_jsonl(path, options), path.stat().st_size)
        return
    line, carry, started = 1, b"", False
    with path.open("rb") as fh:
        if fh.read(len(UTF8_BOM)) != UTF8_BOM:
            fh.seek(0)
        # A line longer than a batch is read whole: the next read is as long as what is carried.
        while block := fh.read(max(batch_bytes, len(carry))):
            data = carry + block
            cut = data.rfind(b"\n") + 1
            complete, carry = data[:cut], data[cut:]
            if complete:
                yield Part(read_jsonl_part(complete, path, options, line), cut, False, started)
                line += complete.count(b"\n")
                started = True
    if carry:  # a last line without a newline
        yield Part(read_jsonl_part(carry, path, options, line), len(carry), False, started)
