"""What dq keeps whatever its findings say (issue 15, outside audit audit22).

The audit's records are Arabic, Russian, Armenian, Dutch and English; these
tests use other languages (German, French, Spanish, Italian, Swedish,
Portuguese), so the rules are checked as argued, not as tuned.
"""

from __future__ import annotations

import polars as pl
import pytest
from _batch import Batch, CleanBatch

from dq.clean import clean, clean_and_explain, clean_frame
from dq.clean._keep import has_words
from dq.detect import detect
from dq.signals.context import DetectContext

CTX = DetectContext()


def _codes(text: str, line: int) -> set[str]:
    found = detect(pl.DataFrame([{"id": "a", "text": text}]), ctx=CTX).findings
    return set(found.filter(pl.col("line") == line)["code"].to_list())


# -- a record is never cleaned to nothing --------------------------------------------


@pytest.mark.parametrize("text", [
    # a photo item whose only text is its caption, with the agency credit
    "Die Grotte ist weit und sieht aus wie ein riesiger Lichtschacht (Foto: dpa)",
    # a one-line article with its footer on the same line
    "La Bourse de Paris a clôturé en légère baisse lundi, dans un marché calme "
    "et sans grandes nouvelles économiques. © 2024 Le Courrier. Tous droits réservés.",
    # chrome only
    "Artikel teilen\n\nNach oben",
])
def test_a_record_is_never_cleaned_to_nothing(text: str) -> None:
    out = clean_frame(pl.DataFrame({"id": ["a"], "text": [text]}), ctx=CTX).articles
    assert has_words(out["text"][0])
    assert out["text"][0] == text  # kept as it was
    assert out["dq_steps"][0].to_list() == []


def test_a_record_cleaned_to_nothing_is_flagged_and_others_are_cleaned() -> None:
    frame = pl.DataFrame({"id": ["a", "b"], "text": [
        "Artikel teilen\n\nNach oben",
        "Die Stadt plant eine neue Brücke über den Fluss, sagte der Bürgermeister.\n\nNach oben",
    ]})
    out = clean_frame(frame, ctx=CTX).articles
    assert out["dq_cleaned_empty"].to_list() == [True, False]
    assert out["text"][1] == (
        "Die Stadt plant eine neue Brücke über den Fluss, sagte der Bürgermeister."
    )


# -- a footer line that holds prose is reported, not deleted ----------------------------


def test_a_line_with_prose_before_its_footer_is_reported_and_kept() -> None:
    lead = ("La Bourse de Paris a clôturé en légère baisse lundi, dans un marché calme "
            "et sans grandes nouvelles économiques.")
    line = f"{lead} Copyright © Le Courrier du Soir"
    text = f"Marchés\n\n{line}"
    assert "copyright_footer" in _codes(text, 3)  # still reported
    assert lead in clean(text, ctx=CTX)


def test_a_footer_line_is_still_deleted() -> None:
    text = ("La Bourse de Paris a clôturé en légère baisse lundi, a indiqué l'agence.\n\n"
            "© 2024 Le Courrier du Soir. Tous droits réservés.")
    cleaned = clean_and_explain(text, ctx=CTX)
    assert "Tous droits" not in cleaned.text
    assert [s.code for s in cleaned.steps] == ["copyright_footer"]


# -- a stage direction is no link label ------------------------------------------------


TRANSCRIPT = [
    "Und dann haben wir einfach weitergemacht, als wäre nichts gewesen. [LACHT]",
    "Nunca pensé que llegaríamos tan lejos con aquel proyecto. [RISAS]",
    "Non avevamo idea di cosa sarebbe successo quella notte. [MUSICA]",
]


def interview(line: str) -> str:
    return f"Intervista\n\nLa prima domanda è semplice.\n\n{line}\n\nE poi?"


@pytest.mark.parametrize("line", TRANSCRIPT)
def test_a_transcript_line_ending_in_a_stage_direction_is_kept(
    line: str, reported: Batch, cleaned: CleanBatch
) -> None:
    text = interview(line)
    assert "read_more" not in reported.found(text).get(5, set())
    assert line in cleaned[text]


def test_a_tagged_headline_teaser_is_still_read_more() -> None:
    text = ("Die Stadt plant eine neue Brücke über den Fluss, sagte der Bürgermeister.\n\n"
            "Neue Single erschienen – Die Band ist zurück [VIDEO]")
    assert "read_more" in _codes(text, 3)


# -- a word with an optional part in brackets is not split ----------------------------


BRACKETED = ["(re)start", "(för)skola", "(des)orden", "(re)organização"]


def plan(token: str) -> str:
    return f"Die Firma plant einen {token} des Projekts im nächsten Jahr, sagte sie."


@pytest.mark.parametrize("token", BRACKETED)
def test_a_bracketed_prefix_is_not_taken_for_a_missing_space(
    token: str, reported: Batch, cleaned: CleanBatch
) -> None:
    text = plan(token)
    assert "missing_space_after_punct" not in reported.found(text).get(1, set())
    assert token in cleaned[text]


def test_a_missing_space_after_a_bracket_is_still_repaired() -> None:
    # a clause in brackets (more than one word) or a capitalised name: a real missing space
    text = "Der Bürgermeister (der zurückgetreten ist)sagte am Montag, die Brücke werde gebaut."
    assert "ist) sagte" in clean(text, ctx=CTX)


@pytest.fixture(scope="module")
def reported() -> Batch:
    """Every code on the transcript and bracket cases (``_codes``), one ``detect()`` call."""
    return Batch([*map(interview, TRANSCRIPT), *map(plan, BRACKETED)], ctx=CTX)


@pytest.fixture(scope="module")
def cleaned() -> CleanBatch:
    """``clean(text, ctx=CTX)`` of the transcript and bracket cases, one ``clean_frame()``."""
    return CleanBatch([*map(interview, TRANSCRIPT), *map(plan, BRACKETED)], ctx=CTX)
