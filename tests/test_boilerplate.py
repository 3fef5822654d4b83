"""``repeated_boilerplate``: site furniture judged over the whole corpus, in one call and streamed.

The pages below are synthetic: each has a body of its own (a topic word
and its index make every sentence distinct), and the furniture a test
wants on top. Thresholds are those of :mod:`dq.signals.boilerplate`.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from dq.clean import clean_frame
from dq.engine.detect import detect
from dq.scan import run_scan, write_findings
from dq.signals import boilerplate
from dq.signals.base import CorpusLines, Signal
from dq.signals.context import DetectContext
from dq.signals.registry import REGISTRY, get
from dq.stream import StreamOptions, stream_scan

CODE = "repeated_boilerplate"
TOPICS = ("rain", "tax", "vote", "fire", "port", "rail", "zoo", "bank", "farm", "mine",
          "dam", "fair", "road", "ship", "bridge", "school", "court", "park", "mill", "tram")


def _body(site: str, i: int) -> list[str]:
    topic = TOPICS[i % len(TOPICS)]
    return [
        f"The {topic} story number {i} from {site} begins with a long first sentence here.",
        f"Officials said the {topic} plan {i} would be reviewed by the council next spring.",
    ]


def _page(site: str, i: int, extra: tuple[str, ...] = (), **meta: str) -> dict[str, str]:
    text = "\n".join([*_body(site, i), *extra])
    return {"id": f"{site}/{i}", "text": text, "source": site, **meta}


def _flagged(records: list[dict[str, str]]) -> set[tuple[str, str]]:
    found = detect(pl.DataFrame(records), codes=[CODE]).findings
    return {(r["record_id"], r["snippet"]) for r in found.iter_rows(named=True)}


def test_registry_declares_a_corpus_scope_line_signal() -> None:
    sig = get(CODE)
    declared = (sig.family, sig.level, sig.scope, sig.evidence)
    assert declared == ("chrome", "line", "corpus", "corpus")
    assert sig.corpus_lines is not None and sig.expr is None and sig.key is None
    assert sig.fix_stage == "lines"


def test_spec_rejects_half_declared_corpus_signals() -> None:
    pass_ = CorpusLines(candidates=boilerplate.candidate_rows, aggregate=boilerplate.furniture)
    with pytest.raises(ValueError, match="corpus"):
        Signal("x_code", "chrome", "line", "d", corpus_lines=pass_)  # scope missing
    with pytest.raises(ValueError, match="corpus"):
        Signal("x_code", "hygiene", "record", "d", scope="corpus", corpus_lines=pass_)
    with pytest.raises(ValueError, match="expr"):
        Signal("x_code", "chrome", "line", "d", expr=lambda: pl.lit(True), scope="corpus",
               corpus_lines=pass_)


def test_furniture_with_changing_digits_is_flagged() -> None:
    pages = [_page("a.com", i, (f"DOW {30 + i},{i:03d} +0.{i}%",)) for i in range(12)]
    found = _flagged(pages)
    assert {rid for rid, _ in found} == {p["id"] for p in pages}
    assert all(snippet.startswith("DOW ") for _, snippet in found)


def test_a_site_with_too_few_pages_is_not_judged() -> None:
    n = boilerplate.MIN_SITE_PAGES - 1
    assert not _flagged([_page("small.com", i, ("Advertisement",)) for i in range(n)])
    assert len(_flagged([_page("small.com", i, ("Advertisement",)) for i in range(n + 1)])) == n + 1


def test_a_line_on_too_small_a_share_of_the_site_is_not_flagged() -> None:
    n = 60  # 10% of 60 pages is 6, above MIN_PAGES
    need = int(boilerplate.MIN_SHARE * n)
    pages = [_page("big.com", i, ("Advertisement",) if i < need - 1 else ()) for i in range(n)]
    assert not _flagged(pages)
    pages[need - 1] = _page("big.com", need - 1, ("Advertisement",))
    assert len(_flagged(pages)) == need


def test_versions_of_one_story_count_once() -> None:
    # 12 pages of a site; 8 are versions of one story (same body, same longest line)
    # sharing a sentence of their own: it is on 8 records but 1 page.
    shared = "The minister said the talks would go on."
    pages = [_page("v.com", i) for i in range(12)]
    story = _page("v.com", 0)
    for i in range(8):
        pages[i] = dict(story, id=f"v.com/version-{i}", text=story["text"] + "\n" + shared)
    assert not _flagged(pages)


def test_sites_are_told_apart_and_url_host_is_the_site() -> None:
    # 6 pages on each of two sites: together 12 would be judged, apart neither is.
    pages = [_page("one.com", i, ("Advertisement",)) for i in range(6)]
    pages += [_page("two.com", i, ("Advertisement",)) for i in range(6)]
    assert not _flagged(pages)
    by_url = [
        {"id": f"u{i}", "text": "\n".join([*_body("u", i), "Advertisement"]),
         "url": f"https://www.u.example/{i}"}
        for i in range(12)
    ]
    assert len(_flagged(by_url)) == 12
    no_site = [{"id": f"n{i}", "text": r["text"]} for i, r in enumerate(by_url)]
    assert not _flagged(no_site)


def test_findings_rest_on_corpus_and_count_in_the_signal_table() -> None:
    pages = [_page("a.com", i, ("Share this article",)) for i in range(12)]
    result = detect(pl.DataFrame(pages))
    hits = result.findings.filter(pl.col("code") == CODE)
    assert hits.height == 12
    assert hits["evidence"].unique().to_list() == ["corpus"]
    assert hits["line"].unique().to_list() == [3]
    table = result.signals
    assert table[CODE].to_list() == [1] * 12
    chrome = [s.code for s in REGISTRY if s.family == "chrome" and not s.positive]
    assert_frame_equal(
        table.select(pl.sum_horizontal(chrome).cast(pl.UInt32).alias("n_chrome")),
        table.select("n_chrome"),
    )


# --- one call and streamed alike ------------------------------------------------------


def _corpus_records() -> list[dict[str, str]]:
    recs = [_page("a.com", i, (f"Ticker: DOW {i}{i},000", "Advertisement")) for i in range(14)]
    recs += [_page("b.com", i, ("Read Also:",) if i % 3 == 0 else ()) for i in range(18)]
    recs += [_page("small.com", i, ("Advertisement",)) for i in range(5)]
    recs += [_page("c.com", i, ("Read Also:",) if i < 5 else ()) for i in range(60)]
    return recs


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("furniture")
    recs = _corpus_records()
    # interleave the sites so that every batch holds a few pages of each
    recs = sorted(recs, key=lambda r: (int(r["id"].split("/")[1]), r["id"]))
    for n in range(4):
        part = recs[n::4]
        (root / f"s_{n}.jsonl").write_text(
            "\n".join(json.dumps(r) for r in part) + "\n", encoding="utf-8"
        )
    return root


def test_the_fixture_has_furniture_on_some_sites_only(shards: Path) -> None:
    found = run_scan([shards], codes=[CODE], stream=False).findings
    sites = {rid.split("/")[0] for rid in found["record_id"].to_list()}
    assert sites == {"a.com", "b.com"}  # small.com too small, c.com's share too low
    assert found.height == 14 * 2 + 6


@pytest.mark.slow
@pytest.mark.parametrize("codes", [None, [CODE]])
@pytest.mark.parametrize("batch_bytes", [1_500, 6_000, 10**9])
def test_streamed_equals_in_memory(
    shards: Path, codes: list[str] | None, batch_bytes: int, tmp_path: Path
) -> None:
    ctx = DetectContext()
    whole = run_scan([shards], codes=codes, ctx=ctx, stream=False)
    write_findings(whole.findings, tmp_path / "whole.jsonl")
    path = tmp_path / "streamed.jsonl"
    streamed = stream_scan([shards], codes=codes, ctx=ctx,
                           options=StreamOptions(batch_bytes=batch_bytes, findings_path=path))
    assert_frame_equal(streamed.signals, whole.signals)
    assert path.read_text(encoding="utf-8") == (tmp_path / "whole.jsonl").read_text(
        encoding="utf-8")
    assert streamed.totals is not None
    assert streamed.totals.by_code.get(CODE) == 34


def test_the_cleaner_deletes_exactly_the_reported_furniture() -> None:
    frame = pl.DataFrame(_corpus_records())
    found = detect(frame, codes=[CODE]).findings
    cleaned = clean_frame(frame, codes=[CODE])
    steps = cleaned.steps.filter(pl.col("code") == CODE)
    assert set(zip(steps["record_id"], steps["line"], strict=True)) == set(
        zip(found["record_id"], found["line"], strict=True)
    )
    assert (steps["replacement"] == "").all()
    texts = dict(zip(cleaned.articles["id"], cleaned.articles["text"], strict=True))
    assert "Advertisement" not in texts["a.com/3"] and "Ticker" not in texts["a.com/3"]
    assert texts["small.com/1"].endswith("Advertisement")  # not reported, not deleted
    assert texts["c.com/1"].endswith("Read Also:")
    # the article's own lines are all kept
    for rid, text in texts.items():
        site, i = rid.split("/")
        assert all(line in text for line in _body(site, int(i)))
