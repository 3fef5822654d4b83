"""Known failures of the tenth outside audit (audit27) fixed on branch prec28 (issue 15).

What each line IS: a piece of a sentence broken at an inline link, an advisory's event
field, an item of a bulleted list of clauses or of tips, a link in a numbered list, a
bracket a link split over lines, a page number of a paginated document, the page's own
headline repeated from its title line, a wire story's sign-off.
Each case has a control the rule must leave reported.
"""

from __future__ import annotations

import pytest
from _batch import Batch
from _chrome_helpers import REPEATED_PROSE as BODY
from _chrome_helpers import TIPS, chrome_batch

TAIL = "\nThe office will give more details at a press conference on Friday morning."

LINK_URL = (
    BODY + "Residents who want to file a complaint about a company, product, or service can\n"
    "dfs.ny.gov/complaint\nor call (800) 342-3736 to speak with an investigator." + TAIL
)
LINK_NAME = BODY + "Watch the San Diego Opioid Project's flagship video on\nYouTube\n." + TAIL
URL_ALONE = BODY + "For more information:\nwww.example.com/news/complaints" + TAIL
WHO = BODY + "WHO:\nState Attorney Jane Roe / Miami-Dade Sheriff John Doe\nWHAT:\nPress Conference"
VIA = BODY + "Location: Online, accessible via Twitter Spaces" + TAIL
CREDIT = BODY + "Protesters march in the capital on Sunday.\nAFP via Getty Images" + TAIL
LISTING = (
    BODY + "* Users can deposit DUEL for trading from 2024-01-31 12:00(UTC)\n"
    "* Withdrawals for DUEL opened at 2024-02-02 12:00 (UTC)" + TAIL
)
STAMP = "Storm hits the coast\nChris Davies - Nov 19, 2019, 10:31 pm CST\n" + BODY
SPLIT_BRACKET = (
    BODY + "Computer and Technology Crimes High Tech Task Force (\nCATCH\n)\n"
    "The task force investigates fraud committed with computers and phones." + TAIL
)
CUT_CAPTION = BODY + "Locals clean up a street in Walton, Liverpool (" + TAIL
PAGE = "She was attacked on her way home from work, and the witnesses said so.\n" * 12
PAGES = PAGE + "1\n" + PAGE + "2\n" + PAGE + "3\n" + PAGE + "4"
COUNTER = "A journalist received a USB drive in the mail.\n2\nVIEW GALLERY - 2 IMAGES\n" + BODY
HEADLINE = "COOK COUNTY STATE'S ATTORNEY EXPANDS PILOT PROGRAM FOR GUN POSSESSION CASES"
OWN_HEAD = (
    HEADLINE + " | Cook County State's Attorney\nSkip to main content\nPress Release\n"
    + HEADLINE + "\nApril 04, 2025\nFOR IMMEDIATE RELEASE:\nApril 4, 2025\nCONTACT\n" + BODY
)
OWN_HEAD_ALONE = OWN_HEAD.split("\n", 1)[1]
NUMBERED = (
    BODY + "The department offers these channels:\n3.Provincial employment offices\n"
    "4.Mobile Unit\n5.www.doe.go.th/Smartjob\n6.Smart Job Center Application" + TAIL
)
WIRE = BODY + "His only loss before Saturday came against Whittaker in 2020.(Reuters/NAN)"
CAPTION = BODY + "A man walks past the shop in the capital on Monday. (Joshua Roberts/Reuters)"
FOOTER = BODY + "• Sign up for our weekly newsletter to get the news.\n• Read our privacy policy"

CASES = (LINK_URL, LINK_NAME, URL_ALONE, WHO, VIA, CREDIT, LISTING, STAMP, SPLIT_BRACKET,
         CUT_CAPTION, PAGES, COUNTER, OWN_HEAD, OWN_HEAD_ALONE, TIPS, FOOTER,
         NUMBERED, WIRE, CAPTION)


@pytest.fixture(scope="module")
def table() -> Batch:
    return chrome_batch(*CASES)


def _line(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def _codes(table: Batch, text: str, start: str) -> set[str]:
    return table.found(text).get(_line(text, start), set())


@pytest.mark.parametrize(
    ("text", "start", "code"),
    [
        (LINK_URL, "dfs.ny.gov", "url_line"),
        (LINK_NAME, "YouTube", "share_prompt"),
        (WHO, "State Attorney", "media_credit"),
        (VIA, "Location:", "media_credit"),
        (LISTING, "* Users", "byline_dateline"),
        (LISTING, "* Withdrawals", "byline_dateline"),
        (SPLIT_BRACKET, "Computer and", "media_credit"),
        (TIPS, "• Sign up", "newsletter_prompt"),
        (NUMBERED, "5.www", "url_line"),
        (WIRE, "His only", "media_credit"),
    ],
)
def test_content_line_is_not_chrome(table: Batch, text: str, start: str, code: str) -> None:
    assert code not in _codes(table, text, start)


def test_the_title_line_repeated_is_the_own_headline(table: Batch) -> None:
    # Under the page's title line the headline is its own; without it, a teaser by shape.
    assert "read_more" not in table.found(OWN_HEAD).get(4, set())
    assert "read_more" in table.found(OWN_HEAD_ALONE).get(3, set())


@pytest.mark.parametrize(
    ("text", "start", "code"),
    [
        (URL_ALONE, "www.example.com", "url_line"),
        (CREDIT, "AFP via", "media_credit"),
        (STAMP, "Chris Davies", "byline_dateline"),
        (CUT_CAPTION, "Locals clean", "media_credit"),
        (COUNTER, "2", "social_counts"),
        (FOOTER, "• Sign up", "newsletter_prompt"),
        (CAPTION, "A man walks", "media_credit"),
    ],
)
def test_chrome_beside_it_is_still_reported(table: Batch, text: str, start: str, code: str) -> None:
    assert code in _codes(table, text, start)


def test_page_numbers_are_no_counters(table: Batch) -> None:
    lines = PAGES.split("\n")
    numbers = [i for i, line in enumerate(lines, 1) if line.isdigit()]
    assert len(numbers) == 4
    found = table.found(PAGES)
    assert not any("social_counts" in found.get(i, set()) for i in numbers)
