"""Glued-word scores per *site*, and on the sites held out from rule writing.

Why: :mod:`dq.evaluate.glued` pools every case, so a rule written from one
site's misses raises the pooled recall whether or not it carries over. dq's
glued rules are hand rules: a site whose misses no rule was written from is
scored leave-one-site-out by construction. So the sites are split once, by a
hash of their name (:func:`site_subset`, about 30% held out), and rules are
written from the misses of the ``tune`` sites only; the ``heldout`` rows say
how they fare on sites nobody read. Per-site macro recall weighs each site
the same, so a rule that fits a few large sites shows as a gap between the
pooled and the macro figure.

A *site* is the Fundus publisher (the second part of a ``fundus:`` page id),
else the host of the page's ``url`` in a ``lines.jsonl`` next to the file
(the aeb pages), else the page id.

    python -m dq.evaluate.glued_sites glued.jsonl [--part heldout|tune|all]
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final, Literal

from dq.evaluate.chrome import host_of, urls_beside
from dq.evaluate.glued import CaseOutcome, GluedReport, GluedScores, _report, _score

__all__ = ["by_site", "format_site_table", "restrict", "site_of_case", "site_subset"]

#: Sites whose SHA-1(name) starts with a byte below this are held out (77/256 ~ 30%,
#: as :data:`dq.evaluate.glued.HELDOUT_BYTE` does for pages).
SITE_HELDOUT_BYTE: Final = 77

Part = Literal["all", "tune", "heldout"]


def site_subset(site: str) -> Literal["tune", "heldout"]:
    """Which half a site belongs to (stable across runs).

    >>> site_subset("VnExpress"), site_subset("WAZ")
    ('heldout', 'tune')
    """
    first = hashlib.sha1(site.encode("utf-8"), usedforsecurity=False).digest()[0]
    return "heldout" if first < SITE_HELDOUT_BYTE else "tune"


def site_of_case(page_id: str, urls: Mapping[str, str] | None = None) -> str:
    """The site of a case's page (module doc).

    >>> site_of_case("fundus:at/DerStandard/DerStandard_2024_05_03")
    'DerStandard'
    >>> site_of_case("aeb:06ee", {"aeb:06ee": "https://www.slashgear.com/x"})
    'slashgear.com'
    >>> site_of_case("aeb:zz")
    'aeb:zz'
    """
    if page_id.startswith("fundus:") and page_id.count("/") >= 2:
        return page_id.split("/")[1]
    host = host_of((urls or {}).get(page_id, ""))
    return page_id if host is None else host


def restrict(report: GluedReport, part: Part, urls: Mapping[str, str]) -> GluedReport:
    """``report``'s outcomes on the ``tune`` or ``heldout`` sites only (no re-run)."""
    keep = tuple(
        o for o in report.outcomes
        if part == "all" or site_subset(site_of_case(o.case.id, urls)) == part
    )
    return _report(keep)


def by_site(report: GluedReport, urls: Mapping[str, str]) -> dict[str, GluedScores]:
    """Scores per site (key ``source/site``)."""
    groups: dict[str, list[CaseOutcome]] = {}
    for o in report.outcomes:
        key = f"{o.case.source}/{site_of_case(o.case.id, urls)}"
        groups.setdefault(key, []).append(o)
    return {k: _score(k, v) for k, v in sorted(groups.items())}


def _macro(rows: Sequence[GluedScores]) -> tuple[int, float, float]:
    """Sites, mean recall over sites with positives, mean FPR over sites with negatives."""
    pos = [r.recall for r in rows if r.positives]
    neg = [r.fpr for r in rows if r.negatives]
    return len(rows), sum(pos) / max(1, len(pos)), sum(neg) / max(1, len(neg))


def format_site_table(report: GluedReport, urls: Mapping[str, str]) -> str:
    """Macro over sites per source and per page language: sites, recall, FPR.

    >>> from dq.evaluate.glued import GluedCase
    >>> c = lambda i, g: GluedCase(f"fundus:x/S{i}/p", "fundus", g, "ab", "a b", "ab", 0)
    >>> outs = (CaseOutcome(c(1, True), True, "a b", "de"),
    ...         CaseOutcome(c(2, True), False, None, "de"))
    >>> print(format_site_table(_report(outs), {}))
    group       sites  macro R  macro FPR
    fundus          2    0.500      0.000
    lang:de         2    0.500      0.000
    """
    sites = by_site(report, urls)
    lines = [f"{'group':<10}  {'sites':>5}  {'macro R':>7}  {'macro FPR':>9}"]
    groups: dict[str, list[GluedScores]] = {}
    for key, row in sites.items():
        groups.setdefault(key.split("/", 1)[0], []).append(row)
    by_lang: dict[str, list[CaseOutcome]] = {}
    for o in report.outcomes:
        by_lang.setdefault(f"lang:{o.lang or '?'}/{site_of_case(o.case.id, urls)}", []).append(o)
    for key, outs in sorted(by_lang.items()):
        groups.setdefault(key.split("/", 1)[0], []).append(_score(key, outs))
    for name in sorted(groups, key=lambda g: (g.startswith("lang:"), g)):
        n, r, f = _macro(groups[name])
        lines.append(f"{name:<10}  {n:>5}  {r:>7.3f}  {f:>9.3f}")
    return "\n".join(lines)


def site_report(path: Path, parts: Sequence[Part] = ("all", "heldout")) -> str:
    """The tables of :func:`main` for ``path`` (the detectors run once)."""
    from dq.evaluate.glued import evaluate_glued, format_table

    urls = urls_beside(path)
    full = evaluate_glued(path)
    out: list[str] = []
    for part in parts:
        report = restrict(full, part, urls)
        out += [f"== {path} ({part} sites, pooled)", format_table(report),
                f"== per site, macro ({part} sites)", format_site_table(report, urls)]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dq.evaluate.glued_sites FILE [--part heldout|tune|all]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m dq.evaluate.glued_sites",
                                     description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--part", choices=("all", "tune", "heldout"), default=None,
                        help="one half of the sites (default: all, then heldout)")
    args = parser.parse_args(argv)
    print(site_report(args.file, (args.part,) if args.part else ("all", "heldout")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
