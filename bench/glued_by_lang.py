"""Glued-word scores per language of ../shared/eval/dev/glued.jsonl (and the cases missed).

Usage: PYTHONPATH=. python bench/glued_by_lang.py [--dump FILE]

glued.jsonl has no ``lang``: a Fundus case takes the ``lang`` of its
publisher (the ``publisher`` and ``lang`` of extracted.jsonl / lines.jsonl,
matched on the publisher part of the case id); an aeb case is ``aeb``
(English news pages). Scores as ``dq eval``: recall over positives, FPR over
negatives, exact fix over positives.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from dq.evaluate.glued import CaseOutcome, load_cases, score_cases

DEV = Path("/work/shared/eval/dev")


def publisher_langs() -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("extracted.jsonl", "lines.jsonl"):
        for line in (DEV / name).open(encoding="utf-8"):
            r = json.loads(line)
            if r.get("publisher") and r.get("lang"):
                out[r["publisher"]] = r["lang"]
    return out


def lang_of(case_id: str, langs: dict[str, str]) -> str:
    if not case_id.startswith("fundus:"):
        return "aeb"
    parts = case_id.split(":", 1)[1].split("/")
    return langs.get(parts[1], "?") if len(parts) > 1 else "?"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", type=Path, help="write missed positives and false positives here")
    args = ap.parse_args()
    cases = load_cases(DEV / "glued.jsonl")
    report = score_cases(cases)
    langs = publisher_langs()
    groups: dict[str, list[CaseOutcome]] = defaultdict(list)
    for o in report.outcomes:
        groups[lang_of(o.case.id, langs)].append(o)
    print(f"{'lang':6} {'pos':>5} {'neg':>4} {'recall':>7} {'FPR':>6} {'exact':>6}")
    for lang in sorted(groups, key=lambda g: -len(groups[g])):
        os_ = groups[lang]
        pos = [o for o in os_ if o.case.is_glued]
        neg = [o for o in os_ if not o.case.is_glued]
        rec = sum(o.detected for o in pos) / max(1, len(pos))
        fpr = sum(o.detected for o in neg) / max(1, len(neg))
        ex = sum(o.proposed == o.case.fixed for o in pos) / max(1, len(pos))
        print(f"{lang:6} {len(pos):5d} {len(neg):4d} {rec:7.3f} {fpr:6.3f} {ex:6.3f}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for o in report.outcomes:
                if o.case.is_glued != o.detected:
                    kind = "MISS" if o.case.is_glued else "FP"
                    lang = lang_of(o.case.id, langs)
                    out.write(f"{kind}\t{lang}\t{o.case.token}\t{o.proposed}\t{o.case.context}\n")


if __name__ == "__main__":
    main()
