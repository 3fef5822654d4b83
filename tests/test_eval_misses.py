"""``dq.evaluate.misses``: missed chrome by line shape, and the price of flagging each class."""

from __future__ import annotations

import json
from pathlib import Path

from dq.evaluate.misses import format_misses, line_class, miss_table

BODY = "The council met on Monday and voted for the new plan after a long debate."


def test_line_class_reads_sentences_position_and_length() -> None:
    rec = ["Home", "World news today from our desk", BODY, "Related", BODY, "Most read"]
    assert [line_class(rec, i) for i in range(len(rec))] == [
        "before/short", "before/medium", "sentence", "inside/short", "sentence", "after/short"]
    # a colon introduces what follows: not a closed sentence, not prose
    intro = "Here is what the council decided on the plan today:"
    assert line_class([intro], 0) == "no-body/medium"


def test_miss_table_counts_missed_chrome_and_content_per_class(tmp_path: Path) -> None:
    pages = [
        {"id": "p1", "source_dataset": "s", "url": "https://a.example/1",
         "text": "\n".join(["Home", BODY, "Subhead", BODY, "Share", "", "Most read"]),
         "labels": ["chrome", "content", "content", "content", "chrome", None, "chrome"]},
        {"id": "p2", "source_dataset": "s", "url": "https://b.example/2",
         "text": "\n".join([BODY, "Tags", BODY, "Print"]),
         "labels": ["content", "chrome", "content", "chrome"]},
    ]
    path = tmp_path / "partial.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in pages) + "\n", "utf-8")
    table = miss_table(path, codes=())  # no code: every labelled line is left
    rows = table["s"]
    assert (rows["after/short"].missed, rows["after/short"].content) == (3, 0)
    assert rows["after/short"].sites == {"a.example", "b.example"}
    assert (rows["inside/short"].missed, rows["inside/short"].content) == (1, 1)
    assert rows["inside/short"].precision == 0.5
    assert (rows["sentence"].missed, rows["sentence"].content) == (0, 4)
    assert (rows["before/short"].missed, rows["before/short"].content) == (1, 0)
    text = format_misses(path, table)
    assert text.splitlines()[1].split()[2] == "after/short"  # most missed first
