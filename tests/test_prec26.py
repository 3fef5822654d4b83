"""Outside text that dq read as slips or captions, by class (issue 15, prec26).

The outside audits (``tests/data/audit/judgements*.jsonl``) keep known failures
that a rule argued from the line's nature can clear. Each case is a record
written for this test (its shape taken from a judged excerpt, its words
changed) with the lines that must stay unreported under a code, and a control
of the same kind that must still be reported. All cases run in ONE
``detect()`` call (a module-scoped fixture): CI time is at its limit.

- A Latin word run into a clause of a script written without spaces between
  words (Thai) is how that text is written: no ``glued_words``; nor is a name
  cut after its elided prefix ("H’m|ông").
- A web address closing its line ("AmericanCountdown.News") is neither split
  at its dot nor inside its name.
- Bengali presses set a space before "!" as before the danda; a Latin line in
  a Thai record (a contact block's "Facebook : ...") is set as the record is.
- A clause closed by its agency ("... near the border/REUTERS") is a caption
  with its credit: the line above it is not its caption.
"""

from __future__ import annotations

import pytest
from _batch import Batch

from dq.schema import ARTICLE_SCHEMA

PARA = ("The council met on Monday evening and voted for the new flood plan "
        "after a long debate about its cost.")
THAI = "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม จัดงานประชุมวิชาการประจำปี"

#: id -> (text, lang, {line: code that must NOT be reported}, {line: code that MUST be}).
CASES: dict[str, tuple[str, str | None, dict[int, str], dict[int, str]]] = {
    # audith_0059 / 0061 / 0057: a Latin name, a quote, a Thai clause.
    "thai_quote": (
        THAI + "\nโครงการอาสาพิทักษ์ป่า Forest Ranger“ชวนเยาวชนร่วมอนุรักษ์ทรัพยากรธรรมชาติ”\n"
        "การประชุม “Finance for Growth”ได้กล่าวถึงเงินทุนที่ต้องใช้ในภูมิภาค",
        "th", {2: "glued_words", 3: "glued_words"}, {},
    ),
    "glue": ("The CSTO is the Russian equivalent of NATOand Putin hoped so.\n" + PARA,
             "en", {}, {1: "glued_words"}),
    # auditg_0057: the Vietnamese ethnic name "H’mông" cut after its prefix ("H’m ông").
    "elided_name": (
        "Mô hình chăn nuôi gà bản địa tạo sản phẩm OCOP gà đen H’mông của hợp tác xã.\n"
        "Mô hình đã có sự liên kết chặt chẽ giữa các hộ chăn nuôi và hợp tác xã.",
        "vi", {1: "glued_words"}, {},
    ),
    "elided_glue": ("The striker scored twice and O’Brienwas happy to see it.\n" + PARA,
                    "en", {}, {1: "glued_words"}),
    # audith_0055 / 0153 / 0453: the show's site closing the line.
    "address": (
        PARA + "\n\nAlso listen live at example.com/show or MorningCountdown.News",
        "en", {3: "missing_space_after_punct"}, {},
    ),
    "sentence_end": (
        PARA + "\n\nThe vote passed late in the session.News of it spread fast.",
        "en", {}, {3: "missing_space_after_punct"},
    ),
    # audith_0276: Bengali "!" set apart; a space before "," still reported.
    "bengali": (
        "হঠাৎই উধাও হয়েছিল খেলোয়াড়ের ইনস্টাগ্রাম অ্যাকাউন্ট ! সকাল থেকেই খোঁজ চলছে।\n"
        "সকাল থেকেই শোরগোল , কেউ খুঁজে পাচ্ছেন না।",
        "bn", {1: "space_before_punct"}, {2: "space_before_punct"},
    ),
    # audith_0293: a Thai contact block.
    "thai_contact": (
        THAI + "\nโทรศัพท์ 0 2333 3700 ต่อ 3728\nFacebook : @SomeMinistryTH\nCall Center โทร.1313",
        "th", {3: "space_before_punct"}, {},
    ),
    "english_colon": (PARA + "\nFacebook : @SomeCouncil\nPhone : 555 0100", "en", {},
                      {2: "space_before_punct", 3: "space_before_punct"}),
    # auditc_0108 / audith_0113: a note or a line of text above a captioned credit.
    "own_credit": (
        "\n".join([PARA, "", "Note: the ministry did not say where the gas came from in 2020",
                   "", "Troops prepare for the offensive near the border/REUTERS", "", PARA]),
        "en", {3: "media_credit"}, {5: "media_credit"},
    ),
    "bare_credit": (
        "\n".join(["Storm hits the coast", "", PARA, "", "Rescuers carry a boy to safety",
                   "", "Michael Conroy/AP", "", "The river rose again on Tuesday night and "
                   "the roads stayed closed until noon."]),
        "en", {}, {5: "media_credit", 7: "media_credit"},
    ),
}


def record(case: str) -> dict[str, str | None]:
    """The case's record: its text and language."""
    text, lang, _, _ = CASES[case]
    return {"text": text, "lang": lang}


@pytest.fixture(scope="module")
def reported() -> Batch:
    """Every case's record (the article schema's columns), one ``detect()`` call."""
    return Batch(map(record, CASES), columns=ARTICLE_SCHEMA)


@pytest.mark.parametrize("case", list(CASES))
def test_content_stays_unreported_and_controls_are_reported(case: str, reported: Batch) -> None:
    _, _, absent, present = CASES[case]
    reported.check_lines(record(case), absent, present)


def test_address_is_left_whole(reported: Batch) -> None:
    spans = reported.spans(record("address"))
    assert not [s for s in spans if "Countdown" in s[0]], spans
