"""Chrome: site furniture that scrapers leave in the article text.

Why it matters: chrome lines ("Back to top", licence nags, share bars,
captions, bylines, comment sections) are not the author's words; in a
pre-training corpus they repeat across millions of documents and teach a
model that articles end with "Back to top button".

Each signal is a Boolean expression over the lines frame
(:mod:`dq.signals.frames`) and the family's feature columns
(:data:`FEATURES`: shape, phrase and run facts that several signals share,
computed once per run), built from a phrase list in ``phrases/`` plus line
shape and position, so an article *about* licences, cookies or newsletters
is not flagged. The expressions live in three modules (shared shape
features in :mod:`dq.signals.chrome_shape`):

- :mod:`dq.signals.chrome_lines`: one line on its own (UI labels, prompts, footers);
- :mod:`dq.signals.chrome_meta`: captions, credits, bylines, datelines, section labels;
- :mod:`dq.signals.chrome_blocks`: related lists, comment sections, navigation runs;
- :mod:`dq.signals.linemodel`: what the rules above leave, by a small learned
  model of line shape (``chrome_line``), trained and measured leave-one-site-out.

A chrome line gets one code: the signals that judge position and runs
(navigation, related lists, section labels) leave lines that a phrase
signal reports to that signal (:func:`dq.signals.chrome_lines.claimed`).

Accuracy on labelled pages is measured by :mod:`dq.evaluate.chrome` and
gated by ``tests/test_eval_gate_chrome.py``.
"""

from __future__ import annotations

from dq.signals import (
    boilerplate,
    chrome_blocks,
    chrome_caption28,
    chrome_edges24,
    chrome_fields,
    chrome_legal,
    chrome_lines,
    chrome_links28,
    chrome_meta,
    chrome_midsentence,
    chrome_ownhead,
    chrome_pages,
    chrome_remnant,
    chrome_rows,
    chrome_shape,
    chrome_stamped,
    chrome_teasers,
    linemodel,
)
from dq.signals.base import Signal
from dq.signals.chrome_blocks import comment_block, navigation, read_more
from dq.signals.chrome_fields import (
    outside_clause_items,
    outside_fields,
    outside_numbered_items,
    outside_tips,
)
from dq.signals.chrome_inbody import url_line_evidence
from dq.signals.chrome_lines import (
    ad_label,
    back_to_top,
    comment_prompt,
    cookie_notice,
    copyright_footer,
    licence_nag,
    newsletter_prompt,
    share_prompt,
    social_counts,
    url_line,
)
from dq.signals.chrome_meta import byline_dateline, category_label, media_credit
from dq.signals.chrome_midsentence import outside_sentence_pieces
from dq.signals.chrome_named import outside_named
from dq.signals.chrome_pages import outside_page_numbers
from dq.signals.chrome_remnant import (
    outside_link_splits,
    outside_remnants,
    outside_wrapped_tails,
)
from dq.signals.chrome_table25 import outside_wrapped
from dq.signals.frames import Feature

__all__ = [
    "FEATURES",
    "SIGNALS",
    "ad_label",
    "back_to_top",
    "byline_dateline",
    "category_label",
    "comment_block",
    "comment_prompt",
    "cookie_notice",
    "copyright_footer",
    "licence_nag",
    "media_credit",
    "navigation",
    "newsletter_prompt",
    "read_more",
    "share_prompt",
    "social_counts",
    "url_line",
]

#: The family's feature columns (see :mod:`dq.signals.frames`), in dependency
#: order: shape first, then each module's own. :func:`dq.detect.detect` adds
#: them to the lines frame before the signals; Polars drops those no selected
#: signal reads.
FEATURES: tuple[Feature, ...] = (
    *chrome_shape.FEATURES,
    *chrome_remnant.FEATURES,
    *chrome_midsentence.FEATURES,
    *chrome_pages.FEATURES,
    *chrome_rows.FEATURES,
    *chrome_lines.FEATURES,
    *chrome_fields.FEATURES,
    *chrome_legal.FEATURES,
    *chrome_meta.FEATURES,
    *chrome_caption28.FEATURES,
    *chrome_teasers.FEATURES,
    *chrome_blocks.FEATURES,
    *chrome_links28.FEATURES,
    *chrome_stamped.FEATURES,
    *chrome_ownhead.FEATURES,
    *linemodel.FEATURES,
)

