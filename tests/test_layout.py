"""The package's shape: no import cycles, small modules, short functions where it matters.

Why a test: a cycle hidden by a function-level import (``cli.py`` <->
``cli_*.py``, ``scan.py`` <-> ``stream.py`` before issue 14) works until the
import order changes; a 900-line module grows one function at a time. These
checks read the source with :mod:`ast` (every import, lazy ones included;
``if TYPE_CHECKING:`` blocks skipped), the same rules as the shared
``import_cycles.py`` checker, so they run offline and import nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dq"
#: Habit 14 of STYLE.md: modules of about 500 lines at most.
MAX_MODULE_LINES = 500
#: Functions of at most 60 lines where a newcomer reads first (issue 14).
MAX_FUNCTION_LINES = 60
SHORT_FUNCTIONS = ("engine", "cli", "report/nightly.py")


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of the package that ``name`` imports (the nearest existing one for each)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
        for node in ast.walk(branch)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(0, node.level - 1)):
                base = base.rpartition(".")[0]
            head = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
            assert head is not None
            targets += [f"{head}.{a.name}" if f"{head}.{a.name}" in modules else head
                        for a in node.names]
    out = set()
    for target in targets:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target and target != name and not name.startswith(target + ".") and target != "dq":
            out.add(target)
    return out


def import_cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    modules = _modules()
    edges = {name: _imports(name, path, modules) for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in sorted(modules):
        if v not in index:
            visit(v)
    return cycles


def test_the_package_has_no_import_cycle() -> None:
    assert import_cycles() == []


def test_the_checker_finds_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "dq"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from dq import b\n")
    (pkg / "b.py").write_text("from dq.a import f\n")
    # c and d import each other, but c only for type checking: not a cycle
    guarded = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import dq.d\n"
    (pkg / "c.py").write_text(guarded)
    (pkg / "d.py").write_text("import dq.c\n")
    monkeypatch.setitem(globals(), "PACKAGE", pkg)
    assert import_cycles() == [["dq.a", "dq.b"]]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path}: {lines} lines"


def test_functions_of_the_engine_cli_and_nightly_report_stay_short() -> None:
    long = []
    for part in SHORT_FUNCTIONS:
        target = PACKAGE / part
        for path in [target] if target.is_file() else sorted(target.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    size = (node.end_lineno or node.lineno) - node.lineno + 1
                    if size > MAX_FUNCTION_LINES:
                        long.append(f"{path.relative_to(PACKAGE)}:{node.name} {size} lines")
    assert long == []
