"""The input formats dq reads: one table, from file name to reader.

Why one table: adding a format used to mean two if-chains (discovery and
reading) and a copy of the format names in the CLI. Here a format is a row:
the suffixes that promise it, the reader of a whole file, and (for formats
that can be cut) the reader of a big file in parts. Discovery, the readers,
``--format`` and the docs all read :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Final

from dq.load._common import Part, Read, ReadOptions
from dq.load._csv import read_csv
from dq.load._files import TextFile, read_parquet, read_texts, split_parquet
from dq.load._jsonl import read_jsonl, split_jsonl

Reader = Callable[[Path, ReadOptions], Read]
Splitter = Callable[[Path, ReadOptions, int], Iterator[Part]]


@dataclass(frozen=True)
class Format:
    """One input format.

    ``suffixes``: file names that promise it; ``sniffed``: names that may
    hold it, decided by looking at the file (``.json``: JSON lines or one
    JSON document); ``read``: one whole file; ``split``: a big file in parts
    of about ``batch_bytes`` (``None``: always read whole); ``compressible``:
    ``name.gz`` / ``.zst`` keep the format; ``one_per_file``: each file is
    one record, read in runs (a folder may hold many thousands).
    """

    suffixes: tuple[str, ...]
    read: Reader
    split: Splitter | None = None
    sniffed: tuple[str, ...] = ()
    compressible: bool = False
    one_per_file: bool = False


def _read_text(path: Path, options: ReadOptions) -> Read:
    """One text file as one record, its id the file's stem."""
    del options  # a text file has no columns to map
    return read_texts([TextFile(path, path.stem)])


#: Every format, by the name ``--format`` takes. Order is the order of the docs.
FORMATS: Final[Mapping[str, Format]] = MappingProxyType(
    {
        "jsonl": Format(
            (".jsonl", ".ndjson"), read_jsonl, split_jsonl, sniffed=(".json",), compressible=True
        ),
        "parquet": Format((".parquet", ".pq"), read_parquet, split_parquet),
        "csv": Format((".csv",), read_csv),
        "text": Format((".txt", ".md"), _read_text, one_per_file=True),
    }
)

#: Suffixes of compressed files (told apart by magic bytes, not by name).
COMPRESSION_SUFFIXES: Final = (".gz", ".zst", ".zstd")


def format_named(name: str) -> tuple[str | None, bool]:
    """The format a file name promises, and whether that must be confirmed by looking.

    >>> format_named("a.jsonl.gz"), format_named("b.CSV"), format_named("c.json")
    (('jsonl', False), ('csv', False), ('jsonl', True))
    >>> format_named("d.csv.gz"), format_named("LICENSE"), format_named("e.docx")
    ((None, False), (None, False), (None, False))
    """
    suffixes = [suffix.lower() for suffix in PurePath(name).suffixes]
    compressed = bool(suffixes) and suffixes[-1] in COMPRESSION_SUFFIXES
    if compressed:
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    for fmt_name, fmt in FORMATS.items():
        if compressed and not fmt.compressible:
            continue
        if last in fmt.suffixes:
            return fmt_name, False
        if last in fmt.sniffed:
            return fmt_name, True
    return None, False
