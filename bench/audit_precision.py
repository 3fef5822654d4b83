"""Precision of dq's findings on the judged outside excerpts, by evidence and by code.

Usage: PYTHONPATH=. python bench/audit_precision.py [--wrong] [--file judgements_d.jsonl]
       [--extra other_judgements.jsonl]

Runs ``dq.detect.detect`` and ``dq.clean.clean_frame`` on the excerpts of
``tests/data/audit/judgements*.jsonl`` exactly as ``tests/test_audit_judgements.py``
does (items with a line, not ``needs_full_record``), then prints per judgement file:

* precision of what dq still reports, by the finding's *current* ``evidence``
  and by code: right reported / (right + wrong) reported (``unsure`` left out);
* how many of the findings judged right are still reported (issue 15 keeps >= 85%);
* deleted lines judged content (``removed`` items judged wrong, and lines of
  findings judged wrong) that ``dq clean`` still deletes, and how many of the
  right deletions are still made;
* with ``--wrong``, every finding judged wrong that is still reported, grouped
  by (code, evidence), with the reader's note.

The numbers are for the excerpts, not the audits' full runs: a finding that
needs the whole record is skipped, as in the test.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _test_module() -> Any:
    """tests/test_audit_judgements.py, imported for its loaders (one source of truth)."""
    spec = importlib.util.spec_from_file_location(
        "_audit_judgements", ROOT / "tests" / "test_audit_judgements.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.3f}" if b else f"{a}/{b}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wrong", action="store_true", help="list wrong findings still reported")
    ap.add_argument("--file", action="append", help="only this judgement file (repeatable)")
    ap.add_argument("--extra", action="append", default=[], type=Path,
                    help="another judgement file in the same format (repeatable)")
    args = ap.parse_args(argv)

    from dq.clean import clean_frame
    from dq.detect import detect

    t = _test_module()
    for path in args.extra:
        t.ITEMS.extend(
            {**json.loads(x), "file": path.name}
            for x in path.read_text("utf-8").splitlines() if x
        )
    files = args.file or [*t.DATA_FILES, *(p.name for p in args.extra)]
    checkable = [it for it in t.ITEMS if it["line"] > 0 and not it["needs_full_record"]]
    findings = [it for it in checkable if it["kind"] == "finding"]
    df = t._frame(findings)
    texts = dict(zip(df["id"], df["text"], strict=True))
    found = detect(df).findings.select("record_id", "line", "code", "start", "end", "evidence")
    reported: dict[tuple[str, int, str, str], str] = {}
    for rid, ln, code, s, e, ev in found.iter_rows():
        span = texts[rid][s:e] if code in t.SPAN_CODES else ""
        reported[(rid, ln, code, span)] = ev or "?"

    with_line = [it for it in t.ITEMS if it["line"] > 0]
    cdf = t._frame(with_line)
    src = dict(zip(cdf["id"], cdf["text"], strict=True))
    out = clean_frame(cdf).articles.select("id", "dq_steps")
    deleted = {rid: t._deleted_lines(src[rid], list(steps or [])) for rid, steps in out.iter_rows()}
    # The evidence a deleted line was deleted on: the strongest of its findings.
    line_ev: dict[tuple[str, int], str] = {}
    rank = {"phrase": 0, "corpus": 1, "shape": 2, "context": 3}
    for rid, ln, ev in detect(cdf).findings.select("record_id", "line", "evidence").iter_rows():
        old = line_ev.get((rid, ln))
        if ev and (old is None or rank.get(ev, 9) < rank.get(old, 9)):
            line_ev[(rid, ln)] = ev

    grand: collections.Counter[str] = collections.Counter()
    for name in files:
        items = [it for it in findings if it["file"] == name]
        by_ev: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        by_code: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        wrong_rep: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
        right_all = right_kept = 0
        for it in items:
            ev = reported.get(t._key(it))
            if it["verdict"] == "right":
                right_all += 1
                right_kept += ev is not None
            if ev is None or it["verdict"] == "unsure":
                continue
            by_ev[ev][it["verdict"]] += 1
            by_code[it["code"]][it["verdict"]] += 1
            if it["verdict"] == "wrong":
                wrong_rep[(it["code"], ev)].append(it)
        rights = sum(c["right"] for c in by_ev.values())
        total = sum(c["right"] + c["wrong"] for c in by_ev.values())
        grand.update(right=rights, total=total, right_all=right_all, right_kept=right_kept)
        print(f"== {name}: {len(items)} checkable findings")
        print(f"precision of reported      {_ratio(rights, total)}")
        print(f"right findings still found {_ratio(right_kept, right_all)}")
        print("by evidence: " + ", ".join(
            f"{ev} {_ratio(c['right'], c['right'] + c['wrong'])}" for ev, c in sorted(by_ev.items())
        ))
        print("by code (right/reported):")
        for code, c in sorted(by_code.items()):
            print(f"  {code:28s} {_ratio(c['right'], c['right'] + c['wrong'])}")
        removed = [it for it in with_line if it["file"] == name and not it["needs_full_record"]]
        content_del = [
            it for it in removed
            if it["verdict"] == "wrong" and it["kind"] in {"removed", "finding"}
            and it["excerpt"]["line"] in deleted.get(it["id"], set())
        ]
        right_del = [it for it in removed if it["kind"] == "removed" and it["verdict"] == "right"]
        made = [it for it in right_del if it["excerpt"]["line"] in deleted.get(it["id"], set())]
        print(f"content lines deleted (judged wrong, removed or finding): {len(content_del)}")
        for it in content_del:
            print(f"    {it['id']} {it['kind']} {it['code']}: {it['text'][:70]!r}")
        print(f"right deletions still made {_ratio(len(made), len(right_del))}")
        judged_del: dict[str, collections.Counter[str]] = collections.defaultdict(
            collections.Counter)
        for it in removed:
            if it["kind"] == "removed" and it["excerpt"]["line"] in deleted.get(it["id"], set()):
                ev = line_ev.get((it["id"], it["excerpt"]["line"]), "?")
                judged_del[ev][it["verdict"]] += 1
        print("judged deleted lines still deleted, by evidence (right/deleted): " + ", ".join(
            f"{ev} {_ratio(c['right'], c['right'] + c['wrong'])}"
            for ev, c in sorted(judged_del.items())
        ))
        if args.wrong:
            print("wrong findings still reported, by (code, evidence):")
            for (code, ev), its in sorted(wrong_rep.items(), key=lambda kv: -len(kv[1])):
                print(f"  [{code} / {ev}] {len(its)}")
                for it in its:
                    print(f"    {it['id']} L{it['excerpt']['line']} {it['text'][:70]!r}"
                          f"  -- {it['note'][:90]}")
        print()
    print(f"== all files: precision {_ratio(grand['right'], grand['total'])}, "
          f"right kept {_ratio(grand['right_kept'], grand['right_all'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
