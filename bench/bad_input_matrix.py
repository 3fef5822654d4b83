"""The bad-input matrix of issue 17: kinds of broken input through every command.

Why a script of its own: the same kinds drive ``tests/test_bad_input_matrix.py``
and the before/after table of the issue's closing note. Each kind writes a
few small files and says what an independent, strict reading of them finds:
how many records went in (``None`` when a whole file cannot be read and
exactly one file-level quarantine entry is right) and the text of every
record that strictly parses. Each kind runs through every command of
:data:`COMMANDS` (the Python API, ``dq scan/validate/report/clean/eval/history``)
and each cell is judged:

* exit code in {0, 1, 2}, no traceback, no hang;
* ``loaded + quarantined == records in`` (or one file-level entry), read from
  what the command printed or wrote;
* every loaded text (API) or unchanged cleaned text (``dq clean --out``) equal
  to the strict parse of that line or row;
* peak RSS (subprocess cells, ``/usr/bin/time``) under 1 GB + 3x the largest record.

Usage::

    python bench/bad_input_matrix.py [--in-process] [--slow] [--pythonpath DIR]
        [--only KIND ...] [--commands CMD ...] [--kill-mb MB]

prints a Markdown table, a row per cell as it is judged. ``--pythonpath``
picks the dq checkout to test (a second worktree of an older commit gives
the "before" table; with ``--in-process`` also set ``PYTHONPATH`` to it).
``--in-process`` runs the fast kinds through click's runner in this process
(one Great Expectations import, not one a cell); the memory kinds always run
in subprocesses, and ``--kill-mb`` stops a runaway before it starves the machine.
"""

from __future__ import annotations

import argparse
import bz2
import contextlib
import csv
import gzip
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

# Exit codes the CLI promises (README): 0 ok, 1 data failed a gate, 2 usage/input error.
EXITS: Final = frozenset({0, 1, 2})
# Seconds a kind may take before it counts as a hang (a FIFO blocks forever);
# the slow kinds get longer (the gzip bomb took 80-110 s before its limit).
TIMEOUT_S: Final = 120  # wall clock: on a loaded 2-core machine a 1 s cell took 30 s
SLOW_TIMEOUT_S: Final = 300
# Memory bound of issue 17: 1 GB plus 3x the largest record.
RSS_BASE_BYTES: Final = 1 << 30
_ROOT: Final = Path(__file__).resolve().parent.parent
_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


@dataclass
class Case:
    """What a kind wrote, and what a strict reader says is in it."""

    paths: list[str]
    records_in: int | None  # None: one file-level entry is the right outcome
    expected: dict[tuple[str, int], str] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)
    refuse: bool = False  # the loader must refuse the input (LoadError / exit 2)
    largest_record: int = 0
    loaded: int | None = None  # how many must load, where quarantine would lose good records


@dataclass(frozen=True)
class Kind:
    name: str
    build: Callable[[Path], Case]
    slow: bool = False


# -- independent strict readers ------------------------------------------------------------


def _strict_obj(line: bytes) -> dict[str, object] | None:
    """A JSON line as the README defines a record, or None: UTF-8, an object, no lone surrogate."""
    try:
        obj = json.loads(line.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(obj, dict):
        return None
    if _LONE_SURROGATE.search(json.dumps(obj, ensure_ascii=False)):
        return None
    return obj


def _no_constant(name: str) -> object:
    raise ValueError(name)


def strict_jsonl(path: Path, data: bytes, text_key: str = "text") -> dict[tuple[str, int], str]:
    """(file, line) -> text of every strictly valid JSON line with a non-empty string text."""
    out: dict[tuple[str, int], str] = {}
    for number, line in enumerate(data.split(b"\n"), start=1):
        obj = _strict_obj(line) if line.strip() else None
        text = None if obj is None else obj.get(text_key)
        if isinstance(text, str) and text.strip():
            out[(str(path), number)] = text
    return out


def strict_csv(path: Path, text_key: str = "text") -> dict[tuple[str, int], str]:
    """(file, start line) -> text of every row Python's strict csv reader accepts."""
    return strict_csv_records(path, text_key)[0]


def strict_csv_records(
    path: Path, text_key: str = "text"
) -> tuple[dict[tuple[str, int], str], int]:
    """The texts :func:`strict_csv` gives, and how many records the file holds.

    Python's strict reader, resumed after an error: a rejected record costs
    the lines it took, one whose quote is still open at the end of the file
    costs its first line (reading resumes on the next). Blank lines are no records.
    """
    out: dict[tuple[str, int], str] = {}
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return out, 0  # not UTF-8 at all
    # bytes that are not UTF-8 become lone surrogates (PEP 383): such a row is not valid
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="surrogateescape")
    if "\n" in text:  # LF ends lines; CR alone only in a file without LF (the README's rule)
        lines = [line + "\n" for line in text.split("\n")]
        lines[-1] = lines[-1][:-1]
    else:
        lines = io.StringIO(text, newline="").readlines()
    header: list[str] | None = None
    start, records = 1, 0
    while start <= len(lines):
        reader = csv.reader(lines[start - 1 :], strict=True)
        offset, begin = start - 1, start
        try:
            for row in reader:
                if header is None:
                    header = row
                elif row:
                    records += 1
                    if len(row) == len(header) and text_key in header:
                        value = row[header.index(text_key)]
                        if value.strip() and not _LONE_SURROGATE.search("".join(row)):
                            out[(str(path), begin)] = value
                begin = offset + reader.line_num + 1
            break
        except csv.Error as error:
            records += header is not None
            # a quote still open at the end would eat the file: it costs its first line;
            # any other error costs the lines the reader took for that record
            at_end = "unexpected end of data" in str(error)
            start = begin + 1 if at_end else offset + reader.line_num + 1
    return out, records


