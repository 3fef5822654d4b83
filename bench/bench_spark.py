"""The local engine against ``--engine spark`` on ``local[2]``, on bench_scale's JSONL shards.

Prints (and writes with ``--out``) one table:

* local engine and Spark on the same shards, in the same run: MB/s of each
  (MB of JSONL on disk per second of scan, outputs written) and their ratio;
  CPU seconds of the run's process tree and the ratio of MB per CPU second
  (less distorted than wall time on a shared machine); peak RSS of the local
  process, of the Spark executors' Python workers (summed over the workers
  alive at once) and of the JVM;
* Spark with 1, 2, 4, 8 partitions (read splits) per core;
* the Spark driver's Python peak RSS at two sizes: what it collects is
  counts per code and reason, never records, so it should not grow.

Each measurement runs in a fresh subprocess (``--child``); memory and CPU time are
sampled from /proc every 0.2 s over the child's process tree (CPU split between the
driver's Python, the JVM and Spark's Python workers).

On a loaded machine compare CPU seconds, a change against the code before it in the
same run, interleaved: ``--ref CHECKOUT --repeat 3`` (local, this tree, the checkout,
three times; at the first ``--per-core``).

    PYTHONPATH=. .venv/bin/python bench/bench_spark.py --mb 50 --mb2 100
    # the issue's table, on an idle machine:
    PYTHONPATH=. .venv/bin/python bench/bench_spark.py --mb 1000 --mb2 4000 --per-core 1,2,4,8
    # a change against main, same splits for both (a checkout before split_bytes caps a
    # split at 32 MiB), on a shared machine:
    PYTHONPATH=. .venv/bin/python bench/bench_spark.py --mb 200 --mb2 0 --per-core 4 \
        --repeat 3 --ref ../ref
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

CORES = 2


def _tree(root: int) -> dict[int, tuple[int, str, float]]:
    """``pid: (ppid, comm, cpu seconds)`` of every process (its own user + system time;
    reaped children's time is left out: they were sampled themselves)."""
    out: dict[int, tuple[int, str, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for path in Path("/proc").iterdir():
        entry = path.name
        if entry.isdigit():
            try:
                stat = (path / "stat").read_text()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1: stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            cpu = sum(int(x) for x in fields[11:13]) / tick
            out[int(entry)] = (int(fields[1]), comm, cpu)
    return out


def _children(procs: dict[int, tuple[int, str, float]]) -> dict[int, list[int]]:
    """``ppid: [pid, ...]`` of a ``_tree`` table."""
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    return kids


def _descendants(kids: dict[int, list[int]], root: int) -> list[int]:
    """``root`` and every process below it."""
    todo, seen = [root], []
    while todo:
        pid = todo.pop()
        seen.append(pid)
        todo += kids.get(pid, [])
    return seen


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Sampler(threading.Thread):
    """Peak RSS of a process tree by kind: python workers under the JVM, the JVM, the rest."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.stop = root, threading.Event()
        self.peak = {"driver": 0.0, "jvm": 0.0, "workers": 0.0}
        #: last CPU seconds seen per process of the tree (their sum: the run's CPU time,
        #: less the last 0.2 s of processes that end between samples)
        self.cpu: dict[int, float] = {}
        #: the kind of each process seen: ``driver`` (the child itself), ``jvm``, ``workers``
        #: (Spark's Python workers and their daemon, under the JVM)
        self.kind: dict[int, str] = {}

    def run(self) -> None:
        while not self.stop.is_set():
            procs = _tree(self.root)
            kids = _children(procs)
            seen = _descendants(kids, self.root)
            for pid in seen:
                if pid in procs:
                    self.cpu[pid] = max(self.cpu.get(pid, 0.0), procs[pid][2])
            jvm = [p for p in seen if procs.get(p, (0, "", 0.0))[1] == "java"]
            under_jvm: list[int] = []
            todo = list(jvm)
            while todo:
                pid = todo.pop()
                for kid in kids.get(pid, []):
                    under_jvm.append(kid)
                    todo.append(kid)
            self.kind.update(dict.fromkeys(jvm, "jvm"))
            self.kind.update(dict.fromkeys(under_jvm, "workers"))
            self.peak["driver"] = max(self.peak["driver"], _rss_mb(self.root))
            self.peak["jvm"] = max(self.peak["jvm"], sum(_rss_mb(p) for p in jvm))
            self.peak["workers"] = max(self.peak["workers"],
                                       sum(_rss_mb(p) for p in under_jvm))
            time.sleep(0.2)


def child(args: argparse.Namespace) -> None:
    """One measurement, in this process: prints a JSON line."""
    from dq.engine.request import ScanRequest

    out = Path(args.outdir)
    if args.engine == "local":
        # a corpus past the stream threshold (the 1 GB row) is streamed: its findings are
        # written while it runs, to the path the request names
        request = ScanRequest.build([args.corpus], findings_path=out / "f.jsonl")
        from dq.engine.scan import run

        start = time.perf_counter()
        result = run(request)
        result.write(findings=out / "f.jsonl", signals=out / "signals.parquet",
                     quarantine=out / "q.jsonl")
        seconds = time.perf_counter() - start
        extra = {"records": result.records_loaded}
    else:
        import inspect

        import dq.spark

        request = ScanRequest.build([args.corpus])
        sized = {"split_bytes": args.split_bytes or None}
        if "split_bytes" not in inspect.signature(dq.spark.scan).parameters:
            # a checkout before split_bytes (--ref): the request's batch size, capped at
            # its SPLIT_BYTES, sizes the splits
            request = ScanRequest.build([args.corpus], batch_bytes=args.split_bytes or None)
            sized = {}
        begin = time.perf_counter()
        conf = {"spark.driver.memory": args.driver_memory,
                **dict(c.split("=", 1) for c in args.conf)}
        spark = dq.spark.session("local[2]", conf=conf)
        spark.conf.set("spark.sql.shuffle.partitions", str(args.partitions))
        ready = time.perf_counter()
        result = dq.spark.scan(spark, [args.corpus], request, **sized)
        result.write(signals=out / "signals", findings=out / "findings",
                     quarantine=out / "q.jsonl")
        seconds = time.perf_counter() - ready
        extra = {"records": result.records_loaded, "session_s": ready - begin}
    print(json.dumps({"seconds": seconds, **extra}), flush=True)


def measure(cmd: list[str], env: dict[str, str] | None = None,
            cwd: Path | None = None) -> dict[str, float]:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=cwd)
    sampler = Sampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.stop.set()
    sampler.join()
    if proc.returncode:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise SystemExit(f"failed: {' '.join(cmd)}\n{tail}")
    row: dict[str, float] = json.loads(stdout.strip().splitlines()[-1])
    by_kind = dict.fromkeys(("driver", "jvm", "workers"), 0.0)
    for pid, cpu in sampler.cpu.items():
        kind = sampler.kind.get(pid, "driver")
        by_kind[kind] += cpu
    # Spark's Python processes seen (the daemon and every worker it forked: with
    # spark.python.worker.reuse, a worker runs many tasks, so few more than the cores)
    forked = sum(kind == "workers" for kind in sampler.kind.values())
    return {**row, "python_processes": forked,
            **{f"peak_{k}_mb": v for k, v in sampler.peak.items()},
            "cpu_s": sum(sampler.cpu.values()), **{f"cpu_{k}_s": v for k, v in by_kind.items()}}


def _run(corpus: Path, engine: str, *, partitions: int = 2, split_bytes: int = 0,
         driver_memory: str = "4g", tree: Path | None = None,
         conf: tuple[str, ...] = ()) -> dict[str, float]:
    """One measurement in a fresh subprocess; ``tree``: a checkout whose ``dq`` it imports
    (``--ref``: the code before a change, measured in the same run)."""
    env = None
    if tree is not None:
        env = {**os.environ, "PYTHONPATH": str(tree)}
    with tempfile.TemporaryDirectory(prefix="dq-bench-out-") as outdir:
        cmd = [sys.executable, __file__, "--child", "--engine", engine, "--corpus", str(corpus),
               "--outdir", outdir, "--partitions", str(partitions),
               "--split-bytes", str(split_bytes), "--driver-memory", driver_memory,
               *[x for c in conf for x in ("--conf", c)]]
        # cwd too: Spark's Python workers (python -m pyspark.daemon) put it first on sys.path
        return measure(cmd, env, tree)


def _split_count(corpus: Path, split_bytes: int, tree: Path | None = None) -> int:
    """The read splits of a Spark scan of ``corpus`` asked for ``split_bytes`` (a checkout
    before ``dq.spark.scan(split_bytes=...)`` capped them at its ``SPLIT_BYTES``)."""
    code = ("import sys; from dq.engine.request import ScanRequest; from dq.load import _plan; "
            "from dq.spark import _plan as p; import dq.spark, inspect; "
            "r = ScanRequest.build([sys.argv[1]]); n = int(sys.argv[2]); "
            "n = n if 'split_bytes' in inspect.signature(dq.spark.scan).parameters "
            "else min(n, p.SPLIT_BYTES); "
            "print(len(p.plan_splits(_plan(r.paths, r.mapping, r.fmt)[1].sources, n)))")
    env = {**os.environ, "PYTHONPATH": str(tree or Path(__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, "-c", code, str(corpus), str(split_bytes)],
                         capture_output=True, text=True, env=env, check=True)
    return int(out.stdout)


def _shards(workdir: Path, mb: float) -> tuple[Path, float]:
    from _corpus import write_shards

    folder = workdir / f"spark-{mb:g}mb"
    manifest = write_shards(folder, mb, shard_mb=mb)  # one file: splits are exact
    return folder, float(manifest["file_mb"])  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--mb2", type=float, default=100.0, help="second size for driver memory")
    parser.add_argument("--per-core", default="1,2,4,8",
                        help="read splits per core, one row each; 0: the scan's default")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir(), "dq-bench"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    for name in ("--engine", "--corpus", "--outdir"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    parser.add_argument("--driver-memory", default="4g",
                        help="spark.driver.memory (local mode: the executor's heap too)")
    parser.add_argument("--ref", type=Path,
                        help="a checkout of the code before a change: its Spark scan is "
                             "measured too, right after this tree's, at the first --per-core")
    parser.add_argument("--repeat", type=int, default=1,
                        help="measure local, this tree's Spark scan and --ref's this many "
                             "times, interleaved (a loaded machine), at the first --per-core")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help="a Spark setting of the sessions (repeatable)")
    parser.add_argument("--partitions", type=int, default=2, help=argparse.SUPPRESS)
    parser.add_argument("--split-bytes", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    corpus, file_mb = _shards(args.workdir, args.mb)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| run | MB | s | MB/s | x local | CPU s | CPU s/MB | x local per CPU s "
          "| CPU s driver/JVM/workers | local/driver py RSS MB | executor workers MB | JVM MB "
          "| load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|", flush=True)
    rows: list[dict[str, object]] = []

    def show(name: str, mb: float, row: dict[str, float]) -> None:
        rows.append({"run": name, "mb": mb, **row, "load_avg_1m": os.getloadavg()[0]})
        if args.out:  # after every row: a run stopped part way keeps what it measured
            args.out.write_text(json.dumps({"command": " ".join(sys.argv), "rows": rows},
                                           indent=1))
        rate, per_cpu = mb / row["seconds"], mb / row["cpu_s"]
        local = [r for r in rows if str(r["run"]).startswith("local")][-1]  # the latest
        base = float(local["mb"]) / float(local["seconds"])  # type: ignore[arg-type]
        base_cpu = float(local["mb"]) / float(local["cpu_s"])  # type: ignore[arg-type]
        split_cpu = "/".join(f"{row[f'cpu_{k}_s']:.0f}" for k in ("driver", "jvm", "workers"))
        print(f"| {name} | {mb:.0f} | {row['seconds']:.1f} | {rate:.2f} | {rate / base:.2f} | "
              f"{row['cpu_s']:.0f} | {row['cpu_s'] / mb:.2f} | {per_cpu / base_cpu:.2f} | "
              f"{split_cpu} | {row['peak_driver_mb']:.0f} | {row['peak_workers_mb']:.0f} | "
              f"{row['peak_jvm_mb']:.0f} | {os.getloadavg()[0]:.1f} |", flush=True)

    per_core = [int(x) for x in args.per_core.split(",")]
    conf = tuple(args.conf)
    for n, k in enumerate(per_core):
        # 0 per core: the scan's default splits (dq.spark._plan.default_split_bytes)
        parts = k * CORES or CORES
        split = max(1, int(file_mb * 1e6 / parts) + 1) if k else 0
        label = f"{k}/core ({_split_count(corpus, split)} splits)" if k else "default splits"
        ref_label = (f"{k}/core ({_split_count(corpus, split, args.ref)} splits)" if k
                     else "default splits") if args.ref else ""
        for _ in range(args.repeat if n == 0 else 1):
            if n == 0:
                show(f"local engine, {args.mb:g} MB", file_mb, _run(corpus, "local"))
            show(f"spark local[2], {label}, {args.mb:g} MB", file_mb,
                 _run(corpus, "spark", partitions=parts, split_bytes=split,
                      driver_memory=args.driver_memory, conf=conf))
            if n == 0 and args.ref:
                show(f"ref {args.ref.name}: spark local[2], {ref_label}, {args.mb:g} MB",
                     file_mb,
                     _run(corpus, "spark", partitions=parts, split_bytes=split,
                          driver_memory=args.driver_memory, tree=args.ref, conf=conf))
        if n == 0 and args.mb2:  # the second size early: the driver-memory comparison
            big, big_mb = _shards(args.workdir, args.mb2)
            big_split = int(big_mb * 1e6 / parts) + 1 if k else 0
            big_label = f"{k}/core ({_split_count(big, big_split)} splits)" if k else label
            show(f"spark local[2], {big_label}, "
                 f"{args.mb2:g} MB", big_mb,
                 _run(big, "spark", partitions=parts, split_bytes=big_split,
                      driver_memory=args.driver_memory, conf=conf))


if __name__ == "__main__":
    main()
