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
    """The bytes we could get, and why we stopped early (``None``: we did not).

    ``refused``: a (reason, detail) pair when the whole file is quarantined
    instead of read (the decompression limit, an encoding or compression we
    do not read).
    """

    data: bytes
    broken: str | None = None
    refused: tuple[str, str] | None = None


# How much compressed input is fed to a decompressor at a time, so that the
# output can be checked against the limit between feeds. zlib expands at most
# ~1,032x (deflate's longest match per bit), zstd far more (an RLE block of a
# few bytes stands for 128 KiB): a smaller feed bounds the overshoot.
_FEED: Final = {"gzip": 1 << 16, "zstd": 1 << 12}

# Magic numbers of compressions dq does not read: bzip2, xz, zip, 7-Zip.
_OTHER_MAGIC: Final = (
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"PK\x03\x04", "zip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
)
# Byte-order marks of encodings other than UTF-8 (longest first: UTF-32 LE starts like UTF-16 LE).
_OTHER_BOMS: Final = (
    (b"\xff\xfe\x00\x00", "UTF-32 LE"),
    (b"\x00\x00\xfe\xff", "UTF-32 BE"),
    (b"\xff\xfe", "UTF-16 LE"),
    (b"\xfe\xff", "UTF-16 BE"),
)


def _new_gzip() -> _Decompressor:
    return zlib.decompressobj(_GZIP_WBITS)


def _new_zstd() -> _Decompressor:
    decompressor: _Decompressor = zstandard.ZstdDecompressor().decompressobj()
    return decompressor


def _compression_of(head: bytes) -> str | None:
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


_NEW: Final[dict[str, Callable[[], _Decompressor]]] = {"gzip": _new_gzip, "zstd": _new_zstd}


def content_problem(head: bytes) -> tuple[str, str] | None:
    """Why content that starts with ``head`` cannot be read as UTF-8 text, or ``None``.

    Why look: a UTF-16 file or a bzip2 file named ``.jsonl`` would otherwise
    come out as a few ``invalid_utf8`` lines standing for many records; one
    entry for the file, saying what it is, is both true and actionable.

    >>> content_problem("{}".encode("utf-16"))
    ('unsupported_encoding', 'UTF-16 LE byte-order mark: dq reads UTF-8 (convert the file first)')
    >>> content_problem(b"BZh91AY&SY")[0], content_problem(b'{"text": "a"}')
    ('unsupported_compression', None)
    """
    for magic, name in _OTHER_BOMS:
        if head.startswith(magic):
            return (
                "unsupported_encoding",
                f"{name} byte-order mark: dq reads UTF-8 (convert the file first)",
            )
    for magic, name in _OTHER_MAGIC:
        if head.startswith(magic):
            return "unsupported_compression", f"{name}-compressed: dq reads gzip and zstd only"
    return None


def _inflate(raw: bytes, kind: str, limit: int) -> Decoded:
    """Decompress every member/frame in ``raw``; keep what came out before a failure."""
    out: list[bytes] = []
    total = 0
    feed = _FEED[kind]
    pending = memoryview(raw)
    while True:
        decompressor = _NEW[kind]()
        while pending and not decompressor.eof:
            try:
                chunk = decompressor.decompress(bytes(pending[:feed]))
            except (zlib.error, zstandard.ZstdError) as error:
                return Decoded(b"".join(out), f"corrupt compressed data: {error}")
            pending = pending[feed:]
            total += len(chunk)
            if total > limit:
                detail = f"{kind} content larger than {limit:,} bytes ({len(raw):,} on disk)"
                return Decoded(b"", refused=("decompression_limit", detail))
            out.append(chunk)
        if not decompressor.eof:
            return Decoded(b"".join(out), "compressed stream ends before its end marker")
        pending = memoryview(decompressor.unused_data + bytes(pending))
        # gzip allows zero padding after the last member (e.g. tape blocks).
        if not bytes(pending).strip(b"\0"):
            return Decoded(b"".join(out))


def decode(raw: bytes, limit: int | None = None) -> Decoded:
    """The content of a file's bytes, decompressed when they are gzip or zstd.

    ``limit``: the most content bytes to produce (``None``: no limit); past
    it the file is refused as ``decompression_limit``. Content that is itself
    compressed, or in an encoding other than UTF-8, is refused too.

    >>> import gzip
    >>> decode(gzip.compress(b"a\\nb\\n"))
    Decoded(data=b'a\\nb\\n', broken=None, refused=None)
    >>> decode(gzip.compress(b"a\\nb\\n" * 50)[:-12]).broken
    'compressed stream ends before its end marker'
    >>> decode(b"plain")
    Decoded(data=b'plain', broken=None, refused=None)
    >>> decode(gzip.compress(b"a" * 100), limit=50).refused
    ('decompression_limit', 'gzip content larger than 50 bytes (24 on disk)')
    >>> decode(gzip.compress(gzip.compress(b"a"))).refused[0]
    'unsupported_compression'
    """
    kind = _compression_of(raw[:4])
    if kind is None:
        problem = content_problem(raw[:8])
        return Decoded(b"", refused=problem) if problem else Decoded(raw)
    decoded = _inflate(raw, kind, len(raw) * 2**20 if limit is None else limit)
    inner = _compression_of(decoded.data[:4])
    if inner is not None:
        detail = f"{inner} inside {kind}: compressed twice (decompress it once first)"
        return Decoded(b"", refused=("unsupported_compression", detail))
    problem = content_problem(decoded.data[:8])
    return Decoded(b"", refused=problem) if problem else decoded


def head(raw: bytes, size: int) -> bytes:
    """Up to ``size`` leading content bytes, decompressing only what that needs.

    >>> import gzip
    >>> head(gzip.compress(b"0123456789"), 4)
    b'0123'
    """
    kind = _compression_of(raw[:4])
    if kind is None:
        return raw[:size]
    decoded = _inflate(raw[: size + 1024], kind, limit=size * 2**10)
    return decoded.data[:size]
