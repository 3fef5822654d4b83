"""The cleaner keeps reported lines that are content (issue 15 item 2; outside audit audit25).

audit25 found ``dq clean`` deleting 59 content lines in 4 records: 56 share
counts of a stock-exchange filing's tables (``navigation``, read as a pager),
a wrapped line of a notice's first sentence (``byline_dateline``), a Thai
line closing with the acronym of the Australian Federal Police
(``media_credit``), a numbered list item that is a URL (``url_line``). The
findings may stay in the scan report; the lines must not be deleted.

Two frames, one call each: :func:`plan_edits` over hand-made findings (the
rules of :mod:`dq.clean._keep`, whatever the detectors say today), and one
:func:`clean_frame` over verbatim excerpts of the audit's records (public
filings, espi.gpw.pl; thaigov.go.th news, public domain) with chrome controls
in other languages, so the rules are checked as argued, not as tuned.
"""

from __future__ import annotations

import polars as pl
import pytest

from dq.clean import clean_frame
from dq.clean._edits import plan_edits
from dq.signals.context import DetectContext

BODY = "Der Rat stimmte am Montag über den Haushalt für das kommende Jahr ab."

# (text, reported line, code, deleted?) for plan_edits: each case one record.
PLANNED: dict[str, tuple[str, int, str, bool]] = {
    # a table row of figures that is no pager: kept
    "row": ("Anzahl der Aktien\n1 622 812\nAnteil in %\n41,58", 2, "navigation", False),
    "row2": ("Stimmrechte\n35 235 35 235\nAnteil\n49,4", 2, "navigation", False),
    # a pager, a page counter, a player's speed: deleted
    "pager": (BODY + "\n1 2 3 … 10", 2, "navigation", True),
    "counter": (BODY + "\n20 / 20", 2, "navigation", True),
    "speed": ("Titel\n1.0x\n" + BODY, 2, "navigation", True),
    # a clause wrapped onto the next line, read as a byline: kept
    "wrapped": ("The board refers to its notice announcing the offer made\n"
                "by Harbour Bank to holders of its outstanding notes to sell them\n"
                "at a price the board has approved.", 2, "byline_dateline", False),
    # a byline under a headline, or under a time stamp: deleted
    "byline": ("Council votes on the budget\nby Jane Smith and John Doe for the Post\n"
               + BODY, 2, "byline_dateline", True),
    "stamp": ("torsdag 09. mai 2024 - 20:24\ni Sammendraget er laget av ChatGPT og "
              "godkjent av Dagbladet. Lukk\n" + BODY, 2, "byline_dateline", True),
    # an agency's acronym closing a line inside a sentence: kept
    "agency": ("Les enquêteurs ont travaillé avec\nles agents de la police fédérale "
               "australienne depuis le mois de mars (AFP)\net le procès reprendra "
               "vendredi.", 2, "media_credit", False),
    # a caption closed by its credit after the sentence above ended: deleted
    "caption": (BODY + "\nPolizisten stehen am Montag vor dem Gericht in der Hauptstadt "
                "Canberra (AFP)\n" + BODY, 2, "media_credit", True),
    # a link as an item of a numbered list: kept; a bare link line: deleted
    "item": ("So bewerben Sie sich:\n1.Im Jobcenter\n2.www.example.de/jobs\n3.Per Telefon",
             3, "url_line", False),
    "link": (BODY + "\nwww.example.de/kontakt\n" + BODY, 2, "url_line", True),
}


@pytest.fixture(scope="module")
def planned() -> pl.DataFrame:
    ids = list(PLANNED)
    texts = pl.DataFrame({"rid": list(range(len(ids))), "text": [PLANNED[i][0] for i in ids]},
                         schema={"rid": pl.UInt32, "text": pl.String})
    rows = []
    for rid, key in enumerate(ids):
        text, line, code, _ = PLANNED[key]
        start = sum(len(x) + 1 for x in text.split("\n")[: line - 1])
        end = start + len(text.split("\n")[line - 1])
        rows.append((rid, line, start, end, code, None, "phrase"))
    found = pl.DataFrame(rows, orient="row", schema={
        "rid": pl.UInt32, "line": pl.Int64, "start": pl.Int64, "end": pl.Int64,
        "code": pl.String, "fix": pl.String, "evidence": pl.String})
    return plan_edits(texts, found).with_columns(
        pl.col("rid").map_elements(lambda r: ids[r], return_dtype=pl.String).alias("key"))


