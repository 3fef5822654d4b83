"""Chrome signals: each reason code on lines it must flag and lines it must leave alone.

Unit tests go through :func:`dq.detect.detect` (the public path) with only the
chrome codes selected, so they check line numbers and codes as users see them.
Accuracy on real labelled pages is ``test_eval_gate_chrome.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl
import pytest
from _batch import Batch
from _chrome_helpers import BODY, chrome_batch, found

from dq.detect import detect
from dq.evaluate.chrome import (
    ChromeReport,
    Score,
    chrome_codes,
    evaluate_chrome,
    file_kind,
    format_table,
    load_records,
    page_half,
    predict_lines,
    score_extracted,
    score_partial,
    score_window,
)
from dq.signals import chrome
from dq.signals._phrases import phrase_list
from dq.signals.registry import REGISTRY

#: The family's codes, read from the registry (a new code needs no edit here).
CODES = tuple(s.code for s in REGISTRY if s.family == "chrome")

def with_line(line: str, *, where: str = "end") -> tuple[str, int]:
    """An ordinary article with ``line`` added at the top or end, and that line's number."""
    if where == "top":
        return "\n".join([line, *BODY]), 1
    return "\n".join([*BODY, line]), len(BODY) + 1


# --- the registry --------------------------------------------------------------------------


def test_family_codes_are_the_documented_ones() -> None:
    assert tuple(s.code for s in chrome.SIGNALS) == CODES
    assert all(s.family == "chrome" and s.level == "line" for s in chrome.SIGNALS)
    assert set(CODES) <= {s.code for s in REGISTRY}
    assert set(chrome_codes()) == set(CODES)


@pytest.mark.parametrize("name", sorted(chrome.__all__))
def test_public_names_resolve(name: str) -> None:
    assert getattr(chrome, name) is not None


@pytest.mark.parametrize(
    "name",
    ["ad_label", "back_to_top", "byline", "comment_header", "comment_prompt", "cookie_notice",
     "cookie_ui", "copyright_footer", "date_words", "dateline_label", "licence_nag",
     "media_credit", "navigation", "newsletter_prompt", "photo_agencies", "read_more",
     "reading_time", "related_header", "share_prompt", "social_networks"],
)
def test_phrase_files_compile_in_python_and_polars(name: str) -> None:
    phrases = phrase_list(name)
    assert phrases, name
    for phrase in phrases:
        re.compile(phrase)
        lowered = phrase == phrase.lower() or "\\" in phrase
        assert lowered, f"{name}: {phrase!r} is matched against lower-cased lines"
    pl.Series(["x"]).str.contains("(?:" + "|".join(phrases) + ")")


# --- one line at a time: positives ----------------------------------------------------------

