"""Run history in one DuckDB file: what the nightly report compares today against.

Why DuckDB: one file, SQL over months of nightly runs, no server. Why a lock
of our own: DuckDB allows one writing *process* per file, and a second one
fails at connect time with ``IOException`` ("Could not set lock on file").
Two ``dq report`` runs started by two cron jobs would then lose a run, so
every access takes a lock on ``<file>.lock`` first (``filelock``: maintained,
cross-platform, released by the OS when a process dies), retries DuckDB's
own *lock* error while another tool holds the file, and writes a run in one
transaction: a crash leaves either the whole run or none of it.

A file that is not a DuckDB database (``dq history corpus/articles.jsonl``)
is refused at once, before any lock file is made: the lock file only ever
sits beside a history. A DuckDB file that cannot be opened for another
reason than a lock (damaged, another tool's format) is refused at once too.

Tables (schema version :data:`SCHEMA_VERSION`, kept in ``dq_meta``):

``runs``                one row per run: corpus, suite, record counts, verdict
``rates``               one row per (run, code): records affected / records loaded;
                        ``kind`` is ``code`` (a reason code) or ``family`` (any code of it)
``source_rates``        one row per (run, source, code) with at least one record affected
``expectation_results`` one row per (run, expectation) of the suite
``flagged_codes``,      the latest run's flagged records per code, as a bounded sketch
``flagged_records``     of 64-bit keys (:mod:`dq.report.history_flags`): what makes an
                        example "new" in the next report

A file written by an older dq is migrated in place, one step per version
(:data:`MIGRATIONS`), inside the writer's transaction; a file from a newer
dq is refused rather than misread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

# The file-level half (is it a DuckDB file, its lock, connecting): its own module;
# the names stay importable from here.
from dq.report.history_file import DUCKDB_MAGIC as DUCKDB_MAGIC
from dq.report.history_file import LOCK_TIMEOUT_S as LOCK_TIMEOUT_S
from dq.report.history_file import HeldByAnother, connect, retry
from dq.report.history_file import check_history_file as check_history_file
from dq.report.history_file import file_lock as file_lock
from dq.report.history_file import lock_path as lock_path
from dq.report.history_flags import MIGRATION_V3, write_flags

if TYPE_CHECKING:
    import duckdb
    import polars as pl

#: Current schema. Bump it together with a new entry in :data:`MIGRATIONS`.
SCHEMA_VERSION: Final = 3

#: Step ``n`` takes a file from version ``n - 1`` to ``n``. Version 1 had no
#: per-expectation table and no regression count on runs; version 2 kept no
#: flagged records (so nothing could be marked new in the next report).
MIGRATIONS: Final[dict[int, tuple[str, ...]]] = {
    1: (
        """CREATE TABLE runs (
            run_id VARCHAR PRIMARY KEY,
            started_at TIMESTAMP NOT NULL,
            duration_s DOUBLE NOT NULL,
            corpus VARCHAR NOT NULL,
            suite VARCHAR,
            dq_version VARCHAR NOT NULL,
            records_seen BIGINT NOT NULL,
            records_loaded BIGINT NOT NULL,
            records_quarantined BIGINT NOT NULL,
            success BOOLEAN,
            expectations INTEGER NOT NULL,
            failed INTEGER NOT NULL)""",
        """CREATE TABLE rates (
            run_id VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            family VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            affected BIGINT NOT NULL,
            records BIGINT NOT NULL,
            rate DOUBLE NOT NULL,
            threshold DOUBLE,
            PRIMARY KEY (run_id, code))""",
        """CREATE TABLE source_rates (
            run_id VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            affected BIGINT NOT NULL,
            records BIGINT NOT NULL,
            rate DOUBLE NOT NULL,
            PRIMARY KEY (run_id, source, code))""",
    ),
    2: (
        "ALTER TABLE runs ADD COLUMN regressions INTEGER DEFAULT 0",
        """CREATE TABLE expectation_results (
            run_id VARCHAR NOT NULL,
            key VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            success BOOLEAN NOT NULL,
            observed VARCHAR NOT NULL,
            allowed VARCHAR NOT NULL,
            unexpected_count BIGINT,
            PRIMARY KEY (run_id, key))""",
    ),
    3: MIGRATION_V3,
}

RUN_COLUMNS: Final = (
    "run_id", "started_at", "duration_s", "corpus", "suite", "dq_version", "records_seen",
    "records_loaded", "records_quarantined", "success", "expectations", "failed", "regressions",
)  # fmt: skip



from dq.errors import HistoryError as HistoryError  # noqa: E402 - moved to dq.errors (issue 14), old name kept


@dataclass(frozen=True)
class RunRow:
    """One run as the ``runs`` table keeps it."""

    run_id: str
    started_at: str  # ISO 8601, UTC, seconds
    duration_s: float
    corpus: str
    suite: str | None
    dq_version: str
    records_seen: int
    records_loaded: int
    records_quarantined: int
    success: bool | None  # None: run without a suite
    expectations: int
    failed: int
    regressions: int = 0


@dataclass(frozen=True)
class RateRow:
    """Share of loaded records with at least one finding of ``code`` (or of a family)."""

    code: str
    family: str
    kind: str  # "code" or "family"
    affected: int
    records: int
    rate: float
    threshold: float | None = None


@dataclass(frozen=True)
class SourceRateRow:
    source: str
    code: str
    affected: int
    records: int
    rate: float


@dataclass(frozen=True)
class ExpectationRow:
    key: str
    code: str
    type: str
    success: bool
    observed: str
    allowed: str
    unexpected_count: int | None


@dataclass(frozen=True)
class RunRecord:
    """Everything one run adds to the history."""

    run: RunRow
    rates: Sequence[RateRow]
    source_rates: Sequence[SourceRateRow] = ()
    expectations: Sequence[ExpectationRow] = ()
    #: ``(code, record_id)`` of every record with a finding (kept as a bounded sketch for
    #: the next run's "new" examples); None: not known, the next run marks nothing new.
    flagged: pl.DataFrame | None = None


@dataclass(frozen=True)
class PastRuns:
    """The last runs before this one, oldest first, with their rates by code."""

    runs: tuple[RunRow, ...] = ()
    rates: dict[str, dict[str, float]] = field(default_factory=dict)  # run_id -> code -> rate

    def series(self, code: str) -> list[float]:
        """Rates of ``code`` over the runs, oldest first (0 where a run did not report it)."""
        return [self.rates.get(r.run_id, {}).get(code, 0.0) for r in self.runs]


@contextlib.contextmanager
def open_history(
    path: Path, *, write: bool, timeout: float = LOCK_TIMEOUT_S
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the history at ``path``, migrated to :data:`SCHEMA_VERSION`.

    ``write=True`` takes the exclusive lock and creates or migrates the file;
    ``write=False`` takes the shared lock and refuses a missing or outdated file.
    """
    if not write and not path.is_file():
        raise HistoryError(f"{path}: no such history file")
    check_history_file(path)  # before the lock: no x.lock beside a file that is not a history
    with file_lock(lock_path(path), exclusive=write, timeout=timeout):
        con = retry(
            lambda: connect(path, write=write),
            HeldByAnother,
            timeout,
            f"{path} is held by another program",
        )
        try:
            try:
                version = schema_version(con)
            except HistoryError as exc:
                raise HistoryError(f"{path}: {exc}") from None
            if version > SCHEMA_VERSION:
                raise HistoryError(
                    f"{path}: history schema {version} is newer than this dq knows "
                    f"({SCHEMA_VERSION}); upgrade dq"
                )
            if version < SCHEMA_VERSION:
                if not write:
                    raise HistoryError(
                        f"{path}: history schema {version} needs migrating to {SCHEMA_VERSION}; "
                        "the next `dq report` run does it"
                    )
                migrate(con, version)
            yield con
        finally:
            con.close()


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The file's schema version; 0 for an empty file. Raises for a foreign DuckDB file."""
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    if "dq_meta" not in tables:
        if tables:
            raise HistoryError(f"not a dq history file (tables: {', '.join(sorted(tables))})")
        return 0
    row = con.execute("SELECT value FROM dq_meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, version: int, *, to: int = SCHEMA_VERSION) -> None:
    """Apply every step after ``version`` up to ``to`` in one transaction."""
    con.begin()
    try:
        if version == 0:
            con.execute("CREATE TABLE dq_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
            con.execute("INSERT INTO dq_meta VALUES ('schema_version', '0')")
        for step in range(version + 1, to + 1):
            for statement in MIGRATIONS[step]:
                con.execute(statement)
        con.execute("UPDATE dq_meta SET value = ? WHERE key = 'schema_version'", [str(to)])
        con.commit()
    except BaseException:
        con.rollback()
        raise


def read_past(con: duckdb.DuckDBPyConnection, *, last: int) -> PastRuns:
    """The ``last`` most recent runs (oldest first) and their rates by code."""
    runs = read_runs(con, last=last)
    if not runs:
        return PastRuns()
    ids = [r.run_id for r in runs]
    placeholders = ", ".join("?" for _ in ids)
    rates: dict[str, dict[str, float]] = {i: {} for i in ids}
    for run_id, code, rate in con.execute(
        f"SELECT run_id, code, rate FROM rates WHERE run_id IN ({placeholders})",  # noqa: S608  (placeholders only)
        ids,
    ).fetchall():
        rates[run_id][code] = float(rate)
    return PastRuns(tuple(runs), rates)


def read_runs(con: duckdb.DuckDBPyConnection, *, last: int | None = None) -> list[RunRow]:
    """Runs oldest first; only the ``last`` most recent when given."""
    limit = "" if last is None else f"LIMIT {int(last)}"
    rows = con.execute(
        f"SELECT {', '.join(RUN_COLUMNS)} FROM runs "  # noqa: S608  (column names are constants)
        f"ORDER BY started_at DESC, run_id DESC {limit}"
    ).fetchall()
    return [_run_row(r) for r in reversed(rows)]


def _run_row(row: tuple[Any, ...]) -> RunRow:
    values = dict(zip(RUN_COLUMNS, row, strict=True))
    values["started_at"] = values["started_at"].isoformat(timespec="seconds")
    values["regressions"] = int(values["regressions"] or 0)
    return RunRow(**values)


def read_rates(
    con: duckdb.DuckDBPyConnection, run_ids: Sequence[str]
) -> list[tuple[str, str, str, float, float | None]]:
    """``(run_id, code, kind, rate, threshold)`` for the given runs, by run then code."""
    if not run_ids:
        return []
    placeholders = ", ".join("?" for _ in run_ids)
    rows = con.execute(
        f"SELECT run_id, code, kind, rate, threshold FROM rates "  # noqa: S608  (placeholders only)
        f"WHERE run_id IN ({placeholders}) ORDER BY run_id, code",
        list(run_ids),
    ).fetchall()
    return [
        (str(a), str(b), str(c), float(d), None if e is None else float(e))
        for a, b, c, d, e in rows
    ]


def write_run(con: duckdb.DuckDBPyConnection, record: RunRecord) -> None:
    """Insert one run and all its rows in one transaction (all or nothing)."""
    run = record.run
    con.begin()
    try:
        con.execute(
            f"INSERT INTO runs ({', '.join(RUN_COLUMNS)}) "  # noqa: S608  (column names are constants)
            f"VALUES ({', '.join('?' for _ in RUN_COLUMNS)})",
            [getattr(run, c) for c in RUN_COLUMNS],
        )
        if record.rates:
            con.executemany(
                "INSERT INTO rates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run.run_id,
                        r.code,
                        r.family,
                        r.kind,
                        r.affected,
                        r.records,
                        r.rate,
                        r.threshold,
                    )
                    for r in record.rates
                ],
            )
        if record.source_rates:
            _insert_frame(con, "source_rates", run.run_id, record.source_rates)
        if record.expectations:
            con.executemany(
                "INSERT INTO expectation_results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run.run_id,
                        e.key,
                        e.code,
                        e.type,
                        e.success,
                        e.observed,
                        e.allowed,
                        e.unexpected_count,
                    )
                    for e in record.expectations
                ],
            )
        if record.flagged is not None:
            write_flags(con, run.run_id, record.flagged)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _insert_frame(
    con: duckdb.DuckDBPyConnection, table: str, run_id: str, rows: Sequence[SourceRateRow]
) -> None:
    # A nightly corpus has thousands of sources; executemany inserts row by row.
    import polars as pl

    frame = pl.DataFrame(
        {
            "run_id": [run_id] * len(rows),
            "source": [r.source for r in rows],
            "code": [r.code for r in rows],
            "affected": [r.affected for r in rows],
            "records": [r.records for r in rows],
            "rate": [r.rate for r in rows],
        },
        schema={
            "run_id": pl.String,
            "source": pl.String,
            "code": pl.String,
            "affected": pl.Int64,
            "records": pl.Int64,
            "rate": pl.Float64,
        },
    )
    con.register("dq_frame", frame)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM dq_frame")  # noqa: S608  (constant table)
    finally:
        con.unregister("dq_frame")


