"""Lines of a table or a CV that look like a menu: data, not chrome (issue 15, audit25).

The eighth outside audit (``tests/data/audit/judgements_h.jsonl``) read PDF
text of stock-exchange filings: shareholding tables set one cell row per
line ("35 235 35 235", "Liczba akcji razem") and a board candidate's CV
("V 2012 – V 2017 Open Finance ..." / "Prezes Zarządu"). dq read the rows of
figures as a pager and the CV's short lines as a menu. Two shapes tell them
apart, from the line alone, in any language:

- :func:`pager_order`: a pager counts up ("1 2 3 4 5", "2 3 4 10"); a row
  of figures does not ("35 235 35 235": 235 then 35), and a thousands group
  starts with a zero ("1 006 761"), which no page number does;
- :func:`year_span`: a line that opens with a span of years ("V 2012 –
  V 2017 ...", "2019-2021 ...") is an entry of a CV or a timeline; menus
  and related-story lists do not date their entries from-to; a run holding
  a registry code ("25940027E22V5YV7CL54", an LEI) is a form's fields
  (:func:`form_run` joins both);
- :func:`twin_row`: a line that is one cell twice is a two-column row;
- :func:`date_table`: bare dates under a header naming two date fields
  ("Data przekazania powiadomienia Data zdarzenia" / "2024-5-7 2024-4-29"),
  or two bare dates side by side, are a table's cells: a stamp gives the
  page one date;
- :func:`wrapped_line`: a line opening in lower case under a long line
  broken off mid-sentence goes on with that sentence (PDF text wraps a
  paragraph at the page's width): "... announcing the invitation" / "by
  Santander to holders of ..." is no byline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import polars as pl

from dq.signals.chrome_shape import (
    LOW,
    WORDS,
    S,
    blank_outside,
    f,
    flag,
    matches,
    nxt,
    prev,
    run_sum,
)

#: A pager line: three or more numbers of one to three digits, nothing else
#: (chrome_blocks' pager shape, unchanged since the phrase list of issue 15).
PAGER_SHAPE: Final = r"^(?:[0-9]{1,3}\s+){2,}[0-9]{1,3}$"

#: A span of years at the start of the line, an optional month (Roman or
#: numeric) before each year, ended by a year or "now" ("obecnie", "present",
#: "heute"...: written out, any language; the dash is the span). From the
#: audit25 CV lines ("II 2023 – obecnie AgioFunds ...", "IX 1998 - VI 1999 PBK").
YEAR_SPAN: Final = (
    r"^(?:(?:[IVX]{1,4}|[0-9]{1,2})[./ ]\s*)?(?:19|20)[0-9]{2}\s*[–—-]\s*"
    r"(?:(?:(?:[IVX]{1,4}|[0-9]{1,2})[./ ]\s*)?(?:19|20)[0-9]{2}\b|\p{L})"
)

#: Lines opening with a span of years that make a run a CV or timeline: two
#: (one dated line may be a headline; the audit25 CV runs have 3 to 10).
TIMELINE_SPANS: Final = 2


#: A registry code on its own line: 12 or more capitals and digits, at least
#: CODE_DIGITS digits and CODE_LETTERS capitals (an LEI, an ISIN: "XS1793250041").
#: No line of the dev pages (../shared/eval/dev, all three files, 2026-12-07)
#: has this shape.
REGISTRY_CODE: Final = r"^[A-Z0-9]{12,}$"
CODE_DIGITS: Final = 4
CODE_LETTERS: Final = 2


def pager_order(core: pl.Expr) -> pl.Expr:
    """The line has a pager's shape and counts up: each number above the one before.

    >>> from dq.signals._demo import flags
    >>> flags(pager_order(pl.col("s")), ["1 2 3 4 5", "2 3 4 10", "35 235 35 235",
    ...                                  "1 006 761 1 006 761", "100 000 100 000", "Page 2"])
    [True, True, False, False, False, False]
    """
    shape = flag(core.str.contains(PAGER_SHAPE))
    nums = blank_outside(shape, core).str.extract_all(r"[0-9]+")
    # A leading zero is a thousands group ("006"), not a page.
    zero = nums.list.eval(pl.element().str.starts_with("0")).list.any()
    steps = nums.list.eval(pl.element().cast(pl.Int64).diff().drop_nulls()).list.min()
    return shape & flag(~zero) & flag(steps > 0)


def year_span() -> pl.Expr:
    """The line opens with a span of years: an entry of a CV or a timeline.

    >>> from dq.signals._demo import flags
    >>> flags(year_span(), ["V 2012 – V 2017 Open Finance TFI", "II 2023 – obecnie iMercado",
    ...                     "2019-2021 Head of sales", "Prezes Zarządu", "2024 Election results"])
    [True, True, True, False, False]
    """
    return matches(S.str.contains(r"(?:19|20)[0-9]{2}\s*[–—-]"), S, YEAR_SPAN)


#: Longest twin line looked at (characters): the audit25 header rows are at
#: most 100 ("Liczba akcji imiennych uprzywilejowanych do głosu" twice).
TWIN_CHARS: Final = 240

#: Lines from a twin row to a twin row of figures in the same table: 2 (the
#: audit25 header rows sit one or two lines above or below their figures).
TWIN_REACH: Final = 2


def twin_row() -> pl.Expr:
    """The line is one cell written twice: a table row of two columns ("before" / "after").

    A filing's table set in PDF text gives each row both columns on one line:
    "Liczba głosów Liczba głosów", "0 0", "37 485 37 485". Link text is
    doubled too (a button's label and its title), so a twin of words needs
    a twin of figures near it.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(twin_row(), "Liczba głosów Liczba głosów\\n0 0\\n"
    ...               "% udział w liczbie głosów % udział w liczbie głosów\\nSzczegóły")
    [True, True, True, False]
    >>> article_flags(twin_row(), "Link kopieren Link kopieren\\nBora Bora\\nHome")
    [False, False, False]
    """
    n = S.str.len_chars()
    half = n // 2
    short = (n % 2 == 1) & (n <= TWIN_CHARS) & (n >= 3)
    rows = pl.when(short).then(S)
    left = rows.str.slice(0, half)
    twin = flag((rows.str.slice(half, 1) == " ") & (left == rows.str.slice(half + 1)))
    figures = twin & flag(left.str.contains(r"^[0-9][0-9 ,.%]*$"))
    # Doubled link text is chrome ("Link kopieren Link kopieren", a teaser's
    # headline twice, dev pages 2026-12-07): a twin is a row of a table when
    # a twin row of figures is within TWIN_REACH lines.
    near = figures
    for k in range(1, TWIN_REACH + 1):
        near = near | flag(prev(figures, k)) | flag(nxt(figures, k))
    return twin & near


#: A numeric date ("2024-5-7", "07.05.2024", "5/7/2024").
NUM_DATE: Final = r"[0-9]{1,4}[-./][0-9]{1,2}[-./][0-9]{1,4}"

#: A header naming two date fields: the word for "date" opens the line and
#: comes again ("Data przekazania powiadomienia Data zdarzenia"; the words
#: of chrome_stamps' field dates: date, datum, data, fecha, dato).
DATE_FIELDS: Final = r"^(?:date|datum|data|fecha|dato)\s.*\s(?:date|datum|data|fecha|dato)\s"


def date_table() -> pl.Expr:
    """A dated line that is a cell row of a table of dates, not the page's stamp.

    >>> from dq.signals._demo import article_flags, flags
    >>> flags(date_table(), ["2024-5-7 2024-4-29", "2024-5-7", "7 May 2024"])
    [True, False, False]
    >>> article_flags(date_table(), "Data rozliczenia transakcji Data powzięcia informacji\\n"
    ...               "2024-4-29\\nRodzaj zdarzenia")
    [False, True, False]
    >>> article_flags(date_table(), "Date published\\n2024-4-29\\nThe storm reached the coast.")
    [False, False, False]
    """
    dated = f("dated")
    pair = matches(dated, S, rf"^{NUM_DATE}\s+{NUM_DATE}$")
    head = matches(LOW.str.contains(r"^(?:dat|fecha)"), LOW, DATE_FIELDS)
    return pair | (dated & flag(prev(head)))


#: Fewest words of a line broken off mid-sentence: 15. A headline over a
#: byline ("... in the city" / "by Jane Doe") is shorter; the audit25 line
#: above "by Santander ..." has 18 words.
WRAP_WORDS: Final = 15

#: Fewest words of the wrapped line itself: 8 (the audit25 line has 14; the
#: dev pages' lower-case stamps under a long line have 4 and 6, 2026-12-07).
WRAP_NEXT_WORDS: Final = 8


def wrapped_line() -> pl.Expr:
    """The line opens in lower case under a long line that ends in a lower-case word.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(wrapped_line(), "Further to our notice of inside information on 7 May "
    ...     "2024 (registered under number 2235) announcing the invitation\\n"
    ...     "by Santander to holders of its outstanding securities")
    [False, True]
    >>> article_flags(wrapped_line(), "Storm hits the coast\\nby Jane Doe")
    [False, False]
    >>> article_flags(wrapped_line(), "We asked readers what they thought about the plan and "
    ...     "most of them said that they liked it a lot\\ntorsdag 09. mai 2024 - 13:26")
    [False, False]
    """
    above = matches(WORDS >= WRAP_WORDS, S, r"\p{Ll}$")
    # The wrapped line runs to the page's width too: a stamp under a long
    # line ("torsdag 09. mai 2024 - 13:26", "user vor 2 Stunden") is short.
    going_on = (WORDS >= WRAP_NEXT_WORDS) & S.str.contains(r"^\p{Ll}")
    return flag(prev(above)) & flag(going_on)


def outside_wrapped(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal, except on a :func:`wrapped_line` (for a byline signal).

    >>> from dq.signals._demo import flags
    >>> flags(outside_wrapped(lambda: pl.lit(True))(), ["by Jane Doe"])
    [True]
    """

    def expr() -> pl.Expr:
        return build() & ~wrapped_line()

    expr.__doc__ = build.__doc__
    return expr


def registry_code() -> pl.Expr:
    """The line is only a registry code of capitals and digits ("25940027E22V5YV7CL54").

    >>> from dq.signals._demo import flags
    >>> flags(registry_code(), ["25940027E22V5YV7CL54", "XS1793250041", "COVID19", "LEI"])
    [True, True, False, False]
    """
    code = flag(S.str.contains(REGISTRY_CODE))
    rows = blank_outside(code, S)
    digits = rows.str.count_matches(r"[0-9]") >= CODE_DIGITS
    return code & flag(digits & (rows.str.count_matches(r"[A-Z]") >= CODE_LETTERS))


def form_run(first: pl.Expr, last: pl.Expr) -> pl.Expr:
    """A run (``first`` .. ``last``) that is a CV, a timeline or a form, not a menu.

    Two of its lines open with a span of years (:func:`year_span`), or one
    is a registry code (:func:`registry_code`).
    """
    spans = run_sum(year_span().cast(pl.Int32), first, last) >= TIMELINE_SPANS
    return spans | (run_sum(registry_code().cast(pl.Int32), first, last) > 0)
