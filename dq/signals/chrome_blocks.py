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

from dq.signals.chrome_lines import claimed
from dq.signals.chrome_meta import MONTH_CUE, date_only
from dq.signals.chrome_shape import (
    CHARS,
    FROM_END,
    LOW,
    TAIL,
    WORDS,
    F,
    S,
    after_first,
    at_edge,
    block_after,
    core,
    ends_sentence,
    flag,
    from_run_end,
    from_run_start,
    has_digit,
    numeric,
    nxt,
    prefix,
    prev,
    prose,
    record_cum_sum,
    record_sum,
    run_edges,
    run_length,
    run_sum,
    shape_stages,
    short_lead,
    staged,
    whole,
)

#: Most lines taken after a "Related articles" heading (a related box rarely
#: lists more than ten headlines).
RELATED_LIMIT: Final = 12

#: Share of capitalised words that makes a line a Title-Case headline (AP
#: style leaves "to", "of", "the" in lower case, so headlines score 0.6-1.0).
HEADLINE_CAPITALS: Final = 0.6

#: Longest run of Title-Case lines taken for a related box without heading.
HEADLINE_RUN: Final = 6

#: Body lines (see :func:`dq.signals.chrome_shape.prose`) that must come
#: before a comment heading for it to open a comment section; fewer means the
#: heading is a counter next to the byline or a menu entry.
PROSE_BEFORE_COMMENTS: Final = 3

#: A comment heading opens a section only if at least 1/COMMENT_SHARE of the
#: record's paragraphs are above it (comments are often longer than the
#: article, so this is loose; it stops a counter under teasers at the top).
COMMENT_SHARE: Final = 4

#: Shortest run of menu-like or headline-like lines reported as navigation.
NAV_RUN: Final = 3

#: Menu entries a run must hold for its headline-length lines to be teasers.
TEASER_MENU: Final = 2

#: Longest run between two paragraphs still read as a list in the text.
LIST_RUN: Final = 10


def _related_header() -> pl.Expr:
    c = core()
    boxes = (WORDS <= 7) & c.str.contains(
        r"(?:more|most|recent|related|top|latest|popular|other|similar|trending|recommended)"
        r"(?: [a-z'’]+){0,2} (?:stories|articles|posts|news|videos|headlines|reads)$"
    )
    return flag(c.str.contains(whole("related_header")) | boxes)


def _tag_line() -> pl.Expr:
    """A tag or category list on one line: "Tags: rents, housing, tenants"."""
    return flag((WORDS <= 20) & LOW.str.contains(
        r"^(?:related )?(?:tags?|tagged(?: with)?|topics?|themen|schlagworte|schlagwörter"
        r"|etiquetas|tópicos|filed under|posted in|categories|category|kategorien?|catégories?"
        r"|mots-clés|this entry was posted in|in this article)\s*:?\s+\S"
    ))


def _breadcrumb() -> pl.Expr:
    """A breadcrumb trail: "Home › News › Europe" (2+ separators, short items, no sentence)."""
    # "|" also joins photo credits ("Name | Bloomberg | Getty Images"), so a
    # pipe trail needs one more step.
    sep = r"\s+(?:›|»|>|/|→|::)\s+"
    item = r"[^.!?|]{1,40}"
    trail = LOW.str.contains(rf"^{item}(?:{sep}{item}){{2,}}$") | LOW.str.contains(
        rf"^{item}(?:\s+\|\s+{item}){{3,}}$"
    )
    trail = trail & (WORDS <= 16)
    return flag(trail & (at_edge(3, 3) | LOW.str.starts_with("home")))


