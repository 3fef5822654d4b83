"""Issue 17 E: the Python API and the suite commands on hostile input.

Why a file of its own: ``test_input_properties.py`` writes random bytes
through the loader; these are the API's own edges. ``clean(None)``,
surrogates in ``clean``/``clean_and_explain``, idempotence on many repeated
fixes and a huge token are tested in ``test_clean_guards.py`` and
``test_battery.py``; here: the battery's strategies reach those inputs (a
cleaner that breaks on each is caught), and ``dq suite list`` refuses the
suites ``dq validate`` refuses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import Phase, settings

from dq.cli import main
from dq.signals.context import DetectContext
from dq.testing import CleanerFailure, check_cleaner

CTX = DetectContext()
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]
#: A token this long is one only the battery's ``huge`` strategy writes (1,000-160,000
#: characters); the other strategies write at most a few hundred.
HUGE_TOKEN = 1_000


def _fails(fn: object, prop: str) -> CleanerFailure:
    with pytest.raises(CleanerFailure) as info:
        check_cleaner(
            fn,
            properties=[prop],
            ctx=CTX,  # type: ignore[arg-type]
            settings=settings(settings(), phases=NO_SHRINK),
        )
    return info.value


def encodes_as_utf8(text: str) -> str:
    text.encode("utf-8")  # raises on a lone surrogate, as clean() used to
    return text


def breaks_on_a_huge_token(text: str) -> str:
    if any(len(token) >= HUGE_TOKEN for token in text.split()):
        raise MemoryError("token too long")
    return text


def fixes_one_at_a_time(text: str) -> str:
    return text.replace(" .", ".", 1)  # not a fixed point when a fix repeats


def test_the_battery_writes_lone_surrogates() -> None:
    failure = _fails(encodes_as_utf8, "never_raises")
    assert "UnicodeEncodeError" in str(failure)


def test_the_battery_writes_a_huge_token() -> None:
    failure = _fails(breaks_on_a_huge_token, "never_raises")
    assert "MemoryError" in str(failure)


def test_the_battery_writes_many_repeated_fixes() -> None:
    failure = _fails(fixes_one_at_a_time, "idempotent")
    assert "cleaning the output again" in str(failure)


# -- suites: list and show refuse what validate refuses ------------------------------------------

_META = {"code": "chrome", "rationale": "chrome lines are boilerplate"}
BROKEN = {
    "misspelt_type": ("expect_column_values_to_be_betwen", {"column": "n_chrome", "max_value": 0},
                      "unknown expectation type"),
    "bad_keyword": ("expect_column_values_to_be_between", {"column": "n_chrome", "max_valu": 0},
                    "invalid kwargs"),
    "mostly_7": ("expect_column_values_to_be_between",
                 {"column": "n_chrome", "max_value": 0, "mostly": 7}, "invalid kwargs"),
}  # fmt: skip


def _suite(folder: Path, name: str) -> Path:
    kind, kwargs, _ = BROKEN[name]
    path = folder / f"{name}.json"
    body = {"name": name, "expectations": [{"type": kind, "kwargs": kwargs, "meta": _META}]}
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_suite_list_refuses_what_validate_refuses(name: str, tmp_path: Path) -> None:
    path = _suite(tmp_path, name)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "a record"}\n', encoding="utf-8")
    runner = CliRunner()
    said = BROKEN[name][2]
    validate = runner.invoke(main, ["validate", str(corpus), "--suite", str(path), "-q"])
    assert validate.exit_code == 2 and said in validate.output
    for args in (
        ["suite", "list", str(path)],
        ["suite", "list", str(tmp_path)],
        ["suite", "show", str(path)],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert said in result.output and str(path) in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_suite_list_still_lists_the_shipped_suites() -> None:
    folder = Path(__file__).resolve().parents[1] / "expectations"
    result = CliRunner().invoke(main, ["suite", "list", str(folder)])
    assert result.exit_code == 0, result.output
    assert "pre-merge" in result.output and "nightly" in result.output
