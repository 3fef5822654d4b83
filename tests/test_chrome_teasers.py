"""Chrome of issue 15's second recall pass (chrome21): teasers, captions, stamps, notes.

Each positive is a kind of line that pages of unseen publishers leave in
extractor output (runs of "Kicker: Headline" teasers, a teaser's lede cut
short with "mehr", captions ending in their picture's credit, running
times, media-player and gallery controls, a byline beside its date stamp
anywhere in the text, a note that a machine made the text). Each negative
is content of the same shape that must stay content: a list that repeats
its label, a subhead over its paragraph, a sentence about a photo, a
paragraph with an inline "read more" link, a list of people over a date, a
headline in capitals, a sentence about AI-written text. The texts are
written for the test (names and places invented or generic), not copied
from the dev pages; lines marked "outside" are shaped after the outside
audit's records named in the comment (tests/data/audit/README.md).
"""

from __future__ import annotations

import re

import polars as pl
import pytest
from _batch import Batch

from dq.detect import detect
from dq.evaluate.chrome import chrome_codes
from dq.signals._demo import article_flags, flags
from dq.signals._phrases import phrase_list
from dq.signals.chrome_stamps import name_beside_stamp
from dq.signals.chrome_teasers import credit_tail, kicker_run

BODY = (
    "The council voted on Tuesday to close the old bridge to cars after engineers found cracks.",
    "Residents said the closure would add twenty minutes to the school run for many families.",
)


def report(text: str) -> dict[int, dict[str, str]]:
    """1-based line number -> {chrome code: evidence} reported on it, for one article."""
    out = detect(pl.DataFrame({"id": ["a"], "text": [text]}), codes=chrome_codes()).findings
    lines: dict[int, dict[str, str]] = {}
    for line, code, ev in out.select("line", "code", "evidence").iter_rows():
        lines.setdefault(int(line), {})[str(code)] = str(ev)
    return lines


def article(*lines: str, last: bool = False) -> str:
    """The body, then ``lines``, then (unless ``last``) a paragraph again."""
    return "\n".join((*BODY, *lines, *(() if last else (BODY[0],))))


def at(lines: dict[int, dict[str, str]], k: int) -> dict[str, str]:
    """Codes on the k-th added line (0-based) of :func:`article`."""
    return lines.get(len(BODY) + k + 1, {})


def test_media_control_phrases_compile_and_are_lower_case() -> None:
    phrases = phrase_list("media_control")
    assert phrases
    for phrase in phrases:
        re.compile(phrase)
        assert phrase == phrase.lower(), phrase
        assert "\\b" not in phrase, phrase
    pl.Series(["x"]).str.contains("(?:" + "|".join(phrases) + ")")


def test_kicker_run_after_the_body_is_read_more_on_shape() -> None:
    lines = report(article(
        "- Demenz: Ab wann Gedächtnislücken besorgniserregend sind",
        "- Länger leben: Häufige Fehler beim Atmen – Was dagegen hilft",
        "- Grillen: Veggie-Wurst und Co. deutlich teurer als Fleisch",
        last=True,
    ))
    for k in range(3):
        assert at(lines, k).get("read_more") == "shape", (k, lines)


