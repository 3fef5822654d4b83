"""One scan's result: records, quarantine, signal table, findings.

Why a module of its own: the engine (:mod:`dq.engine.scan`,
:mod:`dq.engine.stream`) produces a :class:`ScanResult`; the report, the
validator and the CLI read it. Neither side imports the other's module.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from dq.engine.detect import Detection
from dq.engine.findings import write_findings
from dq.errors import UsageError
from dq.load import LoadResult, write_quarantine

#: The columns of :meth:`ScanResult.sources`.
_SOURCE_SCHEMA = {"id": pl.String, "dq_file": pl.String, "dq_row": pl.Int64}


@dataclass(frozen=True)
class FindingTotals:
    """Every scan's finding counts, whether or not it kept the findings in memory.

    ``first``: the first findings in corpus order; ``written``: the file that
    got every finding during the scan (``None``: none did, they are in memory).
    """

    total: int
    by_code: Mapping[str, int]
    first: pl.DataFrame
    written: Path | None

    @classmethod
    def of(cls, findings: pl.DataFrame) -> FindingTotals:
        """The totals of findings held in memory (an in-memory scan)."""
        by_code = dict(findings.group_by("code").len().iter_rows())
        return cls(findings.height, by_code, findings, None)


class SpilledSignals:
    """A signal table written to disk in Parquet parts (a streamed scan), read back when asked.

    Why: a nightly scan of tens of millions of records would otherwise keep
    ~170 bytes a record in memory until the end, and concatenating the
    batches' tables doubles that for a moment. The parts live in a temporary
    folder owned by this object (removed with it, or at exit).
    """

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="dq-signals-"))
        # removed when this object goes, or at exit (no ResourceWarning, unlike
        # TemporaryDirectory's implicit clean-up)
        weakref.finalize(self, shutil.rmtree, self._folder, ignore_errors=True)
        self.parts: list[Path] = []
        self.source_parts: list[Path] = []
        self.rows = 0
        self._frame: pl.DataFrame | None = None

    def add(self, table: pl.DataFrame, *, sources: pl.DataFrame | None = None) -> None:
        """Write one batch's table (same columns as the ones before) as the next part,
        and its records' ``sources`` (``id, dq_file, dq_row``) beside it."""
        path = self._folder / f"part-{len(self.parts):06d}.parquet"
        table.write_parquet(path, compression="lz4")
        self.parts.append(path)
        self.rows += table.height
        if sources is not None:
            where = self._folder / f"sources-{len(self.source_parts):06d}.parquet"
            sources.write_parquet(where, compression="lz4")
            self.source_parts.append(where)

    def frame(self) -> pl.DataFrame:
        """The whole table (read once, then kept)."""
        if self._frame is None:
            self._frame = pl.read_parquet(self.parts)
        return self._frame

    def lazy(self) -> pl.LazyFrame:
        """The table, lazily: a scan of its parts (nothing read until collected,
        then only the columns asked for), or the table itself once :meth:`frame` read it."""
        return self._frame.lazy() if self._frame is not None else pl.scan_parquet(self.parts)

    def sink(self, path: Path) -> None:
        """Write the whole table to ``path`` without holding it in memory."""
        self.lazy().sink_parquet(path)

    def sources(self) -> pl.LazyFrame | None:
        """Every record's ``id, dq_file, dq_row``, lazily (None: none were written)."""
        return pl.scan_parquet(self.source_parts) if self.source_parts else None


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan produced, in one shape however it ran.

    Read it through: ``finding_totals`` (counts per code and the first
    findings), ``findings`` (the evidence: all of it in memory, or after a
    streamed scan the findings of the records kept per code), ``signals`` /
    ``signals_lazy()`` / ``signal_columns()`` (the whole signal table),
    ``sources()`` (each record's file and row), ``records_loaded``. ``spilled``
    is set by a streamed scan (:func:`dq.engine.stream.stream`): its
    ``loaded.articles`` holds only the kept records, and the signal table is on disk until read
    (``detection.signals`` has its columns, no rows).
    """

    loaded: LoadResult
    detection: Detection
    totals: FindingTotals | None = None
    spilled: SpilledSignals | None = None

    @property
    def streamed(self) -> bool:
        return self.spilled is not None

    @property
    def finding_totals(self) -> FindingTotals:
        """Counts of every finding and the first ones, however the scan ran."""
        return self.totals if self.totals is not None else FindingTotals.of(self.findings)

    @property
    def findings(self) -> pl.DataFrame:
        return self.detection.findings

    @property
    def signals(self) -> pl.DataFrame:
        return self.spilled.frame() if self.spilled else self.detection.signals

    def signals_lazy(self) -> pl.LazyFrame:
        """The signal table as a LazyFrame: a scan of the spilled parts after a
        streamed scan, so aggregations over it run in bounded memory."""
        return self.spilled.lazy() if self.spilled else self.detection.signals.lazy()

    def signal_columns(self, columns: Sequence[str]) -> pl.DataFrame:
        """Only ``columns`` of the signal table (those it has), in table order; after a
        streamed scan only they are read from disk (what GX needs of a big corpus)."""
        keep = [c for c in self.detection.signals.columns if c in set(columns)]
        return self.signals_lazy().select(keep).collect()

    def sources(self, record_ids: pl.Series | None = None) -> pl.DataFrame:
        """Where records were read: ``id, dq_file, dq_row`` (file and 1-based row or
        line), of the records in ``record_ids`` (None: all), however the scan ran.

        What machine formats name a finding by (``file:row``); after a streamed
        scan it is read from disk, so only the records asked for are held.
        """
        lazy = self.spilled.sources() if self.spilled else None
        if lazy is None:
            articles = self.loaded.articles
            if not set(_SOURCE_SCHEMA) <= set(articles.columns):
                return pl.DataFrame(schema=_SOURCE_SCHEMA)
            lazy = articles.lazy().select(list(_SOURCE_SCHEMA))
        if record_ids is not None:
            lazy = lazy.filter(pl.col("id").is_in(record_ids.unique().implode()))
        return lazy.collect()

    @property
    def records_loaded(self) -> int:
        """Records loaded (each has a row in the signal table)."""
        return self.spilled.rows if self.spilled else self.loaded.articles.height

    def summary_line(self) -> str:
        """``N records: L loaded, Q quarantined (reason: n, ...)``."""
        lr = self.loaded
        by = lr.counts_by_reason()
        q = sum(by.values())
        detail = f" ({', '.join(f'{k}: {v}' for k, v in sorted(by.items()))})" if by else ""
        return f"{lr.seen} records: {self.records_loaded} loaded, {q} quarantined{detail}"

    def write(
        self,
        *,
        findings: Path | None = None,
        signals: Path | None = None,
        quarantine: Path | None = None,
    ) -> None:
        """Write whichever outputs were asked for (parent folders are created).

        A streamed scan wrote its findings while it ran: asking for them
        again, elsewhere, is an error (only the kept ones are in memory).
        """
        if findings is not None and self.streamed:
            if self.finding_totals.written != findings:
                raise UsageError(
                    f"{findings}: a streamed scan writes findings while it runs; "
                    "pass the path in ScanRequest.options.findings_path"
                )
        elif findings is not None:
            write_findings(self.findings, findings)
        if signals is not None:
            signals.parent.mkdir(parents=True, exist_ok=True)
            if self.spilled is not None:
                self.spilled.sink(signals)
            else:
                self.signals.write_parquet(signals)
        if quarantine is not None:
            quarantine.parent.mkdir(parents=True, exist_ok=True)
            write_quarantine(self.loaded.quarantine, quarantine)