def _headline_list_stages() -> tuple[dict[str, pl.Expr], ...]:
    """Stages ending in ``headline_list``: 2 to :data:`HEADLINE_RUN` Title-Case headlines.

    Related-story boxes without a heading ("- Moon Rush: Private Lunar
    Lander Plans") are lists of capitalised headlines right after the last
    paragraph, ending the text; content lists are rarely in Title Case and
    rarely the very last lines. Needs the ``prose`` field.
    """
    candidate = pl.when(WORDS.is_between(3, 20) & (FROM_END <= 3 + HEADLINE_RUN)).then(S)
    capitals = candidate.str.count_matches(r"(?:^|\s)[\p{Lu}0-9]").cast(pl.Float64)
    capitalised = flag(capitals >= HEADLINE_CAPITALS * WORDS.cast(pl.Float64))
    h = F("title_case")
    first, last = F("tc_first"), F("tc_last")
    return (
        {"title_case": capitalised & ~F("stop") & ~F("open")},
        dict(zip(("tc_first", "tc_last"), run_edges(h), strict=True)),
        {
            "tc_size": run_length(first, last),
            "tc_ends_low": from_run_end(FROM_END <= 3, last),
            "tc_after_body": from_run_start(flag(prev(F("prose"))), first),
        },
        # Long runs are schedules, tables of contents or track lists: content.
        {
            "headline_list": h
            & F("tc_size").is_between(2, HEADLINE_RUN)
            & F("tc_ends_low")
            & F("tc_after_body")
        },
    )


