"""What is left of a sentence whose letters the source stripped: punctuation around a name.

Why a module of its own: some feeds drop every letter of a script they
cannot encode (the NewsAPI ``content`` of Russian, Chinese and Japanese
records, audit23 of 2026-12-07) and keep the Latin words, digits and
punctuation: " , WhatsApp, , , ." is "... in WhatsApp, ..." of a Russian
sentence. Decoration-stripped, such a line reads as a lone network name
(a share bar) or a bare credit word ("Bild"), and ``dq clean`` deleted 12
such sentences as ``share_prompt``. A button row or a label never carries
a sentence's punctuation; a remnant always does. The signals that read a
line by its words alone ask :func:`sentence_remnant` first.
"""

from __future__ import annotations

from typing import Final

import polars as pl

__all__ = ["REMNANT", "sentence_remnant"]

#: Punctuation a button row or a label never has and a stripped sentence
#: keeps: quotation marks; a comma, full stop or semicolon after a space
#: (an empty place where a word was: " , ", "WhatsApp ."); two such marks
#: with nothing between (", ,", ". ,"); a hyphen left hanging before them
#: ("Telegram-." of "Telegram-канале"); a full stop closing the line (a
#: sentence end; a share bar has none). From the 23 share-prompt and credit
#: remnants judged in audit23 (all hit) and the share bars of the dev pages
#: and earlier audits ("Facebook Twitter Reddit", "Facebook | Twitter",
#: "Facebook, Twitter, LinkedIn", "Link copied!": none hit).
REMNANT: Final = r"[«»“”„\"]|\s[,.;]|[,;.]\s*[,;]|\p{L}-\s*[,.]|\.\s*$"


def sentence_remnant(line: pl.Expr) -> pl.Expr:
    """Whether ``line`` carries the punctuation of a sentence (:data:`REMNANT`); False on null.

    >>> df = pl.DataFrame({"s": [" , WhatsApp, , , .", "« ». Instagram.", "Telegram-.",
    ...                          "Facebook Twitter Reddit", "Facebook | Twitter | WhatsApp",
    ...                          "Facebook, Twitter, LinkedIn", "Link copied!", "Foto:", None]})
    >>> df.select(sentence_remnant(pl.col("s"))).to_series().to_list()
    [True, True, True, False, False, False, False, False, False]
    """
    return line.str.contains(REMNANT).fill_null(False)
