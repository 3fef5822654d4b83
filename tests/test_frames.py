"""The lines frame and feature columns: fast formulations must equal the plain definitions.

Why: signals read ``n_words``, ``start``, ``idx`` and ``low`` and compare them
with thresholds; :mod:`dq.signals.frames` computes them with shortcuts (a
literal space count, running totals instead of ``.over("rid")``, lower-casing
short lines only). These tests pin each column to its plain Python meaning on
generated texts full of odd white space.
"""

from __future__ import annotations

import re

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dq.signals import chrome
from dq.signals.frames import (
    OTHER_SPACE,
    SHORT_LINE,
    feature_stages,
    lines_frame,
    odd_spacing,
    word_count,
)

#: Characters that make white-space handling interesting (Python's ``str.strip``
#: also strips "\x1c"-"\x1f", Rust's does not), plus ordinary ones.
ALPHABET = st.sampled_from(
    [*OTHER_SPACE, " ", "\x1c", "\x1f", "a", "B", "é", "Ü", "1", ".", "\u200b", "ẞ"]
)
#: White space as Rust (Polars) defines it: the Unicode White_Space property.
SPACE = "".join([*OTHER_SPACE, " "])
TEXTS = st.lists(st.text(ALPHABET, max_size=40), min_size=1, max_size=6).map("\n".join)


def reference(texts: list[str | None]) -> list[tuple[object, ...]]:
    """The lines frame's columns computed in plain Python, one tuple per non-blank line."""
    rows: list[tuple[object, ...]] = []
    for rid, text in enumerate(texts):
        if text is None:
            continue
        kept = []
        offset = 0
        for no, line in enumerate(text.split("\n"), start=1):
            s = line.strip(SPACE)
            if s:
                start = offset + len(line) - len(line.lstrip(SPACE))
                words = len([w for w in re.split(f"[{SPACE}]+", s) if w])
                kept.append((rid, no, start, s, len(s), words))
            offset += len(line) + 1
        for idx, row in enumerate(kept):
            s = str(row[3])
            low = s.lower() if len(s) <= SHORT_LINE else None
            odd = any(c in SPACE and c != " " for c in s) or "  " in s
            rows.append((*row, idx, len(kept), len(kept) - 1 - idx, low, odd))
    return rows


def frame(texts: list[str | None]) -> pl.DataFrame:
    records = pl.LazyFrame({"rid": list(range(len(texts))), "text": texts},
                           schema={"rid": pl.UInt32, "text": pl.String})
    return lines_frame(records).collect()


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_lines_frame_matches_its_plain_definition(texts: list[str]) -> None:
    assert frame(list(texts)).rows() == reference(list(texts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=30), min_size=1, max_size=20))
def test_word_count_equals_the_regex_count(lines: list[str]) -> None:
    df = pl.DataFrame({"s": [s.strip() or "x" for s in lines]})
    wide = pl.col("s").str.len_bytes() != pl.col("s").str.len_chars()
    df = df.with_columns(odd_spacing(pl.col("s"), wide).alias("odd"))
    fast = df.select(word_count(pl.col("s"), pl.col("odd"))).to_series()
    slow = df.select(pl.col("s").str.count_matches(r"\S+").cast(pl.UInt32)).to_series()
    assert fast.to_list() == slow.to_list()


def test_other_space_is_what_polars_calls_white_space() -> None:
    chars = pl.Series([chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000])
    regex = chars.filter(chars.str.contains(r"^\s$")).to_list()
    strip = chars.filter(chars.str.strip_chars() == "").to_list()
    assert sorted(SPACE) == sorted(regex) == sorted(strip)


def test_lines_frame_on_null_empty_and_unsorted_records() -> None:
    texts: list[str | None] = ["", None, " \t\n\u3000 x  y \n", "a\nb"]
    records = pl.LazyFrame({"rid": [3, 1, 2, 0], "text": texts},
                           schema={"rid": pl.UInt32, "text": pl.String})
    df = lines_frame(records).collect()
    assert df.select("rid", "line_no", "start", "n_words", "idx", "n").rows() == [
        (2, 2, 5, 2, 0, 1), (0, 1, 0, 1, 0, 2), (0, 2, 2, 1, 1, 2),
    ]


def test_feature_stages_order_features_by_what_they_read() -> None:
    stages = feature_stages(chrome.FEATURES)
    seen = set(pl.DataFrame(schema=frame(["x"]).schema).columns)
    for stage in stages:
        names = {e.meta.output_name() for e in stage}
        for expr in stage:
            assert set(expr.meta.root_names()) <= seen, expr.meta.output_name()
        seen |= names
    with pytest.raises(ValueError, match="twice"):
        feature_stages([("a", lambda: pl.col("n")), ("a", lambda: pl.col("n"))])


def test_every_chrome_feature_is_read() -> None:
    names = {name for name, _ in chrome.FEATURES}
    read: set[str] = set()
    for _, build in chrome.FEATURES:
        read |= set(build().meta.root_names())
    for signal in chrome.SIGNALS:
        if signal.expr is None:  # a corpus-wide line signal reads no feature column
            assert signal.corpus_lines is not None
            continue
        read |= set(signal.expr().meta.root_names())
        if signal.evidence_of is not None:  # evaluated on the flagged lines: reads features too
            read |= set(signal.evidence_of().meta.root_names())
    assert names <= read, sorted(names - read)
