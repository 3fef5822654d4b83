"""Scan a corpus larger than memory, a batch at a time, with the findings of a whole scan.

Why: a nightly run reads tens of gigabytes; loading it whole needs more
memory than the machine has. :func:`stream` loads a batch of about
``batch_bytes`` of input (:func:`dq.load.load_batches`), detects, writes the
batch's findings to the findings file, tells ``request.on_batch`` (a
progress bar) and keeps only what is small:

* the quarantine list (the signal table, one compact row per record, and
  each record's source, ``id, dq_file, dq_row``, go to temporary Parquet
  parts: :class:`dq.engine.result.SpilledSignals`);
* for each corpus-scope record signal (``Signal.key``, e.g. ``duplicate_record``)
  a 64-bit key per record, so it sees earlier batches;
* for each corpus-scope line signal (``Signal.corpus_lines``, e.g.
  ``repeated_boilerplate``) the pairs it condemns, aggregated by a pre-pass
  over every batch before the first is detected (:func:`corpus_prepass`):
  each batch's distinct candidate rows are spilled to a Parquet part, and
  the parts are aggregated once;
* per reason code, the findings and text of a few records (the ones with
  most findings, and the ones with the lowest ids): what the report's
  examples and validate's evidence show;
* the first findings in corpus order and the count per code, for the terminal.

The signal table, the findings file and the quarantine equal those of the
in-memory path exactly (``tests/test_stream.py`` checks it across batch
sizes). What differs: ``ScanResult.findings`` holds the kept findings only,
``loaded.articles`` the kept records only (``ScanResult.records_loaded``
counts all), and the signal table is read from disk when asked for.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, wait
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Final

import polars as pl

from dq.engine.batchcache import BatchCache
from dq.engine.corpus import candidates, keyed_rows
from dq.engine.detect import Detection, batch_candidates, detect, select_signals
from dq.engine.findings import append_findings, record_findings, sort_findings
from dq.engine.request import BatchDone, ScanRequest, StreamOptions
from dq.engine.result import FindingTotals, ScanResult, SpilledSignals
from dq.load import LoadResult, load_batches
from dq.schema import FINDINGS_SCHEMA, ID, TEXT, Quarantined
from dq.signals.base import KeyFunction, Signal
from dq.signals.context import DetectContext

#: Columns of a kept record: what the report's examples show, and where it was read.
_KEPT_COLUMNS: Final = (ID, TEXT, "title", "source", "dq_file", "dq_row")
#: Columns of every record's source location (``ScanResult.sources``): file, row.
_SOURCE_COLUMNS: Final = (ID, "dq_file", "dq_row")
#: Records whose text keys (:func:`text_keys`) are computed at a time: the
#: keys are computed beside detect(), at its peak of memory, and normalising
#: copies a text three times; 2,000 news articles are about 8 MB.
KEY_SLICE: Final = 2_000
#: Buckets of sites the pre-pass of a corpus-wide line signal spills its
#: candidate rows to (:func:`corpus_prepass`). Rows take about 13% of the
#: input's bytes in memory (measured 2026-12-07 on /work/audit/data: 3.6 MB
#: of JSON Lines, 17k rows, 0.47 MB), so 16 buckets keep the aggregation of
#: 10 GB of input near 80 MB; parts are small (one per bucket and batch).
SITE_BUCKETS: Final = 16


def text_keys(texts: pl.Series, key: KeyFunction, slice_size: int = KEY_SLICE) -> pl.Series:
    """``key`` (a corpus-scope signal's :attr:`~dq.signals.base.Signal.key`) of each text.

    Computed ``slice_size`` records at a time (:data:`KEY_SLICE`).

    >>> from dq.signals.registry import get
    >>> keys = text_keys(pl.Series(["A b.\\n\\nC d.", "a B. c d.", "A b. C e."]),
    ...                  get("duplicate_record").key)
    >>> keys[0] == keys[1], keys[0] == keys[2]
    (True, False)
    """
    keys = [
        pl.select(key(pl.lit(texts.slice(at, slice_size)))).to_series()
        for at in range(0, texts.len(), slice_size)
    ]
    return pl.concat(keys).alias("key") if keys else pl.Series("key", [], pl.UInt64)


def _batches(request: ScanRequest) -> Iterator[LoadResult]:
    """The input of ``request``, a batch of ``request.batch_bytes`` at a time."""
    return load_batches(
        request.paths, batch_bytes=request.batch_bytes, mapping=dict(request.mapping),
        fmt=request.fmt, limits=request.limits,
    )


@dataclass(frozen=True)
class CorpusPass:
    """What :func:`corpus_prepass` learnt: per corpus-wide line signal, the
    ``site, key`` pairs it condemns (``found``); per batch (by number) the
    file of that batch's keyed candidate rows (``rows``), which :func:`detect`
    reads instead of computing them again; and the batches it loaded
    (``cache``), which the scan reads instead of loading the input again."""

    found: dict[str, pl.DataFrame] = field(default_factory=dict)
    rows: dict[int, dict[str, Path]] = field(default_factory=dict)
    cache: BatchCache | None = None

    def rows_of(self, n: int) -> dict[str, pl.DataFrame]:
        """Batch ``n``'s candidate rows by code (none for a batch the pre-pass skipped)."""
        return {code: pl.read_ipc(path) for code, path in self.rows.get(n, {}).items()}

    def batches(self, request: ScanRequest) -> Iterator[LoadResult]:
        """The input of ``request`` a batch at a time: the pre-pass's, else loaded."""
        if self.cache is not None and self.cache.complete:
            return self.cache.batches()
        return _batches(request)


def corpus_prepass(
    request: ScanRequest, signals: Sequence[Signal], folder: Path
) -> CorpusPass:
    """Per corpus-wide line signal in ``signals``: the ``site, key`` pairs it
    condemns in the whole input of ``request``, read a batch at a time.

    Memory: a batch's distinct candidate rows (``site, key, page``; one per
    short line with a letter, and one per page) go to Arrow IPC parts in
    ``folder``, one per bucket of sites (:data:`SITE_BUCKETS`); the aggregation runs a
    bucket at a time (a site's rows are all in one bucket), so it holds
    about 1/:data:`SITE_BUCKETS` of the rows at once. The rows that name a
    line (``rid, line_no, site, key``) are kept in ``folder`` too, a file
    per batch: computing them is most of a batch's pre-pass (measured
    2026-12-07 on a 64 MB bench_scale shard: 0.68 s CPU, the load 0.85 s),
    and detect() would compute them again. So are the batches themselves
    (:class:`~dq.engine.batchcache.BatchCache`): the scan parses its input once.
    """
    sigs = [s for s in signals if s.corpus_lines is not None]
    if not sigs:
        return CorpusPass()
    parts: dict[str, list[Path]] = {s.code: [] for s in sigs}
    out = CorpusPass(cache=BatchCache(folder))
    assert out.cache is not None
    for n, batch in enumerate(_batches(request)):
        if batch.articles.height:
            for sig in sigs:
                kept, bucketed = _spill_rows(batch, sig, folder, n)
                out.rows.setdefault(n, {})[sig.code] = kept
                parts[sig.code] += bucketed
        out.cache.add(batch)
    out.found.update(
        {sig.code: _aggregate(sig, parts[sig.code]) for sig in sigs if parts[sig.code]}
    )
    return out


def _spill_rows(batch: LoadResult, sig: Signal, folder: Path, n: int) -> tuple[Path, list[Path]]:
    """Batch ``n``'s candidate rows of ``sig`` in files: the keyed ones (one file), and
    the distinct ``site, key, page`` (a file per bucket of sites)."""
    every = batch_candidates(batch.articles, sig)
    kept = folder / f"{sig.code}-rows-{n:06d}.arrow"
    keyed_rows(every).write_ipc(kept)
    rows = candidates(every).with_columns(
        (pl.col("site").hash(seed=15) % SITE_BUCKETS).alias("_bucket")
    )
    paths = []
    for (bucket,), part in rows.partition_by("_bucket", as_dict=True).items():
        path = folder / f"{sig.code}-{bucket:02d}-{n:06d}.arrow"
        part.drop("_bucket").write_ipc(path)
        paths.append(path)
    return kept, paths


def _aggregate(sig: Signal, parts: Sequence[Path]) -> pl.DataFrame:
    """``sig``'s pairs from its candidate-row parts, a bucket of sites at a time."""
    assert sig.corpus_lines is not None
    buckets: dict[str, list[Path]] = {}
    for path in parts:
        buckets.setdefault(path.name.split("-")[-2], []).append(path)
    found = [
        sig.corpus_lines.aggregate(pl.scan_ipc(paths).unique()).collect()
        for _, paths in sorted(buckets.items())
    ]
    return pl.concat(found).sort("site", "key")


def _with_corpus_flags(
    batch: Detection,
    keys: Mapping[str, pl.Series],
    earlier: Mapping[str, pl.Series],
    sigs: Sequence[Signal],
    signals: Sequence[Signal],
    columns: Sequence[str],
) -> Detection:
    """``batch`` (detected without the corpus-scope signals ``sigs``) with their codes
    set from text keys (:func:`text_keys`: ``keys`` of the batch's records and
    ``earlier`` of the records before, by code): a record whose key an earlier
    record of this batch or of an earlier one had. ``signals``: all those
    selected; ``columns``: the signal table's columns, in order.

    Why keys for the batch too: a streamed scan needs every record's key for
    the batches after it anyway, so the key is computed once, not again
    inside the signal's expression. The same records are flagged: a key is
    equal for the records the signal calls the same (``Signal.key``).
    """
    table = batch.signals
    flags: dict[str, pl.Series] = {}
    for sig in sigs:
        batch_keys = keys[sig.code]
        flag = batch_keys.is_in(earlier[sig.code].implode()) | batch_keys.is_first_distinct().not_()
        flag = flag & batch_keys.is_not_null()  # a null key (an empty text) is no copy
        flags[sig.code] = flag.cast(pl.UInt32)
        family = f"n_{sig.family}"
        if family not in table.columns:  # the signal was the family's only code
            table = table.with_columns(pl.lit(0, pl.UInt32).alias(family))
        total = pl.col(family) if sig.positive else pl.col(family) + flags[sig.code]
        table = table.with_columns(flags[sig.code].alias(sig.code), total.alias(family))
    table = table.select(columns)
    ids = table.get_column(ID)
    added = [
        record_findings(ids.filter(flags[s.code] > 0), s) for s in sigs if not s.positive
    ]
    if not any(a.height for a in added):
        return Detection(table, batch.findings)
    rids = table.select(pl.int_range(pl.len()).alias("rid"), ID)  # the table is in rid order
    return Detection(table, sort_findings(pl.concat([batch.findings, *added]), rids, signals))


def _picks(counts: pl.DataFrame, keep: int) -> pl.DataFrame:
    """Per code: the ``keep`` records with most findings (ties: lowest id), the ``keep`` lowest ids.

    >>> counts = pl.DataFrame({"code": ["c"] * 3, "record_id": ["a", "b", "z"], "n": [1, 1, 9]})
    >>> sorted(_picks(counts, 1)["record_id"].to_list())
    ['a', 'z']
    """
    by_count = (
        counts.sort(["code", "n", "record_id"], descending=[False, True, False])
        .group_by("code", maintain_order=True)
        .head(keep)
    )
    by_id = counts.sort(["code", "record_id"]).group_by("code", maintain_order=True).head(keep)
    return pl.concat([by_count, by_id]).unique(["code", "record_id"], maintain_order=True)


@dataclass
class _Kept:
    """What a streamed scan carries from batch to batch (small, bounded)."""

    keep: int
    first_limit: int
    picks: pl.DataFrame
    findings: pl.DataFrame
    articles: pl.DataFrame
    first: pl.DataFrame
    by_code: Counter[str]
    total: int = 0

    def add(self, found: pl.DataFrame, articles: pl.DataFrame) -> None:
        self.total += found.height
        self.by_code.update(dict(found.group_by("code").len().iter_rows()))
        if self.first.height < self.first_limit:
            self.first = pl.concat([self.first, found.head(self.first_limit - self.first.height)])
        counts = found.group_by("code", "record_id").agg(pl.len().cast(pl.UInt32).alias("n"))
        self.picks = _picks(pl.concat([self.picks, counts]), self.keep)
        pairs = self.picks.select("code", "record_id")
        self.findings = pl.concat([self.findings, found]).join(
            pairs, on=["code", "record_id"], how="semi", maintain_order="left"
        )
        cols = [pl.col(c) if c in articles.columns else pl.lit(None, pl.String).alias(c)
                for c in _KEPT_COLUMNS]
        self.articles = pl.concat([self.articles, articles.select(cols)]).filter(
            pl.col(ID).is_in(pairs.get_column("record_id").implode())
        )


def _new_kept(options: StreamOptions) -> _Kept:
    return _Kept(
        keep=options.kept_records,
        first_limit=options.first_findings,
        picks=pl.DataFrame(schema={"code": pl.String, "record_id": pl.String, "n": pl.UInt32}),
        findings=pl.DataFrame(schema=FINDINGS_SCHEMA),
        articles=pl.DataFrame(schema={**dict.fromkeys(_KEPT_COLUMNS, pl.String),
                                      "dq_row": pl.Int64}),
        first=pl.DataFrame(schema=FINDINGS_SCHEMA),
        by_code=Counter(),
    )


@dataclass
class _Run:
    """One streamed scan's state between batches: output, records seen, duplicate keys.

    Side work runs on the context's executor beside detect(), which leaves
    part of the second core idle: the batch's text keys, and writing the
    batch before's findings (in batch order: a write starts once the one
    before it is done). Measured with `dq scan` of bench_scale's 1 GB shards
    (2 cores, Polars 2.1, 2026-11-28, then on a thread of its own): 36.8 s ->
    32.3 s, peak RSS 1.43 -> 1.46 GB. Reading the next batch there too saved
    2.5 s more but held a second batch in memory (+95 MB), which dq validate
    at 4 GB has no room for.
    """

    request: ScanRequest
    ctx: DetectContext
    signals: tuple[Signal, ...]
    out: IO[str] | None
    kept: _Kept
    spilled: SpilledSignals = field(default_factory=SpilledSignals)
    quarantine: list[Quarantined] = field(default_factory=list)
    keys: dict[str, pl.Series] = field(default_factory=dict)  # by corpus-scope code
    corpus: CorpusPass = field(default_factory=CorpusPass)  # corpus_prepass()
    batches: int = 0  # batches seen so far (numbered as the pre-pass numbered them)
    seen: int = 0
    nbytes: int = 0
    last: LoadResult | None = None
    writing: Future[None] | None = None
    empty: pl.DataFrame | None = None  # the signal table's columns, no rows

    @property
    def corpus_sigs(self) -> tuple[Signal, ...]:
        # corpus-scope record signals come from text keys (_with_corpus_flags),
        # not detect(); corpus-scope line signals from detect() with self.corpus
        return tuple(s for s in self.signals if s.key is not None)

    def empty_table(self, articles: pl.DataFrame) -> pl.DataFrame:
        if self.empty is None:
            self.empty = detect(articles.clear(), ctx=self.ctx, codes=self.request.codes).signals
        return self.empty

    def batch(self, batch: LoadResult) -> None:
        """Account for one batch, detect it, and tell ``request.on_batch``."""
        self.last = batch
        self.batches += 1
        self.seen += batch.seen
        self.nbytes += batch.nbytes
        self.quarantine += batch.quarantine
        found = self.detect(batch.articles) if batch.articles.height else 0
        if self.request.on_batch is not None:
            self.request.on_batch(BatchDone(batch.nbytes, batch.seen, found))

    def detect(self, articles: pl.DataFrame) -> int:
        """Detect one batch's records; spill its table and sources, hand its findings
        to the writer, keep a few. Returns how many findings it had."""
        empty = self.empty_table(articles)
        corpus = self.corpus_sigs
        side = self.ctx.executor()
        texts = articles.get_column(TEXT)
        keying = {c.code: side.submit(text_keys, texts, c.key) for c in corpus if c.key}
        batch_codes = [s.code for s in self.signals if s not in corpus]
        found = detect(articles, ctx=self.ctx, codes=batch_codes, corpus=self.corpus.found,
                       corpus_rows=self.corpus.rows_of(self.batches - 1))
        if keying:
            batch_keys = {code: job.result() for code, job in keying.items()}
            earlier = {
                code: self.keys.get(code, pl.Series("key", [], pl.UInt64)) for code in keying
            }
            found = _with_corpus_flags(
                found, batch_keys, earlier, corpus, self.signals, empty.columns
            )
            for code, new in batch_keys.items():
                self.keys[code] = pl.concat([earlier[code], new], rechunk=False)
        self.spilled.add(found.signals, sources=articles.select(_SOURCE_COLUMNS))
        if self.out is not None:
            self.flush()
            self.writing = side.submit(append_findings, found.findings, self.out)
        self.kept.add(found.findings, articles)
        return found.findings.height

    def flush(self) -> None:
        """Wait for the findings being written (raises what the write raised)."""
        if self.writing is not None:
            self.writing.result()

    def settle(self) -> None:
        """Wait for the findings being written, raising nothing (the scan failed, or
        :meth:`flush` raised already): the file is not closed under the write."""
        if self.writing is not None:
            wait([self.writing])

    def result(self) -> ScanResult:
        if self.last is None:  # pragma: no cover - discover raises before an empty plan
            raise ValueError("no input batches")
        empty = self.empty_table(self.last.articles)  # no batch had a record: built here
        if not self.spilled.parts:
            self.spilled.add(empty)
        kept = self.kept
        loaded = LoadResult(kept.articles, self.quarantine, self.seen, self.last.files,
                            self.last.skipped, self.nbytes)
        totals = FindingTotals(
            total=kept.total,
            by_code=dict(kept.by_code),
            first=kept.first,
            written=self.request.options.findings_path,
        )
        return ScanResult(loaded, Detection(empty, kept.findings), totals, self.spilled)


def stream(request: ScanRequest, *, ctx: DetectContext | None = None) -> ScanResult:
    """Scan ``request`` a batch at a time; memory bounded by its batch size.

    The findings file (``request.options.findings_path``) is written as the
    batches are scanned; the result's ``totals`` count every finding.
    """
    opts = request.options
    ctx = ctx or DetectContext()
    with ExitStack() as stack:
        out = None
        if opts.findings_path is not None:
            opts.findings_path.parent.mkdir(parents=True, exist_ok=True)
            out = stack.enter_context(opts.findings_path.open("w", encoding="utf-8"))
        signals = select_signals(request.codes)
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dq-corpus-")))
        run = _Run(request, ctx, signals, out, _new_kept(opts),
                   corpus=corpus_prepass(request, signals, folder))
        stack.callback(run.settle)  # before the file closes, whatever happened
        for batch in run.corpus.batches(request):
            run.batch(batch)
        run.flush()
    return run.result()
