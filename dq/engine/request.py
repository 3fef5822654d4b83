"""What to scan and how: one frozen :class:`ScanRequest`, built once by the CLI or the API.

Why one object: the scan's parameters (paths, column mapping, format, codes,
streaming, batch size, where findings go, what a streamed scan keeps) used
to be threaded through five signatures (``run_scan``, ``stream_scan``,
``validate_corpus``, ``ReportOptions``, the validate CLI), each copying
them on. A request is built and checked once, then passed through whole.

A leaf module: it imports no Polars, so the CLI builds a request cheaply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypedDict, Unpack

if TYPE_CHECKING:
    from dq.load import LoadLimits

#: Bytes of input per batch. 64 MiB of JSON lines is ~16k news articles.
#: Measured streaming bench_scale's 200 MB corpus (205 MB of JSONL, 2026-11-27,
#: Polars 2.1, 2 cores, /tmp/ssz2.py in the closing note): 16 / 32 / 64 /
#: 128 MiB batches took 12.0 / 9.9 / 8.5 / 8.1 s at a peak RSS of 0.80 /
#: 0.90 / 0.99 / 1.14 GB (about 0.6 GB of that is the interpreter, Polars and
#: the lexicon). Smaller batches cost time (a fixed cost per detect call),
#: larger ones memory.
DEFAULT_BATCH_BYTES: Final = 64 * 2**20
#: Records kept per reason code with their findings and text (twice: by most
#: findings and by lowest id). At least the report's ``--examples`` and
#: validate's ``--limit``, which the CLI raises it to.
KEPT_RECORDS: Final = 50
#: Findings kept in corpus order for the terminal table (``dq scan --limit``).
FIRST_FINDINGS: Final = 50
#: Input size (bytes on disk) from which a scan streams unless told otherwise.
#: The in-memory path peaks at ~0.6 GB plus ~3x its input (1.19 GB for
#: 205 MB of JSONL, bench_scale.py, 2026-11-28, Polars 2.1), so 512 MiB of
#: input is about 2.2 GB: still fine on a CI runner. Streaming runs ~5%
#: slower at the default batch size (33.2 against 31.5 MB/s in the same
#: benchmark: a fixed cost per batch, and a text key per record for
#: duplicate_record). Moves with DEFAULT_BATCH_BYTES.
STREAM_THRESHOLD_BYTES: Final = 512 * 2**20


@dataclass(frozen=True)
class StreamOptions:
    """How to stream: batch size, where the findings go, what to keep in memory.

    Kept for callers of ``dq.stream.stream_scan``; a :class:`ScanRequest` carries the same.
    """

    batch_bytes: int = DEFAULT_BATCH_BYTES
    #: Every finding is written here as JSON lines, batch by batch.
    findings_path: Path | None = None
    kept_records: int = KEPT_RECORDS
    first_findings: int = FIRST_FINDINGS


@dataclass(frozen=True)
class BatchDone:
    """One batch of a scan detected (:attr:`ScanRequest.on_batch`).

    ``nbytes``: bytes of input the batch stood for (the batches of a scan
    add up to its input's size on disk, file after file in load order);
    ``seen``: input records in it, loaded or quarantined; ``findings``: what
    it found. An in-memory scan is one batch.
    """

    nbytes: int
    seen: int
    findings: int


#: Called after each batch is detected, in the scan's thread (a progress bar).
OnBatch = Callable[[BatchDone], None]


class RequestArgs(TypedDict, total=False):
    """The arguments :meth:`ScanRequest.of` and :meth:`ScanRequest.build` share."""

    mapping: Mapping[str, str] | None
    fmt: str | None
    codes: Iterable[str] | None
    stream: bool | None
    limits: LoadLimits | None
    on_batch: OnBatch | None


@dataclass(frozen=True)
class ScanRequest:
    """One scan: inputs, what to detect, and how to stream.

    ``paths``: files, folders or globs. ``mapping``: ``{article field: input
    column}`` (see :func:`dq.load.parse_mapping`). ``codes``: the reason codes
    to run (None: all). ``stream``: scan a batch at a time; None streams when
    the input is :data:`STREAM_THRESHOLD_BYTES` or more. ``limits``: the
    loader's :class:`dq.load.LoadLimits` for ``load``/``load_batches`` (None:
    the defaults). ``on_batch``: told of each batch once it is detected
    (:class:`BatchDone`; a progress bar), never part of what is found. The
    rest says how a streamed scan runs (:class:`StreamOptions`).

    >>> r = ScanRequest.build(["corpus/"], codes=["licence_nag"], kept_records=3)
    >>> r.paths, r.codes, r.kept_records, r.batch_bytes == DEFAULT_BATCH_BYTES
    (('corpus/',), ('licence_nag',), 50, True)
    """

    paths: tuple[str | Path, ...]
    mapping: Mapping[str, str] = field(default_factory=dict)
    fmt: str | None = None
    codes: tuple[str, ...] | None = None
    stream: bool | None = None
    options: StreamOptions = field(default_factory=StreamOptions)
    #: The loader's size limits (``--max-record-mb`` ...); None: the defaults.
    limits: LoadLimits | None = None
    on_batch: OnBatch | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        paths: Iterable[str | Path],
        *,
        options: StreamOptions | None = None,
        **given: Unpack[RequestArgs],
    ) -> ScanRequest:
        """A request from parsed arguments (:class:`RequestArgs`), ``options`` None for
        the defaults: what the API before the request (``run_scan``, ``stream_scan``,
        ``validate_corpus``) passes on.

        >>> ScanRequest.of(["a.jsonl"], codes=["licence_nag"]) == ScanRequest(
        ...     ("a.jsonl",), codes=("licence_nag",))
        True
        """
        codes = given.get("codes")
        return cls(
            paths=tuple(paths),
            mapping=dict(given.get("mapping") or {}),
            fmt=given.get("fmt"),
            codes=None if codes is None else tuple(codes),
            stream=given.get("stream"),
            options=options or StreamOptions(),
            limits=given.get("limits"),
            on_batch=given.get("on_batch"),
        )

    @classmethod
    def build(
        cls,
        paths: Iterable[str | Path],
        *,
        batch_bytes: int | None = None,
        findings_path: Path | None = None,
        kept_records: int = 0,
        first_findings: int = FIRST_FINDINGS,
        **given: Unpack[RequestArgs],
    ) -> ScanRequest:
        """A request from command-line style arguments: ``batch_bytes`` None is the
        default; ``kept_records`` is raised to :data:`KEPT_RECORDS` (what a report's
        examples or validate's ``--limit`` need, at least)."""
        options = StreamOptions(
            batch_bytes=batch_bytes or DEFAULT_BATCH_BYTES,
            findings_path=findings_path,
            kept_records=max(KEPT_RECORDS, kept_records),
            first_findings=first_findings,
        )
        return cls.of(paths, options=options, **given)

    @property
    def batch_bytes(self) -> int:
        return self.options.batch_bytes

    @property
    def findings_path(self) -> Path | None:
        return self.options.findings_path

    @property
    def kept_records(self) -> int:
        return self.options.kept_records
