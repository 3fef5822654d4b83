"""``dq baseline write``: accept today's findings so the gate fails only on new ones.

Why: a team adopting the gate on an old corpus records what it accepts
(record, code, count) in a reviewed file, then passes ``--baseline FILE`` to
``dq scan`` and ``dq validate`` (see :mod:`dq.validate.baseline`). Imports
only click at start-up.
"""

from __future__ import annotations

from pathlib import Path

import click

from dq.cli import _gate
from dq.cli.options import (
    EarlyContext,
    format_option,
    map_option,
    parse_mappings,
    split_codes,
    stream_options,
    threads_option,
)


@click.group()
def baseline() -> None:
    """Write baseline files of accepted findings (for --baseline on scan and validate)."""


@baseline.command(name="write")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_path", required=True, type=_gate.OUT_FILE, metavar="FILE|-",
              help="Where to write the baseline (JSON; - for standard output).")
@map_option
@format_option
@click.option("--codes", default=None, metavar="CODE[,CODE…]",
              help="Only accept findings of these reason codes (comma separated).")
@_gate.ignore_option
@stream_options
@threads_option
def write(
    paths: tuple[str, ...],
    out_path: str,
    mappings: tuple[str, ...],
    fmt: str | None,
    codes: str | None,
    ignore: str | None,
    stream: bool | None,
    batch_size: int | None,
) -> None:
    """Scan PATHS and write every (record, code, count) found to --out as accepted."""
    selected = split_codes(codes)
    ctx = EarlyContext(selected).get()
    ignored = _gate.codes_of("--ignore", ignore)
    _gate.check_all(paths, {"--out": out_path}, fmt)
    import tempfile

    from dq.engine.request import ScanRequest
    from dq.engine.scan import run
    from dq.validate.baseline import baseline_from_findings, drop_codes, render_baseline

    with tempfile.TemporaryDirectory(prefix="dq-baseline-") as work:
        request = ScanRequest.build(
            paths, mapping=parse_mappings(mappings), fmt=fmt, codes=selected, stream=stream,
            batch_bytes=batch_size, findings_path=Path(work) / "findings.jsonl",
        )
        result = run(request, ctx=ctx)
        accepted = baseline_from_findings(drop_codes(_gate.all_findings(result), ignored))
    _gate.emit(out_path, render_baseline(accepted))
    n = sum(accepted.values())
    click.echo(f"{out_path}: accepted {len(accepted)} (record, code) pairs, {n} findings; "
               f"{result.summary_line()}", err=True)
