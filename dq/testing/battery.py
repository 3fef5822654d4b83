"""A property battery for any text cleaner: ``check_cleaner(fn)``.

Why: people who write cleaning functions for scraped text want property
tests without writing generators. The battery feeds ``fn`` generated
articles with known, injected defects (:mod:`dq.testing.strategies`) and
arbitrary Unicode, and checks that ``fn``:

``never_raises``     returns a ``str`` for any text: empty, white space only,
                     NUL, RTL marks, combining characters, lone surrogates,
                     one huge token, hundreds of the same defect;
``idempotent``       ``fn(fn(x)) == fn(x)``;
``removes_chrome``   removes every injected chrome line whose code it claims;
``fixes_defects``    repairs every injected span defect whose code it claims
                     ("NATOand" no longer there, "NATO and" is);
``keeps_content``    keeps the words of every title, paragraph and quote, in
                     order (a repaired defect counts as kept);
``no_new_findings``  leaves no more findings of any code than the input had, or
                     than the ideal output has (injected defects repaired,
                     claimed chrome removed: a repair or a removal may reveal
                     what was there); dq's detectors, line and span codes only
                     (removing chrome may leave a record ``too_short``); a line
                     the input already had reported, under any code, is not new;
``bounded_length``   is no longer than the input plus what the injected
                     fixes add;
``keeps_digits``     changes no digit: every run of digits of the output is
                     one of the input's ("1975'den" never becomes "11975 den");
``keeps_sentences``  deletes no full sentence (eight words or more, ending
                     like one) that dq does not report on evidence from the
                     line itself (a phrase, or recurrence across records);
``no_new_splits``    splits no token the input writes whole more than once
                     ("Sinwar" twice never becomes "Sin war");
``keeps_a_word``     never turns a text that has a word into one without any
                     (a record whose every line is reported is kept, not
                     emptied: when in doubt, report). Opt-in
                     (:data:`OPT_IN_PROPERTIES`): a cleaner that is asked to
                     drop "Back to top" lines may rightly empty a text that is
                     only that; ``dq.clean.clean`` keeps it, and is checked so.

A failure raises :class:`CleanerFailure` naming the property and the shrunk
counterexample in words ("line 3 'Share this' (share_prompt) survived").
Hypothesis settings come from the active profile (``deadline`` is turned
off: dq's detectors run on every example).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from hypothesis import settings as Settings
    from hypothesis.strategies import SearchStrategy

    from dq.signals.context import DetectContext
    from dq.testing.strategies import Article

PROPERTIES: Final = (
    "never_raises",
    "idempotent",
    "removes_chrome",
    "fixes_defects",
    "keeps_content",
    "no_new_findings",
    "bounded_length",
    "keeps_digits",
    "keeps_sentences",
    "no_new_splits",
    "keeps_a_word",
)
#: Properties checked only when named in ``properties`` (see the module doc).
OPT_IN_PROPERTIES: Final = ("keeps_a_word",)
#: Properties also checked on arbitrary Unicode text (no ground truth there).
TEXT_PROPERTIES: Final = (
    "never_raises", "idempotent", "keeps_digits", "keeps_sentences", "no_new_splits",
    "keeps_a_word",
)

#: Characters of input/output quoted in a failure message.
SHOW_CHARS: Final = 240

#: Hand-picked awkward inputs, tried before random text.
AWKWARD_TEXTS: Final = (
    "", " ", "\n", "\n\n\n", " \t\u3000\n ", "\x00", "a\x00b\n\x00", "\u200f\u202e\u200e",
    "e\u0301\u0301 n\u0303", "\ufeffBack to top", "\r\n\r\n", "\u00a0\u2009", "Share this\x00",
    "Back to top\nBack to top", "שלום \u200f123\u200e abc", ".", " .\n, ;",
    "a\ud800b", "\udfff", "he said .\ud800", "a ." * 100, "he said .\n" * 300,
    "x" * 20_000, "NATOand" * 500, "Türkiye Diyanet Vakfı (TDV) 1975'den beri hizmet veriyor.",
)


class CleanerFailure(AssertionError):
    """A cleaner broke one of the battery's properties; ``property`` says which."""

    def __init__(self, prop: str, message: str) -> None:
        super().__init__(f"{prop}: {message}")
        self.property = prop


