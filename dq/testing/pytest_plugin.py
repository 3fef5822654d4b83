"""pytest plugin: every expectation of a dq suite becomes a test item.

    pytest --dq-corpus corpus/ --dq-suite expectations/pre-merge.json

Why a plugin next to ``dq validate``: projects that already gate merges on
pytest get one test per expectation (``pre-merge.json::02_chrome``) in the
same report, with the offending records and lines as the failure text.

Registered through the ``pytest11`` entry point, so pytest imports this
module in *every* run of a project that has dq installed. It therefore
imports only pytest at module level; the suite is read during collection
and the corpus is loaded and validated (Polars, Great Expectations) the
first time one of its items is set up, once per suite file. Without
``--dq-suite`` the plugin does nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# The cleaner-battery fixtures (``check_cleaner``, ``dq_detect_context``) reach projects through
# this plugin; that module is as light as this one (it imports dq's detectors inside the fixtures).
from dq.testing.fixtures import check_cleaner, dq_detect_context

if TYPE_CHECKING:
    from collections.abc import Iterator

    from _pytest._code.code import TerminalRepr

    from dq.validate.outcome import ExpectationOutcome, ValidationOutcome
    from dq.validate.suites import SuiteSpec


__all__ = ["check_cleaner", "dq_detect_context"]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("dq", "dq: validate an article corpus with an expectation suite")
    group.addoption(
        "--dq-corpus", action="append", default=[], metavar="PATH",
        help="Corpus file, folder or glob to validate (repeatable).",
    )
    group.addoption(
        "--dq-suite", action="append", default=[], metavar="FILE",
        help="Suite JSON file; each expectation becomes a test item (repeatable).",
    )
    group.addoption(
        "--dq-map", action="append", default=[], metavar="FIELD=COLUMN",
        help="Use input COLUMN as article FIELD when loading the corpus (repeatable).",
    )
    group.addoption(
        "--dq-strict", action="store_true", default=False,
        help="Expectations of severity 'warning' fail their item too.",
    )


@pytest.hookimpl(tryfirst=True)  # before hypothesis's plugin loads --hypothesis-profile
def pytest_configure(config: pytest.Config) -> None:
    corpus, suites = config.getoption("dq_corpus"), config.getoption("dq_suite")
    if bool(corpus) != bool(suites):
        raise pytest.UsageError("dq: --dq-corpus and --dq-suite are needed together")
    if _profile_asked(config):
        # before any test module applies @given; --hypothesis-profile is loaded by
        # hypothesis's own plugin right after this hook, the variable here
        from dq.testing.profiles import load_from_env, register_profiles

        register_profiles()
        if config.getoption("hypothesis_profile", default=None) is None:
            load_from_env()


def _profile_asked(config: pytest.Config) -> bool:
    """Whether the run names one of dq's hypothesis profiles (so hypothesis is imported anyway)."""
    from dq.testing.profiles import PROFILE_ENV, PROFILES

    try:
        option = config.getoption("hypothesis_profile")
    except ValueError:  # hypothesis is not installed: it has no option
        option = None
    return option in PROFILES or os.environ.get(PROFILE_ENV) in PROFILES


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once test modules imported hypothesis: register ``ci``/``dev`` for ``load_profile``."""
    if "hypothesis" not in sys.modules:
        return
    from dq.testing.profiles import register_profiles

    register_profiles()


@pytest.hookimpl(tryfirst=True)  # before -k/-m deselection, so those select dq items too
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    suites = config.getoption("dq_suite")
    if not suites:
        return
    base = config.invocation_params.dir
    for raw in suites:
        node = DqSuiteFile.from_parent(session, path=(base / raw).resolve())
        collected: list[pytest.Item | pytest.Collector] = list(node.collect())
        # Report them like collected files, so "collected N items" and -k/-m counts include them.
        config.hook.pytest_collectreport(
            report=pytest.CollectReport(node.nodeid, "passed", None, collected)
        )
        items.extend(i for i in collected if isinstance(i, pytest.Item))


class DqSuiteFile(pytest.File):
    """A suite file: collects one item per expectation, validates the corpus once."""

    _spec: SuiteSpec | None = None
    _result: ValidationOutcome | BaseException | None = None

    def spec(self) -> SuiteSpec:
        if self._spec is None:
            from dq.validate.suites import SuiteError, read_suite

            try:
                self._spec = read_suite(self.path)
            except SuiteError as exc:
                raise pytest.UsageError(f"dq: {exc}") from None
        return self._spec

    def collect(self) -> Iterator[pytest.Item]:
        for i, e in enumerate(self.spec().expectations):
            yield DqExpectationItem.from_parent(self, name=e.key, index=i)

    def outcome(self) -> ValidationOutcome:
        """The suite's verdict on the corpus, computed on first use."""
        if self._result is None:
            from dq.validate.run import validate_corpus

            config = self.config
            base = config.invocation_params.dir
            paths = [str(base / p) for p in config.getoption("dq_corpus")]
            try:
                self._result = validate_corpus(
                    paths, self.spec(), mappings=config.getoption("dq_map")
                ).outcome
            except Exception as exc:
                self._result = exc
        if isinstance(self._result, BaseException):
            raise self._result
        return self._result


class DqExpectationFailed(AssertionError):
    """An expectation the corpus did not meet (a data failure, not a harness error)."""

    def __init__(self, outcome: ExpectationOutcome) -> None:
        super().__init__(outcome.description)
        self.outcome = outcome


class DqExpectationItem(pytest.Item):
    """One expectation of a suite."""

    def __init__(self, *, index: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.index = index

    @property
    def suite_file(self) -> DqSuiteFile:
        assert isinstance(self.parent, DqSuiteFile)
        return self.parent

    def setup(self) -> None:
        # Loading and validating happen here, so a broken corpus or a crashed
        # metric is reported as an ERROR (harness), never as a FAILED item.
        self.suite_file.outcome()

    def runtest(self) -> None:
        result = self.suite_file.outcome().expectations[self.index]
        if self.config.getoption("dq_strict"):
            from dataclasses import replace

            result = replace(result, strict=True)
        if result.blocks:
            raise DqExpectationFailed(result)
        if not result.success:  # a warning/info severity: reported, not failed
            self.user_properties.append(("dq_status", result.status))
            self.add_report_section("call", "dq", f"{result.status} {result.description}: "
                                    f"observed {result.observed}, allowed {result.threshold}")

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, DqExpectationFailed):
            from dq.validate.console import evidence_lines, expectation_line

            e = excinfo.value.outcome
            lines = [expectation_line(e), f"why: {e.spec.rationale}", *evidence_lines(e)]
            return "\n".join(lines)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        spec = self.suite_file.spec().expectations[self.index]
        return self.path, None, f"dq {spec.key}: {spec.type}"
