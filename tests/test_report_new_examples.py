"""Issue 16, nightly examples: records new since the previous run come first and are marked.

The history (schema 3) keeps the latest run's flagged records per code as a
bounded sketch of 64-bit keys (:mod:`dq.report.history_flags`); older files
are migrated in place and mark nothing new until their next run. Also: a
first run lists limit breaches as "over threshold", never as regressions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from dq.report.history import (
    SCHEMA_VERSION,
    RateRow,
    RunRecord,
    RunRow,
    migrate,
    open_history,
    read_runs,
    schema_version,
    write_run,
)
from dq.report.history_flags import (
    MAX_KEYS_PER_CODE,
    flagged_pairs,
    flags_kept,
    new_since,
    record_key,
    write_flags,
)
from dq.report.nightly import ReportOptions, ReportRun, run_report
from dq.signals.context import DetectContext

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2024, 5, 1, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def ctx() -> DetectContext:
    return DetectContext()


def _clock() -> Any:
    times: Iterator[datetime] = iter(T0 + timedelta(days=i) for i in range(100))
    return lambda: next(times)


def _pairs(rows: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"code": pl.String, "record_id": pl.String}, orient="row")


def _run_row(run_id: str, day: int) -> RunRow:
    return RunRow(run_id, f"2024-05-{day:02d}T02:00:00", 1.0, "c", None, "0", 3, 3, 0, None, 0, 0)


# --- the sketch ---------------------------------------------------------------------------


def test_record_key_is_duckdbs_md5_number_lower() -> None:
    ids = ["a", "090_combo", "ünïcode · 記事", "x" * 300, ""]
    con = duckdb.connect()
    want = [con.execute("SELECT md5_number_lower(?)", [i]).fetchall()[0][0] for i in ids]
    assert [record_key(i) for i in ids] == want
    assert len(set(want)) == len(ids)


def test_new_seen_and_unknown_against_the_previous_run(tmp_path: Path) -> None:
    with open_history(tmp_path / "h.duckdb", write=True) as con:
        last = [("back_to_top", f"r{i}") for i in range(6)] + [("read_more", "r0")]
        write_run(con, RunRecord(_run_row("run-1", 1), [], flagged=_pairs(last)))
        ask = _pairs([("back_to_top", "r1"), ("read_more", "r1"), ("licence_nag", "r0"),
                      ("read_more", "r0"), ("back_to_top", "r1")])
        got = {(c, r): n for c, r, n in new_since(con, "run-1", ask).iter_rows()}
    assert got == {
        ("back_to_top", "r1"): False,  # flagged last run
        ("read_more", "r1"): True,  # the code was there, not on this record
        ("licence_nag", "r0"): True,  # the code had no record at all last run
        ("read_more", "r0"): False,
    }


def test_a_capped_code_answers_exactly_below_its_cutoff_and_unknown_above(
    tmp_path: Path,
) -> None:
    ids = [f"rec-{i}" for i in range(40)]
    old, fresh = ids[:30], ids[30:]
    keep = 10
    with open_history(tmp_path / "h.duckdb", write=True) as con:
        con.execute(  # the run row first: write_flags marks it as having kept its sketch
            "INSERT INTO runs (run_id, started_at, duration_s, corpus, dq_version, records_seen, "
            "records_loaded, records_quarantined, expectations, failed) "
            "VALUES ('r', TIMESTAMP '2024-05-01 02:00:00', 1, 'c', '0', 30, 30, 0, 0, 0)"
        )
        write_flags(con, "r", _pairs([("c", i) for i in old]), keep=keep)
        stored = con.execute("SELECT records, kept, cutoff FROM flagged_codes").fetchall()
        asked = new_since(con, "r", _pairs([("c", i) for i in ids]))
        got = {r: n for _, r, n in asked.iter_rows()}
    ((records, kept, cutoff),) = stored
    assert (records, kept) == (30, keep)
    assert cutoff == sorted(record_key(i) for i in old)[keep - 1]
    for rid in ids:
        below = record_key(rid) <= cutoff
        want = (rid in fresh) if below else None  # above the cutoff the sketch cannot say
        assert got[rid] is want, rid
    assert any(v is None for v in got.values()) and any(v is False for v in got.values())


def test_only_the_latest_runs_sketch_is_kept(tmp_path: Path) -> None:
    with open_history(tmp_path / "h.duckdb", write=True) as con:
        for day in (1, 2, 3):
            flagged = _pairs([("back_to_top", f"d{day}-{i}") for i in range(5)])
            write_run(con, RunRecord(_run_row(f"run-{day}", day), [], flagged=flagged))
        runs = con.execute("SELECT DISTINCT run_id FROM flagged_records").fetchall()
        assert runs == [("run-3",)]
        assert con.execute("SELECT count(*) FROM flagged_records").fetchall() == [(5,)]
        assert flags_kept(con, "run-3")
        # a run written without flagged records (None) keeps nothing: nothing judged new
        write_run(con, RunRecord(_run_row("run-4", 4), []))
        assert not flags_kept(con, "run-4")
        assert new_since(con, "run-4", _pairs([("back_to_top", "x")]))["new"].to_list() == [None]


def test_flagged_pairs_bound_is_documented_and_sane() -> None:
    table = pl.DataFrame({"id": ["a", "b", "c"], "back_to_top": [1, 0, 2], "read_more": [0, 0, 0]})
    assert flagged_pairs(table.lazy(), ["back_to_top", "read_more"]).rows() == [
        ("back_to_top", "a"), ("back_to_top", "c"),
    ]
    assert 1_000 <= MAX_KEYS_PER_CODE <= 1_000_000


def test_a_version_2_history_is_migrated_to_3_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, 0, to=2)
    con.execute(
        "INSERT INTO runs VALUES ('old-run', TIMESTAMP '2024-01-01 02:00:00', 2.0, 'c', "
        "NULL, '0.2.0', 5, 5, 0, NULL, 0, 0, 1)"
    )
    con.execute(
        "INSERT INTO rates VALUES ('old-run', 'chrome', 'chrome', 'family', 1, 5, 0.2, NULL)"
    )
    con.close()
    with open_history(path, write=True) as con:
        assert schema_version(con) == SCHEMA_VERSION == 3
        assert [(r.run_id, r.regressions) for r in read_runs(con)] == [("old-run", 1)]
        assert not flags_kept(con, "old-run")  # an older dq kept no flagged records
        assert new_since(con, "old-run", _pairs([("chrome", "a")]))["new"].to_list() == [None]
        write_run(con, RunRecord(_run_row("new-run", 2), [
            RateRow("chrome", "chrome", "family", 1, 3, 0.333333, None)
        ], flagged=_pairs([("back_to_top", "a")])))
    with open_history(path, write=False) as con:  # a reader opens the migrated file
        assert [r.run_id for r in read_runs(con)] == ["old-run", "new-run"]
        assert flags_kept(con, "new-run")


# --- the report ---------------------------------------------------------------------------


def _clean_records() -> list[dict[str, Any]]:
    lines = (ROOT / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if "_clean_" in r["id"]][:15]


def _night(folder: Path, dirty: set[int]) -> Path:
    """The 15 clean records; those at positions ``dirty`` end with a "Back to top" line."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    rows = [
        {**r, "text": r["text"] + "\n\nBack to top"} if i in dirty else r
        for i, r in enumerate(_clean_records())
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _ids(positions: set[int]) -> set[str]:
    records = _clean_records()
    return {records[i]["id"] for i in positions}


