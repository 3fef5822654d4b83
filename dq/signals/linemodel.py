"""``chrome_line``: a small learned line model over language-neutral line shape.

Why: the hand rules of the chrome family find chrome by its words (a phrase
list) or by a few strict layouts (a run of menu entries). On the pages of
publishers they were not written from, two thirds of the chrome is neither:
teasers of other articles, captions, bylines and dates, related-article
blocks, in 20+ languages (issue 15). What those lines share is their *shape*
beside the article: short, no closing punctuation, title-cased, dated, away
from the run of prose that is the body. A logistic regression over such
facts, trained on labelled pages and measured on publishers it was not
trained on (leave-one-site-out, ``bench/train_linemodel.py``), finds them in
any language; it reads no word lists.

Every feature is a column of the lines frame (:mod:`dq.signals.frames`),
argued from what a chrome or content line *is*, never from the dev pages:

========================  =====================================================
feature                   why it tells chrome from content
========================  =====================================================
``units``                 log words (CJK/Thai: characters / 2): chrome is short
``rel_len``               length over the record's longest line: the body's
                          paragraphs are the longest lines of a page
``pos``, ``top``,         where the line sits: furniture gathers at the edges
``bottom``
``sent``, ``stop``,       how it ends: prose closes with ``.!?``; headlines,
``open``, ``colon``,      labels and menus do not; teasers are cut with ``…``
``trunc``
``upper``, ``lower``,     how it starts: a list item or wrapped prose starts
``bullet``                lower-case or with a bullet
``digit``, ``num``,       bylines, datelines and counters carry numbers
``date``                  (dates and times in any script's digits order)
``caps``                  share of capitalised words: headlines of teasers and
                          names are title-cased, prose is not
``prev_units``,           the neighbours: a short line between paragraphs is a
``next_units``,           subhead; a short line among short lines is a list of
``prev_sent``,            links
``next_sent``
``before``, ``after``,    prose lines above / below in the record: the body is
``inside``                a run of prose, chrome sits outside it
``short_run``,            length of the run of short lines the line is in, and
``inside_run``            that length inside the body (a list there is content)
``prose_share``           share of the record's lines that are prose (a page of
                          mostly furniture vs extractor output)
``short_out``             short and outside the body (no prose on one side)
``menu``, ``member``,     the hand rules' menu shape and run facts
``run``, ``claimed``
``dup``                   a short line printed twice in one record (menus and
                          teaser blocks repeat; prose does not)
``sep``                   ``|``, ``›`` or ``»`` inside the line: breadcrumbs
========================  =====================================================

Repetition across a site's pages is not an input: it needs the corpus
pre-pass, and it is what ``repeated_boilerplate`` reports on ``corpus``
evidence by itself (:mod:`dq.signals.boilerplate`); the model judges one
record at a time, like the other line signals.

The weights (:mod:`dq.signals.linemodel_weights`) are fitted by
``bench/train_linemodel.py``; at run time the score is one Polars
expression (no training library). Precision first:

- a full sentence (:data:`SENTENCE_UNITS` units or more with closing
  punctuation) is never flagged: the model reads layout, and layout cannot condemn prose;
- a line is flagged only at probability >= :data:`THRESHOLD`, never in a
  run of more than :data:`MAX_SHORT_RUN` short lines (a list or a table);
- its evidence is ``context``: dq reports the line, ``dq clean`` never
  deletes it (:mod:`dq.clean._deletion`). A model's verdict changes when
  the lines around it are deleted, so deleting on it would not even reach
  a fixed point (seen on corpus record 095: the last line scored higher
  once the footer above it was gone);
- lines a phrase signal reports (``claimed``) are left to that signal.

One shape the model weighs but never enough to pass its threshold is also
reported under this code, by rule (:func:`repeated_label`): a short label
printed twice in one record, outside the body's run of prose (a section name
in the breadcrumb and again in the tag list, a menu printed at the top and
the bottom). It carries the same ``context`` evidence and the guards but
the list guard, which it reads its own way (a menu printed twice, not a
table).
"""

from __future__ import annotations

import math
from typing import Final

import polars as pl

