"""``--output-format``: findings and gate failures for machines, CI and editors.

Why one list of :class:`Issue` rows behind every format: ``dq scan`` has
findings, ``dq validate`` has failed expectations with offending records and
*their* findings; both become "this record, at this place in this file, has
this problem", and each format (ruff's names: ``concise``, ``json``,
``jsonl``, ``github``, ``sarif``, ``junit``) only renders rows. A row's
location is the record's source, ``file:row`` (``dq_file``/``dq_row`` of the
loaded frame: the JSONL line, the CSV line, the Parquet row), so a GitHub
annotation or an editor jumps to the record; ``line`` is the line *inside*
the record's text where the finding is.

Formats are pure ``-> str`` functions; :func:`open_output` writes to a path
or, for ``-``, to standard output.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import polars as pl

    from dq.validate.outcome import ValidationOutcome

#: ``--output-format`` choices besides the rich terminal ``table`` (ruff's convention).
FORMATS: Final = ("concise", "json", "jsonl", "github", "junit", "sarif")
SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
#: A record location: (file, row), from the loaded frame's ``dq_file``/``dq_row``.
Location = tuple[str, int]


@dataclass(frozen=True)
class Issue:
    """One problem at one place: what every machine format renders."""

    file: str | None
    row: int | None
    record_id: str
    line: int | None
    code: str
    severity: str
    message: str
    #: The expectation that failed (``dq validate``), else None.
    expectation: str | None = None
    fix: str | None = None

    @property
    def where(self) -> str:
        """``file:row`` (or the record id when the source is unknown)."""
        if self.file is None:
            return self.record_id
        return f"{self.file}:{self.row}" if self.row is not None else self.file


def locations(articles: pl.DataFrame) -> dict[str, Location]:
    """Record id -> (file, row) from a loaded frame's ``id``, ``dq_file``, ``dq_row``."""
    if not {"id", "dq_file", "dq_row"} <= set(articles.columns):
        return {}
    return {
        str(i): (str(f), int(r))
        for i, f, r in articles.select("id", "dq_file", "dq_row").iter_rows()
    }


def _issue(row: Mapping[str, Any], where: Mapping[str, Location], **extra: Any) -> Issue:
    rid = str(row["record_id"])
    file, at = where.get(rid, (None, None))
    line = row.get("line")
    return Issue(
        file=file, row=at, record_id=rid, line=int(line) if line else None,
        code=str(row["code"]), severity=str(row.get("severity") or "warning"),
        message=" ".join(str(row.get("snippet") or "").split()), fix=row.get("fix"), **extra,
    )


def issues_from_findings(
    findings: pl.DataFrame, where: Mapping[str, Location] | None = None
) -> list[Issue]:
    """One issue per finding, in the findings' (documented) order."""
    loc = where or {}
    return [_issue(r, loc) for r in findings.iter_rows(named=True)]


def issues_from_outcome(
    outcome: ValidationOutcome, where: Mapping[str, Location] | None = None
) -> list[Issue]:
    """One issue per finding of each offending record of each failed expectation.

    An offender without findings (an aggregate's record, a capped list) and a
    failure without offenders (a mean, the run table) become one issue that
    states the expectation's verdict. A ``warning``/``info`` failure keeps its
    severity, so it is annotated but does not read as an error.
    """
    loc = where or {}
    out: list[Issue] = []
    for e in (*outcome.failed, *outcome.warned):
        severity = "error" if e.blocks else e.spec.severity
        verdict = f"{e.description}: observed {e.observed}, allowed {e.threshold}"
        key = e.spec.key
        if not e.offenders:
            out.append(Issue(None, None, key, None, e.spec.code, severity, verdict,
                             expectation=key))
            continue
        for off in e.offenders:
            if not off.findings:
                file, at = loc.get(off.record_id, (None, None))
                value = f"{e.spec.column} = {off.value}: " if e.spec.column else ""
                out.append(Issue(file, at, off.record_id, None, e.spec.code, severity,
                                 f"{value}{verdict}", expectation=key))
            for f in off.findings:
                out.append(_issue({**f, "severity": severity}, loc, expectation=key))
    return out


# --- the formats ----------------------------------------------------------------------------


def render_concise(issues: Sequence[Issue]) -> str:
    """One line per issue, ``file:row: record line N: code message`` (ruff's ``concise``).

    >>> print(render_concise([Issue("a.jsonl", 3, "r1", 2, "nav", "error", "Back")]), end="")
    a.jsonl:3: r1 line 2: nav Back
    """
    lines = []
    for i in issues:
        at = f" line {i.line}" if i.line else ""
        rec = f" {i.record_id}{at}:" if i.file is not None or at else ""
        lines.append(f"{i.where}:{rec} {i.code} {i.message}".rstrip())
    return "".join(f"{line}\n" for line in lines)


def render_json(issues: Sequence[Issue]) -> str:
    """A JSON array of issues (keys sorted)."""
    return json.dumps([asdict(i) for i in issues], sort_keys=True, indent=2,
                      ensure_ascii=False) + "\n"


def render_jsonl(issues: Sequence[Issue]) -> str:
    """One JSON object per line: streams into ``jq`` and log stores."""
    return "".join(json.dumps(asdict(i), sort_keys=True, ensure_ascii=False) + "\n"
                   for i in issues)


def _gh_data(text: str) -> str:
    """Escape a workflow-command message (GitHub's toolkit ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    """Escape a workflow-command property (``escapeProperty``): also ``:`` and ``,``."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL: Final = {"error": "error", "warning": "warning"}