def check_cleaner(
    fn: Callable[[str], str],
    *,
    codes: Collection[str] = (),
    properties: Collection[str] | None = None,
    defects: Collection[str] | None = None,
    settings: Settings | None = None,
    ctx: DetectContext | None = None,
) -> None:
    """Run the battery on ``fn``; raise :class:`CleanerFailure` on the first broken property.

    ``codes``: the reason codes ``fn`` claims to handle (removal and repair
    are only required for those). ``properties``: a subset of
    :data:`PROPERTIES` (default: all but :data:`OPT_IN_PROPERTIES`). ``defects``: what the generated
    articles contain (default: everything :func:`~dq.testing.strategies.articles`
    can inject). ``settings``: hypothesis settings (default: the active
    profile). ``ctx``: a :class:`~dq.signals.context.DetectContext` to reuse
    the detectors' caches across examples and calls.
    """
    from hypothesis import given
    from hypothesis import settings as hsettings

    from dq.signals.context import DetectContext
    from dq.signals.registry import CODES
    from dq.testing.strategies import articles

    if not callable(fn):
        raise TypeError(f"check_cleaner needs a callable str -> str, got {type(fn).__name__}")
    for name, value in (("codes", codes), ("properties", properties)):
        if isinstance(value, str):
            raise TypeError(f"{name} must be a collection of names, not the string {value!r}")
    unknown = sorted(set(codes) - set(CODES))
    if unknown:
        raise ValueError(f"unknown reason code(s): {', '.join(unknown)}")
    props = tuple(
        tuple(p for p in PROPERTIES if p not in OPT_IN_PROPERTIES)
        if properties is None else properties
    )
    bad = sorted(set(props) - set(PROPERTIES))
    if bad or not props:
        named = ", ".join(bad) or "(none given)"
        raise ValueError(f"unknown properties: {named}; known: {', '.join(PROPERTIES)}")
    claimed = frozenset(codes)
    findings = _Findings(ctx or DetectContext())
    run = hsettings(settings or hsettings(), deadline=None)
    name = getattr(fn, "__name__", repr(fn))
    article_strategy = articles(defects=defects)

    if set(props) & set(TEXT_PROPERTIES):
        for text in AWKWARD_TEXTS:  # each one, before random text
            _check_text(fn, name, text, props, findings)

        @run
        @given(text=_texts())
        def on_text(text: str) -> None:
            _check_text(fn, name, text, props, findings)

        on_text()

    @run
    @given(article=article_strategy)
    def on_article(article: Article) -> None:
        _check_article(fn, name, article, props, claimed, findings)

    on_article()


def _texts() -> SearchStrategy[str]:
    from hypothesis import strategies as st

    awkward = st.sampled_from(AWKWARD_TEXTS)
    odd = st.sampled_from([*"\x00\u200f\u202e\u200e\u0301\u0308\ufeff\u00a0\t\r\n .,",
                           "a", "Z", "é", "ß", "ש", "中"])
    surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
    word = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=8)
    huge = st.tuples(word, st.integers(1_000, 20_000)).map(lambda wn: wn[0] * wn[1])
    fixes = st.sampled_from(["he said .", "said.Officers", "NATOand", "the  council", "a ,"])
    repeated = st.tuples(fixes, st.integers(2, 400), st.sampled_from([" ", "\n", ""])).map(
        lambda fnj: fnj[2].join([fnj[0]] * fnj[1])
    )
    return st.one_of(awkward, st.text(odd), st.text(), huge, repeated,
                     st.text(st.one_of(st.sampled_from("ab .\n"), surrogate), max_size=30),
                     st.lists(st.one_of(awkward, st.text(max_size=20)), max_size=6).map("\n".join))


