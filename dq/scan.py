"""Load then detect: the main job behind ``dq scan`` (and the first half of validate/report).

Why a module of its own: the CLI, the pytest plugin and the report all need
"these paths -> records, quarantine, signal table, findings" and must agree
on it exactly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

import polars as pl

from dq.detect import Detection, detect, warm_up
from dq.load import LoadResult, load, parse_mapping, write_quarantine
from dq.signals.context import DetectContext

if TYPE_CHECKING:
    from dq.stream import StreamOptions

#: Input size (bytes on disk) from which a scan streams unless told otherwise.
#: The in-memory path peaks at ~0.6 GB plus ~4.5x its input (1.18 GB for
#: 128 MB of JSONL, November 2026, Polars 2.1), so 512 MiB of input is about
#: 3 GB: still fine on a CI runner. Streaming costs ~25% more CPU at the
#: default batch size (a fixed cost per batch, and text keys for
#: duplicate_record). Moves with dq.stream.DEFAULT_BATCH_BYTES.
STREAM_THRESHOLD_BYTES: Final = 512 * 2**20


@dataclass(frozen=True)
class FindingTotals:
    """What a streamed scan knows about findings it did not keep in memory.

    ``first``: the first findings in corpus order; ``written``: the file that
    got every finding during the scan (``None``: none did).
    """

    total: int
    by_code: Mapping[str, int]
    first: pl.DataFrame
    written: Path | None


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan produced.

    ``totals`` is set by a streamed scan (:func:`dq.stream.stream_scan`):
    then ``findings`` holds only the findings kept as evidence, and
    ``loaded.articles`` every id but only the kept records' text.
    """

    loaded: LoadResult
    detection: Detection
    totals: FindingTotals | None = None

    @property
    def streamed(self) -> bool:
        return self.totals is not None

    @property
    def findings(self) -> pl.DataFrame:
        return self.detection.findings

    @property
    def signals(self) -> pl.DataFrame:
        return self.detection.signals

    def summary_line(self) -> str:
        """``N records: L loaded, Q quarantined (reason: n, ...)``."""
        lr = self.loaded
        by = lr.counts_by_reason()
        q = sum(by.values())
        detail = f" ({', '.join(f'{k}: {v}' for k, v in sorted(by.items()))})" if by else ""
        return f"{lr.seen} records: {lr.articles.height} loaded, {q} quarantined{detail}"

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
        if findings is not None and self.totals is not None:
            if self.totals.written != findings:
                raise ValueError(
                    f"{findings}: a streamed scan writes findings while it runs; "
                    "pass the path in StreamOptions.findings_path"
                )
        elif findings is not None:
            write_findings(self.findings, findings)
        if signals is not None:
            signals.parent.mkdir(parents=True, exist_ok=True)
            self.signals.write_parquet(signals)
        if quarantine is not None:
            quarantine.parent.mkdir(parents=True, exist_ok=True)
            write_quarantine(self.loaded.quarantine, quarantine)


def write_findings(findings: pl.DataFrame, path: Path) -> None:
    """One JSON object per finding, keys in the documented order; ``fix`` only when set."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        append_findings(findings, fh)


def append_findings(findings: pl.DataFrame, out: IO[str]) -> None:
    """Findings as JSON lines (the ``--findings`` format): keys in order, ``fix`` only when set."""
    for row in findings.iter_rows(named=True):
        if row.get("fix") is None:
            row.pop("fix", None)
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def input_bytes(paths: Sequence[str | Path], fmt: str | None = None) -> int:
    """Bytes on disk of every file a load of ``paths`` would read."""
    from dq.load._discover import discover

    total = 0
    for source in discover(paths, fmt).sources:
        try:
            total += source.path.stat().st_size
        except OSError:
            continue  # the loader quarantines it
    return total


def run_scan(
    paths: Sequence[str | Path],
    *,
    mappings: Sequence[str] = (),
    fmt: str | None = None,
    codes: Sequence[str] | None = None,
    ctx: DetectContext | None = None,
    stream: bool | None = None,
    stream_options: StreamOptions | None = None,
) -> ScanResult:
    """Load ``paths`` into the article schema and run the registry over them.

    ``stream``: scan a batch at a time (:func:`dq.stream.stream_scan`);
    ``None`` streams when the input is :data:`STREAM_THRESHOLD_BYTES` or more.
    """
    ctx = ctx or DetectContext()
    warm_up(ctx, codes)  # the lexicon loads while the input does
    if stream is None:
        stream = input_bytes(paths, fmt) >= STREAM_THRESHOLD_BYTES
    if stream:
        from dq.stream import stream_scan

        return stream_scan(
            paths, mappings=mappings, fmt=fmt, codes=codes, ctx=ctx, options=stream_options
        )
    loaded = load(paths, mapping=parse_mapping(list(mappings)), fmt=fmt)
    detection = detect(loaded.articles, ctx=ctx, codes=codes)
    return ScanResult(loaded, detection)
