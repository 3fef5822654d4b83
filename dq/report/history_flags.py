"""Which records had which code last run: what makes an example "new" in the nightly report.

Why: a rate says a code moved; the records that *newly* carry the code are
what changed, so the report lists them first and marks them. That needs the
previous run's (code, record) pairs, and a nightly corpus has millions of
records, so the history keeps a bounded sketch, not the pairs:

* a record is its **key**, the low 64 bits of the MD5 of its id
  (:func:`record_key`, DuckDB's ``md5_number_lower``): stable across dq,
  Polars and DuckDB versions, 8 bytes whatever the id's length;
* per code, only the :data:`MAX_KEYS_PER_CODE` smallest keys are kept (a
  *bottom-k* sketch) with the largest kept key as the ``cutoff``. MD5 keys
  are uniform, so the kept keys are a random sample of the code's records,
  and for a record whose key is at most the cutoff the answer is exact: kept
  means seen last run, missing means new. A record above the cutoff is
  *unknown* and never marked new. A code on at most that many records (every
  code of a typical night) is kept whole and every answer is exact;
* only the **latest** run's sketch is kept: writing a run deletes the sketches
  of the runs before it (rates and trends do not need them), so the file does
  not grow with the number of runs.

The bound: 50,000 keys x 8 bytes = 400 KB per code; with every one of dq's
reason codes at the cap (no real corpus), under 20 MB in one run. Two ids
sharing a key (about 1 in 10^10 for 50,000 keys) can only hide a new record,
never mark an old one new.

Tables (schema 3, :data:`MIGRATION_V3`): ``flagged_codes`` one row per
(run, code) with at least one record; ``flagged_records`` the kept keys;
``runs.flags_kept`` says a run wrote them (runs of older files did not: the
next run marks nothing new rather than everything).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import duckdb
    import polars as pl

#: Keys kept per code of a run (bottom-k sketch; see the module doc for the bound).
MAX_KEYS_PER_CODE: Final = 50_000

#: Schema 3: the previous run's flagged records, per code (a bounded sketch).
MIGRATION_V3: Final = (
    "ALTER TABLE runs ADD COLUMN flags_kept BOOLEAN DEFAULT false",
    """CREATE TABLE flagged_codes (
        run_id VARCHAR NOT NULL,
        code VARCHAR NOT NULL,
        records BIGINT NOT NULL,
        kept BIGINT NOT NULL,
        cutoff UBIGINT NOT NULL,
        PRIMARY KEY (run_id, code))""",
    """CREATE TABLE flagged_records (
        run_id VARCHAR NOT NULL,
        code VARCHAR NOT NULL,
        record_key UBIGINT NOT NULL)""",
)


def record_key(record_id: str) -> int:
    """The 64-bit key of a record id: DuckDB's ``md5_number_lower`` (low half of the MD5).

    >>> record_key("abc")
    8250560606382298838
    """
    return int.from_bytes(hashlib.md5(record_id.encode("utf-8")).digest()[8:], "little")  # noqa: S324  (a key, not a secret)


def flagged_pairs(signals: pl.DataFrame | pl.LazyFrame, codes: Sequence[str]) -> pl.DataFrame:
    """``(code, record_id)`` for every record with at least one finding of each code.

    ``signals`` is the signal table (one row per record, a count column per
    code), possibly lazy (a streamed scan's parts: each code reads two columns).
    One filter per code, concatenated: on a million records and 45 codes this
    was 10-25x faster than unpivoting the table first (measured 2026-12-07).

    >>> import polars as pl
    >>> table = pl.DataFrame({"id": ["a", "b"], "x": [1, 0], "y": [2, 3]})
    >>> flagged_pairs(table, ["x", "y", "z"]).rows()
    [('x', 'a'), ('y', 'a'), ('y', 'b')]
    """
    import polars as pl

    lf = signals.lazy()
    present = [c for c in codes if c in lf.collect_schema().names()]
    if not present:
        return pl.DataFrame(schema={"code": pl.String, "record_id": pl.String})
    return pl.concat([
        lf.filter(pl.col(c) > 0).select(
            pl.lit(c, dtype=pl.String).alias("code"),
            pl.col("id").cast(pl.String).alias("record_id"),
        )
        for c in present
    ]).collect(engine="streaming")


def write_flags(
    con: duckdb.DuckDBPyConnection, run_id: str, pairs: pl.DataFrame, *,
    keep: int = MAX_KEYS_PER_CODE,
) -> None:
    """Store ``run_id``'s sketch and drop every older run's (inside the caller's transaction)."""
    con.execute("DELETE FROM flagged_records WHERE run_id <> ?", [run_id])
    con.execute("DELETE FROM flagged_codes WHERE run_id <> ?", [run_id])
    con.execute("UPDATE runs SET flags_kept = true WHERE run_id = ?", [run_id])
    if pairs.is_empty():
        return
    con.register("dq_pairs", pairs.select("code", "record_id"))
    try:
        con.execute(
            """CREATE TEMP TABLE dq_keys AS
               SELECT code, record_key,
                      row_number() OVER (PARTITION BY code ORDER BY record_key) AS k
               FROM (SELECT DISTINCT code, md5_number_lower(record_id) AS record_key
                     FROM dq_pairs)"""
        )
        con.execute(
            "INSERT INTO flagged_records SELECT ?, code, record_key FROM dq_keys WHERE k <= ?",
            [run_id, keep],
        )
        con.execute(
            """INSERT INTO flagged_codes
               SELECT ?, code, count(*), least(count(*), ?), max(record_key) FILTER (WHERE k <= ?)
               FROM dq_keys GROUP BY code""",
            [run_id, keep, keep],
        )
    finally:
        con.execute("DROP TABLE IF EXISTS dq_keys")
        con.unregister("dq_pairs")


def flags_kept(con: duckdb.DuckDBPyConnection, run_id: str) -> bool:
    """Did ``run_id`` keep its sketch (written by dq with schema 3, and still the latest)?"""
    rows = con.execute("SELECT flags_kept FROM runs WHERE run_id = ?", [run_id]).fetchall()
    return bool(rows and rows[0][0])


def new_since(
    con: duckdb.DuckDBPyConnection, run_id: str, pairs: pl.DataFrame
) -> pl.DataFrame:
    """``pairs`` (``code``, ``record_id``) with ``new``: True when the record had no finding of
    the code in ``run_id``, False when it had, None when the sketch cannot say (or ``run_id``
    kept none)."""
    import polars as pl

    if pairs.is_empty() or not flags_kept(con, run_id):
        return pairs.with_columns(pl.lit(None, dtype=pl.Boolean).alias("new"))
    pairs = pairs.select("code", "record_id").unique(maintain_order=True)
    con.register("dq_ask", pairs)
    try:
        rows = con.execute(
            """SELECT a.code, a.record_id,
                   CASE WHEN r.record_key IS NOT NULL THEN false
                        WHEN c.code IS NULL THEN true        -- the code had no record then
                        WHEN c.kept = c.records THEN true    -- the whole set was kept
                        WHEN md5_number_lower(a.record_id) <= c.cutoff THEN true
                        ELSE NULL END AS new
               FROM dq_ask a
               LEFT JOIN flagged_codes c ON c.run_id = ? AND c.code = a.code
               LEFT JOIN flagged_records r ON r.run_id = ? AND r.code = a.code
                 AND r.record_key = md5_number_lower(a.record_id)""",
            [run_id, run_id],
        ).fetchall()
    finally:
        con.unregister("dq_ask")
    found = pl.DataFrame(
        rows, schema={"code": pl.String, "record_id": pl.String, "new": pl.Boolean}, orient="row"
    )
    return pairs.join(found, on=["code", "record_id"], how="left")
