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
from dq.signals.chrome_inbody import subhead
from dq.signals.chrome_legal import copyright_owner, lettered_item
from dq.signals.chrome_remnant import sentence_remnant
from dq.signals.chrome_shape import (
    CHARS,
    HEAD,
    LOW,
    WORDS,
    S,
    at_edge,
    evidence_of,
    f,
    feature,
    flag,
    matches,
    nxt,
    prefix,
    prev,
    weak,
    whole,
)
from dq.signals.frames import Feature, only

#: Longest prompt line (words) for prefix-matched prompts; longer lines are
#: prose that happens to start with the phrase. Newsletter and comment-form
#: blurbs in the tuning half of extracted.jsonl are at most 28 words.
PROMPT_WORDS: Final = 30

#: A whole line that is a link: a scheme, "www." or a domain with a path.
_URL: Final = (
    r"^(?:https?://[^\s]+|www\.[^\s]+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}/[^\s]*"
    r"|(?:mailto:)?[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}|@[a-z0-9_]{2,30})$"
)

#: Longest affiliate disclosure (words); those in the tuning half of
#: extracted.jsonl and lines.jsonl run to 40.
DISCLOSURE_WORDS: Final = 60

#: Longest line (words) that can be a copyright footer found mid-line.
FOOTER_WORDS: Final = 60

#: Longest consent, embed or browser notice (words, ``consent_notice.txt``):
#: a notice is one or two sentences. Lines are read only up to 160 characters
#: (``lead``), about 25 words; longer placeholders are left.
CONSENT_WORDS: Final = 30


def licence_nag() -> pl.Expr:
    """A theme/plugin licence or activation nag anywhere in a line.

    >>> from dq.signals._demo import flags
    >>> flags(licence_nag(), ["Jannah Theme License is not validated, Go to the theme options "
    ...                       "page to validate the license, You need a single license for each "
    ...                       "domain name."])
    [True]
    >>> flags(licence_nag(), ["The GPL licence lets anyone fork a WordPress theme."])
    [False]
    >>> from dq.signals._demo import article_flags
    >>> prose = "Some themes show a warning saying the license is not validated until the " * 3
    >>> article_flags(licence_nag(), "Intro line.\\n" + prose + "\\nMiddle.\\nEnd.")
    [False, False, False, False]
    """
    # Nags are UI strings: a short line, or a long one at the very top or
    # bottom. A sentence deep in an article *about* licences is left alone.
    # The literal prefilter (feature ``licence_cand``) keeps the
    # case-insensitive regex off most lines.
    return matches(f("licence_cand"), S, "(?i)" + alternation("licence_nag"))


#: Literal stems of the licence nags and affiliate disclosures: one scan of
#: every line (feature ``stems``) picks the lines their costly regexes see.
_STEMS: Final = (
    "icen|ICEN|aptcha|APTCHA|ctivate|CTIVATE|nregistered|of Service apply"
    "|ffiliate|ommission|omisión|ssociate|rovision"
)


def _licence_candidate() -> pl.Expr:
    return f("stems") & (LOW.is_not_null() | at_edge(0, 0))


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
    """Only network names and share words: "Facebook Twitter Reddit" (no "197 Shares")."""
    unit = alternation("social_networks")
    return rf"^{unit}(?:[\s,|/•·:()+-]+{unit})*$"


def share_prompt() -> pl.Expr:
    """A share/print/e-mail button line, or a bar of social network names.

    >>> from dq.signals._demo import flags
    >>> flags(share_prompt(), ["Share this", "Share on Facebook", "Tweet", "Email this article",
    ...                        "Print", "Facebook Twitter Reddit", "Sharing is caring!",
    ...                        "Teilen", "Partager sur Facebook", "Compartir",
    ...                        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
    ...                        "Email Tariq at tmalik@space.com or follow him @tariqjmalik."])
    [True, True, True, True, True, True, True, True, True, True, True, True]
    >>> flags(share_prompt(), ["Share prices fell sharply on Monday.", "Print media is dying."])
    [False, False]
    """
    # The regex's literal ("follow ") lets Rust's regex skip most lines by itself.
    edge = pl.when(at_edge(2, 3) & (WORDS <= 40)).then(S)
    follow = edge.str.contains(
        r"(?i)follow (?:us|him|her|me|them|@?[\w.]+) (?:on|at|@) ?(?:twitter|facebook|instagram"
        r"|linkedin|youtube|tiktok|x )"
    )
    # "Follow him @tariqjmalik": a handle makes it a prompt anywhere.
    handle = matches(
        (WORDS <= 40) & f("at"), LOW,
        r"follow (?:us|him|her|me|them)(?: on [a-z]+)? @[a-z0-9_]{2,}",
    )
    # "Spread the word! LIKE and SHARE ...", "If you enjoyed this article, please share it".
    spread = matches(f("share_stem") & (WORDS <= PROMPT_WORDS), f("lead"),
                     r"^(?:spread the word|like and share|please (?:like and )?share (?:this|it)"
                     r"|if you (?:enjoyed|liked|found [a-z ]{1,20} in) this [a-z]+,? (?:please )?"
                     r"(?:share|like))")
    return menu_phrase("share_prompt") | f("bar") | flag(follow) | handle | spread