def _lines(*objs: object) -> bytes:
    return b"".join(json.dumps(o).encode() + b"\n" for o in objs)


GOOD: Final = [{"id": f"g{i}", "text": f"good record {i}"} for i in range(3)]


def _jsonl_case(tmp: Path, name: str, data: bytes, records: int | None, **kw: object) -> Case:
    path = tmp / name
    path.write_bytes(data)
    expected = strict_jsonl(path, data) if records is not None else {}
    return Case([str(path)], records, expected, **kw)  # type: ignore[arg-type]


# -- the kinds -------------------------------------------------------------------------------


def _raw_lines(*lines: bytes) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def k_control(tmp: Path) -> Case:
    return _jsonl_case(tmp, "ok.jsonl", _lines(*GOOD), 3)


#: Kinds made of the three good records and one bad JSON line after them (4 records in).
ONE_BAD_LINE: Final[dict[str, bytes]] = {
    "high_surrogate": b'{"id": "s", "text": "a\\ud800x"}',
    "low_surrogate": b'{"id": "s", "text": "a\\udc00x"}',
    "surrogate_pair": b'{"id": "s", "text": "smile \\ud83d\\ude00"}',
    "surrogate_other_field": b'{"id": "s", "title": "\\udc00", "text": "fine"}',
    "escaped_key_number": b'{"id": "e", "\\u0074ext": 5}',
    "escaped_key_object": b'{"id": "e", "\\u0074ext": {"k": 1}}',
    "nested_deep": b'{"id": "d", "text": "t", "x": ' + b"[" * 3000 + b"]" * 3000 + b"}",
    "nested_900": b'{"id": "d", "text": "t", "x": ' + b"[" * 900 + b"]" * 900 + b"}",
}


def _one_bad_line(name: str, line: bytes) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        return _jsonl_case(tmp, f"{name}.jsonl", _lines(*GOOD) + line + b"\n", 4)

    return build


def k_cr_only(tmp: Path) -> Case:
    data = b"\r".join(json.dumps(o).encode() for o in GOOD) + b"\r"
    path = tmp / "cr.jsonl"
    path.write_bytes(data)
    return Case([str(path)], 3, strict_jsonl(path, data.replace(b"\r", b"\n")))


def k_crlf(tmp: Path) -> Case:
    data = b"".join(json.dumps(o).encode() + b"\r\n" for o in GOOD)
    return _jsonl_case(tmp, "crlf.jsonl", data, 3)


def k_nul_bytes(tmp: Path) -> Case:
    data = (
        _lines(*GOOD) + b'{"id": "n", "text": "a\x00b"}\n' + b'{"id": "n2", "text": "a\\u0000b"}\n'
    )
    return _jsonl_case(tmp, "nul.jsonl", data, 5)


def k_utf16_jsonl(tmp: Path) -> Case:
    data = _lines(*GOOD).decode().encode("utf-16")
    return _jsonl_case(tmp, "u16.jsonl", data, None)


def k_bz2_jsonl(tmp: Path) -> Case:
    return _jsonl_case(tmp, "b.jsonl", bz2.compress(_lines(*GOOD * 13)), None)


def k_gzip_of_gzip(tmp: Path) -> Case:
    data = gzip.compress(gzip.compress(_lines(*GOOD * 13)), mtime=0)
    return _jsonl_case(tmp, "gg.jsonl.gz", data, None)


def k_input_dq_columns(tmp: Path) -> Case:
    objs = [{**g, "__dq_file__": "mine", "__dq_row__": 7, "__dq_reason__": "r"} for g in GOOD]
    return _jsonl_case(tmp, "dqcols.jsonl", _lines(*objs), 3)


def k_map_collision(tmp: Path) -> Case:
    objs = [
        {"id": f"m{i}", "text": "old", "input_text": "older", "body": f"b{i}"} for i in range(3)
    ]
    path = tmp / "map.jsonl"
    path.write_bytes(_lines(*objs))
    return Case([str(path)], 3, strict_jsonl(path, path.read_bytes(), "body"), {"text": "body"})


def k_id_float(tmp: Path) -> Case:
    data = _raw_lines(b'{"id": 1.0, "text": "a"}', b'{"id": "1", "text": "b"}')
    return _jsonl_case(tmp, "idf.jsonl", data, 2, loaded=2)


def k_huge_number(tmp: Path) -> Case:
    data = _lines(*GOOD) + _raw_lines(b'{"id": "h", "x": 1e400, "text": "t"}')
    return _jsonl_case(tmp, "hn.jsonl", data, 4)