from dq.signals.chrome_residue25 import FEATURES as _SCRIPT_FEATURES
from dq.signals.chrome_residue25 import invisible_line, page_script
from dq.signals.chrome_shape import (
    CHARS,
    FROM_END,
    IDX,
    LOW,
    WORDS,
    S,
    f,
    feature,
    flag,
    matches,
    nxt,
    prev,
    record_cum_sum,
    record_sum,
    run_edges,
    run_length,
)
from dq.signals.frames import Feature, only
from dq.signals.linemodel_weights import BIAS, WEIGHTS

__all__ = [
    "FEATURES",
    "MODEL_FEATURES",
    "SENTENCE_UNITS",
    "THRESHOLD",
    "chrome_line",
    "doubled_label",
    "probability",
    "repeated_label",
]

#: Operating threshold on the model's probability. On leave-site-out
#: predictions over ../shared/eval/dev (bench/train_linemodel.py, 2026-12-07,
#: 25 folds of held-out sites) 0.92 was the lowest threshold keeping chrome
#: precision >= 0.92 macro and per site in every source. On outside text it
#: was not precise enough at any threshold where it fires: on the audit
#: excerpts (tests/data/audit/linemodel_judgements.jsonl) 36 of 56 findings
#: at 0.92 were right (0.64; subheads, results tables, name lists), and on
#: 277 whole outside records, with the list guard (MAX_SHORT_RUN), 66 of 84
#: at 0.90 and 20 of 23 at 0.95 (0.87), none at 0.97. So it is 0.97: on
#: held-out dev sites what it adds there is all chrome (15 lines), and on
#: outside text it stays silent. The model does not close the recall gap.
THRESHOLD: Final = 0.97
#: A full sentence for the model: this many units with closing punctuation
#: (the issue's "8 words", counted in characters / 2 for CJK and Thai).
SENTENCE_UNITS: Final = 8
#: Share of capitalised words is read on lines of at most this many words
#: (headline and name lengths); longer lines read 0.
CAPS_WORDS: Final = 25
#: A line is "prose" for the before/after/share features: this many units
#: and closing punctuation (dq.signals.chrome_shape's ``prose`` shape).
PROSE_UNITS: Final = 10
#: Short for ``short_out``: a menu entry's length (chrome_shape.MENU_WORDS).
SHORT_UNITS: Final = 4
#: Longest run of short lines the model judges. A longer run is a list or a
#: table (results, ingredients, nominees) or a menu; menus are the hand rules'
#: (``navigation``, at the edges), lists are content: on outside text the
#: model's findings were results tables of this shape (issue 15's "runs of
#: short lines read as menus").
MAX_SHORT_RUN: Final = 5

#: Scripts written without spaces between words (kana, CJK ideographs,
#: Hangul, Thai), as code-point ranges (see chrome_shape's ``unspaced``).
_UNSPACED: Final = "[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
#: A date or time: 12.05.2024, 2024-05-12, 5/12/24, 14:30, or a year 19xx/20xx.
_DATE: Final = (
    r"\b[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{2,4}\b|\b[0-9]{1,2}[:h][0-9]{2}\b"
    r"|\b(?:19|20)[0-9]{2}\b"
)


def _b(expr: pl.Expr) -> pl.Expr:
    return flag(expr).cast(pl.Float64)


def _log(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Float64).log1p()


def _units() -> pl.Expr:
    """Words, with characters of unspaced scripts counted two to a word (Float64)."""
    wide = S.str.len_bytes() > CHARS
    cjk = pl.when(wide).then(S).otherwise(pl.lit("")).str.count_matches(_UNSPACED)
    return WORDS.cast(pl.Float64) + cjk.cast(pl.Float64) / 2


def _caps() -> pl.Expr:
    """Share of words that start with a capital, on lines of at most CAPS_WORDS words."""
    short = WORDS <= CAPS_WORDS
    text = pl.when(short).then(S).otherwise(pl.lit(""))
    caps = text.str.count_matches(r"(?:^|\s)[\"'“‘«(]?\p{Lu}").cast(pl.Float64)
    return (caps / WORDS.cast(pl.Float64)).fill_null(0.0)


def _prose() -> pl.Expr:
    return ((f("lmr_units") >= PROSE_UNITS) & f("sent")).cast(pl.Int32)


