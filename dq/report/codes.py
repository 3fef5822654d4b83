"""The reason-code table, derived from the registry (README, ``dq codes``).

Why generated: a hand-written table drifts from the code; a test compares the
README's table with this function's output.
"""

from __future__ import annotations

from dq.signals.registry import REGISTRY


def codes_markdown() -> str:
    """A Markdown table: code, family, level, severity, what it means.

    >>> codes_markdown().splitlines()[0]
    '| code | family | level | severity | what it flags |'
    """
    rows = ["| code | family | level | severity | what it flags |", "|---|---|---|---|---|"]
    for s in REGISTRY:
        severity = "positive (signal only)" if s.positive else s.severity
        level = "line" if s.level == "span" else s.level
        rows.append(f"| `{s.code}` | {s.family} | {level} | {severity} | {s.description} |")
    return "\n".join(rows)


START, END = "<!-- codes:start -->", "<!-- codes:end -->"


def update_readme(text: str) -> str:
    """Replace the block between the codes markers with the current table.

    >>> update_readme("a\\n<!-- codes:start -->\\nold\\n<!-- codes:end -->\\nb").count("| code |")
    1
    """
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{codes_markdown()}\n{END}{tail}"


if __name__ == "__main__":  # python -m dq.report.codes README.md
    import sys
    from pathlib import Path

    target = Path(sys.argv[1])
    target.write_text(update_readme(target.read_text("utf-8")), "utf-8")