def _folder(tmp: Path) -> Path:
    folder = tmp / "shards"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(_lines(*GOOD))
    return folder


def _folder_case(folder: Path, records: int, extra: dict[tuple[str, int], str]) -> Case:
    expected = strict_jsonl(folder / "a.jsonl", (folder / "a.jsonl").read_bytes())
    return Case([str(folder)], records, {**expected, **extra})


def k_json_shard_bad_first_line(tmp: Path) -> Case:
    folder = _folder(tmp)
    data = b'{"id": "x", "text": \n' + _lines(*({"id": f"j{i}", "text": "j"} for i in range(5)))
    (folder / "b.json").write_bytes(data)
    return _folder_case(folder, 9, strict_jsonl(folder / "b.json", data))


def k_truncated_json_gz(tmp: Path) -> Case:
    folder = _folder(tmp)
    body = _lines(*({"id": f"t{i}", "text": f"t {i} " * 30} for i in range(40)))
    cut = gzip.compress(body)[:-40]
    (folder / "b.json.gz").write_bytes(cut)
    # what a strict reader gets: the complete lines before the cut, then one entry for the rest
    start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut)
    complete = start[: start.rfind(b"\n") + 1]
    lines = complete.count(b"\n")
    return _folder_case(folder, 3 + lines + 1, strict_jsonl(folder / "b.json.gz", complete))


