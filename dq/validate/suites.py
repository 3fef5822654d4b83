"""Suites as plain JSON files, read strictly, without importing Great Expectations.

Why strict: GX logs and silently drops an expectation whose type it does not
know, so a typo in a gate turns into a gate that checks less. Here every
entry must be well formed, name a column the signal table has, and say
which reason code it guards and why (``meta.code``, ``meta.rationale``);
anything else is a :class:`SuiteError` naming the entry. The second half of
the strict load (type and kwargs against GX's own models) happens in
:func:`dq.validate._gx.build_suite`, which also checks the count after
building.

A suite file::

    {"name": "pre-merge",
     "expectations": [
       {"type": "expect_column_values_to_be_between",
        "kwargs": {"column": "licence_nag", "min_value": 0, "max_value": 0},
        "meta": {"code": "licence_nag",
                 "rationale": "A theme licence nag is page chrome, never article text."}}]}
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from dq.validate.runtable import RUN_CODES, RUN_COLUMNS, default_entries, is_run_column

#: Keys a suite file may have at the top level and in each expectation.
#: Anything else is most likely a typo (``"expectation"``, ``"kwarg"``) and is rejected.
SUITE_KEYS: Final = frozenset({"name", "expectations", "meta", "notes"})
EXPECTATION_KEYS: Final = frozenset({"type", "kwargs", "meta", "notes", "severity"})
#: GX 1.x failure severities (``great_expectations.expectations.metadata_types.FailureSeverity``).
#: ``critical`` (the default) fails the gate; ``warning`` is reported and fails it only in
#: strict mode; ``info`` is reported and never fails it.
SEVERITIES: Final = ("critical", "warning", "info")
#: kwargs that name a column of the signal table.
COLUMN_KWARGS: Final = ("column", "column_A", "column_B")
COLUMN_LIST_KWARGS: Final = ("column_list", "column_set")
#: dq sets the result format itself (COMPLETE, with record ids), so failures always name records.
RESERVED_KWARGS: Final = frozenset({"result_format", "catch_exceptions", "batch_id"})


from dq.errors import SuiteError as SuiteError  # noqa: E402 - moved to dq.errors (issue 14), old name kept


@dataclass(frozen=True)
class ExpectationSpec:
    """One expectation as written in the suite file, plus its 1-based position."""

    index: int
    type: str
    kwargs: Mapping[str, Any]
    meta: Mapping[str, Any]
    notes: str | None = None
    severity: str = "critical"

    @property
    def code(self) -> str:
        """The reason code (or family name) this expectation guards."""
        return str(self.meta["code"])

    @property
    def rationale(self) -> str:
        return str(self.meta["rationale"])

    @property
    def column(self) -> str | None:
        col = self.kwargs.get("column")
        return str(col) if col is not None else None

    @property
    def key(self) -> str:
        """Stable, unique name within the suite: ``03_glued_words``."""
        return f"{self.index:02d}_{self.code}"

    def columns(self) -> list[str]:
        """Every signal-table column the kwargs name."""
        cols = [str(self.kwargs[k]) for k in COLUMN_KWARGS if k in self.kwargs]
        for k in COLUMN_LIST_KWARGS:
            cols.extend(str(c) for c in self.kwargs.get(k) or ())
        return cols

    def to_json(self) -> dict[str, Any]:
        """The entry as GX's ``ExpectationConfiguration`` takes it."""
        out: dict[str, Any] = {
            "type": self.type, "kwargs": dict(self.kwargs), "meta": dict(self.meta)
        }
        if self.notes is not None:
            out["notes"] = self.notes
        if self.severity != "critical":
            out["severity"] = self.severity
        return out

    @property
    def is_default(self) -> bool:
        """Added by dq (:func:`dq.validate.runtable.default_entries`), not written in the file."""
        return bool(self.meta.get("dq_default"))

    def blocking(self, *, strict: bool = False) -> bool:
        """Whether a failure of this expectation fails the gate.

        >>> e = ExpectationSpec(1, "t", {}, {}, severity="warning")
        >>> e.blocking(), e.blocking(strict=True)
        (False, True)
        """
        return self.severity == "critical" or (strict and self.severity == "warning")


