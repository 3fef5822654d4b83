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


@pytest.mark.parametrize(("start", "end", "most"), [(0, 1, 1), (0, 100, 64), (5, 1000, 7),
                                                    (3, 3, 8), (0, 64, 64), (10, 200, 1000)])
def test_chunks_cover_a_range_in_the_fewest_near_equal_pieces(start: int, end: int,
                                                             most: int) -> None:
    from dq.spark._plan import chunks

    pieces = chunks(start, end, most)
    assert [p for a, b in pieces for p in range(a, b)] == list(range(start, end))
    assert all(0 < b - a <= most for a, b in pieces)
    assert len(pieces) == -(-(end - start) // most)
    sizes = [b - a for a, b in pieces]
    assert not sizes or max(sizes[:-1] or sizes) - min(sizes) <= len(pieces)


def test_steady_zip_importers_still_import_and_keep_their_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's zip importers survive ``importlib.invalidate_caches()`` (Spark calls it
    before every task) without re-reading their archive, and still import from it."""
    import importlib
    import sys
    import zipfile
    import zipimport

    from dq.spark._tasks import steady_zip_imports

    archive = tmp_path / "lib.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("dqzipprobe/__init__.py", "")
        zf.writestr("dqzipprobe/first.py", "VALUE = 1\n")
        zf.writestr("dqzipprobe/second.py", "VALUE = 2\n")
    monkeypatch.setattr(sys, "path_importer_cache", dict(sys.path_importer_cache))
    monkeypatch.setattr(sys, "modules", dict(sys.modules))
    monkeypatch.syspath_prepend(str(archive))
    assert importlib.import_module("dqzipprobe.first").VALUE == 1
    zips = [p for p, f in sys.path_importer_cache.items() if str(archive) in p]
    assert zips and all(type(sys.path_importer_cache[p]) is zipimport.zipimporter for p in zips)

    steady_zip_imports()
    kept = {p: sys.path_importer_cache[p]._files for p in zips}  # type: ignore[union-attr]
    importlib.invalidate_caches()

    assert all(type(sys.path_importer_cache[p]) is not zipimport.zipimporter for p in zips)
    assert all(sys.path_importer_cache[p]._files is kept[p] for p in zips)  # type: ignore[union-attr]
    assert importlib.import_module("dqzipprobe.second").VALUE == 2  # not imported before
