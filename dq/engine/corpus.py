"""Corpus-wide line signals (``Signal.corpus_lines``) in the engine: judge lines
against what the whole corpus says about them.

Why a module: :func:`dq.engine.detect.detect` judges a frame's lines against
the ``site, key`` pairs aggregated over that frame; a streamed scan
aggregates them first, over every batch (:func:`dq.engine.stream.corpus_prepass`),
and hands them in. The engine names no code: it reads the signal's
:class:`~dq.signals.base.CorpusLines`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from dq.signals.base import Signal

__all__ = ["batch_rows", "candidates", "corpus_column", "with_corpus_marks"]


def corpus_column(code: str) -> str:
    """The lines-frame column marking the lines a corpus-wide line signal flags."""
    return f"{code}:corpus"


def _sites(records: pl.LazyFrame) -> pl.LazyFrame:
    """``rid, site``: a record's site is its ``domain`` (source, else the url's host)."""
    return records.select("rid", pl.col("domain").alias("site"))


def batch_rows(lines: pl.LazyFrame, records: pl.LazyFrame, signal: Signal) -> pl.DataFrame:
    """Every candidate row (``rid, line_no, site, key, page``) of the corpus-wide line
    ``signal`` over ``lines`` (the lines frame) of ``records`` (the engine's records frame)."""
    assert signal.corpus_lines is not None
    return signal.corpus_lines.candidates(lines, _sites(records)).collect()


def candidates(rows: pl.DataFrame) -> pl.DataFrame:
    """The distinct ``site, key, page`` of candidate ``rows`` (:func:`batch_rows`):
    what the aggregation reads."""
    return rows.select("site", "key", "page").unique()


def keyed_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """``rid, line_no, site, key``: the candidate ``rows`` that name a line (what
    :func:`with_corpus_marks` joins; the per-page rows only count pages)."""
    return rows.filter(pl.col("key").is_not_null()).select("rid", "line_no", "site", "key")


def with_corpus_marks(
    lines: pl.DataFrame,
    records: pl.DataFrame,
    line_sigs: Sequence[Signal],
    corpus: Mapping[str, pl.DataFrame],
    rows: Mapping[str, pl.DataFrame] | None = None,
) -> pl.DataFrame:
    """``lines`` with a Boolean :func:`corpus_column` per corpus-wide line signal.

    The signal's ``site, key`` pairs come from ``corpus`` (aggregated by a
    pre-pass over the whole input) or, when absent, from ``lines`` itself.
    ``rows``: the signal's :func:`keyed_rows` of these very lines when the
    pre-pass kept them (not computed again); only read with ``corpus``.
    """
    for sig in line_sigs:
        if sig.corpus_lines is None:
            continue
        given = corpus.get(sig.code)
        kept = (rows or {}).get(sig.code)
        if given is None or kept is None:
            all_rows = batch_rows(lines.lazy(), records.lazy(), sig)
            kept = keyed_rows(all_rows)
            if given is None:
                given = sig.corpus_lines.aggregate(all_rows.lazy()).collect()
        found = given.lazy()
        hits = (  # the CorpusLines contract: a candidate row whose site, key was found
            kept.lazy()
            .join(found, on=["site", "key"], how="semi")
            .select("rid", "line_no", pl.lit(True).alias(corpus_column(sig.code)))
            .unique(["rid", "line_no"])
        )
        lines = lines.join(
            hits.collect(), on=["rid", "line_no"], how="left", maintain_order="left"
        )
    return lines
