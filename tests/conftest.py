"""Shared test setup: hypothesis profiles and paths.

Profiles (pandera's habit): ``ci`` is derandomized with bounded examples so a
CI run is reproducible; ``dev`` explores more. Pick with HYPOTHESIS_PROFILE;
the default is ``ci`` so a bare ``pytest`` is deterministic too.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The wordfreq lexicon cache (dq.signals.context) goes to a folder of this
# test session's own, so tests neither read a stale cache from the user's
# ~/.cache nor write there; the first DetectContext builds it, the rest read it.
# Set before any test runs, so CLI subprocesses inherit it too.
_CACHE_DIR = tempfile.mkdtemp(prefix="dq-test-cache-")
os.environ["DQ_CACHE_DIR"] = _CACHE_DIR


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


# --- pytest-xdist: CI runs ``pytest -n 2 --dist loadfile`` ----------------------------------
# A file is one unit of work (its module-scoped fixtures are built once), except that the
# Spark files are one unit together: one worker, one JVM and SparkSession for all of them,
# and that each test of PER_TEST_FILES is a unit of its own (independent tests with no
# module-scoped fixture: hundreds of small units fill the end of the run on both workers).
# (``--dist loadgroup`` with xdist_group marks would say the same, but pytest 9.2 no longer
# lets xdist 3.8 rewrite node ids, so the marks are silently ignored: pytest-xdist#1386.)
# Units are sent out heaviest first (the Spark unit, then by estimated cost), so no worker is
# left finishing a long file while the other sits idle. A serial run is left as collected.
SPARK_UNIT = "spark"
#: Files whose tests share nothing built per module, sent out a test at a time. The bad-input
#: matrix was a quarter of the suite's test time in one unit (2026-12-07): as one file it
#: kept one worker busy while the other sat idle at the end.
PER_TEST_FILES = frozenset({"tests/test_bad_input_matrix.py"})
#: Estimated cost of a ``slow`` test in plain tests: the marker is for tests that took 15 s or
#: more on loaded cores (pyproject.toml), most others take well under a second.
SLOW_WEIGHT = 40


def _unit(nodeid: str) -> str:
    """The unit of work of a test under ``--dist loadfile``: its file, all Spark files, or
    the test itself in :data:`PER_TEST_FILES`.

    >>> _unit("tests/test_spark_cli.py::test_x[1]"), _unit("dq/io.py::dq.io.read")
    ('spark', 'dq/io.py')
    >>> _unit("tests/test_bad_input_matrix.py::test_x[a-scan]")
    'tests/test_bad_input_matrix.py::test_x[a-scan]'
    """
    path = nodeid.split("::", 1)[0]
    if path in PER_TEST_FILES:
        return nodeid
    return SPARK_UNIT if Path(path).name.startswith("test_spark") else path


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling  # type: ignore[import-untyped]

    class SparkTogether(LoadFileScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return _unit(nodeid)

        def _reschedule(self, node: Any) -> None:
            """xdist's rule, but a worker gets its next unit only when it holds one test and
            has run the rest: a worker runs a test once it knows the next one, so one held
            test is the least that keeps it going. (xdist sends more at two tests pending: a
            unit whose last-but-one test is long, such as a battery pass, then has the next
            unit bound to that worker while the other may sit idle.)"""
            if node.shutting_down:
                return
            if not self.workqueue:
                node.shutdown()
                return
            if self._pending_of(self.assigned_work[node]) <= 1:
                self._assign_work_unit(node)

    config.option.loadscopereorder = False  # keep the order the workers sorted (below)
    return SparkTogether(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not hasattr(config, "workerinput"):  # not an xdist worker: a serial run keeps its order
        return
    cost: dict[str, int] = {}
    for item in items:
        weight = SLOW_WEIGHT if item.get_closest_marker("slow") else 1
        cost[_unit(item.nodeid)] = cost.get(_unit(item.nodeid), 0) + weight
    cost[SPARK_UNIT] = sum(cost.values())  # first: a JVM to start, its cost is not in marks
    items.sort(key=lambda item: -cost[_unit(item.nodeid)])  # stable: a file keeps its order


REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_ID = "000_be765a12c0df3d38"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def seed_text() -> str:
    """The seed article as bundled in corpus/articles.jsonl (works without ../shared)."""
    import json

    with (REPO / "corpus" / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] == SEED_ID:
                return str(rec["text"])
    raise AssertionError("seed record missing from corpus/articles.jsonl")


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local[2] SparkSession for the Spark tests (skipped, saying why, without Java or
    the spark extra). dq.spark imports no pyspark until a session is asked for."""
    from dq.spark import java_missing

    why = java_missing()
    if why is not None:
        pytest.skip(f"Spark tests need Java: {why}")
    pytest.importorskip("pyspark", reason="Spark tests need the spark extra (pyspark)")
    import dq.spark

    yield dq.spark.session("local[2]")
