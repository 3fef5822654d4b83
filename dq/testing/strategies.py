"""Hypothesis strategies for scraped articles with known, injected defects.

Why: a property test of a cleaner needs inputs that look like what scrapers
produce (a title, paragraphs, quotes, chrome at the edges, a word glued to a
link) *and* the ground truth of what is chrome and what is content. These
strategies build both at once.

House style (hypothesis's API guide): plural nouns, defaulted arguments
keyword-only, sizes as ``min_size``/``max_size``, and bad arguments raise
when the strategy is built rather than generating nothing.

>>> from hypothesis import find
>>> article = find(articles(defects=["back_to_top"], max_size=1), lambda a: len(a.chrome) > 0)
>>> print(article.text)
Russia to The The The
<BLANKLINE>
The the the the the the the the.
<BLANKLINE>
Back to top
>>> [(line.number, line.code) for line in article.chrome]
[(5, 'back_to_top')]
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from hypothesis import strategies as st

from dq.testing._article import (
    SPAN_DEFECTS,
    Article,
    ArticleLine,
    ChromeLine,
    Defect,
    GluedToken,
    assemble,
    inject,
)
from dq.testing._phrasebook import (
    ACRONYMS,
    CHROME,
    OPENERS,
    PLACES,
    PROPER_NOUNS,
    PUBLISHERS,
    SAID,
    SPECIAL,
    VOCABULARY_STOPLIST,
)

__all__ = [
    "INJECTABLE",
    "Article",
    "ArticleLine",
    "ChromeLine",
    "Defect",
    "GluedToken",
    "articles",
    "chrome_lines",
    "glued_tokens",
    "prose_paragraphs",
]

#: Every reason code :func:`articles` can inject.
INJECTABLE: tuple[str, ...] = (*CHROME, "dangling_source", *SPAN_DEFECTS)

#: Words of the vocabulary prose is drawn from (most frequent first).
VOCABULARY_SIZE = 2000
_FUNCTION_WORDS = ("and", "the", "of", "in", "to", "for", "with", "on", "was", "has")
_TITLE_SMALL = ("to", "of", "in", "for", "on", "with", "the")


def _languages(languages: Collection[str] | None, known: set[str]) -> tuple[str, ...]:
    if languages is None:
        return tuple(sorted(known))
    if isinstance(languages, str):
        raise TypeError(f"languages must be a collection of codes, not the string {languages!r}")
    unknown = sorted(set(languages) - known)
    if unknown or not languages:
        raise ValueError(
            f"no chrome phrasings for language(s) {', '.join(unknown) or '(none given)'}; "
            f"known: {', '.join(sorted(known))}"
        )
    return tuple(languages)


def _sizes(min_size: int, max_size: int | None, *, cap: int) -> tuple[int, int]:
    hi = cap if max_size is None else max_size
    if min_size < 0 or hi < min_size:
        raise ValueError(f"need 0 <= min_size <= max_size, got min_size={min_size}, max_size={hi}")
    return min_size, hi


def chrome_lines(
    *,
    codes: Collection[str] | None = None,
    languages: Collection[str] | None = None,
) -> st.SearchStrategy[ChromeLine]:
    """One chrome line dq's detectors catch: a :class:`ChromeLine` ``(code, text, language)``.

    ``codes`` (default: every chrome code with phrasings) and ``languages``
    (default: all) restrict the choice; a code or language without
    phrasings raises ValueError.

    >>> from hypothesis import find
    >>> find(chrome_lines(codes=["back_to_top"], languages=["de"]), lambda line: True)
    ChromeLine(code='back_to_top', text='Nach oben', language='de')
    >>> chrome_lines(codes=["glued_words"])
    Traceback (most recent call last):
    ...
    ValueError: no chrome phrasings for code(s) glued_words; known: ...
    """
    if isinstance(codes, str):
        raise TypeError(f"codes must be a collection of reason codes, not the string {codes!r}")
    chosen = tuple(CHROME) if codes is None else tuple(codes)
    unknown = sorted(set(chosen) - set(CHROME))
    if unknown or not chosen:
        raise ValueError(
            f"no chrome phrasings for code(s) {', '.join(unknown) or '(none given)'}; "
            f"known: {', '.join(CHROME)}"
        )
    langs = _languages(languages, {lang for c in chosen for lang in CHROME[c]})
    options = [
        ChromeLine(code, text, lang)
        for code in chosen for lang in langs for text in CHROME[code].get(lang, ())
    ]
    if not options:
        raise ValueError(f"no phrasings for {', '.join(chosen)} in {', '.join(langs)}")
    return st.sampled_from(options)


def _vocabulary(language: str) -> list[str]:
    import wordfreq

    if language not in wordfreq.available_languages("best"):
        raise ValueError(f"wordfreq has no word list for language {language!r}")
    words = []
    for w in wordfreq.top_n_list(language, VOCABULARY_SIZE):
        if w in VOCABULARY_STOPLIST or w.startswith("i'"):
            continue
        if w.isalpha() and (len(w) > 1 or w == "a"):
            words.append(w)
        elif w.count("'") == 1 and w.replace("'", "").isalpha():
            words.append(w.replace("'", "’"))  # typographic apostrophe, as publishers print it
    return words


@st.composite
def _sentence(draw: st.DrawFn, vocab: Sequence[str], *, end: str = ".") -> str:
    words = [draw(st.sampled_from(OPENERS)),
             *draw(st.lists(st.sampled_from(vocab), min_size=7, max_size=16))]
    if draw(st.booleans()):
        # not last: a sentence rarely ends on a possessive ("... Canada’s.")
        at = draw(st.integers(1, len(words) - 2))
        noun = draw(st.sampled_from(PROPER_NOUNS))
        words[at] = noun + ("’s" if draw(st.booleans()) else "")
    if len(words) > 9 and draw(st.booleans()):
        at = draw(st.integers(3, len(words) - 3))
        words[at] += ","
    return " ".join(words) + end


def prose_paragraphs(
    *,
    min_size: int = 1,
    max_size: int = 4,
    language: str = "en",
) -> st.SearchStrategy[str]:
    """A paragraph of ``min_size`` to ``max_size`` news-like sentences, on one line.

    Words come from wordfreq's most frequent words of ``language`` (not lorem
    ipsum), sentences open like news copy ("Officials ...", "The ..."), some
    name a place with a typographic possessive ("Russia’s").

    >>> from hypothesis import find
    >>> find(prose_paragraphs(min_size=2), lambda para: True)  # the simplest one
    'The the the the the the the the. The the the the the the the the.'
    """
    lo, hi = _sizes(min_size, max_size, cap=max_size)
    if lo < 1:
        raise ValueError("a paragraph has at least one sentence (min_size >= 1)")
    vocab = _vocabulary(language)
    return st.lists(_sentence(vocab), min_size=lo, max_size=hi).map(" ".join)


@st.composite
def _quotes(draw: st.DrawFn, vocab: Sequence[str]) -> str:
    said = draw(st.sampled_from(SAID))
    inner = draw(_sentence(vocab, end=""))
    if draw(st.booleans()):
        return f"“{inner},” {said}."
    return f"“{inner}.”"


@st.composite
def _titles(draw: st.DrawFn, vocab: Sequence[str]) -> str:
    # A headline with a lower-case small word: never mistaken for a person's
    # name next to a byline, and long enough to be the head under a label.
    first = draw(st.sampled_from(PROPER_NOUNS + OPENERS[:8]))
    rest = [w[:1].upper() + w[1:] for w in draw(st.lists(st.sampled_from(vocab),
                                                          min_size=3, max_size=9))]
    small = draw(st.sampled_from(_TITLE_SMALL))
    at = draw(st.integers(0, len(rest) - 1))
    return " ".join([first, *rest[:at], small, *rest[at:]])


def glued_tokens(*, language: str = "en") -> st.SearchStrategy[GluedToken]:
    """Two words run together where an HTML element ended, with the fix.

    Three shapes seen in real scrapes: an acronym then a small word
    ("NATOand"), a word then a name ("withRussia"), two lower-case words
    ("itselectric", only when the join is no word and splits one way).

    >>> from hypothesis import find
    >>> find(glued_tokens(), lambda token: True)
    GluedToken(glued='NATOand', fix='NATO and')
    """
    import wordfreq

    vocab = [w for w in _vocabulary(language) if w.isascii() and w.isalpha() and len(w) >= 3]
    known = set(vocab)

    def unique_split(joined: str) -> bool:
        splits = [i for i in range(1, len(joined)) if joined[:i] in known and joined[i:] in known]
        return len(splits) == 1 and wordfreq.zipf_frequency(joined, language) == 0

    pair = st.one_of(
        st.tuples(st.sampled_from(ACRONYMS), st.sampled_from(_FUNCTION_WORDS)),
        st.tuples(st.sampled_from(_FUNCTION_WORDS), st.sampled_from(PROPER_NOUNS)),
        st.tuples(st.sampled_from(vocab), st.sampled_from(vocab)).filter(
            lambda p: unique_split(p[0] + p[1])
        ),
    )
    # a join that is itself a word of the language ("EU" + "for": EUFOR, the
    # EU's force) is not glue, whatever its halves
    return pair.filter(lambda p: wordfreq.zipf_frequency(p[0] + p[1], language) == 0).map(
        lambda p: GluedToken(p[0] + p[1], f"{p[0]} {p[1]}")
    )


class _Plan(NamedTuple):
    codes: frozenset[str]
    languages: tuple[str, ...]
    min_size: int
    max_size: int
    titles: st.SearchStrategy[str]
    paragraphs: st.SearchStrategy[str]
    glued: st.SearchStrategy[GluedToken]


def articles(
    *,
    defects: Collection[str] | None = None,
    languages: Collection[str] = ("en",),
    min_size: int = 1,
    max_size: int = 6,
) -> st.SearchStrategy[Article]:
    """Articles shaped like scraped news, with ground truth: an :class:`Article`.

    ``defects``: reason codes to inject (default: all of :data:`INJECTABLE`;
    ``()`` gives clean articles). ``languages``: of the chrome phrasings.
    ``min_size``/``max_size``: paragraphs of body text.

    Layout: edge chrome, maybe a category label, the title, paragraphs and
    quotes (at most one span defect each, maybe an ad label between two),
    maybe a dangling source token, bottom chrome, maybe a comment section.

    >>> articles(defects=["no_such_code"])
    Traceback (most recent call last):
    ...
    ValueError: cannot inject no_such_code; injectable: ...
    """
    chosen = frozenset(INJECTABLE if defects is None else defects)
    if isinstance(defects, str):
        raise TypeError(f"defects must be a collection of reason codes, not the string {defects!r}")
    unknown = sorted(chosen - set(INJECTABLE))
    if unknown:
        raise ValueError(f"cannot inject {', '.join(unknown)}; injectable: {', '.join(INJECTABLE)}")
    lo, hi = _sizes(min_size, max_size, cap=max_size)
    if lo < 1:
        raise ValueError("an article has at least one paragraph (min_size >= 1)")
    langs = _languages(languages, {lang for by in CHROME.values() for lang in by})
    vocab = _vocabulary("en")
    paragraphs = st.one_of(prose_paragraphs(max_size=3), _quotes(vocab))
    return _articles(_Plan(chosen, langs, lo, hi, _titles(vocab), paragraphs, glued_tokens()))


def _chrome_for(plan: _Plan, place: str) -> list[str]:
    return [c for c in CHROME if c in plan.codes and c not in SPECIAL and place in PLACES[c]
            and any(lang in CHROME[c] for lang in plan.languages)]


@st.composite
def _articles(draw: st.DrawFn, plan: _Plan) -> Article:
    def edge(place: str, most: int, *, words: int = 1) -> list[ChromeLine]:
        codes = _chrome_for(plan, place)
        if not codes or most <= 0:
            return []
        lines = chrome_lines(codes=codes, languages=[
            lang for lang in plan.languages if any(lang in CHROME[c] for c in codes)])
        if words > 1:
            lines = lines.filter(lambda line: len(line.text.split()) >= words)
        return draw(st.lists(lines, max_size=most))

    def special(code: str) -> bool:
        return code in plan.codes and draw(st.booleans())

    def special_line(code: str, *, words: int = 1) -> ChromeLine:
        lines = chrome_lines(codes=[code], languages=[
            lang for lang in plan.languages if lang in CHROME[code]] or ["en"])
        return draw(lines.filter(lambda line: len(line.text.split()) >= words))

    # Top: a navigation run opening the page, or up to two edge lines; then
    # maybe a section label right above the title. Not both a menu run and
    # edge lines before a label: dq misses that label (a known gap, pinned by
    # tests/test_battery.py::test_known_gap_label_after_menu_and_nag).
    top: list[ChromeLine] = []
    if special("navigation"):
        items = draw(st.lists(st.sampled_from(CHROME["navigation"]["en"]),
                              min_size=3, max_size=5, unique=True))
        top += [ChromeLine("navigation", item, "en") for item in items]
    else:
        top += edge("top", 2)
    if special("category_label"):
        top.append(special_line("category_label"))
    title = draw(plan.titles)
    # unique: a paragraph printed twice is a defect of its own (duplicate_lines)
    body = draw(st.lists(plan.paragraphs, min_size=plan.min_size, max_size=plan.max_size,
                         unique=True))
    middle = edge("middle", 1) if len(body) > 1 else []
    middle_at = draw(st.integers(1, len(body) - 1)) if middle else 0
    dangling = None
    handle, name, domain = draw(st.sampled_from(PUBLISHERS))
    if special("dangling_source"):
        dangling = ChromeLine("dangling_source", handle, "en")
    comments = special("comment_block")
    # A dangling source sits among the last three lines, and what follows it
    # is not another one-word line (a run of bare words is a tag list): dq's rule.
    bottom = edge("bottom", (2 if dangling else 3) - int(comments), words=2 if dangling else 1)
    if comments:
        bottom.append(special_line("comment_block", words=2 if dangling else 1))
    spans = sorted(plan.codes & set(SPAN_DEFECTS))
    injected: list[tuple[str, str, Defect | None]] = []
    for para in body:
        kind = "quote" if para.startswith("“") else "paragraph"
        code = draw(st.sampled_from([None, *spans])) if spans else None
        token = draw(plan.glued) if code == "glued_words" else None
        choice = draw(st.integers(0, 10_000))
        text, defect = inject(para, code, choice=choice, token=token)
        injected.append((kind, text, defect))
    blocks: list[tuple[str, ChromeLine | None, str, str, Defect | None]] = []
    blocks += [("chrome", c, c.text, c.text, None) for c in top]
    blocks.append(("title", None, title, title, None))
    for i, (kind, text, defect) in enumerate(injected):
        if middle and i == middle_at:
            blocks += [("chrome", c, c.text, c.text, None) for c in middle]
        clean = text if defect is None else text[: defect.start] + defect.fix + text[defect.end :]
        blocks.append((kind, None, text, clean, defect))
    if dangling:
        blocks.append(("source", dangling, dangling.text, dangling.text, None))
    blocks += [("chrome", c, c.text, c.text, None) for c in bottom]
    return assemble(
        blocks,
        separator=draw(st.sampled_from(["\n\n", "\n"])),
        tight_top=draw(st.booleans()),
        final_newline=draw(st.booleans()),
        title=title,
        url=f"https://www.{domain}/news/{draw(st.integers(1000, 99999))}",
        source=None if dangling else draw(st.sampled_from([None, name])),
        author=draw(st.sampled_from([None, "Jane Doe", "Sam Patel"])),
    )
