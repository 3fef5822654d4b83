"""Benchmark: dq at scale against its peers, start-up time, and peak memory from 1 GB to 4 GB.

    PYTHONPATH=. .venv/bin/python bench/bench_scale.py [--mb 200] [--peer-mb 20]
        [--rss-gb 1,4] [--workdir /tmp/dq-bench] [--out bench/results.json]

Smoke run (about a minute): ``--mb 2 --peer-mb 1 --rss-gb ''``.

One run, one corpus (JSONL shards of the repo's own texts, replicated and
varied, seeded; see ``bench/_corpus.py``), written once under ``--workdir``
and reused. Measured:

1. ``dq scan <shards> --signals --findings`` (the full default signal set,
   ``--threads`` when the CLI has it) in a child process: wall time and the
   child's peak RSS (``wait4``); ``detect()`` in this process on the same
   texts (pure detection, best of ``--repeat``);
2. on the first ``--peer-mb`` of the same texts: ``detect()``, datatrove's
   C4 + Gopher + FineWeb quality filters, Great Expectations'
   ``ExpectColumnValuesToNotMatchRegexList`` with dq's chrome phrase regexes
   (``bench/_peers.py``), and a baseline, the same regexes with Python
   ``re``; ``vs re`` is a row's time per MB over the baseline's (comparable
   across machines), ``dq x`` is how many times faster ``detect()`` was on
   the same slice;
3. start-up: ``dq --help`` and ``dq scan tiny.jsonl``, best of
   ``--startup-runs``, and ``-X importtime``: the slowest imports, and any
   heavy library (GX, Altair, pandas, DuckDB, ...) that should not be there;
4. ``dq scan`` peak RSS at each size of ``--rss-gb`` (GB of text), and the
   ratio largest/smallest; then ``dq validate`` and ``dq report`` with the
   shipped nightly suite at the same sizes (``--no-rss-validate`` and
   ``--no-rss-report`` skip them). A child over
   ``--rss-limit-gb`` is killed (the row says so) so that a non-streaming
   run cannot take the machine down.

Prints one markdown table (and the load average) and writes JSON to
``--out``. Megabytes are 10^6 bytes of UTF-8 text (the JSONL is ~5% larger).
Not a test: numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

if importlib.util.find_spec("dq") is None:  # no PYTHONPATH: this checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _corpus import read_shards, text_megabytes, write_shards
from _peers import chrome_regexes, datatrove_filters, gx_regex, regex_baseline

from dq.detect import detect
from dq.signals.context import DetectContext
from dq.signals.registry import REGISTRY

#: Targets of issue 7 (what the table is judged against).
TARGET_MBPS = 100.0  # full default signal set, 2 cores
TARGET_X_DATATROVE = 100.0
TARGET_X_GX = 5.0
TARGET_RSS_FLAT = 1.2  # peak RSS at the largest size / at the smallest
TARGET_RSS_BYTES = 2e9
TARGET_STARTUP_S = 0.5

#: Libraries that must not be imported by ``dq --help`` or ``dq scan``.
HEAVY = ("great_expectations", "altair", "pandas", "duckdb", "scipy", "vl_convert", "datatrove")

#: How the child processes start dq: the CLI entry point, from the same tree as this process.
BOOT = "import sys; sys.argv[0] = 'dq'; from dq.cli import main; main()"
DQ_TREE = str(Path(sys.modules["dq"].__file__ or ".").resolve().parents[1])


def child_env() -> dict[str, str]:
    """This environment with ``PYTHONPATH`` pointing at the dq tree under test."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (DQ_TREE, env.get("PYTHONPATH")) if p)
    return env


def run_child(args: list[str], *, log: Path, limit_bytes: float = float("inf"),
              pre: tuple[str, ...] = ()) -> dict[str, Any]:
    """``python [pre] -c BOOT args``: wall seconds, peak RSS, exit code; output to log.

    Peak RSS is the child's ``VmHWM`` (high-water mark of its memory since
    ``exec``), read every 20 ms: ``wait4``'s ``ru_maxrss`` would include the
    copy of this (large) process made by ``fork``. The child is killed if its
    RSS passes ``limit_bytes`` (``killed`` is then true).
    """
    peak = 0
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *pre, "-c", BOOT, *args], stdout=out,
                                stderr=subprocess.STDOUT, env=child_env())
        killed = False
        while True:
            status_kb = _vm_kb(proc.pid)
            peak = max(peak, status_kb.get("VmHWM", 0) * 1024)
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if status_kb.get("VmRSS", 0) * 1024 > limit_bytes and not killed:
                proc.kill()
                killed = True
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: keep Popen quiet
    return {"seconds": seconds, "rss": peak, "rc": proc.returncode,
            "killed": killed, "log": str(log)}


