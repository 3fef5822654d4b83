"""Chrome signals for article metadata printed into the text.

Why: photo captions and credits, bylines, datelines and section labels are
not the article body. Human-written article bodies (the ``aeb`` ground
truth) leave them out, and a corpus that keeps them teaches a model that
prose is interrupted by "Photograph: AFP via Getty" and "Updated 3 hours ago".

These signals rely on line *shape* more than on phrases: a credit ends a
line with an agency name, a dateline is made only of date words and numbers,
a byline is "By" plus capitalised names, a caption is the line just above a
stand-alone credit.
"""

from __future__ import annotations

from functools import cache
from typing import Final

import polars as pl

from dq.signals._phrases import alternation
from dq.signals.chrome_lines import claimed
from dq.signals.chrome_shape import (
    CHARS,
    FROM_END,
    HEAD,
    IDX,
    LOW,
    TAIL,
    WORDS,
    F,
    S,
    after_first,
    at_edge,
    core,
    ends_sentence,
    flag,
    has_digit,
    name_like,
    nxt,
    prefix,
    prev,
    short_lead,
    staged,
    whole,
)

#: Longest caption (words) recognised from its neighbouring credit line.
#: Captions in the tuning half of extracted.jsonl run to 55 words.
CAPTION_WORDS: Final = 60

#: Longest byline/dateline line (words): "Last Updated : Nov 20, 2019 01:41 PM
#: IST | Source: Moneycontrol.com" is 14.
BYLINE_WORDS: Final = 16

_NUM = r"[0-9]{1,5}(?:[:.h][0-9]{2}){0,2}(?:st|nd|rd|th|er|e|º|°|h|am|pm|a\.m|p\.m)?"
_SEP = r"[\s,.:/|()\-–—•·;+]"
_CAP_WORD = r"\p{Lu}[\p{L}'’.-]*"
_NAME = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,4}}"
#: A date cue: a clock time, a numeric date, "ago" or a month-name stem.
MONTH_CUE: Final = (
    r"(?:[0-9][:h][0-9]{2}|[0-9][/.-][0-9]{1,2}[/.-][0-9]{2}|ago|jan|feb|f[eé]v|m[aä]r|apr|avr|"
    r"abr|may|mai|mei|jun|juin|jul|juil|aug|ao[uû]|sep|set|o[ck]t|out|nov|de[cz]|d[eé]c|dic)"
)


@cache
def date_sequence() -> str:
    """Regex body: numbers and date words separated by punctuation ("Nov 19, 2019, 10:31 pm")."""
    tok = rf"(?:{_NUM}|{alternation('date_words')})"
    return rf"{_SEP}*{tok}(?:{_SEP}+{tok})*{_SEP}*"


def _dated() -> pl.Expr:
    """Short lines with a date cue (digits, or "ago"): the only lines a dateline test needs."""
    return pl.when((WORDS <= BYLINE_WORDS) & (has_digit() | LOW.str.contains("ago"))).then(LOW)


def date_only() -> pl.Expr:
    """The line is only a date and/or time ("19 NOV 2019", "2 days ago at 07:52 am").

    >>> from dq.signals._demo import flags
    >>> flags(date_only(), ["19 NOV 2019", "Monday November 18, 2019 7:45 am PST", "13:00",
    ...                     "sexta-feira, 22 de outubro de 2010 às 20:13", "Updated an hour ago"])
    [True, True, True, True, False]
    >>> flags(date_only(), ["2019", "May the best team win"])
    [False, False]
    """
    dated = _dated()
    return flag(dated.str.contains("^" + date_sequence() + "$") & dated.str.contains(MONTH_CUE))


def _dateline_label() -> pl.Expr:
    lead = LOW.str.strip_chars_start(" |•-–—")
    label = lead.str.contains(prefix("dateline_label") + r"(?:\s*:)?(?:\s|$)")
    stamped = has_digit() | (WORDS <= 3) | flag(LOW.str.contains("ago"))
    piped = LOW.str.contains(
        r"\|\s*(?:updated|published|posted|aktualisiert|actualizado|atualizado|mis à jour)"
        r"\s*:?\s*[0-9a-z]"
    )
    return flag(label & stamped & (WORDS <= BYLINE_WORDS)) | flag(piped & (WORDS <= 20))


