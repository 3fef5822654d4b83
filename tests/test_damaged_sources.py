"""Text a source or scraper damaged: what dq reports about the damage, and what it leaves.

Cases from the sixth outside audit (audit23, 2026-12-07; `tests/data/audit/README.md`):
kabutan.jp pages broken at every inline link, NewsAPI records cut with "[+N chars]" or
with their Cyrillic letters stripped, boannews.com captions credited "[자료: X]", and
Turkish headings in capitals ("İLGİLİ HABERLER"). Each test states the rule by its text,
with a negative beside it.
"""

from __future__ import annotations

import polars as pl

from dq.clean import clean
from dq.detect import detect
from dq.schema import ARTICLE_SCHEMA


def _findings(*texts: str) -> set[tuple[int, int, str]]:
    """(record index, line, code) of every finding on ``texts``."""
    df = pl.DataFrame(
        {c: [t if c == "text" else (str(i) if c == "id" else None) for i, t in enumerate(texts)]
         for c in ARTICLE_SCHEMA},
        schema=ARTICLE_SCHEMA,
    )
    found = detect(df).findings.select("record_id", "line", "code")
    return {(int(r), ln, code) for r, ln, code in found.iter_rows()}


def _codes_on(found: set[tuple[int, int, str]], rec: int, line: int) -> set[str]:
    return {c for r, ln, c in found if r == rec and ln == line}


FILING = (
    "ソフィア<\n6942\n> [東証Ｓ]について、\n指田仁\n"
    "氏は5月31日受付で財務省に変更報告書（5％ルール報告書）を提出した。報告書によれば、\n"
    "指田仁\n氏の保有比率は減少した。"
)


def test_a_name_cut_out_of_a_japanese_sentence_is_no_chrome() -> None:
    found = _findings(FILING)
    assert not {"chrome_line", "navigation"} & (_codes_on(found, 0, 4) | _codes_on(found, 0, 6))


def test_a_japanese_menu_is_still_a_menu() -> None:
    # Words that begin with a particle's kana ("はてなブックマーク") do not continue a sentence.
    text = ("ホーム\nニュース\nX\nfacebook\nLINE\nはてなブックマーク\n"
            "東京女子医大の新校舎建設工事を巡って、業務上横領の疑いで元理事長が逮捕された。"
            "捜査関係者によると、資金の流れを調べている。")
    found = _findings(text)
    assert any(c in {"navigation", "share_prompt", "chrome_line"} for _, ln, c in found if ln <= 5)


def test_a_ranked_list_in_full_width_digits_is_content() -> None:
    ranks = "\n".join(f"{chr(0xFF10 + i)}\n{name}" for i, name in enumerate(
        ["データセンター", "半導体", "金利上昇", "地方銀行", "人工知能", "電力会社"], start=1))
    text = (f"★人気テーマ・ベスト１０\n{ranks}\n"
            "みんかぶと株探が集計する「人気テーマランキング」で上位に入った。")
    found = _findings(text)
    assert not {c for _, ln, c in found if ln >= 2 and c == "navigation"}


def test_a_timetable_is_content_but_a_menu_is_not() -> None:
    schedule = ("Արագածատնի մարզի՝\n10:00-16:00 Կարբի գյուղ,\nԱրարատի մարզի՝\n"
                "11:00-12:30 Այգեստան գյուղ մասնակի,\n13:00-14:30 Ոստան գյուղ մասնակի,")
    menu = "Home\nNews\nSport\nWeather\nThe storm reached the coast on Monday, forecasters said."
    found = _findings(schedule, menu)
    assert not {c for r, _, c in found if r == 0 and c in {"chrome_line", "navigation"}}
    assert {ln for r, ln, c in found if r == 1 and c == "navigation"} == {1, 2, 3, 4}


STRIPPED = (
    "Активистам назначили ограничение свободы за акцию у здания Генпрокуратуры.\n"
    ", , .\n , \xa0— . « , , »,\xa0— .\n Telegram- SOTA, 23:00 5:00, \xa0— 22:00 6:00.\n"
    " - (), 12 70 10 16 ."
)


def test_letters_stripped_is_reported_and_its_remnants_are_no_chrome() -> None:
    prose = "He said , then left .\nThe council met on Monday, and voted."
    found = _findings(STRIPPED, prose)
    assert (0, 0, "letters_stripped") in found
    assert not {c for r, _, c in found if r == 1 and c == "letters_stripped"}
    assert not _codes_on(found, 0, 4) & {"byline_dateline", "navigation"}
    assert not _codes_on(found, 0, 5) & {"byline_dateline", "navigation"}
    # the cleaner deletes nothing of it (report only)
    assert "12 70 10 16" in clean(STRIPPED) and "23:00 5:00" in clean(STRIPPED)


def test_truncation_marker_is_reported_not_removed() -> None:
    cut = "The council met on Monday to discuss the future of the pool… [+2208 chars]"
    found = _findings(cut, "The pool has 25 [+] lanes and 2208 chars of text.")
    assert (0, 1, "truncation_marker") in found
    assert not {c for r, _, c in found if r == 1 and c == "truncation_marker"}
    assert clean(cut) == cut


def test_a_caption_credited_in_korean_brackets_is_a_media_credit() -> None:
    text = ("SK텔레콤은 유심 정보 유출 사고 이후 보안 대책을 발표했다. "
            "회사는 다음 달부터 시행한다고 밝혔다.\n"
            "▲SKT 매장 [자료:연합뉴스]\n"
            "가입자 수는 지난달 크게 줄었다. [자료: 통계청]")
    found = _findings(text)
    assert "media_credit" in _codes_on(found, 0, 2)
    assert "media_credit" not in _codes_on(found, 0, 3)  # a sentence naming its data source


def test_a_turkish_heading_in_capitals_matches_its_phrase() -> None:
    text = ("İzmir'de orman yangını çıktı. Ekipler bölgeye sevk edildi ve müdahale sürüyor.\n"
            "İLGİLİ HABERLER\nYangın söndürüldü mü?\nİzmir'de yeni gelişme")
    assert "read_more" in _codes_on(_findings(text), 0, 2)