SIGNALS: tuple[Signal, ...] = (
    Signal(
        "licence_nag", "chrome", "line",
        "WordPress theme/plugin licence or activation nag printed into the page",
        severity="error", expr=licence_nag,
    ),
    Signal(
        "back_to_top", "chrome", "line",
        "A 'Back to top' link line",
        severity="error", expr=back_to_top,
    ),
    Signal(
        "share_prompt", "chrome", "line",
        "A share/print/e-mail button line or a bar of social network names",
        expr=outside_sentence_pieces(outside_remnants(share_prompt)),
    ),
    Signal(
        "cookie_notice", "chrome", "line",
        "A cookie-consent banner line or control at the edge of the text",
        expr=cookie_notice,
        evidence="context",
        evidence_of=chrome_lines.cookie_notice_evidence,
    ),
    Signal(
        "newsletter_prompt", "chrome", "line",
        "A newsletter or subscription prompt",
        expr=outside_tips(newsletter_prompt),
        evidence="context",
        evidence_of=chrome_lines.newsletter_prompt_evidence,
    ),
    Signal(
        "ad_label", "chrome", "line",
        "An advertising label on a line of its own ('Advertisement', 'Anzeige')",
        expr=ad_label,
    ),
    Signal(
        "read_more", "chrome", "line",
        "A link to other stories ('Read more: ...') or a related-stories list",
        expr=chrome_links28.read_more_or_link,
        evidence="shape",
        evidence_of=chrome_links28.read_more_or_link_evidence,
    ),
    Signal(
        "comment_prompt", "chrome", "line",
        "Comment-form text or a per-comment control ('Leave a comment', 'Reply')",
        expr=comment_prompt,
    ),
    Signal(
        "copyright_footer", "chrome", "line",
        "A copyright / 'All rights reserved' footer",
        expr=copyright_footer,
    ),
    Signal(
        "media_credit", "chrome", "line",
        "A photo caption or credit line ('Photo: AP', '(Image: GETTY)')",
        expr=outside_fields(chrome_caption28.media_credit_or_caption),
        evidence="context",
        evidence_of=chrome_caption28.media_credit_or_caption_evidence,
    ),
    Signal(
        "byline_dateline", "chrome", "line",
        "A byline, dateline, update stamp or reading time",
        expr=outside_clause_items(outside_wrapped_tails(outside_remnants(outside_wrapped(
            byline_dateline)))),
        evidence="context",
        evidence_of=chrome_meta.byline_dateline_evidence,
    ),
    Signal(
        "site_notice", "chrome", "line",
        "A notice of the site around the article: a support or app prompt, a browser warning, "
        "a login wall, a sign-up consent box, a disclaimer",
        expr=chrome_edges24.site_notice,
    ),
    Signal(
        "comment_block", "chrome", "line",
        "A comment section: its heading and the comments after it",
        expr=outside_link_splits(comment_block),
        evidence="context",
        evidence_of=chrome_blocks.comment_block_evidence,
    ),
    Signal(
        "social_counts", "chrome", "line",
        "Follower/like/share counters",
        expr=outside_page_numbers(outside_remnants(social_counts)),
        evidence="context",
        evidence_of=chrome_lines.social_counts_evidence,
    ),
    Signal(
        "url_line", "chrome", "line",
        "A line that is only a URL or bare domain",
        expr=outside_numbered_items(outside_sentence_pieces(outside_wrapped_tails(url_line))),
        evidence="context", evidence_of=url_line_evidence,
    ),
    Signal(
        "category_label", "chrome", "line",
        "A lone section label above the headline",
        expr=outside_remnants(category_label),
        evidence="shape",
    ),
    Signal(
        "navigation", "chrome", "line",
        "A run of menu-like lines (nav bar, breadcrumbs, tags) outside the body",
        expr=chrome_links28.navigation_or_glued_menu,
        evidence="shape",
        evidence_of=chrome_blocks.navigation_evidence,
    ),
    Signal(
        "chrome_line", "chrome", "line",
        "A short line the learned line model scores as chrome (teaser, caption, byline, "
        "date, link list); never a full sentence",
        expr=outside_wrapped_tails(outside_remnants(outside_named(
            outside_link_splits(chrome_rows.outside_rows(linemodel.chrome_line))))),
        evidence="context",
    ),
    *boilerplate.SIGNALS,
)
