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
import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Final

from dq.load._common import LoadError
from dq.load._compression import head
from dq.load.formats import FORMATS, format_named

# Enough of a .json file to see its first line: records are a few KiB.
_JSON_SNIFF_BYTES: Final = 1 << 16
_JSON_SPACE: Final = b" \t\r\n"
_GLOB_MAGIC: Final = re.compile(r"[*?[]")
# How many skipped names a "no data files" error lists before "...".
_SKIPPED_IN_ERROR: Final = 5
# What a file that is not a regular file is, by its stat mode.
_SPECIAL: Final = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class Source:
    """One file to read: its format (``None``: unknown) and, for text files, the id.

    ``problem``: a (reason, detail) pair when the file must not be read at
    all (a FIFO would block the run; a symlink loop cannot be opened).
    """

    path: Path
    fmt: str | None
    text_id: str
    problem: tuple[str, str] | None = None


@dataclass(frozen=True)
class Plan:
    """Every file to read, in load order, and every file passed over on purpose."""

    sources: tuple[Source, ...]
    skipped: tuple[str, ...]


def format_of(name: str) -> str | None:
    """The format a file name promises for sure, or ``None``.

    >>> format_of("a.jsonl.gz"), format_of("b.CSV"), format_of("c.ndjson.zst")
    ('jsonl', 'csv', 'jsonl')
    >>> format_of("d.csv.gz"), format_of("LICENSE"), format_of("e.docx"), format_of("f.json")
    (None, None, None, None)
    """
    fmt, unsure = format_named(name)
    return None if unsure else fmt


def not_regular(path: Path) -> tuple[str, str] | None:
    """Why ``path`` must not be opened as a data file (a FIFO, a device, a loop), or ``None``.

    Why ask before opening: reading a FIFO blocks until another program
    writes to it, so one stray pipe in a data folder would hang the run.

    >>> not_regular(Path("/dev/null"))
    ('not_regular_file', '/dev/null: a character device, not a regular file')
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        why = os.strerror(error.errno) if error.errno else type(error).__name__
        return "unreadable_file", f"{path}: {why}"
    for test, what in _SPECIAL:
        if test(mode):
            return "not_regular_file", f"{path}: {what}, not a regular file"
    return None


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


def json_document(start: bytes) -> bool:
    """Whether a ``.json`` file's first bytes are one JSON document rather than JSON lines.

    Only a clear document is passed over (an array, or an object whose first
    line is just ``{``): anything else is read as JSON lines, so a shard whose
    first line is broken is quarantined line by line, not skipped.

    >>> json_document(b'[{"text": "a"}]'), json_document(b'{\\n  "text": "a"\\n}\\n')
    (True, True)
    >>> json_document(b'{"text": "a"}\\n'), json_document(b'{"text": \\n{"text": "b"}\\n')
    (False, False)
    """
    text = start.removeprefix(b"\xef\xbb\xbf").lstrip(_JSON_SPACE)
    return text.startswith(b"[") or text.split(b"\n", 1)[0].strip(_JSON_SPACE) == b"{"


def _detected(path: Path) -> str | None:
    fmt, unsure = format_named(path.name)
    if not unsure:
        return fmt
    with path.open("rb") as fh:
        start = head(fh.read(_JSON_SNIFF_BYTES), _JSON_SNIFF_BYTES)
    return None if json_document(start) else fmt


def unknown_detail(path: Path) -> str:
    """What the ``unknown_format`` entry for a file given directly says."""
    if format_named(path.name)[1]:
        return f"{path}: a JSON document, not JSON lines (one object per line)"
    names = ", ".join(FORMATS)
    return f"{path}: no reader for this extension (formats: {names}; choose one with --format)"


def _walk(folder: Path, entered: set[Path]) -> Iterator[Path]:
    """Files under ``folder`` in sorted order; hidden folders are yielded, not entered.

    A linked folder is entered once: ``entered`` holds the real folders seen,
    so a link back up the tree is yielded (and skipped), not followed forever.
    """
    try:
        children = sorted(folder.iterdir(), key=lambda child: child.name)
    except OSError:
        yield folder
        return
    for child in children:
        if child.is_dir() and not child.name.startswith("."):
            real = child.resolve()
            if real not in entered:
                entered.add(real)
                yield from _walk(child, entered)
                continue
        yield child


def _in_folder(path: Path, root: Path, fmt: str | None) -> Source | None:
    """A file met inside a folder or glob: ``None`` means skip it."""
    if path.is_dir() or is_documentation(path.name):
        return None
    found = fmt or format_named(path.name)[0]
    if found is None:
        return None
    problem = not_regular(path)
    if problem is not None:
        return Source(path, found, text_id(path, root), problem)
    found = fmt or _detected(path)
    return None if found is None else Source(path, found, text_id(path, root))


def _from_folder(folder: Path, root: Path, fmt: str | None) -> tuple[list[Source], list[str]]:
    sources: list[Source] = []
    skipped: list[str] = []
    for path in _walk(folder, {folder.resolve()}):
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
    if path.exists() or path.is_symlink():
        problem = not_regular(path)
        if problem is not None:
            raise LoadError(f"{problem[1]}: dq reads regular files and folders only")
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


def _key(path: Path) -> Path:
    """Where a path leads, to read a file reached twice once; a loop leads to itself."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return path.absolute()


def distinct_text_ids(sources: Sequence[Source]) -> list[Source]:
    """Text files whose ids would collide keep their extension, then their whole path.

    Why: ``story.txt`` and ``story.md`` (or ``x.txt`` in two folders given)
    are two articles, not a duplicate; an id that drops the extension
    would quarantine one of them as ``duplicate_id``. Ids that are already
    unique do not change.

    >>> names = ("a/story.txt", "a/story.md", "b/story.txt")
    >>> found = [Source(Path(p), "text", "story") for p in names]
    >>> [s.text_id for s in distinct_text_ids(found)]
    ['a/story.txt', 'story.md', 'b/story.txt']
    """
    out = list(sources)
    for widen in (_with_extension, _whole_path):
        groups: dict[str, list[int]] = defaultdict(list)
        for i, source in enumerate(out):
            if source.fmt == "text":
                groups[source.text_id].append(i)
        for members in groups.values():
            if len(members) > 1:
                for i in members:
                    out[i] = replace(out[i], text_id=widen(out[i]))
    return out


def _with_extension(source: Source) -> str:
    return source.text_id + source.path.suffix


def _whole_path(source: Source) -> str:
    return source.path.as_posix()


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
            key = _key(source.path)
            if key not in reached:
                reached.add(key)
                sources.append(source)
        skipped += passed
    return Plan(tuple(distinct_text_ids(sources)), tuple(skipped))
