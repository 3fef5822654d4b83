"""The detection engine: findings format, offsets, signal table shape."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dq.detect import FINDINGS_SCHEMA, detect, select_signals
from dq.schema import FAMILIES
from dq.signals.context import DetectContext
from dq.signals.registry import CODES, REGISTRY


def _frame(*texts: str) -> pl.DataFrame:
    return pl.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "text": list(texts)})


def test_findings_point_at_their_text() -> None:
    text = "Share this\n\nThe council met .  It voted.\nBack to top"
    found = detect(_frame(text)).findings
    assert found.columns == list(FINDINGS_SCHEMA)
    lines = text.split("\n")
    for row in found.iter_rows(named=True):
        if row["line"] == 0:
            continue
        line = lines[row["line"] - 1]
        offset = sum(len(x) + 1 for x in lines[: row["line"] - 1])
        assert offset <= row["start"] <= row["end"] <= offset + len(line)
        assert text[row["start"] : row["end"]] in row["snippet"]
    codes = set(found["code"])
    assert {"back_to_top", "space_before_punct"} <= codes


def test_signal_table_has_a_row_per_record_and_a_column_per_code() -> None:
    table = detect(_frame("a b c", "Back to top", "x .")).signals
    assert table.height == 3
    assert table["id"].to_list() == ["r0", "r1", "r2"]
    for code in CODES:
        assert table.schema[code] == pl.UInt32
    for fam in FAMILIES:
        if any(s.family == fam for s in REGISTRY):
            assert f"n_{fam}" in table.columns
    assert table.filter(pl.col("id") == "r1")["back_to_top"].item() == 1


def test_empty_frame() -> None:
    d = detect(pl.DataFrame({"id": [], "text": []}, schema={"id": pl.String, "text": pl.String}))
    assert d.signals.height == 0
    assert d.findings.height == 0


def test_codes_selection_and_unknown_code() -> None:
    d = detect(_frame("Back to top\nhe said ."), codes=["back_to_top"])
    assert set(d.findings["code"]) == {"back_to_top"}
    with pytest.raises(KeyError, match="no_such_code"):
        select_signals(["no_such_code"])


def test_counts_match_findings() -> None:
    texts = ["Back to top\nhe said . she said .", "clean text here.", "Back to top\nBack to top"]
    d = detect(_frame(*texts))
    per = d.findings.filter(pl.col("line") > 0).group_by("record_id", "code").len()
    for rid, code, n in per.iter_rows():
        assert d.signals.filter(pl.col("id") == rid)[code].item() == n


#: One context for every example: the lexicon is built once, as in a real run.
_CTX = DetectContext()


@pytest.mark.slow
@given(st.lists(st.text(max_size=80), min_size=1, max_size=5))
def test_never_raises_and_offsets_stay_in_text(texts: list[str]) -> None:
    d = detect(_frame(*texts), ctx=_CTX)
    by_id = {f"r{i}": t for i, t in enumerate(texts)}
    for row in d.findings.iter_rows(named=True):
        text = by_id[row["record_id"]]
        assert 0 <= row["start"] <= row["end"] <= len(text)
