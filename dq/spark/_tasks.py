"""What Spark's Python workers run: dq's own readers and detect() on Arrow batches, with Polars.

Why a module without pyspark: these functions are shipped to the executors
inside ``mapInArrow`` closures; they take and return ``pyarrow.RecordBatch``
and call the same code as the local engine (no detector, reader or record
rule is written again for Spark). Each takes its settings explicitly.

One process-wide cache, on purpose (breaking house habit 11): a Python
worker runs many tasks one after another (``spark.python.worker.reuse``);
building a :class:`~dq.signals.context.DetectContext`'s lexicon once per
worker instead of once per task saves seconds per task. The context only
caches what it builds; findings do not depend on it.
"""

from __future__ import annotations

import json
import sys
import zipimport
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import polars as pl

from dq.schema import ARTICLE_FIELDS, FINDINGS_SCHEMA, ID, TEXT
from dq.spark._candidates import candidate_rows, split_candidates
from dq.spark._plan import CHUNK_BYTES, ORDER_SHIFT

if TYPE_CHECKING:
    import pyarrow as pa

    from dq.load import LoadLimits
    from dq.load._common import Read
    from dq.signals.context import DetectContext

#: Columns of a read row (articles, quarantine entries and corpus-wide candidate rows in
#: one schema; ``kind`` tells: ``a``, ``q``, ``c``). ``_order``: corpus order
#: (``split << 32 | row``; a candidate row's: its record's); ``_src``: the file's place in
#: the load plan; ``_excerpt``: the quarantine excerpt (for an article: the one it gets
#: if a later copy of its id is dropped as ``duplicate_id``); ``site, key, page, code``:
#: a candidate row of a corpus-wide line signal (:func:`candidate_rows`).
READ_DDL: Final = ", ".join([
    "kind string", "_order long", "_src long", *(f"{f} string" for f in ARTICLE_FIELDS),
    "dq_file string", "dq_row long", "_reason string", "_excerpt string",
    "site string", "key long", "page long", "code string",
])
#: Findings columns in Spark DDL (Spark has no unsigned types; the local ones are signed).
FINDINGS_DDL: Final = (
    "record_id string, line long, start long, end long, code string, family string, "
    "severity string, evidence string, snippet string, fix string"
)
#: The findings columns a detect task sends to the JVM: all but ``family``, which is its
#: code's (the registry's), set again in Spark from a map of the selected codes: one
#: string column fewer in every finding row's Arrow transfer and cached copy.
FINDING_ROW: Final = tuple(c for c in FINDINGS_SCHEMA if c != "family")
#: Characters kept of each string column before a duplicate excerpt is built:
#: an excerpt is the first 200 characters of the row's JSON (``dq.load._common.excerpt``),
#: which no longer string can change.
_EXCERPT_SOURCE_CHARS: Final = 200
_CONTEXTS: dict[str, DetectContext] = {}


class _SteadyZip(zipimport.zipimporter):
    """A zip importer that does not re-read its archive when import caches are invalidated."""

    def invalidate_caches(self) -> None:
        """Keep the archive's directory: the zips already on a worker's path do not change."""


def steady_zip_imports() -> None:
    """Make this Python worker's zip importers ignore ``importlib.invalidate_caches()``.

    Why: Spark's worker calls it before every task (its ``setup_spark_files``,
    so that files added to the job can be imported), and on Python < 3.12 each
    zip importer then re-reads its whole archive's directory in pure Python:
    one per package imported from ``pyspark.zip`` and two for the
    ``spark-core`` jar Spark puts on the workers' path (15 MB, no Python in
    it). Measured 2026-12-07 (bench/spark_stages.py --engine workers, the
    workers' path): 0.28 CPU s per call, against < 0.001 with these importers;
    a scan runs 3 Python tasks per split and 2 per shuffle partition.
    Paths added later (``addPyFile``) get ordinary importers; an archive
    rewritten in place under a live worker is not supported by Spark anyway.
    The first task of a worker pays once; every task calls this (it is cheap).
    """
    for path, finder in list(sys.path_importer_cache.items()):
        if type(finder) is zipimport.zipimporter:
            sys.path_importer_cache[path] = _SteadyZip(path)


