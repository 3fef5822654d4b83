"""What the engine offers its callers besides findings: progress per batch, each
record's source (file, row) however the scan ran, and one pool of threads."""

from __future__ import annotations

import io
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rich.console import Console

import dq.cli.progress
from dq._pool import EXECUTOR_WORKERS, THREAD_PREFIX
from dq.cli import main
from dq.engine.request import BatchDone, ScanRequest, StreamOptions
from dq.engine.scan import input_bytes, run
from dq.report.progress import RunProgress, files_with_sizes
from dq.signals.context import DetectContext

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
#: Small batches: corpus/ (about 90 KB) is cut into several.
BATCH = 16_000
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def ctx() -> DetectContext:
    return DetectContext()


def _scan(stream: bool, ctx: DetectContext) -> tuple[Any, list[BatchDone]]:
    told: list[BatchDone] = []
    request = ScanRequest.of([CORPUS], stream=stream, options=StreamOptions(batch_bytes=BATCH),
                             on_batch=told.append)
    return run(request, ctx=ctx), told


@pytest.mark.parametrize("stream", [False, True])
def test_on_batch_accounts_for_the_whole_input(stream: bool, ctx: DetectContext) -> None:
    result, told = _scan(stream, ctx)
    assert (len(told) > 3) if stream else (len(told) == 1)  # in memory: one batch
    assert sum(b.nbytes for b in told) == input_bytes([CORPUS])
    assert sum(b.seen for b in told) == result.loaded.seen
    assert sum(b.findings for b in told) == result.finding_totals.total > 0


def test_streamed_scan_knows_every_record_source(ctx: DetectContext) -> None:
    whole, _ = _scan(False, ctx)
    streamed, _ = _scan(True, ctx)
    assert streamed.streamed and not whole.streamed
    assert streamed.sources().sort("id").equals(whole.sources().sort("id"))
    assert streamed.sources().height == whole.records_loaded
    ids = whole.findings.get_column("record_id").head(5)
    picked = streamed.sources(ids)
    assert set(picked.get_column("id")) == set(ids)
    assert picked.get_column("dq_row").min() >= 1
    kept = streamed.loaded.articles  # the kept records say where they were read, too
    assert {"dq_file", "dq_row"} <= set(kept.columns)
    assert kept.height and kept.get_column("dq_row").null_count() == 0


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit"])
def test_machine_formats_name_file_and_row_when_streamed(fmt: str) -> None:
    runner = CliRunner()
    args = ["scan", str(CORPUS), "--codes", "licence_nag,back_to_top", "--output-format", fmt]
    whole = runner.invoke(main, args)
    streamed = runner.invoke(main, [*args, "--stream", "--batch-size", "16K"])
    assert whole.exit_code == streamed.exit_code == 0, streamed.output
    assert streamed.stdout == whole.stdout
    path = str(CORPUS / "articles.jsonl")
    if fmt == "github":
        lines = streamed.stdout.splitlines()
        assert lines and all(f"file={path},line=" in line for line in lines)
    else:
        assert path in streamed.stdout


def _recording_bar(consoles: list[io.StringIO]) -> Any:
    def make(files: list[str], label: str) -> RunProgress:
        out = io.StringIO()
        consoles.append(out)
        console = Console(file=out, force_terminal=True, width=160, color_system=None)
        return RunProgress(files_with_sizes(files), label=label,
                           console=console, enabled=True)

    return make


def test_scan_progress_bar_moves_batch_by_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    consoles: list[io.StringIO] = []
    monkeypatch.setattr(dq.cli.progress, "make_progress", _recording_bar(consoles))
    done = CliRunner().invoke(main, ["scan", str(CORPUS), "--stream", "--batch-size", "16K",
                                     "--limit", "0"])
    assert done.exit_code == 0, done.output
    (out,) = consoles
    shown = [int(n.replace(",", "")) for n in re.findall(r"([\d,]+) records",
                                                          _ANSI.sub("", out.getvalue()))]
    seen = shown[-1]  # the closing line: every record
    assert seen > 0
    between = sorted({n for n in shown if 0 < n < seen})
    assert len(between) >= 3, shown  # drawn while the scan ran, not only at its end
    assert shown == sorted(shown)  # never backwards


def test_finish_fills_a_bar_no_batch_advanced() -> None:
    bar = RunProgress([("a", 10), ("b", 30)], enabled=False)
    dq.cli.progress.finish(bar, 7)
    assert (bar.bytes_done, bar.records) == (40, 7)


def _started_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    start = threading.Thread.start

    def record(self: threading.Thread) -> None:
        names.append(self.name)
        start(self)

    monkeypatch.setattr(threading.Thread, "start", record)
    return names


@pytest.fixture
def one_record(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Hello world.\nBack to top"}) + "\n")
    yield path


@pytest.mark.parametrize("extra", [[], ["--stream"]])
def test_one_record_scan_starts_only_the_context_pool(
    extra: list[str], one_record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = _started_threads(monkeypatch)
    done = CliRunner().invoke(main, ["scan", str(one_record), *extra])
    assert done.exit_code == 0, done.output
    # no early-context thread, no side thread of the stream: the pool's workers only
    assert names and all(n.startswith(f"{THREAD_PREFIX}_") for n in names), names
    assert len(names) <= EXECUTOR_WORKERS
