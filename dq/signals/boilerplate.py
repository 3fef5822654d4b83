"""``repeated_boilerplate``: a line that recurs on many pages of one site is site furniture.

Why: the chrome a scraper keeps most often is the chrome a site prints on
every page (a ticker, a "% of readers think this story is Fact" widget, a
standing disclaimer, a subscription line). No phrase list knows a site's own
furniture, but the corpus does: a line printed on a large share of a site's
pages, pages that are otherwise about different things, is not the article.
This is how web-scale pipelines remove furniture (CCNet deduplicates
paragraphs across a shard; FineWeb's line filters); dq reports each line,
with the count that condemns it, instead of dropping it silently.

The rule, argued from what furniture is, not from any one site:

* the same line (:func:`line_key`: white space collapsed, every run of digits
  read as ``0``, so dates and counters in a ticker still match) appears on at least
  :data:`MIN_PAGES` distinct pages of the site *and* on at least
  :data:`MIN_SHARE` of them;
* pages are told apart by their longest line (:func:`page_keys`): versions of
  one story republished on one site share their body and so count once,
  which keeps a story's own sentences from being called furniture;
* a site with fewer than :data:`MIN_SITE_PAGES` pages is not judged (too few
  pages to tell furniture from coincidence);
* a site is the record's ``domain`` (``source``, else the url's host); a
  record with neither is not judged;
* a line that cites a DOI (:data:`DOI`) is no candidate.

Evidence is ``corpus``: the line itself may be anything; its recurrence is
what condemns it.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.base import CorpusLines, Signal

__all__ = [
    "DOI", "MAX_LINE_CHARS", "MIN_PAGES", "MIN_SHARE", "MIN_SITE_PAGES", "SIGNALS",
    "candidate_rows", "flag_lines", "furniture", "line_key", "page_keys",
    "repeated_boilerplate",
]

#: Pages (distinct by :func:`page_keys`) a line must appear on. Five pages of
#: one site repeating the same line verbatim is beyond quotation or
#: coincidence in news text; a corpus of one site's 4 versions of a story
#: counts as one page anyway. Moves with :data:`MIN_SHARE`.
MIN_PAGES: Final = 5
#: Share of the site's pages the line must appear on. Site furniture is on
#: most pages (a ticker seen on 130 of 250 pages of one site, a reader poll
#: on 48 of 250: 52% and 19%); a sentence quoted in a run of stories on one
#: topic reaches a few percent at most. 10% sits between, on the side of
#: precision: a furniture line on fewer pages is missed, not a content line
#: flagged.
MIN_SHARE: Final = 0.10
#: Pages a site needs before its lines are judged: with fewer, five pages
#: would be half the site, and two or three related stories could condemn
#: each other's sentences.
MIN_SITE_PAGES: Final = 10
#: Lines longer than this are never furniture candidates: furniture is a
#: line of UI or a standing notice, not a paragraph (and the key table stays
#: small). Standing disclaimers run to a few hundred characters.
MAX_LINE_CHARS: Final = 400
#: A DOI ("10.1038/s41559-026-03071-9": "10.", a registrant code of four to
#: nine digits, "/"). It names one publication: a line citing it ("DOI: ...",
#: "https://doi.org/...") is the reference of the study an article reports,
#: different on every page, but :func:`line_key` reads every run of digits as
#: 0, so a science site's DOI lines all share one key (issue 15, audit28: a
#: DOI deleted as furniture). Site furniture names no publication.
DOI: Final = r"\b10\.\d{4,9}/\S"
#: The white space :func:`line_key` rewrites as one space: a run of two or
#: more, or a single character other than the ASCII space. The same keys as
#: ``\s+`` -> " ", which also rewrites every single space as itself: on the
#: 171k candidate lines of bench_scale's first 40 MB, 0.59 s CPU -> 0.17 s
#: for the whole key (measured 2026-12-07, Polars 2.1).
_SPACE_RUN: Final = r"\s{2,}|[\s&&[^ ]]"


def line_key(s: pl.Expr) -> pl.Expr:
    """A 64-bit key of a stripped line: equal for lines that differ only in digits or spacing.

    >>> df = pl.DataFrame({"s": ["DOW 34,120 +0.5%", "DOW  5,001 +10.25%", "DOW 35,001 -1.2"]})
    >>> keys = df.select(line_key(pl.col("s"))).to_series().to_list()
    >>> keys[0] == keys[1], keys[1] == keys[2]
    (True, False)
    >>> df = pl.DataFrame({"s": ["Updated 12 May 2024", "Updated 03  May 2025"]})
    >>> a, b = df.select(line_key(pl.col("s"))).to_series().to_list()
    >>> a == b
    True

    Every run of white space counts as one space (:data:`_SPACE_RUN` is
    ``\\s+`` read as " " without touching the single spaces):

    >>> runs = pl.Series(["a \t b", "a\tb", "a  b", "a\u00a0b", "a\u3000 \u2009b", "a b"])
    >>> pl.select(line_key(pl.lit(runs)).n_unique()).item()
    1
    """
    norm = s.str.replace_all(r"\d+", "0").str.replace_all(_SPACE_RUN, " ")
    return norm.hash(seed=15)


def page_keys(lines: pl.LazyFrame) -> pl.LazyFrame:
    """``rid, page``: a hash of each record's longest line (ties: the first), telling pages apart.

    >>> lf = pl.LazyFrame({"rid": [0, 0, 1, 1], "s": ["Menu", "A long body.", "Menu", "Other."],
    ...                    "n_chars": [4, 12, 4, 6]})
    >>> df = page_keys(lf).sort("rid").collect()
    >>> df["page"][0] != df["page"][1]
    True
    """
    longest = pl.col("s").sort_by("n_chars", descending=True, maintain_order=True).first()
    # The line itself, digits and all: two stories that differ only in a
    # number are two pages.
    return lines.group_by("rid").agg(longest.hash(seed=15).alias("page"))


def furniture(candidates: pl.LazyFrame) -> pl.LazyFrame:
    """``site, key`` of the lines that are site furniture, from ``site, key, page`` rows.

    ``candidates`` has one row per (site, line key, page) with the line on
    that page, plus one row with a null ``key`` per page (so a site's pages
    are counted even when none of their lines is a candidate).

    >>> rows = [("a.com", 1, p) for p in range(10)] + [("a.com", None, p) for p in range(12)]
    >>> lf = pl.LazyFrame(rows, schema={"site": pl.String, "key": pl.UInt64, "page": pl.UInt64},
    ...                   orient="row")
    >>> furniture(lf).collect().rows()
    [('a.com', 1)]
    >>> furniture(lf.filter(pl.col("page") < 4)).collect().rows()
    []
    """
    pages = candidates.group_by("site").agg(pl.col("page").n_unique().alias("site_pages"))
    counts = (
        candidates.filter(pl.col("key").is_not_null())
        .group_by("site", "key")
        .agg(pl.col("page").n_unique().alias("pages"))
    )
    return (
        counts.join(pages, on="site")
        .filter(
            (pl.col("site_pages") >= MIN_SITE_PAGES)
            & (pl.col("pages") >= MIN_PAGES)
            & (pl.col("pages") >= MIN_SHARE * pl.col("site_pages"))
        )
        .select("site", "key")
        .sort("site", "key")
    )


def candidate_rows(lines: pl.LazyFrame, sites: pl.LazyFrame) -> pl.LazyFrame:
    """``rid, line_no, site, key, page`` for candidate lines, plus a null-key row per page.

    ``lines``: the lines frame (``rid, line_no, s, n_chars``); ``sites``:
    ``rid, site`` (records without a site are left out).
    """
    judged = sites.filter(pl.col("site").is_not_null())
    # the lines of judged records only, before any key is computed: a corpus
    # without ``url`` or ``source`` has none to compute
    lines = lines.join(judged.select("rid"), on="rid", how="semi")
    pages = page_keys(lines).join(judged, on="rid")
    has_letter = pl.col("s").str.contains(r"[^\W\d_]")
    cand = (
        lines.filter((pl.col("n_chars") <= MAX_LINE_CHARS) & has_letter
                     & ~pl.col("s").str.contains(DOI))
        .select("rid", "line_no", line_key(pl.col("s")).alias("key"))
        .join(pages, on="rid")
    )
    per_page = pages.select(
        pl.col("rid"), pl.lit(None).alias("line_no"), pl.col("site"),
        pl.lit(None, pl.UInt64).alias("key"), pl.col("page"),
    )
    return pl.concat([cand.select(per_page.collect_schema().names()), per_page],
                     how="vertical_relaxed")


def repeated_boilerplate(lines: pl.LazyFrame, sites: pl.LazyFrame) -> pl.LazyFrame:
    """``rid, line_no`` of every line that is site furniture (see the module doc).

    >>> topics = "rain tax vote fire port rail zoo bank farm mine dam fair".split()
    >>> texts = [f"A story about the {t}, in some detail.\\nTicker: DOW 3{i},000"
    ...          for i, t in enumerate(topics)]
    >>> lines = pl.LazyFrame({
    ...     "rid": [i for i in range(12) for _ in range(2)],
    ...     "line_no": [1, 2] * 12,
    ...     "s": [s for t in texts for s in t.split("\\n")]})
    >>> lines = lines.with_columns(pl.col("s").str.len_chars().alias("n_chars"))
    >>> sites = pl.LazyFrame({"rid": list(range(12)), "site": ["x.com"] * 12})
    >>> hits = repeated_boilerplate(lines, sites).collect()
    >>> hits.height, sorted(set(hits["line_no"]))
    (12, [2])

    A DOI line differs on every page, though only in its digits:

    >>> dois = lines.with_columns(pl.col("s").str.replace("Ticker: DOW", "DOI: 10.1038/s4"))
    >>> repeated_boilerplate(dois, sites).collect().height
    0
    """
    rows = candidate_rows(lines, sites)
    return flag_lines(rows, furniture(rows)).sort("rid", "line_no")


def flag_lines(rows: pl.LazyFrame, found: pl.LazyFrame) -> pl.LazyFrame:
    """``rid, line_no`` of the candidate ``rows`` whose ``site, key`` is in ``found``.

    Why apart from :func:`furniture`: a streamed scan aggregates ``found``
    over every batch first, then flags each batch's rows against it.

    >>> rows = pl.LazyFrame({"rid": [0, 0, 1], "line_no": [1, None, 2], "site": ["a", "a", "b"],
    ...                      "key": [7, None, 7]}, schema_overrides={"key": pl.UInt64})
    >>> found = pl.LazyFrame({"site": ["a"], "key": [7]}, schema_overrides={"key": pl.UInt64})
    >>> flag_lines(rows, found).collect().rows()
    [(0, 1)]
    """
    return (
        rows.filter(pl.col("key").is_not_null())
        .join(found, on=["site", "key"], how="semi")
        .select("rid", "line_no")
    )


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "repeated_boilerplate", "chrome", "line",
        f"A line repeated verbatim (digits and spacing aside) on >= {MIN_PAGES} pages "
        f"and >= {MIN_SHARE:.0%} of the pages of its site (sites of >= {MIN_SITE_PAGES} pages)",
        evidence="corpus", scope="corpus",
        corpus_lines=CorpusLines(candidates=candidate_rows, aggregate=furniture),
    ),
)
