"""Chrome that sites print at the article's edges and between its parts (recall24, issue 15).

Why: on publishers dq has never seen, half of the chrome extractors leave
is missed (leave-one-site-out on ``../shared/eval/dev``). Three kinds recur
across sites and languages and can be argued from the line itself:

- :func:`site_notice`: a notice the *site* prints around the article (an
  appeal to support or join it, an app or QR-code prompt, a browser or
  JavaScript warning, an embed blocked by privacy settings, a login wall,
  a sign-up form's consent box, a disclaimer that comments or guest
  opinions are not the publisher's). The line says what it is: ``phrase``
  evidence, from ``phrases/site_notice.txt``.
- :func:`caption_credit`: a photo caption that ends in its credit
  ("... in Palma / Lorenzo Marina", "... Duqm. Tara Atkinson for Rest of
  World", "... — Picture by Yusof Mat Isa"). Layout, so ``context``
  evidence and never a full sentence on its own.
- :func:`attribution_name`: a person's name alone on its line where a
  byline or a pull quote's attribution stands: right after a quotation,
  above the speaker's role, or closing the text. ``context`` evidence.

Each is folded into the signal that names what it is (``site_notice`` is a
code of its own; captions and graphics' sources are
:func:`~dq.signals.chrome_meta.media_credit`'s, names, stamps and bylines
by role :func:`~dq.signals.chrome_meta.byline_dateline`'s, tag lines
:func:`~dq.signals.chrome_blocks.navigation`'s).
"""

from __future__ import annotations

import operator
import re
from functools import reduce
from typing import Final

import polars as pl

from dq.signals._phrases import floating
from dq.signals.chrome_shape import (
    LOW,
    WORDS,
    S,
    f,
    flag,
    matches,
    nxt,
    prev,
    record_cum_sum,
    record_sum,
)

__all__ = [
    "NOTICE_WORDS",
    "attribution_name",
    "caption_credit",
    "role_byline",
    "site_notice",
    "source_line",
    "tag_line",
    "time_stamp",
]

#: Longest site notice, in words. The appeals and disclaimers run long ("Hat
#: Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns bitte mit einer
#: Spende, oder werden Sie Mitglied ...": 22 words; a blocked-embed notice
#: naming its examples: 40); the phrases are anchored at the line's start, so
#: the cap only keeps a paragraph that happens to open like one out. 60 is
#: the longest such notice read on the dev pages (2026-12-07) with room.
NOTICE_WORDS: Final = 60


def site_notice() -> pl.Expr:
    """A notice the site prints around the article, opening its line (``site_notice.txt``).

    >>> from dq.signals._demo import flags
    >>> flags(site_notice(), [
    ...     "Hat Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns mit einer Spende.",
    ...     "Enjoyed this story? Support our journalism by becoming a member.",
    ...     "Tu explorador está configurado para bloquear JavaScript.",
    ...     "Please log in to bookmark this story. Log In Create Free Account",
    ...     "Opinions expressed are solely those of the author and do not reflect our views.",
    ...     "Follow TechRadar on Google News and add us as a preferred source.",
    ...     "Deine Privatsphäre-Einstellungen verhindern das Laden und Anzeigen aller externen "
    ...     "Inhalte (z.B. Grafiken, Tabellen, Abo-Login) und Sozialen Netzwerke (z.B. Youtube)"])
    [True, True, True, True, True, True, True]
    >>> flags(site_notice(), [
    ...     "The app lets users download maps, the company said.",
    ...     "Readers who support independent journalism tend to pay more.",
    ...     "JavaScript was created in 1995 at Netscape."])
    [False, False, False]
    """
    strip = " -–—•·|»*"
    # The phrases in two regexes, the floating ones on the lines holding their literals
    # (:func:`~dq.signals._phrases.floating`: the same matches, ~1.6 times faster).
    fixed, loose, literals = floating("site_notice")
    head = WORDS <= NOTICE_WORDS
    # ``low`` holds the lines of at most 160 characters; the longer notices
    # (a blocked embed naming its examples) are matched case-blind on ``s``.
    parts = []
    for case, column, rows in (("", LOW, head), ("(?i)", S, LOW.is_null() & head)):
        cut = column.str.strip_chars(strip)
        parts.append(matches(rows, cut, case + "^(?:" + "|".join(fixed) + ")"))
        if loose:
            held = column.str.contains(case + "|".join(map(re.escape, literals)))
            parts.append(matches(rows & held, cut, case + "^(?:" + "|".join(loose) + ")"))
    found = reduce(operator.or_, parts)
    # One code a line: what the newsletter, consent and menu phrases already name stays
    # theirs ("JavaScript is currently disabled in this browser" is navigation's).
    return found & ~f("nl_phrase") & ~f("consent") & ~f("cookie_strong") \
        & ~f("nav_phrase")


