"""A press release's own "Label: value" lists are no teaser run (issue 15, tenth audit).

The tenth outside audit (``tests/data/audit/judgements_j.jsonl``) found
``read_more`` reporting a release's feature bullets ("* Smart Stack Widgets:
View heart rate bands ...") and a media advisory's event fields ("* Date:
...", "* Location: ...", "DIAL-IN: ...") as a run of "Kicker: Headline"
teasers. The negatives are those shapes, written for the test (products,
places and numbers invented) after the audit's records named in the comments;
the positive is a teaser run after the body, which must stay reported.
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


def article(lines: tuple[str, ...], *, last: bool = False) -> str:
    """The body, ``lines``, then (unless ``last``) a paragraph again."""
    return "\n".join((*BODY, *lines, *(() if last else (BODY[0],))))


@pytest.fixture(scope="module")
def table() -> Batch:
    """The teaser run and every release list, one record each, in one ``detect()`` call."""
    return Batch([article(TEASERS, last=True), *(article(run) for run in RELEASE_LISTS)],
                 codes=chrome_codes())


def test_teaser_run_after_the_body_stays_read_more_on_shape(table: Batch) -> None:
    evidence = table.evidence(article(TEASERS, last=True))
    for k in range(len(TEASERS)):
        assert evidence.get((len(BODY) + k + 1, "read_more")) == "shape", (k, evidence)


@pytest.mark.parametrize("run", RELEASE_LISTS, ids=lambda run: run[0][:24])
def test_release_lists_of_label_and_value_are_no_read_more(run: tuple[str, ...],
                                                           table: Batch) -> None:
    found = table.found(article(run))
    flagged = [run[k] for k in range(len(run)) if "read_more" in found.get(len(BODY) + k + 1, ())]
    assert flagged == [], found
