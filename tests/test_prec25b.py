"""Lines of filings' tables and CVs that dq read as chrome, by class (issue 15, prec25b).

The eighth outside audit (audit25, ``tests/data/audit/judgements_h.jsonl``)
read PDF text of stock-exchange filings. Each case is a record written for
this test (its shape taken from an excerpt, its words shortened) with the
lines that must stay unreported under a code, and a control of the same
kind that must still be reported. All cases run in ONE ``detect()`` call (a
module-scoped fixture): CI time is at its limit.

- A row of figures is no pager ("35 235 35 235" does not count up).
- A two-column table row is its cell twice ("Liczba głosów Liczba głosów")
  beside a twin row of figures ("0 0"): data, not a chrome line.
- A CV's entries open with a span of years: a timeline, not a menu; a run
  of a form's fields holding a registry code (an LEI) is no menu either.
- Dates under a header naming two date fields, or two bare dates on a line,
  are a table's cells, not a dateline.
- A line opening "by ..." under a long line broken off mid-sentence goes on
  with that sentence: no byline.
"""

from __future__ import annotations

import pytest
from _batch import Batch

from dq.schema import ARTICLE_SCHEMA

PARA = ("The council met on Monday evening and voted for the new flood plan "
        "after a long debate about its cost.")

#: id -> (text, {line: code that must NOT be reported}, {line: code that MUST be}); lines 1-based.
CASES: dict[str, tuple[str, dict[int, str], dict[int, str]]] = {
    # audith_0008 / 0012 / 0193 / 0195: a shareholding table, two columns (before, after).
    "share_table": (
        "\n".join([
            PARA, "Bezpośredni stan posiadania podmiotu", "stan przed zmianą stan po zmianie",
            "Liczba akcji na okaziciela i/lub imiennych Liczba akcji na okaziciela i/lub imiennych",
            "nieuprzywilejowanych do głosu nieuprzywilejowanych do głosu", "35 235 35 235",
            "Liczba akcji imiennych uprzywilejowanych do głosu Liczba akcji imiennych "
            "uprzywilejowanych do głosu", "0 0", "Liczba akcji razem Liczba akcji razem",
            "1 006 761 1 006 761", "Liczba głosów Liczba głosów", "0 0",
            "% udział w liczbie głosów % udział w liczbie głosów", "0 0", "Szczegóły zdarzenia",
        ]),
        {4: "chrome_line", 6: "navigation", 10: "navigation", 13: "chrome_line"}, {},
    ),
    "pager": (PARA + "\n1 2 3 4 5\nNext page", {}, {2: "navigation"}),
    # audith_0197 / 0202 / 0207: a board candidate's CV (the excerpt of audith_0197).
    "cv": (
        "\n".join([
            "V 2023 – obecnie iMercado Sp. z o.o.",
            "Prezes Zarządu",
            "II 2023 – obecnie AgioFunds Towarzystwo Funduszy Inwestycyjnych",
            "Członek Rady NadzorczejXII 2006 – obecnie Polska Cegła Żytkowice Sp. z o.o.",
            "Przewodniczący Rady Nadzorczej",
            "X 2022 – II 2023 AgioFunds Towarzystwo Funduszy Inwestycyjnych",
            "Wiceprezes Zarządu",
            "VIII 2021 – IX 2022 Origin Towarzystwo Funduszy Inwestycyjnych",
            "Wiceprezes Zarządu, od XII 2021 Prezes Zarządu",
            "XI 2020 – VII 2021 Q Securities S.A.",
            "Członek Rady Nadzorczej",
            "II 2019 – VIII 2019 Saturn Towarzystwo Funduszy Inwestycyjnych",
            "Doradca Zarządu",
            "VI 2017 – XII 2018 Noble Funds Towarzystwo Funduszy Inwestycyjnych",
            "Doradca Zarządu",
            "V 2012 – V 2017 Open Finance Towarzystwo Funduszy Inwestycyjnych",
            "Prezes Zarządu, Dyrektor Inwestycyjny",
            "IX 2003 – IV 2012 Towarzystwo Funduszy Inwestycyjnych Allianz Polska",
            "Wiceprezes Zarządu, Dyrektor Inwestycyjny",
            "VII 1999 – IX 2003 Powszechne Towarzystwo Emerytalne Allianz Polska",
            "od września 2000 r. Członek Zarządu, zarządzający",
        ]),
        {11: "navigation", 12: "read_more", 13: "navigation", 16: "read_more",
         17: "navigation", 18: "read_more", 19: "read_more"}, {},
    ),
    # audith_0204: a notice's form, its fields one per line, with an LEI code.
    "form": (
        "\n".join([
            "Dane uczestników porozumienia",
            "Typ podmiotu",
            "osoba fizyczna",
            "osoba prawna",
            "Adres siedziby Kod pocztowy Miejscowość Kraj",
            "Franciszka Klimczaka 1 02-797 Warszawa Polska",
            "Nazwa podmiotu",
            "NEO FUND 1 SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",
            "LEI",
            "25940027E22V5YV7CL54",
            "brak kodu LEI",
        ]),
        {5: "read_more", 6: "read_more", 8: "read_more", 10: "navigation"}, {},
    ),
    "menu": ("Home\nNews\nSport\nWeather\n" + PARA, {}, {1: "navigation", 4: "navigation"}),
    # audith_0001 / 0004: the dates of a notice's form.
    "date_table": (
        "\n".join([PARA, "Kucner Artur", "Data przekazania powiadomienia Data zdarzenia",
                   "2024-5-7 2024-4-29",
                   "Data rozliczenia transakcji Data powzięcia informacji o zdarzeniu",
                   "2024-4-29", "Rodzaj zdarzenia", "Inne"]),
        {4: "byline_dateline", 6: "byline_dateline"}, {},
    ),
    "dateline": ("19 NOV 2019\n" + PARA, {}, {1: "byline_dateline"}),
    # audith_0006: a notice's paragraph wrapped at the page's width.
    "wrapped": (
        "\n".join([
            "OTHER RELEVANT INFORMATION",
            "Further to our notice of inside information on 7 May 2024 (registered under "
            "number 2235) announcing the invitation",
            "by Santander to holders of its outstanding €1,500,000,000 4.75 per cent. "
            "Non-Step-Up Non-Cumulative Contingent", PARA,
        ]),
        {3: "byline_dateline"}, {},
    ),
    "byline": ("Storm hits the coast\nBy Jane Doe\n" + PARA, {}, {2: "byline_dateline"}),
}


def record(case: str) -> dict[str, str | None]:
    """The case's record: its text."""
    return {"text": CASES[case][0], "lang": None}


@pytest.fixture(scope="module")
def reported() -> Batch:
    """Every case's record (the article schema's columns), one ``detect()`` call."""
    return Batch(map(record, CASES), columns=ARTICLE_SCHEMA)


@pytest.mark.parametrize("case", list(CASES))
def test_content_stays_unreported_and_controls_are_reported(case: str, reported: Batch) -> None:
    _, absent, present = CASES[case]
    reported.check_lines(record(case), absent, present)
