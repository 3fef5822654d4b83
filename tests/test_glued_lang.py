"""glued_words in the record's own language (dq.signals.spacing_lang, issue 15).

Each positive is glue the dev data showed missed before (a closed-class word
run into a word, two capitalised words, two long words of an open-compound
language, a quotation mark or a headline in capitals run into the next word);
each negative is a word the same rules could mistake for glue (a compound, a
loanword, a brand made in English, a suffix after a quoted name). The record
gives its ``lang``, as a corpus with languages does.
"""

from __future__ import annotations

import pytest
from _batch import Batch, CleanBatch
from _glued_helpers import (
    assert_only_spaces_added,
    glued,
    glued_batch,
    glued_in,
    glued_repairs,
)

from dq.signals.context import DetectContext


@pytest.fixture(scope="module")
def ctx() -> DetectContext:
    return DetectContext()


GLUE = [
    ("es", "Los migrantes en situación irregular, enla senda del modelo que Italia acaba de "
           "estrenar, serán enviados a Albania.", ("enla", "en la")),
    ("es", "Los vecinos de la plaza y los miembrosreclaman más seguridad durante las fiestas "
           "del barrio.", ("miembrosreclaman", "miembros reclaman")),
    ("pt", "O clube publicou oCalendário completo da nova temporada do campeonato nacional "
           "de futebol.", ("oCalendário", "o Calendário")),
    ("de", "Die Zeitung meldet in ihren Themen: SyrienRussland und die Türkei vereinbaren "
           "eine Waffenruhe, doch die Kämpfe gehen weiter.", ("SyrienRussland", "Syrien Russland")),
    ("nb", "Det ble funnet et enormt antallDet var fra denne leiligheten i London, skriver "
           "avisen.", ("antallDet", "antall Det")),
    ("ru", "Судьи получают немалое вознаграждение. Некоторыестремятся сбежать в почетную "
           "отставку с пожизненным содержанием.", ("Некоторыестремятся", "Некоторые стремятся")),
    ("fr", "Le ministre appelle à la«retenue»et rappelle le besoin»de calme dans la région "
           "frontalière.", ("la«retenue»et", "la «retenue» et")),
    ("tr", "Ormanlık alanda çıkan yangın kontrol altına alındı. İKİNCİ OPERASYONSoruşturma "
           "kapsamında gözaltı kararı verildi.", ("OPERASYONSoruşturma", "OPERASYON Soruşturma")),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GLUE, ids=[g[2][0] for g in GLUE])
def test_glue_of_the_records_language_is_split(
    lang: str, text: str, expected: tuple[str, str], table: Batch
) -> None:
    assert expected in glued_in(table, text, lang)


WHOLE = [
    # a compound and a derivation of a closed-compound language
    ("de", "Erst im April verkündete die Sängerin das Liebesaus und die Trennung von ihrem "
           "Ehemann.", "Liebesaus"),
    ("de", "Die Rechtsfolgen bei Nichteinbeziehung und Unwirksamkeit regelt das Gesetz im "
           "Paragraphen.", "Nichteinbeziehung"),
    ("de", "Der Rezensionist hat das Buch gelesen und eine ausführliche Kritik darüber "
           "geschrieben.", "Rezensionist"),
    # a loanword listed in another language, a prefix of an open-compound language
    ("fr", "Cette découverte groundbreaking a changé la recherche sur le climat pendant des "
           "années.", "groundbreaking"),
    ("ru", "Возьмите стакан воды, стакан микрозелени или шпината и половину авокадо для "
           "салата.", "микрозелени"),
    # a name made of English words in another language's record
    ("sv", "Bilden är tagen från iStock och visar en gata i centrala Stockholm under "
           "vintern.", "iStock"),
    # Turkish writes case endings after a quoted name
    ("tr", 'Soruşturma, "Suç Soruşturma Bürosu"nca yürütülüyor ve dosya savcılığa '
           "gönderildi.", 'Bürosu"nca'),
    # a plural after a quoted word; mojibake is no quotation mark
    ("en", "He will be charged by the minute with no “if”s, “and”s, or “but”s about "
           "it.", "“if”s,"),
]


@pytest.mark.parametrize(("lang", "text", "token"), WHOLE, ids=[w[2] for w in WHOLE])
def test_words_of_the_language_stay_whole(
    lang: str, text: str, token: str, table: Batch
) -> None:
    found = glued_in(table, text, lang)
    assert all(token not in m and m not in token for m, _ in found), found


def test_a_token_written_twice_in_its_record_is_not_split(ctx: DetectContext) -> None:
    text = ("El grupo enla publicó un disco nuevo. Los fans de enla llenaron la sala "
            "durante el concierto de anoche.")
    assert glued(text, "es", ctx) == []


def test_glue_of_another_language_is_not_split_in_english(ctx: DetectContext) -> None:
    text = ("The report says the enla project and the OPERASYONSoruşturma headline "
            "were both mentioned in passing.")
    assert glued(text, "en", ctx) == []


def test_a_scandinavian_was_is_no_code_declaration(ctx: DetectContext) -> None:
    # "var" is "was" in Norwegian: the line is prose, its glue is judged
    text = "Nordmann dømt til livstidNordmannen som var lederen av miljøet, skriver avisen."
    assert ("livstidNordmannen", "livstid Nordmannen") in glued(text, "nb", ctx)


@pytest.mark.parametrize(("lang", "text"), [(g[0], g[1]) for g in GLUE + WHOLE],
                         ids=[g[2] if isinstance(g[2], str) else g[2][0] for g in GLUE + WHOLE])
def test_repairs_only_add_spaces(lang: str, text: str, repaired: CleanBatch) -> None:
    # the properties of issue 15 for a repair: no letter or digit changes, no split of
    # a token the record writes whole elsewhere (each token here occurs once)
    assert_only_spaces_added(text, repaired[text])


def test_cleaned_glue_reads_as_words(repaired: CleanBatch) -> None:
    assert "en la senda" in repaired[GLUE[0][1]]
    assert "la «retenue» et" in repaired[GLUE[6][1]]


@pytest.fixture(scope="module")
def table(ctx: DetectContext) -> Batch:
    """Every case of GLUE and WHOLE, one record each, in one ``detect()`` call."""
    return glued_batch([(case[0], case[1]) for case in GLUE + WHOLE], ctx)


@pytest.fixture(scope="module")
def repaired(ctx: DetectContext) -> CleanBatch:
    """``clean(text, codes=["glued_words"], ctx=ctx)`` of every case, one ``clean_frame()``."""
    return glued_repairs((case[1] for case in GLUE + WHOLE), ctx)
