"""The rules fix23 added for the failure classes of the sixth outside audit (audit23).

Each test pairs the text the audit judged wrongly reported (or damaged) with
the text the same code must keep reporting, so a rule that stopped firing
altogether fails here. The judged items themselves are re-checked by
tests/test_audit_judgements.py; these are small made-up records of the same
shapes.
"""

from __future__ import annotations

import polars as pl
import pytest
from _batch import Batch, CleanBatch
from _chrome_helpers import BODY, chrome_batch, found

from dq.clean import clean
from dq.detect import detect

PROSE = "\n".join(BODY)


def _record(text: str, lang: str | None = None, author: str | None = None) -> dict[str, str | None]:
    return {"text": text, "lang": lang, "author": author}


def _codes(text: str, lang: str | None = None, author: str | None = None) -> set[str]:
    frame = pl.DataFrame({"id": ["a"], "text": [text], "lang": [lang], "author": [author]},
                         schema={"id": pl.String, "text": pl.String, "lang": pl.String,
                                 "author": pl.String})
    return set(detect(frame).findings["code"].to_list())


# 1. share_prompt: a sentence whose letters the source stripped, naming a network


REMNANTS = [" , WhatsApp, , , .", "« ». Instagram.", "Telegram-.", '" WhatsApp , , . , , ", - .']


def remnant_text(remnant: str) -> str:
    return f"{PROSE}\n{remnant}\n{BODY[0]}"


@pytest.mark.parametrize("remnant", REMNANTS)
def test_stripped_sentence_naming_a_network_is_no_share_bar_and_is_kept(
    remnant: str, chrome: Batch, cleaned: CleanBatch
) -> None:
    text = remnant_text(remnant)
    assert 4 not in chrome.found(text)
    # repaired maybe ("WhatsApp ," -> ","), not deleted
    assert len(cleaned[text].splitlines()) == 5


def test_share_bars_are_still_share_prompts() -> None:
    text = f"{PROSE}\nFacebook | Twitter | WhatsApp\nFacebook, Twitter, LinkedIn"
    got = found(text)
    assert got[4] == {"share_prompt"} and got[5] == {"share_prompt"}


# 2. media_credit: a wrapped lead line closing with the agency's tag


def test_wrapped_lead_ending_with_an_agency_tag_is_no_credit() -> None:
    text = ("Franco Battiato, a Genova viene presentato il progetto che sarà realizzato\n"
            "negli spazi nell'abbazia di S.Giuliano a Genova. (ANSA)\n" + PROSE)
    assert not any("media_credit" in codes for codes in found(text).values())
    assert "negli spazi nell'abbazia di S.Giuliano a Genova. (ANSA)" in clean(text)


def test_a_caption_with_its_agency_is_still_a_credit() -> None:
    text = f"{PROSE}\nResidents clear debris in West Reading on Friday. (AP Photo/Matt Rourke)"
    assert "media_credit" in found(text)[4]


# 3. missing_space_after_punct: dots inside names and identifiers


DOTTED = [
    "Сервисы «Яндекс.Новости» и «Яндекс.Дзен» остались у компании.",
    "Kaspersky detects it as ‘HEUR:Trojan-Ransom.Win64.Generic’ in its reports.",
    "涪陵榨菜(002507.SZ)的定增配售情况一直是投资者关注的焦点。",
    "자금은 Connecting Europe Facility(CEF) 등에서 지원된다.",
    "Speaker Rt Hon Marcus said the bill was timely.",
]


@pytest.mark.parametrize("text", DOTTED)
def test_dots_and_glosses_inside_names_are_left(
    text: str, every: Batch, cleaned: CleanBatch
) -> None:
    assert "missing_space_after_punct" not in every.codes(_record(text))
    assert cleaned[text] == text


RUN_TOGETHER = [
    ("The council voted.Officers said so.", "The council voted. Officers said so."),
    ("I met Maj.Gen.Kasirye in 1985.", "I met Maj. Gen. Kasirye in 1985."),
    ("Es wurde bestätigt, haben.18.20 Uhr ist es.", "Es wurde bestätigt, haben. 18.20 Uhr ist es."),
]


