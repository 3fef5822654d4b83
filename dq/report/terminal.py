"""Terminal output with rich: a findings table and the run summary.

Why rich: aligned, wrapped tables that degrade to plain text when piped,
without us writing column-width logic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    import polars as pl

    from dq.engine.result import ScanResult

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
#: Width used when output is not a terminal (CI logs): wide enough that a
#: record id, line, code and a useful snippet share one row.
PIPE_WIDTH = 160


def make_console() -> Console:
    """A console that keeps rows on one line in CI logs instead of folding at 80."""
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=PIPE_WIDTH)
    return console


def print_scan(result: ScanResult, *, limit: int = 50, console: Console | None = None) -> None:
    """Findings (up to ``limit`` rows; none and no table for 0), counts per code,
    then the accounting line.

    Rows and counts come from the scan's totals (a streamed scan keeps only
    a sample of its findings in memory).
    """
    console = console or make_console()
    totals = result.finding_totals
    total, first, by_code = totals.total, totals.first, dict(totals.by_code)
    if result.loaded.skipped:
        console.print(f"skipped (not data): {escape(', '.join(result.loaded.skipped))}")
    if total:
        if limit:
            _print_first(console, first, total, limit)
        else:  # --limit 0: counts only
            console.print(f"{total} findings (use --findings FILE for all)")
        ranked = sorted(by_code.items(), key=lambda item: (-item[1], item[0]))
        console.print("by code: " + ", ".join(f"{c} {n}" for c, n in ranked))
    else:
        console.print("no findings")
    console.print(result.summary_line())
    for q in result.loaded.quarantine[:10]:
        console.print(
            f"  quarantined {escape(q.file)}:{q.line_or_row} {q.reason}: {escape(q.excerpt[:80])}"
        )
    if len(result.loaded.quarantine) > 10:
        console.print(f"  … {len(result.loaded.quarantine) - 10} more (use --quarantine FILE)")


def _print_first(console: Console, first: pl.DataFrame, total: int, limit: int) -> None:
    """The first ``limit`` of ``total`` findings (``first``) as a table."""
    table = Table(title=f"{total} findings", show_lines=False)
    for col, kw in (
        ("record", {"overflow": "fold", "max_width": 28}),
        ("line", {"justify": "right"}),
        ("code", {}),
        ("snippet", {"overflow": "fold"}),
    ):
        table.add_column(col, **kw)
    for row in first.head(limit).iter_rows(named=True):
        style = SEVERITY_STYLE.get(row["severity"], "")
        table.add_row(
            escape(row["record_id"]),
            str(row["line"]) if row["line"] else "-",
            f"[{style}]{row['code']}[/]",
            escape(row["snippet"] if len(row["snippet"]) <= 120 else row["snippet"][:119] + "…"),
        )
    console.print(table)
    if total > limit:
        console.print(f"… {total - limit} more findings (use --findings FILE for all)")
