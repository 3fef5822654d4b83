"""Per-call cost of ``detect()`` on 1, 10, 100 and 1000 records, tree beside tree.

Why: a one-record ``detect()`` cost about what the whole 95-record corpus did
(0.83 s wall, 1.26 CPU s against 0.9 s / 1.4 CPU s; main 00b0172, 2026-12-07):
almost all of it a fixed cost paid by every Spark Arrow batch, small streamed
batch, tiny ``dq scan`` and test. This prints, per tree and size, the cost of

- ``first``: the first call of a fresh process (what a tiny ``dq scan`` pays,
  without the imports);
- ``new ctx``: a later call without a context (a library call, a test): each
  makes a new :class:`~dq.signals.context.DetectContext`;
- ``same ctx``: a later call on a context that has run before (a stream's or a
  Spark worker's batches).

Each tree runs in its own process per repeat (``PYTHONPATH`` = the tree), trees
interleaved; the medians of wall and CPU seconds (user + sys of the process, all
its threads) are printed with the load average. On a loaded machine compare CPU.

The records: ``corpus/articles.jsonl`` then ``../shared/eval/dev/extracted.jsonl``
(when present), cycled with new ids to the size wanted.

Example::

    python bench/call_cost.py --tree main=/work/main --tree new=. --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

#: Run in each tree's process: prints one JSON object {size: {kind: [wall, cpu], ...}}.
SNIPPET = r"""
import json, resource, sys, time
import polars as pl
from dq.detect import detect
from dq.signals.context import DetectContext

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

def timed(frame, **kw):
    c, t = cpu(), time.perf_counter()
    detect(frame, **kw)
    return [time.perf_counter() - t, cpu() - c]

texts = []
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line) if line.strip() else {}
            if isinstance(row.get("text"), str):
                texts.append(row["text"])
sizes = [int(x) for x in sys.argv[1].split(",")]
frames = {n: pl.DataFrame({"id": [f"r{i}" for i in range(n)],
                           "text": [texts[i % len(texts)] for i in range(n)]}) for n in sizes}
out = {"first": timed(frames[sizes[0]])}
for n in sizes:
    detect(frames[n])
    ctx = DetectContext()
    detect(frames[n], ctx=ctx)
    out[str(n)] = {"new ctx": timed(frames[n]), "same ctx": timed(frames[n], ctx=ctx)}
print(json.dumps(out))
"""


def run_tree(tree: Path, sizes: str, inputs: list[Path]) -> dict[str, Any]:
    """One fresh process of ``tree``: its timings (see :data:`SNIPPET`)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, "-c", SNIPPET, sizes, *map(str, inputs)],
                          cwd=tree, env=env, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True, metavar="NAME=PATH")
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    here = Path(__file__).resolve().parents[1]
    inputs = [here / "corpus" / "articles.jsonl"]
    dev = here.parent / "shared" / "eval" / "dev" / "extracted.jsonl"
    inputs += [dev] if dev.exists() else []
    trees = dict(item.split("=", 1) for item in args.tree)
    print("load average before:", os.getloadavg())
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    for _ in range(args.runs):
        for name, path in trees.items():
            runs[name].append(run_tree(Path(path).resolve(), args.sizes, inputs))
    print(f"median of {args.runs} runs each, interleaved; wall s / CPU s per call")
    print(f"{'records':>8} {'call':<9}" + "".join(f"{name:>20}" for name in trees))
    rows = [("1", "first")] + [(n, kind) for n in args.sizes.split(",")
                                for kind in ("new ctx", "same ctx")]
    for size, kind in rows:
        cells = []
        for name in trees:
            got = [r[kind] if kind == "first" else r[size][kind] for r in runs[name]]
            wall = statistics.median(g[0] for g in got)
            cpu = statistics.median(g[1] for g in got)
            cells.append(f"{wall:9.3f} / {cpu:7.3f}")
        label = args.sizes.split(",")[0] if kind == "first" else size
        print(f"{label:>8} {kind:<9}" + "".join(f"{c:>20}" for c in cells))
    print("load average after:", os.getloadavg())
    return 0


if __name__ == "__main__":
    sys.exit(main())
