"""``dq clean`` end to end: the seed against its hand-checked golden file, and the outputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from dq.clean import Step, apply_plan
from dq.cli import main

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "clean"
SEED_ID = "000_be765a12c0df3d38"


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, str, str]:
    out = tmp_path_factory.mktemp("clean")
    result = CliRunner().invoke(main, [
        "clean", str(REPO / "corpus"), "--out", str(out / "cleaned.parquet"),
        "--diff", str(out / "diff.txt"),
    ])
    assert result.exit_code == 0, result.output
    frame = pl.read_parquet(out / "cleaned.parquet")
    return frame, (out / "diff.txt").read_text(encoding="utf-8"), result.output


def _original() -> pl.DataFrame:
    return pl.read_ndjson(REPO / "corpus" / "articles.jsonl")


def test_seed_matches_the_hand_checked_golden_file(cleaned: tuple[pl.DataFrame, str, str]) -> None:
    frame, _, _ = cleaned
    seed = frame.filter(pl.col("id") == SEED_ID).row(0, named=True)
    expected = (GOLDEN / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    assert seed["text"] == expected
    assert seed["source"] == "businessinsider"
    assert seed["dq_cleaned_empty"] is False
    codes = {s["code"] for s in seed["dq_steps"]}
    # glued_words is reported with its split but applied only when named (Signal.fix_default)
    # category_label ("Business") rests on shape alone: reported, never deleted
    assert codes == {"licence_nag", "space_before_punct", "dangling_source", "back_to_top"}


def test_seed_keeps_every_article_sentence(
    cleaned: tuple[pl.DataFrame, str, str], seed_text: str
) -> None:
    frame, _, _ = cleaned
    text = frame.filter(pl.col("id") == SEED_ID)["text"][0]
    body = seed_text.split("\n")[3:50]
    for line in body:
        fixed = line.replace("he said .", "he said.")
        assert fixed in text
    for gone in ("Jannah Theme", "businessinsider", "Back to top", "he said ."):
        assert gone not in text


def test_no_record_disappears_and_columns_are_kept(cleaned: tuple[pl.DataFrame, str, str]) -> None:
    frame, _, _ = cleaned
    original = _original()
    assert frame["id"].to_list() == original["id"].to_list()
    for column in original.columns:
        assert column in frame.columns
    assert frame.columns[-2:] == ["dq_steps", "dq_cleaned_empty"]
    assert {"dq_file", "dq_row"} <= set(frame.columns)


def test_the_plans_replay(cleaned: tuple[pl.DataFrame, str, str]) -> None:
    frame, _, _ = cleaned
    before = dict(zip(_original()["id"], _original()["text"], strict=True))
    for rid, text, plan in frame.select("id", "text", "dq_steps").iter_rows():
        assert apply_plan(before[rid], [Step.from_dict(s) for s in plan]) == text


def test_diff_has_one_entry_per_changed_record(cleaned: tuple[pl.DataFrame, str, str]) -> None:
    frame, diff, output = cleaned
    before = dict(zip(_original()["id"], _original()["text"], strict=True))
    changed = [rid for rid, text in frame.select("id", "text").iter_rows() if before[rid] != text]
    headers = [line[6:] for line in diff.splitlines() if line.startswith("+++ b/")]
    assert headers == changed
    assert f"--- a/{SEED_ID}\n+++ b/{SEED_ID}\n" in diff
    assert "-Back to top button" in diff
    assert "-Back to top button" in diff
    assert "NATO and" not in diff  # glued_words is not applied unless named
    assert f"cleaned {len(changed)} of {frame.height} records" in output


def test_summary_counts_steps_by_code(cleaned: tuple[pl.DataFrame, str, str]) -> None:
    frame, _, output = cleaned
    steps = frame.select(pl.col("dq_steps").explode().struct.field("code")).drop_nulls()
    counts = steps.group_by("code").len()
    for code, n in counts.iter_rows():
        assert any(line.split()[:2] == [code, str(n)] for line in output.splitlines()), code


def test_codes_option_limits_the_fixes(tmp_path: Path) -> None:
    out = tmp_path / "only.parquet"
    result = CliRunner().invoke(main, ["clean", str(REPO / "corpus"), "--out", str(out),
                                       "--codes", "back_to_top,space_before_punct"])
    assert result.exit_code == 0, result.output
    frame = pl.read_parquet(out)
    codes = set(frame.select(pl.col("dq_steps").explode().struct.field("code")).drop_nulls()
                .to_series().to_list())
    assert codes <= {"back_to_top", "space_before_punct"}
    assert "NATOand" in frame.filter(pl.col("id") == SEED_ID)["text"][0]


@pytest.mark.parametrize("codes", ["no_such_code", "missing_author"])
def test_bad_codes_exit_2_with_one_line(tmp_path: Path, codes: str) -> None:
    result = CliRunner().invoke(main, ["clean", str(REPO / "corpus"), "--out",
                                       str(tmp_path / "x.parquet"), "--codes", codes])
    assert result.exit_code == 2
    assert codes in result.output
    assert "Traceback" not in result.output


def test_a_record_cleaned_to_nothing_is_kept_and_flagged(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Share this\\n\\nBack to top"}\n'
                   '{"id": "b", "text": "The council met on Monday, officials said."}\n',
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(src), "--out", str(tmp_path / "o.parquet")])
    assert result.exit_code == 0, result.output
    frame = pl.read_parquet(tmp_path / "o.parquet")
    assert frame["id"].to_list() == ["a", "b"]
    # kept as it was (never cleaned to nothing), and flagged
    assert frame["text"].to_list() == ["Share this\n\nBack to top",
                                       "The council met on Monday, officials said."]
    assert frame["dq_cleaned_empty"].to_list() == [True, False]
    assert frame["dq_steps"][0].to_list() == []
    assert "1 would be cleaned to nothing" in result.output


def test_importing_the_cli_does_not_import_polars() -> None:
    code = "import sys, dq.cli; assert 'polars' not in sys.modules, 'polars imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
