"""Rules from the tenth outside audit (audit27, issue 15).

An advisory's event time is no comment stamp; a tip in a bulleted list is no prompt.
"""

from __future__ import annotations

import pytest
from _batch import Batch, CleanBatch
from _chrome_helpers import REPEATED_PROSE as BODY
from _chrome_helpers import TIPS, chrome_batch

ADVISORY = (
    "MEDIA ADVISORY\nWHO: The District Attorney and the Chief of Staff\n"
    "WHAT: Will attend the City Council meeting in support of a child safety zone in parks.\n"
    "WHEN: Monday, May 21, 2012, at 6:00 p.m.\nWHERE: City Hall Council Chambers, Santa Ana"
)
ADVISORY_UNDER_LABEL = (
    BODY + "WHEN:\nThursday, August 29, 2024 at 2:30 p.m.\nWHERE:\nThe office's press room, Miami"
)
INVITATION = (
    BODY + "* What: Special screening\n* When: Friday, May 31, 2025, at 4:00 PM\n* Where: Glendale"
)
COMMENTS = (
    BODY + "Jane says:\n10 February 2019 at 18:05\nGreat article, thanks for sharing it.\n"
    "Bob says:\n11 February 2019 at 09:12\nI disagree with most of it."
)


@pytest.fixture(scope="module")
def table() -> Batch:
    return chrome_batch(ADVISORY, ADVISORY_UNDER_LABEL, INVITATION, COMMENTS)


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


@pytest.mark.parametrize(
    ("text", "start"),
    [(ADVISORY, "WHEN:"), (ADVISORY_UNDER_LABEL, "Thursday"), (INVITATION, "* When:")],
)
def test_event_time_of_an_advisory_is_no_comment(table: Batch, text: str, start: str) -> None:
    assert "comment_block" not in table.found(text).get(_line_of(text, start), set())


def test_comment_stamps_still_open_a_comment_section(table: Batch) -> None:
    found = table.found(COMMENTS)
    assert "comment_block" in found.get(_line_of(COMMENTS, "10 February"), set())
    assert "comment_block" in found.get(_line_of(COMMENTS, "11 February"), set())


FOOTER = BODY + "Newsletter Sign-Up\nSign up to receive our newsletter.\nStay Connected"


@pytest.fixture(scope="module")
def cleaned() -> CleanBatch:
    return CleanBatch([TIPS, FOOTER])


def test_a_tip_in_a_bulleted_list_of_sentences_is_kept(cleaned: CleanBatch) -> None:
    assert "• Sign up for notifications or alerts" in cleaned[TIPS]


def test_the_sites_newsletter_prompt_is_still_deleted(cleaned: CleanBatch) -> None:
    assert "Sign up to receive our newsletter." not in cleaned[FOOTER]