def _vm_kb(pid: int) -> dict[str, int]:
    """``Vm*`` lines of ``/proc/<pid>/status`` in kB (empty once the process has gone)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v.split()[0]) for k, _, v in (ln.partition(":") for ln in lines)
            if k.startswith("Vm") and v.strip()}


def scan_args(folder: Path, work: Path, threads: int | None) -> list[str]:
    """``dq scan`` over the shards in ``folder``, writing signals and findings into ``work``."""
    extra = ["--threads", str(threads)] if threads else []
    return ["scan", str(folder), "--signals", str(work / "signals.parquet"),
            "--findings", str(work / "findings.jsonl"), "--limit", "0", *extra]


def validate_args(folder: Path, threads: int | None) -> list[str]:
    """``dq validate`` of the shards in ``folder`` with the shipped nightly suite."""
    extra = ["--threads", str(threads)] if threads else []
    return ["validate", str(folder), "--suite", str(Path(DQ_TREE, "expectations", "nightly.json")),
            *extra]


def report_args(folder: Path, out: Path, threads: int | None) -> list[str]:
    """``dq report`` of the shards in ``folder`` (nightly suite, GX Data Docs, charts and
    history: the nightly job) into ``out``, which is emptied first so that every run
    starts with no history."""
    shutil.rmtree(out, ignore_errors=True)
    extra = ["--threads", str(threads)] if threads else []
    return ["report", str(folder), "--out", str(out), "--run-id", "bench", *extra]


def cli_has(option: str, work: Path) -> bool:
    """Whether ``dq scan --help`` lists ``option`` (the CLI is changing under this script)."""
    log = work / "scan-help.txt"
    run_child(["scan", "--help"], log=log)
    return option in log.read_text()


def imports(work: Path, args: list[str], name: str) -> dict[str, Any]:
    """``-X importtime`` of ``dq args``: top-level imports by cumulative time, heavy ones found."""
    log = work / f"importtime-{name}.txt"
    run_child(args, log=log, pre=("-X", "importtime"))
    rows = []
    for line in log.read_text(errors="replace").splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)", line)
        if m:
            rows.append((int(m[2]) / 1e6, len(m[3]), m[4]))
    heavy = sorted({mod for _, _, mod in rows if mod.split(".")[0] in HEAVY})
    top = sorted((r for r in rows if r[1] == 0), reverse=True)[:6]
    return {"heavy": heavy, "top": [[mod, round(s, 3)] for s, _, mod in top],
            "total_s": round(sum(s for s, depth, _ in rows if depth == 0), 3)}


def startup(work: Path, runs: int) -> dict[str, Any]:
    """Best-of-``runs`` wall time and the imports of ``dq --help`` and ``dq scan tiny.jsonl``."""
    tiny = work / "tiny.jsonl"
    tiny.write_text("".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(
        ["Storm hits coast.\nBack to top", "Share this\nA short article body.", "Fine text."])))
    cases = {"dq --help": ["--help"],
             "dq scan tiny.jsonl": ["scan", str(tiny), "--findings", str(work / "tiny.out")]}
    out: dict[str, Any] = {}
    python = min(_wall([sys.executable, "-c", "pass"]) for _ in range(runs))  # for scale
    for label, args in cases.items():
        name = label.split()[1].strip("-")
        timed = [run_child(args, log=work / f"startup-{name}.txt") for _ in range(runs)]
        if timed[0]["rc"] != 0:
            raise SystemExit(f"{label} failed: see {timed[0]['log']}")
        best = min(timed, key=lambda r: r["seconds"])
        out[label] = {**best, **imports(work, args, name), "bare_python_s": python}
    out["dq scan tiny.jsonl"]["phases"] = scan_phases(tiny)
    return out


#: Where ``dq scan tiny.jsonl`` spends its time, in a fresh interpreter (internal API: if it
#: changes, the phases are reported as unavailable, the rest of the run goes on).
PHASES = """import json, sys, time
t0 = time.perf_counter()
from dq.scan import run_scan
from dq.signals.context import DetectContext
t1 = time.perf_counter()
ctx = DetectContext()
ctx.lexicon()
t2 = time.perf_counter()
run_scan([sys.argv[1]], ctx=ctx)
t3 = time.perf_counter()
run_scan([sys.argv[1]], ctx=ctx)
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "lexicon": t2 - t1, "first scan": t3 - t2,
                  "second scan": t4 - t3}))