def _social_bar() -> pl.Expr:
    bar = flag(f("core").str.contains(_social_only()) & f("core").str.contains("[a-z]"))
    return bar & ~sentence_remnant(S, within=bar)  # not a stripped sentence naming a network


def ad_label() -> pl.Expr:
    """An advertising label standing alone on its line.

    >>> from dq.signals._demo import flags
    >>> flags(ad_label(), ["Advertisement", "- ADVERTISEMENT -", "Sponsored", "Anzeige",
    ...                    "Publicité", "Publicidad", "» Publicidade"])
    [True, True, True, True, True, True, True]
    >>> flags(ad_label(), ["Space is supported by its audience. When you purchase through links "
    ...                    "on our site, we may earn an affiliate commission. Learn more",
    ...                    "Some posts on Example.com may contain affiliate links."])
    [True, True]
    >>> flags(ad_label(), ["Advertisement spending rose 5% last year.",
    ...                    "Affiliate marketing pays bloggers a commission on each sale."])
    [False, False]
    """
    return menu_phrase("ad_label") | f("disclosure")


def _disclosure() -> pl.Expr:
    """An affiliate or sponsorship disclosure ("We may earn a commission ...")."""
    return matches(f("disclosure_cand"), S, "(?i)" + alternation("affiliate_disclosure"))


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
    strong, cookie = f("cookie_strong"), f("cookie")
    # A banner runs over a few lines: two lines from a banner line is near.
    # That is context, so not a full sentence (an article paragraph about
    # cookies next to a banner is content).
    near = flag(prev(strong)) | flag(nxt(strong)) | flag(prev(strong, 2)) | flag(nxt(strong, 2))
    return strong | f("consent") | weak(cookie & near & at_edge())


def cookie_notice_evidence() -> pl.Expr:
    """``phrase`` on a banner sentence, cookie control or consent notice, ``context`` beside one."""
    return evidence_of((f("cookie_strong") | f("consent"), "phrase"), default="context")


def _consent() -> pl.Expr:
    """A consent, embed or browser notice opening the line (``consent_notice.txt``).

    Anywhere in the record: an embed's placeholder stands where the embed
    was, mid-article ("Externer Inhalt nicht verfügbar").

    >>> from dq.signals._demo import flags
    >>> flags(cookie_notice(), ["Externer Inhalt nicht verfügbar",
    ...     "Zur Anzeige aktiviere bitte die Einstellungen in den Privatsphäre-Einstellungen.",
    ...     "Hello, you need to enable JavaScript to use The Nation Newspaper Community.",
    ...     "Per favore utilizza un browser moderno come Edge, Firefox o Chrome."])
    [True, True, True, True]
    >>> flags(cookie_notice(), ["The video was blocked in Germany, the company said.",
    ...     "Browser makers say JavaScript is disabled on fewer than 1% of visits."])
    [False, False]
    """
    # Short lines only (``lead`` is the lower-cased, bullet-stripped line of
    # at most 160 characters): an anchored regex over that column costs one
    # pass; a literal prefilter over every line cost two (2026-12-07).
    return flag(f("lead").str.contains(prefix("consent_notice"))) & (WORDS <= CONSENT_WORDS)


def _cookie_candidate() -> pl.Expr:
    """Lines that may open a cookie banner (the word, or a banner stem), at an edge."""
    # Banner openings without the word "cookie" ("By continuing to use this
    # site", "En poursuivant votre navigation") share these stems.
    maybe = f("cookie") | S.str.contains("kismet|ontinu|oursuiv|avega|eiter")
    return maybe & at_edge()


