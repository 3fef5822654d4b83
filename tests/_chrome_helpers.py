"""What the chrome tests share: an ordinary article body, and what dq reports on one text.

Imported by name (``from _chrome_helpers import BODY, found``): pytest puts
``tests/`` on ``sys.path`` for its test files (no package, the default
``prepend`` import mode).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
from _batch import Batch

from dq.detect import detect
from dq.evaluate.chrome import chrome_codes

#: Three sentences of an ordinary article: prose no chrome code reports.
BODY = (
    "The council voted on Tuesday to close the old bridge to cars after engineers found cracks.",
    "Residents said the closure would add twenty minutes to the school run for many families.",
    "A replacement is planned for 2026, but the money has not yet been found, officials said.",
)


def _findings(text: str, codes: Sequence[str] | None) -> pl.DataFrame:
    frame = pl.DataFrame({"id": ["a"], "text": [text]})
    return detect(frame, codes=chrome_codes() if codes is None else codes).findings


def chrome_batch(*texts: str) -> Batch:
    """The chrome findings of several articles from one ``detect()`` call
    (:class:`_batch.Batch`; ``found(text)`` and ``evidence(text)`` per article)."""
    return Batch(texts, codes=chrome_codes())


def found(text: str, codes: Sequence[str] | None = None) -> dict[int, set[str]]:
    """1-based line number -> codes reported on it (the chrome codes, or ``codes``), for one
    article."""
    lines: dict[int, set[str]] = {}
    for line, code in _findings(text, codes).select("line", "code").iter_rows():
        lines.setdefault(int(line), set()).add(str(code))
    return lines


def evidence(text: str, codes: Sequence[str] | None = None) -> dict[tuple[int, str], str]:
    """(1-based line, code) -> evidence of each finding (chrome codes, or ``codes``)."""
    rows = _findings(text, codes).select("line", "code", "evidence").rows()
    return {(int(ln), str(c)): str(e) for ln, c, e in rows}


def at_end(line: str) -> str:
    """An ordinary article (:data:`BODY`) with ``line`` after it."""
    return "\n".join([*BODY, line])


def assert_ui_line_at_end(code: str, line: str, batch: Batch) -> None:
    """``line`` after :data:`BODY` (``at_end(line)``, a record of ``batch``) is reported
    under ``code`` on ``phrase`` evidence."""
    text = at_end(line)
    assert code in batch.found(text).get(len(BODY) + 1, set()), line
    assert batch.evidence(text).get((len(BODY) + 1, code)) == "phrase", line


#: One line of prose three times: the article body of the audit27 and prec28 rule tests.
REPEATED_PROSE = "A paragraph of the story that is long enough to count as prose here.\n" * 3
#: A bulleted list of the text's own full sentences after :data:`REPEATED_PROSE`: tips the
#: article gives, not the site's prompt (audit27).
TIPS = (
    REPEATED_PROSE + "Some tips to protect your family:\n"
    "• Read the public registries of offenders in your area before the holiday.\n"
    "• Sign up for notifications or alerts from law enforcement agencies to stay updated on"
    " any changes in your area.\n"
    "• Talk openly with your children about boundaries and about reporting strangers."
)
