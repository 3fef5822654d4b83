"""``dq validate --markdown``: a summary that fits a CI job summary (``$GITHUB_STEP_SUMMARY``).

Why this shape: a reviewer sees the verdict and a table of expectations
without scrolling; the evidence for each failure sits in a collapsed
``<details>`` block, capped so a very dirty corpus cannot blow the job
summary's size limit (1 MiB on GitHub). No timestamps: the same run gives
the same file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from dq.validate.words import plural

if TYPE_CHECKING:
    from dq.validate.outcome import ExpectationOutcome, ValidationOutcome

#: Offending records listed per failed expectation, and findings per record.
RECORD_LIMIT: Final = 10
FINDING_LIMIT: Final = 5
SNIPPET_WIDTH: Final = 120


def cell(text: object, width: int | None = None) -> str:
    """Text safe inside a Markdown table cell: pipes, backticks, newlines, HTML escaped.

    >>> cell("a|b `c` <p>\\nd")
    'a\\\\|b \\\\`c\\\\` &lt;p&gt; d'
    """
    s = " ".join(str(text).split())
    if width is not None and len(s) > width:
        s = s[: width - 1] + "…"
    return (
        s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    )


def render_markdown(outcome: ValidationOutcome, *, limit: int = RECORD_LIMIT) -> str:
    s = outcome.suite
    n, failed = len(outcome.expectations), len(outcome.failed)
    verdict = "✅ passed" if outcome.success else f"❌ failed ({failed} of {n} expectations)"
    lines = [
        f"## dq validate: {cell(s.name)} {verdict}",
        "",
        f"Suite {cell(s.path)} · {cell(outcome.summary_line())}",
        "",
        "| | expectation | guards | observed | allowed |",
        "|---|---|---|---|---|",
    ]
    for e in outcome.expectations:
        mark = _MARK[e.status]
        lines.append(
            f"| {mark} | {cell(e.spec.key)}: {cell(e.description)} | {cell(e.spec.code)} "
            f"| {cell(e.observed)} | {cell(e.threshold)} |"
        )
    for e in (*outcome.failed, *outcome.warned):
        lines.extend(_evidence(e, limit))
    return "\n".join(lines) + "\n"


#: Status marks: a failure that does not fail the gate (``warning``/``info`` severity) is ⚠️/ℹ️.
_MARK: Final = {"PASS": "✅", "FAIL": "❌", "WARN": "⚠️", "INFO": "ℹ️"}


def _evidence(e: ExpectationOutcome, limit: int) -> list[str]:
    lines = [
        "", f"### {_MARK[e.status]} {cell(e.spec.key)}: {cell(e.description)}", "",
        f"_{cell(e.spec.rationale)}_",
    ]
    if not e.offenders:
        lines += ["", f"Observed {cell(e.observed)}; allowed {cell(e.threshold)}."]
        return lines
    n = len(e.offenders)
    named = plural(n, "offending record") if e.offending == n else (
        f"{e.offending:,} offending records, the first {n:,} named"
    )
    lines += [
        "",
        f"<details><summary>{named}</summary>",
        "",
        "| record | line | code | snippet |",
        "|---|---|---|---|",
    ]
    for off in e.offenders[:limit]:
        if not off.findings:
            value = f"{cell(e.spec.column)} = {cell(off.value)}"
            lines.append(f"| {cell(off.record_id)} | | | {value} |")
        for f in off.findings[:FINDING_LIMIT]:
            line = str(f["line"]) if f["line"] else "–"
            lines.append(
                f"| {cell(off.record_id)} | {line} | {cell(f['code'])} "
                f"| {cell(f['snippet'], SNIPPET_WIDTH)} |"
            )
        if len(off.findings) > FINDING_LIMIT:
            more = plural(len(off.findings) - FINDING_LIMIT, "more finding")
            lines.append(f"| {cell(off.record_id)} | | | … {more} |")
    if n > limit:
        lines += ["", f"… and {plural(n - limit, 'more record')} (see the JSON result)."]
    lines += ["", "</details>"]
    return lines


def write_markdown(outcome: ValidationOutcome, path: Path, *, limit: int = RECORD_LIMIT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown(outcome, limit=limit), encoding="utf-8")
