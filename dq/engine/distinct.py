"""Per-distinct-line evaluation: the line pass's tests of a line alone, once per distinct line.

Why: half of the line pass's feature columns read nothing but the line
itself (its text ``s``, lower-cased ``low``, sizes): phrase lists, shapes
of an ending, credit markers. A corpus repeats lines (the furniture of a
site, the copies of a syndicated story), and such a column gives the same
value on every copy. Measured 2026-12-07 on bench_detect's 18 MB corpus:
90k lines, 15k distinct (3.1 of 18 MB); on the unique corpus of
``profile_detect.py --unique`` every line is distinct, so the saving is
skipped there (:data:`DISTINCT_SHARE_MAX`).

How: :func:`split_local` walks each feature's serialised expression and
keeps as *local* those that read only the line's own columns
(:data:`LINE_COLUMNS`, probe columns, earlier local features) through
row-wise operations: no shift, window, aggregation, cumulative or Python
function, except the ``only`` construction of :mod:`dq.signals.frames`
(a filter, then its values put back in place; row-wise as a whole). Its
value is a function of ``s`` alone, so it is computed over one row per
distinct ``s`` and joined back: the same values, the same findings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import polars as pl

from dq.signals.frames import Feature, feature_stages, finish_lines, line_columns, split_lines

__all__ = [
    "DISTINCT_SHARE_MAX", "LINE_COLUMNS", "DistinctPlan", "constant", "distinct_lines", "hoist",
    "is_row_wise", "lines_of", "local_values", "needed", "split_local", "with_distinct",
]

#: Lines-frame columns that are functions of the stripped line ``s`` alone.
LINE_COLUMNS: Final = ("s", "low", "n_chars", "n_words", "odd")
#: Distinct lines over lines above which a slice is evaluated row by row:
#: the distinct rows and the join back cost ~0.04 CPU s per 77k lines
#: (profile_detect's unique corpus, 2026-12-07), what the local columns
#: cost on ~10% of the lines.
DISTINCT_SHARE_MAX: Final = 0.8
#: Expression nodes :func:`hoist` may lift out of an expression (not a bare column or literal).
_HOISTED_KINDS: Final = frozenset({"Function", "BinaryExpr", "Ternary", "Cast", "Gather"})
_HOIST_PREFIX: Final = "line:"
#: Nodes that read other rows (or may: Python functions).
_ACROSS_ROWS: Final = frozenset({
    "Over", "Agg", "Window", "Rolling", "Slice", "Explode", "Sort", "SortBy",
    "AnonymousFunction", "Len", "Filter", "Gather",
})
#: Functions that read other rows; ``Append`` and ``CumSum`` only inside ``only``.
_ACROSS_ROWS_FUNCTIONS: Final = frozenset({
    "Shift", "CumSum", "CumCount", "CumMax", "CumMin", "CumProd", "Append", "Reverse",
    "ForwardFill", "BackwardFill", "FillNullWithStrategy", "Unique", "Implode", "Diff",
    "RLE", "RLEID", "IsDuplicated", "IsUnique", "IsFirstDistinct", "IsLastDistinct",
    "Repeat", "IntRange", "Gather", "Mode", "ArgUnique", "UniqueCounts", "ValueCounts",
})


def _function_name(fn: object) -> str:
    """The name of a serialised function.

    >>> [_function_name(f) for f in ("Shift", {"CumSum": {"reverse": False}},
    ...  {"Boolean": "IsDuplicated"}, {"StringExpr": {"Contains": {"literal": True}}})]
    ['Shift', 'CumSum', 'IsDuplicated', 'Contains']
    """
    if isinstance(fn, dict) and fn:
        key, value = next(iter(fn.items()))
        if isinstance(value, str):
            return value
        inner = next(iter(value), "") if isinstance(value, dict) else ""
        return inner if inner[:1].isupper() else str(key)  # a group ("StringExpr") or options
    return str(fn)


def _only_shape(node: dict[str, Any]) -> bool:
    """``node`` is :func:`dq.signals.frames.only`'s ``Gather``: a null then values, put
    back at the cumulative count of a mask (row-wise as a whole)."""
    expr, idx = node.get("expr"), node.get("idx")
    fn = expr.get("Function") if isinstance(expr, dict) else None
    first = fn["input"][0] if isinstance(fn, dict) and fn.get("input") else None
    return (
        isinstance(fn, dict) and _function_name(fn.get("function")) == "Append"
        and isinstance(first, dict) and "Literal" in first
        and isinstance(idx, dict) and "Ternary" in idx
    )


#: What :func:`_facts` knows of a serialised node: it is row-wise over the
#: local columns, it does string work, it reads a column.
_Facts = tuple[bool, bool, bool]


def _facts(node: object, local: Collection[str], memo: dict[tuple[int, bool], _Facts],
           *, in_only: bool = False) -> _Facts:
    """What the serialised expression ``node`` is (see :data:`_Facts`), each node once."""
    key = (id(node), in_only)
    if key in memo:
        return memo[key]
    row_wise, string, column = True, False, False
    items = (
        enumerate(node) if isinstance(node, list)
        else node.items() if isinstance(node, dict) else ()
    )
    for name, value in items:
        inside = in_only
        if name == "Gather" and isinstance(value, dict) and _only_shape(value):
            inside = True
        elif name in _ACROSS_ROWS and not (in_only and name == "Filter"):
            row_wise = False
        elif name == "Column":
            column = True
            row_wise &= value in local
        elif name == "StringExpr":
            string = True
        elif name == "Function" and isinstance(value, dict):
            fn = _function_name(value.get("function"))
            row_wise &= fn not in _ACROSS_ROWS_FUNCTIONS or (
                in_only and fn in ("Append", "CumSum"))
        below = _facts(value, local, memo, in_only=inside)
        row_wise, string, column = row_wise and below[0], string or below[1], column or below[2]
    memo[key] = (row_wise, string, column)
    return memo[key]


def is_row_wise(expr: pl.Expr, local: Collection[str]) -> bool:
    """``expr`` reads only the columns ``local``, each row on its own.

    >>> s = pl.col("s")
    >>> [is_row_wise(e, {"s"}) for e in (s.str.contains("a"), s.shift(1), s.str.len_chars()
    ...  .max(), pl.col("rid") + 1, s.map_batches(lambda x: x, return_dtype=pl.String))]
    [True, False, False, False, False]
    >>> from dq.signals.frames import only
    >>> m = s.str.len_chars() > 2
    >>> is_row_wise(only(m, s.filter(m).str.contains("x"), pl.Boolean), {"s"})
    True
    """
    try:
        tree = json.loads(expr.meta.serialize(format="json"))
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        return False  # not serialisable (a Python function inside): not known to be row-wise
    return _facts(tree, local, {})[0]


def needed(features: Sequence[Feature], exprs: Iterable[pl.Expr]) -> list[Feature]:
    """The ``features`` that ``exprs`` read, directly or through other features, in order.

    >>> fs = [("a", lambda: pl.col("n") + 1), ("b", lambda: pl.col("a") * 2),
    ...       ("c", lambda: pl.col("n"))]
    >>> [name for name, _ in needed(fs, [pl.col("b") > 1])]
    ['a', 'b']
    """
    built = {name: build() for name, build in features}
    wanted: set[str] = set()
    pending = [c for e in exprs for c in e.meta.root_names()]
    while pending:
        name = pending.pop()
        if name in built and name not in wanted:
            wanted.add(name)
            pending += built[name].meta.root_names()
    return [(name, build) for name, build in features if name in wanted]


def split_local(
    features: Sequence[Feature], base: Collection[str]
) -> tuple[list[Feature], list[Feature]]:
    """``features`` parted into those of the line alone (reading ``base`` columns and
    earlier local features, row-wise) and the others, each in declaration order.

    >>> fs = [("a", lambda: pl.col("s").str.len_bytes()), ("b", lambda: pl.col("a").shift(1)),
    ...       ("c", lambda: pl.col("a") + 1), ("d", lambda: pl.col("b") + 1)]
    >>> [[name for name, _ in part] for part in split_local(fs, {"s"})]
    [['a', 'c'], ['b', 'd']]
    """
    local = set(base)
    mine: list[Feature] = []
    rest: list[Feature] = []
    for name, build in features:
        if is_row_wise(build(), local):
            local.add(name)
            mine.append((name, build))
        else:
            rest.append((name, build))
    return mine, rest


def lines_of(records: pl.LazyFrame) -> pl.DataFrame:
    """The lines frame of ``rid, text`` (:func:`dq.signals.frames.lines_frame`), its
    columns of a line alone (:func:`~dq.signals.frames.line_columns`) computed once per
    distinct line when lines repeat (:data:`DISTINCT_SHARE_MAX`): the same frame.

    Measured 2026-12-07 (Polars 2.1): 0.20 -> 0.12 CPU s on profile_detect's 18 MB
    corpus (15k distinct of 90k lines); white space, word counts and lower case
    were two thirds of the frame.

    >>> lf = pl.LazyFrame({"rid": [0, 1], "text": ["Home\\nA b.", "Home\\nC d."]},
    ...                   schema={"rid": pl.UInt32, "text": pl.String})
    >>> from dq.signals.frames import lines_frame
    >>> lines_of(lf).equals(lines_frame(lf).collect())
    True
    """
    raw = split_lines(records).collect()
    distinct = raw.select("s").unique(maintain_order=True)
    if raw.height == 0 or distinct.height > DISTINCT_SHARE_MAX * raw.height:
        return finish_lines(line_columns(raw.lazy())).collect()
    columns = line_columns(distinct.lazy()).collect()
    joined = raw.lazy().join(columns.lazy(), on="s", how="left", maintain_order="left")
    return finish_lines(joined).collect()


def distinct_lines(lines: pl.DataFrame, base: Sequence[str]) -> pl.DataFrame | None:
    """The ``base`` columns (functions of ``s``) of the first line of each distinct ``s``,
    or None when too few lines repeat for :func:`with_distinct` to pay
    (:data:`DISTINCT_SHARE_MAX`).

    >>> df = pl.DataFrame({"rid": [0, 0, 1, 1, 2], "s": ["ab", "c", "ab", "c", "ab"]})
    >>> distinct_lines(df, ["s"]).rows(), distinct_lines(df.head(2), ["s"])
    ([('ab',), ('c',)], None)
    """
    if lines.height == 0:
        return None
    distinct = lines.select(base).unique("s", keep="first", maintain_order=True)
    return None if distinct.height > DISTINCT_SHARE_MAX * lines.height else distinct


def with_distinct(lines: pl.DataFrame, distinct: pl.DataFrame, features: Sequence[Feature],
                  kept: Collection[str] | None = None) -> pl.DataFrame:
    """``lines`` with the local ``features`` computed over ``distinct`` (one row per
    distinct ``s``: :func:`distinct_lines`), those of ``kept`` (default all) joined back.

    >>> df = pl.DataFrame({"rid": [0, 0, 1], "s": ["ab", "c", "ab"]})
    >>> n = [("n", lambda: pl.col("s").str.len_bytes())]
    >>> with_distinct(df, df.select("s").unique(maintain_order=True), n).rows()
    [(0, 'ab', 2), (0, 'c', 1), (1, 'ab', 2)]
    """
    values = local_values(distinct, features, kept)
    return lines.join(values, on="s", how="left", maintain_order="left", nulls_equal=True)


def local_values(distinct: pl.DataFrame, features: Sequence[Feature],
                 kept: Collection[str] | None = None, *, also: Sequence[str] = ()) -> pl.DataFrame:
    """``s``, the columns ``also`` of ``distinct`` and the local ``features`` of ``kept``
    (default all) computed over ``distinct`` (one row per distinct ``s``), in its row order.

    >>> df = pl.DataFrame({"s": ["ab", "c"], "p": [True, False]})
    >>> local_values(df, [("n", lambda: pl.col("s").str.len_bytes())], also=["p"]).rows()
    [('ab', True, 2), ('c', False, 1)]
    """
    computed = distinct.lazy()
    for stage in feature_stages(features):
        computed = computed.with_columns(stage)
    names = [name for name, _ in features if kept is None or name in kept]
    return computed.select("s", *also, *names).collect(engine="in-memory")


def _hoisted(node: object, local: Collection[str], found: dict[str, str],
             memo: dict[tuple[int, bool], _Facts]) -> object:
    """``node`` with its maximal row-wise string work over ``local`` columns read from
    columns; ``found`` gets each one's name -> serialised expression."""
    if isinstance(node, list):
        return [_hoisted(item, local, found, memo) for item in node]
    if not isinstance(node, dict):
        return node
    if len(node) == 1 and next(iter(node)) in _HOISTED_KINDS and all(_facts(node, local, memo)):
        text = json.dumps(node, sort_keys=True)
        name = _HOIST_PREFIX + hashlib.blake2b(text.encode()).hexdigest()[:16]
        found[name] = text
        return {"Column": name}
    return {key: _hoisted(value, local, found, memo) for key, value in node.items()}


