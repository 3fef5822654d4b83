"""``dq scan|validate|report --engine spark`` from the command line, and the light import.

The CLI runs in this process (click's runner), so it finds the session's
SparkSession (``local[2]``) as a notebook's would. The corpus is small:
the Spark CLI's wiring is under test here, equivalence in tests/test_spark.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from click.testing import CliRunner

from dq.cli import main

ROOT = Path(__file__).resolve().parents[1]
SPARK = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


def test_cli_imports_no_spark() -> None:
    code = ("import sys, dq.cli, dq.spark; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyspark', 'py4j')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_help_names_the_engines() -> None:
    out = CliRunner().invoke(main, ["scan", "--help"])
    assert out.exit_code == 0 and "--engine [local|spark]" in out.output
    assert "--spark-master" in out.output


def test_spark_master_needs_the_spark_engine() -> None:
    out = CliRunner().invoke(main, ["scan", str(ROOT / "corpus"), "--spark-master", "local[2]"])
    assert out.exit_code == 2
    assert "--spark-master needs --engine spark" in out.output


def test_a_bad_ignore_code_is_refused_before_spark_starts() -> None:
    out = CliRunner().invoke(main, ["scan", str(ROOT / "corpus"), "--engine", "spark",
                                    "--ignore", "back_to_tpo"])
    assert out.exit_code == 2
    assert "back_to_top" in out.output  # did you mean


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty records of the bundled corpus and two bad lines."""
    folder = tmp_path_factory.mktemp("spark-cli")
    lines = (ROOT / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:20]
    (folder / "a.jsonl").write_text("\n".join([*lines, '{"id": "x", "text": 3}', "{bad"]) + "\n",
                                    encoding="utf-8")
    return folder


def _scan(small: Path, out: Path, engine: str) -> tuple[int, str, pl.DataFrame]:
    args = ["scan", str(small), "--signals", str(out / "signals.parquet"),
            "--quarantine", str(out / "q.jsonl"), "--fail-on", "error", "--engine", engine]
    result = CliRunner().invoke(main, args)
    signals = pl.read_parquet(out / "signals.parquet" / "*.parquet" if engine == "spark"
                              else out / "signals.parquet")
    return result.exit_code, result.output, signals


@pytest.mark.usefixtures("spark")
def test_scan_writes_the_same_outputs(small: Path, tmp_path: Path) -> None:
    local = _scan(small, tmp_path / "local", "local")
    spark = _scan(small, tmp_path / "spark", "spark")
    assert spark[0] == local[0] and spark[0] in (0, 1), spark[1]
    assert "22 records: 20 loaded, 2 quarantined" in spark[1]
    assert spark[2].height == 20
    assert spark[2].columns == local[2].columns


def _validate_and_report(small: Path, tmp_path: Path, engine: str) -> dict[str, Any]:
    suite = str(ROOT / "expectations" / "nightly.json")
    runner = CliRunner()
    validated = runner.invoke(main, ["validate", str(small), "--suite", suite,
                                     "--json", str(tmp_path / "v.json"), "--engine", engine])
    assert validated.exit_code == 1, validated.output  # 2 of 22 quarantined: over 1%
    verdicts = [(r["expectation_config"]["type"], r["success"])
                for r in json.loads((tmp_path / "v.json").read_text())["gx"]["results"]]
    reported = runner.invoke(main, ["report", str(small), "--suite", suite, "--out",
                                    str(tmp_path / "r"), "--run-id", "one", "--gx-docs",
                                    "--engine", engine])
    assert reported.exit_code == 0, reported.output
    doc = json.loads((tmp_path / "r" / "one" / "summary.json").read_text())
    assert (tmp_path / "r" / "one" / "index.html").stat().st_size > 1000
    assert (tmp_path / "r" / "one" / "gx" / "index.html").is_file()
    del doc["run"]  # run id, times, version
    return {"verdicts": verdicts, "summary": doc}


@pytest.mark.usefixtures("spark")
def test_validate_and_report_agree_with_the_local_engine(small: Path, tmp_path: Path) -> None:
    local = _validate_and_report(small, tmp_path / "local", "local")
    spark = _validate_and_report(small, tmp_path / "spark", "spark")
    assert spark == local
    assert local["verdicts"] and local["summary"]["rates"]


