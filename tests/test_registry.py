"""The registry is the one list of signals; docs and public API derive from it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import dq
from dq.report.codes import codes_markdown
from dq.signals.registry import CODES, REGISTRY, get

REPO = Path(__file__).resolve().parents[1]


def test_codes_are_unique_snake_case() -> None:
    assert len(CODES) == len(set(CODES))
    for code in CODES:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code)


def test_every_signal_function_has_doctest_examples() -> None:
    for sig in REGISTRY:
        fn = sig.expr or sig.custom
        if fn is not None:
            assert fn.__doc__ and ">>>" in fn.__doc__, f"{sig.code}: no doctest in {fn.__name__}"


def test_get() -> None:
    assert get("licence_nag").code == "licence_nag"


def test_readme_reason_code_table_matches_registry() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert codes_markdown() in readme, "README table is stale: paste `dq codes --markdown`"


def test_public_api_names_resolve() -> None:
    for name in dq.__all__:
        assert getattr(dq, name) is not None


#: Libraries ``dq scan`` has no use for on a JSON-lines file: each costs
#: start-up time (pyarrow and numpy ~0.1 s, Great Expectations seconds).
SCAN_NEVER_IMPORTS = ("great_expectations", "altair", "pyspark", "pandas", "duckdb", "pyarrow")
#: ``dq --help`` imports no subcommand module (0.05 s of its 0.13 s, issue 18).
HELP_NEVER_IMPORTS = ("dq.cli.options", "dq.cli.scan", "dq.cli.validate", "dq.cli.report",
                      "dq.cli.clean", "dq.cli.eval", "dq.cli.baseline", "dq.errors")


@pytest.mark.parametrize(
    ("args", "heavy"),
    [
        # the subcommand modules too: dq --help lists them from dq.cli.COMMANDS
        pytest.param([], (*SCAN_NEVER_IMPORTS, "polars", *HELP_NEVER_IMPORTS), id="help"),
        # hyperscan: only DQ_MATCHER=hyperscan on 100k lines or more (dq.engine.match);
        # numpy: Polars does not need it (0.1-0.2 s of a tiny scan's start-up if it crept in)
        pytest.param(["scan", "{tiny}"], (*SCAN_NEVER_IMPORTS, "hyperscan", "numpy"),
                     id="scan-tiny-jsonl"),
    ],
)
def test_cli_does_not_import_heavy_libraries(
    tmp_path: Path, args: list[str], heavy: tuple[str, ...]
) -> None:
    tiny = tmp_path / "tiny.jsonl"
    first = (REPO / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    tiny.write_text(first + "\n", encoding="utf-8")
    argv = [a.format(tiny=tiny) for a in args] or ["--help"]
    code = (
        "import sys; from click.testing import CliRunner; from dq.cli import main;"
        f"r = CliRunner().invoke(main, {argv!r}); assert r.exit_code == 0, r.output;"
        f"heavy = [m for m in {heavy!r} if m in sys.modules]; print(heavy); assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
