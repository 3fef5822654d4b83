"""Exit codes, shared options and start-up helpers of every ``dq`` subcommand.

A leaf of :mod:`dq.cli`: subcommand modules import it, never the package
(no import cycle). Imports only click: ``dq --help`` must stay fast.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_DATA = 1  # the data failed a gate
EXIT_USAGE = 2  # usage, input, suite or harness error


class InputError(click.ClickException):
    """An input problem the user can fix: one line, exit 2, no traceback.

    Raised by :class:`dq.cli.DqGroup` for every :class:`dq.errors.DqError`;
    commands raise a ``DqError`` (e.g. :class:`dq.errors.UsageError`).
    """

    exit_code = EXIT_USAGE


def split_codes(codes: str | None) -> list[str] | None:
    """``--codes a,b`` as a list (None: every code).

    >>> split_codes(" a, b,,"), split_codes(None)
    (['a', 'b'], None)
    """
    return [c.strip() for c in codes.split(",") if c.strip()] if codes else None


def parse_mappings(mappings: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``--map FIELD=COLUMN`` options as ``{field: column}``; a bad one is a :class:`UsageError`."""
    from dq.errors import UsageError
    from dq.load import parse_mapping

    try:
        return parse_mapping(list(mappings))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


#: Input formats ``--format`` accepts; equal to ``dq.load.FORMATS`` (a test checks),
#: repeated here so ``dq --help`` does not import the loaders (and Polars).
INPUT_FORMATS = ("jsonl", "parquet", "csv", "text")

#: ``--map FIELD=COLUMN``, shared by every command that reads a corpus.
map_option = click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Use input COLUMN as article FIELD (repeatable), e.g. --map text=body.",
)

def _input_format(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--input-format``: keep what the deprecated ``--format`` set when it came first."""
    earlier = ctx.params.get("fmt")
    if value is not None and earlier is not None and earlier != value:
        raise click.BadParameter(
            f"--input-format {value} and --format {earlier} disagree", ctx=ctx, param=param
        )
    return value if value is not None else earlier


def _deprecated_format(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``--format``: the old name of ``--input-format``; works, with one line on stderr."""
    if value is None:
        return
    earlier = ctx.params.get("fmt")
    if earlier is not None and earlier != value:
        raise click.BadParameter(
            f"--format {value} and --input-format {earlier} disagree", ctx=ctx, param=param
        )
    ctx.params["fmt"] = value
    if verbosity(ctx) >= 0:
        click.echo("warning: --format is deprecated; use --input-format", err=True)


def format_option(command: F) -> F:
    """``--input-format`` (value ``fmt``), and ``--format``, its deprecated alias (hidden).

    Why two options: ``--format`` read as the *output* format to users of ruff
    and pytest (issue 16); the old name keeps working for one release.
    """
    command = click.option(
        "--format",
        "deprecated_fmt",
        type=click.Choice(INPUT_FORMATS),
        hidden=True,
        expose_value=False,
        callback=_deprecated_format,
        help="Deprecated: use --input-format.",
    )(command)
    return click.option(
        "--input-format",
        "fmt",
        type=click.Choice(INPUT_FORMATS),
        callback=_input_format,
        help="Force the input format instead of guessing from file names.",
    )(command)


#: Where the ``-q``/``-v`` count and the loader limits live for the running command.
_VERBOSITY: Final = "dq.verbosity"
_LIMITS: Final = "dq.limits"


def _count(ctx: click.Context, param: click.Parameter, value: int) -> None:
    sign = -1 if param.name == "quiet" else 1
    ctx.meta[_VERBOSITY] = ctx.meta.get(_VERBOSITY, 0) + sign * value


def verbosity(ctx: click.Context | None = None) -> int:
    """``-v`` count minus ``-q`` count of the running command (0 outside a command)."""
    ctx = ctx or click.get_current_context(silent=True)
    return int(ctx.meta.get(_VERBOSITY, 0)) if ctx is not None else 0


#: ``-q``/``-v``: added to every subcommand by :mod:`dq.cli` (eager, so they act first).
VERBOSITY_OPTIONS: Final = (
    click.Option(["-q", "--quiet"], count=True, expose_value=False, is_eager=True,
                 callback=_count,
                 help="Less output: no progress bar, summary or deprecation warnings."),
    click.Option(["-v", "--verbose"], count=True, expose_value=False, is_eager=True,
                 callback=_count,
                 help="More output: the closing summary (records, MB, seconds) even "
                      "when not on a terminal."),
)


def _limit(ctx: click.Context, param: click.Parameter, value: float | None) -> None:
    if value is not None:
        ctx.meta.setdefault(_LIMITS, {})[param.name] = value


#: ``--max-record-mb``, ``--max-nesting``, ``--max-expansion``: the loader's limits
#: (:class:`dq.load.LoadLimits`), added by :mod:`dq.cli` to every command that reads a corpus.
LIMIT_OPTIONS: Final = (
    click.Option(["--max-record-mb"], type=click.FloatRange(min=0, min_open=True),
                 expose_value=False, callback=_limit,
                 help="Quarantine records larger than this many MiB (record_too_large) "
                      "[default: 16]."),
    click.Option(["--max-nesting"], type=click.IntRange(min=1), expose_value=False,
                 callback=_limit,
                 help="Quarantine JSON records nested deeper than this (nesting_too_deep) "
                      "[default: 32]."),
    click.Option(["--max-expansion"], type=click.IntRange(min=1), expose_value=False,
                 callback=_limit,
                 help="Stop reading a compressed file that expands more than this many "
                      "times its size, past 64 MiB (decompression_limit) [default: 100]."),
)


def load_limits(ctx: click.Context | None = None) -> Any:
    """The :class:`dq.load.LoadLimits` the limit flags ask for (None: the defaults)."""
    ctx = ctx or click.get_current_context(silent=True)
    given = ctx.meta.get(_LIMITS) if ctx is not None else None
    if not given:
        return None
    from dq.load import LoadLimits

    fields: dict[str, int] = {}
    if "max_record_mb" in given:
        fields["max_record_bytes"] = int(given["max_record_mb"] * 2**20)
    if "max_nesting" in given:
        fields["max_nesting"] = int(given["max_nesting"])
    if "max_expansion" in given:
        fields["max_expansion"] = int(given["max_expansion"])
    return LoadLimits(**fields)

#: Units ``--batch-size`` accepts (binary: 1M = 2**20 bytes).
_SIZE_UNITS: Final = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}
_SIZE: Final = re.compile(r"(\d+)\s*([kmg]?)(?:i?b)?", re.IGNORECASE)