POSITIVE_END = [
    ("back_to_top", "Back to top"),
    ("back_to_top", "↑ Top"),
    ("back_to_top", "Nach oben"),
    ("share_prompt", "Share this"),
    ("share_prompt", "Share on WhatsApp"),
    ("share_prompt", "Tweet"),
    ("share_prompt", "Print"),
    ("share_prompt", "Facebook Twitter Pinterest Email"),
    ("share_prompt", "Partager sur Facebook"),
    ("share_prompt", "Compartilhar"),
    ("newsletter_prompt", "Subscribe to our newsletter"),
    ("newsletter_prompt", "Sign up for our daily briefing"),
    ("newsletter_prompt", "Newsletter abonnieren"),
    ("newsletter_prompt", "Inscrivez-vous à notre newsletter"),
    ("newsletter_prompt", "Suscríbete"),
    ("ad_label", "Advertisement"),
    ("ad_label", "Sponsored"),
    ("ad_label", "Anzeige"),
    ("ad_label", "Publicité"),
    ("ad_label", "Publicidad"),
    ("ad_label", "- Publicidade -"),
    ("read_more", "Read more: Markets rally as rates fall"),
    ("read_more", "Continue reading the main story"),
    ("read_more", "Lesen Sie auch: Die Brücke bleibt zu"),
    ("read_more", "Leia também: Ponte fecha para carros"),
    ("comment_prompt", "Leave a comment"),
    ("comment_prompt", "Your email address will not be published. Required fields are marked *"),
    ("comment_prompt", "Schreibe einen Kommentar"),
    ("copyright_footer", "© 2024 Example Media. All rights reserved."),
    ("copyright_footer", "Copyright 2008 Courtesy of the Tribune"),
    ("copyright_footer", "Todos los derechos reservados."),
    ("media_credit", "Photo credit: Jane Doe"),
    ("media_credit", "Photograph: AFP via Getty"),
    ("media_credit", "Natalie Naccache | Bloomberg | Getty Images"),
    ("media_credit", "Foto: dpa"),
    ("social_counts", "Twitter (17,951 followers) • Facebook (3,507 likes)"),
    ("social_counts", "197 Shares"),
    ("url_line", "https://example.com/news/bridge-closed"),
    ("url_line", "www.example.co.uk"),
    ("navigation", "Home › News › Europe"),
    ("navigation", "Tags: bridges, roads, council"),
    ("navigation", "Next article"),
    ("cookie_notice", "We use cookies to improve your experience. Accept all"),
    ("cookie_notice", "Diese Website verwendet Cookies."),
    ("cookie_notice", "Ce site utilise des cookies pour améliorer votre expérience."),
    ("cookie_notice", "Este sitio web utiliza cookies."),
    ("licence_nag", "Please activate your license to unlock all theme features."),
    # Added with the recall pass of issue 3 (shapes from the tuning half of ../shared/eval/dev).
    ("ad_label", "Space is supported by its audience. When you purchase through links on our "
                 "site, we may earn an affiliate commission."),
    ("ad_label", "Für Links auf dieser Seite erhält CHIP ggf. eine Provision vom Händler."),
    ("newsletter_prompt", "No spam, we promise. You can unsubscribe at any time."),
    ("newsletter_prompt", "Want more Rolling Stone? Sign up for our newsletter."),
    ("newsletter_prompt", "PC Gamer Newsletter"),
    ("newsletter_prompt", "Unterstützen Sie uns"),
    ("share_prompt", "Email Tariq at tmalik@space.com or follow him @tariqjmalik."),
    ("share_prompt", "Folgen Sie uns auf Facebook"),
    ("comment_prompt", "Deine E-Mail-Adresse wird nicht veröffentlicht."),
    ("comment_prompt", "Was this article helpful?"),
    ("comment_prompt", "By submitting this form you agree to our use of your data."),
    ("copyright_footer", "This copy is for your personal, non-commercial use only."),
    ("byline_dateline", "Keith Bradsher contributed reporting from Hong Kong."),
    ("byline_dateline", "Write to Al Root at allen.root@dowjones.com"),
    ("url_line", "paul.takahashi@chron.com"),
    ("social_counts", "38.3K"),
    ("navigation", "Newer Post Older Post Home"),
    ("navigation", "Filed to:innovation"),
]


@pytest.mark.parametrize(("code", "line"), POSITIVE_END)
def test_line_at_the_end_is_flagged_with_its_code(code: str, line: str, table: Batch) -> None:
    text, n = with_line(line)
    assert table.found(text) == {n: {code}}


POSITIVE_TOP = [
    ("byline_dateline", "By Jane Doe"),
    ("byline_dateline", "Published Monday, November 18, 2019 8:22AM EST"),
    ("byline_dateline", "Updated 3 hours ago"),
    ("byline_dateline", "19 NOV 2019"),
    ("byline_dateline", "• 2 min read"),
    ("byline_dateline", "Von Max Mustermann"),
    ("byline_dateline", "Publié le 12 mars 2024 à 10h30"),
    ("byline_dateline", "Tempo de leitura: 2 minutos"),
    ("media_credit", "Image: Reuters"),
    ("media_credit", "Credit: EPA"),
    ("licence_nag", "Jannah Theme License is not validated, Go to the theme options page to "
                    "validate the license, You need a single license for each domain name."),
    ("byline_dateline", "Monday November 18, 2019 7:45 am PST by Joe Rossignol"),
    ("byline_dateline", "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde"),
    ("media_credit", "An MSC cargo ship leaves PortMiami, on Aug. 31, 2019. (AP)"),
    ("media_credit", "Jonathan P. Blair Submitted photo"),
]


