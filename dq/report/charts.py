"""Trend charts as inline SVG: Altair builds the Vega-Lite spec, vl-convert renders it.

Why SVG rendered here and not a chart library in the page: the report must
open from disk with the network off and run no script at all; vl-convert
renders Vega-Lite without a browser. Both libraries are imported inside the
functions (they cost ~0.5 s and are only needed by ``dq report``).

Charts only ever carry reason codes, family names and run start times (ours), never
corpus text; :func:`check_svg` still refuses anything that could run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

#: Anything in an SVG that could fetch or execute: scripts, event handlers,
#: links, external resources, foreign HTML.
_UNSAFE: Final = re.compile(
    r"<\s*script|<\s*foreignObject|\son[a-z]+\s*=|(?:xlink:)?href\s*=|url\((?!#)|@import|javascript:",
    re.IGNORECASE,
)
#: The page's content width (html_style: ``main`` is 1180 px less padding); the SVG is
#: also scaled to the page by CSS, so these set proportions and text size.
PAGE_WIDTH: Final = 1100
#: Small multiples: one small chart per series, this many per row.
COLUMNS: Final = 3
#: One small chart's plot area (the axis labels and spacing take the rest of a column).
WIDTH: Final = PAGE_WIDTH // COLUMNS - 90
HEIGHT: Final = 120


class UnsafeChartError(ValueError):
    """A rendered chart contained something that could fetch or run."""


@dataclass(frozen=True)
class Point:
    run: str  # x: the run's label (ordinal, oldest first)
    series: str  # a code or family
    rate: float


def check_svg(svg: str) -> str:
    """``svg`` if it holds nothing active, else :class:`UnsafeChartError`.

    >>> check_svg('<svg><path d="M0,0"/></svg>')
    '<svg><path d="M0,0"/></svg>'
    >>> check_svg('<svg onload="x()"></svg>')
    Traceback (most recent call last):
    ...
    dq.report.charts.UnsafeChartError: rendered chart contains ' onload=' ; refusing to inline it
    """
    found = _UNSAFE.search(svg)
    if found:
        raise UnsafeChartError(
            f"rendered chart contains {found.group(0)!r} ; refusing to inline it"
        )
    return svg


def trend_spec(
    points: Sequence[Point],
    *,
    title: str,
    runs: Sequence[str],
    limits: Mapping[str, float | None] | None = None,
) -> dict[str, Any]:
    """The Vega-Lite spec of one trend figure: small multiples, one chart per series.

    Why small multiples: in one chart, series with equal rates draw on top of
    each other and a 0.1% code is flat beside a 40% one. Each series gets its
    own chart and y scale; ``limits`` (series -> suite limit) draws the
    limit as a dashed red rule on that series' chart.
    """
    import altair as alt

    lim = limits or {}
    values = [
        {"run": p.run, "series": p.series, "rate": p.rate, "limit": lim.get(p.series)}
        for p in points
    ]
    series = sorted({p.series for p in points})
    x = alt.X(
        "run:O", sort=list(runs), title=None,
        axis=alt.Axis(labelAngle=0 if len(runs) <= 4 else -40, labelOverlap=True, labelLimit=90),
    )
    line = (
        alt.Chart()
        # each point's aria-label names its series, run and rate (screen readers; tests read it)
        .transform_calculate(
            label='"series: " + datum.series + "; run: " + datum.run + "; rate: " '
                  '+ format(datum.rate, ".3~%")'
        )
        .mark_line(point=alt.OverlayMarkDef(color="#0969da"), strokeWidth=2, color="#0969da")
        .encode(
            x=x, y=alt.Y("rate:Q", title=None, axis=alt.Axis(format="%", tickCount=4)),
            description=alt.Description("label:N"),
        )
    )
    layers = [line]
    if any(v["limit"] is not None for v in values):
        rule = (
            alt.Chart()
            .transform_filter("datum.limit != null")
            .mark_rule(color="#cf222e", strokeDash=[5, 4], strokeWidth=1.5)
            .encode(y="limit:Q")
        )
        layers.append(rule)
    chart = (
        alt.layer(*layers, data=alt.Data(values=values))  # type: ignore[no-untyped-call]
        .properties(width=WIDTH, height=HEIGHT)
        .facet(
            facet=alt.Facet("series:N", sort=series, title=None,
                            header=alt.Header(labelFontSize=12, labelFontWeight="bold")),
            columns=COLUMNS,
            title=title,
        )
        .resolve_scale(y="independent")
        # each small chart its own x axis: a Vega facet otherwise draws axis footers under
        # the empty cells of the last row
        .resolve_axis(x="independent")
        .configure_view(stroke="#eee")
        .configure_axis(labelFontSize=10, grid=True, gridColor="#eee")
        .configure_title(fontSize=13, anchor="start")
    )
    spec: dict[str, Any] = chart.to_dict()
    return spec


def render_svg(spec: dict[str, Any]) -> str:
    """A Vega-Lite spec as a checked SVG string (no XML declaration)."""
    import vl_convert as vlc

    svg = str(vlc.vegalite_to_svg(spec))
    svg = re.sub(r"^\s*<\?xml[^>]*>\s*", "", svg)
    return check_svg(svg)


def trend_svg(
    points: Sequence[Point],
    *,
    title: str,
    runs: Sequence[str],
    limits: Mapping[str, float | None] | None = None,
) -> str:
    """One trend figure (small multiples), ready to inline in the page."""
    return render_svg(trend_spec(points, title=title, runs=runs, limits=limits))