def _call(fn: Callable[[str], str], name: str, text: str) -> str:
    try:
        out = fn(text)
    except Exception as exc:
        raise CleanerFailure(
            "never_raises",
            f"{name} raised {type(exc).__name__}: {_first_line(str(exc))} on input {_show(text)}",
        ) from exc
    if not isinstance(out, str):
        raise CleanerFailure("never_raises", f"{name} returned {type(out).__name__}, not str")
    return out


def _check_text(
    fn: Callable[[str], str], name: str, text: str, props: tuple[str, ...], findings: _Findings
) -> None:
    out = _call(fn, name, text)
    if "idempotent" in props:
        _idempotent(fn, name, out)
    _check_invariants(text, out, props, findings)


def _check_invariants(text: str, out: str, props: tuple[str, ...], findings: _Findings) -> None:
    """The properties that hold between any input and its output (no ground truth needed)."""
    checks: dict[str, Callable[[], str | None]] = {
        "keeps_digits": lambda: _digits_changed(text, out),
        "keeps_sentences": lambda: _sentence_deleted(text, out, findings),
        "no_new_splits": lambda: _new_split(text, out),
        "keeps_a_word": lambda: _emptied(text, out),
    }
    for prop, check in checks.items():
        if prop in props and (problem := check()) is not None:
            shown = f"\n  input:  {_show(text)}\n  output: {_show(out)}"
            raise CleanerFailure(prop, problem + shown)


def _digit_runs(text: str) -> Counter[str]:
    """Runs of decimal digits.

    >>> sorted(_digit_runs("In 1975, 3 of 12").elements())
    ['12', '1975', '3']
    """
    import re

    return Counter(re.findall(r"\d+", text))


def _digits_changed(text: str, out: str) -> str | None:
    """A run of digits of ``out`` that ``text`` does not have (as often)."""
    extra = _digit_runs(out) - _digit_runs(text)
    if not extra:
        return None
    return f"digits changed: {sorted(extra)[0]!r} is not a number of the input"


def _sentence_deleted(text: str, out: str, findings: _Findings) -> str | None:
    """A full sentence of ``text`` missing from ``out`` without line evidence for it."""
    from dq.clean._deletion import evidence_of, is_full_sentence

    kept = _alnum(out)
    lost = [(i, line) for i, line in enumerate(text.split("\n"), 1)
            if is_full_sentence(line) and _alnum(line) and _alnum(line) not in kept]
    if not lost:
        return None
    (found,) = findings.of(text)
    for number, line in lost:
        codes = {code for code, at, _ in found if at == number}
        if not any(evidence_of(code, line) in ("phrase", "corpus") for code in codes):
            why = f"reported as {', '.join(sorted(codes))}" if codes else "not reported"
            return f"full sentence on line {number} deleted ({why}): {_show(line, 80)}"
    return None


def _emptied(text: str, out: str) -> str | None:
    """``out`` has no word left of a ``text`` that had one (:func:`dq.clean._keep.has_words`).

    >>> _emptied("Share this\\nBack to top", "")
    'every word is gone: a text that had words was cleaned to none'
    >>> _emptied("Share this\\nBack to top", "Share this\\nBack to top") is None
    True
    >>> _emptied("12 - 2024", "") is None
    True
    """
    from dq.clean._keep import has_words

    if has_words(text) and not has_words(out):
        return "every word is gone: a text that had words was cleaned to none"
    return None


#: Shortest token the no_new_splits property looks at.
_SPLIT_MIN_CHARS: Final = 4


def _new_split(text: str, out: str) -> str | None:
    """A token written whole twice or more in ``text`` that ``out`` shows split by a space.

    >>> _new_split("Sinwar spoke. Sinwar left.", "Sin war spoke. Sinwar left.")
    "token 'Sinwar' (written whole 2 times in the input) was split as 'Sin war'"
    >>> _new_split("NATOand Putin", "NATO and Putin") is None
    True
    """
    import re

    words = Counter(re.findall(rf"[^\W\d_]{{{_SPLIT_MIN_CHARS},}}", text))
    for word, n in sorted(words.items()):
        if n < 2:
            continue
        for i in range(1, len(word)):
            split = f"{word[:i]} {word[i:]}"
            if split in out and split not in text:
                return (f"token {word!r} (written whole {n} times in the input) "
                        f"was split as {split!r}")
    return None


