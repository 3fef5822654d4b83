"""What a signal is: one reason code, how to detect it, and how to show the evidence.

Why a spec and not a class hierarchy: the registry is a plain tuple of these,
so the CLI, the reason-code table, suites and reports all read the same list.

Three kinds of signal, by ``level``:

``line``
    ``expr`` is a Boolean Polars expression over the *lines frame* (see
    :mod:`dq.signals.frames`); a finding covers the whole (stripped) line.
``span``
    ``pattern`` is a regex; every match in a line is a finding. The pattern
    must mean the same in Rust's ``regex`` (Polars) and Python's ``re``:
    ASCII classes, literals, ``(?i)``, no look-around, no back-references.
    When the pattern has a capture group, the finding is group 1 (the rest
    of the match is context). ``custom`` may replace the pattern with a function that returns the
    matched strings (and proposed fixes) as a frame.
``record``
    ``expr`` is a Boolean expression over the *records frame* (article
    columns, size columns and one count column per line/span code); a
    finding names the record with ``line == 0``.

Everything the engine, the stream and the cleaner need to know about a code
is a field here (declaration apart from execution): ``hint`` and ``mask``
(a prefilter for a span pattern), ``fix_stage`` (which cleaner stage fixes
it), ``scope`` with ``key`` (a corpus-wide record signal) or ``corpus_lines``
(a corpus-wide line signal). A family's shared feature
columns are declared once, by its :class:`FamilySpec` in the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Literal, get_args

import polars as pl

from dq.schema import Family, Severity

if TYPE_CHECKING:
    from dq.signals.context import DetectContext
    from dq.signals.frames import Feature

Level = Literal["line", "span", "record"]
#: Cleaner stages, in the order their fixes win (see :mod:`dq.clean._stages`).
FixStage = Literal["lines", "encoding", "markup", "spacing"]
FIX_STAGES: Final[tuple[FixStage, ...]] = get_args(FixStage)
#: ``record``: a record's findings depend on that record only. ``corpus``: on
#: other records too: the records before it (``duplicate_record``, see
#: :attr:`Signal.key`) or the whole corpus (``repeated_boilerplate``, see
#: :attr:`Signal.corpus_lines`).
Scope = Literal["record", "corpus"]
#: A text expression in, a UInt64 key expression out (:attr:`Signal.key`).
KeyFunction = Callable[[pl.Expr], pl.Expr]

#: What a finding rests on (issue 15). ``phrase``: the line itself matches an
#: explicit phrase or pattern ("Back to top", "Photo: AP", a date stamp);
#: ``shape``: layout only (short, at an edge, no verb, menu-like); ``context``:
#: inferred from the neighbouring lines (the comments after a comment heading);
#: ``corpus``: the text recurs across records. Severity and the cleaner trust
#: them in that order: a full sentence is never chrome on ``shape`` or
#: ``context`` alone.
Evidence = Literal["phrase", "shape", "context", "corpus"]
EVIDENCE: tuple[Evidence, ...] = ("phrase", "shape", "context", "corpus")
#: Evidence no gate fails on: a finding that rests on it alone has severity
#: ``info`` whatever its code's severity (:func:`finding_severity`). It is
#: reported and listed, but the signal table's count columns (what suites,
#: baselines and the HTML rates read) leave it out, as ``dq scan --fail-on``
#: does. Why ``shape``: on the outside audits' excerpts (issue 15,
#: ``bench/audit_precision.py`` at main b2d969a, 2026-12-07) findings on
#: shape evidence were right 23/31 (first and second audit), 2/6 (third),
#: against 0.94-0.98 on phrase evidence; a rule that reads layout only is a
#: hint for a reviewer, not grounds to fail a merge. ``context`` stays gated:
#: most of it hangs on a phrase line (the comments under a comment heading).
UNGATED_EVIDENCE: Final[frozenset[Evidence]] = frozenset({"shape"})


def finding_severity(severity: Severity, evidence: str) -> Severity:
    """A finding's severity: its code's, or ``info`` when it rests on :data:`UNGATED_EVIDENCE`.

    >>> finding_severity("warning", "phrase"), finding_severity("warning", "shape")
    ('warning', 'info')
    >>> finding_severity("error", "context")
    'error'
    """
    return "info" if evidence in UNGATED_EVIDENCE else severity


def finding_severity_expr(severity: Severity, evidence: pl.Expr) -> pl.Expr:
    """:func:`finding_severity` over a String column of evidence (null: ``severity``).

    >>> df = pl.DataFrame({"e": ["phrase", "shape", None]})
    >>> df.select(finding_severity_expr("warning", pl.col("e"))).to_series().to_list()
    ['warning', 'info', 'warning']
    """
    ungated = evidence.is_in(sorted(UNGATED_EVIDENCE)).fill_null(False)
    return pl.when(ungated).then(pl.lit("info")).otherwise(pl.lit(severity))

#: ``lines, sites`` in (the lines frame; ``rid, site``), candidate rows out:
#: ``rid, line_no, site, key, page`` (:attr:`CorpusLines.candidates`).
CandidateRows = Callable[[pl.LazyFrame, pl.LazyFrame], pl.LazyFrame]
#: Candidate rows (``site, key, page``) in, the flagged ``site, key`` out.
Aggregate = Callable[[pl.LazyFrame], pl.LazyFrame]


@dataclass(frozen=True, slots=True)
class CorpusLines:
    """How a corpus-wide line signal is computed: a pre-pass, then a semi-join.

    ``candidates`` turns a frame's lines into small rows (one per candidate
    line, and one with a null ``key`` per page); ``aggregate`` turns the rows
    of the *whole* corpus into the ``site, key`` pairs it condemns. A line
    is flagged when its candidate row's ``site, key`` is among them. Rows of
    separate batches may be concatenated (and deduplicated) before
    ``aggregate``: it must count distinct pages, so the stream's pre-pass
    gives the same pairs as one call over the whole frame.
    """

    candidates: CandidateRows
    aggregate: Aggregate


#: A custom span detector: lines frame in, frame of
#: ``rid, line_no, match (str), fix (str | null)`` out, one row per finding.
SpanDetector = Callable[[pl.LazyFrame, "DetectContext"], pl.LazyFrame]


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason code and how to find it."""

    code: str
    family: Family
    level: Level
    description: str
    severity: Severity = "warning"
    expr: Callable[[], pl.Expr] | None = None
    pattern: str | None = None
    custom: SpanDetector | None = None
    #: A positive signal (e.g. ``has_credit_line``) is evidence *for* quality:
    #: counted in the signal table, never reported as a finding.
    positive: bool = False
    #: For span signals with a pattern: how to fix one match (``match -> fix``).
    fix: Callable[[str], str] | None = None
    examples: tuple[str, ...] = field(default=())
    #: Codes whose count columns this signal's expression reads (record level);
    #: they are computed whenever this one is selected.
    needs: tuple[str, ...] = ()
    #: Builds what the detector reads from the context (a lexicon), so
    #: :func:`dq.detect.warm_up` can do it in the background; optional.
    prepare: Callable[[DetectContext], object] | None = None
    #: What the findings of this code rest on (:data:`Evidence`); for a code
    #: with ``evidence_of``, the weakest kind it can fire on.
    evidence: Evidence = "phrase"
    #: Line signals only: a String expression over the lines frame naming the
    #: evidence of each flagged line, where one code fires on different
    #: evidence (a comment heading is ``phrase``, the comments below it
    #: ``context``); null on a line means ``evidence``. It is evaluated on
    #: the flagged lines only, so it must read the line's own columns
    #: (feature columns), not its neighbours.
    evidence_of: Callable[[], pl.Expr] | None = None
    #: Span pattern prefilter: literals one of which every match holds; only
    #: the lines holding one take the regex (a literal scan runs ~10 times
    #: faster than most patterns).
    hint: tuple[str, ...] = ()
    #: Span pattern prefilter: a Boolean lines-frame column true on every line
    #: with a match (used before and instead of ``hint``: it costs nothing).
    mask: str | None = None
    #: The cleaner stage that fixes this code; None: dq reports it, never edits
    #: for it. When None the family's default applies (:class:`FamilySpec`).
    fix_stage: FixStage | None = None
    #: Whether ``dq clean`` (and ``clean()``) apply this code's fix when no
    #: ``codes`` are named. False: the fix is proposed in the finding and
    #: applied only when asked for by name (``--codes glued_words``), for a
    #: code whose fixes are not safe enough to apply unasked.
    fix_default: bool = True
    #: ``corpus``: the record is flagged when an earlier record (corpus order)
    #: has the same ``key``; a streamed scan keeps the keys of earlier batches.
    scope: Scope = "record"
    #: For ``scope="corpus"``: the key of a text (equal keys: the same thing;
    #: a null key: nothing to compare, never the same as another).
    key: KeyFunction | None = None
    #: For a ``scope="corpus"`` line signal: its pre-pass (:class:`CorpusLines`);
    #: it takes the place of ``expr``.
    corpus_lines: CorpusLines | None = None
    #: True: the code flags two tokens run together (the space between them
    #: missing; its fix puts one back). ``dq eval`` counts its findings as
    #: detections of a glued-word case (:mod:`dq.evaluate.glued`).
    glued: bool = False

    def __post_init__(self) -> None:
        if self.level in ("line", "record") and (self.expr is None) == (
            self.corpus_lines is None
        ):
            raise ValueError(f"{self.code}: a {self.level} signal needs expr (or corpus_lines)")
        if self.level == "span" and (self.pattern is None) == (self.custom is None):
            raise ValueError(f"{self.code}: a span signal needs exactly one of pattern, custom")
        if self.evidence not in EVIDENCE:
            raise ValueError(f"{self.code}: evidence must be one of {EVIDENCE}")
        if self.evidence_of is not None and self.level != "line":
            raise ValueError(f"{self.code}: only line signals take evidence_of")
        if self.level == "record" and finding_severity(self.severity, self.evidence) == "info":
            raise ValueError(f"{self.code}: a record signal's count is its finding: not info")
        if not self.code.isidentifier() or self.code.lower() != self.code:
            raise ValueError(f"{self.code!r}: reason codes are snake_case identifiers")
        if (self.hint or self.mask) and self.pattern is None:
            raise ValueError(f"{self.code}: hint and mask prefilter a span pattern")
        self._check_scope()
        if self.fix_stage is not None and (self.positive or self.level == "record"):
            raise ValueError(f"{self.code}: dq edits text only for line and span codes")

    def _check_scope(self) -> None:
        """A corpus-scope signal is a record signal with a ``key`` or a line
        signal with ``corpus_lines``; a record-scope signal has neither."""
        declared = (self.key is not None, self.corpus_lines is not None)
        if self.scope == "record":
            if any(declared):
                raise ValueError(f"{self.code}: key and corpus_lines need scope='corpus'")
            return
        if declared not in ((True, False), (False, True)) or self.level != (
            "record" if self.key is not None else "line"
        ):
            raise ValueError(
                f"{self.code}: a corpus-scope signal is a record signal with a key "
                "or a line signal with corpus_lines"
            )


@dataclass(frozen=True, slots=True)
class FamilySpec:
    """A family of signals: its feature columns and the stage that fixes its codes.

    ``features``: columns several of its line signals read, computed once per
    pass (see :mod:`dq.signals.frames`). ``fix_stage``: the cleaner stage of
    its line and span codes that name none themselves (None: not fixed).
    """

    name: Family
    features: tuple[Feature, ...] = ()
    fix_stage: FixStage | None = None
