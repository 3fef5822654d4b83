"""The line pass's plan: every expression it evaluates, read from the registry once.

Why a module: :mod:`dq.engine.detect` runs the plan; building it (the
families' feature columns, one flag per code, the evidence columns, the
probes of :mod:`dq.engine.match`, the split of :mod:`dq.engine.distinct`)
is apart from running it, and is done once per process (:data:`PLANS`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final

import polars as pl

from dq.engine.corpus import corpus_column
from dq.engine.distinct import LINE_COLUMNS, DistinctPlan, constant
from dq.engine.findings import evidence_column
from dq.engine.match import Probe, probes_of, rewrite
from dq.signals.base import Signal
from dq.signals.frames import Feature, only
from dq.signals.registry import family

__all__ = ["PLANS", "LinePlan", "PlanCache"]

#: Line plans :data:`PLANS` keeps: one per selection of signals (and matcher kind)
#: used in the process; a process uses one or two (the registry, ``--codes``).
PLANS_KEPT: Final = 16


@dataclass(frozen=True)
class LinePlan:
    """The line pass's expressions, with their probes read from probe columns."""

    probes: list[Probe]
    features: list[Feature]
    flags: list[pl.Expr]
    evidence: list[pl.Expr]
    kept: list[str]
    hit: pl.Expr
    base: list[str]  # the lines-frame columns of the line alone (and its probes)

    @cached_property
    def distinct(self) -> DistinctPlan:
        """The plan when lines repeat (:func:`with_distinct`): built when first needed."""
        return DistinctPlan.of(self.features, self.flags, self.evidence, self.base)

    @classmethod
    def of(
        cls, line_sigs: Sequence[Signal], pattern_sigs: Sequence[Signal], *, probing: bool = True
    ) -> LinePlan:
        """The plan; without ``probing``, the expressions as the signals wrote them."""
        features = [(name, build()) for name, build in _features(line_sigs)]
        codes = [s.code for s in [*line_sigs, *pattern_sigs]]
        flags = [
            *[_line_flag(s).alias(s.code) for s in line_sigs],
            *[_pattern_count(s).alias(s.code) for s in pattern_sigs],
        ]
        # Per-line evidence of the codes that fire on more than one kind (``Signal.evidence_of``).
        evidence = [
            s.evidence_of().alias(evidence_column(s.code)) for s in line_sigs if s.evidence_of
        ]
        probes = probes_of([*(e for _, e in features), *flags, *evidence]) if probing else []
        rewritten = [(name, constant(rewrite(e, probes))) for name, e in features]
        flags = [rewrite(e, probes) for e in flags]
        evidence = [rewrite(e, probes) for e in evidence]
        base = [*LINE_COLUMNS, *(p.name for p in probes)]
        return cls(
            probes=probes, features=rewritten, flags=flags, evidence=evidence,
            kept=[*codes, *(e.meta.output_name() for e in evidence)],
            hit=pl.any_horizontal([pl.col(c) > 0 for c in codes]) if codes else pl.lit(False),
            base=base,
        )


def _features(signals: Iterable[Signal]) -> list[Feature]:
    """The feature columns of the families of ``signals`` (``FamilySpec.features``)."""
    out: list[Feature] = []
    for name in dict.fromkeys(s.family for s in signals):
        out += family(name).features
    return out


def _pattern_count(signal: Signal) -> pl.Expr:
    """Matches of a span signal's pattern per line (UInt32).

    A signal may declare a prefilter: ``mask`` (a Boolean lines-frame column
    true on every line with a match), which costs nothing more, or ``hint``
    (literals, one of which every match holds): then only the lines holding
    one take the regex (a literal scan runs ~10 times faster than most patterns).
    """
    count = pl.col("s").str.count_matches(_p(signal)).cast(pl.UInt32)
    if signal.mask is not None:
        mask = pl.col(signal.mask)
    elif signal.hint:
        mask = pl.any_horizontal(pl.col("s").str.contains(h, literal=True) for h in signal.hint)
    else:
        return count
    found = pl.col("s").filter(mask).str.count_matches(_p(signal)).cast(pl.UInt32)
    return only(mask, found, pl.UInt32).fill_null(0)


def _p(signal: Signal) -> str:
    assert signal.pattern is not None
    return signal.pattern


def _line_flag(signal: Signal) -> pl.Expr:
    if signal.corpus_lines is not None:
        return pl.col(corpus_column(signal.code)).fill_null(False).cast(pl.UInt32)
    assert signal.expr is not None
    return signal.expr().fill_null(False).cast(pl.UInt32)


@dataclass
class PlanCache:
    """Line plans built once per process, by the selected signals and the matcher kind.

    Why per process, where dq keeps caches in a :class:`~dq.signals.context.DetectContext`
    (STYLE.md habit 11): a plan is a function of the code alone (the signals'
    expressions and their ``probing`` rewrite), never of the data, the settings or
    what ran before, so sharing it cannot change a finding; and its cost was paid
    on every ``detect()`` with a new context (a test, a library call, a Spark
    worker's first batch): 0.2 CPU s to build its ~280 expressions, 0.5 more for
    :attr:`LinePlan.distinct` (measured 2026-12-07, main 00b0172, one-record call
    1.26 CPU s). Polars expressions are immutable, so one plan serves every
    thread and call.

    Keyed by the identity of the signal objects (a test's own ``Signal`` is a new
    key); an entry holds its signals, so their ids are not reused while it lives.
    ``builds`` counts the plans built (what a test reads).
    """

    kept: int = PLANS_KEPT
    builds: int = 0
    _plans: OrderedDict[tuple[object, ...], tuple[tuple[Signal, ...], LinePlan]] = field(
        default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def plan(
        self, line_sigs: Sequence[Signal], pattern_sigs: Sequence[Signal], *, probing: bool
    ) -> LinePlan:
        """The plan of these signals (:meth:`LinePlan.of`), built on first use.

        >>> from dq.signals.registry import get
        >>> plans = PlanCache()
        >>> one = plans.plan([get("back_to_top")], [], probing=False)
        >>> plans.plan([get("back_to_top")], [], probing=False) is one, plans.builds
        (True, 1)
        """
        key = (probing, *map(id, line_sigs), None, *map(id, pattern_sigs))
        with self._lock:  # held while building: a second caller waits, builds nothing
            entry = self._plans.get(key)
            if entry is None:
                plan = LinePlan.of(line_sigs, pattern_sigs, probing=probing)
                entry = ((*line_sigs, *pattern_sigs), plan)
                self.builds += 1
                self._plans[key] = entry
                while len(self._plans) > self.kept:
                    self._plans.popitem(last=False)
            self._plans.move_to_end(key)
            return entry[1]


#: The process's line plans (:class:`PlanCache`).
PLANS: Final = PlanCache()
