"""Cleaners that explain themselves: every edit names its reason code, line and span.

Why: a cleaned corpus is only trustworthy when each change can be reviewed
and replayed. dq's cleaners apply the fixes its own detectors propose, so
what ``dq scan`` reports is exactly what ``dq clean`` changes.

Order (a fix of an earlier stage wins when two touch the same characters):

1. drop chrome lines (every ``chrome`` code) and a ``dangling_source`` line,
   with the blank lines that only separated them;
2. repair ``mojibake`` with ``ftfy.fix_encoding``;
3. remove ``html_residue``;
4. fix spacing: ``glued_words``, ``space_before_punct``,
   ``missing_space_after_punct``, ``repeated_spaces``.

Then the detectors run again on what changed, until nothing fixable is left
(a fixed point: cleaning twice changes nothing). A record is never cleaned to
nothing: when no word would be left, it is kept as it was and flagged
(``dq_cleaned_empty``; :mod:`dq.clean._keep`).

>>> from dq.clean import apply_plan, clean_and_explain
>>> text = "Back to top\\nThe mayor resigned, he said ."
>>> cleaned = clean_and_explain(text)
>>> cleaned.text
'The mayor resigned, he said.'
>>> apply_plan(text, cleaned.steps) == cleaned.text
True
"""

from dq.clean._engine import (
    MAX_ROUNDS,
    CleanedFrame,
    clean,
    clean_and_explain,
    clean_frame,
    clean_record,
)
from dq.clean._stages import STAGES, fixable_codes
from dq.clean._steps import Cleaned, Step, apply_plan
from dq.clean.cleaners import (
    cleaner_for,
    cleaners,
    drop_chrome_lines,
    drop_dangling_source,
    fix_missing_space_after_punct,
    fix_mojibake,
    fix_repeated_spaces,
    fix_space_before_punct,
    move_dangling_source,
    remove_html_residue,
    split_glued_words,
)

__all__ = [
    "MAX_ROUNDS",
    "STAGES",
    "Cleaned",
    "CleanedFrame",
    "Step",
    "apply_plan",
    "clean",
    "clean_and_explain",
    "clean_frame",
    "clean_record",
    "cleaner_for",
    "cleaners",
    "drop_chrome_lines",
    "drop_dangling_source",
    "fix_missing_space_after_punct",
    "fix_mojibake",
    "fix_repeated_spaces",
    "fix_space_before_punct",
    "fixable_codes",
    "move_dangling_source",
    "remove_html_residue",
    "split_glued_words",
]
