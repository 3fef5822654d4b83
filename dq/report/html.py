"""The nightly report page: one self-contained HTML file, no script, no network.

Why so strict: the page is opened from disk, from a mail attachment or a CI
artifact, often with no network; and half of what it shows is scraped text,
which is attacker-controlled. So:

* the page is a Jinja2 template (``templates/report.html.j2``) rendered with
  autoescaping on: every value is escaped unless it is our own
  :class:`~markupsafe.Markup` (the style sheet, and charts that passed
  :func:`dq.report.charts.check_svg`); scraped urls are shown as text,
  never as links;
* styles are inline, charts are inline SVG, fonts are the system's; the page
  links only to ``summary.json`` beside it. GX Data Docs are not linked: they
  load their styles and their index from public CDNs, so offline they were
  unstyled and empty;
* a Content-Security-Policy forbids scripts and every fetch, so even a bug
  in the escaping could not run code or call out (the browser test checks
  both the escaping and that nothing is blocked, i.e. nothing tried).

This module turns :class:`ReportData` into plain values for the template
(numbers formatted, rows chosen and capped); the template only lays them out.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from dq.report.html_data import Rate, ReportData, pct
from dq.report.html_style import CSS
from dq.report.jinja import environment

if TYPE_CHECKING:
    pass

#: Scripts, frames, fetches: none. Styles: the inline sheet and style attributes.
CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
#: Sources shown in the heat-map (most records first); the rest are counted.
MAX_SOURCES: Final = 40
#: Quarantined records listed one by one (all are counted by reason).
MAX_QUARANTINE_ROWS: Final = 20
#: Codes drawn in the code trend chart (failing and regressed first, then by rate).
MAX_TREND_CODES: Final = 8
#: Example blocks shown open; the rest start collapsed (a dirty night was 13,000 px of examples).
OPEN_EXAMPLE_BLOCKS: Final = 1
NAV: Final = (
    ("regressions", "regressions"),
    ("expectations", "expectations"),
    ("rates", "rates"),
    ("sources", "sources"),
    ("trends", "trends"),
    ("examples", "examples"),
    ("quarantine", "quarantine"),
)


def esc(value: object) -> str:
    """Text for HTML content or a double-quoted attribute (for callers outside templates).

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def render_page(data: ReportData, *, charts: Sequence[str] = ()) -> str:
    """The whole page. ``charts`` are SVG strings already checked by :mod:`dq.report.charts`."""
    from markupsafe import Markup

    from dq.report.charts import check_svg
    from dq.report.html_examples import example_blocks

    context = {
        "csp": CSP,
        "css": Markup(CSS),  # our own sheet, no corpus text  # noqa: S704
        "run": data.run,
        "facts": _facts(data),
        "nav": NAV,
        "has_history": bool(data.past.runs),
        "how": _how(data),
        "regressions": [
            {"code": g.code, "rule": g.rule, "text": g.message().split(": ", 1)[1]}
            for g in data.regressions
        ],
        "over": [
            {"code": r.row.code, "rate": pct(r.row.rate), "limit": pct(r.row.threshold or 0.0)}
            for r in data.over_threshold
        ],
        "checks": data.checks,
        **_rates(data),
        "sources": _sources(data),
        "n_runs": len(data.past.runs) + 1,
        # checked again here: Markup must never wrap anything that could run
        "charts": [Markup(check_svg(svg)) for svg in charts],  # noqa: S704
        "examples": example_blocks(
            data.examples, data.descriptions, open_first=OPEN_EXAMPLE_BLOCKS
        ),
        "new_since": data.new_since,
        "quarantine": _quarantine(data),
    }
    return environment().get_template("report.html.j2").render(context)


