"""Spacing: words and punctuation put together wrongly by the scraper.

Why it matters: "he said ." and "NATOand" are not typos of the author; they
come from joining HTML text nodes badly, they are systematic per site, and a
model trained on them learns the damage.

Signals (all ``warning``: the text is still readable and the fix is
mechanical, so the record is worth keeping and repairing, not dropping):

``glued_words``                two words run together ("NATOand"); see :mod:`.spacing_glued`
``missing_space_after_punct``  "said.Officers", "house,water"
``space_before_punct``         "he said ."
``repeated_spaces``            "the  council" (an inline element dropped between words)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import polars as pl

from dq.signals.base import Signal
from dq.signals.house_style import dotted_name, set_apart, spaced_mark_line
from dq.signals.hygiene import UNSPACED_SCRIPT
from dq.signals.lang import record_langs
from dq.signals.spacing_glued import prepare_glued_words
from dq.signals.spacing_guards import glued_words
from dq.signals.spacing_names import BEFORE_BRACKET, DOTTED_NAME, FORMULA_NAME, GLOSS_SCRIPT

if TYPE_CHECKING:
    from dq.signals.context import DetectContext

__all__ = [
    "SIGNALS",
    "glued_words",
    "missing_space_after_punct",
    "repeated_spaces_fix",
    "space_before_punct",
]

# Closing quotes/brackets that belong to the punctuation before them, and
# opening ones that belong to the word after. The placeholders of
# :data:`QUOTE_ROLES` stand for quotes whose role the line's quote style
# decides ("“" closes a Czech or German „…“, opens an English “…”).
_CLOSE: Final = r"[)\]\"”’'»\ufdd0\ufdd1\ufdd3]*"
_OPEN: Final = r"[\"“‘(«„‚\ufdd2]?"

#: Missing space after punctuation, one ``(left, right)`` pair per case; a
#: match of ``left right`` is fixed as ``left + " " + right``. Calibrated on
#: the 734 punct+word positives of ../shared/eval/dev/glued.jsonl and the
#: content lines of extracted.jsonl (2025-11). A period needs two lower-case
#: letters, a digit or "%" before it (not "U.S.", "J.R.R.", "Ph.D.") and a
#: capital after (not "3.5", "Node.js"); a capital and a letter before it
#: ("US.He", "AMAs.She") need a capitalised word after (not "ASP.NET",
#: "Ph.D."); a digit after it needs a lower-case word before (not "ID.3",
#: "v2.1"). A comma needs a two-letter word after it (not "1,000", "x,y"); a
#: colon two characters or a digit before it (not "C:") and a capital after,
#: or three letters on both sides ("продуктов:алкоголь"); a closing bracket
#: a capital after, or two characters before and a lower-case word after
#: (not "(s)he"); a closing quote a capital after; an all-caps or numeric
#: aside in brackets ("Index(KOSPI)fell") a space on both sides, but not a
#: number before a bracketed number: a legal citation ("section 84(12)").
MISSING_SPACE_RULES: Final = (
    (rf"(?:\p{{Ll}}\p{{Ll}}|\p{{N}}|%){_CLOSE}\.{_CLOSE}", rf"{_OPEN}\p{{Lu}}"),
    (rf"\p{{Lu}}\p{{L}}{_CLOSE}\.{_CLOSE}", rf"{_OPEN}\p{{Lu}}\p{{Ll}}"),
    (rf"\p{{Ll}}\p{{Ll}}{_CLOSE}\.{_CLOSE}", r"\p{N}"),
    (rf"[\p{{L}}\p{{N}}%]{_CLOSE}[!?]+{_CLOSE}", rf"{_OPEN}(?:\p{{Lu}}|\p{{N}})"),
    (rf"[\p{{L}}\p{{N}}%.]{_CLOSE},{_CLOSE}", rf"{_OPEN}\p{{L}}\p{{L}}"),
    (rf"(?:[\p{{L}}\p{{N}}][\p{{L}})\]\"”’']{_CLOSE}|\p{{N}})[:;]", rf"{_OPEN}\p{{Lu}}"),
    (r"\p{L}{3}:", r"\p{Ll}{3}"),
    (r"[\p{L}\p{N}.!?%][\"”’']?\)", r"\p{Lu}[\p{Ll}\p{Lu}]"),
    (r"[\p{L}\p{N}]{2}\)", r"\p{Ll}\p{Ll}"),
    (r"\p{Ll}[”»\ufdd0\ufdd3]", r"\p{Lu}\p{Ll}"),
    (r"\p{Ll}", r"\([\p{Lu}\p{N}]{2,}\)"),
    (r"\p{N}", r"\(\p{Lu}{2,}\)"),
    (r"\([\p{Lu}\p{N}]{2,}\)", r"\p{Ll}\p{Ll}"),
    # the platform X at a sentence's end ("schrieb Bezos auf X.Diese", "på X.Natten":
    # 3 dev positives, ../shared/eval/dev/glued.jsonl, 2026-12-07); any other single
    # capital before a full stop is an initial ("J.Smith"), left alone
    (r"(?:^|[^\p{L}\p{N}.])X\.", r"\p{Lu}\p{Ll}{2}"),
    # a teaser cut with an ellipsis, joined to the next node ("máu...Nội", "möchten..Die")
    (r"\p{Ll}\p{Ll}(?:\.{2,3}|…)", rf"{_OPEN}\p{{Lu}}\p{{Ll}}"),
)
#: Quotation marks whose role depends on the quote pairs of the line's
#: language, each with the placeholder that stands for it while the rules run
#: (noncharacters U+FDD0-U+FDD3, which no text may carry: Unicode 15,
#: section 23.7). "“" opens an English “…” and closes a Czech, Slovak or
#: German „…“ (and "‘" a ‚…‘); "»" closes a French «…» and opens a German or
#: Danish »…«. In a line of the second style the closing quote belongs to the
#: punctuation before it: "infarktu,“vysvětlil" is fixed as "infarktu,“
#: vysvětlil", never "infarktu, “vysvětlil" (issue 15, audit21: 14 repairs in
#: 318 Czech records put the space before the closing quote).
#: ``(mark, placeholder, style)``: the placeholder is a closer (in ``_CLOSE``)
#: for "“", "‘" and "«" and an opener (in ``_OPEN``) for "»". In a line that
#: shows neither style ("“" with no „ and no ”, as in an excerpt cut from a
#: Czech paragraph) the role of "“" is unknown: its placeholder is neither,
#: so no rule adds a space beside it (a missed space costs a glance, a space
#: on the wrong side of a quote turns it around).
QUOTE_ROLES: Final = (
    ("“", "\ufdd0", "low_high"),
    ("‘", "\ufdd1", "low_high"),
    ("»", "\ufdd2", "reversed_guillemets"),
    ("«", "\ufdd3", "reversed_guillemets"),
    ("“", "\ufdd4", "unknown"),
)
#: A line quotes in the low-high style when it holds a low opening quote
#: („ or ‚) and no "”": Polish, Hungarian and Romanian close „…” with "”",
#: and leave "“" an opener. A line quotes with reversed guillemets (»…«, German
#: and Danish) when its first guillemet is "»" and a "«" follows
#: (:data:`REVERSED_GUILLEMETS`); Swedish and Finnish »…» has no "«", French
#: «…» starts with "«". A line with "“" and none of „ ‚ ” shows no style.
REVERSED_GUILLEMETS: Final = r"^[^«»]*»[^«]*«"


def quote_styles(s: pl.Expr) -> dict[str, pl.Expr]:
    """Per style of :data:`QUOTE_ROLES`, whether the line ``s`` quotes in it (literal
    tests, but for the guillemets' order)."""
    low = s.str.contains("„", literal=True) | s.str.contains("‚", literal=True)
    closes = s.str.contains("”", literal=True)
    return {
        "low_high": low & ~closes,
        "reversed_guillemets": s.str.contains("»", literal=True)
        & s.str.contains(REVERSED_GUILLEMETS),
        "unknown": s.str.contains("“", literal=True) & ~low & ~closes,
    }


def quote_style(line: str) -> tuple[str, ...]:
    """The quote styles of ``line`` (:func:`quote_styles`) whose roles it swaps.

    >>> quote_style("„Je to dobré,“řekl.")
    ('low_high',)
    >>> quote_style("»Das ist gut,«sagte er. „Ja“")
    ('low_high', 'reversed_guillemets')
    >>> quote_style("“It is fine,” he said."), quote_style("„Dobrze,”powiedział.")
    ((), ())
    >>> quote_style("«C'est bon,» dit-il."), quote_style("»Det är bra,» sa han.")
    ((), ())
    >>> quote_style("v této fázi,“řekl ředitel")
    ('unknown',)
    """
    row = pl.DataFrame({"s": [line]}).select(**quote_styles(pl.col("s"))).row(0, named=True)
    return tuple(name for name, holds in row.items() if holds)


def _with_quote_roles(s: pl.Expr, styles: dict[str, pl.Expr]) -> pl.Expr:
    """``s`` with each quote whose role its line's style (``styles``, as from
    :func:`quote_styles`) swaps replaced by its placeholder."""
    for name, holds in styles.items():
        marks = [(m, p) for m, p, style in QUOTE_ROLES if style == name]
        swapped = s.str.replace_many([m for m, _ in marks], [p for _, p in marks])
        s = pl.when(holds).then(swapped).otherwise(s)
    return s


def _as_marks(rule: str) -> str:
    r"""``rule`` with each placeholder spelled as the quote it stands for: a rule that
    matches whatever role the line gives the quote (to find tokens before roles are known).

    >>> _as_marks(r"[”\ufdd0]")
    '[”“]'
    """
    for mark, placeholder, _ in QUOTE_ROLES:
        rule = rule.replace(f"\\u{ord(placeholder):04x}", mark)
    return rule


def _without_quote_roles(s: pl.Expr) -> pl.Expr:
    """The quotes back in place of their placeholders."""
    return s.str.replace_many(
        [placeholder for _, placeholder, _ in QUOTE_ROLES], [mark for mark, _, _ in QUOTE_ROLES]
    )


#: White-space tokens where run-together punctuation is normal: URLs, e-mail, handles, paths,
#: query strings, identifiers, dotted lower case ("Node.js", "e.g."), function calls ("f()",
#: "print(x)"), gender colons, a mark in letters after a brand ("HyBryte(TM)"; audit27).
NOT_PROSE: Final = (
    # a slash between digits is a date or a score ("(20/1).Dengan" is a sentence end)
    r"://|www\.|@|_|[^\p{N}]/|/[^\p{N}]|^/|/$|\\|=|[<>{}|&]|\p{L}\.\p{Ll}"
    r"|\p{L}\((?:\)|[\p{Ll}\"']|(?:TM|SM)\))"
    # German gender colon: "Freund:innen", "Arbeiter:innenklasse" are one word; so are a Finnish or
    # Swedish case ending after an abbreviation or number: "USA:ssa", "EU:n" (audit27, issue 15)
    r"|\p{Ll}:in(?:nen)?"
    r"|(?:^|\P{L})[\p{Lu}\p{N}]{2,}:\p{Ll}{1,4}(?:\P{L}|$)"
    # an abbreviation of capitals around a semicolon: "TL;DR" (outside audit, issue 15)
    r"|(?:^|\P{L})\p{Lu}{1,3};\p{Lu}{1,3}(?:\P{L}|$)"
    # a single capital between dots is an abbreviation ("Pharm.D.", "Ph.D."), and
    # "[Gambas:Video" opens an embed placeholder (outside audit15c, issue 15)
    r"|\.\p{Lu}\.|^\[\p{L}+:"
    # a word with an optional part in brackets: one lower-case word closed and
    # run on in lower case, "(re)start", "(un)known", Dutch "(verslavings)zorg"
    # (outside audit audit22): no sentence or clause ends inside such brackets
    r"|(?:^|[^\p{L}\p{N}])\(\p{Ll}+\)\p{Ll}"
)


#: Country-code top-level domains: the two-letter entries of IANA's list of
#: the root zone (tlds-alpha-by-domain.txt, version 2026112100, as vendored
#: by hypothesis; tests/test_spacing_quotes_domains.py checks the tuple against that file).
_IANA_COUNTRY_CODES: Final = (
    """ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn
    bo br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de
    dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm
    gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo
    jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg
    mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu
    nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg
    sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr
    tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw"""
)
COUNTRY_TLDS: Final = tuple(_IANA_COUNTRY_CODES.split())
#: Generic top-level domains of organisations: the seven of RFC 1591 (1994)
#: and the fourteen ICANN delegated in 2000-2005 (IANA root zone database).
#: The ~1,200 newer ones ("news", "live", "today", "world") are English words
#: that start sentences; they are left out.
GENERIC_TLDS: Final = (
    "com", "edu", "gov", "int", "mil", "net", "org",
    "aero", "asia", "biz", "cat", "coop", "info", "jobs", "mobi", "museum", "name", "pro",
    "tel", "travel",
)
#: The generic domains a name may spell in title case ("Migrant-Rights.Org"):
#: those that are no common word, Zipf frequency below TLD_WORD_ZIPF in every
#: language of dq's lexicon (wordfreq 3.1, 2026-12-07: "mobi" 2.55 ... "coop"
#: 4.13). The others open sentences: "com" (Portuguese "with", 6.99), "net"
#: (Dutch, 5.86), "name", "mil", "pro", "tel", "travel", "jobs", "museum",
#: "cat", "asia", "info" (4.64); audit21's Czech "Dárek pro Putina.Pro
#: ukrajinské vojáky" is a sentence end. tests/test_spacing_quotes_domains.py
#: checks the split against the lexicon.
TITLE_CASE_TLDS: Final = ("aero", "biz", "coop", "edu", "gov", "int", "mobi", "org")
#: See :data:`TITLE_CASE_TLDS`: between "coop" (4.13) and "info" (4.64).
TLD_WORD_ZIPF: Final = 4.4
#: A name spelled as a domain ("Předvýběr.CZ", "Migrant-Rights.Org",
#: "Watchdog.MD"): a capitalised word, a period and a known top-level domain
#: that ends the token (closing punctuation aside). Not a sentence end run into
#: the next one: issue 15, audit21 (3 names split by the repair). A domain
#: counts in capitals (country code or generic), or in title case when it is
#: no word (:data:`TITLE_CASE_TLDS`): in title case "It", "In", "As", "At",
#: "No", "So", "To", "Us" are country codes and sentence openers ("Paris.It
#: was"). Lower case is no prose at all (:data:`NOT_PROSE`). Where a name and
#: a sentence end look alike ("Berlin.EU leaders") no space is added: a missed
#: space costs a reader a glance, a split name is damage.
DOMAIN_NAME: Final = (
    r"^[^\p{L}\p{N}]*\p{Lu}[\p{L}\p{N}-]*\.(?:"
    + "|".join(tld.upper() for tld in (*COUNTRY_TLDS, *GENERIC_TLDS))
    + "|" + "|".join(tld.capitalize() for tld in TITLE_CASE_TLDS)
    + r")[.,;:!?)\]\"”’'»]*$"
)


#: Every match of a rule holds one of these characters followed by one that
#: is not white space: the lines without such a pair (most) skip the rules.
#: A one-class regex runs 3x faster than the exact prefix of the rules
#: (``[.!?,:;)”»][\"”’'»)\]]*[\p{L}\p{N}\"“‘(«]|\p{L}\(``: 0.065 s against
#: 0.16 s per 100 MB of lines, Polars 2.1, 2026-11-28); it lets about twice
#: as many lines through, which the rules then reject.
_PUNCT_THEN_WORD: Final = r"[.!?,:;)”»(]\S"


def missing_space_after_punct(lines: pl.LazyFrame, ctx: DetectContext) -> pl.LazyFrame:
    """Sentences and list items run together at their punctuation: "said.Officers".

    Why: a scraper that strips each text node and joins them with nothing
    turns "<p>said.</p><p>Officers" into one token; a tokenizer then sees a
    word that does not exist. The match is the whole white-space token, the
    fix the token with the missing spaces.

    >>> from dq.signals.context import DetectContext
    >>> from dq.signals._demo import spans
    >>> ctx = DetectContext(languages=())
    >>> spans(missing_space_after_punct, "Selasa (20/1).Dengan, auf X.Diese, J.Smith, 1/2/3", ctx)
    [('(20/1).Dengan,', '(20/1). Dengan,'), ('X.Diese,', 'X. Diese,')]
    >>> spans(missing_space_after_punct, "Email.He was yet.You know, house,water; been?There", ctx)
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Email.He', 'Email. He'), ('yet.You', 'yet. You'), ('house,water;', 'house, water;'),
     ('been?There', 'been? There')]
    >>> spans(missing_space_after_punct, "Freund:innen, USA:ssa, EU:n 2020:ssa Note:The", ctx)
    [('Note:The', 'Note: The')]
    >>> spans(missing_space_after_punct, "TL;DR: it rained;Then it stopped.", ctx)
    [('rained;Then', 'rained; Then')]
    >>> spans(missing_space_after_punct, "Section 84(12) in 東京,大阪: all fine", ctx)
    []
    >>> spans(missing_space_after_punct, "The Index(KOSPI)fell", ctx)
    [('Index(KOSPI)fell', 'Index (KOSPI) fell')]
    >>> spans(missing_space_after_punct, "The U.S.-backed plan, 3.5 percent, Node.js, Amazon.com, "
    ...       "J.R.R. Tolkien, ID.3, v2.1, 1,000, a@b.com, https://x.org/A.B, wait...What", ctx)
    [('wait...What', 'wait... What')]
    >>> spans(missing_space_after_punct, "«Яндекс.Новости», Trojan-Ransom.Win64.Generic, "
    ...       "514(002507.SZ), 기금 Facility(CEF)", ctx)
    []
    """
    # Tokens are found with every quote in both roles, then judged with the
    # roles of their line's quote style: the lines are many, the tokens few
    # (finding the roles of every line first cost 18% more, 2026-12-07).
    find = "|".join(_as_marks(f"{a}{b}") for a, b in MISSING_SPACE_RULES)
    roled = _with_quote_roles(pl.col("match"), quote_styles(pl.col("s")))
    fixed = pl.col("roled")
    gloss = pl.col("s").str.contains(GLOSS_SCRIPT)
    for i, (left, right) in enumerate(MISSING_SPACE_RULES):
        spaced = fixed.str.replace_all(f"({left})({right})", "${1} ${2}")
        fixed = pl.when(gloss).then(fixed).otherwise(spaced) if i in BEFORE_BRACKET else spaced
    # Each distinct candidate line is judged once (a line depends on nothing
    # else); its tokens are joined back to every copy, in line order. No rule
    # matches white space, so the tokens ``\S*(?:find)\S*`` would extract are
    # the white-space tokens of the line that hold a match: found as such, on
    # the lines that hold one. That regex ran ~0.25 ms a line (its leading
    # ``\S*`` over Unicode classes). Measured 2026-12-07 (Polars 2.1): 0.10-0.15
    # -> 0.04 CPU s on profile_detect's 18 MB corpus and 5.7 MB unique corpus.
    candidates = lines.filter(pl.col("s").str.contains(_PUNCT_THEN_WORD)).select(
        "rid", "line_no", "s")
    tokens = (
        candidates.select(pl.col("s").unique(maintain_order=True))
        .filter(pl.col("s").str.contains(find))
        .select("s", pl.col("s").str.extract_all(r"\S+").alias("match"))
        .explode("match")
        .filter(pl.col("match").str.contains(find))
        .filter(pl.col("match").str.contains(NOT_PROSE).not_())
        # scripts written without spaces have no "missing" space ("東京,大阪")
        .filter(pl.col("match").str.contains(UNSPACED_SCRIPT).not_())
        .filter(pl.col("match").str.contains(DOMAIN_NAME).not_())
        .filter(pl.col("match").str.contains(f"{DOTTED_NAME}|{FORMULA_NAME}").not_())
        .filter(dotted_name(pl.col("match"), pl.col("s")).not_())  # "W32.AdCoinMiner"
        .with_columns(roled.alias("roled"))
        .with_columns(fixed.alias("fix"))
        .filter(pl.col("fix") != pl.col("roled"))
        .select("s", "match", _without_quote_roles(pl.col("fix")))
    )
    return candidates.join(tokens, on="s", how="inner", maintain_order="left_right").select(
        pl.col("rid").cast(pl.UInt32), pl.col("line_no").cast(pl.Int32), "match", "fix",
    )


#: A word (ending in a letter, digit or closing bracket/quote, not an emoji
#: or a dash), white space, then punctuation that closes a clause, then the
#: end of the word: "said ." / "really ?". ``.,!?`` may be followed by a
#: closing bracket; ``;:`` may not (" :)" and " ;-)" are smileys). Ellipses,
#: which may stand apart (" ...", " . . ."), are matched whole and dropped.
SPACE_BEFORE: Final = (
    r"\S*[\p{L}\p{N})\]\"'’”][ \t]+"
    r"(?:[.,!?]+(?:[ \t]+\.)*(?:[ \t\"'’”)\]]|$)|[;:](?:[ \t\"'’”]|$))"
)
#: In French typography a space before ``; : ! ?`` is correct. Without a
#: language column, a record counts as French when any line shows a French
#: elision ("l'État", "qu'il") or guillemets; calibrated by reading the
#: French pages of ../shared/eval/dev/partial_lines.jsonl.
#: (Only tested for, never extracted: so the word boundary before the elided
#: letter is spelled ``(?:^|\W)``, which has a match exactly where ``\b``
#: would and runs 15 times faster in Polars' regex engine.)
FRENCH_MARKS: Final = r"[«»]|(?i:(?:^|\W)(?:[cdjlmnst]|qu)['’]\p{L})"
#: List labels ("1 .", "a )") are not punctuation after a word.
_LIST_LABEL: Final = r"^[\(\[]?(?:\d{1,3}|\p{L})[\)\]]?[ \t]"


def space_before_punct(lines: pl.LazyFrame, ctx: DetectContext) -> pl.LazyFrame:
    """A space the scraper put before closing punctuation: "he said ." -> "he said.".

    Why: "<em>said</em> ." style joins put a space where no language wants
    one (French ``; : ! ?`` excepted, see :data:`FRENCH_MARKS`). Not an
    ellipsis, a smiley, a list label, or a URL kept apart from the period.
    The match is the word and the punctuation; the fix drops the space.

    >>> from dq.signals.context import DetectContext
    >>> from dq.signals._demo import spans
    >>> ctx = DetectContext(languages=())
    >>> spans(space_before_punct, 'He said . Then , really ? "Yes ." (fine .)', ctx)
    ... # doctest: +NORMALIZE_WHITESPACE
    [('said .', 'said.'), ('Then ,', 'Then,'), ('really ?', 'really?'), ('"Yes .', '"Yes.'),
     ('(fine .', '(fine.')]
    >>> spans(space_before_punct, "Wait ... ok :) fine ;-) 1 . First, see https://x.org/a .", ctx)
    []
    >>> spans(space_before_punct, "Qu'en pense-t-il ? Il a dit : non !", ctx)
    []
    >>> spans(space_before_punct, "Maladresses ou douces confessions : chaque jour, retrouvez "
    ...       "les brèves qui auscultent le monde politique.", ctx)
    []
    """
    # ``upto``: each match with the text since the previous one, so the
    # match's offset in ``s`` is known (placing it by searching for its text
    # would find an earlier, unmatched copy: ".a ." in "a .a .a .").
    upto = pl.col("s").str.extract_all(r"(?s:.)*?(?:" + SPACE_BEFORE + ")")
    found = (
        lines.filter(pl.col("s").str.contains(r"[ \t][.,;:!?]"))
        .select(
            "rid", "line_no",
            pl.col("s").str.extract_all(SPACE_BEFORE).alias("match"),
            upto.alias("upto"),
            spaced_mark_line(pl.col("s")).alias("spaced"),  # dq.signals.house_style
        )
        .filter(pl.col("match").list.len() == pl.col("upto").list.len())
        .with_columns(
            (
                pl.col("upto").list.eval(pl.element().str.len_chars().cum_sum())
                - pl.col("match").list.eval(pl.element().str.len_chars())
            ).alias("offset")
        )
        .explode("match", "offset")
        .drop("upto")
        .drop_nulls("match")
        .with_columns(pl.col("match").str.replace(r"[ \t\"'’”)\]]$", ""))
        .filter(
            pl.col("match").str.contains(r"\.[ \t]*\.|…").not_()
            & pl.col("match").str.contains(NOT_PROSE).not_()
            & pl.col("match").str.contains(_LIST_LABEL).not_()
        )
        # small, and read twice below
        .collect()
        .lazy()
    )
    french = _french(lines, found, ctx)
    return (
        # in order: the findings of a line are placed by successive search
        # (dq._findings._locate), so a line's matches must keep their order
        found.join(french, on="rid", how="left", maintain_order="left")
        .filter((pl.col("french").is_null() & ~pl.col("spaced"))
                | pl.col("match").str.contains(r"[.,]$"))
        .with_columns(pl.col("match").str.replace(r"[ \t]+", "").alias("fix"))
        .select(
            pl.col("rid").cast(pl.UInt32), pl.col("line_no").cast(pl.Int32), "match", "fix",
            pl.col("offset").cast(pl.Int32),
        )
    )


def _french(lines: pl.LazyFrame, found: pl.LazyFrame, ctx: DetectContext) -> pl.LazyFrame:
    """``rid, french`` for the records of ``found`` set in French typography: a line shows
    :data:`FRENCH_MARKS` or is a spaced-mark line, or the language (given, else identified:
    :func:`dq.signals.lang.record_langs`) is French. A French line may show
    neither elision nor guillemets ("douces confessions : chaque jour",
    audit23); only records with a space before ``; : ! ?`` are identified."""
    rids = found.filter(pl.col("match").str.contains(r"[;:!?]$")).select("rid").unique().collect()
    if rids.height == 0:  # (a semi join on no rows panics in Polars 2.1's streaming engine)
        return rids.lazy().with_columns(pl.lit(True).alias("french"))
    # collected: Polars would push the regex below the join, onto every line
    mine = lines.join(rids.lazy(), on="rid", how="semi").collect()
    marked = mine.filter(set_apart(pl.col("s"), FRENCH_MARKS)).select("rid").unique()
    given = mine.select("rid", pl.col("lang") if "lang" in mine.columns
                        else pl.lit(None, pl.String).alias("lang")).unique("rid", keep="first")
    unmarked = given.join(marked, on="rid", how="anti")
    named = (record_langs(mine.lazy(), unmarked, ctx) if unmarked.height
             else unmarked).filter(pl.col("lang") == "fr").select("rid")
    return pl.concat([marked, named.cast(marked.schema)]).lazy().with_columns(
        pl.lit(True).alias("french"))


#: Two or more spaces (or no-break spaces) between words: an inline element
#: dropped from "the <span></span> council". Not after ``. ! ? :`` (two
#: spaces after a sentence is a typing convention), not tabs (alignment in
#: tables and code), never leading indentation (lines are stripped first, so
#: a run always has a word after it and the pattern need not consume it).
REPEATED_SPACES: Final = "(?:[^\\s.!?:\"”’)]|[^\\s.!?:][\"”’)])([ \u00a0]{2,})"

#: ``Signal.hint`` of repeated_spaces: a run of two spaces or no-break spaces
#: holds two spaces or a no-break space.
REPEATED_SPACES_HINT: Final = ("  ", "\u00a0")
#: ``Signal.mask`` of repeated_spaces (used before and instead of the hint): a
#: run of two spaces or a no-break space is white space other than single
#: spaces (``odd``), which the lines frame computes anyway; the literal scans
#: cost 0.067 s per 100 MB of lines, the column nothing (bench_detect corpus,
#: Polars 2.1, 2026-11-27).
REPEATED_SPACES_MASK: Final = "odd"


def repeated_spaces_fix(match: str) -> str:
    """One space for the run: a dropped inline element left two, the text wants one.

    >>> repeated_spaces_fix("   ")
    ' '
    """
    return " "


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "glued_words", "spacing", "span",
        "Two words run together ('NATOand'); the fix is the split",
        custom=glued_words, prepare=prepare_glued_words,
        # Reported with its split, applied only when named: on 961 outside news
        # articles (tests/data/audit, 2026-12-07) 3 of 24 judged glued_words
        # findings were real glue; the rest were brand names (THISDAY,
        # OpenSea), words missing from the word lists and typos. A split of a
        # real word damages text; a missed split costs a reader a glance.
        fix_default=False, glued=True,
    ),
    Signal(
        "missing_space_after_punct", "spacing", "span",
        "No space after punctuation ('said.Officers')",
        custom=missing_space_after_punct, glued=True,
    ),
    Signal(
        "space_before_punct", "spacing", "span",
        "White space before closing punctuation ('he said .')",
        custom=space_before_punct,
    ),
    Signal(
        "repeated_spaces", "spacing", "span",
        "Two or more spaces between words ('the  council')",
        pattern=REPEATED_SPACES, fix=repeated_spaces_fix,
        hint=REPEATED_SPACES_HINT, mask=REPEATED_SPACES_MASK,
    ),
)
