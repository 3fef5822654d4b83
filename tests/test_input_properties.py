"""Random JSON-lines and CSV bytes through the loader and ``dq clean`` (issue 17).

Why properties: the bad-input matrix (``test_bad_input_matrix.py``) names
the kinds someone thought of; these write what nobody did: invalid UTF-8,
surrogate escapes (and surrogates encoded as bytes), keys written with
escapes, NUL bytes, CR / CRLF / LF line endings, quotes in and around CSV
fields, binary junk. The invariants are the matrix's, checked against an
independent strict parse (Python's ``json`` and ``csv`` modules):

* every record is loaded or quarantined (``loaded + quarantined == records in``),
  or the file is refused once with one file-level entry;
* every loaded text is the text the strict parse reads, code point for code point;
* ``dq clean`` exits 0, 1 or 2 without a traceback and says the same counts.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dq.cli import main
from dq.load import LoadResult, load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
M = importlib.import_module("bad_input_matrix")  # the kinds' strict readers and exit codes

_JSON_PIECES = st.sampled_from(
    [
        b'{"text": "plain"}',
        b'{"text": "a\\ud800x"}',
        b'{"text": "b\\udc00"}',
        b'{"text": "\\ud83d\\ude00 ok"}',
        b'{"\\u0074ext": 5}',
        b'{"\\u0074ext": "escaped key"}',
        b'{"text": "nul \\u0000 and \x00 raw"}',
        b'{"text": "caf\xe9"}',
        b'{"text": "q \\" quote"}',
        b'{"text": ["a"]}',
        b'{"id": 1.0, "text": "x"}',
        b'{"id": "1", "text": "y"}',
        b'{"text": "t", "__dq_row__": 3}',
        b'{"text": "t", "x": ' + b"[" * 35 + b"]" * 35 + b"}",
        b'{"text": ',
        b"",
        b"   ",
        b"[1]",
    ]
)
_ENDINGS = st.sampled_from([b"\n", b"\r\n", b"\r"])


def _strict_lines(data: bytes) -> list[bytes]:
    """Lines as the loader splits them: CR alone ends lines only when there is no LF."""
    if b"\r" in data and b"\n" not in data:
        data = data.replace(b"\r", b"\n")
    return data.split(b"\n")


def _first_wins(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


def _strict_text(line: bytes) -> str | None:
    """The text of one JSON line read strictly, or None when it is no valid record."""
    try:
        obj = json.loads(line.decode("utf-8"), object_pairs_hook=_first_wins)
    except (ValueError, RecursionError):
        return None
    if not isinstance(obj, dict) or M._LONE_SURROGATE.search(json.dumps(obj, ensure_ascii=False)):
        return None
    text = obj.get("text")
    return text if isinstance(text, str) and text.strip() else None


def _check(result: LoadResult, path: Path, expected: dict[int, str | None], records: int) -> None:
    whole_file = [q for q in result.quarantine if q.line_or_row == 0]
    if whole_file:
        assert len(result.quarantine) == 1 and result.articles.height == 0
        return
    assert result.articles.height + len(result.quarantine) == records
    for file, row, text in result.articles.select("dq_file", "dq_row", "text").rows():
        assert file == str(path)
        assert expected.get(row) == text, (row, text)


#: Characters that break naive readers: quotes, separators, line ends, NUL, surrogates.
_AWKWARD_CHARS = st.sampled_from(
    [*'",\\\r\n\x00 aé\u2028\ufeff', "\ud800", "\udc00", "\ud83d", "\ude00", "\U0001f600"]
)
_TEXT_VALUES = st.one_of(
    st.text(_AWKWARD_CHARS, max_size=12),
    st.text(max_size=12),
    st.integers(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.booleans(),
)
_TEXT_KEYS = st.sampled_from(["text", "\\u0074ext", "te\\u0078t", "\\u0074\\u0065xt"])


@st.composite
def json_records(draw: st.DrawFn) -> bytes:
    """One JSON object as bytes: a text under a maybe-escaped key, dumped ASCII-only
    (surrogates become escapes) or as UTF-8 with surrogates passed through (invalid bytes)."""
    key = draw(_TEXT_KEYS)
    value = json.dumps(draw(_TEXT_VALUES), ensure_ascii=draw(st.booleans()))
    rid = draw(st.one_of(st.none(), st.sampled_from(['"a"', '"b"', "1", "1.0"])))
    head = f'"id": {rid}, ' if rid is not None else ""
    return ("{" + head + f'"{key}": {value}' + "}").encode("utf-8", errors="surrogatepass")


_JSON_LINES = st.one_of(_JSON_PIECES, json_records(), st.binary(max_size=10))


def _jsonl_file(
    folder: Path, lines: list[bytes], ending: bytes
) -> tuple[Path, int, dict[int, str | None]]:
    path = folder / "r.jsonl"
    data = b"".join(line + ending for line in lines)
    path.write_bytes(data)
    numbered = list(enumerate(_strict_lines(data), start=1))
    records = sum(1 for _, line in numbered if line.strip(b" \t\r\n"))
    return path, records, {n: _strict_text(line) for n, line in numbered}


@given(lines=st.lists(_JSON_LINES, max_size=8), ending=_ENDINGS)
def test_random_json_lines_keep_every_record(
    lines: list[bytes], ending: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path, records, expected = _jsonl_file(tmp_path_factory.mktemp("jsonl"), lines, ending)
    if records:
        _check(load([path]), path, expected, records)


@given(lines=st.lists(st.tuples(_JSON_PIECES, _ENDINGS), max_size=8))
def test_random_line_endings_per_line_keep_every_record(
    lines: list[tuple[bytes, bytes]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "r.jsonl"
    data = b"".join(piece + end for piece, end in lines)
    path.write_bytes(data)
    numbered = list(enumerate(_strict_lines(data), start=1))
    records = sum(1 for _, line in numbered if line.strip(b" \t\r\n"))
    if records:
        _check(load([path]), path, {n: _strict_text(line) for n, line in numbered}, records)


# -- CSV ---------------------------------------------------------------------------------------

_CSV_BROKEN = st.sampled_from(
    ['"x"y', '"he said \\"no\\""', '"open', 'a"b', '"a""', "caf\udce9", "", "   "]
)


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


_CSV_FIELDS = st.one_of(
    st.text(_AWKWARD_CHARS, max_size=10).map(_quoted),
    st.text(st.sampled_from("ab é,"), max_size=8).filter(lambda v: "," not in v),
    st.text(st.sampled_from(" ab\x00é"), max_size=8),
    _CSV_BROKEN,
)


def _csv_bytes(rows: list[str], ending: str) -> bytes:
    body = "".join(f"{i},{field}{ending}" for i, field in enumerate(rows))
    return ("id,text" + ending + body).encode("utf-8", errors="surrogateescape")


@given(
    rows=st.lists(_CSV_FIELDS, min_size=1, max_size=6), ending=st.sampled_from(["\n", "\r\n", "\r"])
)
def test_random_csv_rows_are_counted_and_never_altered(
    rows: list[str], ending: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Known gap: CR line endings with an LF inside a quoted field. The loader's rule
    # (CR ends lines only in a file without LF) then reads the file as one broken line.
    assume(not (ending == "\r" and any("\n" in row for row in rows)))
    path = tmp_path_factory.mktemp("csv") / "r.csv"
    try:
        path.write_bytes(_csv_bytes(rows, ending))
    except UnicodeEncodeError:  # a surrogate that is no escaped byte: not writable as bytes
        return
    strict, records = M.strict_csv_records(path)
    result = load([path])
    assert result.articles.height + len(result.quarantine) == records
    for file, row, text in result.articles.select("dq_file", "dq_row", "text").rows():
        assert strict.get((file, row)) == text, (row, text)


# -- the command line ----------------------------------------------------------------------------


@settings(max_examples=12)
@given(
    lines=st.lists(_JSON_LINES, min_size=1, max_size=6),
    rows=st.lists(_CSV_FIELDS, min_size=1, max_size=4),
    ending=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_dq_clean_on_random_bytes_exits_cleanly_and_counts(
    lines: list[bytes], rows: list[str], ending: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("cli")
    corpus = folder / "in"
    corpus.mkdir()
    _jsonl_file(corpus, lines, ending.encode())
    try:
        (corpus / "r.csv").write_bytes(_csv_bytes(rows, ending))
    except UnicodeEncodeError:
        (corpus / "r.csv").write_bytes(_csv_bytes(["plain"], ending))
    loaded = load([corpus])
    out = folder / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(corpus), "--out", str(out), "-v"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in M.EXITS, result.output
    if result.exit_code == 0:
        counts = M._COUNTS.search(result.output)
        assert counts is not None, result.output
        quarantined = len(loaded.quarantine)
        assert counts.groups() == (str(loaded.seen), str(loaded.articles.height), str(quarantined))
        assert loaded.articles.height + quarantined == loaded.seen
