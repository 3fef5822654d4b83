"""Script typography and dotted identifiers the spacing repairs leave alone (issue 15, audit24)."""

from __future__ import annotations

import pytest
from _batch import CleanBatch

from dq.signals._demo import spans
from dq.signals.context import DetectContext
from dq.signals.spacing import missing_space_after_punct, space_before_punct

CTX = DetectContext(languages=())


DEVANAGARI = [
    "दिल्ली : सरकार ने नई नीति की घोषणा की",  # a dateline colon (Hindi)
    "क्या यह सही है ? सरकार ने जवाब नहीं दिया",  # a question mark (Hindi)
    "मुंबई : राज्य सरकारने निर्णय घेतला",  # Marathi dateline
    "फोटो : रमेश शर्मा",  # a caption label
    "T20 2024 : भारतीय टीम की घोषणा",  # a Latin token before the colon, Devanagari line
]


@pytest.mark.parametrize("line", DEVANAGARI)
def test_devanagari_space_before_question_and_colon_is_house_style(
    line: str, cleaned: CleanBatch
) -> None:
    assert spans(space_before_punct, line, CTX) == []
    assert cleaned[line] == line


def test_space_before_full_stop_is_still_reported_in_devanagari_and_latin() -> None:
    assert spans(space_before_punct, "सरकार ने घोषणा की, राम .", CTX) == [("राम .", "राम.")]
    assert spans(space_before_punct, "He said : no , really ?", CTX) == [
        ("said :", "said:"), ("no ,", "no,"), ("really ?", "really?")]


TOKENS = ["Win64.CoinMiner", "Trojan32.DownLoader", "W32.SillyFDC", "iOS.iPadOS17", "Mpeg4.H264"]


def detected(token: str) -> str:
    return f"Researchers detected {token} on the infected machines last week."


@pytest.mark.parametrize("token", TOKENS)
def test_dotted_identifiers_are_not_split(token: str, cleaned: CleanBatch) -> None:
    line = detected(token)
    assert spans(missing_space_after_punct, line, CTX) == []
    assert cleaned[line] == line


RUN_INTO = [
    ("It opened in 2019.The council paid for it.", "2019. The"),
    ("He said.McCarthy disagreed with him.", "said. McCarthy"),
    ("The malware spread.W32 variants followed.", "spread. W32"),
]


@pytest.mark.parametrize(("line", "fixed"), RUN_INTO)
def test_sentence_ends_run_into_the_next_are_still_repaired(
    line: str, fixed: str, cleaned: CleanBatch
) -> None:
    assert fixed in cleaned[line]


#: audit25 (Thai sets a space before ":", 633 of the run's 651 findings; PKD codes "47.59.Z"):
#: lines the spacing signals leave alone, read as one record.
AUDIT25_LEFT_ALONE = (
    "ที่มา : https://www.thaigov.go.th/news/contents/details/25638",
    "ข่าวโดย : นายปวีณ ควรแย้ม",
    "เป็นประธานเปิดกิจการเพื่อสังคม Social Enterprise : SE เพื่อประชาสัมพันธ์",
    "sprzedaż detaliczna (47.59.Z)",
    "produkcja farb (20.30.Z)” oraz pozostałe",
)


AUDIT25_TEXT = "\n".join([*AUDIT25_LEFT_ALONE, "Kod PKD 47.59.Z obowiązuje od 2024.W tym roku."])


def test_thai_colon_and_classification_codes_are_left_alone(cleaned: CleanBatch) -> None:
    # one record holding every case, cleaned in the module's one clean_frame() call
    text = AUDIT25_TEXT
    assert spans(space_before_punct, text, CTX) == []
    assert spans(missing_space_after_punct, text, CTX) == [("2024.W", "2024. W")]
    fixed = "Kod PKD 47.59.Z obowiązuje od 2024. W tym roku."
    assert cleaned[text].split("\n") == [*AUDIT25_LEFT_ALONE, fixed]


@pytest.fixture(scope="module")
def cleaned() -> CleanBatch:
    """``clean(line)`` of every parametrised case, one ``clean_frame()`` call."""
    runs_into = (line for line, _ in RUN_INTO)
    return CleanBatch([*DEVANAGARI, *map(detected, TOKENS), *runs_into, AUDIT25_TEXT])
