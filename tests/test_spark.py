"""``--engine spark`` against the local engine: identical findings, signal table,
quarantine and suite results on the bundled corpus plus bad inputs, read in many splits.

One SparkSession (``local[2]``) for the whole test session. Skipped, with the
reason printed (``-ra``), only when Java is missing or pyspark is not installed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dq.engine.request import ScanRequest
from dq.engine.scan import run

pytestmark = [
    pytest.mark.spark,
    # py4j leaves its gateway sockets to the garbage collector
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

ROOT = Path(__file__).resolve().parents[1]
#: Small splits: the corpus's 0.3 MB JSON-lines file is read as 10+ byte ranges.
SPLIT_BYTES = 30_000


def _site_records() -> list[dict[str, str]]:
    """Twelve pages of one site sharing a ticker line: repeated_boilerplate fires."""
    topics = ["rain", "tax", "vote", "fire", "port", "rail",
              "zoo", "bank", "farm", "mine", "dam", "fair"]
    return [{"id": f"site-{i:02d}", "source": "ticker.example",
             "text": f"A story about the {t}, told in some detail by our reporter today.\n"
                     f"Ticker: DOW 3{i},000 up {i} points"} for i, t in enumerate(topics)]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus, bad JSON lines, a duplicate id across files, a CSV and a Parquet file."""
    folder = tmp_path_factory.mktemp("spark-corpus")
    shutil.copy(ROOT / "corpus" / "articles.jsonl", folder / "a_articles.jsonl")
    bad = [
        b'{"id": "bad-1", "text": "A fine first line of a record."}',
        b'{"id": "bad-2", "text": "cut off',
        b"",
        b'{"id": "bad-3", "text": 3}',
        b'{"id": "bad-4", "title": "no text at all"}',
        b'{"id": "bad-5", "text": "   "}',
        b'{"id": "bad-6", "text": "caf\xe9 au lait"}',
        b"[1, 2, 3]",
        b'{"id": "000_be765a12c0df3d38", "text": "A later record with an id seen before."}',
        b'{"id": "bad-7", "text": NaN}',
    ]
    (folder / "b_bad.jsonl").write_bytes(b"\n".join(bad) + b"\n")
    (folder / "c_site.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in _site_records()), encoding="utf-8")
    # csv-3, csv-4: empty texts the loader keeps, empty_text and not copies of each other
    pl.DataFrame({"id": ["csv-1", "csv-2", "bad-1", "csv-3", "csv-4"],
                  "text": ["Click here to read more.\nA line.", "", "dup id in csv", "...", "..."]}
                 ).write_csv(folder / "d_table.csv")
    pl.DataFrame({"id": ["pq-1", "pq-2"], "body": ["Share this article\nBody text here.", None]}
                 ).write_parquet(folder / "e_rows.parquet")
    # a menu known by its layout alone: info findings the signal table does not count
    menu = "Markets\nPolitics\nCulture\nTravel\n" + "\n".join(
        f"The storm reached the coast on Monday, forecasters said, paragraph {n}."
        for n in range(3))
    (folder / "f_layout.jsonl").write_text(
        json.dumps({"id": "layout-1", "text": menu, "source": "example.org"}) + "\n",
        encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def scans(spark: Any, corpus: Path) -> tuple[Any, Any]:
    import dq.spark

    request = ScanRequest.build([str(corpus)], batch_bytes=SPLIT_BYTES, stream=False)
    return run(request), dq.spark.scan(spark, [str(corpus)], request)


def _ints_as_int64(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(pl.UInt32, pl.UInt64, pl.Int32).cast(pl.Int64))


def _collect(frame: Any) -> pl.DataFrame:
    from dq.spark._result import collect_polars

    return _ints_as_int64(collect_polars(frame))


def test_inputs_are_read_in_many_splits(corpus: Path) -> None:
    from dq.load._discover import discover
    from dq.spark._plan import plan_splits

    splits = plan_splits(discover([str(corpus)], None).sources, SPLIT_BYTES)
    assert sum(s.kind == "range" for s in splits) >= 3


def test_signal_table_is_identical(scans: tuple[Any, Any]) -> None:
    local, remote = scans
    expected = _ints_as_int64(local.signals)
    got = _collect(remote.signals)
    assert got.columns == expected.columns
    assert got.equals(expected, null_equal=True)
    assert remote.records_loaded == local.records_loaded == got.height
    layout = got.filter(pl.col("id") == "layout-1")
    assert layout["navigation"].item() == layout["n_chrome"].item() == 0  # info: not counted


def test_findings_are_identical(scans: tuple[Any, Any]) -> None:
    local, remote = scans
    expected = _ints_as_int64(local.findings)
    got = _collect(remote.findings)
    assert got.equals(expected, null_equal=True)
    assert {"repeated_boilerplate", "duplicate_record"} <= set(got.get_column("code"))
    assert "info" in set(got.get_column("severity"))  # shape-only findings, not counted
    assert remote.by_code == dict(local.finding_totals.by_code)


def test_quarantine_is_identical(scans: tuple[Any, Any]) -> None:
    local, remote = scans
    expected = [q.to_dict() for q in local.loaded.quarantine]
    got = [r.asDict() for r in remote.quarantine.collect()]
    assert got == expected
    reasons = {q["reason"] for q in expected}
    assert {"invalid_json", "non_string_text", "missing_text", "duplicate_id",
            "invalid_utf8"} <= reasons
    assert remote.seen == local.loaded.seen
    assert remote.summary_line() == local.summary_line()


def test_suite_results_are_identical(scans: tuple[Any, Any]) -> None:
    import dq.spark
    from dq.validate.run import validate_table

    local, remote = scans
    suite = ROOT / "expectations" / "nightly.json"
    expected = validate_table(local.signals, local.findings, suite, seen=local.loaded.seen,
                              quarantined=len(local.loaded.quarantine))
    got = dq.spark.validate(remote, suite)

    def verdicts(outcome: Any) -> list[tuple[Any, ...]]:
        return [(o.spec.type, o.success, o.observed, o.unexpected_count,
                 [(x.record_id, len(x.findings)) for x in o.offenders])
                for o in outcome.expectations]

    assert verdicts(got) == verdicts(expected)
    assert not expected.success  # the bad inputs fail the gate: the comparison means something


def test_outputs_are_parquet_datasets_readable_by_polars(scans: tuple[Any, Any],
                                                         tmp_path: Path) -> None:
    local, remote = scans
    remote.write(signals=tmp_path / "signals", findings=tmp_path / "findings",
                 quarantine=tmp_path / "quarantine.jsonl")
    signals = pl.read_parquet(tmp_path / "signals" / "*.parquet")
    assert _ints_as_int64(signals).equals(_ints_as_int64(local.signals), null_equal=True)
    findings = pl.read_parquet(tmp_path / "findings" / "*.parquet")
    assert findings.height == local.findings.height
    lines = [json.loads(line) for part in sorted((tmp_path / "quarantine.jsonl").glob("part-*"))
             for line in part.read_text(encoding="utf-8").splitlines()]
    assert lines == [q.to_dict() for q in local.loaded.quarantine]


def test_a_spark_dataframe_with_corrupt_records(spark: Any, tmp_path: Path) -> None:
    """A frame Spark read itself: bad lines (the corrupt-record column) are quarantined,
    the good ones give the local engine's signal table, with ``--map``."""
    import dq.spark

    rows = [{"doc": r["id"], "body": r["text"], "source": r["source"]} for r in _site_records()]
    good = "".join(json.dumps(r) + "\n" for r in rows)
    (tmp_path / "good.jsonl").write_text(good, encoding="utf-8")
    (tmp_path / "mixed.jsonl").write_text(good + '{"doc": "x", "body": "cut\n', encoding="utf-8")
    mapping = {"id": "doc", "text": "body"}
    local = run(ScanRequest.build([str(tmp_path / "good.jsonl")], mapping=mapping))
    frame = spark.read.option("mode", "PERMISSIVE").json(str(tmp_path / "mixed.jsonl"))
    # Arrow batches of 5 rows: the detect task gets several and detects them together
    # (dq.spark._tasks.batch_chunks); a record's signals do not depend on its batch
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "5")
    try:
        remote = dq.spark.scan(spark, frame, ScanRequest.build([], mapping=mapping))
        quarantine = [r.asDict() for r in remote.quarantine.collect()]
        signals = _collect(remote.signals)
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    assert [(q["reason"], q["excerpt"]) for q in quarantine] == [
        ("invalid_json", '{"doc": "x", "body": "cut')]
    # Spark forgets the file of a cached frame's rows (input_file_name() is empty): known gap
    assert quarantine[0]["file"] in ("<dataframe>", str(tmp_path / "mixed.jsonl"))
    assert signals.equals(_ints_as_int64(local.signals), null_equal=True)
    assert signals.get_column("repeated_boilerplate").sum() > 0  # the ticker line: 12 pages


def _acceptance(local: Any) -> tuple[list[str], dict[tuple[str, str], int]]:
    """An ``--ignore`` (the commonest code) and a baseline accepting the first finding of
    every other (record, code) pair: records with more findings of a code keep the rest."""
    counts = local.findings.group_by("code").len().sort("len", "code", descending=[True, False])
    ignored = [str(counts.item(0, "code"))]
    pairs = (local.findings.filter(~pl.col("code").is_in(ignored))
             .group_by("record_id", "code").len().sort("record_id", "code"))
    return ignored, {(r, c): 1 for r, c, _ in pairs.rows()[::2]}


def test_ignore_and_baseline_give_the_local_findings_and_table(scans: tuple[Any, Any]) -> None:
    """``accepting`` (--ignore, --baseline on Spark) against the local commands' functions."""
    from dq.validate.baseline import (
        apply_to_signals,
        baseline_from_findings,
        drop_codes,
        filter_findings,
    )

    local, remote = scans
    ignored, baseline = _acceptance(local)
    findings = local.findings
    dropped = baseline_from_findings(findings.filter(pl.col("code").is_in(ignored)))
    table = apply_to_signals(apply_to_signals(local.signals, dropped), baseline)
    kept = filter_findings(drop_codes(findings, ignored), baseline)
    got = remote.accepting(ignored, baseline)
    assert _collect(got.findings).equals(_ints_as_int64(kept), null_equal=True)
    assert _collect(got.signals).equals(_ints_as_int64(table), null_equal=True)
    assert got.by_code == dict(kept.group_by("code").len().iter_rows())
    # the comparison means something: some findings of accepted pairs stay, the table moved
    assert 0 < kept.height < findings.height - sum(dropped.values())
    assert kept.join(pl.DataFrame([{"record_id": r, "code": c} for r, c in baseline]),
                     on=["record_id", "code"]).height > 0
    assert not table.equals(local.signals)


def test_mapped_json_lines_read_in_splits(spark: Any, tmp_path: Path) -> None:
    """``--map`` on a path scan read in several byte ranges (each read twice: by the read
    task and by the detect task): the local engine's table, findings and quarantine.
    (A split read in chunks: tests/test_spark_plan.py.)"""
    import dq.spark

    rows = [{"doc": r["id"], "body": r["text"], "source": r["source"]}
            for r in _site_records() * 3]
    for i, row in enumerate(rows):
        row["doc"] = f"{row['doc']}-{i}"
    lines = [json.dumps(r) for r in rows]
    lines[5], lines[20] = '{"doc": "x", "body": "cut', '{"doc": "y", "title": "no body"}'
    path = tmp_path / "mapped.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mapping = {"id": "doc", "text": "body"}
    request = ScanRequest.build([str(path)], mapping=mapping, stream=False)
    local = run(request)
    remote = dq.spark.scan(spark, [str(path)], request, split_bytes=2_000)
    assert _collect(remote.signals).equals(_ints_as_int64(local.signals), null_equal=True)
    assert _collect(remote.findings).equals(_ints_as_int64(local.findings), null_equal=True)
    assert [r.asDict() for r in remote.quarantine.collect()] == [
        q.to_dict() for q in local.loaded.quarantine]
    assert {q.reason for q in local.loaded.quarantine} == {"invalid_json", "missing_text"}


def test_python_workers_run_one_polars_thread_each(spark: Any) -> None:
    """A session dq starts gives each Python worker one Polars thread (``dq.spark.WORKER_ENV``):
    Spark already runs one task per core."""
    from dq.spark import WORKER_ENV

    def pool_sizes(batches: Any) -> Any:  # nested: shipped by value, not by module name
        import polars
        import pyarrow as pa

        for _ in batches:
            yield pa.record_batch({"threads": [polars.thread_pool_size()]})

    got = spark.range(2, numPartitions=2).mapInArrow(pool_sizes, "threads long").collect()
    assert {r["threads"] for r in got} == {int(v) for v in WORKER_ENV.values()} == {1}
