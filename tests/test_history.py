"""The run history (DuckDB): schema, migrations, all-or-nothing writes, two writers, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dq.cli import main
from dq.report.history import (
    SCHEMA_VERSION,
    ExpectationRow,
    HistoryError,
    RateRow,
    RunRecord,
    RunRow,
    SourceRateRow,
    file_lock,
    lock_path,
    migrate,
    open_history,
    read_past,
    read_rates,
    read_runs,
    schema_version,
    write_run,
)

ROOT = Path(__file__).resolve().parents[1]


def _record(i: int, *, rate: float = 0.1, success: bool | None = True) -> RunRecord:
    run = RunRow(
        f"run-{i:03d}",
        f"2024-05-{i % 28 + 1:02d}T02:00:00",
        1.5,
        "corpus/",
        "nightly",
        "0.1.0",
        100,
        99,
        1,
        success,
        3,
        0 if success else 1,
        0,
    )
    rates = [
        RateRow("chrome", "chrome", "family", round(rate * 99), 99, rate, 0.05),
        RateRow("back_to_top", "chrome", "code", round(rate * 99), 99, rate, None),
    ]
    sources = [SourceRateRow("Metro Ledger", "back_to_top", 2, 10, 0.2)]
    checks = [
        ExpectationRow(
            "01_chrome",
            "chrome",
            "expect_column_values_to_be_between",
            bool(success),
            "3 of 99 records",
            "≤ 5% of records",
            3,
        )
    ]
    return RunRecord(run, rates, sources, checks)


def test_a_new_file_gets_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "h.duckdb"
    with open_history(path, write=True) as con:
        assert schema_version(con) == SCHEMA_VERSION
        write_run(con, _record(1))
    with open_history(path, write=False) as con:
        runs = read_runs(con)
        assert [r.run_id for r in runs] == ["run-001"]
        assert runs[0].started_at == "2024-05-02T02:00:00"
        assert read_past(con, last=5).series("chrome") == [0.1]
        assert con.execute("SELECT count(*) FROM source_rates").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM expectation_results").fetchone() == (1,)


def test_a_version_1_file_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, 0, to=1)
    con.execute(
        "INSERT INTO runs VALUES ('old-run', TIMESTAMP '2024-01-01 02:00:00', 2.0, 'c', "
        "NULL, '0.0.9', 5, 5, 0, NULL, 0, 0)"
    )
    con.execute(
        "INSERT INTO rates VALUES ('old-run', 'chrome', 'chrome', 'family', 1, 5, 0.2, NULL)"
    )
    con.close()
    with open_history(path, write=True) as con:
        assert schema_version(con) == SCHEMA_VERSION
        write_run(con, _record(2))
        runs = read_runs(con)
    assert [(r.run_id, r.regressions) for r in runs] == [("old-run", 0), ("run-002", 0)]


def test_a_reader_refuses_an_outdated_file(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, 0, to=1)
    con.close()
    with pytest.raises(HistoryError, match="needs migrating"), open_history(path, write=False):
        pass


def test_a_newer_or_foreign_file_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.duckdb"
    with open_history(newer, write=True) as con:
        con.execute("UPDATE dq_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(HistoryError, match="newer than this dq"), open_history(newer, write=True):
        pass
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    with pytest.raises(HistoryError, match="not a dq history"), open_history(foreign, write=True):
        pass
    missing = tmp_path / "missing.duckdb"
    with pytest.raises(HistoryError, match="no such history"), open_history(missing, write=False):
        pass


def test_a_run_is_written_all_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.duckdb"
    broken = _record(1)
    broken = RunRecord(broken.run, [*broken.rates, broken.rates[0]])  # duplicate (run, code)
    with open_history(path, write=True) as con:
        with pytest.raises(duckdb.ConstraintException):
            write_run(con, broken)
        assert read_runs(con) == []
        assert con.execute("SELECT count(*) FROM rates").fetchone() == (0,)
        write_run(con, _record(2))
        assert len(read_runs(con)) == 1


def test_the_lock_times_out_with_a_clear_error(tmp_path: Path) -> None:
    lock = lock_path(tmp_path / "h.duckdb")
    with file_lock(lock, exclusive=True):
        with (
            pytest.raises(HistoryError, match="is locked"),
            file_lock(lock, exclusive=True, timeout=0.2),
        ):
            pass
        with (
            pytest.raises(HistoryError, match="is locked"),
            file_lock(lock, exclusive=False, timeout=0.2),
        ):
            pass
    with file_lock(lock, exclusive=False):
        pass  # released: the next run gets it at once


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("articles.jsonl", b'{"id": "a", "text": "x"}\n'),  # dq history corpus/articles.jsonl
        ("garbage.duckdb", bytes(range(256)) * 64),  # not DuckDB at all
        ("damaged.duckdb", b"\0" * 8 + b"DUCK" + b"\xff" * 8000),  # DuckDB magic, broken inside
    ],
)
@pytest.mark.parametrize("write", [False, True])
def test_not_a_history_is_refused_at_once_and_leaves_no_lock(
    tmp_path: Path, name: str, content: bytes, write: bool
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    started = time.monotonic()
    with pytest.raises(HistoryError, match=r"not a (usable )?dq history"), \
            open_history(path, write=write, timeout=30):
        pass
    assert time.monotonic() - started < 10  # no waiting for a lock that will never come
    assert path.read_bytes() == content
    if name == "articles.jsonl" or name == "garbage.duckdb":
        assert not lock_path(path).exists()


_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from dq.report.history import RateRow, RunRecord, RunRow, open_history, write_run

    path, tag, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for i in range(n):
        run = RunRow(f"{tag}-{i:03d}", f"2024-05-01T02:{i:02d}:00", 1.0, "c", None, "0", 10, 10, 0,
                     None, 0, 0, 0)
        rates = [RateRow(f"code{j}", "chrome", "code", j, 10, j / 10, None) for j in range(40)]
        with open_history(path, write=True) as con:
            write_run(con, RunRecord(run, rates))
""")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.duckdb"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), tag, "12"],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with open_history(path, write=False) as con:
        runs = read_runs(con)
        assert len(runs) == 24
        per_run = con.execute("SELECT run_id, count(*) FROM rates GROUP BY run_id").fetchall()
    assert sorted(n for _, n in per_run) == [40] * 24


