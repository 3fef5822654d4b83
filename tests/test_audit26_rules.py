"""The rules audit26 added for the failure classes of the ninth outside audit.

Each test pairs the shape the audit judged wrongly reported (or deleted) with the
shape the same code must keep reporting, so a rule that stopped firing altogether
fails here. The judged items themselves are re-checked by
tests/test_audit_judgements.py; these are small made-up records of the same shapes.
"""

from __future__ import annotations

import pytest
from _batch import Batch, CleanBatch
from _chrome_helpers import BODY

PROSE = "\n".join(BODY)
#: A hard-wrapped paragraph (lines cut at ~100 characters, as Alo's stored text is).
WRAPPED = (
    "Ledena gromada može da se odlomi u svakom trenutku, navela je u saopštenju policija "
    "kantona Vale, preneo je"
)

#: (text, 1-based line, code that must not be reported there): the audit's shapes.
KEPT = [
    # the last word of a hard-wrapped sentence: an agency, a name, a web address
    (f"{PROSE}\n{WRAPPED}\nAFP.\n{PROSE}", 5, "media_credit"),
    (f"{PROSE}\n{WRAPPED}\nAFP.\n{BODY[0]}", 5, "dangling_source"),
    (f"{PROSE}\n{WRAPPED[:-10]} odnosno\nwww.nikolateslaexperience.com.\n{PROSE}", 5,
     "url_line"),
    # a quoted sentence ending in the Serbian word "pa" ("then"), not the PA agency
    (f"{PROSE}\n- Prvo me je šokirala ta reč 'tata'... A onda sam izbrojao koliko puta sam "
     f"donirao spermu... Bože, pa\n{PROSE}", 4, "media_credit"),
    # typographic quotes before a letter are the writer's, not mojibake
    (f"{PROSE}\nVégig »élvezhettem« a roncsderbit, mondta Szoboszlait”Írták a kommentek.",
     4, "mojibake"),
]
#: (text, 1-based line, code that must still be reported there): the neighbouring chrome.
STILL = [
    (f"{PROSE}\nProtesters gathered outside the parliament\nAFP\n{PROSE}", 5, "media_credit"),
    (f"{PROSE}\nMichael Conroy, AP\n{PROSE}", 4, "media_credit"),
    (f"{PROSE}\nwww.example.com/news\n{PROSE}", 4, "url_line"),
    (f"{PROSE}\nHe said donâ€™t worry.", 4, "mojibake"),
    (f"{PROSE}\nHe said don‚Äôt worry.", 4, "mojibake"),  # MacRoman's reading of ’
]
#: Records that open with a byline glued to the lede (punctuation stripped) carry an author.
SIGNED = "By Sharon Sauwa Mwandishi wa Habari Mwananchi Dodoma  Mbunge wa Viti Maalumu amesema"
UNSIGNED = "By Monday it was over and the council had voted to close the pool for good"


@pytest.fixture(scope="module")
def batch() -> Batch:
    """Every code on every case, one ``detect()`` call."""
    texts = [t for t, _, _ in KEPT + STILL] + [SIGNED, UNSIGNED]
    return Batch(texts)


@pytest.fixture(scope="module")
def cleaned() -> CleanBatch:
    """``clean(text)`` of the wrapped and quoted cases, one ``clean_frame()`` call."""
    return CleanBatch([t for t, _, code in KEPT if code != "mojibake"])


@pytest.mark.parametrize(("text", "line", "code"), KEPT)
def test_audit26_shapes_are_not_reported(text: str, line: int, code: str, batch: Batch) -> None:
    assert code not in batch.found(text).get(line, set())


@pytest.mark.parametrize(("text", "line", "code"), STILL)
def test_neighbouring_chrome_is_still_reported(text: str, line: int, code: str,
                                              batch: Batch) -> None:
    assert code in batch.found(text).get(line, set())


@pytest.mark.parametrize(("text", "line", "code"), [k for k in KEPT if k[2] != "mojibake"])
def test_wrapped_tails_and_quotes_are_kept_by_clean(text: str, line: int, code: str,
                                                   cleaned: CleanBatch) -> None:
    kept = text.split("\n")[line - 1]
    assert kept in cleaned[text].split("\n")


def test_a_byline_glued_to_the_lede_is_a_byline(batch: Batch) -> None:
    assert "missing_author" not in batch.codes(SIGNED)
    assert "missing_author" in batch.codes(UNSIGNED)