def caption_credit() -> pl.Expr:
    """A photo caption that ends in its credit: a name after " / ", "Name for Outlet", "Picture by";
    or that stops at the "(" its dropped credit opened.

    >>> from dq.signals._demo import flags
    >>> flags(caption_credit(), [
    ...     "Festnahme beim Einsatz der Nationalpolizei in Palma / Lorenzo Marina",
    ...     "The SatMena offices in Muscat. Eman Ali for Rest of World",
    ...     "A minister speaks in Shah Alam on Tuesday. — Picture by Yusof Mat Isa",
    ...     "Kryžius / J. Stacevičiaus / LRT nuotr.",
    ...     "Locals clean up a street in Walton, Liverpool ("])
    [True, True, True, True, True]
    >>> flags(caption_credit(), [
    ...     "The deal was signed in Paris / London on Monday.",
    ...     "He wrote for The Guardian for ten years before he left for the BBC."])
    [False, False]
    >>> from dq.signals._demo import article_flags
    >>> article_flags(caption_credit(), "Computer and Technology Crimes Task Force (\\nCATCH\\n)")
    [False, False, False]
    """
    name = r"\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){1,3}"
    # Each regex only on the lines holding a literal that every match of it holds
    # (the same matches): its Unicode classes cost on every line, a literal scan
    # does not. Measured 2026-12-08 on the bench corpus's lines, "... for Rest of
    # World": 84 ms on every line, 13 ms behind " for ".
    picture = pl.any_horizontal(S.str.contains(w, literal=True)
                                for w in ("Picture", "Photo", "Image", "Foto", "Bild"))
    ends = (
        # "... in Palma / Lorenzo Marina": a name after a slash closes the line
        matches(S.str.contains(" / ", literal=True), S, tail=120, pattern=rf"\S / {name}$")
        # "... Duqm. Tara Atkinson for Rest of World" (a photographer for the outlet)
        | matches(S.str.contains(" for ", literal=True), S, tail=120,
                  pattern=rf"[.)]\s?{name} for (?:the )?\p{{Lu}}[\p{{L}} ]{{1,30}}$")
        # "... — Picture by X", "Photo by X", "Foto von X"
        | matches(picture, S, tail=120, pattern=
            rf"(?:—|–|-|\.)\s*(?:Picture|Photo|Image|Foto|Bild)s? (?:by|von|de|di|par) {name}$")
        # Lithuanian "... / LRT nuotr.", "Dok." credits: the credit word closes the line
        | S.str.tail(120).str.contains(r"(?i)(?:^|[^\p{L}])(?:nuotr|dok|foto|fot)\.\s*\)?$")
    )
    # A caption whose "(Image: Getty)" sat in an element the extractor dropped:
    # the line stops at the open parenthesis. Text does not end with "(". Unless
    # the parenthesis closes a line or two below: a link inside it was set on a
    # line of its own ("... Task Force (" / "CATCH" / ")"; audit27), nothing dropped.
    closes = S.str.starts_with(")")
    cut = matches(S.str.ends_with("(") & (WORDS >= 3), S, r"^\p{Lu}.*\S \($") \
        & ~flag(nxt(closes)) & ~flag(nxt(closes, 2))
    return (ends | cut) & ~f("sentence") & (WORDS <= 45)


