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
# rename them to ``dq_file`` / ``dq_row``. Every name dq uses inside a frame
# starts with INTERNAL_PREFIX, and every input column whose name starts with
# it is renamed on read (see escape_name), so no input column can collide
# with one of ours or vanish: it comes out under its own name.
INTERNAL_PREFIX: Final = "__dq_"
FILE: Final = "__dq_file__"
ROW: Final = "__dq_row__"
_ESCAPED: Final = "__dq_input__"

# line_or_row for a quarantine entry that is about a whole file.
WHOLE_FILE: Final = 0

UTF8_BOM: Final = b"\xef\xbb\xbf"


# -- limits ----------------------------------------------------------------------------------

#: Largest text a record may have, in UTF-8 bytes, before it is quarantined as
#: ``record_too_large``. The longest article in corpus/ and in the labelled dev
#: pages is under 0.2 MiB (2026-12-07); a scan's peak memory grows ~25x the
#: largest record (2.55 GB for one 100 MB record, issue 17), so 16 MiB keeps one
#: record's share of a scan under ~0.4 GB while leaving ~80x headroom for
#: long-form text. Moves with nothing else; raise it for corpora of books.
MAX_RECORD_BYTES: Final = 16 * 2**20
#: How many times its size on disk a compressed file may expand before it is
#: quarantined whole as ``decompression_limit``. News text in gzip or zstd
#: expands 3-10x (bench/ shards: 4.1x gzip -6); 100x leaves 10x headroom for
#: near-duplicate crawls, while a 256 KB "zip bomb" of 4 M identical records
#: (1,000x, 3.6 GB of memory before this limit) is refused.
MAX_EXPANSION: Final = 100
#: Deepest nesting of objects and arrays a JSON record may have (the record
#: itself is level 1) before it is quarantined as ``nesting_too_deep``. Article
#: records nest a few levels (an author object, a list of tags). Polars' JSON
#: reader slows steeply with depth and crashes beyond ~500 (objects nested 64
#: deep: 0.6 s, 128: 3 s, 256: 43 s, 512: segmentation fault; Polars 2.1,
#: 2026-12-07), and Python's parser stops near 1,000. 32 keeps far from both.
MAX_NESTING: Final = 32
#: A compressed file may always expand to this many bytes, whatever its ratio:
#: a small file of repeated records is not a bomb, and 64 MiB of content costs
#: well under the 1 GB base of the memory target.
EXPANSION_FLOOR_BYTES: Final = 64 * 2**20


@dataclass(frozen=True)
class LoadLimits:
    """The loader's size limits; pass ``limits=LoadLimits(...)`` to :func:`dq.load.load`.

    >>> LoadLimits().max_decompressed(1000) == EXPANSION_FLOOR_BYTES
    True
    >>> LoadLimits(max_expansion=10, expansion_floor_bytes=0).max_decompressed(1000)
    10000
    """

    max_record_bytes: int = MAX_RECORD_BYTES
    max_expansion: int = MAX_EXPANSION
    expansion_floor_bytes: int = EXPANSION_FLOOR_BYTES
    max_nesting: int = MAX_NESTING

    def __post_init__(self) -> None:
        for name in ("max_record_bytes", "max_expansion", "expansion_floor_bytes", "max_nesting"):
            if getattr(self, name) < 0:
                raise ValueError(f"LoadLimits.{name}={getattr(self, name)}: expected >= 0")

    def max_decompressed(self, compressed_bytes: int) -> int:
        """The most content bytes a compressed file of this size may expand to."""
        return max(self.expansion_floor_bytes, self.max_expansion * compressed_bytes)


def escape_name(name: str) -> str:
    """An input column's name inside dq's frames: one that cannot be an internal name.

    >>> escape_name("text"), escape_name("__dq_row__")
    ('text', '__dq_input____dq_row__')
    >>> unescape_name(escape_name("__dq_row__")), unescape_name("text")
    ('__dq_row__', 'text')
    """
    return _ESCAPED + name if name.startswith(INTERNAL_PREFIX) else name


def unescape_name(name: str) -> str:
    """The input column's own name back from :func:`escape_name`."""
    return name.removeprefix(_ESCAPED)


def escape_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Rename input columns that look internal (see :func:`escape_name`)."""
    renames = {name: escape_name(name) for name in frame.columns if name != escape_name(name)}
    return frame.rename(renames) if renames else frame


from dq.errors import LoadError as LoadError  # noqa: E402 - moved to dq.errors (issue 14), old name kept


@dataclass(frozen=True)
class ReadOptions:
    """What every reader is told: the columns that become ``text`` and ``id``, and the limits."""

    text_column: str = "text"
    id_column: str = "id"
    limits: LoadLimits = field(default_factory=LoadLimits)


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
    return escape_columns(frame).with_columns(
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


@dataclass(frozen=True)
class Part:
    """What one reader read from one part of the input.

    ``is_text``: a batch of text files (no ``--map``); ``continued``: not the
    first part of its file; ``nbytes``: bytes of input it stands for.
    """

    read: Read
    nbytes: int
    is_text: bool = False
    continued: bool = False


def unreadable(path: Path, error: BaseException) -> Read:
    """A file that could not be read at all: one ``unreadable_file`` entry."""
    return Read(empty_frame(), (file_problem(path, "unreadable_file", first_line(error)),))
