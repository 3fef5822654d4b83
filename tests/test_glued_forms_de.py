"""glued_words on German tokens that are one word by their form (dq.signals.spacing_forms).

A check of 1,028 German derStandard articles (gluedde26; tests/data/audit/judgements_de26.jsonl)
judged splits of real words wrong: a Binnen-I form ("ArbeitnehmerInnen"), a name's adjective
("Heisenberg’sche"), a hyphenated compound cut inside a word ("Balkan-Verk auf"), a particle and a
modal ("weiterkönnen"), a participle ("werdender"), a CamelCase password. The sentences below are
written for the test with other words of the same kind, so the rule, not the article, is checked;
glue before a hyphenated word or after a function word must still be split, and a capital
label glued to a title split before the title's capital.
"""

from __future__ import annotations

import pytest
from _batch import Batch
from _glued_helpers import glued_batch, glued_in

from dq.signals.context import DetectContext

WHOLE = [
    # Binnen-I: a lower-case stem, then "In"/"Innen" (and a hyphenated rest)
    ("Die Betriebsrätin sprach mit den UnternehmervertreterInnen über den Dienstplan.",
     "UnternehmervertreterInnen"),
    # a name, an apostrophe and an adjective ending
    ("Das Modell beruht auf der Einstein’schen Feldgleichung und ihren Folgen für Licht.",
     "Einstein’schen"),
    ("Der Versuch bestätigte die Newton’sche Mechanik und ihre Folgen für die Bahn.",
     "Newton’sche"),
    # a hyphenated compound whose part is a word
    ("Der geplante Bank-Verkauf wurde am Montag vom Aufsichtsrat endgültig gestoppt.",
     "Bank-Verkauf"),
    # a particle and a modal, a participle
    ("Viele Pendler stecken fest, weil sie mit dem Zug nicht weiterkönnen, hieß es.",
     "weiterkönnen"),
    ("Die Firma reagiert auf die immer größer werdender Kosten mit einem Sparprogramm.",
     "werdender"),
    # a CamelCase phrase with a function word inside
    ("Als Kennwort nutzt man statt wien etwa WienWirdSchoensteStadtEuropas mit Ziffern.",
     "WienWirdSchoensteStadtEuropas"),
]

GLUE = [
    # glue before a hyphenated word: the cut part ("imEU") is no word
    ("Der Vorschlag braucht noch eine Mehrheit imEU-Parlament und im Rat der Länder.",
     ("imEU", "im EU")),
    # a capitalised word glued to the title before it (two parts, no function word)
    ("Die Kritik kam vom BürgermeisterMichael Ludwig, der eine Prüfung verlangte.",
     ("BürgermeisterMichael", "Bürgermeister Michael")),
    # a genre label in capitals glued to a title: the last capital opens the word ("Der"),
    # the repair is no "TALKD er"
    ("Bis 20.00, ORF 3 20.15 TALKDer Wirtschaftstalk mit Gästen aus Politik und Forschung.",
     ("TALKDer", "TALK Der")),
]


@pytest.fixture(scope="module")
def table() -> Batch:
    """Every case of WHOLE and GLUE, one German record each, in one ``detect()`` call."""
    return glued_batch([("de", case[0]) for case in WHOLE + GLUE], DetectContext())


@pytest.mark.parametrize(("text", "word"), WHOLE, ids=[w[1] for w in WHOLE])
def test_a_german_form_stays_whole(text: str, word: str, table: Batch) -> None:
    assert not [m for m, _ in glued_in(table, text, "de") if m in word or word in m]


@pytest.mark.parametrize(("text", "expected"), GLUE, ids=[g[1][0] for g in GLUE])
def test_glue_beside_such_forms_is_still_split(
    text: str, expected: tuple[str, str], table: Batch
) -> None:
    assert expected in glued_in(table, text, "de")
