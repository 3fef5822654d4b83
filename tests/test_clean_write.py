"""``dq clean --out``: the format the suffix says, or a refusal before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from dq.clean import clean_frame
from dq.clean._write import OutputFormatError, write_cleaned

TEXT = "Back to top\nThe council met on Tuesday.\nhe said ."


@pytest.fixture(scope="module")
def cleaned() -> pl.DataFrame:
    frame = pl.DataFrame({"id": ["a", "b"], "text": [TEXT, "Plain words here."]})
    return clean_frame(frame).articles


def test_parquet(tmp_path: Path, cleaned: pl.DataFrame) -> None:
    assert write_cleaned(cleaned, tmp_path / "c.parquet") == "parquet"
    assert pl.read_parquet(tmp_path / "c.parquet").equals(cleaned)


def test_jsonl(tmp_path: Path, cleaned: pl.DataFrame) -> None:
    assert write_cleaned(cleaned, tmp_path / "c.jsonl") == "jsonl"
    rows = [json.loads(x) for x in (tmp_path / "c.jsonl").read_text("utf-8").splitlines()]
    assert [r["text"] for r in rows] == cleaned["text"].to_list()
    assert isinstance(rows[0]["dq_steps"], list)


def test_csv_writes_csv_with_the_plan_as_json(tmp_path: Path, cleaned: pl.DataFrame) -> None:
    path = tmp_path / "c.csv"
    assert write_cleaned(cleaned, path) == "csv"
    assert not path.read_bytes().startswith(b"PAR1")
    back = pl.read_csv(path)
    assert back["text"].to_list() == cleaned["text"].to_list()
    nested = [c for c, t in cleaned.schema.items() if t.is_nested()]
    assert nested  # dq_steps
    for c in nested:
        first = back[c][0]
        assert isinstance(first, str) and isinstance(json.loads(first), list)


@pytest.mark.parametrize("name", ["c.txt", "c.parket", "c", "c.jsonl.gz"])
def test_unknown_suffix_is_refused_before_writing(
    tmp_path: Path, cleaned: pl.DataFrame, name: str
) -> None:
    with pytest.raises(OutputFormatError, match=r"use \.parquet, \.pq, \.jsonl, \.ndjson or \.csv"):
        write_cleaned(cleaned, tmp_path / "out" / name)
    assert not (tmp_path / "out").exists()
