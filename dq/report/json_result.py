"""``dq validate --json``: GX's full result plus dq's verdicts and evidence, sorted and stable.

Why both halves: GX's ``to_json_dict()`` is what other GX tooling reads;
dq's half names every offending record with its findings (line, code,
snippet), which GX cannot know. Keys are sorted and lists keep a fixed
order (suite order, record id, line), so two runs over the same corpus
differ only in GX's own load timestamp (``gx.meta.batch_markers.ge_load_time``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dq.validate.outcome import ExpectationOutcome, ValidationOutcome

FORMAT_VERSION = 1


def result_dict(outcome: ValidationOutcome) -> dict[str, Any]:
    """The whole result as plain JSON data."""
    return {
        "dq": {
            "format_version": FORMAT_VERSION,
            "suite": {"name": outcome.suite.name, "path": outcome.suite.path},
            "success": outcome.success,
            "strict": outcome.strict,
            "statistics": {
                "expectations": len(outcome.expectations),
                "failed": len(outcome.failed),
                "warned": len(outcome.warned),
                "records_seen": outcome.seen,
                "records_validated": outcome.records,
                "records_quarantined": outcome.quarantined,
            },
            "expectations": [_expectation(e) for e in outcome.expectations],
        },
        "gx": outcome.gx,
    }


def _expectation(e: ExpectationOutcome) -> dict[str, Any]:
    return {
        "key": e.spec.key,
        "type": e.spec.type,
        "column": e.spec.column,
        "code": e.spec.code,
        "rationale": e.spec.rationale,
        "description": e.description,
        "success": e.success,
        "severity": e.spec.severity,
        "status": e.status,
        "dq_default": e.spec.is_default,
        "observed": e.observed,
        "allowed": e.threshold,
        "unexpected_count": e.unexpected_count,
        "offenders": [
            {"record_id": o.record_id, "value": o.value,
             **({"where": o.where} if o.where else {}),  # file:row, when the CLI knows it
             "findings": [dict(f) for f in o.findings]}
            for o in e.offenders
        ],
    }


def render_json(outcome: ValidationOutcome) -> str:
    return json.dumps(result_dict(outcome), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_json(outcome: ValidationOutcome, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_json(outcome), encoding="utf-8")
