"""Load then detect: the main job behind ``dq scan`` (and the first half of validate/report).

Why a module of its own: the CLI, the pytest plugin and the report all need
"these paths -> records, quarantine, signal table, findings" and must agree
on it exactly.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

import polars as pl

from dq.detect import FINDINGS_SCHEMA, Detection, detect, warm_up
from dq.load import LoadResult, load, parse_mapping, write_quarantine
from dq.signals.context import DetectContext

if TYPE_CHECKING:
    from dq.stream import StreamOptions

#: Input size (bytes on disk) from which a scan streams unless told otherwise.
#: The in-memory path peaks at ~0.6 GB plus ~3x its input (1.19 GB for
#: 205 MB of JSONL, bench_scale.py, 2026-11-28, Polars 2.1), so 512 MiB of
#: input is about 2.2 GB: still fine on a CI runner. Streaming runs ~5%
#: slower at the default batch size (33.2 against 31.5 MB/s in the same
#: benchmark: a fixed cost per batch, and a text key per record for
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
        self.rows = 0
        self._frame: pl.DataFrame | None = None

    def add(self, table: pl.DataFrame) -> None:
        """Write one batch's table (same columns as the ones before) as the next part."""
        path = self._folder / f"part-{len(self.parts):06d}.parquet"
        table.write_parquet(path, compression="lz4")
        self.parts.append(path)
        self.rows += table.height

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


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan produced.

    ``totals`` and ``spilled`` are set by a streamed scan
    (:func:`dq.stream.stream_scan`): then ``findings`` holds only the
    findings kept as evidence, ``loaded.articles`` only the kept records
    (``records_loaded`` counts all), and the signal table is on disk until
    ``signals`` is read (``detection.signals`` has its columns, no rows).
    """

    loaded: LoadResult
    detection: Detection
    totals: FindingTotals | None = None
    spilled: SpilledSignals | None = None

    @property
    def streamed(self) -> bool:
        return self.totals is not None

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
            if self.spilled is not None:
                self.spilled.sink(signals)
            else:
                self.signals.write_parquet(signals)
        if quarantine is not None:
            quarantine.parent.mkdir(parents=True, exist_ok=True)
            write_quarantine(self.loaded.quarantine, quarantine)


def write_findings(findings: pl.DataFrame, path: Path) -> None:
    """One JSON object per finding, keys in the documented order; ``fix`` only when set."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        append_findings(findings, fh)


#: Findings turned into JSON lines at a time (bounds the text built in memory).
#: A streamed scan writes a batch's findings while it detects the next batch,
#: so this adds to detect()'s peak: `dq scan` of bench_scale's 1 GB, 100k ->
#: 20k findings: peak RSS 1.51-1.56 -> 1.45-1.48 GB, same time (2026-11-28).
_JSON_CHUNK: Final = 20_000


def append_findings(findings: pl.DataFrame, out: IO[str]) -> None:
    """Findings as JSON lines (the ``--findings`` format): keys in order, ``fix`` only when set.

    The bytes of ``json.dumps(row, ensure_ascii=False)`` per row, built by
    Polars (:func:`findings_json`): 2.5 times faster than a ``json.dumps``
    per finding (46k findings: 0.23 s -> 0.09 s, 2026-11-27); a test holds
    the two equal on any text.
    """
    for offset in range(0, findings.height, _JSON_CHUNK):
        chunk = findings.slice(offset, _JSON_CHUNK).select(findings_json().alias("j"))
        out.write(chunk.get_column("j").str.join("\n").item() + "\n")


def _json_value(column: str) -> pl.Expr:
    """The JSON text of a column's values (strings quoted and escaped as json.dumps does)."""
    encoded = pl.struct(pl.col(column)).struct.json_encode()  # {"<column>":<value>}
    return encoded.str.slice(len(column) + 4).str.head(-1)


def findings_json() -> pl.Expr:
    """One JSON object per findings row, as ``json.dumps(row, ensure_ascii=False)``
    writes it (keys in :data:`~dq.detect.FINDINGS_SCHEMA` order; ``fix`` left out when null).

    >>> df = pl.DataFrame({"record_id": ["a"], "line": [2], "start": [5], "end": [7],
    ...     "code": ["c"], "family": ["f"], "severity": ["warning"], "evidence": ["phrase"],
    ...     "snippet": ['"x" é'],
    ...     "fix": [None]}, schema_overrides={"fix": pl.String})
    >>> import json
    >>> line = df.select(findings_json()).item()
    >>> line == json.dumps(df.drop("fix").row(0, named=True), ensure_ascii=False)
    True
    """
    parts: list[pl.Expr] = []
    for i, column in enumerate(c for c in FINDINGS_SCHEMA if c != "fix"):
        parts += [pl.lit(("{" if i == 0 else ", ") + f'"{column}": '), _json_value(column)]
    fix = (
        pl.when(pl.col("fix").is_null())
        .then(pl.lit(""))
        .otherwise(pl.lit(', "fix": ') + _json_value("fix"))
    )
    return pl.concat_str([*parts, fix, pl.lit("}")])


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
