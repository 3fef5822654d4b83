"""navigation and read_more on content lists: what a run of short lines is, not only its shape.

Issue 15, third outside audit (audit15c, Indonesian / Portuguese / Spanish
news): navigation was right on 2 of 14 judged findings and read_more on 27 of
35. Each case below rebuilds one failure class from a judged record (shortened,
words kept), so the rule it needs can fail; the menus and teaser boxes next to
them must still be reported, so a rule that drops everything fails too.
"""

from __future__ import annotations

import pytest
from _batch import Batch
from _chrome_helpers import evidence, found

CODES = ("navigation", "read_more")

P1 = "Dokter menjelaskan bahwa tingkat keparahan gejala berbeda pada setiap anak dan orang tua."
P2 = "Pemerintah membuka pendaftaran bantuan pertanian bagi petani di seluruh provinsi tahun ini."
P3 = "Konten yang disebarkan akun tersebut telah dibagikan ratusan kali oleh warganet di media."


def _flagged(text: str) -> dict[int, set[str]]:
    """1-based line -> the navigation/read_more codes reported on it."""
    return found(text, CODES)


def _evidence(text: str) -> dict[tuple[int, str], str]:
    return evidence(text, CODES)


CONTENT_LISTS = {
    # id_1175: ticket classes the sentence above names.
    "named_by_the_sentence_above": "\n".join([
        P1, P2,
        "Secara umum, kursi penonton terbagi menjadi empat kategori, yakni Festival, Grandstand,"
        " VIP, dan VVIP.",
        "Berbeda dengan dua tahun lalu, balapan musim ini hanya digelar satu kali saja di Jakarta.",
        "Festival", "Grandstand", "VIP", "VVIP",
    ]),
    # The same list enumerated paragraphs above it: the reach is the record (unify21).
    "enumerated_paragraphs_above": "\n".join([
        "Secara umum, kursi penonton terbagi menjadi empat kategori, yakni Festival, Grandstand,"
        " VIP, dan VVIP.",
        P1, P2, P3,
        "Berbeda dengan dua tahun lalu, balapan musim ini hanya digelar satu kali saja di Jakarta.",
        "Festival", "Grandstand", "VIP", "VVIP",
    ]),
    # pt_0725: a list introduced by "...:" whose run is broken by "Fred again..".
    "introduced_by_a_colon_above_short_items": "\n".join([
        "A BBC Radio 1 partilha uma lista dos novos artistas que prometem dar que falar este ano.",
        "Em janeiro, a BBC Radio One irá revelar o top três dos artistas mais promissores de 2023.",
        "BBC Sound of 2023:",
        "Asake", "Biig Piig", "Cat Burns", "Fred again..", "Gabriels", "Nia Archives",
        "piri & tommy", "Rachel Chinouriri",
    ]),
    # id_0687: a quoted post broken over lines, after a bare "Baca Juga" label.
    "quotation_left_open": "\n".join([
        P1, P2, "Advertisement", "Baca Juga", '"Sebuah heli', "Jatuh di kebun kopi",
        'Palu sulteng," tulis salah satu akun Facebook.', P3,
    ]),
    # pt_0680: two subheads under a byline are no menu (a menu has three entries).
    "two_subheads_under_a_byline": "\n".join([
        "Por Sónia Peres Pinto e Daniela Soares Ferreira", "Privatização na mira",
        "Novas greves na agenda",
        "Mesmo com polémicas à mistura, a privatização da TAP é para continuar este ano.",
        "E o início do ano irá contar com novas paralisações dos trabalhadores da empresa.",
    ]),
    # pt_0675: a football line-up is a list of names, not a Title-Case teaser box.
    "line_up_after_the_body": "\n".join([
        "Bernardo Silva é o único português no onze do Manchester City para a receção ao Everton.",
        "João Cancelo começa no banco, enquanto Rúben Dias continua de fora devido a lesão.",
        "Onze do Manchester City: Ederson; Lewis, Stones, Akanji e Ake; De Bruyne, Rodri e"
        " Bernardo Silva; Mahrez, Haaland e Foden",
        "Onze do Everton: Pickford; Patterson, Godfrey, Coady, Tarkowski e Mykolenko; Iwobi,"
        " Gueye, Onana e Gray; Calvert-Lewin",
    ]),
}


