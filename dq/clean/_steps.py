"""A cleaning plan: the steps that turned one text into another, and how to replay them.

Why a plan and not just the cleaned text: a reviewer must see *why* each
character changed (reason code, line, span, before and after), and a plan
can be stored next to the corpus and replayed, as ftfy's ``apply_plan`` does.

A step's ``start``/``end`` are character offsets into the text as it was at
the start of the step's ``round``; steps of one round never overlap, so a
round is applied all at once. Round 1 offsets are offsets into the input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from itertools import groupby
from typing import Any, NamedTuple


@dataclass(frozen=True, slots=True)
class Step:
    """One edit: ``text[start:end]`` (== ``original``) became ``replacement``, because of ``code``.

    ``line`` is the 1-based line (over ``text.split("\\n")``) the finding was
    on; a dropped line's step also covers its line break and the blank lines
    that went with it.
    """

    code: str
    line: int
    start: int
    end: int
    original: str
    replacement: str
    round: int = 1

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready), keys in field order."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Step:
        """Inverse of :meth:`to_dict` (extra keys are ignored)."""
        return cls(
            code=str(data["code"]), line=int(data["line"]), start=int(data["start"]),
            end=int(data["end"]), original=str(data["original"]),
            replacement=str(data["replacement"]), round=int(data.get("round", 1)),
        )

    def describe(self) -> str:
        """One line for people: ``line 3 back_to_top: 'Back to top' -> ''``.

        >>> Step("space_before_punct", 44, 10, 12, " .", ".").describe()
        "line 44 space_before_punct: ' .' -> '.'"
        """
        before, after = _short(self.original), _short(self.replacement)
        return f"line {self.line} {self.code}: {before!r} -> {after!r}"


class Cleaned(NamedTuple):
    """What :func:`dq.clean.clean_and_explain` returns: the text and the plan that made it."""

    text: str
    steps: tuple[Step, ...]


def apply_plan(text: str, steps: Iterable[Step]) -> str:
    """Replay ``steps`` on ``text``; raise ValueError when they do not fit it.

    Each round is applied at once (its offsets refer to the text at the start
    of the round), rounds in increasing order.

    >>> text = "Share this\\nThe council met .\\n"
    >>> plan = [Step("share_prompt", 1, 0, 11, "Share this\\n", ""),
    ...         Step("space_before_punct", 2, 26, 28, " .", ".")]
    >>> apply_plan(text, plan)
    'The council met.\\n'
    >>> apply_plan("Share that\\nThe council met .\\n", plan)
    Traceback (most recent call last):
    ...
    ValueError: step line 1 share_prompt: 'Share this\\n' -> '' does not match the text (found ...)
    """
    ordered = sorted(steps, key=lambda s: (s.round, s.start, s.end))
    for _, group in groupby(ordered, key=lambda s: s.round):
        pieces: list[str] = []
        pos = 0
        for step in group:
            if not 0 <= step.start <= step.end <= len(text) or step.start < pos:
                raise ValueError(f"step {step.describe()} is outside the text or overlaps another")
            found = text[step.start : step.end]
            if found != step.original:
                raise ValueError(
                    f"step {step.describe()} does not match the text (found {_short(found)!r})"
                )
            pieces += [text[pos : step.start], step.replacement]
            pos = step.end
        pieces.append(text[pos:])
        text = "".join(pieces)
    return text


def _short(s: str, limit: int = 60) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"
