"""A press release's own "Label: value" lists are no teaser run (issue 15, tenth audit).

The tenth outside audit (``tests/data/audit/judgements_j.jsonl``) found
``read_more`` reporting a release's feature bullets ("* Smart Stack Widgets:
View heart rate bands ...") and a media advisory's event fields ("* Date:
...", "* Location: ...", "DIAL-IN: ...") as a run of "Kicker: Headline"
teasers. The negatives are those shapes, written for the test (products,
places and numbers invented) after the audit's records named in the comments;
the positive is a teaser run after the body, which must stay reported.
It also found the page's own headline, hard-wrapped over lines under the
menu or a contact block and right above the body, read as a run of teaser
headlines (:mod:`dq.signals.chrome_ownhead`).
"""

from __future__ import annotations

import pytest
from _batch import Batch

from dq.evaluate.chrome import chrome_codes

BODY = (
    "The company said on Tuesday that the new version would reach customers in the spring.",
    "Analysts expect the launch to lift sales in the second half of the year, the report said.",
)

#: The lines judged as the teaser run or the list, and the text around them.
TEASERS = (
    "- Demenz: Ab wann Gedächtnislücken besorgniserregend sind",
    "- Länger leben: Häufige Fehler beim Atmen – Was dagegen hilft",
    "- Grillen: Veggie-Wurst und Co. deutlich teurer als Fleisch",
)

RELEASE_LISTS = [
    # outside (auditj_0285): feature bullets under the sentence that introduces them.
    ("The new watch app introduces several powerful capabilities:",
     "* Stress Monitoring: Track your heart rate with alerts when stress levels rise",
     "* Heart Rate Bands: Gain a window into how your nervous system spends the day",
     "* Smart Widgets: View heart rate bands and live stats at a glance",
     "* Daily Streaks: Track your consistency and improvement over time",
     "* Language Support: Available in 30 languages, making the app useful worldwide"),
    # outside (auditj_0289): the same list's items above and below (no kicker: commas).
    ("* Durability: Withstands impact, abrasion, and vehicle weight",
     "* Waterproof Base: A moisture barrier and topcoat protect against humidity",
     "* Safe Materials: Low-odour and environmentally responsible components",
     "* Heat Resilient: Class A flame rating with stability up to 120°F",
     "* Installation: Single-day application, one-day curing time, and a warranty"),
    # outside (auditj_0288): a media advisory's event fields.
    ("Event Details:",
     "* Date: Thursday, March 26, 2026",
     "* Time: 4:00 – 6:00 PM",
     "* Location: Lobby of the Grand Hotel, Lima, Peru",
     "* Schedule Your Appointment: +1 (305) 555-0100"),
]


#: Teasers of other releases after the body, a date between them (auditj_0276).
DATED_TEASERS = (
    "Sep 26, 2025", "Man Accused of Murder Dies During Court Appearance",
    "Aug 15, 2025", "Man Charged with Murder Successfully Extradited to Houston",
    "Aug 12, 2025", "Jury Convicts Man in Fatal Shooting at Apartment Complex", "Aug 1, 2025",
)

#: A table of figures under its heading and period, after the body (auditj_0274).
TABLE = ("Felony Retail Theft", "December 2024 - February 2025", "Charges Approved", "857", "86%")
#: The release with its own headline and date stamp above the body, then the table.
TABLE_TEXT = "\n".join(("Day One Priorities by the Numbers", "June 05, 2025", *BODY, *TABLE))

PARA = ("The man was arraigned today on a murder charge in connection with the stabbing, "
        "the district attorney said.")

#: A page's own headline set over lines: (text, its headline lines).
OWN_HEADLINES = [
    # outside (auditj_0295, auditj_0277): under the menu and a date, with a subtitle.
    ("Home\nGet Help\nReport a Crime\nContact Us\nFOR IMMEDIATE RELEASE\n"
     "Friday, November 19, 2021\n"
     "Fugitive Arraigned for Cold Case 1996 Murder After\n"
     "Extradition from the Dominican Republic\n"
     "Allegedly Stabbed Victim on Main Street After Argument and Fled the Country\n"
     + PARA + "\n" + PARA, (7, 8, 9)),
    # outside (auditj_0275): under a contact block, the body hard-wrapped below.
    ("December 30, 2025 Contact: Jane Doe\nCounty District Attorney’s Office\n"
     "214-555-0100 (Office)\njane.doe@example.org\n"
     "For Immediate Release: Court Unanimously Affirms Temporary Injunction Blocking\n"
     "Enforcement of the State’s Prosecutor Reporting Rules, Citing\n"
     "Violation of State Law\n"
     "(DALLAS) – On December 30, 2025, the Fifteenth Court of Appeals unanimously\n"
     "upheld the temporary injunction issued in the lawsuit brought by the district\n"
     "attorney and the county, among others, against the new rules.", (5, 6, 7)),
]


def article(lines: tuple[str, ...], *, last: bool = False) -> str:
    """The body, ``lines``, then (unless ``last``) a paragraph again."""
    return "\n".join((*BODY, *lines, *(() if last else (BODY[0],))))


@pytest.fixture(scope="module")
def table() -> Batch:
    """The teaser run and every release list, one record each, in one ``detect()`` call."""
    return Batch([article(TEASERS, last=True), *(article(run) for run in RELEASE_LISTS),
                  *(text for text, _ in OWN_HEADLINES), article(DATED_TEASERS, last=True),
                  TABLE_TEXT],
                 codes=chrome_codes())


def test_teaser_run_after_the_body_stays_read_more_on_shape(table: Batch) -> None:
    evidence = table.evidence(article(TEASERS, last=True))
    for k in range(len(TEASERS)):
        assert evidence.get((len(BODY) + k + 1, "read_more")) == "shape", (k, evidence)


def test_dated_teasers_after_the_body_stay_read_more(table: Batch) -> None:
    found = table.found(article(DATED_TEASERS, last=True))
    heads = [len(BODY) + k + 1 for k in (1, 3, 5)]
    assert all("read_more" in found.get(k, ()) for k in heads), found


@pytest.mark.parametrize("run", RELEASE_LISTS, ids=lambda run: run[0][:24])
def test_release_lists_of_label_and_value_are_no_read_more(run: tuple[str, ...],
                                                           table: Batch) -> None:
    found = table.found(article(run))
    flagged = [run[k] for k in range(len(run)) if "read_more" in found.get(len(BODY) + k + 1, ())]
    assert flagged == [], found


@pytest.mark.parametrize(("text", "head"), OWN_HEADLINES, ids=["under_date", "under_contact"])
def test_own_headline_set_over_lines_above_the_body_is_no_read_more(
        text: str, head: tuple[int, ...], table: Batch) -> None:
    found = table.found(text)
    assert [k for k in head if "read_more" in found.get(k, ())] == [], found


def test_heading_over_the_period_of_a_table_is_no_stamped_teaser(table: Batch) -> None:
    found = table.found(TABLE_TEXT)
    assert "read_more" not in found.get(len(BODY) + 3, ()), found
