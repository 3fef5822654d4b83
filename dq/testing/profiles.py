"""Hypothesis profiles for projects that test cleaners with :mod:`dq.testing`.

Why shipped rather than left to each project's ``conftest.py``: the README
promises ``HYPOTHESIS_PROFILE=ci`` (derandomized, bounded: a CI run is
reproducible) and ``dev`` (explores more) to every user of the strategies,
pandera's habit. The pytest plugin registers them (:mod:`dq.testing.pytest_plugin`)
only once hypothesis is imported anyway, so the plugin stays light.
"""

from __future__ import annotations

import os
from typing import Final

#: The environment variable hypothesis users already know (pandera reads the same one).
PROFILE_ENV: Final = "HYPOTHESIS_PROFILE"
PROFILES: Final = ("ci", "dev")
#: ``ci``: examples per test. Bounded so a CI job's time is predictable; tests/conftest.py
#: (dq's own suite) uses the same value.
CI_MAX_EXAMPLES: Final = 30
#: ``dev``: explores more on a developer's machine.
DEV_MAX_EXAMPLES: Final = 500


def register_profiles() -> None:
    """Register ``ci`` and ``dev`` (idempotent; imports hypothesis)."""
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "ci",
        derandomize=True,
        max_examples=CI_MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("dev", max_examples=DEV_MAX_EXAMPLES, deadline=None)


def load_from_env(environ: os._Environ[str] | dict[str, str] | None = None) -> str | None:
    """Load the profile ``HYPOTHESIS_PROFILE`` names when it is one of ours; its name or None."""
    env = os.environ if environ is None else environ
    name = env.get(PROFILE_ENV)
    if name not in PROFILES:
        return None
    from hypothesis import settings

    register_profiles()
    settings.load_profile(name)
    return name
