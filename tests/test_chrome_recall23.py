"""Chrome of publishers dq has never seen (issue 15, recall23): UI strings and teaser labels.

Each positive is a line of a kind many sites print, in the language it is
printed in: "read also" labels (Arabic, Japanese, Polish, German, and a
label glued to its headline without a mark; Hindi, Vietnamese, Chinese,
Korean and Arabic box headings), share and follow buttons
printed with their icon's label, newsletter and sign-up form text, pay- and
login walls, table-of-contents headings, player and text-size controls.
They are written for the test (the Arabic ones after the outside audit's
akhbarelyom.com records, tests/data/audit/judgements_e.jsonl), not copied
from the dev pages. Each negative is a sentence *about* the same thing,
which must stay content.
"""

from __future__ import annotations

import re

import polars as pl
import pytest
from _batch import Batch
from _chrome_helpers import BODY, assert_ui_line_at_end, at_end, chrome_batch

from dq.signals._demo import flags
from dq.signals._phrases import phrase_list
from dq.signals.chrome_teasers import also_headline
from dq.signals.linemodel import doubled_label

POSITIVES = [
    # "read also" labels before another story's headline
    ("read_more", "اقرأ أيضا | موعد مباراة منتخب مصر الودية"),
    ("read_more", "اقرأ أيضاً: محافظ أسوان يتابع أعمال الصيانة"),
    ("read_more", "【関連記事】市議会、新しい橋の計画を承認"),
    ("read_more", "Czytaj też: Rada miasta zamyka stary most"),
    ("read_more", "ये भी पढ़ें: नगर परिषद ने पुराना पुल बंद किया"),
    ("read_more", "Xem thêm: Thành phố đóng cửa cây cầu cũ"),
    ("read_more", "相关阅读：市议会批准新桥计划"),
    ("read_more", "관련기사"),
    ("read_more", "أخبار ذات صلة"),
    ("read_more", "Auch lesen: Die Stadt schließt die alte Brücke"),
    ("read_more", "À lire aussi La ville ferme le vieux pont"),
    ("read_more", "Les også Bystyret stenger den gamle brua"),
    ("read_more", "Das könnte Dich auch interessieren …"),
    ("read_more", "Contenido relacionado"),
    ("read_more", "Weitere Nachrichten"),
    ("read_more", "Lees meer"),
    ("read_more", "- Etiketler :"),
    # share, follow and copy buttons
    ("share_prompt", "Per E-Mail teilen E-Mail"),
    ("share_prompt", "Auf Facebook teilen Facebook"),
    ("share_prompt", "über Bluesky teilen über Threads teilen per Mail teilen"),
    ("share_prompt", "Link kopieren Link kopieren"),
    ("share_prompt", "Follow related authors and topics"),
    ("share_prompt", "Följ ämnen i artikeln"),
    ("share_prompt", "Teilen Sie dies mit:"),
    ("share_prompt", "Möchten Sie den Artikel teilen?"),
    ("share_prompt", "Add as preferred on Google"),
    ("share_prompt", "Seguir en: @example_writer"),
    ("share_prompt", "Ссылка скопирована"),
    # newsletter boxes, sign-up forms, pay- and login walls
    ("newsletter_prompt", "skip past newsletter promotion"),
    ("newsletter_prompt",
     "Mit meiner Anmeldung zum Newsletter stimme ich den Datenschutzbestimmungen zu."),
    ("newsletter_prompt", "Get the latest news from example.com.au in your inbox."),
    ("newsletter_prompt", "Der wöchentliche Newsletter - alles Wichtige aus der Region."),
    ("newsletter_prompt", "Haber uygulamasını indirin, gelişmelerden haberdar olun"),
    ("newsletter_prompt", "Esta funcionalidad es sólo para suscriptores"),
    ("newsletter_prompt", "Access through your institution"),
    ("newsletter_prompt", "* Required fields"),
    ("newsletter_prompt", "Vorname (freiwillig)"),
    ("newsletter_prompt", "Registration is a free and easy way to support our journalism."),
    ("newsletter_prompt", "Pour lire la suite"),
    ("newsletter_prompt",
     "Um neue Beiträge per E-Mail zu erhalten, hier die E-Mail-Adresse eingeben."),
    # comment boxes
    ("comment_prompt", "Deine Meinung zählt"),
    ("comment_prompt", "¿Quieres comentar?"),
    ("comment_block", "Noch kein Kommentar vorhanden."),
    # captions
    ("media_credit", "FILE - A woman walks past the closed bridge on March 3, 2024."),
    ("media_credit", "Abbildung: Schneehöhen im Tal im Januar"),
    # controls, pagers, tables of contents
    ("navigation", "Öppna bild i helskärm"),
    ("navigation", "A- A+"),
    ("navigation", "Lyssna på artikel"),
    ("navigation", "Pfeil rechts"),
    ("navigation", "‹ Vorherige Nächste ›"),
    ("navigation", "Auf dieser Seite:"),
    ("navigation", "Inhaltsverzeichnis"),
    ("navigation", "Neuer Abschnitt"),
    ("navigation", "Search author on: PubMed Google Scholar"),
    ("navigation", "Anmäl text- och faktafel Anmäl till Medieombudsmannen"),
    ("ad_label", "Partnerangebote"),
    ("byline_dateline", "Ten tekst przeczytasz w mniej niż minutę"),
]


