"""What a page leaves in extracted text that is no text at all: its program, invisible lines.

Two kinds of line no reader reads, in any language, both reported under
``chrome_line`` on ``context`` evidence (reported, never deleted):

- :func:`page_script`: the page's own scripts and style sheets;
- :func:`invisible_line`: a line made only of invisible format characters.

**Page script.** An extractor that keeps the text of ``<script>`` or ``<style>``
elements (boilerpy3 does, on some pages) leaves the page's JavaScript and
CSS among the article's lines: ``var e = $(this);``, ``case "related":``,
``});``, ``width: 100% !important;``. No reader reads it and it is no part
of any article, in any language: code is written in the same keywords and
punctuation on a German, a Japanese and an English page. On the Fundus
pages of ``../shared/eval/dev`` it is the largest block of chrome dq missed
(about 1,000 lines of one publisher's boilerpy3 output), and neither a
phrase list nor the line model can name it one line at a time: most of its
lines are ``}`` or ``break;``.

What makes a line *page code* (:func:`page_script`), read from the line and
its block, never from the dev pages:

- the line has the shape of a statement or a rule of code
  (:data:`CODE_LINE`): it ends in ``{`` or ``;``, opens with a closing
  bracket or a keyword of JavaScript (``var``, ``case``, ``return``...),
  is only brackets and separators, a CSS selector or declaration, a
  comment (``//``, ``/*``, ``<!--``) or an object's property
  (``noTitle: "Ohne Titel",``);
- it stands in a run of at least :data:`MIN_RUN` such lines: a script is a
  block, a lone line ending in ";" is a list item ("... gesunken;");
- the run calls the *page*: one of its lines names the page's machinery
  (:data:`PAGE_CALL`: ``$(``, ``jQuery``, ``document.``, ``window.``,
  ``function (``, ``=>``, ``dataLayer``, ``googletag``,
  ``addEventListener``, ``!important``). A code listing an article quotes
  (a tutorial) can do that too: so this is reported under ``chrome_line``
  with ``context`` evidence, and ``dq clean`` never deletes it.

**Invisible line.** A line of only zero-width characters (zero-width space
and joiners, the byte-order mark, the word joiner: Unicode's format class
``Cf``) shows nothing: a layout's spacer or a separator between two boxes
that the extractor kept as a line (``\u200c`` between teasers, ``\ufeff``
at the top of a page). It has no letter, so it is no part of the article;
a zero-width joiner *inside* a Persian or Hindi word is inside a line with
letters and is never read here.

Measured 2026-12-07 on the labelled lines of ``../shared/eval/dev`` (hand
rules, nothing fitted): page script 673 labelled lines, all chrome, all of
one publisher's boilerpy3 output (Fundus extracted per-site F1 .661 -> .670,
pooled .541 -> .696; boilerpy3 in-sample .489 -> .765); none in aeb or
trafilatura_eval; two other Fundus sites' few code-shaped lines call nothing
of a page and are left. Invisible lines: 21, all chrome, on 3 sites. Read on 5,880 outside
records (the audit15c, audit21, audit22, audit23 and audit24 corpora): page
script fires on none (their code-shaped lines are lists closed by ";" and
Korean agencies' ") 무단전재-재배포금지>" stamps, with no call on a page);
one invisible line (a lone ``\u200b``).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals.chrome_shape import (
    CHARS,
    WORDS,
    S,
    f,
    feature,
    flag,
    matches,
    run_edges,
    run_length,
    run_sum,
)
from dq.signals.frames import Feature

__all__ = [
    "CODE_LINE", "FEATURES", "INVISIBLE_CHARS", "MIN_RUN", "PAGE_CALL", "invisible_line",
    "page_script",
]

#: A line shaped like a statement or a rule of code (see the module doc).
CODE_LINE: Final = (
    r"^[\s{}()\[\];,]+$"
    r"|[{;]\s*$"
    r"|^\s*(?:var|let|const|function|return|switch|case|default|break|if|else|for|while|try"
    r"|catch)\b"
    r"|^\s*[})\]]"
    r"|^\s*[.#]?[a-z][\w-]*(?:[ .#>:\[][^{]*)?\{\s*$"
    r"|^\s*[a-z-]+\s*:\s*[^;]+;\s*$"
    r"|^\s*(?://|/\*|\*/|<!--|-->)"
    r"|^\s*[\w$\"'-]+\s*:\s*\S.*,\s*$"
)
#: A call on the page's own machinery (DOM, jQuery, tag managers, CSS overrides).
PAGE_CALL: Final = (
    r"\$\(|jQuery|document\.|window\.|function\s*\(|=>|googletag|dataLayer|!important"
    r"|addEventListener"
)
#: Fewest code lines in a run: a script is a block. Three: a lone "};" or a
#: pair ("if (x) {" / "}") is what a quoted snippet or a list item can be.
MIN_RUN: Final = 3
#: Longest code line read (words): statements of page scripts are short; a
#: longer line ending in ";" is prose, a list item or a table.
CODE_WORDS: Final = 20
#: Literals one of which every :data:`CODE_LINE` match holds (the regex runs
#: on lines with one of them only).
_CUES: Final = ["{", "}", ";", ")", "]", "var ", "let ", "const ", "case ", "default",
                "return", "function", "else", "break", "//", "/*", "*/", "<!--", "-->", ","]


def _code_line() -> pl.Expr:
    """The line is shaped like code (feature ``scr_code``)."""
    cue = (WORDS <= CODE_WORDS) & S.str.contains_any(_CUES) & ~f("sent")
    return matches(cue, S, CODE_LINE)


def _page_call() -> pl.Expr:
    """A code line that calls the page's machinery (feature ``scr_call``)."""
    return matches(f("scr_code"), S, PAGE_CALL)


