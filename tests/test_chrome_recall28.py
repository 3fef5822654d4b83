"""Chrome told by its own words (issue 15, recall28): captions with a position marker, a wire
caption's place and date, a credit pair (:mod:`dq.signals.chrome_caption28`); link lines
closed by their "(opens in a new window)" note and menus run together without spaces
(:mod:`dq.signals.chrome_links28`).

Each positive is a caption of a kind many sites print, written for this test (people,
places and outlets invented), not copied from the dev pages; it stands between paragraphs
of an ordinary body and is reported as ``media_credit`` on ``phrase`` evidence, full
sentence or not. Each negative is prose of the same shape (a bracket, a date, a slash)
that must stay unreported.
"""

from __future__ import annotations

import pytest
from _batch import Batch
from _chrome_helpers import BODY

from dq.evaluate.chrome import chrome_codes

CAPTIONS = [
    "Mayor Jane Holt (left) talks to residents at the flooded bridge.",
    "The new board (from left): Anna Berg, Carl Dahl and Eva Lund",
    "Pictured from left, are volunteers Tom Reyes, Mia Chen and Olu Bello at the depot.",
    "Bürgermeisterin Eva Roth (links) mit Stadtrat Jan Weber bei der Eröffnung der Brücke.",
    "Die neuen Vorstandsmitglieder (v. l. n. r.): Lea Kraus, Tim Bauer, Ida Falk",
    "Jan Weber (r.) mit seiner Tochter vor dem Rathaus.",
    "La alcaldesa Ana Ruiz (izquierda) conversa con los vecinos afectados por la riada.",
    "Ordfører Kari Dahl (t.v.) og rådmann Per Lie åpnet den nye brua tirsdag.",
    "記者会見する山田太郎社長（中）ら経営陣",
    "A worker clears debris from the riverbank in Millbrook, Ohio, March 3, 2025.",
    "Firefighters battle a blaze near Elm Street in Riverton, Oct. 12, 2024. "
    "(Lena Brandt/Harbour Post)",
    "Mayor Jane Holt, left, and council leader Tom Reyes, right, walk along the closed bridge.",
    "This March 3, 2024, file photo, provided by the county, shows the old bridge.",
    "An artist's impression of the new bridge over the Elm River.",
    "Legende: Die Bürgermeisterin traf sich am Samstag mit den Anwohnern der gesperrten Brücke.",
    "Imago/Harbour Press",
    "Lena Brandt/GC Images",
    "janedoe - stock.adobe.com",
]

CONTENT = [
    "The group was pictured leaving the court in Millbrook on Monday, police said.",
    "Senator Jane Holt (R) voted against the bill on Tuesday, her office said.",
    "The party (Die Linke) left the coalition after the vote, its leader said.",
    "The council will meet again on Monday, March 3, 2025, to set the budget.",
    "The law takes effect on April 14, 2024, the ministry said in a statement.",
    "Residents of Millbrook, Ohio, moved to Riverton, Oct. 12, 2024",
    "WHEN: Today, Monday, May 7, 2012.",
    "Yesterday, Thursday, July 8, 2021, the agency froze the accounts of both companies.",
    "MILLBROOK, Monday, May 7, 2012 – Harbour Corp. today announced a new bridge fund.",
    "Turn right, left, then right again at the lights, the driver said.",
    "This is the photo that changed her career, the photographer said.",
    "Best for Active/Side Sleepers",
    "The AP/Reuters poll showed a narrow lead.",
    "Turn left (at the lights) and the depot is on your right, the driver said.",
    # review28: a bracketed syllable, the bare phrase in prose, the political spectrum, a
    # life dated in the caption's order, a picture as a figure of speech
    "The party's (re)election campaign starts on Monday after a long summer of debate.",
    "Erst recht kein sog. Masku(li)nist, schrieb der Leser am Montag in seinem Kommentar.",
    "From left-wing activists came the loudest protest against the plan, the mayor said.",
    "Die Angriffe, von links wie von rechts, nahmen in den letzten Wochen deutlich zu.",
    "Von links bis rechts waren sich alle Parteien in dieser Frage einig, sagte sie.",
    "Politically, left, right and centre all agreed on the budget after the long debate.",
    "The company was founded in Millbrook, Ohio, March 3, 1999.",
    "This image of a caring state is a myth, she argued in her speech on Monday.",
]


LINKS = [
    "Software Engineer (m/w/d) Muster GmbH (öffnet im neuen Fenster)",
    "Senior Data Analyst, Harbour Post Media (opens in a new window)",
    "Flood barrier fails at Millbrook bridge for the second time19:42",
    "Téléchargez notre application (s'ouvre dans une nouvelle fenêtre)",
    "News-App herunterladen (Wird in einem neuen Fenster geöffnet.) Laden Öffnen",
]

MENUS = [
    "HomeNewsSportWeatherContact",
    "PolitikWirtschaftKulturSportReisen",
    "InicioMundoDeportes y másCultura",
]

LINK_CONTENT = [
    "The ferry leaves Millbrook at 19:42",
    "Die Legende: Er kam, sah und siegte, schrieb der Reporter damals.",
    "The PlayStation and the iPhone sold well in YouTube ads, analysts said.",
    "członkaRadyNadzorczejSpółki,",
    "document.addEventListener('DOMContentLoaded', function(event) {",
    "Die Firma nutzte Akkus von Muster (öffnet im neuen Fenster) mit 271 Wh/kg, sagte er.",
    "The new window opens in a new way, the architect said on Monday.",
    # A web address written in capitals is one name, not a menu (xcheck28, outside text:
    # "The ads all drive people to a website:" / "SanDiegoOpioidProject.org" / ". Some ...").
    "HarbourFloodReliefFund.org",
    "Spenden unter HafenHilfeNordKiel.de",
]


def _between(line: str) -> str:
    return "\n".join([*BODY, line, *BODY])


@pytest.fixture(scope="module")
def table() -> Batch:
    lines = CAPTIONS + CONTENT + LINKS + MENUS + LINK_CONTENT
    return Batch([_between(line) for line in lines], codes=chrome_codes())


@pytest.mark.parametrize("line", CAPTIONS)
def test_caption_told_by_its_words_is_media_credit_on_phrase(line: str, table: Batch) -> None:
    text = _between(line)
    at = len(BODY) + 1
    assert "media_credit" in table.found(text).get(at, set()), line
    assert table.evidence(text)[(at, "media_credit")] == "phrase", line


@pytest.mark.parametrize("line", LINKS)
def test_link_line_closed_by_its_window_note_is_read_more_on_phrase(line: str,
                                                                    table: Batch) -> None:
    text = _between(line)
    at = len(BODY) + 1
    assert "read_more" in table.found(text).get(at, set()), line
    assert table.evidence(text)[(at, "read_more")] == "phrase", line


@pytest.mark.parametrize("line", MENUS)
def test_menu_entries_run_together_are_navigation(line: str, table: Batch) -> None:
    assert "navigation" in table.found(_between(line)).get(len(BODY) + 1, set()), line


@pytest.mark.parametrize("line", CONTENT + LINK_CONTENT)
def test_prose_of_the_same_shape_stays_content(line: str, table: Batch) -> None:
    assert table.found(_between(line)).get(len(BODY) + 1) is None, line
