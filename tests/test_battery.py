"""The cleaner battery: every property can fail, its arguments are checked, the README example
runs. dq's own cleaners pass it in tests/test_battery_clean.py and tests/test_battery_chrome.py
(files of their own, so pytest-xdist runs the two long passes on different workers)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from _battery_helpers import CTX, NO_SHRINK, scaled
from hypothesis import settings

import dq.testing
from dq.testing import PROPERTIES, CleanerFailure, check_cleaner

pytest_plugins = ("dq.testing.fixtures",)


def _fails(fn: Callable[[str], str], prop: str, *, shrink: bool = False,
           **kwargs: object) -> CleanerFailure:
    if not shrink:
        kwargs.setdefault("settings", settings(settings(), phases=NO_SHRINK))
    with pytest.raises(CleanerFailure) as info:
        check_cleaner(fn, properties=[prop], ctx=CTX, **kwargs)  # type: ignore[arg-type]
    assert info.value.property == prop
    return info.value


# -- the pytest fixture -------------------------------------------------------------


def test_the_fixture_runs_the_battery(check_cleaner: Callable[..., None]) -> None:
    # the identity claims nothing, so it passes; the fixture shares one detector context
    check_cleaner(lambda text: text, settings=scaled(6))


# -- every property can fail --------------------------------------------------------


def raises_on_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError("NUL in text")
    return text


def test_never_raises_catches_a_cleaner_that_raises_on_nul() -> None:
    failure = _fails(raises_on_nul, "never_raises")
    assert "raised ValueError: NUL in text" in str(failure)
    assert "\\x00" in str(failure)


def test_never_raises_catches_a_cleaner_that_returns_no_text() -> None:
    failure = _fails(lambda text: None, "never_raises")  # type: ignore[arg-type, return-value]
    assert "returned NoneType, not str" in str(failure)


def strip_last_line(text: str) -> str:
    return "\n".join(text.split("\n")[:-1])


def test_idempotent_catches_a_cleaner_that_strips_the_last_line() -> None:
    failure = _fails(strip_last_line, "idempotent")
    assert "cleaning the output again" in str(failure)


def test_the_whole_battery_catches_a_cleaner_that_strips_the_last_line() -> None:
    with pytest.raises(CleanerFailure):
        check_cleaner(strip_last_line, ctx=CTX,
                      settings=settings(settings(), phases=NO_SHRINK))


@pytest.mark.slow
def test_removes_chrome_names_the_shrunk_line_that_survived() -> None:
    failure = _fails(lambda text: text, "removes_chrome", shrink=True, codes=["back_to_top"],
                     defects=["back_to_top"])
    # shrunk to the first phrasing of the list, alone below the shortest article
    assert re.search(r"line \d+ 'Back to top' \(back_to_top\) survived as output line \d+",
                     str(failure)), str(failure)


def test_fixes_defects_catches_an_unfixed_space_before_punct() -> None:
    failure = _fails(lambda text: text, "fixes_defects", codes=["space_before_punct"],
                     defects=["space_before_punct"])
    assert "space_before_punct" in str(failure)
    assert "was not fixed to" in str(failure)


def drop_longest_word(text: str) -> str:
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    return " ".join(words[:longest] + words[longest + 1 :])


def test_keeps_content_catches_a_cleaner_that_drops_a_word() -> None:
    failure = _fails(drop_longest_word, "keeps_content", defects=())
    assert "lost words" in str(failure)


def fix_space_before_punct(text: str) -> str:
    return re.sub(r"(\w) +([.,;:!?])(?=[\s\"”’)]|$)", r"\1\2", text)


@pytest.mark.slow
def test_keeps_content_accepts_repaired_defects() -> None:
    # "said ." became "said.": the words are the same, so nothing was lost
    check_cleaner(fix_space_before_punct, codes=["space_before_punct"],
                  properties=["keeps_content", "fixes_defects"], defects=["space_before_punct"],
                  ctx=CTX)


def spaces_before_full_stops(text: str) -> str:
    return text.replace(". ", " . ")


def test_no_new_findings_catches_a_cleaner_that_adds_spacing_damage() -> None:
    failure = _fails(spaces_before_full_stops, "no_new_findings", defects=())
    assert "new finding space_before_punct" in str(failure)


def adds_a_note(text: str) -> str:
    return text if text.endswith(" (cleaned)") else text + " (cleaned)"


def test_bounded_length_catches_a_cleaner_that_adds_text() -> None:
    failure = _fails(adds_a_note, "bounded_length")
    assert "more than the input's" in str(failure)


def bumps_a_year(text: str) -> str:
    return re.sub(r"\b(\d{4})\b", lambda m: "1" + m.group(1), text)


def test_keeps_digits_catches_a_cleaner_that_changes_a_number() -> None:
    failure = _fails(bumps_a_year, "keeps_digits")
    assert "digits changed" in str(failure)


def drops_long_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if len(line.split()) < 8)


def test_keeps_sentences_catches_a_cleaner_that_deletes_prose() -> None:
    failure = _fails(drops_long_lines, "keeps_sentences")
    assert "full sentence on line" in str(failure)


def splits_repeated_words(text: str) -> str:
    words = re.findall(r"[^\W\d_]{4,}", text)
    twice = {w for w in words if words.count(w) > 1}
    return re.sub(r"[^\W\d_]{4,}", lambda m: m.group(0)[:2] + " " + m.group(0)[2:]
                  if m.group(0) in twice else m.group(0), text)


def test_no_new_splits_catches_a_cleaner_that_splits_a_repeated_name() -> None:
    failure = _fails(splits_repeated_words, "no_new_splits")
    assert "written whole" in str(failure)


def drops_chrome_phrases(text: str) -> str:
    """The old ``dq clean`` on a record that is all chrome: every reported line goes."""
    return "\n".join(line for line in text.split("\n")
                     if not re.search(r"(?i)back to top|share this", line))


def test_keeps_a_word_catches_a_cleaner_that_empties_a_record() -> None:
    failure = _fails(drops_chrome_phrases, "keeps_a_word")
    assert "every word is gone" in str(failure)


def test_every_property_has_a_failing_test_above() -> None:
    tested = {"never_raises", "idempotent", "removes_chrome", "fixes_defects", "keeps_content",
              "no_new_findings", "bounded_length", "keeps_digits", "keeps_sentences",
              "no_new_splits", "keeps_a_word"}
    assert set(PROPERTIES) == tested


# -- arguments ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"codes": ["no_such_code"]}, ValueError),
        ({"codes": "back_to_top"}, TypeError),
        ({"properties": ["sparkles"]}, ValueError),
        ({"properties": []}, ValueError),
        ({"defects": ["no_such_code"]}, ValueError),
    ],
)
def test_bad_arguments_raise(kwargs: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        check_cleaner(lambda text: text, **kwargs)  # type: ignore[arg-type]


def test_not_a_callable_raises() -> None:
    with pytest.raises(TypeError):
        check_cleaner("not a function")  # type: ignore[arg-type]


def test_public_names_are_lazy() -> None:
    import subprocess
    import sys

    code = ("import sys, dq.testing; assert 'hypothesis' not in sys.modules; "
            "assert 'polars' not in sys.modules; dq.testing.check_cleaner; "
            "assert 'dq.testing.battery' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
    for name in dq.testing.__all__:
        assert getattr(dq.testing, name) is not None


# -- the README example runs as written --------------------------------------------

README_EXAMPLE = r'''
import re
from dq.testing import check_cleaner

BACK_TO_TOP = re.compile(r"^\W*(back|scroll) to top( button)?\W*$", re.IGNORECASE)

def my_cleaner(text: str) -> str:
    """Drop "Back to top" lines, then fix "he said ." spacing."""
    kept = [line for line in text.split("\n") if not BACK_TO_TOP.match(line.strip())]
    return re.sub(r"(\w) +([.,;:!?])(?=[\s\"”’)]|$)", r"\1\2", "\n".join(kept))

check_cleaner(my_cleaner, codes=["back_to_top", "space_before_punct"])
'''


@pytest.mark.slow
def test_readme_example_runs() -> None:
    # The snippet takes its settings from the active profile, as a user's test
    # would; here that profile is run with a quarter of its examples (each
    # example runs dq's detectors once), then restored.
    profile = settings.get_current_profile_name()
    settings.register_profile("readme-example", scaled(4))
    settings.load_profile("readme-example")
    try:
        exec(compile(README_EXAMPLE, "README.md", "exec"), {})  # noqa: S102 - our own snippet
    finally:
        settings.load_profile(profile)


def test_readme_shows_the_example() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert README_EXAMPLE.strip("\n") in readme, "README's check_cleaner example drifted"