@dataclass(frozen=True)
class SuiteSpec:
    """A whole suite file."""

    name: str
    path: str
    expectations: tuple[ExpectationSpec, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def columns(self) -> list[str]:
        return sorted({c for e in self.expectations for c in e.columns()})


def read_suite(path: str | Path, *, columns: Collection[str] | None = None) -> SuiteSpec:
    """Read and check a suite file; ``columns`` defaults to what the registry produces now."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SuiteError(f"{path}: no such suite file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(f"{path}: cannot read suite: {exc}") from None
    except json.JSONDecodeError as exc:
        raise SuiteError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    return parse_suite(data, source=str(path), columns=columns)


def parse_suite(
    data: object, *, source: str = "<suite>", columns: Collection[str] | None = None
) -> SuiteSpec:
    """Check the shape of a parsed suite and turn it into a :class:`SuiteSpec`.

    >>> parse_suite({"name": "x", "expectations": [], "expectation": []}, columns=["id"])
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dq.errors.SuiteError: <suite>: unknown top-level key 'expectation' (known: ...)
    """
    if not isinstance(data, dict):
        raise SuiteError(f"{source}: a suite is a JSON object with 'name' and 'expectations'")
    _no_unknown_keys(data, SUITE_KEYS, f"{source}: unknown top-level key")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SuiteError(f"{source}: 'name' must be a non-empty string")
    raw = data.get("expectations")
    if not isinstance(raw, list):
        raise SuiteError(f"{source}: 'expectations' must be a list")
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        raise SuiteError(f"{source}: 'meta' must be an object")
    # dq's run-table defaults come last, after the entries as written (keys stay stable)
    entries = [*raw, *default_entries([e for e in raw if isinstance(e, dict)])]
    specs = tuple(_expectation(e, i, source) for i, e in enumerate(entries, start=1))
    spec = SuiteSpec(name=name, path=source, expectations=specs, meta=meta)
    check_columns(spec, signal_columns() if columns is None else columns)
    return spec


def check_columns(spec: SuiteSpec, columns: Collection[str]) -> None:
    """Every column the suite names must be in ``columns`` (the signal table's) or be
    a run-table column (:data:`dq.validate.runtable.RUN_COLUMNS`), never both kinds at once.
    """
    known = {*columns, *RUN_COLUMNS}
    for e in spec.expectations:
        cols = e.columns()
        run = [c for c in cols if is_run_column(c)]
        where = _where(spec.path, e.index, e.type)
        if run and len(run) != len(cols):
            raise SuiteError(f"{where}: mixes run-table columns ({', '.join(run)}) with "
                             "signal-table columns; one expectation reads one table")
        if bool(run) != (e.code in RUN_CODES):
            raise SuiteError(
                f"{where}: meta.code {e.code!r} "
                + ("guards the run table: name one of " + ", ".join(RUN_COLUMNS)
                   if e.code in RUN_CODES else "is a record code: name a signal-table column")
            )
        for col in cols:
            if col not in known:
                raise SuiteError(
                    f"{_where(spec.path, e.index, e.type)}: column {col!r} is not in the "
                    f"signal table{_hint(col, known)}"
                )


def signal_columns() -> tuple[str, ...]:
    """The columns of the signal table the registry produces now (what a suite may name).

    Derived from the registry in :func:`dq.detect.detect`'s documented layout
    rather than by running it on an empty frame: that builds the detectors'
    caches (over a second for the glued-word lexicon). A test checks the two agree.

    >>> signal_columns()[:6]
    ('id', 'n_chars', 'n_words', 'n_lines', 'source', 'domain')
    """
    from dq.schema import FAMILIES, ID
    from dq.signals.registry import REGISTRY

    families = [f for f in FAMILIES if any(s.family == f for s in REGISTRY)]
    return (
        ID, "n_chars", "n_words", "n_lines", "source", "domain", "lang",
        *(f"n_{f}" for f in families),
        *(s.code for s in REGISTRY),
    )


def guarded_codes(code: str) -> tuple[str, ...]:
    """The reason codes whose findings explain a failure of an expectation guarding ``code``.

    A family name (``chrome``) stands for all its non-positive codes.

    >>> guarded_codes("back_to_top")
    ('back_to_top',)
    >>> "back_to_top" in guarded_codes("chrome")
    True
    """
    from dq.signals.registry import REGISTRY

    if any(s.code == code for s in REGISTRY):
        return (code,)
    return tuple(s.code for s in REGISTRY if s.family == code and not s.positive)


def _known_codes() -> set[str]:
    from dq.schema import FAMILIES
    from dq.signals.registry import CODES

    return {*CODES, *FAMILIES, *RUN_CODES}


def _expectation(entry: object, index: int, source: str) -> ExpectationSpec:
    where = f"{source}: expectation {index}"
    if not isinstance(entry, dict):
        raise SuiteError(f"{where}: must be an object with 'type', 'kwargs' and 'meta'")
    etype = entry.get("type")
    if not isinstance(etype, str) or not etype:
        raise SuiteError(f"{where}: 'type' must be a non-empty string")
    where = _where(source, index, etype)
    _no_unknown_keys(entry, EXPECTATION_KEYS, f"{where}: unknown key")
    kwargs = entry.get("kwargs", {})
    if not isinstance(kwargs, dict):
        raise SuiteError(f"{where}: 'kwargs' must be an object")
    reserved = sorted(RESERVED_KWARGS & kwargs.keys())
    if reserved:
        raise SuiteError(
            f"{where}: {', '.join(reserved)} is set by dq (complete results with record ids)"
        )
    meta = entry.get("meta")
    if not isinstance(meta, dict):
        raise SuiteError(f"{where}: 'meta' with 'code' and 'rationale' is required")
    code = meta.get("code")
    known = _known_codes()
    if not isinstance(code, str) or code not in known:
        raise SuiteError(
            f"{where}: meta.code {code!r} is not a reason code or family{_hint(str(code), known)}"
        )
    rationale = meta.get("rationale")
    if not isinstance(rationale, str) or not rationale.strip() or "\n" in rationale:
        raise SuiteError(f"{where}: meta.rationale must be one non-empty line saying why")
    notes = entry.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise SuiteError(f"{where}: 'notes' must be a string")
    return ExpectationSpec(index=index, type=etype, kwargs=kwargs, meta=meta, notes=notes,
                           severity=_severity(entry, meta, where))


def _severity(entry: Mapping[str, Any], meta: Mapping[str, Any], where: str) -> str:
    """``severity`` as GX 1.x writes it (top level) or as ``meta.severity``; both must agree.

    >>> _severity({"severity": "warning"}, {}, "s"), _severity({}, {"severity": "info"}, "s")
    ('warning', 'info')
    >>> _severity({}, {"severity": "warn"}, "s")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    dq.errors.SuiteError: s: severity 'warn' is not one of ... (did you mean 'warning'?)
    """
    top, inner = entry.get("severity"), meta.get("severity")
    if top is not None and inner is not None and top != inner:
        raise SuiteError(f"{where}: severity {top!r} and meta.severity {inner!r} disagree")
    value = top if top is not None else inner
    if value is None:
        return "critical"
    if value not in SEVERITIES:
        raise SuiteError(
            f"{where}: severity {value!r} is not one of {', '.join(SEVERITIES)}"
            f"{_hint(str(value), SEVERITIES)}"
        )
    return str(value)


def _where(source: str, index: int, etype: str) -> str:
    return f"{source}: expectation {index} ({etype})"


def _no_unknown_keys(data: Mapping[str, object], allowed: frozenset[str], prefix: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise SuiteError(f"{prefix} {unknown[0]!r} (known: {', '.join(sorted(allowed))})")


def _hint(word: str, known: Collection[str]) -> str:
    """`` (did you mean 'x'?)`` when something close exists, else ``""``.

    >>> _hint("licence_nags", ["licence_nag", "back_to_top"])
    " (did you mean 'licence_nag'?)"
    """
    close = difflib.get_close_matches(word, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


#: Where ``--suite NAME`` looks for ``NAME.json`` (relative to the working directory).
SUITES_DIR: Final = Path("expectations")


def find_suite(name: str | Path, *, folder: str | Path = SUITES_DIR) -> Path:
    """The suite file ``name`` means: a path as given, else ``<folder>/<name>.json``.

    Why: ``--suite pre-merge`` reads like the gate's name, as ``ruff --select``
    and ``pytest -m`` take names; a path still works. An unknown name is a
    :class:`SuiteError` that lists the suites there and the closest one.
    """
    given = Path(name)
    if given.is_file():
        return given
    base = Path(folder)
    stem = given.name[: -len(".json")] if given.name.endswith(".json") else given.name
    if given.parent == Path():
        candidate = base / f"{stem}.json"
        if candidate.is_file():
            return candidate
    known = sorted(p.stem for p in base.glob("*.json")) if base.is_dir() else []
    listed = f" (suites in {base}/: {', '.join(known)})" if known else ""
    raise SuiteError(f"{name}: no such suite file or suite name{_hint(stem, known)}{listed}")


def check_codes(codes: Collection[str], *, option: str = "--codes") -> None:
    """Refuse a reason code nobody emits, with the closest known one.

    >>> check_codes(["licence_nag", "chrome"])
    >>> check_codes(["back_to_tpo"], option="--ignore")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    dq.errors.SuiteError: --ignore: unknown reason code 'back_to_tpo' (did you mean ...)
    """
    known = _known_codes()
    for code in codes:
        if code not in known:
            raise SuiteError(f"{option}: unknown reason code {code!r}{_hint(code, known)}")