def parse_size(text: str) -> int:
    """A size in bytes from ``64M``, ``512KiB``, ``1g`` or ``1000`` (units are powers of 2).

    >>> parse_size("64M"), parse_size("512KiB"), parse_size("1g"), parse_size("1000")
    (67108864, 524288, 1073741824, 1000)
    >>> parse_size("0")
    Traceback (most recent call last):
    ValueError: 0: a size must be at least 1 byte
    >>> parse_size("lots")
    Traceback (most recent call last):
    ValueError: lots: expected a size such as 64M, 512K, 1G or a number of bytes
    """
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text}: expected a size such as 64M, 512K, 1G or a number of bytes")
    size = int(match.group(1)) * _SIZE_UNITS[match.group(2).lower()]
    if size < 1:
        raise ValueError(f"{text}: a size must be at least 1 byte")
    return size


def _batch_size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def stream_options(command: F) -> F:
    """``--stream/--no-stream`` and ``--batch-size``, shared by scan, validate and report."""
    command = click.option(
        "--batch-size",
        "batch_size",
        metavar="SIZE",
        callback=_batch_size,
        help="Input per batch when streaming, e.g. 16M, 128M [default: 64M]. "
        "Smaller batches use less memory and take a little longer.",
    )(command)
    return click.option(
        "--stream/--no-stream",
        "stream",
        default=None,
        help="Scan a batch at a time, in memory bounded by --batch-size, or all at once "
        "[default: stream when the input is 512 MiB or more].",  # scan.STREAM_THRESHOLD_BYTES
    )(command)


#: Polars sets its allocator (jemalloc, on Linux) to ``dirty_decay_ms:500,
#: muzzy_decay_ms:1000`` and appends ``_RJEM_MALLOC_CONF`` to it: pages a batch
#: freed are first lazily freed (MADV_FREE) and stay in the resident set for
#: a second more, so a streamed scan's next batches add to them. Releasing
#: them at once: ``dq scan`` of bench_scale's 1 GB peaked at 1.39-1.40 GB
#: against 1.53-1.56 GB, in the same time (33-36 s either way; 200 MB in
#: memory: no change), 2026-11-28. Applied by the ``dq`` command only, before
#: Polars loads, and only when the user has not set ``_RJEM_MALLOC_CONF``.
ALLOCATOR_CONF: Final = "dirty_decay_ms:300,muzzy_decay_ms:0"


