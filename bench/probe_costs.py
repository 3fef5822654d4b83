"""Probe by probe: Hyperscan's scan against Polars' ``str.contains`` on 200k lines (issue 18).

    PYTHONPATH=. .venv/bin/python bench/probe_costs.py [--mb 40] [--lines 200000]

For each column (``s``, ``low``): the time to build the scan buffer, the
compiled scan of the probes the calibration keeps (with its match count),
the same probes on Polars, and the whole candidate pass (scan + masks).
Process CPU seconds; one line pass slice (:data:`dq.engine.detect.LINE_PASS_CHUNK`).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import build_corpus

from dq.engine import match
from dq.engine.detect import _LinePlan
from dq.signals.context import DetectContext, import_module
from dq.signals.frames import lines_frame
from dq.signals.registry import REGISTRY


def _counter(hits: list[int]) -> Callable[..., None]:
    return lambda *_: hits.append(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--mb", type=float, default=40.0)
    parser.add_argument("--lines", type=int, default=200_000)
    args = parser.parse_args()
    hs = import_module("hyperscan")
    corpus = build_corpus(args.mb).lazy().with_row_index("rid").select("rid", "text")
    lines = lines_frame(corpus).collect().head(args.lines)
    plan = _LinePlan.of([s for s in REGISTRY if s.level == "line"], [])
    ctx = DetectContext()
    print(f"{len(plan.probes)} probes, {lines.height} lines")
    for column in match.PROBE_COLUMNS:
        texts = lines.get_column(column)
        start = time.process_time()
        buffer = texts.fill_null("").str.join("\n").cast(pl.Binary).item()
        built = time.process_time() - start
        mine = [p for p in plan.probes if p.column == column]
        compiled = match._compiled(ctx, mine, texts)
        hits: list[int] = []

        scratch = hs.Scratch(compiled.database)
        start = time.process_time()
        compiled.database.scan(buffer, match_event_handler=_counter(hits), scratch=scratch)
        scanned = time.process_time() - start
        start = time.process_time()
        lines.select(p.exact(pl.col(column)).alias(p.name) for p in compiled.probes)
        on_polars = time.process_time() - start
        start = time.process_time()
        match._scan(compiled, texts)
        whole = time.process_time() - start
        print(f"{column}: buffer {len(buffer) / 1e6:.1f} MB in {built:.3f} s; "
              f"{len(compiled.probes)} of {len(mine)} probes kept: scan {scanned:.3f} s "
              f"({len(hits)} matches), Polars {on_polars:.3f} s; scan + masks {whole:.3f} s")


if __name__ == "__main__":
    main()
