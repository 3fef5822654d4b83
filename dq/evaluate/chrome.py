"""Score chrome detection against line-labelled pages.

Why: a chrome detector is only worth its precision and recall on real
scraper output. This module scores :func:`dq.detect.detect` (chrome family
only) exactly as ``../shared/eval/README.md`` prescribes, so numbers are
comparable with the peer tools listed there.

Input format (JSON Lines, UTF-8; ``.gz`` is read transparently), one page
(or one extractor's output for a page) per line::

    {"id": "page-1#trafilatura",      # required, unique per record
     "text": "Title\\nBody ...",       # required, lines are text.split("\\n")
     "labels": ["content", "chrome", null, ...],  # required, one per line
     "extractor": "trafilatura",       # optional, grouping for macro averages
     "source_dataset": "aeb",          # optional, grouping for macro averages
     "content_span": [12, 40]}         # optional, 0-based first/last article line

A label is ``"chrome"``, ``"content"`` or ``null`` (unknown: ignored).
A line is *predicted* chrome when any finding of family ``chrome`` covers it.

Three kinds of file, told apart by their fields (:func:`file_kind`):

``extracted``  records have ``extractor``: every labelled line counts; scores
               per (source, extractor), macro-averaged so each weighs the same.
``window``     records have ``content_span``: only lines
               ``content_span[0] - 5 .. content_span[1] + 5`` count (clipped);
               the detector still sees the whole page.
``partial``    anything else: every labelled line counts (most are ``null``).

``evaluate_chrome(path)`` picks the kind and returns a :class:`ChromeReport`;
``format_table(report)`` renders it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import polars as pl

from dq.evaluate.errors import EvalInputError
from dq.schema import ID, TEXT

Kind = Literal["extracted", "window", "partial"]
Record = Mapping[str, Any]

#: Lines kept on each side of ``content_span`` when scoring a page window
#: (../shared/eval/README.md, "Score only the article window").
WINDOW_MARGIN: Final = 5

__all__ = [
    "WINDOW_MARGIN",
    "ChromeReport",
    "Score",
    "chrome_codes",
    "evaluate_chrome",
    "file_kind",
    "format_table",
    "load_records",
    "page_half",
    "predict_lines",
    "score_extracted",
    "score_partial",
    "score_window",
]


@dataclass(frozen=True, slots=True)
class Score:
    """Confusion counts for the class ``chrome`` and the rates derived from them.

    >>> s = Score(tp=8, fp=2, fn=8)
    >>> round(s.precision, 2), round(s.recall, 2), round(s.f1, 2)
    (0.8, 0.5, 0.62)
    >>> Score().f1
    0.0
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                     self.tn + other.tn)

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class ChromeReport:
    """Scores for one labelled file.

    ``groups`` maps a group name (``source/extractor`` for extracted files,
    ``source`` otherwise) to its :class:`Score`; ``macro`` averages precision,
    recall and F1 over the groups (each group weighs the same); ``micro`` pools
    all lines.
    """

    kind: Kind
    groups: dict[str, Score]
    n_records: int
    source: str = ""
    codes: tuple[str, ...] = field(default=())

    @property
    def micro(self) -> Score:
        total = Score()
        for s in self.groups.values():
            total = total + s
        return total

    @property
    def macro(self) -> dict[str, float]:
        if not self.groups:
            return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
        k = len(self.groups)
        return {
            "precision": sum(s.precision for s in self.groups.values()) / k,
            "recall": sum(s.recall for s in self.groups.values()) / k,
            "f1": sum(s.f1 for s in self.groups.values()) / k,
        }

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (groups sorted by name)."""
        return {
            "kind": self.kind,
            "source": self.source,
            "n_records": self.n_records,
            "groups": {g: self.groups[g].as_dict() for g in sorted(self.groups)},
            "macro": self.macro,
            "micro": self.micro.as_dict(),
        }


def chrome_codes() -> tuple[str, ...]:
    """Reason codes of the ``chrome`` family, in registry order.

    >>> "back_to_top" in chrome_codes()
    True
    """
    from dq.signals.registry import REGISTRY

    return tuple(s.code for s in REGISTRY if s.family == "chrome" and not s.positive)


#: A url's host: the scheme, optional user info, then the host up to ``/ : ? #``.
HOST: Final = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)", re.IGNORECASE)


def host_of(url: str) -> str | None:
    """The host of ``url`` without ``www.``, lower-cased; None when it has no scheme.

    >>> host_of("https://www.SlashGear.com/x"), host_of("hard::a.com.html")
    ('slashgear.com', None)
    """
    m = HOST.match(url)
    return m.group(1).lower().removeprefix("www.") if m else None


def urls_beside(path: Path) -> dict[str, str]:
    """``id -> url`` of a ``lines.jsonl`` next to ``path`` (aeb extractor records and
    glued cases carry no url)."""
    for name in ("lines.jsonl", "lines.jsonl.gz"):
        other = path.with_name(name)
        if other.exists() and other != path:
            return {str(r["id"]): str(r.get("url") or "") for r in load_records(other)}
    return {}


def load_records(source: str | Path | Iterable[Record]) -> list[Record]:
    """Records from a JSONL path (``.gz`` allowed) or an iterable of dicts.

    Raises :class:`~dq.evaluate.errors.EvalInputError` (a ``ValueError``) for
    an unreadable file, a line that is not JSON, a record without ``text`` or
    whose ``labels`` do not match its lines.
    """
    where = str(source) if isinstance(source, str | Path) else "records"
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            lines = data.decode("utf-8").splitlines()
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise EvalInputError(f"{path}: cannot read labelled JSON Lines ({exc})") from None
        records: list[Record] = []
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except ValueError as exc:
                raise EvalInputError(f"{path}:{n}: not valid JSON ({exc})") from None
    else:
        records = list(source)
    for i, rec in enumerate(records):
        if not isinstance(rec, dict) or not isinstance(rec.get(TEXT), str):
            raise EvalInputError(f"{where}: record {i}: missing string 'text'")
        labels = rec.get("labels")
        n_lines = len(rec[TEXT].split("\n"))
        if not isinstance(labels, list) or len(labels) != n_lines:
            got = f"{len(labels)} labels" if isinstance(labels, list) else "no label list"
            raise EvalInputError(
                f"{where}: record {i} ({rec.get(ID)!r}): 'labels' needs one entry per line "
                f"of 'text' ({n_lines} lines, {got})"
            )
    return records


def file_kind(records: Sequence[Record]) -> Kind:
    """Which scoring a file gets, from the fields of its records.

    >>> file_kind([{"text": "a", "labels": [None], "extractor": "x"}])
    'extracted'
    >>> file_kind([{"text": "a", "labels": [None], "content_span": [0, 0]}])
    'window'
    >>> file_kind([{"text": "a", "labels": [None]}])
    'partial'
    """
    if records and all("extractor" in r for r in records):
        return "extracted"
    if records and all("content_span" in r for r in records):
        return "window"
    return "partial"


def page_half(record: Record) -> int:
    """0 or 1: a stable split of pages into halves (tuning vs held-out).

    All extractors' outputs of a page fall in the same half: the key is
    ``page_id`` when present, else ``id`` up to any ``#extractor`` suffix.

    >>> page_half({"id": "aeb:abc#trafilatura"}) == page_half({"id": "aeb:abc#justext"})
    True
    """
    key = str(record.get("page_id") or str(record.get(ID, "")).split("#", 1)[0])
    # A split key, not security: any stable hash would do.
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).digest()[0] & 1


def predict_lines(
    records: Sequence[Record], *, codes: Sequence[str] | None = None
) -> list[dict[int, list[str]]]:
    """Per record: 0-based line index -> chrome codes that cover the line.

    Runs :func:`dq.detect.detect` once over all records, with only the
    chrome-family codes (or ``codes``) selected.
    """
    from dq.detect import detect

    use = tuple(codes) if codes is not None else chrome_codes()
    frame = pl.DataFrame(
        {ID: [str(i) for i in range(len(records))], TEXT: [r[TEXT] for r in records]},
        schema={ID: pl.String, TEXT: pl.String},
    )
    out: list[dict[int, list[str]]] = [{} for _ in records]
    if not records or not use:
        return out
    found = detect(frame, codes=use).findings.filter(
        (pl.col("family") == "chrome") & (pl.col("line") > 0)
    )
    for rec_id, line, code in found.select("record_id", "line", "code").iter_rows():
        out[int(rec_id)].setdefault(int(line) - 1, []).append(str(code))
    return out


def _score_lines(labels: Sequence[str | None], predicted: Mapping[int, list[str]],
                 lines: Iterable[int]) -> Score:
    tp = fp = fn = tn = 0
    for i in lines:
        gold = labels[i]
        if gold is None:
            continue
        hit = i in predicted
        if gold == "chrome":
            tp, fn = tp + hit, fn + (not hit)
        else:
            fp, tn = fp + hit, tn + (not hit)
    return Score(tp, fp, fn, tn)


def _window(record: Record) -> range:
    first, last = record["content_span"]
    n = len(record["labels"])
    return range(max(0, int(first) - WINDOW_MARGIN), min(n - 1, int(last) + WINDOW_MARGIN) + 1)


def _group(record: Record, kind: Kind) -> str:
    source = str(record.get("source_dataset") or "all")
    if kind == "extracted":
        return f"{source}/{record.get('extractor') or 'unknown'}"
    return source


def _score(source: str | Path | Iterable[Record], kind: Kind | None,
           codes: Sequence[str] | None) -> ChromeReport:
    name = str(source) if isinstance(source, str | Path) else ""
    records = load_records(source)
    kind = kind or file_kind(records)
    predicted = predict_lines(records, codes=codes)
    groups: dict[str, Score] = {}
    for rec, pred in zip(records, predicted, strict=True):
        labels = rec["labels"]
        lines = _window(rec) if kind == "window" else range(len(labels))
        g = _group(rec, kind)
        groups[g] = groups.get(g, Score()) + _score_lines(labels, pred, lines)
    used = tuple(codes) if codes is not None else chrome_codes()
    return ChromeReport(kind, groups, len(records), name, used)


def score_extracted(
    source: str | Path | Iterable[Record], *, codes: Sequence[str] | None = None
) -> ChromeReport:
    """Chrome P/R/F1 per (source, extractor) and their macro average (``extracted.jsonl``)."""
    return _score(source, "extracted", codes)


def score_window(
    source: str | Path | Iterable[Record], *, codes: Sequence[str] | None = None
) -> ChromeReport:
    """Chrome P/R/F1 inside the article window ``content_span`` ± 5 (``lines.jsonl``)."""
    return _score(source, "window", codes)


def score_partial(
    source: str | Path | Iterable[Record], *, codes: Sequence[str] | None = None
) -> ChromeReport:
    """Chrome P/R/F1 over the labelled lines only (``partial_lines.jsonl``)."""
    return _score(source, "partial", codes)


def evaluate_chrome(
    source: str | Path | Iterable[Record], *, codes: Sequence[str] | None = None
) -> ChromeReport:
    """Score a labelled file of any of the three kinds (see module doc).

    >>> rec = {"id": "p", "text": "Body text here.\\nBack to top", "labels": ["content", "chrome"]}
    >>> r = evaluate_chrome([rec])
    >>> r.kind, r.micro.tp, r.micro.fp, r.micro.fn
    ('partial', 1, 0, 0)
    """
    return _score(source, None, codes)


def _half(records: list[Record], half: int | None) -> list[Record]:
    return records if half is None else [r for r in records if page_half(r) == half]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dq.evaluate.chrome FILE... [--half 0|1]``: print the score table.

    ``--half`` keeps only the pages of one half of :func:`page_half` (the
    tuning half is 0, the held-out half 1).
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m dq.evaluate.chrome", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path, help="labelled JSONL files (.gz allowed)")
    parser.add_argument("--half", type=int, choices=(0, 1), default=None)
    args = parser.parse_args(argv)
    reports = []
    for path in args.files:
        records = _half(load_records(path), args.half)
        report = _score(records, file_kind(records), None)
        reports.append(ChromeReport(report.kind, report.groups, report.n_records, str(path),
                                    report.codes))
    print(format_table(reports))
    return 0


def format_table(reports: ChromeReport | Sequence[ChromeReport]) -> str:
    """A plain-text table: one row per group, then macro and micro rows per report.

    >>> rec = {"id": "p", "text": "Back to top", "labels": ["chrome"], "extractor": "x"}
    >>> print(format_table(score_extracted([rec])))
    file                  kind       group                      lines   prec    rec     F1
                          extracted  all/x                          1  1.000  1.000  1.000
                          extracted  macro                          1  1.000  1.000  1.000
                          extracted  micro                          1  1.000  1.000  1.000
    """
    if isinstance(reports, ChromeReport):
        reports = [reports]
    row = "{:<20}  {:<9}  {:<24} {:>7} {:>6} {:>6} {:>6}"
    out = [row.format("file", "kind", "group", "lines", "prec", "rec", "F1")]
    for rep in reports:
        name = Path(rep.source).name[:20] if rep.source else ""
        for g in sorted(rep.groups):
            s = rep.groups[g]
            out.append(row.format(name, rep.kind, g[:24], s.n, f"{s.precision:.3f}",
                                  f"{s.recall:.3f}", f"{s.f1:.3f}"))
        m, mi = rep.macro, rep.micro
        out.append(row.format(name, rep.kind, "macro", mi.n, f"{m['precision']:.3f}",
                              f"{m['recall']:.3f}", f"{m['f1']:.3f}"))
        out.append(row.format(name, rep.kind, "micro", mi.n, f"{mi.precision:.3f}",
                              f"{mi.recall:.3f}", f"{mi.f1:.3f}"))
    return "\n".join(line.rstrip() for line in out)

if __name__ == "__main__":
    raise SystemExit(main())
