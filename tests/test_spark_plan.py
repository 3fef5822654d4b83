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


#: Lines of a file read in chunks: records, bad JSON, a blank line, a missing text, a line
#: longer than a chunk, a duplicate id (kept: ids are Spark's business).
RECORDS = b"".join([
    b'{"id": "a", "text": "First record."}\n',
    b'{"id": "b", "text": "cut off\n',
    b"\n",
    b'{"id": "c", "title": "no text"}\n',
    b'{"id": "d", "text": "' + b"long " * 60 + b'"}\n',
    *[b'{"id": "r%d", "text": "Record number %d."}\n' % (i, i) for i in range(20)],
    b'{"id": "a", "text": "The id again."}\n',
    b'{"id": "e", "text": 3}',
])


@pytest.mark.parametrize("chunk", [7, 64, 100, 1 << 20])
def test_a_split_read_in_chunks_gives_the_whole_reads_records(
        tmp_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from dq.load import LoadLimits
    from dq.spark import _plan, _tasks

    path = tmp_path / "f.jsonl"
    path.write_bytes(RECORDS)
    split = dict(zip(("index", "kind", "path", "fmt", "source", "start", "end", "first_line",
                      "files", "problem"),
                     Split(3, "range", str(path), "jsonl", 0, 0, len(RECORDS)).row(), strict=True))
    settings = _tasks.ReadSettings({}, LoadLimits())

    def parts(size: int) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, str]]]:
        monkeypatch.setattr(_plan, "CHUNK_BYTES", size)
        rows: list[tuple[str, int, int]] = []
        bad: list[tuple[str, int, str]] = []
        for articles, orders, quarantined in _tasks.split_articles(split, settings):
            if articles.height:
                rows += zip(articles["id"], articles["dq_row"], orders, strict=True)
            bad += [(q.file, q.line_or_row, q.reason) for q in quarantined]
        return rows, bad

    whole_rows, whole_bad = parts(1 << 30)
    rows, bad = parts(chunk)
    assert rows == whole_rows
    assert sorted(bad, key=lambda q: q[1]) == sorted(whole_bad, key=lambda q: q[1])
    assert [r[1] for r in rows][:2] == [1, 5]  # line numbers of the whole file
    assert [r[2] for r in rows] == [(3 << 32) + i for i in range(len(rows))]
    assert {q[2] for q in bad} == {"invalid_json", "missing_text", "non_string_text"}
