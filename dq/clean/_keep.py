"""What the cleaner keeps whatever the findings say: a record's last words, a line's own prose.

Why: "when in doubt, report, don't delete" (issue 15). The audit22 outside
audit (1,087 records, 2026-12-07) found ``dq clean`` emptying four records:
three one-line Arabic articles (headline, masthead, lead and a "Copyright
©" footer all on one line, deleted whole as ``copyright_footer``) and a photo
item whose only text is its caption (``media_credit``). Two rules, each
argued from what the text is:

* a record is the unit a reader gets: a cleaner that leaves no word of a
  record that had words has deleted the record, which no line finding
  licenses. When every word would go, the record is kept as it was and
  flagged (``dq_cleaned_empty``); its findings stay in the scan report
  (:func:`has_words`, applied by :mod:`dq.clean._engine`);
* a line-level footer finding says the whole line is the footer. A footer
  opens its line or follows its owner's name ("© 2024 Harbour Post",
  "Harbour Post Media Ltd. All rights reserved."); when a sentence's worth of
  words comes before the footer's first mark, the line holds prose of its
  own and is reported, not deleted (:func:`prose_before_footer`).
"""

from __future__ import annotations

import unicodedata
from typing import Final

import polars as pl

from dq.clean._deletion import FULL_SENTENCE_WORDS
from dq.signals._phrases import alternation

#: A word: two letters in a row (combining marks, as Arabic vowel signs,
#: between them). A text without one holds no prose: digits, punctuation,
#: white space or a stray letter.
WORD: Final = r"\p{L}\p{M}*\p{L}"

#: The first mark of a copyright footer: the sign, "(c)", the word, or any
#: phrase of the footer list ("All rights reserved", "Alle Rechte
#: vorbehalten", ...). Case-insensitive, as the detector reads them.
FOOTER_MARK: Final = r"(?i)(?:©|\(c\)|copyright|" + alternation("copyright_footer") + ")"

#: Codes whose finding claims a whole line on a footer phrase found anywhere
#: in it (``copyright_footer`` matches its phrases inside lines of up to 60
#: words at the edge of a text: dq.signals.chrome_lines.FOOTER_WORDS).
FOOTER_CODES: Final = ("copyright_footer",)

#: Words before the footer's first mark from which the line holds prose of
#: its own: a full sentence's worth (:data:`dq.clean._deletion.FULL_SENTENCE_WORDS`).
#: An owner's name before a footer is a few words ("Harbour Post Media Ltd.",
#: "Photo: Reuters / Example Media"); the one-line articles of audit22 hold
#: 30-45 words before "Copyright ©".
PROSE_BEFORE_FOOTER_WORDS: Final = FULL_SENTENCE_WORDS


def has_words(text: str) -> bool:
    """Whether ``text`` holds at least one word (:data:`WORD`), in any script.

    >>> has_words("Die Stadt plant eine neue Brücke."), has_words("東京")
    (True, True)
    >>> has_words(""), has_words("  \\n12 · 2024 —\\n"), has_words("x")
    (False, False, False)
    """
    letter_before = False
    for ch in text:
        kind = unicodedata.category(ch)[0]
        if kind == "L":
            if letter_before:
                return True
            letter_before = True
        elif kind != "M":
            letter_before = False
    return False


def words_expr(text: pl.Expr) -> pl.Expr:
    """:func:`has_words` as a Polars expression.

    >>> df = pl.DataFrame({"t": ["Die Stadt.", "12 — 2024", "", None]})
    >>> df.select(words_expr(pl.col("t"))).to_series().to_list()
    [True, False, False, False]
    """
    return text.fill_null("").str.contains(WORD)


def prose_before_footer(line: pl.Expr, code: pl.Expr) -> pl.Expr:
    """A footer finding on a line that holds :data:`PROSE_BEFORE_FOOTER_WORDS` words or more
    before the footer's first mark: the line is more than its footer.

    >>> df = pl.DataFrame({
    ...     "s": ["© 2024 Harbour Post Media. Alle Rechte vorbehalten.",
    ...           "Harbour Post Media GmbH. Alle Rechte vorbehalten.",
    ...           "Die Börse schloss am Montag nach einem ruhigen Handelstag mit leichten "
    ...           "Verlusten. Copyright © Harbour Post Media",
    ...           "Die Börse schloss am Montag nach einem ruhigen Handelstag mit leichten "
    ...           "Verlusten. Copyright © Harbour Post Media"],
    ...     "code": ["copyright_footer"] * 3 + ["share_prompt"]})
    >>> df.select(prose_before_footer(pl.col("s"), pl.col("code"))).to_series().to_list()
    [False, False, True, False]
    """
    before = (
        pl.when(code.is_in(list(FOOTER_CODES)))
        .then(line.str.extract(r"(?s)^(.*?)" + FOOTER_MARK, 1))
        .otherwise(None)
    )
    return before.str.count_matches(r"\S+").fill_null(0) >= PROSE_BEFORE_FOOTER_WORDS
