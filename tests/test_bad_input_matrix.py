"""The bad-input matrix of issue 17, as tests: nothing lost, nothing altered, no traceback.

The kinds live in ``bench/bad_input_matrix.py`` (which also prints the
before/after table); here every fast kind is loaded in process and judged
against an independent strict parse of its files, a few are run through
``dq scan`` in a subprocess, and the memory-heavy kinds run under the
``slow`` marker with a peak-RSS ceiling of 1 GB + 3x the largest record.
Property tests write random JSON-lines and CSV bytes and check the same
invariants.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dq.load import LoadError, LoadResult, load, load_batches

ROOT = Path(__file__).resolve().parent.parent


def _matrix() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bad_input_matrix", ROOT / "bench" / "bad_input_matrix.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


M = _matrix()
FAST = [kind for kind in M.KINDS if not kind.slow]
SLOW = [kind for kind in M.KINDS if kind.slow]


def _summary(result: LoadResult) -> dict[str, object]:
    """The same shape the matrix worker prints."""
    return {
        "loaded": result.articles.height,
        "rows": result.articles.select("dq_file", "dq_row", "text").rows(),
        "quarantine": [[q.file, q.line_or_row, q.reason] for q in result.quarantine],
        "seen": result.seen,
    }


def test_the_matrix_has_the_kinds_of_issue_17() -> None:
    names = {kind.name for kind in M.KINDS}
    for name in (
        "high_surrogate",
        "escaped_key_number",
        "nested_deep",
        "fifo_in_folder",
        "gzip_bomb",
    ):
        assert name in names


@pytest.mark.parametrize("kind", FAST, ids=lambda kind: kind.name)
def test_every_record_is_loaded_unchanged_or_quarantined(kind: object, tmp_path: Path) -> None:
    case = kind.build(tmp_path)  # type: ignore[attr-defined]
    if case.refuse:
        with pytest.raises(LoadError, match="not a regular file"):
            load(case.paths, mapping=case.mapping or None)
        return
    result = load(case.paths, mapping=case.mapping or None)
    summary = _summary(result)
    accounting, counted = M._accounting(case, summary)
    assert counted, accounting
    texts_ok, detail = M._texts_ok(case, summary)
    assert texts_ok, detail


@pytest.mark.parametrize(
    "kind",
    [k for k in FAST if k.name not in ("fifo_direct", "dev_null")],
    ids=lambda kind: kind.name,
)
def test_streamed_load_gives_the_same_result(kind: object, tmp_path: Path) -> None:
    """Batches of a few bytes (files cut into many parts) account for the same records."""
    case = kind.build(tmp_path)  # type: ignore[attr-defined]
    whole = load(case.paths, mapping=case.mapping or None)
    parts = list(load_batches(case.paths, batch_bytes=64, mapping=case.mapping or None))
    assert [q for part in parts for q in part.quarantine] == whole.quarantine
    texts = [t for part in parts for t in part.articles.get_column("text").to_list()]
    assert texts == whole.articles.get_column("text").to_list()


def test_expected_reasons(tmp_path: Path) -> None:
    """The reasons are the precise ones, not just any quarantine."""
    want = {
        "high_surrogate": "invalid_unicode",
        "low_surrogate": "invalid_unicode",
        "escaped_key_number": "non_string_text",
        "nested_deep": "nesting_too_deep",
        "utf16_jsonl": "unsupported_encoding",
        "bz2_jsonl": "unsupported_compression",
        "gzip_of_gzip": "unsupported_compression",
        "fifo_in_folder": "not_regular_file",
        "record_too_large": "record_too_large",
        "txt_symlink_loop": "unreadable_file",
    }
    kinds = {kind.name: kind for kind in FAST}
    for name, reason in want.items():
        folder = tmp_path / name
        folder.mkdir()
        result = load(kinds[name].build(folder).paths)
        assert [q.reason for q in result.quarantine] == [reason], name


# Kinds that used to end in a traceback or a hang: cheap enough to run through the CLI.
CLI_KINDS = (
    "nested_deep",
    "map_collision",
    "input_dq_columns",
    "txt_symlink_loop",
    "fifo_in_folder",
)


@pytest.mark.parametrize("name", CLI_KINDS)
def test_scan_exits_cleanly(name: str, tmp_path: Path) -> None:
    kind = next(kind for kind in FAST if kind.name == name)
    case = kind.build(tmp_path)
    maps = [arg for field, column in case.mapping.items() for arg in ("--map", f"{field}={column}")]
    proc = subprocess.run(
        [sys.executable, "-m", "dq.cli", "scan", *case.paths, *maps, "--limit", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode in M.EXITS
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("kind", SLOW, ids=lambda kind: kind.name)
def test_memory_heavy_kinds_stay_under_the_ceiling(kind: object) -> None:
    """Peak RSS of the load, measured by /usr/bin/time in a subprocess of its own."""
    outcome = M.run_kind(kind, str(ROOT), scan=False)
    assert outcome.ok, outcome


# -- property tests ------------------------------------------------------------------------------

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


@given(lines=st.lists(st.tuples(_JSON_PIECES, _ENDINGS), max_size=8))
def test_random_json_lines_keep_every_record(
    lines: list[tuple[bytes, bytes]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "r.jsonl"
    data = b"".join(piece + end for piece, end in lines)
    path.write_bytes(data)
    numbered = list(enumerate(_strict_lines(data), start=1))
    records = sum(1 for _, line in numbered if line.strip(b" \t\r\n"))
    if records == 0:
        return
    expected = {n: _strict_text(line) for n, line in numbered}
    _check(load([path]), path, expected, records)


_CSV_FIELDS = st.sampled_from(
    [
        "plain",
        '"quoted, with comma"',
        '"with ""doubled"" quote"',
        '"x"y',
        '"he said \\"no\\""',
        "a\x00b",
        '"line\nbreak"',
        '"open',
        "caf\udce9",
        "",
    ]
)


@given(
    rows=st.lists(st.tuples(_CSV_FIELDS, st.sampled_from(["\n", "\r\n"])), min_size=1, max_size=6)
)
def test_random_csv_rows_are_never_altered(
    rows: list[tuple[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("csv") / "r.csv"
    body = "".join(f"{i},{field}{end}" for i, (field, end) in enumerate(rows))
    path.write_bytes(("id,text\n" + body).encode("utf-8", errors="surrogateescape"))
    result = load([path])
    assert result.articles.height + len(result.quarantine) == result.seen
    strict = M.strict_csv(path)
    for file, row, text in result.articles.select("dq_file", "dq_row", "text").rows():
        assert strict.get((file, row)) == text, (row, text)


def test_input_columns_named_like_internal_ones_are_carried(tmp_path: Path) -> None:
    kinds = {kind.name: kind for kind in FAST}
    for name in ("input_dq_columns", "csv_dq_file", "parquet_dq_row"):
        folder = tmp_path / name
        folder.mkdir()
        articles = load(kinds[name].build(folder).paths).articles
        assert "__dq_row__" in articles.columns, name
        assert articles.get_column("__dq_row__").null_count() == 0, name
    articles = load(kinds["input_dq_columns"].build(tmp_path).paths).articles
    assert set(articles.get_column("__dq_file__")) == {"mine"}
    assert set(articles.get_column("__dq_reason__")) == {"r"}


def test_carried_values_keep_their_literal(tmp_path: Path) -> None:
    """``1e400`` is no float: carried as written, not as ``inf``; id ``1.0`` is not ``"1"``."""
    path = tmp_path / "n.jsonl"
    path.write_bytes(b'{"id": 1.0, "x": 1e400, "text": "a"}\n{"id": "1", "x": 2.5, "text": "b"}\n')
    articles = load([path]).articles
    assert articles.get_column("id").to_list() == ["1.0", "1"]
    assert articles.get_column("x").to_list() == ["1e400", "2.5"]