def context() -> DetectContext:
    """This worker's detect context (built on first use, then kept: see the module doc)."""
    if "ctx" not in _CONTEXTS:
        from dq.signals.context import DetectContext

        _CONTEXTS["ctx"] = DetectContext()
    return _CONTEXTS["ctx"]


@dataclass(frozen=True)
class ReadSettings:
    """What every read task is told: the ``--map`` mapping and the loader's limits."""

    mapping: Mapping[str, str]
    limits: LoadLimits
    #: the corpus-wide line signals whose candidate rows the read computes (while the
    #: text is in Python: a pass of its own would send every text there again)
    corpus_codes: tuple[str, ...] = ()
    #: rows read, counted in a Spark accumulator (a debug run's; see ``Counters``)
    counter: Any = None
    #: article rows without their text fields (``id`` kept): the detect task reads its
    #: split again from the file (:func:`detect_split_task`), so no text goes to the JVM
    stubs: bool = False


def _read_split(split: Mapping[str, Any], settings: ReadSettings
                ) -> Iterator[tuple[Read, bool, bool]]:
    """One split through dq's reader for it, a part at a time: each part's read, whether it
    holds text files (no ``--map``) and whether it starts after the file's first byte.

    A byte range is read in chunks of at most :data:`~dq.spark._plan.CHUNK_BYTES` (whole lines,
    numbered as in the whole file): a task's memory is that of one chunk however large
    its split.
    """
    from dq.load import _options
    from dq.load._batches import read_source
    from dq.load._common import unreadable
    from dq.load._discover import Source
    from dq.load._files import TextFile, read_texts
    from dq.load._jsonl import read_jsonl_part
    from dq.spark._plan import chunks, range_bytes

    options = _options(settings.mapping, settings.limits)
    path = Path(split["path"])
    if split["kind"] == "texts":
        files = [TextFile(Path(p), i) for p, i in json.loads(split["files"])]
        yield read_texts(files), True, False
        return
    if split["kind"] == "whole":
        problem = tuple(json.loads(split["problem"])) if split["problem"] else None
        yield read_source(Source(path, split["fmt"], path.stem, problem), options), False, False
        return
    start, end, line = split["start"], split["end"], split["first_line"]
    for at, stop in chunks(start, end, CHUNK_BYTES):
        try:
            data, skipped = range_bytes(split["path"], at, stop)
        except OSError as error:
            yield unreadable(path, error), False, at > 0
            return
        # a later chunk's skipped line is the previous chunk's last, counted there
        line += skipped if at == start else 0
        if data:
            yield read_jsonl_part(data, path, options, line), False, at > 0
            line += data.count(b"\n") + (not data.endswith(b"\n"))


def _excerpts(articles: pl.DataFrame) -> list[str]:
    """Each article's ``duplicate_id`` excerpt, as :func:`dq.load._rules.drop_duplicate_ids`
    would write it (the row without provenance, as JSON, cut)."""
    from dq.load._rules import _row_excerpts

    columns = [c for c in articles.columns if c not in ("dq_file", "dq_row")]
    cut = articles.select(columns).with_columns(
        pl.col(pl.String).str.slice(0, _EXCERPT_SOURCE_CHARS)
    )
    return _row_excerpts(cut, columns)


def split_articles(split: Mapping[str, Any], settings: ReadSettings
                   ) -> Iterator[tuple[pl.DataFrame, pl.Series, list[Any]]]:
    """A split's articles (dq's record rules applied), their ``_order`` (corpus order:
    ``split << 32 | row``) and its quarantine entries, in the local reader's order, a part
    at a time (:func:`_read_split`). The same split gives the same parts every time."""
    from dq.load import _with_mapped_columns
    from dq.load._common import FILE
    from dq.load._rules import to_articles

    row = split["index"] << ORDER_SHIFT
    for read, is_text, later in _read_split(split, settings):
        quarantined = list(read.quarantine)
        if not read.frame.height:
            yield pl.DataFrame(), pl.Series("_order", [], pl.Int64), quarantined
            continue
        mapping = {} if is_text else dict(settings.mapping)
        frame = _with_mapped_columns(read.frame, mapping) if later else read.frame
        label = "text files" if is_text else str(frame.item(0, FILE))
        articles, rejected = to_articles(frame, mapping, label,
                                         settings.limits.max_record_bytes)
        orders = (pl.int_range(articles.height, dtype=pl.Int64, eager=True) + row
                  ).alias("_order")
        row += articles.height
        yield articles, orders, [*quarantined, *rejected]


