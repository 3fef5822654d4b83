"""glued_words at marks and capitals, any language: a quote or a headline run into a word.

Why: a text node that ends with a quotation mark, or a headline written in
capitals, is joined to the next without a space as often as a word is
("besoin»de", "la«retenue»et", "reichen"Dass", "OPERASYONSoruşturma"): the
lexicon's splits never see them (a mark is no letter; a run of capitals is an
acronym there). Neither rule reads a word list, so both hold in a language the
lexicon lacks (Turkish, Czech). Measured on ../shared/eval/dev/glued.jsonl and
the outside text of tests/data/audit, 2026-12-07 (changelog.d/glued23.md).
Candidates of :func:`dq.signals.spacing_lang.lang_glue`.
"""

from __future__ import annotations

import re
from typing import Final

import polars as pl

from dq.signals.spacing_words import _EDGE_PUNCT, bare, token_offsets

#: Languages that write case endings after a quoted name ("Bürosu"nca", "AKP"nin"):
#: Turkish, Azerbaijani, Finnish, Estonian, Hungarian (their grammars).
SUFFIXING_LANGS: Final = frozenset({"tr", "az", "fi", "et", "hu"})
#: A quotation mark between two letters.
QUOTE_GLUE: Final = r"\p{L}[\"«»“”„]\p{L}"
#: Letters around a closing quote then a capitalised word: missing_space_after_punct's.
_CLOSE_THEN_TITLE: Final = r"\p{Ll}[”»]\p{Lu}\p{Ll}"
#: Tokens that are markup or code, not prose ("class="x"", "a:b").
_NOT_PROSE: Final = r"[=<>{}\\/:@#_|`]|[0-9]"


_SCHEMA: Final = {"rid": pl.UInt32, "line_no": pl.Int32, "offset": pl.Int32,
                  "match": pl.String, "fix": pl.String}


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=_SCHEMA)


_QUOTES: Final = "\"«»“”„"


def unglue_quotes(
    token: str, line_before: str, *, reversed_guillemets: bool = False, suffixing: bool = False
) -> str:
    """``token`` with a space on the open side of each quotation mark between two letters.

    The role of each mark: "«" and "„" open, "»" and "”" close ("»" opens and
    "«" closes in a line of German or Danish »…«: ``reversed_guillemets``);
    "“" closes after a "„" (German „…“) and opens otherwise; a straight '"'
    opens when an even number of them come before it in the line
    (``line_before`` and the token up to it), else closes. An opening mark
    takes a space before it, a closing one after it, when a word of two letters
    or more follows it: not a plural ("“if”s") nor, in a language that writes
    case endings after a quoted name (``suffixing``: Turkish "Bürosu"nca"), a
    lower-case ending.

    >>> unglue_quotes("la«retenue»et", "Il appelle à ")
    'la «retenue» et'
    >>> unglue_quotes('reichen"Dass', 'Er sagte: "Das muss ')
    'reichen" Dass'
    >>> unglue_quotes('fou"à"cette', '"Il est ')
    'fou" à "cette'
    >>> unglue_quotes("besoin»de", "")
    'besoin» de'
    >>> unglue_quotes("ist»Kunst«und", "", reversed_guillemets=True)
    'ist »Kunst« und'
    >>> unglue_quotes("“if”s,", ""), unglue_quotes('Bürosu"nca', '"', suffixing=True)
    ('“if”s,', 'Bürosu"nca')
    """
    out: list[str] = []
    straight = line_before.count('"')
    low_high = "„" in line_before
    for i, ch in enumerate(token):
        if ch not in _QUOTES:
            out.append(ch)
            continue
        if ch == '"':
            opens = straight % 2 == 0
            straight += 1
        elif ch == "“":
            # opens an English “…”, closes a German „…“ (one left open before it);
            # else its role is unknown ("„nur“ ... den“Israel")
            before = line_before + token[:i]
            pending = before.count("„") > before.count("“")
            if low_high and ("”" in line_before + token or not pending):
                out.append(ch)
                continue
            opens = not low_high
        elif ch in "«»":
            opens = (ch == "«") != reversed_guillemets
        else:
            low_high = low_high or ch == "„"
            opens = ch == "„"
        # a lower-case letter before the mark (not mojibake: "Å„"), and a word after a
        # closing one, not a plural or a suffix ("“if”s"; Turkish "Bürosu"nca")
        between = 0 < i < len(token) - 1 and token[i - 1].islower() and token[i + 1].isalpha()
        after = re.match(r"[^\W\d_]*", token[i + 1:])
        run = after.group() if after is not None else ""
        rest = token[i + 1 + len(run):]
        word_after = (len(run) >= 2 or (rest[:1] in _QUOTES and run != "")) and not (
            suffixing and token[i + 1].islower()
        )
        if between and opens:
            out.append(" " + ch)
        elif between and word_after:
            out.append(ch + " ")
        else:
            out.append(ch)
    return "".join(out)


