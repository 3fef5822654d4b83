"""The line pass's regex tests on whole lines, evaluated in one compiled scan per column.

Why: the line pass runs ~40 ``str.contains`` tests straight on a line (``s``)
or its lower-cased form (``low``); each is a Polars string kernel that costs
~20-30 ns per line whatever the pattern, and most of them match on few
lines. A compiled multi-pattern matcher (Hyperscan, the optional ``fast``
extra) scans the column's text once for all of them; Polars then runs each
regex only on the lines the scan marked. Findings do not change: the scan
only chooses *which* lines Polars tests, and Polars still decides.

How, at the engine level (no signal module changes):

1. :func:`probes_of` finds, in the line pass's expressions, every
   ``contains(pattern)`` whose input is the ``s`` or ``low`` column (maybe
   filtered): a :class:`Probe`.
2. :func:`rewrite` replaces each such node with a Boolean column named
   :attr:`Probe.name` (a filtered input keeps its filter).
3. :func:`probe_columns` computes those columns for a slice of lines. A
   :class:`Matcher` proposes candidate lines per probe (a superset of the
   lines that match); the exact value is ``contains`` on the candidates,
   False on the other non-null lines, null where the input is null: what
   the replaced node gave.

Two matchers share the interface: :class:`PolarsMatcher` (the default, see
:func:`default_matcher`) proposes every line, and then the engine does not
rewrite at all: the expressions run as the signals wrote them; :class:`HyperscanMatcher` compiles
the patterns once per :class:`~dq.signals.context.DetectContext` (cached by
a digest of the pattern set) in Hyperscan's prefilter mode, whose matches
are a documented superset of the pattern's, and maps each match's end
offset to its line. A pattern that matches on many lines (a digit, ``)``)
costs more in Hyperscan's per-match callback than in Polars: a sample of
the first slice sends those to Polars (:data:`CALLBACK_RATE_MAX`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

import polars as pl

from dq.errors import UsageError
from dq.signals.context import DetectContext, import_module, write_atomic
from dq.signals.frames import only

__all__ = [
    "CALLBACK_RATE_MAX",
    "HyperscanMatcher",
    "Matcher",
    "PolarsMatcher",
    "Probe",
    "default_matcher",
    "matcher",
    "probe_columns",
    "probes_of",
    "rewrite",
    "use_matcher",
]

#: Columns whose ``contains`` tests become probes: the line and its lower-cased
#: form (null on long lines), the two string columns of the lines frame.
PROBE_COLUMNS: Final = ("s", "low")
#: A pattern whose Hyperscan matches exceed this many per line on the
#: calibration sample stays on Polars. Measured 2026-12-07 (one core,
#: hyperscan 0.9.1, Polars 2.1): a match callback costs ~1.2 us, a Polars
#: ``contains`` ~25 ns per line, so Hyperscan wins below ~0.02 matches per
#: line; 0.01 leaves room for the exact test on the candidates.
CALLBACK_RATE_MAX: Final = 0.01
#: Lines of the first slice that calibrate :data:`CALLBACK_RATE_MAX`.
CALIBRATION_LINES: Final = 20_000
#: Slices of fewer lines take the Polars path: compiling the database costs
#: ~0.5-1 CPU s once per process (measured 2026-12-07, 35 probes, loaded
#: machine), what the scan saves on ~100k lines; a small scan never recovers it.
MIN_LINES: Final = 100_000
#: A Unicode property class under a quantifier (``\p{Lu}{2}``, ``[\p{Lu} ]*``):
#: Hyperscan's compiler takes seconds on such a pattern (the dateline pattern
#: of chrome_meta took 9.8 CPU s alone, 2026-12-07; all others < 0.4 s), so
#: a probe whose pattern has one stays on Polars.
_COSTLY: Final = re.compile(r"\\p\{\w+\}(?:[^\]\[]*\])?[*+{]")
#: Set to ``hyperscan`` to compute the probes with the compiled scan (extra ``fast``).
MATCHER_ENV: Final = "DQ_MATCHER"
_PREFIX: Final = "probe:"
_MATCHER_KEY: Final = "match:matcher"


@dataclass(frozen=True, slots=True)
class Probe:
    """One ``column.str.contains(pattern, literal=literal)`` test of the line pass."""

    column: str
    pattern: str
    literal: bool

    @property
    def name(self) -> str:
        """The Boolean column that replaces the test (stable: a digest of the test).

        >>> Probe("s", "@", True).name
        'probe:s:74c6c88968b3'
        """
        digest = hashlib.blake2b(f"{self.literal}\0{self.pattern}".encode()).hexdigest()[:12]
        return f"{_PREFIX}{self.column}:{digest}"

    def exact(self, column: pl.Expr) -> pl.Expr:
        """The test itself, over ``column`` (the probe's column, maybe filtered)."""
        return column.str.contains(self.pattern, literal=self.literal)


def _contains_probe(node: dict[str, Any]) -> tuple[Probe, dict[str, Any] | None] | None:
    """The probe of a serialised ``Function`` node and its filter (``by``), if it is one."""
    fn = node.get("Function")
    if not isinstance(fn, dict):
        return None
    kind = fn.get("function")
    contains = kind.get("StringExpr", {}) if isinstance(kind, dict) else {}
    if not isinstance(contains, dict) or "Contains" not in contains:
        return None
    source, pattern = fn["input"]
    by = None
    if isinstance(source, dict) and "Filter" in source:
        by, source = source["Filter"]["by"], source["Filter"]["input"]
    column = source.get("Column") if isinstance(source, dict) else None
    literal = pattern.get("Literal", {}).get("Scalar", {}) if isinstance(pattern, dict) else {}
    text = literal.get("String") if isinstance(literal, dict) else None
    if column not in PROBE_COLUMNS or not isinstance(text, str) or (by and "Filter" in by):
        return None
    return Probe(column, text, bool(contains["Contains"].get("literal"))), by


def _walk(node: object, found: list[Probe]) -> object:
    """``node`` with every probe replaced by its column; the probes appended to ``found``."""
    if isinstance(node, list):
        return [_walk(item, found) for item in node]
    if not isinstance(node, dict):
        return node
    hit = _contains_probe(node)
    if hit is not None:
        probe, by = hit
        found.append(probe)
        column = {"Column": probe.name}
        return column if by is None else {"Filter": {"input": column, "by": _walk(by, found)}}
    return {key: _walk(value, found) for key, value in node.items()}


def _tree(expr: pl.Expr) -> object:
    return json.loads(expr.meta.serialize(format="json"))


def probes_of(exprs: Iterable[pl.Expr]) -> list[Probe]:
    """The distinct probes in ``exprs``, in order of first use.

    >>> e = pl.col("low").str.contains("^by$") | pl.col("s").filter(pl.col("m")).str.contains(
    ...     "@", literal=True)
    >>> [(p.column, p.pattern, p.literal) for p in probes_of([e, pl.col("x").str.contains("a")])]
    [('low', '^by$', False), ('s', '@', True)]
    """
    found: list[Probe] = []
    for expr in exprs:
        try:
            _walk(_tree(expr), found)
        except (TypeError, ValueError, pl.exceptions.PolarsError):
            continue  # not serialisable (a Python function inside): left as it is
    return list(dict.fromkeys(found))


def rewrite(expr: pl.Expr, probes: Iterable[Probe]) -> pl.Expr:
    """``expr`` with its probes (those in ``probes``) read from their columns.

    >>> p = Probe("s", "a", False)
    >>> df = pl.DataFrame({"s": ["ab", "x"], p.name: [True, False]})
    >>> df.select(rewrite(pl.col("s").str.contains("a") & pl.lit(True), [p])).to_series().to_list()
    [True, False]
    """
    wanted = set(probes)
    if not wanted:
        return expr
    try:
        tree = _tree(expr)
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        return expr
    found: list[Probe] = []
    out = _walk(tree, found)
    if not found or not set(found) <= wanted:
        return expr  # a probe not computed for this pass: leave the expression whole
    name = expr.meta.output_name(raise_if_undetermined=False)
    new = pl.Expr.deserialize(json.dumps(out).encode(), format="json")
    return new.alias(name) if name is not None else new



class Matcher(Protocol):
    """Proposes candidate lines for probes: for each probe a Boolean Series over
    ``lines`` true on (at least) every line where the probe holds, or None:
    every line is a candidate."""

    def candidates(
        self, lines: pl.DataFrame, probes: Sequence[Probe], ctx: DetectContext
    ) -> list[pl.Series | None]: ...


class PolarsMatcher:
    """Every line is a candidate: the probes run as the Polars tests they replace."""

    def candidates(
        self, lines: pl.DataFrame, probes: Sequence[Probe], ctx: DetectContext
    ) -> list[pl.Series | None]:
        return [None for _ in probes]


def probe_columns(
    lines: pl.DataFrame, probes: Sequence[Probe], matcher: Matcher, ctx: DetectContext
) -> pl.DataFrame:
    """``lines`` with one Boolean column per probe (:attr:`Probe.name`), exact.

    >>> df = pl.DataFrame({"s": ["Back to top", "x@y"], "low": ["back to top", None]})
    >>> ps = [Probe("low", "^back to top$", False), Probe("s", "@", True)]
    >>> out = probe_columns(df, ps, PolarsMatcher(), DetectContext(cache_dir=None))
    >>> out.select(p.name for p in ps).rows()
    [(True, False), (None, True)]
    """
    if not probes:
        return lines
    masks = matcher.candidates(lines, probes, ctx)
    named = {f"{p.name}:mask": m for p, m in zip(probes, masks, strict=True) if m is not None}
    frame = lines.with_columns(pl.Series(k, v, pl.Boolean) for k, v in named.items())
    exprs = []
    for probe, mask in zip(probes, masks, strict=True):
        col = pl.col(probe.column)
        if mask is None:
            exprs.append(probe.exact(col).alias(probe.name))
            continue
        m = pl.col(f"{probe.name}:mask")
        hit = only(m, probe.exact(col.filter(m)), pl.Boolean).fill_null(False)
        exprs.append(pl.when(col.is_null()).then(None).otherwise(hit).alias(probe.name))
    return frame.with_columns(exprs).drop(named)


def default_matcher() -> Matcher:
    """:class:`PolarsMatcher`, or :class:`HyperscanMatcher` when :data:`MATCHER_ENV`
    is ``hyperscan`` (a :class:`~dq.errors.UsageError` if the wheel is missing).

    Why Polars by default: measured 2026-12-07 (bench/README.md, "issue 18"),
    the compiled scan saves CPU on the ``low`` probes and loses it on the
    ``s`` ones (Unicode classes, frequent literals), so detect() is no faster.

    >>> type(default_matcher()).__name__
    'PolarsMatcher'
    """
    if os.environ.get(MATCHER_ENV, "").lower() != "hyperscan":
        return PolarsMatcher()
    try:
        import_module("hyperscan")
    except ImportError as exc:
        raise UsageError(
            f"{MATCHER_ENV}=hyperscan needs the hyperscan wheel (pip install 'dq-harness[fast]')"
        ) from exc
    return HyperscanMatcher()


def matcher(ctx: DetectContext) -> Matcher:
    """The matcher of ``ctx``'s runs: :func:`use_matcher`'s, else :func:`default_matcher`'s."""
    chosen: Matcher = ctx.cached(_MATCHER_KEY, default_matcher)
    return chosen


def use_matcher(ctx: DetectContext, chosen: Matcher) -> None:
    """Make ``chosen`` the matcher of ``ctx`` (before its first detection; raises after).

    >>> ctx = DetectContext(cache_dir=None)
    >>> use_matcher(ctx, PolarsMatcher()); type(matcher(ctx)).__name__
    'PolarsMatcher'
    """
    if ctx.cached(_MATCHER_KEY, lambda: chosen) is not chosen:
        raise ValueError("this context has already chosen its matcher")


@dataclass(frozen=True)
class HyperscanMatcher:
    """Candidates from one Hyperscan scan per probe column (see the module doc).

    ``min_lines``: a slice of fewer lines takes the Polars path (:data:`MIN_LINES`).
    """

    min_lines: int = MIN_LINES

    def candidates(
        self, lines: pl.DataFrame, probes: Sequence[Probe], ctx: DetectContext
    ) -> list[pl.Series | None]:
        out: dict[Probe, pl.Series | None] = dict.fromkeys(probes)
        if lines.height < self.min_lines:
            return [None for _ in probes]
        for column in PROBE_COLUMNS:
            mine = [p for p in probes if p.column == column]
            if not mine:
                continue
            texts = lines.get_column(column)
            compiled = _compiled(ctx, mine, texts)
            out.update(zip(compiled.probes, _scan(compiled, texts), strict=True))
        return [out[p] for p in probes]


@dataclass(frozen=True)
class _Compiled:
    probes: tuple[Probe, ...]  # the ones Hyperscan scans for (the others: None)
    database: Any


def _compiled(ctx: DetectContext, probes: Sequence[Probe], sample: pl.Series) -> _Compiled:
    """The database of ``probes`` for this context (built and calibrated once per digest)."""
    digest = hashlib.blake2b("\0".join(p.name for p in probes).encode()).hexdigest()[:24]
    full: _Compiled = ctx.cached(
        f"match:hs:{digest}", lambda: _build(tuple(probes), ctx.cache_dir)
    )
    if not full.probes:
        return full

    def calibrate() -> _Compiled:
        rate = _match_rates(full, sample.head(CALIBRATION_LINES))
        kept = tuple(p for p in full.probes if rate.get(p, 0.0) <= CALLBACK_RATE_MAX)
        return full if kept == full.probes else _build(kept, ctx.cache_dir)

    calibrated: _Compiled = ctx.cached(f"match:hs:{digest}:calibrated", calibrate)
    return calibrated


def _build(probes: tuple[Probe, ...], cache_dir: Path | None) -> _Compiled:
    """A Hyperscan block-mode database of ``probes`` (prefilter mode: a superset of matches).

    A pattern Hyperscan cannot take even as a prefilter (or one of
    :data:`_COSTLY`) is left to Polars. With ``cache_dir``, the compiled
    database is kept there by a digest of the probes and the library version
    (compiling takes ~0.5 CPU s; loading it, milliseconds).
    """
    hs = import_module("hyperscan")
    flags = hs.HS_FLAG_UTF8 | hs.HS_FLAG_UCP | hs.HS_FLAG_MULTILINE | hs.HS_FLAG_PREFILTER
    # the flags too: a database compiled with other flags must not be read back as this one
    key = hashlib.blake2b(
        "\0".join([hs.__version__, str(flags), *(p.name for p in probes)]).encode(),
        digest_size=12,
    ).hexdigest()
    path = None if cache_dir is None else cache_dir / f"hyperscan-{key}.bin"
    if path is not None and path.exists():
        try:
            usable_names, blob = path.read_bytes().split(b"\n", 1)
            names = set(usable_names.decode().split())
            database = hs.loadb(blob, hs.HS_MODE_BLOCK)
            return _Compiled(tuple(p for p in probes if p.name in names), database)
        except (ValueError, TypeError, hs.error):
            pass  # a stale or broken file: compiled again below
    usable = [p for p in probes if not _COSTLY.search(p.pattern)]
    try:
        database = _database(hs, usable, flags) if usable else None
    except hs.error:  # find the probes it cannot take (one at a time: slower)
        usable = [p for p in usable if _compiles(hs, p, flags)]
        database = _database(hs, usable, flags) if usable else None
    if path is not None and database is not None:
        header = " ".join(p.name for p in usable).encode() + b"\n"
        write_atomic(path, lambda tmp: tmp.write_bytes(header + hs.dumpb(database)))
    return _Compiled(tuple(usable), database)


def _compiles(hs: Any, probe: Probe, flags: int) -> bool:
    try:
        _database(hs, [probe], flags)
    except hs.error:
        return False
    return True


def _database(hs: Any, probes: Sequence[Probe], flags: int) -> Any:
    database = hs.Database(mode=hs.HS_MODE_BLOCK)
    database.compile(
        expressions=[_hs_pattern(p).encode() for p in probes],
        ids=list(range(len(probes))),
        flags=[flags] * len(probes),
    )
    return database


def _hs_pattern(probe: Probe) -> str:
    r"""``probe``'s pattern as Hyperscan reads it (a literal escaped).

    >>> _hs_pattern(Probe("s", "a.b", True)), _hs_pattern(Probe("s", "a.b", False))
    ('a\\x{2e}b', 'a.b')
    """
    if not probe.literal:
        return probe.pattern
    return "".join(f"\\x{{{ord(c):x}}}" if not c.isalnum() else c for c in probe.pattern)


def _hits(compiled: _Compiled, texts: pl.Series) -> tuple[list[int], pl.Series]:
    """Encoded hits (``line * n_probes + probe``) of one scan of ``texts``, and the line starts."""
    hs = import_module("hyperscan")
    lengths = texts.fill_null("").str.len_bytes().cast(pl.Int64)
    starts = (lengths + 1).cum_sum() - lengths - 1
    # as Binary: one copy into Python bytes, not a str decoded then encoded (3x faster)
    buffer = texts.fill_null("").str.join("\n").cast(pl.Binary).item()
    ends: list[int] = []
    n = len(compiled.probes)

    def on_match(pid: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
        ends.append(end * n + pid)

    compiled.database.scan(buffer, match_event_handler=on_match, scratch=hs.Scratch(
        compiled.database))
    return ends, starts


def _line_hits(compiled: _Compiled, texts: pl.Series) -> pl.DataFrame:
    """``line, probe`` of every hit (a match ending in that line, or just after it)."""
    ends, starts = _hits(compiled, texts)
    n = len(compiled.probes)
    coded = pl.Series("coded", ends, pl.Int64)
    end = coded // n
    # a match ends (exclusively) after its last byte: that byte's line
    line = (starts.search_sorted(end - 1, side="right") - 1).clip(0)
    return pl.DataFrame({"line": line, "probe": (coded % n).cast(pl.Int32)})


def _match_rates(compiled: _Compiled, texts: pl.Series) -> dict[Probe, float]:
    """Hyperscan matches per line of each probe over ``texts``."""
    if not texts.len():
        return {}
    ends, _ = _hits(compiled, texts)
    n = len(compiled.probes)
    counts = (pl.Series(ends, dtype=pl.Int64) % n).value_counts() if ends else None
    per = {} if counts is None else dict(counts.iter_rows())
    return {p: per.get(i, 0) / texts.len() for i, p in enumerate(compiled.probes)}


def _scan(compiled: _Compiled, texts: pl.Series) -> list[pl.Series]:
    """One candidate mask per compiled probe over ``texts``."""
    if compiled.database is None:
        return []
    hits = _line_hits(compiled, texts).unique()
    height = texts.len()
    masks = []
    for i in range(len(compiled.probes)):
        rows = hits.filter(pl.col("probe") == i).get_column("line")
        mask = pl.zeros(height, pl.Boolean, eager=True).scatter(rows, True)
        masks.append(mask)
    return masks