def read_rows(split: Mapping[str, Any], settings: ReadSettings) -> Iterator[pl.DataFrame]:
    """A split's articles and quarantine entries as read rows (:data:`READ_DDL`), a part at
    a time; with ``settings.stubs``, articles without their text fields."""
    for articles, orders, quarantined in split_articles(split, settings):
        yield _part_rows(articles, orders, quarantined, split["source"], settings)


def _part_rows(articles: pl.DataFrame, orders: pl.Series, quarantined: Sequence[Any],
               source: int, settings: ReadSettings) -> pl.DataFrame:
    frames = [_quarantine_rows(quarantined, source)]
    if articles.height:
        frames.append(candidate_rows(articles, orders, settings.corpus_codes))
        fields = [pl.col(f).cast(pl.String) if f == ID or not settings.stubs
                  else pl.lit(None, pl.String).alias(f) for f in ARTICLE_FIELDS]
        frames.append(articles.select(
            pl.lit("a").alias("kind"),
            orders,
            pl.lit(source, pl.Int64).alias("_src"),
            *fields,
            pl.col("dq_file"), pl.col("dq_row").cast(pl.Int64),
            pl.lit(None, pl.String).alias("_reason"),
            pl.Series("_excerpt", _excerpts(articles), pl.String),
        ))
    return pl.concat(frames, how="diagonal_relaxed")


