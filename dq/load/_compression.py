"""Reading gzip and zstd files so that a file cut short still gives up its start.

Why not ``gzip.open`` / ``zstandard.open``: a scraper killed mid-write leaves a
compressed file without its end marker. ``zstandard``'s stream reader then
returns nothing at all, and ``gzip`` raises; we want the records written
before the cut, plus a clear note that the file is truncated.

The format is told by magic bytes, not the file name, so ``x.json.gz`` that
was never compressed (or ``x.jsonl`` that was) reads correctly.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Protocol

import zstandard

# Magic numbers from RFC 1952 (gzip) and RFC 8878 (zstd frame header).
GZIP_MAGIC: Final = b"\x1f\x8b"
ZSTD_MAGIC: Final = b"\x28\xb5\x2f\xfd"
# zlib's wbits for "gzip header and trailer" (zlib manual, inflateInit2).
_GZIP_WBITS: Final = 16 + zlib.MAX_WBITS


class _Decompressor(Protocol):
    """What zlib's and zstandard's decompress objects have in common."""

    @property
    def eof(self) -> bool: ...

    @property
    def unused_data(self) -> bytes: ...

    def decompress(self, data: bytes) -> bytes: ...


@dataclass(frozen=True)
class Decoded:
    """The bytes we could get, and why we stopped early (``None``: we did not)."""

    data: bytes
    broken: str | None = None


def _new_gzip() -> _Decompressor:
    return zlib.decompressobj(_GZIP_WBITS)


def _new_zstd() -> _Decompressor:
    decompressor: _Decompressor = zstandard.ZstdDecompressor().decompressobj()
    return decompressor


def _decompressor_for(head: bytes) -> Callable[[], _Decompressor] | None:
    if head.startswith(GZIP_MAGIC):
        return _new_gzip
    if head.startswith(ZSTD_MAGIC):
        return _new_zstd
    return None


def _inflate(raw: bytes, new: Callable[[], _Decompressor]) -> Decoded:
    """Decompress every member/frame in ``raw``; keep what came out before a failure."""
    out: list[bytes] = []
    pending = raw
    while True:
        decompressor = new()
        try:
            out.append(decompressor.decompress(pending))
        except (zlib.error, zstandard.ZstdError) as error:
            return Decoded(b"".join(out), f"corrupt compressed data: {error}")
        if not decompressor.eof:
            return Decoded(b"".join(out), "compressed stream ends before its end marker")
        pending = decompressor.unused_data
        # gzip allows zero padding after the last member (e.g. tape blocks).
        if not pending.strip(b"\0"):
            return Decoded(b"".join(out))


def decode(raw: bytes) -> Decoded:
    """The content of a file's bytes, decompressed when they are gzip or zstd.

    >>> import gzip
    >>> decode(gzip.compress(b"a\\nb\\n"))
    Decoded(data=b'a\\nb\\n', broken=None)
    >>> decode(gzip.compress(b"a\\nb\\n" * 50)[:-12]).broken
    'compressed stream ends before its end marker'
    >>> decode(b"plain")
    Decoded(data=b'plain', broken=None)
    """
    new = _decompressor_for(raw[:4])
    return Decoded(raw) if new is None else _inflate(raw, new)


def head(raw: bytes, size: int) -> bytes:
    """Up to ``size`` leading content bytes, decompressing only what that needs.

    >>> import gzip
    >>> head(gzip.compress(b"0123456789"), 4)
    b'0123'
    """
    new = _decompressor_for(raw[:4])
    if new is None:
        return raw[:size]
    try:
        return new().decompress(raw[: size + 1024])[:size]
    except (zlib.error, zstandard.ZstdError):
        return b""