def attribution_name() -> pl.Expr:
    """A person's name alone on its line where a byline or a quote's attribution stands.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(attribution_name(), "The council met on Monday and voted for the plan.\\n"
    ...     "“We could not have done it better as a team.”\\nArthur Kluckers\\n"
    ...     "The race went on for hours after that, the organisers said.")
    [False, False, True, False]
    >>> article_flags(attribution_name(), "The council met on Monday and voted for the plan.\\n"
    ...     "Javier López\\nDirecteur de campagne à Oceana\\nThe fish will come back, he said.")
    [False, True, False, False]
    >>> article_flags(attribution_name(), "He rides off into the hills, calling: “Come back!”\\n"
    ...     "Harold And Maude\\nMaude Says Goodbye To Harold\\n"
    ...     "The film ends on a beach, as it began.")
    [False, False, False, False]
    >>> article_flags(attribution_name(), "The winners were named on Monday evening.\\n"
    ...     "Anna Menin\\nChris Davies\\nThe prize is given each year.")
    [False, False, False, False]
    """
    # Not a line a phrase signal names ("Baca Juga" is a "read also" label), nor one
    # above such a line (a label over "Advertisement" is no speaker over a role).
    # Nor a release's company heading ("About Aemetis" under a quote; issue 15).
    name = _name_line() & ~f("claimed") & ~f("org_about")
    alone = name & ~flag(prev(name)) & ~flag(nxt(name)) & ~flag(nxt(f("claimed")))
    # A pull quote: the line above is a whole quotation, in its marks.
    quote = S.str.contains(rf"^{_OPEN}.{{20,}}{_CLOSE}$")
    # The speaker's role under the name: a short label, no sentence, no digits.
    # A role reads as words ("Directeur de campagne à Oceana"), not as a Title-Case
    # headline ("Maude Says Goodbye To Harold": a list article's subheads; audit_0224).
    # (Its regexes on the short lines alone: a role is one.)
    short = WORDS <= ROLE_WORDS
    role = short & ~matches(short, S, r"[.!?:;0-9]$|[0-9]") & ~name \
        & matches(short, S, r"^\p{Lu}") & ((WORDS <= 2) | matches(short, S, r" \p{Ll}"))
    # An author card: the bio under it opens with the name.
    bio = flag(nxt(S).str.starts_with(S)) & flag(nxt(f("sentence")))
    # Not a list: the line after the role is no role or name again.
    titled = flag(nxt(role) & prev(f("sentence") | quote)) & ~flag(nxt(role | name, 2))
    context = flag(prev(quote)) | titled | bio
    # A byline or an attribution stands once or twice in a text; a gallery of
    # people ("Анна Меркурова" / her city / her story, twenty times) is content.
    few = record_sum(alone.cast(pl.UInt32)) <= NAMES_MAX
    return alone & context & few


#: Most lone name lines a record may hold for one of them to be a byline or an
#: attribution: an article has a byline and a pull quote or two; a gallery of
#: people, a team sheet or a cast list has many (issue 15: lists of people are content).
NAMES_MAX: Final = 2


#: Longest role line under a name ("Presidente de la Junta de Andalucía": 6
#: words; "Directeur de campagne pour la pêche durable à Oceana": 9).
ROLE_WORDS: Final = 10
#: Opening and closing quotation marks of the languages of the dev pages and beyond.
_OPEN: Final = "[\"“„«‚‘»›「『]"
_CLOSE: Final = "[\"”“»«’‘›」』]"


