"""CI runs the README's test command: the two stay in step, and the suite runs on 2 workers."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _readme_test_command() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    lines = quick.splitlines()
    marker = next(i for i, line in enumerate(lines) if "this is what CI runs" in line)
    return lines[marker + 1].strip()


def _ci_test_command() -> str:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return next(line for line in reversed(script) if "-m pytest" in line).strip()


def test_ci_runs_the_readme_test_command() -> None:
    # the same commands, but CI's pip is told to be quiet
    readme = _readme_test_command().removeprefix("python3 -m venv .venv && ")
    assert readme.replace("pip install -e", "pip install --quiet -e") == _ci_test_command()


def test_ci_spreads_the_suite_over_two_workers_a_file_at_a_time() -> None:
    # tests/conftest.py keeps the Spark files on one worker only under --dist loadfile
    assert re.search(r"-m pytest -n 2 --dist loadfile$", _ci_test_command())
