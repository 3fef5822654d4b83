"""Expectations and their results in words: what ``dq suite show`` and every report print.

Why here and not GX's renderers: GX renders to its own HTML/markdown
structures and needs the library imported; a gate's output must be one
plain line per expectation that reads the same in a terminal, a JUnit
failure and a CI summary.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dq.validate.runtable import is_run_column
from dq.validate.suites import ExpectationSpec

#: What each run-table column counts, for people.
_RUN_WORDS = {
    "n_records_in": "records in the input",
    "n_loaded": "records read and validated",
    "n_quarantined": "records dq could not read",
    "quarantine_rate": "share of input records dq could not read",
}

_STATS = {
    "expect_column_mean_to_be_between": "the mean",
    "expect_column_median_to_be_between": "the median",
    "expect_column_max_to_be_between": "the largest",
    "expect_column_min_to_be_between": "the smallest",
    "expect_column_sum_to_be_between": "the sum",
    "expect_column_stdev_to_be_between": "the standard deviation",
    "expect_column_proportion_of_unique_values_to_be_between": "the share of distinct values",
}


def num(value: object) -> str:
    """A number as people write it: ``0`` not ``0.0``, at most 4 significant digits.

    >>> num(0.0), num(5000), num(0.012345), num("x")
    ('0', '5000', '0.01235', 'x')
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4g}"


def plural(n: int, word: str) -> str:
    """``1 record``, ``2 records``.

    >>> plural(1, "record"), plural(2, "finding")
    ('1 record', '2 findings')
    """
    return f"{n} {word}{'' if n == 1 else 's'}"


def percent(share: float) -> str:
    """``0.01`` -> ``'1%'``; ``0.001`` -> ``'0.1%'``.

    >>> percent(0.01), percent(0.001), percent(1 / 3)
    ('1%', '0.1%', '33.33%')
    """
    return f"{share * 100:.4g}%"


def _range(kwargs: Mapping[str, Any]) -> str:
    lo, hi = kwargs.get("min_value"), kwargs.get("max_value")
    if lo is not None and hi is not None:
        return f"is {num(lo)}" if lo == hi else f"is between {num(lo)} and {num(hi)}"
    if hi is not None:
        return f"is at most {num(hi)}"
    return f"is at least {num(lo)}"


def _scope(kwargs: Mapping[str, Any]) -> str:
    mostly = kwargs.get("mostly")
    if mostly is None or mostly >= 1:
        return "in every record"
    return f"in at least {percent(float(mostly))} of records"


def describe(spec: ExpectationSpec) -> str:
    """The expectation in words.

    >>> from dq.validate.suites import ExpectationSpec as E
    >>> describe(E(1, "expect_column_values_to_be_between",
    ...            {"column": "n_chrome", "min_value": 0, "max_value": 0, "mostly": 0.99}, {}))
    'n_chrome is 0 in at least 99% of records'
    >>> describe(E(1, "expect_column_mean_to_be_between", {"column": "n", "min_value": 9}, {}))
    'the mean of n is at least 9'
    """
    k, t, col = spec.kwargs, spec.type, spec.column
    if is_run_column(col) and t == "expect_column_values_to_be_between":
        return f"{col} {_range(k)} for the run ({_RUN_WORDS[str(col)]})"
    if t == "expect_column_values_to_be_between":
        return f"{col} {_range(k)} {_scope(k)}"
    if t == "expect_column_values_to_be_in_set":
        values = ", ".join(num(v) for v in k.get("value_set", ()))
        return f"{col} is one of {{{values}}} {_scope(k)}"
    if t == "expect_column_values_to_not_be_in_set":
        values = ", ".join(num(v) for v in k.get("value_set", ()))
        return f"{col} is none of {{{values}}} {_scope(k)}"
    if t == "expect_column_values_to_not_be_null":
        return f"{col} is set {_scope(k)}"
    if t == "expect_column_values_to_be_null":
        return f"{col} is empty {_scope(k)}"
    if t == "expect_column_values_to_be_unique":
        return f"{col} is unique across records"
    if t in _STATS:
        return f"{_STATS[t]} of {col} {_range(k)}"
    if t == "expect_table_row_count_to_be_between":
        return f"the number of records {_range(k)}"
    if t == "expect_column_to_exist":
        return f"the signal table has a column {col}"
    args = ", ".join(f"{key}={num(v)}" for key, v in sorted(k.items()))
    return f"{t}({args})"


def threshold(spec: ExpectationSpec) -> str:
    """What the expectation allows, in the words a failure line needs.

    >>> from dq.validate.suites import ExpectationSpec as E
    >>> threshold(E(1, "expect_column_values_to_be_between", {"column": "c", "max_value": 0}, {}))
    'none'
    >>> threshold(E(1, "expect_column_values_to_be_between",
    ...             {"column": "c", "max_value": 0, "mostly": 0.99}, {}))
    '≤ 1% of records'
    """
    k = spec.kwargs
    if is_map(spec.type) and not is_run_column(spec.column):
        mostly = k.get("mostly")
        if mostly is None or mostly >= 1:
            return "none"
        return f"≤ {percent(1 - float(mostly))} of records"
    lo, hi = k.get("min_value"), k.get("max_value")
    if lo is not None and hi is not None:
        return f"[{num(lo)}, {num(hi)}]"
    if hi is not None:
        return f"≤ {num(hi)}"
    if lo is not None:
        return f"≥ {num(lo)}"
    return "-"


def is_map(expectation_type: str) -> bool:
    """Map expectations judge each record (and so can name the records that fail)."""
    return expectation_type.startswith("expect_column_values_") or expectation_type in {
        "expect_column_pair_values_to_be_equal",
        "expect_compound_columns_to_be_unique",
        "expect_multicolumn_sum_to_equal",
    }


def observed(result: Mapping[str, Any]) -> str:
    """What GX observed, from a result's ``result`` block.

    >>> observed({"element_count": 12, "unexpected_count": 1, "unexpected_percent": 8.333})
    '1 of 12 records fail (8.333%)'
    >>> observed({"observed_value": 0.25})
    '0.25'
    """
    if "unexpected_count" in result:
        n, total = result.get("unexpected_count") or 0, result.get("element_count") or 0
        pct = result.get("unexpected_percent")
        share = f" ({num(pct)}%)" if n and pct is not None else ""
        return f"{n} of {total} records fail{share}"
    if "observed_value" in result:
        return num(result["observed_value"])
    return "-"