def _facts(data: ReportData) -> list[tuple[str, str]]:
    run = data.run
    q = run.records_quarantined
    return [
        ("corpus", ", ".join(data.paths)),
        ("files", str(len(data.files))),
        ("records", f"{run.records_seen} seen · {run.records_loaded} loaded · {q} quarantined"),
        ("suite", f"{run.suite} ({data.suite_path})" if run.suite else "none (rates only)"),
        ("started", run.started_at.replace("T", " ") + " UTC"),
        ("duration", f"{run.duration_s:.1f} s"),
        ("dq version", run.dq_version),
        ("previous run", data.past.runs[-1].run_id if data.past.runs else "none (first run)"),
    ]


def _how(data: ReportData) -> str:
    rule = data.rule
    return (
        f"a rate more than {rule.factor:g}× its median over the last {rule.window} "
        f"run{'s' if rule.window != 1 else ''}, or above its suite limit when the previous "
        "run was within it"
    )


def _change(r: Rate) -> tuple[str, str]:
    """(css class, text) of the change since the previous run."""
    change = r.change
    if change is None:
        return "muted", "new"
    if change == 0:
        return "muted", "="
    cls, arrow = ("up", "▲") if change > 0 else ("down", "▼")
    return cls, f"{arrow} {change * 100:+.3g} pts"


def _rates(data: ReportData) -> dict[str, Any]:
    rows = []
    quiet = []
    for r in data.rates:
        row = r.row
        if (row.kind == "code" and not row.affected and not r.previous and not r.rules
                and not r.over_threshold):
            quiet.append(row.code)  # nothing now, nothing last run: one line for all of them
            continue
        tags = [{"cls": "bad", "text": x} for x in r.rules]
        if r.over_threshold and not r.rules:
            tags.append({"cls": "warn", "text": "over threshold"})
        change_cls, change = _change(r)
        rows.append({
            "code": row.code,
            "family": row.kind == "family",
            "cls": "regressed" if r.rules else ("zero" if not row.affected else ""),
            "affected": row.affected,
            "records": row.records,
            "rate": pct(row.rate),
            "width": f"{min(100.0, row.rate * 100):.1f}",
            "limit": "-" if row.threshold is None else pct(row.threshold),
            "previous": "-" if r.previous is None else pct(r.previous),
            "change": change,
            "change_cls": change_cls,
            "tags": tags,
        })
    return {"rates": rows, "quiet": quiet}


def _cell_style(rate: float) -> str:
    # Numbers only: the style attribute never carries corpus text.
    light = 97 - round(min(1.0, rate) * 52)
    ink = "#fff" if light < 62 else "#222"
    return f"background:hsl(8,78%,{light}%);color:{ink}"


def _sources(data: ReportData) -> dict[str, Any]:
    codes = [r.row.code for r in data.rates if r.row.kind == "code" and r.row.affected]
    out: dict[str, Any] = {
        "has_records": bool(data.source_records), "codes": codes, "rows": [], "more": 0
    }
    if not data.source_records or not codes:
        return out
    cells = {(s.source, s.code): s for s in data.source_rates}
    dirty = {s.source: 0 for s in data.source_rates}
    for s in data.source_rates:
        dirty[s.source] += s.affected
    order = sorted(
        data.source_records, key=lambda s: (-dirty.get(s, 0), -data.source_records[s], s)
    )
    for source in order[:MAX_SOURCES]:
        row_cells: list[dict[str, Any] | None] = []
        for c in codes:
            x = cells.get((source, c))
            row_cells.append(None if x is None else {
                "style": _cell_style(x.rate),
                "title": f"{source}: {c} in {x.affected} of {x.records}",
                "affected": x.affected,
            })
        out["rows"].append(
            {"source": source, "records": data.source_records[source], "cells": row_cells}
        )
    out["more"] = len(order) - MAX_SOURCES
    return out


def _quarantine(data: ReportData) -> dict[str, Any]:
    return {
        "counts": list(data.quarantine_by_reason.items()),
        "rows": data.quarantine[:MAX_QUARANTINE_ROWS],
        "more": len(data.quarantine) - MAX_QUARANTINE_ROWS,
    }
