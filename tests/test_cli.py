"""The CLI end to end: exit codes, outputs, the seed's findings, light start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
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
    from dq._cli_common import INPUT_FORMATS
    from dq.load import FORMATS

    assert tuple(INPUT_FORMATS) == tuple(FORMATS)
