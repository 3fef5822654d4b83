"""Photo captions told by their own words: a position marker, a label, a wire caption's
opening or date, a credit pair.

Why: on publishers dq has never seen, captions are the largest class of
missed chrome that a phrase can still tell apart (issue 15; recall28 read
the missed lines of the dev files' Fundus and aeb rows). Most captions are
plain sentences, and a full sentence is never chrome on its shape or its
neighbours alone. Some captions, though, say in their own words that they
describe a picture, and nothing else does:

* a **position marker** (:func:`caption_marked`): who stands where in the
  picture, "Sir Tony Blair (left) being interviewed by Dylan Jones",
  "Der Ex-Rapper Brado (links) ...", "Vargas Llosa (r.) mit Verleger ...",
  "Pictured from left, are ...", "Vorstandsmitglieder (von li nach re): ...",
  "清水治理事長（中）ら大学幹部", the wire's "Mark Esper, left, and ...". Prose
  names people; only a caption points at where they stand;
* a **label** (:func:`caption_labelled`): "Legende: ...", "Bildunterschrift: ...";
* a **wire caption's date** (:func:`caption_dated`): agency captions end
  with the place and the date the picture was taken, after a comma and with
  no preposition ("... in Birmingham, Alabama, April 14, 2024."); a sentence
  of prose dates an event "on April 14, 2024";
* a **wire caption's opening** (:func:`caption_opener`): "This March 28, 2017,
  file photo, provided by ...", "This illustration shows ...", "An artist's
  concept of ...";
* a **credit pair** (:func:`credit_pair`): a line that is only a picture
  agency and a photographer or source, joined by a slash ("Imago/Blaulicht-News.de",
  "Neil Mockford/GC Images", "Screenshots Instagram/TikTok").

Each is ``phrase`` evidence for ``media_credit`` (the line's own words), so a
full-sentence caption may be reported. Measured leave-one-site-out on
``../shared/eval/dev`` and on the judged audit excerpts (see the changelog
of recall28): none flags a content line of the dev files; of the audit
excerpts' lines they add 3 findings, all captions.
"""

from __future__ import annotations

import re
from typing import Final

import polars as pl

from dq.signals.chrome_meta import media_credit, media_credit_evidence
from dq.signals.chrome_shape import CHARS, WORDS, S, blank_outside, f, feature, flag
from dq.signals.frames import Feature

__all__ = [
    "CAPTION_CHARS", "CREDIT_PAIR_WORDS", "FEATURES", "caption_dated", "caption_labelled",
    "caption_marked", "caption_opener",
    "credit_pair", "marked_caption", "media_credit_or_caption", "media_credit_or_caption_evidence",
]

#: Longest caption judged (characters). Wire captions run to three sentences
#: ("Pictured at the back, from left, are ..." in DurbanLocal's pages, about
#: 300 characters); a longer line is a paragraph that may mention a picture.
CAPTION_CHARS: Final = 600
#: Most words of a credit pair: an agency and a name on each side of the slash.
CREDIT_PAIR_WORDS: Final = 5

