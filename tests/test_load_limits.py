"""Loader limits, output-path checks and the README's list of reasons (issue 17).

Kept apart from ``test_load.py`` (formats and reasons, file by file): these
are the guards around the loader, each tested with the input that needs it.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import re
from pathlib import Path

import pytest

from dq.load import (
    FORMATS,
    LoadLimits,
    OutputError,
    atomic_write,
    check_outputs,
    check_writable,
    load,
    load_batches,
)
from dq.load.outputs import atomic_output
from dq.schema import QUARANTINE_REASONS

README = Path(__file__).resolve().parents[1] / "README.md"


def _lines(path: Path, objs: list[dict[str, object]]) -> Path:
    path.write_bytes(b"".join(json.dumps(o).encode() + b"\n" for o in objs))
    return path


def _reasons(paths: list[Path], limits: LoadLimits) -> list[str]:
    return [q.reason for q in load(paths, limits=limits).quarantine]


# --- limits ---------------------------------------------------------------------------------------


def test_record_limit_is_configurable(tmp_path: Path) -> None:
    path = _lines(tmp_path / "a.jsonl", [{"text": "x" * 100}, {"text": "short"}])
    assert _reasons([path], LoadLimits()) == []
    assert _reasons([path], LoadLimits(max_record_bytes=50)) == ["record_too_large"]


def test_record_limit_counts_utf8_bytes_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.txt").write_text("é" * 30)  # 60 bytes, 30 characters
    (tmp_path / "b.csv").write_text("id,text\n1," + "é" * 30 + "\n")
    limits = LoadLimits(max_record_bytes=40)
    assert _reasons([tmp_path / "t", tmp_path / "b.csv"], limits) == ["record_too_large"] * 2


def test_decompression_limit_refuses_the_file_once(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "same"}\n' * 20_000))
    limits = LoadLimits(max_expansion=10, expansion_floor_bytes=0)
    result = load([path], limits=limits)
    assert result.articles.height == 0
    assert [(q.line_or_row, q.reason) for q in result.quarantine] == [(0, "decompression_limit")]
    default = load([path])  # under the default floor: read (then the copies are duplicate ids)
    assert default.seen == 20_000
    assert "decompression_limit" not in default.counts_by_reason()


def test_nesting_limit_is_configurable(tmp_path: Path) -> None:
    path = _lines(tmp_path / "a.jsonl", [{"text": "t", "x": [[["deep"]]]}])
    assert _reasons([path], LoadLimits()) == []
    assert _reasons([path], LoadLimits(max_nesting=3)) == ["nesting_too_deep"]


def test_limits_reject_negative_values() -> None:
    with pytest.raises(ValueError, match="max_record_bytes=-1"):
        LoadLimits(max_record_bytes=-1)


def test_streamed_load_applies_the_same_limits(tmp_path: Path) -> None:
    objs = [{"id": str(i), "text": ("y" * 80 if i % 3 else "ok"), "x": [[[]]]} for i in range(30)]
    path = _lines(tmp_path / "a.jsonl", objs)
    limits = LoadLimits(max_record_bytes=50, max_nesting=3)
    whole = load([path], limits=limits)
    parts = list(load_batches([path], batch_bytes=300, limits=limits))
    assert len(parts) > 1
    assert [q for part in parts for q in part.quarantine] == whole.quarantine


# --- outputs --------------------------------------------------------------------------------------


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    data = _lines(tmp_path / "d.jsonl", [{"text": "t"}])
    with pytest.raises(OutputError, match=r"--findings .*d\.jsonl: is an input of this run"):
        check_outputs([data], {"--findings": data})
    with pytest.raises(OutputError, match="is an input"):  # reached through the folder
        check_outputs([tmp_path], {"--quarantine": tmp_path / "." / "d.jsonl"})
    check_outputs([data], {"--findings": tmp_path / "f.jsonl", "--signals": None})


def test_two_outputs_on_one_path_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    with pytest.raises(OutputError, match="same file as --findings"):
        check_outputs([], {"--findings": out, "--quarantine": out})


def test_unwritable_outputs_are_refused_before_reading(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        check_writable(plain / "out.jsonl", "--out")
    with pytest.raises(OutputError, match="is a folder"):
        check_writable(tmp_path, "--out")
    with pytest.raises(OutputError, match="does not exist"):
        check_writable(tmp_path / "no" / "out.jsonl", "--out")


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "findings.jsonl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_write(target) as out:
        out.write("half of a new file")
        raise RuntimeError("disk gone")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.jsonl"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device_is_an_output_error_not_a_traceback() -> None:
    with pytest.raises(OutputError, match="/dev/full"), atomic_write("/dev/full") as out:
        out.write("x" * 100_000)


def test_atomic_output_gives_new_files_the_usual_permissions(tmp_path: Path) -> None:
    with atomic_output(tmp_path / "s.parquet") as temporary:
        temporary.write_bytes(b"PAR1")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "s.parquet").stat().st_mode & 0o777 == 0o666 & ~umask


# --- docs -----------------------------------------------------------------------------------------


def _inputs_section() -> str:
    text = README.read_text("utf-8")
    start = text.index("### Inputs and the article schema")
    return text[start : text.index("\n### ", start + 1)]


def _table(section: str, heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after ``heading``, cells stripped."""
    rows: list[list[str]] = []
    for line in section[section.index(heading) :].splitlines()[1:]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # past the header and the |---| line


def test_readme_lists_exactly_the_quarantine_reasons() -> None:
    rows = _table(_inputs_section(), "Quarantine reasons")
    listed = [name for row in rows for name in re.findall(r"`(\w+)`", row[0])]
    assert sorted(listed) == sorted(QUARANTINE_REASONS)


def _mib(words: str) -> int:
    number = re.search(r"(\d+) MiB", words)
    assert number is not None, words
    return int(number[1]) * 2**20


def test_readme_gives_every_limit_its_flag_and_default() -> None:
    """Each limit's row names its flag (as the CLI spells it) and its default (as coded)."""
    from dq.cli.options import LIMIT_OPTIONS

    rows = {row[0].strip("`").removeprefix("LoadLimits."): row for row in
            _table(_inputs_section(), "Limits")}  # fmt: skip
    assert set(rows) == {limit.name for limit in dataclasses.fields(LoadLimits)}
    flags = {option.opts[0]: option for option in LIMIT_OPTIONS}
    in_readme = {re.sub(r"`(--[\w-]+).*", r"\1", row[1]) for row in rows.values()}
    assert set(flags) <= in_readme
    defaults = LoadLimits()
    read = {
        "max_record_bytes": _mib(rows["max_record_bytes"][2]),
        "max_nesting": int(rows["max_nesting"][2].split()[0]),
        "max_expansion": int(rows["max_expansion"][2].split("x")[0]),
        "expansion_floor_bytes": _mib(rows["expansion_floor_bytes"][2]),
    }
    assert read == dataclasses.asdict(defaults)
    said = {flag: re.search(r"\[default: (\d+)\]", option.help or "") for flag, option in
            flags.items()}  # fmt: skip
    assert int(said["--max-record-mb"][1]) * 2**20 == defaults.max_record_bytes  # type: ignore[index]
    assert int(said["--max-nesting"][1]) == defaults.max_nesting  # type: ignore[index]
    assert int(said["--max-expansion"][1]) == defaults.max_expansion  # type: ignore[index]


def test_readme_names_every_format() -> None:
    section = _inputs_section()
    for name in FORMATS:
        assert name in section
