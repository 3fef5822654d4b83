"""The article schema: the one shape every loader produces and every stage reads.

Why one place: loaders, detectors, suites and reports all agree on column
names and types only because they all import them from here.

Columns
-------
``id``            str, unique per corpus (made stable when missing, see :func:`stable_id_expr`)
``text``          str, required, the article body as scraped
``title``, ``url``, ``author``, ``source`` (publisher), ``published_at``,
``scraped_at``, ``lang``: optional str; dates stay the strings the scraper wrote,
so no record is lost to a date format we did not foresee.

Provenance columns added by the loader: ``dq_file`` (the input file) and
``dq_row`` (1-based line for JSONL/CSV, row for Parquet, 1 for a text file).
Every other input column is carried through untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

import polars as pl

ID: Final = "id"
TEXT: Final = "text"
OPTIONAL_FIELDS: Final = (
    "title",
    "url",
    "author",
    "source",
    "published_at",
    "scraped_at",
    "lang",
)
ARTICLE_FIELDS: Final = (ID, TEXT, *OPTIONAL_FIELDS)
PROVENANCE_FIELDS: Final = ("dq_file", "dq_row")

ARTICLE_SCHEMA: Final[dict[str, type[pl.DataType]]] = dict.fromkeys(ARTICLE_FIELDS, pl.String)

Family = Literal["chrome", "spacing", "attribution", "hygiene"]
#: A signal's severity (``error``, ``warning``) and a finding's: a finding
#: that rests on layout alone (``shape`` evidence) is ``info``, reported but
#: never gated (:func:`dq.signals.base.finding_severity`).
Severity = Literal["error", "warning", "info"]
FAMILIES: Final[tuple[Family, ...]] = get_args(Family)

# Quarantine reason codes: stable, snake_case, shared with reports and suites.
QuarantineReason = Literal[
    "invalid_json",
    "invalid_utf8",
    "missing_text",
    "empty_text",
    "non_string_text",
    "duplicate_id",
    "unreadable_file",
    "truncated_file",
    "unknown_format",
    "invalid_csv",
    "invalid_unicode",
    "nesting_too_deep",
    "record_too_large",
    "decompression_limit",
    "unsupported_encoding",
    "unsupported_compression",
    "not_regular_file",
]
#: The reasons, listed once (the Literal above), for code that iterates over them.
QUARANTINE_REASONS: Final[tuple[str, ...]] = get_args(QuarantineReason)


def stable_id_expr() -> pl.Expr:
    """Id for records that have none: ``url:<url>`` when a url exists, else ``sha1:<hash of text>``.

    Stable across runs and machines (the text hash is a content hash, not
    Python's salted ``hash``).

    >>> df = pl.DataFrame({"id": [None, None, "a"], "url": ["http://x/1", None, None],
    ...                    "text": ["t", "t", "t"]})
    >>> df.select(stable_id_expr()).to_series().to_list()
    ['url:http://x/1', 'sha1:8efd86fb78a56a5145ed7739dcb00c78581c5375', 'a']
    """
    text_hash = pl.col(TEXT).map_batches(_sha1_series, return_dtype=pl.String)
    return (
        pl.when(pl.col(ID).is_not_null() & (pl.col(ID).str.len_chars() > 0))
        .then(pl.col(ID))
        .when(pl.col("url").is_not_null() & (pl.col("url").str.len_chars() > 0))
        .then(pl.lit("url:") + pl.col("url"))
        .otherwise(pl.lit("sha1:") + text_hash)
        .alias(ID)
    )


def _sha1_series(s: pl.Series) -> pl.Series:
    import hashlib

    return pl.Series(
        [
            None
            if t is None
            else hashlib.sha1(t.encode("utf-8"), usedforsecurity=False).hexdigest()
            for t in s.to_list()
        ],
        dtype=pl.String,
    )


#: Columns and types of the findings frame, in the order of ``--findings`` JSON
#: keys: one row per piece of evidence. ``line`` is 1-based over
#: ``text.split("\\n")``; ``start``/``end`` are character offsets into the
#: record's whole text; record-level findings (e.g. ``missing_author``) have
#: ``line == 0`` and ``start == end == 0``; ``fix`` is null when dq proposes none.
FINDINGS_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "record_id": pl.String,
    "line": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "code": pl.String,
    "family": pl.String,
    "severity": pl.String,
    "evidence": pl.String,
    "snippet": pl.String,
    "fix": pl.String,
}


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A record (or file) that could not be loaded, and why."""

    file: str
    line_or_row: int
    reason: str
    excerpt: str

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line_or_row": self.line_or_row,
            "reason": self.reason,
            "excerpt": self.excerpt,
        }
