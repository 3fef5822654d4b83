"""Issue 16 items that had no test of their own (the audit of 2026-12-07): an empty file fails
the gate through the CLI, the distribution name and extras, small-multiple trend charts, the
CI example's JUnit publishing, and the README's quick test subset."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dq.cli import main
from dq.install_hints import DISTRIBUTION, EXTRAS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


# 1. the gate passes no corpus it never read: an empty file


@pytest.mark.parametrize("content", ["", "\n\n"], ids=["empty", "blank-lines"])
def test_an_empty_file_fails_validate(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["validate", str(path), "--suite", str(REPO / "expectations" / "pre-merge.json")]
    )
    assert result.exit_code == 1, result.output
    assert "FAIL 10_empty_corpus" in result.output
    assert "Traceback" not in result.output


# 7. packaging: the distribution name, every install line, the extras named by errors


def test_the_distribution_is_dq_harness_everywhere() -> None:
    assert PYPROJECT["project"]["name"] == DISTRIBUTION == "dq-harness"
    assert PYPROJECT["project"]["scripts"] == {"dq": "dq.cli:main"}
    texts = {"README.md": README,
             "examples/ci/dq-validate.yml":
                 (REPO / "examples/ci/dq-validate.yml").read_text(encoding="utf-8")}
    for name, text in texts.items():
        for line in text.splitlines():
            for target in re.findall(r"pip install\s+(?:-e\s+)?(\S+)", line):
                target = target.strip("'\"")
                assert not re.match(r"dq(\[|$)", target), f"{name}: {line.strip()}"
    assert "pip install 'dq-harness[gx]'" in README


def test_install_hints_name_extras_that_exist_and_contain_the_module() -> None:
    extras: dict[str, list[str]] = PYPROJECT["project"]["optional-dependencies"]

    def requirements(extra: str) -> set[str]:
        out: set[str] = set()
        for req in extras[extra]:
            name = re.split(r"[\[<>=! ;]", req, maxsplit=1)[0].lower().replace("_", "-")
            if name == DISTRIBUTION:  # dq-harness[gx] inside another extra
                for inner in re.findall(r"\[([^\]]+)\]", req)[0].split(","):
                    out |= requirements(inner.strip())
            else:
                out.add(name)
        return out

    dist = {"great_expectations": "great-expectations", "vl_convert": "vl-convert-python"}
    for module, extra in EXTRAS.items():
        assert dist.get(module, module).replace("_", "-") in requirements(extra), (module, extra)
    assert "great-expectations" in requirements("report")  # the report extra includes gx


# 6. charts: small multiples, the page width, each code's limit, readable run labels


def test_trend_spec_is_one_small_chart_per_code_with_its_limit() -> None:
    pytest.importorskip("altair")
    from dq.report.charts import COLUMNS, PAGE_WIDTH, WIDTH, Point, trend_spec
    from dq.report.nightly import run_labels

    runs = run_labels([f"2024-05-{d:02d}T02:00:00" for d in range(1, 7)])
    points = [Point(r, code, 0.01 * i) for i, r in enumerate(runs)
              for code in ("read_more", "back_to_top", "licence_nag")]
    spec = trend_spec(points, title="t", runs=runs,
                      limits={"read_more": 0.02, "back_to_top": None, "licence_nag": None})
    assert spec["facet"]["field"] == "series" and spec["columns"] == COLUMNS
    assert spec["resolve"]["scale"]["y"] == "independent"  # equal series no longer hide
    assert spec["resolve"]["axis"]["x"] == "independent"  # no axis under an empty cell
    assert COLUMNS * WIDTH <= PAGE_WIDTH
    layers = spec["spec"]["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["line", "rule"]
    limits = {v["series"]: v["limit"] for v in spec["data"]["values"]}
    assert limits == {"read_more": 0.02, "back_to_top": None, "licence_nag": None}
    assert spec["spec"]["layer"][0]["encoding"]["x"]["sort"] == runs
    assert runs[0] == "05-01 02:00"  # month-day and time, not a 24-character run id


def test_a_single_code_draws_no_limit_rule_without_a_limit() -> None:
    pytest.importorskip("altair")
    from dq.report.charts import Point, trend_spec

    spec = trend_spec([Point("a", "x", 0.1)], title="t", runs=["a"], limits={"x": None})
    assert [layer["mark"]["type"] for layer in spec["spec"]["layer"]] == ["line"]


# 3. the CI example publishes the JUnit file to the checks and the Markdown to the summary


def _yaml(path: Path) -> Any:
    yaml = pytest.importorskip("ruamel.yaml")
    return yaml.YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_ci_example_publishes_junit_to_checks_and_markdown_to_the_summary() -> None:
    workflow = _yaml(REPO / "examples" / "ci" / "dq-validate.yml")
    assert workflow["permissions"]["checks"] == "write"
    steps = workflow["jobs"]["validate"]["steps"]
    validate = next(s for s in steps if "dq validate" in s.get("run", ""))
    junit = re.search(r"--junit (\S+)", validate["run"])
    markdown = re.search(r"--markdown (\S+)", validate["run"])
    assert junit and markdown
    publish = [s for s in steps if "junit" in s.get("uses", "").lower()]
    assert len(publish) == 1 and publish[0]["with"]["report_paths"] == junit.group(1)
    assert "always()" in publish[0]["if"]
    summary = [s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    assert len(summary) == 1 and markdown.group(1) in summary[0]["run"]
    assert "always()" in summary[0]["if"]


# 7. the README says how long the suite takes and how to run a quick subset


def test_the_quick_subset_is_documented_and_the_marker_registered() -> None:
    markers = PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]
    assert any(m.startswith("slow:") for m in markers)
    assert re.search(r"whole test suite .{0,200}took \d+ to \d+ minutes", README, re.S)
    assert re.search(r'-m "not slow"` skips them and took (about )?\d+ minutes', README)


def test_slow_tests_are_marked_in_the_files_named_as_slow() -> None:
    """Every test module the README names among the slow ones carries the ``slow`` marker,
    and the count the README gives is the number of marked test functions and cases."""
    start = README.index("are marked `slow`")
    section = README[start : README.index('-m "not slow"', start)]
    named = set(re.findall(r"tests/(test_\w+\.py)", section))
    assert len(named) >= 5, "the README names the slow test files"
    for name in sorted(named):
        text = (REPO / "tests" / name).read_text(encoding="utf-8")
        assert "@pytest.mark.slow" in text, name
    count = re.search(r"(\d+) tests are marked `slow`", README)
    assert count
    marked = sum(p.read_text(encoding="utf-8").count("@pytest.mark.slow\n")
                 for p in (REPO / "tests").glob("test_*.py"))
    assert marked <= int(count.group(1))  # parametrized functions count once per case


def test_json_dumps_for_codes_is_stable() -> None:
    """``dq codes --json`` twice gives the same bytes (scripts diff it)."""
    first = CliRunner().invoke(main, ["codes", "--json"])
    second = CliRunner().invoke(main, ["codes", "--json"])
    assert first.exit_code == 0 and first.output == second.output
    assert json.loads(first.output)