# Position markers, in brackets: English, German (also abbreviated "(r.)",
# "(li.)", "(v. l.)"), Spanish, French, Italian, Dutch, Scandinavian, and the
# full- or half-width Japanese/Chinese 中/左/右. A single bare letter "(L)" is not
# taken: "(R)" is a party or a trademark sign.
_SIDE: Final = (
    r"(?:(?:far |second from |top |bottom |front |back |standing |seated )?(?:left|right|centre"
    r"|center)|l\.|r\.|li\.?|re\.?|links|rechts|mitte|(?:von )?li\.? (?:nach|n\.) re\.?"
    r"|v\. ?l\.(?: ?n\. ?r\.)?|izq\.?|izquierda|dcha\.?|derecha|centro|à gauche|à droite"
    r"|au centre|sinistra|destra|al centro|links op de foto|venstre|høyre|vänster|höger|midten"
    r"|mitten|t\.v\.|t\.h\.)"
)
#: A caption's own words: a bracketed position (a word of its own: "Masku(li)nist" and
#: "the (re)election" bracket a syllable), "Pictured ..." opening the line, "from left to
#: right" / "v.l.n.r." / "de izquierda a derecha" as a phrase, and the bare "from left" /
#: "von links" only before its list (",", ":"): prose says "From left-wing groups came
#: ...", "Von links bis rechts ...", "Angriffe, von links wie von rechts".
_MARKER: Final = (
    rf"(?i:(?:^|[^\p{{L}}])\({_SIDE}\)(?:[^\p{{L}}]|$)|^pictured(?-u:\b)"
    r"|(?:^|[,(:] ?)(?:from left|von links|fra venstre|från vänster)(?:[,:)]|$)"
    r"|(?:^|[,(:] ?)(?:from l(?:eft)? to r(?:ight)?|l-r"
    r"|von links nach rechts|v\. ?l\. ?n\. ?r\.?|de izquierda a derecha|de gauche à droite"
    r"|da sinistra a destra|van links naar rechts)(?-u:\b))"
    r"|[（(][中左右][)）]"
)
#: The wire style, between commas after a name: "Mark Esper, left, and ..."
_WIRE_MARKER: Final = (
    r"\p{Lu}[\p{L}.'’-]+, (?:far |second from |top |bottom |front |back |standing |seated )?"
    r"(?:left|right|center|centre),"
)
#: ... unless the sides are listed one after another: the political spectrum of prose
#: ("Politically, left, right and centre agreed ...").
_SIDE_LIST: Final = r"(?i:(?:left|right|cent(?:er|re)), (?:and |or )?(?:left|right|cent(?:er|re)))"
#: Literals one of which every marker holds: a cheap mask before the regex (a plain
#: alternation of literals is searched for all at once; "(" alone is on one line in ten).
_MARKER_LITERALS: Final = (
    "(left", "(Left", "(right", "(Right", "(centre", "(center", "(far ", "(second", "(top ",
    "(bottom ", "(front ", "(back ", "(standing ", "(seated ", "(l.)", "(r.)", "(L.)", "(R.)",
    "(li", "(re", "(Li", "(links", "(rechts", "(Mitte", "(mitte", "(von ", "(v. ", "(v.l", "(izq",
    "(dcha", "(derecha", "(izquierda", "(centro", "(à ", "(au centre", "(sinistra", "(destra",
    "(al centro", "(venstre", "(høyre", "(vänster", "(höger", "(midten", "(mitten", "(t.v", "(t.h",
    "（中", "（左", "（右", "(中", "(左", "(右", "Pictured", "pictured", "rom left", "rom l to",
    "rom L", "on links", "on Links", "v. l.", "v.l.", "V. l.", "V.l.", "izquierda a", "gauche à",
    "sinistra a", "an links", "ra venstre", "rån vänster", "l-r", "L-R", ", left,", ", right,",
    ", center,", ", centre,", ", far ", ", second from ", ", top ", ", bottom ", ", front ",
    ", back ", ", standing ", ", seated ",
)
_MARKER_HINT: Final = "|".join(re.escape(x) for x in _MARKER_LITERALS)

