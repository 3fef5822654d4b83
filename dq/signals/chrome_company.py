"""A press release's company section: "About Aemetis" over the company's description.

Why: a release ends with a section per company it names, "About Aemetis" then
"Headquartered in Cupertino, California, Aemetis is a diversified renewable
natural gas and biofuels company ...". The heading has the shape of an author's
bio heading ("Über Moritz Bachmann", "About Jane Doe"), but it is the heading
of the release's own text (the company's description), not a byline: the
tenth outside audit judged 8 of 25 ``byline_dateline`` findings on releases
wrong for it, the fifth one "About Mojaloop OSS." (issue 15).

What the line IS: an author-bio heading names a person and stands above a
short bio of that person; a company section names an organisation (a legal
form, a name ending in an organisation's noun, an all-capital brand) or stands
above a paragraph that describes an organisation (a company, provider,
platform, nonprofit; "founded in", "headquartered", a ticker). Only a heading
over a paragraph is read so: a heading over a short link ("About Quanta" over
"Archive") is the site's footer menu, chrome, and stays reported.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_shape import WORDS, S, f, flag, matches, nxt, prev

__all__ = ["ORG_DESCRIPTION", "ORG_NAME", "company_section"]

#: Fewest words of the line under the heading for it to be a section's paragraph:
#: a footer menu's links under "About Us" have 1-4 words; the company paragraphs of
#: the tenth audit's releases had 18 or more, the bios of the dev pages 20 or more.
ABOUT_BODY_WORDS: Final = 12

#: Characters of that paragraph read for an organisation's words: its first
#: sentence says what the company is ("X, Inc. (NASDAQ: X) is a ... company").
ABOUT_BODY_HEAD: Final = 250

#: A name of an organisation: a legal form, an organisation's noun as its last
#: word, or an all-capital brand of 3+ letters in a heading not itself in capitals.
ORG_NAME: Final = (
    r"^(?:About|Über|Sobre|À propos de|A propos de|Acerca de)\s(?:.*\s)?(?:"
    r"(?:Inc|Corp|Co|LLC|Ltd|GmbH|AG|SE|PLC|plc|S\.A|N\.V|Group|Holdings|Technologies|Partners"
    r"|Brands|Studios|Foundation|Association|Institute|University|Bank|Network|Labs|Capital"
    r"|Ventures|Media|Systems?|Solutions|Services|Company|Magazine|Pharma|Awards)\.?"
    r"|.*\b\p{Lu}{3,}\b.*)$"
)

#: What an organisation's description says in its first sentence (English, German,
#: Spanish, French): what it is, when and where it was set up, its ticker.
ORG_DESCRIPTION: Final = (
    r"\b(?:[Cc]ompany|[Cc]ompanies|[Cc]orporation|provider|firm|non-?profit|organi[sz]ation"
    r"|platform|marketplace|manufacturer|supplier|[Hh]eadquartered"
    r"|(?:[Ff]ounded|[Ee]stablished|[Cc]hartered) in|Unternehmen|Konzern|Verein|Verband|Stiftung"
    r"|Anbieter|Hersteller|[Gg]egründet|empresa|entreprise|société)\b"
    r"|\b(?:Inc|Corp|LLC|Ltd|GmbH|PLC|S\.A|N\.V)\b\.?"
    r"|\((?:NASDAQ|Nasdaq|NYSE|OTC[A-Z]*|TSXV?|CSE|ASX|LSE|FSE)\b"
)

#: Headings that name the author or the site, never a company section.
_PERSON: Final = r"\s(?i:the author|the writer|me|us|o autor|l'auteur|el autor)$"


def company_section() -> pl.Expr:
    """A bio-shaped heading (feature ``bio_shape``) that opens a company section.

    >>> from dq.signals._demo import article_flags
    >>> desc = ("Headquartered in Cupertino, California, Aemetis is a diversified renewable "
    ...         "natural gas and biofuels company focused on new technologies.")
    >>> article_flags(company_section(), "About Aemetis\\n" + desc)
    [True, False]
    >>> article_flags(company_section(), "About Sola Salon Studios\\nSola Salon Studios "
    ...               "provides health and beauty professionals with high-end private studios.")
    [True, False]

    A person's bio, a footer menu and the author heading are not company sections:

    >>> article_flags(company_section(), "Über Moritz Bachmann\\nAls Inbound Sales Manager "
    ...               "bildet Moritz Bachmann die Schnittstelle zwischen Marketing und Sales.")
    [False, False]
    >>> article_flags(company_section(), "About Quanta\\nArchive")
    [False, False]
    >>> article_flags(company_section(), "About the author\\nJane Doe is a reporter at "
    ...               "the company's Berlin office who writes about energy and climate.")
    [False, False]
    """
    head = f("bio_shape")
    over_paragraph = head & flag(nxt(WORDS >= ABOUT_BODY_WORDS)) & ~flag(S.str.contains(_PERSON))
    described = matches(flag(prev(head)) & (WORDS >= ABOUT_BODY_WORDS),
                        S.str.head(ABOUT_BODY_HEAD), ORG_DESCRIPTION)
    return over_paragraph & (matches(over_paragraph, S, ORG_NAME) | flag(nxt(described)))
