"""One small ``str -> str`` cleaner per fixable reason code.

Why per code: a user who only trusts dq's "Back to top" rule should be able
to apply just that, and the property battery tests each cleaner on its own.
Every cleaner is :func:`dq.clean.clean` restricted to its codes, so it runs
the same detectors, makes the same edits and reaches the same fixed point as
the full pipeline. Each accepts ``ctx=`` to share the detectors' caches
(the glued-word lexicon) across calls.

The chrome cleaners are not written out one by one: :func:`cleaner_for` makes
one for any fixable code from the registry, and :func:`cleaners` lists them
all. The functions below are the ones whose behaviour is specific to a code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dq.clean._engine import clean, clean_record
from dq.clean._stages import (
    DANGLING_SOURCE,
    HTML_RESIDUE,
    MOJIBAKE,
    codes_of_stage,
    fixable_codes,
    resolve_codes,
)
from dq.signals.context import DetectContext
from dq.signals.registry import get


def cleaner_for(code: str) -> Callable[..., str]:
    """The cleaner for one fixable reason code, named ``clean_<code>``.

    >>> drop = cleaner_for("back_to_top")
    >>> drop.__name__
    'clean_back_to_top'
    >>> drop("The council voted to close the pool for good.\\n\\nBack to top")
    'The council voted to close the pool for good.'
    >>> cleaner_for("missing_author")
    Traceback (most recent call last):
    ...
    ValueError: dq does not fix missing_author; fixable codes: ...
    """
    (checked,) = resolve_codes([code])
    signal = get(checked)

    def cleaner(text: str, *, ctx: DetectContext | None = None) -> str:
        return clean(text, codes=(checked,), ctx=ctx)

    cleaner.__name__ = cleaner.__qualname__ = f"clean_{checked}"
    cleaner.__doc__ = f"Fix what ``{checked}`` flags: {signal.description}."
    return cleaner


def cleaners() -> dict[str, Callable[..., str]]:
    """Every fixable code and its cleaner, in the order :func:`dq.clean.clean` applies them.

    >>> list(cleaners())[0]
    'licence_nag'
    """
    return {code: cleaner_for(code) for code in fixable_codes()}


def drop_chrome_lines(text: str, *, ctx: DetectContext | None = None) -> str:
    """Drop every line a chrome signal flags, with the blank lines that only separated it.

    Why: site furniture ("Share this", licence nags, "Back to top") is not
    the author's words. Between two kept paragraphs one blank line stays.

    >>> drop_chrome_lines("Share this article\\n\\nThe council met on Monday.\\n\\nBack to top")
    'The council met on Monday.'
    """
    codes = tuple(c for c in codes_of_stage("lines") if get(c).family == "chrome")
    return clean(text, codes=codes, ctx=ctx)


def drop_dangling_source(text: str, *, ctx: DetectContext | None = None) -> str:
    """Drop a bare source token line ("businessinsider") left near the end of the text.

    Why: it is metadata that lost its field; as text it is noise. To keep it,
    use :func:`move_dangling_source`, which puts it into ``source``.

    >>> drop_dangling_source("Markets fell sharply on Monday after the news.\\n\\nreuters.com")
    'Markets fell sharply on Monday after the news.'
    """
    return clean(text, codes=(DANGLING_SOURCE,), ctx=ctx)


def move_dangling_source(
    record: Mapping[str, Any], *, ctx: DetectContext | None = None
) -> dict[str, Any]:
    """Record-level :func:`drop_dangling_source`: the dropped token fills an empty ``source``.

    >>> rec = {"text": "Markets fell sharply on Monday after the announcement.\\nreuters.com",
    ...        "source": None}
    >>> out = move_dangling_source(rec)
    >>> out["text"], out["source"]
    ('Markets fell sharply on Monday after the announcement.', 'reuters.com')
    """
    return clean_record(record, codes=(DANGLING_SOURCE,), ctx=ctx)


def fix_mojibake(text: str, *, ctx: DetectContext | None = None) -> str:
    """Repair UTF-8 read as cp1252/Latin-1 ("donâ€™t") with ``ftfy.fix_encoding``.

    Why ``fix_encoding`` and not ``fix_text``: ``fix_text`` also "uncurls"
    quotes and rewrites dashes and ligatures in text that was never broken.
    Only the lines the ``mojibake`` detector flags are touched.

    >>> fix_mojibake("Russiaâ€™s foreign minister spoke.\\nA “quoted” line stays.")
    'Russia’s foreign minister spoke.\\nA “quoted” line stays.'
    """
    return clean(text, codes=(MOJIBAKE,), ctx=ctx)


def remove_html_residue(text: str, *, ctx: DetectContext | None = None) -> str:
    """Decode character references and drop tags left by a careless HTML-to-text step.

    Block tags (``<br>``, ``</p>``) become a space, inline ones vanish.

    >>> remove_html_residue("Fish &amp; chips<br>for <b>everyone</b>.")
    'Fish & chips for everyone.'
    """
    return clean(text, codes=(HTML_RESIDUE,), ctx=ctx)


def split_glued_words(text: str, *, ctx: DetectContext | None = None) -> str:
    """Split words glued where an HTML element ended ("NATOand" -> "NATO and").

    Why: the detector's proposed split is applied, so the cleaner is exactly
    as careful as the detector (camel-case brands like "iPhone" stay).

    >>> split_glued_words("It is the Russian equivalent of NATOand it was founded in 1992.")
    'It is the Russian equivalent of NATO and it was founded in 1992.'
    """
    return clean(text, codes=("glued_words",), ctx=ctx)


def fix_space_before_punct(text: str, *, ctx: DetectContext | None = None) -> str:
    """Remove the space before closing punctuation ("he said ." -> "he said.").

    >>> fix_space_before_punct("“We will see,” he said .")
    '“We will see,” he said.'
    """
    return clean(text, codes=("space_before_punct",), ctx=ctx)


def fix_missing_space_after_punct(text: str, *, ctx: DetectContext | None = None) -> str:
    """Put back the space after a full stop between sentences ("said.Officers").

    >>> fix_missing_space_after_punct("The mayor resigned, the council said.Officers confirmed it.")
    'The mayor resigned, the council said. Officers confirmed it.'
    """
    return clean(text, codes=("missing_space_after_punct",), ctx=ctx)


def fix_repeated_spaces(text: str, *, ctx: DetectContext | None = None) -> str:
    """Collapse runs of spaces inside a line to one.

    >>> fix_repeated_spaces("The council  met on   Monday.")
    'The council met on Monday.'
    """
    return clean(text, codes=("repeated_spaces",), ctx=ctx)
