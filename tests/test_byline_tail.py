"""A byline closing the text is attribution for ``missing_author`` (issue 15, audit24)."""

from __future__ import annotations

import polars as pl
import pytest

from dq.signals.attribution import missing_author

BODY = "The council voted on Monday to close the pool for the winter, officials said."


def _missing(text: str, author: str | None = None) -> bool:
    df = pl.DataFrame({"author": [author], "text": [text]}, schema={"author": pl.String,
                                                                  "text": pl.String})
    return bool(df.select(missing_author()).item())


@pytest.mark.parametrize(
    "tail",
    [
        "Maria Fernanda Costa",  # a name alone
        "Jean-Luc Martin\nAgence Régionale de Presse",  # a name over an organisation
        "Lena Vogel - Tomasz Nowak",  # two reporters
        "Ngọc Lan\nTrung tâm Thông tin tỉnh",  # Vietnamese
        "Ирина Смирнова",  # Cyrillic
        "रमेश शर्मा/काठमाडौं",  # a caseless script: reporter/place
    ],
)
def test_a_closing_byline_is_attribution(tail: str) -> None:
    assert not _missing(f"{BODY}\n{tail}")


@pytest.mark.parametrize(
    "tail",
    [
        "Related Stories",  # a heading
        "View Comments",  # a control
        "Login Sign Up",  # a bar of controls
        "Read More",
        "Why The Pool Closing Matters For Swimmers This Winter",  # a teaser headline
        "Maria Fernanda Costa\nThe decision was criticised by residents, she said.",  # not last
    ],
)
def test_a_heading_or_a_name_inside_the_text_is_not(tail: str) -> None:
    assert _missing(f"{BODY}\n{tail}")


def test_a_name_after_a_menu_line_is_not_a_byline() -> None:
    assert _missing("Home\nNews\nSport\nMaria Fernanda Costa")


def test_an_opening_byline_in_a_caseless_script_is_attribution() -> None:
    assert not _missing(f"By: रमेश शर्मा | 12 Mar 2024 10:15 AM (IST)\n{BODY}")
    assert _missing(f"Por ordem judicial, o atacante teve bens bloqueados.\n{BODY}")