def hoist(
    exprs: Sequence[pl.Expr], local: Collection[str]
) -> tuple[list[pl.Expr], list[Feature]]:
    """``exprs`` with the string work they do on a line alone (row-wise over ``local``
    columns, :func:`is_row_wise`) read from new columns, and those columns as features
    (each distinct piece once): what :func:`with_distinct` computes once per distinct line.

    An expression that does not round-trip through serialisation is left whole.

    >>> s = pl.col("s")
    >>> new, lifted = hoist([s.str.contains("a").shift(1) & (pl.col("idx") > 0)], {"s"})
    >>> [(name[:5], build().meta.root_names()) for name, build in lifted]
    [('line:', ['s'])]
    >>> df = pl.DataFrame({"s": ["a", "b", "a"], "idx": [0, 1, 2]})
    >>> df.with_columns(build().alias(name) for name, build in lifted).select(new[0]
    ...                 ).to_series().to_list()
    [False, True, False]
    """
    found: dict[str, pl.Expr] = {}
    out: list[pl.Expr] = []
    for expr in exprs:
        mine: dict[str, str] = {}
        try:
            tree = json.loads(expr.meta.serialize(format="json"))
            new = _hoisted(tree, local, mine, {})
            rewritten = _deserialised(json.dumps(new)) if mine else expr
            # not ``found.get(name) or ...``: an Expr has no truth value (TypeError), which
            # left whole every expression sharing a piece with an earlier one
            pieces = {name: found[name] if name in found else _deserialised(text)
                      for name, text in mine.items()}
        except (TypeError, ValueError, pl.exceptions.PolarsError):
            out.append(expr)  # not serialisable (a Python function inside): left whole
            continue
        found.update(pieces)
        out.append(rewritten)
    return out, [(name, constant(piece)) for name, piece in found.items()]


