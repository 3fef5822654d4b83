"""glued_words that a closed-compound language never writes as one word
(dq.signals.spacing_closed; issue 15, recall26).

The positives have the two shapes the module doc argues from, in sentences written
for this test: an acronym between function words ("mitSPDund"), and a capitalised
function word run into a capitalised word no list holds ("DieCDU-Politikerin",
after an opening quote too). The negatives are what the same rules could mistake
for glue: an acronym's plural or derivation, a brand listed whole ("BahnCard"), a
brand of an article and a listed word ("DerStandard"), a channel's name ("ZDFneo"),
a phrase written in CamelCase after a function word ("DasIstMeinKennwort...": xcheck26).
All cases run in ONE detect() call (a module-scoped fixture): CI time.
"""

from __future__ import annotations

from typing import Final

import pytest
from _batch import Batch
from _glued_helpers import glued_batch, glued_in

from dq.signals.context import DetectContext

#: (lang, text, (token, fix)): the token must be reported with this fix.
SPLIT: Final = [
    ("de", "Die Union hat die Regierung mitSPDund Grünen platzen lassen, hieß es am Abend.",
     ("mitSPDund", "mit SPD und")),
    ("de", "Kurz darauf stellte die FDPdas Papier auf ihre Homepage, berichtete die Zeitung.",
     ("FDPdas", "FDP das")),
    ("de", "Appell und Abwehr zugleich. DieCDU-Politikerinwies die Vorwürfe am Montag zurück.",
     ("DieCDU-Politikerinwies", "Die CDU-Politikerinwies")),
    ("de", "Ein Sprecher schwieg. AuchQuantumscape äußerte sich am Dienstag nicht dazu.",
     ("AuchQuantumscape", "Auch Quantumscape")),
]

#: (lang, text, token): the token must not be reported.
WHOLE: Final = [
    ("de", "Die beiden PCs im Büro und die CDUler im Landtag waren am Montag offline.", "PCs"),
    ("de", "Die beiden PCs im Büro und die CDUler im Landtag waren am Montag offline.",
     "CDUler"),
    ("de", "Mit der BahnCard fährt man günstiger, sagte die Sprecherin der Bahn am Montag.",
     "BahnCard"),
    ("de", "Der Bericht erschien zuerst im DerStandard am Montag, hieß es aus Wien.",
     "DerStandard"),
    ("de", "Der Sender ZDFneo zeigt die Serie ab Montag, teilte eine Sprecherin mit.", "ZDFneo"),
    # A phrase written in CamelCase on purpose after a function word (a password, a
    # hashtag) is no glue of two text nodes (xcheck26: the rule's two outside findings).
    ("de", "Als Kennwort empfiehlt er etwa DasIstMeinKennwortFuerDieBank statt eines Wortes.",
     "DasIstMeinKennwortFuerDieBank"),
    ("de", "Besser sei ein Satz wie IchMagKeineGurkenImSalat, sagte der Experte am Montag.",
     "IchMagKeineGurkenImSalat"),
]


@pytest.fixture(scope="module")
def batch() -> Batch:
    return glued_batch([(lang, text) for lang, text, _ in (*SPLIT, *WHOLE)], DetectContext())


@pytest.mark.parametrize(("lang", "text", "want"), SPLIT)
def test_split(lang: str, text: str, want: tuple[str, str], batch: Batch) -> None:
    assert want in glued_in(batch, text, lang)


@pytest.mark.parametrize(("lang", "text", "token"), WHOLE)
def test_whole(lang: str, text: str, token: str, batch: Batch) -> None:
    assert not [m for m, _ in glued_in(batch, text, lang) if token in m]