def _name_line() -> pl.Expr:
    """A person's name, 2-3 capitalised words (a particle between them allowed), nothing else."""
    word = r"(?:\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*|\p{Lu}\.)"
    particle = r"(?:van|von|de|da|del|der|den|la|le|bin|al|ten|di|du|dos|das)"
    return matches(WORDS <= 4, S, rf"^{word}(?: (?:{particle} )?{word}){{1,2}}$")


#: Longest stamp line (words): "Artikel veröffentlicht am 28. April 2024, 14:26 Uhr,
#: Tobias Költzsch" is 9; a stamp with its place, source and "Updated" twice
#: ("Bruselas - 15 oct 2024 - 08:22 Actualizado: 15 oct 2024 - 17:38 CEST") 14.
#: ``chrome_stamps.BYLINE_WORDS`` (16) is the byline rule's cap; this one is lower
#: because the rest of the line is not read.
STAMP_WORDS: Final = 14
#: Month names and their abbreviations that stand beside a day number in a
#: stamp (en, de, fr, es, pt, it, nl, sv, no, da, tr, id, ru, uk), lower case.
_MONTHS: Final = (
    r"jan(?:uary|uar|vier|eiro|naio|uari)?|feb(?:ruary|ruar|rero|ruari)?|f[ée]v(?:rier|ereiro)?"
    r"|m[aä]r(?:ch|z|s|zo|ço|et)?|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|ma[yi]|mayo|maio|maggio|mei"
    r"|jun[ei]?|junio|junho|juin|giugno|jul[iy]?|julio|julho|juil(?:let)?|luglio|aug(?:ust|usti)?"
    r"|ao[uû]t|agosto|agustus|sep(?:t|tember|tembre|tiembre|iembre|tembro)?|sett(?:embre)?"
    r"|o[ck]t(?:ober|obre|ubre)?|ottobre|out(?:ubro)?|nov(?:ember|embre|iembre|embro)?"
    r"|de[cz](?:ember|embre)?|d[ée]c(?:embre)?|dic(?:iembre)?|dez(?:embro)?|des(?:ember)?"
    r"|ocak|şubat|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık"
    r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
)


def time_stamp() -> pl.Expr:
    """A short line that holds a calendar date and a clock time: when the article was published.

    Whatever else the line holds (the place, the author, "Updated", the
    outlet, a reading time), a date with its minute is a stamp: an article
    says "on Monday at 3 pm", not "15.4.2024, 10:05". Not a full sentence,
    not a live blog's entry heading ("11.04 Uhr: Drohne tötet ..." has no
    date), not a table row of times (no date on it either). ``context``
    evidence: the line's shape, reported, never deleted.

    >>> from dq.signals._demo import flags
    >>> flags(time_stamp(), ["08:39, 06 Jan 2026Updated 08:41, 06 Jan 2026",
    ...     "Do 27.04.2023 15:17Uhr 01:00 min", "SRF 4 News, 15.4.2024, 10:05 Uhr; srf/hosb;kesm",
    ...     "Bruselas - 15 oct 2024 - 08:22Actualizado: 15 oct 2024 - 17:38CEST",
    ...     "2019-11-19T08:57:40+01:00", "Гарбуз (Dnipro OSINT), 7 января, 13:10"])
    [True, True, True, True, True, True]
    >>> flags(time_stamp(), ["11.04 Uhr: Israelische Drohne tötet offenbar Extremisten",
    ...     "Голосование продлится до 8 октября до 18:00 по московскому времени.",
    ...     "IMSAK 04:29", "— Jane Doe (@jane) November 18, 2019",
    ...     "2024/05/27　 9.54％　→　 9.64％　 2024/05/31 16:30"])
    [False, False, False, False, False]
    """
    clock = (r"(?:^|[^0-9.:])[0-9]{1,2}:[0-9]{2}(?:[^0-9]|$)"
             r"|[0-9]{1,2}[.h][0-9]{2} ?(?:uhr|h)(?:[^\p{L}]|$)")
    numeric = (r"(?:^|[^0-9])(?:[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}"
               r"|[0-9]{4}[./-][0-9]{1,2}[./-][0-9]{1,2})")
    named = (rf"[0-9]{{1,2}}\.? ?(?:{_MONTHS})(?:[^\p{{L}}]|$)"
             rf"|(?:^|[^\p{{L}}])(?:{_MONTHS})\.? [0-9]{{1,2}}(?:[^0-9]|$)")
    # Not a dated row of the article's own lists and tables (``date_row``), nor
    # a row of figures ("2024/05/27 9.54％ → 9.64％ 2024/05/31 16:30").
    short = (WORDS <= STAMP_WORDS) & ~f("sentence") & ~f("date_row") \
        & ~S.str.contains(r"[%％→]")
    timed = matches(short & S.str.contains(r"[0-9][:.h][0-9]"), LOW, clock)
    return matches(timed, LOW, f"{numeric}|{named}")