@pytest.mark.parametrize("name", sorted(CONTENT_LISTS))
def test_content_list_is_not_chrome(name: str, table: Batch) -> None:
    text = CONTENT_LISTS[name]
    flagged = table.found(text)
    lines = text.split("\n")
    # Only phrase lines ("Baca Juga") may be reported; no list item.
    wrong = {i: lines[i - 1] for i in flagged if lines[i - 1] not in {"Baca Juga"}}
    assert not wrong, wrong


AFTER_LABEL = [
    "Efek samping yang mungkin terjadi antara lain:",  # id_1050: introduces a list
    "Berikut isi postingannya:",  # id_0179: introduces a quoted post
    "1. Cek Fakta: Tidak Benar Ini Link Pendaftaran BLT Anak Sekolah",  # id_1233: section 1
]


def after_label(after: str) -> str:
    return "\n".join([P1, P2, "Baca Juga", after, "Advertisement", P3])


@pytest.mark.parametrize("after", AFTER_LABEL)
def test_line_after_a_bare_read_also_label_must_look_like_a_headline(
    after: str, table: Batch
) -> None:
    flagged = table.found(after_label(after))
    assert flagged.get(3) == {"read_more"}  # the label itself stays reported
    assert 4 not in flagged


def test_headline_after_a_bare_read_also_label_is_still_a_teaser() -> None:
    text = "\n".join([P1, P2, "Baca Juga", "Harga Emas Antam Naik Lagi Hari Ini", P3])
    assert _evidence(text).get((4, "read_more")) == "context"


def test_menu_at_the_top_is_still_navigation_on_shape() -> None:
    text = "\n".join(["Mundo", "Economia", "Desporto", "Cultura", P1, P2, P3])
    ev = _evidence(text)
    assert [ev.get((i, "navigation")) for i in range(1, 5)] == ["shape"] * 4


def test_menu_named_nowhere_above_stays_navigation() -> None:
    # The sentence above names one entry only ("Sport"): chance, not a list the text names.
    text = "\n".join([P1, P2, P3, "Read the latest results on our Sport pages every day.",
                      "Sport", "Weather", "Politics", "Business"])
    flagged = _flagged(text)
    assert all("navigation" in flagged.get(i, set()) for i in range(5, 9)), flagged


def test_teasers_need_a_menu_in_their_run() -> None:
    # Headline-length lines next to three menu entries: a teaser box at the end.
    teasers = "\n".join([P1, P2, P3, "News", "Sport", "Weather",
                         "Storm hits the coast overnight", "Voters head to the polls in May"])
    # Next to two short headings only: chart titles of a visual guide (pt_0439).
    guide = "\n".join([P1, "Primeiros ataques", "Forças de manutenção de paz",
                       "Evolução das posições militares da Rússia", "David e Golias",
                       "A resposta inicial do Ocidente"])
    got = Batch([teasers, guide], codes=CODES)
    assert {"read_more"} <= got.found(teasers).get(7, set())
    assert not got.found(guide)


def test_tags_the_article_mentions_one_by_one_stay_navigation() -> None:
    # A tag list under an article about its topics (Fundus, Stern): each tag is named somewhere
    # in the prose, never two neighbours in one enumeration, so the run is still a menu.
    text = "\n".join([
        "Donald Trump hat die Wahl gewonnen, wie die Sender am Mittwochmorgen meldeten.",
        "Kamala Harris räumte ihre Niederlage am Abend vor ihren Anhängern in Washington ein.",
        "Der Wahlkampf war einer der teuersten in der Geschichte der USA, so Beobachter.",
        "Donald Trump", "US-Wahl", "Kamala Harris", "Wahlkampf",
    ])
    flagged = _flagged(text)
    assert all("navigation" in flagged.get(i, set()) for i in range(4, 8)), flagged


def test_a_list_named_only_below_it_is_not_named() -> None:
    # A comment form's fields, then the consent line that names them (partial_lines dev page):
    # an article names its list before printing it, so only prose above counts.
    text = "\n".join([P1, P2, P3, "Name *", "E-Mail *", "Website",
                      "Meinen Namen, E-Mail und Website in diesem Browser speichern."])
    flagged = _flagged(text)
    # ("E-Mail *" is a share prompt, a phrase the navigation run does not take.)
    assert all("navigation" in flagged.get(i, set()) for i in (4, 6)), flagged


@pytest.fixture(scope="module")
def table() -> Batch:
    """Every parametrised case of this module, one record each, in one ``detect()`` call."""
    return Batch([*CONTENT_LISTS.values(), *map(after_label, AFTER_LABEL)], codes=CODES)
