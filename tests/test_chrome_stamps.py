"""Datelines and social counters against the dated lines and numbers of an article's content.

A dateline is a stamp printed once or twice per article; a social counter is
a number with its network word. The negatives here are rows of a timetable,
items of a holiday list, agenda headings, dated subheads and the years of a
timeline: the audit15c shapes (``tests/data/audit/judgements_c.jsonl``) and
invented lines of the same shape in other languages. The positives are the
stamps those rules must keep.
"""

from __future__ import annotations

import pytest
from _batch import Batch

PROSE = (
    "The council voted on Tuesday to close the old bridge to cars after engineers found cracks.",
    "Residents said the closure would add twenty minutes to the school run for many families.",
)


def text_of(lines: list[str]) -> str:
    """``lines`` between two paragraphs of prose."""
    return "\n".join([*PROSE, *lines, *PROSE])


def codes_on(lines: list[str], batch: Batch) -> dict[int, set[str]]:
    """Line number among ``lines`` (1-based) -> codes reported on it (byline_dateline and
    social_counts only), by every detector (``text_of(lines)``, a record of ``batch``)."""
    got: dict[int, set[str]] = {}
    for line, codes in batch.found(text_of(lines)).items():
        kept = codes & {"byline_dateline", "social_counts"}
        if kept:
            got[line - len(PROSE)] = kept
    return got


BLOCKS = {
    # audit15c: an Indonesian prayer-time table, and an invented one.
    "prayer_times": ["Jadwal imsakiyah DKI Jakarta dan sekitarnya:", "IMSAK 04:29", "SUBUH 04:39",
                     "DUHA 06.26", "ZUHUR 11:56", "MAGHRIB 17:52", "ISYA 19:04"],
    "opening_hours": ["Horaires de la piscine :", "Lundi fermé", "Ouverture 09:30",
                      "Fermeture 18:45", "Nocturne 21:00"],
    # audit15c: Portuguese holiday list; invented Spanish one.
    "holidays": ["Os feriados de 2023:", "9 de abril, dia de Páscoa (domingo);",
                 "25 de Abril (terça-feira);", "1 de Maio, dia do Trabalhador (segunda-feira);"],
    "festivos": ["Los festivos del año:", "6 de enero (viernes);", "19 de marzo (domingo);",
                 "1 de mayo (lunes);"],
    "long_weekends": ["De 7 a 9 de abril (sexta-feira a domingo);",
                      "De 29 de abril a 1 de maio (sábado a segunda-feira)",
                      "De 1 a 3 de dezembro (sexta-feira a domingo);"],
    # audit15c: agenda day headings; invented English diary heading.
    "agenda": ["5 janeiro (quinta-feira)", "14h30 Conversa",
               "Árvores, Vidas e Singularidades com o Botânico Jorge Saraiva"],
    "diary": ["May 15", "At 9:59 AM I arrived at the hall and queued with the others."],
    # audit15c: dated subhead and chart label; invented ones of the same shape.
    "subheads": ["Video Detik-Detik Erupsi Gunung Gede 2 April 2025",
                 "Foto Banjir Besar Jakarta Timur 5 Maret 2025",
                 "Dados de 13 de Abril de 2022", "Datos de 4 de marzo de 2021"],
    # audit15c: years heading a biography timeline; invented results table years.
    "timeline": ["1951", "He was ordained a priest with his brother and taught at Freising.",
                 "2007", "He wrote his second book while travelling across Brazil that spring.",
                 "1998", "The club won its first title after a long and difficult season."],
}


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_dated_content_is_not_a_dateline(name: str, table: Batch) -> None:
    assert codes_on(BLOCKS[name], table) == {}


STAMPS = [
    "By Jane Doe",
    "Von Max Muster",
    "Por Sónia Peres Pinto e Daniela Soares Ferreira",
    "JULY 4, 2021",
    "Monday November 18, 2019 7:45 am PST",
    "Chris Davies - Nov 19, 2019, 10:31 pm CST",
    "Alessio Palumbo • Nov 18",
    "Editorial 04 NOV 25",
    "Erschienen am 30.04.2024",
    "Updated 3 hours ago",
    "11:53 am",
]


@pytest.mark.parametrize("line", STAMPS)
def test_stamps_stay_datelines(line: str, table: Batch) -> None:
    assert codes_on([line], table) == {1: {"byline_dateline"}}


COUNTS = ["197 Shares", "Facebook (3,507 likes)", "12 likes"]


@pytest.mark.parametrize("line", COUNTS)
def test_labelled_counts_stay_social_counts(line: str, table: Batch) -> None:
    assert codes_on([line], table) == {1: {"social_counts"}}


def test_a_small_lone_number_between_prose_is_still_a_counter(table: Batch) -> None:
    assert codes_on(["2"], table) == {1: {"social_counts"}}


@pytest.fixture(scope="module")
def table() -> Batch:
    """Every case of this module, one record each, in one ``detect()`` call (every code)."""
    blocks = [*BLOCKS.values(), *([line] for line in [*STAMPS, *COUNTS, "2"])]
    return Batch([text_of(lines) for lines in blocks])