#: What ``import polars`` puts in ``_RJEM_MALLOC_CONF`` when it was unset: a
#: ``dq`` started by a Python program that imported Polars inherits it, and
#: that is not a choice of the user's.
POLARS_DEFAULT_CONF: Final = "dirty_decay_ms:500,muzzy_decay_ms:1000"


def tune_allocator(environ: dict[str, str] | os._Environ[str] | None = None) -> None:
    """Set :data:`ALLOCATOR_CONF` unless the user chose a jemalloc setting.

    >>> env = {}; tune_allocator(env); env["_RJEM_MALLOC_CONF"] == ALLOCATOR_CONF
    True
    >>> env = {"_RJEM_MALLOC_CONF": POLARS_DEFAULT_CONF}; tune_allocator(env)
    >>> env["_RJEM_MALLOC_CONF"] == ALLOCATOR_CONF
    True
    >>> env = {"_RJEM_MALLOC_CONF": "narenas:1"}; tune_allocator(env); env["_RJEM_MALLOC_CONF"]
    'narenas:1'
    """
    env = os.environ if environ is None else environ
    if env.get("_RJEM_MALLOC_CONF", "") in ("", POLARS_DEFAULT_CONF):
        env["_RJEM_MALLOC_CONF"] = ALLOCATOR_CONF


#: ``--threads`` above this many per core is clamped (issue 17 C): ``--threads
#: 1000`` took 100-185 s and 4.6 GB for 3 records, and 100,000 starved the
#: machine; Polars gains nothing past a few threads per core.
THREADS_PER_CORE: Final = 4


def max_threads(cores: int | None = None) -> int:
    """The most threads ``--threads`` sets: :data:`THREADS_PER_CORE` per core.

    >>> max_threads(2), max_threads(1)
    (8, 4)
    """
    return THREADS_PER_CORE * max(cores or os.cpu_count() or 1, 1)


def _set_threads(ctx: click.Context, param: click.Parameter, value: int | None) -> None:
    """Polars reads POLARS_MAX_THREADS once, when its thread pool starts: set it first."""
    if value is None:
        return
    most = max_threads()
    if value > most:
        click.echo(f"warning: --threads {value} is more than {THREADS_PER_CORE}x the "
                   f"{os.cpu_count() or 1} cores; using {most}", err=True)
        value = most
    os.environ["POLARS_MAX_THREADS"] = str(value)
    if "polars" in sys.modules:  # started in-process (tests, notebooks): maybe too late
        import polars as pl

        if pl.thread_pool_size() != value:
            click.echo(
                f"--threads {value}: Polars already runs {pl.thread_pool_size()} threads "
                "in this process; the setting applies to new processes",
                err=True,
            )


#: ``--threads``: must act before anything imports Polars (an eager callback).
threads_option = click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=None,
    expose_value=False,
    is_eager=True,
    callback=_set_threads,
    help="Threads for Polars (sets POLARS_MAX_THREADS; at most 4 per core) [default: all cores].",
)


class EarlyContext:
    """A detection context whose slow parts load while the command imports and reads its input.

    Why: a small ``dq scan`` spends 0.1 s reading the lexicon and building
    the glued-word sets (``Signal.prepare``) and 0.1 s importing dq and
    rich; started first, the former mostly happens during the latter.
    Findings are the same: :func:`dq.detect.detect` waits for a build under
    way or does it.

    Why on the context's own pool (:func:`dq._pool.new_pool`, no Polars
    imported yet): its first task imports Polars and dq's signals and makes
    the context around the pool (the main thread waits for it in
    :meth:`get`: no module is imported by both at once), then the warm-up
    runs there too. A scan starts the pool's threads and no other kind.

    With every code (``codes`` None), the lexicon that ``glued_words`` reads
    (0.14 CPU s on a warm cache, Polars decoding its 3.9 M words with the
    interpreter's lock released) starts loading as soon as Polars is imported:
    it overlaps the import of the rest of dq (0.15-0.2 s of Python). It used to
    start when glued_words first read it, in the middle of detection. A scan
    whose words are all well known never reads it: that scan now pays those
    CPU seconds on the other core (2 cores), for the gain of every other one.

    ``codes``: the reason codes to prepare for (None: all); a bad code is
    left for the command to report.
    """

    def __init__(self, codes: list[str] | None) -> None:
        from dq._pool import new_pool

        self._pool = new_pool()
        self._job = self._pool.submit(self._start, codes)

    def _start(self, codes: list[str] | None) -> Any:
        from dq.signals.context import DetectContext  # Polars, not yet the signals

        ctx = DetectContext.on_pool(self._pool)
        if codes is None:  # built once per context, whoever asks first (a lock per key)
            self._pool.submit(ctx.lexicon)
        from dq.engine.detect import warm_up

        with contextlib.suppress(KeyError, ValueError):  # an unknown code: the command says so
            warm_up(ctx, codes)  # queued on the pool: nothing waits for it
        return ctx

    def get(self) -> Any:
        """The context (a ``DetectContext``) once dq is imported; None if that failed
        (the command then imports it and reports what went wrong)."""
        try:
            return self._job.result()
        except Exception:  # the command imports dq itself, and that import says what failed
            return None


