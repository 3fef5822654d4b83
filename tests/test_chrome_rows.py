"""Short lines that only look like menus (``dq.signals.chrome_rows``), end to end through detect.

Fixture tables, sign-offs and quoted posts are content of the article (audit21,
``tests/data/audit/judgements_d.jsonl``): ``navigation``, ``read_more`` and
``chrome_line`` must leave them, while menus of the same shape stay reported.
"""

from __future__ import annotations

import pytest
from _batch import Batch

from dq.schema import ARTICLE_SCHEMA

PROSE = [
    "The storm reached the coast on Monday night and cut power to thousands of homes.",
    "Crews worked through the night to restore it, the utility said on Tuesday morning.",
]
SHAPE_CODES = frozenset({"navigation", "read_more", "chrome_line", "byline_dateline"})


def _batch(*texts: str) -> Batch:
    """Every detector on ``texts``, one record each in the article schema, one call."""
    return Batch(texts, columns=ARTICLE_SCHEMA)


def _flagged(text: str, lines: list[str], batch: Batch) -> list[str]:
    """Which of ``lines`` (by text) carry a shape/context chrome code (``text`` is a record
    of ``batch``)."""
    codes = batch.found(text)
    rows = text.split("\n")
    return [rows[i - 1] for i, c in codes.items() if c & SHAPE_CODES and rows[i - 1] in lines]


FIXTURES = [
    ["Napoli vs Inter Milan", "Stadio San Paolo, Naples", "Saturday, 13-06-2020 @10pm",
     "Ref: Gianluca Rocchi"],
    ["The other Bundesliga games this weekend", "Saturday, 13-06-2020",
     "-Wolfsburg vs Freiburg @4:30pm", "-Koln vs Union Berlin @4:30pm"],
    ["-Sevilla 2-0 Real Betis", "Friday, 11-06-2020", "-Granada 2-1 Getafe",
     "-Valencia 1-1 Levante"],
]


@pytest.fixture(scope="module")
def fixtures() -> Batch:
    return _batch(*["\n".join([*PROSE, *table, *PROSE]) for table in FIXTURES])


@pytest.mark.parametrize("table", FIXTURES)
def test_a_fixture_table_is_content(table: list[str], fixtures: Batch) -> None:
    text = "\n".join([*PROSE, *table, *PROSE])
    assert _flagged(text, table, fixtures) == []


def test_a_sign_off_is_not_a_menu() -> None:
    block = ["Isaac Mugume, PhD", "MUASA PR & CAES Rep"]
    text = "\n".join([*PROSE, *block, "Comments"])
    assert _flagged(text, block, _batch(text)) == []


def test_an_embedded_post_is_a_quote() -> None:
    post = ["Lights✅", "Sound✅", "Band ✅"]
    text = "\n".join([*PROSE, *post,
                      "Performance ✅#Show — Jenifa Ochwo (@JenifaOchwo) May 10, 2020", *PROSE])
    assert _flagged(text, post, _batch(text)) == []


def test_a_date_of_birth_field_is_no_dateline() -> None:
    profile = ["Playing position: Goalkeeper", "Date of Birth: 8th February 1998",
               "Place of Birth: Nsambya, Kampala"]
    text = "\n".join([*PROSE, *profile, *PROSE])
    # (read_more's "Kicker: Headline" run, dq.signals.chrome_teasers, is another matter)
    assert not [c for c in _batch(text).found(text).values() if "byline_dateline" in c]


def test_menus_of_the_same_shape_stay_reported() -> None:
    menu = ["Home", "News", "Sport", "Weather"]
    text = "\n".join([*menu, *PROSE])
    # one match line is no table; a title and a stamp stay what they are
    teaser = ["Home", "Google vs. OpenAI", "Sport", "Weather"]
    teasers = "\n".join([*teaser, *PROSE])
    stamped = "\n".join(["Published 11:34 PM EST Nov 19, 2019", *PROSE])
    got = _batch(text, teasers, stamped)
    assert _flagged(text, menu, got) == menu
    assert "Sport" in _flagged(teasers, teaser, got)
    assert "byline_dateline" in got.found(stamped)[1]
