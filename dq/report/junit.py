"""``dq validate --junit``: one JUnit testcase per expectation, for CI test-report views.

Why JUnit: every CI system can show JUnit XML as a list of tests with
failures; a reviewer clicks the failing expectation and reads the offending
records and lines in the failure text. Written with the standard library
(no dependency), shaped like the common Jenkins/Surefire schema:
``testsuites > testsuite > testcase > failure``. No ``time`` or
``timestamp`` attributes: the same run gives the same file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dq.validate.console import evidence_lines

if TYPE_CHECKING:
    from dq.validate.outcome import ValidationOutcome

#: Offending records written into one failure's text (a CI page stays readable).
RECORD_LIMIT: Final = 50
#: Characters XML 1.0 cannot carry at all (scraped text does contain form feeds and NULs).
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` with characters XML cannot carry replaced by U+FFFD.

    >>> xml_safe("a\\x0cb\\x00")
    'a\ufffdb\ufffd'
    """
    return _NOT_XML.sub("\ufffd", text)


def junit_tree(
    outcome: ValidationOutcome, *, limit: int = RECORD_LIMIT
) -> ET.ElementTree[ET.Element]:
    n, failed = len(outcome.expectations), len(outcome.failed)
    counts = {"tests": str(n), "failures": str(failed), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "dq validate", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": xml_safe(outcome.suite.name), **counts})
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("suite_path", outcome.suite.path),
        ("records_seen", str(outcome.seen)),
        ("records_validated", str(outcome.records)),
        ("records_quarantined", str(outcome.quarantined)),
    ):
        ET.SubElement(props, "property", {"name": name, "value": xml_safe(value)})
    classname = f"dq.{outcome.suite.name}"
    for e in outcome.expectations:
        name = xml_safe(f"{e.spec.key}: {e.description}")
        case = ET.SubElement(suite, "testcase", {"classname": xml_safe(classname), "name": name})
        if e.success:
            continue
        message = f"observed {e.observed}, allowed {e.threshold}"
        if not e.blocks:
            # reported, not failed: a warning/info severity passes the gate (--strict aside)
            out = ET.SubElement(case, "system-out")
            out.text = xml_safe(f"{e.status} ({e.spec.severity}): {e.description}: {message}\n")
            continue
        text = [f"{e.description}: {message}", f"why: {e.spec.rationale}"]
        text += evidence_lines(e, limit=limit)
        failure = ET.SubElement(
            case, "failure", {"message": xml_safe(message), "type": e.spec.code}
        )
        failure.text = xml_safe("\n".join(text) + "\n")
    ET.indent(root)
    return ET.ElementTree(root)


def render_junit(outcome: ValidationOutcome, *, limit: int = RECORD_LIMIT) -> str:
    body = ET.tostring(junit_tree(outcome, limit=limit).getroot(), encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def write_junit(outcome: ValidationOutcome, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_junit(outcome), encoding="utf-8")
