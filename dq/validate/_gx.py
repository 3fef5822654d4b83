"""The one module that imports Great Expectations, always inside a function.

Why one module: ``import great_expectations`` costs seconds and ~250 MB, so
nothing may pay it before a validation actually runs (``dq --help``, the
pytest plugin at start-up); and the GX facts we depend on (strict suite
building, the private fingerprint knob, one context per process, a lock
around validation) must live in one place that an upgrade review can read.

Process-wide state, on purpose (breaking house habit 11): GX itself keeps a
global "current context" and process-wide registries of expectation and
metric classes, and a context is not thread-safe. So this module owns one
ephemeral context per process, created on first use and used under a lock.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

from dq.validate.suites import SuiteError, SuiteSpec, _hint, _where
from dq.validate.words import is_map

if TYPE_CHECKING:
    from dq.validate.table import PandasFrame

#: First pass over the whole suite: verdicts and counts, no record ids.
SUMMARY_FORMAT: Final = "SUMMARY"
#: Second pass, for failed expectations only: every failing row, named by record id.
#: Naming ids costs ~25 µs per failing row (GX looks each one up: 0.8 s for 30k
#: failing rows at 1M rows), so the gate pays for evidence only where data fails,
#: not for the 1% a passing ``mostly`` tolerates.
RESULT_FORMAT: Final[Mapping[str, Any]] = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": ["id"],
}
#: Offending records named per failed expectation. Above it the second pass
#: asks GX for the first this many only (``SUMMARY`` with
#: ``partial_unexpected_count``): naming every one (``COMPLETE``) cost ~25 µs
#: and a Python dict per failing row, and ``dq validate`` of bench_scale's
#: 4 GB (960k records, 8 expectations failing on up to 40% of them) peaked at
#: 4.05 GB against 1.97 GB for its scan (2026-11-28). The findings file still
#: lists every finding, and the counts stay exact.
MAX_NAMED: Final = 1000
DATASOURCE: Final = "dq"
#: The datasource of Spark DataFrames (:func:`spark_batch_definition`).
SPARK_DATASOURCE: Final = "dq_spark"
ASSET: Final = "signals"

_LOCK = threading.RLock()


@dataclass(frozen=True)
class _Runtime:
    gx: ModuleType
    context: Any
    batch_definition: Any


_RUNTIME: list[_Runtime] = []  # at most one: the process's ephemeral context
_NOISY_LOGGER: Final = "great_expectations.data_context.types.base"
#: GX's private module global: frames smaller than this many bytes are md5-fingerprinted.
_FINGERPRINT_KNOB: Final = "HASH_THRESHOLD"
_GX_DEFAULT_THRESHOLD: Final = 1e9


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Only warnings and errors from logger ``name`` while the block runs."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def import_gx() -> ModuleType:
    """``great_expectations``, imported quietly (its import warns about ``sre_constants``)."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"module 'sre_\w+' is deprecated", category=DeprecationWarning
        )
        import great_expectations as gx
    return gx


def _runtime() -> _Runtime:
    with _LOCK:
        if _RUNTIME:
            return _RUNTIME[0]
        gx = import_gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        # Ephemeral only: without a mode GX may pick a Cloud or File context from the environment.
        # Its INFO line about a temporary docs folder (created and removed at once) is noise in
        # every failure report; the module that logs it sets its own logger to INFO.
        with _quiet(_NOISY_LOGGER):
            context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        batch_definition = (
            context.data_sources.add_pandas(DATASOURCE)
            .add_dataframe_asset(ASSET)
            .add_batch_definition_whole_dataframe("whole_table")
        )
        set_fingerprinting(False)
        _RUNTIME.append(_Runtime(gx, context, batch_definition))
        return _RUNTIME[0]


def _engine_module() -> ModuleType:
    import_gx()
    import great_expectations.execution_engine.pandas_execution_engine as engine

    return engine


def fingerprint_knob_exists() -> bool:
    """Whether GX still has the private ``HASH_THRESHOLD`` we use to skip fingerprinting."""
    return isinstance(getattr(_engine_module(), _FINGERPRINT_KNOB, None), int | float)


def set_fingerprinting(enabled: bool) -> None:
    """Turn GX's md5 fingerprint of every validated frame on or off.

    Why off: the fingerprint hashes the whole frame on every validation
    (1.6-2.2 s at 1M rows, more than the validation itself) and nothing in
    dq reads it. The only switch is a private module global: frames smaller
    than ``HASH_THRESHOLD`` bytes are hashed, so 0 hashes none. A test checks
    the knob still exists after a GX upgrade; without it validation still
    works, only slower.
    """
    engine = _engine_module()
    if hasattr(engine, _FINGERPRINT_KNOB):
        setattr(engine, _FINGERPRINT_KNOB, _GX_DEFAULT_THRESHOLD if enabled else 0)


@contextmanager
def fingerprinting(enabled: bool) -> Iterator[None]:
    """Temporarily turn fingerprinting on or off (the benchmark compares both)."""
    engine = _engine_module()
    before = getattr(engine, _FINGERPRINT_KNOB, None)
    set_fingerprinting(enabled)
    try:
        yield
    finally:
        if before is not None:
            setattr(engine, _FINGERPRINT_KNOB, before)


