"""A line of prose whose last words are a read-more link (issue 15, audit24 class 1).

The link is the line's tail; the prose before it is content. ``read_more`` does
not report the record's own lede that opens the text, and ``dq.clean`` never
deletes a reported line that holds a full sentence's worth of words before the
label, in any language of :data:`dq.signals.trailing.LINK_LABELS`.
"""

from __future__ import annotations

import pytest
from _batch import Batch, CleanBatch

from dq.clean import clean
from dq.schema import ARTICLE_SCHEMA
from dq.signals._demo import article_flags
from dq.signals.chrome_blocks import read_more
from dq.signals.trailing import PROSE_BEFORE_LINK_WORDS, words_before_link

# Synthetic ledes (not the audit's strings): two sentences, then a link label.
LEDES = [
    "The council voted on Monday to close the pool for the winter. Residents said they "
    "would appeal the decision at the next...Read more",
    "Der Stadtrat hat am Montag beschlossen, das Bad im Winter zu schließen. Die Anwohner "
    "wollen dagegen vorgehen... Weiterlesen",
    "Le conseil a voté lundi la fermeture de la piscine pour l'hiver. Les habitants "
    "comptent faire appel de la décision... Lire la suite",
    "El concejo votó el lunes cerrar la piscina durante el invierno. Los vecinos dicen "
    "que recurrirán la decisión... Leer más",
    "A câmara votou na segunda-feira o fecho da piscina durante o inverno. Os moradores "
    "vão recorrer da decisão na próxima...Leia mais",
    "The council voted on Monday to close the pool for the winter. Residents said they "
    "would appeal — Continue reading »",
]
SECOND = "The pool has been open every winter since it was built in 1974, the council said."


def opening(lede: str) -> str:
    return f"{lede}\n{SECOND}"


def no_spaces(text: str) -> str:
    """``text`` without its spaces: what is left when a repair only adds or drops spaces."""
    return text.replace(" ", "")


def teaser(lede: str) -> str:
    """Another story's teaser: under its own headline, below the article."""
    return f"{SECOND}\nRelated stories\nPool to close for the winter\n{lede}"


@pytest.fixture(scope="module")
def cleaned() -> CleanBatch:
    """``clean(text)`` of every lede as the opening and as a teaser, one ``clean_frame()``."""
    return CleanBatch([*map(opening, LEDES), *map(teaser, LEDES)])


@pytest.fixture(scope="module")
def reported() -> Batch:
    """Every code on each opening lede (a record in the article schema), one ``detect()``."""
    return Batch(map(opening, LEDES), columns=ARTICLE_SCHEMA)


@pytest.mark.parametrize("lede", LEDES)
def test_a_lede_with_a_link_tail_is_never_deleted(lede: str, cleaned: CleanBatch) -> None:
    assert words_before_link(lede) >= PROSE_BEFORE_LINK_WORDS
    text = opening(lede)
    # nothing deleted: only a spacing repair may touch the line ("next...Read more" gets
    # the space after its ellipsis, glued25), so compare the characters, not the spacing
    assert no_spaces(cleaned[text]) == no_spaces(text)


@pytest.mark.parametrize("lede", LEDES)
def test_the_opening_lede_is_not_reported_as_read_more(lede: str, reported: Batch) -> None:
    assert "read_more" not in reported.found(opening(lede)).get(1, set())


@pytest.mark.parametrize("lede", LEDES)
def test_a_teaser_under_its_headline_is_still_reported_but_kept(
    lede: str, cleaned: CleanBatch
) -> None:
    text = teaser(lede)
    flags = article_flags(read_more(), text)
    assert flags[3], "a teaser of another story stays reported"
    assert no_spaces(lede) in no_spaces(cleaned[text]), cleaned.steps(text)


def test_a_bare_link_line_is_still_deleted() -> None:
    text = f"{SECOND}\n{SECOND.replace('1974', '1975')}\nRead more"
    assert "Read more" not in clean(text)


def test_a_short_teaser_tail_is_still_deleted() -> None:
    # Fewer words before the label than a sentence: a teaser, not prose of its own.
    assert words_before_link("Plague fears grow... Read more") < PROSE_BEFORE_LINK_WORDS
