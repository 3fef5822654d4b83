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

The eighth outside audit (audit25) added four rules, each naming why the
line is kept (:data:`KEEP_REASONS`, :func:`keep_reason`); the finding stays
in the scan report:

* ``figures``: a menu finding on a line of figures that does not count pages
  is a table row (navigation evidence is about words; its one numeric
  phrase is the pager);
* ``wrapped_clause``: a byline/credit finding on the rest of the sentence
  above (PDF text wraps mid-sentence: "by Santander to holders of ...");
* ``agency_in_prose``: a credit finding on "(AFP)" closing a clause inside a
  sentence: an agency named in prose;
* ``list_item``: a link finding on an item of a numbered list.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Final

import polars as pl

from dq.clean._deletion import FULL_SENTENCE_WORDS
from dq.signals._phrases import alternation
from dq.signals.frames import only

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


# --- audit25: what a reported line IS, read before it is deleted -------------
#
# The eighth outside audit (audit25, 2026-12-07: Thai government news, Polish
# stock-exchange filings, RSS items) found ``dq clean`` deleting 59 content
# lines in 4 records, each on a finding that reads one feature of the line
# and not the line: a table row of share counts read as a pager, a wrapped
# piece of a notice's first sentence read as a byline ("by Santander to
# holders of ..."), an agency's acronym closing a Thai clause read as a photo
# credit ("... สำนักงานตำรวจสหพันธ์ออสเตรเลีย (AFP)"), a numbered list item whose
# content is a URL. The findings stay in the scan report; the cleaner keeps
# the lines (:func:`kept_as_content`).

#: Codes whose evidence is about words: a menu entry, a trail, a tag line, or
#: the pager ("1 2 3 … 10"), the one navigation phrase made of numbers.
MENU_CODES: Final = ("navigation",)
#: A line of figures: digits, white space and the marks numbers are written
#: with (grouping, decimals, ranges, ratios, per cent). A letter makes it
#: something else: a player's speed "1.0x" (a dev page's media control, which
#: navigation rightly reports), "Page 2", "12K shares".
FIGURES: Final = r"^[\d\s.,/%+−–—…·-]+$"
#: Codes that name a byline or a credit: the element a wrapped line is read
#: as when its first or last word looks like one ("by ...", "(AFP)").
BYLINE_CODES: Final = ("byline_dateline", "media_credit")
#: Codes that name a bare link line.
LINK_CODES: Final = ("url_line",)

#: Lower-case words after the first from which a line is a clause, not a
#: byline: a byline names people and at most a few joining words ("by staff
#: and agencies", "by Jane Smith and John Doe for the Post": 3); the wrapped
#: notice line of audit25 holds 7 ("by Santander to holders of its
#: outstanding €1,500,000,000 4.75 per cent. ...").
CLAUSE_LOWER_WORDS: Final = 4
#: Characters of a script written without spaces (Thai, Lao, Khmer, Myanmar,
#: kana, CJK, Hangul) counted as one word when a line's prose is measured.
#: A Thai word is about 4-5 characters on average, CJK words 1-2; 6 counts
#: fewer words than the text holds, so the guard below errs toward deleting.
UNSPACED_CHARS_PER_WORD: Final = 6
_UNSPACED: Final = (
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)
#: Words of prose before a parenthesised credit from which the credit is an
#: attribution inside a clause: a sentence's worth
#: (:data:`dq.clean._deletion.FULL_SENTENCE_WORDS`). A credit closes a caption
#: after its sentence ends ("... in 2022. (Adel Hana/AP)") or follows a label
#: ("Protesters march (Image: GETTY)"); a clause that runs into "(AFP)" with
#: no sentence end names an agency ("... the Australian Federal Police (AFP)").
PROSE_BEFORE_CREDIT_WORDS: Final = FULL_SENTENCE_WORDS
#: A line that ends a sentence, a heading or a label: what the next line is
#: not the rest of.
_ENDS_CLAUSE: Final = r"[.!?…:;|。！？][\"'”’»)\]]*$"
#: A line left mid-clause: its last word is lower-case (or ends in a comma), or
#: it ends in a caseless script's letter or mark (Thai sets no full stops). A
#: time stamp ("... 2024 - 20:24"), a Title-Case headline or a label does not
#: run on; a dev page's "i" info icon under a time stamp was read as a wrapped
#: clause before this was required (Dagbladet, 2026-12-07).
RUNS_ON: Final = r"(?:(?:^|\s)\p{Ll}\S*[\p{Ll},]|[\p{Lo}\p{M}])$"


