"""A finding's severity follows its evidence: on layout alone (``shape``) it is ``info``.

Issue 15, item 1: severity, the gate and the cleaner use the evidence. A
finding that rests on the shape of a line alone (short, at an edge, in a run
of menu-like lines) is reported with severity ``info``, and the signal
table's count columns (what suites, baselines and reports read) leave it
out, so neither ``dq validate`` nor ``dq scan --fail-on`` fails on it. The
Spark engine runs the same ``detect()``; ``tests/test_spark.py`` holds a
record of such findings and compares the two engines on it.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from dq.cli import main
from dq.detect import detect
from dq.signals.base import UNGATED_EVIDENCE, Signal, finding_severity
from dq.signals.registry import REGISTRY
from dq.validate.run import validate_table

ROOT = Path(__file__).resolve().parent.parent
PRE_MERGE = ROOT / "expectations" / "pre-merge.json"
BODY = ("The storm reached the coast on Monday, forecasters said, and thousands of homes "
        "along the shore lost power for most of the night.")
#: Four short lines none of which is a known menu entry: a menu by its layout alone.
LAYOUT_MENU = "Markets\nPolitics\nCulture\nTravel\n"
#: The same run led by a known menu entry ("Home"): that line rests on a phrase.
PHRASE_MENU = "Home\nPolitics\nCulture\nTravel\n"


def _frame(*texts: str) -> pl.DataFrame:
    return pl.DataFrame({
        "id": [f"r{i}" for i in range(len(texts))],
        "text": list(texts),
        "source": ["example.com"] * len(texts),
        "author": ["Jane Doe"] * len(texts),
    })


def _body(menu: str) -> str:
    return menu + "\n".join(f"{BODY} Paragraph {n}." for n in range(3))


def test_shape_findings_are_info_and_not_counted() -> None:
    found = detect(_frame(_body(LAYOUT_MENU)))
    nav = found.findings.filter(pl.col("code") == "navigation")
    assert nav.height == 4
    assert set(nav.get_column("evidence")) == {"shape"}
    assert set(nav.get_column("severity")) == {"info"}
    row = found.signals.row(0, named=True)
    assert row["navigation"] == 0 and row["n_chrome"] == 0


def test_phrase_findings_keep_their_severity_and_count() -> None:
    found = detect(_frame(_body(PHRASE_MENU))).findings.filter(pl.col("code") == "navigation")
    by_evidence = dict(zip(found["evidence"], found["severity"], strict=True))
    assert by_evidence == {"phrase": "warning", "shape": "info"}
    table = detect(_frame(_body(PHRASE_MENU))).signals
    assert table.row(0, named=True)["navigation"] == 1  # the phrase line alone
    assert table.row(0, named=True)["n_chrome"] == 1


def test_every_finding_is_info_exactly_when_its_evidence_is_ungated() -> None:
    text = _body(LAYOUT_MENU) + "\nBack to top\nSports\nWeather\n"
    found = detect(_frame(text, _body(PHRASE_MENU), "Share this article\n" + BODY)).findings
    assert "info" in set(found["severity"]) and "error" in set(found["severity"])
    severity = {s.code: s.severity for s in REGISTRY}
    for code, evidence, sev in found.select("code", "evidence", "severity").iter_rows():
        expected = "info" if evidence in UNGATED_EVIDENCE else severity[code]
        assert sev == expected, (code, evidence, sev)


def test_counts_equal_the_gated_findings() -> None:
    """Each count column is the number of the code's findings that are not ``info``."""
    texts = (_body(LAYOUT_MENU), _body(PHRASE_MENU), "Back to top\n" + BODY + "\nRead more: x y z")
    found = detect(_frame(*texts))
    gated = (found.findings.filter(pl.col("severity") != "info", pl.col("line") > 0)
             .group_by("record_id", "code").len())
    table = found.signals
    for code in ("navigation", "back_to_top", "read_more", "category_label"):
        for rid in table["id"]:
            want = gated.filter(pl.col("record_id") == rid, pl.col("code") == code)["len"].sum()
            got = table.filter(pl.col("id") == rid)[code].item()
            assert got == want, (rid, code)


def test_pre_merge_gate_passes_a_layout_menu_and_fails_a_phrase_one() -> None:
    for menu, passes in ((LAYOUT_MENU, True), (PHRASE_MENU, False)):
        found = detect(_frame(_body(menu)))
        outcome = validate_table(found.signals, found.findings, PRE_MERGE, seen=1)
        chrome = [e for e in outcome.expectations if e.spec.code == "chrome"]
        assert [e.success for e in chrome] == [passes], menu


def test_scan_fail_on_warning_ignores_info_findings(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "r0", "text": _body(LAYOUT_MENU), "source": "example.com",
                                "author": "Jane Doe"}) + "\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["scan", str(path), "--fail-on", "warning",
                                    "--output-format", "jsonl"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    assert {r["severity"] for r in rows if r["code"] == "navigation"} == {"info"}


def test_finding_severity_is_a_function_of_evidence_only() -> None:
    assert finding_severity("error", "shape") == "info"
    assert all(finding_severity("warning", e) == "warning"
               for e in ("phrase", "context", "corpus"))


def test_a_record_signal_cannot_rest_on_shape() -> None:
    with pytest.raises(ValueError, match="not info"):
        Signal("x_y", "hygiene", "record", "d", expr=lambda: pl.lit(True), evidence="shape")


def test_baseline_accepts_only_gated_findings() -> None:
    """A baseline holds what the gate counts: a record whose ``info`` findings were
    accepted and that later gains a gated finding of the same code still fails."""
    from dq.validate.baseline import apply_to_signals, baseline_from_findings, filter_findings

    before = detect(_frame(_body(LAYOUT_MENU)))
    accepted = baseline_from_findings(before.findings)
    assert not any(code == "navigation" for _, code in accepted)
    after = detect(_frame(_body(PHRASE_MENU)))
    gated = after.findings.filter(
        (pl.col("code") == "navigation") & (pl.col("severity") != "info"))
    assert gated.height >= 1
    # Even a stale baseline that accepted the layout run's info findings by count
    # (as written before info existed) leaves the info findings listed and
    # subtracts from the gated count only what it names.
    stale = {("r0", "navigation"): before.findings.filter(
        pl.col("code") == "navigation").height}
    kept = filter_findings(after.findings, stale)
    assert kept.filter(pl.col("severity") == "info").height == after.findings.filter(
        pl.col("severity") == "info").height
    assert apply_to_signals(after.signals, accepted).row(0, named=True)["navigation"] == \
        after.signals.row(0, named=True)["navigation"] >= 1
