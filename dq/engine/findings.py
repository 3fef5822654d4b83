"""Findings: the evidence :func:`dq.engine.detect.detect` reports, one row per problem found.

Why a module of its own: the signal table comes from vectorised passes,
the evidence from placing each match on its line (record, line, span,
snippet, fix) and sorting it into the documented order; the stream path
(:mod:`dq.engine.stream`) builds and sorts findings of its own with the same
pieces. Only lines that matched are turned into Python objects here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import IO, Final, cast

import polars as pl

from dq.schema import FINDINGS_SCHEMA, ID
from dq.signals.base import Signal, finding_severity, finding_severity_expr

#: Characters of context kept on each side of a span finding's match.
SNIPPET_CONTEXT: Final = 40
#: Longest snippet for a whole-line finding (a long caption stays readable).
SNIPPET_MAX: Final = 200



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


def evidence_column(code: str) -> str:
    """The line-pass column holding the per-line evidence of ``code`` (``Signal.evidence_of``)."""
    return f"{code}:evidence"


def _evidence(columns: Collection[str], signal: Signal) -> pl.Expr:
    """Each flagged line's evidence: the signal's per-line column when it has one."""
    column = evidence_column(signal.code)
    if column in columns:
        return pl.col(column).fill_null(signal.evidence)
    return pl.lit(signal.evidence)


def _base(signal: Signal, evidence: pl.Expr) -> list[pl.Expr]:
    return [
        pl.lit(signal.code).alias("code"),
        pl.lit(signal.family).alias("family"),
        finding_severity_expr(signal.severity, evidence).alias("severity"),
        evidence.alias("evidence"),
    ]


def gated_count(signal: Signal, columns: Collection[str]) -> pl.Expr:
    """The line pass's count column of a line or span ``signal``, without the lines whose
    finding is ``info`` (:func:`dq.signals.base.finding_severity`): what the signal
    table counts, so no suite gates on a finding that rests on layout alone.

    >>> from dq.signals.registry import get
    >>> df = pl.DataFrame({"navigation": [1, 1, 0],
    ...                    "navigation:evidence": ["phrase", "shape", None]},
    ...                   schema_overrides={"navigation": pl.UInt32})
    >>> df.select(gated_count(get("navigation"), df.columns)).to_series().to_list()
    [1, 0, 0]
    """
    count = pl.col(signal.code)
    column = evidence_column(signal.code)
    if column in columns:
        evidence = pl.col(column).fill_null(signal.evidence)
        info = finding_severity_expr(signal.severity, evidence) == "info"
        return pl.when(info).then(pl.lit(0, pl.UInt32)).otherwise(count).alias(signal.code)
    if finding_severity(signal.severity, signal.evidence) == "info":
        return (count * 0).alias(signal.code)
    return count


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
                *_base(sig, _evidence(hit.columns, sig)),
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
) -> pl.DataFrame:
    """Findings of ``sig`` placed on their lines (``record id, line, start of s, s, matches,
    fixes``), each match found after the one before it. Built as columns: a
    frame from one dict per finding took 5x longer (2026-11-28)."""
    cols: dict[str, list[object]] = {name: [] for name in FINDINGS_SCHEMA}
    compiled = re.compile(sig.pattern) if sig.pattern else None
    for rec_id, line_no, start, s, found, fixes in rows:
        for (a0, _b0), m, fix0 in zip(_locate(s, found), found, fixes, strict=False):
            da, db = _inner(compiled, m)
            a, b = a0 + da, a0 + db
            cols["record_id"].append(rec_id)
            cols["line"].append(line_no)
            cols["start"].append(start + a)
            cols["end"].append(start + b)
            cols["snippet"].append(_snippet(s, a, b))
            cols["fix"].append(sig.fix(m[da:db]) if sig.fix and compiled else fix0)
    n = len(cols["record_id"])
    severity = finding_severity(sig.severity, sig.evidence)
    cols["code"], cols["family"], cols["severity"], cols["evidence"] = (
        [sig.code] * n, [sig.family] * n, [severity] * n, [sig.evidence] * n
    )
    return pl.DataFrame(cols, schema=FINDINGS_SCHEMA)


def span_findings(flagged: pl.DataFrame, sigs: list[Signal], ids: pl.DataFrame) -> pl.DataFrame:
    parts: list[pl.DataFrame] = []
    for sig in sigs:
        hit = flagged.filter(pl.col(sig.code) > 0).join(ids, on="rid")
        if not hit.height:
            continue
        assert sig.pattern is not None  # a pattern signal
        found = hit.select(
            ID, "line_no", "start", "s", pl.col("s").str.extract_all(sig.pattern).alias("m")
        )
        no_fix: list[str | None] = [None]
        rows = ((r, n, st, s, ms, no_fix * len(ms)) for r, n, st, s, ms in found.iter_rows())
        parts.append(_span_rows(rows, sig))
    return pl.concat(parts) if parts else pl.DataFrame(schema=FINDINGS_SCHEMA)


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
    return _span_rows(grouped.iter_rows(), sig)


def _located_findings(
    found: pl.DataFrame, sig: Signal, lines: pl.DataFrame, ids: pl.DataFrame
) -> pl.DataFrame:
    """Findings from a custom frame that carries ``offset`` (match start in ``s``), built
    by Polars (a Python loop over 7k glued words took 0.06 s of a 200 MB detect)."""
    a = pl.col("offset").cast(pl.Int64)
    b = a + pl.col("match").str.len_chars().cast(pl.Int64)
    return (
        found.join(
            lines.select("rid", "line_no", "start", "s"),
            on=["rid", "line_no"],
            maintain_order="left",
        )
        .join(ids, on="rid", maintain_order="left")
        .select(
            pl.col(ID).alias("record_id"),
            pl.col("line_no").cast(pl.Int64).alias("line"),
            (pl.col("start") + a).cast(pl.Int64).alias("start"),
            (pl.col("start") + b).cast(pl.Int64).alias("end"),
            *_base(sig, pl.lit(sig.evidence)),
            snippet(pl.col("s"), a, b).alias("snippet"),
            pl.col("fix").cast(pl.String),
        )
    )


def snippet(s: pl.Expr, a: pl.Expr, b: pl.Expr) -> pl.Expr:
    """:func:`_snippet` as an expression: ``s[a:b]`` with SNIPPET_CONTEXT characters each side.

    >>> df = pl.DataFrame({"s": ["x" * 50 + "HIT" + "y" * 50, "short HIT"], "a": [50, 6]})
    >>> got = df.select(snippet(pl.col("s"), pl.col("a"), pl.col("a") + 3)).to_series().to_list()
    >>> got == [_snippet(s, a, a + 3) for s, a in df.iter_rows()]
    True
    """
    n = s.str.len_chars().cast(pl.Int64)
    lo = pl.max_horizontal(a - SNIPPET_CONTEXT, pl.lit(0, pl.Int64))
    hi = pl.min_horizontal(b + SNIPPET_CONTEXT, n)
    before = pl.when(lo > 0).then(pl.lit("…")).otherwise(pl.lit(""))
    after = pl.when(hi < n).then(pl.lit("…")).otherwise(pl.lit(""))
    return pl.concat_str(before, s.str.slice(lo, hi - lo), after)


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
            "evidence": signal.evidence,
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


def write_findings(findings: pl.DataFrame, path: Path) -> None:
    """One JSON object per finding, keys in the documented order; ``fix`` only when set."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        append_findings(findings, fh)


