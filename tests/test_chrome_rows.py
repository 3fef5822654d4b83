"""Short lines that only look like menus (``dq.signals.chrome_rows``), end to end through detect.

Fixture tables, sign-offs and quoted posts are content of the article (audit21,
``tests/data/audit/judgements_d.jsonl``): ``navigation``, ``read_more`` and
``chrome_line`` must leave them, while menus of the same shape stay reported.
"""

from __future__ import annotations

import polars as pl
import pytest

from dq.detect import detect
from dq.schema import ARTICLE_SCHEMA

PROSE = [
    "The storm reached the coast on Monday night and cut power to thousands of homes.",
    "Crews worked through the night to restore it, the utility said on Tuesday morning.",
]
SHAPE_CODES = frozenset({"navigation", "read_more", "chrome_line", "byline_dateline"})


def _codes_by_line(text: str) -> dict[int, set[str]]:
    df = pl.DataFrame(
        {c: [text if c == "text" else "r0" if c == "id" else None] for c in ARTICLE_SCHEMA},
        schema=ARTICLE_SCHEMA,
    )
    out: dict[int, set[str]] = {}
    for line, code in detect(df).findings.select("line", "code").iter_rows():
        out.setdefault(line, set()).add(code)
    return out


def _flagged(text: str, lines: list[str]) -> list[str]:
    """Which of ``lines`` (by text) carry a shape/context chrome code."""
    codes = _codes_by_line(text)
    rows = text.split("\n")
    return [rows[i - 1] for i, c in codes.items() if c & SHAPE_CODES and rows[i - 1] in lines]


@pytest.mark.parametrize("table", [
    ["Napoli vs Inter Milan", "Stadio San Paolo, Naples", "Saturday, 13-06-2020 @10pm",
     "Ref: Gianluca Rocchi"],
    ["The other Bundesliga games this weekend", "Saturday, 13-06-2020",
     "-Wolfsburg vs Freiburg @4:30pm", "-Koln vs Union Berlin @4:30pm"],
    ["-Sevilla 2-0 Real Betis", "Friday, 11-06-2020", "-Granada 2-1 Getafe",
     "-Valencia 1-1 Levante"],
])
def test_a_fixture_table_is_content(table: list[str]) -> None:
    text = "\n".join([*PROSE, *table, *PROSE])
    assert _flagged(text, table) == []


def test_a_sign_off_is_not_a_menu() -> None:
    block = ["Isaac Mugume, PhD", "MUASA PR & CAES Rep"]
    text = "\n".join([*PROSE, *block, "Comments"])
    assert _flagged(text, block) == []


def test_an_embedded_post_is_a_quote() -> None:
    post = ["Lights✅", "Sound✅", "Band ✅"]
    text = "\n".join([*PROSE, *post,
                      "Performance ✅#Show — Jenifa Ochwo (@JenifaOchwo) May 10, 2020", *PROSE])
    assert _flagged(text, post) == []


def test_a_date_of_birth_field_is_no_dateline() -> None:
    profile = ["Playing position: Goalkeeper", "Date of Birth: 8th February 1998",
               "Place of Birth: Nsambya, Kampala"]
    text = "\n".join([*PROSE, *profile, *PROSE])
    # (read_more's "Kicker: Headline" run, dq.signals.chrome_teasers, is another matter)
    assert not [c for c in _codes_by_line(text).values() if "byline_dateline" in c]


def test_menus_of_the_same_shape_stay_reported() -> None:
    menu = ["Home", "News", "Sport", "Weather"]
    text = "\n".join([*menu, *PROSE])
    assert _flagged(text, menu) == menu
    # one match line is no table; a title and a stamp stay what they are
    teaser = ["Home", "Google vs. OpenAI", "Sport", "Weather"]
    assert "Sport" in _flagged("\n".join([*teaser, *PROSE]), teaser)
    stamped = "\n".join(["Published 11:34 PM EST Nov 19, 2019", *PROSE])
    assert "byline_dateline" in _codes_by_line(stamped)[1]
