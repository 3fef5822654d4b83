"""Per-distinct-line evaluation (dq.engine.distinct): the same findings, computed once per line."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from _engine_helpers import spy_shared_values

from dq.detect import detect
from dq.engine import distinct
from dq.engine.distinct import hoist, is_row_wise, lines_of, split_local
from dq.engine.lineplan import LinePlan
from dq.signals.context import DetectContext
from dq.signals.frames import lines_frame, only
from dq.signals.registry import REGISTRY

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "articles.jsonl"


def _repeated_corpus() -> pl.DataFrame:
    """The sample corpus three times over (ids apart), so that its lines repeat; the
    copies also run in another order, so a line's copies sit in different records."""
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
    texts = [r["text"] for r in rows if isinstance(r.get("text"), str)]
    texts = texts + texts[::-1] + texts[1::2]
    return pl.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "text": texts})


def _detect(frame: pl.DataFrame, share: float, monkeypatch: pytest.MonkeyPatch) -> tuple:
    monkeypatch.setattr(distinct, "DISTINCT_SHARE_MAX", share)
    found = detect(frame, ctx=DetectContext(cache_dir=None))
    return found.signals, found.findings


def test_distinct_lines_give_the_same_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _repeated_corpus()
    rows_signals, rows_findings = _detect(corpus, 0.0, monkeypatch)  # never distinct
    dist_signals, dist_findings = _detect(corpus, 1.0, monkeypatch)  # always distinct
    assert rows_findings.height > 50  # the corpus has findings to compare
    assert rows_signals.equals(dist_signals)
    assert rows_findings.schema == dist_findings.schema
    assert rows_findings.equals(dist_findings)


def test_lines_of_is_the_lines_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    records = _repeated_corpus().with_row_index("rid").select("rid", "text").lazy()
    expected = lines_frame(records).collect()
    for share in (0.0, 1.0):
        monkeypatch.setattr(distinct, "DISTINCT_SHARE_MAX", share)
        got = lines_of(records)
        assert got.schema == expected.schema
        assert got.equals(expected)


def test_only_a_line_alone_is_local() -> None:
    s = pl.col("s")
    short = s.str.len_chars() < 5
    features = [
        ("a", lambda: s.str.contains("x")),
        ("b", lambda: only(short, s.filter(short).str.to_lowercase(), pl.String)),
        ("c", lambda: pl.col("a").shift(1)),  # the line above
        ("d", lambda: pl.col("a").sum().over("rid")),  # the record
        ("e", lambda: pl.col("idx") > 0),  # where the line is
        ("f", lambda: pl.col("b").str.len_bytes() + pl.col("a").cast(pl.UInt32)),
        ("g", lambda: s.map_batches(lambda x: x, return_dtype=pl.String)),  # unknown
    ]
    local, rest = split_local(features, {"s"})
    assert [n for n, _ in local] == ["a", "b", "f"]
    assert [n for n, _ in rest] == ["c", "d", "e", "g"]
    assert not is_row_wise(s.is_duplicated(), {"s"})
    assert not is_row_wise(s.filter(short).str.contains("x"), {"s"})


def test_hoisted_pieces_keep_the_values() -> None:
    s = pl.col("s")
    exprs = [
        (s.str.contains("b").shift(1).fill_null(False) & (pl.col("idx") > 0)).alias("x"),
        s.str.to_lowercase().str.contains("a").sum().over("rid").alias("y"),
    ]
    new, lifted = hoist(exprs, {"s"})
    assert len(lifted) == 2
    df = pl.DataFrame({"rid": [0, 0, 1, 1], "idx": [0, 1, 0, 1], "s": ["Ab", "b", "c", "A"]})
    lifted_df = df.with_columns(build().alias(name) for name, build in lifted)
    assert lifted_df.select(new).equals(df.select(exprs))


def test_the_registry_splits_and_lifts() -> None:
    plan = LinePlan.of([s for s in REGISTRY if s.level == "line"],
                       [s for s in REGISTRY if s.level == "span" and s.pattern], probing=False)
    split = plan.distinct
    assert len(split.local) > 50  # most string work is of a line alone
    assert set(split.kept) <= {name for name, _ in split.local}
    assert len(split.flags) == len(plan.flags)


def test_a_piece_shared_by_two_expressions_is_lifted_from_both() -> None:
    s = pl.col("s")
    piece = s.str.contains("b")
    exprs = [(piece.shift(1).fill_null(False)).alias("x"),
             (piece & (pl.col("idx") > 0)).shift(-1).alias("y")]
    new, lifted = hoist(exprs, {"s"})
    assert len(lifted) == 1  # one piece, computed once
    for expr in new:  # neither reads the line's text any more
        assert "s" not in expr.meta.root_names()
    df = pl.DataFrame({"rid": [0, 0, 1], "idx": [0, 1, 0], "s": ["ab", "b", "c"]})
    lifted_df = df.with_columns(build().alias(name) for name, build in lifted)
    assert lifted_df.select(new).equals(df.select(exprs))


def test_slices_share_their_distinct_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from dq.engine import detect as engine

    corpus = _repeated_corpus()
    whole = detect(corpus, ctx=DetectContext(cache_dir=None))
    shared = spy_shared_values(monkeypatch)
    monkeypatch.setattr(engine, "LINE_PASS_CHUNK", 100)  # many slices
    sliced = detect(corpus, ctx=DetectContext(cache_dir=None))
    assert shared and shared[0] > 0  # the slices read values computed once
    monkeypatch.setattr(engine, "SHARED_DISTINCT_MAX", 10)  # too many distinct lines
    alone = detect(corpus, ctx=DetectContext(cache_dir=None))
    assert shared[-1] == -1  # each slice on its own
    assert whole.findings.height > 50
    for other in (sliced, alone):
        assert other.signals.equals(whole.signals)
        assert other.findings.equals(whole.findings)
