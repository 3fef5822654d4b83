"""Where chrome recall is lost: the missed chrome lines of a labelled file, by line shape.

Why: a recall number says how much chrome dq leaves, not what it is. To
close the gap on sites dq has never seen, one must know which *shapes* of
line the missed chrome has, and what flagging that shape would cost: the
content lines of the same shape that dq rightly leaves. This report puts
both side by side, per source, so a rule can be argued from the line and
its price read before it is written (issue 15, "close them by what the
lines are").

A line's class (:func:`line_class`) is read from the line and its record
only, the way a rule would see it:

* ``sentence``: a full sentence (>= 8 words, closing punctuation), which dq
  never reports on shape or context evidence (issue 15), so no shape rule
  may claim it;
* otherwise where it stands against the body, the run of prose lines
  (>= 10 words, closing punctuation): ``before`` the first, ``inside``,
  ``after`` the last, or ``no-body`` (the record has no prose line);
* and its length: ``short`` (<= 4 words), ``medium`` (5-15), ``long``.

Rows: per source, per class, the chrome lines dq missed, the content lines
dq leaves in that class (the false positives a rule flagging the whole class
would add), the class's precision if flagged whole, and the sites of the
misses. Scoring and the site of a record are :mod:`dq.evaluate.sites`'s.

    python -m dq.evaluate.misses extracted.jsonl lines.jsonl partial_lines.jsonl
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from dq.evaluate.chrome import _window, file_kind, load_records, predict_lines, urls_beside
from dq.evaluate.sites import site_of

__all__ = ["MissRow", "format_misses", "line_class", "miss_table"]

#: A full sentence: this many words and closing punctuation (issue 15's working definition).
SENTENCE_WORDS: Final = 8
#: A prose line of the body: this many words and closing punctuation
#: (the ``prose`` shape of :mod:`dq.signals.chrome_shape`).
PROSE_WORDS: Final = 10
#: Short: a menu entry's length (``chrome_shape.MENU_WORDS``); medium up to a headline's.
SHORT_WORDS: Final = 4
MEDIUM_WORDS: Final = 15
_CLOSES: Final = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


def _closes(line: str) -> bool:
    return bool(_CLOSES.search(line.strip())) and not line.strip().endswith(":")


def line_class(lines: Sequence[str], i: int) -> str:
    """The shape class of line ``i`` of a record (see the module doc).

    >>> body = "The council met on Monday and voted for the new plan after a long debate."
    >>> rec = ["Home", body, "Related stories", body, "Sign up for our daily newsletter today"]
    >>> [line_class(rec, i) for i in range(len(rec))]
    ['before/short', 'sentence', 'inside/short', 'sentence', 'after/medium']
    >>> line_class(["Menu", "Login"], 0)
    'no-body/short'
    """
    words = len(lines[i].split())
    if words >= SENTENCE_WORDS and _closes(lines[i]):
        return "sentence"
    prose = [j for j, s in enumerate(lines) if len(s.split()) >= PROSE_WORDS and _closes(s)]
    if not prose:
        where = "no-body"
    elif i < prose[0]:
        where = "before"
    elif i > prose[-1]:
        where = "after"
    else:
        where = "inside"
    size = "short" if words <= SHORT_WORDS else "medium" if words <= MEDIUM_WORDS else "long"
    return f"{where}/{size}"


@dataclass
class MissRow:
    """Missed chrome and unflagged content of one class in one source."""

    missed: int = 0
    content: int = 0
    sites: set[str] = field(default_factory=set)

    @property
    def precision(self) -> float:
        """Precision of flagging the whole class (what a rule for it would score at best)."""
        n = self.missed + self.content
        return self.missed / n if n else 0.0


def miss_table(path: str | Path, *, codes: Sequence[str] | None = None
               ) -> dict[str, dict[str, MissRow]]:
    """``source -> class -> MissRow`` over the lines dq does not flag (scored lines only)."""
    path = Path(path)
    records = load_records(path)
    kind = file_kind(records)
    urls = urls_beside(path)
    out: dict[str, dict[str, MissRow]] = {}
    for rec, pred in zip(records, predict_lines(records, codes=codes), strict=True):
        labels = rec["labels"]
        lines = str(rec["text"]).split("\n")
        scored = _window(rec) if kind == "window" else range(len(labels))
        # classes are read on the non-blank lines, as dq's lines frame does
        kept = [j for j, s in enumerate(lines) if s.strip()]
        text = [lines[j].strip() for j in kept]
        at = {j: k for k, j in enumerate(kept)}
        source = out.setdefault(str(rec.get("source_dataset") or "all"), {})
        for i in scored:
            if labels[i] is None or i in pred or i not in at:
                continue
            row = source.setdefault(line_class(text, at[i]), MissRow())
            if labels[i] == "chrome":
                row.missed += 1
                row.sites.add(site_of(rec, urls))
            else:
                row.content += 1
    return out


def format_misses(path: str | Path, table: dict[str, dict[str, MissRow]]) -> str:
    """One row per source and class, most missed chrome first."""
    row = "{:<20} {:<17} {:<16} {:>7} {:>8} {:>9} {:>6}"
    out = [row.format("file", "source", "class", "missed", "content", "prec.all", "sites")]
    name = Path(path).name[:20]
    for source in sorted(table):
        for cls, r in sorted(table[source].items(), key=lambda kv: -kv[1].missed):
            out.append(row.format(name, source[:17], cls, r.missed, r.content,
                                  f"{r.precision:.3f}", len(r.sites)))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dq.evaluate.misses FILE...``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m dq.evaluate.misses",
                                     description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.files:
        print(format_misses(path, miss_table(path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
