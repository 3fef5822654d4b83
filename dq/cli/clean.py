"""``dq clean``: write a cleaned copy of a corpus, with the plan of every edit.

Why a module of its own: :mod:`dq.cli` registers this command at start-up,
so this module imports only click; Polars and the cleaners are imported
inside the command.

Output: the input columns in order with ``text`` cleaned (and ``source``
filled from a dropped dangling source when it was empty), then
``dq_steps`` (the record's plan: list of structs ``round, code, line, start,
end, original, replacement``) and ``dq_cleaned_empty``. No record is
dropped, nor emptied: one that would be cleaned to no word is kept as it was, flagged.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dq.cli.options import (
    EXIT_OK,
    check_output_paths,
    format_option,
    load_limits,
    map_option,
    parse_mappings,
    split_codes,
    threads_option,
)
from dq.errors import UsageError

if TYPE_CHECKING:
    from dq.clean._engine import CleanedFrame
    from dq.load import LoadResult


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Write the cleaned corpus to this file: Parquet (.parquet, .pq), "
                   "JSON Lines (.jsonl, .ndjson) or CSV (.csv), as its suffix says.")
@click.option("--codes", default=None, metavar="CODE[,CODE…]",
              help="Only fix these reason codes (comma separated); default: every fixable code.")
@click.option("--diff", "diff_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a unified diff of every changed record to this file.")
@map_option
@format_option
@click.option("--quarantine", "quarantine_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write records that could not be loaded (JSON Lines) to this file.")
@threads_option
def clean(
    paths: tuple[str, ...],
    out_path: Path,
    codes: str | None,
    diff_path: Path | None,
    mappings: tuple[str, ...],
    fmt: str | None,
    quarantine_path: Path | None,
) -> None:
    """Clean PATHS (files, folders, globs): drop chrome lines, repair text, write the copy.

    Every output is checked before the input is read and written atomically
    (a temporary file renamed into place): a failed run leaves no half file.
    """
    from dq.clean import clean_frame
    from dq.clean._stages import resolve_codes
    from dq.clean._write import output_format
    from dq.cli.progress import closing_line, finish, input_files, make_progress
    from dq.load import load

    selected = split_codes(codes)
    try:  # an unknown or unfixable code fails before the input is read
        resolve_codes(selected)
    except ValueError as exc:  # UnknownCode is a DqError already; "dq does not fix" is not
        raise UsageError(str(exc)) from None
    output_format(out_path)  # an OutputFormatError (exit 2) before anything is read
    check_output_paths(paths, {"--out": out_path, "--diff": diff_path,
                               "--quarantine": quarantine_path}, fmt)
    bar = make_progress(input_files(paths, fmt), "clean")
    with bar:
        loaded = load(list(paths), mapping=parse_mappings(mappings), fmt=fmt,
                      limits=load_limits())
        result = clean_frame(loaded.articles, codes=selected)
        finish(bar, loaded.seen)
    closing_line(bar)
    _print_and_write(loaded, result, out_path, diff_path, quarantine_path)
    sys.exit(EXIT_OK)


def _print_and_write(
    loaded: LoadResult,
    result: CleanedFrame,
    out_path: Path,
    diff_path: Path | None,
    quarantine_path: Path | None,
) -> None:
    """The run's summary, then each output, written atomically (a temporary file renamed)."""
    from dq.clean._report import diffs, summary_lines
    from dq.clean._write import write_cleaned
    from dq.load import write_quarantine
    from dq.load.outputs import atomic_output, atomic_write

    cleaned = result.articles
    by = loaded.counts_by_reason()
    detail = f" ({', '.join(f'{k}: {v}' for k, v in sorted(by.items()))})" if by else ""
    click.echo(f"{loaded.seen} records: {loaded.articles.height} loaded, "
               f"{sum(by.values())} quarantined{detail}")
    before = loaded.articles["text"].fill_null("").to_list()
    after = cleaned["text"].to_list()
    ids = [str(i) for i in cleaned["id"].to_list()]
    changed = sum(1 for b, a in zip(before, after, strict=True) if a != b)
    for line in summary_lines(result.steps, records=cleaned.height, changed=changed,
                              emptied=int(cleaned["dq_cleaned_empty"].sum())):
        click.echo(line)
    with atomic_output(out_path) as temporary:
        if temporary == out_path:  # a device or pipe, written in place
            fmt_written = write_cleaned(cleaned, out_path)
        else:
            # write_cleaned names the format by the suffix: give it the temporary file's
            # name with the target's suffix, then move it onto the temporary path.
            staged = temporary.with_name(temporary.name + out_path.suffix)
            try:
                fmt_written = write_cleaned(cleaned, staged)
                staged.replace(temporary)
            finally:
                staged.unlink(missing_ok=True)
    wrote = [f"{out_path} ({cleaned.height} records, {fmt_written})"]
    if diff_path is not None:
        with atomic_write(diff_path) as fh:
            for diff in diffs(ids, before, after):
                fh.write(diff + "\n")
        wrote.append(f"{diff_path} ({changed} diffs)")
    if quarantine_path is not None:
        write_quarantine(loaded.quarantine, quarantine_path)  # atomic itself
        wrote.append(f"{quarantine_path} ({len(loaded.quarantine)} records)")
    click.echo("wrote " + ", ".join(wrote))
