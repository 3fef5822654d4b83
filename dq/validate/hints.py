"""Say why a file was quarantined whole, and what to type instead.

Why: a Parquet export whose article text sits in a column named ``body``
loads as 82 ``missing_text`` records and nothing else. The count alone
("82 quarantined") does not tell a new user that ``--map text=body`` is the
fix; naming the columns the file *does* have does.

The hint is computed from the quarantine entries (their excerpts re-encode
each row as JSON) and, when an excerpt is cut short, from a cheap read of
the file's schema (Parquet footer, CSV header, first JSON line). It never
reads a whole file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Final, Protocol

#: Reason codes that mean "a column the article schema needs is absent".
#: (``missing_text``: the loader's reason when a row has no ``text`` value.)
MISSING_FIELD: Final = {"missing_text": "text"}
#: Column names that commonly hold the article text in other tools' exports
#: (news-please ``maintext``, trafilatura/datatrove ``content``/``text``, CMS ``body``).
TEXT_ALIASES: Final = (
    "body", "content", "maintext", "article", "article_text", "full_text", "text_content", "story",
)


class QuarantineEntry(Protocol):
    """What a hint reads of :class:`dq.schema.Quarantined`."""

    @property
    def file(self) -> str: ...

    @property
    def reason(self) -> str: ...

    @property
    def excerpt(self) -> str: ...


def file_columns(path: str | Path) -> list[str]:
    """The column names of ``path`` from its schema alone ([] when unknown or unreadable).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "a.csv"
    ...     _ = p.write_text("id,body\\n1,x\\n")
    ...     file_columns(p)
    ['id', 'body']
    """
    p = Path(path)
    name = p.name.lower()
    try:
        if name.endswith(".parquet"):
            import polars as pl

            return list(pl.read_parquet_schema(p))
        with p.open("rb") as fh:
            first = fh.readline(1 << 20).decode("utf-8", errors="replace").lstrip("\ufeff")
        if name.endswith(".csv"):
            import csv

            return next(csv.reader([first]), [])
        if name.endswith((".jsonl", ".json", ".ndjson")):
            row = json.loads(first)
            return list(row) if isinstance(row, dict) else []
    except (OSError, ValueError, ImportError):
        return []
    except Exception:  # a hint must never turn into an error of its own (Polars errors)
        return []
    return []


def _excerpt_columns(excerpts: Iterable[str]) -> list[str] | None:
    """Keys seen in JSON excerpts, in first-seen order; None when one is not JSON (cut short)."""
    seen: dict[str, None] = {}
    for text in excerpts:
        try:
            row = json.loads(text)
        except ValueError:
            return None
        if not isinstance(row, dict):
            return None
        seen.update(dict.fromkeys(row))
    return list(seen)


def suggest_column(field: str, columns: Sequence[str]) -> str | None:
    """The column most likely meant as ``field``, or None.

    >>> suggest_column("text", ["id", "title", "body"])
    'body'
    >>> suggest_column("text", ["id", "txt"])
    'txt'
    >>> suggest_column("text", ["id", "url"]) is None
    True
    """
    import difflib

    if field == "text":
        for alias in TEXT_ALIASES:
            if alias in columns:
                return alias
    close = difflib.get_close_matches(field, list(columns), n=1, cutoff=0.6)
    return close[0] if close else None


def map_hints(
    quarantine: Sequence[QuarantineEntry], *, loaded_files: Collection[str] = ()
) -> list[str]:
    """One hint per file whose every record was quarantined for the same missing field.

    ``loaded_files``: files that gave at least one article (``articles["dq_file"]``);
    a file there was not quarantined whole and gets no hint.

    >>> from dq.schema import Quarantined
    >>> q = [Quarantined("b.parquet", i, "missing_text", '{"id":"r","body":"x"}') for i in (1, 2)]
    >>> print(map_hints(q)[0])
    b.parquet: all 2 records quarantined as missing_text: the file has no 'text' column \
(its columns: id, body); did you mean --map text=body?
    >>> map_hints(q, loaded_files=["b.parquet"])
    []
    """
    by_file: dict[str, list[QuarantineEntry]] = defaultdict(list)
    for item in quarantine:
        by_file[item.file].append(item)
    loaded = set(loaded_files)
    hints = []
    for file, items in by_file.items():
        reasons = {i.reason for i in items}
        if file in loaded or len(reasons) != 1:
            continue
        (reason,) = reasons
        field = MISSING_FIELD.get(reason)
        if field is None:
            continue
        columns = _excerpt_columns(i.excerpt for i in items) or file_columns(file)
        if field in columns:
            continue  # the column exists; its values were null or empty, not misnamed
        listed = ", ".join(columns) if columns else "none found"
        pick = suggest_column(field, columns)
        fix = f"did you mean --map {field}={pick}?" if pick else f"use --map {field}=COLUMN"
        hints.append(
            f"{file}: all {len(items)} records quarantined as {reason}: the file has no "
            f"{field!r} column (its columns: {listed}); {fix}"
        )
    return hints
