"""Run the registry over an articles frame: a signal table and line-level findings.

Why two outputs: suites and reports need one compact row per record (counts
per reason code), reviewers need evidence (record, line, span, snippet).
Both come from one vectorised pass over the lines frame; only the evidence
for lines that matched is turned into Python objects.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Final

import polars as pl

from dq.engine.chunks import bounded_map, record_chunks
from dq.engine.corpus import batch_rows, candidates, with_corpus_marks
from dq.engine.distinct import (
    LINE_COLUMNS,
    distinct_lines,
    lines_of,
    local_values,
    with_distinct,
)
from dq.engine.findings import (
    custom_findings,
    flagged_record_findings,
    gated_count,
    line_findings,
    record_findings,
    sort_findings,
    span_findings,
)
from dq.engine.lineplan import PLANS
from dq.engine.lineplan import LinePlan as _LinePlan
from dq.engine.match import Matcher, PolarsMatcher, matcher, probe_columns
from dq.errors import UnknownCode
from dq.schema import FAMILIES, FINDINGS_SCHEMA, ID, OPTIONAL_FIELDS, TEXT
from dq.signals.base import Signal, finding_severity
from dq.signals.context import DetectContext
from dq.signals.frames import lines_frame, only, with_features
from dq.signals.lang import lang_column, with_given_lang
from dq.signals.registry import REGISTRY

__all__ = [
    "FINDINGS_SCHEMA",
    "Detection",
    "batch_candidates",
    "corpus_candidates",
    "detect",
    "record_chunks",
    "record_findings",
    "select_signals",
    "sort_findings",
    "warm_up",
]

#: Lines per slice of the line pass (:func:`_line_pass`). Measured 2026-11-27
#: with bench_detect.py --mb 200 (1M lines, Polars 2.1, 2 cores): the whole
#: pass at once grew the process by 3.5x its input; slices of 120k / 250k /
#: 500k lines by 1.3x / 1.2x / 2.3x, in the same time within noise (4.4 s).
#: Each slice costs ~45 ms of regex compiling (Polars keeps 32 regexes per
#: thread; the pass has more), so slices are not made smaller.
LINE_PASS_CHUNK: Final = 200_000
#: Line-pass slices run at once (two cores; each holds its feature columns).
LINE_PASS_WIDTH: Final = 2
#: Most distinct lines whose local feature values :func:`_shared_values` computes
#: once for all the slices of a line pass and holds while they run: as many as a
#: slice has lines, so the values take no more memory than one slice's.
SHARED_DISTINCT_MAX: Final = LINE_PASS_CHUNK
#: Most lines of a slice that few repeat evaluated with the expressions as the
#: signals wrote them (:func:`_chunk_pass`), not split by :mod:`dq.engine.distinct`.
PLAIN_LINES_MAX: Final = 5_000

@dataclass(frozen=True)
class Detection:
    """What :func:`detect` found.

    ``signals``: one row per record: ``id``, size columns (``n_chars``,
    ``n_words``, ``n_lines``), ``source`` and ``domain`` (source, else the
    url's host), one ``n_<family>`` total of findings per family, then one
    UInt32 count column per reason code (registry order). ``findings``: one row per
    finding in the documented findings format, sorted by record, line, start.
    """

    signals: pl.DataFrame
    findings: pl.DataFrame


def select_signals(codes: Collection[str] | None) -> tuple[Signal, ...]:
    """Registry entries for ``codes`` (all when None), in registry order.

    >>> [s.code for s in select_signals({"back_to_top", "licence_nag"})]
    ['licence_nag', 'back_to_top']
    """
    if codes is None:
        return REGISTRY
    known = {s.code: s for s in REGISTRY}
    unknown = sorted(set(codes) - set(known))
    if unknown:
        raise UnknownCode(f"unknown reason code(s): {', '.join(unknown)}")
    wanted = set(codes)
    pending = list(wanted)
    while pending:  # close over dependencies (``Signal.needs``)
        for dep in known[pending.pop()].needs:
            if dep not in wanted:
                wanted.add(dep)
                pending.append(dep)
    return tuple(s for s in REGISTRY if s.code in wanted)


def warm_up(ctx: DetectContext, codes: Collection[str] | None = None) -> Future[None] | None:
    """Start building what the selected signals read from ``ctx`` (``Signal.prepare``)
    on the context's executor, so it overlaps loading the input; None when there is
    nothing (new) to build: each prepare function is started once per context.

    :func:`detect` needs no call to this: it waits for a build under way
    (``DetectContext.cached`` is locked) or does it itself. A build that
    fails here is left for :func:`detect` to redo and report.
    """
    prepares = [s.prepare for s in select_signals(codes) if s.prepare]
    prepares = [p for p in prepares if ctx.first_time(("warm_up", p))]
    if not prepares:
        return None

    def run() -> None:
        for prepare in prepares:
            try:
                prepare(ctx)
            except Exception:  # noqa: S112 - detect() redoes it and raises
                continue

    return ctx.executor().submit(run)


def detect(
    articles: pl.DataFrame,
    *,
    ctx: DetectContext | None = None,
    codes: Collection[str] | None = None,
    findings: bool = True,
    corpus: Mapping[str, pl.DataFrame] | None = None,
    corpus_rows: Mapping[str, pl.DataFrame] | None = None,
) -> Detection:
    """Run the selected signals over ``articles`` (a frame in the article schema).

    A corpus-wide line signal (``Signal.corpus_lines``) judges the lines of
    ``articles`` against what it aggregates over ``articles`` as a whole, or
    over ``corpus[code]`` when given: its ``site, key`` pairs, aggregated by
    the stream's pre-pass over every batch (:func:`corpus_candidates`).
    ``corpus_rows[code]``: that pre-pass's candidate rows of ``articles``
    (:func:`dq.engine.corpus.keyed_rows`), so they are not computed twice.
    """
    ctx = ctx or DetectContext()
    signals = select_signals(codes)
    records = _records(articles)
    lines = with_given_lang(lines_of(records.select("rid", TEXT)), records)
    ids = records.select("rid", ID).collect() if findings else None
    passes = _run_passes(signals, records, lines, ctx, ids, (corpus or {}, corpus_rows or {}))
    table_df = _signal_table(signals, passes)
    table_df = table_df.drop("lang").join(
        lang_column(lines, table_df, ctx), on="rid", how="left", maintain_order="left"
    )
    families = sorted({s.family for s in signals}, key=FAMILIES.index)
    out_cols = [
        ID,
        "n_chars",
        "n_words",
        "n_lines",
        "source",
        "domain",
        "lang",
        *[f"n_{fam}" for fam in families],
        *[s.code for s in signals],
    ]
    signal_table = table_df.select(out_cols)
    if ids is None:
        return Detection(signal_table, pl.DataFrame(schema=FINDINGS_SCHEMA))
    parts = [
        *passes.parts,
        flagged_record_findings(
            table_df, [s for s in signals if s.level == "record" and not s.positive]
        ),
    ]
    found = (
        pl.concat([p for p in parts if p.height], how="vertical")
        if any(p.height for p in parts)
        else pl.DataFrame(schema=FINDINGS_SCHEMA)
    )
    return Detection(signal_table, sort_findings(found, ids, signals))


@dataclass(frozen=True)
class _Passes:
    """What the passes over lines and records produced, before the signal table is built."""

    records: pl.DataFrame  # records frame with word counts and the early record flags
    flagged: pl.DataFrame  # the line pass: lines with a finding, one count column per code
    line_codes: list[str]  # line then pattern codes, the flagged frame's count columns
    customs: dict[str, pl.DataFrame]  # custom span detector frames by code
    late: list[Signal]  # record signals that read count columns: computed on the table
    parts: list[pl.DataFrame]  # findings so far (line, span, custom), in that order


def _run_passes(
    signals: Sequence[Signal],
    records: pl.LazyFrame,
    lines: pl.DataFrame,
    ctx: DetectContext,
    ids: pl.DataFrame | None,
    corpus: tuple[Mapping[str, pl.DataFrame], Mapping[str, pl.DataFrame]],
) -> _Passes:
    line_sigs = [s for s in signals if s.level == "line"]
    pattern_sigs = [s for s in signals if s.level == "span" and s.pattern is not None]
    custom_sigs = [s for s in signals if s.level == "span" and s.custom is not None]
    record_sigs = [s for s in signals if s.level == "record"]
    pool = ctx.executor()
    # The custom detectors (glued_words most) are chains of small collects
    # that keep one core busy at a time, and the record signals that read
    # no count column (duplicate_record most) need only the records: run
    # them beside the line pass. Measured 2026-11-27 (bench_detect.py
    # --mb 200, 2 cores): 4.68 s -> 4.29 s. The custom detectors, the
    # longest chain, start first, one thread each (space_before_punct's
    # findings need not wait for glued_words), and place their own
    # findings; the line pass's findings are placed while they finish.
    # Measured 2026-11-28 on bench_scale's 200 MB: the last 0.5 s had
    # been the custom chain alone; 4.15 s -> 3.8-3.9 s.
    custom_jobs = [pool.submit(_run_custom, s, lines, ctx, ids) for s in custom_sigs]
    records_df = _with_word_counts(records, lines).collect()
    early = [s for s in record_sigs if _reads_only(s, records_df.columns)]
    early_job = pool.submit(_record_flags, records_df, early)
    marked = with_corpus_marks(lines, records_df, line_sigs, *corpus)
    flagged_df = _line_pass(marked, line_sigs, pattern_sigs, ctx)
    parts = []
    if ids is not None:
        parts += [line_findings(flagged_df, line_sigs, ids)]
        parts += [span_findings(flagged_df, pattern_sigs, ids)]
    custom_dfs = []
    for job in custom_jobs:
        frame, placed = job.result()
        custom_dfs.append(frame)
        if placed is not None:
            parts.append(placed)
    records_df = records_df.hstack(early_job.result())
    return _Passes(
        records=records_df,
        flagged=flagged_df,
        line_codes=[s.code for s in line_sigs + pattern_sigs],
        customs={s.code: df for s, df in zip(custom_sigs, custom_dfs, strict=True)},
        late=[s for s in record_sigs if s not in early],
        parts=parts,
    )


def _signal_table(signals: Sequence[Signal], passes: _Passes) -> pl.DataFrame:
    """Records with one count column per code and one ``n_<family>`` total, by ``rid``."""
    by_code = {s.code: s for s in signals}
    counts = _record_counts(passes.records.lazy(), passes.flagged,
                            [by_code[c] for c in passes.line_codes], passes.customs, by_code)
    table = counts.with_columns(_record_flags_exprs(passes.late))
    families = sorted({s.family for s in signals}, key=FAMILIES.index)
    table = table.with_columns(
        pl.sum_horizontal(
            [pl.col(s.code) for s in signals if s.family == fam and not s.positive]
            or [pl.lit(0, pl.UInt32)]
        )
        .cast(pl.UInt32)
        .alias(f"n_{fam}")
        for fam in families
    )
    return table.collect().sort("rid")


def _line_pass(
    lines: pl.DataFrame,
    line_sigs: Sequence[Signal],
    pattern_sigs: Sequence[Signal],
    ctx: DetectContext,
) -> pl.DataFrame:
    """``rid, line_no, s, start`` and one count column per code, for the lines with a finding.

    On Polars' in-memory engine: the default (streaming) engine plans this
    wide query (a hundred feature columns) for longer than it runs it on a
    small batch, and compiles its regexes again for every morsel; measured
    2026-11-27, a one-record detect() took 0.25 s -> 0.15 s, the 50 MB bench
    the same wall time with 10% less CPU (bench_detect.py).

    Run over :data:`LINE_PASS_CHUNK` lines at a time (whole records, so
    what a signal reads of a line's neighbours is the same): the hundred
    feature columns of a chunk are dropped before the next one is built.
    The tests straight on a line's text (:mod:`dq.engine.match` probes) are
    computed first for a chunk, in one compiled scan when the matcher has one;
    the work on a line alone, once per distinct line (:mod:`dq.engine.distinct`),
    of all the chunks at once when it can (:func:`_shared_values`).
    """
    chosen = matcher(ctx)
    probing = not isinstance(chosen, PolarsMatcher)  # a plan per matcher kind
    plan = PLANS.plan(line_sigs, pattern_sigs, probing=probing)
    chunks = record_chunks(lines, LINE_PASS_CHUNK)
    shared = _shared_values(lines, plan, chosen, ctx) if len(chunks) > 1 else None

    def run(chunk: pl.DataFrame) -> pl.DataFrame:
        if shared is not None:
            split = plan.distinct
            joined = chunk.join(shared, on="s", how="left", maintain_order="left",
                                nulls_equal=True).lazy()
            flagged = with_features(joined, split.rest).with_columns(*split.flags)
            return _flagged_rows(flagged, plan)
        return _chunk_pass(probe_columns(chunk, plan.probes, chosen, ctx), plan)

    if len(chunks) == 1:
        return run(chunks[0])
    return pl.concat(bounded_map(ctx.executor(), run, chunks, width=LINE_PASS_WIDTH))


def _chunk_pass(probed: pl.DataFrame, plan: _LinePlan) -> pl.DataFrame:
    """:func:`_flagged_rows` of one slice of lines with its probe columns: the feature
    columns shared by the line signals of a family computed once (the ones no
    selected signal reads are pruned by Polars), those of a line alone once per
    distinct line when lines repeat (:func:`~dq.engine.distinct.with_distinct`).

    A slice of at most :data:`PLAIN_LINES_MAX` lines that few repeat takes the
    expressions as the signals wrote them: the split (:attr:`_LinePlan.distinct`,
    0.5 CPU s to build, 2026-12-07) is not built for it, so a small scan never
    pays for it. The same values either way: the split only moves where a
    line's own string work is computed.
    """
    distinct = distinct_lines(probed, plan.base)
    if distinct is None and probed.height <= PLAIN_LINES_MAX:
        flagged = with_features(probed.lazy(), plan.features).with_columns(*plan.flags)
        return _flagged_rows(flagged, plan)
    split = plan.distinct
    if not split.local:
        flagged = with_features(probed.lazy(), plan.features).with_columns(*plan.flags)
        return _flagged_rows(flagged, plan)
    if distinct is None:  # every line on its own, with the string work lifted all the same
        joined = with_features(probed.lazy(), split.local).select(
            *probed.columns, *split.kept).collect(engine="in-memory").lazy()
    else:
        joined = with_distinct(probed, distinct, split.local, split.kept).lazy()
    flagged = with_features(joined, split.rest).with_columns(*split.flags)
    return _flagged_rows(flagged, plan)


def _flagged_rows(flagged: pl.LazyFrame, plan: _LinePlan) -> pl.DataFrame:
    """The lines of ``flagged`` with a finding: ``rid, line_no, s, start``, the count
    columns and the evidence columns (row-wise, on those lines only)."""
    return (
        flagged
        .filter(plan.hit)
        .with_columns(*plan.evidence)
        .select("rid", "line_no", "s", "start", *plan.kept)
        .collect(engine="in-memory")
    )


def _shared_values(
    lines: pl.DataFrame, plan: _LinePlan, chosen: Matcher, ctx: DetectContext
) -> pl.DataFrame | None:
    """The probe columns and the local feature columns the line pass reads, one row per
    distinct line of the whole of ``lines`` (:func:`~dq.engine.distinct.local_values`),
    computed once for all its slices; None when the slices are better off alone: too few
    lines repeat (:data:`~dq.engine.distinct.DISTINCT_SHARE_MAX`) or more distinct lines
    than :data:`SHARED_DISTINCT_MAX` (the values of them all are held while the slices run).

    Why: Polars keeps 32 compiled regexes per thread and the local features have ~170,
    so each slice compiled them all again: ~0.2 CPU s a slice (2026-12-07, 20 MB bench
    corpus, one thread). Computed once, they are compiled once per call.
    """
    split = plan.distinct
    if not split.local:
        return None
    distinct = distinct_lines(lines, LINE_COLUMNS)
    if distinct is None or distinct.height > SHARED_DISTINCT_MAX:
        return None
    probed = probe_columns(distinct, plan.probes, chosen, ctx)
    return local_values(probed, split.local, split.kept, also=[p.name for p in plan.probes])


def _reads_only(signal: Signal, columns: Collection[str]) -> bool:
    """The record ``signal``'s expression reads only ``columns``."""
    assert signal.expr is not None
    return set(signal.expr().meta.root_names()) <= set(columns)


def _record_flags_exprs(sigs: Sequence[Signal]) -> list[pl.Expr]:
    return [s.expr().fill_null(False).cast(pl.UInt32).alias(s.code) for s in sigs if s.expr]


def _record_flags(records: pl.DataFrame, sigs: Sequence[Signal]) -> pl.DataFrame:
    """One UInt32 column per record signal in ``sigs``, over ``records`` (same rows)."""
    return records.select(_record_flags_exprs(sigs)) if sigs else pl.DataFrame()


def _run_custom(
    sig: Signal, lines: pl.DataFrame, ctx: DetectContext, ids: pl.DataFrame | None
) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """A custom detector's frame, and its findings when ``ids`` (``rid``, id) is given."""
    assert sig.custom is not None
    frame = sig.custom(lines.lazy(), ctx).collect(engine="in-memory")
    return frame, None if ids is None else custom_findings(frame, sig, lines, ids)


def _with_word_counts(records: pl.LazyFrame, lines: pl.DataFrame) -> pl.LazyFrame:
    """``records`` with ``n_words`` and ``n_nonspace``: the words and the
    characters other than white space of a text are those of its lines.

    The same as ``text.str.count_matches(r"\\S+")`` and ``(r"\\S")`` ("\\n" is
    white space, so no word spans two lines), without a pass over the text:
    a line whose only white space is single spaces has ``n_words - 1`` of
    them; the other lines (``odd``, rare) are counted.
    """
    odd = pl.col("odd")
    counted = pl.col("s").filter(odd).str.count_matches(r"\S").cast(pl.UInt32)
    nonspace = pl.when(odd).then(only(odd, counted, pl.UInt32)).otherwise(
        pl.col("n_chars") - pl.col("n_words") + 1
    )
    words = (
        lines.lazy()
        .select("rid", "n_words", nonspace.alias("n_nonspace"))  # not inside the group-by
        .group_by("rid")
        .agg(pl.col("n_words").sum().cast(pl.UInt32), pl.col("n_nonspace").sum().cast(pl.UInt32))
    )
    present = pl.col(TEXT).is_not_null()
    return records.join(words, on="rid", how="left", maintain_order="left").with_columns(
        pl.when(present).then(pl.col("n_words").fill_null(0)),
        pl.when(present).then(pl.col("n_nonspace").fill_null(0)),
    )


def corpus_candidates(articles: pl.DataFrame, signal: Signal) -> pl.DataFrame:
    """The distinct candidate rows (``site, key, page``) of the corpus-wide line
    ``signal`` over ``articles``: what the stream's pre-pass keeps of a batch
    (:func:`batch_candidates` has every row, with the line it names).

    >>> from dq.signals.registry import get
    >>> df = pl.DataFrame({"id": ["a", "b"], "text": ["Menu\\nStory one.", "Menu\\nTwo."],
    ...                    "source": ["x.com", "x.com"]})
    >>> rows = corpus_candidates(df, get("repeated_boilerplate"))
    >>> rows.columns, rows.height  # "Menu" on 2 pages, 2 bodies, a null-key row per page
    (['site', 'key', 'page'], 6)
    """
    return candidates(batch_candidates(articles, signal))


def batch_candidates(articles: pl.DataFrame, signal: Signal) -> pl.DataFrame:
    """Every candidate row (``rid, line_no, site, key, page``) of the corpus-wide line
    ``signal`` over ``articles`` (``rid``: the row, as :func:`detect` numbers them)."""
    records = _records(articles)
    return batch_rows(lines_frame(records.select("rid", TEXT)), records, signal)


def _records(articles: pl.DataFrame) -> pl.LazyFrame:
    """Article columns plus ``rid``, sizes (but ``n_words``) and the publisher domain."""
    lf = articles.lazy().with_row_index("rid")
    present = set(articles.columns)
    missing = [pl.lit(None, pl.String).alias(f) for f in OPTIONAL_FIELDS if f not in present]
    # All-null columns read from JSON arrive as dtype Null; string ops need String.
    typed = [pl.col(f).cast(pl.String) for f in OPTIONAL_FIELDS if f in present]
    host = pl.col("url").str.extract(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)", 1)
    return lf.with_columns(*missing, *typed).with_columns(
        pl.col(TEXT).str.len_chars().alias("n_chars"),
        (pl.col(TEXT).str.count_matches("\n", literal=True) + 1).cast(pl.UInt32).alias("n_lines"),
        pl.coalesce(
            pl.col("source"),
            host.str.to_lowercase().str.strip_prefix("www."),
        ).alias("domain"),
    )


def _record_counts(
    records: pl.LazyFrame,
    flagged: pl.DataFrame,
    line_sigs: list[Signal],
    customs: dict[str, pl.DataFrame],
    by_code: Mapping[str, Signal],
) -> pl.LazyFrame:
    """Records frame joined with one count column per line, span and custom code:
    its findings that a gate may fail on (an ``info`` one, on layout alone, is not counted)."""
    out = records
    if line_sigs:
        agg = (
            flagged.lazy()
            .group_by("rid")
            .agg([gated_count(s, flagged.columns).sum().cast(pl.UInt32) for s in line_sigs])
        )
        out = out.join(agg, on="rid", how="left")
    for code, frame in customs.items():
        sig = by_code[code]
        n = pl.len() if finding_severity(sig.severity, sig.evidence) != "info" else pl.len() * 0
        agg = frame.lazy().group_by("rid").agg(n.cast(pl.UInt32).alias(code))
        out = out.join(agg, on="rid", how="left")
    count_cols = [*(s.code for s in line_sigs), *customs]
    return out.with_columns([pl.col(c).fill_null(0) for c in count_cols])
