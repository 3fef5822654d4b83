"""Attribution: who wrote it and where it came from.

Why it matters: a corpus without provenance cannot honour licences or
takedown requests, and a bare "businessinsider" line is a source that lost
its place in the metadata.

Line signals (``has_credit_line``, ``dangling_source``) read the lines frame
(:mod:`dq.signals.frames`); record signals (``missing_author``,
``missing_source``) read the records frame, where ``has_credit_line`` is a
count column because it is registered before them.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals._phrases import alternation
from dq.signals.base import Signal
from dq.signals.byline_tail import closing_byline
from dq.signals.chrome_inbody import CONTACT_LINE
from dq.signals.chrome_meta import byline_opening
from dq.signals.chrome_remnant import WRAP_ABOVE_CHARS
from dq.signals.chrome_shape import matches
from dq.signals.frames import only

LOW = pl.col("low")

#: A credit line opens or closes the article: it must sit among the first
#: CREDIT_HEAD or the last CREDIT_TAIL non-blank lines. Calibrated on
#: corpus/articles.jsonl (credits on line 1 and on the last line) and on the
#: aeb pages in ../shared/eval/dev, where a wire dateline follows at most a
#: headline, a byline and a date line. A "Source: BLS" chart caption in the
#: middle of an article is not the article's credit.
CREDIT_HEAD: Final = 5
CREDIT_TAIL: Final = 4
#: Longest label-style credit line ("This article is republished from The
#: Conversation under a Creative Commons license." has 14 words). A longer
#: line that starts with "Originally published ..." is prose.
CREDIT_MAX_WORDS: Final = 20

#: A dangling source sits among the last DANGLING_TAIL non-blank lines,
#: right after the article's prose: the line before it ends a sentence or
#: has at least DANGLING_PREV_WORDS words, and the line after it (if any)
#: is not another one-word line. Calibrated on ../shared/eval/dev (all three
#: files): tag lists and share bars ("arrombamento" / "veiculo", "youtube" /
#: "twitter") come as runs of bare tokens, related-link lists ("How to
#: invest in index funds, explained" / "international") do not end in a
#: full stop; the seed's "businessinsider" is second to last, before
#: "Back to top button". Raising DANGLING_PREV_WORDS loses articles that
#: end on a short sentence only when it has no final punctuation.
DANGLING_TAIL: Final = 3
DANGLING_PREV_WORDS: Final = 8
#: What ends a sentence: terminal punctuation, optionally inside quotes or brackets.
SENTENCE_END: Final = r"[.!?…][\"'’”»)\]]*$"
#: A lower-case run-together handle ("apnews", "businessinsider") has at
#: least this many characters; shorter names (cnn, bbc, afp) come from
#: phrases/source_tokens.txt instead, so "end" or "ads" are not flagged.
HANDLE_MIN_CHARS: Final = 5
#: Longest bare token considered at all.
DANGLING_MAX_CHARS: Final = 40

#: A domain alone: labels, a dot, a letter TLD; no scheme, no path, no "@".
DOMAIN_LINE: Final = r"^(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12}$"
#: A run-together lower-case handle, matched on the case-preserving line.
HANDLE_LINE: Final = rf"^[a-z][a-z0-9]{{{HANDLE_MIN_CHARS - 1},{DANGLING_MAX_CHARS - 1}}}$"

#: Author metadata that says nothing ("", "unknown", "admin", ...).
PLACEHOLDERS: Final = ("", "-", "—", "n/a", "na", "none", "null", "unknown", "anonymous", "admin")
#: A byline ("By Jane Doe", "Von Jana Weißmüller", "By Jane Doe, Reuters")
#: is looked for in the first and last BYLINE_WINDOW characters only.
BYLINE_WINDOW: Final = 600
_NAME = r"\p{Lu}[\p{L}\p{M}.'’-]*"


def byline_pattern() -> str:
    """A line that opens as ``byline_dateline``'s bylines do (its
    :func:`~dq.signals.chrome_meta.byline_opening`), then names, then the end
    of the line or a separator and anything ("By Jane Doe, AP", "By Pam
    Martens: March 24, 2023 ~ ...", "By BigEyeUg Team; Fabled Disc Jockey ...":
    a byline the scraper glued to the first paragraph, issue 15, audit21).
    Or, after a sentence, "Written by ..." ("Originally posted on EVANNEX.
    Written by Peter McGuthrie.").

    >>> texts = ["By Jane Doe; It rained.", "Reported by Ann Obi", "By Monday it rained."]
    >>> pl.Series(texts).str.contains(byline_pattern()).to_list()
    [True, True, False]
    """
    return (
        rf"(?m)(?:^[^\S\n]*{byline_opening()}"
        r"|[.!?][ \t]+(?:[Ww]ritten|[Rr]eported|[Ss]tory|[Ww]ords) by[ \t]+)"
        + _NAME
        + r"(?:[ \t]+(?:"
        + _NAME
        + r"|and|und|et|y|e|&|de|van|von|der|da|del|la|le))*"
        # After the names: a short tail after a comma or dash ("By Jane Doe, AP"),
        # or anything after ":", ";", "~" or "|" ("By Pam Martens: March 24, 2023 ~ ...").
        + r"[ \t]*(?:[,·•–—-][^\n]{0,60}|[:;~|][^\n]*)?[ \t]*$"
    )


#: A byline without "By", as Nigerian dailies print it (THISDAY, Vanguard):
#: a line of names only, "Hammed Shittu in Ilorin" (a reporter in a city) or
#: "Emmanuel Addeh and Peter Uzoho" (two reporters). Each name is two or three
#: capitalised words; the "in <Place>" or the second name is required, so a
#: two-word headline ("Breaking News") is no byline; and The Sun's "From
#: Aidoghie Paulinus, Abuja". From the outside audits of issue 15 (3 of 26
#: judged missing_author findings, then 2 of 14, were such bylines).
_PLACE = r"\p{Lu}[\p{L}-]+(?:[ \t]+\p{Lu}[\p{L}-]+)?"
_NAMES = rf"{_NAME}[ \t]+{_NAME}(?:[ \t]+{_NAME})?"
_PERSON = rf"{_NAMES}(?:[ \t]+in[ \t]+{_PLACE})?"
BARE_BYLINE: Final = (
    rf"(?m)^[ \t]*(?:{_NAMES}[ \t]+in[ \t]+{_PLACE}"
    rf"|{_PERSON}(?:[ \t]*,[ \t]*{_PERSON})*[ \t]+(?:and|&)[ \t]+{_PERSON}"
    # "From Aidoghie Paulinus, Abuja" (The Sun): "From", a name, a comma, a place
    rf"|From[ \t]+{_NAMES}[ \t]*,[ \t]*{_PLACE})[ \t]*$"
)

#: A byline whose name a scraper put on the next line, at the author's link: a byline
#: word alone on its line ("By", "Von", "Par"), then a line of two to four names ("By" /
#: "Julia Hornstein": issue 15, audit28, flagged ``missing_author``; ``byline_dateline``
#: reads the lone "By" as a byline too). Not one name: a headline of one word is no author.
STACKED_BYLINE: Final = (
    rf"(?m)^[ \t]*(?i:by|von|par|por|door|di|av|af)[ \t]*:?[ \t]*\n[ \t]*{_NAMES}[ \t]*$"
)

#: Bylines in the scripts that print no "By" (issue 15, audit23: 320 Korean
#: records, 293 with a byline, all flagged ``missing_author``). Each script's
#: press writes the reporter's name beside a title word, not before a name:
#: Korean "[보안뉴스 한세희 기자]", "[강현주 기자(email)]", "[매체= 이름 직함]" (an
#: outlet, "=", a name of 2-4 syllables and a title, in brackets), "홍길동 기자 ="
#: or a line that ends "홍길동 기자"; Japanese "MINKABU PRESS編集部　野沢卓美" (the
#: desk, then the name closing the line), "山田太郎記者" closing a line or in
#: parentheses. The Hangul and kana shapes need their script, so each matches
#: only in its language.
CJK_BYLINE: Final = (
    r"(?m)\[[^\[\]\n]{0,60}[ \t=](?:기자|특파원|연구원|객원기자|선임기자|논설위원)[\](（]"
    r"|\[[^\[\]\n=]{1,20}=[ \t]*\p{Hangul}{2,4}[ \t][^\[\]\n]{1,40}\]"
    r"|(?:^|[\s(])\p{Hangul}{2,4}[ \t]?(?:기자|특파원)(?:[ \t]*[=\]]|[ \t]+[\w.+-]+@|[ \t]*$)"
    r"|編集部[ \t　]+\p{Han}{2,5}[ \t　]*$"
    r"|\p{Han}{2,5}[ \t　]?(?:記者|特派員|編集委員)[)）]?[ \t　]*$"
    r"|[（(]\p{Han}{2,5}[ \t　]?(?:記者|特派員|編集委員)[)）]"
)
#: A Chinese byline: a square mark before the author's name ("■朱瑀晗",
#: "□王宗仁", "■郑  然": 2-4 characters, maybe spaced), "本报记者  罗建森" (the
#: word "reporter", a space, the name) or "作者：X". Only in a text without
#: kana: Japanese lists open their items with "■" too ("■財務省").
ZH_BYLINE: Final = (
    r"[■□][ \t　]*\p{Han}(?:[ \t　]*\p{Han}){1,3}"
    r"|记者[ \t　]+\p{Han}{2,4}|作者[ \t　]*[：:][ \t　]*\p{Han}{2,4}"
)
_KANA: Final = r"[\p{Hiragana}\p{Katakana}]"


def caseless_byline() -> str:
    """A byline word, then a name in a script without case: "By: एबीपी न्यूज़ | 20 Jan 2021".

    :func:`byline_pattern` wants a capital after "By"; Devanagari, Arabic,
    Bengali or Thai names have none (issue 15, audit24: abplive's Hindi
    records open "By: एबीपी न्यूज़ | <date>" and were reported
    ``missing_author``). One to four words of such a script, then the end of
    the line or a separator and a short tail (the date). "Por ordem judicial"
    is Latin lower case: no byline.

    >>> texts = ["By: एबीपी न्यूज़ | 20 Jan 2021 08:04 AM (IST)", "By रमेश शर्मा",
    ...          "Por ordem judicial, o atacante", "By: Monday"]
    >>> pl.Series(texts).str.contains(caseless_byline()).to_list()
    [True, True, False, False]
    """
    word = r"\p{Lo}[\p{Lo}\p{M}]*"
    return (
        rf"(?m)^[^\S\n]*{byline_opening()}{word}(?:[ \t]+{word}){{0,3}}"
        r"[ \t]*(?:[,|·•–—-][^\n]{0,60})?[ \t]*$"
    )


#: The text opens "By" and two names or more, then runs on without a mark: a byline glued
#: to the lede where the source stripped punctuation and line breaks ("By Aurea Simtowe
#: Mwandishi wa Habari Mwananchi Dar es Salaam  Benki Kuu ...": the Swahili "reporter",
#: the paper, the dateline). Four of 60 ``missing_author`` findings of audit26. Two names
#: at least: "By Monday it was over" is a sentence.
GLUED_BYLINE: Final = rf"\A[^\S\n]*By[ \t]+{_NAME}[ \t]+{_NAME}[ \t]"


def _dateline() -> str:
    """A wire dateline opening a line: "(Reuters) -", "WASHINGTON (AP) —",
    "NEW YORK, March 3 (Reuters) -", "KYIV (Kyiv Independent) —".

    With a city in capitals any short name in parentheses counts; without a
    city the name must be a known agency (phrases/source_tokens.txt).
    """
    city = r"\p{Lu}{2}[\p{Lu}\p{M} .'’/-]*(?:,[^()\n]{1,40}?)?\s*"
    return (
        rf"^(?:{city})?\((?i:{alternation('source_tokens')})\)\s*[-—–:]"
        rf"|^{city}\([^()\n]{{2,30}}\)\s*[-—–]"
    )


def has_credit_line() -> pl.Expr:
    """A line that credits the article's source; evidence *for* provenance.

    Counted in the signal table (``missing_source`` reads it), never
    reported as a finding. Two shapes: a short label line near the top or
    bottom ("Source: AFP", "Originally published by ...") and a wire
    dateline opening a paragraph, which may be long.

    >>> from dq.signals._demo import flags
    >>> flags(has_credit_line(), ["Source: Reuters", "Quelle : dpa",
    ...     "(Reuters) - British retail sales fell more than expected.",
    ...     "WASHINGTON (AP) — The Senate voted on Tuesday.",
    ...     "This article was originally published on The Conversation."])
    [True, True, True, True, True]
    >>> flags(has_credit_line(), ["The figures were confirmed by Reuters.",
    ...     "© 2024 Harbour Post Media. All rights reserved.",
    ...     "Photo credit: Maria Santos/AP"])
    [False, False, False]
    """
    near_edge = (pl.col("idx") < CREDIT_HEAD) | (pl.col("from_end") < CREDIT_TAIL)
    # The phrase alternation runs on the short lines near an edge only (on
    # bench_scale's corpus, 16% of lines: 0.029 s -> 0.011 s per 100 MB); the
    # dateline, anchored at the line start, fails fast and is cheaper unmasked.
    label = matches(
        near_edge & (pl.col("n_words") <= CREDIT_MAX_WORDS),
        LOW,
        r"^[(\[*_—–\-\s]*" + alternation("credit_line"),
    )
    return label | (near_edge & pl.col("s").str.contains(_dateline()))


def _bare_token() -> pl.Expr:
    """A short line near the end, right after prose and not part of a list of bare tokens."""
    words = pl.col("n_words")
    # The lines frame is sorted by rid, line_no: the neighbour in the frame
    # is the neighbour in the record when the rid agrees (a window per
    # record, ``.over("rid")``, costs a group-by each).
    after_first = pl.col("rid") == pl.col("rid").shift(1)
    before_last = pl.col("rid") == pl.col("rid").shift(-1)
    place = (
        (pl.col("idx") > 0)
        & (pl.col("from_end") < DANGLING_TAIL)
        & (pl.col("n_chars") <= DANGLING_MAX_CHARS)
    )
    prev_words = pl.when(after_first).then(words.shift(1))
    # The sentence-end test only on the lines just above a candidate place.
    ends = matches(place.shift(-1).fill_null(False), pl.col("s"), SENTENCE_END)
    prev_ends = pl.when(after_first).then(ends.shift(1))
    after_prose = (prev_words >= DANGLING_PREV_WORDS) | (prev_ends & (prev_words >= 2))
    # Under a contact line ("0700155232 | 0787555919 | whatsapp ..."), a domain is
    # the website of whoever the block is for, not the publisher's (issue 15, audit21).
    contact = matches(place.shift(-1).fill_null(False), pl.col("s"), CONTACT_LINE)
    after_contact = pl.when(after_first).then(contact.shift(1)).fill_null(False)
    in_list = (pl.when(before_last).then(words.shift(-1)) == 1).fill_null(False)
    # The last word of a hard-wrapped sentence ("..., preneo je" / "AFP.", "AFP reported"):
    # the line above broke off in a lower-case word and the full stop closes it (audit26).
    broken = matches(place.shift(-1).fill_null(False), pl.col("s"), r"\p{Ll}$") \
        & (pl.col("n_chars") >= WRAP_ABOVE_CHARS)
    closes = pl.when(after_first).then(broken.shift(1)).fill_null(False) \
        & pl.col("s").str.ends_with(".")
    return place & after_prose & ~after_contact & in_list.not_() & ~closes


def dangling_source(*, metadata: bool = False) -> pl.Expr:
    """A bare source token left as a line near the end ("businessinsider", "reuters.com").

    A scraper dropped the publisher's name or domain into the text instead
    of the ``source`` field. Shapes: a domain, a lower-case run-together
    handle, or a name from phrases/source_tokens.txt ("Reuters", "Business
    Insider"); always alone on a line among the last few, right after a
    sentence. A capitalised word there ("Conclusion", "Thanks") is not
    flagged unless it names a known source.

    ``metadata=True`` also flags a line of up to three words that spells the
    record's own ``source`` or ``domain``; it needs those columns on the
    lines frame (detect does not join them yet).

    >>> from dq.signals._demo import flags
    >>> prose = "Markets fell sharply on Monday after the announcement.\\n"
    >>> lines = ["businessinsider", "reuters.com", "Business Insider", "Reuters", "theguardian"]
    >>> flags(dangling_source(), [prose + x for x in lines])[1::2]
    [True, True, True, True, True]
    >>> lines = ["Thank you.", "Conclusion", "https://reuters.com/a", "Jane Doe", "jane@x.com"]
    >>> flags(dangling_source(), [prose + x for x in lines])[1::2]
    [False, False, False, False, False]
    >>> flags(dangling_source(), ["businessinsider"])  # nothing before it
    [False]
    >>> flags(dangling_source(), [prose[:-2] + ", reported\\nAFP."])  # a wrapped sentence's end
    [False, False]
    """
    one_token = pl.col("n_words") == 1
    domain_or_handle = LOW.str.contains(DOMAIN_LINE) | pl.col("s").str.contains(HANDLE_LINE)
    known = LOW.str.contains(r"^(?:" + alternation("source_tokens") + r")\.?$")
    shape = (one_token & domain_or_handle) | known
    if metadata:
        shape = shape | ((pl.col("n_words") <= 3) & _names_record_source())
    return _bare_token() & shape


def _key(expr: pl.Expr) -> pl.Expr:
    """Lower-case letters and digits only: "Business Insider" -> "businessinsider"."""
    return expr.str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", "")


def _names_record_source() -> pl.Expr:
    """The line spells the record's ``source`` or is a label of its ``domain``.

    >>> df = pl.DataFrame({"s": ["Business Insider", "News", "bbc"],
    ...                    "source": [None, None, "BBC News"],
    ...                    "domain": ["businessinsider.com", "businessinsider.com", "bbc.co.uk"]},
    ...                   schema_overrides={"source": pl.String})
    >>> df.select(_names_record_source()).to_series().to_list()
    [True, False, True]
    """
    line = _key(pl.col("s"))
    host = _key(pl.col("domain").str.strip_prefix("www.").str.replace(r"\.[^.]+$", ""))
    long_enough = line.str.len_chars() >= 3
    labels = pl.col("domain").str.to_lowercase().str.split(".")
    same = [line == _key(pl.col("source")), line == host, labels.list.contains(line)]
    return long_enough & pl.any_horizontal(e.fill_null(False) for e in same)


def _missing(column: str) -> pl.Expr:
    """Null, blank or a placeholder such as "unknown".

    >>> df = pl.DataFrame({"a": [None, "  ", "Unknown", "Jane Doe"]})
    >>> df.select(_missing("a")).to_series().to_list()
    [True, True, True, False]
    """
    value = pl.col(column).cast(pl.String).str.strip_chars().str.to_lowercase()
    return value.is_null() | value.is_in(PLACEHOLDERS)


def _has_byline() -> pl.Expr:
    """A "By Jane Doe" line at the top or the bottom of the text.

    >>> df = pl.DataFrame({"text": ["By Sam Patel\\nSea ice shrank.", "By Monday it was over, "
    ...                             "and the council had voted to close the pool for good.",
    ...                             "By Pam Martens and Russ Martens: March 24, 2023 ~ The bank",
    ...                             "Originally posted on EVANNEX. Written by Peter McGuthrie.",
    ...                             "Hammed Shittu in Ilorin\\nThe governor said so.",
    ...                             "The bank said so.\\nEmmanuel Addeh and Peter Uzoho",
    ...                             "Breaking News\\nThe bank said so.",
    ...                             "Chuks Okocha in Abuja and Ann Obi in Jos\\nIt fell.",
    ...                             "From Aidoghie Paulinus, Abuja\\nThe airline will fly.",
    ...                             "From Monday, the pool is shut\\nIt fell.",
    ...                             "[보안뉴스 한세희 기자] 취약점을 추출했다.",
    ...                             "在文学的圣殿里■朱瑀晗当展厅内回荡起",
    ...                             "■財務省：5月31日受付です", "기자회견이 열렸다.",
    ...                             "株価は上昇。\\nMINKABU PRESS編集部　野沢卓美",
    ...                             "By Tobias Swai Wiki iliyopita  kulikuwa na mjadala",
    ...                             "By Monday it rained. Then The Storm came."]})
    >>> df.select(_has_byline()).to_series().to_list()[15:]
    [True, False]
    >>> df.select(_has_byline()).to_series().to_list()[:15]
    [True, False, True, True, True, True, False, True, True, False, True, True, False, False, True]
    """
    return _byline_in(pl.col("text"))


def _byline_in(text: pl.Expr) -> pl.Expr:
    """:func:`_has_byline` over ``text`` (a column, maybe filtered).

    Speed only (findings the same): kana are looked for, over the whole text,
    only where a Chinese byline shape was found (:func:`~dq.signals.frames.only`;
    ``False & x`` is False whatever x is). The mask of ``only`` is evaluated
    three times (no common subexpressions on an eager frame), so only cheap
    masks are worth it. Measured 2026-12-08 on bench_detect's 50 MB (9,889
    records, none with an author): 0.33 -> 0.20 CPU s with the one search below.
    """
    parts = (text.str.head(BYLINE_WINDOW), text.str.tail(BYLINE_WINDOW))
    chinese = pl.any_horizontal(part.str.contains(ZH_BYLINE) for part in parts)
    zh = chinese.fill_null(False)
    kana = only(zh, text.filter(zh).str.contains(_KANA), pl.Boolean)
    # One search per window for the four shapes: only whether one matches is
    # read, so their alternation gives the same values in one scan (each
    # pattern sets its own flags inside its group). 0.14 -> 0.07 CPU s.
    shapes = "|".join(
        f"(?:{pattern})"
        for pattern in (byline_pattern(), BARE_BYLINE, CJK_BYLINE, caseless_byline())
    )
    # A stacked byline opens a text: searched in the head alone, on its own (in the
    # alternation above it made the one scan 40 times slower, 2026-12-08).
    stacked = parts[0].str.contains(STACKED_BYLINE)
    return pl.any_horizontal(part.str.contains(shapes) for part in parts) | stacked \
        | (chinese & ~kana) | closing_byline(text) | parts[0].str.contains(GLUED_BYLINE)


def missing_author() -> pl.Expr:
    """No author in the metadata and no byline in the text.

    Why: authorship is part of provenance (licences, takedowns, attribution).
    The text check reads the byline rule of the chrome code
    ``byline_dateline`` (:func:`byline_pattern`), not its findings: a record
    expression may only read count columns of codes that are always
    computed, and a user may run ``missing_author`` alone.

    >>> df = pl.DataFrame({"author": [None, "", "Jane Doe", None, None, None, None],
    ...                    "text": ["Body.", "Body.", "Body.", "By Jane Doe\\nBody.",
    ...                             "Read the news here.\\nBy Kampala Desk; The council met.",
    ...                             "Headline\\nBy\\nJulia Hornstein\\nBody.",
    ...                             "By\\nMonday\\nBody."]})
    >>> df.select(missing_author()).to_series().to_list()
    [True, True, False, False, False, False, True]
    """
    # Texts are searched only where the author is missing (``only``): the same
    # values, since ``False & x`` is False whatever x is.
    missing = _missing("author")
    return missing & ~only(missing, _byline_in(pl.col("text").filter(missing)), pl.Boolean)


def missing_source() -> pl.Expr:
    """No ``source``, no ``url`` and no credit line in the text.

    Why: without a publisher or a url a record cannot be traced, licensed
    or removed on request. A dangling "businessinsider" line does not count:
    it is a hint for a human, not provenance.

    Reads the ``has_credit_line`` count column, so it must stay after
    ``has_credit_line`` in the registry.

    >>> df = pl.DataFrame({"source": [None, None, "AP"], "url": [" ", None, None],
    ...                    "has_credit_line": [0, 1, 0]})
    >>> df.select(missing_source()).to_series().to_list()
    [True, False, False]
    """
    return _missing("source") & _missing("url") & (pl.col("has_credit_line") == 0)


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "has_credit_line", "attribution", "line",
        "A credit line ('Source: AFP', '(Reuters) -', 'Originally published by ...')",
        positive=True, expr=has_credit_line,
    ),
    Signal(
        "dangling_source", "attribution", "line",
        "A bare source token left as a line near the end ('businessinsider', 'reuters.com')",
        severity="warning", expr=dangling_source, fix_stage="lines",
    ),
    Signal(
        "missing_author", "attribution", "record",
        "No author in the metadata and no byline in the text",
        severity="warning", expr=missing_author,
    ),
    Signal(
        "missing_source", "attribution", "record",
        "No source, no url and no credit line: the record cannot be traced",
        severity="warning", expr=missing_source, needs=("has_credit_line",),
    ),
)
