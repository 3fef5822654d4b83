"""Chrome signals that span several lines: related-story lists, comment sections, menus.

Why: the largest chunks of chrome that extractors keep are blocks, not
single lines: "Related articles" followed by five headlines, a comment
section after the article, a navigation menu of one-word links. A block is
recognised from a marker line (a heading) or from the shape of a run of
lines, and every line in it is reported, so a reviewer sees where it starts
and ends.

All window logic is plain Polars expressions over the lines frame (shifts,
cumulative sums, fills; see :mod:`dq.signals.chrome_shape`).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_brackets import stage_direction
from dq.signals.chrome_comments import (
    below_body,
    comment_meta,
    prose_above,
    prose_count,
    user_stamp,
)
from dq.signals.chrome_edges24 import tag_line
from dq.signals.chrome_inbody import BROKEN_RUN, HEADLINE_TOP, continues
from dq.signals.chrome_inlist import SUBHEAD_RUN, paragraph_element, prose_below
from dq.signals.chrome_lines import menu_phrase
from dq.signals.chrome_named import named_in_record
from dq.signals.chrome_shape import (
    CHARS,
    FROM_END,
    IDX,
    LOW,
    WORDS,
    S,
    after_first,
    at_edge,
    blank_outside,
    block_after,
    evidence_of,
    f,
    feature,
    flag,
    from_run_end,
    from_run_start,
    intro_above,
    matches,
    nxt,
    prefix,
    prev,
    record_sum,
    run_edges,
    run_length,
    run_sum,
    weak,
)
from dq.signals.chrome_table25 import form_run, pager_order
from dq.signals.frames import Feature, only
from dq.signals.trailing import opening_lede

#: Most lines taken after a "Related articles" heading (a related box rarely
#: lists more than ten headlines).
RELATED_LIMIT: Final = 12

#: Share of capitalised words that makes a line a Title-Case headline (AP
#: style leaves "to", "of", "the" in lower case, so headlines score 0.6-1.0).
HEADLINE_CAPITALS: Final = 0.6

#: Longest run of Title-Case lines taken for a related box without heading.
HEADLINE_RUN: Final = 6

#: Most one-tag lines taken under a "Tags" heading.
TAG_LIMIT: Final = 10

#: Shortest run of menu-like or headline-like lines reported as navigation.
NAV_RUN: Final = 3

#: Menu entries a run must hold for its headline-length lines to be teasers:
#: as many as make a menu (:data:`NAV_RUN`). Was 2 until issue 15's audit15c:
#: two section headings of a visual guide ("Primeiros ataques", "David e
#: Golias") made its chart titles teasers. At 3, dev (extracted) read_more
#: lost 11 chrome and 7 content lines.
TEASER_MENU: Final = NAV_RUN

#: Longest run between two paragraphs still read as a list in the text.
LIST_RUN: Final = 10

#: Paragraphs (lines of :func:`dq.signals.chrome_shape` feature ``prose``)
#: that must be above (one below) a run of short lines for it to sit inside
#: the article body, where a run of short lines is a list the article is
#: about (election results, an awards list, ingredients, book details), not
#: a menu: extractors leave menus and teaser boxes at the edges of the text.
#: Issue 15's audit of outside news text found navigation at 0.11-0.25
#: precision per finding, nearly all of it such lists; 2 rather than 1 so
#: that one caption-like sentence in a page header does not make a body.
PROSE_AROUND: Final = 2

#: Lines of a run that a sentence above enumerates (see
#: :func:`~dq.signals.chrome_named.named_in_record`) that make it a content
#: list the article talks about, when they are half the run or more: two, a
#: pair of neighbours named together ("VIP and VVIP").
NAMED_ITEMS: Final = 2


def _related_header() -> pl.Expr:
    boxes = matches(
        WORDS <= 7, f("core"),
        r"(?:more|most|recent|related|top|latest|popular|other|similar|trending|recommended)"
        r"(?: [a-z'’]+){0,2} (?:stories|articles|posts|news|videos|headlines|reads)$",
    )
    return f("related_phrase") | boxes


def _tag_line() -> pl.Expr:
    """A tag or category list on one line: "Tags: rents, housing, tenants"."""
    return flag((WORDS <= 20) & LOW.str.contains(
        r"^(?:related )?(?:tags?|tagged(?: with)?|topics?|themen|schlagworte|schlagwörter"
        r"|etiquetas|tópicos|filed under|filed to|posted in|categories|category|kategorien?"
        r"|catégories?"
        r"|mots-clés|this entry was posted in|in this article)(?:\s*:\s*|\s+)\S"
    ))


def _tag_heading() -> pl.Expr:
    """A heading over a list of tags or topics: "Tags", "More On:", "Themen", "Теги"."""
    # The headings are related-box headings too (phrases/related_header.txt):
    # that feature picks the few lines the regex sees.
    return matches(f("related_phrase") & (WORDS <= 3), f("core"),
        r"^(?:tags?|tagged(?: with)?|topics?|keywords|more on|filed (?:under|to)|related topics"
        r"|themen|schlagw(?:orte|örter)|stichw(?:orte|örter)|mots-clés|sujets|etiquetas|temas"
        r"|tópicos|теги|тэги)$")


def _breadcrumb() -> pl.Expr:
    """A breadcrumb trail: "Home › News › Europe" (2+ separators, short items, no sentence)."""
    # "|" also joins photo credits ("Name | Bloomberg | Getty Images"), so a
    # pipe trail needs one more step. The regexes (costly: nested counted
    # repeats) see only the lines of feature ``crumb``.
    sep = r"\s+(?:›|»|>|/|→|::)\s+"
    item = r"[^.!?|]{1,40}"
    m = f("crumb")
    low = blank_outside(m, LOW)
    trail = low.str.contains(rf"^{item}(?:{sep}{item}){{2,}}$") | low.str.contains(
        rf"^{item}(?:\s+\|\s+{item}){{3,}}$"
    )
    return flag(trail & m)


def _crumb_candidate() -> pl.Expr:
    """Short, placed lines holding a trail separator (each trail regex needs one)."""
    placed = at_edge(3, 3) | flag(LOW.str.starts_with("home"))
    return (WORDS <= 16) & placed & flag(LOW.str.contains(r"›|»|>|/|→|::|\|"))


def _headline_list() -> pl.Expr:
    """2 to :data:`HEADLINE_RUN` Title-Case headlines after the body, ending the text.

    Related-story boxes without a heading ("- Moon Rush: Private Lunar
    Lander Plans") are lists of capitalised headlines right after the last
    paragraph, ending the text; content lists are rarely in Title Case and
    rarely the very last lines. Long runs are schedules, tables of contents
    or track lists: content; so are a heading and its subheading with paragraphs
    of the article below them (:func:`~dq.signals.chrome_inlist.prose_below`).
    """
    first, last = f("tc_first"), f("tc_last")
    return (
        f("title_case")
        & run_length(first, last).is_between(2, HEADLINE_RUN)
        & from_run_end(FROM_END <= 3, last)
        & from_run_start(flag(prev(f("prose"))), first)
        & ~(from_run_end(prose_below(), last) & (run_length(first, last) <= SUBHEAD_RUN))
    )


def _title_case() -> pl.Expr:
    m = WORDS.is_between(3, 20) & (FROM_END <= 3 + HEADLINE_RUN)
    capitals = only(
        m, S.filter(m).str.count_matches(r"(?:^|\s)[\p{Lu}0-9]").cast(pl.Float64), pl.Float64
    )
    capitalised = flag(capitals >= HEADLINE_CAPITALS * WORDS.cast(pl.Float64))
    # A line a phrase signal reports (a cookie control) or a date is no headline.
    return (capitalised & ~f("stop") & ~f("open") & ~f("claimed_other") & ~f("date_only")
            & ~f("enum") & ~f("not_menu"))


def _listed() -> pl.Expr:
    """A headline-shaped line: 3-16 words, capitalised, no closing full stop, no date.

    Not hard-wrapped prose either ("... who in 2008, won the" followed by a
    line starting in lower case).
    """
    dated = f("digit") & (WORDS <= 16) & f("date_cue")
    two = (WORDS <= 16) & f("two_sentences")
    return (
        WORDS.is_between(3, 16)
        & (CHARS <= 120)
        & f("upper")
        & ~f("stop")
        & ~f("open")
        & ~f("bullet")
        & ~f("enum")
        & ~dated
        & ~flag(nxt(f("lower")))
        & ~two
    )


def _loose() -> pl.Expr:
    """Lines in runs of menu entries and headlines outside the body.

    A run (of ``member`` lines) needs :data:`NAV_RUN` lines. It belongs to
    the body, and is left alone, when the line above ends in ":" (it
    introduces the list, also above short items of the same list), when a
    sentence right above names two or more of its lines (and half of them),
    when a line of it leaves a quotation open, or when a sentence is right
    above it and right below it; when it is mostly numbers or lower-case
    words (a table, a list of items); or when a block of numbers follows
    (table headings).
    Headline-length lines of a run that leads straight into a paragraph are
    the article's own headline block.
    """
    first, last, size = f("first"), f("last"), f("size")
    num, prose = f("num"), f("prose")
    num_below = (flag(nxt(num)) & (flag(nxt(num, 2)) | flag(nxt(num, 3)))) | (
        flag(nxt(num, 2)) & flag(nxt(num, 3))
    )
    n_lower = run_sum(f("lower").cast(pl.Int32), first, last)
    n_digit = run_sum(f("digit").cast(pl.Int32), first, last)
    # Introduced by a line ending in ":" (right above, or above short items
    # of the same list: "Fred again.." ends a list line in a full stop).
    intro = from_run_start(flag(prev(f("colon"))) | f("intro_above"), first)
    # A list the text names, or quoted text broken over lines, is content.
    n_named = run_sum(f("named").cast(pl.Int32), first, last)
    named = (n_named >= NAMED_ITEMS) & (2 * n_named >= size)
    quoted = run_sum(f("quote_open").cast(pl.Int32), first, last) > 0
    # A sentence broken over short lines (a headline set in lines: "12 år gamle" /
    # "gisselet" / "Eitan sluppet" / "fri."): a line goes on from the one above.
    # A headline set in lines, at the top of the text; menus in lower case
    # ("home page" / "world" / "business") are long runs.
    broken = ((run_sum(f("continues").cast(pl.Int32), first, last) > 0) & (size <= BROKEN_RUN)
              & from_run_start(IDX <= HEADLINE_TOP, first))
    before = from_run_start(flag(prev(f("texty"))), first)
    after = from_run_end(flag(nxt(prose)), last)
    # The body starts within three lines (a byline or dateline between).
    # A short article's first paragraph may be a single short sentence.
    body = f("texty") & ~f("colon")
    into_body = from_run_end(flag(nxt(body)) | flag(nxt(body, 2)) | flag(nxt(body, 3)), last)
    listed = f("listed").cast(pl.Int32)
    n_listed = run_sum(listed, first, last)
    listed_after = from_run_end(listed.cum_sum(), last) - listed.cum_sum()
    table = from_run_end(num_below, last) | from_run_start(flag(prev(num)), first)
    # A CV, timeline or form (spans of years, a registry code; audit25).
    table = table | form_run(first, last)
    # In a run that leads into the body, the last headline-length line is
    # the article's headline (both, when there are only two: headline and
    # subtitle); earlier ones are a teaser box.
    headline = (
        f("listed") & ~f("menu_entry") & into_body & ((listed_after == 0) | (n_listed <= 2))
    )
    # A short run between two paragraphs is a list in the text; menus are
    # long. A run inside the body (paragraphs above and below it) is read as
    # a list unless one of its lines is a menu, share, comment or related
    # phrase ("Artikel teilen", "Related Topics"): shape alone is not enough
    # there. An "Advertisement" label does not count: ads interrupt lists.
    inside = from_run_start(f("body_above"), first) & from_run_end(f("body_below"), last)
    inside = inside & (run_sum(f("nav_support").cast(pl.Int32), first, last) == 0)
    return (
        f("member")
        & (size >= NAV_RUN)
        & (2 * n_lower <= size)
        & (2 * n_digit < size)
        & ~intro
        & ~named
        & ~quoted
        & ~broken
        & ~(before & after & (size <= LIST_RUN))
        & ~inside
        & ~table
        & ~headline
        & ~f("not_menu")
    )


def read_more() -> pl.Expr:
    """Links to other stories: "Read more: ...", "Continue reading", "Related" lists.

    A related heading ("Related articles", "You may also like", "DON'T MISS")
    also takes the headline-shaped lines right after it (no full stop, at
    most :data:`RELATED_LIMIT`); so does a run of headlines outside the body.

    >>> from dq.signals._demo import flags
    >>> flags(read_more(), ["Read more: Alibaba poised to launch record listing",
    ...                     "Continue reading the main story", "Related:", "More from Reuters",
    ...                     "Recommended", "You may also like...", "Lesen Sie auch:",
    ...                     "Plague fears grow in Beijing [INSIGHT]"])
    [True, True, True, True, True, True, True, True]
    >>> flags(read_more(), ["Read more about the study in the journal Nature, the authors said."])
    [False]
    >>> from dq.signals._demo import article_flags
    >>> article_flags(read_more(), "Body text of the article ends here.\\nRelated articles\\n"
    ...               "Storm hits coast\\nVoters head to polls\\nThe next paragraph is prose.")
    [False, True, True, True, False]
    """
    # Listed headlines have 3+ words; one-word lines after a "Latest" menu
    # entry are more menu, and the navigation signal judges those.
    # A numbered line alone under a bare heading ("Baca Juga" / "1. Cek Fakta:
    # ...") is the first of the article's numbered sections, not a teaser.
    after_header = f("rm_after") & ~(f("numbered") & ~flag(nxt(f("rm_after"))))
    # Headlines in a run are teasers only next to menu entries: a run of
    # headline-shaped lines alone is as often a list or subheads in the text.
    # The first line of a text (or a block above the body, :mod:`.chrome_ownhead`) is its headline.
    teasers = (
        f("loose") & ~f("menu_entry") & (f("n_menu") >= TEASER_MENU) & ~f("run_claimed")
        & (IDX > 0) & ~f("own_head")
    )
    # A run of "Kicker: Headline" teasers (:mod:`dq.signals.chrome_teasers`).
    lists = (after_header | f("headline_list") | f("kicker_run")) & ~f("claimed_other")
    lists = lists | f("teased")  # stamped and ranked teasers (:mod:`.chrome_stamped`)
    # Headlines are recognised by their place and shape: never a full sentence.
    # A teaser's lede cut short with "... mehr" (:mod:`dq.signals.chrome_teasers`).
    # An embedded post's signature line quotes the post ("Listen: https://t.co/...
    # — Laura Shin (@laurashin) March 24, 2023"): the article's quote, no link.
    # The record's own lede with a link to the rest opens the text: not a
    # teaser (:func:`dq.signals.trailing.opening_lede`).
    tail = f("more_tail") & ~opening_lede(f("more_tail"), S, IDX)
    return (f("rm_direct") & ~f("post_sig")) | tail | weak(lists | teasers)


def _read_more_direct() -> pl.Expr:
    """A line that is a link to other stories by its own words ("Read more: ...")."""
    lead = f("lead")
    inline = (WORDS <= 30) & lead.str.contains(
        prefix("read_more") + r"\s*(?::|»|›|>|\||–|—| -|\.\.\.|…|@|】|：)\s*\S"
    )
    # "Read the full letter below:" introduces what follows in the article.
    intro = f("colon") | LOW.str.contains(r"\b(?:below|following|hereunder)\b")
    more = (WORDS <= 20) & ~intro & lead.str.contains(
        r"^(?:continue reading|click here|read (?:the )?full|full story|read all|view all|see all"
        r"|show more|load more|more stories|weiterlesen|mehr lesen|mehr anzeigen|lire la suite"
        r"|leer más|seguir leyendo|leia mais|continue lendo|afficher plus|voir plus|ver más"
        r"|mostra altro|vis mer|visa mer|toon meer|the post .+ appeared first on \S)"
    )
    clicking = (WORDS <= 20) & ~f("sent") & LOW.str.contains(r"click(?:ing)? here")
    bracket = (WORDS <= 30) & f("bracket")
    bracket_tag = matches(bracket, S, tail=120, pattern=r"\[[A-Z][A-Z ]{2,15}\]\W*$")
    return flag(inline | more | clicking) | (bracket_tag & ~stage_direction())


def read_more_evidence() -> pl.Expr:
    """``phrase`` on a link line or a related heading; ``context`` on the headlines under a
    heading; ``shape`` on a run of headlines known by shape and place."""
    return evidence_of(
        (f("rm_direct") | f("header") | f("more_tail"), "phrase"), (f("rm_after"), "context"),
        default="shape"
    )


def comment_block() -> pl.Expr:
    """A comment section: its heading, and every line after it to the end of the text.

    The heading ("Comments", "12 comments", "Leave a reply", "Top Rated
    Comments") opens a section only after
    :data:`~dq.signals.chrome_comments.PROSE_BEFORE_COMMENTS` body lines; higher
    up it is a counter and only that line is reported. Two or more comment
    stamps ("Jane says:", "Reply", "2 days ago at 07:52 am") below the body
    open a section the same way.

    >>> from dq.signals._demo import article_flags
    >>> body = "A paragraph of the story that is long enough to count as prose.\\n"
    >>> text = (body * 3 + "12 comments\\n"
    ...         "Great article, thanks for sharing this with us.\\nI disagree with most of it.")
    >>> article_flags(comment_block(), text)  # a full sentence is no comment by place alone
    [False, False, False, True, False, True]
    >>> article_flags(comment_block(), "Comments\\nThe council approved the budget on Monday.")
    [True, False]
    """
    header, meta, n_meta, below = f("comment_header"), f("meta"), f("n_meta"), f("below_body")
    # A named heading ("Top Rated Comments", "Join the discussion", "6 thoughts
    # on ...") is no counter: it opens the section even when the comments
    # outnumber the article's paragraphs.
    named = header & ((WORDS >= 2) & ~f("digit") | matches(header, LOW, "thought"))
    opens = (
        ((header | f("user")) & below)
        | (named & f("prose_above"))
        | (meta & (n_meta >= 2) & (below | (n_meta >= 6)))
    )
    # The lines after an opening are comments by context alone: a full
    # sentence among them is left (a stray "SEE ALL COMMENTS" above the body
    # must not take the article with it).
    return header | meta | weak(after_first(opens))


def comment_block_evidence() -> pl.Expr:
    """``phrase`` on a comment heading or stamp, ``context`` on the lines after an opening."""
    return evidence_of((f("comment_header") | f("meta"), "phrase"), default="context")


def navigation() -> pl.Expr:
    """Runs of menu-like lines (nav bars, breadcrumbs, tag lists) outside the article body.

    See :func:`_loose` for what makes a run; this signal reports its
    short menu-like lines (headline-length lines are :func:`read_more`).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(navigation(), "Home\\nNews\\nSport\\nWeather\\n"
    ...               "The storm reached the coast on Monday, forecasters said.")
    [True, True, True, True, False]
    >>> from dq.signals._demo import flags
    >>> flags(navigation(), ["Home › News › Europe", "Tags: rents, housing, tenants", "Next page"])
    [True, True, True]
    >>> article_flags(navigation(), "The storm reached the coast on Monday, forecasters said.\\n"
    ...               "Tags\\nweather\\nstorms\\nThe next story starts here with a full sentence.")
    [False, False, True, True, False]
    >>> article_flags(navigation(), "You will need the following for this:\\nFlour\\nSugar\\n"
    ...               "Eggs\\nMix them all together in a large bowl and bake for an hour.")
    [False, False, False, False, False]
    """
    # A menu has NAV_RUN entries or more; two short lines in a run of
    # headline-length lines are subheads ("Privatização na mira" / "Novas
    # greves na agenda" under a byline; issue 15, audit15c).
    runs = (f("loose") & f("menu_entry") & (f("n_menu") >= NAV_RUN) & ~f("run_claimed")
            & ~f("date_only"))
    # One tag per line under a "Tags" heading ("Теги" / "модель").
    tags = block_after(f("tag_head"), f("menu"), TAG_LIMIT) & ~f("claimed")
    tags = tags & (~f("tag_head") | flag(nxt(f("menu"))))
    # recall24: the article's tags on one line ("Published under: a , b , c").
    return f("nav_phrase") | weak(runs | tags) | tag_line()


def _navigation_phrase() -> pl.Expr:
    """A menu entry of the phrase list, a pager, a breadcrumb trail or a tag line."""
    entry = menu_phrase("navigation") | menu_phrase("media_control")
    pager = pager_order(f("core"))  # counts up: not a row of figures (audit25)
    return entry | pager | _breadcrumb() | _tag_line()


def navigation_evidence() -> pl.Expr:
    """``phrase`` on a known menu entry, trail or tag line (and a tag heading); ``shape`` on
    a run of menu-like lines; ``context`` on the tags under a heading."""
    runs = f("loose") & f("menu_entry")
    return evidence_of(
        (f("nav_phrase") | f("tag_head"), "phrase"), (runs, "shape"), default="context"
    )


#: Features of the block signals: related headings, the runs of menu-like
#: and headline-like lines (shared by read_more and navigation), Title-Case
#: lists, comment stamps and the record totals of comment_block.
FEATURES: tuple[Feature, ...] = (
    feature("header", _related_header),
    # Not a separator ("=====", no letter or digit left) nor an ad label: a
    # list broken by "Advertisement" lines is still the article's list.
    # Nor a paragraph by its own markup (:func:`paragraph_element`).
    feature("menu_entry", lambda: f("menu") & ~f("num") & f("core").str.contains(r"[\p{L}\p{N}]")
            & ~menu_phrase("ad_label") & ~paragraph_element()),
    feature("listed", _listed),
    feature("run_claimed", lambda: f("claimed_other") | f("header")),
    feature("member", lambda: f("menu_entry") | f("listed")),
    feature("first", lambda: run_edges(f("member"))[0]),
    feature("last", lambda: run_edges(f("member"))[1]),
    feature("size", lambda: run_length(f("first"), f("last"))),
    feature("n_menu", lambda: run_sum(f("menu_entry").cast(pl.Int32), f("first"), f("last"))),
    feature("intro_above", lambda: intro_above(LIST_RUN)),
    feature("continues", continues),
    feature("named", lambda: named_in_record(f("member") & (f("size") >= NAV_RUN), f("texty"))),
    feature("body_above", lambda: prose_count(above=True) >= PROSE_AROUND),
    feature("body_below", lambda: prose_count(above=False) >= 1),
    feature("nav_support", lambda: f("related_phrase") | f("bar") | (
        f("menu_phrase") & ~menu_phrase("ad_label") & ~menu_phrase("reading_time")
        & ~menu_phrase("staff_credit") & ~menu_phrase("media_control"))),
    feature("loose", _loose),
    feature("title_case", _title_case),
    feature("tc_first", lambda: run_edges(f("title_case"))[0]),
    feature("tc_last", lambda: run_edges(f("title_case"))[1]),
    feature("headline_list", _headline_list),
    feature("comment_header", lambda: menu_phrase("comment_header")),
    feature("user", user_stamp),
    # A line that ends in a "says" verb (needed by the costlier regex of comment_meta).
    feature("says_end", lambda: matches(
        WORDS <= 12, S, r"(?i:says|said|wrote|sagt|schrieb|dit|dice|disse|escreveu)\s*:?$"
    )),
    feature("bracket", lambda: S.str.contains("]", literal=True)),
    feature("crumb", _crumb_candidate),
    feature("rm_direct", _read_more_direct),
    # The headline-shaped lines under a related heading (3-25 words; no full stop, and no
    # closing ":" - "Berikut isi postingannya:" introduces the text below; issue 15, audit15c).
    feature("rm_after", lambda: block_after(
        f("header"), ~f("stop") & ~f("colon") & WORDS.is_between(3, 25), RELATED_LIMIT)),
    feature("numbered", lambda: f("bullet") & S.str.contains(r"^[0-9]")),
    feature("nav_phrase", _navigation_phrase),
    feature("tag_head", _tag_heading),
    feature("meta", comment_meta),
    feature("n_meta", lambda: record_sum(f("meta").cast(pl.UInt32))),
    feature("prose_above", prose_above),
    feature("below_body", below_body),
)