@pytest.mark.parametrize(("text", "fixed"), RUN_TOGETHER)
def test_sentence_ends_run_together_are_still_repaired(
    text: str, fixed: str, repaired: CleanBatch
) -> None:
    assert repaired[text] == fixed


# 4. space_before_punct: French typography


def test_french_space_before_colon_is_correct_in_a_french_record() -> None:
    text = ("Indiscrétions piquantes, maladresses vaches ou douces confessions : chaque jour, "
            "retrouvez les brèves qui auscultent le monde politique.")
    assert "space_before_punct" not in _codes(text, lang="fr")
    assert "space_before_punct" not in _codes(text)  # identified as French
    assert "space_before_punct" in _codes("The council met on Tuesday : it voted.", lang="en")


# 5. missing_author: bylines in Korean, Chinese and Japanese


CJK_BYLINES = [
    "[보안뉴스 한세희 기자] KAIST 연구진은 분석 프레임워크를 자체 개발했다.",
    "[(미국 라스베이거스) 보안뉴스= 신강식 카이스트 연구원] 해커 컨퍼런스가 열렸다.",
    "在文学的圣殿里，种下一颗戏剧的种子■朱瑀晗当展厅内回荡起最后一句台词。",
    "本报讯（记者  罗建森）天津文学如江河奔流般生生不息。",
    "日経平均は反発した。\nMINKABU PRESS編集部　野沢卓美",
]


@pytest.mark.parametrize("text", CJK_BYLINES)
def test_cjk_bylines_count_as_an_author(text: str, every: Batch) -> None:
    assert "missing_author" not in every.codes(_record(text))


NO_BYLINE = [
    "■財務省　：　5月31日受付\n■発行会社：　サイトリ細胞研究所",
    "기자회견이 열렸다. 정부는 새 정책을 발표했다.",
    "在文学的圣殿里，种下一颗戏剧的种子。",
]


@pytest.mark.parametrize("text", NO_BYLINE)
def test_texts_without_a_byline_still_miss_their_author(text: str, every: Batch) -> None:
    assert "missing_author" in every.codes(_record(text))


# 6. social_counts, navigation, chrome_line: a sentence broken at an inline link


def test_pieces_of_a_sentence_broken_at_a_link_are_no_chrome() -> None:
    text = ("米長期金利上昇で中小型グロース株も軟調となった。\n"
            "■発行会社：　サイトリ細胞研究所 <\n3750\n> [東証Ｓ]\n"
            "エヌビディア<\nNVDA\n>　1130.54(+25.54 +2.31％)\n"
            "グロース株安の流れに押される展開となった。")
    got = found(text)
    assert all(line not in got for line in range(2, 8)), got


def test_a_lone_count_between_lines_of_words_is_still_a_counter() -> None:
    text = "A journalist received a USB drive in the mail.\n2\nVIEW GALLERY - 2 IMAGES"
    assert "social_counts" in found(text)[2]


@pytest.fixture(scope="module")
def chrome() -> Batch:
    """The chrome findings of the stripped-sentence cases, one ``detect()`` call."""
    return chrome_batch(*map(remnant_text, REMNANTS))


@pytest.fixture(scope="module")
def every() -> Batch:
    """Every code on the records of the dotted-name and byline cases, one ``detect()`` call."""
    return Batch([_record(t) for t in [*DOTTED, *CJK_BYLINES, *NO_BYLINE]])


@pytest.fixture(scope="module")
def cleaned() -> CleanBatch:
    """``clean(text)`` (every default cleaner) of the cases that clean, one ``clean_frame()``."""
    return CleanBatch([*map(remnant_text, REMNANTS), *DOTTED])


@pytest.fixture(scope="module")
def repaired() -> CleanBatch:
    """``clean(text, codes=["missing_space_after_punct"])`` of the run-together cases."""
    return CleanBatch([t for t, _ in RUN_TOGETHER], codes=["missing_space_after_punct"])