def is_pager(line: str) -> bool:
    """Whether the numbers of ``line`` read as a pager: most steps go up by one
    ("1 2 3 … 10", "1 … 4 5 6 … 20"), or a page counter "N / M" with N <= M.

    A table row's figures do not: a figure grouped in thousands ("1 622 812"),
    a value repeated across columns ("35 235 35 235", "100 000 100 000").

    >>> is_pager("1 2 3 … 10"), is_pager("20 / 20"), is_pager("7")
    (True, True, True)
    >>> is_pager("1 622 812"), is_pager("35 235 35 235"), is_pager("100 000 100 000")
    (False, False, False)
    """
    nums = [int(n) for n in re.findall(r"\d+", line)]
    if len(nums) < 2:
        return True
    if len(nums) == 2 and "/" in line:
        return nums[0] <= nums[1]
    steps = [b - a for a, b in itertools.pairwise(nums)]
    return all(s > 0 for s in steps) and 2 * sum(s == 1 for s in steps) >= len(steps)


def numeric_row(line: pl.Expr, code: pl.Expr) -> pl.Expr:
    """A menu finding (:data:`MENU_CODES`) on a line of figures without a word
    that is no pager (:func:`is_pager`): a table row, data.

    >>> df = pl.DataFrame({"s": ["1 622 812", "35 235 35 235", "1 2 3 4 5", "20 / 20",
    ...                          "1 622 812", "Home", "1.0x"],
    ...                    "code": ["navigation"] * 4 + ["social_counts"] + ["navigation"] * 2})
    >>> df.select(numeric_row(pl.col("s"), pl.col("code"))).to_series().to_list()
    [True, True, False, False, False, False, False]
    """
    figures = (code.is_in(list(MENU_CODES)) & line.str.contains(r"\d")
               & line.str.contains(FIGURES)).fill_null(False)
    # is_pager is plain Python: it reads only the few menu lines made of figures
    pager = only(figures, line.filter(figures).map_elements(is_pager, return_dtype=pl.Boolean),
                 pl.Boolean)
    return figures & ~pager.fill_null(True)


def wrapped_clause(line: pl.Expr, above: pl.Expr, code: pl.Expr) -> pl.Expr:
    """A byline/credit finding (:data:`BYLINE_CODES`) on a line that continues the
    sentence above: the line above (``above``, the previous non-blank line) ends
    without terminal punctuation, this one opens lower-case and holds
    :data:`CLAUSE_LOWER_WORDS` lower-case words or more after its first.

    >>> df = pl.DataFrame({
    ...     "s": ["by Santander to holders of its outstanding notes to tender them",
    ...           "by Jane Smith and John Doe for the Post",
    ...           "by Santander to holders of its outstanding notes to tender them"],
    ...     "above": ["Further to our notice announcing the invitation",
    ...               "Council votes on the budget"] + ["The notice was sent."],
    ...     "code": ["byline_dateline"] * 3})
    >>> df.select(wrapped_clause(pl.col("s"), pl.col("above"), pl.col("code"))
    ...           ).to_series().to_list()
    [True, False, False]
    """
    lower = line.str.count_matches(r"\s\p{Ll}\S*") >= CLAUSE_LOWER_WORDS
    return (code.is_in(list(BYLINE_CODES)) & runs_on(above) & line.str.contains(r"^\p{Ll}")
            & lower)


def runs_on(above: pl.Expr) -> pl.Expr:
    """The line above (the previous non-blank line, null at a record's top) ends
    mid-clause (:data:`RUNS_ON`), so the sentence runs on into the next line (PDF
    and Thai text wrap mid-sentence).

    >>> df = pl.DataFrame({"above": ["announcing the invitation", "ซึ่งเป็นหน่วยงานกลาง",
    ...                              "The notice was sent.", "Photo:", None,
    ...                              "torsdag 09. mai 2024 - 20:24", "Council Votes On Budget"]})
    >>> df.select(runs_on(pl.col("above"))).to_series().to_list()
    [True, True, False, False, False, False, False]
    """
    return above.fill_null("").str.contains(RUNS_ON)


