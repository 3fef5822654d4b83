"""Regexes rewritten to compile faster (issue 18) match the same lines as before.

Polars keeps 32 compiled regexes per thread and the line pass has ~170, so
each detect() call compiles them all again; a regex with many copies of a
Unicode class (a bounded repetition, one ``\\w*`` per alternative) costs
milliseconds to compile. Each rewrite here must keep the set of lines it
matches: the old regex is kept in this file and compared with the new form.
"""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from dq.signals import chrome_brackets

#: chrome_meta's copyright-holder caption ending before the rewrite (on the last 60 characters).
OLD_OWNER = r"© ?\p{Lu}[\w.&/ -]{1,40}$"
#: chrome_brackets' stage words before the rewrite (one ``\w*`` per stem).
OLD_STAGE_WORDS = (
    r"LAUGH\w*|CHUCKL\w*|GIGGL\w*|APPLAUSE|CHEER\w*|CLAPP\w*|SIGH\w*|GASP\w*|COUGH\w*"
    r"|CRY|CRYING|CRIES|SOBS?|SOBBING|SHOUT\w*|SCREAM\w*|WHISPER\w*|MUSIC|SINGING|SINGS"
    r"|PLAYING|CROSSTALK|INAUDIBLE|UNINTELLIGIBLE|SILENCE|PAUSE\w*|BEEP\w*|RING\w*"
    r"|LACH\w*|APPLAUS|MUSIK|GELÄCHTER|RIRES?|APPLAUDISSEMENTS|MUSIQUE|RISAS?"
    r"|APLAUSOS|MÚSICA|RISATE|APPLAUSI"
)


def _owner_old(s: pl.Expr) -> pl.Expr:
    return s.str.tail(60).str.contains(OLD_OWNER)


def _owner_new(s: pl.Expr) -> pl.Expr:  # as chrome_meta writes it
    return (s.str.tail(43).str.contains(r"© \p{Lu}[\w.&/ -]+$")
            | s.str.tail(42).str.contains(r"©\p{Lu}[\w.&/ -]+$"))


def _same(old: pl.Expr, new: pl.Expr, texts: list[str]) -> None:
    df = pl.DataFrame({"s": texts}, schema={"s": pl.String})
    got = df.select(old.alias("old"), new.alias("new"))
    assert got["old"].to_list() == got["new"].to_list(), texts


def test_owner_at_the_length_bounds() -> None:
    texts = [
        f"{head}{sep}{cap}{'b' * n}"
        for head in ("", "Caption text. ", "x©", "©© ")
        for sep in ("©", "© ", "©  ")
        for cap in ("A", "É", "a", "1")
        for n in (0, 1, 39, 40, 41, 42, 60)
    ]
    df = pl.DataFrame({"s": texts})
    assert df.select(_owner_old(pl.col("s"))).to_series().any()  # some match, some not
    assert not df.select(_owner_old(pl.col("s"))).to_series().all()
    _same(_owner_old(pl.col("s")), _owner_new(pl.col("s")), texts)


@given(st.lists(st.text(alphabet="©  AÉab1.&/-_!中\t", max_size=70), min_size=1, max_size=40))
def test_owner_rewrite_keeps_the_lines(texts: list[str]) -> None:
    _same(_owner_old(pl.col("s")), _owner_new(pl.col("s")), texts)


def _tag(words: str) -> str:
    return rf"\[(?:(?:{words}|[A-ZÄÖÜÉÚ]+) )*(?:{words})\]\W*$"


_TOKENS = ("[", "]", " ", ".", "!", "LAUGH", "S", "ING", "ed", "_1", "CRY", "CRYING", "MUSIC",
           "RISAS", "RING", "PAUSE", "APPLAUSE", "APPLAUS", "Ü", "É", "x", "LACHT", "SOB", "é")


@given(st.lists(st.lists(st.sampled_from(_TOKENS), max_size=12).map("".join),
                min_size=1, max_size=40))
def test_stage_words_rewrite_keeps_the_lines(texts: list[str]) -> None:
    s = pl.col("s")
    _same(s.str.contains(_tag(OLD_STAGE_WORDS)),
          s.str.contains(_tag(chrome_brackets._STAGE_WORDS)), texts)


def test_stage_words_examples() -> None:
    texts = ["Yes. [LAUGHS]", "[LAUGHTER] ok [CRY]", "[SIGHING LOUDLY] [CHEERS]", "[MUSIC PLAYING]",
             "[RINGS RINGTONE]", "[CRYINGS]", "[PAUSEs]", "[VIDEO]", "[AUDIO PLAYING]"]
    s = pl.col("s")
    _same(s.str.contains(_tag(OLD_STAGE_WORDS)),
          s.str.contains(_tag(chrome_brackets._STAGE_WORDS)), texts)