#: Longest source line (words): "Source: China Statistical Yearbook, China
#: Electricity Council & Natl Energy Administration" is 11.
SOURCE_WORDS: Final = 14
#: "Source:" in the languages of the dev pages and their neighbours, lower case.
_SOURCE_LABELS: Final = (
    r"sources?|kilder?|källa|källor|lähde|bron(?:nen)?|quellen?|fuentes?|fontes?|fonti?|źródło"
    r"|zdroj|kaynak|sumber|nguồn|источники?|джерело|出典|出所|来源|來源|资料来源|資料來源|출처"
)


def source_line() -> pl.Expr:
    """A chart's or a fact box's source on its own line: "Source: Repeat Project", "Kilde: SNL".

    The label names what the line is: where a graphic's figures or a box's
    facts come from, printed under it, not a sentence of the article.
    Short, no sentence, and something after the colon (a bare "Sources:"
    heads the article's own list of references).

    >>> from dq.signals._demo import flags
    >>> from dq.signals._demo import article_flags
    >>> para = "The council met on Monday and voted for the new plan after a long debate."
    >>> article_flags(source_line(), f"{para}\\nSource: Repeat Project\\n{para}\\nSource: BBC")
    [False, True, False, False]
    >>> article_flags(source_line(), f"{para}\\nИсточник: Фундация DEJURE\\n{para}")
    [False, True, False]
    >>> text = f"{para}\\nSources:\\nSource of the leak: a former aide.\\n{para}"
    >>> article_flags(source_line(), text)
    [False, False, False, False]
    """
    short = (WORDS <= SOURCE_WORDS) & ~f("sentence") & S.str.contains(":", literal=True)
    # Inside the body, between paragraphs, where graphics and boxes stand: a
    # "Source: BBC" under the last paragraph names where the whole article
    # comes from (``missing_source`` reads it), and is left alone.
    prose = f("prose").cast(pl.UInt32)
    above = record_cum_sum(prose)
    inside = (above > prose) & (record_sum(prose) > above)
    return matches(short & inside, LOW, rf"^(?:{_SOURCE_LABELS}) ?[:：] ?\S")


#: The words a byline opens with besides "By" (``phrases/byline.txt``): the
#: writer's or editor's role, or "written by", in the languages of the dev
#: pages and their neighbours (en, de, fr, es, it, nl, da, no, sv, id, tr, ru).
_ROLE_LABELS: Final = (
    r"journalist(?:e|in)?|editor(?:a)?|redakt(?:ør|or|ur|eur)|rédact(?:eur|rice)|redactor(?:a)?"
    r"|periodista|giornalista|penulis|pewarta|reporter(?:in)?|muhabir|yazar|editör|автор|корреспондент"
    r"|written by|escrito por|écrit par|geschrieben von|scritto da|skrevet av|skrevet af"
    r"|geschreven door|skriven av|ditulis oleh|yazan"
    # the credits of a longread: who edited, checked, researched, drew
    r"|redaktion|faktencheck|recherche|mitarbeit|lektorat|schlussredaktion|infografik"
    r"|edited by|fact-?checked by|research by|graphics? by|illustrations? by|produced by"
)


