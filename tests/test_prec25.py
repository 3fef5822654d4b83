"""Content that the outside audits found read as chrome, by class (issue 15, prec25).

Each case is a record written for this test (its shape taken from an audit's
excerpt, its words invented or shortened) with the lines that must stay
unreported under a code, and a control of the same shape that must still be
reported, so each rule is seen to hold both ways. All cases run in ONE
``detect()`` call (a module-scoped fixture): CI time is at its limit.

- A body kept as raw HTML: a list whose items are ``<p>`` paragraphs is text
  of the article (audit24's Nepali symptom lists), not a menu.
- A Japanese or Chinese record whose kana and ideographs the source stripped
  (audit23's NewsAPI records): its Latin words ("YouTube") are remnants of
  sentences, not share buttons, and the record is ``letters_stripped``.
- Title-Case subheads with the article's paragraphs below them are not a
  related-stories box (audit15's list article).
- A Persian site's copyright line is ``copyright_footer`` (audit24's tabnak
  records); "rights" in a sentence is not.
"""

from __future__ import annotations

import pytest
from _batch import Batch

from dq.schema import ARTICLE_SCHEMA

PARA = ("The council met on Monday evening and voted for the new flood plan "
        "after a long debate about its cost.")
NE_PARA = ("<p>डेंगु भाइरसबाट संक्रमित लामखुट्टेले टोकेपछि केही दिनपछि लक्षणहरू "
           "देखिन सुरु हुन्छ र बिरामीलाई उपचार चाहिन्छ।</p>")
FA_PARA = ("نمایندگان مجلس روز دوشنبه درباره طرح جدید بودجه بحث کردند و سرانجام با اکثریت آرا "
           "آن را تصویب کردند.")


def _blank(*lines: str) -> str:
    """Paragraphs with an empty line between them, as in the audits' HTML-derived texts."""
    return "\n\n".join(lines)


#: id -> (text, lang, {line: code that must NOT be reported}, {line: code that MUST be})
CASES: dict[str, tuple[str, str | None, dict[int, str], dict[int, str]]] = {
    # audit24 (auditg_0214): two paragraphs, a subhead, then the list to the end.
    "html_list": (
        _blank(NE_PARA, NE_PARA, "<p><strong>लक्षण</strong></p>", "<p>टाउको दुख्ने</p>",
               "<p>बान्ता हुने</p>", "<p>वाकवाकी लाग्ने</p>", "<p>मांसपेशी दुख्ने</p>"),
        "ne", {5: "navigation", 7: "navigation", 9: "navigation", 11: "navigation",
               13: "navigation"}, {},
    ),
    "html_menu": (
        _blank("<li>Home</li>", "<li>News</li>", "<li>Sport</li>", "<li>Weather</li>", PARA),
        "en", {}, {1: "navigation", 3: "navigation", 5: "navigation"},
    ),
    "ja_stripped": (
        "肉眼でも見える？ YouTubeで月食のライブ配信も\n2021526201844200920282152\nYouTube\n183022",
        "ja", {3: "share_prompt"}, {0: "letters_stripped"},
    ),
    "ja_whole": (
        "皆既月食は全国で観測できる見込みです。専門家は天候に注意するよう呼びかけています。\n"
        "関連記事は以下の通りです。\nTwitter\nFacebook\nYouTube",
        "ja", {0: "letters_stripped"}, {5: "share_prompt"},
    ),
    # audit15 (audit_0236): a film's title and its section's subhead over the section.
    "subheads": (
        _blank(PARA, "Harold And Maude", "Maude Says Goodbye To Harold",
               "Hal Ashby's dark romantic comedy follows a young man who is obsessed "
               "with death and who meets an old woman at a funeral.", PARA),
        "en", {3: "read_more", 5: "read_more"}, {},
    ),
    # audit24 (tabnak): the site's copyright line, Persian; and the word "rights" in prose.
    "fa_copyright": (
        "\n".join([FA_PARA, FA_PARA, "تمام حقوق مادی و معنوی این سایت متعلق به تابناک می باشد و "
                    "استفاده از مطالب با ذکر منبع بلامانع است."]),
        "fa", {}, {3: "copyright_footer"},
    ),
    "fa_rights": (
        "\n".join([FA_PARA, "حقوق کارگران در قانون کار محفوظ نیست و نمایندگان "
                    "خواستار اصلاح آن شدند.", FA_PARA]),
        "fa", {2: "copyright_footer"}, {},
    ),
    "related_box": (
        _blank(PARA, PARA, "Storm Hits Coast As Thousands Lose Power",
               "Voters Head To The Polls In Record Numbers"),
        "en", {}, {5: "read_more", 7: "read_more"},
    ),
}


def record(case: str) -> dict[str, str | None]:
    """The case's record: its text and language."""
    return {"text": CASES[case][0], "lang": CASES[case][1]}


@pytest.fixture(scope="module")
def reported() -> Batch:
    """Every case's record (the article schema's columns), one ``detect()`` call."""
    return Batch(map(record, CASES), columns=ARTICLE_SCHEMA)


@pytest.mark.parametrize("case", list(CASES))
def test_content_stays_unreported_and_controls_are_reported(case: str, reported: Batch) -> None:
    _, _, absent, present = CASES[case]
    reported.check_lines(record(case), absent, present)
