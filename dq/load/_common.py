"""What every reader shares: the error type, the shape of a read, and excerpts.

Why a module of its own: the readers, the record rules and the public
``load`` all speak these few names, and none of them should import another
reader to get them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import polars as pl

from dq.schema import Quarantined

# The quarantine file format keeps the first 200 characters of the raw
# record: enough to recognise it, small enough that a file of a million bad
# lines stays readable. Fixed by the loader brief; reports rely on it.
EXCERPT_CHARS: Final = 200

# Private column names the readers use for provenance until the record rules
# rename them to ``dq_file`` / ``dq_row``. Dunder names so that an input
# column called ``dq_row`` cannot collide with them.
FILE: Final = "__dq_file__"
ROW: Final = "__dq_row__"

# line_or_row for a quarantine entry that is about a whole file.
WHOLE_FILE: Final = 0

UTF8_BOM: Final = b"\xef\xbb\xbf"


from dq.errors import LoadError as LoadError  # noqa: E402 - moved to dq.errors (issue 14), old name kept


@dataclass(frozen=True)
class Read:
    """What one reader got out of one file (or one batch of text files).

    ``frame`` holds the records that parsed, with the input columns plus
    :data:`FILE` and :data:`ROW`; ``quarantine`` holds the ones that did not.
    Every quarantine entry stands for one input record, so the records seen
    are ``frame.height + len(quarantine)``.
    """

    frame: pl.DataFrame
    quarantine: tuple[Quarantined, ...] = field(default=())

    @property
    def seen(self) -> int:
        return self.frame.height + len(self.quarantine)


def empty_frame() -> pl.DataFrame:
    """A frame with no input columns and no rows: what an empty file reads as."""
    return pl.DataFrame(schema={FILE: pl.String, ROW: pl.Int64})


def with_provenance(frame: pl.DataFrame, path: Path, rows: pl.Series | None = None) -> pl.DataFrame:
    """Add the file name and 1-based row numbers (given, or 1..n in order).

    >>> with_provenance(pl.DataFrame({"a": ["x", "y"]}), Path("f.jsonl")).rows()
    [('x', 'f.jsonl', 1), ('y', 'f.jsonl', 2)]
    """
    numbers = pl.int_range(1, pl.len() + 1, dtype=pl.Int64) if rows is None else pl.lit(rows)
    return frame.with_columns(
        pl.lit(str(path), dtype=pl.String).alias(FILE), numbers.cast(pl.Int64).alias(ROW)
    )


def excerpt(raw: bytes | str) -> str:
    """The start of a raw record, always valid text, for a quarantine entry.

    Bytes that are not UTF-8 (and lone surrogates) become U+FFFD, so the
    quarantine file can always be written and read back.

    >>> excerpt(b"ok \\xff bytes")
    'ok \\ufffd bytes'
    >>> len(excerpt("x" * 1000))
    200
    """
    if isinstance(raw, bytes):
        # 4 bytes per character at most: decode no more than we keep.
        text = raw[: 4 * EXCERPT_CHARS].decode("utf-8", errors="replace")
    else:
        text = (
            raw[:EXCERPT_CHARS]
            .encode("utf-8", errors="surrogatepass")
            .decode("utf-8", errors="replace")
        )
    return text[:EXCERPT_CHARS]


def file_problem(path: Path, reason: str, detail: str, line: int = WHOLE_FILE) -> Quarantined:
    """A quarantine entry for a file (or its tail) rather than one record.

    >>> file_problem(Path("a.xlsx"), "unknown_format", "no reader").to_dict()["line_or_row"]
    0
    """
    return Quarantined(file=str(path), line_or_row=line, reason=reason, excerpt=excerpt(detail))


def first_line(error: BaseException) -> str:
    """An error message cut to its first line: Polars errors carry long hints.

    >>> first_line(ValueError("bad thing\\n\\nhint: try harder"))
    'bad thing'
    """
    message = str(error).strip()
    return message.splitlines()[0] if message else type(error).__name__


def strip_bom(data: bytes) -> bytes:
    """Drop a UTF-8 byte-order mark: an encoding marker, not content.

    >>> strip_bom(b"\\xef\\xbb\\xbfid,text")
    b'id,text'
    """
    return data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data


def physical_lines(data: bytes) -> int:
    """How many lines a file has, counting a last line without a newline.

    >>> physical_lines(b"a\\nb\\n"), physical_lines(b"a\\nb"), physical_lines(b"")
    (2, 2, 0)
    """
    if not data:
        return 0
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
