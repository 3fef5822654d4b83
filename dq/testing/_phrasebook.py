"""Canonical chrome lines the generated articles are decorated with, per reason code.

Why canonical: the property battery asserts that a cleaner claiming a code
removes every injected line of that code, so the injected lines must be ones
dq's detectors catch. Each phrasing below is one of the examples the signal's
own docstring shows (see ``dq/signals/chrome_*.py``);
``tests/test_strategies.py`` checks that dq flags every one of them in a
generated article, so a detector change that loses one is noticed.

``PLACES`` says where a code's lines go. Edge chrome sits above the title
("top") or below the last paragraph ("bottom"); "middle" lines may also sit
between paragraphs. Positions follow the detectors' own rules: a photo
credit goes at the top (the single sentence above a credit is read as its
caption), a comment section is always last (it runs to the end of the text),
navigation is a run of menu lines at the top.
"""

from __future__ import annotations

from typing import Final, Literal

Place = Literal["top", "bottom", "middle"]

#: code -> language -> phrasings.
CHROME: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "licence_nag": {
        "en": (
            "Jannah Theme License is not validated, Go to the theme options page to validate "
            "the license, You need a single license for each domain name.",
            "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of "
            "Service apply.",
        ),
    },
    "back_to_top": {
        "en": ("Back to top", "Back to top button", "↑ Back to top", "Scroll to top"),
        "de": ("Nach oben", "Zurück nach oben"),
        "fr": ("Haut de page", "Retour en haut"),
        "es": ("Volver arriba",),
        "it": ("Torna su",),
        "pt": ("Voltar ao topo",),
    },
    "share_prompt": {
        "en": ("Share this", "Share on Facebook", "Tweet", "Email this article",
               "Facebook Twitter Reddit", "Sharing is caring!"),
        "de": ("Teilen",),
        "fr": ("Partager sur Facebook",),
        "es": ("Compartir",),
    },
    "cookie_notice": {
        "en": ("We use cookies to improve your experience. Accept", "Privacy & Cookies Policy"),
        "de": ("Diese Website verwendet Cookies.", "Cookie-Einstellungen"),
        "fr": ("Ce site utilise des cookies.",),
    },
    "newsletter_prompt": {
        "en": ("Subscribe to our newsletter", "Sign up for our daily briefing", "Newsletter"),
        "de": ("Jetzt abonnieren",),
        "fr": ("Abonnez-vous",),
        "es": ("Suscríbete",),
        "pt": ("Assine nossa newsletter",),
    },
    "ad_label": {
        "en": ("Advertisement", "- ADVERTISEMENT -", "Sponsored"),
        "de": ("Anzeige",),
        "fr": ("Publicité",),
        "es": ("Publicidad",),
        "pt": ("» Publicidade",),
    },
    "read_more": {
        "en": ("Read more: Alibaba poised to launch record listing",
               "Continue reading the main story"),
        "de": ("Weiterlesen",),
        "fr": ("Lire la suite",),
        "es": ("Seguir leyendo",),
    },
    "comment_prompt": {
        "en": ("Leave a comment", "Your email address will not be published."),
        "de": ("Schreibe einen Kommentar",),
        "fr": ("Laisser un commentaire",),
        "es": ("Deja un comentario",),
    },
    "copyright_footer": {
        "en": ("© 2024 Example Media. All rights reserved.",
               "Copyright 2008 Courtesy of the Tribune", "© Reuters"),
        "de": ("Alle Rechte vorbehalten.",),
    },
    "media_credit": {
        "en": ("Photo credit: Jane Doe", "Credit: EPA", "Image: Reuters",
               "Photograph: AFP via Getty", "Natalie Naccache | Bloomberg | Getty Images"),
    },
    "byline_dateline": {
        "en": ("By Jane Doe", "Updated 3 hours ago", "19 NOV 2019", "• 2 min read",
               "Published Monday, November 18, 2019 8:22AM EST"),
        "de": ("Von Max Muster",),
    },
    "comment_block": {
        "en": ("12 comments", "Comments", "Top Rated Comments"),
        "de": ("Kommentare",),
    },
    "social_counts": {
        "en": ("197 Shares", "12 likes", "Twitter (17,951 followers) • Facebook (3,507 likes)"),
    },
    "url_line": {
        "en": ("https://example.com/a/b?c=1", "https://www.example.com/news/world-12345"),
    },
    "category_label": {
        "en": ("Business", "World", "Politics", "Technology", "Science", "Health", "Culture"),
        "de": ("Wirtschaft", "Politik"),
    },
    "navigation": {
        "en": ("Home", "News", "Sport", "Weather", "Travel", "Culture"),
        "de": ("Startseite", "Nachrichten", "Sport", "Wetter"),
    },
}