def _cookie_strong() -> pl.Expr:
    """A banner sentence opening the line, or a short cookie control ("Cookie settings")."""
    m = f("cookie_cand")
    # Filtered, not blanked (:func:`blank_outside`): three string kernels
    # would each build a column of empty strings.
    lead = S.filter(m).str.head(48).str.to_lowercase().str.strip_chars_start(" -–—•*»")
    banner = only(
        m, lead.str.starts_with("cookie") | lead.str.contains(prefix("cookie_notice")), pl.Boolean
    )
    control = matches(f("cookie") & (WORDS <= 8), LOW, alternation("cookie_ui"))
    return flag(banner) | control


def newsletter_prompt() -> pl.Expr:
    """A newsletter or subscription prompt line.

    >>> from dq.signals._demo import flags
    >>> flags(newsletter_prompt(), ["Subscribe to our newsletter", "Sign up for our daily briefing",
    ...                             "Newsletter", "Jetzt abonnieren", "Abonnez-vous",
    ...                             "Suscríbete", "Assine nossa newsletter"])
    [True, True, True, True, True, True, True]
    >>> flags(newsletter_prompt(), ["No spam, we promise. You can unsubscribe at any time.",
    ...                             "Want more Rolling Stone? Sign up for our newsletter."])
    [True, True]
    >>> from dq.signals._demo import article_flags
    >>> article_flags(newsletter_prompt(), "Body.\\nSign up for e-mail newsletters\\n"
    ...               "Get breaking space news and the latest updates on launches!")
    [False, True, True]
    >>> flags(newsletter_prompt(), ["The newsletter industry has boomed since 2020.",
    ...                             "Sign up for the program opened on Monday, officials said."])
    [False, False]
    """
    # The pitch right under a sign-up heading ("Sign up for e-mail newsletters"
    # / "Get breaking news and the latest updates ..."): a phrase when it
    # reads like one ("Get ...", "Be the first ..."), else context, so never
    # a full sentence: the article's lead under a stray "Sign up for our daily
    # briefing" is content (corpus record 029).
    heading = f("nl_heading")
    pitch = flag(prev(heading)) & f("sent") & (WORDS <= PROMPT_WORDS) & ~f("claimed")
    return f("nl_phrase") | weak(pitch)


def _newsletter_phrase() -> pl.Expr:
    box = f("newsletter_box") & ~(subhead() & ~f("newsletter_lead"))  # "Newsletters" / prose
    lead = (f("newsletter_lead") | box) & (WORDS <= PROMPT_WORDS)
    # "Want more Rolling Stone? Sign up for our newsletter." names the
    # newsletter after a teaser; a short line only.
    inner = matches(
        f("newsletter_word"), LOW,
        r"(?:sign up|subscribe) (?:for|to) (?:our|my) [a-z0-9 '’&-]*newsletters?",
    )
    pitch = flag(prev(f("nl_heading"))) & (WORDS <= PROMPT_WORDS) & matches(
        f("sent") & (WORDS <= PROMPT_WORDS), LOW, prefix("newsletter_pitch"))
    return lead | inner | pitch


