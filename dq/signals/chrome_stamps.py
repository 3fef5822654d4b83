"""Date stamps, and the dated lines of an article that only look like them.

Why: a dateline or byline is a stamp printed once or twice per article (the
publication moment, the author beside it). A date or time inside the
article is content: the rows of a prayer-time table ("IMSAK 04:29"), the
items of a holiday list ("25 de Abril (terça-feira);"), the day headings of
an agenda ("5 janeiro (quinta-feira)"), a subhead that names a date ("Video
... 2 April 2025"). Deleting those deletes the article's facts (outside
audit of 2026-12-07, ``tests/data/audit/judgements_c.jsonl``: 8 of 9
``byline_dateline`` findings were such rows).
"""

from __future__ import annotations

from functools import cache
from typing import Final

import polars as pl

from dq.signals._phrases import alternation
from dq.signals.chrome_shape import LOW, WORDS, S, f, flag, matches, name_like, nxt, prev
from dq.signals.chrome_table25 import date_table

#: Longest byline/dateline line (words): "Last Updated : Nov 20, 2019 01:41 PM
#: IST | Source: Moneycontrol.com" is 14.
BYLINE_WORDS: Final = 16

_NUM = r"[0-9]{1,5}(?:[:.h][0-9]{2}){0,2}(?:st|nd|rd|th|er|e|º|°|h|am|pm|a\.m|p\.m)?"
_SEP = r"[\s,.:/|()\-–—•·;+]"
_CAP_WORD = r"\p{Lu}[\p{L}'’.-]*"
_NAME = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,4}}"
#: A person's name set before a date with no separator: two or three words
#: ("Jane Doe 19 Nov 2019"). One word is a label ("IMSAK 04:29", "Dados de 13
#: de Abril de 2022"), four or more a subhead ("Video Detik-Detik Erupsi Gunung
#: Gede 2 April 2025"); both from the outside audit of 2026-12-07.
_BARE_NAME = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,2}}"
#: A date cue: a clock time, a numeric date, "ago" or a month-name stem.
MONTH_CUE: Final = (
    r"(?:[0-9][:h][0-9]{2}|[0-9][/.-][0-9]{1,2}[/.-][0-9]{2}|ago|jan|feb|f[eé]v|m[aä]r|apr|avr|"
    r"abr|may|mai|mei|jun|juin|jul|juil|aug|ao[uû]|sep|set|o[ck]t|out|nov|de[cz]|d[eé]c|dic"
    # Month names of the other languages in date_words.txt (issue 15: "20 Nisan
    # 2026", "8 января"), whole names: a stem ("ott", "gen") would read
    # "spotted" or "general" as dated. No word boundaries: a Unicode ``\b``
    # took this regex from 15 to 88 ms per 17 MB of lines (2026-12-07).
    r"|ocak|şubat|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|gennaio|maggio"
    r"|giugno|luglio|ottobre|maret|agustus|januari|februari"
    r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада"
    r"|грудня)"
)
#: What fixes a moment: a year (4 digits, or a numeric date), a clock time, or
#: a relative word. A stamp has one; a bare day and month is a calendar heading.
_MOMENT: Final = (
    r"(?:^|[^0-9])[0-9]{4}(?:[^0-9]|$)|[0-9][/.-][0-9]{1,2}[/.-][0-9]{2}|[0-9][:h.][0-9]{2}"
    r"|[0-9]\s+\p{L}{3,9}\.?\s+[0-9]{2}$|ago|vor |hace|há |il y a"
    r"|[0-9]\s*(?:min|hour|hr|day|week|month|year|std|tag|stund)"
)


@cache
def date_sequence() -> str:
    """Regex body: numbers and date words separated by punctuation ("Nov 19, 2019, 10:31 pm")."""
    tok = rf"(?:{_NUM}|{alternation('date_words')})"
    return rf"{_SEP}*{tok}(?:{_SEP}+{tok})*{_SEP}*"


