"""Chrome phrases of issue 15's recall pass: UI strings of every site, in many languages.

Each positive is a line of a kind every news site prints (consent and embed
placeholders, paywall and login prompts, messenger-channel prompts,
skip-the-ad controls, comment counters and policies, handle-and-age comment
stamps, staff credits, broadcast notes, author bios, captions carrying their
photographer's credit). Each negative is a sentence *about* the same thing,
which must stay content. Lines marked "outside" come from scraped news dq
was never tuned on (tests/data/audit/README.md lists the sources); the
others are written for the test, not copied from the dev pages.
"""

from __future__ import annotations

import re

import polars as pl
import pytest
from _batch import Batch
from _chrome_helpers import BODY, assert_ui_line_at_end, at_end, chrome_batch, found

from dq.signals._phrases import phrase_list


@pytest.mark.parametrize("name", ["consent_notice", "staff_credit", "credit_note"])
def test_new_phrase_files_compile_in_python_and_polars(name: str) -> None:
    phrases = phrase_list(name)
    assert phrases, name
    for phrase in phrases:
        re.compile(phrase)
        assert phrase == phrase.lower() or "\\" in phrase, phrase
        # A Unicode word boundary keeps Rust's regex off its fast engine.
        assert "\\b" not in phrase, phrase
    pl.Series(["x"]).str.contains("(?:" + "|".join(phrases) + ")")


POSITIVES = [
    # consent, embed and browser notices
    ("cookie_notice", "Externer Inhalt nicht verfügbar"),
    ("cookie_notice", "Zur Anzeige aktiviere bitte die Einstellungen in den "
                      "Privatsphäre-Einstellungen."),
    ("cookie_notice", "To view this content, please accept cookies."),
    ("cookie_notice", "Per favore utilizza un browser moderno come Edge, Firefox o Chrome."),
    ("cookie_notice", "Para ver este contenido necesitas aceptar las cookies de terceros."),
    # outside: ajakaiye33/ngrnewscorpus (The Nation)
    ("cookie_notice",
     "Hello, you need to enable JavaScript to use The Nation Newspaper Community."),
    # paywall, login, messenger channels, app prompts
    ("newsletter_prompt", "Abonniere den Whatsapp-Kanal von 20 Minuten"),
    ("newsletter_prompt", "Join our WhatsApp channel for the latest updates"),
    ("newsletter_prompt", "Tu suscripción se está usando en otro dispositivo"),
    ("newsletter_prompt", "Log in or create an account to continue"),
    ("newsletter_prompt", "Already a subscriber? Sign in"),
    ("newsletter_prompt", "Cet article est réservé aux abonnés."),
    ("newsletter_prompt", "この記事は会員限定です。"),
    ("newsletter_prompt", "Download our free app for breaking news"),
    ("newsletter_prompt", "KÖP PLUS!"),
    ("newsletter_prompt", "ABONE OL"),
    # ads, sharing, saving
    ("ad_label", "Passer la publicité"),
    ("ad_label", "Skip ad"),
    ("ad_label", "Reklam"),
    ("share_prompt", "Social Sharing"),
    ("share_prompt", "Bu haberi paylaşın"),
    ("share_prompt", "Lien copié"),
    ("share_prompt", "Add to your saved stories"),
    ("share_prompt", "Kopiere den aktuellen Link"),
    # comments
    ("comment_block", "Kommentare (0)"),
    ("comment_block", "kleinerfrontkaempfer vor 5 Stunden"),
    ("comment_prompt", "Kommentar abgeben"),
    ("comment_prompt", "Leserkommentare geben nicht die Meinung der Redaktion wieder."),
    ("comment_prompt", "You must confirm your public display name before commenting"),
    ("comment_prompt", "Do you have a story to tell? Email: news@example.com"),
    # outside: ajakaiye33/ngrnewscorpus (a comment plugin's notice)
    ("comment_prompt", "Facebook Notice for EU! You need to login to view and post FB Comments!"),
    # related headings
    ("read_more", "Taip pat skaitykite"),
    ("read_more", "Benzer haberler"),
    # bylines, credits, stamps
    ("byline_dateline", "IN-Redaktion"),
    ("byline_dateline", "REDACCIÓN"),
    ("byline_dateline", "Dieses Thema im Programm: MDR THÜRINGEN - Das Radio | Nachrichten | "
                        "28. April 2023 | 10:00 Uhr"),
    ("byline_dateline", "Mit Agenturmaterial."),
    ("byline_dateline", "20 Nisan 2026•Güncelleme: 20 Nisan 2026"),
    ("byline_dateline", "Ігор Пилипів, 8 січня, 08:00"),
    ("byline_dateline", "18:25Antony Clements-Thrower"),
    ("byline_dateline", "A 20-year industry veteran and award-winning journalist, Sam has "
                        "covered technology for three national newspapers."),
    ("byline_dateline", "Jane Doe is a freelance journalist based in Berlin who writes about "
                        "energy."),
    # captions that carry their own credit
    ("media_credit", "Protesters gather outside the court in April 2022. "
                     "(Jane Doe/The Associated Press)"),
    # outside: jennhu/metalinguistic-prompting, datasets/exp1/news/cleaned.csv (LAist)
    ("media_credit", "A server delivers food to diners inside of Guelaguetza in Koreatown. "
                     "(Brian Feinzimer / LAist)"),
    ("media_credit", "移送のため警視庁を出る容疑者＝13日、東京・霞ケ関で（山田太郎撮影）"),
    ("media_credit", "Bildrechte: MDR/David Straub"),
    ("media_credit", "View 3 Images"),
    # pager links in Portuguese, Italian and Dutch, as the list had them in
    # English, German, French and Spanish (outside: audit15c, Portuguese news)
    ("navigation", "Próximo artigo"),
    ("navigation", "Artigo anterior"),
    ("navigation", "Articolo successivo"),
    ("navigation", "Vorig artikel"),
    # WordPress's feed footer under every post of an RSS item (outside: audit26, c14.co.il)
    ("read_more", "The post Council approves the school budget appeared first on C14 ."),
]


