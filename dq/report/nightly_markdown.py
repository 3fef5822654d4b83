"""``summary.md`` beside the nightly page: the run in a CI job summary (``$GITHUB_STEP_SUMMARY``).

Why: a scheduled job's summary is where people look first; the verdict,
regressions, "over threshold" and the example records (new ones first and
marked, each finding's proposed fix, the record a duplicate repeats) fit
there without opening the HTML artifact. Every piece of scraped text goes
through :func:`dq.report.markdown.cell` (pipes, backticks, HTML escaped) and
sits in ``<code>`` tags, never in backtick spans (which would show the
escapes literally and end at a backtick of the text).
No timestamps beyond the run's id: the same run gives the same file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from dq.report.markdown import cell
from dq.validate.words import plural

if TYPE_CHECKING:
    from dq.report.html_data import ReportData
    from dq.report.html_examples import Example

#: Characters of a title or a fix shown.
TITLE_WIDTH: Final = 80
#: The mark of a record with no finding of the code in the previous run.
NEW_MARK: Final = "🆕 **new**"


def render_nightly_markdown(data: ReportData) -> str:
    """The run's verdict, regressions, over-threshold rates and examples as Markdown."""
    from dq.report.html_data import pct

    run = data.run
    lines = [f"## dq report {cell(run.run_id)}: {_verdict(data)}", ""]
    lines.append(
        f"{plural(run.records_seen, 'record')} seen · {run.records_loaded:,} loaded · "
        f"{run.records_quarantined:,} quarantined · previous run "
        f"{_code(data.past.runs[-1].run_id) if data.past.runs else 'none (first run)'}"
    )
    lines += ["", "### Regressions", ""]
    if not data.past.runs:
        lines.append("First run in this history: nothing to compare with, so nothing has "
                     "regressed yet.")
    elif not data.regressions:
        lines.append("No regressions.")
    for g in data.regressions:
        lines.append(f"- `{cell(g.code)}` [{g.rule}] {cell(g.message())}")
    if data.over_threshold:
        lines += ["", "### Over threshold", ""]
        lines += [
            f"- `{cell(r.row.code)}` {pct(r.row.rate)} of records, above the suite's limit of "
            f"{pct(r.row.threshold or 0.0)}"
            for r in data.over_threshold
        ]
    failed = [c for c in data.checks if not c.success]
    if failed:
        lines += ["", "### Failed expectations", "",
                  "| expectation | checks | allowed | observed |", "|---|---|---|---|"]
        lines += [f"| {cell(c.key)} | {cell(c.description)} | {cell(c.allowed)} "
                  f"| {cell(c.observed)} |" for c in failed]
    lines += _examples(data)
    return "\n".join(lines) + "\n"


def _verdict(data: ReportData) -> str:
    run = data.run
    parts = []
    if run.success is not None:
        parts.append("✅ suite passed" if run.success
                     else f"❌ suite failed {run.failed} of {run.expectations}")
    n = len(data.regressions)
    parts.append(f"{plural(n, 'regression')}" if n else "no regressions")
    if data.over_threshold:
        parts.append(f"{len(data.over_threshold)} over threshold")
    return " · ".join(parts)


def _examples(data: ReportData) -> list[str]:
    if not data.examples:
        return []
    lines = ["", "### Examples", ""]
    if data.new_since:
        lines += [f"{NEW_MARK}: no finding of that code in the previous run "
                  f"({_code(data.new_since)}); listed first.", ""]
    descriptions = data.descriptions
    for code, items in data.examples.items():
        new = sum(e.new is True for e in items)
        extra = f", {new} new" if new else ""
        lines += [f"<details><summary><code>{cell(code)}</code> "
                  f"{cell(descriptions.get(code, ''))} ({plural(len(items), 'record')}{extra})"
                  "</summary>", ""]
        for ex in items:
            lines += _example(ex)
        lines += ["", "</details>", ""]
    return lines


def _example(ex: Example) -> list[str]:
    head = f"- {NEW_MARK} " if ex.new else "- "
    head += _code(ex.record_id)
    if ex.title:
        head += f" · {cell(ex.title, TITLE_WIDTH)}"
    if ex.source:
        head += f" · {cell(ex.source)}"
    head += f" · {plural(ex.findings, 'finding')}"
    out = [head]
    if ex.duplicate_of:
        out.append(f"  - duplicates the earlier record {_code(ex.duplicate_of)}")
    out += [f"  - {cell(n, TITLE_WIDTH)}" for n in ex.notes]
    for f in ex.fixes:
        where = f"line {f.line}: " if f.line else ""
        after = f"_{cell(f.action)}_" if f.action else _code(f.after)
        out.append(f"  - {where}{_code(f.before)} → {after}")
    return out


def _code(text: str) -> str:
    """Scraped text as inline code that no character of it can break out of.

    >>> print(_code("a`b <i>|"))
    <code>a\\`b &lt;i&gt;\\|</code>
    """
    return f"<code>{cell(text, TITLE_WIDTH)}</code>"