@pytest.mark.slow
def test_two_dq_report_runs_at_once_share_one_history(tmp_path: Path) -> None:
    night = tmp_path / "night.jsonl"
    lines = (ROOT / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    night.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "reports"
    cmd = [
        sys.executable,
        "-m",
        "dq.cli",
        "report",
        str(night),
        "--no-suite",
        "--no-gx-docs",
        "--out",
        str(out),
    ]
    procs = [
        subprocess.Popen(
            cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with open_history(out / "history.duckdb", write=False) as con:
        runs = read_runs(con)
        rates = read_rates(con, [r.run_id for r in runs])
    assert len(runs) == 2
    assert {r for r, *_ in rates} == {r.run_id for r in runs}
    folders = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.is_symlink())
    assert folders == sorted(r.run_id for r in runs)  # no .tmp-* left, no half report
    for name in folders:
        assert json.loads((out / name / "summary.json").read_text())["run"]["id"] == name
    latest = (out / "latest").readlink().name
    assert latest in folders
    assert json.loads((out / "latest.json").read_text())["run_id"] == latest


def test_dq_history_prints_runs_and_rates(tmp_path: Path) -> None:
    path = tmp_path / "h.duckdb"
    with open_history(path, write=True) as con:
        for i, rate in enumerate((0.01, 0.02, 0.08), start=1):
            write_run(con, _record(i, rate=rate, success=rate < 0.05))
    result = CliRunner().invoke(main, ["history", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "run-001" in out and "run-003" in out
    assert "PASS" in out and "FAIL 1/3" in out
    assert "back_to_top" in out and "chrome" in out
    assert "▂▃█" in out  # the sparkline rises (bars scaled from zero to the largest rate)
    assert "8.08%" in out or "8%" in out
    missing = CliRunner().invoke(main, ["history", str(tmp_path / "nope.duckdb")])
    assert missing.exit_code == 2 and "no such history file" in missing.output
