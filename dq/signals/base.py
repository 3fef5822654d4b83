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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import polars as pl

from dq.schema import Family, Severity

if TYPE_CHECKING:
    from dq.signals.context import DetectContext

Level = Literal["line", "span", "record"]

#: What a finding rests on (issue 15). ``phrase``: the line itself matches an
#: explicit phrase or pattern ("Back to top", "Photo: AP", a date stamp);
#: ``shape``: layout only (short, at an edge, no verb, menu-like); ``context``:
#: inferred from the neighbouring lines (the comments after a comment heading);
#: ``corpus``: the text recurs across records. Severity and the cleaner trust
#: them in that order: a full sentence is never chrome on ``shape`` or
#: ``context`` alone.
Evidence = Literal["phrase", "shape", "context", "corpus"]
EVIDENCE: tuple[Evidence, ...] = ("phrase", "shape", "context", "corpus")

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

    def __post_init__(self) -> None:
        if self.level in ("line", "record") and self.expr is None:
            raise ValueError(f"{self.code}: a {self.level} signal needs expr")
        if self.level == "span" and (self.pattern is None) == (self.custom is None):
            raise ValueError(f"{self.code}: a span signal needs exactly one of pattern, custom")
        if self.evidence not in EVIDENCE:
            raise ValueError(f"{self.code}: evidence must be one of {EVIDENCE}")
        if self.evidence_of is not None and self.level != "line":
            raise ValueError(f"{self.code}: only line signals take evidence_of")
        if not self.code.isidentifier() or self.code.lower() != self.code:
            raise ValueError(f"{self.code!r}: reason codes are snake_case identifiers")