#: Raw columns the model reads (prefixed ``ch_lm_``), each a Float64.
_RAW: tuple[Feature, ...] = (
    feature("lmr_units", _units),
    feature("lmr_prose", _prose),
    feature("lmr_maxlen", lambda: CHARS.max().over("rid")),
    feature("lmr_short", lambda: f("lmr_units") <= SHORT_UNITS),
    feature("lmr_sfirst", lambda: run_edges(f("lmr_short"))[0]),
    feature("lmr_slast", lambda: run_edges(f("lmr_short"))[1]),
    feature("lmr_before", lambda: record_cum_sum(f("lmr_prose")) - f("lmr_prose") > 0),
    feature("lmr_after", lambda: record_sum(f("lmr_prose")) - record_cum_sum(f("lmr_prose")) > 0),
)

#: Model inputs, in the order of the weights (names without ``ch_lm_``).
_INPUTS: tuple[tuple[str, object], ...] = (
    ("units", lambda: _log(f("lmr_units"))),
    ("rel_len", lambda: CHARS.cast(pl.Float64) / f("lmr_maxlen").cast(pl.Float64)),
    ("pos", lambda: IDX.cast(pl.Float64) / pl.max_horizontal(pl.col("n") - 1, 1)),
    ("top", lambda: _b(IDX < 3)),
    ("bottom", lambda: _b(FROM_END < 3)),
    ("sent", lambda: _b(f("sent"))),
    ("stop", lambda: _b(f("stop"))),
    ("open", lambda: _b(f("open"))),
    ("colon", lambda: _b(f("colon"))),
    ("trunc", lambda: _b(S.str.tail(3).str.contains(r"(?:…|\.\.\.)$"))),
    ("upper", lambda: _b(f("upper"))),
    ("lower", lambda: _b(f("lower"))),
    ("bullet", lambda: _b(f("bullet"))),
    ("digit", lambda: _b(f("digit"))),
    ("num", lambda: _b(f("num"))),
    ("date", lambda: _b(matches(f("digit") & (WORDS <= 15), S, _DATE))),
    ("caps", _caps),
    ("prev_units", lambda: _log(prev(f("lmr_units"))).fill_null(0.0)),
    ("next_units", lambda: _log(nxt(f("lmr_units"))).fill_null(0.0)),
    ("prev_sent", lambda: _b(prev(f("sent")))),
    ("next_sent", lambda: _b(nxt(f("sent")))),
    ("before", lambda: _b(f("lmr_before"))),
    ("after", lambda: _b(f("lmr_after"))),
    ("inside", lambda: _b(f("lmr_before") & f("lmr_after"))),
    ("short_run", lambda: pl.when(f("lmr_short")).then(
        _log(run_length(f("lmr_sfirst"), f("lmr_slast")))).otherwise(0.0)),
    ("inside_run", lambda: pl.when(f("lmr_short") & f("lmr_before") & f("lmr_after")).then(
        _log(run_length(f("lmr_sfirst"), f("lmr_slast")))).otherwise(0.0)),
    ("prose_share", lambda: record_sum(f("lmr_prose")).cast(pl.Float64)
     / pl.col("n").cast(pl.Float64)),
    ("short_out", lambda: _b(f("lmr_short") & ~(f("lmr_before") & f("lmr_after")))),
    ("menu", lambda: _b(f("menu"))),
    ("member", lambda: _b(f("member"))),
    ("run", lambda: pl.when(f("member")).then(_log(f("size"))).otherwise(0.0)),
    ("claimed", lambda: _b(f("claimed"))),
    # The (record, line) pair repeats: the same as ``LOW.is_duplicated().over("rid")``
    # without a window per record (8 -> 5.6 ms per 90k lines, 2026-12-08).
    ("dup", lambda: _b(pl.struct(pl.col("rid"), LOW).is_duplicated() & LOW.is_not_null())),
    ("sep", lambda: _b(S.str.contains_any([" | ", "›", "»"]))),
)

#: The names of the model's inputs (the keys of the weights).
MODEL_FEATURES: Final[tuple[str, ...]] = tuple(name for name, _ in _INPUTS)


def _score() -> pl.Expr:
    total = pl.lit(BIAS)
    for name in MODEL_FEATURES:
        total = total + f("lm_" + name) * WEIGHTS.get(name, 0.0)
    return 1.0 / (1.0 + (-total).exp())


def probability() -> pl.Expr:
    """The model's probability that a line is chrome (feature ``ch_lm_p``, Float64).

    >>> from dq.signals._demo import article_flags
    >>> page = "\\n".join(["Home", "World", "Sport", "Storm hits the coast",
    ...     "The storm reached the coast on Monday night and cut power to thousands.",
    ...     "Crews worked through the night to restore it, the utility said on Tuesday.",
    ...     "More from the site", "Five things to know about the storm"])
    >>> article_flags(probability() > 0.5, page)[:3], article_flags(probability() > 0.5, page)[4]
    ([True, True, True], False)
    """
    return f("lm_p")


