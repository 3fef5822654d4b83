"""What the glued-word language tests share: the glued_words findings of one text.

Imported by name (``from _glued_helpers import glued``), as ``_chrome_helpers``.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from _batch import Batch, CleanBatch

from dq.detect import detect
from dq.signals.context import DetectContext


def glued(text: str, lang: str | None, ctx: DetectContext) -> list[tuple[str, str]]:
    """(matched text, fix) of each ``glued_words`` finding in one record of language ``lang``."""
    articles = pl.DataFrame(
        {"id": ["r"], "text": [text], "lang": [lang]},
        schema={"id": pl.String, "text": pl.String, "lang": pl.String},
    )
    found = detect(articles, ctx=ctx, codes={"glued_words"}).findings
    return [(text[a:b], str(f)) for a, b, f in found.select("start", "end", "fix").iter_rows()]


def glued_batch(cases: Iterable[tuple[str | None, str]], ctx: DetectContext) -> Batch:
    """The ``glued_words`` findings of many ``(lang, text)`` records from one ``detect()``
    call (:class:`_batch.Batch`); read one with :func:`glued_in`."""
    return Batch([{"text": text, "lang": lang} for lang, text in cases], ctx=ctx,
                 codes={"glued_words"})


def glued_in(batch: Batch, text: str, lang: str | None) -> list[tuple[str, str]]:
    """What :func:`glued` gives for ``text`` in ``lang``, read from ``batch``."""
    return batch.spans({"text": text, "lang": lang})


def glued_repairs(texts: Iterable[str], ctx: DetectContext) -> CleanBatch:
    """``clean(text, codes=["glued_words"], ctx=ctx)`` of every text, one ``clean_frame()``."""
    return CleanBatch(list(texts), codes=["glued_words"], ctx=ctx)


def assert_only_spaces_added(text: str, out: str) -> None:
    """Issue 15's repair properties: no letter or digit changed, only spaces put in."""
    assert "".join(out.split()) == "".join(text.split())
    assert [c for c in out if c.isdigit()] == [c for c in text if c.isdigit()]