def name_date() -> pl.Expr:
    """A name beside a date: "Chris Davies - Nov 19, 2019", "Natasha Turak @NatashaTurak".

    >>> from dq.signals._demo import flags
    >>> flags(name_date(), ["Chris Davies - Nov 19, 2019, 10:31 pm CST", "Jane Doe 19 Nov 2019",
    ...                     "February 1, 2019 | BY: Ilana Muhlstein, MS, RDN"])
    [True, True, True]
    >>> flags(name_date(), ["Editorial 04 NOV 25", "Letzte Aktualisierung: 28.01.2022"])
    [True, True]
    >>> flags(name_date(), ["IMSAK 04:29", "Dados de 13 de Abril de 2022",
    ...                     "Video Detik-Detik Erupsi Gunung Gede 2 April 2025",
    ...                     "ZUHUR 12:00", "Foto Banjir Besar Jakarta 5 Maret 2025"])
    [False, False, False, False, False]
    """
    # A name starts with a capital (``upper`` is a superset) and the date
    # needs a cue: both pick the lines the costly regex sees.
    dated = (WORDS <= BYLINE_WORDS) & f("digit") & f("upper") & f("date_cue")
    # Name then date, or the date first: "February 1, 2019 | BY: Ilana Muhlstein, MS, RDN".
    by = rf"(?i:by|von|par|por)\s*:?\s+{_NAME}(?:,[^.!?]{{0,30}})?"
    named = rf"(?:{_NAME}\s*[-–|•,/@]\s*|{_BARE_NAME})"
    # One word only right before the date's digits: a section label ("Editorial 04 NOV 25");
    # "Dados de 13 de Abril" is a phrase, "IMSAK 04:29" a timetable row (``date_row``).
    label = rf"{_CAP_WORD}\s*[0-9]{{1,4}}(?i:(?:st|nd|rd|th)?(?:{date_sequence()})?)"
    with_date = matches(dated, S,
                        rf"^(?:{named}?(?i:{date_sequence()})|{label})(?:{by})?$")
    handle = matches(
        (WORDS <= 8) & f("at"), S, rf"^{_NAME}\s*@[A-Za-z0-9_]{{2,}}(?:\s*/\s*.{{0,20}})?$"
    )
    # A name beside a date is a byline even without the year ("Alessio Palumbo • Nov 18");
    # a date alone needs its year or time (``date_row``).
    return (with_date & ~_list_row() & ~(f("date_only") & f("date_row"))) | handle


def date_row() -> pl.Expr:
    """A dated line that is a row of a list or a heading in the text, not a stamp.

    A stamp fixes a moment (a year, a clock time or "2 hours ago") and stands
    alone: a day and month without either is a calendar or agenda heading, a
    line ending ";" is a list item, and a word and a clock time ("IMSAK 04:29")
    is a timetable row. (A run of dated lines is a list too, but the runs of
    the dev pages are archive menus, "September 2011" under "August 2011":
    chrome, so a run alone does not clear a line; measured 2026-12-07, the
    run rule dropped 1,448 more dev lines, 1,430 of them archive rows of
    partial_lines.jsonl, and cleared no further audit item.)

    >>> from dq.signals._demo import flags
    >>> flags(date_row(), ["25 de Abril (terça-feira);", "5 janeiro (quinta-feira)", "May 15",
    ...                    "IMSAK 04:29", "14h30 Conversa", "Maghrib 18:02"])
    [True, True, True, True, True, True]
    >>> flags(date_row(), ["Today 18:02", "Monday 10:31", "10:31 CEST", "Heute 09:15"])
    [False, False, False, False]
    >>> flags(date_row(), ["19 NOV 2019", "Updated 3 hours ago", "11:53 am",
    ...                    "Monday November 18, 2019 7:45 am PST", "Chris Davies - Nov 19, 2019"])
    [False, False, False, False, False]
    """
    dated = f("dated") & f("date_cue")
    # A day of the month (1-2 digits, not a count in parentheses: "Abril (115)"
    # is an archive menu entry, chrome of another kind).
    day = matches(dated, LOW, r"(?:^|[^0-9(])[0-9]{1,2}(?:[^0-9)]|$)")
    undated = day & ~matches(day, LOW, _MOMENT)
    # audit25: a table's dates ("2024-5-7 2024-4-29") are cells, not stamps.
    return flag(undated | _list_row() | _heading_row() | date_table())


def _heading_row() -> pl.Expr:
    """A dated line that heads what follows (it ends ":") or a row of a fixture table.

    A stamp is a fact about the page; "Tuesday, 23rd June 2020:" over a
    list of matches, or "Friday, 11-06-2020" between "-Sevilla 2-0 Real
    Betis" and "-Granada 2-1 Getafe", is a heading of the article's table
    (:func:`dq.signals.chrome_rows.fixture_table`; audit21, kawowo and
    pmldaily, ``tests/data/audit/judgements_d.jsonl``).

    >>> from dq.signals._demo import flags, article_flags
    >>> flags(date_row(), ["Tuesday, 23rd June 2020:"])
    [True]
    >>> article_flags(date_row(), "-Sevilla 2-0 Real Betis\\nFriday, 11-06-2020\\n"
    ...               "-Granada 2-1 Getafe")
    [False, True, False]
    """
    dated = f("dated") & f("date_cue")
    return dated & (S.str.ends_with(":") | f("fixture_table"))