"""


def scan_phases(tiny: Path) -> dict[str, float]:
    """Seconds of each phase of a tiny scan (empty if the internal API moved)."""
    run = subprocess.run([sys.executable, "-c", PHASES, str(tiny)], capture_output=True,
                         text=True, env=child_env(), check=False)
    try:
        return dict(json.loads(run.stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        return {}


def _wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def timed_detect(
    frame: pl.DataFrame, ctx: DetectContext, repeat: int, codes: list[str] | None = None
) -> dict[str, Any]:
    """Best-of-``repeat`` seconds of ``detect(frame)`` (``codes``, default the full
    registry; findings on), peak RSS.

    Also the ids of records with at least one chrome finding (``chrome_ids``).
    """
    from bench_detect import PeakRss

    best, peak, found = float("inf"), 0, 0
    for _ in range(repeat):
        with PeakRss() as rss:
            start = time.perf_counter()
            result = detect(frame, ctx=ctx, codes=codes)
            best = min(best, time.perf_counter() - start)
        peak, found = max(peak, rss.peak), result.findings.height
    chrome = (result.signals.filter(pl.col("n_chrome") > 0)["id"].to_list()
              if "n_chrome" in result.signals.columns else [])
    return {"seconds": best, "rss": peak, "findings": found, "chrome_ids": chrome}


class Table:
    """Rows of the result table, printed as they come and again as markdown at the end."""

    HEAD = ("step", "input MB", "docs", "seconds", "MB/s", "docs/s", "peak RSS MB",
            "vs re", "dq x", "note")

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.re_spm: float | None = None  # baseline seconds per MB

    def add(self, step: str, mb: float, docs: int, r: dict[str, Any], *,
            dq_spm: float | None = None, note: str = "") -> dict[str, Any]:
        s = r["seconds"]
        row = {"step": step, "mb": mb, "docs": docs, "seconds": s, "mbps": mb / s if mb else None,
               "docsps": docs / s if docs else None, "rss_mb": r.get("rss", 0) / 1e6 or None,
               "vs_re": s / mb / self.re_spm if self.re_spm and mb else None,
               "dq_x": s / mb / dq_spm if dq_spm and mb else None, "note": note}
        self.rows.append(row)
        print(" | ".join(self.cells(row)), flush=True)
        return row

    @staticmethod
    def cells(row: dict[str, Any]) -> list[str]:
        def num(v: float | None, fmt: str) -> str:
            return "" if v is None else format(v, fmt)
        return [row["step"], num(row["mb"] or None, ",.1f"), num(row["docs"] or None, ","),
                num(row["seconds"], ".2f"), num(row["mbps"], ",.1f"), num(row["docsps"], ",.0f"),
                num(row["rss_mb"], ",.0f"), num(row["vs_re"], ".2f"), num(row["dq_x"], ",.1f"),
                row["note"]]

    def markdown(self) -> str:
        lines = ["| " + " | ".join(self.HEAD) + " |", "|" + "---|" * len(self.HEAD)]
        lines += ["| " + " | ".join(self.cells(r)) + " |" for r in self.rows]
        return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--mb", type=float, default=200.0, help="dq corpus, MB of text")
    parser.add_argument("--peer-mb", type=float, default=20.0, help="slice given to every peer")
    parser.add_argument("--rss-gb", default="1,4", help="GB of text, dq scan peak RSS ('' skips)")
    parser.add_argument("--rss-limit-gb", type=float, default=6.0, help="kill a scan past this")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir(), "dq-bench"),
                        help="shards and outputs (kept and reused; never inside the repo)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shard-mb", type=float, default=64.0, help="text MB per JSONL shard")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="dq scan --threads, when the CLI has it")
    parser.add_argument("--repeat", type=int, default=1,
                        help="in-process detect runs and GX validations (best kept)")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--no-peers", action="store_true", help="skip datatrove and GX")
    parser.add_argument("--without", default="",
                        help="comma-separated families: also time detect() without them")
    parser.add_argument("--no-rss-validate", action="store_true",
                        help="skip dq validate (nightly suite) at the --rss-gb sizes")
    parser.add_argument("--no-rss-report", action="store_true",
                        help="skip dq report (nightly suite) at the --rss-gb sizes")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    work = args.workdir.resolve()
    if work.is_relative_to(Path(DQ_TREE)):
        raise SystemExit(f"--workdir {work} is inside the repo: pick a folder outside it")
    (work / "out").mkdir(parents=True, exist_ok=True)

    def corpus(mb: float) -> tuple[Path, dict[str, Any]]:
        folder = work / f"corpus-{mb:g}mb-seed{args.seed}"
        start = time.perf_counter()
        manifest = write_shards(folder, mb, seed=args.seed, shard_mb=args.shard_mb)
        print(f"corpus {folder}: {manifest['records']:,} records, {manifest['text_mb']:,.1f} MB "
              f"text, {manifest['file_mb']:,.1f} MB JSONL ({time.perf_counter() - start:.1f} s)",
              flush=True)
        return folder, manifest

    threads = args.threads if cli_has("--threads", work) else None
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; "
          f"python {platform.python_version()}, polars {pl.__version__}; dq from {DQ_TREE}; "
          f"{len(REGISTRY)} reason codes; dq scan --threads: {threads or 'not available'}")
    folder, manifest = corpus(args.mb)
    table = Table()
    print(" | ".join(Table.HEAD))
    frame = read_shards(folder)
    peer = frame.head(read_shards(folder, args.peer_mb).height)
    peer_mb, ids, texts = text_megabytes(peer), peer["id"].to_list(), peer["text"].to_list()
    regexes = chrome_regexes()
    base = regex_baseline(texts, regexes)
    table.add(f"baseline: Python re, {len(regexes)} chrome regexes", peer_mb, peer.height, base)
    table.re_spm = base["seconds"] / peer_mb
    ctx = DetectContext()
    ctx.lexicon()  # built once, outside the timings (as in bench_detect.py)
    detect(peer.head(50), ctx=ctx)  # first-call costs are in the start-up rows, not here
    slice_dq = timed_detect(peer, ctx, args.repeat)
    table.add(f"dq detect(), {len(REGISTRY)} codes (peer slice)", peer_mb, peer.height, slice_dq,
              note=f"{slice_dq['findings']:,} findings")
    dq_spm = slice_dq["seconds"] / peer_mb
    results: dict[str, Any] = {"peers": {}}
    if not args.no_peers:
        dt = datatrove_filters(ids, texts)
        for name, f in dt["filters"].items():
            table.add(f"datatrove {name}", peer_mb, peer.height, f, dq_spm=dq_spm,
                      note=f"{f['rejected']:,} docs rejected; "
                           f"{len(f['rejects']) + len(f['line_rules'])} checks")
        chrome = set(slice_dq["chrome_ids"])
        dt["dq_chrome_docs"] = len(chrome)
        dt["dq_chrome_docs_passed"] = len(chrome - set(dt.pop("rejected_ids")))
        table.add("datatrove, the three filters", peer_mb, peer.height, dt, dq_spm=dq_spm,
                  note=f"{dt['rejected_any']:,} docs rejected; {dt['checks']} checks; passed "
                       f"{dt['dq_chrome_docs_passed']:,} of dq's {len(chrome):,} docs with chrome")
        gx = gx_regex(ids, texts, regexes, repeat=args.repeat)
        table.add(f"GX {gx['gx_version']} not_match_regex_list x{gx['expectations']}", peer_mb,
                  peer.height, gx, dq_spm=dq_spm,
                  note=f"+{gx['setup_seconds']:.1f} s import/setup; "
                       f"{sum(gx['hits'].values()):,} hits; {gx['errors']} errors")
        if gx["hits"] != base["hits"]:
            print("warning: GX and re disagree on the regex hits", file=sys.stderr)
        results["peers"] = {"datatrove": dt, "gx": gx, "re": base}
    del peer, texts, ids
    full = timed_detect(frame, ctx, args.repeat)
    table.add(f"dq detect(), {len(REGISTRY)} codes", manifest["text_mb"], frame.height, full,
              note=f"{full['findings']:,} findings; in-process")
    left_out = {f for f in args.without.split(",") if f}
    if left_out:  # what the rest costs: the most that making those families free could gain
        rest = [s.code for s in REGISTRY if s.family not in left_out]
        part = timed_detect(frame, ctx, args.repeat, rest)
        table.add(f"dq detect(), without {','.join(sorted(left_out))} ({len(rest)} codes)",
                  manifest["text_mb"], frame.height, part,
                  note=f"{part['findings']:,} findings; in-process")
    del frame
    scan = run_child(scan_args(folder, work / "out", threads), log=work / "scan.txt")
    if scan["rc"]:
        raise SystemExit(f"dq scan failed (exit {scan['rc']}): see {scan['log']}")
    table.add("dq scan (CLI, child process)", manifest["text_mb"], manifest["records"], scan,
              note=f"{manifest['file_mb']:,.0f} MB JSONL in {len(manifest['files'])} shards")
    results["startup"] = startup(work, args.startup_runs)
    for label, s in results["startup"].items():
        heavy = ("heavy imports: " + ", ".join(s["heavy"])) if s["heavy"] else "no heavy imports"
        phases = "; ".join(f"{k} {v:.2f} s" for k, v in s.get("phases", {}).items())
        table.add(label, 0, 0, s, note=f"{heavy}; imports {s['total_s']:.2f} s (importtime); "
                                       f"bare python {s['bare_python_s']:.2f} s"
                                       + (f"; in-process: {phases}" if phases else ""))
    rss_rows, sizes = [], [float(g) for g in args.rss_gb.split(",") if g.strip()]
    # besides dq scan, the commands whose memory must stay flat on streamed corpora:
    # (row label, slug for the log and the results key, arguments)
    jobs = [(name, slug, build) for name, slug, build, skip in [
        ("dq validate (nightly suite)", "validate", lambda f, gb: validate_args(f, threads),
         args.no_rss_validate),
        ("dq report (nightly suite)", "report",
         lambda f, gb: report_args(f, work / f"report-{gb:g}gb", threads), args.no_rss_report),
    ] if not skip]
    job_rows: dict[str, list[dict[str, Any]]] = {slug: [] for _, slug, _ in jobs}
    for gb in sizes:
        big, big_manifest = corpus(gb * 1000)
        r = run_child(scan_args(big, work / "out", threads), log=work / f"scan-{gb:g}gb.txt",
                      limit_bytes=args.rss_limit_gb * 1e9)
        note = f"killed above {args.rss_limit_gb:g} GB RSS" if r["killed"] else (
            f"exit {r['rc']}" if r["rc"] else "")
        rss_rows.append(table.add(f"dq scan, {gb:g} GB", big_manifest["text_mb"],
                                  big_manifest["records"], r, note=note))
        for name, slug, build in jobs:
            v = run_child(build(big, gb), log=work / f"{slug}-{gb:g}gb.txt",
                          limit_bytes=args.rss_limit_gb * 1e9)
            # exit 1 is the suite failing on this corpus's planted defects, as it should
            vnote = f"killed above {args.rss_limit_gb:g} GB RSS" if v["killed"] else (
                "" if not v["rc"] else
                f"exit {v['rc']}" + (" (suite failed, as expected)" if v["rc"] == 1 else ""))
            job_rows[slug].append(table.add(f"{name}, {gb:g} GB", big_manifest["text_mb"],
                                            big_manifest["records"], v, note=vnote))
    ratio_keys = [("rss_ratio", rss_rows), *((f"{k}_rss_ratio", r) for k, r in job_rows.items())]
    for key, rows in ratio_keys:
        if len(rows) > 1:
            ratio = rows[-1]["rss_mb"] / rows[0]["rss_mb"]
            flat = f"peak RSS x{ratio:.2f} of the {sizes[0]:g} GB run"
            rows[-1]["note"] = "; ".join(n for n in (rows[-1]["note"], flat) if n)
            results[key] = ratio
    print("\n" + table.markdown())
    results.update({
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {"cpus": os.cpu_count(), "load_before": load, "load_after": os.getloadavg(),
                    "python": platform.python_version(), "polars": pl.__version__},
        "dq_codes": len(REGISTRY), "threads": threads, "corpus": manifest, "rows": table.rows,
        "targets": {"mbps": TARGET_MBPS, "x_datatrove": TARGET_X_DATATROVE, "x_gx": TARGET_X_GX,
                    "rss_flat": TARGET_RSS_FLAT, "rss_bytes": TARGET_RSS_BYTES,
                    "startup_s": TARGET_STARTUP_S},
    })
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, default=str) + "\n")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
