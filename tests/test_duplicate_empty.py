"""duplicate_record on empty texts: an empty record is ``empty_text``, not a copy of the others.

The third outside audit (audit15c, items auditc_0016 and auditc_0025) found empty texts
reported as duplicates of each other. A text without a letter or digit has nothing to be a
copy of: it is reported by ``empty_text`` alone, in one call and in a streamed scan alike
(the streamed scan keys each record, ``Signal.key``; an empty text has no key).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

from dq.detect import detect
from dq.scan import run_scan
from dq.signals.context import DetectContext
from dq.stream import StreamOptions, stream_scan

CODES = ["duplicate_record", "empty_text"]
ARTICLE = "The council voted on Tuesday to close the old bridge after engineers found cracks."
#: Texts the loader keeps (it quarantines empty and white-space-only texts): punctuation,
#: zero-width and no-break spaces; then an article and a copy of it that differs in case
#: and white space only (the copy must still be flagged).
TEXTS = ["...", "\u200b\xa0", "...", "\u200b\xa0", ARTICLE, "  " + ARTICLE.upper(), "--"]
#: Expected per record, in order.
EMPTY = [1, 1, 1, 1, 0, 0, 1]
DUPLICATE = [0, 0, 0, 0, 0, 1, 0]


def test_empty_texts_are_empty_not_duplicates_in_one_call() -> None:
    frame = pl.DataFrame({"id": [f"r{i}" for i in range(len(TEXTS))], "text": TEXTS})
    table = detect(frame, codes=CODES).signals
    assert table["empty_text"].to_list() == EMPTY
    assert table["duplicate_record"].to_list() == DUPLICATE


def test_empty_texts_are_empty_not_duplicates_in_a_streamed_scan(tmp_path: Path) -> None:
    # One record per batch (a JSON line is < 200 bytes), so every copy is found through the
    # keys of earlier batches, and the streamed table equals the in-memory one.
    path = tmp_path / "a.jsonl"
    rows = [json.dumps({"id": f"r{i}", "text": t}) for i, t in enumerate(TEXTS)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ctx = DetectContext()
    streamed = stream_scan([path], ctx=ctx, codes=CODES,
                           options=StreamOptions(batch_bytes=200))
    whole = run_scan([path], ctx=ctx, codes=CODES, stream=False)
    assert streamed.records_loaded == len(TEXTS)
    assert streamed.signals["empty_text"].to_list() == EMPTY
    assert streamed.signals["duplicate_record"].to_list() == DUPLICATE
    assert_frame_equal(streamed.signals, whole.signals)