@pytest.mark.slow
def test_new_records_come_first_and_are_marked_in_html_markdown_and_json(
    tmp_path: Path, ctx: DetectContext
) -> None:
    out, clock = tmp_path / "reports", _clock()
    opts = ReportOptions(examples=2, ctx=ctx)
    # night 1: the records at 0-2 carry back_to_top; night 2: 0-2 again and 13, 14 too
    first = run_report([_night(tmp_path / "n1", {0, 1, 2})], out, options=opts, now=clock)
    assert first.data.new_since is None
    second = run_report([_night(tmp_path / "n2", {0, 1, 2, 13, 14})], out, options=opts,
                        now=clock)
    assert ("back_to_top", "trend") in {(g.code, g.rule) for g in second.data.regressions}
    shown = second.data.examples["back_to_top"]
    # without the history the two lowest ids would be picked; the two new records win
    assert {e.record_id for e in shown} == _ids({13, 14})
    assert all(e.new is True for e in shown)
    assert second.data.new_since == first.run_id
    doc = json.loads((second.folder / "summary.json").read_text(encoding="utf-8"))
    assert set(doc["new_examples"]["back_to_top"]) == _ids({13, 14})
    assert doc["run"]["new_since"] == first.run_id
    page = (second.folder / "index.html").read_text(encoding="utf-8")
    block = page[page.index('id="ex-back_to_top"') :]
    block = block[: block.index("</details>")]
    assert block.count('<span class="pill new"') == 2 and "2 records, 2 new" in block
    assert f"in the previous run ({first.run_id})" in page
    # the proposed fix beside each finding: a "Back to top" line is deleted by dq clean
    assert block.count('→ <span class="action">dq clean deletes the line</span>') == 2
    md = (second.folder / "summary.md").read_text(encoding="utf-8")
    assert md.count("- 🆕 **new** <code>") == 2
    assert "(2 records, 2 new)" in md
    assert md.count("<code>Back to top</code> → _dq clean deletes the line_") == 2

    # night 3: nothing new; the same records are shown, none marked
    third = run_report([_night(tmp_path / "n3", {0, 1, 2, 13, 14})], out,
                       options=ReportOptions(examples=5, ctx=ctx, rule=opts.rule), now=clock)
    if "back_to_top" in third.data.examples:
        assert not any(e.new for e in third.data.examples["back_to_top"])
    third_md = (third.folder / "summary.md").read_text(encoding="utf-8")
    assert "🆕 **new** <code>" not in third_md


