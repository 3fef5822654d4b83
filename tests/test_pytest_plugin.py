"""The pytest plugin, loaded the way an installed dq loads it: through the ``pytest11`` entry point.

Each test runs pytest in a subprocess (``pytester.runpytest_subprocess``) with
no ``-p`` option: the plugin must be found through package metadata. When dq
is installed (``pip install -e .`` as CI does), that is the real metadata;
otherwise the test writes the ``.dist-info`` an install would write, with the
entry points declared in pyproject.toml, and puts it on ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[1]
SEED_ID = "000_be765a12c0df3d38"
PLUGIN = "dq.testing.pytest_plugin"


def _declared_entry_points() -> dict[str, str]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(data["project"]["entry-points"]["pytest11"])


def test_pyproject_declares_the_plugin() -> None:
    assert _declared_entry_points() == {"dq": PLUGIN}


@pytest.fixture
def installed(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A pytester whose subprocesses find dq and its pytest11 entry point."""
    paths = [str(REPO)]
    if not any(ep.value == PLUGIN for ep in entry_points(group="pytest11")):
        site = pytester.path / "_site"
        info = site / "dq-0.0.0.dist-info"
        info.mkdir(parents=True)
        info.joinpath("METADATA").write_text(
            "Metadata-Version: 2.1\nName: dq\nVersion: 0.0.0\n", encoding="utf-8"
        )
        lines = "".join(f"{k} = {v}\n" for k, v in _declared_entry_points().items())
        info.joinpath("entry_points.txt").write_text(f"[pytest11]\n{lines}", encoding="utf-8")
        paths.insert(0, str(site))
    monkeypatch.setenv("PYTHONPATH", ":".join(paths))
    monkeypatch.setenv("GX_ANALYTICS_ENABLED", "false")
    return pytester


def _corpus(pytester: pytest.Pytester) -> Path:
    """The seed record plus one clean record, as JSON Lines."""
    lines = (REPO / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    seed = next(line for line in lines if json.loads(line)["id"] == SEED_ID)
    clean = json.dumps({
        "id": "clean_1", "author": "A. Writer", "source": "Example News",
        "url": "https://news.example/clean-1",
        "text": "The council met on Tuesday evening.\n\nIt voted to repair the old bridge.",
    })
    path = pytester.path / "corpus" / "articles.jsonl"
    path.parent.mkdir()
    path.write_text(f"{seed}\n{clean}\n", encoding="utf-8")
    return path


def _suite(pytester: pytest.Pytester) -> Path:
    expectations = [
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "licence_nag", "min_value": 0, "max_value": 0},
         "meta": {"code": "licence_nag", "rationale": "A licence nag is never article text."}},
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "empty_text", "min_value": 0, "max_value": 0},
         "meta": {"code": "empty_text", "rationale": "Every record has words."}},
    ]
    path = pytester.path / "gate.json"
    path.write_text(json.dumps({"name": "gate", "expectations": expectations}), encoding="utf-8")
    return path


@pytest.mark.slow
def test_each_expectation_is_an_item_and_the_seed_fails(installed: pytest.Pytester) -> None:
    _corpus(installed)
    _suite(installed)
    result = installed.runpytest_subprocess(
        "--dq-corpus", "corpus/", "--dq-suite", "gate.json", "-v", "-p", "no:cacheprovider"
    )
    # 03, 04: dq's run-table defaults (nothing quarantined, at least one record)
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([
        "*gate.json::01_licence_nag FAILED*",
        "*gate.json::02_empty_text PASSED*",
        "*gate.json::03_quarantined PASSED*",
        "*FAIL 01_licence_nag  licence_nag is 0 in every record*observed 1 of 2 records fail*",
        f"*{SEED_ID} (licence_nag = 1)*",
        "*line 1  licence_nag  Jannah Theme License is not validated*",
    ])
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_options_live_in_a_dq_group(installed: pytest.Pytester) -> None:
    result = installed.runpytest_subprocess("--help")
    result.stdout.fnmatch_lines(["dq: validate an article corpus*", "*--dq-corpus=PATH*",
                                 "*--dq-suite=FILE*"])


