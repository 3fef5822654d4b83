"""One ``detect()`` (or ``clean_frame()``) call for a whole table of test cases.

Why: each ``detect()`` call pays a fixed cost of about a CPU second (Polars compiles
its ~200 regexes again on every call; issue 18), so a parametrised table whose N cases
call ``detect()`` one by one pays it N times. A table builds one :class:`Batch` in a
module-scoped fixture instead: one record per case, one call, and each case reads the
findings of its own record::

    @pytest.fixture(scope="module")
    def at_end() -> Batch:
        return Batch([with_line(line) for _, line in POSITIVE_END], codes=chrome_codes())

    @pytest.mark.parametrize(("code", "line"), POSITIVE_END)
    def test_x(code, line, at_end):
        assert at_end.found(with_line(line)) == {4: {code}}

A record's findings depend on that record only, except for the corpus-scope codes
(``scope="corpus"``): ``repeated_boilerplate`` judges lines repeated over the pages of
one site, ``duplicate_record`` a text seen in an earlier record. A batch refuses what
could couple its records there: two records of one site (``source`` or ``url``), or two
texts :func:`~dq.signals.hygiene.duplicate_key` calls the same, when such a code is
selected. Identical records are run once.

Set ``DQ_TEST_BATCH_CHECK`` to a file path to check the batching itself: every batch then
also runs each record on its own and fails unless the findings (and signal counts) are the
same; one line per batch is appended to the file. (Run once per conversion, not in CI:
it pays the per-call cost again.)

Imported by name (``from _batch import Batch``), as ``_chrome_helpers``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

import polars as pl

from dq.clean import clean_frame
from dq.clean._engine import shield_surrogates
from dq.detect import detect
from dq.signals.context import DetectContext
from dq.signals.hygiene import duplicate_key
from dq.signals.registry import REGISTRY

#: A case's record: its text alone, or its columns (``text`` and any of the article
#: schema's optional columns: ``lang``, ``author``, ``source``, ``url``...).
Record = str | Mapping[str, str | None]
#: The findings columns a case compares (``record_id`` is the batch's own).
_KEY = tuple[tuple[str, str | None], ...]
_CHECK_ENV = "DQ_TEST_BATCH_CHECK"
_CORPUS_CODES = frozenset(s.code for s in REGISTRY if s.scope == "corpus")


def _columns(record: Record) -> dict[str, str | None]:
    return {"text": record} if isinstance(record, str) else dict(record)


def _key(record: Record) -> _KEY:
    return tuple(sorted(_columns(record).items()))


def _frame(rows: list[dict[str, str | None]], ids: list[str], columns: Collection[str]
           ) -> pl.DataFrame:
    """One record per row, ``id`` the batch's; ``columns`` (in their order) null where a
    record does not give them."""
    names = list(dict.fromkeys(["id", *columns, *rows[0]]))
    data = {c: ids if c == "id" else [r.get(c) for r in rows] for c in names}
    return pl.DataFrame(data, schema=dict.fromkeys(data, pl.String))


def _coupled(rows: list[dict[str, str | None]], codes: Collection[str] | None) -> str | None:
    """Why records of one batch could change each other's findings, or None."""
    selected = _CORPUS_CODES if codes is None else _CORPUS_CODES & set(codes)
    if not selected:
        return None
    for col in ("source", "url"):
        values = [r.get(col) for r in rows if r.get(col)]
        if len(values) != len(set(values)):
            return f"two records share a {col} and {sorted(selected)} is selected"
    if "duplicate_record" in selected:
        keys = pl.select(duplicate_key(pl.lit(pl.Series([r["text"] for r in rows],
                                                        dtype=pl.String)))).to_series()
        present = [k for k in keys.to_list() if k is not None]
        if len(present) != len(set(present)):
            return "two texts are one duplicate_record key"
    return None