def build_suite(spec: SuiteSpec) -> Any:
    """A ``gx.ExpectationSuite`` with exactly the expectations of ``spec``, or :class:`SuiteError`.

    Each entry goes through ``ExpectationConfiguration(...).to_domain_obj()``,
    which raises on an unknown type or bad kwargs (``ExpectationSuite(**data)``
    would log and drop them), and the count is checked after building.
    """
    with _LOCK:
        gx = _runtime().gx
        from great_expectations.exceptions.exceptions import (
            ExpectationNotFoundError,
            InvalidExpectationConfigurationError,
        )
        from great_expectations.expectations.expectation_configuration import (
            ExpectationConfiguration,
        )
        from great_expectations.expectations.metadata_types import FailureSeverity
        from great_expectations.expectations.registry import (
            list_registered_expectation_implementations,
        )

        built = []
        for e in spec.expectations:
            where = _where(spec.path, e.index, e.type)
            try:
                config = ExpectationConfiguration(
                    type=e.type, kwargs=dict(e.kwargs), meta=dict(e.meta), notes=e.notes,
                    severity=FailureSeverity(e.severity),
                )
                built.append(config.to_domain_obj())
            except ExpectationNotFoundError:
                known = list_registered_expectation_implementations()
                raise SuiteError(
                    f"{where}: unknown expectation type {e.type!r}{_hint(e.type, known)}"
                ) from None
            except (InvalidExpectationConfigurationError, ValueError, TypeError) as exc:
                raise SuiteError(f"{where}: invalid kwargs: {_explain(exc)}") from None
        suite = gx.ExpectationSuite(name=spec.name, expectations=built, meta=dict(spec.meta))
        if len(suite.expectations) != len(spec.expectations):
            raise SuiteError(
                f"{spec.path}: GX kept {len(suite.expectations)} of "
                f"{len(spec.expectations)} expectations; refusing a suite that checks less"
            )
        return suite


def validate_frame(suite: Any, frame: PandasFrame | Any, *, spark: bool = False
                   ) -> dict[str, Any]:
    """Validate ``frame`` against ``suite``; GX's ``to_json_dict()`` of the result.

    Two passes: the whole suite with ``SUMMARY``, then each failed map
    expectation again with :data:`RESULT_FORMAT` (its result replaces the
    summary), so a failure names its offending records (up to
    :data:`MAX_NAMED`: :func:`named_format`). Passing expectations keep
    GX's summary (counts and up to 20 example values). ``spark``: ``frame``
    is a Spark DataFrame, validated through GX's Spark datasource
    (:func:`spark_batch_definition`; never collected).
    """
    with _LOCK:
        definition = spark_batch_definition() if spark else _runtime().batch_definition
        batch = definition.get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(suite, result_format=SUMMARY_FORMAT)
        for i, res in enumerate(result.results):
            expectation = suite.expectations[i]
            if res.success or _raised(res.exception_info):
                continue  # passed, or crashed (reported as a harness error)
            if not is_map(expectation.expectation_type):
                continue  # an aggregate has no rows to name
            failing = (res.result or {}).get("unexpected_count") or 0
            result.results[i] = batch.validate(expectation, result_format=named_format(failing))
        out: dict[str, Any] = result.to_json_dict()
        return out


def spark_batch_definition() -> Any:
    """The whole-dataframe batch definition of a Spark datasource on this process's
    context (added on first use; ``dq --engine spark``)."""
    with _LOCK:
        context = _runtime().context
        if SPARK_DATASOURCE in {ds.name for ds in context.data_sources.all().values()}:
            source = context.data_sources.get(SPARK_DATASOURCE)
            return source.get_asset(ASSET).get_batch_definition("whole_table")
        return (context.data_sources.add_spark(SPARK_DATASOURCE).add_dataframe_asset(ASSET)
                .add_batch_definition_whole_dataframe("whole_table"))


def named_format(failing: int) -> dict[str, Any]:
    """The second pass's result format for an expectation with ``failing`` rows:
    every one named up to :data:`MAX_NAMED`, else the first that many (frame order).

    >>> named_format(3)["result_format"], named_format(5000)["partial_unexpected_count"]
    ('COMPLETE', 1000)
    """
    if failing <= MAX_NAMED:
        return dict(RESULT_FORMAT)
    return {**RESULT_FORMAT, "result_format": "SUMMARY", "partial_unexpected_count": MAX_NAMED}


def _raised(info: Any) -> bool:
    """Whether an ``exception_info`` says a metric crashed (flat or keyed by metric id)."""
    if not info:
        return False
    if "raised_exception" in info:
        return bool(info["raised_exception"])
    return any(isinstance(v, Mapping) and v.get("raised_exception") for v in info.values())


def _explain(exc: Exception) -> str:
    """One line from a pydantic (v1, as GX uses it) validation error, else the message."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        by_field: dict[str, str] = {}
        try:
            for err in errors():
                loc = ".".join(str(x) for x in err.get("loc", ()))
                # pydantic lists one error per accepted type of a Union field; the first says enough
                by_field.setdefault(loc, str(err.get("msg")))
        except (TypeError, AttributeError):
            by_field = {}
        if by_field:
            return "; ".join(
                msg if loc == "__root__" else f"{loc}: {msg}" for loc, msg in by_field.items()
            )
    return " ".join(str(exc).split())
