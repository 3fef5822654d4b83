"""The test helper that runs a whole table of cases in one ``detect()`` call (tests/_batch.py).

A case must read its own record's findings, as if it had run alone; a batch refuses
records that a corpus-wide code could couple. Cheap: one code, a few short records.
"""

from __future__ import annotations

import polars as pl
import pytest
from _batch import Batch

from dq.detect import detect

TEXTS = ["The council met.\nBack to top", "Back to top\nThe council met again.", "No chrome."]


def test_each_record_reads_what_it_gives_alone() -> None:
    batch = Batch(TEXTS, codes=["back_to_top"])
    for text in TEXTS:
        alone = detect(pl.DataFrame({"id": ["x"], "text": [text]}), codes=["back_to_top"])
        assert batch.findings(text).drop("record_id").equals(
            alone.findings.drop("record_id")), text
    assert batch.found(TEXTS[0]) == {2: {"back_to_top"}}
    assert batch.found(TEXTS[2]) == {}
    with pytest.raises(KeyError, match="not a record of this batch"):
        batch.found("Back to top")


def test_records_a_corpus_code_could_couple_are_refused() -> None:
    same_site = [{"text": t, "source": "Harbour Post"} for t in TEXTS[:2]]
    with pytest.raises(ValueError, match="share a source"):
        Batch(same_site, codes=["repeated_boilerplate"])
    with pytest.raises(ValueError, match="duplicate_record key"):
        Batch(["The council met.", "the  COUNCIL met."], codes=["duplicate_record"])
    with pytest.raises(ValueError, match="same columns"):
        Batch(["a", {"text": "b", "lang": "en"}], codes=["back_to_top"])
