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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

#: Anything in an SVG that could fetch or execute: scripts, event handlers,
#: links, external resources, foreign HTML.
_UNSAFE: Final = re.compile(
    r"<\s*script|<\s*foreignObject|\son[a-z]+\s*=|(?:xlink:)?href\s*=|url\((?!#)|@import|javascript:",
    re.IGNORECASE,
)
WIDTH: Final = 560
HEIGHT: Final = 180


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


def trend_spec(points: Sequence[Point], *, title: str, runs: Sequence[str]) -> dict[str, Any]:
    """The Vega-Lite spec of one trend chart: rate per run, one line per series."""
    import altair as alt

    values = [{"run": p.run, "series": p.series, "rate": p.rate} for p in points]
    chart = (
        alt.Chart(alt.Data(values=values), title=title)  # type: ignore[no-untyped-call]
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X(
                "run:O",
                sort=list(runs),
                title="run start (UTC)",
                axis=alt.Axis(labelAngle=0 if len(runs) <= 8 else -45, labelOverlap=True),
            ),
            y=alt.Y("rate:Q", title="share of records", axis=alt.Axis(format="%")),
            color=alt.Color(
                "series:N",
                title=None,
                sort=sorted({p.series for p in points}),
                legend=alt.Legend(orient="right"),
            ),
        )
        .properties(width=WIDTH, height=HEIGHT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11, grid=True, gridColor="#eee")
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


def trend_svg(points: Sequence[Point], *, title: str, runs: Sequence[str]) -> str:
    """One trend chart, ready to inline in the page."""
    return render_svg(trend_spec(points, title=title, runs=runs))