@pytest.mark.parametrize(("code", "line"), POSITIVE_TOP)
def test_line_at_the_top_is_flagged_with_its_code(code: str, line: str, table: Batch) -> None:
    text, n = with_line(line, where="top")
    assert table.found(text) == {n: {code}}


# --- one line at a time: negatives ----------------------------------------------------------

NEGATIVE = [
    "Share prices fell sharply on Monday after the results were published.",
    "Print media has lost half its readers in a decade, the report said.",
    "The team climbed back to top of the league with a late goal.",
    "Advertisement spending rose five percent last year, the agency said.",
    "By 2030 the city wants every bus to run on electricity.",
    "Updated guidance was published by the agency in May.",
    "Read more about the study in the journal Nature, the authors said.",
    "The photo was taken in 1969 by an unknown soldier.",
    "WASHINGTON (AP) — The Senate voted on Tuesday to extend the program.",
    "Copyright law protects the expression of ideas, not the ideas themselves, the judge wrote.",
    "The post got 12 likes in an hour before it was deleted.",
    "Visit example.com for the full list of closures.",
    "reuters.com",
    "Source: AFP",
    "Affiliate marketing pays bloggers a commission on each sale, the survey found.",
    "Readers subscribe to the newsletters they like, and many sign up for several at once.",
    "Fans can follow him on his tour across Europe this summer, the label said.",
    "She contributed to the fund in 2019, and reporting on it began a year later.",
    "The officers wrote to the council at the end of the month, the minutes show.",
]


@pytest.mark.parametrize("line", NEGATIVE)
def test_prose_that_mentions_chrome_words_is_left_alone(line: str, table: Batch) -> None:
    assert table.found(with_line(line)[0]) == {}


ABOUT_ARTICLES = {
    "cookies": (
        "Regulators in Europe have fined three news sites for cookie banners that hid the reject "
        "button.\nThe sites said they use cookies to measure traffic and that readers could accept "
        "or refuse them.\nPrivacy campaigners said that cookie consent had become a ritual that "
        "nobody reads.\nThe fines total two million euros."
    ),
    "licences": (
        "Small publishers are paying more for WordPress themes after makers moved to annual "
        "licences.\nUnder the new terms, a theme keeps working when a licence expires, but some "
        "themes show a warning saying the license is not validated until a key is entered for "
        "each domain name.\nDevelopers say the change pays for security fixes.\nThe WordPress "
        "project itself remains free."
    ),
    "newsletters": (
        "Newsletters have become a business of their own for many writers.\nReaders subscribe to "
        "the newsletters they like, and many sign up for several at once.\nOne writer said her "
        "newsletter now earns more than her old salary.\nShe plans to hire an editor next year."
    ),
}


@pytest.mark.parametrize("topic", sorted(ABOUT_ARTICLES))
def test_articles_about_chrome_topics_raise_nothing(topic: str, table: Batch) -> None:
    assert table.found(ABOUT_ARTICLES[topic]) == {}


# --- position, runs and blocks --------------------------------------------------------------


def test_seed_article_flags_exactly_its_three_chrome_lines(seed_text: str) -> None:
    lines = seed_text.split("\n")
    assert found(seed_text) == {
        1: {"licence_nag"},
        2: {"category_label"},
        len(lines): {"back_to_top"},
    }


def test_category_label_needs_a_headline_below_it() -> None:
    text = "Politics\nMinister resigns over housing scandal\n" + "\n".join(BODY)
    lone = "Brexit\n" + "\n".join(BODY)
    got = chrome_batch(text, lone)
    assert got.found(text) == {1: {"category_label"}}
    assert got.found(lone) == {}