def render_github(issues: Sequence[Issue]) -> str:
    """GitHub Actions annotations: ``::error file=…,line=…,title=…::message``.

    >>> print(render_github([Issue("c/a.jsonl", 3, "r1", 2, "nav", "error", "50%, x")]), end="")
    ::error file=c/a.jsonl,line=3,title=dq nav::r1 line 2: 50%25, x
    """
    out = []
    for i in issues:
        level = _GH_LEVEL.get(i.severity, "notice")
        props = []
        if i.file is not None:
            props.append(f"file={_gh_property(i.file)}")
            if i.row is not None:
                props.append(f"line={i.row}")
        props.append(f"title={_gh_property(f'dq {i.code}')}")
        at = f" line {i.line}" if i.line else ""
        head = f"{i.record_id}{at}: " if i.file is not None or at else ""
        out.append(f"::{level} {','.join(props)}::{_gh_data(head + i.message)}\n")
    return "".join(out)


_SARIF_LEVEL: Final = {"error": "error", "warning": "warning"}


def render_sarif(issues: Sequence[Issue], *, version: str | None = None) -> str:
    """A minimal valid SARIF 2.1.0 log: one run, one rule per reason code, one result per issue."""
    from dq.signals.registry import REGISTRY

    described = {s.code: s.description for s in REGISTRY}
    codes = sorted({i.code for i in issues})
    rules = [
        {"id": c, "shortDescription": {"text": described.get(c, c)}}
        for c in codes
    ]
    results = []
    for i in issues:
        result: dict[str, Any] = {
            "ruleId": i.code,
            "ruleIndex": codes.index(i.code),
            "level": _SARIF_LEVEL.get(i.severity, "note"),
            "message": {"text": i.message or i.code},
            "properties": {"record_id": i.record_id, "text_line": i.line,
                           "expectation": i.expectation},
        }
        if i.file is not None:
            location: dict[str, Any] = {"artifactLocation": {"uri": Path(i.file).as_posix()}}
            if i.row is not None:
                location["region"] = {"startLine": i.row}
            result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    driver: dict[str, Any] = {"name": "dq", "rules": rules}
    if version:
        driver["version"] = version
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": driver}, "results": results}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def render_findings_junit(issues: Sequence[Issue]) -> str:
    """``dq scan`` as JUnit: one testcase per reason code, failing with its records.

    (``dq validate`` has its own JUnit, one testcase per expectation:
    :func:`dq.report.junit.render_junit`.)
    """
    import xml.etree.ElementTree as ET

    from dq.report.junit import xml_safe

    by_code: dict[str, list[Issue]] = {}
    for i in issues:
        by_code.setdefault(i.code, []).append(i)
    counts = {"tests": str(len(by_code)), "failures": str(len(by_code)), "errors": "0"}
    root = ET.Element("testsuites", {"name": "dq scan", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "dq scan", **counts})
    for code in sorted(by_code):
        case = ET.SubElement(suite, "testcase", {"classname": "dq.scan", "name": code})
        found = by_code[code]
        failure = ET.SubElement(case, "failure", {"message": f"{len(found)} findings",
                                                  "type": code})
        failure.text = xml_safe(render_concise(found))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


RENDERERS: Final[Mapping[str, Callable[[Sequence[Issue]], str]]] = {
    "concise": render_concise,
    "json": render_json,
    "jsonl": render_jsonl,
    "github": render_github,
    "sarif": render_sarif,
    "junit": render_findings_junit,
}


def render(fmt: str, issues: Sequence[Issue]) -> str:
    """``issues`` in format ``fmt`` (one of :data:`FORMATS`)."""
    try:
        return RENDERERS[fmt](issues)
    except KeyError:
        import difflib

        close = difflib.get_close_matches(fmt, FORMATS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"unknown output format {fmt!r}{hint}; "
                         f"choose from {', '.join(FORMATS)}") from None


def render_outcome(fmt: str, outcome: ValidationOutcome,
                   where: Mapping[str, Location] | None = None) -> str:
    """``dq validate``'s result in ``fmt``: json and junit are the full results of
    :mod:`dq.report.json_result` and :mod:`dq.report.junit`; the others render issues."""
    if fmt == "json":
        from dq.report.json_result import render_json as render_result

        return render_result(outcome)
    if fmt == "junit":
        from dq.report.junit import render_junit

        return render_junit(outcome)
    return render(fmt, issues_from_outcome(outcome, where))


@contextmanager
def open_output(path: str | Path, *, stdout: IO[str] | None = None) -> Iterator[IO[str]]:
    """A text stream for ``path``; ``-`` is standard output (never a file named ``-``).

    >>> import io
    >>> buf = io.StringIO()
    >>> with open_output("-", stdout=buf) as out:
    ...     _ = out.write("x")
    >>> buf.getvalue()
    'x'
    """
    if str(path) == "-":
        stream = stdout or sys.stdout
        yield stream
        stream.flush()
        return
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8", newline="\n") as fh:
        yield fh


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` or, for ``-``, to standard output."""
    with open_output(path) as out:
        out.write(text)



def codes_json() -> list[dict[str, Any]]:
    """``dq codes --json``: every reason code of the registry, in registry order.

    >>> codes_json()[0]["code"], sorted(codes_json()[0])
    ('licence_nag', ['code', 'description', 'family', 'level', 'positive', 'severity'])
    """
    from dq.signals.registry import REGISTRY

    return [
        {"code": s.code, "family": s.family, "level": "line" if s.level == "span" else s.level,
         "severity": s.severity, "positive": s.positive, "description": s.description}
        for s in REGISTRY
    ]
