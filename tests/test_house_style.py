"""Script typography and dotted identifiers the spacing repairs leave alone (issue 15, audit24)."""

from __future__ import annotations

import pytest

from dq.clean import clean
from dq.signals._demo import spans
from dq.signals.context import DetectContext
from dq.signals.spacing import missing_space_after_punct, space_before_punct

CTX = DetectContext(languages=())


@pytest.mark.parametrize(
    "line",
    [
        "दिल्ली : सरकार ने नई नीति की घोषणा की",  # a dateline colon (Hindi)
        "क्या यह सही है ? सरकार ने जवाब नहीं दिया",  # a question mark (Hindi)
        "मुंबई : राज्य सरकारने निर्णय घेतला",  # Marathi dateline
        "फोटो : रमेश शर्मा",  # a caption label
        "T20 2024 : भारतीय टीम की घोषणा",  # a Latin token before the colon, Devanagari line
    ],
)
def test_devanagari_space_before_question_and_colon_is_house_style(line: str) -> None:
    assert spans(space_before_punct, line, CTX) == []
    assert clean(line) == line


def test_space_before_full_stop_is_still_reported_in_devanagari_and_latin() -> None:
    assert spans(space_before_punct, "सरकार ने घोषणा की, राम .", CTX) == [("राम .", "राम.")]
    assert spans(space_before_punct, "He said : no , really ?", CTX) == [
        ("said :", "said:"), ("no ,", "no,"), ("really ?", "really?")]


@pytest.mark.parametrize(
    "token",
    ["Win64.CoinMiner", "Trojan32.DownLoader", "W32.SillyFDC", "iOS.iPadOS17", "Mpeg4.H264"],
)
def test_dotted_identifiers_are_not_split(token: str) -> None:
    line = f"Researchers detected {token} on the infected machines last week."
    assert spans(missing_space_after_punct, line, CTX) == []
    assert clean(line) == line


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("It opened in 2019.The council paid for it.", "2019. The"),
        ("He said.McCarthy disagreed with him.", "said. McCarthy"),
        ("The malware spread.W32 variants followed.", "spread. W32"),
    ],
)
def test_sentence_ends_run_into_the_next_are_still_repaired(line: str, fixed: str) -> None:
    assert fixed in clean(line)


#: audit25 (Thai sets a space before ":", 633 of the run's 651 findings; PKD codes "47.59.Z"):
#: lines the spacing signals leave alone, read as one record.
AUDIT25_LEFT_ALONE = (
    "ที่มา : https://www.thaigov.go.th/news/contents/details/25638",
    "ข่าวโดย : นายปวีณ ควรแย้ม",
    "เป็นประธานเปิดกิจการเพื่อสังคม Social Enterprise : SE เพื่อประชาสัมพันธ์",
    "sprzedaż detaliczna (47.59.Z)",
    "produkcja farb (20.30.Z)” oraz pozostałe",
)


def test_thai_colon_and_classification_codes_are_left_alone() -> None:
    # one record holding every case: one clean() call (detect's per-call cost)
    text = "\n".join([*AUDIT25_LEFT_ALONE, "Kod PKD 47.59.Z obowiązuje od 2024.W tym roku."])
    assert spans(space_before_punct, text, CTX) == []
    assert spans(missing_space_after_punct, text, CTX) == [("2024.W", "2024. W")]
    fixed = "Kod PKD 47.59.Z obowiązuje od 2024. W tym roku."
    assert clean(text).split("\n") == [*AUDIT25_LEFT_ALONE, fixed]
