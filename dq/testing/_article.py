"""The generated article and its ground truth, and the pure helpers that build it.

Why apart from the strategies: the dataclasses are what a test reads (which
lines are chrome, which spans are broken and how to fix them), and the
injection helpers are plain functions that doctests can show without
hypothesis.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

LineKind = Literal["title", "paragraph", "quote", "chrome", "source", "blank"]

#: Span defects :func:`inject` knows how to make (one per paragraph at most).
SPAN_DEFECTS: tuple[str, ...] = (
    "glued_words",
    "space_before_punct",
    "missing_space_after_punct",
    "repeated_spaces",
    "html_residue",
    "mojibake",
)


class ChromeLine(NamedTuple):
    """A chrome line and the reason code dq reports it under."""

    code: str
    text: str
    language: str


class GluedToken(NamedTuple):
    """Two words run together (``glued``) and how they should read (``fix``)."""

    glued: str
    fix: str


@dataclass(frozen=True, slots=True)
class ArticleLine:
    """One line of the generated text (``number`` is 1-based over ``text.split("\\n")``).

    ``clean`` is how the line reads without its injected defect (equal to
    ``text`` when it has none); chrome and source lines have ``code`` set.
    """

    number: int
    kind: LineKind
    text: str
    clean: str
    code: str | None = None

    @property
    def is_content(self) -> bool:
        return self.kind in ("title", "paragraph", "quote")


@dataclass(frozen=True, slots=True)
class Defect:
    """An injected span defect: ``article.text[start:end] == text``, which should read ``fix``.

    The span includes a word of context on each side where the defect alone
    would be ambiguous (``"said ."`` rather than ``" ."``).
    """

    code: str
    line: int
    start: int
    end: int
    text: str
    fix: str


@dataclass(frozen=True, slots=True)
class Article:
    """A generated article: the text a scraper would produce, its metadata and ground truth."""

    text: str
    title: str
    url: str | None
    source: str | None
    author: str | None
    lines: tuple[ArticleLine, ...]
    defects: tuple[Defect, ...]

    @property
    def chrome(self) -> tuple[ArticleLine, ...]:
        """Lines that are not the article's words (chrome and a dangling source), with codes."""
        return tuple(line for line in self.lines if line.kind in ("chrome", "source"))

    @property
    def content(self) -> tuple[ArticleLine, ...]:
        """Title, paragraphs and quotes, in order."""
        return tuple(line for line in self.lines if line.is_content)

    def ideal(self, codes: Collection[str]) -> str:
        """What a perfect cleaner claiming ``codes`` returns, blank lines aside.

        Every injected span defect is fixed (a cleaner may fix more than it
        claims) and the chrome lines of the claimed codes are gone.

        >>> from dq.testing._article import ChromeLine, assemble
        >>> a = assemble([("title", None, "A Title of Sorts", "A Title of Sorts", None),
        ...               ("chrome", ChromeLine("back_to_top", "Back to top", "en"),
        ...                "Back to top", "Back to top", None)],
        ...              separator="\\n", tight_top=False, final_newline=False,
        ...              title="A Title of Sorts", url=None, source=None, author=None)
        >>> a.ideal(["back_to_top"]), a.ideal([])
        ('A Title of Sorts', 'A Title of Sorts\\nBack to top')
        """
        claimed = set(codes)
        return "\n".join(line.clean for line in self.lines
                         if not (line.kind in ("chrome", "source") and line.code in claimed))

    @property
    def growth(self) -> int:
        """Characters a perfect cleaner may add: fixes longer than what they replace."""
        return sum(max(0, len(d.fix) - len(d.text)) for d in self.defects)

    def record(self, id: str = "generated") -> dict[str, str | None]:
        """The article as a record in dq's article schema."""
        return {"id": id, "text": self.text, "title": self.title, "url": self.url,
                "source": self.source, "author": self.author}

    def __repr__(self) -> str:
        chrome = ", ".join(f"{c.number}:{c.code}" for c in self.chrome)
        defects = ", ".join(f"{d.line}:{d.code}" for d in self.defects)
        return f"Article(text={self.text!r}, chrome=[{chrome}], defects=[{defects}])"


def _word_span(s: str, i: int, j: int) -> tuple[int, int]:
    """Widen ``s[i:j]`` to the whole white-space separated words around it.

    >>> _word_span("he said . Then", 7, 9)
    (3, 9)
    """
    lo = s.rfind(" ", 0, i) + 1 if i > 0 and s[i - 1] != " " else i
    hi = s.find(" ", j)
    return lo, len(s) if hi < 0 else hi


