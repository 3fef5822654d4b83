"""glued_words across languages (issue 15): what each rule splits and what it must leave whole.

Each case is one record of real-looking text in its language, long enough for
the language identifier; the record's ``lang`` is given where the text alone
is short. Positives are glue a scraper makes (a text node run into the next);
negatives are words of the language that a lexicon of *some* language explains
as two.
"""

from __future__ import annotations

import polars as pl
import pytest
from _batch import Batch
from _glued_helpers import glued_batch, glued_in

from dq.evaluate.glued import (
    CaseOutcome,
    GluedCase,
    GluedReport,
    GluedScores,
    format_table,
    rounds,
    score_cases,
)
from dq.signals._lexicon import build_lexicon, glue_tails
from dq.signals.context import DetectContext


@pytest.fixture(scope="module")
def ctx() -> DetectContext:
    return DetectContext()


GLUE = [
    # closed-compound languages: a word run into a closed-class word that glues on
    ("de", "Im Spitzenspiel der Premier League hat Liverpoolhat am Sonntag gegen Arsenal "
           "verloren, meldet die Zeitung.", ("Liverpoolhat", "Liverpool hat")),
    ("de", "Sein intellektuelles Genieund sein umfangreiches Werk werden künftige "
           "Generationen prägen, sagte der Minister.", ("Genieund", "Genie und")),
    ("de", "Beide Seiten hatten das WaffenstillstandsabkommenDie Regierung in Beirut wies "
           "die Vorwürfe zurück.",
     ("WaffenstillstandsabkommenDie", "Waffenstillstandsabkommen Die")),
    # languages loaded for issue 15: Swedish, Norwegian, Russian
    ("sv", "Luftförsvarssystemet har tidigare målats upp somUkrainas enda hopp mot de "
           "ballistiska missilerna.", ("somUkrainas", "som Ukrainas")),
    ("nb", "Angrepet kom samme dag somlandet testet nye missiler, skriver avisen i dag.",
     ("somlandet", "som landet")),
    ("ru", "Судья получил взятку в размере ста тысяч долларовдля передачи другим судьям "
           "административного суда.", ("долларовдля", "долларов для")),
    # English: a name run into a long word is no brand of short parts
    ("en", "Sales of the old model fell last year, and then Applereleased a cheaper phone "
           "for students.", ("Applereleased", "Apple released")),
    # Spanish: a prefix or a preposition run into a function word stays glue
    ("es", "Los ministros hablaron sobrela economía durante la cumbre de ayer en la capital.",
     ("sobrela", "sobre la")),
    ("es", "El acuerdo se firmó entrelos dos países después de varios meses de negociaciones.",
     ("entrelos", "entre los")),
    ("es", "Los fondos serán paralas familias afectadas por las inundaciones del mes pasado.",
     ("paralas", "para las")),
    ("es", "El presidente habló contrael gobierno anterior en un discurso ante el congreso.",
     ("contrael", "contra el")),
]