def test_navigation_run_at_the_top_but_not_a_list_in_the_body() -> None:
    nav = "Home\nNews\nSport\nWeather\nCulture\n" + "\n".join(BODY)
    listing = (
        f"{BODY[0]}\nYou will need the following:\nFlour\nSugar\nEggs\n{BODY[1]}\n{BODY[2]}"
    )
    got = chrome_batch(nav, listing)
    assert got.found(nav) == {i: {"navigation"} for i in range(1, 6)}
    assert got.found(listing) == {}


def test_a_table_is_not_a_menu() -> None:
    table = f"{BODY[0]}\nTeam\nPoints\nWins\nLosses\n12\n7\n3\n{BODY[1]}"
    assert found(table) == {}


def test_related_heading_takes_the_headlines_below_it() -> None:
    text = "\n".join([*BODY, "Related articles", "Storm hits the coast overnight",
                      "Voters head to the polls in May"])
    assert found(text) == {4: {"read_more"}, 5: {"read_more"}, 6: {"read_more"}}


def test_comment_section_is_the_heading_and_everything_below_but_full_sentences() -> None:
    # A full sentence is never chrome by its place alone (issue 15): the
    # comment's sentence is left, its furniture is reported.
    text = "\n".join([*BODY, "2 comments", "jane_d · 2 hours ago",
                      "Great news, the bridge was a danger for years.", "[Reply]",
                      "Report this comment"])
    assert found(text) == {i: {"comment_block"} for i in (4, 5, 7, 8)}


def test_a_comment_counter_near_the_byline_does_not_swallow_the_article() -> None:
    text = "\n".join(["Bridge to close for repairs", "0 Comments", *BODY])
    assert found(text) == {2: {"comment_block"}}


def test_a_single_comment_after_the_article_is_found() -> None:
    text = "\n".join([*BODY, "pkowalski · 3 hours ago", "I will miss that old bridge."])
    assert found(text) == {4: {"comment_block"}, 5: {"comment_block"}}


def test_caption_above_a_standalone_credit_is_a_caption() -> None:
    text = "\n".join([BODY[0], "Workers inspect the cracked pillar on Monday.",
                      "Michael Conroy, AP", BODY[1], BODY[2]])
    assert found(text) == {2: {"media_credit"}, 3: {"media_credit"}}


def test_each_chrome_line_gets_one_code() -> None:
    text = "\n".join([*BODY, "Share on Facebook", "Share on X", "Email this article",
                      "© 2024 Valley Tribune Ltd. All rights reserved."])
    assert found(text) == {4: {"share_prompt"}, 5: {"share_prompt"}, 6: {"share_prompt"},
                           7: {"copyright_footer"}}


def test_a_named_comment_heading_opens_the_section_even_when_comments_outnumber_the_body(
) -> None:
    comments = [f"Comment number {i} says the bridge should have been fixed years ago, really."
                for i in range(12)]
    text = "\n".join([*BODY, "Top Rated Comments", "Nice bridge", *comments])
    assert found(text) == {4: {"comment_block"}, 5: {"comment_block"}}


def test_a_comment_counter_does_not_open_a_section_above_most_of_the_body() -> None:
    text = "\n".join([*BODY, "12 comments", *BODY, *BODY, *BODY, *BODY])
    assert found(text) == {4: {"comment_block"}}


def test_author_bio_heading_takes_the_bio_line() -> None:
    bio = "Als Inbound Sales Manager bildet Moritz Bachmann die Schnittstelle zum Vertrieb."
    text = "\n".join([*BODY, "Über Moritz Bachmann", "Sales Manager", bio, *BODY, *BODY])
    topic = "\n".join([*BODY, "About Python", "Python is a language with dynamic semantics.",
                       *BODY, *BODY])
    got = chrome_batch(text, topic)
    # The bio's full sentence is left: a heading above cannot condemn prose.
    assert got.found(text) == {4: {"byline_dateline"}, 5: {"byline_dateline"}}
    # A topic heading ("About Python") is no author.
    assert got.found(topic) == {}


