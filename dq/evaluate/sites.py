"""Chrome scores per *site*, macro-averaged: how the rules fare on sites they were not written from.

Why: a chrome rule that is right on the pages it was tuned on and wrong on
the next publisher is a bug, however good the pooled dev score. Pooled
scores are dominated by the sites with most lines; here each site weighs
the same, so a rule that only fits a few large sites shows up as a gap
between the pooled (:mod:`dq.evaluate.chrome`) and the per-site numbers.

A *site* is the Fundus ``publisher``, else the host of the page's ``url``
(``aeb`` pages in ``extracted.jsonl`` carry no url: it is looked up by
``page_id`` in a ``lines.jsonl`` next to the file), else the name of a
``trafilatura_eval`` page up to its first ``-``. dq's chrome rules are hand
rules, argued from what a line is, not fitted to these pages: for them
leave-one-site-out is exactly this table (no site's own pages enter the
rule that scores it). The one learned code, ``chrome_line``
(:mod:`dq.signals.linemodel`), was fitted on these pages: its share of the
table is in-sample. Its leave-site-out scores (each site scored by a model
fitted on the others) come from ``bench/train_linemodel.py``; score without
it with ``codes=`` to see the hand rules alone.

Scoring is :mod:`dq.evaluate.chrome`'s (same lines counted, same window),
pooled over extractors within a site. ``--by-code`` adds, per reason code,
how many labelled lines it covered and how many of them were content: the
precision of each code on its own. What the missed chrome lines are (their
shape, and what flagging that shape would cost) is :mod:`dq.evaluate.misses`.

    python -m dq.evaluate.sites extracted.jsonl lines.jsonl partial_lines.jsonl [--by-code]
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dq.evaluate.chrome import (
    Record,
    Score,
    _score_lines,
    _window,
    file_kind,
    host_of,
    load_records,
    predict_lines,
    urls_beside,
)

__all__ = ["SiteReport", "evaluate_sites", "format_sites", "site_of"]

def site_of(record: Record, urls: Mapping[str, str] | None = None) -> str:
    """The site a labelled record comes from (see the module doc).

    >>> site_of({"publisher": "WAZ", "url": "https://www.waz.de/a"})
    'WAZ'
    >>> site_of({"url": "https://www.slashgear.com/x/"})
    'slashgear.com'
    >>> site_of({"url": "hard::mercurynews.com.2023.01.16.letters-1119.html"})
    'mercurynews.com.2023.01.16.letters'
    >>> site_of({"page_id": "aeb:1", "id": "aeb:1#justext"}, {"aeb:1": "http://a.org/"})
    'a.org'
    """
    if record.get("publisher"):
        return str(record["publisher"])
    url = record.get("url") or (urls or {}).get(str(record.get("page_id") or ""), "")
    host = host_of(str(url))
    if host is not None:
        return host
    if "::" in str(url):
        return str(url).split("::", 1)[1].removesuffix(".html").split("-", 1)[0]
    return str(record.get("page_id") or str(record.get("id", "")).split("#", 1)[0])


@dataclass(frozen=True)
class SiteReport:
    """Per source: per-site scores; per code: covered labelled lines and content among them."""

    kind: str
    path: str
    sites: dict[str, dict[str, Score]]
    codes: dict[str, tuple[int, int]] = field(default_factory=dict)

    def macro(self, source: str) -> dict[str, float]:
        """P/R/F1 averaged over the sites of ``source`` (sites without chrome lines or
        predictions count 0 for the rate they cannot have: the usual macro convention)."""
        scores = list(self.sites[source].values())
        k = len(scores) or 1
        return {
            "precision": sum(s.precision for s in scores if s.tp + s.fp) / max(
                1, sum(1 for s in scores if s.tp + s.fp)),
            "recall": sum(s.recall for s in scores if s.tp + s.fn) / max(
                1, sum(1 for s in scores if s.tp + s.fn)),
            "f1": sum(s.f1 for s in scores) / k,
        }


def evaluate_sites(path: str | Path, *, codes: Sequence[str] | None = None) -> SiteReport:
    """Score one labelled file per (source, site); see the module doc."""
    path = Path(path)
    records = load_records(path)
    kind = file_kind(records)
    urls = urls_beside(path)
    predicted = predict_lines(records, codes=codes)
    sites: dict[str, dict[str, Score]] = {}
    by_code: dict[str, list[int]] = {}
    for rec, pred in zip(records, predicted, strict=True):
        labels = rec["labels"]
        lines = _window(rec) if kind == "window" else range(len(labels))
        source = str(rec.get("source_dataset") or "all")
        site = site_of(rec, urls)
        per = sites.setdefault(source, {})
        per[site] = per.get(site, Score()) + _score_lines(labels, pred, lines)
        for i in lines:
            if labels[i] is None or i not in pred:
                continue
            for code in set(pred[i]):
                c = by_code.setdefault(code, [0, 0])
                c[0] += 1
                c[1] += labels[i] == "content"
    return SiteReport(kind, str(path), sites, {k: (v[0], v[1]) for k, v in by_code.items()})


def format_sites(report: SiteReport, *, by_code: bool = False) -> str:
    """One row per source: sites, macro-over-sites P/R/F1, pooled P/R/F1 (and codes)."""
    row = "{:<20} {:<9} {:<17} {:>5} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}"
    out = [row.format("file", "kind", "source", "sites", "prec", "rec", "F1",
                      "p.prec", "p.rec", "p.F1")]
    name = Path(report.path).name[:20]
    for source in sorted(report.sites):
        m = report.macro(source)
        pooled = sum(report.sites[source].values(), Score())
        out.append(row.format(name, report.kind, source[:17], len(report.sites[source]),
                              f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}",
                              f"{pooled.precision:.3f}", f"{pooled.recall:.3f}",
                              f"{pooled.f1:.3f}"))
    if by_code:
        out.append("  code                  lines  content  precision")
        for code, (n, bad) in sorted(report.codes.items(), key=lambda kv: -kv[1][1]):
            out.append(f"  {code:<20} {n:>6} {bad:>8}  {(n - bad) / n if n else 0:.3f}")
    return "\n".join(out)


def _is_glued(path: Path) -> bool:
    """Whether ``path`` holds glued-word cases (its first record has ``is_glued``)."""
    from dq.evaluate.glued import _open_text

    with _open_text(path) as fh:
        first = next((line for line in fh if line.strip()), "")
    return '"is_glued"' in first


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dq.evaluate.sites FILE... [--by-code] [--json OUT]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m dq.evaluate.sites", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--by-code", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    everything: dict[str, object] = {}
    for path in args.files:
        if _is_glued(path):
            from dq.evaluate.glued_sites import site_report

            print(site_report(path))  # glued cases: per site and on the held-out sites
            continue
        rep = evaluate_sites(path)
        print(format_sites(rep, by_code=args.by_code))
        everything[path.name] = {
            src: {"sites": len(rep.sites[src]), "macro": rep.macro(src)} for src in rep.sites
        }
    if args.json is not None:
        args.json.write_text(json.dumps(everything, indent=2, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
