"""missing_space_after_punct: the quote style of the line, and names spelled as domains.

Issue 15, audit21: in Czech „…“ quotes the repair put the space between a
comma and the closing "“" ("infarktu, “vysvětlil"), and it split names
spelled as domains ("Předvýběr. CZ", "Migrant-Rights. Org"). The cases here
are in other languages and from other sites than the audit's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dq.clean import clean
from dq.signals._demo import spans
from dq.signals.context import DetectContext
from dq.signals.spacing import (
    COUNTRY_TLDS,
    GENERIC_TLDS,
    QUOTE_ROLES,
    TITLE_CASE_TLDS,
    TLD_WORD_ZIPF,
    missing_space_after_punct,
    quote_style,
)


@pytest.fixture(scope="module")
def ctx() -> DetectContext:
    return DetectContext(languages=())


@pytest.mark.parametrize(("text", "found"), [
    # German and Slovak „…“: the closing quote stays with the comma or period
    ("„Wir bleiben hier,“sagte die Bürgermeisterin.", [("hier,“sagte", "hier,“ sagte")]),
    ("„Nie je to pravda.“Minister odmietol otázky.",
     [("pravda.“Minister", "pravda.“ Minister")]),
    # a nested German ‚…‘ inside „…“
    ("„Er rief ‚Halt,‘dann lief er.“", [("‚Halt,‘dann", "‚Halt,‘ dann")]),
    # German and Danish »…«: "«" closes
    ("»Das ist gut,«sagte er.", [("gut,«sagte", "gut,« sagte")]),
    # English “…”: "“" opens, so the space goes before it
    ("The mayor said,“We will stay.”", [("said,“We", "said, “We")]),
    # Polish „…”: "”" closes, "“" is not used as a closer
    ("„Zostajemy,”powiedział burmistrz.", [("„Zostajemy,”powiedział", "„Zostajemy,” powiedział")]),
    # a low opening quote after a colon is an opener
    ("Sagte er:„Nein“", [("er:„Nein“", "er: „Nein“")]),
    # French «…»: "»" closes
    ("«C'est fini,»répond-elle.", [("fini,»répond-elle.", "fini,» répond-elle.")]),
])
def test_closing_quotes_keep_to_the_punctuation_before_them(
    ctx: DetectContext, text: str, found: list[tuple[str, str]]
) -> None:
    assert spans(missing_space_after_punct, text, ctx) == found


@pytest.mark.parametrize("text", [
    "„Wir bleiben hier,“sagte sie.", "»Nein,«rief er.", "„Tak.“Potom odišiel.",
])
def test_no_repair_puts_a_space_before_a_closing_quote(text: str) -> None:
    out = clean(text, codes=("missing_space_after_punct",))
    assert out != text  # the missing space is repaired...
    for close in ("“", "«"):
        assert f" {close}" not in out  # ...but never before the closing quote


@pytest.mark.parametrize("name", [
    "Seznam.CZ", "Rozhlas.SK", "Delfi.LT", "Postimees.EE", "Transparency-Watch.Org",
    "Open-Data.Gov", "Nordic-Energy.NET", "Allegro.PL", "(Bazos.CZ)", "Fundacja.Org.",
])
def test_names_spelled_as_domains_are_not_split(ctx: DetectContext, name: str) -> None:
    assert spans(missing_space_after_punct, f"Podle serveru {name} ceny rostou.", ctx) == []


@pytest.mark.parametrize(("text", "found"), [
    # a two-letter country code in title case is a sentence opener
    ("Sie wohnt in Paris.In Berlin war es kalt.", [("Paris.In", "Paris. In")]),
    ("He lives in Lagos.It rained.", [("Lagos.It", "Lagos. It")]),
    # a lower-case word before it ends a sentence
    ("Vláda schválila plán.EU jej podpořila.", [("plán.EU", "plán. EU")]),
    # a newer generic domain is an ordinary word
    ("Es regnete in Wien.Heute scheint die Sonne.", [("Wien.Heute", "Wien. Heute")]),
    # so is an old one in title case when it is a word: Portuguese "com", Czech "pro"
    ("Ele mora no Recife.Com isso, tudo mudou.", [("Recife.Com", "Recife. Com")]),
    ("Dárek pro Olgu.Pro vojáky to bylo málo.", [("Olgu.Pro", "Olgu. Pro")]),
    # not at the end of the token: "Pro-Russian"
    ("Kyiv said so.Pro-Russian forces left.", [("so.Pro-Russian", "so. Pro-Russian")]),
])
def test_sentence_ends_beside_domain_like_words_are_still_found(
    ctx: DetectContext, text: str, found: list[tuple[str, str]]
) -> None:
    assert spans(missing_space_after_punct, text, ctx) == found


def test_country_tlds_are_the_two_letter_entries_of_the_iana_list() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    path = Path(hypothesis.__file__).parent / "vendor" / "tlds-alpha-by-domain.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    two = sorted(x.lower() for x in lines if len(x) == 2 and not x.startswith("#"))
    assert list(COUNTRY_TLDS) == two
    everything = {x.lower() for x in lines if not x.startswith("#")}
    assert set(GENERIC_TLDS) <= everything


def test_title_case_domains_are_the_generic_ones_that_are_no_word() -> None:
    import polars as pl

    lexicon = DetectContext().lexicon().filter(pl.col("word").is_in(list(GENERIC_TLDS)))
    top = dict(lexicon.group_by("word").agg(pl.col("zipf").max()).rows())
    words = {tld for tld in GENERIC_TLDS if top.get(tld, 0.0) >= TLD_WORD_ZIPF}
    assert set(TITLE_CASE_TLDS) == set(GENERIC_TLDS) - words
    assert {"com", "net", "pro", "info"} <= words


def test_quote_placeholders_are_noncharacters_and_distinct() -> None:
    placeholders = [p for _, p, _ in QUOTE_ROLES]
    assert len(set(placeholders)) == len(placeholders)
    assert all(0xFDD0 <= ord(p) <= 0xFDEF for p in placeholders)


@pytest.mark.parametrize(("line", "styles"), [
    ("„A,“ b", ("low_high",)), ("“A,” b", ()), ("„A,” b", ()), ("»A,« b", ("reversed_guillemets",)),
    ("«A,» b", ()), ("»A,» b", ()),
])
def test_quote_style(line: str, styles: tuple[str, ...]) -> None:
    assert quote_style(line) == styles


@pytest.mark.parametrize("text", [
    # cut from a German or Czech paragraph: the opening „ is not on the line
    "in dieser Phase,“sagte der Direktor.", "v této fázi,“řekl ředitel podniku.",
])
def test_a_quote_of_unknown_style_gets_no_space_beside_it(ctx: DetectContext, text: str) -> None:
    assert spans(missing_space_after_punct, text, ctx) == []