def test_a_title_after_chrome_lines_is_not_a_related_list() -> None:
    # Cases found by tests/test_strategies.py: a date or a cookie control above
    # the title made a two-line "headline list" ending the text.
    nag = ("Jannah Theme License is not validated, Go to the theme options page to validate "
           "the license, You need a single license for each domain name.")
    body = "The the the the the the the the."
    dated = f"{nag}\n\n19 NOV 2019\n\nRussia to The The The\n\n{body}"
    cookies = f"{nag}\n\nPrivacy & Cookies Policy\n\nRussia to The The The\n\n{body}"
    shares = f"Share this\n\nShare this\n\nRussia to The The The\n\n{body}"
    got = chrome_batch(dated, cookies, shares)
    assert got.found(dated) == {1: {"licence_nag"}, 3: {"byline_dateline"}}
    assert got.found(cookies) == {1: {"licence_nag"}, 3: {"cookie_notice"}}
    assert got.found(shares) == {1: {"share_prompt"}, 3: {"share_prompt"}}


def test_tags_one_per_line_under_a_heading() -> None:
    text = "\n".join([*BODY, "Tags", "bridges", "council", BODY[0]])
    assert found(text) == {4: {"read_more"}, 5: {"navigation"}, 6: {"navigation"}}


def test_a_newsletter_heading_takes_its_pitch() -> None:
    text = "\n".join([*BODY, "Sign up for e-mail newsletters",
                      "Get breaking news and the latest updates on launches and more!"])
    assert found(text) == {4: {"newsletter_prompt"}, 5: {"newsletter_prompt"}}


def test_blank_and_empty_texts_raise_nothing() -> None:
    df = pl.DataFrame({"id": ["a", "b"], "text": ["", "\n\n  \n"]})
    assert detect(df, codes=chrome_codes()).findings.height == 0


# --- the scorer ------------------------------------------------------------------------------


def _rec(text: str, labels: Sequence[str | None], **extra: object) -> dict[str, object]:
    return {"id": str(extra.pop("id", "p")), "text": text, "labels": list(labels), **extra}


def test_score_arithmetic() -> None:
    s = Score(tp=3, fp=1, fn=1, tn=5) + Score(tp=1, fp=0, fn=1, tn=0)
    assert (s.tp, s.fp, s.fn, s.tn, s.n) == (4, 1, 2, 5, 12)
    assert s.precision == pytest.approx(0.8) and s.recall == pytest.approx(4 / 6)


def test_file_kind_and_groups() -> None:
    body = "\n".join(BODY)
    extracted = [
        _rec(body + "\nAdvertisement", ["content"] * 3 + ["chrome"], id="a#x", extractor="x",
             source_dataset="s"),
        _rec(body + "\nAdvertisement", ["content"] * 3 + ["content"], id="a#y", extractor="y",
             source_dataset="s"),
    ]
    assert file_kind(extracted) == "extracted"
    rep = score_extracted(extracted)
    assert rep.groups["s/x"].tp == 1 and rep.groups["s/y"].fp == 1
    assert rep.macro["precision"] == pytest.approx(0.5)
    assert rep.as_dict()["micro"]["tp"] == 1


def test_window_scores_only_the_article_window() -> None:
    text = "\n".join(["Home"] * 8 + list(BODY) + ["Advertisement"])
    labels = ["chrome"] * 8 + ["content"] * 3 + ["chrome"]
    rec = _rec(text, labels, content_span=[8, 10])
    rep = score_window([rec])
    assert rep.kind == "window" and rep.micro.n == 12 - 3  # lines 3..11
    assert evaluate_chrome([rec]).kind == "window"


def test_partial_ignores_unlabelled_lines() -> None:
    rec = _rec("\n".join([*BODY, "Advertisement"]), [None, "content", None, "chrome"])
    rep = score_partial([rec])
    assert (rep.micro.tp, rep.micro.fp, rep.micro.fn, rep.micro.tn) == (1, 0, 0, 1)


def test_predict_lines_reports_codes_per_line() -> None:
    preds = predict_lines([_rec("\n".join([*BODY, "Advertisement"]), [None] * 4)])
    assert preds == [{3: ["ad_label"]}]