class Batch:
    """The findings of many records from one ``detect()`` call, read out per record.

    ``records``: the cases' records (every record with the same columns). ``codes`` and
    ``ctx`` go to :func:`dq.detect.detect`. ``columns``: more columns of the frame, in
    their order, null where a record does not give them (e.g. every column of
    :data:`dq.schema.ARTICLE_SCHEMA`, as a test that builds such a frame).
    """

    def __init__(
        self,
        records: Iterable[Record],
        *,
        codes: Collection[str] | None = None,
        ctx: DetectContext | None = None,
        columns: Collection[str] = (),
    ) -> None:
        rows: dict[_KEY, dict[str, str | None]] = {}
        for record in records:
            rows.setdefault(_key(record), _columns(record))
        if not rows:
            raise ValueError("a batch needs a record")
        first = list(rows.values())
        if any(list(r) != list(first[0]) for r in first):
            raise ValueError("every record of a batch needs the same columns")
        why = _coupled(first, codes)
        if why is not None:
            raise ValueError(f"records of this batch could couple: {why}")
        self._ids = {k: f"case{i:04d}" for i, k in enumerate(rows)}
        self._codes, self._ctx, self._columns = codes, ctx, columns
        found = detect(_frame(first, list(self._ids.values()), columns), codes=codes, ctx=ctx)
        self._findings = found.findings.partition_by("record_id", as_dict=True)
        self._signals = {str(r["id"]): r for r in found.signals.iter_rows(named=True)}
        self._empty = found.findings.clear()
        if os.environ.get(_CHECK_ENV):
            self._check_alone(first, _caller())

    def _id(self, record: Record) -> str:
        try:
            return self._ids[_key(record)]
        except KeyError:
            raise KeyError(f"not a record of this batch: {record!r:.120}") from None

    def findings(self, record: Record) -> pl.DataFrame:
        """The findings of ``record`` (its ``record_id`` is the batch's id for it)."""
        return self._findings.get((self._id(record),), self._empty)

    def signals(self, record: Record) -> dict[str, Any]:
        """``record``'s row of :attr:`dq.detect.Detection.signals` (``id`` is the batch's)."""
        return self._signals[self._id(record)]

    def codes(self, record: Record) -> set[str]:
        """Every code reported on ``record``."""
        return set(self.findings(record)["code"].to_list())

    def found(self, record: Record) -> dict[int, set[str]]:
        """1-based line number -> codes reported on it."""
        lines: dict[int, set[str]] = {}
        for line, code in self.findings(record).select("line", "code").iter_rows():
            lines.setdefault(int(line), set()).add(str(code))
        return lines

    def check_lines(self, record: Record, absent: dict[int, str], present: dict[int, str]) -> None:
        """Assert no finding of code ``absent[line]`` and one of ``present[line]`` per line."""
        found = self.found(record)
        for line, code in absent.items():
            assert code not in found.get(line, set()), (line, code, found)
        for line, code in present.items():
            assert code in found.get(line, set()), (line, code, found)

    def evidence(self, record: Record) -> dict[tuple[int, str], str]:
        """(1-based line, code) -> evidence of each finding."""
        rows = self.findings(record).select("line", "code", "evidence").rows()
        return {(int(ln), str(c)): str(e) for ln, c, e in rows}

    def by_line(self, record: Record) -> dict[int, dict[str, str]]:
        """1-based line number -> {code: evidence} reported on it."""
        lines: dict[int, dict[str, str]] = {}
        for line, code, ev in self.findings(record).select("line", "code", "evidence").iter_rows():
            lines.setdefault(int(line), {})[str(code)] = str(ev)
        return lines

    def spans(self, record: Record) -> list[tuple[str, str]]:
        """(matched text, fix) of each finding of ``record``, in order (for span codes:
        ``start`` and ``end`` are offsets in the text)."""
        text = str(_columns(record)["text"])
        rows = self.findings(record).select("start", "end", "fix").iter_rows()
        return [(text[a:b], str(f)) for a, b, f in rows]

    def _check_alone(self, rows: list[dict[str, str | None]], where: str) -> None:
        """Each record run on its own gives the same findings and counts as in the batch."""
        for row, rid in zip(rows, self._ids.values(), strict=True):
            alone = detect(_frame([row], [rid], self._columns), codes=self._codes, ctx=self._ctx)
            batched = self._findings.get((rid,), self._empty)
            assert alone.findings.equals(batched), (row, alone.findings, batched)
            assert alone.signals.row(0, named=True) == self._signals[rid], row
        _log("detect", where, len(rows))


class CleanBatch:
    """:func:`dq.clean.clean` of many texts from one ``clean_frame()`` call.

    The rounds of ``clean_frame`` re-run ``detect()`` on the records a round changed, so a
    record's rounds are its own (what ``clean(text)`` does, one text at a time).
    """

    def __init__(
        self,
        texts: Iterable[str],
        *,
        codes: Collection[str] | None = None,
        ctx: DetectContext | None = None,
    ) -> None:
        unique = list(dict.fromkeys(texts))
        if not unique:
            raise ValueError("a batch needs a text")
        why = _coupled([{"text": t} for t in unique], codes)
        if why is not None:
            raise ValueError(f"records of this batch could couple: {why}")
        shielded = [shield_surrogates(t) for t in unique]
        frame = pl.DataFrame({"text": [s for s, _ in shielded]}, schema={"text": pl.String})
        result = clean_frame(frame, codes=codes, ctx=ctx)
        out = result.articles["text"].to_list()
        self._out = {t: undo(str(o)) for t, (_, undo), o in zip(unique, shielded, out,
                                                                  strict=True)}
        # without an id column a step's record_id is the record's row number
        self._rows = {t: str(i) for i, t in enumerate(unique)}
        self._steps = result.steps
        if os.environ.get(_CHECK_ENV):
            from dq.clean import clean

            for t in unique:
                assert clean(t, codes=codes, ctx=ctx) == self._out[t], t
            _log("clean", _caller(), len(unique))

    def __getitem__(self, text: str) -> str:
        """``clean(text)``, as the batch cleaned it."""
        try:
            return self._out[text]
        except KeyError:
            raise KeyError(f"not a text of this batch: {text!r:.120}") from None

    def steps(self, text: str) -> pl.DataFrame:
        """The steps that cleaned ``text`` (for a failure message: surrogates not restored)."""
        self[text]  # a text of this batch, or KeyError
        return self._steps.filter(pl.col("record_id") == self._rows[text])


def _caller() -> str:
    """``file:line`` of the test module that built the batch (past the shared helpers)."""
    frame = sys._getframe(2)
    while frame.f_back is not None and not Path(frame.f_code.co_filename).name.startswith(
            "test_"):
        frame = frame.f_back
    return f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}"


def _log(kind: str, where: str, n: int) -> None:
    """One line per checked batch: where it was built and how many records it holds."""
    with Path(os.environ[_CHECK_ENV]).open("a", encoding="utf-8") as fh:
        fh.write(f"{kind}\t{where}\t{n} records\tsame alone and batched\n")