_MONTH: Final = (
    r"(?:Jan\.?|January|Feb\.?|February|March|April|May|June|July|Aug\.?|August|Sept?\.?"
    r"|September|Oct\.?|October|Nov\.?|November|Dec\.?|December)"
)
#: Literals one of which a caption's date holds (the months and weekdays after a comma).
_MONTH_HINT: Final = "|".join(
    ", " + m for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                       "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
#: ", April 14, 2024." or ", Tuesday, Nov. 19, 2019." closing the line, maybe followed by
#: a bracketed credit.
_DATED: Final = (rf", (?:\p{{L}}+day, )?{_MONTH} [0-9]{{1,2}}, (?:19|20)[0-9]{{2}}"
                 r"(?:\.[\"”’]?(?: ?\([^()]{1,80}\))?| ?\([^()]{1,80}\))$")
#: ... unless a preposition or a time word dates an event: "on Monday, April 14, 2024.",
#: "Today, Monday, May 7, 2012." (a media advisory's "WHEN:", the eleventh audit; a
#: weekday and date set off in mid-line is prose there too: "Yesterday, Thursday, July
#: 8, 2021, the agency announced ...", so only the line's end is read).
_EVENT_DATE: Final = (
    r"(?i:(?-u:\b)(?:on|since|until|by|before|after|from|through|dated|of|last|next|this|that"
    r"|today|yesterday|tomorrow|tonight|when|date),? )"
    rf"(?:\p{{L}}+day, )?{_MONTH} [0-9]{{1,2}}, (?:19|20)[0-9]{{2}}"
)
#: ... or the line dates a life or a firm, as a biography does in the caption's own
#: order: "The company was founded in Austin, Texas, March 3, 1999."
_LIFE_EVENT: Final = r"(?i:(?-u:\b)(?:born|died|founded|established|incorporated|married)(?-u:\b))"

#: A caption's opening: "This March 28, 2017, file photo ...", "This illustration shows
#: ...", "In this undated handout photo ...", and an artist's concept or impression.
#: Not "This picture of ...": prose's figure ("This image of a caring state is a myth").
_OPENER: Final = (
    r"(?i:^(?:in )?this (?:[\p{L}0-9.,’'-]+ ){0,5}(?:file |undated |handout )?(?:photo|image"
    r"|picture|illustration|rendering|photograph|screenshot|video grab|frame grab)(?:,| shows"
    r"| provided| released| taken| made| from| by| depicts| obtained| courtesy)"
    r"|(?-u:\b)artist'?[’']?s (?:concept|impression|rendering|illustration)(?-u:\b))"
)

#: A picture agency or image source on one side of a slash. The names are the
#: agencies of ``phrases/photo_agencies.txt`` that open a credit ("Imago/...",
#: "dpa/..."), a "... Images" agency ("GC Images", "Getty Images"), a stock site
#: or a screenshot.
_PAIR: Final = (
    r"(?i)^(?:(?:imago|dpa|afp|ap|epa|reuters|apa|keystone|picture[- ]alliance|anp|belga|ritzau"
    r"|ntb|tt|sda|ansa|efe|shutterstock|istock|alamy|screenshots?) ?/ ?\S"
    r"|\S.*(?:/ ?[\p{L}. ]{0,20}(?-u:\b)images?|/ ?(?:imago|dpa|afp|ap|epa|reuters|apa|keystone"
    r"|picture[- ]alliance|shutterstock|istock|alamy)(?-u:\b)[\p{L}. ]{0,20})$"
    r"|.{1,40} - stock\.adobe\.com$|screenshots? .{1,40}$)"
)


#: A caption's label opening the line, in the languages whose label the phrase list
#: (``phrases/media_credit.txt``, short lines only) lacks or reads only on short lines:
#: "Legende: Biden traf sich am Samstagabend ..." (SRF), "Foto(s): © ...".
_LABELS: Final = (
    "Legende", "Bildlegende", "Bildunterschrift", "Bildtext", "Foto(s)", "Leyenda", "Légende",
    "Didascalia", "Bijschrift", "Billedtekst", "Bildetekst", "Caption",
)
_LABEL: Final = "^(?:" + "|".join(re.escape(x) for x in _LABELS) + r") ?:"

#: Literals one of which every line the five regexes may flag holds: the position
#: markers, a month or weekday after a comma, "This "/"artist", a slash, a stock site,
#: a caption label.
_CANDIDATE_HINT: Final = "|".join((
    _MARKER_HINT, _MONTH_HINT, "This |this |artist", "/", re.escape("stock.adobe"),
    *(re.escape(x) for x in _LABELS)))


def caption_marked() -> pl.Expr:
    """A caption that points at where people stand in the picture (see the module doc).

    >>> from dq.signals._demo import flags
    >>> flags(caption_marked(), ["Sir Tony Blair (left) being interviewed by Dylan Jones",
    ...     "Der Ex-Rapper Brado (links) hörte aus religiösen Gründen mit der Musik auf.",
    ...     "Vargas Llosa (r.) mit Verleger Pere A. Serra und Carmen Serra.",
    ...     "Pictured from left, are romance novelists Jane Doe and Ann Roe.",
    ...     "Vorstandsmitglieder (von li nach re): Pia Ianniello, Pamela Visani",
    ...     "記者会見を開いた清水治理事長（中）ら大学幹部",
    ...     "Defense Secretary Mark Esper, left, and Minister Ngo Xuan Lich shake hands."])
    [True, True, True, True, True, True, True]
    >>> flags(caption_marked(), ["The group were pictured in Bordesley Green, Birmingham tonight.",
    ...     "Senator Jane Doe (R) voted against the bill on Tuesday.",
    ...     "The party (Die Linke) left the coalition.", "Turn left (at the lights).",
    ...     "There is right and wrong, right and wrong for the bottom line.",
    ...     "Turn right, left, then right again at the lights, the driver said.",
    ...     "The party's (re)election campaign starts on Monday.",
    ...     "From left-wing activists came the loudest protest.",
    ...     "Die Angriffe, von links wie von rechts, nahmen zu.",
    ...     "Politically, left, right and centre all agreed on the budget."])
    [False, False, False, False, False, False, False, False, False, False]
    """
    rows = f("cap28_rows")
    wire = rows.str.contains(_WIRE_MARKER) & ~rows.str.contains(_SIDE_LIST)
    return flag(rows.str.contains(_MARKER) | wire)


def caption_labelled() -> pl.Expr:
    """A caption opened by its label: "Legende: ...", "Bildunterschrift: ...", "Foto(s): ...".

    >>> from dq.signals._demo import flags
    >>> flags(caption_labelled(), ["Legende: Der Bürgermeister traf sich am Samstag mit den "
    ...     "Anwohnern der gesperrten Brücke, um über den Neubau zu sprechen.",
    ...     "Foto(s): © Archiv Harbour Post"])
    [True, True]
    >>> flags(caption_labelled(), ["Die Legende: Er kam, sah und siegte.", "Legendary night"])
    [False, False]
    """
    return flag(f("cap28_rows").str.contains(_LABEL))


def caption_dated() -> pl.Expr:
    """A wire caption closed by the picture's place and date after a comma (see the module doc).

    >>> from dq.signals._demo import flags
    >>> flags(caption_dated(), [
    ...     "Adriane Burnett reads to her son in Birmingham, Alabama, April 14, 2024.",
    ...     "Rep. Adam Schiff speaks in Washington, D.C., Nov. 14, 2019. (Joshua Roberts/Reuters)",
    ...     "Teachers rally at the Statehouse in Indianapolis, Tuesday, Nov. 19, 2019."])
    [True, True, True]
    >>> flags(caption_dated(), ["The law takes effect on April 14, 2024.",
    ...     "The vote was held on Monday, April 14, 2024.", "Born in Paris, France, May 5, 1950.",
    ...     "WHEN: Today, Monday, May 7, 2012.",
    ...     "Yesterday, Thursday, July 8, 2021, the agency froze the accounts."])
    [False, False, False, False, False]
    """
    rows = f("cap28_rows")
    return flag(rows.str.contains(_DATED) & ~rows.str.contains(_EVENT_DATE)
                & ~rows.str.contains(_LIFE_EVENT))


def caption_opener() -> pl.Expr:
    """A caption that opens by naming the picture: "This ... file photo", "An artist's concept".

    >>> from dq.signals._demo import flags
    >>> flags(caption_opener(), ["This March 28, 2017, file photo shows the old bridge.",
    ...     "This illustration shows a concept moon lander by Acme Space.",
    ...     "An artist's concept of a lunar rover on the moon's surface."])
    [True, True, True]
    >>> flags(caption_opener(), ["This is the photo that changed her career, she said.",
    ...     "The artist's studio burned down in 1999.",
    ...     "This image of a caring state is a myth, she argued."])
    [False, False, False]
    """
    return flag(f("cap28_rows").str.contains(_OPENER))


def credit_pair() -> pl.Expr:
    """A line that is only a credit: an agency or image source and a name, joined by a slash.

    >>> from dq.signals._demo import flags
    >>> flags(credit_pair(), ["Imago/Blaulicht-News.de", "Neil Mockford/GC Images",
    ...     "Screenshots Instagram/TikTok", "cristianstorto - stock.adobe.com"])
    [True, True, True, True]
    >>> flags(credit_pair(), ["Best for Active/Side Sleepers", "Vi rapporterer fra Oslo/Paris",
    ...     "No buses Royal Parade/Mayflower Street", "AP/Reuters poll shows a lead."])
    [False, False, False, False]
    """
    return flag((WORDS <= CREDIT_PAIR_WORDS) & f("cap28_rows").str.contains(_PAIR) & ~f("sent"))


def _candidates() -> pl.Expr:
    """The lines any of the five may flag, others blanked (feature ``cap28_rows``).

    One pass of literals (:data:`_CANDIDATE_HINT`) picks them; the five regexes then run
    on this one column, where all other lines are empty strings (a blanked column costs a
    copy of the lines: one for the five, not one each).
    """
    return blank_outside((CHARS <= CAPTION_CHARS) & S.str.contains(_CANDIDATE_HINT), S)


def marked_caption() -> pl.Expr:
    """Any of the five (feature ``cap28``): ``media_credit`` with ``phrase`` evidence.

    >>> from dq.signals._demo import flags
    >>> flags(marked_caption(), ["Imago/Harbour Press", "Legende: Die Brücke.", "It rained."])
    [True, True, False]
    """
    return (caption_marked() | caption_labelled() | caption_dated() | caption_opener()
            | credit_pair())


FEATURES: tuple[Feature, ...] = (
    feature("cap28_rows", _candidates),
    feature("cap28", marked_caption),
)


def media_credit_or_caption() -> pl.Expr:
    """:func:`~dq.signals.chrome_meta.media_credit` or a caption told by its own words.

    >>> from dq.signals._demo import flags
    >>> flags(media_credit_or_caption(), ["Photo: AP", "Jane Holt (left) at the bridge",
    ...                                   "The bridge was closed on Monday."])
    [True, True, False]
    """
    return media_credit() | f("cap28")


def media_credit_or_caption_evidence() -> pl.Expr:
    """``phrase`` on a caption told by its own words, else ``media_credit``'s evidence.

    >>> from dq.signals._demo import flags
    >>> flags(media_credit_or_caption_evidence() == "phrase", ["Jane Holt (left) at the bridge"])
    [True]
    """
    return pl.when(f("cap28")).then(pl.lit("phrase")).otherwise(media_credit_evidence())
