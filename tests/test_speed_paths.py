"""Faster paths give the findings of the paths they replace (issue 15, speed).

* The guards' second pass of ``glued_words`` (:func:`dq.signals.spacing_guards.agreed`)
  runs once per distinct (language, line) without the repeat test; the pass it
  replaced ran once per language over the candidate lines of that language's
  records, repeat test included. Compared here on real lines of several
  languages (../shared/eval/dev when present, else the bundled corpus).
* ``repeated_boilerplate``'s line key rewrites white-space runs without
  touching single spaces: the same keys as ``\\s+`` -> " ".
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dq.signals.boilerplate import line_key
from dq.signals.context import DetectContext
from dq.signals.frames import lines_frame
from dq.signals.spacing_glued import glued_candidates, language_lexicon
from dq.signals.spacing_guards import SHAPE_ONLY, agreed

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev"
_KEY = ["rid", "line_no", "offset", "match", "fix"]


def _texts() -> list[str]:
    """Texts with glue in several languages: the dev files, else the bundled corpus."""
    files = [DEV / "glued.jsonl", DEV / "extracted.jsonl"]
    if not all(f.exists() for f in files):
        files = [REPO / "corpus" / "articles.jsonl"]
    texts: list[str] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = row.get("text") or row.get("context") or ""
            if isinstance(text, str) and text:
                texts.append(text)
    return texts[:600]


def _per_language(
    found: pl.DataFrame, lines: pl.LazyFrame, langs: pl.DataFrame, ctx: DetectContext
) -> pl.DataFrame:
    """The second pass as it was: per language, the candidate lines of its records,
    repeat test included, then kept where found again."""
    at = found.select("rid", "line_no").unique().lazy()
    kept = []
    for lang in sorted(set(langs["lang"].to_list())):
        keys = at.join(langs.filter(pl.col("lang") == lang).select("rid").lazy(), on="rid")
        again = glued_candidates(
            lines.join(keys, on=["rid", "line_no"], how="semi"), ctx, language_lexicon(ctx, lang)
        ).collect()
        kept.append(found.join(again.select(_KEY), on=_KEY, how="semi"))
    return pl.concat(kept)


@pytest.mark.slow
def test_agreed_equals_the_per_language_pass() -> None:
    ctx = DetectContext()
    texts = _texts()
    records = pl.LazyFrame({"rid": range(len(texts)), "text": texts},
                           schema={"rid": pl.UInt32, "text": pl.String})
    lines = lines_frame(records).collect().lazy()
    found = glued_candidates(lines, ctx).collect()
    assert found.height > 20  # enough candidates for the comparison to mean something
    # languages by record, rotated over the loaded ones and the shape-only pass,
    # so each pass sees records it would not see by their own language too
    choices = [*ctx.languages, SHAPE_ONLY]
    rids = found.select("rid").unique().sort("rid")
    langs = rids.with_columns(
        pl.Series("lang", [choices[i % len(choices)] for i in range(rids.height)])
    )
    new = agreed(found, lines, langs, ctx)
    assert new is not None
    old = _per_language(found, lines, langs, ctx)
    assert sorted(new.collect().rows()) == sorted(old.rows())
    assert 0 < old.height < found.height  # the pass keeps some, drops some


@given(st.text(alphabet=" \t\n\u00a0\u2009\u3000ab1", max_size=30))
def test_line_key_reads_every_space_run_as_one_space(text: str) -> None:
    frame = pl.DataFrame({"s": [text]})
    expected = frame.select(
        pl.col("s").str.replace_all(r"\d+", "0").str.replace_all(r"\s+", " ").hash(seed=15)
    ).item()
    assert frame.select(line_key(pl.col("s"))).item() == expected


def test_word_tests_agree_whichever_build() -> None:
    """``is_in`` over the sets (large batches), the Enum casts (mid-size batches) and the
    sets cut to the batch (small batches) answer every known-word test alike."""
    from dq.signals.spacing_known import (
        SET_TEST_LINES,
        WordTests,
        known_here,
        set_tests,
        word_tests,
    )
    from dq.signals.spacing_words import lower, tokens_of

    ctx = DetectContext()
    texts = _texts()[:200]
    records = pl.LazyFrame({"rid": range(len(texts)), "text": texts},
                           schema={"rid": pl.UInt32, "text": pl.String})
    lines = lines_frame(records).collect().lazy()
    tokens = tokens_of(lines).with_columns(lower(pl.col("tok")).alias("low")).collect()
    assert tokens.height > 1000
    built = word_tests(ctx, SET_TEST_LINES - 1)  # a mid-size batch builds the Enum tests
    assert word_tests(ctx, SET_TEST_LINES) is built  # and a large one then uses them

    def answers(tests: WordTests) -> pl.DataFrame:
        exprs = [tests.plain.alias("plain"), tests.known.alias("known")]
        if tests.known_low is not None:
            exprs.append(tests.known_low.alias("known_low"))
        return tokens.select(exprs)

    sets = answers(set_tests(ctx))
    assert sets.equals(answers(built))
    assert sets.select("plain", "known").equals(answers(known_here(lines, ctx)))
    assert 0 < sets["known"].sum() < tokens.height  # some tokens known, some not


def test_hashed_lexicon_rows_are_the_probed_rows() -> None:
    """A batch too large to probe finds its words by their hashes
    (:func:`dq.signals._lexicon.hashed_rows`): the rows binary search finds, in
    the lexicon's order; and the callers join on the word, so a hash collision
    could only add rows they drop."""
    from dq.signals._lexicon import Lexicon, hashed_rows, lexicon_rows

    lex = DetectContext().lexicon()
    words = lex["word"].gather_every(997)
    keys = pl.concat([words, pl.Series(["zzqxq", "itselectric", "NATOand"])])
    hashed = hashed_rows(lex, lex["word"].hash(), keys).collect()
    assert hashed.height > words.len()  # several languages list a word
    assert hashed.equals(lexicon_rows(lex, keys))
    frame = pl.LazyFrame({"k": keys})
    joined = Lexicon(lex, hashes=lex["word"].hash()).rows(frame, "k").collect()
    assert joined.equals(Lexicon(lex, probe=True).rows(frame, "k").collect())


def test_word_ends_from_the_shared_cut_words() -> None:
    """Rule 7's word ends, built from one scan for all languages, are those of a
    scan per language."""
    from dq.signals.spacing_real import CUT_LOST_CHARS, CUT_MIN_CHARS, CUT_WORD_ZIPF, word_ends

    ctx = DetectContext()
    lex = ctx.lexicon()
    for lang in ("en", "de"):
        words = lex.filter((pl.col("lang") == lang) & (pl.col("zipf") >= CUT_WORD_ZIPF)
                           & (pl.col("word").str.len_chars() > CUT_MIN_CHARS))["word"]
        ends = pl.concat([words.str.slice(k) for k in range(1, CUT_LOST_CHARS + 1)])
        ends = ends.filter(ends.str.len_chars() >= CUT_MIN_CHARS).unique()
        built = word_ends(ctx, lang)
        assert built.height > 1000
        assert sorted(built["end"].to_list()) == sorted(ends.to_list())


def _prefixes() -> list[str]:
    """Openings of the labelled pages kept in tests/data/eval/chrome (20+ languages), at
    the length identify() reads and at a short one, and odd texts."""
    import gzip

    texts: list[str] = []
    for path in sorted((REPO / "tests" / "data" / "eval" / "chrome").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                text = row.get("text") or "\n".join(row.get("lines") or [])
                texts += [text[:1000], text[:60]]
    long = "Der Hund schläft im Garten, und die Katze sitzt am Fenster. " * 200
    return [*texts, "", "   ", "ALL CAPITALS HEADLINE", "東京で雪が降った。", "ab\ud800cd", long]


def test_batch_identifier_names_what_py3langid_names() -> None:
    """classify_many walks py3langid's automaton for many texts at once: the same language
    as its own classify, text by text (also with more texts than one walk slice holds)."""
    from dq.signals._langid_model import (
        WALK_MAX_BYTES,
        WALK_TEXTS,
        classify_many,
        load_identifier,
    )

    identifier = load_identifier(DetectContext().cache_dir)
    texts = _prefixes()
    assert len(texts) > WALK_TEXTS and len(texts[-1].encode()) > WALK_MAX_BYTES
    expected = [identifier.classify(t)[0] for t in texts]
    assert len(set(expected)) > 10
    assert classify_many(identifier)(texts) == expected
