"""Where a small scan's CPU goes, stage by stage, tree beside tree (issue 18's start-up target).

Why: ``bench/startup.py`` times whole commands; when one gets slower it does not say
whether imports, the per-context builds (the lexicon, the line pass's plan) or the
detection itself grew. This runs, in one fresh process per tree and repeat (interleaved),
the stages of ``dq scan`` of a small file and prints the median CPU seconds (user + sys of
the process, all its threads) of each:

- ``import cli``: ``import dq.cli`` (what ``dq --help`` imports);
- ``import engine``: Polars, the detector registry and the loaders;
- ``load``: reading the input;
- ``detect new ctx``: ``detect()`` with a new ``DetectContext`` (what one ``dq scan``
  runs: the lexicon and every per-context build included), then with all codes but
  ``glued_words`` and with ``glued_words`` alone (each on its own new context);
- ``detect same ctx``: ``detect()`` again on a context that has run it twice (no
  per-context build left: the cost per batch of a small input).

Caches (``DQ_CACHE_DIR``) are warm: one folder per tree, filled by an unmeasured run.

Example::

    python bench/startup_stages.py --tree main=/work/main --tree new=. \\
        --input tiny.jsonl --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

#: Run in each tree's process; prints one JSON object of stage -> CPU seconds.
STAGES = r"""
import json, resource, sys
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
out, at = {}, cpu()
def mark(name):
    global at
    now = cpu(); out[name] = round(now - at, 4); at = now
import dq.cli
mark("import cli")
import polars
try:
    from dq.engine.detect import detect
except ImportError:  # trees before dq.engine (47eae3e)
    from dq.detect import detect
from dq.load import load
from dq.signals.context import DetectContext
from dq.signals.registry import REGISTRY
mark("import engine")
articles = load([sys.argv[1]]).articles
mark("load")
every = [s.code for s in REGISTRY]
found = detect(articles, ctx=DetectContext()).findings.height
mark("detect new ctx")
detect(articles, ctx=DetectContext(), codes=[c for c in every if c != "glued_words"])
mark("  without glued_words")
detect(articles, ctx=DetectContext(), codes=["glued_words"])
mark("  glued_words alone")
ctx = DetectContext()
detect(articles, ctx=ctx)
detect(articles, ctx=ctx)
at = cpu()
detect(articles, ctx=ctx)
mark("detect same ctx")
out["findings"] = found
print(json.dumps(out))
"""


def run_stages(tree: Path, tiny: str, cache: Path, pycache: Path) -> dict[str, float]:
    """The stages' CPU seconds in one fresh process of ``tree``."""
    env = dict(os.environ, PYTHONPATH=str(tree), DQ_CACHE_DIR=str(cache),
               PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", STAGES, tiny], cwd=tree, env=env,
                          capture_output=True, text=True, check=True)
    got: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tree", action="append", required=True, metavar="NAME=PATH")
    parser.add_argument("--input", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()
    trees = {name: Path(path).resolve() for name, path in (t.split("=", 1) for t in opts.tree)}
    tiny = str(opts.input.resolve())
    root = Path(tempfile.mkdtemp(prefix="dq-stages-"))
    try:
        for name, tree in trees.items():  # fill the caches and the bytecode, unmeasured
            run_stages(tree, tiny, root / f"cache-{name}", root / f"pyc-{name}")
        print(f"load average before: {os.getloadavg()}")
        got: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(opts.runs):
            for name, tree in trees.items():
                got[name].append(run_stages(tree, tiny, root / f"cache-{name}",
                                            root / f"pyc-{name}"))
        stages = list(next(iter(got.values()))[0])
        print(f"median CPU s of {opts.runs} runs each, interleaved")
        print(f"{'stage':24s}" + "".join(f"{name:>10s}" for name in trees))
        for stage in stages:
            print(f"{stage:24s}" + "".join(
                f"{statistics.median(run[stage] for run in got[name]):10.3f}" for name in trees))
        print(f"load average after: {os.getloadavg()}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
