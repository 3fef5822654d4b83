"""Short lines that only look like menus: fixture tables, sign-offs, quoted posts.

Why: ``navigation`` and ``read_more`` find menus and teaser boxes by shape
(a run of short lines, Title Case, no full stop), and so does the line
model (``chrome_line``). Content has that shape too. The fourth outside
audit (audit21, ``tests/data/audit/judgements_d.jsonl``: shape evidence
5/20 right) found three kinds, each recognisable by what its lines *are*:

- a **fixture or results table**: lines that each hold a match ("Napoli vs
  Inter Milan", "-Sevilla 2-0 Real Betis"), a kick-off ("Saturday,
  13-06-2020 @3pm") or a match official ("Ref: Gianluca Rocchi");
- a **sign-off**: a name ("Prof. Barnabas Nawangwe", "Isaac Mugume, PhD")
  over a role ("Vice Chancellor, Makerere University", "MUASA PR & CAES
  Rep"): the signature of a statement, content or attribution;
- a **quoted post**: the lines of an embedded tweet, closed by its
  signature ("— Jenifa Ochwo (@JenifaOchwo) May 10, 2020") or carrying
  emoji ("Lights✅", "Sound✅"). A menu entry carries no emoji: in the dev
  pages (``../shared/eval/dev``, 2026-12-07) no labelled line of at most
  four words holds an emoji, chrome or content.

:func:`not_menu` joins them; the block signals leave such lines
(:mod:`dq.signals.chrome_blocks`), and so does the line model. A table's
date heading is no dateline either (:func:`dq.signals.chrome_stamps.date_row`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import polars as pl

from dq.signals.chrome_shape import (
    CHARS,
    LOW,
    MENU_WORDS,
    WORDS,
    S,
    except_on,
    f,
    feature,
    flag,
    from_run_end,
    matches,
    name_like,
    nxt,
    prev,
    run_edges,
    run_sum,
)
from dq.signals.chrome_table25 import twin_row
from dq.signals.frames import Feature

#: Longest row of a table (words): "Saturday, 13-06-2020 @3pm" is 3,
#: "-Wolfsburg vs Freiburg @4:30pm" 4, a results line with scorers about 12.
ROW_WORDS: Final = 16

#: Fixture lines a run of short lines needs to be a table: two. One "Google
#: vs. OpenAI" is a subhead (dev pages, content) or a teaser ("Netlist vs.
#: Samsung", chrome); every fixture list of audit21 (pmldaily, kawowo) had
#: two or more within one run. In the dev pages (2026-12-07) the only table
#: runs are a basketball box score and tour dates, both content; the dev
#: scores (``dq eval``, leave-one-site-out) did not move.
FIXTURE_ROWS: Final = 2

#: Longest "X – Y" pair line of a table (words): "Governance impact award — Alice
#: Komuhangi Khaukha" is 7.
PAIR_WORDS: Final = 8

#: A clock time ("23.30", "01:00"; Armenian writes "11։00" with its own colon).
#: A schedule's pairs come with their dates and times ("Бостон – Миннесота" /
#: "24 ноября, 23.30, «TD Garden»", audit22's slamdunk.ru fixture list, read as
#: navigation): such lines count with the pairs.
CLOCK: Final = r"(?:^|[^0-9])[0-2]?[0-9][:.։][0-5][0-9](?:[^0-9]|$)"
#: A row that starts with a time range ("10:00-16:00 Կարբի գյուղ,"): a slot of a
#: timetable (power cuts, opening hours, a programme). A list of other stories
#: stamps single times ("14:05 ..."), never a range. From audit22's infocom.am
#: outage schedule, whose short rows the line model read as chrome.
SLOT: Final = r"^[0-2]?[0-9][:.։][0-5][0-9]\s*[-–—]\s*[0-2]?[0-9][:.։][0-5][0-9]"
#: Two parts joined by an en or em dash (a hyphen joins words, not cells).
#: (No counted repeats: they compile slowly, and the line is short already.)
PAIR: Final = r"^[^–—][^–—]+[–—][^–—]*[^–—\s][^–—]*$"

#: Longest role line of a sign-off (words): "Vice Chancellor, Makerere
#: University" is 4, "Head of Communications, Ministry of Health" 6.
ROLE_WORDS: Final = 10

_TEAM: Final = r"\p{Lu}[\p{L}'’.&-]*(?: \p{Lu}[\p{L}'’.&-]*){0,3}"
#: A fixture ("Napoli vs Inter Milan") or a result ("-Sevilla 2-0 Real Betis"; a
#: score, not a clock time: "2-0", "2:1", never "11:00").
VERSUS: Final = rf"^[-–•*]?\s*{_TEAM} (?i:vs?\.?) {_TEAM}(?:\s*[@,(-].*)?$"
SCORE: Final = (
    rf"^[-–•*]?\s*{_TEAM} [0-9]{{1,2}} ?(?:[-–] ?[0-9]{{1,2}}|: ?[0-9]) {_TEAM}(?:\s*[(,].*)?$"
)
#: A kick-off time ("@3pm", "@ 4:30pm") and a match official's or venue's label.
KICKOFF: Final = r"@ ?[0-9]{1,2}(?:[:.][0-9]{2})? ?(?i:am|pm)(?:[^a-z]|$)"
OFFICIAL: Final = r"^(?:ref|referee|venue|kick-?off|stadium)\s*:"
#: What each form above needs, in bytes, on the lower-cased line.
FIXTURE_CUE: Final = rf" vs?\.? |[0-9] ?(?:-|–|:) ?[0-9]{{1,2}} [^ 0-9]|@ ?[0-9]|{OFFICIAL}"

#: Words of a signatory's role or office ("Vice Chancellor", "PR & CAES Rep"), on
#: the lower-cased line (ASCII word boundaries: a Unicode one is slow).
ROLES: Final = (
    r"(?-u:\b)(?:chancellor|president|director|secretary|chair(?:man|woman|person)?|manager"
    r"|officer|spokes(?:person|man|woman)|ceo|cfo|coo|founder|minister|professor|rep"
    r"|representative|coordinator|dean|principal|commissioner|governor|mayor|lecturer"
    r"|chief|executive|treasurer|registrar|head of)(?-u:\b)"
)

#: Longest signatory line (words): "Prof. Dr. Jane Anne Doe-Smith, PhD" is 6.
SIGNATORY_WORDS: Final = 7
#: A signatory's title before the name or degree after it ("Prof. Barnabas
#: Nawangwe", "Isaac Mugume, PhD", "Hon. Jane Doe (MP)").
SIGNATORY: Final = (
    r"^(?:(?:Prof|Dr|Hon|Rev|Eng|Sir|Dame|Rt\.? Hon|Amb|Gen|Col|Capt|Mr|Mrs|Ms)\.? )"
    r"|,? (?:PhD|Ph\.D\.?|MD|MBA|MP|Esq\.?|FRCS|OBE|MBE|CBE|SC|QC|KC)\.?\)?$"
)

#: A role is written in capitals with small joiners: "Head of Communications,
#: Ministry of Health"; "See our fact-checks of President Donald Trump" is a link.
ROLE_SHAPE: Final = (
    r"^[\p{Lu}(][\p{L}\p{N}'’.&()/-]*(?:,? (?:(?:of|and|for|the|at|in|on|de|du|des|la|le|y|e"
    r"|&) )*[\p{Lu}0-9(&][\p{L}\p{N}'’.&()/-]*)*$"
)

#: An embedded post's signature: "— Name (@handle) Month D, YYYY", or its picture link.
POST_SIGNATURE: Final = r"[—–-]\s*[^()]+\(@[A-Za-z0-9_]+\)|pic\.twitter\.com/"


def fixture() -> pl.Expr:
    """A line of a fixture or results table: a match, a score, a kick-off, a referee.

    >>> from dq.signals._demo import flags
    >>> flags(fixture(), ["Napoli vs Inter Milan", "-Sevilla 2-0 Real Betis",
    ...                   "Saturday, 13-06-2020 @3pm", "Ref: Pablo Gonzalez",
    ...                   "-Wolfsburg vs Freiburg @4:30pm", "Les Lierres Vs Aigle Noir Makamba"])
    [True, True, True, True, True, True]
    >>> flags(fixture(), ["Chelsea vs Tottenham LIVE! Premier League result",
    ...                   "Home", "Published 11:34 PM EST Nov 19, 2019", "Warm Up 11:00 Uhr"])
    [False, False, False, False]
    """
    # One byte-level pass picks the few lines with a cue (on ``low``: short lines
    # only), and the full regex (Unicode classes, costly) runs on those alone.
    cue = flag(LOW.str.contains(FIXTURE_CUE)) & (WORDS <= ROW_WORDS)
    return matches(cue, S, rf"{VERSUS}|{SCORE}|{KICKOFF}|(?i:{OFFICIAL})")


def fixture_table() -> pl.Expr:
    """A short line in a run of short lines that holds :data:`FIXTURE_ROWS` fixtures or more,
    or as many dash pairs (:func:`pair`) making, with the rows that give their times
    (:data:`CLOCK`), half the run or more, or as many time slots (:data:`SLOT`) making
    half the run or more (a timetable).

    The run takes every line of at most :data:`ROW_WORDS` words that does not
    end like a sentence: the venue, the date heading and the match lines alike.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(fixture_table(), "Napoli vs Inter Milan\\nStadio San Paolo, Naples\\n"
    ...               "Saturday, 13-06-2020 @10pm\\nThe match starts the second leg of the cup.")
    [True, True, True, False]
    >>> article_flags(fixture_table(), "Home\\nGoogle vs. OpenAI\\nSport\\nWeather")
    [False, False, False, False]
    >>> article_flags(fixture_table(), "DJ of the year — DJ Victor 256\\nSpoken word —Noisy\\n"
    ...               "African Act – Pompi (Zambia)")
    [True, True, True]
    >>> article_flags(fixture_table(), "НБА\\nРегулярный чемпионат\\nБостон – Миннесота\\n"
    ...               "24 ноября, 23.30, «TD Garden»\\nИндиана – Вашингтон\\n25 ноября, 01.00"
    ...               "\\nМайами – Даллас")
    [True, True, True, True, True, True, True]
    >>> article_flags(fixture_table(), "Արագածատնի մարզի՝\\n10:00-16:00 Կարբի գյուղ,\\n"
    ...               "Արարատի մարզի՝\\n11:00-12:30 Այգեստան գյուղ մասնակի,")
    [True, True, True, True]
    """
    first, last = f("row_first"), f("row_last")
    fixtures = run_sum(f("fixture").cast(pl.Int32), first, last)
    pairs = run_sum(f("pair").cast(pl.Int32), first, last)
    rows = run_sum(f("row").cast(pl.Int32), first, last)
    clocked = run_sum((f("row") & ~f("pair") & timed(CLOCK)).cast(pl.Int32), first, last)
    slots = run_sum((f("row") & timed(SLOT)).cast(pl.Int32), first, last)
    paired = (pairs >= FIXTURE_ROWS) & (2 * (pairs + clocked) >= rows)
    timetable = (slots >= FIXTURE_ROWS) & (2 * slots >= rows)
    return f("row") & ((fixtures >= FIXTURE_ROWS) | paired | timetable)


def timed(pattern: str) -> pl.Expr:
    """A short row (feature ``row``) with a clock time in the form ``pattern`` (:data:`CLOCK`,
    :data:`SLOT`), tested on rows with a digit only.

    >>> from dq.signals._demo import flags
    >>> flags(timed(SLOT), ["10:00-16:00 Կարբի գյուղ,", "11։00-12։00 Լանջազատ", "14:05 Latest"])
    [True, True, False]
    >>> flags(timed(CLOCK), ["24 ноября, 23.30, «TD Garden»", "Home", "Top 10"])
    [True, False, False]
    """
    return matches(f("row") & f("digit"), S, pattern)


def pair() -> pl.Expr:
    """A short line of two parts joined by a dash: a category and its winner, a date and a
    venue, two teams ("Spoken word —Noisy", "June 9 – West Palm Beach, FL", "Бостон – Миннесота").

    A run of short lines that are mostly such pairs is a table (:func:`fixture_table`):
    in the dev pages (2026-12-07) such runs were tour dates and a box score, all content;
    a menu of the whole-page files holds a pair or two among many entries, never a majority.

    >>> from dq.signals._demo import flags
    >>> flags(pair(), ["Spoken word —Noisy", "Artiste of the year — D Reign", "Home",
    ...                "A long line – with far too many words to be one cell of a table"])
    [True, True, False, False]
    """
    return flag(LOW.str.contains(PAIR)) & f("row") & (WORDS <= PAIR_WORDS)


def role_line() -> pl.Expr:
    """A short line naming an office: "Vice Chancellor, Makerere University", "MUASA PR & CAES Rep".

    >>> from dq.signals._demo import flags
    >>> flags(role_line(), ["Vice Chancellor, Makerere University", "MUASA PR & CAES Rep",
    ...                     "Head of Communications, Ministry of Health"])
    [True, True, True]
    >>> flags(role_line(), ["Presidential election", "The minister resigned on Monday.",
    ...                     "See our fact-checks of President Donald Trump"])
    [False, False, False]
    """
    roles = flag(LOW.str.contains(ROLES)) & (WORDS <= ROLE_WORDS) & ~f("sent")
    return matches(roles, S, ROLE_SHAPE)


def sign_off() -> pl.Expr:
    """A signatory's name over a role, and that role: the signature of a statement.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(sign_off(), "We call on all stakeholders to act now.\\n"
    ...               "Isaac Mugume, PhD\\nMUASA PR & CAES Rep\\nComments")
    [False, True, True, False]
    >>> article_flags(sign_off(), "Home\\nNews\\nSport\\nWeather")
    [False, False, False, False]
    """
    role = f("role")
    # A signatory, not any Title-Case line over a role word ("Top Video" over
    # "CEO Interviews" in a menu of the dev pages): a title or a degree, or
    # the line right after the article's last sentence.
    titled = matches(flag(nxt(role)) & (WORDS <= SIGNATORY_WORDS), S, SIGNATORY)
    after_text = flag(prev(f("sent"))) & ~f("sent")
    name = name_like(flag(nxt(role)) & ~role & (titled | after_text))
    return name | (role & flag(prev(name)))


def quoted_post() -> pl.Expr:
    """A short line of an embedded post: with an emoji, or in a run closed by a post's signature.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(quoted_post(), "Lights✅\\nSound\\nBand\\n"
    ...               "Performance #Show — Jenifa Ochwo (@JenifaOchwo) May 10, 2020\\nHome")
    [True, True, True, True, False]
    >>> article_flags(quoted_post(), "Home\\nNews\\nSport\\nSubscribe")
    [False, False, False, False]
    """
    member = f("row") | f("post_sig")
    last = run_edges(member)[1]
    # The signature closes the post: the lines of the run at or above it.
    sig = f("post_sig").cast(pl.Int32)
    below = from_run_end(sig.cum_sum(), last) - sig.cum_sum() + sig
    return (member & (below > 0)) | f("emoji")


def emoji_line() -> pl.Expr:
    """A menu-length line with an emoji (not a flag): typed by a person, not a menu entry.

    >>> from dq.signals._demo import flags
    >>> flags(emoji_line(), ["Lights✅", "Wow 🔥", "☰ Menu", "🇬🇧 English", "Home"])
    [True, True, False, False, False]
    """
    short = (WORDS <= MENU_WORDS) & (S.str.len_bytes() > CHARS)
    # Emoji_Presentation minus the regional indicators (flags of a language menu).
    return matches(short, S, r"[\p{Emoji_Presentation}--[\x{1F1E6}-\x{1F1FF}]]")


def not_menu() -> pl.Expr:
    """A line of a fixture table, a sign-off or a quoted post (feature ``not_menu``).

    >>> from dq.signals._demo import flags
    >>> flags(not_menu(), ["Ref: Pablo Gonzalez", "Home"])
    [False, False]
    """
    # audit25: a row of a two-column table in PDF text ("0 0") is data too.
    return f("fixture_table") | f("sign_off") | f("quoted_post") | twin_row()


#: The module's feature columns; read by chrome_blocks, chrome_stamps and the registry.
FEATURES: tuple[Feature, ...] = (
    feature("row", lambda: (WORDS <= ROW_WORDS) & ~f("sent")),
    feature("row_first", lambda: run_edges(f("row"))[0]),
    feature("row_last", lambda: run_edges(f("row"))[1]),
    feature("fixture", fixture),
    feature("pair", pair),
    feature("fixture_table", fixture_table),
    feature("role", role_line),
    feature("sign_off", sign_off),
    feature("post_sig", lambda: matches(
        S.str.contains(r"\(@|pic\.twitter"),
        S, POST_SIGNATURE)),
    feature("emoji", emoji_line),
    feature("quoted_post", quoted_post),
    feature("not_menu", not_menu),
)


def outside_rows(build: Callable[[], pl.Expr]) -> Callable[[], pl.Expr]:
    """``build``'s signal, except on the lines of :func:`not_menu` (for a shape-only signal).

    >>> from dq.signals._demo import flags
    >>> flags(outside_rows(lambda: pl.lit(True))(), ["Home", "Lights✅"])
    [True, False]
    """
    return except_on(build, "not_menu")
