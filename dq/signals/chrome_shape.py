"""Line-shape and position features shared by the chrome signals.

Why a module of its own: "is this line short, unpunctuated, at an edge, next
to a date line?" is asked by most chrome signals. Writing each feature once
keeps the signals short and lets Polars' common-subexpression elimination
(CSE) compute a shared feature once per pass.

Every function returns a Polars expression over the lines frame
(:mod:`dq.signals.frames`). Three conventions keep the family fast
(measured with Polars 2.1 on 2 cores, in-memory engine):

- **No** ``.over("rid")``. The lines frame holds only non-blank lines sorted
  by ``rid, line_no``, so "the previous line" is the previous row when
  ``idx > 0``; neighbours, runs and per-record totals are plain shifts,
  cumulative sums and forward/backward fills guarded by ``idx``/``from_end``.
  Window expressions were a group-by per use, 25x slower.
- **Features are non-null Booleans** (``fill_null(False)`` where they are
  made), and helpers never wrap them again: CSE only shares identical
  subtrees, so ``x.fill_null(False)`` next to ``x`` computes ``x`` twice.
- **Costly regexes see few bytes**: whole-line phrases match ``low`` (short
  lines only), line-start tests match :data:`HEAD`, line-end tests
  :data:`TAIL`, and anything else is masked to the lines that can match.

Thresholds were calibrated on the tuning half of
``../shared/eval/dev`` (pages with ``page_half == 0``, see
:mod:`dq.evaluate.chrome`), November 2026; the other half was only scored.
"""

from __future__ import annotations

from functools import cache
from typing import Final

import polars as pl

from dq.signals._phrases import alternation
from dq.signals.frames import lines_frame

S = pl.col("s")
LOW = pl.col("low")
IDX = pl.col("idx")
FROM_END = pl.col("from_end")
WORDS = pl.col("n_words")
CHARS = pl.col("n_chars")
#: Row number in the whole lines frame (the frame is sorted by rid, line_no).
ROW = pl.int_range(pl.len(), dtype=pl.Int64)
#: The first 48 characters of every line (line-start tests).
HEAD = S.str.head(48)
#: The last 120 characters of every line (caption credits, line ends).
TAIL = S.str.tail(120)
#: The last 4 characters of every line (closing punctuation).
END = S.str.tail(4)

#: Characters stripped around a UI line before matching it whole:
#: "» Publicidade", "- Advertisement -", "[ Read All Comments ]", "Related:".
DECORATION: Final = " \t+-–—•·|»«›‹<>*_=~#[](){}↑→←▶►✓✔:;.…!?,\"'“”‘’"

#: A menu entry has at most this many words (nav items, breadcrumbs, tags).
MENU_WORDS: Final = 4

#: Lines this close to the first or last line of a record count as "at an
#: edge" for signals whose phrases are ambiguous mid-article (cookie banners,
#: sign-up prompts). Extractors leave such chrome within ~12 lines of the end.
EDGE_TOP: Final = 4
EDGE_BOTTOM: Final = 12


F = pl.field


def staged(*stages: dict[str, pl.Expr], out: str) -> pl.Expr:
    """Compute named features stage by stage (each once) and return the field ``out``.

    Why: Polars shares a repeated subexpression only in simple cases, and a
    run test mentions its input ten times; inside ``struct.with_fields`` a
    feature computed in an earlier stage is a plain field read
    (``pl.field(name)``). Later stages may still use outer columns
    (``pl.col("idx")``), which line up row for row.

    >>> df = pl.DataFrame({"n_words": [1, 5]})
    >>> df.select(staged({"a": WORDS * 2}, {"b": F("a") + 1}, out="b")).to_series().to_list()
    [3, 11]
    """
    expr = pl.struct([e.alias(name) for name, e in stages[0].items()])
    for stage in stages[1:]:
        expr = expr.struct.with_fields([e.alias(name) for name, e in stage.items()])
    field: pl.Expr = expr.struct.field(out)
    return field


def shape_stages() -> tuple[dict[str, pl.Expr], dict[str, pl.Expr]]:
    """Two stages of shape features most multi-line signals start from.

    Fields: ``end``, ``head``, ``digit``, ``sent`` (ends like a sentence),
    ``stop`` (ends with a full stop), ``open`` (ends with , ; :), ``colon``,
    ``upper``/``lower`` (first letter), ``bullet``, ``menu`` (menu-like),
    ``prose``, ``texty``.
    """
    first = {"end": END, "head": HEAD, "digit": has_digit()}
    end, head = F("end"), F("head")
    second = {
        "sent": ends_sentence(end),
        "stop": ends_stop(end),
        "open": ends_open(end),
        "colon": ends_colon(end),
        "upper": starts_upper(head),
        "lower": starts_lower(head),
        "bullet": bulleted(head),
        "menu": menu_like(end, head),
        "prose": prose(end),
        "texty": texty(end),
    }
    return first, second