def _list_row() -> pl.Expr:
    """A list item (ends ";") or a timetable row (a word and a clock time), dated."""
    dated = f("dated") & f("date_cue")
    listed = dated & S.str.ends_with(";")
    # One word and a clock time, either way round: "IMSAK 04:29", "14h30 Conversa".
    # Not a date word: "Today 18:02", "Monday 10:31", "oppdatert 10:31" are stamps.
    two = dated & (WORDS == 2)
    timetable = matches(two, S, r"^(?:\p{L}+\s+[0-9]{1,2}[:.h][0-9]{2}"
                                r"|[0-9]{1,2}[:.h][0-9]{2}\s+\p{Lu}\p{Ll}{3,})$") & ~matches(
        two, LOW, rf"^(?:{alternation('date_words')})\s|\s(?:{alternation('date_words')})$")
    return flag(listed | timetable)


#: Most words of a name beside a stamp: a name and a title or an outlet
#: ("Amy Gibbons Political Correspondent", "Tanza Loudenback, Business Insider").
STAMP_NAME_WORDS: Final = 4


def name_beside_stamp() -> pl.Expr:
    """A name alone on its line right above or below a date stamp: the article's byline.

    Anywhere in the text, not only at its edges: in a whole page the
    article's header sits in the middle (``lines.jsonl``), and a live blog
    prints an author beside each entry's time. Not when a line beside it
    is a name too: a list of people ("Anna Menin" / "Chris Davies" / a date
    row) is content. Context evidence (the stamp beside it), so never a
    full sentence. On the dev pages (leave-one-site-out, 2026-12-07) this
    added 3 chrome lines in extractor output and 36 chrome lines and one
    content line ("South Dakota Gov. Kristi Noem", a title above a stamp)
    in the page windows.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(name_beside_stamp(), "The storm reached the coast, forecasters said.\\n"
    ...               "André Schmidt\\n30. Juni 2025, 15:59 Uhr\\nThe river rose overnight.")
    [False, True, False, False]
    >>> article_flags(name_beside_stamp(), "The winners were announced on Monday evening.\\n"
    ...               "Anna Menin\\nChris Davies\\n30. Juni 2025, 15:59 Uhr\\nMore text here.")
    [False, False, False, False, False]
    >>> article_flags(name_beside_stamp(), "PRESS RELEASE\\n4th June 2021\\n"
    ...               "OBASANJO NOT FORMING POLITICAL PARTY\\nThe report is false, he said.")
    [False, False, False, False]
    """
    name, other = f("stamp_name"), f("stamp_name_beside")
    return name & ~flag(prev(other)) & ~flag(nxt(other))


def stamp_name() -> pl.Expr:
    """A name-like line beside a stamp, with lower-case letters (feature ``stamp_name``)."""
    direct = f("direct")
    near = flag(prev(direct)) | flag(nxt(direct))
    # A name in capitals only is as often a headline in capitals ("OBASANJO NOT
    # FORMING POLITICAL PARTY" under a press release's date; outside audit
    # prec15, record ng_0577).
    cand = name_like(near & ~direct & (WORDS <= STAMP_NAME_WORDS))
    return matches(cand, S, r"\p{Ll}")


def stamp_name_beside() -> pl.Expr:
    """A name-like line beside a ``stamp_name`` line (feature ``stamp_name_beside``)."""
    name = f("stamp_name")
    return name_like((flag(prev(name)) | flag(nxt(name))) & ~f("direct"))


#: What a date of a record's field is of (a profile, a register, a form):
#: birth, death, marriage, founding, and their words in the languages of
#: ``phrases/dateline_label.txt``. "Date of Birth: 8th February 1998" is a
#: fact of a player profile (audit21, kawowo), not the page's stamp.
_FIELD_DATES: Final = (
    r"^(?:date|datum|fecha|data|dato)\s+(?:of|de|da|di|der|des|du|van|for)\s+"
    r"(?:birth|death|marriage|foundation|founding|incorporation|naissance|décès|nacimiento"
    r"|muerte|nascimento|morte|nascita|geburt|tod|fødsel|födelse|geboorte)"
)


def field_date() -> pl.Expr:
    """A dated field of a profile or register: "Date of Birth: 8th February 1998".

    >>> from dq.signals._demo import flags
    >>> flags(field_date(), ["Date of Birth: 8th February 1998", "Date de naissance : 3 mai 1990",
    ...                      "Date: 19 Nov 2019", "Date published: 19 Nov 2019"])
    [True, True, False, False]
    """
    return matches(f("dated") & LOW.str.starts_with("dat"), LOW, _FIELD_DATES)