@pytest.mark.parametrize("run", [
    # A list in the text repeats its label on every item.
    ("We like: the low energy consumption of the airer",
     "We don't like: the heat output is not that high",
     "We like: it folds flat and has a small footprint"),
    # Subheads each followed by their paragraph.
    ("Experten: Kostenübernahme mitunter durchaus sinnvoll",
     "Die Kassen zahlen das Medikament nur in wenigen Fällen, sagen die Experten im Interview.",
     "Ärzte: Nachfrage in den Praxen steigt seit Monaten",
     "Viele Patienten fragen inzwischen gezielt nach dem neuen Medikament, berichten die Ärzte.",
     "Kassen: Kosten könnten in den nächsten Jahren stark steigen",
     "Die Kassen rechnen mit Milliarden an Mehrkosten, wenn das Mittel breit verschrieben wird."),
    # Items with prices: a price list.
    ("Erwachsene: Eintritt 12,00 € pro Tag und Person",
     "Kinder: Eintritt 6,50 € pro Tag und Person",
     "Familien: Eintritt 30,00 € pro Tag für alle"),
])
def test_lists_and_subheads_of_the_kicker_shape_are_no_kicker_run(run: tuple[str, ...]) -> None:
    # The rule alone: other rules of main judge some of these lines already
    # (a price list at the end of a text is a Title-Case headline list there).
    assert not any(article_flags(kicker_run(), article(*run, last=True))), run


CAPTIONS = [
    "Viele Hände arbeiten in der Halle daran, die Tiere zu verarbeiten. Bildrechte: MDR/Jane Doe",
    "Grauer Blazer und Minikleid, beides von GIVENCHY.Foto: Jane Doe. Styling: John Roe",
    "Die steinernen Figuren gelten als Ur-Eltern der Maya. © AFP | HANDOUT",
    "Viel Ruhe und Schlaf helfen, wieder zu Kräften zu kommen.Unsplash/Jane Doe",
    "The tariff will apply to steel exports starting on March 12. (Unsplash)",
    "The minister leaves the plane in Washington DC Jane Doe/via Reuters",
    # outside (prec15, jh_0059): a caption with its credit after the sentence.
    "A canister holding the sample is placed inside the return capsule. Credit: NASA/GSFC",
]


@pytest.mark.parametrize("caption", CAPTIONS)
def test_caption_ending_in_its_credit_is_media_credit_on_phrase(
    caption: str, table: Batch
) -> None:
    assert at(table.by_line(article(caption)), 0).get("media_credit") == "phrase"


@pytest.mark.parametrize("line", [
    "Das Foto: Es zeigt den Präsidenten beim Besuch in der Fabrik am Montag.",
    "The site was launched in 2019. © 2024 Example Media Ltd. All rights reserved",
    "Protests grew after the ruling.Reuters reported it first on Monday evening.",
    # A long paragraph that ends in a glued credit is content by its words
    # (trafilatura_eval's bmjv.de page).
    " ".join(["Die Aufsichtsbehörden nehmen Hinweise zu überhöhten Preisen entgegen."] * 7)
    + "Foto: photocase.de",
])
def test_sentences_about_photos_and_long_paragraphs_are_no_credit_tail(line: str) -> None:
    # The rule alone: main's credit marker already reports "Das Foto: ..." (a
    # known false positive of the older "Foto:" pattern, left to its owner).
    assert flags(credit_tail(), [line]) == [False]


RUNNING_TIMES = ["Duration 1:30", "Laufzeit 8 Minuten 15 Sekunden", "3 Min.", "01:00 min",
                 "0:00 Anhören", "Video 2:14"]


@pytest.mark.parametrize("line", RUNNING_TIMES)
def test_running_time_alone_is_a_stamp(line: str, table: Batch) -> None:
    assert "byline_dateline" in at(table.by_line(article(line)), 0)


CONTROLS = [
    ("Bildstrecke", "navigation"), ("Open this photo in gallery:", "navigation"),
    ("Vollbild", "navigation"), ("autoplay", "navigation"), ("1.0x", "navigation"),
    ("Mehr", "navigation"), ("Report an editorial error", "navigation"),
    ("Link wurde kopiert", "share_prompt"), ("Cargando...", "share_prompt"),
    ("Annonsørinnhold", "ad_label"), ("Del artikkel", "share_prompt"),
]


@pytest.mark.parametrize(("line", "code"), CONTROLS)
def test_player_gallery_and_page_controls_are_chrome(line: str, code: str, table: Batch) -> None:
    assert code in at(table.by_line(article(line)), 0)


