"""``dq validate`` in the terminal: one line per expectation, then the evidence for each failure.

Why it lives with the validation rather than in ``dq/report/terminal.py``:
it renders only a :class:`ValidationOutcome`, and keeping it here keeps the
scan's terminal report free of validation concerns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from rich.console import Console
from rich.markup import escape

from dq.validate.outcome import ExpectationOutcome, ValidationOutcome
from dq.validate.runtable import is_run_column
from dq.validate.words import plural

#: Offending records shown per failed expectation; the rest are counted.
RECORD_LIMIT: Final = 10
#: Findings shown per offending record; the rest are counted.
FINDING_LIMIT: Final = 5
SNIPPET_WIDTH: Final = 100

STATUS_STYLE: Final = {
    "PASS": "bold green", "FAIL": "bold red", "WARN": "bold yellow", "INFO": "bold blue"
}


def clip(text: str, width: int = SNIPPET_WIDTH) -> str:
    """One line of at most ``width`` characters.

    >>> clip("a\\nb"), clip("abcdef", 4)
    ('a ⏎ b', 'abc…')
    """
    flat = text.replace("\n", " ⏎ ")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def expectation_line(e: ExpectationOutcome) -> str:
    """The verdict line: status, key, description, observed vs allowed.

    ``FAIL 02_chrome  n_chrome is 0 in every record — observed 1 of 82 records fail (1.2%),
    allowed none`` (one line).
    """
    return (
        f"{e.status} {e.spec.key}  {e.description} — observed {e.observed}, allowed {e.threshold}"
    )


def evidence_lines(
    e: ExpectationOutcome, *, limit: int = RECORD_LIMIT, findings: int = FINDING_LIMIT
) -> list[str]:
    """The offending records of a failure with their findings, capped (plain text)."""
    out: list[str] = []
    for off in e.offenders[:limit]:
        col = e.spec.column
        value = f" ({col} = {off.value})" if col and off.value is not None else ""
        at = f"  at {off.where}" if off.where else ""
        out.append(f"  {off.record_id}{value}{at}")
        for f in off.findings[:findings]:
            line = f"line {f['line']}" if f["line"] else "record"
            out.append(f"    {line}  {f['code']}  {clip(str(f['snippet']))}")
        if len(off.findings) > findings:
            out.append(f"    … {plural(len(off.findings) - findings, 'more finding')}")
    more = len(e.offenders) - limit
    unnamed = e.offending - len(e.offenders)
    if more > 0 and unnamed > 0:
        out.append(f"  … and {plural(more + unnamed, 'more record')} (--json names the first "
                   f"{len(e.offenders)}; the findings file has every finding)")
    elif more > 0:
        out.append(f"  … and {plural(more, 'more record')} (see --json for all)")
    elif unnamed > 0:
        out.append(f"  … and {plural(unnamed, 'more record')} (the findings file has them all)")
    return out


def print_outcome(
    outcome: ValidationOutcome,
    *,
    limit: int = RECORD_LIMIT,
    console: Console | None = None,
    hints: Sequence[str] = (),
) -> None:
    """The whole report: header, verdict lines, evidence per failure, hints, summary.

    ``hints``: lines such as :func:`dq.validate.hints.map_hints` gives, printed
    before the summary.
    """
    console = console or Console(highlight=False, soft_wrap=True)
    s = outcome.suite
    console.print(escape(f"dq validate · suite {s.name} ({s.path}) · {outcome.records} records"))
    for e in outcome.expectations:
        style = STATUS_STYLE[e.status]
        rest = escape(expectation_line(e)[len(e.status) :])
        console.print(f"[{style}]{e.status}[/]{rest}")
    for e in (*outcome.failed, *outcome.warned):
        if is_run_column(e.spec.column):
            console.print()
            console.print(f"[bold red]{escape(e.spec.key)}[/]: {escape(e.spec.rationale)}")
            continue
        if not e.offenders:
            continue
        console.print()
        console.print(
            f"[bold red]{escape(e.spec.key)}[/]: {plural(e.offending, 'offending record')}"
            f" — {escape(e.spec.rationale)}"
        )
        for line in evidence_lines(e, limit=limit):
            console.print(escape(line))
    for hint in hints:
        console.print(f"[bold yellow]hint[/]: {escape(hint)}")
    console.print()
    style = "bold green" if outcome.success else "bold red"
    console.print(f"[{style}]{escape(outcome.summary_line())}[/]")
