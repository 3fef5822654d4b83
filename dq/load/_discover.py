"""From the paths a user typed to the list of files to read, in a fixed order.

Why separate from reading: what gets read, in what order, and what gets
skipped is a decision the user should be able to see (``skipped`` is printed
by the CLI) and we should be able to test without parsing a byte.

A path may be a file, a folder (walked recursively, entries sorted by name)
or a glob pattern (``data/*.jsonl.gz``, ``**`` allowed). Inside folders and
globs, ``README*`` files, hidden entries and files of no known format are
skipped and listed; a file named directly is always read, and if its format
is unknown it becomes one ``unknown_format`` quarantine entry.
"""

from __future__ import annotations

import glob
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Final

from dq.load._common import LoadError
from dq.load._compression import head
from dq.load._jsonl import looks_like_json_lines

FORMATS: Final = ("jsonl", "parquet", "csv", "text")

# ".json" holds JSON lines only sometimes; decided by looking at the file.
_MAYBE_JSONL: Final = "json?"
_SUFFIX_FORMATS: Final = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": _MAYBE_JSONL,
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".txt": "text",
    ".md": "text",
}
_COMPRESSION_SUFFIXES: Final = (".gz", ".zst", ".zstd")
_COMPRESSIBLE: Final = ("jsonl", _MAYBE_JSONL)
# Enough of a .json file to see its first line: records are a few KiB.
_JSON_SNIFF_BYTES: Final = 1 << 16
_GLOB_MAGIC: Final = re.compile(r"[*?[]")
# How many skipped names a "no data files" error lists before "...".
_SKIPPED_IN_ERROR: Final = 5


@dataclass(frozen=True)
class Source:
    """One file to read: its format (``None``: unknown) and, for text files, the id."""

    path: Path
    fmt: str | None
    text_id: str


@dataclass(frozen=True)
class Plan:
    """Every file to read, in load order, and every file passed over on purpose."""

    sources: tuple[Source, ...]
    skipped: tuple[str, ...]


def format_of(name: str) -> str | None:
    """The format a file name promises, or ``None``.

    >>> format_of("a.jsonl.gz"), format_of("b.CSV"), format_of("c.ndjson.zst")
    ('jsonl', 'csv', 'jsonl')
    >>> format_of("d.csv.gz"), format_of("LICENSE"), format_of("e.docx")
    (None, None, None)
    """
    suffixes = [suffix.lower() for suffix in PurePath(name).suffixes]
    compressed = bool(suffixes) and suffixes[-1] in _COMPRESSION_SUFFIXES
    if compressed:
        suffixes = suffixes[:-1]
    fmt = _SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None
    if compressed and fmt not in _COMPRESSIBLE:
        return None
    return fmt


def is_documentation(name: str) -> bool:
    """README files and hidden files sit beside data without being data.

    >>> is_documentation("README.md"), is_documentation("readme"), is_documentation(".DS_Store")
    (True, True, True)
    >>> is_documentation("article.md")
    False
    """
    return name.lower().startswith("readme") or name.startswith(".")


def glob_base(pattern: str) -> Path:
    """The folder a glob pattern starts from: text ids are relative to it.

    >>> glob_base("data/**/*.txt").as_posix(), glob_base("*.txt").as_posix()
    ('data', '.')
    """
    fixed = itertools.takewhile(lambda part: not _GLOB_MAGIC.search(part), PurePath(pattern).parts)
    return Path(*fixed)


def text_id(path: Path, root: Path | None) -> str:
    """A text file's id: its path under the folder given, without extension.

    >>> text_id(Path("seeds/sub/a.b.txt"), Path("seeds")), text_id(Path("x/a.md"), None)
    ('sub/a.b', 'a')
    """
    if root is None:
        return path.stem
    return path.relative_to(root).with_suffix("").as_posix()


def _detected(path: Path) -> str | None:
    fmt = format_of(path.name)
    if fmt != _MAYBE_JSONL:
        return fmt
    with path.open("rb") as fh:
        start = head(fh.read(_JSON_SNIFF_BYTES), _JSON_SNIFF_BYTES)
    return "jsonl" if looks_like_json_lines(start) else None


def unknown_detail(path: Path) -> str:
    """What the ``unknown_format`` entry for a file given directly says."""
    if format_of(path.name) == _MAYBE_JSONL:
        return f"{path.name}: a JSON document, not JSON lines (one object per line)"
    return f"{path.name}: no reader for this extension; formats: {', '.join(FORMATS)} (use fmt=...)"


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in sorted order; hidden or linked folders are yielded, not entered."""
    try:
        children = sorted(folder.iterdir(), key=lambda child: child.name)
    except OSError:
        yield folder
        return
    for child in children:
        enter = child.is_dir() and not child.is_symlink() and not child.name.startswith(".")
        if enter:
            yield from _walk(child)
        else:
            yield child


def _in_folder(path: Path, root: Path, fmt: str | None) -> Source | None:
    """A file met inside a folder or glob: ``None`` means skip it."""
    if path.is_dir() or is_documentation(path.name):
        return None
    found = fmt or _detected(path)
    return None if found is None else Source(path, found, text_id(path, root))


def _from_folder(folder: Path, root: Path, fmt: str | None) -> tuple[list[Source], list[str]]:
    sources: list[Source] = []
    skipped: list[str] = []
    for path in _walk(folder):
        source = _in_folder(path, root, fmt)
        if source is None:
            skipped.append(str(path))
        else:
            sources.append(source)
    return sources, skipped


def _from_glob(pattern: str, fmt: str | None) -> tuple[list[Source], list[str]]:
    # Path.glob needs a fixed base folder; a user's pattern may be absolute or
    # climb out with "..", which only glob.glob takes as it is.
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207
    if not matches:
        raise LoadError(f"{pattern}: no files match this pattern")
    base = glob_base(pattern)
    sources: list[Source] = []
    skipped: list[str] = []
    for match in map(Path, matches):
        if match.is_dir():
            found, passed = _from_folder(match, base, fmt)
            sources += found
            skipped += passed
        elif (source := _in_folder(match, base, fmt)) is not None:
            sources.append(source)
        else:
            skipped.append(str(match))
    return sources, skipped


def _expand(arg: str | Path, fmt: str | None) -> tuple[list[Source], list[str]]:
    path = Path(arg)
    if path.is_dir():
        return _from_folder(path, path, fmt)
    if path.is_file():
        return [Source(path, fmt or _detected(path), text_id(path, None))], []
    if _GLOB_MAGIC.search(str(arg)):
        return _from_glob(str(arg), fmt)
    raise LoadError(f"{arg}: no such file or directory")


def _nothing_found(arg: str | Path, skipped: Sequence[str]) -> str:
    message = f"{arg}: no data files found"
    if skipped:
        names = ", ".join(Path(s).name for s in skipped[:_SKIPPED_IN_ERROR])
        more = ", ..." if len(skipped) > _SKIPPED_IN_ERROR else ""
        message += f" (skipped {len(skipped)}: {names}{more})"
    return message


def discover(paths: Sequence[str | Path], fmt: str | None) -> Plan:
    """Expand every path; a file reached twice is read once, where first reached."""
    sources: list[Source] = []
    skipped: list[str] = []
    reached: set[Path] = set()
    for arg in paths:
        found, passed = _expand(arg, fmt)
        if not found:
            raise LoadError(_nothing_found(arg, passed))
        for source in found:
            key = source.path.resolve()
            if key not in reached:
                reached.add(key)
                sources.append(source)
        skipped += passed
    return Plan(tuple(sources), tuple(skipped))
