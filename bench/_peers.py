"""The peers ``bench_scale.py`` compares dq with, run in this process on the same texts.

* datatrove's ``C4QualityFilter``, ``GopherQualityFilter`` and
  ``FineWebQualityFilter`` with their defaults (English), each called
  directly (``filter(doc)``) on a fresh ``Document`` per text, so each filter
  sees every text (in a pipeline later filters only see what earlier ones
  kept, and C4 rewrites the text it keeps);
* Great Expectations' built-in ``ExpectColumnValuesToNotMatchRegexList`` on
  a pandas frame of the texts, one expectation per chrome phrase group, with
  the regexes of :func:`chrome_regexes` (dq's own phrase lists), in an
  ephemeral context with fingerprinting off (dq's setting: it favours GX);
* a baseline: the same regexes with Python's ``re``, text by text (what the
  GX expectation computes, without GX), so that ratios can be compared
  across machines.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import inspect
import os
import re
import time
from collections import Counter
from typing import Any

from dq.signals._phrases import alternation

#: How dq matches each chrome phrase list (see ``dq/signals/chrome_*.py``):
#: the whole decoration-stripped line, its start, or anywhere in a line.
#: Building-block lists (bylines, agencies, date words, network names) are left out.
PHRASE_MODES = {
    "whole": ("share_prompt", "ad_label", "navigation", "comment_header", "reading_time",
              "back_to_top", "related_header"),
    "prefix": ("newsletter_prompt", "comment_prompt", "cookie_notice", "read_more",
               "media_credit", "dateline_label"),
    "anywhere": ("licence_nag", "copyright_footer"),
}

#: Line decoration around a phrase (bullets, brackets, arrows, punctuation).
_DECOR = r"[^\w\n]*"


def chrome_regexes() -> dict[str, str]:
    """Phrase group -> one Python/RE2 regex over a whole text (multi-line, case-insensitive)."""
    out = {}
    for mode, names in PHRASE_MODES.items():
        for name in names:
            alt = alternation(name)
            if mode == "whole":
                out[name] = rf"(?im)^{_DECOR}{alt}{_DECOR}$"
            elif mode == "prefix":
                out[name] = rf"(?im)^{_DECOR}{alt}"
            else:
                out[name] = rf"(?i){alt}"
    return out


def regex_baseline(texts: list[str], regexes: dict[str, str]) -> dict[str, Any]:
    """Python ``re``: texts matching each regex (the work of the GX expectations, without GX)."""
    compiled = {name: re.compile(rx) for name, rx in regexes.items()}
    start = time.perf_counter()
    hits = {name: sum(1 for t in texts if rx.search(t)) for name, rx in compiled.items()}
    return {"seconds": time.perf_counter() - start, "hits": hits}


def gx_regex(
    ids: list[str], texts: list[str], regexes: dict[str, str], repeat: int = 1
) -> dict[str, Any]:
    """GX ``ExpectColumnValuesToNotMatchRegexList``, one per phrase group, ``BASIC`` results;
    best of ``repeat`` validations (as dq's rows are best of ``--repeat``)."""
    start = time.perf_counter()
    import pandas as pd

    from dq.validate import _gx

    gx = _gx.import_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch_definition = (
        context.data_sources.add_pandas("bench")
        .add_dataframe_asset("texts")
        .add_batch_definition_whole_dataframe("all")
    )
    _gx.set_fingerprinting(False)
    suite = context.suites.add(gx.ExpectationSuite(name="chrome_regexes"))
    for name, rx in regexes.items():
        suite.add_expectation(gx.expectations.ExpectColumnValuesToNotMatchRegexList(
            column="text", regex_list=[rx], meta={"code": name}))
    frame = pd.DataFrame({"id": ids, "text": texts})
    setup = time.perf_counter() - start
    seconds = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(suite, result_format="BASIC")
        seconds = min(seconds, time.perf_counter() - start)
    hits, errors = {}, 0
    for r in result.results:
        errors += bool(r.exception_info and r.exception_info.get("raised_exception"))
        hits[r.expectation_config.meta["code"]] = int(r.result.get("unexpected_count") or 0)
    return {"seconds": seconds, "setup_seconds": setup, "hits": hits, "errors": errors,
            "expectations": len(regexes), "gx_version": gx.__version__,
            "pandas_dtype": str(frame["text"].dtype)}


def datatrove_missing() -> str | None:
    """Why the datatrove peer cannot run here (None when it can)."""
    if importlib.util.find_spec("datatrove") is None:
        return "datatrove is not installed: .venv/bin/pip install -e '.[bench]'"
    # English word/sentence splitting in datatrove >= 0.4 is spaCy's blank
    # English pipeline (rule-based, no model download); without spaCy the
    # filters raise on the first document.
    if importlib.util.find_spec("spacy") is None:
        return "datatrove's English tokenizer needs spaCy: .venv/bin/pip install spacy"
    return None


def _checks(cls: type) -> dict[str, list[str]]:
    """Reason codes in a filter's source: document rejections and (C4) line removals."""
    src = inspect.getsource(cls.filter)
    return {"rejects": re.findall(r'return False, f?"([^"]+)"', src),
            "line_rules": re.findall(r'stat_update\("line-filter-([^"]+)"\)', src)}


def datatrove_filters(ids: list[str], texts: list[str]) -> dict[str, Any]:
    """Each of the three filters over all texts: seconds, rejected count by reason, checks."""
    why = datatrove_missing()
    if why:
        raise SystemExit(f"datatrove peer: {why} (or skip it with --no-peers)")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # none of these filters needs the Hub
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
    )

    out: dict[str, Any] = {"version": importlib.metadata.version("datatrove"), "filters": {}}
    rejected: set[int] = set()
    for cls in (C4QualityFilter, GopherQualityFilter, FineWebQualityFilter):
        filt = cls()
        filt.filter(Document(text="Warm-up. " * 20, id="warm-up"))  # loads the tokenizer
        reasons: Counter[str] = Counter()
        start = time.perf_counter()
        for n, (doc_id, text) in enumerate(zip(ids, texts, strict=True)):
            res = filt.filter(Document(text=text, id=doc_id))
            if res is False or (isinstance(res, tuple) and not res[0]):
                reasons[res[1] if isinstance(res, tuple) else "rejected"] += 1
                rejected.add(n)
        out["filters"][cls.__name__] = {
            "seconds": time.perf_counter() - start, "rejected": sum(reasons.values()),
            "reasons": dict(sorted(reasons.items())), **_checks(cls),
        }
    out["seconds"] = sum(f["seconds"] for f in out["filters"].values())
    out["rejected_any"] = len(rejected)
    out["rejected_ids"] = sorted(ids[n] for n in rejected)
    out["checks"] = sum(len(f["rejects"]) + len(f["line_rules"]) for f in out["filters"].values())
    return out
