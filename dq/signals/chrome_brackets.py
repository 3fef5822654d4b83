"""A bracketed tag at the end of a line: a link label, or a transcript's stage direction.

Why a module of its own: ``read_more`` takes a headline that ends in an
all-caps tag ("Plague fears grow in Beijing [INSIGHT]", "Jak Polska wypada
na tle Europy? [RANKING]") for a teaser of another story: the tag labels
the link. A transcript writes its stage directions the same way, in
capitals between brackets, at the end of what was said ("... burn this
place to the ground. [LAUGHS]", "... in that time. [MUSIC PLAYING]"): the
audit22 outside audit (issue 15, record ``en_pn_06``, a podcast transcript)
found two such speaker lines deleted as links. A stage direction is part
of the text it annotates, never a link label.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_shape import S, f, matches

#: Words of a stage direction, as transcripts write them: a sound or an
#: action of the people speaking or of the recording. From the conventions
#: of published transcripts (NYT and NPR podcast transcripts: "[LAUGHS]",
#: "[MUSIC PLAYING]", "[CROSSTALK]"; broadcast transcripts: "[APPLAUSE]",
#: "[INAUDIBLE]"), with the same words in German, French, Spanish and
#: Italian transcripts. Only ever used to *clear* a tag, so a word missing
#: here costs a report, never a deletion.
#: The stems that take any ending share one ``\w*`` (the same words as one
#: ``\w*`` per stem; compiling the tag's regex took 15 ms, 2.5 with one, per
#: line pass: Polars keeps 32 compiled regexes per thread and the pass has ~170).
_STAGE_WORDS: Final = (
    r"(?:LAUGH|CHUCKL|GIGGL|CHEER|CLAPP|SIGH|GASP|COUGH|SHOUT|SCREAM|WHISPER|PAUSE|BEEP"
    r"|RING|LACH)\w*|APPLAUSE|CRY|CRYING|CRIES|SOBS?|SOBBING|MUSIC|SINGING|SINGS"
    r"|PLAYING|CROSSTALK|INAUDIBLE|UNINTELLIGIBLE|SILENCE|APPLAUS|MUSIK|GELÄCHTER|RIRES?"
    r"|APPLAUDISSEMENTS|MUSIQUE|RISAS?|APLAUSOS|MÚSICA|RISATE|APPLAUSI"
)

#: A tag of stage-direction words alone, at the end of the line.
_STAGE_TAG: Final = rf"\[(?:(?:{_STAGE_WORDS}|[A-ZÄÖÜÉÚ]+) )*(?:{_STAGE_WORDS})\]\W*$"

#: A tag right after a sentence's full stop. A headline, which a link label
#: follows, has no full stop (news style; on the dev pages every one of the
#: 29 tagged headlines ends in a letter, a question mark or a quote,
#: 2026-12-07); a line that ends one sentence and then a tag is a sentence
#: with its annotation.
_AFTER_FULL_STOP: Final = r"[^.]\.[\"'”’»)]*\s*\[[A-Z][A-Z ]{2,15}\]\W*$"


def stage_direction() -> pl.Expr:
    """A line ending in a transcript's stage direction, not in a link label.

    >>> from dq.signals._demo import flags
    >>> flags(stage_direction(), ["Das haben wir damals wirklich so gemacht. [LACHT]",
    ...                           "¿De verdad lo hiciste? [RISAS]",
    ...                           "Und dann kam der Winter. [MUSIK]",
    ...                           "Non ci credevo nemmeno io. [APPLAUSI]",
    ...                           "On a tout recommencé depuis le début. [SILENCE]"])
    [True, True, True, True, True]
    >>> flags(stage_direction(), ["Plague fears grow in Beijing [INSIGHT]",
    ...                           "Jak Polska wypada na tle Europy? [RANKING]",
    ...                           "Neue Single erschienen – „Da war sie, Johns Stimme“ [AUDIO]",
    ...                           "Holidaymakers die after eating marmot... [VIDEO]"])
    [False, False, False, False]
    """
    return matches(f("bracket"), S, f"(?:{_STAGE_TAG})|(?:{_AFTER_FULL_STOP})", tail=120)