def _run_stages() -> tuple[dict[str, pl.Expr], ...]:
    """Stages ending in ``loose``: lines in runs of menu entries and headlines outside the body.

    A run needs :data:`NAV_RUN` lines. It belongs to the body, and is left
    alone, when the line above ends in ":" (it introduces the list), or when
    a sentence is right above it and right below it; when it is mostly
    numbers or lower-case words (a table, a list of items); or when a block
    of numbers follows (table headings). Headline-length lines of a run that
    leads straight into a paragraph are the article's own headline block.
    """
    stage_a, stage_b = shape_stages()
    # A headline-shaped line: 3-16 words, capitalised, no closing full stop,
    # no date, and not hard-wrapped prose ("... who in 2008, won the" followed
    # by a line starting in lower case).
    dated = flag(pl.when(has_digit() & (WORDS <= 16)).then(LOW).str.contains(MONTH_CUE))
    two = pl.when(WORDS <= 16).then(S).str.contains(r"[.!?][\"”’]? \p{Lu}")
    stage_a = {**stage_a, "num": numeric(), "dated": dated, "two_sentences": flag(two),
               "claimed_other": claimed(related=False), "header": _related_header()}
    listed = (
        WORDS.is_between(3, 16)
        & (CHARS <= 120)
        & F("upper")
        & ~F("stop")
        & ~F("open")
        & ~F("bullet")
        & ~F("dated")
        & ~flag(nxt(F("lower")))
        & ~F("two_sentences")
    )
    third = {
        "menu_entry": F("menu") & ~F("num"),
        "listed": listed,
        "claimed": F("claimed_other") | F("header"),
    }
    fourth = {"member": F("menu_entry") | F("listed")}
    m = F("member")
    edges = dict(zip(("first", "last"), run_edges(m), strict=True))
    num = F("num")
    num_below = (flag(nxt(num)) & (flag(nxt(num, 2)) | flag(nxt(num, 3)))) | (
        flag(nxt(num, 2)) & flag(nxt(num, 3))
    )
    first, last = F("first"), F("last")
    fifth = {
        "size": run_length(first, last),
        "n_lower": run_sum(F("lower").cast(pl.Int32), first, last),
        "n_digit": run_sum(F("digit").cast(pl.Int32), first, last),
        "intro": from_run_start(flag(prev(F("colon"))), first),
        "before": from_run_start(flag(prev(F("texty"))), first),
        "after": from_run_end(flag(nxt(F("prose"))), last),
        # The body starts within three lines (a byline or dateline between).
        "into_body": from_run_end(
            flag(nxt(F("prose"))) | flag(nxt(F("prose"), 2)) | flag(nxt(F("prose"), 3)), last
        ),
        "n_listed": run_sum(F("listed").cast(pl.Int32), first, last),
        "n_menu": run_sum(F("menu_entry").cast(pl.Int32), first, last),
        "listed_after": from_run_end(F("listed").cast(pl.Int32).cum_sum(), last)
        - F("listed").cast(pl.Int32).cum_sum(),
        "table": from_run_end(num_below, last) | from_run_start(flag(prev(F("num"))), first),
    }
    size = F("size")
    # In a run that leads into the body, the last headline-length line is
    # the article's headline (both, when there are only two: headline and
    # subtitle); earlier ones are a teaser box.
    headline = (
        F("listed")
        & ~F("menu_entry")
        & F("into_body")
        & ((F("listed_after") == 0) | (F("n_listed") <= 2))
    )
    # A short run between two paragraphs is a list in the text; menus are long.
    sixth = {
        "loose": m
        & (size >= NAV_RUN)
        & (2 * F("n_lower") <= size)
        & (2 * F("n_digit") < size)
        & ~F("intro")
        & ~(F("before") & F("after") & (size <= LIST_RUN))
        & ~F("table")
        & ~headline
    }
    return stage_a, stage_b, third, fourth, edges, fifth, sixth


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
    >>> from dq.signals.chrome_shape import article_flags
    >>> article_flags(read_more(), "Body text of the article ends here.\\nRelated articles\\n"
    ...               "Storm hits coast\\nVoters head to polls\\nThe next paragraph is prose.")
    [False, True, True, True, False]
    """
    lead = short_lead()
    inline = (WORDS <= 30) & lead.str.contains(
        prefix("read_more") + r"\s*(?::|»|›|>|\||–|—| -|\.\.\.|…)\s*\S"
    )
    more = (WORDS <= 20) & lead.str.contains(
        r"^(?:continue reading|click here|read the full|read (?:the )?full|full story|read all"
        r"|view all|see all|show more|load more|more stories|weiterlesen|mehr lesen|mehr anzeigen"
        r"|lire la suite|leer más|seguir leyendo|leia mais|continue lendo)"
    )
    clicking = (WORDS <= 20) & ~ends_sentence() & LOW.str.contains(r"click(?:ing)? here")
    bracket_tag = (WORDS <= 30) & TAIL.str.contains(r"\[[A-Z][A-Z ]{2,15}\]\W*$")
    stage_a, *rest = _run_stages()
    stage_a = {**stage_a, "direct": flag(inline | more | clicking) | bracket_tag}
    # Listed headlines have 3+ words; one-word lines after a "Latest" menu
    # entry are more menu, and the navigation signal judges those.
    keep = ~F("stop") & WORDS.is_between(3, 25)
    listed = {"after_header": block_after(F("header"), keep, RELATED_LIMIT)}
    # Headlines in a run are teasers only next to menu entries: a run of
    # headline-shaped lines alone is as often a list or subheads in the text.
    teasers = F("loose") & ~F("menu_entry") & (F("n_menu") >= TEASER_MENU) & ~F("claimed")
    lists = (F("after_header") | F("headline_list")) & ~F("claimed_other")
    return staged(
        stage_a,
        *rest,
        listed,
        *_headline_list_stages(),
        {"out": F("direct") | lists | teasers},
        out="out",
    )


def _comment_meta() -> pl.Expr:
    """One comment's furniture: "Jane says:", "Rating: 12 Votes", "2 days ago at 07:52 am"."""
    says = pl.when(WORDS <= 12).then(TAIL).str.contains(
        r"^.{1,60}\s(?i:says|said|wrote|sagt|schrieb|dit|a dit|dice|disse|escreveu)\s*:?$"
    )
    stamped = pl.when(has_digit()).then(LOW)
    rating = stamped.str.contains(
        r"^(?:rating|score|points|votes?)\s*:\s*-?[0-9]+\s*(?:votes?|points?)?$"
    )
    stamp = stamped.str.contains(
        r"^(?:[0-9]+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago|yesterday|today|.{3,40}"
        r"[0-9]{4}),? (?:at|um|à|a las|às|alle) [0-9]{1,2}[:.][0-9]{2}\s*(?:[ap]\.?m\.?)?$"
    )
    control = core().str.contains(
        r"^(?:reply|reply to this comment|report(?: this comment| abuse)?|permalink"
        r"|link permanente|antworten|répondre|responder|rispondi|like|dislike|melden|signaler"
        r"|denunciar|[0-9]+ (?:likes?|dislikes?|upvotes?|points?))$"
    )
    return flag(says) | flag(rating) | flag(stamp) | flag(control) | _user_stamp()