def test_bad_labels_are_refused() -> None:
    with pytest.raises(ValueError, match="one entry per line"):
        load_records([_rec("a\nb", ["chrome"])])


def test_page_half_keeps_extractors_of_a_page_together() -> None:
    halves = {page_half({"id": f"aeb:{i}#trafilatura"}) for i in range(40)}
    assert halves == {0, 1}
    assert page_half({"id": "aeb:7#justext"}) == page_half({"page_id": "aeb:7"})


def test_format_table_lists_every_group_then_macro_and_micro() -> None:
    rep = ChromeReport("partial", {"b": Score(1, 0, 0), "a": Score(0, 1, 1)}, 2)
    rows = format_table(rep).splitlines()
    assert [r.split()[1] for r in rows[1:]] == ["a", "b", "macro", "micro"]


# --- issue 15: evidence on every finding, precision that carries over -------------------


def test_every_signal_declares_a_known_evidence() -> None:
    for sig in REGISTRY:
        assert sig.evidence in ("phrase", "shape", "context", "corpus"), sig.code
    assert {s.code: s.evidence for s in REGISTRY}["duplicate_record"] == "corpus"


def test_one_code_reports_the_evidence_of_each_line() -> None:
    text = "\n".join([*BODY, "2 comments", "jane_d · 2 hours ago", "So sad", "[Reply]"])
    menu = "\n".join(["Home", "World", "Business", "Culture", *BODY])
    got = chrome_batch(text, menu)
    assert got.evidence(text) == {
        (4, "comment_block"): "phrase",  # the heading
        (5, "comment_block"): "phrase",  # the user stamp
        (6, "comment_block"): "context",  # a comment, known only by its place
        (7, "comment_block"): "phrase",
    }
    assert got.evidence(menu) == {(1, "navigation"): "phrase", (2, "navigation"): "shape",
                              (3, "navigation"): "shape", (4, "navigation"): "shape"}


def test_no_full_sentence_rests_on_shape_or_context() -> None:
    texts = [
        "\n".join([*BODY, "SEE ALL COMMENTS", *BODY]),
        "\n".join(["Sign up for our daily briefing", *BODY]),
        "\n".join([BODY[0], "Workers inspect the cracked pillar of the bridge on Monday.",
                   "File Photo", BODY[1], BODY[2]]),
    ]
    got = chrome_batch(*texts)
    for text in texts:
        lines = text.split("\n")
        for (line, code), kind in got.evidence(text).items():
            s = lines[line - 1]
            if len(s.split()) >= 8 and s.rstrip()[-1] in ".!?":
                assert kind == "phrase", (code, s)


def test_a_line_ending_in_said_introduces_a_quote() -> None:
    text = "\n".join([*BODY, "Speaking to reporters, the minister said:",
                      "\"We will rebuild the bridge before the winter, whatever it costs.\"",
                      BODY[0]])
    thread = "\n".join([*BODY, "Jane Miller says:", "10 February 2019 at 18:05",
                        "Thanks for the report."])
    got = chrome_batch(text, thread)
    assert got.found(text) == {}
    assert 4 in got.found(thread) and got.found(thread)[4] == {"comment_block"}


def test_a_legal_clause_c_is_no_copyright_line() -> None:
    clauses = ["(a) the notice must be in writing;", "(b) the visit must be at a fair time;",
               "(c) the tenant may ask for another day."]
    legal = "\n".join([*BODY, *clauses, BODY[0]])
    owned = "\n".join([*BODY, "(c) 2024 Harbour Post Media"])
    got = chrome_batch(legal, owned)
    assert got.found(legal) == {}
    assert got.found(owned) == {4: {"copyright_footer"}}


ITEM_C = [
    ((), "(C) Irrelevant or badly sourced comments"),  # a phrase, not an owner's name
    ((), "(c) Vorschläge der Leser werden geprüft"),  # a German list item
    # a quiz answer: item (c) after (a) and (b), or after a line ending in ":"
    (("Which city hosts the parliament?", "(A) Jinja", "(B) Entebbe"), "(C) Kampala"),
    (("The three finalists:",), "(c) Lagos"),
]