@pytest.fixture(scope="module")
def accepted(small: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """``--ignore`` (the commonest code of ``small``) and a baseline file accepting the
    first finding of every other (record, code) pair."""
    from dq.engine.request import ScanRequest
    from dq.engine.scan import run
    from dq.validate.baseline import render_baseline

    findings = run(ScanRequest.build([str(small)])).findings
    counts = findings.group_by("code").len().sort("len", "code", descending=[True, False])
    ignored = str(counts.item(0, "code"))
    pairs = (findings.filter(pl.col("code") != ignored).group_by("record_id", "code").len()
             .sort("record_id", "code"))
    path = tmp_path_factory.mktemp("baseline") / "baseline.json"
    path.write_text(render_baseline({(r, c): 1 for r, c, _ in pairs.rows()[::2]}),
                    encoding="utf-8")
    return ignored, path


def _gate_run(small: Path, out: Path, accepted: tuple[str, Path], engine: str
              ) -> dict[str, Any]:
    """scan and validate with --ignore, --baseline, --output-format (file and stdout)."""
    ignored, baseline = accepted
    runner, common = CliRunner(), ["--ignore", ignored, "--baseline", str(baseline),
                                   "--engine", engine]
    findings = out / ("findings" if engine == "spark" else "findings.jsonl")
    scanned = runner.invoke(main, ["scan", str(small), *common, "--output-format", "jsonl",
                                   "--output-file", str(out / "scan.jsonl"), "--fail-on",
                                   "warning", "--findings", str(findings)])
    sarif = runner.invoke(main, ["scan", str(small), *common, "--output-format", "sarif"])
    table = runner.invoke(main, ["scan", str(small), *common, "--output-file",
                                 str(out / "table.txt")])
    validated = runner.invoke(main, ["validate", str(small), "--suite", "nightly", *common,
                                     "--output-format", "github", "--output-file",
                                     str(out / "gh.txt"), "--junit", str(out / "v.xml")])
    from dq.schema import FINDINGS_SCHEMA

    written = (pl.read_parquet(findings / "*.parquet").cast(dict(FINDINGS_SCHEMA))
               if engine == "spark" else pl.read_ndjson(findings, schema=FINDINGS_SCHEMA))
    return {"codes": (scanned.exit_code, sarif.exit_code, table.exit_code,
                      validated.exit_code),
            "jsonl": (out / "scan.jsonl").read_text(encoding="utf-8"),
            "sarif": sarif.stdout, "github": (out / "gh.txt").read_text(encoding="utf-8"),
            "table": (out / "table.txt").read_text(encoding="utf-8"),
            "findings": written}


def test_local_ignore_then_baseline_keeps_the_ignore_subtraction(
        small: Path, tmp_path: Path, accepted: tuple[str, Path]) -> None:
    """The local reference of the Spark comparison below: with --ignore and a --baseline
    of other families, the records whose only finding was ignored pass the family check
    (the baseline step used to refetch the columns the ignore step had lowered)."""
    ignored, baseline = accepted
    out = tmp_path / "v.json"
    result = CliRunner().invoke(main, ["validate", str(small), "--suite", "nightly",
                                       "--ignore", ignored, "--baseline", str(baseline),
                                       "--json", str(out)])
    assert result.exit_code == 1, result.output
    offenders = {o["record_id"] for e in json.loads(out.read_text())["dq"]["expectations"]
                 for o in e.get("offenders", ())}
    assert ignored == "back_to_top"  # the small corpus's commonest code
    assert not {"022_back_to_top_plain", "023_back_to_top_arrow"} & offenders


@pytest.mark.usefixtures("spark")
def test_ignore_baseline_and_output_formats_agree_with_the_local_engine(
        small: Path, tmp_path: Path, accepted: tuple[str, Path]) -> None:
    local = _gate_run(small, tmp_path / "local", accepted, "local")
    spark = _gate_run(small, tmp_path / "spark", accepted, "spark")
    for key in ("codes", "jsonl", "sarif", "github"):
        assert spark[key] == local[key], key
    assert spark["findings"].equals(local["findings"])
    ignored = accepted[0]
    assert local["jsonl"] and ignored not in local["jsonl"]  # findings left, none ignored
    assert json.loads(local["sarif"])["runs"][0]["results"]
    assert "::error" in local["github"] or "::warning" in local["github"]
    # the table shows the same kept findings (the Spark table is its own: record, line, code)
    kept = local["findings"].height
    assert f"{kept} findings" in spark["table"] and ignored not in spark["table"]


for _mark in SPARK:
    test_scan_writes_the_same_outputs = _mark(test_scan_writes_the_same_outputs)
    test_validate_and_report_agree_with_the_local_engine = _mark(
        test_validate_and_report_agree_with_the_local_engine)
    test_ignore_baseline_and_output_formats_agree_with_the_local_engine = _mark(
        test_ignore_baseline_and_output_formats_agree_with_the_local_engine)