def credit_in_prose(line: pl.Expr, above: pl.Expr, below: pl.Expr, code: pl.Expr) -> pl.Expr:
    """A credit finding on a line inside a sentence: the sentence runs on from the
    line above (:func:`runs_on`) or into the line below (which opens lower-case),
    and the line closes with one parenthesised token after :data:`PROSE_BEFORE_CREDIT_WORDS`
    words of prose that do not end a sentence: an agency named inside a clause, not a
    credit line. Unspaced scripts count :data:`UNSPACED_CHARS_PER_WORD` characters a
    word. A caption stands on its own (a record's first line, or after a sentence's
    end): "Lombardi e Corrado: 'Zingaretti candidato sfiora il paradosso' (ANSA)",
    the top line of an audit23 record, is still deleted.

    >>> df = pl.DataFrame({"s": [
    ...     "โดยมีความร่วมมืออย่างใกล้ชิดกับสำนักงานตำรวจสหพันธ์ออสเตรเลีย (AFP)",
    ...     "The talks were held with officers of the Australian Federal Police (AFP)",
    ...     "Police officers stand guard outside the court on Monday. (AFP)",
    ...     "Protesters march (Image: GETTY)", "Protesters march (AFP)"]})
    >>> above, code = pl.lit("ซึ่งเป็นหน่วยงานกลางของออสเตรเลีย"), pl.lit("media_credit")
    >>> df.select(credit_in_prose(pl.col("s"), above, pl.lit(None, pl.String), code)
    ...           ).to_series().to_list()
    [True, True, False, False, False]
    >>> ended = pl.lit("The talks ended.")
    >>> df.select(credit_in_prose(pl.col("s"), ended, pl.lit("The court sat."), code)
    ...           ).to_series().to_list()
    [False, False, False, False, False]
    >>> df.select(credit_in_prose(pl.col("s"), ended, pl.lit("who said the case would go on"),
    ...                           code)).to_series().to_list()
    [True, True, False, False, False]
    """
    before = line.str.extract(r"^(.*\S)\s*\([^\s()]{2,40}\)$", 1)
    words = (before.str.count_matches(r"\S+")
             + before.str.count_matches(_UNSPACED) // UNSPACED_CHARS_PER_WORD)
    prose = (words >= PROSE_BEFORE_CREDIT_WORDS) & ~before.str.contains(_ENDS_CLAUSE)
    inside = runs_on(above) | below.fill_null("").str.contains(r"^\p{Ll}")
    return (code == "media_credit") & inside & prose.fill_null(False)


def numbered_item(line: pl.Expr, above: pl.Expr, below: pl.Expr, code: pl.Expr) -> pl.Expr:
    """A link finding (:data:`LINK_CODES`) on an item of a numbered list: the line
    opens "N." or "N)" and the item above is N-1 or the one below N+1. A list
    the article numbers is its content, a link among its items one of them.

    >>> df = pl.DataFrame({"s": ["5.www.doe.go.th/Smartjob", "5.www.doe.go.th/Smartjob",
    ...                          "www.doe.go.th/Smartjob"],
    ...                    "above": ["4.รถบริการจัดหางาน", "Contact us", "4.รถบริการ"],
    ...                    "below": ["6.Smart Job Center", None, "6.Smart"]})
    >>> df.select(numbered_item(pl.col("s"), pl.col("above"), pl.col("below"),
    ...                         pl.lit("url_line"))).to_series().to_list()
    [True, False, False]
    """
    item = r"^(\d{1,3})[.)]"

    def number(text: pl.Expr) -> pl.Expr:
        return text.str.extract(item, 1).cast(pl.Int64, strict=False)

    n = number(line)
    listed = (number(above) == n - 1) | (number(below) == n + 1)
    return code.is_in(list(LINK_CODES)) & listed.fill_null(False)


#: Codes of a site's prompt to act (subscribe, share): a line of the page, not of a list.
PROMPT_CODES: Final = ("newsletter_prompt", "share_prompt")
#: A bulleted line that is a sentence: a bullet, text, and a sentence's end.
_BULLETED: Final = r"^([•●▪◦‣*-])\s+\S.*[.!?…][\"'”’)]*$"


def bulleted_sentence(line: pl.Expr, above: pl.Expr, below: pl.Expr, code: pl.Expr) -> pl.Expr:
    """A prompt finding (:data:`PROMPT_CODES`) on a full sentence in a bulleted list of full
    sentences: the item above or below has the same bullet and is a full sentence too. A
    site's prompt is a button or a footer line; "• Sign up for alerts from law enforcement
    agencies to stay updated ..." among a release's safety tips is a tip (issue 15, audit27).

    >>> tip = "• Sign up for alerts from law enforcement agencies to stay updated on changes."
    >>> df = pl.DataFrame({"s": [tip, tip, "• Sign up for our newsletter"],
    ...                    "above": ["• Read the public registries of offenders in your area.",
    ...                              "Newsletter", "• Home"], "below": ["", "", "• About"]})
    >>> df.select(bulleted_sentence(pl.col("s"), pl.col("above"), pl.col("below"),
    ...                             pl.lit("newsletter_prompt"))).to_series().to_list()
    [True, False, False]
    """
    def sentence(text: pl.Expr) -> pl.Expr:
        return text.str.contains(_BULLETED) & (
            text.str.count_matches(r"\S+") > FULL_SENTENCE_WORDS)

    bullet = line.str.extract(_BULLETED, 1)
    sibling = ((above.str.extract(_BULLETED, 1) == bullet) & sentence(above)).fill_null(False) \
        | ((below.str.extract(_BULLETED, 1) == bullet) & sentence(below)).fill_null(False)
    return code.is_in(list(PROMPT_CODES)) & sentence(line).fill_null(False) & sibling


#: Why a reported line was kept, by rule (the names :func:`keep_reason` gives).
KEEP_REASONS: Final = {
    "figures": "a table row of figures, no pager (numeric_row)",
    "wrapped_clause": "the rest of the sentence above, not a byline (wrapped_clause)",
    "agency_in_prose": "an agency named inside a sentence, not a credit (credit_in_prose)",
    "list_item": "an item of a numbered list (numbered_item)",
    "bulleted_sentence": "a sentence in a bulleted list of sentences (bulleted_sentence)",
}


def keep_reason(line: pl.Expr, above: pl.Expr, below: pl.Expr, code: pl.Expr) -> pl.Expr:
    """Why the reported line is content and kept: a key of :data:`KEEP_REASONS`, or
    null when no audit25 rule keeps it.

    >>> df = pl.DataFrame({"s": ["1 622 812", "Home", "5.www.doe.go.th/Smartjob"],
    ...                    "above": ["Liczba", None, "4.Mobile Unit"],
    ...                    "below": [None, "News", "6.Smart Job Center"],
    ...                    "code": ["navigation", "navigation", "url_line"]})
    >>> df.select(keep_reason(pl.col("s"), pl.col("above"), pl.col("below"),
    ...                       pl.col("code"))).to_series().to_list()
    ['figures', None, 'list_item']
    """
    return (
        pl.when(numeric_row(line, code)).then(pl.lit("figures"))
        .when(wrapped_clause(line, above, code)).then(pl.lit("wrapped_clause"))
        .when(credit_in_prose(line, above, below, code)).then(pl.lit("agency_in_prose"))
        .when(numbered_item(line, above, below, code)).then(pl.lit("list_item"))
        .when(bulleted_sentence(line, above, below, code)).then(pl.lit("bulleted_sentence"))
        .otherwise(pl.lit(None, pl.String))
    )


def kept_as_content(line: pl.Expr, above: pl.Expr, below: pl.Expr, code: pl.Expr) -> pl.Expr:
    """Any of the audit25 rules (:func:`keep_reason`): the reported line is content, kept.

    >>> df = pl.DataFrame({"s": ["1 622 812", "Home"], "above": ["Liczba", None],
    ...                    "below": [None, "News"], "code": ["navigation"] * 2})
    >>> df.select(kept_as_content(pl.col("s"), pl.col("above"), pl.col("below"),
    ...                           pl.col("code"))).to_series().to_list()
    [True, False]
    """
    return keep_reason(line, above, below, code).is_not_null()


def with_neighbours(lines: pl.DataFrame) -> pl.DataFrame:
    """``rid, line, s`` (every line of the records) with ``above`` and ``below``: the
    previous and next non-blank stripped line of the same record (null on blank lines).

    >>> df = pl.DataFrame({"rid": [0, 0, 0, 1], "line": [1, 2, 3, 1], "s": ["a", "", "b", "c"]})
    >>> with_neighbours(df).rows()  # doctest: +NORMALIZE_WHITESPACE
    [(0, 1, 'a', None, 'b'), (0, 2, '', None, None), (0, 3, 'b', 'a', None),
     (1, 1, 'c', None, None)]
    """
    filled = lines.filter(pl.col("s").str.len_bytes() > 0).sort("rid", "line").select(
        "rid", "line",
        pl.col("s").shift(1).over("rid").alias("above"),
        pl.col("s").shift(-1).over("rid").alias("below"),
    )
    return lines.join(filled, on=["rid", "line"], how="left", maintain_order="left")
