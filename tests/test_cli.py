"""The CLI end to end: exit codes, outputs, the seed's findings, light start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from dq.cli import main

REPO = Path(__file__).resolve().parents[1]
SEED_ID = "000_be765a12c0df3d38"


def _run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.output


def test_help_lists_commands() -> None:
    code, out = _run("--help")
    assert code == 0
    assert "scan" in out and "codes" in out


def test_version() -> None:
    code, out = _run("--version")
    assert code == 0 and "0." in out


@pytest.mark.slow
def test_scan_corpus_shows_seed_findings_with_lines(tmp_path: Path) -> None:
    findings = tmp_path / "f.jsonl"
    signals = tmp_path / "s.parquet"
    quarantine = tmp_path / "q.jsonl"
    code, out = _run(
        "scan",
        str(REPO / "corpus"),
        "--findings",
        str(findings),
        "--signals",
        str(signals),
        "--quarantine",
        str(quarantine),
    )
    assert code == 0, out
    rows = [json.loads(x) for x in findings.read_text("utf-8").splitlines()]
    seed = {(r["code"], r["line"]) for r in rows if r["record_id"] == SEED_ID}
    assert ("licence_nag", 1) in seed
    assert ("back_to_top", 54) in seed
    assert ("space_before_punct", 44) in seed
    assert "records:" in out and "loaded" in out
    for r in rows:
        assert set(r) >= {
            "record_id",
            "line",
            "start",
            "end",
            "code",
            "family",
            "severity",
            "snippet",
        }
    table = pl.read_parquet(signals)
    assert table.height == len((REPO / "corpus" / "articles.jsonl").read_text("utf-8").splitlines())
    assert quarantine.exists()


def test_scan_missing_path_is_a_one_line_error() -> None:
    code, out = _run("scan", "/no/such/place.jsonl")
    assert code == 2
    assert "/no/such/place.jsonl" in out
    assert "Traceback" not in out


@pytest.mark.slow
def test_scan_bad_map_is_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"id": "a", "body": "Some text here."}\n', "utf-8")
    code, out = _run("scan", str(f), "--map", "nonsense")
    assert code == 2 and "nonsense" in out
    code, out = _run("scan", str(f), "--map", "text=body")
    assert code == 0, out
    assert "1 records: 1 loaded, 0 quarantined" in out


def test_scan_reports_quarantine_accounting(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(
        '{"id": "a", "text": "Fine text."}\n{broken\n{"id": "a", "text": "dup"}\n', "utf-8"
    )
    q = tmp_path / "q.jsonl"
    code, out = _run("scan", str(f), "--quarantine", str(q))
    assert code == 0
    assert "3 records: 1 loaded, 2 quarantined" in out
    reasons = sorted(json.loads(x)["reason"] for x in q.read_text("utf-8").splitlines())
    assert reasons == ["duplicate_id", "invalid_json"]


def test_unknown_code_is_usage_error() -> None:
    code, out = _run("scan", str(REPO / "corpus"), "--codes", "no_such_code")
    assert code == 2 and "no_such_code" in out


def test_console_script_runs_in_a_subprocess() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "dq.cli", "codes", "--markdown"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert "| `licence_nag` |" in r.stdout


def test_cli_formats_match_the_loaders() -> None:
    from dq.cli.options import INPUT_FORMATS
    from dq.load import FORMATS

    assert tuple(INPUT_FORMATS) == tuple(FORMATS)


@pytest.mark.slow
def test_streamed_scan_prints_and_writes_what_the_in_memory_scan_does(tmp_path: Path) -> None:
    outputs = {}
    for mode in ("--no-stream", "--stream"):
        out = tmp_path / mode.strip("-")
        code, printed = _run(
            "scan", str(REPO / "corpus"), mode, "--batch-size", "8K", "--limit", "7",
            "--findings", str(out / "f.jsonl"), "--signals", str(out / "s.parquet"),
            "--quarantine", str(out / "q.jsonl"),
        )
        assert code == 0, printed
        files = tuple((out / name).read_bytes() for name in ("f.jsonl", "q.jsonl"))
        outputs[mode] = (printed, files, pl.read_parquet(out / "s.parquet"))
    (mem_out, mem_files, mem_table), (st_out, st_files, st_table) = outputs.values()
    assert st_out == mem_out
    assert st_files == mem_files
    assert st_table.equals(mem_table)


def test_batch_size_must_be_a_size() -> None:
    code, out = _run("scan", str(REPO / "corpus"), "--batch-size", "lots")
    assert code == 2 and "expected a size such as 64M" in out


def test_scan_help_documents_streaming_and_threads() -> None:
    from dq.cli.options import parse_size
    from dq.scan import STREAM_THRESHOLD_BYTES
    from dq.stream import DEFAULT_BATCH_BYTES

    code, out = _run("scan", "--help")
    assert code == 0
    for option in ("--stream / --no-stream", "--batch-size", "--threads"):
        assert option in out
    # the help text repeats the defaults so `dq --help` need not import Polars
    assert f"{STREAM_THRESHOLD_BYTES // 2**20} MiB" in " ".join(out.split())
    assert parse_size("64M") == DEFAULT_BATCH_BYTES and "default: 64M" in out


@pytest.mark.slow
def test_the_command_tunes_the_allocator_before_polars_loads_unless_the_user_did() -> None:
    from dq.cli.options import ALLOCATOR_CONF, POLARS_DEFAULT_CONF

    script = (
        "import os, sys\n"
        "import dq.cli.options as common\n"
        "orig = common.tune_allocator\n"
        "def spy():\n"
        "    print('polars loaded', 'polars' in sys.modules)\n"
        "    orig()\n"
        "common.tune_allocator = spy\n"
        "from dq.cli import main\n"
        "try:\n"
        f"    main(['scan', {str(REPO / 'corpus')!r}, '--limit', '0'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('conf', os.environ.get('_RJEM_MALLOC_CONF'))\n"
    )
    base = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    inherited = {**base, "_RJEM_MALLOC_CONF": POLARS_DEFAULT_CONF}  # a parent imported Polars
    chosen = {**base, "_RJEM_MALLOC_CONF": "narenas:1"}
    for env, want in ((base, ALLOCATOR_CONF), (inherited, ALLOCATOR_CONF), (chosen, "narenas:1")):
        r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, cwd=REPO, env=env)
        lines = r.stdout.splitlines()
        assert "polars loaded False" in lines
        assert lines[-1].startswith("conf ") and lines[-1].endswith(want)  # Polars prepends


def test_polars_default_allocator_setting_is_the_one_dq_recognises() -> None:
    from dq.cli.options import POLARS_DEFAULT_CONF

    env = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    r = subprocess.run(
        [sys.executable, "-c", "import os, polars; print(os.environ['_RJEM_MALLOC_CONF'])"],
        capture_output=True, text=True, check=True, env=env,
    )
    assert r.stdout.strip() == POLARS_DEFAULT_CONF


def test_threads_sizes_the_polars_pool_before_polars_starts() -> None:
    script = (
        "import sys\n"
        "from dq.cli import main\n"
        "try:\n"
        f"    main(['scan', '--threads', '1', {str(REPO / 'corpus')!r}, '--limit', '0'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import polars\n"
        "print('pool', polars.thread_pool_size())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "POLARS_MAX_THREADS"}
    r = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True,
        cwd=REPO, env=env,
    )
    assert r.stdout.splitlines()[-1] == "pool 1"


def test_scan_limit_zero_prints_counts_without_an_empty_table(tmp_path: Path) -> None:
    found = tmp_path / "f.jsonl"
    code, out = _run("scan", str(REPO / "corpus"), "--limit", "0", "--findings", str(found))
    assert code == 0, out
    total = len(found.read_text(encoding="utf-8").splitlines())
    assert total > 0
    assert f"{total} findings (use --findings FILE for all)" in out
    assert "by code: " in out
    assert "snippet" not in out and "more findings" not in out


@pytest.mark.parametrize("limit", [20, 45, 120])
def test_help_table_matches_the_commands(limit: int) -> None:
    """``dq --help`` lists :data:`dq.cli.COMMANDS` without importing the commands:
    each row is what the command itself would show, and every command is listed."""
    import importlib

    import click

    from dq.cli import COMMANDS

    ctx = click.Context(main)
    for name, entry in COMMANDS.items():
        command = getattr(importlib.import_module(entry.module), entry.attribute)
        assert main.get_command(ctx, name) is command
        static = click.Command(name, help=entry.summary)
        assert command.get_short_help_str(limit) == static.get_short_help_str(limit), name
    assert sorted(main.list_commands(ctx)) == sorted(COMMANDS)


def test_unknown_command_suggests_an_unloaded_one() -> None:
    """click (>= 8.4) suggests close names; the lazy group offers every command, loaded or not."""
    import click

    code, out = _run("valdate")
    assert code == 2 and "No such command 'valdate'" in out
    if hasattr(click.exceptions, "NoSuchCommand"):
        assert "Did you mean 'validate'?" in out
