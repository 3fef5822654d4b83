"""The read splits of ``--engine spark`` (no Spark needed): byte ranges of a JSON-lines file
hold every line once, whole, numbered as in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dq.load._common import UTF8_BOM
from dq.spark._plan import Split, count_newlines, range_bytes, with_first_lines

CONTENT = UTF8_BOM + b'{"a": 1}\n\n{"text": "\xc3\xa9t\xc3\xa9"}\nx\n' + b"y" * 40 + b"\n\nlast"


@pytest.mark.parametrize("size", [1, 2, 3, 7, 10, 41, 1000])
def test_ranges_hold_every_line_once_with_its_number(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(CONTENT)
    total = len(CONTENT)
    splits = [Split(i, "range", str(path), "jsonl", 0, at, min(at + size, total))
              for i, at in enumerate(range(0, total, size))]
    counts = {s.index: count_newlines(s.path, s.start, s.end) for s in splits}
    numbered = with_first_lines(splits, counts)
    text = CONTENT[len(UTF8_BOM):]
    pieces = []
    for split in numbered:
        data, skipped = range_bytes(split.path, split.start, split.end)
        if not data:
            continue
        first = split.first_line + skipped
        offset = len(b"".join(pieces))
        assert text[offset:].startswith(data)
        assert first == 1 + text[:offset].count(b"\n")  # the line number in the whole file
        pieces.append(data)
    assert b"".join(pieces) == text
