"""Loader tests: every format and every quarantine reason, each with a real file.

Files are written into ``tmp_path`` by the test that needs them, so each test
shows its input next to its assertions. The one outside input is the shared
seed corpus beside the clone (``../shared/seeds``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

import polars as pl
import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

import dq.load
from dq.load import LoadError, LoadResult, load, parse_mapping, write_quarantine
from dq.schema import ARTICLE_FIELDS, QUARANTINE_REASONS

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
HEAD = [*ARTICLE_FIELDS, "dq_file", "dq_row"]
Line = bytes | str | dict[str, object]


def jsonl(path: Path, lines: Sequence[Line]) -> Path:
    """Write lines as given: dicts as JSON, str as text, bytes as bytes."""
    raw = [
        json.dumps(x).encode() if isinstance(x, dict) else x.encode() if isinstance(x, str) else x
        for x in lines
    ]
    path.write_bytes(b"\n".join(raw) + b"\n")
    return path


def records(n: int, start: int = 0) -> list[dict[str, object]]:
    return [{"id": f"r{i}", "text": f"article number {i}"} for i in range(start, start + n)]


def checked(result: LoadResult) -> LoadResult:
    """Every load in these tests must account for every record."""
    assert result.articles.height + len(result.quarantine) == result.seen
    assert result.articles.columns[: len(HEAD)] == HEAD
    assert result.articles.schema["dq_row"] == pl.Int64
    assert all(result.articles.schema[f] == pl.String for f in ARTICLE_FIELDS)
    assert all(q.reason in QUARANTINE_REASONS for q in result.quarantine)
    return result


def where(result: LoadResult) -> list[tuple[str, int, str]]:
    return [(Path(q.file).name, q.line_or_row, q.reason) for q in result.quarantine]


# --- JSON lines ---------------------------------------------------------------------------


def test_valid_jsonl_keeps_extras_and_nulls_absent_fields(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "a", "text": "one", "tags": ["x", "y"], "score": 3},
            {"id": "b", "text": "two", "title": "T", "score": 4},
        ],
    )
    result = checked(load([path]))
    df = result.articles
    assert df["id"].to_list() == ["a", "b"]
    assert df["title"].to_list() == [None, "T"]
    assert df["author"].to_list() == [None, None]
    assert df["dq_file"].to_list() == [str(path)] * 2
    assert df["dq_row"].to_list() == [1, 2]
    assert df.columns[len(HEAD) :] == ["tags", "score"]
    assert df.schema["score"] == pl.Int64
    assert df["tags"].to_list() == [["x", "y"], None]
    assert result.files == (str(path),) and result.quarantine == []


def test_one_bad_line_among_good_ones(tmp_path: Path) -> None:
    lines: list[Line] = [*records(2), '{"id": "bad", "text": "unterminated', *records(2, start=2)]
    result = checked(load([jsonl(tmp_path / "a.jsonl", lines)]))
    assert result.articles["id"].to_list() == ["r0", "r1", "r2", "r3"]
    assert result.articles["dq_row"].to_list() == [1, 2, 4, 5]
    assert where(result) == [("a.jsonl", 3, "invalid_json")]
    assert result.quarantine[0].excerpt == '{"id": "bad", "text": "unterminated'


def test_invalid_utf8_line(tmp_path: Path) -> None:
    lines: list[Line] = [*records(1), b'{"id": "x", "text": "caf\xe9"}', *records(1, start=1)]
    result = checked(load([jsonl(tmp_path / "a.jsonl", lines)]))
    assert where(result) == [("a.jsonl", 2, "invalid_utf8")]
    assert result.quarantine[0].excerpt == '{"id": "x", "text": "caf\ufffd"}'
    assert result.articles.height == 2


def test_non_object_lines_are_invalid_json(tmp_path: Path) -> None:
    lines: list[Line] = [
        *records(1),
        "[1, 2]",
        "3",
        '"just a string"',
        "null",
        "NaN",
        *records(1, start=1),
    ]
    result = checked(load([jsonl(tmp_path / "a.jsonl", lines)]))
    assert [line for _, line, _ in where(result)] == [2, 3, 4, 5, 6]
    assert {reason for *_, reason in where(result)} == {"invalid_json"}
    assert result.quarantine[0].excerpt == "[1, 2]"


def test_blank_lines_are_not_records_and_rows_stay_line_numbers(tmp_path: Path) -> None:
    lines: list[Line] = ["", *records(1), "   ", "\t", *records(1, start=1), ""]
    result = checked(load([jsonl(tmp_path / "a.jsonl", lines)]))
    assert result.seen == 2 and result.quarantine == []
    assert result.articles["dq_row"].to_list() == [2, 5]


def test_text_missing_empty_and_not_a_string(tmp_path: Path) -> None:
    lines: list[dict[str, object]] = [
        {"id": "ok", "text": "fine"},
        {"id": "absent"},
        {"id": "null", "text": None},
        {"id": "empty", "text": ""},
        {"id": "blank", "text": " \n\t "},
        {"id": "int", "text": 3},
        {"id": "list", "text": ["a"]},
        {"id": "obj", "text": {"a": 1}},
        {"id": "bool", "text": True},
    ]
    result = checked(load([jsonl(tmp_path / "a.jsonl", lines)]))
    assert result.articles["id"].to_list() == ["ok"]
    assert [reason for *_, reason in where(result)] == [
        "missing_text",
        "missing_text",
        "empty_text",
        "empty_text",
        *["non_string_text"] * 4,
    ]


def test_a_file_whose_text_is_never_a_string(tmp_path: Path) -> None:
    # One type throughout: Polars reads it as Int64 and the rules see that.
    path = jsonl(tmp_path / "a.jsonl", [{"text": 1}, {"text": 2}, {"text": None}])
    result = checked(load([path]))
    assert [r for *_, r in where(result)] == ["non_string_text"] * 2 + ["missing_text"]
    assert result.quarantine[0].excerpt == '{"text":1}'


def test_nested_key_named_text_does_not_quarantine(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", [{"text": "top", "meta": {"text": 1}}])
    result = checked(load([path]))
    assert result.articles["text"].to_list() == ["top"]
    assert result.articles["meta"].to_list() == [{"text": 1}]


def test_key_types_polars_cannot_unify_still_load(tmp_path: Path) -> None:
    lines: list[Line] = [{"text": "a", "m": {"k": 1}}, {"text": "b", "m": [1]}, "broken"]
    result = checked(load([jsonl(tmp_path / "a.jsonl", lines)]))
    assert result.articles["m"].to_list() == ['{"k": 1}', "[1]"]
    assert where(result) == [("a.jsonl", 3, "invalid_json")]


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": "x"}).encode() + b"\n")
    assert checked(load([path])).articles["id"].to_list() == ["a"]


# --- compressed JSON lines -------------------------------------------------------------


def body(n: int) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records(n))


@pytest.mark.parametrize(
    ("name", "compress"),
    [("a.jsonl.gz", gzip.compress), ("a.jsonl.zst", zstandard.ZstdCompressor().compress)],
)
def test_compressed_jsonl(tmp_path: Path, name: str, compress: object) -> None:
    assert callable(compress)
    path = tmp_path / name
    path.write_bytes(compress(body(50)))
    result = checked(load([path]))
    assert result.articles.height == 50 and result.quarantine == []


def test_multi_member_gzip(tmp_path: Path) -> None:
    path = tmp_path / "a.ndjson.gz"
    path.write_bytes(gzip.compress(body(2)) + gzip.compress(b'{"text": "third"}\n'))
    assert checked(load([path])).articles["text"].to_list()[-1] == "third"


@pytest.mark.parametrize(
    ("name", "compress"),
    [("a.jsonl.gz", gzip.compress), ("a.jsonl.zst", zstandard.ZstdCompressor().compress)],
)
def test_truncated_compressed_jsonl(tmp_path: Path, name: str, compress: object) -> None:
    assert callable(compress)
    whole = compress(body(20_000))  # several zstd blocks (128 KiB each)
    path = tmp_path / name
    path.write_bytes(whole[: len(whole) // 2])
    result = checked(load([path]))
    kept = result.articles.height
    assert 0 < kept < 20_000
    assert result.articles["id"].to_list() == [f"r{i}" for i in range(kept)]
    assert where(result) == [(name, kept + 1, "truncated_file")]


def test_compressed_file_with_nothing_readable(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    result = checked(load([path]))
    assert where(result) == [("a.jsonl.gz", 0, "unreadable_file")]
    assert result.seen == 1


# --- CSV -------------------------------------------------------------------------------


def test_csv_quoted_newlines_give_record_start_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'id,text,extra\n007,"first\nsecond\nthird",x\n8,"one line",y\n9,"a\r\nb",z\n',
        newline="",
    )
    result = checked(load([path]))
    df = result.articles
    assert df["id"].to_list() == ["007", "8", "9"]  # CSV fields stay strings
    assert df["text"].to_list() == ["first\nsecond\nthird", "one line", "a\r\nb"]
    assert df["dq_row"].to_list() == [2, 5, 6]
    assert df["extra"].to_list() == ["x", "y", "z"]


def test_ragged_csv_rows_are_quarantined_and_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('id,text\n1,"multi\nline"\n2,too,many\n3\n\n4,"last"\n', newline="")
    result = checked(load([path]))
    assert result.articles["id"].to_list() == ["1", "4"]
    assert result.articles["dq_row"].to_list() == [2, 7]
    assert where(result) == [("a.csv", 4, "invalid_csv"), ("a.csv", 5, "invalid_csv")]
    assert result.quarantine[0].excerpt == "2,too,many"


def test_csv_quote_left_open_is_quarantined_not_swallowed(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('id,text\n1,fine\n2,"never closed\n3,would be eaten\n', newline="")
    result = checked(load([path]))
    # the open quote costs its own line only: the rows after it are not eaten
    assert result.articles["id"].to_list() == ["1", "3"]
    assert where(result) == [("a.csv", 3, "invalid_csv")]
    assert result.quarantine[0].excerpt == '2,"never closed'


def test_csv_blank_lines_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,text\n1,a\n\n2,b\n", newline="")
    assert checked(load([path])).articles["dq_row"].to_list() == [2, 4]


def test_csv_invalid_utf8_row(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"id,text\n1,good\n2,caf\xe9\n3,fine\n")
    result = checked(load([path]))
    assert result.articles["id"].to_list() == ["1", "3"]
    assert where(result) == [("a.csv", 3, "invalid_utf8")]


def test_csv_empty_and_missing_text(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text('id,text\n1,\n2,""\n3,"  "\n4,ok\n')
    (tmp_path / "b.csv").write_text("id,body\n5,words\n")
    result = checked(load([tmp_path / "a.csv", tmp_path / "b.csv"]))
    assert result.articles["id"].to_list() == ["4"]
    assert [r for *_, r in where(result)] == ["empty_text"] * 3 + ["missing_text"]


def test_csv_header_only_and_empty_file(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id,text\n")
    (tmp_path / "b.csv").write_text("")
    result = checked(load([tmp_path]))
    assert result.seen == 0 and result.articles.height == 0


# --- Parquet ---------------------------------------------------------------------------


def test_parquet_rows_extras_and_optional_fields_cast(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    pl.DataFrame(
        {"id": [1, 2], "text": ["x", "y"], "author": [5, None], "views": [10, 20]}
    ).write_parquet(path)
    df = checked(load([path])).articles
    assert df["id"].to_list() == ["1", "2"]
    assert df["author"].to_list() == ["5", None]
    assert df["views"].to_list() == [10, 20] and df.schema["views"] == pl.Int64
    assert df["dq_row"].to_list() == [1, 2]


def test_corrupt_parquet_is_quarantined_and_the_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "a.parquet"
    pl.DataFrame({"text": ["kept"]}).write_parquet(good)
    bad = tmp_path / "b.parquet"
    bad.write_bytes(good.read_bytes()[:40])
    result = checked(load([tmp_path]))
    assert result.articles["text"].to_list() == ["kept"]
    assert where(result) == [("b.parquet", 0, "unreadable_file")]
    assert "PAR1" in result.quarantine[0].excerpt
    assert result.files == (str(good), str(bad))


# --- text folders, globs, discovery ----------------------------------------------------


def test_text_folder(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "README.md").write_text("about this corpus")
    (root / "readme.txt").write_text("also docs")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / "b.txt").write_text("second by name")
    (root / "a.md").write_text("# first by name")
    (root / "sub" / "deeper" / "c.v2.txt").write_text("nested")
    (root / "sub" / "empty.txt").write_text("  \n")
    (root / "sub" / "latin1.txt").write_bytes(b"caf\xe9")
    result = checked(load([root]))
    assert result.articles["id"].to_list() == ["a", "b", "sub/deeper/c.v2"]
    assert result.articles["text"].to_list() == ["# first by name", "second by name", "nested"]
    assert result.articles["dq_row"].to_list() == [1, 1, 1]
    assert where(result) == [("empty.txt", 1, "empty_text"), ("latin1.txt", 1, "invalid_utf8")]
    assert sorted(Path(s).name for s in result.skipped) == ["README.md", "notes.docx", "readme.txt"]


def test_text_file_given_directly_gets_its_stem(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "story.txt"
    path.write_text("words")
    assert checked(load([path])).articles["id"].to_list() == ["story"]


def test_seed_folder_ids_are_paths_under_the_folder() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"shared seed corpus not beside the clone ({SEEDS})")
    result = checked(load([SEEDS]))
    row = result.articles.filter(pl.col("id") == "000_be765a12c0df3d38")
    assert row.height == 1
    assert row["text"][0].startswith("Jannah Theme License")


def test_glob_patterns(tmp_path: Path) -> None:
    jsonl(tmp_path / "a.jsonl", records(1))
    jsonl(tmp_path / "b.jsonl", records(1, start=1))
    jsonl(tmp_path / "c.ndjson", records(1, start=2))
    (tmp_path / "t" / "x").mkdir(parents=True)
    (tmp_path / "t" / "x" / "deep.txt").write_text("deep")
    assert checked(load([f"{tmp_path}/*.jsonl"])).articles["id"].to_list() == ["r0", "r1"]
    texts = checked(load([f"{tmp_path}/t/**/*.txt"]))
    assert texts.articles["id"].to_list() == ["x/deep"]


def test_unknown_format_given_directly_is_one_quarantined_record(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK\x03\x04")
    result = checked(load([path]))
    assert where(result) == [("sheet.xlsx", 0, "unknown_format")]
    assert result.seen == 1 and result.files == ()


def test_json_files_are_read_only_when_they_are_json_lines(tmp_path: Path) -> None:
    jsonl(tmp_path / "lines.json", records(2))
    (tmp_path / "doc.json").write_text(json.dumps({"text": "one document"}, indent=2))
    folder = checked(load([tmp_path]))
    assert folder.articles.height == 2
    assert [Path(s).name for s in folder.skipped] == ["doc.json"]
    assert where(checked(load([tmp_path / "doc.json"]))) == [("doc.json", 0, "unknown_format")]


def test_fmt_forces_a_reader(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "export.log", records(2))
    assert checked(load([path], fmt="jsonl")).articles.height == 2
    with pytest.raises(ValueError, match="fmt='xml'"):
        load([path], fmt="xml")


def test_inputs_that_cannot_be_read_at_all(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file or directory"):
        load([tmp_path / "nope.jsonl"])
    with pytest.raises(LoadError, match="no files match"):
        load([f"{tmp_path}/*.parquet"])
    (tmp_path / "README.md").write_text("docs only")
    with pytest.raises(LoadError, match=r"no data files found \(skipped 1: README.md\)"):
        load([tmp_path])
    with pytest.raises(LoadError, match="no input paths"):
        load([])


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", records(2))
    result = checked(load([tmp_path, path, f"{tmp_path}/*.jsonl"]))
    assert result.articles.height == 2 and result.quarantine == []


# --- record rules across files ---------------------------------------------------------


def test_mapping_renames_input_columns(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        [{"doc_id": "d1", "body": "the article", "text": "a teaser", "link": "http://x/1"}],
    )
    df = checked(load([path], mapping={"text": "body", "id": "doc_id", "url": "link"})).articles
    assert df.row(0, named=True) | {"dq_file": None} == {
        **dict.fromkeys(ARTICLE_FIELDS),
        "id": "d1",
        "text": "the article",
        "url": "http://x/1",
        "dq_file": None,
        "dq_row": 1,
        "input_text": "a teaser",
    }


def test_mapping_checks_text_type_in_the_mapped_column(tmp_path: Path) -> None:
    lines: list[dict[str, object]] = [{"body": "ok", "text": 1}, {"body": 2, "text": "no"}]
    result = checked(load([jsonl(tmp_path / "a.jsonl", lines)], mapping={"text": "body"}))
    assert result.articles["text"].to_list() == ["ok"]
    assert where(result) == [("a.jsonl", 2, "non_string_text")]


def test_mapping_to_a_missing_column_names_file_and_column(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", records(1))
    with pytest.raises(LoadError, match=r"a\.jsonl: --map text=body, .* no column 'body'"):
        load([path], mapping={"text": "body"})


def test_mapping_does_not_apply_to_text_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("words")
    jsonl(tmp_path / "b.jsonl", [{"body": "more words"}])
    result = checked(load([tmp_path], mapping={"text": "body"}))
    assert result.articles["text"].to_list() == ["words", "more words"]


def test_parse_mapping() -> None:
    assert parse_mapping(["text=body", "id=doc_id"]) == {"text": "body", "id": "doc_id"}
    assert parse_mapping(["title=a=b"]) == {"title": "a=b"}
    for bad in (["bodytext"], ["body=text"], ["text="], ["text=a", "text=b"]):
        with pytest.raises(ValueError, match="--map"):
            parse_mapping(bad)
    with pytest.raises(ValueError, match="not an article field"):
        load(["."], mapping={"body": "text"})


def test_stable_ids_from_url_then_text_hash(tmp_path: Path) -> None:
    lines: list[dict[str, object]] = [
        {"text": "t", "url": "http://x/1"},
        {"text": "t"},
        {"id": "", "text": "u", "url": ""},
        {"id": 7, "text": "seven"},
        {"id": None, "text": "t"},  # same text, no url: same id as the second
    ]
    result = checked(load([jsonl(tmp_path / "a.jsonl", lines)]))
    assert result.articles["id"].to_list() == [
        "url:http://x/1",
        "sha1:" + hashlib.sha1(b"t", usedforsecurity=False).hexdigest(),
        "sha1:" + hashlib.sha1(b"u", usedforsecurity=False).hexdigest(),
        "7",
    ]
    assert where(result) == [("a.jsonl", 5, "duplicate_id")]


def test_duplicate_ids_across_files_keep_the_first(tmp_path: Path) -> None:
    jsonl(tmp_path / "1.jsonl", [{"id": "a", "text": "first"}, {"id": "b", "text": "b"}])
    jsonl(tmp_path / "2.jsonl", [{"id": "c", "text": "c"}, {"id": "a", "text": "second"}])
    result = checked(load([tmp_path]))
    assert result.articles["id"].to_list() == ["a", "b", "c"]
    assert result.articles["text"].to_list()[0] == "first"
    assert where(result) == [("2.jsonl", 2, "duplicate_id")]
    assert '"second"' in result.quarantine[0].excerpt


def test_extra_columns_are_unioned_across_files_and_formats(tmp_path: Path) -> None:
    jsonl(tmp_path / "a.jsonl", [{"text": "x", "score": 1, "tags": ["a"]}])
    pl.DataFrame({"text": ["y"], "lang": ["en"], "section": ["world"]}).write_parquet(
        tmp_path / "b.parquet"
    )
    jsonl(tmp_path / "c.jsonl", [{"text": "z", "tags": {"not": "a list"}}])
    df = checked(load([tmp_path])).articles
    assert df.columns[len(HEAD) :] == ["score", "tags", "section"]
    assert df["section"].to_list() == [None, "world", None]
    assert df["lang"].to_list() == [None, "en", None]
    assert df["tags"].to_list() == ['["a"]', None, '{"not":"a list"}']


# --- results and quarantine files ------------------------------------------------------


def test_counts_and_quarantine_file_round_trip(tmp_path: Path) -> None:
    lines: list[Line] = [*records(1), "{", "[]", {"id": "x"}, b"\xff"]
    result = checked(load([jsonl(tmp_path / "a.jsonl", lines)]))
    assert result.counts_by_reason() == {"invalid_json": 2, "invalid_utf8": 1, "missing_text": 1}
    out = tmp_path / "quarantine.jsonl"
    write_quarantine(result.quarantine, out)
    back = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert back == [q.to_dict() for q in result.quarantine]
    assert back[-1]["excerpt"] == "\ufffd"


def test_public_names_resolve() -> None:
    for name in dq.load.__all__:
        assert getattr(dq.load, name) is not None


# --- property: no record is lost -------------------------------------------------------

GOOD_TEXT = st.text(min_size=1, max_size=40).filter(lambda t: any(c.isalnum() for c in t))
BAD_LINES = st.sampled_from(
    [
        b'{"text": "cut',
        b"not json",
        b'{"text": "a"} trailing',
        b"[1, 2]",
        b"42",
        b"null",
        b'{"text": "caf\xe9"}',
        b'{"text": 5}',
        b'{"text": ["a"]}',
        b'{"title": "no text"}',
        b'{"text": "   "}',
        b'{"text": ""}',
    ]
)
LINES = st.lists(st.one_of(GOOD_TEXT, BAD_LINES, st.sampled_from([b"", b"  "])), max_size=25)


@settings(max_examples=30, derandomize=True, deadline=None, database=None)
@given(lines=LINES)
def test_every_jsonl_record_is_an_article_or_quarantined(lines: list[str | bytes]) -> None:
    good = {f"g{i}": line for i, line in enumerate(lines) if isinstance(line, str)}
    raw = [
        json.dumps({"id": f"g{i}", "text": line}).encode() if isinstance(line, str) else line
        for i, line in enumerate(lines)
    ]
    bad = sum(1 for line in lines if isinstance(line, bytes) and line.strip())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mix.jsonl"
        path.write_bytes(b"\n".join(raw))
        result = checked(load([path]))
    assert result.seen == len(good) + bad
    assert len(result.quarantine) == bad
    assert dict(zip(result.articles["id"], result.articles["text"], strict=True)) == good