def newsletter_prompt_evidence() -> pl.Expr:
    """``phrase`` on a prompt or a pitch that reads like one, ``context`` on a line under one."""
    return evidence_of((f("nl_phrase"), "phrase"), default="context")


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
    return f("comment_lead") & (WORDS <= PROMPT_WORDS)


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

    "(c)" before words that are no owner's name, or as item (c) of a list:

    >>> from dq.signals._demo import article_flags
    >>> flags(copyright_footer(), ["(C) Irrelevant or badly sourced comments",
    ...                            "(c) The tenant shall repair the roof."])
    [False, False]
    >>> quiz = "Pick the capital:\\n(A) Jinja\\n(B) Entebbe\\n(C) Kampala"
    >>> article_flags(copyright_footer(), quiz)
    [False, False, False, False]
    >>> article_flags(copyright_footer(), "The storm passed.\\n(c) Harbour Post Media")
    [False, True]
    """
    # "(c)" is a copyright sign only before a year, "Copyright" or an owner's
    # name: "(c) the licensee shall ..." is clause (c) of a list, and so is
    # "(C) Meaningless/wrongly uninformed posts" (issue 15, audit21).
    starts = HEAD.str.contains(
        r"^(?:©|\(c\)\s*(?:[0-9]{4}|(?i:copyright))|(?i:copyright)\s*(?:©|\(c\)|[0-9]{4}))"
    ) | (copyright_owner() & at_edge() & ~lettered_item())
    inside = matches(f("copyright_cand"), S, "(?i)" + alternation("copyright_footer"))
    return (starts & (WORDS <= FOOTER_WORDS)) | inside


def _copyright_candidate() -> pl.Expr:
    """Lines short enough (or at an edge) and holding a literal stem of a footer phrase."""
    maybe = (WORDS <= 25) | (at_edge(2, 3) & (WORDS <= FOOTER_WORDS))
    return matches(maybe, S, r"©|ights|IGHTS|echte|roits|erechos|ireitos|iritti|opyright"
                             r"|\([cC]\)|may not be|ommercial use|حقوق")


def url_line() -> pl.Expr:
    """A line that is only a URL or a bare domain (with an optional path).

    >>> from dq.signals._demo import flags
    >>> flags(url_line(), ["https://example.com/a/b?c=1", "www.example.co.uk", "example.com/news",
    ...                    "paul.takahashi@chron.com"])
    [True, True, True, True]
    >>> flags(url_line(), ["Visit example.com for more.", "businessinsider", "e.g.", "reuters.com"])
    [False, False, False, False]
    """
    # A bare domain ("reuters.com") is a source token for the attribution
    # family; a scheme, "www." or a path makes it a link.
    return f("url")

def social_counts() -> pl.Expr:
    """Follower/like/share counters, and a lone small count between non-numeric lines.

    >>> from dq.signals._demo import flags
    >>> flags(social_counts(), ["Twitter (17,951 followers) • Facebook (3,507 likes)",
    ...                         "197 Shares", "0shares", "12 likes", "38.3K"])
    [True, True, True, True, True]
    >>> flags(social_counts(), ["The post got 12 likes in an hour.", "2019"])
    [False, False]
    >>> from dq.signals._demo import article_flags
    >>> article_flags(social_counts(), "He was ordained a priest in June that year.\\n1951\\n"
    ...               "He earned his doctorate two years later in Munich.")
    [False, False, False]
    >>> article_flags(social_counts(), "A journalist received a USB drive in the mail.\\n2\\n"
    ...               "VIEW GALLERY - 2 IMAGES")
    [False, True, False]
    """
    counter = (
        r"[0-9][0-9.,]*[km]?\s*(?:followers?|likes?|shares?|fans?|subscribers?|views?|votes?|"
        r"retweets?|pins?|reactions?|abonnenten|follower|j'aime|abonnés|seguidores|curtidas|"
        r"compartilhamentos|partages|veces compartido)"
    )
    net = alternation("social_networks")
    unit = rf"(?:{counter}|{net}\s*\(?{counter}\)?)"
    counters = matches(f("digit"), LOW, rf"^{unit}(?:[\s,|/•·:()]+{unit})*$")
    # "38.3K", "1.2M": a count with a thousands suffix is a counter anywhere.
    kilo = matches((CHARS <= 7) & f("digit"), LOW, r"^[0-9]{1,3}(?:[.,][0-9])?[km]$")
    return counters | f("lone_count") | kilo


def _lone_count() -> pl.Expr:
    """A lone small number between lines of words (a counter without its label)."""
    # Not a year: "1951" alone heads a timeline entry or a results table
    # (outside audit of 2026-12-07); a counter without its label is small.
    lone = (CHARS <= 4) & flag(LOW.str.contains(r"^[0-9]{1,4}$")) & ~flag(
        LOW.str.contains(r"^(?:1[5-9]|20)[0-9]{2}$"))
    num = f("num")  # nor a code cut out of a sentence at a link (chrome_remnant)
    return lone & ~flag(prev(num)) & ~flag(nxt(num)) & ~f("link_split") & (
        (prev(WORDS).fill_null(0) > 2) | (nxt(WORDS).fill_null(0) > 2)
    )


def social_counts_evidence() -> pl.Expr:
    """``phrase`` on a labelled counter, ``context`` on a lone number between lines of words."""
    return evidence_of((f("lone_count"), "context"), default="phrase")


def claimed(*, related: bool = True) -> pl.Expr:
    """Lines that a phrase signal of this module (or a menu phrase) reports.

    Why: a line gets one reason code. The signals that judge runs and
    position (navigation, related lists, section labels) leave these lines
    to the more specific phrase signal. ``related=False`` leaves out
    related-story headings (for the signal that reports them).

    >>> from dq.signals._demo import flags
    >>> flags(claimed(), ["Share on Facebook", "Advertisement", "Home", "By Jane Doe",
    ...                   "Storm hits coast"])
    [True, True, True, True, False]
    """
    return f("claimed") if related else f("claimed_other")


#: Phrase lists matched against the whole decoration-stripped line (``core``)
#: whose union is the feature ``menu_phrase``.
MENU_PHRASES: Final = ("share_prompt", "ad_label", "navigation", "comment_header",
                       "reading_time", "back_to_top", "staff_credit", "media_control")


def _menu_phrase() -> pl.Expr:
    union = "^(?:" + "|".join(alternation(n) for n in MENU_PHRASES) + ")$"
    return flag(f("core").str.contains(union))


def menu_phrase(name: str) -> pl.Expr:
    """``core`` is a whole phrase of list ``name`` (one of :data:`MENU_PHRASES`).

    Only lines where the union (feature ``menu_phrase``) matched are tested:
    a phrase of one list is a phrase of the union.

    >>> from dq.signals._demo import flags
    >>> flags(menu_phrase("ad_label"), ["- Advertisement -", "Home"])
    [True, False]
    """
    if name not in MENU_PHRASES:
        raise ValueError(f"{name!r} is not one of {MENU_PHRASES}")
    return matches(f("menu_phrase"), f("core"), whole(name))


#: Features of the one-line signals, and of :func:`claimed` (one regex per
#: phrase group, shared with the signals that report the phrases).
FEATURES: tuple[Feature, ...] = (
    feature("stems", lambda: S.str.contains(_STEMS)),
    # Short lines naming a newsletter, a reporting credit or an "About" heading:
    # the literals that the regexes of newsletter_prompt and of the tagline and
    # author bio of byline_dateline need (one scan for all three).
    feature("low_stems", lambda: flag(LOW.str.contains(
        "newsletter|ing by|ontributed|about |über |sobre |propos de |acerca de "))),
    feature("licence_cand", _licence_candidate),
    feature("bar", _social_bar),
    feature("disclosure_cand", lambda: (WORDS <= DISCLOSURE_WORDS) & f("stems")),
    feature("disclosure", _disclosure),
    feature("newsletter_word", lambda: (WORDS <= 20) & f("low_stems")),
    # A sign-up box heading: "PC Gamer Newsletter", "Email Newsletters".
    feature("newsletter_box",
            lambda: matches((WORDS <= 4) & f("low_stems"), f("core"), r"newsletters?$")),
    feature("cookie", lambda: S.str.contains("(?i)cookie")),
    feature("cookie_cand", _cookie_candidate),
    feature("cookie_strong", _cookie_strong),
    feature("consent", _consent),
    feature("copyright_cand", _copyright_candidate),
    feature("newsletter_lead", lambda: flag(f("lead").str.contains(prefix("newsletter_prompt")))),
    feature("comment_lead", lambda: flag(f("lead").str.contains(prefix("comment_prompt")))),
    feature("nl_heading", lambda: (f("newsletter_lead") | f("newsletter_box")) & (WORDS <= 8)
            & ~f("sent")),
    feature("nl_phrase", _newsletter_phrase),
    feature("url", lambda: flag(LOW.str.contains(_URL))),
    feature("share_stem", lambda: flag(LOW.str.contains("share", literal=True)
                                       | LOW.str.contains("spread the", literal=True))),
    feature("lone_count", _lone_count),
    feature("menu_phrase", _menu_phrase),
    feature("related_phrase",
            lambda: flag(f("core").str.contains(whole("related_header")))),
    feature("marked", lambda: S.str.contains(r"^(?:©|\(c\)|(?i:copyright|by|von|par|por)\s)")),
    feature("claimed_other", lambda: f("menu_phrase") | f("bar") | f("newsletter_lead")
            | f("comment_lead") | f("marked") | f("url") | f("cookie_strong") | f("consent")
            | f("newsletter_box")),
    feature("claimed", lambda: f("claimed_other") | f("related_phrase")),
)
