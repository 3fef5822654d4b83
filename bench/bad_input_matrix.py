"""The bad-input matrix of issue 17: kinds of broken input, loaded by ``dq.load`` and ``dq scan``.

Why a script of its own: the same kinds drive ``tests/test_bad_input_matrix.py``
and the before/after table of the issue's closing note. Each kind writes a
few small files and says what an independent, strict reading of them finds:
how many records went in (``None`` when a whole file cannot be read and
exactly one file-level quarantine entry is right) and the text of every
record that strictly parses. A run loads the kind in a fresh subprocess
(so its peak RSS, measured by ``/usr/bin/time``, is its own) and checks:

* exit code in {0, 1, 2} and no traceback (``dq scan``, and the loader's worker);
* ``loaded + quarantined == records in`` (or one file-level entry);
* every loaded text equal to the strict parse of that line or row.

Usage::

    python bench/bad_input_matrix.py [--slow] [--pythonpath DIR] [--only KIND ...]

prints a Markdown table. ``--pythonpath`` picks the dq checkout to test (a
second worktree of an older commit gives the "before" column).
"""

from __future__ import annotations

import argparse
import bz2
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
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

# Exit codes the CLI promises (README): 0 ok, 1 data failed a gate, 2 usage/input error.
EXITS: Final = frozenset({0, 1, 2})
# Seconds a kind may take before it counts as a hang (a FIFO blocks forever);
# the slow kinds get longer (the gzip bomb took 80-110 s before its limit).
TIMEOUT_S: Final = 30
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
    """(file, start line) -> text of every row Python's strict csv reader accepts.

    A row the strict reader rejects costs its first line; reading resumes on the next.
    """
    out: dict[tuple[str, int], str] = {}
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return out  # not UTF-8 at all
    # bytes that are not UTF-8 become lone surrogates (PEP 383): such a row is not valid
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="surrogateescape")
    lines = io.StringIO(text, newline="").readlines()
    header: list[str] | None = None
    start = 1
    while start <= len(lines):
        reader = csv.reader(lines[start - 1 :], strict=True)
        offset, begin = start - 1, start
        try:
            for row in reader:
                if header is None:
                    header = row
                elif row and len(row) == len(header) and text_key in header:
                    value = row[header.index(text_key)]
                    if value.strip() and not _LONE_SURROGATE.search("".join(row)):
                        out[(str(path), begin)] = value
                begin = offset + reader.line_num + 1
            break
        except csv.Error:
            start = begin + 1
    return out


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


def k_high_surrogate(tmp: Path) -> Case:
    data = _lines(*GOOD) + _raw_lines(b'{"id": "s", "text": "a\\ud800x"}')
    return _jsonl_case(tmp, "hs.jsonl", data, 4)


def k_low_surrogate(tmp: Path) -> Case:
    data = _lines(*GOOD) + _raw_lines(b'{"id": "s", "text": "a\\udc00x"}')
    return _jsonl_case(tmp, "ls.jsonl", data, 4)


def k_surrogate_pair(tmp: Path) -> Case:
    data = _lines(*GOOD) + _raw_lines(b'{"id": "s", "text": "smile \\ud83d\\ude00"}')
    return _jsonl_case(tmp, "pair.jsonl", data, 4)


def k_surrogate_other_field(tmp: Path) -> Case:
    data = _lines(*GOOD) + _raw_lines(b'{"id": "s", "title": "\\udc00", "text": "fine"}')
    return _jsonl_case(tmp, "sf.jsonl", data, 4)


def k_escaped_key_number(tmp: Path) -> Case:
    data = _lines(*GOOD) + _raw_lines(b'{"id": "e", "\\u0074ext": 5}')
    return _jsonl_case(tmp, "ek.jsonl", data, 4)


def k_escaped_key_object(tmp: Path) -> Case:
    data = _lines(*GOOD) + _raw_lines(b'{"id": "e", "\\u0074ext": {"k": 1}}')
    return _jsonl_case(tmp, "eko.jsonl", data, 4)


def k_nested_deep(tmp: Path) -> Case:
    deep = b"[" * 3000 + b"]" * 3000
    data = _lines(*GOOD) + _raw_lines(b'{"id": "d", "text": "t", "x": ' + deep + b"}")
    return _jsonl_case(tmp, "deep.jsonl", data, 4)


def k_nested_900(tmp: Path) -> Case:
    deep = b"[" * 900 + b"]" * 900
    data = _lines(*GOOD) + _raw_lines(b'{"id": "d", "text": "t", "x": ' + deep + b"}")
    return _jsonl_case(tmp, "deep9.jsonl", data, 4)


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


KINDS: Final = tuple(
    Kind(name.removeprefix("k_"), fn, slow=name in {"k_gzip_bomb", "k_big_record"})
    for name, fn in list(globals().items())
    if name.startswith("k_") and callable(fn)
)


# -- running one kind --------------------------------------------------------------------------

_WORKER: Final = r"""
import json, sys
from dq.load import load, LoadError
case = json.loads(sys.argv[1])
try:
    r = load(case["paths"], mapping=case["mapping"] or None)
except (LoadError, ValueError) as e:
    print(json.dumps({"error": str(e)}))
    raise SystemExit(2)
small = r.articles.height <= 100000
rows = r.articles.select("dq_file", "dq_row", "text").rows() if small else None
q = [[x.file, x.line_or_row, x.reason] for x in r.quarantine]
print(json.dumps({"loaded": r.articles.height, "rows": rows, "quarantine": q, "seen": r.seen,
                  "columns": r.articles.columns}, ensure_ascii=False))
"""