#: Where each code's lines may be put.
PLACES: Final[dict[str, tuple[Place, ...]]] = {
    "licence_nag": ("top", "bottom"),
    "back_to_top": ("bottom",),
    "share_prompt": ("top", "bottom"),
    "cookie_notice": ("top", "bottom"),
    "newsletter_prompt": ("top", "bottom"),
    "ad_label": ("top", "bottom", "middle"),
    "read_more": ("bottom",),
    "comment_prompt": ("bottom",),
    "copyright_footer": ("bottom",),
    "media_credit": ("top",),
    "byline_dateline": ("top",),
    "comment_block": ("bottom",),
    "social_counts": ("top", "bottom"),
    "url_line": ("bottom",),
    "category_label": ("top",),
    "navigation": ("top",),
}

#: Codes placed by the article layout itself rather than as free edge lines:
#: a category label right above the title, a navigation run of 3-5 lines at
#: the very top, a comment section last.
SPECIAL: Final = frozenset({"category_label", "navigation", "comment_block"})

#: Publishers for metadata and dangling source lines: (handle, name, domain).
#: The handle is what a scraper leaves as a bare line ("businessinsider").
PUBLISHERS: Final = (
    ("businessinsider", "Business Insider", "businessinsider.com"),
    ("theguardian", "The Guardian", "theguardian.com"),
    ("apnews", "AP News", "apnews.com"),
    ("reuters.com", "Reuters", "reuters.com"),
    ("harbourpost", "Harbour Post", "harbourpost.example"),
)

#: Proper nouns that prose and titles mention; some take a possessive "’s",
#: which gives lines non-ASCII characters for mojibake to damage.
PROPER_NOUNS: Final = (
    "Russia", "Armenia", "Moscow", "Ukraine", "Brussels", "Canada", "Kenya", "Lavrov",
    "Pashinyan", "Stoltenberg", "Izvestia", "Europe", "Brazil", "Ottawa",
)

#: Acronyms for glued tokens ("NATOand", as a link's text ran into the next word).
ACRONYMS: Final = ("NATO", "CSTO", "EU", "UN", "IMF", "NASA", "WHO", "OPEC", "FIFA")

#: Sentence openers: news-like and never the start of a chrome phrase, so a
#: detector that matches a line's beginning ("Sign up for ...") stays quiet.
OPENERS: Final = (
    "The", "Officials", "Analysts", "Residents", "Experts", "Critics", "Lawmakers", "Many",
    "Some", "Most", "Its", "Their", "This", "That", "These", "Several", "Investors", "Voters",
)

#: Words left out of generated prose because a chrome detector keys on them
#: anywhere in a line ("cookies", "all rights reserved", "newsletter").
VOCABULARY_STOPLIST: Final = frozenset({
    "cookie", "cookies", "reserved", "copyright", "advertisement", "sponsored", "newsletter",
    "subscribe", "subscribed", "comments", "comment", "reply", "via", "click", "photo",
    "photograph", "credit", "image", "share", "tweet", "print", "email", "login",
    # and words a news-like generator should not print
    "fuck", "fucking", "fucked", "shit", "porn", "bitch", "dick", "ass", "sex", "sexy", "damn",
    "cock", "pussy", "nude", "naked",
})

#: Reporting phrases that close a quote paragraph.
SAID: Final = ("he said", "she said", "they said", "officials said", "the minister said")
