"""Stress the cleaner on real content lines: digits changed, tokens split, sentences deleted.

Usage: PYTHONPATH=. python bench/clean_stress.py [--limit N] [--dump FILE]

Input: every distinct line labelled ``content`` in ../shared/eval/dev/extracted.jsonl
and lines.jsonl, cleaned as one record each (with its page's ``lang`` when the
page gives one), by ``dq.clean.clean_frame``, the engine of ``clean()`` and
``dq clean``. Counted on the output of each line:

``digits_changed``  the runs of digits differ from the input's;
``split_whole``     a token of the line split by a space although the same
                    token is written whole elsewhere in its page, or in
                    another page of the set;
``split_title``     a Title-Case token split (a name: "Sinwar" -> "Sin war");
``sentence_lost``   a full sentence (8+ words, terminal punctuation) deleted.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

import polars as pl

from dq.clean import clean_frame

DEV = Path("/work/shared/eval/dev")
_TOKEN = re.compile(r"[^\W\d_]{4,}")
_DIGITS = re.compile(r"\d+")


def content_lines() -> tuple[list[tuple[str, str | None, str]], dict[str, Counter[str]]]:
    """``(page, lang, line)`` of every distinct content line, and the tokens of each page."""
    rows: dict[str, tuple[str, str | None, str]] = {}
    tokens: dict[str, Counter[str]] = {}
    for name in ("extracted.jsonl", "lines.jsonl"):
        for raw in (DEV / name).open(encoding="utf-8"):
            r = json.loads(raw)
            page = r.get("page_id") or r["id"]
            labels = r["labels"] if isinstance(r["labels"], list) else []
            lines = r["text"].split("\n")
            tokens.setdefault(page, Counter()).update(_TOKEN.findall(r["text"]))
            for line, label in zip(lines, labels, strict=False):
                if label == "content" and line.strip():
                    rows.setdefault(line, (page, r.get("lang"), line))
    return list(rows.values()), tokens


def splits(before: str, after: str) -> list[tuple[str, str]]:
    """Tokens of ``before`` shown split by one space in ``after``: ``(token, split)``."""
    out = []
    for tok in set(_TOKEN.findall(before)):
        for i in range(2, len(tok) - 1):
            split = f"{tok[:i]} {tok[i:]}"
            if split in after and split not in before:
                out.append((tok, split))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--dump", type=Path)
    args = ap.parse_args()
    rows, page_tokens = content_lines()
    if args.limit:
        rows = rows[: args.limit]
    corpus = Counter[str]()
    for c in page_tokens.values():
        corpus.update(set(c))
    frame = pl.DataFrame(
        {"id": [str(i) for i in range(len(rows))], "text": [r[2] for r in rows],
         "lang": [r[1] for r in rows]},
        schema={"id": pl.String, "text": pl.String, "lang": pl.String},
    )
    t0 = time.perf_counter()
    out = clean_frame(frame).articles["text"].to_list()
    dt = time.perf_counter() - t0
    counts = Counter[str]()
    notes = []
    for (page, lang, before), after in zip(rows, out, strict=True):
        after = after or ""
        if Counter(_DIGITS.findall(before)) != Counter(_DIGITS.findall(after)):
            counts["digits_changed"] += 1
            notes.append(f"DIGITS\t{lang}\t{before[:150]}\t{after[:150]}")
        for tok, split in splits(before, after):
            counts["splits"] += 1
            whole = page_tokens[page][tok] >= 2 or corpus[tok] >= 2
            if whole:
                counts["split_whole"] += 1
            if re.fullmatch(r"[^\W\d_][^\W\d_A-Z]+", tok) and tok[0].isupper():
                counts["split_title"] += 1
            notes.append(f"SPLIT{'_WHOLE' if whole else ''}\t{lang}\t{tok}\t{split}")
        words = before.split()
        if (len(words) >= 8 and re.search(r"[.!?…][\"'”’»)\]]*$", before.strip())
                and not after.strip()):
            counts["sentence_lost"] += 1
            notes.append(f"LOST\t{lang}\t{before[:150]}")
    print(f"{len(rows)} content lines cleaned in {dt:.1f} s")
    for key in ("digits_changed", "splits", "split_whole", "split_title", "sentence_lost"):
        print(f"{key:16} {counts[key]}")
    if args.dump:
        args.dump.write_text("\n".join(notes) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
