"""Compare dq's outputs of two checkouts: findings, signal tables, quarantine, report summaries.

Why: a restructuring (issue 14) must not change a single finding. Each job
runs ``python -m dq.cli`` with ``PYTHONPATH`` set to a checkout and writes
into ``OUT/<tree>/<job>/``; then every file is compared byte for byte
(``filecmp.cmp(shallow=False)``), except Parquet (``polars.DataFrame.equals``
after checking the schema: names, order and dtypes) and ``summary.json``
(``started_at`` and other wall-clock keys dropped, the rest compared as JSON).
Terminal output is compared too, with timings masked.

Usage::

    python bench/compare_outputs.py --ref REF_CHECKOUT --new . --out /tmp/cmp \\
        [--dev DIR] [--reuse-ref] [--only REGEX]

Exit 0 when everything is identical, 1 otherwise (each difference printed).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import subprocess
import sys
from pathlib import Path

#: Keys in summary.json that hold wall-clock times or host facts, not results.
CLOCK_KEYS = frozenset({"started_at", "finished_at", "seconds", "elapsed", "duration_s", "run_id"})
_TIMING = re.compile(r"\d+(\.\d+)?\s*(s|ms|MB/s|records/s)\b")

BAD_RECORDS = (
    "\n".join(
        [
            '{"id": "ok1", "text": "A fine line of text for a fine article that is long enough."}',
            '{"id": "nojson", "text": ',
            '{"id": "notext"}',
            '{"id": "", "text": "empty id"}',
            '{"id": "ok1", "text": "A fine line of text for a fine article that is long enough."}',
            '{"id": 7, "text": 12}',
        ]
    )
    + "\n"
)


def jobs(dev: Path | None, bad: Path, extra: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Name -> dq arguments; ``{o}`` stands for the job's output folder."""
    out: dict[str, list[str]] = {}
    scan_files = [
        "--findings",
        "{o}/findings.jsonl",
        "--signals",
        "{o}/signals.parquet",
        "--quarantine",
        "{o}/quarantine.jsonl",
    ]
    inputs = {"corpus": ["corpus/"], "bad": [str(bad)]}
    if dev is not None:  # glued.jsonl holds one glued word per row, its text in "context"
        for p in sorted(dev.glob("*.jsonl")):
            inputs[f"dev_{p.stem}"] = [
                str(p),
                *(["--map", "text=context"] if p.stem == "glued" else []),
            ]
    for item in extra:  # NAME=PATH: a corpus scanned whole (e.g. bench_scale's shard folder)
        name, _, path = item.partition("=")
        inputs[name] = [path]
    for name, given in inputs.items():
        out[f"scan_{name}"] = ["scan", *given, *scan_files, "--limit", "20"]
        out[f"stream_{name}"] = [*out[f"scan_{name}"], "--stream", "--batch-size", "1M"]
    out["scan_codes"] = [
        "scan",
        "corpus/",
        *scan_files,
        "--codes",
        "glued_words,duplicate_record,licence_nag",
    ]
    out["stream_codes"] = [*out["scan_codes"], "--stream", "--batch-size", "16K"]
    for mode, extra in (("mem", []), ("stream", ["--stream", "--batch-size", "16K"])):
        out[f"report_{mode}"] = [
            "report",
            "corpus/",
            "--out",
            "{o}/rep",
            "--run-id",
            "fixed",
            "--no-gx-docs",
            *extra,
        ]
        out[f"validate_{mode}"] = [
            "validate", "corpus/", "--suite", "expectations/pre-merge.json",
            "--json", "{o}/v.json", "--markdown", "{o}/v.md", "--junit", "{o}/v.xml", *extra,
        ]  # fmt: skip
    out["clean"] = ["clean", "corpus/", "--out", "{o}/clean.parquet", "--diff", "{o}/clean.diff"]
    return out


def run_tree(tree: Path, out: Path, todo: dict[str, list[str]]) -> None:
    env = dict(os.environ, PYTHONPATH=str(tree), GX_ANALYTICS_ENABLED="false", COLUMNS="160")
    for name, args in todo.items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        argv = [a.replace("{o}", str(folder)) for a in args]
        proc = subprocess.run(
            [sys.executable, "-m", "dq.cli", *argv],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
        )
        text = proc.stdout.replace(str(folder), "{o}")
        (folder / "stdout.txt").write_text(f"exit {proc.returncode}\n{_TIMING.sub('<t>', text)}")


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in CLOCK_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def same(a: Path, b: Path) -> str | None:
    """None when ``a`` and ``b`` hold the same result, else what differs."""
    if a.suffix == ".parquet":
        import polars as pl

        fa, fb = pl.read_parquet(a), pl.read_parquet(b)
        if fa.schema != fb.schema:
            return f"schema {fa.schema} != {fb.schema}"
        return None if fa.equals(fb) else f"rows differ ({fa.height} vs {fb.height})"
    if a.name == "summary.json" or a.name == "latest.json":
        ja, jb = _strip(json.loads(a.read_text())), _strip(json.loads(b.read_text()))
        return None if ja == jb else "JSON differs"
    if a.suffix in (".html", ".duckdb", ".lock") or a.name == "latest":
        return None  # HTML embeds times and run ids; history is covered by summary.json
    if a.suffix in (".json", ".xml") and a.parent.name != "rep":
        ta, tb = a.read_text(), b.read_text()
        ta, tb = (
            re.sub(r'"?(time|timestamp|run_time|started_at)"?[=:] ?"[^"]*"', "", t)
            for t in (ta, tb)
        )
        return None if ta == tb else "text differs"
    return None if filecmp.cmp(a, b, shallow=False) else "bytes differ"


def compare(ref: Path, new: Path) -> list[str]:
    problems = []
    for a in sorted(p for p in ref.rglob("*") if p.is_file()):
        b = new / a.relative_to(ref)
        if not b.exists():
            problems.append(f"missing: {b}")
        elif (why := same(a, b)) is not None:
            problems.append(f"{a.relative_to(ref)}: {why}")
    for b in sorted(p for p in new.rglob("*") if p.is_file()):
        if not (ref / b.relative_to(new)).exists():
            problems.append(f"extra: {b}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, required=True)
    parser.add_argument("--new", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--dev", type=Path, default=None, help="folder of *.jsonl corpora to scan too"
    )
    parser.add_argument(
        "--input",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="another corpus to scan, in memory and streamed (repeatable)",
    )
    parser.add_argument("--reuse-ref", action="store_true", help="keep OUT/ref from an earlier run")
    parser.add_argument("--only", default=None, help="regex: run only matching jobs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    bad = args.out / "bad.jsonl"
    bad.write_text(BAD_RECORDS)
    todo = jobs(args.dev, bad, tuple(args.input))
    if args.only:
        todo = {k: v for k, v in todo.items() if re.search(args.only, k)}
    if not (args.reuse_ref and (args.out / "ref").exists()):
        run_tree(args.ref.resolve(), args.out / "ref", todo)
    new_out = args.out / "new"
    if new_out.exists():
        import shutil

        shutil.rmtree(new_out)
    run_tree(args.new.resolve(), new_out, todo)
    ref_out = args.out / "ref"
    if args.only:  # compare only the jobs run
        problems = [p for name in todo for p in compare(ref_out / name, new_out / name)]
    else:
        problems = compare(ref_out, new_out)
    for p in problems:
        print(p)
    files = sum(1 for p in ref_out.rglob("*") if p.is_file())
    verdict = f"{len(problems)} differences" if problems else "identical"
    print(f"{len(todo)} jobs, {files} reference files: {verdict}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