def _idempotent(fn: Callable[[str], str], name: str, out: str) -> None:
    again = _call(fn, name, out)
    if again != out:
        raise CleanerFailure("idempotent", f"cleaning the output again {_first_change(out, again)}"
                             f"\n  output: {_show(out)}\n  again:  {_show(again)}")


def _check_article(
    fn: Callable[[str], str],
    name: str,
    article: Article,
    props: tuple[str, ...],
    claimed: frozenset[str],
    findings: _Findings,
) -> None:
    out = _call(fn, name, article.text)
    context = f"\n  input:  {_show(article.text)}\n  output: {_show(out)}"
    if "idempotent" in props:
        _idempotent(fn, name, out)
    checks: dict[str, Callable[[], str | None]] = {
        "removes_chrome": lambda: _chrome_left(article, out, claimed),
        "fixes_defects": lambda: _defect_left(article, out, claimed),
        "keeps_content": lambda: _content_lost(article, out),
        "bounded_length": lambda: _too_long(article, out),
        "no_new_findings": lambda: findings.new_in(article.text, out,
                                                   ideal=article.ideal(claimed)),
    }
    for prop, check in checks.items():
        if prop in props and (problem := check()) is not None:
            raise CleanerFailure(prop, problem + context)
    _check_invariants(article.text, out, props, findings)


def _chrome_left(article: Article, out: str, claimed: frozenset[str]) -> str | None:
    """An injected chrome line the cleaner claims and may delete that survived.

    "May delete": on evidence from the line itself (:func:`dq.clean._deletion.may_delete`);
    a full sentence condemned only by its neighbours is reported, not removed.
    """
    from dq.clean._deletion import may_delete

    left = {line.strip(): i for i, line in reversed(list(enumerate(out.split("\n"), 1)))}
    for line in article.chrome:
        if line.code is None or not may_delete(line.code, None, line.text):
            continue
        if line.code in claimed and line.text.strip() in left:
            return (f"line {line.number} {line.text!r} ({line.code}) survived "
                    f"as output line {left[line.text.strip()]}")
    return None


def _defect_left(article: Article, out: str, claimed: frozenset[str]) -> str | None:
    for d in article.defects:
        if d.code in claimed and (d.text in out or d.fix not in out):
            return f"line {d.line} {d.code} {d.text!r} was not fixed to {d.fix!r}"
    return None


def _alnum(s: str) -> str:
    """Letters and digits only (NFC): what "the same words" compares.

    >>> _alnum("“NATO and,” he said .")
    'NATOandhesaid'
    """
    return "".join(ch for ch in unicodedata.normalize("NFC", s) if ch.isalnum())


def _content_lost(article: Article, out: str) -> str | None:
    stream, pos = _alnum(out), 0
    for line in article.content:
        found = [i for form in (line.clean, line.text)
                 if (i := stream.find(_alnum(form), pos)) >= 0 and _alnum(form)]
        if found or not _alnum(line.clean):
            pos = min(found) if found else pos
            continue
        words = line.clean.split()
        prefix = ""
        for word in words:
            prefix += _alnum(word)
            if stream.find(prefix, pos) < 0:
                return (f"line {line.number} lost words: {word!r} of {_show(line.clean, 80)} "
                        "is missing or out of order")
        return f"line {line.number} {_show(line.clean, 80)} is missing or out of order"
    return None


def _too_long(article: Article, out: str) -> str | None:
    limit = len(article.text) + article.growth
    if len(out) <= limit:
        return None
    return (f"output has {len(out)} characters, more than the input's {len(article.text)} "
            f"plus {article.growth} from fixes; it ends {_show(out[-60:], 60)}")


