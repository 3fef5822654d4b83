"""``dq eval`` input problems: one clean error naming file, line and field, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dq.evaluate import chrome, glued
from dq.evaluate.errors import EvalInputError, check_floor_keys


def _jsonl(path: Path, *rows: object) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_labels_of_the_wrong_length(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "l.jsonl", {"id": "p1", "text": "a\nb\nc", "labels": [None, None]})
    with pytest.raises(EvalInputError, match=r"l.jsonl: record 0 \('p1'\): 'labels' needs one "
                                             r"entry per line of 'text' \(3 lines, 2 labels\)"):
        chrome.load_records(path)
    assert issubclass(EvalInputError, ValueError)  # callers catching ValueError keep working


def test_a_line_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_text('{"text": "a", "labels": [null]}\n{oops\n', encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"l.jsonl:2: not valid JSON"):
        chrome.load_records(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"is_glued": True, "context": "a itselectric b", "fixed": "its electric"},
         r"g.jsonl:1: a glued case \(is_glued: true\) needs string 'glued'"),
        ({"is_glued": False, "context": "iPhone"},
         r"g.jsonl:1: a negative \(is_glued: false\) needs string 'token'"),
        ({"glued": "x"}, r"g.jsonl:1: a case needs 'is_glued'"),
        ({"is_glued": True, "glued": "ab", "fixed": "a b", "context": "xyz"},
         r"g.jsonl:1: token 'ab' not found in its context"),
    ],
)
def test_glued_cases_name_the_missing_field(tmp_path: Path, row: dict, message: str) -> None:  # type: ignore[type-arg]
    path = _jsonl(tmp_path / "g.jsonl", row)
    with pytest.raises(EvalInputError, match=message):
        glued.load_cases(path)


def test_good_glued_cases_still_load(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "g.jsonl",
                  {"is_glued": True, "glued": "itselectric", "fixed": "its electric",
                   "context": "and itselectric Gran"},
                  {"is_glued": False, "token": "iPhone", "context": "the iPhone sold"})
    cases = glued.load_cases(path)
    assert [(c.token, c.start) for c in cases] == [("itselectric", 4), ("iPhone", 4)]


def test_a_floors_key_that_matches_no_file() -> None:
    check_floor_keys({"lines.jsonl": {"macro": {"f1": 0.5}}}, ["lines.jsonl"])
    with pytest.raises(EvalInputError, match=r"'line.jsonl' matches no evaluated file.*did you "
                                             r"mean 'lines.jsonl'"):
        check_floor_keys({"line.jsonl": {}}, ["lines.jsonl"])
    with pytest.raises(EvalInputError, match="must be a JSON object"):
        check_floor_keys([], ["lines.jsonl"])  # type: ignore[arg-type]
