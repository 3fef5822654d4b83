"""The eleventh outside audit's rules (issue 15, audit28), one ``detect()`` for the table.

* ``missing_space_after_punct`` leaves a chemical name or formula whole
  (:data:`dq.signals.spacing_names.FORMULA_NAME`): "(2,4,6-trimethylphenyl)amine",
  "Sn(II)"; "Index(KOSPI)fell" keeps its finding.
* ``glued_words`` leaves a token holding a C1 control character: mojibake, not glue
  (:func:`dq.signals.spacing_guards.misdecoded`); "NATOand" is still found.
* a line that opens with a comma and a lower-case word goes on with a sentence broken at
  a link: no menu, chrome line or comment block
  (:func:`dq.signals.chrome_remnant.comma_continuation`);
* a lone "By" names the line below it: the headline above is no byline
  (:func:`dq.signals.chrome_meta.byline_dateline`), and "By" / "Name" is a byline for
  ``missing_author`` (:data:`dq.signals.attribution.STACKED_BYLINE`);
* a full sentence that opens a bracket at its end ("... services. (" with the source
  link on the next line) is a sentence, never a caption on context evidence
  (:func:`dq.signals.chrome_shape.ends_sentence_then_aside`); a caption above a
  credit is still one.

The DOI rule of ``repeated_boilerplate`` is corpus-wide; its doctest in
:mod:`dq.signals.boilerplate` and ``judgements_k.jsonl`` check it.
"""

from __future__ import annotations

import polars as pl
import pytest
from _batch import Batch

CODES = ("missing_space_after_punct", "glued_words", "media_credit", "chrome_line", "comment_block",
         "navigation", "byline_dateline", "missing_author")
FORMULA = "The hole layer is polybis(4-phenyl)(2,4,6-trimethylphenyl)amine, the anode Sn(II) oxide."
ASIDE = "The KOSPI Index(KOSPI)fell sharply on Monday after the report."
MOJIBAKE = "\n".join([  # a Chinese headline read as Latin-1, alone on its line (audit28)
    "最新动态",
    "æ²³å\u008d\u0097â\u0080\u009cå\u008d\u0081äº\u0094äº\u0094â\u0080\u009dè§\u0084å\u0088\u0092ï¼"
    "\u009aå»ºç«\u008bæ¸\u0085æ´\u0081è\u0083½æº\u0090ä¸ºä¸»ã\u0080\u0081å¤\u009aè\u0083½",
    "1天前",
])
GLUE = "The CSTO is the Russian equivalent of NATOand Putin hoped so."
NEWS_LIST = "\n".join([
    "The must-reads",
    "1 Rocket Lab is buying Iridium for $8 billion to take on SpaceX",
    "It wants to integrate the satellite network with its launch services. (",
    "Reuters",
    ")",
    "2 SpaceX today plans to test a spacecraft for moving cargo from orbit",
    "Starfall is designed to deliver payloads anywhere on Earth. (",
    "Ars Technica",
    ")",
])
PRICES = "\n".join([  # an e-bike list broken at its links (audit28, electrek.co)
    "The cheapest electric bikes on sale right now include",
    "$999 Lectric XP Lite 2.0",
    ", the",
    "$1,095 Ride1Up Roadster V2",
    ", the",
    "$1,199 Rad Power Bikes RadMission",
    ", and the",
    "$3,299 Priority Current",
    ". But it’s a pretty evolving list these days.",
])
STACKED = "Pre-IPO Betting Boom Hits Prediction Markets\nBy\nYueqi Yang\nSubscribe to unlock"
NO_BYLINE = "Pre-IPO Betting Boom Hits Prediction Markets\nSubscribe to unlock"
CAPTION = "\n".join([
    "The storm hit the coast on Monday and closed the port for two days.",
    "A man walks past a damaged house in the harbour town",
    "Photo: AP",
    "Officials said the repairs would take weeks.",
])


def spans(batch: Batch, text: str, code: str) -> list[tuple[str, str]]:
    """(matched text, fix) of the ``code`` findings of the record ``text``."""
    rows = batch.findings(text).filter(pl.col("code") == code).select("start", "end", "fix")
    return [(text[a:b], str(fix)) for a, b, fix in rows.iter_rows()]


@pytest.fixture(scope="module")
def batch() -> Batch:
    return Batch([FORMULA, ASIDE, MOJIBAKE, GLUE, NEWS_LIST, PRICES, STACKED, NO_BYLINE, CAPTION],
                 codes=CODES)


def test_formula_names_are_left_whole(batch: Batch) -> None:
    assert "missing_space_after_punct" not in batch.codes(FORMULA)
    assert spans(batch, ASIDE, "missing_space_after_punct") == [
        ("Index(KOSPI)fell", "Index (KOSPI) fell")]


def test_mojibake_is_not_glue(batch: Batch) -> None:
    assert "glued_words" not in batch.codes(MOJIBAKE)
    assert spans(batch, GLUE, "glued_words") == [("NATOand", "NATO and")]


def test_sentence_before_its_source_bracket_is_no_caption(batch: Batch) -> None:
    found = batch.found(NEWS_LIST)
    assert "media_credit" not in found.get(3, set()) | found.get(7, set()), found
    assert "media_credit" in batch.found(CAPTION).get(2, set())


def test_comma_continuation_is_no_chrome(batch: Batch) -> None:
    found = batch.found(PRICES)
    assert not found.get(3, set()) | found.get(5, set()) | found.get(7, set()), found


def test_lone_by_names_the_line_below(batch: Batch) -> None:
    found = batch.found(STACKED)
    assert "byline_dateline" not in found.get(1, set()), found
    assert "byline_dateline" in found.get(2, set()) | found.get(3, set()), found
    assert "missing_author" not in batch.codes(STACKED)
    assert "missing_author" in batch.codes(NO_BYLINE)