WHOLE = [
    # German words ending in a closed-class word that is also a suffix there
    ("de", "Der Rezensionist schreibt seit Jahren über neue Bücher und Filme aus Europa.",
     "Rezensionist"),
    ("de", "Im April verkündete die Sängerin das Liebesaus und die Trennung von ihrem Mann.",
     "Liebesaus"),
    # German compounds whose last part is a frequent noun
    ("de", "Die Expertenzeit ist knapp, und die Behörden suchen dringend nach mehr Personal.",
     "Expertenzeit"),
    # Russian verbs with a prefix that is also a preposition
    ("ru", "Затем тщательно вымешайте тесто руками и оставьте его на полчаса в тепле.",
     "вымешайте"),
    # a soft-hyphenated word is one word, whatever its syllables look like
    ("de", "Die Firma liefert Pro\u00adduk\u00adti\u00adons\u00adan\u00adla\u00adgen und "
           "Schutzaus\u00adrüs\u00adtun\u00adgen an Kliniken.", "Schutzaus"),
    # English brands of short parts stay whole
    ("en", "The startup Showlove raised money from investors in Lagos this week, its founder said.",
     "Showlove"),
    # Romance prefixed derivations (issue 15, audit15c; then words of the same shape)
    *[(lang, f"El informe menciona {w} entre otros temas de la agenda política esta semana.", w)
      for lang, w in [("es", "centrooriental"), ("es", "sobrecomprado"), ("es", "exgobernantes"),
                      ("es", "antitécnica"), ("es", "viceprimero"), ("es", "macrocaso"),
                      ("es", "sobrepagado"), ("es", "supersecreto")]],
    ("pt", "O governo aprovou um subfinanciamento das escolas e um sobrecusto nas obras públicas.",
     "sobrecusto"),
    ("pt", "O exgovernador foi ouvido pela polícia na manhã de ontem, segundo a imprensa local.",
     "exgovernador"),
    ("it", "Il governo ha approvato un sottofinanziamento delle scuole e una supertassa sulle "
           "rendite.", "supertassa"),
    # Spanish infinitives with enclitic pronouns
    ("es", "Queremos pedirles que dejen de allanarnos la casa cada semana sin ninguna orden.",
     "allanarnos"),
    ("es", "El piloto logró aterrizarla sin heridos pese al viento fuerte en la pista del "
           "aeropuerto.", "aterrizarla"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GLUE, ids=[g[2][0] for g in GLUE])
def test_glue_is_split(lang: str, text: str, expected: tuple[str, str], table: Batch) -> None:
    assert expected in glued_in(table, text, lang)


@pytest.mark.parametrize(("lang", "text", "word"), WHOLE, ids=[w[2] for w in WHOLE])
def test_words_stay_whole(lang: str, text: str, word: str, table: Batch) -> None:
    assert not [m for m, _ in glued_in(table, text, lang) if word in m or m in word]


def test_glue_tails_are_particles_not_suffixes() -> None:
    lex = build_lexicon(["de", "sv", "en"], min_zipf=2.5)
    tails = glue_tails(lex)
    de = set(tails.filter(pl.col("lang") == "de")["word"])
    assert {"und", "hat", "mit", "von"} <= de
    assert not {"ist", "aus", "den", "der"} & de  # Journal|ist, durch|aus, participles
    assert "ska" not in set(tails.filter(pl.col("lang") == "sv")["word"])  # afrikan|ska
    assert tails.filter(pl.col("lang") == "en").is_empty()  # English is no closed language
    # the column the splitter reads agrees with the function
    flagged = lex.filter("glue_tail").select("word", "lang").sort("word", "lang")
    assert flagged.equals(tails.select("word", "lang").sort("word", "lang"))


def _case(page: str, context: str, *, glued: bool = True) -> GluedCase:
    return GluedCase(page, "src", glued, context.split()[1], "x y", context, 0)


def test_rounds_never_batch_overlapping_windows_of_one_page() -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
    cases = [
        _case("p", text[0:30]), _case("p", text[10:40]), _case("q", text[0:30]),
        _case("p", text[45:]),
    ]
    batches = rounds(cases)
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3]
    for batch in batches:
        same_page = [cases[i].context for i in batch if cases[i].id == "p"]
        for i, a in enumerate(same_page):
            for b in same_page[i + 1:]:
                assert not (set(a.split()) & set(b.split())), (a, b)


def test_scores_have_a_row_per_language(ctx: DetectContext) -> None:
    cases = [
        GluedCase("en1", "s", True, "NATOand", "NATO and",
                  "The alliance said that NATOand its partners would meet again next week.", 23),
        GluedCase("de1", "s", False, "iPhone", None,
                  "Das neue iPhone kommt im Herbst in die Läden, sagte der Konzern am Montag.", 9),
    ]
    report = score_cases(cases, ctx=ctx)
    langs = {r.source: r for r in report.langs}
    assert set(langs) == {"en", "de"}
    assert (langs["en"].positives, langs["en"].detected) == (1, 1)
    assert (langs["de"].negatives, langs["de"].false_positives) == (1, 0)
    assert [o.lang for o in report.outcomes] == ["en", "de"]
    table = format_table(report)
    assert "lang:en" in table and "lang:de" in table
    assert table.splitlines()[1].startswith("s ")  # the source rows stay first


def test_subset_keeps_language_rows() -> None:
    case = GluedCase("aeb:06ee193de4bd611f", "aeb", True, "ab", "a b", "ab", 0)
    report = GluedReport(
        (GluedScores("all", 1, 0, 1, 0, 1),), (CaseOutcome(case, True, "a b", "en"),)
    )
    part = report.subset("heldout")
    assert [r.source for r in part.langs] == ["en"]


@pytest.fixture(scope="module")
def table(ctx: DetectContext) -> Batch:
    """Every case of GLUE and WHOLE, one record each, in one ``detect()`` call."""
    return glued_batch([(case[0], case[1]) for case in GLUE + WHOLE], ctx)
