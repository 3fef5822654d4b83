"""The fixed cost of a detect() call: what is built once per process, and that it changes nothing.

Why: a one-record detect() cost 1.26 CPU s (main 00b0172, 2026-12-07), nearly all
of it rebuilt on every call: the line pass's plan and the lexicon's word lists.
These tests check that a second call reuses them (by counting builds, not by
timing) and that the paths a small call takes give the same detection as the
others.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import polars as pl
import pytest

from dq.detect import detect
from dq.engine import detect as engine
from dq.engine import distinct
from dq.engine.lineplan import PLANS, LinePlan, PlanCache
from dq.signals import context
from dq.signals.context import DetectContext
from dq.signals.registry import get

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "articles.jsonl"


def _corpus(limit: int | None = None) -> pl.DataFrame:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
    rows = [r for r in rows if isinstance(r.get("text"), str)][:limit]
    return pl.DataFrame({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows]})


def _counting_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    built: list[int] = []
    real = LinePlan.of.__func__  # type: ignore[attr-defined]

    def spy(cls: type[LinePlan], *args: object, **kwargs: object) -> LinePlan:
        built.append(1)
        return real(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(LinePlan, "of", classmethod(spy))
    return built


def test_a_second_call_reuses_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    one = _corpus(1)
    codes = {"back_to_top", "licence_nag", "read_more"}
    first = detect(one, codes=codes)  # builds the plan unless an earlier test did
    builds = PLANS.builds
    built = _counting_builds(monkeypatch)
    second = detect(one, codes=codes)  # a new context, as every call without one
    third = detect(one, codes=codes, ctx=DetectContext(cache_dir=None))
    assert built == []  # no plan built again
    assert PLANS.builds == builds
    assert second.signals.equals(first.signals) and third.findings.equals(first.findings)
    detect(one, codes={"back_to_top"})  # another selection: its own plan, built once
    after = len(built)
    detect(one, codes={"back_to_top"})
    assert len(built) == after


def test_plans_are_keyed_by_the_signal_objects() -> None:
    plans = PlanCache(kept=2)
    back = get("back_to_top")
    twin = dataclasses.replace(back)
    a = plans.plan([back], [], probing=False)
    assert plans.plan([back], [], probing=False) is a
    assert plans.plan([twin], [], probing=False) is not a  # a new object: maybe another expr
    assert plans.plan([back], [], probing=True) is not a  # the probing rewrite differs
    assert plans.builds == 3
    plans.plan([back], [], probing=False)  # evicted (two kept): built again
    assert plans.builds == 4


def test_contexts_of_the_same_settings_share_the_lexicon_builds(tmp_path: Path) -> None:
    a, b = DetectContext(cache_dir=tmp_path), DetectContext(cache_dir=tmp_path)
    assert a.cached("glued.test_key", object) is b.cached("glued.test_key", object)
    other = DetectContext(cache_dir=tmp_path, languages=("en",))
    assert other.cached("glued.test_key", object) is not a.cached("glued.test_key", object)
    # a key of one run (not in SETTLED_PREFIXES) stays in its context
    assert a.cached("lang.seen", dict) is not b.cached("lang.seen", dict)
    alone = DetectContext(cache_dir=tmp_path, _share=False)
    assert alone.cached("glued.test_key", object) is not a.cached("glued.test_key", object)


def test_shared_settings_are_bounded(tmp_path: Path) -> None:
    holders = [context._settled_for(("en",), tmp_path / str(i))
               for i in range(context.SETTLED_KEPT + 2)]
    assert len(context._SETTLED) <= context.SETTLED_KEPT
    assert context._settled_for(("en",), tmp_path / "0") is not holders[0]  # evicted: anew


def test_small_slices_without_the_split_give_the_same_detection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus = _corpus()
    monkeypatch.setattr(distinct, "DISTINCT_SHARE_MAX", 0.0)  # never per distinct line
    monkeypatch.setattr(engine, "PLAIN_LINES_MAX", 0)  # the split, hoisted string work
    split = detect(corpus, ctx=DetectContext(cache_dir=None))
    monkeypatch.setattr(engine, "PLAIN_LINES_MAX", 10**9)  # the signals' own expressions
    plain = detect(corpus, ctx=DetectContext(cache_dir=None))
    assert split.findings.height > 50
    assert plain.signals.equals(split.signals)
    assert plain.findings.equals(split.findings)