def _user_stamp() -> pl.Expr:
    """A commenter's name and the time of the comment: "pkowalski · 3 hours ago"."""
    stamped = pl.when((WORDS <= 10) & (has_digit() | LOW.str.contains("ago"))).then(LOW)
    return flag(stamped.str.contains(
        r"^[\w.@'’-]{2,30}(?: [\w.'’-]{1,20})?\s*(?:·|•|\|)\s*(?:[0-9]{1,2} "
        r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago|yesterday|today|just now"
        r"|[a-z]{3,9}\.? [0-9]{1,2},? [0-9]{4}.*|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}.*)$"
    ))


def comment_block() -> pl.Expr:
    """A comment section: its heading, and every line after it to the end of the text.

    The heading ("Comments", "12 comments", "Leave a reply", "Top Rated
    Comments") opens a section only after :data:`PROSE_BEFORE_COMMENTS` body
    lines; higher up it is a counter and only that line is reported. Two or
    more comment stamps ("Jane says:", "Reply", "2 days ago at 07:52 am")
    below the body open a section the same way.

    >>> from dq.signals.chrome_shape import article_flags
    >>> body = "A paragraph of the story that is long enough to count as prose.\\n"
    >>> text = (body * 3 + "12 comments\\n"
    ...         "Great article, thanks for sharing this with us.\\nI disagree with most of it.")
    >>> article_flags(comment_block(), text)
    [False, False, False, True, True, True]
    >>> article_flags(comment_block(), "Comments\\nThe council approved the budget on Monday.")
    [True, False]
    """
    header = flag(core().str.contains(whole("comment_header")))
    p = F("prose").cast(pl.UInt32)
    meta = F("meta")
    return staged(
        {"header": header, "meta": _comment_meta(), "prose": prose(), "user": _user_stamp()},
        {
            "prose_before": record_cum_sum(p) - p,
            "prose_total": record_sum(p),
            "n_meta": record_sum(meta.cast(pl.UInt32)),
        },
        # Below the body: enough paragraphs above, and a fair share of all of
        # them (a "12 comments" counter under teaser paragraphs at the top of a
        # page must not swallow the article below it).
        {
            "below_body": (F("prose_before") >= PROSE_BEFORE_COMMENTS)
            & (COMMENT_SHARE * F("prose_before") >= F("prose_total")),
        },
        {
            "opens": ((F("header") | F("user")) & F("below_body"))
            | (meta & (F("n_meta") >= 2) & (F("below_body") | (F("n_meta") >= 6)))
        },
        {"out": F("header") | meta | after_first(F("opens"))},
        out="out",
    )


def navigation() -> pl.Expr:
    """Runs of menu-like lines (nav bars, breadcrumbs, tag lists) outside the article body.

    See :func:`_run_stages` for what makes a run; this signal reports its
    short menu-like lines (headline-length lines are :func:`read_more`).

    >>> from dq.signals.chrome_shape import article_flags
    >>> article_flags(navigation(), "Home\\nNews\\nSport\\nWeather\\n"
    ...               "The storm reached the coast on Monday, forecasters said.")
    [True, True, True, True, False]
    >>> flags = __import__("dq.signals._demo", fromlist=["flags"]).flags
    >>> flags(navigation(), ["Home › News › Europe", "Tags: rents, housing, tenants", "Next page"])
    [True, True, True]
    >>> article_flags(navigation(), "You will need the following for this:\\nFlour\\nSugar\\n"
    ...               "Eggs\\nMix them all together in a large bowl and bake for an hour.")
    [False, False, False, False, False]
    """
    c = core()
    entry = flag(c.str.contains(whole("navigation")))
    pager = flag(c.str.contains(r"^(?:[0-9]{1,3}\s+){2,}[0-9]{1,3}$"))
    runs = staged(
        *_run_stages(),
        {"out": F("loose") & F("menu_entry") & ~F("claimed") & ~date_only()},
        out="out",
    )
    return entry | pager | _breadcrumb() | _tag_line() | runs
