"""Link lines told by their own text: a link's "(opens in a new window)" note, a teaser run
into its time stamp, a glued menu.

Why: sites mark every link that opens a new window with a hidden note
("(öffnet im neuen Fenster)", "(opens in a new tab)", "(Wird in einem neuen
Fenster geöffnet.)"); scrapers keep it as text. Inside a paragraph it follows
a linked word and the sentence goes on ("... Akkus von Panasonic (öffnet im
neuen Fenster) mit 271 Wh/kg ..."): that is content with a remnant. A line
that *ends* with the note is the link itself: a job ad, a teaser, an app
button, a "follow" control (issue 15, recall28; Golem's job box and SRF's app
banner in the dev pages). The note is the line's own words: ``phrase``
evidence for ``read_more`` (a link to another page). So is a headline run into
its clock time (:func:`stamped_teaser`, a live page's list of other stories).

A **glued menu** (:func:`glued_menu`): the scraper joined a menu's link texts
with nothing between them ("FootballBoxingMMAHorse RacingGolfWWETennis",
"HomeProjekteÜberLeistungenKontakt", "ÜbersichtNewsBilderVideosErgebnisse").
Words that end in lower case and run straight into a capital, three times or
more and in at least every second word, with no sentence end and no code
punctuation, are link texts run together: ``navigation`` (its usual ``shape``
evidence: such a line is never a full sentence). One glued pair is a brand or
a scraping slip ("PlayStation", "killedWhile"); Zulu and Xhosa prefixes
("kaMasipala", "eMbali") come one to a long word-spaced sentence; code
("addEventListener(") has brackets.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_blocks import navigation, read_more, read_more_evidence
from dq.signals.chrome_remnant import outside_link_splits, outside_remnants
from dq.signals.chrome_shape import (
    WORDS,
    S,
    blank_outside,
    f,
    feature,
    flag,
    matches,
)
from dq.signals.frames import Feature

__all__ = ["FEATURES", "GLUED_MENU_JOINS", "LINK_WORDS", "MENU_LINE_WORDS", "glued_menu",
           "navigation_or_glued_menu", "new_window_link", "read_more_or_link",
           "read_more_or_link_evidence", "stamped_teaser"]

#: Most words of a link line: a job ad with its employer runs to ~20 words, an
#: app banner with its buttons to ~30; a longer line is a paragraph.
LINK_WORDS: Final = 40

#: Fewest joins (a lower-case letter pair run into a capital) of a glued menu: two
#: are a brand and a slip ("YouTube", "iPhoneX"); the dev pages' glued menus have
#: 3 to 20 (recall28, 2026-12-08).
GLUED_MENU_JOINS: Final = 3
#: Most words of a glued menu line; longer lines are prose with a few glued words (and
#: feature ``upper`` reads lines of at most 25 words).
MENU_LINE_WORDS: Final = 25

#: A web address: a dot, then a lower-case top-level domain closing the word. A name
#: written in capitals with its domain ("SanDiegoOpioidProject.org" in the middle of a
#: sentence, "youtube.com/channel/UCxy..." with its channel id) is one link, not link texts
#: run together; a menu's entries carry no domain (xcheck28, outside pages).
_DOMAIN: Final = r"\p{L}\.\p{Ll}{2,6}(?:[/?#:\s]|$)"

#: The note, in brackets, closing the line (English, German, French, Spanish,
#: Italian, Dutch, Scandinavian).
_NOTE: Final = (
    r"(?i)[(\[](?:öffnet (?:sich )?(?:im|in einem) neuen (?:fenster|tab)|wird in einem neuen"
    r" (?:fenster|tab) geöffnet|opens? in (?:a )?new (?:window|tab)"
    r"|s.ouvre dans (?:une )?nouve(?:lle|l) (?:fenêtre|onglet)"
    r"|se abre en (?:una )?nueva (?:ventana|pestaña)|si apre in una nuova"
    r" (?:finestra|scheda)|opent in (?:een )?nieuw (?:venster|tabblad)|åpnes i (?:et )?nytt"
    r" (?:vindu|fane)|öppnas i (?:ett )?nytt (?:fönster|flik))\.?[)\]]"
)
#: Literals one of which every note holds (a cheap mask before the regex).
_HINT: Final = ("Fenster|fenster|window|new tab|neuen Tab|fenêtre|onglet|ventana|pestaña|finestra"
                "|scheda|venster|tabblad|vindu|fane|fönster|flik")


def new_window_link() -> pl.Expr:
    """A line that ends with a link's "(opens in a new window)" note, or holds it before more links.

    >>> from dq.signals._demo import flags
    >>> flags(new_window_link(), [
    ...     "Entwicklungsingenieur Software (m/w/d) Muster GmbH (öffnet im neuen Fenster)",
    ...     "Follow us on Mastodon (opens in a new tab)",
    ...     "News-App herunterladen (Wird in einem neuen Fenster geöffnet.) Laden Öffnen"])
    [True, True, True]
    >>> flags(new_window_link(), [
    ...     "Tesla nutzte Akkus von Panasonic (öffnet im neuen Fenster) mit 271 Wh/kg.",
    ...     "The window opens in a new way, the architect said."])
    [False, False]
    """
    rows = blank_outside((WORDS <= LINK_WORDS) & S.str.contains(_HINT), S)
    # At the end, or before only buttons (an app banner: short capitalised words).
    return flag(rows.str.contains(_NOTE + r"(?:\s+\p{Lu}[\p{L}-]*){0,12}\s*$"))


def glued_menu() -> pl.Expr:
    """Menu entries run together without a space (see the module doc).

    >>> from dq.signals._demo import flags
    >>> flags(glued_menu(), ["FootballBoxingMMAHorse RacingGolfWWETennisF1DartsSnooker",
    ...                      "HomeProjekteÜberLeistungenKontakt",
    ...                      "EuropaEE UUElecciones EE UUMéxicoLatinoaméricaOrienteÁfrica"])
    [True, True, True]
    >>> flags(glued_menu(), ["The PlayStation and the iPhone sold well in YouTube ads.",
    ...     "Okhulumela amaphoyisa kaMasipala weTheku uthe eMbali Unit 14 kuzophenywa",
    ...     "document.addEventListener('DOMContentLoaded', function(event) {",
    ...     "Calories: 291kcalCarbohydrates: 31gProtein: 5gFat: 17g",
    ...     "członkaRadyNadzorczejSpółki,", "SanDiegoOpioidProject.org",
    ...     "Youtube: youtube.com/channel/UCWhaPHyqTVRnqZXX06U4nRg"])
    [False, False, False, False, False, False, False]
    """
    # A menu starts with its first entry's capital (feature ``upper``: also a digit or an
    # opening quote, on lines of at most 25 words); a line ending in "," or ":" goes on.
    mask = f("upper") & ~f("sent") & ~f("open") & (WORDS <= MENU_LINE_WORDS)
    joins = blank_outside(mask, S).str.count_matches(r"\p{Ll}{2}\p{Lu}")
    glued = mask & (joins >= GLUED_MENU_JOINS) & (2 * joins >= WORDS)
    return flag(glued & ~matches(glued, S, r"[(){}\[\]=;$\"@#<>]|://|" + _DOMAIN))


def stamped_teaser() -> pl.Expr:
    """A teaser headline run into its time stamp: "Muslim graves desecrated in Burnley19:11".

    A live page's list of other stories prints each headline with the minute it was
    posted; the scraper joined them. A word never runs into a clock time in prose.
    ``read_more`` on ``phrase`` evidence (the stamp is the line's own text).

    >>> from dq.signals._demo import flags
    >>> flags(stamped_teaser(), ["Muslim graves desecrated in Burnley19:11",
    ...                          "Sky News stops broadcast as rioters make gun signs17:35"])
    [True, True]
    >>> flags(stamped_teaser(), ["The match kicks off at 19:11", "Score 2:1", "Arsenal 2:11"])
    [False, False, False]
    """
    clock = f("end").str.contains(r"[0-9]:[0-5][0-9]$") & (WORDS >= 3) & (WORDS <= 25)
    return matches(clock, S, r"\p{L}[0-2]?[0-9]:[0-5][0-9]$", tail=6)


def navigation_or_glued_menu() -> pl.Expr:
    """``navigation`` (as registered) or a glued menu line.

    >>> from dq.signals._demo import flags
    >>> flags(navigation_or_glued_menu(), ["HomeProjekteÜberLeistungenKontakt", "It rained."])
    [True, False]
    """
    return outside_remnants(outside_link_splits(navigation, phrase="nav_phrase"))() | f("menu28")


def read_more_or_link() -> pl.Expr:
    """``read_more`` (outside a sentence's remnants) or a link line told by its note.

    >>> from dq.signals._demo import flags
    >>> flags(read_more_or_link(), ["Read more: Storm hits coast",
    ...                             "Jobs bei Muster GmbH (öffnet im neuen Fenster)", "It rained."])
    [True, True, False]
    """
    return outside_remnants(read_more)() | f("link28")


def read_more_or_link_evidence() -> pl.Expr:
    """``phrase`` on a link line told by its note, else ``read_more``'s evidence.

    >>> from dq.signals._demo import flags
    >>> flags(read_more_or_link_evidence() == "phrase",
    ...       ["Jobs bei Muster (öffnet im neuen Fenster)"])
    [True]
    """
    return pl.when(f("link28")).then(pl.lit("phrase")).otherwise(read_more_evidence())


FEATURES: tuple[Feature, ...] = (
    feature("link28", lambda: flag(new_window_link()) | stamped_teaser()),
    feature("menu28", glued_menu),
)