def inject(
    para: str, code: str | None, *, choice: int, token: GluedToken | None = None
) -> tuple[str, Defect | None]:
    """Damage ``para`` with one ``code`` defect; ``choice`` picks where. Offsets are line-relative.

    Returns the paragraph unchanged and no defect when it has no place for
    that defect (mojibake needs a non-ASCII character, a missing space needs
    two sentences).

    >>> text, defect = inject("The council met. It voted.", "missing_space_after_punct", choice=0)
    >>> text, defect.text, defect.fix, text[defect.start : defect.end]
    ('The council met.It voted.', 'met.It', 'met. It', 'met.It')
    >>> inject("It voted.", "space_before_punct", choice=0)[0]
    'It voted .'
    >>> inject("Russia’s envoy left.", "mojibake", choice=0)[0]
    'Russiaâ€™s envoy left.'
    """
    if code is None:
        return para, None
    spots: list[int]
    if code == "glued_words":
        if token is None:
            raise ValueError("glued_words needs a token")
        words = para.split(" ")
        if len(words) < 2:
            return para, None
        k = 1 + choice % (len(words) - 1)
        start = len(" ".join(words[:k])) + 1
        text = " ".join([*words[:k], token.glued, *words[k:]])
        return text, Defect(code, 0, start, start + len(token.glued), token.glued, token.fix)
    if code == "space_before_punct":
        spots = [i for i, ch in enumerate(para) if ch == "." and i > 0 and para[i - 1].isalnum()]
        if not spots:
            return para, None
        i = spots[choice % len(spots)]
        text = para[:i] + " " + para[i:]
        lo, _ = _word_span(para, i, i)
        return text, Defect(code, 0, lo, i + 2, text[lo : i + 2], para[lo : i + 1])
    if code == "missing_space_after_punct":
        spots = [i for i in range(1, len(para) - 2)
                 if para[i : i + 2] == ". " and para[i - 1].isalpha() and para[i + 2].isupper()]
        if not spots:
            return para, None
        i = spots[choice % len(spots)]
        lo, hi = _word_span(para, i, i + 2)
        text = para[: i + 1] + para[i + 2 :]
        return text, Defect(code, 0, lo, hi - 1, text[lo : hi - 1], para[lo:hi])
    if code == "repeated_spaces":
        # between words, not after a full stop (two spaces there is a typing habit)
        spots = [i for i, ch in enumerate(para)
                 if ch == " " and i > 0 and (para[i - 1].isalnum() or para[i - 1] == ",")]
        if not spots:
            return para, None
        i = spots[choice % len(spots)]
        extra = 1 + choice % 2
        lo, hi = _word_span(para, i, i + 1)
        text = para[:i] + " " * (1 + extra) + para[i + 1 :]
        return text, Defect(code, 0, lo, hi + extra, text[lo : hi + extra], para[lo:hi])
    if code == "html_residue":
        return _inject_html(para, choice)
    if code == "mojibake":
        if para.isascii():
            return para, None
        import ftfy.bad_codecs  # noqa: F401 - registers the "sloppy" codecs

        text = para.encode("utf-8").decode("sloppy-windows-1252")
        return text, Defect(code, 0, 0, len(text), text, para)
    raise ValueError(f"cannot inject {code!r}; span defects: {', '.join(SPAN_DEFECTS)}")


def _inject_html(para: str, choice: int) -> tuple[str, Defect | None]:
    """Wrap a word in an inline tag, or turn a space into ``&nbsp;``.

    >>> _inject_html("The council met.", 3)[0]
    'The <b>council</b> met.'
    >>> _inject_html("The council met.", 2)[0]
    'The&nbsp;council met.'
    """
    words = para.split(" ")
    if choice % 2:
        plain = [k for k, w in enumerate(words) if w.isalpha()]
        if not plain:
            return para, None
        k = plain[choice % len(plain)]
        tag = ("b", "em", "strong")[choice % 3]
        start = len(" ".join(words[:k])) + (1 if k else 0)
        wrapped = f"<{tag}>{words[k]}</{tag}>"
        text = " ".join([*words[:k], wrapped, *words[k + 1 :]])
        return text, Defect("html_residue", 0, start, start + len(wrapped), wrapped, words[k])
    if len(words) < 2:
        return para, None
    k = 1 + choice % (len(words) - 1)
    start = len(" ".join(words[: k - 1])) + (1 if k > 1 else 0)
    broken = f"{words[k - 1]}&nbsp;{words[k]}"
    text = " ".join([*words[: k - 1], broken, *words[k + 1 :]])
    return text, Defect("html_residue", 0, start, start + len(broken), broken,
                        f"{words[k - 1]} {words[k]}")


Block = tuple[str, ChromeLine | None, str, str, Defect | None]


def assemble(
    blocks: Sequence[Block],
    *,
    separator: str,
    tight_top: bool,
    final_newline: bool,
    title: str,
    url: str | None,
    source: str | None,
    author: str | None,
) -> Article:
    """Join ``(kind, chrome, text, clean, defect)`` blocks into an :class:`Article`.

    Blocks are separated by ``separator`` ("\\n" or "\\n\\n"); with
    ``tight_top`` the chrome above the title is stacked with single line
    breaks, as in scraped pages where a licence nag sits on a section label.
    """
    lines: list[ArticleLine] = []
    defects: list[Defect] = []
    offset = 0
    texts: list[str] = []

    def add(kind: str, text: str, clean: str, code: str | None) -> int:
        nonlocal offset
        number = len(lines) + 1
        lines.append(ArticleLine(number, kind, text, clean, code))  # type: ignore[arg-type]
        texts.append(text)
        start = offset
        offset += len(text) + 1
        return start

    for i, (kind, chrome, text, clean, defect) in enumerate(blocks):
        if i:
            prev_kind = blocks[i - 1][0]
            stacked = tight_top and kind == "chrome" and prev_kind == "chrome" and all(
                b[0] == "chrome" for b in blocks[:i])
            for _ in range(0 if stacked else separator.count("\n") - 1):
                add("blank", "", "", None)
        start = add(kind, text, clean, chrome.code if chrome else None)
        if defect is not None:
            defects.append(Defect(defect.code, len(lines), start + defect.start,
                                  start + defect.end, defect.text, defect.fix))
    if final_newline:
        add("blank", "", "", None)
    return Article("\n".join(texts), title, url, source, author, tuple(lines), tuple(defects))