_REVERSED: Final = re.compile(r"^[^«»]*»[^«]*«")


def quote_glue(unknown: pl.DataFrame, placed: pl.DataFrame, lines: pl.LazyFrame) -> pl.DataFrame:
    """``rid, line_no, offset, match, fix, fix_suffixing``: tokens of ``unknown`` (``li, k,
    tok``, placed at ``rid, line_no`` by ``placed``) with a quotation mark run into
    letters (module doc); ``fix_suffixing`` is the fix in a language of
    :data:`SUFFIXING_LANGS`."""
    toks = unknown.filter(
        pl.col("tok").str.contains(QUOTE_GLUE)
        & pl.col("tok").str.contains(_NOT_PROSE).not_()
        & pl.col("tok").str.contains(_CLOSE_THEN_TITLE).not_()
    )
    if toks.is_empty():
        return _empty().with_columns(pl.lit(None, pl.String).alias("fix_suffixing"))
    at = token_offsets(toks.join(placed, on="li").lazy().select("rid", "line_no", "k", "tok"),
                       lines).join(lines.select("rid", "line_no", "s"), on=["rid", "line_no"])
    rows = []
    for rid, line_no, tok, t_off, s in at.select(
        "rid", "line_no", "tok", "t_off", "s"
    ).collect().iter_rows():
        rev = bool(_REVERSED.search(s))
        fix = unglue_quotes(tok, s[:t_off], reversed_guillemets=rev)
        if fix != tok:
            sfx = unglue_quotes(tok, s[:t_off], reversed_guillemets=rev, suffixing=True)
            rows.append((rid, line_no, t_off, tok, fix, sfx))
    return pl.DataFrame(rows, schema={**_SCHEMA, "fix_suffixing": pl.String}, orient="row")


#: A word in capitals (a headline's, CAPS_WORD_CHARS letters or more: longer than most
#: acronyms) run into a capitalised word: "AÇILDI|Ulaştırma", "OPERASYON|Soruşturma".
CAPS_WORD_CHARS: Final = 5
_CAPS_THEN_TITLE: Final = (
    rf"^(\p{{Lu}}{{{CAPS_WORD_CHARS},}})(\p{{Lu}}\p{{Ll}}{{2,}}(?:['’]\p{{Ll}}+)?)$"
)


def caps_glue(unknown: pl.DataFrame, placed: pl.DataFrame, lines: pl.LazyFrame) -> pl.DataFrame:
    """``rid, line_no, offset, match, fix``: tokens of ``unknown`` that are a word in
    capitals run into a capitalised word (:data:`CAPS_WORD_CHARS`), in any language.

    >>> lines = pl.LazyFrame({"rid": [0], "line_no": [1], "s": ["İKİNCİ OPERASYONSoruşturma"]},
    ...                      schema_overrides={"rid": pl.UInt32, "line_no": pl.Int32})
    >>> unknown = pl.DataFrame({"li": [0], "k": [1], "tok": ["OPERASYONSoruşturma"]},
    ...                        schema_overrides={"li": pl.UInt32, "k": pl.Int32})
    >>> placed = pl.DataFrame({"rid": [0], "line_no": [1], "li": [0]},
    ...                       schema={"rid": pl.UInt32, "line_no": pl.Int32, "li": pl.UInt32})
    >>> caps_glue(unknown, placed, lines).rows()
    [(0, 1, 7, 'OPERASYONSoruşturma', 'OPERASYON Soruşturma')]
    """
    w = bare(pl.col("tok"))
    toks = unknown.filter(w.str.contains(_CAPS_THEN_TITLE))
    if toks.is_empty():
        return _empty()
    lead = (pl.col("tok").str.len_chars()
            - pl.col("tok").str.strip_chars_start(_EDGE_PUNCT).str.len_chars())
    return (
        token_offsets(toks.join(placed, on="li").lazy().select("rid", "line_no", "k", "tok"),
                      lines)
        .select(
            pl.col("rid").cast(pl.UInt32), pl.col("line_no").cast(pl.Int32),
            (pl.col("t_off") + lead).cast(pl.Int32).alias("offset"),
            w.alias("match"), w.str.replace(_CAPS_THEN_TITLE, "${1} ${2}").alias("fix"),
        )
        .collect()
    )
