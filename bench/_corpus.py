"""Benchmark corpora built from the repo's own texts: in memory, or as JSONL shards on disk.

The texts of :data:`SOURCES` (the labelled dev set and the sample corpus,
about 1.8 MB) are copied until the wanted size; each copy is varied so that
copies do not repeat one another byte for byte:

* :func:`build_corpus` (``bench_detect.py``): digits rotated and five common
  words swapped, in a fixed pattern (kept as it was so that its timings stay
  comparable from one tree to the next);
* :func:`write_shards` (``bench_scale.py``): digits rotated and a seeded
  subset of :data:`SHARD_SWAPS` applied per copy (10 x 2^13 variants, enough
  for 4 GB without repeats), records shuffled within each shard. The shards
  are written once per (size, seed, shard size) and reused: a
  ``manifest.json`` written last marks a complete set.

Sizes are megabytes (10^6 bytes) of UTF-8 *text*; the JSONL files are about
3% larger (JSON escapes and the other fields).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import polars as pl

REPO = Path(__file__).resolve().parents[1]

SOURCES = (
    REPO.parent / "shared" / "eval" / "dev" / "extracted.jsonl",
    REPO / "corpus" / "articles.jsonl",
)

#: Word swaps applied to alternate copies (``(old, new)``, case-sensitive).
SWAPS = (("the ", "a "), ("The ", "A "), (" and ", " & "), ("said", "says"), ("News", "Stories"))

#: Swaps for on-disk shards: each copy applies a seeded subset of them.
SHARD_SWAPS = (
    *SWAPS,
    (" of ", " of the "), (" in ", " within "), (" is ", " was "), (" will ", " would "),
    ("Monday", "Tuesday"), (" said.", " added."), (" year", " season"), ("Mr ", "Mr. "),
)

#: Layout version of the shards: bump it when :func:`write_shards` changes its output.
SHARD_LAYOUT = 1


def load_texts() -> list[str]:
    """The texts of :data:`SOURCES`, in file order (exits if none is found)."""
    texts: list[str] = []
    for path in SOURCES:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts += [str(json.loads(line)["text"]) for line in fh if line.strip()]
    if not texts:
        raise SystemExit("no source texts found: " + ", ".join(map(str, SOURCES)))
    return texts


def text_megabytes(frame: pl.DataFrame) -> float:
    """Megabytes (10^6 bytes) of UTF-8 in the ``text`` column."""
    return float(frame["text"].str.len_bytes().sum()) / 1e6


def build_corpus(megabytes: float) -> pl.DataFrame:
    """``id, text`` rows replicated and varied from :data:`SOURCES` up to ``megabytes`` of text."""
    base = pl.DataFrame({"text": load_texts()})
    copies = max(1, round(megabytes / text_megabytes(base)))
    digits = [str(d) for d in range(10)]
    parts = []
    for k in range(copies):
        text = pl.col("text")
        if k % 10:
            text = text.str.replace_many(digits, [str((d + k) % 10) for d in range(10)])
        if (k // 10) % 2:
            old, new = zip(*SWAPS, strict=True)
            text = text.str.replace_many(list(old), list(new))
        parts.append(base.select(text))
    return (
        pl.concat(parts)
        .with_row_index("n")
        .select(pl.format("bench-{}", "n").alias("id"), "text")
    )


def _copy(base: pl.DataFrame, k: int, rng: random.Random) -> pl.DataFrame:
    """Copy ``k`` of ``base``: rotated digits, a random subset of :data:`SHARD_SWAPS`."""
    rot = k % 10
    swaps = [pair for pair in SHARD_SWAPS if rng.random() < 0.5]
    old = [str(d) for d in range(10)] + [o for o, _ in swaps]
    new = [str((d + rot) % 10) for d in range(10)] + [n for _, n in swaps]
    return base.select(
        pl.format("s{}-{}", pl.lit(k), pl.int_range(pl.len())).alias("id"),
        pl.col("text").str.replace_many(old, new),
        pl.format("https://{}.example/{}/{}", "site", pl.lit(k), pl.int_range(pl.len()))
        .alias("url"),
        pl.lit("en").alias("lang"),
    )


def write_shards(
    folder: Path, megabytes: float, *, seed: int = 0, shard_mb: float = 64.0
) -> dict[str, object]:
    """JSONL shards of ``megabytes`` of text in ``folder`` (reused when complete); the manifest.

    The manifest has ``files``, ``records``, ``text_mb``, ``file_mb`` and the
    parameters; it is written after the last shard, so a crashed run rebuilds.
    """
    manifest_path = folder / "manifest.json"
    params = {"megabytes": megabytes, "seed": seed, "shard_mb": shard_mb, "layout": SHARD_LAYOUT}
    if manifest_path.exists():
        manifest: dict[str, object] = json.loads(manifest_path.read_text())
        if manifest.get("params") == params:
            return manifest
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("shard-*.jsonl"):
        old.unlink()
    texts = load_texts()
    base = pl.DataFrame({"text": texts, "site": [f"news{i % 40}" for i in range(len(texts))]})
    base_mb = text_megabytes(base)
    rng = random.Random(seed)
    copies = max(1, round(megabytes / base_mb))
    per_shard = max(1, round(shard_mb / base_mb))
    files, records, text_bytes, file_bytes = [], 0, 0, 0
    for first in range(0, copies, per_shard):
        ks = range(first, min(copies, first + per_shard))
        shard = pl.concat([_copy(base, k, rng) for k in ks])
        shard = shard.sample(fraction=1.0, shuffle=True, seed=rng.randrange(2**32))
        path = folder / f"shard-{len(files):05d}.jsonl"
        shard.write_ndjson(path)
        files.append(path.name)
        records += shard.height
        text_bytes += int(shard["text"].str.len_bytes().sum())
        file_bytes += path.stat().st_size
    manifest = {
        "params": params, "files": files, "records": records,
        "text_mb": text_bytes / 1e6, "file_mb": file_bytes / 1e6,
    }
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def read_shards(folder: Path, megabytes: float | None = None) -> pl.DataFrame:
    """``id, text`` of the shards in ``folder``, in file order, cut after ``megabytes`` of text."""
    frame = pl.read_ndjson(sorted(folder.glob("shard-*.jsonl")), schema={"id": pl.String,
                                                                         "text": pl.String})
    if megabytes is None:
        return frame
    upto = frame["text"].str.len_bytes().cum_sum() <= megabytes * 1e6
    return frame.filter(upto | (pl.int_range(pl.len()) == 0))