def _byline() -> pl.Expr:
    lead = rf"^(?i:{alternation('byline')})\s*:?\s+(?:\p{{Lu}}|@)"
    alone = flag(LOW.str.contains(r"^(?:by|von|par|por|door)$"))
    named = flag(pl.when(WORDS <= 14).then(HEAD).str.contains(lead)) & (
        ~ends_sentence() | has_digit() | S.str.contains("@")
    )
    return alone | named


def _name_date() -> pl.Expr:
    dated = pl.when((WORDS <= BYLINE_WORDS) & has_digit()).then(S)
    with_date = dated.str.contains(rf"^{_NAME}\s*[-–|•,/@]?\s*(?i:{date_sequence()})$")
    cue = _dated().str.contains(MONTH_CUE)
    handled = pl.when((WORDS <= 8) & S.str.contains("@")).then(S)
    handle = handled.str.contains(rf"^{_NAME}\s*@[A-Za-z0-9_]{{2,}}(?:\s*/\s*.{{0,20}})?$")
    return flag(with_date & cue) | flag(handle)


def _tagline() -> pl.Expr:
    ending = pl.when((FROM_END <= 3) & (WORDS <= 30)).then(LOW)
    return flag(ending.str.contains(
        r"(?:contributed (?:reporting|to this (?:report|story|article))|additional reporting by"
        r"|^reporting by .*editing by|^editing by)"
    ))


def _author_bio() -> pl.Expr:
    """An "About the author" heading near the end, and the lines below it."""
    ending = pl.when((FROM_END <= 6) & (WORDS <= 5)).then(S)
    heading = ending.str.contains(
        r"^(?i:about|über|sobre|à propos de|a propos de|acerca de)\s+(?:(?i:the author|the writer"
        r"|me|us|o autor|l'auteur|el autor)|\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})$"
    )
    return after_first(flag(heading))


def byline_dateline() -> pl.Expr:
    """Bylines, datelines, "Updated ..." stamps, reading times and the author names beside them.

    >>> from dq.signals._demo import flags
    >>> flags(byline_dateline(), ["By Jane Doe", "Published Monday, November 18, 2019 8:22AM EST",
    ...                           "Updated 3 hours ago", "19 NOV 2019", "• 2 min read",
    ...                           "Chris Davies - Nov 19, 2019, 10:31 pm CST",
    ...                           "Natasha Turak @NatashaTurak", "Von Max Muster"])
    [True, True, True, True, True, True, True, True]
    >>> flags(byline_dateline(), ["By 2030 the city wants to be carbon neutral.",
    ...                           "Updated guidance was published by the agency in May."])
    [False, False]
    """
    reading = flag(core().str.contains(whole("reading_time")))
    direct = F("direct")
    near = flag(prev(direct)) | flag(nxt(direct))
    return staged(
        {"direct": date_only() | _dateline_label() | _byline() | _name_date() | reading,
         "name": pl.when(at_edge(8, 3)).then(name_like()), "more": _tagline() | _author_bio()},
        {"out": direct | (flag(F("name")) & near) | F("more")},
        out="out",
    )


def _credit_marker() -> pl.Expr:
    """The line starts with, or ends with, a photo-credit marker."""
    starts = flag(short_lead().str.contains(prefix("media_credit")))
    agencies = alternation("photo_agencies")
    # Captions with their credit often run past the short-line limit, so
    # these look at the end of every line ("... (AP Photo/Gene J. Puskar) less").
    toggle = r"(?:\s*(?:less|more|mehr|weniger|plus|moins|más|menos))?"
    # Not after ":": "Source: AFP" is an attribution line, not a photo credit.
    agency_end = TAIL.str.contains(
        rf"(?i)(?:,|\||/| via)\s*{agencies}\s*(?:/\s*{agencies})?\s*\)?{toggle}$"
    )
    in_parens = TAIL.str.contains(
        r"(?i)\([^()]*(?:photo|image|credit|foto|bild|picture|getty|istock|shutterstock|reuters"
        rf"|afp|epa|dpa|alamy|nasa|courtesy|©)[^()]*\)\W*{toggle}$"
    )
    slash_parens = TAIL.str.contains(
        rf"\(\s*\p{{Lu}}[\w.&-]*(?:\s*/\s*\p{{Lu}}[\w.& -]*)+\)\W*{toggle}$"
    )
    via = flag(
        pl.when(WORDS <= 12).then(TAIL).str.contains(r" via \p{Lu}[\w.-]*(?: \p{Lu}[\w.-]*){0,3}$")
    )
    glued = S.str.contains(
        r"(?:\p{Ll}|[.!?”\"’)])(?:Credit|Photograph|Photo|Image|Picture)(?::|\.\.\.|…)"
    )
    trailing = TAIL.str.contains(
        r"(?:^|\s|[.!?”’)])(?:Photograph|Photos?|Illustration|Image|Picture|Foto|Bild|Credit|"
        r"Crédit|Crédito|Quelle)s?: ?[^.!?]{2,80}$"
    )
    return starts | agency_end | in_parens | slash_parens | via | glued | trailing


