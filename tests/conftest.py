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
    max_examples=60,
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
