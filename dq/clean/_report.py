"""What ``dq clean`` tells a reviewer: a unified diff per changed record and counts per code.

Why: a cleaned corpus is accepted or rejected by people reading what
changed. The diff shows it in the format every review tool reads; the
summary says which reason codes did the work.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

import polars as pl


def record_diff(record_id: str, before: str, after: str, *, context: int = 2) -> str:
    """A unified diff of one record's text, lines over ``text.split("\\n")``.

    >>> print(record_diff("r1", "Share this\\nBody.\\nhe said .", "Body.\\nhe said."))
    --- a/r1
    +++ b/r1
    @@ -1,3 +1,2 @@
    -Share this
     Body.
    -he said .
    +he said.
    """
    lines = difflib.unified_diff(
        before.split("\n"), after.split("\n"),
        fromfile=f"a/{record_id}", tofile=f"b/{record_id}", lineterm="", n=context,
    )
    return "\n".join(lines)


def diffs(ids: Iterable[str], before: Iterable[str], after: Iterable[str]) -> Iterator[str]:
    """One diff per record whose text changed, in input order."""
    for rid, old, new in zip(ids, before, after, strict=True):
        if old != new:
            yield record_diff(rid, old, new)


def summary(steps: pl.DataFrame) -> pl.DataFrame:
    """Steps and records per reason code, in the order the cleaners run, then by code.

    >>> steps = pl.DataFrame({"record_id": ["a", "a", "b"],
    ...                       "code": ["back_to_top", "glued_words", "back_to_top"]})
    >>> summary(steps).rows()
    [('back_to_top', 2, 2), ('glued_words', 1, 1)]
    """
    from dq.clean._stages import fixable_codes

    order = {code: i for i, code in enumerate(fixable_codes())}
    return (
        steps.group_by("code")
        .agg(pl.len().alias("steps"), pl.col("record_id").n_unique().alias("records"))
        .with_columns(
            pl.col("code").replace_strict(order, default=len(order), return_dtype=pl.Int64)
            .alias("_o")
        )
        .sort("_o", "code")
        .select("code", pl.col("steps").cast(pl.Int64), pl.col("records").cast(pl.Int64))
    )


def summary_lines(steps: pl.DataFrame, *, records: int, changed: int, emptied: int) -> list[str]:
    """The summary as aligned text lines (what ``dq clean`` prints).

    >>> steps = pl.DataFrame({"record_id": ["a"], "code": ["back_to_top"]})
    >>> print("\\n".join(summary_lines(steps, records=3, changed=1, emptied=0)))
    cleaned 1 of 3 records (0 would be cleaned to nothing: kept, flagged in dq_cleaned_empty)
    code         steps  records
    back_to_top      1        1
    """
    out = [f"cleaned {changed} of {records} records ({emptied} would be cleaned to nothing: "
           "kept, flagged in dq_cleaned_empty)"]
    table = summary(steps)
    if table.height:
        width = max(4, *(len(c) for c in table["code"]))
        out.append(f"{'code':<{width}}  steps  records")
        out += [f"{code:<{width}}  {n:>5}  {r:>7}" for code, n, r in table.iter_rows()]
    return out
