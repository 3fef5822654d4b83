"""The bad-input matrix of issue 17, as tests: nothing lost, nothing altered, no traceback.

The kinds and the judge live in ``bench/bad_input_matrix.py`` (which also
prints the before/after table). Here every fast kind goes through every
command in process: the Python API (``dq.load.load``, ``dq.scan``) and
``dq scan/validate/report/clean/eval/history`` through click's runner. Each
cell must exit 0, 1 or 2 without a traceback; the corpus commands must
account for every record (``loaded + quarantined == records in``, or one
file-level entry) and load the text a strict parser reads. Outputs whose
write fails half-way (a file-size limit) must leave the old file, or none.
The memory-heavy kinds run in subprocesses under the ``slow`` marker (CI
runs it) with the ceiling of 1 GB + 3x the largest record. Random bytes:
``test_input_properties.py``.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from dq.load import load, load_batches

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


def test_the_matrix_has_the_kinds_of_issue_17() -> None:
    names = {kind.name for kind in M.KINDS}
    for name in (
        "high_surrogate",
        "escaped_key_number",
        "nested_deep",
        "fifo_in_folder",
        "gzip_bomb",
        "long_token",
        "many_fixes",
    ):
        assert name in names
    commands = {"scan", "validate", "report", "clean", "eval", "history", "load", "api"}
    assert set(M.COMMANDS) == commands


#: ``dq ARGS`` through click's runner in a folder, a hang ended by an alarm.
_in_process = M.in_process_cli


CELLS = [
    pytest.param(kind, command, id=f"{kind.name}-{command}")
    for kind in FAST
    for command in M.COMMANDS
]


@pytest.mark.parametrize(("kind", "command"), CELLS)
def test_every_command_accounts_for_every_record(
    kind: object, command: str, tmp_path: Path
) -> None:
    case = kind.build(tmp_path)  # type: ignore[attr-defined]
    cell = M.in_process_cell(kind, case, command, tmp_path)
    assert cell.ok, cell
    if case.refuse and command in M.CORPUS_COMMANDS:
        assert cell.exit == 2


def test_the_judge_fails_a_lost_record_and_an_altered_text(tmp_path: Path) -> None:
    """The checks above can fail: a record dropped or a text changed is caught."""
    kind = next(kind for kind in FAST if kind.name == "control")
    case = kind.build(tmp_path)
    summary = M.summarise("load", case.paths, None)
    assert M.judge(case, "control", "load", (0, "", False, None), summary).ok
    lost = {**summary, "loaded": 2, "rows": summary["rows"][:2]}
    assert not M.judge(case, "control", "load", (0, "", False, None), lost).ok
    file, row, text = summary["rows"][0]
    altered = {**summary, "rows": [[file, row, text + " "]]}
    assert not M.judge(case, "control", "load", (0, "", False, None), altered).ok
    assert not M.judge(case, "control", "scan", (0, "", True, None), summary).ok
    assert not M.judge(case, "control", "scan", (0, "", False, 5000.0), summary).ok


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


# -- a write that fails half-way ---------------------------------------------------------------

#: The file-size limit of the failing writes: every output below is larger.
_FSIZE_BYTES = 256
#: (command, option, file name): every output option of the corpus commands.
WRITES = (
    ("scan", "--findings", "f.jsonl"),
    ("scan", "--quarantine", "q.jsonl"),
    ("scan", "--signals", "s.parquet"),
    ("clean", "--out", "c.jsonl"),
    ("clean", "--diff", "d.diff"),
    ("clean", "--quarantine", "q.jsonl"),
    ("validate", "--json", "v.json"),
    ("validate", "--junit", "j.xml"),
    ("validate", "--markdown", "m.md"),
)


@contextmanager
def _file_size_limit(limit: int) -> Iterator[None]:
    """Writes past ``limit`` bytes fail with EFBIG (Python ignores SIGXFSZ)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def _corpus(folder: Path) -> Path:
    objs = [
        {"id": f"r{i}", "text": f"Record {i} says he said . and more , here ." * 4}
        for i in range(8)
    ]
    path = folder / "in.jsonl"
    path.write_bytes(b"".join(json.dumps(o).encode() + b"\n" for o in objs) + b"bad\n" * 8)
    return path


@pytest.mark.parametrize(("command", "option", "name"), WRITES)
def test_a_failed_write_leaves_the_old_file_and_no_half(
    command: str, option: str, name: str, tmp_path: Path
) -> None:
    source = _corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_bytes(b"old")
    sink = tmp_path / "sink.jsonl"
    sink.symlink_to("/dev/null")
    extra = {
        "validate": ["--suite", str(ROOT / "expectations" / "pre-merge.json")],
        "clean": [] if option == "--out" else ["--out", str(sink)],  # a device: no size limit
    }.get(command, [])
    args = [command, str(source), option, str(out / name), *extra, "-q"]
    with _file_size_limit(_FSIZE_BYTES):
        code, output, crashed, _ = _in_process(args, tmp_path)
    assert not crashed, output
    assert code == 2, output
    assert str(out / name) in output  # the message names the output it could not write
    assert (out / name).read_bytes() == b"old"
    assert sorted(p.name for p in out.iterdir()) == [name]


def test_a_failed_report_leaves_no_half_written_run(tmp_path: Path) -> None:
    source = _corpus(tmp_path)
    out = tmp_path / "out"
    args = ["report", str(source), "--no-suite", "--out", str(out), "--run-id", "m", "-q",
            "--history", str(tmp_path / "h.duckdb"), "--no-gx-docs"]  # fmt: skip
    with _file_size_limit(_FSIZE_BYTES):
        code, output, crashed, _ = _in_process(args, tmp_path)
    assert not crashed, output
    assert code == 2, output
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")] if out.exists() else []
    assert leftovers == []


MEMORY_CELLS = [
    pytest.param(kind, command, id=f"{kind.name}-{command}")
    for kind in SLOW
    for command in M.MEMORY_COMMANDS
]


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "command"), MEMORY_CELLS)
def test_memory_heavy_kinds_stay_under_the_ceiling(
    kind: object, command: str, tmp_path: Path
) -> None:
    """Peak RSS of one command in a process of its own (``/usr/bin/time``), with the ceiling."""
    case = kind.build(tmp_path)  # type: ignore[attr-defined]
    cell = M.subprocess_cell(kind, case, command, str(ROOT), tmp_path)
    assert cell.peak_mb is not None and cell.peak_mb > 0, cell
    ceiling_mb = (M.RSS_BASE_BYTES + 3 * case.largest_record) / 2**20
    assert cell.peak_mb < ceiling_mb, cell
    assert cell.ok, cell


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
