"""Other articles' teasers known by their furniture: a stamp under them, a rank, a kicker
(issue 15, recall26; :mod:`dq.signals.chrome_stamped`).

Each positive is a page written for this test (not copied from the dev pages): an
article's headline, its own stamp and body, then another article's headline right
above its own byline or date (``read_more``), in several languages; or a "most read"
box whose headlines sit between rank numbers. Each negative has part of the shape and
must stay unreported on that line: the article's own headline above its first stamp,
a live blog's entry headline under its stamp, a full sentence above a stamp, numbered
steps that do not count up.

All cases go through ONE ``detect()`` call (a module-scoped fixture): CI time is at its
limit.
"""

from __future__ import annotations

import pytest
from _batch import Batch
from _chrome_helpers import BODY

from dq.evaluate.chrome import chrome_codes

DE = ("Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke für Autos zu sperren.",
      "Die Anwohner rechnen nun mit längeren Wegen zur Schule und zur Arbeit, hieß es.")
ES = ("El ayuntamiento decidió el martes cerrar el viejo puente al tráfico de coches.",
      "Los vecinos calculan que tardarán veinte minutos más en llegar al colegio cada día.")


def _page(*lines: str) -> str:
    return "\n".join(lines)


#: name -> (page, 1-based line that read_more must report).
POSITIVE: dict[str, tuple[str, int]] = {
    "teaser_above_date_en": (_page(
        "Bridge closed to cars", "By Jane Doe", *BODY,
        "Rail services resume after the summer floods", "12 May 2024"), 6),
    "teaser_above_byline_de": (_page(
        "Brücke für Autos gesperrt", "Von Anna Schmidt", *DE,
        "Sandalen mit Holzsohle werden im Sommer überall zu sehen sein",
        "Von Marie Müller"), 5),
    "teaser_question_es": (_page(
        "El puente, cerrado", "Por Ana García", *ES,
        "¿Qué pasará con el tráfico del centro?", "12/05/2024"), 5),
    "kicker_of_teaser_de": (_page(
        "Brücke für Autos gesperrt", "Von Anna Schmidt", *DE,
        "Mode", "Sandalen mit Holzsohle werden im Sommer überall zu sehen sein",
        "Von Marie Müller"), 5),
    "ranked_box_en": (_page(
        "Bridge closed to cars", *BODY, "Most read", "1",
        "This zip code ranks as the most expensive in the country", "2",
        "Witness cheered for correcting two senators", "3"), 7),
}

#: name -> (page, 1-based line that read_more must NOT report).
NEGATIVE: dict[str, tuple[str, int]] = {
    # The article's own headline: above the first stamp of the page.
    "own_headline": (_page(
        "Cookie notice: we use cookies on this site to measure how it is read.",
        "You can change your choice at any time in the settings of this page.",
        "Bridge closed to cars after engineers found cracks", "12 May 2024", *BODY), 3),
    # A live blog: the entry's headline sits under its stamp.
    "live_entry": (_page(
        "Riots: live updates", "19:20 Sophie Bateman", "Tensions escalate in Plymouth",
        *BODY, "19:15 Sophie Bateman", "Locals blow bubbles at vigil for the victims",
        BODY[0]), 8),
    # A full sentence above a stamp is never chrome on context alone.
    "sentence_above_stamp": (_page(
        "Bridge closed to cars", "By Jane Doe", *BODY,
        "The mayor said the works would start again in the spring of next year.",
        "12 May 2024"), 6),
    # Numbered steps that do not count up by one are no ranking.
    "steps_not_ranked": (_page(
        "How to bake the cake", *BODY, "1", "Preheat the oven and butter the tin", "3",
        "Mix the flour"), 6),
}


@pytest.fixture(scope="module")
def pages() -> Batch:
    return Batch([p for p, _ in (*POSITIVE.values(), *NEGATIVE.values())],
                 codes=chrome_codes())


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_teaser_reported(name: str, pages: Batch) -> None:
    page, line = POSITIVE[name]
    assert "read_more" in pages.found(page).get(line, set()), pages.found(page)


@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_not_a_teaser(name: str, pages: Batch) -> None:
    page, line = NEGATIVE[name]
    assert "read_more" not in pages.found(page).get(line, set()), pages.found(page)
