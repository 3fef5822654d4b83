"""glued_words where a link ended (dq.signals.spacing_link, spacing_apos; issue 15).

Each positive has the shape a link boundary leaves and the dev data showed
missed before: a capitalised function word inside a token, a glue word after
a capitalised word, a capital after a long compound, a one-letter word of the
language glued on, an acronym run into a Russian word, a quoted phrase closed
with a single quote run into the next word. Each negative is what the same
rules met on outside text or could mistake for glue (a brand, a name, an
elided article, a compound, an acronym with a case ending).
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
    ("de", "Der Fahrer gewann das StraßenrennenDer Sieger des Zeitfahrens wurde nur Fünfter.",
     ("StraßenrennenDer", "Straßenrennen Der")),
    ("de", "Der FC Liverpool verlor das Derby. Arsenalhatte am Dienstag klar gewonnen und "
           "führt die Tabelle an.", ("Arsenalhatte", "Arsenal hatte")),
    ("de", "Tempolimits wegen StraßenschädenBis die Schäden behoben sind, vergehen Jahre.",
     ("StraßenschädenBis", "Straßenschäden Bis")),
    ("da", "Et stort flertal af dengrønlandske befolkning ønsker ikke at blive en del af "
           "USA.", ("dengrønlandske", "den grønlandske")),
    ("sv", "Tidningen kunde då berättaatt det hade hållits ett möte under kvällen i "
           "staden.", ("berättaatt", "berätta att")),
    ("es", "El acusado permanece ingresado en un hospital psiquiátricoy se enfrenta a "
           "varios cargos.", ("psiquiátricoy", "psiquiátrico y")),
    ("ru", "После того, как НАБУопубликовали записи разговоров, началось новое "
           "расследование.", ("НАБУопубликовали", "НАБУ опубликовали")),
    ("ru", "Я лично не люблю, когда вижу, что кто-тосделал операцию ради красоты.",
     ("кто-тосделал", "кто-то сделал")),
    ("en", "The family was subjected to 'Death Sentence'But suddenly, they found her alive "
           "in the basement.", ("Sentence'But", "Sentence' But")),
    ("en", "Favorite band? The Eagles and Frank SinatraQ: Favorite books? Anything by "
           "Dickens.", ("SinatraQ", "Sinatra Q")),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GLUE, ids=[g[2][0] for g in GLUE])
def test_glue_at_a_link_boundary_is_split(
    lang: str, text: str, expected: tuple[str, str], table: Batch
) -> None:
    assert expected in glued_in(table, text, lang)


WHOLE = [
    # brands and names spelled so in German text
    ("de", "Sie finden uns auch auf LinkedIn und bei WhatsApp, schreibt die Redaktion.",
     "LinkedIn"),
    ("de", "Laut dem aktuellen DeutschlandTrend ist die Mehrheit mit der Regierung "
           "unzufrieden.", "DeutschlandTrend"),
    ("de", "Die Sendung ist in der ZDFmediathek abrufbar, teilte der Sender am Montag mit.",
     "ZDFmediathek"),
    ("de", "Israel meldet, der Anführer Yahya al-Sinwar sei bei einem Angriff getötet "
           "worden.", "al-Sinwar"),
    # German compounds whose tail is a frequent word or a noun
    ("de", "Kate Moss befolgt diesen Trick seit ihren jungen Modeljahren bis heute.",
     "Modeljahren"),
    ("de", "Der Beamtenkredit und das Beamtendarlehen werden im Vergleich vorgestellt.",
     "Beamtenkredit"),
    # a name whose end is a Russian word; an acronym with a case ending
    ("ru", "Исполнится 90 лет со дня рождения Владимира Голубничего, легендарного "
           "спортсмена.", "Голубничего"),
    ("ru", "Контракты с ГУПами и МУПами заключены на три года вперёд.", "ГУПами"),
    # an elided article before a capital, with a quote opened before it
    ("it", "Lo ha detto a 'Sky Sport' prima della partita all'Allianz Stadium di Torino.",
     "all'Allianz"),
    # Swedish words that end in "att"
    ("sv", "Arbetet har fortsatt under hela sommarnatt och hankatt sprang omkring.",
     "fortsatt"),
]


@pytest.mark.parametrize(("lang", "text", "token"), WHOLE, ids=[w[2] for w in WHOLE])
def test_words_and_names_stay_whole(lang: str, text: str, token: str, table: Batch) -> None:
    found = glued_in(table, text, lang)
    assert all(token not in m and m not in token for m, _ in found), found


def test_link_rules_keep_to_the_records_language(ctx: DetectContext) -> None:
    # German glue in an English record is left to English's own rules
    text = "The report quotes StraßenrennenDer and Arsenalhatte from a German page."
    assert glued(text, "en", ctx) == []


def test_an_elided_article_is_no_closing_quote(ctx: DetectContext) -> None:
    # in an Italian record the rule of closing single quotes is off
    text = "Il presidente ha parlato a 'Radio Uno' dell'Autorità nazionale anticorruzione."
    assert glued(text, "it", ctx) == []


@pytest.mark.parametrize(("lang", "text"), [(g[0], g[1]) for g in GLUE + WHOLE],
                         ids=[g[2] if isinstance(g[2], str) else g[2][0] for g in GLUE + WHOLE])
def test_repairs_only_add_spaces(lang: str, text: str, repaired: CleanBatch) -> None:
    assert_only_spaces_added(text, repaired[text])


@pytest.fixture(scope="module")
def table(ctx: DetectContext) -> Batch:
    """Every case of GLUE and WHOLE, one record each, in one ``detect()`` call."""
    return glued_batch([(case[0], case[1]) for case in GLUE + WHOLE], ctx)


@pytest.fixture(scope="module")
def repaired(ctx: DetectContext) -> CleanBatch:
    """``clean(text, codes=["glued_words"], ctx=ctx)`` of every case, one ``clean_frame()``."""
    return glued_repairs((case[1] for case in GLUE + WHOLE), ctx)
