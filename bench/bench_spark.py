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

Each measurement runs in a fresh subprocess (``--child``); memory is
sampled from /proc every 0.2 s over the child's process tree.

    PYTHONPATH=. .venv/bin/python bench/bench_spark.py --mb 50 --mb2 100
    # the issue's table, on an idle machine:
    PYTHONPATH=. .venv/bin/python bench/bench_spark.py --mb 1000 --mb2 4000 --per-core 1,2,4,8
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
            self.peak["driver"] = max(self.peak["driver"], _rss_mb(self.root))
            self.peak["jvm"] = max(self.peak["jvm"], sum(_rss_mb(p) for p in jvm))
            self.peak["workers"] = max(self.peak["workers"],
                                       sum(_rss_mb(p) for p in under_jvm))
            time.sleep(0.2)


def child(args: argparse.Namespace) -> None:
    """One measurement, in this process: prints a JSON line."""
    from dq.engine.request import ScanRequest

    out = Path(args.outdir)
    request = ScanRequest.build([args.corpus], batch_bytes=args.split_bytes or None)
    if args.engine == "local":
        from dq.engine.scan import run

        start = time.perf_counter()
        result = run(request)
        result.write(findings=out / "f.jsonl", signals=out / "signals.parquet",
                     quarantine=out / "q.jsonl")
        seconds = time.perf_counter() - start
        extra = {"records": result.records_loaded}
    else:
        import dq.spark

        begin = time.perf_counter()
        spark = dq.spark.session("local[2]", conf={"spark.driver.memory": args.driver_memory})
        spark.conf.set("spark.sql.shuffle.partitions", str(args.partitions))
        ready = time.perf_counter()
        result = dq.spark.scan(spark, [args.corpus], request)
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
    return {**row, **{f"peak_{k}_mb": v for k, v in sampler.peak.items()},
            "cpu_s": sum(sampler.cpu.values())}


def _run(corpus: Path, engine: str, *, partitions: int = 2, split_bytes: int = 0,
         driver_memory: str = "4g", tree: Path | None = None) -> dict[str, float]:
    """One measurement in a fresh subprocess; ``tree``: a checkout whose ``dq`` it imports
    (``--ref``: the code before a change, measured in the same run)."""
    env = None
    if tree is not None:
        env = {**os.environ, "PYTHONPATH": str(tree)}
    with tempfile.TemporaryDirectory(prefix="dq-bench-out-") as outdir:
        cmd = [sys.executable, __file__, "--child", "--engine", engine, "--corpus", str(corpus),
               "--outdir", outdir, "--partitions", str(partitions),
               "--split-bytes", str(split_bytes), "--driver-memory", driver_memory]
        # cwd too: Spark's Python workers (python -m pyspark.daemon) put it first on sys.path
        return measure(cmd, env, tree)


def _shards(workdir: Path, mb: float) -> tuple[Path, float]:
    from _corpus import write_shards

    folder = workdir / f"spark-{mb:g}mb"
    manifest = write_shards(folder, mb, shard_mb=mb)  # one file: splits are exact
    return folder, float(manifest["file_mb"])  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--mb2", type=float, default=100.0, help="second size for driver memory")
    parser.add_argument("--per-core", default="1,2,4,8")
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
    parser.add_argument("--partitions", type=int, default=2, help=argparse.SUPPRESS)
    parser.add_argument("--split-bytes", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    corpus, file_mb = _shards(args.workdir, args.mb)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| run | MB | s | MB/s | x local | CPU s | CPU s/MB | x local per CPU s "
          "| local/driver py RSS MB | executor workers MB | JVM MB | load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|", flush=True)
    rows: list[dict[str, object]] = []

    def show(name: str, mb: float, row: dict[str, float]) -> None:
        rows.append({"run": name, "mb": mb, **row, "load_avg_1m": os.getloadavg()[0]})
        if args.out:  # after every row: a run stopped part way keeps what it measured
            args.out.write_text(json.dumps({"command": " ".join(sys.argv), "rows": rows},
                                           indent=1))
        rate, per_cpu = mb / row["seconds"], mb / row["cpu_s"]
        base = float(rows[0]["mb"]) / float(rows[0]["seconds"])  # type: ignore[arg-type]
        base_cpu = float(rows[0]["mb"]) / float(rows[0]["cpu_s"])  # type: ignore[arg-type]
        print(f"| {name} | {mb:.0f} | {row['seconds']:.1f} | {rate:.2f} | {rate / base:.2f} | "
              f"{row['cpu_s']:.0f} | {row['cpu_s'] / mb:.2f} | {per_cpu / base_cpu:.2f} | "
              f"{row['peak_driver_mb']:.0f} | {row['peak_workers_mb']:.0f} | "
              f"{row['peak_jvm_mb']:.0f} | {os.getloadavg()[0]:.1f} |", flush=True)

    show(f"local engine, {args.mb:g} MB", file_mb, _run(corpus, "local"))
    per_core = [int(x) for x in args.per_core.split(",")]
    for n, k in enumerate(per_core):
        parts = k * CORES
        split = max(1, int(file_mb * 1e6 / parts) + 1)
        show(f"spark local[2], {k}/core ({parts} splits), {args.mb:g} MB", file_mb,
             _run(corpus, "spark", partitions=parts, split_bytes=split,
                  driver_memory=args.driver_memory))
        if n == 0 and args.ref:
            show(f"ref {args.ref.name}: spark local[2], {k}/core ({parts} splits), "
                 f"{args.mb:g} MB", file_mb,
                 _run(corpus, "spark", partitions=parts, split_bytes=split,
                      driver_memory=args.driver_memory, tree=args.ref))
        if n == 0 and args.mb2:  # the second size early: the driver-memory comparison
            big, big_mb = _shards(args.workdir, args.mb2)
            show(f"spark local[2], {k}/core ({parts} splits), {args.mb2:g} MB", big_mb,
                 _run(big, "spark", partitions=parts, split_bytes=int(big_mb * 1e6 / parts) + 1,
                      driver_memory=args.driver_memory))


if __name__ == "__main__":
    main()
