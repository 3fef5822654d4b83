"""detect()'s cost per call in a Spark Python worker's setting: one shard detected as 1 or
more frames (``dq.spark._tasks.detect_rows``, as a detect task runs it), in this process
with one Polars thread (``POLARS_MAX_THREADS=1``, as ``dq.spark.WORKER_ENV`` sets it).
Prints CPU seconds and this process's peak RSS; run each count in a fresh process,
interleaved, since the peak RSS is the process's:

    for n in 2 1 2 1; do POLARS_MAX_THREADS=1 PYTHONPATH=. .venv/bin/python \\
        bench/spark_chunks.py --mb 100 --parts $n; done
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def main() -> None:
    import polars as pl
    from _corpus import write_shards

    from dq.engine.detect import detect, select_signals
    from dq.schema import ARTICLE_FIELDS, ARTICLE_SCHEMA
    from dq.spark import _tasks

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--parts", type=int, default=1, help="frames, one detect() each")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir(), "dq-bench"))
    args = parser.parse_args()
    folder = args.workdir / f"spark-{args.mb:g}mb"
    write_shards(folder, args.mb, shard_mb=args.mb)
    signals = select_signals(None)
    keyed = tuple(s.code for s in signals if s.key is not None)
    codes = tuple(s.code for s in signals if s.code not in keyed)
    columns = detect(pl.DataFrame(schema=ARTICLE_SCHEMA), codes=codes).signals.columns
    settings = _tasks.DetectSettings(codes, keyed, {}, tuple(columns))
    raw = pl.read_ndjson(sorted(folder.glob("*.jsonl")))
    frame = raw.select(*[pl.col(f).cast(pl.String) if f in raw.columns
                         else pl.lit(None, pl.String).alias(f) for f in ARTICLE_FIELDS]
                       ).with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("_order"))
    _tasks.detect_rows(frame.head(50), settings)  # the worker's context, built once
    size = -(-frame.height // args.parts)
    start = _cpu()
    for at in range(0, frame.height, size):
        _tasks.detect_rows(frame.slice(at, size), settings)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{frame.height} records as {args.parts} frame(s): {_cpu() - start:.2f} CPU s, "
          f"peak RSS {peak:.0f} MB, POLARS_MAX_THREADS={os.environ.get('POLARS_MAX_THREADS')}, "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