@dataclass
class Outcome:
    kind: str
    load_exit: int | None
    load_traceback: bool
    scan_exit: int | None
    scan_traceback: bool
    accounting: str
    text_ok: bool
    peak_mb: float
    ok: bool
    scan_peak_mb: float = 0.0
    detail: str = ""


def _run(
    argv: list[str], pythonpath: str, cwd: str, timeout: int = TIMEOUT_S
) -> tuple[int | None, str, str, float]:
    """Exit code (None: timed out), stdout, stderr and peak RSS in MB of one process.

    ``cwd`` must not be a dq checkout: ``python -c`` and ``-m`` put it first on sys.path.
    """
    env = {**os.environ, "PYTHONPATH": pythonpath}
    timed = ["/usr/bin/time", "-f", "@@RSS %M", *argv]
    # a session of its own, so a hang (a FIFO) is killed with the process it started
    with subprocess.Popen(
        timed,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        start_new_session=True,
    ) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return None, "", "timed out", 0.0
    err = stderr.decode("utf-8", "replace")
    rss = re.findall(r"@@RSS (\d+)", err)
    err = re.sub(r"(Command exited with non-zero status \d+\n)?@@RSS \d+\n?", "", err)
    return (
        proc.returncode,
        stdout.decode("utf-8", "replace"),
        err,
        int(rss[-1]) / 1024 if rss else 0.0,
    )


def _accounting(case: Case, result: dict[str, object]) -> tuple[str, bool]:
    loaded = int(result["loaded"])  # type: ignore[call-overload]
    quarantine = result["quarantine"]
    assert isinstance(quarantine, list)
    files = [q for q in quarantine if q[1] == 0]
    if case.records_in is None:
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
        if want is not None and want != text:
            return False, f"{file}:{row} text {text[:30]!r} != {want[:30]!r}"
    return True, ""


def run_kind(kind: Kind, pythonpath: str, *, scan: bool = True) -> Outcome:
    """Build the kind in a temporary folder, load it and scan it, and judge the result."""
    with tempfile.TemporaryDirectory(prefix=f"dqm-{kind.name}-") as tmp:
        case = kind.build(Path(tmp))
        payload = json.dumps({"paths": case.paths, "mapping": case.mapping})
        timeout = SLOW_TIMEOUT_S if kind.slow else TIMEOUT_S
        worker = [sys.executable, "-c", _WORKER, payload]
        code, out, err, peak = _run(worker, pythonpath, tmp, timeout)
        scan_code, scan_tb, scan_peak = None, False, 0.0
        if scan:
            maps = [a for f, c in case.mapping.items() for a in ("--map", f"{f}={c}")]
            argv = [sys.executable, "-m", "dq.cli", "scan", *case.paths, *maps, "--limit", "0"]
            scan_code, _, scan_err, scan_peak = _run(argv, pythonpath, tmp, timeout)
            scan_tb = "Traceback" in scan_err
        tb = "Traceback" in err
        detail = ""
        if code == 0:
            result = json.loads(out)
            accounting, counted = _accounting(case, result)
            text_ok, detail = _texts_ok(case, result)
            ok = counted and text_ok and not case.refuse
        else:
            said = json.loads(out)["error"] if out else err.strip().splitlines()[-1:]
            accounting = "timed out" if code is None else f"refused: {said}"
            text_ok = True
            ok = case.refuse and code == 2 and not tb
        bound = (RSS_BASE_BYTES + 3 * case.largest_record) / 2**20
        ok = ok and not tb and not scan_tb and (not scan or scan_code in EXITS)
        ok = ok and max(peak, scan_peak) < bound
        return Outcome(
            kind.name,
            code,
            tb,
            scan_code,
            scan_tb,
            accounting,
            text_ok,
            peak,
            ok,
            detail=detail,
            scan_peak_mb=scan_peak,
        )


def run_matrix(pythonpath: str, *, slow: bool, only: list[str] | None) -> Iterator[Outcome]:
    for kind in KINDS:
        if (kind.slow and not slow) or (only and kind.name not in only):
            continue
        yield run_kind(kind, pythonpath)


def markdown(outcomes: list[Outcome], title: str) -> str:
    head = (
        "| kind | load exit | scan exit | traceback | accounting (loaded+quarantined=in)"
        " | text exact | peak RSS MB (load / scan) | pass |"
    )
    lines = [f"### {title}", "", head, "|" + "---|" * 8]
    for o in outcomes:
        tb = "yes" if (o.load_traceback or o.scan_traceback) else "no"
        text = "yes" if o.text_ok else f"NO: {o.detail}"
        acc = o.accounting.replace("|", "/")[:90]
        lines.append(
            f"| {o.kind} | {o.load_exit} | {o.scan_exit} | {tb} | {acc} | {text}"
            f" | {o.peak_mb:.0f} / {o.scan_peak_mb:.0f} | {'ok' if o.ok else 'FAIL'} |"
        )
    passed = sum(o.ok for o in outcomes)
    lines += ["", f"{passed}/{len(outcomes)} kinds pass."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pythonpath", default=str(_ROOT), help="dq checkout to test")
    parser.add_argument("--slow", action="store_true", help="also the memory-heavy kinds")
    parser.add_argument("--only", nargs="*", help="kind names")
    parser.add_argument("--title", default="bad-input matrix")
    args = parser.parse_args()
    outcomes = list(run_matrix(args.pythonpath, slow=args.slow, only=args.only))
    print(markdown(outcomes, args.title))


if __name__ == "__main__":
    main()
