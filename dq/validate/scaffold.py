"""``dq suite new``: a starting suite derived from the signal registry.

Why from the registry: it is the one list of reason codes, so a new code
shows up in scaffolded suites without anyone editing a template. Positive
signals (``has_credit_line``) count evidence *for* quality and get no
expectation. The file is written by us, formatted for people (GX's own
writer would turn ints into floats and drop explicit defaults).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def scaffold_suite(name: str, *, mostly: float | None = None) -> dict[str, Any]:
    """A suite with one ``== 0`` expectation per non-positive reason code.

    >>> suite = scaffold_suite("mine")
    >>> suite["expectations"][0]["kwargs"]
    {'column': 'licence_nag', 'min_value': 0, 'max_value': 0}
    >>> any(e["meta"]["code"] == "has_credit_line" for e in suite["expectations"])
    False
    """
    from dq.signals.registry import REGISTRY

    expectations = []
    for sig in REGISTRY:
        if sig.positive:
            continue
        kwargs: dict[str, Any] = {"column": sig.code, "min_value": 0, "max_value": 0}
        if mostly is not None and mostly < 1:
            kwargs["mostly"] = mostly
        expectations.append({
            "type": "expect_column_values_to_be_between",
            "kwargs": kwargs,
            "meta": {
                "code": sig.code,
                "rationale": f"{sig.description} ({sig.family}, {sig.severity}).",
            },
        })
    from dq.validate.runtable import DEFAULTS

    # the run table: written out, so the file shows (and can loosen) what dq would add anyway
    for d in DEFAULTS:
        meta = {k: v for k, v in d["meta"].items() if k != "dq_default"}
        expectations.append({"type": d["type"], "kwargs": dict(d["kwargs"]), "meta": meta})
    scope = "every record" if mostly is None else f"at least {mostly:.4g} of records"
    return {
        "name": name,
        "meta": {
            "description": f"Scaffolded by `dq suite new`: each reason code is 0 in {scope}.",
            "calibration": "Not calibrated yet: set thresholds from a run over your own corpus.",
        },
        "expectations": expectations,
    }


def format_suite(data: dict[str, Any]) -> str:
    """JSON for people: one line per kwargs and meta object, two-space indent.

    >>> entry = {"type": "t", "kwargs": {"column": "c"}, "meta": {"code": "c", "rationale": "r"}}
    >>> print(format_suite({"name": "x", "expectations": [entry]}), end="")
    {
      "name": "x",
      "expectations": [
        {
          "type": "t",
          "kwargs": {"column": "c"},
          "meta": {"code": "c", "rationale": "r"}
        }
      ]
    }
    """
    head = {k: v for k, v in data.items() if k != "expectations"}
    lines = ["{"]
    for k, v in head.items():
        value = json.dumps(v, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        lines.append(f"  {json.dumps(k)}: {value},")
    lines.append('  "expectations": [')
    entries = []
    for e in data["expectations"]:
        inner = ",\n".join(
            f"      {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in e.items()
        )
        entries.append("    {\n" + inner + "\n    }")
    lines.append(",\n".join(entries))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(line for line in lines if line) + "\n"


def write_suite(data: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_suite(data), encoding="utf-8")