def candidates_task(batches: Iterable[pa.RecordBatch], read: ReadSettings, codes: tuple[str, ...],
                    dropped: frozenset[int], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body over split rows: each split read again from its file, the later
    copies of ids (``dropped``: their ``_order``) left out, the distinct candidate rows of
    the rest (:func:`split_candidates`). Only these narrow rows go to the JVM: no text, no
    record numbers, nothing cached."""
    for batch in batches:
        for split in batch.to_pylist():
            parts = []
            for articles, orders, _ in split_articles(split, read):
                if not articles.height:
                    continue
                kept = articles.select(*[pl.col(f).cast(pl.String) for f in ARTICLE_FIELDS])
                if dropped:
                    kept = kept.filter(~orders.is_in(sorted(dropped)))
                parts.append(split_candidates(kept, codes))
            if parts:
                yield from to_batches(pl.concat(parts).unique(maintain_order=True), schema)


def _quarantine_rows(items: Sequence[Any], source: int) -> pl.DataFrame:
    """Quarantine entries as read rows (``kind`` ``q``)."""
    schema = {"kind": pl.String, "_order": pl.Int64, "_src": pl.Int64,
              **dict.fromkeys(ARTICLE_FIELDS, pl.String), "dq_file": pl.String,
              "dq_row": pl.Int64, "_reason": pl.String, "_excerpt": pl.String}
    rows = [("q", None, source, *([None] * len(ARTICLE_FIELDS)), q.file, q.line_or_row,
             q.reason, q.excerpt) for q in items]
    return pl.DataFrame(rows, schema=schema, orient="row")


def run_task(batches: Iterable[pa.RecordBatch], *, task: Any, **kwargs: Any
             ) -> Iterator[pa.RecordBatch]:
    """What every ``mapInArrow`` of dq runs: :func:`steady_zip_imports`, then ``task``
    (one of this module's ``*_task`` bodies) over ``batches`` with ``kwargs``."""
    steady_zip_imports()
    yield from task(batches, **kwargs)


def read_task(
    batches: Iterable[pa.RecordBatch], settings: ReadSettings, schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body: every split row in ``batches`` read into read rows."""
    for batch in batches:
        for split in batch.to_pylist():
            for rows in read_rows(split, settings):
                count(settings.counter, rows.filter(pl.col("kind") == "a").height)
                yield from to_batches(rows, schema)


def newlines_task(batches: Iterable[pa.RecordBatch], schema: pa.Schema
                  ) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body: the newlines of each byte range (``index, path, start, end``)."""
    import pyarrow as pa

    from dq.spark._plan import count_newlines

    for batch in batches:
        rows = batch.to_pylist()
        counts = [count_newlines(r["path"], r["start"], r["end"]) for r in rows]
        yield pa.RecordBatch.from_arrays(
            [pa.array([r["index"] for r in rows], pa.int64()), pa.array(counts, pa.int64())],
            schema=schema)


def count(counter: Any, rows: int) -> None:
    """Add ``rows`` to a debug run's Spark accumulator (nothing without one)."""
    if counter is not None:
        counter.add(rows)


def to_batches(frame: pl.DataFrame, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """``frame`` as Arrow batches of exactly ``schema`` (Spark's types: strings, int64)."""
    if not frame.height:
        return
    missing = [pl.lit(None).alias(name) for name in schema.names if name not in frame.columns]
    table = frame.with_columns(missing).select(schema.names).to_arrow().cast(schema)
    yield from table.to_batches(max_chunksize=8192)


@dataclass(frozen=True)
class DetectSettings:
    """What every detect task is told.

    ``codes``: those detect() runs (the corpus-scope record signals, found by
    keys in Spark, left out); ``keyed``: the codes whose text keys a task
    computes; ``corpus``: the ``site, key`` pairs of each corpus-wide line
    signal, aggregated over the whole corpus; ``columns``: the signal-table
    columns detect() returns for ``codes``.
    """

    codes: tuple[str, ...]
    keyed: tuple[str, ...]
    corpus: Mapping[str, pl.DataFrame]
    columns: tuple[str, ...]
    #: articles detected, counted in a Spark accumulator (a debug run's, else None)
    counter: Any = None


def detect_rows(articles: pl.DataFrame, settings: DetectSettings) -> pl.DataFrame:
    """Detect a batch of articles (in corpus order): signal rows and finding rows in one frame.

    Signal rows carry the signal table's columns and one ``key_<code>`` column
    per keyed code; finding rows carry a finding (:data:`FINDING_ROW`) and
    ``_pos``, its place among the batch's findings (detect() sorts them, Spark
    keeps that order); a signal row's ``_pos`` is null.
    """
    from dq.engine.detect import detect
    from dq.engine.stream import text_keys
    from dq.signals.registry import get

    articles = articles.sort("_order")
    order = articles.select("_order", ID)
    found = detect(articles.select(ARTICLE_FIELDS), ctx=context(), codes=settings.codes,
                   corpus=settings.corpus)
    texts = articles.get_column(TEXT)
    keys = [text_keys(texts, get(code).key).reinterpret(signed=True).alias(f"key_{code}")  # type: ignore[arg-type]
            for code in settings.keyed]
    table = found.signals.select(settings.columns).with_columns(
        pl.col(pl.UInt32, pl.UInt64, pl.Int32).cast(pl.Int64)
    )
    signals = table.hstack([order.get_column("_order"), *keys])
    findings = found.findings.select(FINDING_ROW).join(
        order.rename({ID: "record_id"}), on="record_id", how="left", maintain_order="left"
    ).with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("_pos"))
    return pl.concat([signals, findings], how="diagonal_relaxed")


def detect_task(
    batches: Iterable[pa.RecordBatch], settings: DetectSettings, schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body: detect the partition's articles (in corpus order), one detect()
    call per :data:`~dq.spark._plan.CHUNK_BYTES` of Arrow batches (:func:`batch_chunks`)."""
    for frame in batch_chunks(batches, CHUNK_BYTES):
        count(settings.counter, frame.height)
        yield from to_batches(detect_rows(frame, settings), schema)


def batch_chunks(batches: Iterable[pa.RecordBatch], most: int) -> Iterator[pl.DataFrame]:
    """``batches`` (non-empty ones) concatenated into frames of about ``most`` bytes each.

    Why: Spark cuts a partition into Arrow batches of
    ``spark.sql.execution.arrow.maxRecordsPerBatch`` rows (10,000 by default), and each
    detect() call has a fixed cost (about 1 CPU s, 2026-12-07): a partition detected
    batch by batch pays it per 10,000 records, as a path scan's split pays it per chunk.

    >>> import pyarrow as pa
    >>> parts = [pa.record_batch({"n": list(range(k))}) for k in (3, 0, 3, 3)]
    >>> [f.height for f in batch_chunks(parts, 40)], [f.height for f in batch_chunks(parts, 1)]
    ([6, 3], [3, 3, 3])
    """
    held: list[pl.DataFrame] = []
    size = 0
    for batch in batches:
        if not batch.num_rows:
            continue
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        held.append(frame)
        size += batch.nbytes
        if size >= most:
            yield pl.concat(held)
            held, size = [], 0
    if held:
        yield pl.concat(held)


def detect_split_task(
    batches: Iterable[pa.RecordBatch], settings: DetectSettings, read: ReadSettings,
    dropped: frozenset[int], schema: pa.Schema,
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body over split rows: each split read again from its file (as
    :func:`read_rows` read it: same articles, same ``_order``), the later copies of ids
    (``dropped``: their ``_order``) left out, the rest detected. Only the split's
    descriptor comes from the JVM and only signal and finding rows go back: no text
    crosses between Python and the JVM."""
    for batch in batches:
        for split in batch.to_pylist():
            for articles, orders, _ in split_articles(split, read):
                if not articles.height:
                    continue
                frame = articles.select(*[pl.col(f).cast(pl.String) for f in ARTICLE_FIELDS],
                                        orders)
                if dropped:
                    frame = frame.filter(~pl.col("_order").is_in(sorted(dropped)))
                count(settings.counter, frame.height)
                if frame.height:
                    yield from to_batches(detect_rows(frame, settings), schema)


def articles_task(batches: Iterable[pa.RecordBatch], read: ReadSettings,
                  orders: frozenset[int], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body over split rows: the articles whose ``_order`` is in ``orders``
    (a report's example records), read again from their files."""
    for batch in batches:
        for split in batch.to_pylist():
            for articles, numbers, _ in split_articles(split, read):
                if articles.height:
                    frame = articles.select(
                        *[pl.col(f).cast(pl.String) for f in ARTICLE_FIELDS], numbers
                    ).filter(pl.col("_order").is_in(sorted(orders)))
                    yield from to_batches(frame, schema)


def aggregate_task(
    batches: Iterable[pa.RecordBatch], schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body over a partition holding every candidate row of its sites:
    each code's ``CorpusLines.aggregate`` (dq's own), giving ``code, site, key``."""
    from dq.signals.registry import get

    frames = [pl.from_arrow(b) for b in batches if b.num_rows]
    if not frames:
        return
    rows = pl.concat([f for f in frames if isinstance(f, pl.DataFrame)])
    rows = rows.with_columns(pl.col("key", "page").reinterpret(signed=False))
    for (code,), part in rows.partition_by("code", as_dict=True).items():
        lines = get(str(code)).corpus_lines
        assert lines is not None
        found = lines.aggregate(part.drop("code").lazy().unique()).collect()
        yield from to_batches(
            found.with_columns(pl.lit(code).alias("code"), pl.col("key").reinterpret(signed=True)),
            schema,
        )


def subtract_task(batches: Iterable[pa.RecordBatch], schema: pa.Schema
                  ) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body: signal rows less their ``_accepted`` (code, count) pairs,
    by :func:`dq.validate.baseline.apply_to_signals` (``--ignore``, ``--baseline``)."""
    from dq.validate.baseline import apply_to_signals

    for batch in batches:
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        if not frame.height:
            continue
        pairs = frame.select(ID, "_accepted").drop_nulls("_accepted").explode("_accepted")
        accepted: dict[tuple[str, str], int] = {}
        for rid, entry in pairs.iter_rows():
            key = (str(rid), str(entry["code"]))
            accepted[key] = accepted.get(key, 0) + int(entry["accepted"])
        yield from to_batches(apply_to_signals(frame.drop("_accepted"), accepted), schema)


def findings_columns() -> list[str]:
    """The findings columns, in order."""
    return list(FINDINGS_SCHEMA)
