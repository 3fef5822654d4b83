"""The nightly report page: one self-contained HTML file, no script, no network.

Why so strict: the page is opened from disk, from a mail attachment or a CI
artifact, often with no network; and half of what it shows is scraped text,
which is attacker-controlled. So:

* every value goes through :func:`esc` (``html.escape`` with quotes) and every
  attribute is double-quoted; scraped urls are shown as text, never as links;
* styles are inline, charts are inline SVG (:mod:`dq.report.charts`), fonts
  are the system's; the only link is to the run's GX Data Docs folder;
* a Content-Security-Policy forbids scripts and every fetch, so even a bug
  in the escaping could not run code or call out (the browser test checks
  both the escaping and that nothing is blocked, i.e. nothing tried).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

from dq.report.html_data import Rate, ReportData, pct
from dq.report.html_examples import render_examples
from dq.report.html_style import CSS

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


def esc(value: object) -> str:
    """Text for HTML content or a double-quoted attribute.

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def render_page(data: ReportData, *, charts: Sequence[str] = ()) -> str:
    """The whole page. ``charts`` are SVG strings already checked by :mod:`dq.report.charts`."""
    run = data.run
    body = "\n".join(
        [
            _header(data),
            _section("regressions", "Regressions", _regressions(data)),
            _section("expectations", "Expectations", _expectations(data)),
            _section("rates", "Rate per reason code", _rates(data)),
            _section("sources", "By source", _sources(data)),
            _section("trends", "Trends", _trends(data, charts)),
            _section("examples", "Examples", render_examples(data.examples, data.descriptions)),
            _section("quarantine", "Quarantine", _quarantine(data)),
            f"<footer>dq {esc(run.dq_version)} · run {esc(run.run_id)} · "
            "this page is self-contained and runs no script</footer>",
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>dq report {esc(run.run_id)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _section(anchor: str, title: str, inner: str) -> str:
    return f'<section id="{anchor}"><h2>{esc(title)}</h2>\n{inner}\n</section>'


def _header(data: ReportData) -> str:
    run = data.run
    n_reg = len(data.regressions)
    verdict = (
        f'<span class="pill bad">{n_reg} regression{"s" if n_reg != 1 else ""}</span>'
        if n_reg
        else '<span class="pill good">no regressions</span>'
    )
    if run.success is not None:
        verdict += (
            ' <span class="pill good">suite passed</span>'
            if run.success
            else f' <span class="pill bad">suite failed {run.failed} of {run.expectations}</span>'
        )
    q = run.records_quarantined
    facts = [
        ("corpus", ", ".join(data.paths)),
        ("files", str(len(data.files))),
        ("records", f"{run.records_seen} seen · {run.records_loaded} loaded · {q} quarantined"),
        ("suite", f"{run.suite} ({data.suite_path})" if run.suite else "none (rates only)"),
        ("started", run.started_at.replace("T", " ") + " UTC"),
        ("duration", f"{run.duration_s:.1f} s"),
        ("dq version", run.dq_version),
        ("previous run", data.past.runs[-1].run_id if data.past.runs else "none (first run)"),
    ]
    dl = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in facts)
    links = ['<a href="summary.json">summary.json</a>']
    if data.gx_docs:
        links.append(
            f'<a href="{esc(data.gx_docs)}">GX Data Docs</a> '
            '<span class="muted">(needs the network to look right)</span>'
        )
    nav = " · ".join(
        f'<a href="#{a}">{esc(t)}</a>'
        for a, t in (
            ("regressions", "regressions"),
            ("expectations", "expectations"),
            ("rates", "rates"),
            ("sources", "sources"),
            ("trends", "trends"),
            ("examples", "examples"),
            ("quarantine", "quarantine"),
        )
    )
    return (
        f'<header><h1>dq data-quality report <span class="muted">{esc(run.run_id)}</span></h1>'
        f'<p class="verdict">{verdict}</p><dl class="facts">{dl}</dl>'
        f'<p class="links">{" · ".join(links)}</p><nav>{nav}</nav></header>'
    )


def _regressions(data: ReportData) -> str:
    rule = data.rule
    how = (
        f"a rate above its suite limit, or more than {rule.factor:g}× its median over the "
        f"last {rule.window} run{'s' if rule.window != 1 else ''}"
    )
    if not data.regressions:
        return f'<p class="ok">No regressions ({esc(how)}).</p>'
    items = "".join(
        f'<li><a href="#rate-{esc(g.code)}"><code>{esc(g.code)}</code></a> '
        f'<span class="tag">{esc(g.rule)}</span> {esc(g.message().split(": ", 1)[1])}</li>'
        for g in data.regressions
    )
    return f'<div class="alert"><p>Regressed: {esc(how)}.</p><ul>{items}</ul></div>'


def _expectations(data: ReportData) -> str:
    if data.run.suite is None:
        return '<p class="muted">No suite was run (<code>--no-suite</code>).</p>'
    rows = []
    for c in data.checks:
        status = '<td class="pass">PASS</td>' if c.success else '<td class="fail">FAIL</td>'
        rows.append(
            f"<tr>{status}<td><code>{esc(c.key)}</code></td><td>{esc(c.description)}</td>"
            f"<td>{esc(c.allowed)}</td><td>{esc(c.observed)}</td></tr>"
        )
    return (
        '<table class="grid"><thead><tr><th>status</th><th>expectation</th><th>checks</th>'
        f"<th>allowed</th><th>observed</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _change(r: Rate) -> str:
    change = r.change
    if change is None:
        return '<td class="muted">new</td>'
    if change == 0:
        return '<td class="muted">=</td>'
    cls, arrow = ("up", "▲") if change > 0 else ("down", "▼")
    return f'<td class="{cls}">{arrow} {esc(f"{change * 100:+.3g}")} pts</td>'


def _rates(data: ReportData) -> str:
    rows = []
    quiet = []
    for r in data.rates:
        row = r.row
        if row.kind == "code" and not row.affected and not r.previous and not r.rules:
            quiet.append(row.code)  # nothing now, nothing last run: one line for all of them
            continue
        width = f"{min(100.0, row.rate * 100):.1f}"
        bar = f'<span class="bar"><span style="width:{width}%"></span></span>'
        tags = "".join(f'<span class="tag bad">{esc(x)}</span>' for x in r.rules)
        cls = ' class="regressed"' if r.rules else (' class="zero"' if not row.affected else "")
        name = f"<b>{esc(row.code)}</b> (family)" if row.kind == "family" else esc(row.code)
        rows.append(
            f'<tr id="rate-{esc(row.code)}"{cls}><td>{name}</td>'
            f'<td class="num">{row.affected} / {row.records}</td>'
            f'<td class="num">{esc(pct(row.rate))} {bar}</td>'
            f'<td class="num">{esc("-" if row.threshold is None else pct(row.threshold))}</td>'
            f'<td class="num">{esc("-" if r.previous is None else pct(r.previous))}</td>'
            f"{_change(r)}<td>{tags}</td></tr>"
        )
    rest = (
        f'<p class="muted">No finding in this run or the previous one: {esc(", ".join(quiet))}.</p>'
        if quiet
        else ""
    )
    return (
        '<p class="muted">Share of loaded records with at least one finding; change is '
        'since the previous run, in percentage points.</p><table class="grid"><thead><tr>'
        "<th>code</th><th>records</th><th>rate</th><th>limit</th><th>previous</th>"
        f"<th>change</th><th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>{rest}"
    )


def _cell_style(rate: float) -> str:
    # Numbers only: the style attribute never carries corpus text.
    light = 97 - round(min(1.0, rate) * 52)
    ink = "#fff" if light < 62 else "#222"
    return f"background:hsl(8,78%,{light}%);color:{ink}"


def _sources(data: ReportData) -> str:
    codes = [r.row.code for r in data.rates if r.row.kind == "code" and r.row.affected]
    if not data.source_records:
        return '<p class="muted">No records loaded.</p>'
    if not codes:
        return '<p class="ok">No source has a finding.</p>'
    cells = {(s.source, s.code): s for s in data.source_rates}
    dirty = {s.source: 0 for s in data.source_rates}
    for s in data.source_rates:
        dirty[s.source] += s.affected
    order = sorted(
        data.source_records, key=lambda s: (-dirty.get(s, 0), -data.source_records[s], s)
    )
    head = "".join(f'<th class="vert"><span>{esc(c)}</span></th>' for c in codes)
    rows = []
    for source in order[:MAX_SOURCES]:
        tds = []
        for c in codes:
            x = cells.get((source, c))
            if x is None:
                tds.append('<td class="hm"></td>')
            else:
                tds.append(
                    f'<td class="hm" style="{_cell_style(x.rate)}" '
                    f'title="{esc(f"{source}: {c} in {x.affected} of {x.records}")}">'
                    f"{x.affected}</td>"
                )
        rows.append(
            f'<tr><th class="src">{esc(source)}</th>'
            f'<td class="num">{data.source_records[source]}</td>{"".join(tds)}</tr>'
        )
    more = len(order) - MAX_SOURCES
    note = (
        f'<p class="muted">… and {more} more sources (all in summary.json).</p>' if more > 0 else ""
    )
    return (
        '<p class="muted">Records with each code, per source (the record\'s <code>source</code>, '
        "else its url's host); colour is the share of that source's records.</p>"
        '<div class="scroll"><table class="heat"><thead><tr><th>source</th><th>records</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{note}"
    )


def _trends(data: ReportData, charts: Sequence[str]) -> str:
    n = len(data.past.runs) + 1
    intro = (
        f'<p class="muted">The last {n} runs in this history, oldest first.</p>'
        if n > 1
        else '<p class="muted">First run in this history: trends grow from the next run on.</p>'
    )
    figures = "".join(f'<figure class="chart">{svg}</figure>' for svg in charts)
    return intro + (figures or '<p class="muted">No charts.</p>')


def _quarantine(data: ReportData) -> str:
    if not data.quarantine_by_reason:
        return '<p class="ok">No record was quarantined.</p>'
    counts = "".join(
        f'<tr><td><code>{esc(k)}</code></td><td class="num">{v}</td></tr>'
        for k, v in data.quarantine_by_reason.items()
    )
    rows = "".join(
        f"<tr><td>{esc(q.file)}:{q.line}</td><td><code>{esc(q.reason)}</code></td>"
        f'<td><code class="excerpt">{esc(q.excerpt)}</code></td></tr>'
        for q in data.quarantine[:MAX_QUARANTINE_ROWS]
    )
    more = len(data.quarantine) - MAX_QUARANTINE_ROWS
    note = f'<p class="muted">… and {more} more.</p>' if more > 0 else ""
    return (
        f'<table class="grid narrow"><thead><tr><th>reason</th><th>records</th></tr></thead>'
        f"<tbody>{counts}</tbody></table>"
        '<table class="grid"><thead><tr><th>where</th><th>reason</th><th>excerpt</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>{note}"
    )
