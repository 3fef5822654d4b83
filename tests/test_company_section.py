"""A release's company section ("About Aemetis") is no author bio heading (issue 15, audit27).

The heading of a press release's section on a company has the shape of an author's bio
heading; what tells them apart is what the heading names and what the paragraph under
it describes: an organisation (``dq.signals.chrome_company``) or a person.
"""

from __future__ import annotations

import pytest
from _batch import Batch

BODY = [
    "The company said on Monday that it had signed a supply agreement with two new partners.",
    "Deliveries are to start in the spring and run for three years, the statement said.",
    "“We are proud of what the team has built,” the chief executive said in a statement.",
]

# (heading, the paragraph under it): a company's description.
COMPANY = [
    ("About Aemetis", "Headquartered in Cupertino, California, Aemetis is a diversified renewable "
     "natural gas and biofuels company focused on the development of new technologies."),
    ("About Sola Salon Studios", "Sola Salon Studios provides health and beauty professionals "
     "with high-end, fully equipped private studios alongside the support they need."),
    ("About Match Group Inc.", "Match Group, through its portfolio companies, is a leading "
     "provider of digital technologies designed to help people make meaningful connections."),
    ("About TAY Investments", "TAY Investments is a New Jersey-based real estate development "
     "firm specializing in multifamily properties in high-demand locations."),
    ("About Mojaloop OSS.", "Mojaloop OSS is open-source software for financial services "
     "companies, government regulators, and others taking on the challenges of inclusion."),
    ("Über Nordex SE", "Die Entwicklung und der Service von Windenergieanlagen ist seit 1985 "
     "Kernkompetenz der Nordex Group und ihrer rund 7.900 Mitarbeiter weltweit."),
]

# (heading, the paragraph under it): a person's bio.
PERSON = [
    ("About Jane Doe", "Jane Doe is a freelance journalist based in Berlin who writes about "
     "energy and climate policy for several European newspapers."),
    ("Über Moritz Bachmann", "Als Inbound Sales Manager bildet Moritz Bachmann die Schnittstelle "
     "zwischen dem internen Online-Marketing und dem Bereich Sales bei comwrap."),
    ("About the author", "Maribel Piza is an immigration attorney based in Fort Lauderdale who "
     "practises only immigration law and writes about it for local papers."),
    ("Sobre Carlos Nadalim", "Pai de Francesco e Teresa e marido de Bárbara, Carlos Nadalim é "
     "também coordenador pedagógico na escola Mundo do Balão Mágico, em Londrina."),
]


def _text(heading: str, paragraph: str) -> str:
    return "\n".join([*BODY, heading, paragraph])


#: 1-based numbers of the heading and the paragraph lines in :func:`_text`.
HEADING, PARAGRAPH = len(BODY) + 1, len(BODY) + 2


@pytest.fixture(scope="module")
def sections() -> Batch:
    return Batch([_text(h, p) for h, p in COMPANY + PERSON], codes=["byline_dateline"])


@pytest.mark.parametrize(("heading", "paragraph"), COMPANY)
def test_a_company_section_is_not_a_byline(heading: str, paragraph: str,
                                           sections: Batch) -> None:
    found = sections.found(_text(heading, paragraph))
    assert "byline_dateline" not in found.get(HEADING, set())
    assert "byline_dateline" not in found.get(PARAGRAPH, set())


@pytest.mark.parametrize(("heading", "paragraph"), PERSON)
def test_an_author_bio_heading_is_still_a_byline(heading: str, paragraph: str,
                                                 sections: Batch) -> None:
    assert "byline_dateline" in sections.found(_text(heading, paragraph)).get(HEADING, set())