def item_c_text(above: tuple[str, ...], item: str) -> str:
    return "\n".join([*BODY, *above, item, BODY[0]])


@pytest.mark.parametrize(("above", "item"), ITEM_C)
def test_item_c_of_a_list_is_no_copyright_line(
    above: tuple[str, ...], item: str, table: Batch
) -> None:
    text = item_c_text(above, item)
    assert "copyright_footer" not in {c for codes in table.found(text).values() for c in codes}


OWNERS = ["(c) Harbour Post Media", "(C) Getty Images", "(c) Reuters"]


@pytest.mark.parametrize("owner", OWNERS)
def test_c_and_an_owner_at_the_end_is_a_copyright_line(owner: str, table: Batch) -> None:
    assert table.found("\n".join([*BODY, owner])) == {4: {"copyright_footer"}}


def test_a_content_list_inside_the_body_is_not_navigation() -> None:
    results = ["Harbour Ward", "Labour 1,412", "Conservative 1,109", "Green 388",
               "Advertisement", "Liberal Democrat 240", "=========="]
    text = "\n".join([BODY[0], BODY[1], *results, BODY[2], BODY[0]])
    # A long run inside the body is a menu only when a line of it is a menu phrase.
    sections = ["World", "Business", "Culture", "Sport", "Travel", "Money", "Science",
                "Health", "Style", "Food", "Books"]
    inside = "\n".join([BODY[0], BODY[1], "Listen", *sections, BODY[2], BODY[0]])
    shared = "\n".join([BODY[0], BODY[1], "Share this", *sections, BODY[2], BODY[0]])
    batch = chrome_batch(text, inside, shared)
    assert {c for codes in batch.found(text).values() for c in codes} <= {"ad_label"}
    assert batch.found(inside) == {}
    got = batch.found(shared)
    assert got[3] == {"share_prompt"} and got[4] == {"navigation"}


PHRASES = [
    ("Read More @ https://example.com/2024/storm-hits-coast", "read_more"),
    ("Spread the word! LIKE and SHARE this story with your friends", "share_prompt"),
    ("JavaScript is currently disabled in this browser. Reactivate it to view this content.",
     "navigation"),
    ("To view this video please enable JavaScript, and consider upgrading to a web browser",
     "navigation"),
    ("Les også: Palestinske familier venter på svar", "read_more"),
    ("Lest auch", "read_more"),
    ("Publisert", "byline_dateline"),
    ("2013年04月09日", "byline_dateline"),
    ("Die Stadt will die Brücke bis 2026 ersetzen lassen, sagte der Sprecher. © IMAGO",
     "media_credit"),
]


@pytest.mark.parametrize(("line", "code"), PHRASES)
def test_unambiguous_phrases_in_many_languages(line: str, code: str, table: Batch) -> None:
    text, n = with_line(line)
    assert table.found(text).get(n) == {code}


def test_prose_ending_in_via_a_country_is_no_credit() -> None:
    text, n = with_line("Han forteller at partene ikke har snakket direkte, men via Qatar.")
    assert n not in found(text)


def test_a_long_japanese_line_is_no_menu_entry() -> None:
    quotes = ["「ようやく逮捕に至った。長かった」", "◆学内に不安の声「学生にもしっかり説明して」",
              "南海トラフ、一時調査 巨大地震、基準達せず"]
    assert found("\n".join([*quotes, *BODY])) == {}


@pytest.fixture(scope="module")
def table() -> Batch:
    """Every parametrised case of this module, one record each, in one ``detect()`` call."""
    ends = [line for _, line in POSITIVE_END] + NEGATIVE + [line for line, _ in PHRASES]
    return Batch(
        [with_line(line)[0] for line in ends]
        + [with_line(line, where="top")[0] for _, line in POSITIVE_TOP]
        + list(ABOUT_ARTICLES.values())
        + [item_c_text(above, item) for above, item in ITEM_C]
        + ["\n".join([*BODY, owner]) for owner in OWNERS],
        codes=chrome_codes(),
    )
