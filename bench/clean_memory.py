"""Peak RSS of ``dq scan`` / ``dq clean`` on the issue-17 D shapes, for one or more checkouts.

Usage: python bench/clean_memory.py CHECKOUT [CHECKOUT ...] [--dir DIR]

Writes small repro files (one record each): a single 16,384 / 32,768 /
65,536-letter token in a sentence (glued_words' candidate length), and
1,000 / 4,000 / 10,000 "he said ." lines (one fix per line), then runs each
command under ``/usr/bin/time -v`` with ``PYTHONPATH=CHECKOUT`` and prints
peak RSS (MB) and wall time. Sizes finish in seconds on the fixed code; the
largest took 2 GB and more before (2026-12-07, 2 cores).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = {
    "token16384": ("clean", "scan"), "token32768": ("clean", "scan"), "token65536": ("clean",),
    "said1000": ("clean",), "said4000": ("clean",), "said10000": ("clean",),
}


def write_cases(folder: Path) -> None:
    rng = random.Random(1)
    for name in CASES:
        n = int(re.sub(r"\D", "", name))
        if name.startswith("token"):
            word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))
            text = f"The word is {word} here."
        else:
            text = "\n".join(["he said ."] * n)
        (folder / f"{name}.jsonl").write_text(json.dumps({"id": "a", "text": text}) + "\n")


def peak(checkout: str, folder: Path, name: str, command: str) -> tuple[int, str]:
    src = folder / f"{name}.jsonl"
    args = [sys.executable, "-m", "dq.cli", command, str(src)]
    if command == "clean":
        args += ["--out", str(folder / f"{name}.parquet")]
    run = subprocess.run(["/usr/bin/time", "-v", *args], capture_output=True, text=True,
                         env={"PYTHONPATH": checkout, "PATH": "/usr/bin:/bin"}, timeout=600)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time .*: (\S+)", run.stderr).group(1)
    return rss // 1024, wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("checkouts", nargs="+")
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="dq-mem-"))
    write_cases(folder)
    for name, commands in CASES.items():
        for command in commands:
            for checkout in args.checkouts:
                mb, wall = peak(checkout, folder, name, command)
                print(f"{name:11} {command:5} {checkout:24} peak {mb:6d} MB  wall {wall}")


if __name__ == "__main__":
    main()
