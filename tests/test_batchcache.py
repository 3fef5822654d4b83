"""The stream's batch cache: batches come back as loaded, and the input is parsed once.

Why: a streamed scan with a corpus-wide line signal used to load every batch
twice (once for the pre-pass, once for detection); :mod:`dq.engine.batchcache`
keeps what the pre-pass loaded on disk. These tests hold the cached batches
equal to a fresh load, the scan to one load, and the fallback (no room on
disk, a frame that cannot be written) to the old path with the same output.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import dq.engine.batchcache as batchcache
import dq.engine.stream
from dq.engine.batchcache import BatchCache
from dq.load import load_batches
from dq.signals.context import DetectContext
from dq.stream import StreamOptions, stream_scan

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus in three JSON-lines shards, one with a bad line and a repeated id."""
    root = tmp_path_factory.mktemp("cache")
    lines = (REPO / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    (root / "a.jsonl").write_text("\n".join(lines[:30]) + "\n", encoding="utf-8")
    (root / "b.jsonl").write_text(
        "\n".join([*lines[30:60], '{"id": "x", "text": ', json.dumps(first)]) + "\n",
        encoding="utf-8",
    )  # an invalid line, and a record whose id the first shard had
    (root / "c.jsonl").write_text("\n".join(lines[60:]) + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("batch_bytes", [3_000, 40_000, 10**9])
def test_cached_batches_are_the_loaded_batches(
    shards: Path, batch_bytes: int, tmp_path: Path
) -> None:
    cache = BatchCache(tmp_path)
    loaded = list(load_batches([shards], batch_bytes=batch_bytes))
    for batch in loaded:
        cache.add(batch)
    assert cache.complete
    assert len(list(tmp_path.glob("batch-*.arrow"))) == sum(1 for b in loaded if b.articles.height)
    back = list(cache.batches())
    assert len(back) == len(loaded)
    for got, want in zip(back, loaded, strict=True):
        assert_frame_equal(got.articles, want.articles)
        assert (got.quarantine, got.seen, got.nbytes, got.files, got.skipped) == (
            want.quarantine, want.seen, want.nbytes, want.files, want.skipped
        )
    assert not list(tmp_path.glob("batch-*.arrow"))  # each file goes once read
    assert not list(cache.batches())  # given back once


def test_a_frame_that_cannot_be_written_turns_the_cache_off(
    shards: Path, tmp_path: Path
) -> None:
    cache = BatchCache(tmp_path)
    batches = list(load_batches([shards], batch_bytes=3_000))
    cache.add(batches[0])
    odd = batches[1].articles.with_columns(pl.Series("o", [object()] * batches[1].articles.height))
    cache.add(type(batches[1])(odd, [], odd.height, (), ()))
    assert not cache.complete
    assert not list(tmp_path.iterdir())  # what was written is gone
    cache.add(batches[2])  # later batches are not kept either
    assert not list(cache.batches())


def _scan(shards: Path, tmp_path: Path, name: str) -> tuple[str, pl.DataFrame]:
    findings = tmp_path / f"{name}.jsonl"
    options = StreamOptions(batch_bytes=6_000, findings_path=findings)
    result = stream_scan([shards], ctx=DetectContext(), options=options)
    return findings.read_text(encoding="utf-8"), result.signals


@pytest.mark.slow
def test_a_streamed_scan_parses_its_input_once_and_without_room_twice(
    shards: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = dq.engine.stream.load_batches

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dq.engine.stream, "load_batches", counted)
    cached = _scan(shards, tmp_path, "cached")
    assert len(calls) == 1  # the pre-pass's load; the scan read the cache
    monkeypatch.setattr(batchcache, "DISK_RESERVE_BYTES", 2**62)  # no disk has that room
    calls.clear()
    loaded = _scan(shards, tmp_path, "loaded")
    assert len(calls) == 2  # the pre-pass, then the scan loads again
    assert cached[0] == loaded[0]
    assert_frame_equal(cached[1], loaded[1])