@pytest.mark.parametrize("key", list(PLANNED))
def test_a_reported_line_is_deleted_only_when_it_is_not_content(
    planned: pl.DataFrame, key: str
) -> None:
    _, line, code, deleted = PLANNED[key]
    hit = planned.filter((pl.col("key") == key) & (pl.col("line") == line))
    assert (hit.height == 1 and hit["code"][0] == code) is deleted


# Verbatim excerpts of the audit25 records whose content lines main deleted.
AUDIT = {
    "gpw_08": "Liczba akcji na okaziciela i/lub imiennych\nnieuprzywilejowanych do głosu\n"
              "1 622 812\nLiczba akcji imiennych uprzywilejowanych do głosu\n1 221 704\n"
              "Liczba akcji razem\n2 844 516\n% udział w kapitale zakładowym\n41,58\n"
              "Liczba głosów\n4 066 220\n% udział w liczbie głosów\n49,449",
    "gpw_01": "OTHER RELEVANT INFORMATION\nFurther to our notice of inside information on "
              "7 May 2024 (registered under number 2235) announcing the invitation\nby "
              "Santander to holders of its outstanding €1,500,000,000 4.75 per cent. "
              "Non-Step-Up Non-Cumulative Contingent\nConvertible Perpetual Preferred Tier 1 "
              "Securities (ISIN: XS1793250041) (the \"Preferred Securities\") to tender their",
    "th_194": "ซึ่งเป็นหน่วยงานกลางของออสเตรเลียด้านการตรวจพิสูจน์สินค้าและวัตถุหลายประเภทรวมทั้งยาเสพติด\n"
              "โดยมีความร่วมมืออย่างใกล้ชิดกับสำนักงานตำรวจสหพันธ์ออสเตรเลีย (AFP)\n"
              "ในการจัดทำระบบตรวจพิสูจน์คุณลักษณะยาเสพติด ซึ่งไทยและออสเตรเลีย",
    "th_190": "1.ศูนย์บริการจัดหางานเพื่อคนไทย (Smart Job Center)\n"
              "2.สำนักงานจัดหางานกรุงเทพมหานครพื้นที่ 1 -10\n3.สำนักงานจัดหางานจังหวัดทุกจังหวัดทั่วประเทศ\n"
              "4.รถบริการจัดหางานเคลื่อนที่ (Mobile Unit)\n5.www.doe.go.th/Smartjob\n"
              "6.Smart Job Center Application By Smartphone",
}
KEPT = {"gpw_08": ["1 622 812", "1 221 704", "2 844 516", "4 066 220"],
        "gpw_01": ["by Santander to holders of its outstanding"],
        "th_194": ["สำนักงานตำรวจสหพันธ์ออสเตรเลีย (AFP)"],
        "th_190": ["www.doe.go.th/Smartjob"]}
# Chrome the same rules must still let go (other languages than the audit's).
CHROME = {
    "pager_es": (BODY + "\n1 2 3 4 5 6", "1 2 3 4 5 6"),
    "counter_pl": ("% udział w liczbie głosów\n94,047\n20 / 20", "20 / 20"),
    "byline_en": ("Council votes on the budget\nBy Jane Smith\n" + BODY, "By Jane Smith"),
}


@pytest.fixture(scope="module")
def cleaned() -> dict[str, str]:
    texts = {**AUDIT, **{k: v[0] for k, v in CHROME.items()}}
    out = clean_frame(pl.DataFrame({"id": list(texts), "text": list(texts.values())}),
                      ctx=DetectContext()).articles
    return dict(zip(out["id"].to_list(), out["text"].to_list(), strict=True))


@pytest.mark.parametrize("rid", list(KEPT))
def test_the_audit25_content_lines_are_kept(cleaned: dict[str, str], rid: str) -> None:
    for piece in KEPT[rid]:
        assert piece in cleaned[rid], (rid, piece)


@pytest.mark.parametrize("rid", list(CHROME))
def test_chrome_of_the_same_shapes_is_still_deleted(cleaned: dict[str, str], rid: str) -> None:
    assert CHROME[rid][1] not in cleaned[rid]
