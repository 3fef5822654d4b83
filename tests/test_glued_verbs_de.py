"""glued_words on a German word or name run into a finite verb (dq.signals.spacing_closed, rule 3).

A German compound's head is a noun or an adjective, never a finite verb, so a capitalised stem
glued to a form of ``FINITE_VERBS`` is two words. The sentences are written for the test (no dev
or audit text): names and nouns glued to a verb must be split; nouns and names that end in a
string that is also a verb form (the -ist nouns, names in -kam, nouns in -stand or -waren),
particle verbs and prefixed verbs written whole, and a participle used as a noun must stay whole.
"""

from __future__ import annotations

import pytest
from _batch import Batch
from _glued_helpers import glued_batch, glued_in

from dq.signals.context import DetectContext

GLUE = [
    ("Nach dem Spiel in der Kabine meinte Jürgen Kloppsagte dann noch etwas zur Tabelle.",
     ("Kloppsagte", "Klopp sagte")),
    ("Im Rückspiel gegen den FC Liverpoolerhielt die Mannschaft zwei gelbe Karten.",
     ("Liverpoolerhielt", "Liverpool erhielt")),
    ("Das neue Wembley-Stadionsteht seit dem Frühjahr wieder für Konzerte offen.",
     ("Wembley-Stadionsteht", "Wembley-Stadion steht")),
    ("Die Stadtverwaltung von Hamburghatte die Sperrung der Brücke schon im Mai verfügt.",
     ("Hamburghatte", "Hamburg hatte")),
]

WHOLE = [
    # -ist nouns, named after people too; they are no name glued to "ist"
    ("Der Umweltaktivist und der Titoist stritten lange über die Geschichte des Landes.",
     "Umweltaktivist"),
    ("Der Umweltaktivist und der Titoist stritten lange über die Geschichte des Landes.",
     "Titoist"),
    # names in -kam, nouns in -waren and -stand
    ("Der Schiedsrichter Leykam pfiff die Partie in Bergkamen ohne jede Nachspielzeit ab.",
     "Leykam"),
    ("Die Lieferung der Haushaltswaren verzögerte sich wegen des hohen Pegelstands.",
     "Haushaltswaren"),
    # a participle used as a noun, a prefixed verb, a particle verb at a sentence's start
    ("Abgesagte Konzerte werden nach Angaben des Veranstalters im Herbst nachgeholt.",
     "Abgesagte"),
    ("Selbsterklärte Experten meldeten sich nach dem Unfall in den sozialen Medien zu Wort.",
     "Selbsterklärte"),
    ("Das Haus, in dem die Familie wohnte, entsteht auf dem Gelände einer alten Mühle neu.",
     "entsteht"),
]


@pytest.fixture(scope="module")
def table() -> Batch:
    """Every case of GLUE and WHOLE, one German record each, in one ``detect()`` call."""
    texts = list(dict.fromkeys(case[0] for case in GLUE + WHOLE))
    return glued_batch([("de", text) for text in texts], DetectContext())


@pytest.mark.parametrize(("text", "expected"), GLUE, ids=[g[1][0] for g in GLUE])
def test_a_name_glued_to_a_finite_verb_is_split(
    text: str, expected: tuple[str, str], table: Batch
) -> None:
    assert expected in glued_in(table, text, "de")


@pytest.mark.parametrize(("text", "word"), WHOLE, ids=[w[1] for w in WHOLE])
def test_a_word_ending_in_a_verb_form_stays_whole(text: str, word: str, table: Batch) -> None:
    assert not [m for m, _ in glued_in(table, text, "de") if m in word or word in m]
