"""Benchmark: GX validation of a 1,000,000-row signal table with the nightly suite.

    PYTHONPATH=. .venv/bin/python bench/bench_validate.py [--rows N] [--repeat R]

Measures, in one run (on a quiet machine: other load moves every number):
1. ``to_gx_frame`` (Polars -> numpy-backed pandas, ints as int64);
2. GX validation (``dq.validate._gx.validate_frame``: SUMMARY pass, then
   COMPLETE with record ids for failed expectations) with the fingerprint off
   (dq's setting) and on (GX's default), best of ``--repeat``; prints the
   ratio. Target: <= 2 s with it off;
3. ``dq validate corpus/ --suite expectations/nightly.json`` wall time against
   a bare ``python -c "import great_expectations"`` in a fresh interpreter.

Not a test: numbers depend on the machine (the target was set on the 2-core
dev machine). The synthetic table has the registry's columns; each defect
code fires in 0.05% of records, so the nightly suite passes and the cost
is the validation itself, not the evidence.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dq.signals.registry import REGISTRY  # noqa: E402
from dq.validate import _gx, read_suite  # noqa: E402
from dq.validate.runtable import split  # noqa: E402
from dq.validate.suites import signal_columns  # noqa: E402
from dq.validate.table import to_gx_frame  # noqa: E402

TARGET_SECONDS = 2.0
DEFECT_RATE = 0.0005


def synthetic_signals(
    rows: int, *, seed: int = 0, none: frozenset[str] = frozenset()
) -> pl.DataFrame:
    """A signal table with the registry's columns and rare defects (never the codes in ``none``)."""
    rng = np.random.default_rng(seed)
    cols: dict[str, object] = {
        "id": [f"r{i:08d}" for i in range(rows)],
        "n_chars": rng.integers(300, 12_000, rows, dtype=np.uint32),
        "n_words": rng.integers(60, 2_000, rows, dtype=np.uint32),
        "n_lines": rng.integers(3, 80, rows, dtype=np.uint32),
        "source": rng.choice(["Example News", "Daily Example", "Example Wire"], rows),
        "domain": rng.choice(["news.example", "daily.example", "wire.example"], rows),
    }
    for sig in REGISTRY:
        rate = 0.9 if sig.positive else 0.0 if sig.code in none else DEFECT_RATE
        cols[sig.code] = (rng.random(rows) < rate).astype(np.uint32)
    frame = pl.DataFrame(cols).with_columns(pl.col(pl.UInt32).cast(pl.UInt32))
    families = sorted({s.family for s in REGISTRY})
    frame = frame.with_columns(
        pl.sum_horizontal([s.code for s in REGISTRY if s.family == fam and not s.positive])
        .cast(pl.UInt32).alias(f"n_{fam}")
        for fam in families
    )
    return frame.select(signal_columns())


def best(seconds: list[float]) -> str:
    return f"{min(seconds):.2f} s (median {statistics.median(seconds):.2f} s of {len(seconds)})"


def wall(cmd: list[str], repeat: int, *, ok: tuple[int, ...] = (0,)) -> list[float]:
    """Wall times of ``cmd`` in a fresh interpreter; refuses to time a command that broke."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in ok:
            sys.exit(f"{' '.join(cmd[1:])} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    # the signal table's half: the one-row run table costs nothing worth timing
    spec, _ = split(read_suite(REPO / "expectations" / "nightly.json"))
    # codes the suite allows in no record at all stay at zero, so the suite passes
    strict = frozenset(e.code for e in spec.expectations if "mostly" not in e.kwargs)
    table = synthetic_signals(args.rows, none=strict)
    suite = _gx.build_suite(spec)  # imports GX and makes the context (not timed below)

    converts = []
    for _ in range(2):  # the first conversion in a process also pays for fresh memory pages
        t0 = time.perf_counter()
        frame = to_gx_frame(table)
        converts.append(time.perf_counter() - t0)
    print(f"rows: {args.rows:,}  columns: {len(table.columns)}  "
          f"expectations: {len(spec.expectations)}")
    print(f"to_gx_frame (Polars -> pandas, int64): first {converts[0]:.2f} s, "
          f"then {converts[1]:.2f} s")

    timings: dict[bool, list[float]] = {False: [], True: []}
    results = {}
    for _ in range(args.repeat):
        for fingerprint in (False, True):  # interleaved, so drift hits both alike
            with _gx.fingerprinting(fingerprint):
                t0 = time.perf_counter()
                results[fingerprint] = _gx.validate_frame(suite, frame)
                timings[fingerprint].append(time.perf_counter() - t0)
    assert "pandas_data_fingerprint" not in results[False]["meta"]["batch_markers"]
    assert "pandas_data_fingerprint" in results[True]["meta"]["batch_markers"]
    off, on = min(timings[False]), min(timings[True])
    verdict = "OK" if off <= TARGET_SECONDS else "MISSED"
    print(f"GX validation, fingerprint off: {best(timings[False])}  "
          f"[target <= {TARGET_SECONDS:.0f} s: {verdict}]")
    print(f"GX validation, fingerprint on:  {best(timings[True])}")
    print(f"fingerprint on / off: {on / off:.2f}x  (suite success: {results[False]['success']})")

    python = sys.executable
    env_cmd = [python, "-c", "import warnings; warnings.simplefilter('ignore'); "
               "import great_expectations"]
    gx_import = wall(env_cmd, args.repeat)
    validate = wall([python, "-m", "dq.cli", "validate", "corpus/", "--suite",
                     "expectations/nightly.json"], args.repeat, ok=(0, 1))
    print(f"bare `import great_expectations`: {best(gx_import)}")
    print(f"`dq validate corpus/ --suite expectations/nightly.json`: {best(validate)}  "
          f"(GX import = {min(gx_import) / min(validate):.0%} of it)")


if __name__ == "__main__":
    main()
