"""``dq eval``: score dq's detectors on your own line-labelled data.

Why a CLI command and not only a CI script: people tune dq (or choose it)
on their own scraped pages; one command must tell them precision and recall
in the same way our accuracy gate does. Input formats are documented in
:mod:`dq.evaluate.chrome` (line labels) and :mod:`dq.evaluate.glued`
(glued-word cases); the kind of each file is told from its fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from dq.cli.options import EXIT_DATA, check_output_paths
from dq.errors import UsageError


def _first_record(path: Path) -> dict[str, Any]:
    import gzip  # here, not at import: `dq --help` reads none of this module's files
    import json

    from dq.load._discover import not_regular

    problem = not_regular(path)  # a FIFO would block the run until killed (issue 17)
    if problem is not None:
        raise UsageError(f"{problem[1]}: dq eval reads labelled JSON Lines files")
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    if isinstance(rec, dict):
                        return rec
                    break
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read labelled JSON Lines ({exc})") from None
    raise UsageError(f"{path}: no labelled records (expected JSON objects, one per line)")


def _score_file(path: Path) -> tuple[str, dict[str, dict[str, float]], dict[str, Any]]:
    """(printable table, {group: {metric: value}}, JSON-ready report) for one file."""
    first = _first_record(path)
    if "is_glued" in first:
        from dq.evaluate import glued

        g = glued.evaluate_glued(path)
        metrics = {
            r.source: {"recall": r.recall, "fpr": r.fpr, "exact_fix": r.exact_fix}
            for r in g.rows
        }
        return glued.format_table(g), metrics, {"kind": "glued", "groups": metrics}
    if "labels" not in first or "text" not in first:
        raise UsageError(
            f"{path}: records need 'text' and 'labels' (line labels) or 'is_glued' (glued cases)"
        )
    from dq.evaluate import chrome

    rep = chrome.evaluate_chrome(path)
    metrics = {name: s.as_dict() for name, s in rep.groups.items()}
    metrics["macro"] = dict(rep.macro)
    out = rep.as_dict()
    out["source"] = str(path)
    return chrome.format_table(rep), metrics, out


def _check_floors(
    name: str, metrics: dict[str, dict[str, float]], floors: dict[str, Any]
) -> list[str]:
    """Metrics below their floor (or above a ``*_max`` ceiling) for file ``name``.

    >>> _check_floors("a.jsonl", {"macro": {"f1": 0.5, "fpr": 0.1}},
    ...               {"a.jsonl": {"macro": {"f1": 0.6, "fpr_max": 0.05}}})
    ['a.jsonl macro f1 = 0.500 < floor 0.600', 'a.jsonl macro fpr = 0.100 > ceiling 0.050']
    """
    failed = []
    for group, limits in sorted(floors.get(name, {}).items()):
        for metric, limit in sorted(limits.items()):
            key = metric.removesuffix("_max").removesuffix("_min")
            value = metrics.get(group, {}).get(key)
            if value is None:
                failed.append(f"{name} {group} {key}: not measured")
            elif metric.endswith("_max") and value > limit:
                failed.append(f"{name} {group} {key} = {value:.3f} > ceiling {limit:.3f}")
            elif not metric.endswith("_max") and value < limit:
                failed.append(f"{name} {group} {key} = {value:.3f} < floor {limit:.3f}")
    return failed


@click.command("eval")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--floors", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON {file name: {group: {metric: floor}}}; metrics named *_max are "
                   "ceilings. Exit 1 when any is missed.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write all scores as JSON.")
def eval_command(files: tuple[Path, ...], floors: Path | None, json_path: Path | None) -> None:
    """Score detectors on labelled FILES: chrome lines (P/R/F1) or glued words (recall/FPR)."""
    import json  # here: `dq --help` does not need it

    if json_path is not None:  # before scoring: a path dq cannot write fails first
        check_output_paths([str(f) for f in files], {"--json": json_path}, None)
    limits: dict[str, Any] = {}
    if floors is not None:
        try:
            limits = json.loads(floors.read_text("utf-8"))
        except ValueError as exc:
            raise UsageError(f"{floors}: not valid JSON ({exc})") from None
        from dq.evaluate.errors import EvalInputError, check_floor_keys

        try:  # a key that names no evaluated file guards nothing: exit 2, before scoring
            check_floor_keys(limits, [p.name for p in files])
        except EvalInputError as exc:
            raise UsageError(f"{floors}: {exc}") from None
    failed: list[str] = []
    everything: dict[str, Any] = {}
    for path in files:
        try:
            table, metrics, report = _score_file(path)
        except (ValueError, KeyError, TypeError) as exc:  # a record the scorer cannot read
            # EvalInputError (a DqError) names the file already; others get it here.
            text = str(exc) if str(path) in str(exc) else f"{path}: {exc}"
            raise UsageError(text) from None
        click.echo(f"== {path}")
        click.echo(table)
        everything[path.name] = report
        failed += _check_floors(path.name, metrics, limits)
    if json_path is not None:
        from dq.load.outputs import atomic_write

        with atomic_write(json_path) as out:
            out.write(json.dumps(everything, indent=2, sort_keys=True) + "\n")
    for line in failed:
        click.echo(f"BELOW FLOOR: {line}")
    if failed:
        raise SystemExit(EXIT_DATA)
