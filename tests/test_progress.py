"""The progress bar: drawn on a terminal (rich's own console capture), nothing elsewhere."""

from __future__ import annotations

from itertools import count

from rich.console import Console

from dq.report.progress import RunProgress

FILES = [("corpus/a.jsonl", 4_000_000), ("corpus/b.jsonl", 6_000_000)]


def _clock() -> object:
    ticks = count()
    return lambda: next(ticks) / 100  # 10 ms per reading: a deterministic speed


def _run(console: Console, enabled: bool | None = None) -> RunProgress:
    progress = RunProgress(FILES, label="scan", console=console, enabled=enabled,
                           clock=_clock())  # type: ignore[arg-type]
    with progress:
        progress.advance("corpus/a.jsonl", 4_000_000, 400)
        progress.file_done("corpus/a.jsonl")
        progress.advance("corpus/b.jsonl", 3_000_000, 300)
    progress.print_summary()
    return progress


def test_terminal_shows_bytes_records_speed_and_files() -> None:
    console = Console(record=True, force_terminal=True, width=140, color_system=None)
    progress = _run(console)
    text = console.export_text()
    assert "scan" in text
    assert "7.0/10.0 MB" in text  # bytes done of the total, decimal units
    assert "700 records" in text
    bars = [line for line in text.splitlines() if "━" in line]
    assert any("MB/s" in line for line in bars)  # speed on the bar, not only the summary
    assert "corpus/b.jsonl" in text  # the file being read has its own line
    assert progress.records == 700 and progress.bytes_done == 7_000_000
    assert text.rstrip().splitlines()[-1].startswith("700 records · 7.0 MB in ")


def test_not_a_terminal_draws_nothing() -> None:
    console = Console(record=True, force_terminal=False, width=140)
    progress = _run(console)
    assert console.export_text() == ""
    assert progress.summary().startswith("700 records · 7.0 MB in ")  # still there for -v / logs


def test_quiet_draws_nothing_even_on_a_terminal() -> None:
    console = Console(record=True, force_terminal=True, width=140)
    _run(console, enabled=False)
    assert console.export_text() == ""
