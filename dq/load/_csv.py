"""CSV reader: Arrow's parser for clean files, Python's ``csv`` for the rest.

Why Arrow and not ``pl.read_csv``: Polars pads a row that has too few fields
with nulls, so a ragged row would load as a record with missing fields.
Arrow's parser refuses ragged rows, handles quoted newlines, and reads every
column as a string (a CSV has no types; ``"007"`` must stay ``"007"``).

``dq_row`` is the 1-based line on which a record *starts* (the header is
line 1), counting the newlines inside quoted fields. On the fast path it is
computed from the parsed values; when blank lines make that count unsure,
the slow path reads the numbers from ``csv.reader.line_num``.

Arrow is lenient where Python's strict reader is not: it reads a closed
quote followed by text (``"x"y``) as ``xy``. So the fast path is taken only
for files whose every quote follows RFC 4180 (:func:`well_quoted`); the
rest go through the strict reader, which quarantines such a row as
``invalid_csv`` rather than load altered text. A quote left open costs its
first line only: reading resumes on the next line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Final

import polars as pl

from dq.load._common import (
    ROW,
    Read,
    ReadOptions,
    empty_frame,
    excerpt,
    file_problem,
    physical_lines,
    strip_bom,
    with_provenance,
)
from dq.load._compression import decode
from dq.schema import Quarantined

# How much of the file to hand Python's csv module to find the header. A
# header longer than 1 MiB is not a header; the slow path then reports it.
_HEADER_PROBE_BYTES: Final = 1 << 20
# Python's csv refuses fields over 128 KiB by default; article bodies are
# longer. 2**31 - 1 is the largest limit every platform's C long accepts.
_FIELD_LIMIT: Final = 2**31 - 1
# Bytes that were not UTF-8, as decoded with errors="surrogateescape" (PEP 383).
_UNDECODABLE: Final = re.compile("[\udc80-\udcff]")
# RFC 4180 fields and records; possessive, so matching never backtracks.
_FIELD: Final = rb'(?:"[^"]*+(?:""[^"]*+)*+"|[^",\r\n]*+)'
_RECORD: Final = _FIELD + rb"(?:," + _FIELD + rb")*+"
_WELL_QUOTED: Final = re.compile(_RECORD + rb"(?:(?:\r\n|\n|\r)" + _RECORD + rb")*+")
# What Python's strict reader says when a quoted field is still open at the end.
_OPEN_AT_END: Final = "unexpected end of data"


def well_quoted(data: bytes) -> bool:
    """Whether every quote in ``data`` opens a field, closes one, or is doubled inside one.

    >>> well_quoted(b'id,text\\n1,"a ""b"", c"\\n'), well_quoted(b'id,text\\n1,"x"y\\n')
    (True, False)
    >>> well_quoted(b'id,text\\n1,"he said \\\\"no\\\\" loudly"\\n')
    False
    """
    return _WELL_QUOTED.fullmatch(data) is not None


def dedupe_names(names: Sequence[str]) -> list[str]:
    """Header names made unique, so no column silently replaces another.

    >>> dedupe_names(["id", "text", "id", "id"])
    ['id', 'text', 'id_2', 'id_3']
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def row_problem(row: Sequence[str], width: int) -> str | None:
    """Why one parsed CSV row cannot be a record, or ``None`` if it can.

    >>> row_problem(["1", "text"], 2) is None
    True
    >>> row_problem(["1", "text", "extra"], 2)
    'invalid_csv'
    >>> row_problem(["1", "caf\\udce9"], 2)
    'invalid_utf8'
    """
    if len(row) != width:
        return "invalid_csv"
    if any(_UNDECODABLE.search(value) for value in row):
        return "invalid_utf8"
    return None


@contextmanager
def _csv_field_limit(limit: int) -> Iterator[None]:
    """Raise Python's csv field limit while we read, and put it back after.

    The limit is process-wide state in the ``csv`` module; restoring it keeps
    our reading from changing anyone else's.
    """
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _header(data: bytes) -> list[str] | None:
    probe = data[:_HEADER_PROBE_BYTES].decode("utf-8", errors="replace")
    with _csv_field_limit(_FIELD_LIMIT):
        try:
            return next(csv.reader(io.StringIO(probe, newline="")), None)
        except csv.Error:
            return None


def _start_lines(frame: pl.DataFrame, header: Sequence[str], data: bytes) -> pl.Series | None:
    """Each record's first line, or ``None`` if blank lines make the count unsure."""
    newlines = pl.sum_horizontal(
        pl.col(name).str.count_matches("\n", literal=True).fill_null(0) for name in frame.columns
    )
    spans = frame.select((newlines + 1).cast(pl.Int64).alias(ROW)).to_series()
    header_span = 1 + sum(name.count("\n") for name in header)
    if header_span + int(spans.sum()) != physical_lines(data):
        return None
    return spans.cum_sum() - spans + header_span + 1