def flag(expr: pl.Expr) -> pl.Expr:
    """``expr`` with nulls (long lines, missing neighbours) read as False."""
    return expr.fill_null(False)


def core() -> pl.Expr:
    """The short line, lower-cased, with decoration stripped from both ends (null if long).

    >>> from dq.signals._demo import flags
    >>> flags(core() == "read all comments", ["[ Read All Comments ]"])
    [True]
    """
    return LOW.str.strip_chars(DECORATION)


def short_lead() -> pl.Expr:
    """The short lower-cased line without leading bullets and brackets (null if long)."""
    return LOW.str.strip_chars_start(" -–—•*»>[(|")


@cache
def whole(name: str) -> str:
    """Regex matching a whole string that is one of the phrase list's alternatives."""
    return "^" + alternation(name) + "$"


@cache
def prefix(name: str) -> str:
    """Regex matching a string that starts with one of the phrase list's alternatives."""
    return "^" + alternation(name)


def prev(expr: pl.Expr, k: int = 1) -> pl.Expr:
    """``expr`` on the k-th previous non-blank line of the same record (null at the top)."""
    return pl.when(k <= IDX).then(expr.shift(k))


def nxt(expr: pl.Expr, k: int = 1) -> pl.Expr:
    """``expr`` on the k-th next non-blank line of the same record (null at the bottom)."""
    return pl.when(k <= FROM_END).then(expr.shift(-k))


def ends_sentence(end: pl.Expr = END) -> pl.Expr:
    """The line ends like a sentence: ``.``, ``!``, ``?`` or ``…``, maybe inside quotes.

    >>> from dq.signals._demo import flags
    >>> flags(ends_sentence(), ["He left.", "“Why?”", "Related stories", "Photo: AP"])
    [True, True, False, False]
    """
    return end.str.contains(r"[.!?…。！？][\"'”’»)\]」』]*$")


def ends_stop(end: pl.Expr = END) -> pl.Expr:
    """The line ends with a full stop or ellipsis (not ``?``/``!``): prose, not a headline."""
    return end.str.contains(r"[.…。][\"'”’)»]*$")


def ends_open(end: pl.Expr = END) -> pl.Expr:
    """The line ends with ``,`` ``;`` or ``:``: it continues on the next line."""
    return end.str.contains(r"[,;:、，：]$")


def ends_colon(end: pl.Expr = END) -> pl.Expr:
    """The line ends with a colon: it introduces what follows."""
    return end.str.contains(r"[:：]$")


def has_digit() -> pl.Expr:
    """The line contains an ASCII digit."""
    return S.str.contains(r"[0-9]")


def starts_lower(head: pl.Expr = HEAD) -> pl.Expr:
    """The line starts with a lower-case letter (a list item or wrapped prose)."""
    return head.str.contains(r"^\p{Ll}")


def starts_upper(head: pl.Expr = HEAD) -> pl.Expr:
    """The line starts with a capital, a digit or an opening quote (a headline can)."""
    return head.str.contains(r"^[\p{Lu}0-9\"'“‘«¿¡]")


def bulleted(head: pl.Expr = HEAD) -> pl.Expr:
    """The line is a list item: "- ", "* ", "• ", "1. ", "2) "."""
    return head.str.contains(r"^(?:[-*•·–]\s|[0-9]{1,2}[.)]\s)")


def numeric() -> pl.Expr:
    """The line is only numbers and number punctuation (a table cell)."""
    return flag(LOW.str.contains(r"^[0-9.,:%+\-/ ]+$"))


def menu_like(end: pl.Expr = END, head: pl.Expr = HEAD) -> pl.Expr:
    """A short line without sentence punctuation: a menu item, tag or label.

    >>> from dq.signals._demo import flags
    >>> flags(menu_like(), ["World News", "Sign in", "It rained.", "A much longer line of words",
    ...                     "- flour", "Ingredients:"])
    [True, True, False, False, False, False]
    """
    return (
        (WORDS <= MENU_WORDS)
        & (CHARS <= 40)
        & ~ends_sentence(end)
        & ~ends_open(end)
        & ~bulleted(head)
    )


def prose(end: pl.Expr = END) -> pl.Expr:
    """A sentence-like body line: at least 10 words and sentence-final punctuation."""
    return (WORDS >= 10) & ends_sentence(end)


def texty(end: pl.Expr = END) -> pl.Expr:
    """A line that continues the text: a sentence of 5+ words, or a line ending in ":"."""
    return ((WORDS >= 5) & ends_sentence(end)) | ends_colon(end)


