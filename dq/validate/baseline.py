"""Baselines and ignored codes: adopt the gate on an old corpus, fail only on new problems.

Why: a team with a million records scraped last year cannot clean them all
before turning the gate on. As with ruff's ``--add-noqa`` or a linter's
baseline file, ``dq baseline write`` records what is accepted today, as
(record id, reason code, count) triples; later runs subtract it, so a record
that gains a *new* problem (another code, or more findings of an accepted
code) still fails. The file is plain sorted JSON, reviewed like code::

    {"format": "dq-baseline", "version": 1,
     "accepted": [{"record_id": "a1", "code": "back_to_top", "count": 1}]}

Counts, not just pairs: with pairs only, a record accepted for one
``back_to_top`` line could grow ten more unseen.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dq.errors import DqError

if TYPE_CHECKING:
    import polars as pl

FORMAT: Final = "dq-baseline"
VERSION: Final = 1
#: The severity of a finding on shape evidence alone: listed, never counted nor
#: gated (:func:`dq.signals.base.finding_severity`), so never accepted either.
INFO: Final = "info"
#: (record id, reason code) -> accepted number of findings.
Baseline = Mapping[tuple[str, str], int]


class BaselineError(DqError, ValueError):
    """A baseline file that cannot be used as written (exit 2: a :class:`DqError`)."""


def baseline_from_findings(findings: pl.DataFrame) -> dict[tuple[str, str], int]:
    """Every (record, code) pair of ``findings`` with its number of gated findings.

    An ``info`` finding (shape evidence alone) is listed but never counted by the
    signal table nor gated, so it is not accepted either: a baseline holds what the
    gate would count, and a gated finding added later is never hidden by it.

    >>> import polars as pl
    >>> f = pl.DataFrame({"record_id": ["a", "a", "b"], "code": ["x", "x", "y"]})
    >>> baseline_from_findings(f)
    {('a', 'x'): 2, ('b', 'y'): 1}
    >>> baseline_from_findings(f.with_columns(severity=pl.Series(["info", "warning", "info"])))
    {('a', 'x'): 1}
    """
    import polars as pl

    if "severity" in findings.columns:
        findings = findings.filter(pl.col("severity") != INFO)
    counts = findings.group_by("record_id", "code").len().sort("record_id", "code")
    return {(str(r), str(c)): int(n) for r, c, n in counts.iter_rows()}


def render_baseline(baseline: Baseline) -> str:
    """The file's text: sorted, one entry per line, so diffs review well."""
    rows = [
        json.dumps({"record_id": r, "code": c, "count": n}, ensure_ascii=False)
        for (r, c), n in sorted(baseline.items())
    ]
    body = ",\n    ".join(rows)
    inner = f"\n    {body}\n  " if rows else ""
    return f'{{\n  "format": "{FORMAT}",\n  "version": {VERSION},\n  "accepted": [{inner}]\n}}\n'


def write_baseline(findings: pl.DataFrame, path: str | Path) -> int:
    """Write the baseline of ``findings`` to ``path``; the number of accepted pairs."""
    baseline = baseline_from_findings(findings)
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(render_baseline(baseline), encoding="utf-8")
    return len(baseline)