def role_byline() -> pl.Expr:
    """A byline that names the writer by role: "Editor : Heryadi", "Journaliste • Vincent Reynier".

    The line is the role word, a separator and a name, nothing else.

    >>> from dq.signals._demo import flags
    >>> flags(role_byline(), ["Editor : Heryadi", "Journaliste • Vincent Reynier",
    ...                       "| Written by Eliaser Ndeyanale", "Penulis: Andi Saputra",
    ...                       "Redaktion: Marcus Bensmann, Elena Müller", "bySauli Giliard"])
    [True, True, True, True, True, True]
    >>> flags(role_byline(), ["Editor of the year", "Reporter Jane Doe was arrested on Monday.",
    ...                       "Journalist", "Recherche: Wie wir gearbeitet haben", "Paris",
    ...                       "Bypass Road"])
    [False, False, False, False, False, False]
    """
    particle = r"(?:van|von|de|da|del|der|den|la|le|bin|al|di)"
    name = rf"\p{{Lu}}[\p{{L}}'’.-]*(?: {particle} ?)?(?: \p{{Lu}}[\p{{L}}'’.-]*){{0,3}}"
    label = rf"^[|•·»\- ]*(?i:{_ROLE_LABELS}) ?[:•·|–-]? ?"
    names = rf"{name}(?:(?:, | (?:and|und|&|et|y|og|och|en) ){name}){{0,2}}"
    # "bySauli Giliard": "By" glued to the name it introduces (no word goes on so).
    glued = r"^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor)\p{Lu}\p{Ll}+(?: \p{Lu}[\p{L}'’.-]*){0,3}$"
    return matches((WORDS <= ROLE_BYLINE_WORDS) & ~f("sent"), S, rf"{label}{names}$|{glued}")


#: Longest byline by role (words): a label and up to three names of up to four
#: words ("Redaktion: Marcus Bensmann, Elena Müller" is 5).
ROLE_BYLINE_WORDS: Final = 12


#: Labels of an article's tag line, lower case: "Published under: a , b , c".
_TAG_LABELS: Final = (
    r"published under|posted under|filed under|posted in|tags?|tagged|topics|schlagw(?:orte|örter)"
    r"|stichw(?:orte|örter)|themen|etiketler|(?:i|i̇)lgili konular|mots-clés|sujets|temas|etiquetas"
    r"|argomenti|tag|emneord|nøkkelord|taggar|ämnen|aiheet|trefwoorden|onderwerpen|tagi|tematy"
    r"|теги|тэги|метки|темы"
)


def tag_line() -> pl.Expr:
    """The article's tags on one line: a tag label, a colon, three or more short items.

    >>> from dq.signals._demo import flags
    >>> flags(tag_line(), ["Published under: 2024 Election , Bailout , Court-Packing , Jon Tester",
    ...                    "Tags: Brexit, EU, Boris Johnson", "Schlagworte: Bahn | Streik | GDL"])
    [True, True, True]
    >>> flags(tag_line(), ["Topics: we discussed the budget, the roads and the schools.",
    ...                    "Themen: Bahn"])
    [False, False]
    """
    item = r"[^,;|·•]{1,40}"
    pattern = rf"(?i)^[-–•·* ]*(?:{_TAG_LABELS}) ?[:：] ?{item}(?:(?: ?[,;|·•] ?){item}){{2,}}$"
    return matches(~f("sent") & (WORDS <= TAG_LINE_WORDS) & S.str.contains(r"[:：]"), S, pattern)


#: Longest tag line (words): a dozen tags of up to four words with their label.
TAG_LINE_WORDS: Final = 60