def test_a_gallery_control_in_a_list_does_not_make_the_list_a_menu() -> None:
    # A property's feature list with "Vollbild" buttons of its pictures between
    # items, inside the text (trafilatura_eval's villacc.de page).
    items = ("Privater Pool", "Spa oder Whirlpool", "Kostenloses Wlan", "Vollbild",
             "Wasserfront mit Kanal", "Keine Haustiere erlaubt")
    lines = report(article(*items))
    assert "navigation" in at(lines, 3)
    for k in (0, 1, 2, 4, 5):
        assert "navigation" not in at(lines, k), (items[k], lines)


def test_name_beside_a_stamp_mid_text_is_a_byline_on_context() -> None:
    lines = report(article("Storm damage: what the town must repair", "Jane Doe",
                           "30. Juni 2025, 15:59 Uhr"))
    assert at(lines, 1).get("byline_dateline") == "context"


@pytest.mark.parametrize("block", [
    # A list of people over a date: content.
    ("Anna Menin", "Chris Davies", "30. Juni 2025, 15:59 Uhr"),
    # outside (prec15, ng_0577): a press release's headline in capitals under its date.
    ("PRESS RELEASE", "4th June 2021", "OBASANJO NOT FORMING POLITICAL PARTY"),
])
def test_names_in_a_list_and_capital_headlines_beside_a_stamp_are_no_stamp_name(
    block: tuple[str, ...],
) -> None:
    # The rule alone: at the first and last lines of a text, main's older
    # rule (a name-like line beside a stamp at the edge) judges these too.
    assert not any(article_flags(name_beside_stamp(), article(*block))), block


def test_teaser_lede_cut_short_with_more_is_read_more_on_phrase() -> None:
    lines = report(article("Rücktritt: Wenn der Gegenwind zu stark wird",
                           "Zuletzt hieß es oft, die Ministerin sei mit dem Amt überfordert. mehr",
                           "The minister visited the port to strengthen military ties ... more"))
    assert at(lines, 1).get("read_more") == "phrase"
    assert at(lines, 2).get("read_more") == "phrase"


def test_a_paragraph_with_an_inline_read_more_link_stays_content() -> None:
    # outside (prec15, ng_0698): a Reuters paragraph ends with its "read more" link.
    lines = report(article(
        "The union agreed to cut the government out of its debt markets on Tuesday. read more"))
    assert "read_more" not in at(lines, 0)


MACHINE_NOTES = [
    "Diese Zusammenfassung wurde künstlich erzeugt. Wir entwickeln das Angebot weiter.",
    "Dies ist eine maschinelle Übersetzung eines Artikels unserer Kollegen.",
    "Sammendraget er laget av ChatGPT og godkjent av redaksjonen.",
    "This article was generated with the help of AI and reviewed by an editor.",
]


@pytest.mark.parametrize("line", MACHINE_NOTES)
def test_machine_made_text_note_is_a_credit_on_phrase(line: str, table: Batch) -> None:
    assert at(table.by_line(article(line)), 0).get("byline_dateline") == "phrase"


ABOUT_AI = [
    "The essay was generated by AI, the professor said after the exam on Monday.",
    "Künstliche Intelligenz verändert die Arbeit in vielen Redaktionen, sagen Forscher.",
]


@pytest.mark.parametrize("line", ABOUT_AI)
def test_sentences_about_ai_text_stay_content(line: str, table: Batch) -> None:
    assert "byline_dateline" not in at(table.by_line(article(line)), 0)


@pytest.fixture(scope="module")
def table() -> Batch:
    """Every parametrised case of this module that reads findings, one record each, in one
    ``detect()`` call."""
    lines = [*CAPTIONS, *RUNNING_TIMES, *(line for line, _ in CONTROLS), *MACHINE_NOTES,
             *ABOUT_AI]
    return Batch([article(line) for line in lines], codes=chrome_codes())