def read_baseline(path: str | Path) -> dict[tuple[str, str], int]:
    """Read a baseline file strictly (:class:`BaselineError` names what is wrong)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a readable baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BaselineError(f"{path}: not a dq baseline (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise BaselineError(f"{path}: baseline version {data.get('version')!r}, "
                            f"this dq reads version {VERSION}")
    out: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(data.get("accepted") or (), start=1):
        if not (isinstance(entry, dict) and isinstance(entry.get("record_id"), str)
                and isinstance(entry.get("code"), str)
                and isinstance(entry.get("count", 1), int) and entry.get("count", 1) > 0):
            raise BaselineError(f"{path}: accepted entry {i} needs record_id, code and a "
                                "positive count")
        out[(entry["record_id"], entry["code"])] = int(entry.get("count", 1))
    return out


def _accepted_frame(baseline: Baseline) -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(
        {"record_id": [r for r, _ in baseline], "code": [c for _, c in baseline],
         "accepted": list(baseline.values())},
        schema={"record_id": pl.String, "code": pl.String, "accepted": pl.Int64},
    )


def filter_findings(findings: pl.DataFrame, baseline: Baseline) -> pl.DataFrame:
    """``findings`` without the accepted ones: per (record, code), the first ``count`` go.

    ``info`` findings are not counted by a baseline (:func:`baseline_from_findings`):
    they stay listed and do not use up a record's accepted count.

    >>> import polars as pl
    >>> f = pl.DataFrame({"record_id": ["a", "a", "b"], "code": ["x", "x", "y"],
    ...                   "line": [1, 5, 2]})
    >>> filter_findings(f, {("a", "x"): 1}).rows()
    [('a', 'x', 5), ('b', 'y', 2)]
    >>> g = f.with_columns(severity=pl.Series(["info", "warning", "info"]))
    >>> filter_findings(g, {("a", "x"): 1}).rows()
    [('a', 'x', 1, 'info'), ('b', 'y', 2, 'info')]
    """
    import polars as pl

    if not baseline or findings.is_empty():
        return findings
    info = (pl.col("severity") == INFO) if "severity" in findings.columns else pl.lit(False)
    rank = pl.int_range(pl.len()).over("record_id", "code", info)
    return (
        findings.with_row_index("__order")
        .join(_accepted_frame(baseline), on=["record_id", "code"], how="left")
        .filter(pl.col("accepted").is_null() | info | (rank >= pl.col("accepted")))
        .sort("__order")
        .drop("__order", "accepted")
    )


def apply_to_signals(signals: pl.DataFrame, baseline: Baseline) -> pl.DataFrame:
    """The signal table with accepted counts subtracted (never below 0) and family totals redone.

    What the gate validates after ``--baseline``: a record fails only on more
    findings than were accepted for it.

    >>> import polars as pl
    >>> t = pl.DataFrame({"id": ["a", "b"], "n_chrome": [3, 1], "back_to_top": [2, 1],
    ...                   "licence_nag": [1, 0]})
    >>> apply_to_signals(t, {("a", "back_to_top"): 1, ("b", "back_to_top"): 5}).rows()
    [('a', 2, 1, 1), ('b', 0, 0, 0)]
    """
    import polars as pl

    from dq.signals.registry import REGISTRY

    if not baseline:
        return signals
    accepted = _accepted_frame(baseline).pivot(
        on="code", index="record_id", values="accepted", aggregate_function="sum"
    )
    codes = [c for c in accepted.columns if c != "record_id" and c in signals.columns]
    if not codes:
        return signals
    renamed = accepted.select("record_id", *(pl.col(c).alias(f"__acc_{c}") for c in codes))
    out = signals.join(renamed, left_on="id", right_on="record_id", how="left",
                       maintain_order="left")
    out = out.with_columns(
        (pl.col(c).cast(pl.Int64) - pl.col(f"__acc_{c}").fill_null(0))
        .clip(lower_bound=0).cast(signals.schema[c]).alias(c)
        for c in codes
    ).drop(f"__acc_{c}" for c in codes)
    for fam in {s.family for s in REGISTRY if s.code in codes}:
        members = [s.code for s in REGISTRY
                   if s.family == fam and not s.positive and s.code in out.columns]
        total = f"n_{fam}"
        if total in out.columns and members:
            out = out.with_columns(
                pl.sum_horizontal(members).cast(out.schema[total]).alias(total))
    return out


def drop_codes(findings: pl.DataFrame, codes: Collection[str]) -> pl.DataFrame:
    """``findings`` without the ``codes`` given to ``--ignore`` (checked with ``check_codes``).

    >>> import polars as pl
    >>> drop_codes(pl.DataFrame({"code": ["x", "y"]}), ["x"]).rows()
    [('y',)]
    """
    import polars as pl

    return findings.filter(~pl.col("code").is_in(list(codes))) if codes else findings