def _deserialised(text: str) -> pl.Expr:
    return pl.Expr.deserialize(text.encode(), format="json")


@dataclass(frozen=True)
class DistinctPlan:
    """The line pass split for :func:`with_distinct`: ``local`` features (of the line
    alone, and the string work lifted out of the others by :func:`hoist`), then the
    ``rest`` of the features and the ``flags`` as they read those columns."""

    local: list[Feature]
    rest: list[Feature]
    flags: list[pl.Expr]
    kept: list[str]  # the local columns that the rest, the flags or the evidence read

    @classmethod
    def of(cls, features: Sequence[Feature], flags: Sequence[pl.Expr],
           evidence: Sequence[pl.Expr], base: Collection[str]) -> DistinctPlan:
        """The split of the ``features`` that ``flags`` and ``evidence`` read (``base``:
        the lines-frame columns that are functions of ``s``)."""
        local, rest = split_local(needed(features, [*flags, *evidence]), base)
        exprs, lifted = hoist([build() for _, build in rest] + list(flags),
                              {*base, *(name for name, _ in local)})
        rest = [(name, constant(e)) for (name, _), e in zip(rest, exprs, strict=False)]
        reads = {c for e in [*exprs, *evidence] for c in e.meta.root_names()}
        local += lifted
        return cls(local=local, rest=rest, flags=exprs[len(rest):],
                   kept=[name for name, _ in local if name in reads])


def constant(expr: pl.Expr) -> Callable[[], pl.Expr]:
    """A feature builder returning ``expr``."""
    return lambda: expr
