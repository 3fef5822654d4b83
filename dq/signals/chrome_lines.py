"""Chrome signals that judge one line on its own: UI labels, prompts, footers.

Why: share bars, ad labels, cookie banners, sign-up prompts and copyright
footers are printed by the site, not written by the author. Each signal
matches a phrase list from ``phrases/`` against the *whole* (decoration-
stripped) line, or its *start* plus a shape or position limit, so that a
sentence that merely mentions cookies or newsletters is left alone.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals._phrases import alternation
from dq.signals.chrome_shape import (
    CHARS,
    DECORATION,
    HEAD,
    LOW,
    WORDS,
    F,
    S,
    at_edge,
    core,
    flag,
    has_digit,
    numeric,
    nxt,
    prefix,
    prev,
    short_lead,
    staged,
    whole,
)

#: Longest prompt line (words) for prefix-matched prompts; longer lines are
#: prose that happens to start with the phrase. Newsletter and comment-form
#: blurbs in the tuning half of extracted.jsonl are at most 28 words.
PROMPT_WORDS: Final = 30

#: A whole line that is a link: a scheme, "www." or a domain with a path.
_URL: Final = (
    r"^(?:https?://[^\s]+|www\.[^\s]+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}/[^\s]*)$"
)

#: Longest line (words) that can be a copyright footer found mid-line.
FOOTER_WORDS: Final = 60


def licence_nag() -> pl.Expr:
    """A theme/plugin licence or activation nag anywhere in a line.

    >>> from dq.signals._demo import flags
    >>> flags(licence_nag(), ["Jannah Theme License is not validated, Go to the theme options "
    ...                       "page to validate the license, You need a single license for each "
    ...                       "domain name."])
    [True]
    >>> flags(licence_nag(), ["The GPL licence lets anyone fork a WordPress theme."])
    [False]
    >>> from dq.signals.chrome_shape import article_flags
    >>> prose = "Some themes show a warning saying the license is not validated until the " * 3
    >>> article_flags(licence_nag(), "Intro line.\\n" + prose + "\\nMiddle.\\nEnd.")
    [False, False, False, False]
    """
    # Nags are UI strings: a short line, or a long one at the very top or
    # bottom. A sentence deep in an article *about* licences is left alone.
    # The literal prefilter keeps the case-insensitive regex off most lines.
    maybe = S.str.contains("icen|ICEN|aptcha|APTCHA|ctivate|CTIVATE|nregistered|of Service apply")
    placed = maybe & (LOW.is_not_null() | at_edge(0, 0))
    return flag(pl.when(placed).then(S).str.contains("(?i)" + alternation("licence_nag")))


def back_to_top() -> pl.Expr:
    """A whole line that is a "back to top" link, optionally with an arrow or "button".

    >>> from dq.signals._demo import flags
    >>> flags(back_to_top(), ["Back to top button", "↑ Back to top", "Nach oben", "Haut de page",
    ...                       "↑ Top"])
    [True, True, True, True, True]
    >>> flags(back_to_top(), ["The team climbed back to top of the league."])
    [False]
    """
    phrase = r"^(?:[↑^⬆▲]\s*)?" + alternation("back_to_top") + r"(?:\s+button)?\s*[↑^⬆▲]?$"
    arrow = r"^[↑^⬆▲]\s*(?:top|oben|haut|arriba|topo|inizio)$"
    return flag(LOW.str.contains(phrase) | LOW.str.contains(arrow))


def _social_only() -> str:
    """A line made only of network names and share words: "Facebook Twitter Reddit"."""
    # No numbers: "197 Shares" and "Facebook (3,507 likes)" are social_counts.
    unit = alternation("social_networks")
    return rf"^{unit}(?:[\s,|/•·:()+-]+{unit})*$"


def share_prompt() -> pl.Expr:
    """A share/print/e-mail button line, or a bar of social network names.

    >>> from dq.signals._demo import flags
    >>> flags(share_prompt(), ["Share this", "Share on Facebook", "Tweet", "Email this article",
    ...                        "Print", "Facebook Twitter Reddit", "Sharing is caring!",
    ...                        "Teilen", "Partager sur Facebook", "Compartir",
    ...                        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube."])
    [True, True, True, True, True, True, True, True, True, True, True]
    >>> flags(share_prompt(), ["Share prices fell sharply on Monday.", "Print media is dying."])
    [False, False]
    """
    c = core()
    edge = pl.when(at_edge(2, 3) & (WORDS <= 40)).then(S)
    follow = edge.str.contains(
        r"(?i)follow (?:us|him|her|me|them|@?[\w.]+) (?:on|at|@) ?(?:twitter|facebook|instagram"
        r"|linkedin|youtube|tiktok|x )"
    )
    bar = c.str.contains(_social_only()) & c.str.contains("[a-z]")
    return flag(c.str.contains(whole("share_prompt")) | bar | follow)


def ad_label() -> pl.Expr:
    """An advertising label standing alone on its line.

    >>> from dq.signals._demo import flags
    >>> flags(ad_label(), ["Advertisement", "- ADVERTISEMENT -", "Sponsored", "Anzeige",
    ...                    "Publicité", "Publicidad", "» Publicidade"])
    [True, True, True, True, True, True, True]
    >>> flags(ad_label(), ["Advertisement spending rose 5% last year."])
    [False]
    """
    return flag(core().str.contains(whole("ad_label")))


def cookie_notice() -> pl.Expr:
    """A cookie-consent banner line or control, near the top or bottom of the text.

    The banner sentence must *start* the line ("We use cookies to ...") and
    sit at an edge; a short line naming cookies next to a consent word
    ("Cookie settings", "Accept all cookies") counts anywhere.

    >>> from dq.signals._demo import flags
    >>> flags(cookie_notice(), ["We use cookies to improve your experience. Accept",
    ...                         "Diese Website verwendet Cookies.", "Cookie-Einstellungen",
    ...                         "Privacy & Cookies Policy", "Ce site utilise des cookies."])
    [True, True, True, True, True]
    >>> flags(cookie_notice(), ["Regulators say that many sites which use cookies ignore the law.",
    ...                         "Chocolate chip cookies"])
    [False, False]
    """
    cookie = S.str.contains("(?i)cookie")
    # Banner openings without the word "cookie" ("By continuing to use this
    # site", "En poursuivant votre navigation") share these stems.
    maybe = cookie | S.str.contains("kismet|ontinu|oursuiv|avega|eiter")
    lead = pl.when(maybe & at_edge()).then(HEAD).str.to_lowercase()
    lead = lead.str.strip_chars_start(" -–—•*»")
    banner = lead.str.starts_with("cookie") | lead.str.contains(prefix("cookie_notice"))
    control = pl.when(cookie & (WORDS <= 8)).then(LOW).str.contains(alternation("cookie_ui"))
    strong = F("strong")
    near = flag(prev(strong)) | flag(nxt(strong))
    return staged(
        {"strong": flag(banner) | flag(control), "cookie": cookie},
        {"out": strong | (F("cookie") & near & at_edge())},
        out="out",
    )


def newsletter_prompt() -> pl.Expr:
    """A newsletter or subscription prompt line.

    >>> from dq.signals._demo import flags
    >>> flags(newsletter_prompt(), ["Subscribe to our newsletter", "Sign up for our daily briefing",
    ...                             "Newsletter", "Jetzt abonnieren", "Abonnez-vous",
    ...                             "Suscríbete", "Assine nossa newsletter"])
    [True, True, True, True, True, True, True]
    >>> flags(newsletter_prompt(), ["The newsletter industry has boomed since 2020.",
    ...                             "Sign up for the program opened on Monday, officials said."])
    [False, False]
    """
    return flag(short_lead().str.contains(prefix("newsletter_prompt"))) & (WORDS <= PROMPT_WORDS)


def comment_prompt() -> pl.Expr:
    """A comment-form line ("Leave a comment", "Your email address will not be published").

    Per-comment controls ("Reply", "Report this comment") are comment_block.

    >>> from dq.signals._demo import flags
    >>> flags(comment_prompt(), ["Leave a comment", "Your email address will not be published.",
    ...                          "Schreibe einen Kommentar", "Laisser un commentaire",
    ...                          "Deja un comentario"])
    [True, True, True, True, True]
    >>> flags(comment_prompt(), ["Leave a comment about the play, the director asked the crowd "
    ...                          "on Friday night, and hundreds of people did so within an hour "
    ...                          "of the final curtain falling at the theatre."])
    [False]
    """
    return flag(short_lead().str.contains(prefix("comment_prompt"))) & (WORDS <= PROMPT_WORDS)


def copyright_footer() -> pl.Expr:
    """A copyright or "all rights reserved" footer line.

    >>> from dq.signals._demo import flags
    >>> flags(copyright_footer(), ["© 2024 Example Media. All rights reserved.",
    ...                            "Copyright 2008 Courtesy of the Tribune", "© Reuters",
    ...                            "Alle Rechte vorbehalten."])
    [True, True, True, True]
    >>> flags(copyright_footer(), ["Copyright law protects the expression of ideas, not the ideas "
    ...                            "themselves, the judge wrote in her ruling."])
    [False]
    """
    starts = HEAD.str.contains(r"^(?:©|\(c\)|(?i:copyright)\s*(?:©|\(c\)|[0-9]{4}))")
    maybe = (WORDS <= 25) | (at_edge(2, 3) & (WORDS <= FOOTER_WORDS))
    marks = S.str.contains(r"©|ights|IGHTS|echte|roits|erechos|ireitos|iritti|opyright|\([cC]\)"
                           r"|may not be")
    inside = pl.when(maybe & marks).then(S).str.contains(
        "(?i)" + alternation("copyright_footer")
    )
    return (starts & (WORDS <= FOOTER_WORDS)) | flag(inside)


def url_line() -> pl.Expr:
    """A line that is only a URL or a bare domain (with an optional path).

    >>> from dq.signals._demo import flags
    >>> flags(url_line(), ["https://example.com/a/b?c=1", "www.example.co.uk", "example.com/news"])
    [True, True, True]
    >>> flags(url_line(), ["Visit example.com for more.", "businessinsider", "e.g.", "reuters.com"])
    [False, False, False, False]
    """
    # A bare domain ("reuters.com") is a source token for the attribution
    # family; a scheme, "www." or a path makes it a link.
    return flag(LOW.str.contains(_URL))


def social_counts() -> pl.Expr:
    """Follower/like/share counters, and a lone small count between non-numeric lines.

    >>> from dq.signals._demo import flags
    >>> flags(social_counts(), ["Twitter (17,951 followers) • Facebook (3,507 likes)",
    ...                         "197 Shares", "0shares", "12 likes"])
    [True, True, True, True]
    >>> flags(social_counts(), ["The post got 12 likes in an hour.", "2019"])
    [False, False]
    """
    counter = (
        r"[0-9][0-9.,]*[km]?\s*(?:followers?|likes?|shares?|fans?|subscribers?|views?|votes?|"
        r"retweets?|pins?|reactions?|abonnenten|follower|j'aime|abonnés|seguidores|curtidas|"
        r"compartilhamentos|partages|veces compartido)"
    )
    net = alternation("social_networks")
    unit = rf"(?:{counter}|{net}\s*\(?{counter}\)?)"
    counted = pl.when(has_digit()).then(LOW)
    counters = flag(counted.str.contains(rf"^{unit}(?:[\s,|/•·:()]+{unit})*$"))
    lone = (CHARS <= 4) & flag(LOW.str.contains(r"^[0-9]{1,4}$"))
    num = numeric()
    lone_ok = lone & ~flag(prev(num)) & ~flag(nxt(num)) & (
        (prev(WORDS).fill_null(0) > 2) | (nxt(WORDS).fill_null(0) > 2)
    )
    return counters | lone_ok



def claimed(*, related: bool = True, where: pl.Expr | None = None) -> pl.Expr:
    """Lines that a phrase signal of this module (or a menu phrase) reports.

    Why: a line gets one reason code. The signals that judge runs and
    position (navigation, related lists, section labels) leave these lines
    to the more specific phrase signal. One combined regex per line part
    keeps this cheap. ``related=False`` leaves out related-story headings
    (for the signal that reports them); ``where`` limits the test to the
    lines a caller can use (the others read False).

    >>> from dq.signals._demo import flags
    >>> flags(claimed(), ["Share on Facebook", "Advertisement", "Home", "By Jane Doe",
    ...                   "Storm hits coast"])
    [True, True, True, True, False]
    """
    low = LOW if where is None else pl.when(where).then(LOW)
    head = HEAD if where is None else pl.when(where).then(HEAD)
    names = ("share_prompt", "ad_label", "navigation", "comment_header", "reading_time",
             "back_to_top", *(("related_header",) if related else ()))
    c = low.str.strip_chars(DECORATION)
    phrase = c.str.contains("^(?:" + "|".join(alternation(n) for n in names) + ")$")
    bar = c.str.contains(_social_only()) & c.str.contains("[a-z]")
    led = low.str.strip_chars_start(" -–—•*»>[(|").str.contains(
        "^(?:" + "|".join(alternation(n) for n in ("newsletter_prompt", "comment_prompt")) + ")"
    )
    marked = head.str.contains(r"^(?:©|\(c\)|(?i:copyright|by|von|par|por)\s)")
    url = low.str.contains(_URL)
    return flag(phrase | bar | led | marked | url)
