"""Attribution signals: credit lines, dangling sources, missing author and source."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from _batch import Batch

from dq.detect import detect
from dq.signals import attribution
from dq.signals._demo import flags
from dq.signals.attribution import dangling_source, has_credit_line
from dq.signals.frames import lines_frame

REPO = Path(__file__).resolve().parents[1]
CODES = [s.code for s in attribution.SIGNALS]
PROSE = (
    "The council said the new timetable would start in October and run until the end of March."
)


def _frame(*texts: str, **columns: list[str | None]) -> pl.DataFrame:
    data: dict[str, list[str | None]] = {
        "id": [f"r{i}" for i in range(len(texts))],
        "text": list(texts),
    }
    data.update(columns)
    return pl.DataFrame(data, schema=dict.fromkeys(data, pl.String))


def _article(*tail: str, head: tuple[str, ...] = ()) -> str:
    body = [PROSE, "Residents had asked for the change for more than ten years, officials said."]
    return "\n\n".join([*head, *body, *tail])


def _table(*texts: str, **columns: list[str | None]) -> dict[str, list[int]]:
    # detect() does not keep input row order yet: sort by id
    signals = detect(_frame(*texts, **columns), codes=CODES).signals
    signals = signals.sort(pl.col("id").str.slice(1).cast(pl.Int32))
    return {code: signals[code].to_list() for code in CODES}


def _codes(found: pl.DataFrame, code: str) -> list[str]:
    return found.filter(pl.col("code") == code)["snippet"].to_list()


# -- the seed ---------------------------------------------------------------


def test_seed_has_dangling_source_missing_author_and_source(seed_text: str) -> None:
    result = detect(_frame(seed_text), codes=CODES)
    found = result.findings
    dangling = found.filter(pl.col("code") == "dangling_source")
    assert dangling["snippet"].to_list() == ["businessinsider"]
    line = dangling["line"][0]
    assert seed_text.split("\n")[line - 1] == "businessinsider"
    assert set(found.filter(pl.col("line") == 0)["code"]) >= {"missing_author", "missing_source"}
    assert result.signals["has_credit_line"].to_list() == [0]
    assert "has_credit_line" not in set(found["code"])


# -- has_credit_line ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Source: Reuters",
        "Sources: AP, AFP",
        "Source : AFP",
        "Quelle: dpa",
        "Fuente: EFE",
        "Источник: ТАСС",
        "(Reuters) - British retail sales fell more than expected in January.",
        "WASHINGTON (AP) — The Senate voted on Tuesday to extend the programme.",
        "NEW YORK, March 3 (Reuters) - Stocks rose on Friday.",
        "KYIV (Kyiv Independent) — Air defence shot down 20 drones overnight.",
        "This article was originally published on The Conversation.",
        "Originally published by the Kyiv Independent.",
        "This story first appeared in Grist.",
        "This article is republished from The Conversation under a Creative Commons license.",
        "— With files from The Canadian Press",
        "Dieser Artikel erschien zuerst bei der Zeit.",
        "Cet article a été initialement publié sur Mediapart.",
    ],
)
def test_credit_lines(line: str) -> None:
    assert flags(has_credit_line(), [line]) == [True]


@pytest.mark.parametrize(
    "line",
    [
        # a citation inside a sentence is not a credit line
        "Lavrov told Izvestia it does not inspire optimism, according to a translation by the "
        "Ukrainian newspaper Kyiv Independent.",
        "One of the carriers told Reuters last month that it wanted a decision by the summer.",
        "A source close to the unions said staff had not been consulted.",
        # copyright footers and photo credits are chrome, not provenance
        "© 2024 Harbour Post Media. All rights reserved.",
        "Copyright 2021, Northfield Gazette",
        "Photo credit: Maria Santos/AP",
        "Photo: Lee Chan/EPA",
        # a dateline, not a credit
        "First Published: Tuesday, November 19, 2019 08:38 AM",
        # long prose that happens to start like a credit
        "Originally published in 1851, the novel sold poorly and its author died believing it a "
        "failure, but a century later critics rediscovered it and it is now taught in schools.",
        "NATO (North Atlantic Treaty Organization) - the alliance was founded in 1949.",
    ],
)
def test_not_credit_lines(line: str) -> None:
    assert flags(has_credit_line(), [line]) == [False]


def test_credit_line_counts_only_near_the_edges() -> None:
    middle = "\n".join([PROSE] * 6 + ["Source: Bureau of Labor Statistics"] + [PROSE] * 6)
    edge = "\n".join([PROSE] * 6 + ["Source: AFP"])
    assert _table(middle, edge)["has_credit_line"] == [0, 1]


def test_credit_line_is_counted_never_reported() -> None:
    result = detect(_frame(_article("Source: AFP")), codes=CODES)
    assert result.signals["has_credit_line"].to_list() == [1]
    assert "has_credit_line" not in set(result.findings["code"])


# -- dangling_source ----------------------------------------------------------


DANGLING = ["businessinsider", "reuters.com", "www.theguardian.com", "apnews", "theguardian",
            "Business Insider", "Reuters", "AFP", "sueddeutsche.de", "bbc.co.uk"]


@pytest.mark.parametrize("token", DANGLING)
def test_dangling_source_tokens(token: str, table: Batch) -> None:
    found = table.findings(_article(token))
    assert _codes(found, "dangling_source") == [token]


def test_dangling_source_before_trailing_chrome() -> None:
    text = _article("businessinsider", "Back to top button")
    found = detect(_frame(text), codes=CODES).findings
    assert _codes(found, "dangling_source") == ["businessinsider"]


def test_dangling_source_after_short_final_sentence() -> None:
    text = "\n".join([PROSE, "He declined to comment.", "reuters.com"])
    assert _table(text)["dangling_source"] == [1]


NOT_DANGLING = [
    ("Thank you.",),
    ("Conclusion",),
    ("Advertisement",),
    ("Jane Doe",),
    ("https://www.reuters.com/world/",),
    ("jane@example.com",),
    ("twitter.com/janedoe",),
    ("Back to top",),
    ("end",),  # too short to be a handle, not a known source
    ("youtube", "twitter", "tiktok"),  # a share bar: a run of bare tokens
    ("Tags: housing, rents", "housing", "rents"),
    ("How to invest in index funds, explained", "international"),
    ("Тhe end",),
    ("Новости",),
]


@pytest.mark.parametrize("tail", NOT_DANGLING)
def test_not_dangling_source(tail: tuple[str, ...], table: Batch) -> None:
    assert table.signals(_article(*tail))["dangling_source"] == 0


def test_dangling_source_needs_prose_before_it() -> None:
    heading_first = "Business\n\n" + _article()  # the seed's category label at the top
    alone = "businessinsider"
    early = "\n".join(["reuters.com", PROSE, PROSE, PROSE, PROSE])
    assert _table(heading_first, alone, early)["dangling_source"] == [0, 0, 0]


def test_dangling_source_with_metadata_matches_the_record_source() -> None:
    lines = lines_frame(
        pl.LazyFrame(
            {"rid": [0, 1], "text": [_article("Northfield Gazette")] * 2},
            schema={"rid": pl.UInt32, "text": pl.String},
        )
    ).join(
        pl.LazyFrame(
            {"rid": [0, 1], "source": ["Northfield Gazette", "Metro Ledger"],
             "domain": ["northfield-gazette.example", "metroledger.example"]},
            schema={"rid": pl.UInt32, "source": pl.String, "domain": pl.String},
        ),
        on="rid",
    )
    out = lines.select("rid", f=dangling_source(metadata=True).fill_null(False)).collect()
    assert out.group_by("rid").agg(pl.col("f").sum()).sort("rid")["f"].to_list() == [1, 0]
    plain = lines.select(f=dangling_source().fill_null(False)).collect()
    assert plain["f"].sum() == 0


# -- missing_author / missing_source -------------------------------------------


def test_missing_author_from_metadata_and_byline() -> None:
    texts = [_article()] * 5 + [_article(head=("By Jane Doe",)),
                                _article(head=("Von Jana Weißmüller",)),
                                _article(head=("By Monday, the council had voted to close it "
                                               "and the pool will not reopen this year.",))]
    authors = [None, "", "  ", "Unknown", "Jane Doe", None, None, None]
    assert _table(*texts, author=authors)["missing_author"] == [1, 1, 1, 1, 0, 0, 0, 1]


BYLINES = [
    # bylines without "By", as Nigerian dailies print them (outside audit, issue 15)
    (("Hammed Shittu in Ilorin",), (), 0),
    (("Chuks Okocha in Abuja and Innocent Onuminya in Zamfara",), (), 0),
    ((), ("Emmanuel Addeh and Peter Uzoho",), 0),
    ((), ("Precious Igbonwelundu, Robert Egbe and Victoria Amadi",), 0),
    (("From Aidoghie Paulinus, Abuja",), (), 0),
    # a headline of capitalised words, a sentence that opens with "From": no byline
    (("Breaking News",), (), 1),
    (("Lagos Traffic Update",), (), 1),
    (("From Monday, the pool will be shut for the rest of the year.",), (), 1),
]


@pytest.mark.parametrize(("head", "tail", "missing"), BYLINES)
def test_bylines_without_by(
    head: tuple[str, ...], tail: tuple[str, ...], missing: int, table: Batch
) -> None:
    text = _article(*tail, head=head)
    assert table.signals(text)["missing_author"] == missing


def test_missing_source_needs_no_source_no_url_no_credit() -> None:
    texts = [_article(), _article(), _article(), _article("Source: AFP"),
             _article("businessinsider")]
    source = [None, "Metro Ledger", None, None, None]
    url = [" ", None, "https://metroledger.example/a", None, None]
    assert _table(*texts, source=source, url=url)["missing_source"] == [1, 0, 0, 0, 1]


def test_agency_in_prose_is_not_a_source() -> None:
    text = "\n\n".join([
        "The central bank left rates unchanged on Thursday, according to Reuters.",
        "The governor told the BBC that inflation was falling faster than expected.",
    ])
    table = _table(text, author=["Laura Benning"])
    assert table["has_credit_line"] == [0]
    assert table["missing_source"] == [1]


def test_wire_dateline_satisfies_source_but_not_author() -> None:
    text = _article(head=("BRUSSELS (Reuters) - EU ministers agreed on Monday to extend a ban.",))
    table = _table(text)
    assert table["has_credit_line"] == [1]
    assert table["missing_source"] == [0]
    assert table["missing_author"] == [1]


# -- edge cases ------------------------------------------------------------------


def test_empty_frame() -> None:
    result = detect(pl.DataFrame(schema={"id": pl.String, "text": pl.String}), codes=CODES)
    assert result.signals.height == 0
    assert result.findings.height == 0


def test_one_line_and_unicode_records() -> None:
    texts = ["reuters", "Ελληνικά κείμενα χωρίς πηγή.", "👍🏽", "Källa: TT"]
    table = _table(*texts, author=["A", "B", "C", "D"])
    assert table["dangling_source"] == [0, 0, 0, 0]
    assert table["has_credit_line"] == [0, 0, 0, 1]
    assert table["missing_source"] == [1, 1, 1, 0]


def test_missing_source_can_run_alone() -> None:
    result = detect(_frame(_article()), codes={"missing_source"})
    assert result.signals["missing_source"].to_list() == [1]


def test_all_null_metadata_columns() -> None:
    frame = pl.DataFrame({"id": ["a"], "text": [_article()], "author": [None], "url": [None]})
    assert detect(frame, codes=CODES).signals["missing_author"].to_list() == [1]


# -- the bundled corpus -------------------------------------------------------------


def test_bundled_corpus_expectations() -> None:
    expected = json.loads((REPO / "corpus" / "expected.json").read_text("utf-8"))
    articles = pl.read_ndjson(REPO / "corpus" / "articles.jsonl", infer_schema_length=None)
    table = detect(articles, codes=CODES).signals
    wrong = {}
    for row in table.iter_rows(named=True):
        got = {c for c in CODES if row[c]}
        want = set(expected[row["id"]]["codes"]) & set(CODES)
        if got != want:
            wrong[row["id"]] = (sorted(got), sorted(want))
    assert wrong == {}


# -- missing_author reads byline_dateline's byline rule (issue 15, audit21) ------


@pytest.mark.parametrize("text", [
    # a byline the scraper glued to the first paragraph with a semicolon
    "By Nation Sport Desk; The club confirmed the signing on Monday.",
    "Von Redaktion Bonn; Die Stadt hat den Haushalt beschlossen.",
    "Por Redacción Lima; El gobierno anunció nuevas medidas.",
    "Breaking updates here.\n\nBy Kampala Desk; The council met on Friday.",
    # the byline words byline_dateline knows ("reported by", "text:")
    "Reported by Ann Obi\n\nThe council met on Friday.",
    "Text: Jana Nováková\n\nRada města zasedala v pátek.",
])
def test_missing_author_accepts_what_the_byline_rule_accepts(text: str) -> None:
    frame = pl.DataFrame({"author": [None], "text": [text]}, schema_overrides={"author": pl.String})
    assert frame.select(attribution.missing_author()).item() is False


@pytest.mark.parametrize("text", [
    "By the end of the year; the council had met twice.",
    "Bypass works continue; the council met on Friday.",
    "Von heute an; gilt die neue Regel.",
])
def test_missing_author_still_fires_without_a_byline(text: str) -> None:
    frame = pl.DataFrame({"author": [None], "text": [text]}, schema_overrides={"author": pl.String})
    assert frame.select(attribution.missing_author()).item() is True


def test_byline_rule_is_one_rule() -> None:
    from dq.signals.chrome_meta import byline_dateline, byline_opening

    assert byline_opening() in attribution.byline_pattern()
    # a byline line the chrome detector flags is a byline for missing_author
    for line in ("By Jane Doe", "Von Max Muster", "Words by Ann Obi", "Reported by Ann Obi"):
        assert flags(byline_dateline(),
                     [line]) == [True]
        frame = pl.DataFrame({"author": [None], "text": [line + "\nBody."]},
                             schema_overrides={"author": pl.String})
        assert frame.select(attribution.missing_author()).item() is False


@pytest.fixture(scope="module")
def table() -> Batch:
    """Every case of DANGLING, NOT_DANGLING and BYLINES, one record each (as ``_frame(text)``
    gives it), in one ``detect()`` call."""
    return Batch([*(_article(token) for token in DANGLING),
                  *(_article(*tail) for tail in NOT_DANGLING),
                  *(_article(*tail, head=head) for head, tail, _ in BYLINES)], codes=CODES)