def _inputs() -> tuple[Feature, ...]:
    return tuple(feature("lm_" + name, build) for name, build in _INPUTS)  # type: ignore[arg-type]


def _full_sentence() -> pl.Expr:
    return (f("lmr_units") >= SENTENCE_UNITS) & f("sent")


def _listed() -> pl.Expr:
    """In a run of more than MAX_SHORT_RUN short lines (a list, a table or a menu)."""
    return f("lmr_short") & (run_length(f("lmr_sfirst"), f("lmr_slast")) > MAX_SHORT_RUN)


def repeated_label() -> pl.Expr:
    """A short label printed twice in one record, outside the body's run of prose.

    Why: a page prints its furniture in more than one place: the section in
    the breadcrumb and again among the tags ("Politik", "Internacional"),
    the same menu at the top and at the bottom, "Affiliatelinks" over two
    boxes. An article does not repeat a bare label of one to four words
    outside its prose; inside the body a repeated short line is a subhead or
    a table row, so only lines with no prose on one side count (``inside``
    is false), never one that starts lower-case (wrapped prose) or ends in
    ":" (it introduces what follows). In a run of more than
    :data:`MAX_SHORT_RUN` short lines, only a line without digits or a
    bullet counts: a menu printed twice is words, a results table or a
    ranking printed twice carries numbers ("MAGHRIB 17.50", "3. Cathay
    Pacific Airways", seen on outside text). A label is words: a line
    without a letter, or with the punctuation of code (``;{}=``: "}",
    "break;" of a script or a code listing), is not one.

    Measured 2026-12-07 on the labelled rows of ../shared/eval/dev
    (``bench/train_linemodel.py``; a hand rule, nothing fitted): 82 lines
    the other chrome rules and the model leave, all labelled chrome, on 19
    Fundus, 8 aeb and 9 trafilatura_eval sites (58 of them in menus printed
    twice). On 2,454 outside records (the audit15c and audit21 corpora) it
    adds 4 findings, all chrome by a reader ("[Gambas:Video 20detik]",
    "Continue to article content" twice, "Credit: AP"), and it reports no
    line of the four audits' excerpts that a reader judged content.

    >>> from dq.signals._demo import article_flags
    >>> body = ["The storm reached the coast on Monday night and cut power to thousands.",
    ...         "Crews worked through the night to restore it, the utility said on Tuesday."]
    >>> article_flags(repeated_label(), "\\n".join(["Politik", *body, "Politik", "Wetter"]))
    [True, False, False, True, False]
    >>> inside = [body[0], "Results", body[1], "Results", body[0]]
    >>> article_flags(repeated_label(), "\\n".join(inside))
    [False, False, False, False, False]
    >>> table = ["APC 120", "PDP 98", "LP 12", "NNPP 7", "ADC 3", "YPP 1"]
    >>> article_flags(repeated_label(), "\\n".join([*body, *table, *table]))[2:4]
    [False, False]
    >>> article_flags(repeated_label(), "\\n".join([*body, "}", "break;", "}", "break;"]))
    [False, False, False, False, False, False]
    """
    outside = ~(f("lmr_before") & f("lmr_after"))
    menu = ~_listed() | ~(f("digit") | f("bullet"))
    twice = f("lmr_short") & (f("lm_dup") > 0) & outside & ~f("lower") & ~f("colon") & menu
    # the letter test runs on the few repeated short lines only (a Unicode class, see matches)
    words = matches(twice, S, r"\p{L}") & ~S.str.contains_any([";", "{", "}", "="])
    return flag(twice & words)


#: Shortest label :func:`doubled_label` reads, in characters without spaces
#: ("LinkKopieren" 12, "BerntHulsker" 12): "Bora Bora", "New York New York"
#: (7) and other names that double a short word stay out.
DOUBLED_CHARS: Final = 8
#: Most words of a doubled line (two labels of a button or an author card).
DOUBLED_WORDS: Final = 16


