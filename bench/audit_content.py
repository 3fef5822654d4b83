"""Count chrome findings on the lines outside readers judged *content* (issue 15 audits).

The outside audits under ``tests/data/audit/`` (every ``*judgements*.jsonl``
there, the line model's judgements included) keep, for every judged
finding or deleted line, an excerpt of its record. An item's judged line is
content when the reader judged a chrome-family finding on it wrong, or its
deletion wrong (``kind: removed``). This script runs dq's chrome codes on
the excerpts (those that do not need the full record) and prints, per code,
how many judged-content lines each code reports, and the same for the lines
judged right chrome; ``--json`` writes the (item, code) pairs, so two
checkouts can be compared:

    PYTHONPATH=/work/main .venv/bin/python bench/audit_content.py --json /tmp/main.json
    PYTHONPATH=. .venv/bin/python bench/audit_content.py --json /tmp/new.json --base /tmp/main.json

With ``--base``, it also prints the findings that are new against the base
run: new findings on judged-content lines are the number to keep at zero.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import polars as pl

from dq.detect import detect
from dq.evaluate.chrome import chrome_codes
from dq.schema import ARTICLE_SCHEMA

AUDIT = Path(__file__).resolve().parent.parent / "tests" / "data" / "audit"
#: Every judgement file of the audits, read by name so a new audit's file is picked up.
FILES = tuple(sorted(p.name for p in AUDIT.glob("*judgements*.jsonl")))


def items() -> list[dict[str, object]]:
    """Judged items whose excerpt decides them, with ``role``: content, chrome or other."""
    chrome = set(chrome_codes())
    out = []
    for name in FILES:
        for raw in (AUDIT / name).read_text("utf-8").splitlines():
            if not raw.strip():
                continue
            it = json.loads(raw)
            if it.get("needs_full_record") or int(it.get("line", 1)) <= 0:
                continue
            kind = it.get("kind", "finding")
            in_family = kind == "removed" or it["code"] in chrome
            role = ("content" if it["verdict"] == "wrong" and in_family
                    else "chrome" if it["verdict"] == "right" and it["code"] in chrome
                    else "other")
            out.append({**it, "file": name, "role": role})
    return out


def findings(judged: list[dict[str, object]]) -> set[tuple[str, str]]:
    """(item id, code) for every chrome finding on an item's judged line."""
    rows = [{"id": it["id"], "text": "\n".join(it["excerpt"]["lines"]),  # type: ignore[index]
             **it["excerpt"]["meta"]} for it in judged]  # type: ignore[index]
    df = pl.DataFrame({c: [r.get(c) for r in rows] for c in ARTICLE_SCHEMA},
                      schema=ARTICLE_SCHEMA)
    line = {it["id"]: it["excerpt"]["line"] for it in judged}  # type: ignore[index]
    found = detect(df, codes=list(chrome_codes())).findings
    return {(rid, code) for rid, ln, code in found.select("record_id", "line", "code").iter_rows()
            if line[rid] == ln}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--base", type=Path, default=None)
    args = ap.parse_args()
    judged = items()
    role = {str(it["id"]): str(it["role"]) for it in judged}
    text = {str(it["id"]): str(it["text"]) for it in judged}
    found = findings(judged)
    print("judged lines:", dict(Counter(role.values())))
    for r in ("content", "chrome"):
        per = Counter(code for rid, code in found if role[rid] == r)
        print(f"findings on lines judged {r}: {sum(per.values())} {dict(sorted(per.items()))}")
    if args.json:
        args.json.write_text(json.dumps(sorted(found)) + "\n", "utf-8")
    if args.base:
        base = {tuple(x) for x in json.loads(args.base.read_text("utf-8"))}
        for r in ("content", "chrome", "other"):
            new = sorted((rid, code) for rid, code in found - base if role[rid] == r)
            gone = sorted((rid, code) for rid, code in base - found if role[rid] == r)
            print(f"lines judged {r}: {len(new)} new findings, {len(gone)} gone")
            for rid, code in new + gone:
                mark = "+" if (rid, code) in found else "-"
                print(f"  {mark} {rid} {code}: {text[rid][:70]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