def at_edge(top: int = EDGE_TOP, bottom: int = EDGE_BOTTOM) -> pl.Expr:
    """The line is among the first ``top + 1`` or last ``bottom + 1`` lines of its record."""
    return (top >= IDX) | (bottom >= FROM_END)


def name_like() -> pl.Expr:
    """A person's name (or two): 2-8 capitalised words, no digits, no sentence shape.

    Small words that headlines use ("to", "of", "the", "in") rule a line out,
    so "Anna Menin" is a name and "Doobie Brothers to reunite" is not.

    >>> from dq.signals._demo import flags
    >>> flags(name_like(), ["Anna Menin", "Kevin Johnson and Kevin McCoy", "Fans cheer at a game"])
    [True, True, False]
    """
    word = r"(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.)"
    joiner = r"(?:and|&|und|et|y|e|van|von|de|da|del|der|den|la|le|bin|al)"
    short = pl.when((CHARS <= 60) & (WORDS <= 8)).then(S)
    return flag(short.str.contains(rf"^{word}(?:,? (?:{joiner} )?{word}){{1,7}}$"))


def record_cum_sum(x: pl.Expr) -> pl.Expr:
    """Running total of ``x`` (numeric, no nulls) from the top of each record, inclusive."""
    c = x.cum_sum()
    return c - pl.when(IDX == 0).then(c - x).forward_fill()


def record_sum(x: pl.Expr) -> pl.Expr:
    """Total of ``x`` (numeric, no nulls) over each line's record."""
    c = x.cum_sum()
    return pl.when(FROM_END == 0).then(c).backward_fill() - pl.when(IDX == 0).then(
        c - x
    ).forward_fill()


def run_edges(member: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """``(first, last)``: the line opens / closes a run of equal ``member`` values.

    ``member`` must be a non-null Boolean (see the module doc). Compute the
    pair once (a stage of :func:`staged`) and pass it to the run helpers.
    """
    return flag(member != prev(member)) | (IDX == 0), flag(member != nxt(member)) | (
        FROM_END == 0
    )


def run_length(first: pl.Expr, last: pl.Expr) -> pl.Expr:
    """Number of lines in this line's run (``first``/``last`` from :func:`run_edges`)."""
    return pl.when(last).then(ROW).backward_fill() - pl.when(first).then(ROW).forward_fill() + 1


def run_sum(x: pl.Expr, first: pl.Expr, last: pl.Expr) -> pl.Expr:
    """Total of ``x`` (numeric, no nulls) over this line's run."""
    c = x.cum_sum()
    return pl.when(last).then(c).backward_fill() - pl.when(first).then(c - x).forward_fill()


def from_run_start(value: pl.Expr, first: pl.Expr) -> pl.Expr:
    """``value`` taken on the first line of this line's run, for every line of the run."""
    return pl.when(first).then(value).forward_fill()


def from_run_end(value: pl.Expr, last: pl.Expr) -> pl.Expr:
    """``value`` taken on the last line of this line's run, for every line of the run."""
    return pl.when(last).then(value).backward_fill()


def block_after(start: pl.Expr, keep: pl.Expr, limit: int) -> pl.Expr:
    """Lines in a block opened by a ``start`` line and continued by ``keep`` lines.

    The block is the ``start`` line plus the consecutive following lines where
    ``keep`` holds (and ``start`` does not open a new block), at most ``limit``
    lines after the start. Both inputs are non-null Booleans.

    >>> article_flags(block_after(S == "Related", WORDS >= 2, 5),
    ...               "Body.\\nRelated\\nStorm hits coast\\nVoters go\\nEnd")
    [False, True, True, True, False]
    """
    opens = start | ~keep | (IDX == 0)
    opened = pl.when(opens).then(start).forward_fill()
    pos = ROW - pl.when(opens).then(ROW).forward_fill()
    return opened & (pos <= limit)


def after_first(start: pl.Expr) -> pl.Expr:
    """Lines at or after the first ``start`` line (a non-null Boolean) of their record."""
    return record_cum_sum(start.cast(pl.UInt32)) > 0


def article_flags(expr: pl.Expr, text: str) -> list[bool]:
    """Evaluate a line expression on one multi-line article; one flag per non-blank line.

    >>> article_flags(IDX == 0, "Title\\n\\nBody.")
    [True, False]
    """
    records = pl.LazyFrame({"rid": [0], "text": [text]},
                           schema={"rid": pl.UInt32, "text": pl.String})
    out = lines_frame(records).select(expr.fill_null(False).alias("f")).collect()
    return [bool(v) for v in out["f"].to_list()]
