"""glued_words' cheaper query plans decide as the old ones did (issue 15: speed, same findings).

The split scores are now aggregated once per side and keyed by a split id, and the
best language pair is the first row of each group after one sort (a group keeps
its rows' order): these tests pin the tie-break that sort implements.
"""

from __future__ import annotations

import polars as pl
import pytest

from dq.signals._lexicon import LEXICON_SCHEMA, Lexicon
from dq.signals.spacing_splits import scored_splits, wide_engine


def _lexicon(rows: list[tuple[str, str, float, bool]]) -> Lexicon:
    frame = pl.DataFrame(
        [(w, lang, z, closed, False) for w, lang, z, closed in rows],
        schema=LEXICON_SCHEMA,
        orient="row",
    ).sort("word", maintain_order=True)
    return Lexicon(frame, probe=True)


_SHAPES = pl.LazyFrame(
    {"piece": ["itselectric"], "merged": [False], "low": ["itselectric"],
     "m": [11], "caps": [0], "tail": [11]},
    schema_overrides={"m": pl.Int32, "caps": pl.Int32, "tail": pl.Int32},
)  # fmt: skip


def _at_its(lex: Lexicon) -> dict[str, object]:
    rows = scored_splits(_SHAPES, lex).filter(pl.col("p") == 3).collect()
    assert rows.height == 1
    return rows.row(0, named=True)


@pytest.mark.parametrize(("first", "second", "expected"), [("en", "fr", 5.0), ("xx", "aa", 4.0)])
def test_pair_tie_goes_to_first_language_by_name(first: str, second: str, expected: float) -> None:
    # both languages explain "its|electric" with the same sum (9.0): the one first by
    # name gives the halves' zipf, whatever the lexicon's row order
    lex = _lexicon([
        ("its", first, 5.0, False), ("electric", first, 4.0, False),
        ("its", second, 4.0, False), ("electric", second, 5.0, False),
    ])  # fmt: skip
    row = _at_its(lex)
    assert row["zl_o"] == expected
    assert row["zr_o"] == 9.0 - expected
    assert row["zl_c"] is None and row["zr_c"] is None


def test_open_and_closed_pairs_and_best_halves_apart() -> None:
    lex = _lexicon([
        ("its", "en", 6.0, False), ("electric", "en", 4.0, False),
        ("its", "de", 3.5, True), ("electric", "de", 5.5, True),
        ("electric", "fr", 4.5, False),
    ])  # fmt: skip
    row = _at_its(lex)
    # the best pair of each kind, from one language
    assert (row["zl_o"], row["zr_o"]) == (6.0, 4.0)
    assert (row["zl_c"], row["zr_c"]) == (3.5, 5.5)
    # each half's best over all languages, and over the open ones
    assert (row["zl_any"], row["zr_any"]) == (6.0, 5.5)
    assert (row["zl_n"], row["zr_n"]) == (6.0, 4.5)
    assert row["r_glue_tail"] is False


def test_wide_engine_streams_only_unprobed_batches() -> None:
    frame = pl.DataFrame(schema=LEXICON_SCHEMA)
    assert wide_engine(Lexicon(frame, probe=True)) == "in-memory"
    assert wide_engine(Lexicon(frame)) == "auto"