@pytest.mark.parametrize(("code", "line"), POSITIVES)
def test_ui_line_at_the_end_is_chrome_on_phrase_evidence(
    code: str, line: str, table: Batch
) -> None:
    assert_ui_line_at_end(code, line, table)


NEGATIVES = [
    "Per E-Mail teilen Nutzer ihre Fotos mit der Familie, sagt die Studie.",
    "Lesen Sie auch Seite 3 der Studie.",
    "Read also the reviews before you buy",
    "Pour lire la suite de l'enquête, il faut remonter en 1998, quand le maire a démissionné.",
    "The password of the minister's account was leaked on Monday, the police said.",
    "Contents of the report were leaked to the press on Monday, the ministry said.",
    "Die Stadt hat ein Inhaltsverzeichnis aller Brücken im Internet veröffentlicht.",
    "File sharing was banned at the school after the summer, officials said.",
    "Registration for the marathon opens in May and costs twenty pounds, organisers said.",
    "Les også mange innbyggere at brua bør stenges for biler, sier ordføreren.",
    "पढ़ाई के लिए बच्चे रोज़ दस किलोमीटर चलते हैं, ग्रामीणों ने बताया।",
]


@pytest.mark.parametrize("line", NEGATIVES)
def test_sentence_about_the_same_thing_is_content(line: str, table: Batch) -> None:
    text = "\n".join([*BODY, line, BODY[0]])
    assert table.found(text).get(len(BODY) + 1) is None, line


@pytest.mark.parametrize("name", ["read_more", "share_prompt", "newsletter_prompt",
                                  "navigation", "media_control", "related_header"])
def test_phrase_files_compile_in_python_and_polars(name: str) -> None:
    phrases = phrase_list(name)
    for phrase in phrases:
        re.compile(phrase)
        # A Unicode word boundary keeps Rust's regex off its fast engine.
        assert "\\b" not in phrase, phrase
    pl.Series(["x"]).str.contains("(?:" + "|".join(phrases) + ")")


def test_a_label_printed_twice_is_reported_on_context_evidence_only() -> None:
    """An author card's name and its portrait's alt text: reported, never on phrase evidence
    (so ``dq clean`` leaves it)."""
    lines = ("Anna Berg Anna Berg", "Anna BergAnnaBerg")
    got = chrome_batch(*[at_end(line) for line in lines])
    for line in lines:
        assert got.evidence(at_end(line)).get((len(BODY) + 1, "chrome_line")) == "context", line


def test_a_doubled_name_is_not_a_doubled_label() -> None:
    assert flags(doubled_label(), ["Bora Bora", "New York, New York", "Baden-Baden",
                                   "Sing Sing Sing Sing", "Anna Berg"]) == [False] * 5


def test_read_also_needs_a_headline_after_it() -> None:
    assert flags(also_headline(), ["Les også", "Read also: the full report",
                                   "Lesen Sie auch Die Bahn streikt wieder."]) == [False] * 3


@pytest.fixture(scope="module")
def table() -> Batch:
    """Every parametrised case of this module, one record each, in one ``detect()`` call."""
    return chrome_batch(
        *[at_end(line) for _, line in POSITIVES],
        *["\n".join([*BODY, line, BODY[0]]) for line in NEGATIVES],
    )
