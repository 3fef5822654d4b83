"""glued_words where one language's list places the boundary (dq.signals.spacing_heads; issue 15).

The positives have the shapes the module doc argues from: a foreign name run into
a German function word, a German word run into a name that goes on, a function
word run into a number, two Vietnamese syllables joined, an ellipsis run into a
capitalised word (missing_space_after_punct), a colon between two Portuguese
words. The negatives
are what the same rules could mistake for glue: a German feminine or agent
ending after a loanword, a gender colon, a brand written closed, a name whose
end is a function word, a token written twice, a name run in English. All cases
run in ONE detect() call (a module-scoped fixture): CI time.
"""

from __future__ import annotations

from typing import Final

import polars as pl
import pytest

from dq.detect import detect
from dq.signals.context import DetectContext

#: (lang, text, (token, fix)): the token must be reported with this fix.
SPLIT: Final = [
    ("de", "Der kriselnde Klub gewann gegen Sheffield Unitedein 4:2-Sieg, der Mannschaft "
           "gelang damit der Anschluss.", ("Unitedein", "United ein")),
    ("de", "Er wurde eingeladen, beim Jubiläum der Zeitung Ultima Horaeine Rede zu halten.",
     ("Horaeine", "Hora eine")),
    ("de", "Rekordweltmeister und Kawasaki-IkoneJonathan Rea hatte sich mit der neuen Saison "
           "verabschiedet.", ("Kawasaki-IkoneJonathan", "Kawasaki-Ikone Jonathan")),
    ("vi", "Thủ đô Hà Nộihôm nay có mưa lớn và nhiều tuyến phố bị ngập sâu trong nước.",
     ("Nộihôm", "Nội hôm")),
    ("de", "Es war der zwölfte Einsatz in der2. Bundesliga für den jungen Stürmer aus Köln.",
     ("der2", "der 2")),
    ("vi", "Tiêu chảy hoặc tiêu phân có máu...Nội soi và tầm soát sức khỏe định kỳ giúp "
           "phát hiện sớm.", ("máu...Nội", "máu... Nội")),
    ("pt", "Eu não quero nada, mas quero destacar um:um cronômetro para que pais e "
           "professores saibam.", ("um:um", "um: um")),
]

#: (lang, text, token): the token must not be reported.
WHOLE: Final = [
    # German endings after a loanword, and a gender colon or capital
    ("de", "Die Bloggerin und die Managerin trafen den Influencer im Garten der Stadt.",
     "Bloggerin"),
    ("de", "Alle Lehrer:innen der Schule und die LehrerInnen Berlins protestierten.",
     "Lehrer:innen"),
    ("de", "Alle Lehrer:innen der Schule und die LehrerInnen Berlins protestierten.",
     "LehrerInnen"),
    # an English brand closed, then a capitalised word
    ("de", "Im Handel ist die PlayStation Portal seit Monaten ausverkauft, sagte er.",
     "PlayStation"),
    # a name whose end is a frequent word that is also an ending ("-ist")
    ("de", "Der Literaturnobelpreisträger Mario Vargas Llosaist tot, er starb am Sonntag.",
     "Llosaist"),
    # the same token twice in its record is a name or a term
    ("de", "Sie spielten gegen Nottingham Forestund verloren. Forestund Leeds lagen vorn.",
     "Forestund"),
    # a model name after a word, in German
    ("de", "Die Datei liegt als mp3 vor, sagte der Sprecher des Senders am Montag.", "mp3"),
    # Vietnamese brands joined on purpose carry no Vietnamese letters
    ("vi", "Công ty Vinamilk và Viettel đã ký kết hợp đồng mới với đối tác trong năm nay.",
     "Vinamilk"),
    # a name in an English record is not read by these rules
    ("en", "Former official Robert Blackwill said the plan of Burnley Cityund had failed.",
     "Cityund"),
    ("de", "Der frühere Beamte Robert Blackwill sagte, der Plan sei gescheitert.", "Blackwill"),
]


@pytest.fixture(scope="module")
def found() -> dict[int, list[tuple[str, str]]]:
    """``record index -> [(matched text, fix)]`` for every case, from one detect() call."""
    texts = [t for _, t, _ in SPLIT] + [t for _, t, _ in WHOLE]
    langs = [g for g, _, _ in SPLIT] + [g for g, _, _ in WHOLE]
    articles = pl.DataFrame(
        {"id": [f"r{i}" for i in range(len(texts))], "text": texts, "lang": langs},
        schema={"id": pl.String, "text": pl.String, "lang": pl.String},
    )
    codes = {"glued_words", "missing_space_after_punct"}
    out = detect(articles, ctx=DetectContext(), codes=codes).findings
    by: dict[int, list[tuple[str, str]]] = {}
    for rid, a, b, fix in out.select("record_id", "start", "end", "fix").iter_rows():
        i = int(rid[1:])
        by.setdefault(i, []).append((texts[i][a:b], str(fix)))
    return by


@pytest.mark.parametrize("i", range(len(SPLIT)), ids=[s[2][0] for s in SPLIT])
def test_glue_is_split(i: int, found: dict[int, list[tuple[str, str]]]) -> None:
    assert SPLIT[i][2] in found.get(i, [])


@pytest.mark.parametrize("i", range(len(WHOLE)), ids=[w[2] for w in WHOLE])
def test_word_is_kept_whole(i: int, found: dict[int, list[tuple[str, str]]]) -> None:
    token = WHOLE[i][2]
    hits = found.get(len(SPLIT) + i, [])
    assert all(token not in m for m, _ in hits), hits


def test_repairs_keep_every_digit(found: dict[int, list[tuple[str, str]]]) -> None:
    """A fix only inserts white space: the digits of what it replaces are kept, in order."""
    for hits in found.values():
        for match, fix in hits:
            assert [c for c in fix if c.isdigit()] == [c for c in match if c.isdigit()]
            assert fix.replace(" ", "") == match.replace(" ", "")
