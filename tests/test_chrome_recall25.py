"""A page's own script or style sheet, and lines of invisible characters, left in extracted
text (issue 15, recall25).

``chrome_line`` reports a block of the page's program text
(:func:`dq.signals.chrome_residue25.page_script`): three or more code-shaped lines in a
row, one of which calls the page's machinery. Each positive is a block of the kind an
extractor keeps from a ``<script>`` or ``<style>`` element, written for this test (not
copied from the dev pages), set between lines of an article in one of several
languages: code reads the same on every page. Each negative has part of the shape and
must stay unreported: lists whose items end in ";", a quoted snippet without the page's
calls, a two-line snippet, prose about scripts.

A line of only zero-width characters (a layout's spacer) is reported the same way
(:func:`dq.signals.chrome_residue25.invisible_line`); a zero-width joiner inside a word is
not.

All cases go through ONE ``detect()`` call (a module-scoped fixture): CI time is at its
limit.
"""

from __future__ import annotations

import polars as pl
import pytest
from _chrome_helpers import BODY

from dq.clean._deletion import may_delete
from dq.detect import detect
from dq.evaluate.chrome import chrome_codes

DE = ("Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke für Autos zu sperren.",
      "Die Anwohner rechnen nun mit längeren Wegen zur Schule und zur Arbeit, hieß es.")
JA = ("市議会は火曜日、ひび割れが見つかった古い橋を車両通行止めにすることを決めた。",
      "住民からは通学や通勤に時間がかかるようになるとの声が上がっている。")

#: name -> (lines before, code lines, lines after): every code line must be reported.
SCRIPTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "jquery_widget": (BODY[:2], (
        "$(document).ready(function() {",
        "var e = $(this);",
        "switch (t) {",
        'case "related":',
        "break;",
        "default:",
        "}",
        "});",
    ), BODY[2:]),
    "dom_listener_de": (DE[:1], (
        'document.getElementById("mehr").addEventListener("click", function(e) {',
        "e.preventDefault();",
        "loadMore();",
        "});",
    ), DE[1:]),
    "style_sheet_ja": (JA[:1], (
        ".follow-form .preview {",
        "width: 100% !important;",
        "color: #000000 !important;",
        "}",
    ), JA[1:]),
    "object_and_comments": (DE[:1], (
        "var messages = {",
        'noTitle: "Ohne Titel",',
        'viewAll: "Alle anzeigen",',
        "};",
        "// den Ticker zeigen",
        '$("#ticker").html(messages.noTitle);',
    ), DE[1:]),
    "tag_manager": (BODY, (
        "window.dataLayer = window.dataLayer || [];",
        "function gtag(){dataLayer.push(arguments);}",
        "gtag('js', new Date());",
    ), ()),
}

#: name -> (lines before, invisible lines, lines after): every invisible line is reported.
INVISIBLE: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "zwnj_spacers": (BODY[:1], ("\u200c", "\u200c\u200c"), BODY[1:]),
    "bom_top": ((), ("\ufeff",), BODY),
    "zero_width_space": (DE[:1], ("\u200b \u2060",), DE[1:]),
}

#: name -> lines of the article (the body around them): nothing may be reported.
CONTENT: dict[str, tuple[str, ...]] = {
    # a list of points, each closed by ";" (the German of an energy statistic)
    "semicolon_list_de": (DE[0], "die Einfuhr von Rohöl ist um drei Prozent gesunken;",
                          "die Ausfuhr von Heizöl ist gestiegen;", "der Absatz blieb gleich;",
                          DE[1]),
    # a dated programme, each item closed by ";"
    "semicolon_programme": (BODY[0], "16h30 — Chegada das autoridades;",
                            "17h30 — Saída do cortejo;", "19h05 - Início da cerimónia;",
                            BODY[1]),
    # an event's facts, each "label: value," (the shape of an object literal's properties)
    "label_value_list": (DE[0], "Ort: Stadthalle,", "Beginn: 19 Uhr,", "Eintritt: frei,",
                         DE[1]),
    # a code listing the article quotes, calling nothing of a page
    "quoted_snippet": (BODY[0], "int main() {", "  return 0;", "}", BODY[1]),
    # two lines of page script are too few to be a block
    "two_lines": (BODY[0], "$('#menu').hide();", "});", BODY[1]),
    # prose about scripts
    "prose": (BODY[0], "The site's jQuery code (the $(document) calls) broke on Monday.",
              "Engineers said window.location was the culprit; it has been fixed.", BODY[1]),
    # zero-width joiners inside Persian words, a zero-width space inside an English line
    "joiner_in_words": ("این یک خبر است و او می\u200cخواهد به خانه برود.",
                        "Storm\u200b warnings stayed in place for the coast on Tuesday night.",
                        BODY[0]),
}


@pytest.fixture(scope="module")
def findings() -> pl.DataFrame:
    """The chrome findings on every case, from one ``detect()`` call."""
    ids, texts = [], []
    for name, (before, code, after) in {**SCRIPTS, **INVISIBLE}.items():
        ids.append(name)
        texts.append("\n".join([*before, *code, *after]))
    for name, lines in CONTENT.items():
        ids.append(name)
        texts.append("\n".join(lines))
    frame = pl.DataFrame({"id": ids, "text": texts})
    return detect(frame, codes=chrome_codes()).findings.select(
        "record_id", "line", "code", "evidence")


def _lines(findings: pl.DataFrame, rid: str, code: str | None = None) -> set[int]:
    rows = findings.filter(pl.col("record_id") == rid)
    if code is not None:
        rows = rows.filter(pl.col("code") == code)
    return set(rows["line"].to_list())


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_page_script_block_is_reported_on_context_evidence(findings: pl.DataFrame,
                                                           name: str) -> None:
    before, code, _ = SCRIPTS[name]
    want = set(range(len(before) + 1, len(before) + len(code) + 1))
    got = _lines(findings, name, "chrome_line")
    assert want <= got, (name, sorted(want - got))
    script = findings.filter((pl.col("record_id") == name) & pl.col("line").is_in(sorted(want))
                             & (pl.col("code") == "chrome_line"))
    # context evidence: reported, never deleted (a tutorial's listing has the same lines)
    for line, ev in script.select("line", "evidence").iter_rows():
        assert ev == "context", (name, line)
        assert not may_delete("chrome_line", ev, code[line - len(before) - 1])
    # the article's own lines around the block stay unreported
    assert not _lines(findings, name) & set(range(1, len(before) + 1)), name


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_code_shaped_content_is_not_reported(findings: pl.DataFrame, name: str) -> None:
    assert not _lines(findings, name), (name, findings.filter(pl.col("record_id") == name))


@pytest.mark.parametrize("name", sorted(INVISIBLE))
def test_invisible_line_is_reported_on_context_evidence(findings: pl.DataFrame,
                                                        name: str) -> None:
    before, blank, _ = INVISIBLE[name]
    want = set(range(len(before) + 1, len(before) + len(blank) + 1))
    assert want <= _lines(findings, name, "chrome_line"), name
    rows = findings.filter((pl.col("record_id") == name) & pl.col("line").is_in(sorted(want)))
    assert set(rows["evidence"].to_list()) == {"context"}, name
    assert not _lines(findings, name) - want, name