def _fast_frame(data: bytes) -> tuple[pl.DataFrame, pl.Series] | None:
    """The file through Arrow, or ``None`` when it has ragged rows, bad UTF-8, etc."""
    # imported here: pyarrow (and numpy) cost ~0.1 s, and only CSV needs them
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    if b'"' in data and not well_quoted(data):
        # A quote left open (Arrow would swallow the rest of the file into one
        # field), text after a closing quote, a backslash escape: Arrow would
        # read them leniently, so let the strict parser find the row.
        return None
    header = _header(data)
    if not header:
        return None
    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    if table.column_names != header:
        return None  # our header parse and Arrow's disagree: let Python decide
    frame = pl.from_arrow(table.rename_columns(dedupe_names(header)))
    assert isinstance(frame, pl.DataFrame)
    rows = _start_lines(frame, header, data)
    return None if rows is None else (frame, rows)


def _raw_record(lines: Sequence[str], start: int, end: int) -> str:
    """A record as written, from its first line to its last (1-based, inclusive).

    >>> _raw_record(['a,b\\n', '1,"x\\n', 'y"\\n'], 2, 3)
    '1,"x\\ny"'
    """
    return "".join(lines[start - 1 : end]).removesuffix("\n").removesuffix("\r")


def _lines_of(text: str) -> list[str]:
    """Lines as the fast path numbers them: LF ends a line, CR alone only in a file without LF.

    A CR inside a quoted field of an LF file is part of the field, not a line
    break (it used to shift the line numbers of every later row).

    >>> _lines_of('a\\r\\nb,"x\\ry"\\n'), _lines_of("a\\rb\\r"), _lines_of("a\\nb")
    (['a\\r\\n', 'b,"x\\ry"\\n'], ['a\\r', 'b\\r'], ['a\\n', 'b'])
    """
    if "\n" not in text:
        return io.StringIO(text, newline="").readlines()
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1].removesuffix("\n")
    return lines if lines[-1] else lines[:-1]


def _slow_read(data: bytes, path: Path) -> Read:
    """Every record through ``csv.reader``; bad rows quarantined, the rest kept."""
    text = data.decode("utf-8", errors="surrogateescape")
    # strict: a quote left open or followed by text is an error for that row
    # (the reader resumes on the next line), not a field that eats the file.
    # The lines are kept so a row the parser rejects can be quoted as written.
    lines = _lines_of(text)
    rows = _Rows(path)
    offset: int | None = 0  # lines before the one the current reader started on
    with _csv_field_limit(_FIELD_LIMIT):
        while offset is not None:
            offset = rows.read(lines, offset)
    frame = pl.DataFrame(
        rows.records, schema=dict.fromkeys(rows.header or [], pl.String), orient="row"
    )
    numbers = pl.Series(ROW, rows.numbers, dtype=pl.Int64)
    return Read(with_provenance(frame, path, numbers), tuple(rows.bad))


class _Rows:
    """What the strict reader has kept and refused so far, across restarts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header: list[str] | None = None
        self.records: list[list[str]] = []
        self.numbers: list[int] = []
        self.bad: list[Quarantined] = []

    def read(self, lines: Sequence[str], offset: int) -> int | None:
        """Read rows from line ``offset + 1``; the offset to restart from, or ``None`` at the end.

        A quoted field still open at the end of the file would make every
        later row part of one bad record: that costs only the line it
        started on, and reading restarts on the next line.
        """
        reader = csv.reader(lines[offset:], strict=True)
        previous_end = offset
        while True:
            start = previous_end + 1
            try:
                row = next(reader)
            except StopIteration:
                return None
            except csv.Error as error:
                end = offset + reader.line_num
                if _OPEN_AT_END in str(error) and end > start:
                    self._refuse(start, _raw_record(lines, start, start), "invalid_csv")
                    return start
                self._refuse(start, _raw_record(lines, start, end), "invalid_csv")
                previous_end = end
                continue
            previous_end = offset + reader.line_num
            reason = self._keep(row, start)
            if reason is not None:
                self._refuse(start, _raw_record(lines, start, previous_end), reason)

    def _keep(self, row: list[str], start: int) -> str | None:
        """Keep a row (or take it as the header); the reason when it cannot be a record."""
        if not row:
            return None  # a blank line is not a record
        if self.header is None:
            self.header = dedupe_names([excerpt(name) for name in row])
            return None
        reason = row_problem(row, len(self.header))
        if reason is None:
            self.records.append(row)
            self.numbers.append(start)
        return reason

    def _refuse(self, start: int, raw: str, reason: str) -> None:
        self.bad.append(Quarantined(str(self.path), start, reason, excerpt(raw)))


def read_csv(path: Path, options: ReadOptions) -> Read:
    """Read one CSV file with a header row; every column is read as a string.

    A gzip or zstd file is decompressed first (within the limits); a file in
    another encoding or compression is quarantined whole.
    """
    raw = path.read_bytes()
    decoded = decode(raw, options.limits.max_decompressed(len(raw)))
    if decoded.refused is not None:
        return Read(empty_frame(), (file_problem(path, *decoded.refused),))
    if decoded.broken is not None:
        return Read(empty_frame(), (file_problem(path, "truncated_file", decoded.broken),))
    data = strip_bom(decoded.data)
    if not data.strip():
        return Read(empty_frame())
    fast = _fast_frame(data)
    if fast is None:
        return _slow_read(data, path)
    frame, rows = fast  # rows apart: the input may have a column named like ours
    return Read(with_provenance(frame, path, rows), ())
