"""``dq eval`` on users' own labelled files: tables, floors, errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dq.cli import main

LABELLED = [
    {
        "id": "p1#x",
        "extractor": "x",
        "text": "Share this\nThe council met on Monday and voted.\nBack to top",
        "labels": ["chrome", "content", "chrome"],
    },
    {
        "id": "p2#x",
        "extractor": "x",
        "text": "The mayor said the budget was final.\nAdvertisement",
        "labels": ["content", "chrome"],
    },
]
GLUED = [
    {
        "id": "g1",
        "is_glued": True,
        "glued": "NATOand",
        "fixed": "NATO and",
        "context": "The alliance is the Russian equivalent of NATOand it was founded in 1992.",
    },
    {
        "id": "g2",
        "is_glued": False,
        "token": "iPhone",
        "context": "Apple sold more iPhone units in the quarter than analysts expected.",
    },
]


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return path


def test_chrome_labels_are_scored(tmp_path: Path) -> None:
    f = _write(tmp_path / "mine.jsonl", LABELLED)
    out = tmp_path / "scores.json"
    r = CliRunner().invoke(main, ["eval", str(f), "--json", str(out)])
    assert r.exit_code == 0, r.output
    assert "macro" in r.output
    scores = json.loads(out.read_text("utf-8"))["mine.jsonl"]
    assert scores["kind"] == "extracted"
    assert scores["micro"]["tp"] + scores["micro"]["fn"] == 3


def test_glued_cases_are_scored(tmp_path: Path) -> None:
    f = _write(tmp_path / "g.jsonl", GLUED)
    r = CliRunner().invoke(main, ["eval", str(f)])
    assert r.exit_code == 0, r.output
    assert "recall" in r.output and "FPR" in r.output


def test_floors_gate_exit_1(tmp_path: Path) -> None:
    f = _write(tmp_path / "mine.jsonl", LABELLED)
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"mine.jsonl": {"macro": {"f1": 1.01}}}), "utf-8")
    r = CliRunner().invoke(main, ["eval", str(f), "--floors", str(floors)])
    assert r.exit_code == 1
    assert "BELOW FLOOR: mine.jsonl macro f1" in r.output


def test_unlabelled_file_is_usage_error(tmp_path: Path) -> None:
    f = _write(tmp_path / "plain.jsonl", [{"id": "a", "text": "no labels"}])
    r = CliRunner().invoke(main, ["eval", str(f)])
    assert r.exit_code == 2
    assert "labels" in r.output
