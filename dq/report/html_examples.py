"""Example records for each failing code: the offending lines highlighted in their context.

Why: a rate says *that* a site leaks cookie banners; one record with the
banner highlighted says *what* to fix. Every string here is scraped text
and so attacker-controlled: the template (``templates/examples.html.j2``,
autoescaped) escapes each piece separately and wraps only our own ``<mark>``
around the escaped pieces. Each finding's proposed fix is shown beside it
(``"NATOand" → "NATO and"``), a ``duplicate_record`` example names the
earlier record it repeats, and each code's examples fold into a
``<details>`` block (no script). Records that had no finding of the code in
the previous run (:mod:`dq.report.history_flags`) come first, marked "new":
they are what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import polars as pl

#: Lines shown around each offending line.
CONTEXT_LINES: Final = 1
#: At most this many lines per example (offending and context), then "…".
MAX_LINES: Final = 12
#: Longer lines are clipped around the highlighted part; context lines to the start.
MAX_LINE_CHARS: Final = 320
LEAD_CHARS: Final = 120
#: Proposed fixes listed per example, and the characters shown of each side.
MAX_FIXES: Final = 8
FIX_CHARS: Final = 80


@dataclass(frozen=True)
class Fix:
    """A finding's proposed fix: ``before`` (the flagged text) becomes ``after``, or, for a
    line ``dq clean`` deletes or leaves, ``action`` says which (``after`` then empty)."""

    line: int | None
    before: str
    after: str
    action: str | None = None


#: What ``dq clean`` does with a reported line that has no replacement text.
DELETE_LINE: Final = "dq clean deletes the line"
KEEP_LINE: Final = "report only: dq clean keeps it ({evidence} evidence)"


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool = False


@dataclass(frozen=True)
class ShownLine:
    """A line of the record (``number`` 1-based), or a gap between shown lines (``number`` None)."""

    number: int | None
    segments: tuple[Segment, ...] = ()
    hit: bool = False


@dataclass(frozen=True)
class Example:
    record_id: str
    title: str | None
    source: str | None
    findings: int
    notes: tuple[str, ...]  # record-level findings (no line): their messages
    lines: tuple[ShownLine, ...]
    fixes: tuple[Fix, ...] = ()
    #: For a ``duplicate_record`` example: the id of the earlier record it repeats.
    duplicate_of: str | None = None
    #: True: no finding of this code in the previous run; False: it had one; None: unknown
    #: (first run, a history written by an older dq, or beyond the history's sketch).
    new: bool | None = None


#: ``(code, record_id)`` pairs -> the same with a ``new`` column (True, False or null).
Novelty = Callable[["pl.DataFrame"], "pl.DataFrame"]


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line.

    >>> line_starts("ab\\ncd\\n")
    [0, 3, 6]
    """
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans.

    >>> merge_spans([(5, 8), (0, 2), (1, 3), (8, 9)])
    [(0, 3), (5, 9)]
    """
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def segments(line: str, spans: Sequence[tuple[int, int]]) -> tuple[Segment, ...]:
    """``line`` cut into plain and marked pieces, clipped around the marks when long.

    >>> [(s.text, s.marked) for s in segments("say hi now", [(4, 6)])]
    [('say ', False), ('hi', True), (' now', False)]
    """
    spans = merge_spans((max(0, s), min(len(line), e)) for s, e in spans if e > s)
    lo, hi = 0, len(line)
    if len(line) > MAX_LINE_CHARS:
        if spans:
            lo = max(0, spans[0][0] - LEAD_CHARS)
            hi = min(len(line), max(spans[-1][1] + LEAD_CHARS, lo + MAX_LINE_CHARS))
        else:
            hi = MAX_LINE_CHARS
    out = [Segment("…")] if lo > 0 else []
    pos = lo
    for s, e in spans:
        s, e = max(s, lo), min(e, hi)
        if e <= s:
            continue
        if s > pos:
            out.append(Segment(line[pos:s]))
        out.append(Segment(line[s:e], marked=True))
        pos = e
    if pos < hi:
        out.append(Segment(line[pos:hi]))
    if hi < len(line):
        out.append(Segment("…"))
    return tuple(out)


def shown_lines(text: str, hits: Mapping[int, list[tuple[int, int]]]) -> tuple[ShownLine, ...]:
    """The offending lines (1-based numbers -> global character spans) with context and gaps.

    Context is the nearest :data:`CONTEXT_LINES` non-blank lines on each side
    (paragraphs are separated by blank lines, which say nothing); a gap
    (``number`` None) marks skipped lines that had text.
    """
    starts = line_starts(text)
    lines = text.split("\n")
    wanted: set[int] = set()
    for n in hits:
        wanted.add(n)
        for step in (-1, 1):
            found, k = 0, n + step
            while found < CONTEXT_LINES and 1 <= k <= len(lines) and abs(k - n) <= 3:
                if lines[k - 1].strip():
                    wanted.add(k)
                    found += 1
                k += step
    out: list[ShownLine] = []
    last = 0
    for n in sorted(wanted):
        if len(out) >= MAX_LINES:
            out.append(ShownLine(None))
            break
        if last and any(lines[k - 1].strip() for k in range(last + 1, n)):
            out.append(ShownLine(None))
        line = lines[n - 1]
        local = [(s - starts[n - 1], e - starts[n - 1]) for s, e in hits.get(n, [])]
        out.append(ShownLine(n, segments(line, local), hit=n in hits))
        last = n
    return tuple(out)


def select_examples(
    findings: pl.DataFrame,
    articles: pl.DataFrame,
    codes: Sequence[str],
    *,
    per_code: int,
    novelty: Novelty | None = None,
) -> dict[str, list[Example]]:
    """Up to ``per_code`` records for each code: new ones first (``novelty`` says which
    records had no finding of the code last run), then most findings, then by id."""
    import polars as pl

    if not codes or per_code <= 0 or findings.is_empty():
        return {}
    hits = findings.filter(pl.col("code").is_in(list(codes)))
    counted = hits.group_by("code", "record_id").len()
    if novelty is None:
        counted = counted.with_columns(pl.lit(None, dtype=pl.Boolean).alias("new"))
    else:
        counted = counted.join(
            novelty(counted.select("code", "record_id")), on=["code", "record_id"], how="left"
        )
    picked = (
        counted.with_columns(pl.col("new").fill_null(value=False).alias("__new"))
        .sort(["code", "__new", "len", "record_id"], descending=[False, True, True, False])
        .group_by("code", maintain_order=True)
        .head(per_code)
    )
    ids = picked["record_id"].unique().to_list()
    cols = [c for c in ("id", "text", "title", "source") if c in articles.columns]
    records = {
        r["id"]: r
        for r in articles.filter(pl.col("id").is_in(ids)).select(cols).iter_rows(named=True)
    }
    by_pair = hits.filter(pl.col("record_id").is_in(ids)).partition_by(
        "code", "record_id", as_dict=True
    )
    originals: dict[str, str] = {}
    if "duplicate_record" in codes:
        dups = picked.filter(pl.col("code") == "duplicate_record")["record_id"].to_list()
        originals = duplicate_originals(articles, dups)
    out: dict[str, list[Example]] = {}
    for code, rid, new in picked.select("code", "record_id", "new").iter_rows():
        record = records.get(rid)
        if record is None:
            continue
        rows = by_pair[(code, rid)].sort("line", "start").iter_rows(named=True)
        ex = replace(_example(record, list(rows)), new=new)
        if code == "duplicate_record" and rid in originals:
            ex = replace(ex, duplicate_of=originals[rid])
        out.setdefault(code, []).append(ex)
    return {c: out[c] for c in codes if c in out}


def duplicate_originals(articles: pl.DataFrame, ids: Sequence[str]) -> dict[str, str]:
    """For each of ``ids`` (flagged ``duplicate_record``), the earlier record it repeats.

    Same rule as the signal: equal text ignoring case and white space, the
    first record in load order is the original. Only records whose count of
    non-space characters matches one of ``ids`` are normalised, so this costs
    little on a large corpus. A record whose original is not in ``articles``
    (a streamed scan keeps only some records) is left out.
    """
    import polars as pl

    from dq.signals.hygiene import normalised_text

    if not ids or "text" not in articles.columns:
        return {}
    frame = articles.select("id", "text").with_row_index("__order").with_columns(
        pl.col("text").fill_null("").str.count_matches(r"\S").alias("__nonspace")
    )
    wanted = frame.filter(pl.col("id").is_in(list(ids)))
    candidates = frame.filter(pl.col("__nonspace").is_in(wanted["__nonspace"].unique().to_list()))
    keyed = candidates.with_columns(normalised_text(pl.col("text").fill_null("")).alias("__key"))
    first = keyed.sort("__order").group_by("__key", maintain_order=True).agg(
        pl.col("id").first().alias("__original")
    )
    pairs = keyed.filter(pl.col("id").is_in(list(ids))).join(first, on="__key")
    return {
        str(rid): str(orig)
        for rid, orig in pairs.select("id", "__original").iter_rows()
        if rid != orig
    }


def _example(record: Mapping[str, Any], rows: list[dict[str, Any]]) -> Example:
    text = str(record.get("text") or "")
    hits: dict[int, list[tuple[int, int]]] = {}
    notes = []
    fixes: list[Fix] = []
    for r in rows:
        if r["line"]:
            hits.setdefault(int(r["line"]), []).append((int(r["start"]), int(r["end"])))
        else:
            notes.append(str(r["snippet"]))
        if len(fixes) < MAX_FIXES and (fix := proposed_fix(r, text)) is not None:
            fixes.append(fix)
    if not hits:  # record-level only (too short, no author): show how the record starts
        lines = text.split("\n")[:3]
        shown = tuple(ShownLine(i, segments(line, [])) for i, line in enumerate(lines, start=1))
    else:
        shown = shown_lines(text, hits)
    return Example(
        record_id=str(record["id"]),
        title=record.get("title"),
        source=record.get("source"),
        findings=len(rows),
        notes=tuple(notes),
        lines=shown,
        fixes=tuple(fixes),
    )


def proposed_fix(finding: Mapping[str, Any], text: str) -> Fix | None:
    """The fix of one finding: its ``fix`` text, or for a reported line of a code that
    ``dq clean`` deletes lines of, whether it would (:func:`dq.clean._deletion.may_delete`).
    None: dq proposes nothing (a record-level finding, a code it does not edit).

    >>> row = {"code": "back_to_top", "line": 3, "start": 0, "end": 11, "snippet": "Back to top",
    ...        "fix": None, "evidence": "phrase"}
    >>> proposed_fix(row, "Back to top").action
    'dq clean deletes the line'
    >>> proposed_fix({**row, "code": "newsletter_prompt", "evidence": "context"}, "x").action
    'report only: dq clean keeps it (context evidence)'
    >>> proposed_fix({**row, "code": "missing_author", "line": None}, "x") is None
    True
    """
    from dq.signals.registry import REGISTRY

    line = int(finding["line"]) if finding["line"] else None
    start, end = int(finding["start"] or 0), int(finding["end"] or 0)
    before = text[start:end] if line and end > start else str(finding["snippet"])
    if finding.get("fix") is not None:
        return Fix(line, _clip(before), _clip(str(finding["fix"])))
    signal = next((s for s in REGISTRY if s.code == finding["code"]), None)
    if signal is None or line is None or signal.fix_stage != "lines":
        return None
    from dq.clean._deletion import may_delete

    evidence = finding.get("evidence")
    flagged = before.strip()
    if may_delete(signal.code, evidence, flagged):
        return Fix(line, _clip(before), "", DELETE_LINE)
    from dq.clean._deletion import evidence_of

    return Fix(line, _clip(before), "",
               KEEP_LINE.format(evidence=evidence or evidence_of(signal.code, flagged)))


def _clip(text: str, width: int = FIX_CHARS) -> str:
    """One visible line: white space shown as is, cut to ``width``.

    >>> _clip("a\\nb"), _clip("x" * 10, 4)
    ('a⏎b', 'xxx…')
    """
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def example_blocks(
    examples: Mapping[str, Sequence[Example]],
    descriptions: Mapping[str, str],
    *,
    open_first: int = 1,
) -> list[dict[str, Any]]:
    """One collapsible block per code, in the order given; the first ``open_first`` open."""
    return [
        {"code": code, "description": descriptions.get(code, ""), "records": list(items),
         "new": sum(e.new is True for e in items), "open": i < open_first}
        for i, (code, items) in enumerate(examples.items())
    ]


def _macros() -> Any:
    from dq.report.jinja import environment

    return environment().get_template("examples.html.j2").module


def render_examples(
    examples: Mapping[str, Sequence[Example]], descriptions: Mapping[str, str]
) -> str:
    """The examples section's body: one ``<details>`` block per code, one ``<pre>`` per record."""
    if not examples:
        return '<p class="muted">No failing or regressed code has findings to show.</p>'
    macros = _macros()
    return "\n".join(str(macros.example_block(b)) for b in example_blocks(examples, descriptions))


def render_example(ex: Example) -> str:
    """One example record, escaped by the template."""
    return str(_macros().example(ex))