def media_credit() -> pl.Expr:
    """Photo captions and credits: "Photo: AP", "(Image: GETTY)", "Name | Bloomberg | Getty Images".

    A line just above a short stand-alone credit is its caption when it is a
    single sentence of at most :data:`CAPTION_WORDS` words; the line after
    an "Image 2 of 5" counter or a bare "Photo:" is a caption or credit too.

    >>> from dq.signals._demo import flags
    >>> flags(media_credit(), ["Photo credit: Jane Doe", "Credit: EPA", "Image: Reuters",
    ...                        "Photograph: AFP via Getty", "Protesters march (Image: GETTY)",
    ...                        "Natalie Naccache | Bloomberg | Getty Images", "Image 2 of 5",
    ...                        "Michael Conroy, AP", "The map of Titan. (NASA/JPL-Caltech/ASU)"])
    [True, True, True, True, True, True, True, True, True]
    >>> flags(media_credit(), ["The photo was taken in 1969 by an unknown soldier.",
    ...                        "WASHINGTON (AP) — The Senate voted on Tuesday."])
    [False, False]
    """
    counter = flag(LOW.str.contains(
        r"^(?:(?:image|photo|picture|slide|bild|foto|imagen|imagem)\s*)?[0-9]+\s*(?:of|von|de|sur"
        r"|/)\s*[0-9]+$"
    ))
    bare = flag(core().str.contains(r"^(?:photo|image|foto|bild|credit|crédit|crédito|фото)s?$"))
    marker = F("marker")
    standalone = marker & (WORDS.is_between(2, 8))
    one_sentence = ~flag(
        pl.when(WORDS <= CAPTION_WORDS).then(S).str.contains(r"[.!?][\"”’]? \p{Lu}")
    ) & (WORDS <= CAPTION_WORDS)
    # A credit on the last lines is often a note for the whole article
    # ("Main image credit: Getty"), so the line above it is not a caption.
    above_credit = flag(nxt(standalone)) & (FROM_END >= 2)
    return staged(
        {"marker": _credit_marker() & (WORDS <= CAPTION_WORDS + 10), "counter": counter,
         "bare": bare},
        {"caption": one_sentence & (above_credit | flag(prev(F("counter")))) & ~marker},
        {"out": marker | F("counter") | F("caption") | F("bare")
         | (flag(prev(F("bare"))) & (WORDS <= 8))},
        out="out",
    )


def category_label() -> pl.Expr:
    """A lone section label ("Business", "World") above the headline at the top of the text.

    >>> from dq.signals.chrome_shape import article_flags
    >>> article_flags(category_label(), "Business\\nRussia accuses old ally of trying to break "
    ...               "off relations\\nRussia's foreign minister has accused Armenia of lying.")
    [True, False, False]
    >>> article_flags(category_label(), "Brexit\\nThe vote was held in 2016, and the result "
    ...               "surprised many people in the country and abroad.")
    [False, False]
    """
    top = pl.when(IDX <= 3).then(S)
    label = (WORDS <= 3) & (CHARS <= 30) & flag(top.str.contains(r"^[^0-9:@|/]+[^.!?:,;…]$"))
    head = (WORDS.is_between(4, 25)) & flag(
        top.str.contains(r"^[\p{Lu}0-9\"'“‘«¿¡]") & ~top.str.contains(r"[.…,;][\"'”’)]*$")
    )
    lab, hd = F("label"), F("head")
    return staged(
        {"candidate": label, "head": head & ~label},
        {"label": F("candidate") & ~claimed(where=F("candidate"))},
        {"out": (IDX <= 2) & lab & (flag(nxt(hd)) | (flag(nxt(lab)) & flag(nxt(hd, 2))))},
        out="out",
    )