@pytest.mark.parametrize(("code", "line"), POSITIVES)
def test_ui_line_at_the_end_is_chrome_on_phrase_evidence(
    code: str, line: str, table: Batch
) -> None:
    assert_ui_line_at_end(code, line, table)


NEGATIVES = [
    "The video was blocked in Germany, the company said in a statement on Monday.",
    "Meta launched WhatsApp channels in 2023, letting publishers post updates to followers.",
    "Subscribers will pay more from April, the newspaper told its readers on Friday.",
    "Browser makers say JavaScript is disabled on fewer than one in a hundred visits.",
    "The editorial team, known internally as the Redaktion, met on Monday.",
    "The region (Los Angeles/Long Beach) saw more rain in March than in any year since 1998.",
    "Voters chose between the two parties. (Republicans/Democrats).",
    "Prep 20 min",
    "Staff salaries will take up most of the budget, the ministry said on Tuesday.",
    "Commenting on the ruling, the minister said the court had made the right decision.",
    "Julian Strawther was having a night to forget on the offensive end in his first game.",
    "O próximo artigo da lei trata dos prazos de recurso, disse o ministro.",
]


@pytest.mark.parametrize("line", NEGATIVES)
def test_sentence_about_the_same_thing_is_content(line: str, table: Batch) -> None:
    text = "\n".join([*BODY, line, BODY[0]])
    assert table.found(text).get(len(BODY) + 1) is None, line


def test_a_bio_high_up_is_not_taken_for_one() -> None:
    """A person introduced at the top of a story is the story's subject, not its author."""
    text = "\n".join(["Jane Doe is a freelance journalist based in Berlin who writes about energy.",
                      *BODY, BODY[0]])
    assert found(text).get(1) is None


SUBJECTS = [
    "Mr Doe is a retired journalist and lives in Kent with his wife and their two dogs.",
    "Jane Doe is a former reporter who now runs a bakery in the old town square.",
    "John Smith was a journalist for forty years before he retired to the coast.",
]


@pytest.mark.parametrize("line", SUBJECTS)
def test_a_subject_at_the_end_is_no_bio(line: str, table: Batch) -> None:
    assert table.found(at_end(line)).get(len(BODY) + 1) is None, line


def test_a_caption_with_its_own_credit_makes_no_caption_of_the_line_above() -> None:
    """A subhead above a credited caption stays content (outside: an LAist food guide)."""
    text = "\n".join([*BODY, "Zzamong", "Zzamong in Koreatown. (Brian Feinzimer / LAist)",
                      BODY[0], BODY[1]])
    got = found(text)
    assert got.get(len(BODY) + 1) is None
    assert got.get(len(BODY) + 2) == {"media_credit"}


def test_an_agency_alone_on_the_last_line_is_left_to_attribution() -> None:
    last, above = at_end("AFP"), "\n".join([BODY[0], "AP", *BODY, BODY[0]])
    got = chrome_batch(last, above)
    assert got.found(last) == {}
    assert got.found(above).get(2) == {"media_credit"}


@pytest.fixture(scope="module")
def table() -> Batch:
    """Every parametrised case of this module, one record each, in one ``detect()`` call."""
    return chrome_batch(
        *[at_end(line) for _, line in POSITIVES],
        *["\n".join([*BODY, line, BODY[0]]) for line in NEGATIVES],
        *[at_end(line) for line in SUBJECTS],
    )
