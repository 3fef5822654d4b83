"""The detection engine's ways of going faster change no result: line-pass
slices, work beside the line pass, the background warm-up and the cached
mojibake pattern."""

from __future__ import annotations

import itertools
import json
import threading
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dq.engine.detect
import dq.signals.context
from dq.detect import Detection, detect, record_chunks, warm_up
from dq.engine.findings import _snippet, snippet
from dq.signals import hygiene
from dq.signals.context import DetectContext, write_atomic

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "articles.jsonl"


def _corpus() -> pl.DataFrame:
    rows = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines() if x]
    return pl.DataFrame({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows]})


@pytest.fixture(scope="module")
def one_pass() -> tuple[pl.DataFrame, DetectContext, Detection]:
    """The corpus, its context and its one-pass detection: computed once for every slice size."""
    articles = _corpus()
    ctx = DetectContext()
    return articles, ctx, detect(articles, ctx=ctx)


@pytest.mark.slow
@pytest.mark.parametrize("size", [1, 7, 50])
def test_line_pass_in_slices_gives_the_one_pass_result(
    size: int,
    one_pass: tuple[pl.DataFrame, DetectContext, Detection],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles, ctx, whole = one_pass
    monkeypatch.setattr(dq.engine.detect, "LINE_PASS_CHUNK", size)
    sliced = detect(articles, ctx=ctx)
    assert sliced.signals.equals(whole.signals)
    assert sliced.findings.equals(whole.findings)
    assert whole.findings.height > 100  # the corpus exercises the line signals


def test_record_chunks_cut_between_records_and_keep_every_row() -> None:
    rids = [0, 0, 0, 1, 2, 2, 2, 2, 3, 4, 4]
    frame = pl.DataFrame({"rid": rids, "n": range(len(rids))})
    for size in range(1, 13):
        chunks = record_chunks(frame, size)
        assert pl.concat(chunks).equals(frame)
        for a, b in itertools.pairwise(chunks):
            assert a["rid"][-1] != b["rid"][0]


def test_cached_builds_once_with_concurrent_callers() -> None:
    ctx = DetectContext()
    calls: list[int] = []
    started = threading.Barrier(4)

    def build() -> int:
        calls.append(1)
        return 42

    out: list[int] = []

    def ask() -> None:
        started.wait()
        out.append(ctx.cached("k", build))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [42, 42, 42, 42]
    assert calls == [1]


def test_warm_up_builds_the_glued_word_sets_and_changes_no_finding() -> None:
    articles = _corpus()
    cold = detect(articles, ctx=DetectContext())
    ctx = DetectContext()
    started = warm_up(ctx, ["glued_words"])
    assert started is not None
    started.result()
    # what the warm-up builds (the plain words, read from the sets): in this context,
    # built here or shared by a context of the same settings that built it (fixed24)
    assert "glued_words.plain" in ctx._cache
    assert warm_up(ctx, ["glued_words"]) is None  # started once per context
    warm = detect(articles, ctx=ctx)
    assert warm.findings.equals(cold.findings)
    assert warm_up(DetectContext(), ["back_to_top"]) is None  # nothing to prepare


def test_warm_up_with_an_unknown_code_leaves_the_error_to_detect() -> None:
    with pytest.raises(KeyError):
        warm_up(DetectContext(), ["no_such_code"])


def test_mojibake_pattern_is_cached_and_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    from ftfy.badness import BADNESS_RE

    expected = hygiene.rust_pattern(BADNESS_RE.pattern)
    hygiene.mojibake_pattern.cache_clear()
    try:
        assert hygiene.mojibake_pattern(tmp_path) == expected
        (cached,) = tmp_path.glob("ftfy-badness-*.txt")
        assert cached.read_text(encoding="utf-8").startswith(expected)
        hygiene.mojibake_pattern.cache_clear()
        cached.write_text(expected[:20], encoding="utf-8")  # cut short: no end mark
        assert hygiene.mojibake_pattern(tmp_path) == expected
        assert cached.read_text(encoding="utf-8").startswith(expected)
    finally:
        hygiene.mojibake_pattern.cache_clear()


def test_write_atomic_reports_an_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    def write(tmp: Path) -> None:
        tmp.write_text("y")

    assert write_atomic(blocker / "sub" / "a.txt", write) is False
    assert write_atomic(tmp_path / "ok.txt", write) is True
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


@given(
    text=st.text(max_size=120),
    a=st.integers(min_value=0, max_value=130),
    width=st.integers(min_value=0, max_value=20),
)
def test_snippet_expression_is_the_python_snippet(text: str, a: int, width: int) -> None:
    a = min(a, len(text))
    b = min(a + width, len(text))
    df = pl.DataFrame({"s": [text], "a": [a], "b": [b]})
    got = df.select(snippet(pl.col("s"), pl.col("a"), pl.col("b"))).item()
    assert got == _snippet(text, a, b)


@pytest.mark.slow
def test_findings_are_placed_beside_the_line_pass_without_changing_the_table() -> None:
    articles = _corpus()
    ctx = DetectContext()
    full = detect(articles, ctx=ctx)
    table_only = detect(articles, ctx=ctx, findings=False)
    assert table_only.signals.equals(full.signals)
    assert table_only.findings.is_empty()
    codes = set(full.findings["code"])
    # custom (placed in the custom thread), line, span and record findings all present
    assert {"glued_words", "space_before_punct", "licence_nag", "html_residue"} <= codes
    assert "duplicate_record" in codes or "too_short" in codes


def test_a_scan_runs_on_the_context_executor_only(tmp_path: Path) -> None:
    # one pool, owned by the context: no thread per call site, no pool in a pool
    ctx = DetectContext()
    # threads, not names: another live context's pool threads have the same names
    before = set(threading.enumerate())
    warm_up(ctx)
    detect(_corpus(), ctx=ctx)
    new = [t.name for t in set(threading.enumerate()) - before]
    assert new and all(name.startswith("dq-context") for name in new)
    assert len(new) <= dq.signals.context.EXECUTOR_WORKERS