def test_plugin_is_idle_without_options(installed: pytest.Pytester) -> None:
    installed.makepyfile(test_plain="def test_ok():\n    assert True\n")
    probe = installed.makeconftest(
        "import sys\n"
        "def pytest_unconfigure(config):\n"
        "    heavy = [m for m in ('great_expectations', 'pandas', 'polars') if m in sys.modules]\n"
        "    print('HEAVY', heavy)\n"
    )
    assert probe.exists()
    result = installed.runpytest_subprocess("-s", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["HEAVY []"])


def test_broken_suite_is_a_usage_error(installed: pytest.Pytester) -> None:
    _corpus(installed)
    bad = installed.path / "bad.json"
    bad.write_text(json.dumps({"name": "bad", "expectations": [
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "licence_nags", "min_value": 0, "max_value": 0},
         "meta": {"code": "licence_nag", "rationale": "typo in the column"}}]}), encoding="utf-8")
    result = installed.runpytest_subprocess("--dq-corpus", "corpus/", "--dq-suite", "bad.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*column 'licence_nags' is not in the signal table*"])


def test_corpus_without_suite_is_a_usage_error(installed: pytest.Pytester) -> None:
    result = installed.runpytest_subprocess("--dq-corpus", "corpus/")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--dq-corpus and --dq-suite are needed together*"])


@pytest.mark.slow
def test_harness_error_is_an_error_not_a_failure(installed: pytest.Pytester) -> None:
    _corpus(installed)
    crash = installed.path / "crash.json"
    crash.write_text(json.dumps({"name": "crash", "expectations": [
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "id", "min_value": 0, "max_value": 0},
         "meta": {"code": "missing_source", "rationale": "compares strings with numbers"}}]}),
        encoding="utf-8")
    result = installed.runpytest_subprocess("--dq-corpus", "corpus/", "--dq-suite", "crash.json")
    result.assert_outcomes(errors=3)  # the suite's one expectation and dq's two run defaults



def _warning_suite(pytester: pytest.Pytester) -> None:
    path = pytester.path / "warn.json"
    path.write_text(json.dumps({"name": "warn", "expectations": [
        {"type": "expect_column_values_to_be_between", "severity": "warning",
         "kwargs": {"column": "licence_nag", "min_value": 0, "max_value": 0},
         "meta": {"code": "licence_nag", "rationale": "Reported, not gating."}}]}),
        encoding="utf-8")


@pytest.mark.slow
def test_warning_passes_its_item_unless_strict(installed: pytest.Pytester) -> None:
    _corpus(installed)
    _warning_suite(installed)
    args = ("--dq-corpus", "corpus/", "--dq-suite", "warn.json", "-p", "no:cacheprovider")
    result = installed.runpytest_subprocess(*args, "-rA")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*WARN licence_nag is 0 in every record*"])
    strict = installed.runpytest_subprocess(*args, "--dq-strict")
    strict.assert_outcomes(passed=2, failed=1)


@pytest.mark.slow
def test_hypothesis_profiles_ship_with_the_plugin(
    installed: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project without its own profiles gets dq's ``ci``/``dev`` by name."""
    installed.makepyfile(test_prop=(
        "from hypothesis import given, settings, strategies as st\n"
        "@given(st.integers())\n"
        "def test_profile(n):\n"
        "    assert settings.get_current_profile_name() == 'ci'\n"
        "    assert settings.default.max_examples == 30 and settings.default.derandomize\n"
    ))
    by_option = installed.runpytest_subprocess("--hypothesis-profile", "ci", "-p",
                                               "no:cacheprovider")
    by_option.assert_outcomes(passed=1)
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "ci")
    by_env = installed.runpytest_subprocess("-p", "no:cacheprovider")
    by_env.assert_outcomes(passed=1)
