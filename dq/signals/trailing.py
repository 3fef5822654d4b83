"""A line of text whose last words are a link label ("... costuma...Leia mais").

Why a module of its own: ``read_more`` reports a teaser's lede cut short with
a "more" link (:func:`dq.signals.chrome_teasers.more_tail`), on phrase
evidence, and the cleaner deletes phrase findings whole. But the label is
only the line's *tail*: what stands before it is prose, and when that prose
is the record's own text (a feed or API description, "Pedro Raul subiu de
patamar na temporada passada. Foi vice-artilheiro ...Leia mais", issue 15,
audit24) deleting the line deletes two sentences of the article. The label
is a link; the prose is content. So:

- :func:`prose_before_link` (cleaner): a ``read_more`` line holding a full
  sentence's worth of words before its trailing label is never deleted
  whole; it stays reported (when in doubt, report, don't delete).
- :func:`opening_lede` (detector): such a line that *opens* the text is
  the record's own lede with a link to the rest of the article, not
  another story's teaser (a teaser sits under its own headline, lower down):
  ``read_more`` does not report it. The dev pages hold no trailing-label
  line at the top of a text (``read_more`` findings with >= 8 words before
  a trailing label, 2026-12-07: 71 lines, none the first non-blank line).
"""

from __future__ import annotations

import re
from typing import Final

import polars as pl

from dq.signals.frames import only

#: Link labels that close a truncated text, in the languages of dq's
#: phrase lists and the outside audits (lower case; matched
#: case-insensitively). The label must be the last words of the line, after
#: a word boundary; arrows or brackets may follow.
LINK_LABELS: Final = (
    "read more", "read the full story", "read the full article", "continue reading",
    "keep reading", "full story", "more", "weiterlesen", "weiter lesen", "mehr lesen", "mehr",
    "lire la suite", "lire plus", "en savoir plus", "leer más", "seguir leyendo",
    "sigue leyendo", "leia mais", "continue lendo", "saiba mais", "leggi tutto",
    "continua a leggere", "leggi di più", "lees meer", "lees verder", "les mer", "läs mer",
    "læs mere", "czytaj więcej", "czytaj dalej", "читать далее", "читать дальше",
    "подробнее", "devamını oku", "devamı", "baca selengkapnya", "selengkapnya", "xem thêm",
    "đọc thêm", "اقرأ المزيد", "ادامه مطلب", "और पढ़ें", "आगे पढ़ें", "अधिक पढ़ें",
    "पुढे वाचा", "थप पढ्नुहोस्",
)
#: Words before the label from which the line holds prose of its own: a full
#: sentence's worth (:data:`dq.clean._deletion.FULL_SENTENCE_WORDS`, the
#: value :data:`dq.clean._keep.PROSE_BEFORE_FOOTER_WORDS` uses for text before
#: a footer). A bare link is one to three words ("Read more", "Leia mais").
PROSE_BEFORE_LINK_WORDS: Final = 8
#: Codes whose finding claims a whole line on a trailing link label.
LINK_CODES: Final = ("read_more",)

_LABEL = "|".join(re.escape(x) for x in sorted(LINK_LABELS, key=len, reverse=True))
#: The text before a trailing label (group 1): the separators between them
#: (white space, an ellipsis, a dash, a bar, a colon) are not counted.
BEFORE_LINK: Final = (
    r"(?is)^(.*?)[\s.…:|\-–—]*\b(?:" + _LABEL + r")[\s»›→>\]\)\.…]*$"
)


def words_before_link(line: str) -> int:
    """Words of ``line`` before its trailing link label (0 when it has none).

    >>> words_before_link("Pedro Raul subiu de patamar na temporada passada. Foi "
    ...                   "vice-artilheiro do Brasileiro em ano de Copa...Leia mais")
    16
    >>> words_before_link("Read more"), words_before_link("Expect rain. Read More »")
    (0, 2)
    >>> words_before_link("Wir wollten immer mehr vom Leben haben.")
    0
    """
    m = re.match(BEFORE_LINK, line.strip())
    return len(m.group(1).split()) if m else 0


def words_before_link_expr(line: pl.Expr) -> pl.Expr:
    """:func:`words_before_link` as a Polars expression.

    >>> df = pl.DataFrame({"s": ["Zuletzt hieß es oft, sie sei völlig überfordert gewesen. mehr",
    ...                          "Weiterlesen", "Ein ganzer Satz ohne Link am Ende.", None]})
    >>> df.select(words_before_link_expr(pl.col("s"))).to_series().to_list()
    [9, 0, 0, 0]
    """
    before = line.str.strip_chars().str.extract(BEFORE_LINK, 1)
    return before.str.count_matches(r"\S+").fill_null(0).cast(pl.UInt32)


def prose_before_link(line: pl.Expr, code: pl.Expr) -> pl.Expr:
    """A :data:`LINK_CODES` finding on a line with :data:`PROSE_BEFORE_LINK_WORDS`
    words or more before its trailing link label: the line is more than its
    link, and the cleaner keeps it (the finding stays reported).

    >>> df = pl.DataFrame({
    ...     "s": ["A Cantora e a banda retornam ao carnaval de rua no Rio. A parceria "
    ...           "assume mais uma vez a missão...Leia mais", "Leia mais",
    ...           "Expect to see these shades. Read More",
    ...           "A Cantora e a banda retornam ao carnaval de rua no Rio...Leia mais"],
    ...     "code": ["read_more", "read_more", "read_more", "share_prompt"]})
    >>> df.select(prose_before_link(pl.col("s"), pl.col("code"))).to_series().to_list()
    [True, False, False, False]
    """
    words = words_before_link_expr(line)
    return code.is_in(list(LINK_CODES)) & (words >= PROSE_BEFORE_LINK_WORDS)


def opening_lede(candidate: pl.Expr, s: pl.Expr, idx: pl.Expr) -> pl.Expr:
    """A ``candidate`` line that opens the text (``idx == 0``): prose with a trailing link label.

    Over the lines frame (``s``: the stripped line, ``idx``: its place among
    the record's non-blank lines); the label is searched on the candidate
    lines of the first row only, so the cost is nil elsewhere. Argued from the
    line's place: a teaser of another story sits under that story's headline,
    inside a list of them; the line that opens a record is the record's own
    lede.

    >>> df = pl.DataFrame({"s": ["Domitila e Gustavo estão no paredão da semana. Os brothers "
    ...                          "disputam a preferência do público...Leia mais",
    ...                          "Domitila e Gustavo estão no paredão da semana. Os brothers "
    ...                          "disputam a preferência do público...Leia mais", "Leia mais"],
    ...                    "idx": [0, 3, 0], "c": [True, True, True]})
    >>> df.select(opening_lede(pl.col("c"), pl.col("s"), pl.col("idx"))).to_series().to_list()
    [True, False, False]
    """
    first = candidate.fill_null(False) & (idx == 0)
    words = only(first, words_before_link_expr(s.filter(first)), pl.UInt32)
    return first & (words.fill_null(0) >= PROSE_BEFORE_LINK_WORDS)