def history_json(
    runs: Sequence[RunRow],
    rates: Sequence[tuple[str, str, str, float, float | None]],
    *,
    codes: Sequence[str] | None = None,
) -> dict[str, Any]:
    """``dq history --json``: runs oldest first, each with its rates by code (sorted, stable).

    ``rates`` as :func:`read_rates` returns them; ``codes`` keeps only those codes.

    >>> run = RunRow("r1", "2024-05-01T02:00:00", 1.5, "c", "nightly", "0.1", 3, 2, 1, True, 8, 0)
    >>> history_json([run], [("r1", "chrome", "family", 0.5, 0.2)])["runs"][0]["rates"]
    {'chrome': {'kind': 'family', 'rate': 0.5, 'threshold': 0.2}}
    """
    from dataclasses import asdict

    keep = set(codes) if codes else None
    by_run: dict[str, dict[str, dict[str, Any]]] = {}
    for run_id, code, kind, rate, threshold in rates:
        if keep is None or code in keep:
            by_run.setdefault(run_id, {})[code] = {
                "kind": kind, "rate": rate, "threshold": threshold
            }
    return {
        "format_version": 1,
        "schema_version": SCHEMA_VERSION,
        "runs": [
            {**asdict(r), "rates": dict(sorted(by_run.get(r.run_id, {}).items()))} for r in runs
        ],
    }
