"""Hygiene: damage to the text itself rather than furniture around it.

Why it matters: empty, stub, duplicated, mis-decoded or HTML-littered
records pass every chrome rule and still poison a corpus; they must be
counted, not silently kept.

Line signals (``mojibake``, ``duplicate_lines``) read the lines frame,
``html_residue`` is a span pattern, and the record signals (``too_short``,
``duplicate_record``, ``empty_text``) read the records frame.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Final

import polars as pl

from dq.signals.base import Signal
from dq.signals.context import default_cache_dir, import_module, write_atomic
from dq.signals.frames import OTHER_SPACE, only
from dq.signals.hygiene_feed import TRUNCATION_MARKER, letters_stripped

# -- mojibake ---------------------------------------------------------------

#: Python ``re.VERBOSE`` ignores only these outside a character class.
_VERBOSE_SPACE: Final = frozenset(" \t\n\r\v\f")
#: Python's ``str`` classes, spelled for Rust: Python ``\w`` is
#: ``isalnum() or "_"`` (no combining marks, unlike Rust), Python ``\s``
#: includes the separators U+001C..U+001F (Rust's does not).
_PYTHON_CLASSES: Final = {r"\w": r"[\p{L}\p{N}_]", r"\s": r"[\s\x1c-\x1f]"}


def rust_pattern(verbose: str) -> str:
    r"""Rewrite a Python ``re.VERBOSE`` pattern for Rust's ``regex`` (Polars).

    Rust's ``(?x)`` also drops white space *inside* classes, which breaks
    ftfy's ``[ÃÂ][ ]``; so comments and free space are removed here, class
    contents are kept byte for byte, and ``\w`` / ``\s`` get their Python
    meaning.

    >>> rust_pattern("a  b  # comment\n | [ ]\\w")
    'ab|[ ][\\p{L}\\p{N}_]'
    """
    out: list[str] = []
    i, n, in_class = 0, len(verbose), False
    while i < n:
        c = verbose[i]
        if c == "\\":
            token = verbose[i : i + 2]
            out.append(token if in_class else _PYTHON_CLASSES.get(token, token))
            i += 2
        elif in_class:
            in_class = c != "]"
            out.append(c)
            i += 1
        elif c == "[":
            in_class = True
            out.append(c)
            i += 1
            for special in ("^", "]"):  # "[^]...]" and "[]...]": a literal "]"
                if verbose.startswith(special, i):
                    out.append(special)
                    i += 1
        elif c in _VERBOSE_SPACE:
            i += 1
        elif c == "#":
            end = verbose.find("\n", i)
            i = n if end < 0 else end + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


#: Version of :func:`rust_pattern`'s output: bump it when the rewrite changes
#: (it names the cached pattern file with ftfy's version).
PATTERN_FORMAT: Final = 1


@functools.cache
def mojibake_pattern(cache_dir: Path | None = None) -> str:
    """ftfy's own mojibake detector (``ftfy.badness.BADNESS_RE``) as a Polars pattern.

    Taken from the installed ftfy, so an ftfy upgrade updates the detector;
    tests compare it with ``ftfy.badness.is_bad`` on clean, damaged and
    random text (identical on 335k strings, ftfy 6.3.1). Importing ftfy
    costs 65 ms, an eighth of a small scan's start-up (``-X importtime``,
    2026-11-27), so the rewritten pattern is kept in a file named by ftfy's
    version (package metadata, no import) in ``cache_dir`` (default
    :func:`~dq.signals.context.default_cache_dir`); a cache that cannot be
    read or written is rebuilt or skipped, never trusted half-written.
    """
    from importlib.metadata import version

    folder = cache_dir or default_cache_dir()
    path = folder / f"ftfy-badness-{version('ftfy')}-{PATTERN_FORMAT}.txt"
    try:
        cached = path.read_text(encoding="utf-8")
        if cached.endswith(_PATTERN_END):
            return cached.removesuffix(_PATTERN_END)
    except (OSError, UnicodeDecodeError):
        pass
    badness = import_module("ftfy.badness")  # under the import lock (threads)
    pattern = rust_pattern(badness.BADNESS_RE.pattern)
    write_atomic(path, lambda tmp: tmp.write_text(pattern + _PATTERN_END, encoding="utf-8"))
    return pattern


#: Written after the pattern in its cache file: a file without it is not trusted.
_PATTERN_END: Final = "\n# end of pattern\n"


#: A change of case between two letters of one script ("takéŘeditelství",
#: "ΑθήναΑΕΚ"): two words the scraper joined, not bytes read in the wrong code
#: page. ftfy's detector counts a lower-case accented letter before an
#: upper-case one as damage ("éŘ"); on 318 Czech news records (issue 15,
#: audit21) its only mojibake finding was such a glued word. Real mojibake
#: mixes scripts or symbols ("Ã©", "вЂ"), so a match of this shape alone
#: does not count; glued words are ``glued_words``' business.
CASE_GLUE: Final = (
    r"^(?:[\p{Latin}&&\p{Ll}][\p{Latin}&&\p{Lu}]|[\p{Greek}&&\p{Ll}][\p{Greek}&&\p{Lu}]"
    r"|[\p{Cyrillic}&&\p{Ll}][\p{Cyrillic}&&\p{Lu}])$"
)
#: U+FFFD, the replacement character, touching a letter ("TRUMP\ufffdS",
#: "don\ufffdt"): a decoder met bytes it could not read and dropped a letter
#: or an apostrophe (issue 15, audit21: missed in a Czech record). ftfy's
#: detector counts it only beside some symbols; nothing can repair it, but
#: it is damage all the same.
LOST_CHARACTER: Final = "\\p{L}\ufffd|\ufffd\\p{L}"
#: A quotation mark before a letter, after a space, an ASCII character or another mark:
#: the writer's typography. ftfy counts "”Í", "»á", "”č" as damage (the cp1252 readings of
#: UTF-8 continuation bytes), but in mojibake such a byte follows a lead byte's reading
#: ("Ã”", "Â»", "Ð»"), never a space or an ASCII letter; after the reading of a longer
#: sequence's lead byte (à-ï, ð-ô) another continuation must follow, and a letter that is
#: none ("dezinformáció”ügyében": ü) closes no sequence; õ-ÿ lead none. Hungarian »inner
#: quotes«, a Serbian ”opening quote and closing quotes glued to the next word
#: ("Szoboszlait”Írták") were all five mojibake findings of audit26, none damage.
#: Rewritten to '"' before the test. Not "‚": MacRoman reads E2 so ("don‚Äôt").
TYPOGRAPHIC_QUOTE: Final = r"(^|[\s\p{P}A-Za-z0-9à-ÿ])[”“„»«‘]([\p{L}--[ƒŠŒŽšœžŸªµº]])"


def mojibake() -> pl.Expr:
    """The line contains mojibake: UTF-8 decoded as cp1252, Latin-1, MacRoman, cp1251...

    Why: "donâ€™t" and "cafÃ©" are encoding bugs, not the author's words;
    ftfy can usually repair them, so they are worth finding. The detector
    is ftfy's ``is_bad`` run by Polars, line by line, with no Python per row,
    less the glued words it mistakes for damage (:data:`CASE_GLUE`), plus a
    replacement character inside a word (:data:`LOST_CHARACTER`).

    >>> from dq.signals._demo import flags
    >>> flags(mojibake(), ["donâ€™t", "cafÃ©", "â€œQuoteâ€\\x9d", "THE PRESIDENT\ufffdS PLAN"])
    [True, True, True, True]
    >>> flags(mojibake(), ["Café naïve — “déjà vu”", "Größe", "Привет", "Ελληνικά", "👍🏽"])
    [False, False, False, False, False]
    >>> flags(mojibake(), ["oznámila takéŘízení letového provozu", "kupił spółkęŻabka",
    ...                    "Stars \ufffd rated", "Végig »élvezhettem«", "Szoboszlait”Írták",
    ...                    "upozorava da ”činjenica", "dezinformáció”ügyében"])
    [False, False, False, False, False, False, False]
    >>> flags(mojibake(), ["dÃ”éjà", "Ð»Ð¾Ð³", "don‚Äôt", "the ‚Äúquote‚Äù"])
    [True, True, True, True]
    """
    # Every pattern in ftfy's detector needs a non-ASCII character, so only
    # lines with one (more bytes than characters: a free test) take the
    # regex; most lines of English news are pure ASCII.
    s = pl.col("s")
    wide = s.str.len_bytes() != pl.col("n_chars")
    # Every match of a wide line, kept unless it is a glued word: one scan,
    # as cheap as ftfy's pattern alone (0.035 against 0.034 CPU s on 16 MB of
    # lines; testing for a match, then extracting, cost 0.11: the test ran
    # three times).
    line = s.filter(wide).str.replace_all(TYPOGRAPHIC_QUOTE, '$1"$2')
    matches = line.str.extract_all(mojibake_pattern() + "|" + LOST_CHARACTER)
    damage = matches.list.eval(pl.element().str.contains(CASE_GLUE).not_()).list.any()
    return only(wide, damage, pl.Boolean)


# -- HTML residue -------------------------------------------------------------

_TAG_NAMES: Final = (
    "a|abbr|article|aside|audio|b|blockquote|body|br|button|caption|center|cite|code|"
    "dd|del|details|div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|head|"
    "header|hr|html|i|iframe|img|input|ins|label|li|link|main|mark|meta|nav|noscript|"
    "ol|option|p|picture|pre|q|s|script|section|select|small|source|span|strike|strong|"
    "style|sub|summary|sup|svg|table|tbody|td|textarea|tfoot|th|thead|time|title|tr|u|"
    "ul|video|wbr"
)
_ATTRIBUTE: Final = r"""\s+[a-z_:][-a-z0-9_:.]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+)"""
_ENTITY_NAMES: Final = (
    "nbsp|amp|lt|gt|quot|apos|[lr]squo|[lr]dquo|[sb]dquo|[lr]aquo|[mn]dash|hellip|bull|"
    "middot|copy|reg|trade|euro|pound|cent|yen|sect|deg|para|times|divide|shy|zwn?j|"
    "thinsp|[ez]nsp|emsp|lrm|rlm|frac[0-9]{2}|iexcl|iquest|ordf|ordm|micro|prime|"
    "[a-z](?:acute|grave|circ|uml|tilde|cedil|ring|slash)|[a-z]{2}lig|szlig|eth|thorn"
)
#: An HTML tag from the known element list (attributes only as name=value),
#: a comment/CDATA/doctype opener, or a character reference. Not matched:
#: "a < b", "x<y", "<3", "<jane@example.com>", "AT&T", "R&D;". Known miss
#: by design: "a<b>c" in maths is read as a <b> tag. ASCII only, valid in
#: Rust and Python (span signal).
HTML_RESIDUE: Final = (
    rf"(?i)</?(?:{_TAG_NAMES})(?:{_ATTRIBUTE})*\s*/?>"
    r"|<!--|<!\[cdata\[|<!doctype\b"
    rf"|&(?:#[0-9]{{2,7}}|#x[0-9a-f]{{2,6}}|{_ENTITY_NAMES});"
)
#: Tags that separate blocks: replaced by a space rather than nothing.
_BLOCK_TAG: Final = r"(?i)^</?(?:br|hr|p|div|li|h[1-6]|tr|td|th|table|ul|ol|blockquote)\b"


def fix_html_residue(match: str) -> str:
    """Decode an entity, drop an inline tag, turn a block tag into a space.

    >>> [fix_html_residue(m) for m in ["&amp;", "&#8217;", "&nbsp;", "<b>", "<br/>"]]
    ['&', '’', ' ', '', ' ']
    """
    if match.startswith("&"):
        return html.unescape(match).replace("\xa0", " ")
    return " " if re.match(_BLOCK_TAG, match) else ""


# -- duplicates and size ------------------------------------------------------

#: A line counts for ``duplicate_lines`` from this size on. Shorter repeats
#: ("Advertisement", "Share this", "Read more") are chrome, left to the
#: chrome family; a 5-word, 30-character line is a sentence.
DUPLICATE_LINE_MIN_CHARS: Final = 30
DUPLICATE_LINE_MIN_WORDS: Final = 5

#: Fewer words than this and the record is a stub. 50 is Gopher's
#: (Rae et al. 2021) minimum document length, also datatrove's default;
#: corpus/articles.jsonl: stubs have 12-29 words, the shortest clean
#: article 57. Moving it above ~55 flags clean short news items.
TOO_SHORT_WORDS: Final = 50


def duplicate_lines() -> pl.Expr:
    """A sentence-sized line that already appeared earlier in the same record.

    Why: a paragraph printed twice (a pull quote, a template repeating the
    standfirst) over-weights those words in training. The first copy is
    kept; later copies are flagged.

    >>> from dq.signals.frames import lines_frame
    >>> para = "The council voted to close the pool for good."
    >>> lf = pl.LazyFrame({"rid": [0, 1], "text": [f"{para}\\nOther.\\n{para}\\nOther.", para]},
    ...                   schema={"rid": pl.UInt32, "text": pl.String})
    >>> lines_frame(lf).select(duplicate_lines()).collect().to_series().to_list()
    [False, False, True, False, False]
    """
    key = ["rid", "n_chars", pl.col("s").hash()]
    big = (pl.col("n_chars") >= DUPLICATE_LINE_MIN_CHARS) & (
        pl.col("n_words") >= DUPLICATE_LINE_MIN_WORDS
    )
    return big & (pl.col("line_no") > pl.col("line_no").min().over(key))


#: A letter or a digit: a text without one is ``empty_text``, and has no
#: duplicate key (:func:`duplicate_key`).
WORDLY: Final = r"[\p{L}\p{N}]"


def empty_text() -> pl.Expr:
    """No letter or digit anywhere in the text (white space, zero-width or punctuation only).

    The loader already quarantines texts that are empty or only white space;
    this catches what survives that: "\\u200b", "&nbsp;" left as "\\xa0", "...".

    >>> df = pl.DataFrame({"text": ["\\u200b\\xa0", "...", "ok"]})
    >>> df.select(empty_text()).to_series().to_list()
    [True, True, False]
    """
    return pl.col("text").str.contains(WORDLY).not_()


#: Scripts written without spaces between words (Chinese, Japanese, Thai,
#: Lao, Khmer, Myanmar): there a character, not a white-space token, is
#: counted as a word. A long Japanese article is one "word" per paragraph
#: by white space; by characters it is thousands. (Korean puts spaces
#: between words and is counted by white space.)
UNSPACED_SCRIPT: Final = (
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]"
)


def too_short(*, min_words: int = TOO_SHORT_WORDS) -> pl.Expr:
    """Fewer than ``min_words`` words: a stub, a teaser or a failed extraction.

    Records that are ``empty_text`` are not also ``too_short``. Words are
    white-space tokens, plus one per character of a script written without
    spaces (:data:`UNSPACED_SCRIPT`), counted only for records short by
    white space.

    >>> df = pl.DataFrame({"text": ["Road closed on Sunday.", "...", "word " * 60,
    ...                             "東京都は十日、新しい防災計画を発表した。" * 4]})
    >>> df = df.with_columns(pl.col("text").str.count_matches(r"\\S+").alias("n_words"))
    >>> df.select(too_short()).to_series().to_list()
    [True, False, False, False]
    """
    from dq.signals.frames import only

    short = (pl.col("n_words") < min_words).fill_null(False)
    unspaced = only(
        short, pl.col("text").filter(short).str.count_matches(UNSPACED_SCRIPT), pl.UInt32
    ).fill_null(0)
    return (pl.col("n_words") + unspaced < min_words) & empty_text().not_()


def duplicate_key_parts() -> list[pl.Expr]:
    """What normalising a text cannot change: word count, first and last word lower-cased.

    Two texts :func:`duplicate_record` calls the same agree on these (reads
    ``text`` and ``n_words``); :mod:`dq.stream` keys earlier batches by them too.
    """
    text = pl.col("text")
    return [
        pl.col("n_words"),
        text.str.extract(r"^\s*(\S+)", 1).str.to_lowercase().alias("first_word"),
        text.str.extract(r"(\S+)\s*$", 1).str.to_lowercase().alias("last_word"),
    ]


def normalised_text(text: pl.Expr) -> pl.Expr:
    """``text`` lower-cased, white space collapsed and stripped: the form duplicates share.

    >>> pl.select(normalised_text(pl.lit(" A  b.\\n\\nC d. "))).item()
    'a b. c d.'
    """
    # The other white space becomes spaces (one Aho-Corasick pass), then runs
    # of spaces collapse: the same as ``replace_all(r"\s+", " ")``, whose
    # one replacement per line break made it 3.5x slower (0.25 s against
    # 0.07 s on bench_detect's 30 MB, Polars 2.1, 2026-11).
    spaces = text.str.replace_many(list(OTHER_SPACE), [" "] * len(OTHER_SPACE))
    return spaces.str.replace_all("  +", " ").str.to_lowercase().str.strip_chars(" ")


def duplicate_key(text: pl.Expr) -> pl.Expr:
    """A 64-bit key per text, equal for texts :func:`duplicate_record` calls the same.

    Why: a streamed scan keeps one key per record to find copies of records
    in earlier batches (``Signal.key``: ``duplicate_record`` is corpus-wide).
    The hash of :func:`normalised_text`: the cheap parts :func:`duplicate_record`
    groups by first follow from the normal form. Null for an ``empty_text``
    record (no letter or digit): it is reported as empty, not as a copy of
    every other empty record, and a null key is never a duplicate.

    >>> keys = pl.select(duplicate_key(pl.lit(pl.Series(["A b.\\n C.", "a  B. c.", "A b.", " "]))))
    >>> keys.to_series().to_list()[0] == keys.to_series().to_list()[1]
    True
    >>> keys.to_series().to_list()[3] is None
    True
    """
    return pl.when(text.str.contains(WORDLY)).then(normalised_text(text).hash())


def duplicate_record() -> pl.Expr:
    """The same text as an earlier record, ignoring case and white space.

    Why: syndicated copies under other urls over-weight one article. The
    first record (lowest ``rid``) is kept; later copies are flagged. Texts
    without a letter or digit are ``empty_text``, never copies of each other.

    Speed: lower-casing and collapsing white space of every text runs at
    ~180 MB/s; so texts are first grouped by a cheap key that normalising
    cannot change (word count, first and last word lower-cased, characters
    other than white space: ``n_nonspace`` of the records frame), and only
    texts that share that key are normalised, each distinct text once (a
    byte-identical copy has the same normal form as its first occurrence,
    found by hashing, which runs at GB/s). A corpus without near-duplicates
    pays almost nothing, one of exact copies little more. The stages run
    on a frame (:func:`_duplicate_flags`), each once.

    >>> df = pl.DataFrame({"text": ["A b.\\n\\nC d.", "a B. c d.", "A b. C e.", "a B. c d.",
    ...                             " ", " ", "...", "..."]})
    >>> df = df.with_row_index("rid").with_columns(
    ...     pl.col("text").str.count_matches(r"\\S+").alias("n_words"),
    ...     pl.col("text").str.count_matches(r"\\S").alias("n_nonspace"))
    >>> df.select(duplicate_record()).to_series().to_list()
    [False, True, False, True, False, False, False, False]
    """
    inputs = pl.struct("rid", "text", "n_words", "n_nonspace")
    # Not elementwise (the default): an engine must hand over the whole column.
    return inputs.map_batches(_duplicate_flags, return_dtype=pl.Boolean)


def _duplicate_flags(inputs: pl.Series) -> pl.Series:
    """:func:`duplicate_record` over a struct of ``rid, text, n_words, n_nonspace``.

    Staged rather than one expression: written as one, the candidate mask
    was evaluated once per use (Polars does not share it between window
    expressions): 1.38 s against 0.52 s on the 200 MB bench shards
    (bench_scale's corpus, Polars 2.1, 2026-11-28).
    """
    frame = inputs.struct.unnest()
    text = pl.col("text")
    # Characters other than white space, plus one per "İ" (which lower-cases
    # to two characters, the only one that changes length: checked over all
    # of Unicode with Polars 2.1): normalising keeps this number, and texts
    # that share word count and first and last word often differ in it.
    size = (pl.col("n_nonspace") + text.str.count_matches("İ", literal=True)).alias("size")
    keys = frame.select(*duplicate_key_parts(), size)
    candidate = keys.is_duplicated()
    if not candidate.any():
        return candidate.alias(inputs.name)
    # An empty text (no letter or digit) is no copy (see duplicate_key); the
    # search stops at a text's first letter.
    candidate = candidate & frame.get_column("text").str.contains(WORDLY)
    key_names = keys.columns
    sub = pl.concat([frame.select("rid", "text"), keys], how="horizontal").filter(candidate)
    # Of byte-identical candidates only the first is normalised: the later
    # ones are copies of it; it is a copy if an earlier first one normalises alike.
    rid = pl.col("rid")
    sub = sub.with_columns((rid == rid.min().over([*key_names, text.hash()])).alias("first"))
    firsts = sub.filter("first").select(
        "rid", normalised_text(text).hash().alias("normal"), *key_names
    )
    later = firsts.filter(rid > rid.min().over([*key_names, "normal"]))
    flagged = sub.filter(pl.col("first").not_()).get_column("rid").append(later.get_column("rid"))
    return frame.get_column("rid").is_in(flagged.implode()).alias(inputs.name)


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "mojibake", "hygiene", "line",
        "Mis-decoded text ('donâ€™t', 'cafÃ©'), found by ftfy's detector",
        severity="error", expr=mojibake, fix_stage="encoding",
    ),
    Signal(
        "html_residue", "hygiene", "span",
        "HTML tags or character references left in the text ('<p>', '&amp;')",
        severity="warning", pattern=HTML_RESIDUE, fix=fix_html_residue, fix_stage="markup",
    ),
    Signal(
        "duplicate_lines", "hygiene", "line",
        "A sentence-sized line repeated within the record (later copies)",
        severity="warning", expr=duplicate_lines,
    ),
    Signal(
        "empty_text", "hygiene", "record",
        "No letter or digit in the whole text",
        severity="error", expr=empty_text,
    ),
    Signal(
        "too_short", "hygiene", "record",
        f"Fewer than {TOO_SHORT_WORDS} words",
        severity="warning", expr=too_short,
    ),
    Signal(
        "duplicate_record", "hygiene", "record",
        "Same text (ignoring case and white space) as an earlier record",
        severity="warning", expr=duplicate_record, evidence="corpus",
        scope="corpus", key=duplicate_key,
    ),
    Signal(
        "truncation_marker", "hygiene", "span",
        "A feed's mark where it cut the text ('… [+2208 chars]'): the rest is missing",
        severity="warning", pattern=TRUNCATION_MARKER, hint=("chars]",),
    ),
    Signal(
        "letters_stripped", "hygiene", "record",
        "The source removed the letters of some lines, leaving ' , , .' and Latin names",
        severity="warning", expr=letters_stripped,
    ),
)
