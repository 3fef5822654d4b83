"""Loaders: article files of any supported format -> one frame in the article schema.

Why a loader of our own: scraped corpora arrive as JSON lines (often
compressed, sometimes cut short), CSV exports with quoted newlines, Parquet
and folders of text files, and every one of them has bad records. A check
run on a corpus that silently lost records is not a check, so nothing is
dropped: every record is either an article or a :class:`~dq.schema.Quarantined`
entry with a stable reason code, and ``articles.height + len(quarantine)
== seen`` always holds (each quarantine entry stands for one record; a file
that could not be read at all counts as one).

Formats (``fmt`` forces one of :data:`FORMATS` for every file met):

* JSON lines: ``.jsonl``, ``.ndjson``, ``.json`` holding JSON lines; any of
  them gzip or zstd compressed (told by magic bytes). ``dq_row`` = line.
* Parquet: ``.parquet``, ``.pq``. ``dq_row`` = row.
* CSV: ``.csv`` with a header. ``dq_row`` = the line the record starts on.
* Text: ``.txt``, ``.md``, one article per file; ``id`` = path under the
  folder given, without extension (the stem for a file given directly;
  with the extension, then the whole path, where two ids would collide);
  ``dq_row`` = 1. ``mapping`` does not apply (there are no input columns).

A leading UTF-8 byte-order mark is dropped in every format; a file in
another encoding (a UTF-16 byte-order mark) or compression (bzip2, xz, zip,
gzip inside gzip) is one ``unsupported_encoding`` / ``unsupported_compression``
entry. Records larger than ``LoadLimits.max_record_bytes``, JSON nested deeper
than ``LoadLimits.max_nesting`` and compressed files that expand past
``LoadLimits.max_decompressed`` are quarantined (``record_too_large``,
``nesting_too_deep``, ``decompression_limit``). Quarantine
excerpts are the first 200 characters of the raw line (bad lines) or of the
record re-encoded as JSON without its null members (records rejected by
the record rules).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from dq.load._batches import batches, read_parts
from dq.load._common import FILE, LoadError, LoadLimits, Part, ReadOptions, escape_name
from dq.load._discover import Plan, Source, discover
from dq.load._rules import concat_articles, drop_duplicate_ids, to_articles
from dq.load.formats import FORMATS
from dq.load.outputs import OutputError, atomic_write, check_outputs, check_writable
from dq.schema import (
    ARTICLE_FIELDS,
    ID,
    PROVENANCE_FIELDS,
    QUARANTINE_REASONS,
    TEXT,
    Quarantined,
)

__all__ = [
    "FORMATS",
    "LoadError",
    "LoadLimits",
    "LoadResult",
    "OutputError",
    "atomic_write",
    "check_outputs",
    "check_writable",
    "load",
    "load_batches",
    "parse_mapping",
    "write_quarantine",
]


@dataclass(frozen=True)
class LoadResult:
    """Everything a load produced: the articles, the rejects, and what was read.

    ``articles`` columns: the article fields (``id``, ``text``, the optional
    ones, all strings, null when absent), ``dq_file``, ``dq_row`` (Int64),
    then every other input column, untouched. ``seen`` counts the input
    records: ``articles.height + len(quarantine) == seen``. ``nbytes``: bytes
    of input read (a batch's share of its files: the batches add up to their sizes).
    """

    articles: pl.DataFrame
    quarantine: list[Quarantined]
    seen: int
    files: tuple[str, ...]
    skipped: tuple[str, ...]
    nbytes: int = 0

    def counts_by_reason(self) -> dict[str, int]:
        """Quarantined records per reason code, in the order of ``QUARANTINE_REASONS``.

        >>> r = LoadResult(pl.DataFrame(), [Quarantined("f", 2, "invalid_json", ""),
        ...     Quarantined("f", 1, "missing_text", ""), Quarantined("f", 3, "invalid_json", "")],
        ...     3, ("f",), ())
        >>> r.counts_by_reason()
        {'invalid_json': 2, 'missing_text': 1}
        """
        counts = Counter(item.reason for item in self.quarantine)
        rank = {reason: i for i, reason in enumerate(QUARANTINE_REASONS)}
        ordered = sorted(counts, key=lambda reason: (rank.get(reason, len(rank)), reason))
        return {reason: counts[reason] for reason in ordered}


def _checked_field(field: str, column: str, item: str) -> None:
    if field not in ARTICLE_FIELDS:
        choices = ", ".join(ARTICLE_FIELDS)
        raise ValueError(f"--map {item}: {field!r} is not an article field (one of: {choices})")
    if not column:
        raise ValueError(f"--map {item}: no input column named after '='")


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``FIELD=COLUMN`` items (from ``--map``) as a dict: the input COLUMN becomes FIELD.

    >>> parse_mapping(["text=body", "id = doc_id"])
    {'text': 'body', 'id': 'doc_id'}
    >>> parse_mapping(["body=text"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: --map body=text: 'body' is not an article field (one of: id, text, title, ...)
    >>> parse_mapping(["text"])
    Traceback (most recent call last):
    ValueError: --map text: expected FIELD=COLUMN, e.g. text=body
    """
    mapping: dict[str, str] = {}
    for item in items:
        field, sep, column = item.partition("=")
        field, column = field.strip(), column.strip()
        if not sep:
            raise ValueError(f"--map {item}: expected FIELD=COLUMN, e.g. text=body")
        _checked_field(field, column, item)
        if field in mapping:
            raise ValueError(f"--map {item}: {field!r} is mapped twice")
        mapping[field] = column
    return mapping


def _checked_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    for field, column in mapping.items():
        _checked_field(field, column, f"{field}={column}")
    return dict(mapping)


def _in_load_order(items: list[Quarantined], sources: Sequence[Source]) -> list[Quarantined]:
    position = {str(source.path): i for i, source in enumerate(sources)}
    return sorted(items, key=lambda q: (position.get(q.file, len(position)), q.line_or_row))


def _column_order(articles: pl.DataFrame) -> pl.DataFrame:
    fixed = [*ARTICLE_FIELDS, *PROVENANCE_FIELDS]
    return articles.select(*fixed, *(c for c in articles.columns if c not in fixed))


def _plan(
    paths: Sequence[str | Path] | str | Path,
    mapping: Mapping[str, str] | None,
    fmt: str | None,
) -> tuple[dict[str, str], Plan]:
    """The checked mapping and the files to read; raises for bad arguments."""
    if isinstance(paths, str | Path):
        paths = [paths]  # a lone str is a Sequence of characters: never what was meant
    if not paths:
        raise LoadError("no input paths given")
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"fmt={fmt!r} (--format): expected one of {', '.join(FORMATS)}")
    fields = _checked_mapping(mapping or {})
    return fields, discover(paths, fmt)


