"""Errors in labelled evaluation input: one line naming the file and record, never a traceback.

Why a class of its own: ``dq eval`` must tell "your labels file is wrong"
(exit 2) from "the detector missed its floor" (exit 1). A ``ValueError``
subclass, so callers that caught ``ValueError`` keep working, and a
:class:`dq.errors.DqError`, so the CLI's one mapping gives exit 2.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from dq.errors import DqError


class EvalInputError(DqError, ValueError):
    """A labelled file, a record in it, or a floors file that cannot be scored as written."""


def check_floor_keys(floors: Mapping[str, Any], evaluated: Collection[str]) -> None:
    """Every key of a floors file must name an evaluated file, or the floor guards nothing.

    >>> check_floor_keys({"a.jsonl": {}}, ["a.jsonl", "b.jsonl"])
    >>> check_floor_keys({"glued.jsonl": {}}, ["glue.jsonl"])
    Traceback (most recent call last):
    dq.evaluate.errors.EvalInputError: floors key 'glued.jsonl' matches no evaluated file \
(evaluated: glue.jsonl; did you mean 'glue.jsonl'?)
    """
    import difflib

    if not isinstance(floors, Mapping):
        raise EvalInputError("floors must be a JSON object {file name: {group: {metric: floor}}}")
    names = sorted(evaluated)
    for key in sorted(floors):
        if key in evaluated:
            continue
        close = difflib.get_close_matches(key, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise EvalInputError(
            f"floors key {key!r} matches no evaluated file (evaluated: {', '.join(names)}{hint})"
        )