def _print_codes_json(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    import json

    from dq.report.formats import codes_json

    click.echo(json.dumps(codes_json(), indent=2))
    ctx.exit(EXIT_OK)


#: ``dq codes --json``: every reason code as JSON (an eager flag, as ``--version`` is,
#: so the command's own signature does not change).
codes_json_option = click.option(
    "--json",
    "as_json",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_codes_json,
    help="Print the codes as JSON (code, family, level, severity, description ...).",
)


def writable_folder(path: Path, flag: str) -> Path:
    """The nearest existing ancestor of ``path``; a UsageError unless dq can write in it."""
    from dq.errors import UsageError

    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"{flag} {path}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{flag} {path}: cannot write in folder {existing} (permission denied)")
    return existing


def check_output_paths(
    inputs: tuple[str, ...] | list[str], outputs: dict[str, Path | None], fmt: str | None
) -> None:
    """Check every output before the corpus is read (``dq.load.outputs.check_outputs``).

    Missing parent folders are created (as the writers always did) when dq
    may write where they would go; a folder under a regular file or without
    permission is an error naming the option.
    """
    from dq.load.outputs import check_outputs

    for flag, path in outputs.items():
        if path is not None and not path.parent.exists():
            writable_folder(path.parent, flag)
            path.parent.mkdir(parents=True, exist_ok=True)
    check_outputs(inputs, outputs, fmt=fmt)


#: Where ``--engine`` and ``--spark-master`` keep their values for the running command.
_ENGINE: Final = "dq.engine"
#: ``--engine`` choices: this process (Polars), or Apache Spark (:mod:`dq.spark`).
ENGINES: Final = ("local", "spark")


def _engine(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta.setdefault(_ENGINE, {})[param.name] = value


def engine_options(command: F) -> F:
    """``--engine local|spark`` and ``--spark-master URL`` (scan, validate, report).

    Kept in ``ctx.meta``, not passed to the command: the command calls
    :func:`run_on_spark` first, which hands its parameters to :mod:`dq.spark`.
    """
    command = click.option(
        "--spark-master", metavar="URL", expose_value=False, callback=_engine,
        help="Spark master for --engine spark: local[2], spark://host:7077, yarn "
        "[default: the active SparkSession, else local[*]].",
    )(command)
    return click.option(
        "--engine", type=click.Choice(ENGINES), expose_value=False, callback=_engine,
        help="Run the scan in this process (local, the default) or on Apache Spark "
        "(needs the spark extra and Java 17).",
    )(command)


def run_on_spark(command: str, **helpers: Any) -> None:
    """With ``--engine spark``: run ``command`` on Spark with the command's own
    parameters, then exit with its code; with the local engine: return.

    ``helpers``: what :mod:`dq.spark.cli` uses of the command's module (it
    imports nothing from :mod:`dq.cli`: no import cycle).
    """
    from dq.errors import UsageError

    ctx = click.get_current_context()
    chosen = ctx.meta.get(_ENGINE, {})
    if chosen.get("engine", "local") != "spark":
        if chosen.get("spark_master"):
            raise UsageError("--spark-master needs --engine spark")
        return
    from dq.spark.cli import run

    helpers = {"mapping": parse_mappings, **helpers}
    sys.exit(run(command, dict(ctx.params), chosen.get("spark_master"), load_limits(ctx),
                 helpers))