def load(
    paths: Sequence[str | Path] | str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    fmt: str | None = None,
    limits: LoadLimits | None = None,
) -> LoadResult:
    """Load every article under ``paths`` (files, folders, glob patterns).

    ``mapping`` maps article field -> input column (``{"text": "body"}``);
    ``limits`` sets the size limits (:class:`LoadLimits`, defaults documented
    there). Raises :class:`LoadError` when an input cannot be read at all and
    ``ValueError`` for a bad ``mapping`` or ``fmt``; everything smaller is
    quarantined.
    """
    fields, plan = _plan(paths, mapping, fmt)
    options = _options(fields, limits)
    parts = read_parts(plan.sources, options, None)
    return _assemble(parts, fields, plan, options, earlier_ids=None)


def _options(fields: Mapping[str, str], limits: LoadLimits | None) -> ReadOptions:
    return ReadOptions(
        text_column=fields.get(TEXT, TEXT),
        id_column=fields.get(ID, ID),
        limits=limits or LoadLimits(),
    )


def load_batches(
    paths: Sequence[str | Path] | str | Path,
    *,
    batch_bytes: int,
    mapping: Mapping[str, str] | None = None,
    fmt: str | None = None,
    limits: LoadLimits | None = None,
) -> Iterator[LoadResult]:
    """:func:`load`, a batch of about ``batch_bytes`` of input at a time.

    The batches together hold exactly what :func:`load` returns: the same
    articles in the same order, the same quarantine entries (an id already
    loaded by an earlier batch is a ``duplicate_id`` here too), and the same
    ``seen`` in total. Big JSON-lines and Parquet files are cut into parts
    (see :mod:`dq.load._batches`). Memory held between batches: the ids
    loaded so far.
    """
    if batch_bytes < 1:
        raise ValueError(f"batch_bytes={batch_bytes}: expected at least 1")
    fields, plan = _plan(paths, mapping, fmt)
    options = _options(fields, limits)
    ids = pl.Series(ID, [], dtype=pl.String)
    parts = read_parts(plan.sources, options, batch_bytes)
    for group in batches(parts, batch_bytes):
        result = _assemble(group, fields, plan, options, earlier_ids=ids)
        ids = pl.concat([ids, result.articles.get_column(ID)], rechunk=False)
        yield result


def _with_mapped_columns(frame: pl.DataFrame, mapping: Mapping[str, str]) -> pl.DataFrame:
    """A later part of a file may lack a mapped column the file has: add it as nulls."""
    names = (escape_name(c) for c in mapping.values())
    missing = [c for c in dict.fromkeys(names) if c not in frame.columns]
    return frame.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in missing)


def _assemble(
    parts: Iterable[Part],
    fields: Mapping[str, str],
    plan: Plan,
    options: ReadOptions,
    *,
    earlier_ids: pl.Series | None,
) -> LoadResult:
    """Apply the record rules to what the readers read, and account for every record."""
    frames: list[pl.DataFrame] = []
    quarantine: list[Quarantined] = []
    seen = nbytes = 0
    for part in parts:
        read = part.read
        seen += read.seen
        nbytes += part.nbytes
        quarantine += read.quarantine
        if read.frame.height:
            label = "text files" if part.is_text else str(read.frame.item(0, FILE))
            mapping = {} if part.is_text else fields
            frame = _with_mapped_columns(read.frame, mapping) if part.continued else read.frame
            articles, rejected = to_articles(frame, mapping, label, options.limits.max_record_bytes)
            frames.append(articles)
            quarantine += rejected
    articles, duplicates = drop_duplicate_ids(concat_articles(frames), earlier_ids)
    result = LoadResult(
        articles=_column_order(articles),
        quarantine=_in_load_order(quarantine + duplicates, plan.sources),
        seen=seen,
        files=tuple(str(s.path) for s in plan.sources if s.fmt is not None),
        skipped=plan.skipped,
        nbytes=nbytes,
    )
    assert result.articles.height + len(result.quarantine) == result.seen
    return result


def write_quarantine(items: Sequence[Quarantined], path: Path) -> None:
    """Write quarantine entries as JSON lines (``Quarantined.to_dict()``), one per record.

    Kept apart from the report so the rejected records can be fixed and fed
    back in, the way datatrove's exclusion writers keep what a filter drops.
    Written atomically: a failed write leaves no half-written file.
    """
    with atomic_write(path) as out:
        for item in items:
            out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
