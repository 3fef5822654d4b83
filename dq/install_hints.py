"""What to install when an optional dependency is missing, named by the right extra.

Why one place: the message used to say ``pip install 'dq[report]'``, which
names another project's distribution (``dq`` on the package index is not
this one) and an extra that did not contain Great Expectations.
"""

from __future__ import annotations

from typing import Final

#: The distribution name on the package index (``import dq``, command ``dq``).
DISTRIBUTION: Final = "dq-harness"
#: Top-level module -> the extra that installs it (pyproject.toml's optional dependencies).
EXTRAS: Final = {
    "great_expectations": "gx",
    "pandas": "gx",
    "duckdb": "report",
    "altair": "report",
    "vl_convert": "report",
    "filelock": "report",
    "jinja2": "report",
    "hypothesis": "dev",
}


def install_hint(module: str | None) -> str:
    """``pip install 'dq-harness[EXTRA]'`` for a missing ``module`` (its top-level name).

    >>> install_hint("great_expectations")
    "great_expectations is missing: pip install 'dq-harness[gx]'"
    >>> install_hint("vl_convert.x")
    "vl_convert is missing: pip install 'dq-harness[report]'"
    >>> install_hint("unknown_mod")
    "unknown_mod is missing: pip install 'dq-harness[report]'"
    """
    top = (module or "a dependency").split(".")[0]
    extra = EXTRAS.get(top, "report")
    return f"{top} is missing: pip install '{DISTRIBUTION}[{extra}]'"
