"""``dq report``: the page, summary.json (golden), trends and regressions, atomic writes.

The golden fixture (``tests/golden/report/``) is a small slice of ``corpus/``
plus two broken lines; see its README. Regenerate the golden summary with
``DQ_UPDATE_GOLDEN=1 pytest tests/test_report.py -k golden`` after a change
to detection or to the summary format, and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from click.testing import CliRunner

from dq.cli import main
from dq.report.history import PastRuns, RateRow, RunRow, open_history, read_runs
from dq.report.html_data import RegressionRule, judge
from dq.report.html_examples import Example, ShownLine, render_example, segments, shown_lines
from dq.report.nightly import ReportError, ReportOptions, ReportRun, run_report
from dq.scan import ScanResult, run_scan
from dq.signals.context import DetectContext

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "report"
T0 = datetime(2024, 5, 1, 2, 0, tzinfo=UTC)


def _clock(start: datetime = T0) -> Any:
    times = iter(start + timedelta(days=i) for i in range(1000))
    return lambda: next(times)


@pytest.fixture(scope="module")
def in_root() -> Iterator[Path]:
    before = Path.cwd()
    os.chdir(ROOT)  # summary.json records the paths as given: relative, so machine-independent
    try:
        yield ROOT
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def ctx() -> DetectContext:
    """One detection context for the module: the lexicon is built once (~1 s a build)."""
    return DetectContext()


@pytest.fixture(scope="module")
def golden_run(
    in_root: Path, tmp_path_factory: pytest.TempPathFactory, ctx: DetectContext
) -> ReportRun:
    return _golden_pair(tmp_path_factory.mktemp("golden"), ctx, gx_docs=True)


def _golden_pair(out: Path, ctx: DetectContext, *, gx_docs: bool) -> ReportRun:
    """Two runs over the golden corpus; the second (compared) one has a previous run to diff."""
    suite = Path("tests/golden/report/suite.json")
    clock = _clock()
    corpus = ["tests/golden/report/articles.jsonl"]
    run_report(corpus, out, options=ReportOptions(suite=suite, gx_docs=False, ctx=ctx), now=clock)
    options = ReportOptions(suite=suite, run_id="golden", ctx=ctx, gx_docs=gx_docs)
    return run_report(corpus, out, options=options, now=clock)


def _stable(doc: dict[str, Any]) -> dict[str, Any]:
    """The summary without the wall-clock part (run id, times, versions)."""
    return {k: v for k, v in doc.items() if k != "run"}


# --- summary.json -------------------------------------------------------------------------


def test_summary_matches_golden(golden_run: ReportRun) -> None:
    written = json.loads((golden_run.folder / "summary.json").read_text(encoding="utf-8"))
    assert written == golden_run.summary
    got = _stable(written)
    path = GOLDEN / "summary.json"
    if os.environ.get("DQ_UPDATE_GOLDEN"):
        path.write_text(
            json.dumps(got, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got == want, "summary.json changed; if intended: DQ_UPDATE_GOLDEN=1 pytest -k golden"


def test_summary_is_deterministic(
    golden_run: ReportRun, tmp_path: Path, ctx: DetectContext
) -> None:
    again = _golden_pair(tmp_path, ctx, gx_docs=False)
    assert _stable(again.summary) == {
        **_stable(golden_run.summary),
        "links": {"html": "index.html", "gx_docs": None},
    }
    text = (again.folder / "summary.json").read_text(encoding="utf-8")
    assert text == json.dumps(again.summary, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert again.summary["run"]["previous_run"] is not None


def test_summary_counts_quarantine_and_failures(golden_run: ReportRun) -> None:
    doc = golden_run.summary
    assert doc["corpus"]["records"] == {"seen": 12, "loaded": 10, "quarantined": 2}
    assert sum(doc["corpus"]["quarantine_by_reason"].values()) == 2
    failed = {e["code"] for e in doc["suite"]["expectations"] if not e["success"]}
    assert {"licence_nag", "html_residue"} <= failed
    # over its limit in both runs: not a regression (nothing changed), but over threshold
    assert doc["regressions"] == []
    over = {g["code"] for g in doc["over_threshold"]}
    assert "html_residue" in over
    assert doc["examples"]["licence_nag"] == ["020_licence_nag_activate"]


# --- the page -----------------------------------------------------------------------------


def test_page_has_every_section_and_no_gx_docs_link(golden_run: ReportRun) -> None:
    page = (golden_run.folder / "index.html").read_text(encoding="utf-8")
    for anchor in (
        "regressions",
        "expectations",
        "rates",
        "sources",
        "trends",
        "examples",
        "quarantine",
    ):
        assert f'<section id="{anchor}">' in page
    # GX Data Docs load styles and their index from CDNs: offline they were broken, not linked
    assert "gx/index.html" not in page and "Data Docs" not in page
    over = page[page.index('<h3 id="over-threshold">') : page.index('<section id="expectations">')]
    assert "html_residue" in over
    # examples fold per code, the first open
    assert page.count('<details class="exblock"') >= 2
    assert '<details class="exblock" id="ex-' in page and " open><summary>" in page
    assert page.count("<svg") == 2  # two trend charts, inline


def test_page_is_self_contained(golden_run: ReportRun) -> None:
    page = (golden_run.folder / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"<(link|img|iframe|object|embed|audio|video|source)\b", page, re.I)
    assert not re.search(r"\bsrc\s*=|@import|url\((?!#)", page, re.I)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") or h == "summary.json" for h in hrefs)
    # http(s) only as the SVG/XLink namespace names, which are never fetched
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_page_highlights_offending_lines_and_escapes_markup(golden_run: ReportRun) -> None:
    page = (golden_run.folder / "index.html").read_text(encoding="utf-8")
    assert "<mark>Please activate your license to unlock premium features</mark>" in page
    assert "&lt;p&gt;" in page  # the html_residue record's tags, shown as text
    assert "<p>Doctors" not in page


def test_example_rendering_escapes_hostile_text() -> None:
    hostile = '</pre><script>alert(1)</script><img src=x onerror="alert(2)">'
    line = f"before {hostile} after"
    start = line.index("<script>")
    ex = Example(
        record_id='"><svg onload=alert(3)>',
        title="</textarea><b>t</b>",
        source="javascript:x",
        findings=1,
        notes=("<i>note</i>",),
        lines=(ShownLine(1, segments(line, [(start, start + 8)]), hit=True),),
    )
    out = render_example(ex)
    assert "<script" not in out and "<img" not in out and "<svg" not in out and "<i>" not in out
    assert "<mark>&lt;script&gt;</mark>" in out
    assert "&lt;/textarea&gt;&lt;b&gt;t&lt;/b&gt;" in out


def test_long_lines_are_clipped_around_the_mark() -> None:
    line = "x" * 1000 + "NAG" + "y" * 1000
    segs = segments(line, [(1000, 1003)])
    assert segs[0].text == "…" and segs[-1].text == "…"
    assert [s.text for s in segs if s.marked] == ["NAG"]
    assert sum(len(s.text) for s in segs) < 500


def test_context_lines_and_gaps() -> None:
    text = "\n".join(f"line {i}" for i in range(1, 11))
    starts = [0]
    for part in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(part) + 1)
    shown = shown_lines(text, {2: [(starts[1], starts[1] + 6)], 8: [(starts[7], starts[7] + 6)]})
    assert [s.number for s in shown] == [1, 2, 3, None, 7, 8, 9]
    assert [s.hit for s in shown if s.number] == [False, True, False, False, True, False]


def test_context_skips_blank_lines_without_a_gap() -> None:
    text = "Intro paragraph.\n\nBack to top\n\nNext paragraph.\nMore."
    start = text.index("Back")
    shown = shown_lines(text, {3: [(start, start + 11)]})
    assert [s.number for s in shown] == [1, 3, 5]
    assert [seg.text for seg in shown[1].segments if seg.marked] == ["Back to top"]


# --- regression rule ----------------------------------------------------------------------


def _past(rates: list[float], code: str = "c") -> PastRuns:
    runs = tuple(
        RunRow(f"r{i}", "2024-01-01T00:00:00", 1.0, "x", None, "0", 1, 1, 0, None, 0, 0)
        for i in range(len(rates))
    )
    return PastRuns(runs, {f"r{i}": {code: r} for i, r in enumerate(rates)})


def _rate(rate: float, threshold: float | None = None) -> RateRow:
    return RateRow("c", "chrome", "code", round(rate * 100), 100, rate, threshold)


def test_regression_rule_threshold_and_trend() -> None:
    rule = RegressionRule(factor=1.5, window=3)
    # a first run has no history: over its limit, but nothing regressed
    first = judge([_rate(0.02, 0.01)], PastRuns(), rule)[0]
    assert first.rules == () and first.over_threshold
    assert judge([_rate(0.01, 0.01)], PastRuns(), rule)[0].rules == ()
    # within the limit last run, above it now: a regression; above it both times: not new
    wide = RegressionRule(factor=10, window=3)  # no trend, so only the threshold speaks
    assert judge([_rate(0.02, 0.01)], _past([0.02, 0.005]), wide)[0].rules == ("threshold",)
    again = judge([_rate(0.02, 0.01)], _past([0.02, 0.02]), wide)[0]
    assert again.rules == () and again.over_threshold
    # median of the last 3 runs (0.1, 0.1, 0.2) is 0.1: 0.16 is fine, 0.16 > 1.5 x 0.1 is not
    assert judge([_rate(0.14)], _past([0.9, 0.1, 0.1, 0.2]), rule)[0].rules == ()
    judged = judge([_rate(0.16)], _past([0.9, 0.1, 0.1, 0.2]), rule)[0]
    assert judged.rules == ("trend",)
    assert judged.previous == 0.2 and judged.baseline == 0.1 and judged.change == -0.04
    # from a zero median any rise counts, unless min_change says otherwise
    assert judge([_rate(0.01)], _past([0.0, 0.0]), rule)[0].rules == ("trend",)
    quiet = RegressionRule(factor=1.5, window=3, min_change=0.02)
    assert judge([_rate(0.01)], _past([0.0, 0.0]), quiet)[0].rules == ()


def test_regression_rule_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="factor"):
        RegressionRule(factor=0.5)
    with pytest.raises(ValueError, match="window"):
        RegressionRule(window=0)


# --- three nights, each dirtier -----------------------------------------------------------


def _clean_records() -> list[dict[str, Any]]:
    lines = (ROOT / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    # The first 15 (the rates asserted below are counted in fifteenths).
    return [r for r in rows if "_clean_" in r["id"]][:15]


def _night(folder: Path, dirty: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, record in enumerate(_clean_records()):
            if i < dirty:
                record = {**record, "text": record["text"] + "\n\nBack to top"}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _points(svg_page: str, series: str) -> list[tuple[float, float]]:
    found = re.findall(
        r'aria-label="series: '
        + re.escape(series)
        + r'; [^"]*" role="graphics-symbol" aria-roledescription="point" '
        + r'transform="translate\(([\d.]+),([\d.]+)\)"',
        svg_page,
    )
    return [(float(x), float(y)) for x, y in found]


@pytest.mark.slow
def test_three_dirtier_runs_show_a_rising_trend_and_an_alert(
    tmp_path: Path, ctx: DetectContext
) -> None:
    out, history = tmp_path / "reports", tmp_path / "h.duckdb"
    clock = _clock()
    opts = ReportOptions(history=history, gx_docs=False, ctx=ctx)
    first = run_report([_night(tmp_path / "n1", 1)], out, options=opts, now=clock)
    second = run_report([_night(tmp_path / "n2", 3)], out, options=opts, now=clock)
    assert not first.regressed
    assert ("back_to_top", "trend") in {(g.code, g.rule) for g in second.data.regressions}

    third_night = _night(tmp_path / "n3", 6)
    result = CliRunner().invoke(
        main,
        [
            "report",
            str(third_night),
            "--no-suite",
            "--no-gx-docs",
            "--out",
            str(out),
            "--history",
            str(history),
            "--fail-on-regression",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "[trend] back_to_top: 40% of records, up from a median of 13.3%" in result.output

    latest = out / "latest"
    doc = json.loads((latest / "summary.json").read_text(encoding="utf-8"))
    rates = {r["code"]: r for r in doc["rates"]}
    assert rates["back_to_top"]["rate"] == 0.4 and rates["back_to_top"]["previous"] == 0.2
    assert {(g["code"], g["rule"]) for g in doc["regressions"]} >= {
        ("back_to_top", "trend"),
        ("chrome", "trend"),
    }
    page = (latest / "index.html").read_text(encoding="utf-8")
    alert = page[
        page.index('<section id="regressions">') : page.index('<section id="expectations">')
    ]
    assert 'class="alert"' in alert and "back_to_top" in alert
    # the chart's line rises: three points left to right, each higher (SVG y grows downwards)
    points = _points(page, "back_to_top")
    assert len(points) == 3
    assert [x for x, _ in points] == sorted(x for x, _ in points)
    assert points[0][1] > points[1][1] > points[2][1]
    assert "<mark>Back to top</mark>" in page  # an example of the regressed code

    with open_history(history, write=False) as con:
        assert len(read_runs(con)) == 3
    quiet = CliRunner().invoke(
        main,
        [
            "report",
            str(third_night),
            "--no-suite",
            "--no-gx-docs",
            "--out",
            str(out),
            "--history",
            str(history),
        ],
    )
    assert quiet.exit_code == 0 and "regressions:" in quiet.output


# --- atomic writes ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def night_scan(tmp_path_factory: pytest.TempPathFactory, ctx: DetectContext) -> ScanResult:
    return run_scan([_night(tmp_path_factory.mktemp("night"), 1)], ctx=ctx)


@pytest.fixture
def quick(night_scan: ScanResult, monkeypatch: pytest.MonkeyPatch) -> Path:
    """These tests are about writing: every run reuses one scan instead of detecting again."""
    monkeypatch.setattr(
        "dq.report.nightly._scan_and_validate", lambda paths, opts: (night_scan, None, ())
    )
    return Path("night.jsonl")


def _state(out: Path) -> tuple[list[str], str | None]:
    names = sorted(p.name for p in out.iterdir())
    latest = (out / "latest").readlink().name if (out / "latest").is_symlink() else None
    return names, latest


def test_a_crash_while_rendering_leaves_no_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: Path
) -> None:
    night = quick
    out = tmp_path / "reports"
    opts = ReportOptions(gx_docs=False)
    run_report([night], out, options=opts, now=_clock())
    before = _state(out)

    def half_written(folder: Path, *args: object, **kwargs: object) -> None:
        (folder / "index.html").write_text("<!DOCTYPE html><html><body><h1>half", encoding="utf-8")
        raise RuntimeError("disk full")

    monkeypatch.setattr("dq.report.nightly.write_report", half_written)
    with pytest.raises(RuntimeError, match="disk full"):
        run_report([night], out, options=opts, now=_clock(T0 + timedelta(days=9)))
    assert _state(out) == before  # no run folder, no .tmp-*, latest unchanged
    with open_history(out / "history.duckdb", write=False) as con:
        assert len(read_runs(con)) == 1


def test_a_failed_history_commit_removes_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: Path
) -> None:
    night = quick
    out = tmp_path / "reports"
    opts = ReportOptions(gx_docs=False)
    first = run_report([night], out, options=opts, now=_clock())
    before = _state(out)
    monkeypatch.setattr(
        "dq.report.nightly.write_run", lambda *a: (_ for _ in ()).throw(OSError("io"))
    )
    with pytest.raises(OSError, match="io"):
        run_report([night], out, options=opts, now=_clock(T0 + timedelta(days=9)))
    assert _state(out) == before
    assert before[1] == first.run_id
    assert json.loads((out / "latest.json").read_text())["run_id"] == first.run_id


def test_run_ids_are_checked(tmp_path: Path, quick: Path) -> None:
    night = quick
    for bad in ("../escape", "latest", "a b"):
        with pytest.raises(ReportError, match="run id"):
            run_report([night], tmp_path / "r", options=ReportOptions(run_id=bad, gx_docs=False))
    run_report([night], tmp_path / "r", options=ReportOptions(run_id="n1", gx_docs=False))
    with pytest.raises(ReportError, match="exists"):
        run_report([night], tmp_path / "r", options=ReportOptions(run_id="n1", gx_docs=False))


def test_cli_needs_a_suite_or_no_suite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    night = _night(tmp_path / "n", 0)
    result = CliRunner().invoke(main, ["report", str(night), "--out", "r"])
    assert result.exit_code == 2
    assert (
        "no suite file expectations/nightly.json; pass --suite FILE, or --no-suite" in result.output
    )
    both = CliRunner().invoke(main, ["report", str(night), "--no-suite", "--suite", "x.json"])
    assert both.exit_code == 2 and "exclude each other" in both.output


def test_examples_show_fixes_and_name_the_duplicated_record(ctx: DetectContext) -> None:
    from dq.detect import detect
    from dq.report.html_examples import render_examples, select_examples

    original = "The council met on Tuesday.\n\nIt voted to repair the bridge before winter."
    articles = pl.DataFrame({
        "id": ["a_first", "b_copy", "c_glued"],
        "text": [original, "  THE council met on Tuesday. It voted to repair the bridge "
                           "before winter.", "Talks with NATOand the allies went on."],
    })
    found = detect(articles, ctx=ctx)
    examples = select_examples(found.findings, articles, ["duplicate_record", "glued_words"],
                               per_code=2)
    (dup,) = examples["duplicate_record"]
    assert dup.record_id == "b_copy" and dup.duplicate_of == "a_first"
    (glued,) = examples["glued_words"]
    assert [(f.before, f.after) for f in glued.fixes] == [("NATOand", "NATO and")]
    page = render_examples(examples, {"glued_words": "Words glued <together>"})
    assert "Duplicates the earlier record <span class=\"rid\">a_first</span>" in page
    assert "<code>NATOand</code> → <code>NATO and</code>" in page
    assert page.count("<details") == 2 and "&lt;together&gt;" in page
