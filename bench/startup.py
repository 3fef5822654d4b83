"""Start-up time of the CLI: ``dq --help`` and ``dq scan`` of a tiny file, tree beside tree.

Why: issue 18 asks for ``dq --help`` < 0.1 s and ``dq scan tiny.jsonl`` < 0.5 s, and a
loaded machine makes single timings meaningless. Each repeat runs every tree once per
command, in turn (interleaved), and reports the median wall time and the median CPU
time (user + sys of the process and its children) per tree and command.

Each tree runs as the ``dq`` console script would (``from dq.cli import main``) with
``PYTHONPATH`` set to the tree and the tree as working folder. Caches:

- ``warm``: one cache folder per tree (``DQ_CACHE_DIR``), filled by one unmeasured
  scan first, so trees whose cache files differ do not share (or fight over) them;
- ``cold``: an empty cache folder for every measured scan (what a first run pays).

Example (3 trees, 10 repeats, warm then cold)::

    python bench/startup.py --tree main=/work/main --tree ref47=/work/ref47 \
        --tree new=. --input tiny.jsonl --runs 10 --caches warm cold

The ``tiny.jsonl`` used for the figures of changelog.d/tiny22.md and tiny23.md was the
first three records of ``corpus/articles.jsonl`` (6 kB; one glued word among the findings).
``bench/startup_stages.py`` splits a small scan's CPU seconds by stage (imports, load,
``detect()`` with and without ``glued_words``, on a new and on a used context).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: What the ``dq`` console script runs.
CONSOLE: str = "import sys; sys.argv[0] = 'dq'; from dq.cli import main; sys.exit(main())"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(tree: Path, args: list[str], cache: Path, pycache: Path | None
             ) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and exit code of one ``dq ARGS`` run of ``tree``; with
    ``pycache``, Python keeps the tree's bytecode there (else it compiles every module
    from source each run, as with ``PYTHONDONTWRITEBYTECODE``)."""
    env = dict(os.environ, PYTHONPATH=str(tree), DQ_CACHE_DIR=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:  # beside the tree, not in it: the trees stay untouched
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    cpu, wall = _children_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CONSOLE, *args], cwd=tree, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - wall, _children_cpu() - cpu, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tree", action="append", required=True, metavar="NAME=PATH")
    parser.add_argument("--input", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--caches", nargs="+", choices=("warm", "cold"), default=["warm"])
    parser.add_argument("--bytecode", choices=("kept", "none"), default="kept",
                        help="kept: bytecode compiled once per tree and kept (what an installed "
                        "dq does); none: every module compiled from source each run")
    opts = parser.parse_args()
    trees = {name: Path(path).resolve() for name, path in (t.split("=", 1) for t in opts.tree)}
    tiny = str(opts.input.resolve())
    commands = {"--help": ["--help"], "scan": ["scan", tiny]}
    root = Path(tempfile.mkdtemp(prefix="dq-startup-"))
    try:
        warm = {name: root / f"warm-{name}" for name in trees}
        pyc = {name: None if opts.bytecode == "none" else root / f"pyc-{name}" for name in trees}
        for name, tree in trees.items():  # fill the warm caches, unmeasured
            run_once(tree, commands["scan"], warm[name], pyc[name])
        print(f"bytecode: {opts.bytecode}; load average before: {os.getloadavg()}")
        for mode in opts.caches:
            times: dict[tuple[str, str], list[tuple[float, float]]] = {}
            codes: dict[tuple[str, str], set[int]] = {}
            for i in range(opts.runs):
                for command, args in commands.items():
                    for name, tree in trees.items():
                        cache = warm[name]
                        if mode == "cold" and command == "scan":
                            cache = root / f"cold-{name}-{i}"
                        wall, cpu, code = run_once(tree, args, cache, pyc[name])
                        times.setdefault((command, name), []).append((wall, cpu))
                        codes.setdefault((command, name), set()).add(code)
                        if mode == "cold":
                            shutil.rmtree(root / f"cold-{name}-{i}", ignore_errors=True)
            print(f"\n{mode} caches, {opts.runs} runs each, interleaved; median (min-max)")
            print(f"{'command':8s} {'tree':8s} {'wall s':>22s} {'cpu s':>22s}  exit")
            for (command, name), got in times.items():
                walls, cpus = [w for w, _ in got], [c for _, c in got]
                print(f"{command:8s} {name:8s} "
                      f"{statistics.median(walls):7.3f} ({min(walls):.3f}-{max(walls):.3f}) "
                      f"{statistics.median(cpus):7.3f} ({min(cpus):.3f}-{max(cpus):.3f})  "
                      f"{sorted(codes[(command, name)])}")
            print(f"load average: {os.getloadavg()}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
