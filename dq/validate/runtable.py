"""The run table: one row that says how much of the input the gate actually read.

Why a table of its own: the signal table has one row per record that
*loaded*, so an expectation over it cannot see records dq failed to read.
A file of nine broken JSON lines and one good one, or a Parquet file whose
text column needs ``--map``, used to pass the gate with ``0 validated, 82
quarantined``: every expectation over zero rows holds. The run table has
one row, so GX checks it with the same expectations (same JSON syntax,
same engine, same failure reporting) a suite uses for records::

    {"type": "expect_column_values_to_be_between",
     "kwargs": {"column": "n_quarantined", "min_value": 0, "max_value": 0},
     "meta": {"code": "quarantined", "rationale": "..."}}

An expectation names either run-table columns or signal-table columns,
never both. A suite that says nothing about a run column gets dq's
default for it (:func:`default_entries`): no record quarantined and at
least one record validated. A suite *allows* unreadable data by writing
its own expectation on ``n_quarantined`` or ``quarantine_rate`` (and an
empty corpus by writing one on ``n_loaded`` or ``n_records_in``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import polars as pl

    from dq.validate.suites import SuiteSpec

#: Columns of the one-row run table, in order.
RUN_COLUMNS: Final = ("n_records_in", "n_loaded", "n_quarantined", "quarantine_rate")
#: Reason codes a run-table expectation may guard (``meta.code``).
RUN_CODES: Final = ("quarantined", "empty_corpus")
#: The id of the run table's single row (GX names failing rows by ``id``).
RUN_ID: Final = "run"
#: Which run columns speak to which code: a suite expectation on any of
#: them replaces dq's default for that code.
_CODE_COLUMNS: Final[Mapping[str, frozenset[str]]] = {
    "quarantined": frozenset({"n_quarantined", "quarantine_rate"}),
    "empty_corpus": frozenset({"n_loaded", "n_records_in"}),
}
QUARANTINED_RATIONALE: Final = (
    "Records dq could not read (broken JSON, a missing text column, bad bytes) were never "
    "checked: fix the input (see the quarantine file, or --map a column) or allow them with "
    "an expectation on n_quarantined or quarantine_rate."
)
EMPTY_RATIONALE: Final = (
    "A gate over zero records proves nothing: an empty input, or one whose every record was "
    "quarantined, fails."
)
#: The entries :func:`default_entries` adds (marked ``meta.dq_default``).
DEFAULTS: Final[tuple[Mapping[str, Any], ...]] = (
    {
        "type": "expect_column_values_to_be_between",
        "kwargs": {"column": "n_quarantined", "min_value": 0, "max_value": 0},
        "meta": {"code": "quarantined", "rationale": QUARANTINED_RATIONALE, "dq_default": True},
    },
    {
        "type": "expect_column_values_to_be_between",
        "kwargs": {"column": "n_loaded", "min_value": 1},
        "meta": {"code": "empty_corpus", "rationale": EMPTY_RATIONALE, "dq_default": True},
    },
)


def run_row(*, records: int, seen: int, quarantined: int) -> dict[str, int | float]:
    """The run table's values (``quarantine_rate`` is 0 for an empty input).

    >>> run_row(records=1, seen=10, quarantined=9)
    {'n_records_in': 10, 'n_loaded': 1, 'n_quarantined': 9, 'quarantine_rate': 0.9}
    >>> run_row(records=0, seen=0, quarantined=0)["quarantine_rate"]
    0.0
    """
    rate = quarantined / seen if seen else 0.0
    return {
        "n_records_in": seen, "n_loaded": records, "n_quarantined": quarantined,
        "quarantine_rate": rate,
    }


def run_frame(row: Mapping[str, int | float]) -> pl.DataFrame:
    """The one-row run table, with an ``id`` column like the signal table's."""
    import polars as pl

    return pl.DataFrame(
        {"id": [RUN_ID], **{c: [row[c]] for c in RUN_COLUMNS}},
        schema={"id": pl.String, "n_records_in": pl.Int64, "n_loaded": pl.Int64,
                "n_quarantined": pl.Int64, "quarantine_rate": pl.Float64},
    )


def is_run_column(column: str | None) -> bool:
    return column in RUN_COLUMNS


def default_entries(entries: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """dq's default run-table expectations that ``entries`` (raw suite entries) do not replace.

    >>> [e["kwargs"]["column"] for e in default_entries([])]
    ['n_quarantined', 'n_loaded']
    >>> rate = {"type": "t", "kwargs": {"column": "quarantine_rate", "max_value": 0.01}}
    >>> [e["kwargs"]["column"] for e in default_entries([rate])]
    ['n_loaded']
    """
    named = set()
    for e in entries:
        kwargs = e.get("kwargs") if isinstance(e, Mapping) else None
        if isinstance(kwargs, Mapping) and isinstance(kwargs.get("column"), str):
            named.add(kwargs["column"])
    return [copy.deepcopy(dict(d)) for d in DEFAULTS
            if not named & _CODE_COLUMNS[d["meta"]["code"]]]


def split(spec: SuiteSpec) -> tuple[SuiteSpec, SuiteSpec]:
    """The expectations over the signal table and those over the run table (indexes kept)."""
    run = tuple(e for e in spec.expectations if is_run_column(e.column))
    records = tuple(e for e in spec.expectations if not is_run_column(e.column))
    return replace(spec, expectations=records), replace(spec, expectations=run)
