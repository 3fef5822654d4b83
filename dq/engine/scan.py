"""Load then detect: the job behind ``dq scan`` (and the first half of validate and report).

Why a module of its own: the CLI, the pytest plugin and the report all need
"this request -> records, quarantine, signal table, findings" and must agree
on it exactly. A request streams (:mod:`dq.engine.stream`) or runs in memory
here; either way the caller gets a :class:`~dq.engine.result.ScanResult`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dq.engine.detect import detect, warm_up
from dq.engine.request import STREAM_THRESHOLD_BYTES, BatchDone, ScanRequest, StreamOptions
from dq.engine.result import FindingTotals, ScanResult
from dq.engine.stream import stream
from dq.load import load, parse_mapping
from dq.signals.context import DetectContext

__all__ = ["STREAM_THRESHOLD_BYTES", "input_bytes", "run", "run_scan", "stream_scan"]


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


def run(request: ScanRequest, *, ctx: DetectContext | None = None) -> ScanResult:
    """Load ``request.paths`` into the article schema and run the selected signals over them.

    Streams (:func:`dq.engine.stream.stream`) when ``request.stream`` says so,
    or (None) when the input is :data:`STREAM_THRESHOLD_BYTES` or more.
    The warm-up starts once per context (the CLI's early context may have
    started it already).
    """
    ctx = ctx or DetectContext()
    warm_up(ctx, request.codes)  # the lexicon loads while the input does
    streaming = request.stream
    if streaming is None:
        streaming = input_bytes(request.paths, request.fmt) >= STREAM_THRESHOLD_BYTES
    if streaming:
        return stream(request, ctx=ctx)
    loaded = load(
        request.paths, mapping=dict(request.mapping), fmt=request.fmt, limits=request.limits
    )
    detection = detect(loaded.articles, ctx=ctx, codes=request.codes)
    if request.on_batch is not None:  # in memory, the whole input is one batch
        request.on_batch(BatchDone(loaded.nbytes, loaded.seen, detection.findings.height))
    return ScanResult(loaded, detection, FindingTotals.of(detection.findings))


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
    """:func:`run` with the parameters spelled out (the API before :class:`ScanRequest`)."""
    request = ScanRequest.of(paths, mapping=parse_mapping(list(mappings)), fmt=fmt, codes=codes,
                             stream=stream, options=stream_options)
    return run(request, ctx=ctx)


def stream_scan(
    paths: Sequence[str | Path],
    *,
    mappings: Sequence[str] = (),
    fmt: str | None = None,
    codes: Sequence[str] | None = None,
    ctx: DetectContext | None = None,
    options: StreamOptions | None = None,
) -> ScanResult:
    """:func:`run_scan` streamed, ``options`` saying how (the API before :class:`ScanRequest`)."""
    return run_scan(paths, mappings=mappings, fmt=fmt, codes=codes, ctx=ctx, stream=True,
                    stream_options=options)
