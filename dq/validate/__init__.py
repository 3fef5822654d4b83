"""Gate a corpus with Great Expectations suites: the only GX boundary in dq.

Polars computes the signal table (one row per record, counts per reason
code); GX validates that table against a plain-JSON suite from
``expectations/``. Importing this package is cheap: GX is imported by
:mod:`dq.validate._gx` only when a suite is built or run.

    from dq.validate import read_suite, validate_corpus
    result = validate_corpus(["corpus/"], "expectations/pre-merge.json")
    result.outcome.success
"""

from __future__ import annotations

from dq.validate.baseline import BaselineError
from dq.validate.hints import map_hints
from dq.validate.outcome import (
    ExpectationOutcome,
    HarnessError,
    Offender,
    ValidationOutcome,
)
from dq.validate.run import CorpusValidation, validate_corpus, validate_table
from dq.validate.suites import (
    ExpectationSpec,
    SuiteError,
    SuiteSpec,
    check_codes,
    find_suite,
    read_suite,
)
from dq.validate.words import describe

__all__ = [
    "BaselineError",
    "CorpusValidation",
    "ExpectationOutcome",
    "ExpectationSpec",
    "HarnessError",
    "Offender",
    "SuiteError",
    "SuiteSpec",
    "ValidationOutcome",
    "check_codes",
    "describe",
    "find_suite",
    "map_hints",
    "read_suite",
    "validate_corpus",
    "validate_table",
]
