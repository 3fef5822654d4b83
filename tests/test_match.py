"""The compiled probe layer (dq.engine.match) changes speed, never findings.

Both matchers run the full registry over the bundled corpus and every
labelled dev file; their signal tables and findings must be equal. The
Hyperscan side is skipped, with its reason, only where the wheel (the
``fast`` extra) cannot be imported. ``min_lines=0`` makes the compiled
matcher scan even these small inputs (by default it leaves slices under
``MIN_LINES`` to Polars).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import polars as pl
import pytest
from _engine_helpers import spy_shared_values
from hypothesis import given
from hypothesis import strategies as st

from dq.detect import detect
from dq.engine.match import (
    HyperscanMatcher,
    Matcher,
    PolarsMatcher,
    Probe,
    probe_columns,
    probes_of,
    rewrite,
    use_matcher,
)
from dq.load import load
from dq.signals.context import DetectContext

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev"
#: glued.jsonl holds labelled words, not articles (no ``text``): nothing to detect.
INPUTS = [REPO / "corpus", *sorted(p for p in DEV.glob("*.jsonl") if p.name != "glued.jsonl")]
HAS_HYPERSCAN = importlib.util.find_spec("hyperscan") is not None
needs_hyperscan = pytest.mark.skipif(
    not HAS_HYPERSCAN, reason="the hyperscan wheel (extra 'fast') is not importable here"
)


def _detect(articles: pl.DataFrame, chosen: Matcher, cache_dir: Path) -> tuple[pl.DataFrame, ...]:
    ctx = DetectContext(cache_dir=cache_dir)
    use_matcher(ctx, chosen)
    found = detect(articles, ctx=ctx)
    return found.signals, found.findings


@needs_hyperscan
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_hyperscan_and_polars_give_the_same_findings(path: Path, tmp_path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not here")
    articles = load([path]).articles
    signals, findings = _detect(articles, PolarsMatcher(), tmp_path)
    fast_signals, fast_findings = _detect(articles, HyperscanMatcher(min_lines=0), tmp_path)
    assert findings.height > 0
    assert fast_findings.equals(findings)
    assert fast_signals.equals(signals)


def test_the_line_pass_has_probes_and_rewrites_them() -> None:
    from dq.engine.detect import _LinePlan
    from dq.signals.registry import REGISTRY

    plan = _LinePlan.of([s for s in REGISTRY if s.level == "line"], [])
    assert len(plan.probes) >= 20  # ~38 on 2026-12-07: the layer has work to do
    names = {p.name for p in plan.probes}
    roots = {c for e in plan.flags for c in e.meta.root_names()}
    roots |= {c for _, build in plan.features for c in build().meta.root_names()}
    assert roots & names  # the rewritten plan reads probe columns


LINES = st.lists(
    st.one_of(st.none(), st.text(st.sampled_from("ab@© .\t\u00e9K\u212a"), max_size=12)),
    min_size=1, max_size=30,
)
PROBES = [
    Probe("s", "(?i)k", False), Probe("s", "@", True), Probe("s", "^a", False),
    Probe("s", r"\bab\b", False), Probe("s", "é$", False), Probe("s", "©", True),
]


@needs_hyperscan
@given(texts=LINES)
def test_probe_columns_agree_with_contains(texts: list[str | None]) -> None:
    frame = pl.DataFrame({"s": texts}, schema={"s": pl.String})
    ctx = DetectContext(cache_dir=None)
    got = probe_columns(frame, PROBES, HyperscanMatcher(min_lines=0), ctx)
    for probe in PROBES:
        want = frame.get_column("s").str.contains(probe.pattern, literal=probe.literal)
        assert got.get_column(probe.name).to_list() == want.to_list(), probe


def test_rewrite_keeps_filters_and_leaves_other_columns() -> None:
    m = pl.col("m")
    expr = (pl.col("s").filter(m).str.contains("x").sum() + pl.col("t").str.contains("x").sum())
    probes = probes_of([expr])
    assert [(p.column, p.pattern) for p in probes] == [("s", "x")]
    frame = pl.DataFrame({"s": ["x", "x", "y"], "t": ["x", "y", "y"], "m": [True, False, True]})
    frame = probe_columns(frame, probes, PolarsMatcher(), DetectContext(cache_dir=None))
    assert frame.select(rewrite(expr, probes)).item() == frame.select(expr).item() == 2
    assert rewrite(expr, []) is expr


@needs_hyperscan
def test_slices_sharing_their_lines_keep_the_probes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several slices of one call read the probe columns computed once over the distinct
    lines of the whole input (``dq.engine.detect._shared_values``): the same findings."""
    from dq.engine import detect as engine

    once = load([REPO / "corpus"]).articles
    # twice over (ids apart), so that lines repeat and the slices share them
    articles = pl.concat([once, once.with_columns(pl.col("id") + "-copy")])
    signals, findings = _detect(articles, PolarsMatcher(), tmp_path)
    shared = spy_shared_values(monkeypatch)
    monkeypatch.setattr(engine, "LINE_PASS_CHUNK", 100)
    fast_signals, fast_findings = _detect(articles, HyperscanMatcher(min_lines=0), tmp_path)
    assert shared and shared[0] > 0  # the shared path ran
    assert findings.height > 0
    assert fast_findings.equals(findings)
    assert fast_signals.equals(signals)