class _Findings:
    """dq's line and span findings per text, memoised for one battery run.

    Why: shrinking replays many candidates whose input or output text was
    already seen, and each detector run has a fixed cost of a few hundred
    milliseconds. The memo lives and dies with one :func:`check_cleaner` call.
    """

    #: Texts remembered at most (a run sees a few thousand at most).
    LIMIT: Final = 20_000

    def __init__(self, ctx: DetectContext) -> None:
        self.ctx = ctx
        self.memo: dict[str, list[tuple[str, int, str]]] = {}

    def of(self, *texts: str) -> list[list[tuple[str, int, str]]]:
        """``(code, line, snippet)`` of every line/span finding, per text."""
        import polars as pl

        from dq.detect import detect

        missing = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if missing:
            if len(self.memo) > self.LIMIT:
                self.memo.clear()
            frame = pl.DataFrame({"id": [str(i) for i in range(len(missing))], "text": missing})
            found = detect(frame, ctx=self.ctx).findings.filter(pl.col("line") > 0)
            rows: dict[str, list[tuple[str, int, str]]] = {str(i): [] for i in range(len(missing))}
            for rid, code, line, snippet in found.select(
                "record_id", "code", "line", "snippet"
            ).iter_rows():
                rows[rid].append((code, line, snippet))
            for i, text in enumerate(missing):
                self.memo[text] = rows[str(i)]
        return [self.memo[t] for t in texts]

    def new_in(self, before: str, after: str, *, ideal: str | None = None) -> str | None:
        """A finding of ``after`` whose code ``before`` had fewer of, in words.

        With ``ideal`` (what a perfect cleaner would return), a code may have
        as many findings as there: repairing "NATOand" can make two lines
        equal, and removing a chrome line can leave a source token last;
        those were in the text before the cleaner touched it.
        """
        if before == after:
            return None
        texts = (before, after) if ideal is None else (before, after, ideal)
        found_before, found_after, *found_ideal = self.of(*texts)
        n_in = Counter(code for code, _, _ in found_before)
        for found in found_ideal:
            n_in |= Counter(code for code, _, _ in found)
        # A line the input already had reported (under any code) is not new
        # when it is reported again: removing "Home" from a menu whose other
        # entries only their layout condemns (kept by ``dq.clean``) leaves a
        # shorter run that reads as section labels.
        reported = {_line_of(before, line) for _, line, _ in found_before}
        fresh = [f for f in found_after if _line_of(after, f[1]) not in reported]
        n_out = Counter(code for code, _, _ in fresh)
        for code, line, snippet in fresh:
            if n_out[code] > n_in[code]:
                return (f"new finding {code} on output line {line} {_show(snippet, 80)} "
                        f"(input had {n_in[code]} {code} finding(s), output has {n_out[code]})")
        return None


def _line_of(text: str, number: int) -> str:
    """Line ``number`` (1-based) of ``text``, stripped; "" past the end.

    >>> _line_of("a\\n b ", 2), _line_of("a", 3)
    ('b', '')
    """
    lines = text.split("\n")
    return lines[number - 1].strip() if 0 < number <= len(lines) else ""


def _first_change(a: str, b: str) -> str:
    """Where two texts first differ, by line.

    >>> _first_change("x\\nab", "x\\na")
    "changed line 2 'ab' to 'a'"
    """
    la, lb = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(la, lb, strict=False), 1):
        if x != y:
            return f"changed line {i} {_show(x, 80)} to {_show(y, 80)}"
    if len(la) > len(lb):
        return f"removed line {len(lb) + 1} {_show(la[len(lb)], 80)}"
    return f"added line {len(la) + 1} {_show(lb[len(la)], 80)}"


def _first_line(message: str, limit: int = 200) -> str:
    line = message.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _show(s: str, limit: int = SHOW_CHARS) -> str:
    """``repr`` of ``s``, cut to ``limit`` characters."""
    return repr(s if len(s) <= limit else s[: limit - 1] + "…")