@pytest.mark.slow
def test_a_history_from_an_older_dq_marks_nothing_new_and_says_why(
    tmp_path: Path, ctx: DetectContext
) -> None:
    out = tmp_path / "reports"
    history = out / "history.duckdb"
    out.mkdir()
    con = duckdb.connect(str(history))
    migrate(con, 0, to=2)
    con.execute(
        "INSERT INTO runs VALUES ('old', TIMESTAMP '2024-04-30 02:00:00', 2.0, 'c', "
        "NULL, '0.2.0', 15, 15, 0, NULL, 0, 0, 0)"
    )
    con.execute(
        "INSERT INTO rates VALUES ('old', 'back_to_top', 'chrome', 'code', 0, 15, 0, NULL)"
    )
    con.close()
    run = run_report([_night(tmp_path / "n", {0, 1})], out,
                     options=ReportOptions(examples=2, ctx=ctx), now=_clock())
    assert run.data.new_since is None
    assert run.data.examples["back_to_top"] and not any(
        e.new for e in run.data.examples["back_to_top"]
    )
    page = (run.folder / "index.html").read_text(encoding="utf-8")
    assert "The previous run kept no list of flagged records" in page
    with open_history(history, write=False) as con:
        assert schema_version(con) == 3 and flags_kept(con, run.run_id)


@pytest.mark.slow
def test_a_first_run_lists_over_threshold_and_no_regressions(
    tmp_path: Path, ctx: DetectContext
) -> None:
    suite = tmp_path / "suite.json"
    suite.write_text(json.dumps({"name": "tiny", "expectations": [
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "back_to_top", "min_value": 0, "max_value": 0, "mostly": 0.95},
         "meta": {"code": "back_to_top", "rationale": "at most 5% of records"}},
    ]}), encoding="utf-8")
    run: ReportRun = run_report([_night(tmp_path / "n", {0, 1, 2})], tmp_path / "out",
                                options=ReportOptions(suite=suite, ctx=ctx), now=_clock())
    assert run.data.regressions == ()
    assert [r.row.code for r in run.data.over_threshold] == ["back_to_top"]
    doc = json.loads((run.folder / "summary.json").read_text(encoding="utf-8"))
    assert doc["regressions"] == [] and doc["over_threshold"][0]["code"] == "back_to_top"
    page = (run.folder / "index.html").read_text(encoding="utf-8")
    regressions = page[page.index('<section id="regressions">') : page.index("</section>")]
    assert "First run in this history" in regressions and "nothing has regressed" in regressions
    assert '<h3 id="over-threshold">' in regressions and "back_to_top" in regressions
    assert "regressed" not in page[page.index('id="rate-back_to_top"') :].split("</tr>")[0]
    md = (run.folder / "summary.md").read_text(encoding="utf-8")
    assert "no regressions · 1 over threshold" in md and "### Over threshold" in md


@pytest.mark.slow
def test_the_proposed_deletion_is_what_dq_clean_does(ctx: DetectContext) -> None:
    """On the bundled corpus, every reported line an example says ``dq clean`` deletes is
    deleted by ``clean_and_explain``, and every line it says is kept is kept."""
    from dq.clean import clean_and_explain
    from dq.detect import detect
    from dq.load import load
    from dq.report.html_examples import DELETE_LINE, proposed_fix
    from dq.signals.registry import REGISTRY

    line_codes = {s.code for s in REGISTRY if s.fix_stage == "lines"}

    # and a record with lines reported on layout or context only (a menu, a related list)
    teaser = (
        "Home\nWorld\nSport\nBusiness and Money Markets Today Live Now\nCulture\nWeather\n\n"
        "The council said on Tuesday that it would publish a map showing where work was planned "
        "each week, and residents welcomed it.\n\nBy Ann Lee\n\nRead more\n"
        "Related stories about the council budget plans\nFloods hit the north coast again"
    )
    loaded = load([ROOT / "corpus" / "articles.jsonl"]).articles
    articles = pl.concat(
        [loaded, loaded.head(1).with_columns(pl.lit("zz_menu").alias("id"),
                                             pl.lit(teaser).alias("text"))],
        how="vertical_relaxed",
    )
    findings = detect(articles, ctx=ctx).findings
    texts = dict(articles.select("id", "text").iter_rows())
    said: dict[tuple[str, int], bool] = {}
    for row in findings.iter_rows(named=True):
        fix = proposed_fix(row, texts[row["record_id"]])
        if fix is not None and fix.action is not None:
            key = (row["record_id"], int(row["line"]))
            said[key] = said.get(key, False) or fix.action == DELETE_LINE
    assert sum(said.values()) >= 20 and not all(said.values())  # both answers occur
    deleted: dict[str, set[int]] = {}  # each record cleaned once, not once per reported line
    for (rid, line), deletes in sorted(said.items()):
        if rid not in deleted:
            deleted[rid] = {s.line for s in clean_and_explain(texts[rid], ctx=ctx).steps
                            if s.code in line_codes}
        assert (line in deleted[rid]) is deletes, (rid, line)
