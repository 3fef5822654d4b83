"""Findings: the evidence :func:`dq.detect.detect` reports, one row per problem found.

Why a module of its own: the signal table comes from vectorised passes,
the evidence from placing each match on its line (record, line, span,
snippet, fix) and sorting it into the documented order; the stream path
(:mod:`dq.stream`) builds and sorts findings of its own with the same
pieces. Only lines that matched are turned into Python objects here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

import polars as pl

from dq.schema import ID
from dq.signals.base import Signal

#: Characters of context kept on each side of a span finding's match.
SNIPPET_CONTEXT: Final = 40
#: Longest snippet for a whole-line finding (a long caption stays readable).
SNIPPET_MAX: Final = 200

FINDINGS_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "record_id": pl.String,
    "line": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "code": pl.String,
    "family": pl.String,
    "severity": pl.String,
    "snippet": pl.String,
    "fix": pl.String,
}


def sort_findings(
    found: pl.DataFrame, ids: pl.DataFrame, signals: Sequence[Signal]
) -> pl.DataFrame:
    """``found`` in the documented order: record (``ids``: ``rid``, ``id``), line, start, registry.

    Stable: findings equal on all four keep the order they came in.
    """
    order = {s.code: i for i, s in enumerate(signals)}
    return (
        found.with_columns(pl.col("code").replace_strict(order, return_dtype=pl.Int32).alias("_o"))
        .join(ids.rename({ID: "record_id"}), on="record_id", how="left", maintain_order="left")
        .sort(["rid", "line", "start", "_o"], maintain_order=True)
        .select(list(FINDINGS_SCHEMA))
    )


def _base(frame: pl.DataFrame, signal: Signal) -> list[pl.Expr]:
    return [
        pl.lit(signal.code).alias("code"),
        pl.lit(signal.family).alias("family"),
        pl.lit(signal.severity).alias("severity"),
    ]


def line_findings(flagged: pl.DataFrame, sigs: list[Signal], ids: pl.DataFrame) -> pl.DataFrame:
    parts = []
    for sig in sigs:
        if sig.positive:
            continue
        hit = flagged.filter(pl.col(sig.code) > 0)
        if not hit.height:
            continue
        parts.append(
            hit.join(ids, on="rid").select(
                pl.col(ID).alias("record_id"),
                pl.col("line_no").cast(pl.Int64).alias("line"),
                pl.col("start").cast(pl.Int64),
                (pl.col("start") + pl.col("s").str.len_chars()).cast(pl.Int64).alias("end"),
                *_base(hit, sig),
                pl.col("s").str.slice(0, SNIPPET_MAX).alias("snippet"),
                pl.lit(None, pl.String).alias("fix"),
            )
        )
    return pl.concat(parts) if parts else pl.DataFrame(schema=FINDINGS_SCHEMA)


def _locate(line: str, found: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of successive, non-overlapping occurrences of ``found`` in ``line``.

    >>> _locate("a . b . c", [" .", " ."])
    [(1, 3), (5, 7)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in found:
        i = line.find(m, pos)
        if i < 0:
            continue
        spans.append((i, i + len(m)))
        pos = i + len(m)
    return spans


def _snippet(line: str, a: int, b: int) -> str:
    lo, hi = max(0, a - SNIPPET_CONTEXT), min(len(line), b + SNIPPET_CONTEXT)
    return ("…" if lo else "") + line[lo:hi] + ("…" if hi < len(line) else "")


def _inner(pattern: re.Pattern[str] | None, match: str) -> tuple[int, int]:
    """Span of capture group 1 inside ``match`` (the whole match without a group).

    >>> _inner(re.compile(r"a(b+)c"), "abbc")
    (1, 3)
    """
    if pattern is None or pattern.groups == 0:
        return 0, len(match)
    m = pattern.fullmatch(match)
    if m is None or m.start(1) < 0:
        return 0, len(match)
    return m.start(1), m.end(1)


def _span_rows(
    rows: Iterable[tuple[str, int, int, str, list[str], list[str | None]]],
    sig: Signal,
) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    compiled = re.compile(sig.pattern) if sig.pattern else None
    for rec_id, line_no, start, s, found, fixes in rows:
        for (a0, _b0), m, fix0 in zip(_locate(s, found), found, fixes, strict=False):
            da, db = _inner(compiled, m)
            a, b = a0 + da, a0 + db
            fix = sig.fix(m[da:db]) if sig.fix and compiled else fix0
            out.append(
                {
                    "record_id": rec_id,
                    "line": line_no,
                    "start": start + a,
                    "end": start + b,
                    "code": sig.code,
                    "family": sig.family,
                    "severity": sig.severity,
                    "snippet": _snippet(s, a, b),
                    "fix": fix,
                }
            )
    return out


def span_findings(flagged: pl.DataFrame, sigs: list[Signal], ids: pl.DataFrame) -> pl.DataFrame:
    rows: list[dict[str, object]] = []
    for sig in sigs:
        hit = flagged.filter(pl.col(sig.code) > 0).join(ids, on="rid")
        if not hit.height:
            continue
        assert sig.pattern is not None  # a pattern signal
        found = hit.select(
            ID, "line_no", "start", "s", pl.col("s").str.extract_all(sig.pattern).alias("m")
        )
        for rec_id, line_no, start, s, ms in found.iter_rows():
            rows.extend(_span_rows([(rec_id, line_no, start, s, ms, [None] * len(ms))], sig))
    return (
        pl.DataFrame(rows, schema=FINDINGS_SCHEMA) if rows else pl.DataFrame(schema=FINDINGS_SCHEMA)
    )


def custom_findings(
    found: pl.DataFrame, sig: Signal, lines: pl.DataFrame, ids: pl.DataFrame
) -> pl.DataFrame:
    if not found.height:
        return pl.DataFrame(schema=FINDINGS_SCHEMA)
    if "offset" in found.columns:  # the detector knows where each match starts in ``s``
        return _located_findings(found, sig, lines, ids)
    grouped = (
        found.group_by(["rid", "line_no"], maintain_order=True)
        .agg(pl.col("match"), pl.col("fix"))
        .join(lines.select("rid", "line_no", "start", "s"), on=["rid", "line_no"])
        .join(ids, on="rid")
        .select(ID, "line_no", "start", "s", "match", "fix")
    )
    rows = _span_rows(grouped.iter_rows(), sig)
    return (
        pl.DataFrame(rows, schema=FINDINGS_SCHEMA) if rows else pl.DataFrame(schema=FINDINGS_SCHEMA)
    )


def _located_findings(
    found: pl.DataFrame, sig: Signal, lines: pl.DataFrame, ids: pl.DataFrame
) -> pl.DataFrame:
    """Findings from a custom frame that carries ``offset`` (match start in ``s``)."""
    rows = found.join(lines.select("rid", "line_no", "start", "s"), on=["rid", "line_no"]).join(
        ids, on="rid"
    )
    out = [
        {
            "record_id": rec_id,
            "line": line_no,
            "start": start + off,
            "end": start + off + len(m),
            "code": sig.code,
            "family": sig.family,
            "severity": sig.severity,
            "snippet": _snippet(s, off, off + len(m)),
            "fix": fix,
        }
        for rec_id, line_no, start, s, off, m, fix in rows.select(
            ID, "line_no", "start", "s", "offset", "match", "fix"
        ).iter_rows()
    ]
    return (
        pl.DataFrame(out, schema=FINDINGS_SCHEMA) if out else pl.DataFrame(schema=FINDINGS_SCHEMA)
    )


def record_findings(ids: pl.Series, signal: Signal) -> pl.DataFrame:
    """Findings of the record-level ``signal`` for the records ``ids`` (line 0, its description).

    >>> from dq.signals.registry import get
    >>> record_findings(pl.Series(["a"]), get("duplicate_record")).select(
    ...     "record_id", "line", "code").rows()
    [('a', 0, 'duplicate_record')]
    """
    return pl.DataFrame(
        {
            "record_id": ids,
            "line": 0,
            "start": 0,
            "end": 0,
            "code": signal.code,
            "family": signal.family,
            "severity": signal.severity,
            "snippet": signal.description,
            "fix": None,
        },
        schema=FINDINGS_SCHEMA,
    )


def flagged_record_findings(table: pl.DataFrame, sigs: list[Signal]) -> pl.DataFrame:
    parts = [record_findings(table.filter(pl.col(sig.code) > 0).get_column(ID), sig)
             for sig in sigs]
    parts = [p for p in parts if p.height]
    return pl.concat(parts) if parts else pl.DataFrame(schema=FINDINGS_SCHEMA)
