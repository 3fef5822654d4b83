"""CSV reader: Arrow's parser for clean files, Python's ``csv`` for the rest.

Why Arrow and not ``pl.read_csv``: Polars pads a row that has too few fields
with nulls, so a ragged row would load as a record with missing fields.
Arrow's parser refuses ragged rows, handles quoted newlines, and reads every
column as a string (a CSV has no types; ``"007"`` must stay ``"007"``).

``dq_row`` is the 1-based line on which a record *starts* (the header is
line 1), counting the newlines inside quoted fields. On the fast path it is
computed from the parsed values; when blank lines make that count unsure,
the slow path reads the numbers from ``csv.reader.line_num``.

Known difference: Arrow reads a closed quote followed by text (``"x"y``) as
``xy``; the strict slow path, taken when something else in the file is
wrong, quarantines that row as ``invalid_csv``.
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
    empty_frame,
    excerpt,
    physical_lines,
    strip_bom,
    with_provenance,
)
from dq.schema import Quarantined

# How much of the file to hand Python's csv module to find the header. A
# header longer than 1 MiB is not a header; the slow path then reports it.
_HEADER_PROBE_BYTES: Final = 1 << 20
# Python's csv refuses fields over 128 KiB by default; article bodies are
# longer. 2**31 - 1 is the largest limit every platform's C long accepts.
_FIELD_LIMIT: Final = 2**31 - 1
# Bytes that were not UTF-8, as decoded with errors="surrogateescape" (PEP 383).
_UNDECODABLE: Final = re.compile("[\udc80-\udcff]")


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


def _fast_frame(data: bytes) -> pl.DataFrame | None:
    """The file through Arrow, or ``None`` when it has ragged rows, bad UTF-8, etc."""
    # imported here: pyarrow (and numpy) cost ~0.1 s, and only CSV needs them
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    if data.count(b'"') % 2:
        # Well-formed quoting pairs every quote. An odd count means a quote
        # left open (Arrow would swallow the rest of the file into one field)
        # or a stray one: let the strict parser find the row.
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
    return None if rows is None else frame.with_columns(rows)


def _raw_record(lines: Sequence[str], start: int, end: int) -> str:
    """A record as written, from its first line to its last (1-based, inclusive).

    >>> _raw_record(['a,b\\n', '1,"x\\n', 'y"\\n'], 2, 3)
    '1,"x\\ny"'
    """
    return "".join(lines[start - 1 : end]).removesuffix("\n").removesuffix("\r")


def _slow_read(data: bytes, path: Path) -> Read:
    """Every record through ``csv.reader``; bad rows quarantined, the rest kept."""
    text = data.decode("utf-8", errors="surrogateescape")
    # strict: a quote left open or followed by text is an error for that row
    # (the reader resumes on the next line), not a field that eats the file.
    # The lines are kept so a row the parser rejects can be quoted as written.
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(lines, strict=True)
    header: list[str] | None = None
    records: list[list[str]] = []
    numbers: list[int] = []
    bad: list[Quarantined] = []
    previous_end = 0
    with _csv_field_limit(_FIELD_LIMIT):
        while True:
            start = previous_end + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error:
                raw = _raw_record(lines, start, reader.line_num)
                bad.append(Quarantined(str(path), start, "invalid_csv", excerpt(raw)))
                previous_end = reader.line_num
                continue
            previous_end = reader.line_num
            if not row:
                continue  # a blank line is not a record
            if header is None:
                header = dedupe_names([excerpt(name) for name in row])
                continue
            reason = row_problem(row, len(header))
            if reason is None:
                records.append(row)
                numbers.append(start)
            else:
                raw = _raw_record(lines, start, reader.line_num)
                bad.append(Quarantined(str(path), start, reason, excerpt(raw)))
    frame = pl.DataFrame(records, schema=dict.fromkeys(header or [], pl.String), orient="row")
    rows = pl.Series(ROW, numbers, dtype=pl.Int64)
    return Read(with_provenance(frame, path, rows), tuple(bad))


def read_csv(path: Path) -> Read:
    """Read one CSV file with a header row; every column is read as a string."""
    data = strip_bom(path.read_bytes())
    if not data.strip():
        return Read(empty_frame())
    frame = _fast_frame(data)
    if frame is None:
        return _slow_read(data, path)
    rows = frame.get_column(ROW)
    return Read(with_provenance(frame.drop(ROW), path, rows))