def page_script() -> pl.Expr:
    """A line of a block of the page's own script or style sheet.

    >>> from dq.signals._demo import article_flags
    >>> body = "The council met on Monday and voted for the new plan after a long debate."
    >>> page = "\\n".join([body, "$(document).ready(function() {", "var e = $(this);",
    ...                    "switch (t) {", 'case "video":', "break;", "}", "});", body])
    >>> article_flags(page_script(), page)
    [False, True, True, True, True, True, True, True, False]

    A list whose items end in ";" and a snippet without the page's calls are not:

    >>> items = ["die Einfuhr von Rohöl ist gesunken;", "die Ausfuhr ist gestiegen;",
    ...          "der Absatz blieb gleich;"]
    >>> article_flags(page_script(), "\\n".join([body, *items, body]))
    [False, False, False, False, False]
    >>> snippet = ["int main() {", "  return 0;", "}"]
    >>> article_flags(page_script(), "\\n".join([body, *snippet, body]))
    [False, False, False, False, False]
    """
    first, last = f("scr_first"), f("scr_last")
    block = f("scr_code") & (run_length(first, last) >= MIN_RUN)
    return flag(block & (run_sum(f("scr_call").cast(pl.UInt32), first, last) > 0))


#: Longest invisible line read (characters): spacers are one to a few characters.
INVISIBLE_CHARS: Final = 16


def invisible_line() -> pl.Expr:
    """A line of only invisible format characters (zero-width spaces and joiners, BOM).

    >>> from dq.signals._demo import flags
    >>> flags(invisible_line(), ["\u200c", "\u200c\u200c", "\ufeff", "\u200b \u2060"])
    [True, True, True, True]
    >>> flags(invisible_line(), ["می\u200cخواهم", "Storm\u200b", "·", "-"])
    [False, False, False, False]
    """
    # The lines frame holds lines with a non-space character; a short line is tested only.
    return matches(CHARS <= INVISIBLE_CHARS, S, r"^[\p{Cf}\s]+$")


#: Feature columns (prefixed ``ch_``): the code shape, its runs, the page calls.
FEATURES: tuple[Feature, ...] = (
    feature("scr_code", _code_line),
    feature("scr_first", lambda: run_edges(f("scr_code"))[0]),
    feature("scr_last", lambda: run_edges(f("scr_code"))[1]),
    feature("scr_call", _page_call),
)