def k_record_too_large(tmp: Path) -> Case:
    text = "word " * (17 * 2**20 // 5)  # just over the 16 MiB default limit
    data = _lines(*GOOD, {"id": "big", "text": text})
    return _jsonl_case(tmp, "large.jsonl", data, 4, loaded=3, largest_record=len(text))


def k_symlinked_folder(tmp: Path) -> Case:
    folder = _folder(tmp)
    real = tmp / "real"
    real.mkdir()
    (real / "b.jsonl").write_bytes(_lines({"id": "l", "text": "linked"}))
    (folder / "linked").symlink_to(real, target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    return _folder_case(folder, 4, {(str(folder / "linked" / "b.jsonl"), 1): "linked"})


def k_fifo_in_folder(tmp: Path) -> Case:
    folder = _folder(tmp)
    os.mkfifo(folder / "pipe.jsonl")
    return _folder_case(folder, 4, {})  # 3 records + one entry for the pipe


def k_fifo_direct(tmp: Path) -> Case:
    os.mkfifo(tmp / "pipe.jsonl")
    return Case([str(tmp / "pipe.jsonl")], None, refuse=True)


def k_dev_null(tmp: Path) -> Case:
    return Case(["/dev/null"], None, refuse=True)


def k_txt_symlink_loop(tmp: Path) -> Case:
    folder = tmp / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("a text")
    (folder / "self.txt").symlink_to(folder / "self.txt")
    return Case([str(folder)], 2, {(str(folder / "a.txt"), 1): "a text"})


def k_txt_same_stem(tmp: Path) -> Case:
    folder = tmp / "texts"
    (folder / "b").mkdir(parents=True)
    (folder / "story.txt").write_text("one")
    (folder / "story.md").write_text("two")
    other = tmp / "other"
    other.mkdir()
    (other / "story.txt").write_text("three")
    expected = {(str(folder / "story.md"), 1): "two", (str(folder / "story.txt"), 1): "one"}
    expected[(str(other / "story.txt"), 1)] = "three"
    return Case([str(folder), str(other)], 3, expected, loaded=3)


def k_utf8_bom(tmp: Path) -> Case:
    data = b"\xef\xbb\xbf" + _lines(*GOOD)
    path = tmp / "bom.jsonl"
    path.write_bytes(data)
    return Case([str(path)], 3, strict_jsonl(path, data[3:]))


def k_bidi_zero_width(tmp: Path) -> Case:
    objs = [{"id": "b", "text": "abc \u202edcba\u202c x\u200by \ufeffz"}, *GOOD]
    return _jsonl_case(tmp, "bidi.jsonl", _lines(*objs), 4)


def k_null_and_numeric_ids(tmp: Path) -> Case:
    objs = [{"id": None, "text": "n"}, {"id": 5, "text": "five"}, {"text": "none"}]
    return _jsonl_case(tmp, "ids.jsonl", _lines(*objs), 3, loaded=3)


def k_duplicate_ids(tmp: Path) -> Case:
    objs = [{"id": "d", "text": "first"}, {"id": "d", "text": "second"}]
    return _jsonl_case(tmp, "dup.jsonl", _lines(*objs), 2, loaded=1)


def k_json_document_in_folder(tmp: Path) -> Case:
    folder = _folder(tmp)
    (folder / "meta.json").write_text('{\n  "name": "a crawl",\n  "records": 3\n}\n')
    return _folder_case(folder, 3, {})


def k_empty_file(tmp: Path) -> Case:
    return _jsonl_case(tmp, "empty.jsonl", b"", 0)


def _csv_case(tmp: Path, name: str, data: bytes, records: int | None) -> Case:
    path = tmp / name
    path.write_bytes(data)
    return Case([str(path)], records, strict_csv(path) if records is not None else {})


def k_csv_quote_then_text(tmp: Path) -> Case:
    data = b'id,text\n1,"quoted"then more\n2,plain\n'
    return _csv_case(tmp, "qt.csv", data, 2)


def k_csv_backslash_quote(tmp: Path) -> Case:
    data = b'id,text\n1,"he said \\"no\\" loudly"\n2,plain\n'
    return _csv_case(tmp, "bq.csv", data, 2)


def k_csv_unclosed_quote(tmp: Path) -> Case:
    data = b'id,text\n1,"open\n2,b\n3,c\n4,d\n'
    path = tmp / "uq.csv"
    path.write_bytes(data)
    expected = {(str(path), n): t for n, t in ((3, "b"), (4, "c"), (5, "d"))}
    return Case([str(path)], 4, expected)


def k_csv_cr_only(tmp: Path) -> Case:
    return _csv_case(tmp, "cr.csv", b"id,text\r1,a\r2,b\r3,c\r", 3)


def k_csv_ragged(tmp: Path) -> Case:
    return _csv_case(tmp, "rag.csv", b"id,text\n1,a\n2,b,extra\n3\n4,d\n", 4)


def k_csv_gzip_named_csv(tmp: Path) -> Case:
    path = tmp / "z.csv"
    path.write_bytes(gzip.compress(b"id,text\n1,a\n2,b\n"))
    return Case([str(path)], 2, {(str(path), 2): "a", (str(path), 3): "b"})


def k_csv_utf16(tmp: Path) -> Case:
    return _csv_case(tmp, "u16.csv", "id,text\n1,a\n2,b\n".encode("utf-16"), None)


def k_csv_dq_file(tmp: Path) -> Case:
    return _csv_case(tmp, "dqf.csv", b"id,text,__dq_file__,__dq_row__\n1,a,x,9\n2,b,y,8\n", 2)


def _parquet(tmp: Path, name: str, table: object) -> Path:
    import pyarrow.parquet as pq

    path = tmp / name
    pq.write_table(table, path)  # type: ignore[arg-type]
    return path


def k_parquet_dq_row(tmp: Path) -> Case:
    import pyarrow as pa

    texts = [f"p{i}" for i in range(5)]
    table = pa.table(
        {"id": [str(i) for i in range(5)], "text": texts, "__dq_row__": list(range(5))}
    )
    path = _parquet(tmp, "dqrow.parquet", table)
    expected = {(str(path), i + 1): t for i, t in enumerate(texts)}
    return Case([str(path)], 5, expected, loaded=5)


def k_parquet_dictionary(tmp: Path) -> Case:
    import pyarrow as pa

    texts = ["cat a", "cat b", "cat a"]
    table = pa.table({"id": ["1", "2", "3"], "text": pa.array(texts).dictionary_encode()})
    path = _parquet(tmp, "dict.parquet", table)
    return Case([str(path)], 3, {(str(path), i + 1): t for i, t in enumerate(texts)}, loaded=3)


def k_parquet_binary(tmp: Path) -> Case:
    import pyarrow as pa

    texts = [b"bin a", "caf\u00e9".encode(), b"bad \xff"]
    table = pa.table({"id": ["1", "2", "3"], "text": pa.array(texts, type=pa.binary())})
    path = _parquet(tmp, "bin.parquet", table)
    expected = {(str(path), 1): "bin a", (str(path), 2): "caf\u00e9"}
    return Case([str(path)], 3, expected, loaded=2)


def k_gzip_bomb(tmp: Path) -> Case:
    line = b'{"text": "the same record again"}\n'
    path = tmp / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        block = line * 100_000
        for _ in range(40):
            out.write(block)
    return Case([str(path)], None, largest_record=len(line))


def k_big_record(tmp: Path) -> Case:
    text = ("word " * 20_000_000).strip()  # 100 MB on one line
    path = tmp / "big.jsonl"
    path.write_bytes(_lines({"id": "big", "text": text}, *GOOD))
    return Case([str(path)], 4, strict_jsonl(path, path.read_bytes()), largest_record=len(text))


def k_long_line(tmp: Path) -> Case:
    text = ("word " * (15 * 2**20 // 5)).strip()  # 15 MiB on one line: under the record limit
    path = tmp / "long.jsonl"
    path.write_bytes(_lines({"id": "long", "text": text}, *GOOD))
    return Case([str(path)], 4, strict_jsonl(path, path.read_bytes()), largest_record=len(text))


def k_long_token(tmp: Path) -> Case:
    text = "a story about " + "x" * 65_536 + " and more words after it"  # glued_words was quadratic
    data = _lines({"id": "tok", "text": text}, *GOOD)
    return _jsonl_case(tmp, "token.jsonl", data, 4, largest_record=len(text))


def k_many_fixes(tmp: Path) -> Case:
    text = "he said .\n" * 10_000  # 10,000 fixes in one record: dq clean was quadratic
    data = _lines({"id": "fix", "text": text}, *GOOD)
    return _jsonl_case(tmp, "fixes.jsonl", data, 4, largest_record=len(text))


_SLOW: Final = {"k_gzip_bomb", "k_big_record", "k_long_line", "k_long_token", "k_many_fixes"}
KINDS: Final = (
    *(Kind(name, _one_bad_line(name, line)) for name, line in ONE_BAD_LINE.items()),
    *(
        Kind(name.removeprefix("k_"), fn, slow=name in _SLOW)
        for name, fn in list(globals().items())
        if name.startswith("k_") and callable(fn)
    ),
)


# -- one command on one kind -------------------------------------------------------------------

#: Commands of the matrix: ``load`` and ``api`` are the Python API (``dq.load.load`` and
#: ``dq.scan``), the rest are ``dq`` subcommands. ``eval`` and ``history`` read other
#: files (labelled lines, a DuckDB history): given a kind's input they must refuse it
#: cleanly, so only their exit code and traceback are judged.
COMMANDS: Final = ("load", "api", "scan", "validate", "report", "clean", "eval", "history")
CORPUS_COMMANDS: Final = frozenset(COMMANDS) - {"eval", "history"}
#: The commands the memory kinds run through (validate and report add a Great
#: Expectations import and the same scan: 15 s each and no new memory shape).
MEMORY_COMMANDS: Final = ("load", "scan", "clean")
#: The API, ``scan`` and ``validate`` cells run one cheap code: they test the loading and
#: the plumbing, and the whole registry costs ~1.2 s of CPU a cell on four records against
#: ~0.05 s for this one (measured 2026-12-07, in process). ``report`` runs every code
#: (its rates table), ``clean`` every fixable one.
API_CODES: Final = ("too_short",)
_MATRIX_SUITE: Final = {
    "name": "matrix",
    "expectations": [
        {
            "type": "expect_column_values_to_be_between",
            "kwargs": {"column": "too_short", "min_value": 0, "max_value": 0},
            "meta": {"code": "too_short", "rationale": "a signal column for the gate to read"},
        }
    ],
}
_COUNTS: Final = re.compile(r"(\d+) records: (\d+) loaded, (\d+) quarantined")
_VALIDATED: Final = re.compile(r"(\d+) records \((\d+) validated, (\d+) quarantined\)")


def summarise(mode: str, paths: list[str], mapping: dict[str, str] | None) -> dict[str, object]:
    """What the Python API loaded: counts, (file, row, text) rows and quarantine entries.

    ``mode`` ``load`` calls ``dq.load.load``, ``api`` the public ``dq.scan``. Imported
    lazily so the checkout under test (``PYTHONPATH``) is the one measured.
    """
    from dq.load import LoadError, load

    try:
        if mode == "load":
            loaded = load(paths, mapping=mapping)
            height = loaded.articles.height
        else:
            import dq

            if hasattr(dq, "ScanRequest"):
                request = dq.ScanRequest.build(paths, mapping=mapping, codes=API_CODES)
                result = dq.scan(request)
            else:  # before 0.2.0 the API was dq.scan.run_scan
                from dq.scan import run_scan  # type: ignore[attr-defined]

                maps = [f"{field}={column}" for field, column in (mapping or {}).items()]
                result = run_scan(paths, mappings=maps, codes=API_CODES)
            loaded, height = result.loaded, result.records_loaded
    except (LoadError, ValueError) as error:
        return {"error": str(error)}
    articles = loaded.articles
    small = articles.height == height and height <= 100_000
    return {
        "loaded": height,
        "rows": articles.select("dq_file", "dq_row", "text").rows() if small else None,
        "quarantine": [[q.file, q.line_or_row, q.reason] for q in loaded.quarantine],
    }


def command_args(command: str, case: Case, out: Path) -> list[str]:
    """The ``dq`` arguments of one cell; ``out`` is a folder for what the command writes."""
    maps = [a for f, c in case.mapping.items() for a in ("--map", f"{f}={c}")]
    corpus = [*case.paths, *maps]
    # a memory kind runs every code: the quadratic ones (glued_words) are what it measures
    cheap = [] if case.largest_record else ["--codes", ",".join(API_CODES)]
    suite = out / "matrix-suite.json"
    if command == "validate":
        suite.write_text(json.dumps(_MATRIX_SUITE), encoding="utf-8")
    return {
        "scan": ["scan", *corpus, *cheap, "--limit", "0",
                 "--quarantine", str(out / "q.jsonl")],
        "validate": ["validate", *corpus, "--suite", str(suite), "--json", str(out / "v.json")],
        "report": ["report", *corpus, "--no-suite", "--out", str(out / "r"), "--run-id", "m",
                   "--history", str(out / "h.duckdb"), "--no-gx-docs"],
        "clean": ["clean", *corpus, "--out", str(out / "c.jsonl"),
                  "--quarantine", str(out / "q.jsonl")],
        "eval": ["eval", *case.paths],
        "history": ["history", case.paths[0]],
    }[command]  # fmt: skip


def _jsonl_rows(path: Path) -> list[dict[str, object]]:
    """The rows of a JSON-lines output; a line that is not JSON in UTF-8 (a writer that
    let bytes through) becomes a row no strict parse has, so the text check fails."""
    data = path.read_bytes()
    if data.startswith(b"PAR1"):  # before 0.2.0, dq clean wrote Parquet whatever the suffix
        import polars as pl

        return pl.read_parquet(path).to_dicts()
    rows = []
    for line in filter(bytes.strip, data.splitlines()):
        try:
            rows.append(json.loads(line.decode("utf-8")))
        except ValueError:
            rows.append({"dq_file": "?", "dq_row": -1, "text": repr(line[:40]), "dq_steps": []})
    return rows


def read_outcome(command: str, output: str, out: Path) -> dict[str, object] | None:
    """Counts (and rows, where written) of what a command loaded, from what it wrote.

    None when the command left nothing to count (it refused the input, or crashed).
    """
    quarantine: list[list[object]] | None = None
    if (out / "q.jsonl").is_file():
        quarantine = [
            [q["file"], q["line_or_row"], q["reason"]] for q in _jsonl_rows(out / "q.jsonl")
        ]
    if command in ("scan", "clean"):
        found = _COUNTS.search(output)
        written = _jsonl_rows(out / "c.jsonl") if (out / "c.jsonl").is_file() else None
        if found is None and (written is None or quarantine is None):
            return None
        loaded = len(written) if written is not None else int(found[2])  # type: ignore[index]
        rows = None
        with contextlib.suppress(KeyError, TypeError):  # an older checkout's columns
            # the records no step changed must carry the text as read
            rows = [[r["dq_file"], r["dq_row"], r["text"]] for r in written if not r["dq_steps"]]  # type: ignore[union-attr]
        if quarantine is None:
            quarantine = [["?", -1, "?"]] * int(found[3])  # type: ignore[index]
        return {"loaded": loaded, "rows": rows, "quarantine": quarantine}
    written = {"validate": out / "v.json", "report": out / "r" / "m" / "summary.json"}[command]
    if not written.is_file():
        return None
    try:
        doc = json.loads(written.read_text("utf-8"))
        if command == "validate":
            stats = doc["dq"]["statistics"]
            loaded, quarantined = stats["records_validated"], stats["records_quarantined"]
        else:
            loaded, quarantined = (doc["corpus"]["records"][k] for k in ("loaded", "quarantined"))
    except (ValueError, KeyError, TypeError):  # an older checkout wrote another shape
        said = _VALIDATED.search(output)
        if command != "validate" or said is None:
            return None
        loaded, quarantined = int(said[2]), int(said[3])
    return {"loaded": loaded, "rows": None, "quarantine": [["?", -1, "?"]] * quarantined}


@dataclass
class Cell:
    """One command run on one kind, judged."""

    kind: str
    command: str
    exit: int | None  # None: timed out
    traceback: bool
    accounting: str
    ok: bool
    peak_mb: float | None = None  # measured in a subprocess only
    detail: str = ""


#: Runs ``dq`` with these arguments in this folder: (exit or None, output, traceback, peak MB).
CliRunnerFn = Callable[[list[str], Path], tuple[int | None, str, bool, float | None]]


def judge(
    case: Case, kind: str, command: str, run: tuple[int | None, str, bool, float | None],
    summary: dict[str, object] | None,
) -> Cell:  # fmt: skip
    """The verdict on one cell: exit code, traceback, accounting, text, memory."""
    code, output, tb, peak = run
    bound_mb = (RSS_BASE_BYTES + 3 * case.largest_record) / 2**20
    fine = code in EXITS and not tb and (peak is None or peak < bound_mb)
    if code is None:
        return Cell(kind, command, code, tb, output.strip() or "timed out", False, peak)
    if command not in CORPUS_COMMANDS:
        return Cell(kind, command, code, tb, "n/a", fine, peak)
    if case.refuse or summary is None or "error" in summary:
        said = output.strip().splitlines()[-1:] if summary is None else [summary.get("error")]
        accounting = f"refused: {said[0] if said else ''}"[:90]
        return Cell(kind, command, code, tb, accounting, fine and case.refuse and code == 2, peak)
    accounting, counted = _accounting(case, summary)
    text_ok, detail = _texts_ok(case, summary)
    ok = fine and counted and text_ok and not case.refuse
    return Cell(kind, command, code, tb, accounting, ok, peak, detail)


def run_cell(kind: Kind, case: Case, command: str, cli: CliRunnerFn, tmp: Path) -> Cell:
    """Run one command on a built case with ``cli`` and judge it (``load``/``api`` in process)."""
    out = tmp / f"_out_{command}"
    out.mkdir()
    if command in ("load", "api"):
        summary = summarise(command, case.paths, case.mapping or None)
        return judge(
            case, kind.name, command, (2 if "error" in summary else 0, "", False, None), summary
        )
    run = cli(command_args(command, case, out), tmp)
    summary = read_outcome(command, run[1], out) if command in CORPUS_COMMANDS else None
    return judge(case, kind.name, command, run, summary)


# -- in process: the fast path of the tests and of the table ----------------------------------


class _Hang(Exception):
    """A cell ran past its time (a FIFO opened for reading blocks until killed)."""


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def in_process_cli(
    args: list[str], cwd: Path, timeout: int = TIMEOUT_S
) -> tuple[int | None, str, bool, float | None]:
    """``dq ARGS`` through click's runner in ``cwd``: (exit or None, output, traceback, no peak).

    A SIGALRM ends a hang (the open of a FIFO is interrupted); the cell then
    counts as timed out.
    """
    from click.testing import CliRunner

    from dq.cli import main as dq_main

    before = Path.cwd()
    previous = signal.signal(signal.SIGALRM, _alarm)
    os.chdir(cwd)
    signal.alarm(timeout)
    try:
        result = CliRunner().invoke(dq_main, args, catch_exceptions=True)
    except _Hang:
        return None, "", False, None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(before)
    if isinstance(result.exception, _Hang):
        return None, result.output, False, None
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    return result.exit_code, result.output, crashed, None


def in_process_cell(kind: Kind, case: Case, command: str, tmp: Path) -> Cell:
    """One cell in this process (the dq on ``sys.path``); ``load``/``api`` under the alarm too."""
    if command not in ("load", "api"):
        return run_cell(kind, case, command, in_process_cli, tmp)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT_S)
    try:
        return run_cell(kind, case, command, in_process_cli, tmp)
    except _Hang:
        return Cell(kind.name, command, None, False, "timed out", False)
    except Exception as error:  # what the API raised: a traceback for the user
        return Cell(kind.name, command, 1, True, f"raised {type(error).__name__}", False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- subprocesses: the before/after table and the memory ceiling --------------------------------

_WORKER: Final = r"""
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("bad_input_matrix", sys.argv[1])
matrix = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = matrix
spec.loader.exec_module(matrix)
case = json.loads(sys.argv[2])
summary = matrix.summarise(case["mode"], case["paths"], case["mapping"] or None)
print(json.dumps(summary, ensure_ascii=False))
raise SystemExit(2 if "error" in summary else 0)
"""


def _tree_rss_kb(pid: int) -> int:
    """Resident KB of ``pid`` and its descendants, from /proc (0 once they are gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError, ValueError, IndexError):
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.findall(r"VmRSS:\s+(\d+)", status)[0])
            children = Path(f"/proc/{current}/task/{current}/children").read_text()
            todo += [int(child) for child in children.split()]
    return total


def _run(
    argv: list[str], pythonpath: str, cwd: str, timeout: int = TIMEOUT_S, kill_mb: float = 0
) -> tuple[int | None, str, str, float]:
    """Exit code (None: timed out or killed), stdout, stderr and peak RSS in MB of one process.

    ``cwd`` must not be a dq checkout: ``python -c`` and ``-m`` put it first on sys.path.
    ``kill_mb``: kill the process once it holds more than this (so measuring an old
    checkout's runaway does not starve the machine); the peak then reads ``> kill_mb``.
    """
    env = {**os.environ, "PYTHONPATH": pythonpath}
    timed = ["/usr/bin/time", "-f", "@@RSS %M", *argv]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        # a session of its own, so a hang (a FIFO) is killed with the process it started
        proc = subprocess.Popen(
            timed, stdout=out, stderr=errors, env=env, cwd=cwd, start_new_session=True
        )
        deadline, killed = time.monotonic() + timeout, ""
        while proc.poll() is None:
            if time.monotonic() > deadline:
                killed = "timed out"
            elif kill_mb and _tree_rss_kb(proc.pid) / 1024 > kill_mb:
                killed = f"killed above {kill_mb:.0f} MB"
            if killed:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return None, "", killed, kill_mb if killed.startswith("killed") else 0.0
            time.sleep(0.1)
        out.seek(0)
        errors.seek(0)
        stdout, stderr = out.read(), errors.read()
    err = stderr.decode("utf-8", "replace")
    rss = re.findall(r"@@RSS (\d+)", err)
    err = re.sub(r"(Command exited with non-zero status \d+\n)?@@RSS \d+\n?", "", err)
    return (
        proc.returncode,
        stdout.decode("utf-8", "replace"),
        err,
        int(rss[-1]) / 1024 if rss else 0.0,
    )


def subprocess_cli(pythonpath: str, timeout: int, kill_mb: float = 0) -> CliRunnerFn:
    """A :data:`CliRunnerFn` running ``python -m dq.cli`` under ``/usr/bin/time``."""

    def run(args: list[str], cwd: Path) -> tuple[int | None, str, bool, float | None]:
        argv = [sys.executable, "-m", "dq.cli", *args]
        code, out, err, peak = _run(argv, pythonpath, str(cwd), timeout, kill_mb)
        return code, out + err, "Traceback" in err, peak

    return run


def subprocess_cell(
    kind: Kind, case: Case, command: str, pythonpath: str, tmp: Path, kill_mb: float = 0
) -> Cell:
    """One cell in a process of its own, so its peak RSS is its own."""
    timeout = SLOW_TIMEOUT_S if kind.slow else TIMEOUT_S
    if command not in ("load", "api"):
        cli = subprocess_cli(pythonpath, timeout, kill_mb)
        return run_cell(kind, case, command, cli, tmp)
    payload = json.dumps({"mode": command, "paths": case.paths, "mapping": case.mapping})
    argv = [sys.executable, "-c", _WORKER, str(Path(__file__).resolve()), payload]
    code, out, err, peak = _run(argv, pythonpath, str(tmp), timeout, kill_mb)
    summary = json.loads(out) if code in (0, 2) and out.strip() else None
    return judge(case, kind.name, command, (code, out + err, "Traceback" in err, peak), summary)


def _accounting(case: Case, result: dict[str, object]) -> tuple[str, bool]:
    loaded = int(result["loaded"])  # type: ignore[call-overload]
    quarantine = result["quarantine"]
    assert isinstance(quarantine, list)
    files = [q for q in quarantine if q[1] == 0]
    if case.records_in is None:
        # counts only (validate, report): one entry and nothing loaded is the best they can say
        files = files or [q for q in quarantine if q[1] == -1]
        ok = len(files) == 1 and len(quarantine) == 1 and loaded == 0
        return f"{loaded}+{len(quarantine)} (file entry: {files[0][2] if files else 'none'})", ok
    good = loaded + len(quarantine) == case.records_in
    good = good and (case.loaded is None or loaded == case.loaded)
    return f"{loaded}+{len(quarantine)}={case.records_in}", good


def _texts_ok(case: Case, result: dict[str, object]) -> tuple[bool, str]:
    rows = result.get("rows")
    if rows is None:
        return True, ""
    assert isinstance(rows, list)
    for file, row, text in rows:
        want = case.expected.get((file, row))
        if want is None:
            return False, f"{file}:{row} loaded, strict parse rejects it"
        if want != text:
            return False, f"{file}:{row} text {text[:30]!r} != {want[:30]!r}"
    return True, ""


def run_matrix(
    pythonpath: str,
    *,
    slow: bool,
    only: list[str] | None,
    commands: tuple[str, ...] = COMMANDS,
    in_process: bool = False,
    kill_mb: float = 0,
) -> Iterator[Cell]:
    """Every (kind, command) cell; memory kinds only through MEMORY_COMMANDS, in subprocesses.

    ``in_process``: the fast kinds run in this process (the dq on ``sys.path``, which
    must be ``pythonpath``'s): one import of Great Expectations instead of one a cell.
    """
    for kind in KINDS:
        if (kind.slow and not slow) or (only and kind.name not in only):
            continue
        for command in commands:
            if kind.slow and command not in MEMORY_COMMANDS:
                continue
            with tempfile.TemporaryDirectory(prefix=f"dqm-{kind.name}-") as tmp:
                case = kind.build(Path(tmp))
                if in_process and not kind.slow:
                    yield in_process_cell(kind, case, command, Path(tmp))
                else:
                    yield subprocess_cell(kind, case, command, pythonpath, Path(tmp), kill_mb)


_HEAD: Final = (
    "| kind | command | exit | traceback | accounting (loaded+quarantined=in) | peak RSS MB"
    " | pass |\n|" + "---|" * 7
)


def markdown_row(c: Cell) -> str:
    acc = (c.accounting + (f"; {c.detail}" if c.detail else "")).replace("|", "/")
    acc = acc.replace("\n", " ")[:110]
    peak = "-" if c.peak_mb is None else f"{c.peak_mb:.0f}"
    return (
        f"| {c.kind} | {c.command} | {c.exit} | {'yes' if c.traceback else 'no'} | {acc}"
        f" | {peak} | {'ok' if c.ok else 'FAIL'} |"
    )


def markdown_total(cells: list[Cell]) -> str:
    passed = sum(c.ok for c in cells)
    return f"{passed}/{len(cells)} cells pass; {sum(c.traceback for c in cells)} tracebacks."


def markdown(cells: list[Cell], title: str) -> str:
    rows = [markdown_row(c) for c in cells]
    return "\n".join([f"### {title}", "", _HEAD, *rows, "", markdown_total(cells)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pythonpath", default=str(_ROOT), help="dq checkout to test")
    parser.add_argument("--slow", action="store_true", help="also the memory-heavy kinds")
    parser.add_argument("--only", nargs="*", help="kind names")
    parser.add_argument("--commands", nargs="*", default=list(COMMANDS), choices=COMMANDS)
    parser.add_argument("--title", default="bad-input matrix")
    parser.add_argument(
        "--in-process", action="store_true", help="fast kinds in this process (set PYTHONPATH)"
    )
    parser.add_argument("--kill-mb", type=float, default=0, help="kill a cell above this RSS")
    args = parser.parse_args()
    if args.in_process:
        sys.path.insert(0, args.pythonpath)
    cells = run_matrix(
        args.pythonpath,
        slow=args.slow,
        only=args.only,
        commands=tuple(args.commands),
        in_process=args.in_process,
        kill_mb=args.kill_mb,
    )
    print(f"### {args.title}\n\n{_HEAD}", flush=True)
    done = []
    for cell in cells:  # row by row: a long run shows what it has
        done.append(cell)
        print(markdown_row(cell), flush=True)
    print("\n" + markdown_total(done), flush=True)


if __name__ == "__main__":
    main()