#: Findings turned into JSON lines at a time (bounds the text built in memory).
#: A streamed scan writes a batch's findings while it detects the next batch,
#: so this adds to detect()'s peak: `dq scan` of bench_scale's 1 GB, 100k ->
#: 20k findings: peak RSS 1.51-1.56 -> 1.45-1.48 GB, same time (2026-11-28).
_JSON_CHUNK: Final = 20_000


def append_findings(findings: pl.DataFrame, out: IO[str]) -> None:
    """Findings as JSON lines (the ``--findings`` format): keys in order, ``fix`` only when set.

    The bytes of ``json.dumps(row, ensure_ascii=False)`` per row, built by
    Polars (:func:`findings_json`): 2.5 times faster than a ``json.dumps``
    per finding (46k findings: 0.23 s -> 0.09 s, 2026-11-27); a test holds
    the two equal on any text. Into a UTF-8 text file Polars writes the
    lines' bytes itself (:func:`_raw_utf8`), not through a Python string
    joined and encoded again: 64k findings 0.24 -> 0.13 CPU s (2026-12-07).
    """
    raw = _raw_utf8(out)
    for offset in range(0, findings.height, _JSON_CHUNK):
        chunk = findings.slice(offset, _JSON_CHUNK).select(findings_json().alias("j"))
        if raw is not None:  # one string column, no header, never quoted: the lines as they are
            chunk.write_csv(raw, include_header=False, quote_style="never")
        else:
            out.write(chunk.get_column("j").str.join("\n").item() + "\n")


def _raw_utf8(out: IO[str]) -> IO[bytes] | None:
    """The byte stream under ``out`` when it is a UTF-8 text file (flushed, so what
    was written to ``out`` comes first); None for anything else (``io.StringIO``)."""
    raw = getattr(out, "buffer", None)
    encoding = str(getattr(out, "encoding", "")).lower().replace("-", "").replace("_", "")
    if raw is None or encoding != "utf8":
        return None
    out.flush()
    return cast("IO[bytes]", raw)


def _json_value(column: str) -> pl.Expr:
    """The JSON text of a column's values (strings quoted and escaped as json.dumps does)."""
    encoded = pl.struct(pl.col(column)).struct.json_encode()  # {"<column>":<value>}
    return encoded.str.slice(len(column) + 4).str.head(-1)


def findings_json() -> pl.Expr:
    """One JSON object per findings row, as ``json.dumps(row, ensure_ascii=False)``
    writes it (keys in :data:`FINDINGS_SCHEMA` order; ``fix`` left out when null).

    >>> df = pl.DataFrame({"record_id": ["a"], "line": [2], "start": [5], "end": [7],
    ...     "code": ["c"], "family": ["f"], "severity": ["warning"], "evidence": ["phrase"],
    ...     "snippet": ['"x" é'],
    ...     "fix": [None]}, schema_overrides={"fix": pl.String})
    >>> import json
    >>> line = df.select(findings_json()).item()
    >>> line == json.dumps(df.drop("fix").row(0, named=True), ensure_ascii=False)
    True
    """
    parts: list[pl.Expr] = []
    for i, column in enumerate(c for c in FINDINGS_SCHEMA if c != "fix"):
        value = (  # an integer's text is its JSON (no struct to encode)
            pl.col(column).cast(pl.String).fill_null("null")
            if FINDINGS_SCHEMA[column].is_integer()
            else _json_value(column)
        )
        parts += [pl.lit(("{" if i == 0 else ", ") + f'"{column}": '), value]
    fix = (
        pl.when(pl.col("fix").is_null())
        .then(pl.lit(""))
        .otherwise(pl.lit(', "fix": ') + _json_value("fix"))
    )
    return pl.concat_str([*parts, fix, pl.lit("}")])
