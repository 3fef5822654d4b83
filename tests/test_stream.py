"""Streaming: a corpus scanned a batch at a time gives what the in-memory scan gives.

The corpus below is cut so that the batches matter: JSON-lines shards (one
with a byte-order mark, blank and broken lines, one without a final
newline), a Parquet shard in small row groups, a gzip shard, a folder of text
files; a text duplicated across shards (``duplicate_record``), an id
repeated across shards (``duplicate_id``), a record without an id.
"""

from __future__ import annotations

import gc
import gzip
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import dq.engine.stream
from dq.load import load, load_batches
from dq.report.html_examples import select_examples
from dq.scan import ScanResult, append_findings, run_scan, write_findings
from dq.signals.context import DetectContext
from dq.signals.registry import get
from dq.stream import StreamOptions, stream_scan, text_keys

REPO = Path(__file__).resolve().parents[1]
#: Batch sizes from "a part per record" (a JSON line is 0.5-6 KB) to "one batch".
BATCH_SIZES = (2_000, 9_000, 40_000, 10**9)


def _records() -> list[dict[str, object]]:
    lines = (REPO / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _line(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shards")
    recs = _records()
    first = [_line(r) for r in recs[:30]]
    first.insert(5, '{"id": "bad", "text": ')  # invalid_json
    first.insert(9, "")  # a blank line: not a record, but it moves the line numbers
    (root / "a_01.jsonl").write_bytes(b"\xef\xbb\xbf" + ("\n".join(first) + "\n").encode())
    second = [_line(r) for r in recs[30:60]]
    copy = dict(recs[3], id="copy-of-3")
    copy["text"] = str(copy["text"]).upper().replace("\n", "  \n ")  # same once normalised
    second.insert(4, _line(copy))
    second.insert(7, _line(recs[10]))  # duplicate_id of a record in the first shard
    second.insert(9, _line({"id": "blank", "text": "  "}))  # empty_text
    second.append(_line({"url": "http://x.example/a", "text": recs[40]["text"]}))  # no id
    (root / "a_02.jsonl").write_text("\n".join(second), encoding="utf-8")  # no final newline
    parquet = [*recs[60:75], dict(recs[33], id="copy-of-33")]
    pl.DataFrame(parquet).write_parquet(root / "b_03.parquet", row_group_size=4)
    tail = "\n".join(_line(r) for r in recs[75:]) + "\n"
    (root / "c_04.jsonl.gz").write_bytes(gzip.compress(tail.encode()))
    texts = root / "d_05"
    texts.mkdir()
    (texts / "one.txt").write_text(str(recs[0]["text"]), encoding="utf-8")  # duplicate text
    (texts / "two.txt").write_text("Short note.\n", encoding="utf-8")
    (texts / "bad.txt").write_bytes(b"caf\xe9")  # invalid_utf8
    return root


@pytest.fixture(scope="module")
def ctx() -> DetectContext:
    return DetectContext()


@pytest.fixture(scope="module")
def whole(corpus: Path, ctx: DetectContext) -> ScanResult:
    return run_scan([corpus], ctx=ctx, stream=False)


@pytest.fixture(scope="module")
def whole_findings(whole: ScanResult, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("whole") / "findings.jsonl"
    write_findings(whole.findings, path)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def streamed_scans(
    corpus: Path, ctx: DetectContext, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[int], tuple[ScanResult, Path]]:
    """The streamed scan of ``corpus`` at a batch size (first 7 findings kept in its totals,
    all written to the returned file), run once per size for the tests that read it.

    Why shared: the 2,000-byte scan runs ``detect()`` once per batch, about a hundred calls
    (~40 CPU s on loaded CI cores); the findings file and ``first_findings`` change what is
    written and counted, not which records' evidence is kept."""
    done: dict[int, tuple[ScanResult, Path]] = {}

    def scan(batch_bytes: int) -> tuple[ScanResult, Path]:
        if batch_bytes not in done:
            path = tmp_path_factory.mktemp(f"streamed_{batch_bytes}") / "findings.jsonl"
            options = StreamOptions(batch_bytes=batch_bytes, findings_path=path,
                                    first_findings=7)
            done[batch_bytes] = (stream_scan([corpus], ctx=ctx, options=options), path)
        return done[batch_bytes]

    return scan


def test_the_corpus_exercises_what_crosses_batches(whole: ScanResult) -> None:
    table = whole.signals
    flagged = set(table.filter(pl.col("duplicate_record") > 0)["id"].to_list())
    assert {"copy-of-3", "copy-of-33", "url:http://x.example/a", "d_05/one"} <= flagged
    reasons = {(Path(q.file).name, q.reason) for q in whole.loaded.quarantine}
    assert {
        ("a_01.jsonl", "invalid_json"),
        ("a_02.jsonl", "duplicate_id"),
        ("a_02.jsonl", "empty_text"),
        ("bad.txt", "invalid_utf8"),
    } <= reasons


@pytest.mark.slow
@pytest.mark.parametrize("batch_bytes", BATCH_SIZES)
def test_streamed_scan_equals_the_in_memory_scan(
    batch_bytes: int,
    streamed_scans: Callable[[int], tuple[ScanResult, Path]],
    whole: ScanResult,
    whole_findings: str,
) -> None:
    streamed, path = streamed_scans(batch_bytes)
    assert_frame_equal(streamed.signals, whole.signals)
    assert path.read_text(encoding="utf-8") == whole_findings
    assert streamed.loaded.quarantine == whole.loaded.quarantine
    assert (streamed.loaded.seen, streamed.loaded.files, streamed.loaded.skipped) == (
        whole.loaded.seen,
        whole.loaded.files,
        whole.loaded.skipped,
    )
    assert streamed.summary_line() == whole.summary_line()
    totals = streamed.totals
    assert totals is not None
    assert totals.total == whole.findings.height
    assert dict(totals.by_code) == dict(whole.findings.group_by("code").len().iter_rows())
    assert_frame_equal(totals.first, whole.findings.head(7))


def _without_originals(examples: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
    """Examples without ``duplicate_of``: a streamed scan keeps only some records, so the
    original a duplicate repeats may be gone (the report names it when it is available)."""
    return {c: [replace(e, duplicate_of=None) for e in ex] for c, ex in examples.items()}


@pytest.mark.slow
@pytest.mark.parametrize("batch_bytes", [2_000, 10**9])
def test_kept_evidence_gives_the_same_examples(
    batch_bytes: int, streamed_scans: Callable[[int], tuple[ScanResult, Path]], whole: ScanResult
) -> None:
    streamed, _ = streamed_scans(batch_bytes)
    codes = sorted(whole.findings["code"].unique().to_list())
    assert _without_originals(select_examples(
        streamed.findings, streamed.loaded.articles, codes, per_code=3
    )) == _without_originals(select_examples(whole.findings, whole.loaded.articles, codes,
                                             per_code=3))
    # the kept findings are findings of the whole scan, in its order
    kept = streamed.findings.with_row_index("k")
    assert_frame_equal(
        kept.drop("k"),
        whole.findings.join(
            kept.select("record_id", "code").unique(), on=["record_id", "code"], how="semi",
            maintain_order="left",
        ),
    )


@pytest.mark.parametrize(
    "codes", [["duplicate_record"], ["duplicate_record", "empty_text"], ["back_to_top"]]
)
def test_streamed_code_selections_equal_the_in_memory_scan(
    codes: list[str], corpus: Path, ctx: DetectContext
) -> None:
    whole = run_scan([corpus], ctx=ctx, codes=codes, stream=False)
    streamed = stream_scan([corpus], ctx=ctx, codes=codes,
                           options=StreamOptions(batch_bytes=5_000))
    assert_frame_equal(streamed.signals, whole.signals)
    assert streamed.totals is not None
    assert streamed.totals.by_code == dict(whole.findings.group_by("code").len().iter_rows())


def test_few_kept_records_bound_the_evidence(corpus: Path, ctx: DetectContext) -> None:
    options = StreamOptions(batch_bytes=9_000, kept_records=1)
    streamed = stream_scan([corpus], ctx=ctx, options=options)
    per_code = streamed.findings.group_by("code").agg(pl.col("record_id").n_unique())
    assert per_code["record_id"].max() <= 2  # most findings, lowest id
    # only the kept records are in memory, each once; every record is counted
    kept_ids = streamed.loaded.articles["id"].to_list()
    assert set(kept_ids) == set(streamed.findings["record_id"].to_list())
    assert len(kept_ids) == len(set(kept_ids))
    assert streamed.records_loaded == streamed.signals.height > len(kept_ids)


def test_streamed_signal_table_stays_on_disk_until_read(
    corpus: Path, ctx: DetectContext, whole: ScanResult, tmp_path: Path
) -> None:
    streamed = stream_scan([corpus], ctx=ctx, options=StreamOptions(batch_bytes=9_000))
    assert streamed.spilled is not None
    assert len(streamed.spilled.parts) > 3
    assert streamed.detection.signals.height == 0
    assert streamed.detection.signals.schema == whole.signals.schema
    streamed.write(signals=tmp_path / "s.parquet")  # written part by part
    assert_frame_equal(pl.read_parquet(tmp_path / "s.parquet"), whole.signals)
    folder = streamed.spilled.parts[0].parent
    del streamed
    gc.collect()
    assert not folder.exists()


def test_validate_and_report_read_a_streamed_table_from_disk_alike(
    corpus: Path, ctx: DetectContext, whole: ScanResult
) -> None:
    from dq.report.html_data import compute_rates, compute_source_rates

    streamed = stream_scan([corpus], ctx=ctx, options=StreamOptions(batch_bytes=9_000))
    wanted = ["licence_nag", "id", "no_such_column", "n_chrome"]
    for scan in (whole, streamed):
        # GX's columns only, in table order, read from the parts alone
        assert_frame_equal(scan.signal_columns(wanted),
                           whole.signals.select("id", "n_chrome", "licence_nag"))
        assert_frame_equal(scan.signals_lazy().collect(), whole.signals)
    assert streamed.spilled is not None and streamed.spilled._frame is None  # never read whole
    limits = {"chrome": 0.1}
    assert compute_rates(streamed.signals_lazy(), limits) == compute_rates(whole.signals, limits)
    assert compute_source_rates(streamed.signals_lazy()) == compute_source_rates(whole.signals)


def test_a_streamed_scan_refuses_to_write_findings_it_did_not_keep(
    corpus: Path, ctx: DetectContext, tmp_path: Path
) -> None:
    streamed = stream_scan([corpus], ctx=ctx, options=StreamOptions(batch_bytes=10**9))
    with pytest.raises(ValueError, match="streamed scan writes findings while it runs"):
        streamed.write(findings=tmp_path / "f.jsonl")


def _concat(batches: Iterator[pl.DataFrame]) -> pl.DataFrame:
    return pl.concat(list(batches), how="diagonal_relaxed")


@settings(max_examples=12)
@given(batch_bytes=st.integers(min_value=1, max_value=60_000))
def test_batches_hold_exactly_what_load_holds(corpus: Path, batch_bytes: int) -> None:
    whole = load([corpus])
    parts = list(load_batches([corpus], batch_bytes=batch_bytes))
    articles = _concat(p.articles for p in parts)
    columns = ["id", "text", "title", "url", "source", "dq_file", "dq_row"]
    assert_frame_equal(articles.select(columns), whole.articles.select(columns))
    assert [q for p in parts for q in p.quarantine] == whole.quarantine
    assert sum(p.seen for p in parts) == whole.seen


def test_a_line_longer_than_a_batch_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(
        _line({"id": "a", "text": "word " * 500}) + "\n" + _line({"id": "b", "text": "x"}),
        encoding="utf-8",
    )
    parts = list(load_batches([path], batch_bytes=16))
    assert [p.articles["id"].to_list() for p in parts] == [["a"], ["b"]]
    assert [p.articles["dq_row"].to_list() for p in parts] == [[1], [2]]


def test_run_scan_streams_from_the_threshold(
    corpus: Path, ctx: DetectContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dq.engine.scan

    assert not run_scan([corpus], ctx=ctx).streamed
    monkeypatch.setattr(dq.engine.scan, "STREAM_THRESHOLD_BYTES", 1)
    assert run_scan([corpus], ctx=ctx).streamed
    assert not run_scan([corpus], ctx=ctx, stream=False).streamed


def test_batch_bytes_must_be_positive(corpus: Path) -> None:
    with pytest.raises(ValueError, match="batch_bytes=0"):
        next(load_batches([corpus], batch_bytes=0))


def test_a_streamed_nightly_report_shows_the_same_examples(
    corpus: Path, ctx: DetectContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dq.engine.scan
    from dq.report.nightly import ReportOptions, run_report

    suite = REPO / "expectations" / "pre-merge.json"
    opts = ReportOptions(suite=suite, gx_docs=False, ctx=ctx, examples=3, run_id="whole")
    whole = run_report([corpus], tmp_path / "whole", options=opts)
    monkeypatch.setattr(dq.engine.scan, "STREAM_THRESHOLD_BYTES", 1)
    opts = ReportOptions(suite=suite, gx_docs=False, ctx=ctx, examples=3, run_id="streamed")
    streamed = run_report([corpus], tmp_path / "streamed", options=opts)
    assert streamed.data.examples
    assert _without_originals(streamed.data.examples) == _without_originals(whole.data.examples)
    def same(summary: dict[str, object]) -> dict[str, object]:  # "run": id, time, duration
        return {key: value for key, value in summary.items() if key != "run"}

    assert same(streamed.summary) == same(whole.summary)


@pytest.mark.parametrize("codes", [["duplicate_record", "too_short"], ["back_to_top"]])
def test_a_streamed_scan_of_some_codes_equals_the_in_memory_one(
    codes: list[str], corpus: Path, ctx: DetectContext
) -> None:
    whole = run_scan([corpus], ctx=ctx, codes=codes, stream=False)
    streamed = stream_scan([corpus], ctx=ctx, codes=codes, options=StreamOptions(batch_bytes=9_000))
    assert_frame_equal(streamed.signals, whole.signals)
    assert_frame_equal(streamed.findings, whole.findings)  # few findings: all of them are kept


@pytest.mark.slow
def test_report_options_force_streaming_with_small_batches(
    corpus: Path, ctx: DetectContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dq.engine.scan
    from dq.report.nightly import ReportOptions, run_report

    calls: list[int] = []
    real = dq.engine.scan.stream

    def counting(request: Any, **kwargs: Any) -> Any:
        calls.append(request.options.batch_bytes)
        return real(request, **kwargs)

    monkeypatch.setattr(dq.engine.scan, "stream", counting)
    whole = run_report([corpus], tmp_path / "w", options=ReportOptions(
        gx_docs=False, ctx=ctx, run_id="whole", stream=False))
    assert calls == []
    streamed = run_report([corpus], tmp_path / "s", options=ReportOptions(
        gx_docs=False, ctx=ctx, run_id="streamed", stream=True,
        stream_options=StreamOptions(batch_bytes=5_000)))
    assert calls == [5_000]
    assert {k: v for k, v in streamed.summary.items() if k != "run"} == {
        k: v for k, v in whole.summary.items() if k != "run"}


def test_report_cli_takes_the_stream_options() -> None:
    from click.testing import CliRunner

    from dq.cli import main

    out = CliRunner().invoke(main, ["report", "--help"]).output
    assert "--stream / --no-stream" in out and "--batch-size" in out and "--threads" in out


_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=200)
@given(st.lists(st.tuples(_TEXT, _TEXT, st.one_of(st.none(), _TEXT)), min_size=1, max_size=5))
def test_findings_json_is_json_dumps_of_each_row(rows: list[tuple[str, str, str | None]]) -> None:
    import io

    frame = pl.DataFrame(
        {
            "record_id": [r[0] for r in rows], "line": [3] * len(rows), "start": [0] * len(rows),
            "end": [1] * len(rows), "code": ["c"] * len(rows), "family": ["f"] * len(rows),
            "severity": ["warning"] * len(rows), "evidence": ["phrase"] * len(rows),
            "snippet": [r[1] for r in rows],
            "fix": [r[2] for r in rows],
        },
        schema_overrides={"fix": pl.String},
    )
    expected = "".join(
        json.dumps({k: v for k, v in row.items() if k != "fix" or v is not None},
                   ensure_ascii=False) + "\n"
        for row in frame.iter_rows(named=True)
    )
    out = io.StringIO()
    append_findings(frame, out)
    assert out.getvalue() == expected


def test_a_failed_findings_write_stops_the_scan(
    corpus: Path, ctx: DetectContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # findings are written on a side thread: what the write raises reaches the caller
    calls: list[int] = []

    def full_disk(findings: pl.DataFrame, out: object) -> None:
        calls.append(findings.height)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dq.engine.stream, "append_findings", full_disk)
    options = StreamOptions(batch_bytes=2_000, findings_path=tmp_path / "f.jsonl")
    with pytest.raises(OSError, match="No space left"):
        stream_scan([corpus], ctx=ctx, options=options)
    assert len(calls) == 1  # the scan stopped at the first failed write


@given(st.lists(st.text(alphabet=" \t\nAaBb.\u00a0İ", max_size=12), max_size=9))
@settings(max_examples=60)
def test_text_keys_do_not_depend_on_the_slice_size(texts: list[str]) -> None:
    series = pl.Series(texts, dtype=pl.String)
    key = get("duplicate_record").key
    assert key is not None
    whole = text_keys(series, key)
    assert text_keys(series, key, slice_size=2).to_list() == whole.to_list()
    normal = [" ".join(t.split()).lower() for t in texts]  # what duplicate_record compares
    for i in range(len(texts)):
        for j in range(len(texts)):
            if normal[i] == normal[j]:
                assert whole[i] == whole[j]


def test_a_scan_has_one_shape_however_it_ran(
    corpus: Path, ctx: DetectContext, whole: ScanResult
) -> None:
    # consumers (the terminal, the report) read the same fields of either result
    streamed = stream_scan([corpus], ctx=ctx, options=StreamOptions(batch_bytes=9_000))
    by_code = dict(whole.findings.group_by("code").len().iter_rows())
    for result in (whole, streamed):
        totals = result.finding_totals
        assert totals.total == whole.findings.height and dict(totals.by_code) == by_code
        assert_frame_equal(totals.first.head(20), whole.findings.head(20))
        assert result.records_loaded == whole.signals.height
    assert not whole.streamed and streamed.streamed