def _doubled_candidate() -> pl.Expr:
    """Lines :func:`doubled_label` tests: 2 to DOUBLED_WORDS words, the first four
    characters found again further on (one literal search per row, no regex)."""
    m = WORDS.is_between(2, DOUBLED_WORDS) & (CHARS <= 4 * DOUBLED_WORDS * 3)
    s = S.filter(m)
    again = s.str.slice(1).str.contains(s.str.slice(0, 4), literal=True)
    return flag(only(m, again, pl.Boolean))


def doubled_label() -> pl.Expr:
    """One label printed twice on one line: a widget's visible text and its hidden label.

    Why: a button, an author card or a toggle carries its text twice, once
    visible and once for screen readers or as the alt text of its icon or
    portrait; a scraper that keeps both prints the label twice, with a
    space or glued ("Link kopieren Link kopieren", "Bernt Hulsker Bernt
    Hulsker", "Øyvind AlsakerØyvindAlsaker"). A sentence never says the
    same words twice with nothing between them. Read without spaces, the
    line is two equal halves of at least :data:`DOUBLED_CHARS` characters,
    and the first half is more than one word, not one word said again
    ("Bora Bora" is a place).
    Evidence ``context`` like every ``chrome_line``: reported, not deleted.

    Measured 2026-12-07 on the scored lines of ../shared/eval/dev (a hand
    rule, nothing fitted): 13 lines, all labelled chrome, on 4 Fundus sites
    (SRF, Dagbladet, DerStandard, VnExpress), 11 of them missed by main's
    rules (5 of those, "Link kopieren Link kopieren", are now also a
    ``share_prompt`` phrase); none labelled content, none in partial_lines.

    >>> from dq.signals._demo import flags
    >>> flags(doubled_label(), ["Link kopieren Link kopieren", "Bernt HulskerBerntHulsker",
    ...                         "Øyvind Alsaker Øyvind Alsaker",
    ...                         "Trở lại Sức khỏeTrở lại Sức khỏe"])
    [True, True, True, True]
    >>> flags(doubled_label(), ["Bora Bora", "New York New York", "Baden-Baden",
    ...                         "Walla Walla Walla Walla", "Ha ha ha ha ha ha ha ha",
    ...                         "Link kopieren"])
    [False, False, False, False, False, False]
    """
    m = f("lm_dbl_cand")
    t = S.filter(m).str.replace_all(r"\s+", "")
    n = t.str.len_chars()
    half = n // 2
    low = S.filter(m).str.to_lowercase()
    first = low.str.extract(r"^(\S+)", 1)
    # "Walla Walla Walla Walla": a word repeated, not a label printed twice
    stutter = first == low.str.extract(r"^\S+\s+(\S+)", 1)
    same = ((n % 2) == 0) & (t.str.slice(0, half) == t.str.slice(half)) & (half >= DOUBLED_CHARS)
    value = same & (first.str.len_chars() < half) & ~stutter & t.str.contains(r"\p{L}")
    return flag(only(m, value, pl.Boolean))


def chrome_line() -> pl.Expr:
    """Chrome by the line model's word: probability >= THRESHOLD, never a full sentence.

    Also a :func:`repeated_label` (which reads lists its own way), a
    :func:`doubled_label`, a block of the page's own script and a line of
    invisible characters (:mod:`dq.signals.chrome_residue25`), under the other guards.

    >>> from dq.signals._demo import article_flags
    >>> body = ["The storm reached the coast on Monday night and cut power to thousands.",
    ...         "Crews worked through the night to restore it, the utility said on Tuesday."]
    >>> page = "\\n".join(["Home", "World", "Sport", *body, "Most read", "Five things"])
    >>> article_flags(chrome_line(), page)[3:5]
    [False, False]
    """
    found = (((f("lm_p") >= THRESHOLD) & ~_listed()) | repeated_label() | f("lm_doubled")
             | page_script() | invisible_line())
    return flag(found & ~_full_sentence() & ~f("claimed"))


#: The model's feature columns: raw facts, inputs, then the probability.
FEATURES: tuple[Feature, ...] = (
    *_RAW, *_inputs(), feature("lm_p", _score),
    feature("lm_dbl_cand", _doubled_candidate), feature("lm_doubled", doubled_label),
    *_SCRIPT_FEATURES,
)


def logistic(x: float) -> float:
    """The logistic function (the model's link), for tools that score one line.

    >>> logistic(0.0)
    0.5
    """
    return 1.0 / (1.0 + math.exp(-x))
