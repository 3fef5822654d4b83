"""Load then detect: the main job behind ``dq scan`` (and the first half of validate/report).

Why a module of its own: the CLI, the pytest plugin and the report all need
"these paths -> records, quarantine, signal table, findings" and must agree
on it exactly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from dq.detect import Detection, detect
from dq.load import LoadResult, load, parse_mapping, write_quarantine
from dq.signals.context import DetectContext


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan produced."""

    loaded: LoadResult
    detection: Detection

    @property
    def findings(self) -> pl.DataFrame:
        return self.detection.findings

    @property
    def signals(self) -> pl.DataFrame:
        return self.detection.signals

    def summary_line(self) -> str:
        """``N records: L loaded, Q quarantined (reason: n, ...)``."""
        lr = self.loaded
        by = lr.counts_by_reason()
        q = sum(by.values())
        detail = f" ({', '.join(f'{k}: {v}' for k, v in sorted(by.items()))})" if by else ""
        return f"{lr.seen} records: {lr.articles.height} loaded, {q} quarantined{detail}"

    def write(
        self,
        *,
        findings: Path | None = None,
        signals: Path | None = None,
        quarantine: Path | None = None,
    ) -> None:
        """Write whichever outputs were asked for (parent folders are created)."""
        if findings is not None:
            write_findings(self.findings, findings)
        if signals is not None:
            signals.parent.mkdir(parents=True, exist_ok=True)
            self.signals.write_parquet(signals)
        if quarantine is not None:
            quarantine.parent.mkdir(parents=True, exist_ok=True)
            write_quarantine(self.loaded.quarantine, quarantine)


def write_findings(findings: pl.DataFrame, path: Path) -> None:
    """One JSON object per finding, keys in the documented order; ``fix`` only when set."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in findings.iter_rows(named=True):
            if row.get("fix") is None:
                row.pop("fix", None)
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def run_scan(
    paths: Sequence[str | Path],
    *,
    mappings: Sequence[str] = (),
    fmt: str | None = None,
    codes: Sequence[str] | None = None,
    ctx: DetectContext | None = None,
) -> ScanResult:
    """Load ``paths`` into the article schema and run the registry over them."""
    loaded = load(paths, mapping=parse_mapping(list(mappings)), fmt=fmt)
    detection = detect(loaded.articles, ctx=ctx, codes=codes)
    return ScanResult(loaded, detection)
