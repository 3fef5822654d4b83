"""What glued_words costs inside ``detect()``: CPU of the full registry minus CPU without it.

    PYTHONPATH=<tree> .venv/bin/python bench/glued_cost.py [--mb 20 | --unique] [--repeats 3]

The two rows of ``bench/profile_detect.py --stages`` that say it ("full registry" and
"without glued_words"), on the same corpus and warm-up, without the other rows (a run
of them all takes minutes on a loaded machine). Each repeat uses a fresh
:class:`~dq.signals.context.DetectContext` warmed on 50 records, as profile_detect does,
so the language identification and look-ups cached per context are paid every time.
Run it from one checkout with ``PYTHONPATH`` set to each tree in turn, interleaved.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import build_corpus
from profile_detect import unique_corpus

import dq
from dq.detect import detect
from dq.signals.context import DetectContext
from dq.signals.registry import REGISTRY


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--unique", action="store_true", help="a corpus without repeated lines")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    corpus = unique_corpus() if args.unique else build_corpus(args.mb)
    codes = [s.code for s in REGISTRY]
    without = [c for c in codes if c != "glued_words"]
    tree = Path(dq.__file__).resolve().parents[1]
    for _ in range(args.repeats):
        ctx = DetectContext()
        detect(corpus.head(50), ctx=ctx)
        cpu = []
        for chosen in (None, without):
            start = time.process_time()
            detect(corpus, ctx=ctx, codes=chosen)
            cpu.append(time.process_time() - start)
        print(
            f"{tree}  full {cpu[0]:6.2f} s CPU  without glued_words {cpu[1]:6.2f}  "
            f"glued_words {cpu[0] - cpu[1]:+6.2f}  load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
