"""``--engine spark`` sends each text through Python as few times as it can: every article
is read once and detected once over a whole scan (totals, the three writes, the gate),
and the corpus-wide candidate rows (a pass of their own, once the later copies of ids are
known) give the local results.
A path scan's text never enters the JVM: the read rows Spark caches carry no text (the
detect task reads its split from the file again, in Python).

The counts come from Spark accumulators the tasks add to (``dq.spark._scan.Counters``):
a task run again, or a cached frame computed again by a later action, counts twice.
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
#: Small splits: the corpus is read as many byte ranges (several tasks, several batches).
SPLIT_BYTES = 40_000
TOPICS = ["rain", "tax", "vote", "fire", "port", "rail", "zoo", "bank", "farm", "mine",
          "dam", "fair"]


def _page(rid: str, site: str, topic: str, extra: str = "") -> str:
    text = f"A story about the {topic}, told in some detail by our reporter on {site}."
    return json.dumps({"id": rid, "source": site, "text": text + extra}) + "\n"


def _pages() -> str:
    """Two sites. ``ticker.example``: 12 pages sharing a ticker line (repeated_boilerplate
    fires on any reading). ``copies.example``: 9 pages, 4 with a follow line, then 3 later
    copies of ids already seen, each a new page with the line: counted, the copies would
    make a judged site (12 pages) with the line on 7; without them (as the local engine
    loads the corpus) the site has too few pages to be judged."""
    rows = [_page(f"tick-{i:02d}", "ticker.example", t, f"\nTicker: DOW 3{i},000 up {i}")
            for i, t in enumerate(TOPICS)]
    follow = "\nFollow us on Mastodon for more stories like this one"
    rows += [_page(f"copy-{i:02d}", "copies.example", t, follow if i < 4 else "")
             for i, t in enumerate(TOPICS[:9])]
    rows += [_page(f"copy-{i:02d}", "copies.example", f"{t} again", follow)
             for i, t in enumerate(TOPICS[9:])]
    return "".join(rows)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spark-passes")
    shutil.copy(ROOT / "corpus" / "articles.jsonl", folder / "a_articles.jsonl")
    (folder / "b_sites.jsonl").write_text(_pages(), encoding="utf-8")
    (folder / "c_bad.jsonl").write_bytes(b'{"id": "x", "text": "cut\n{"id": "y"}\n')
    return folder


@pytest.fixture(scope="module")
def counted(spark: Any, corpus: Path, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Any, Any, Any, Path]:
    """The local scan, and a Spark scan with counters taken through everything a CLI
    run does with it: totals, the first findings, all three writes, the gate."""
    from dq.spark._scan import Counters, scan
    from dq.spark._validate import validate_result

    request = ScanRequest.build([str(corpus)], batch_bytes=SPLIT_BYTES, stream=False)
    counters = Counters.of(spark)
    result = scan(spark, [str(corpus)], request, counters=counters)
    out = tmp_path_factory.mktemp("spark-passes-out")
    result.first_findings(5)
    result.write(signals=out / "signals", findings=out / "findings",
                 quarantine=out / "q.jsonl")
    validate_result(result, ROOT / "expectations" / "nightly.json")
    return run(request), result, counters, out


def test_every_article_is_read_once_and_detected_once(counted: tuple[Any, Any, Any, Path]
                                                      ) -> None:
    local, result, counters, _ = counted
    copies = result.by_reason.get("duplicate_id", 0)
    assert copies == 3
    assert result.records_loaded == local.records_loaded > 100
    assert counters.read.value == result.records_loaded + copies
    assert counters.detect.value == result.records_loaded


def _boilerplate(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter(pl.col("code") == "repeated_boilerplate").select(
        "record_id", "line", "start", "snippet").sort("record_id", "line")


def test_candidates_of_later_copies_are_left_out(counted: tuple[Any, Any, Any, Path]) -> None:
    local, _, _, out = counted
    spark_found = _boilerplate(pl.read_parquet(out / "findings" / "*.parquet"))
    local_found = _boilerplate(local.findings)
    assert spark_found.equals(local_found)
    sites = {rid.split("-")[0] for rid in local_found.get_column("record_id")}
    assert sites == {"tick"}  # the ticker site fires; the site with the copies is not judged


def test_the_cached_read_rows_carry_no_text(spark: Any, corpus: Path) -> None:
    from pyspark.sql import functions as F

    from dq.spark._scan import read

    request = ScanRequest.build([str(corpus)], batch_bytes=SPLIT_BYTES, stream=False)
    reads, _ = read(spark, request)
    articles = reads.filter(F.col("kind") == "a")
    counts = articles.agg(F.count("id"), F.count("text"), F.count("title")).collect()[0]
    assert counts[0] > 100  # every article is there, by id
    assert counts[1] == counts[2] == 0
    # nor candidate rows: the candidate pass reads the splits again and sends distinct rows
    assert reads.filter(F.col("kind") == "c").count() == 0
