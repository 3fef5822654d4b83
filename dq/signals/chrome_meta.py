"""Chrome signals for article metadata printed into the text.

Why: photo captions and credits, bylines, datelines and section labels are
not the article body. Human-written article bodies (the ``aeb`` ground
truth) leave them out, and a corpus that keeps them teaches a model that
prose is interrupted by "Photograph: AFP via Getty" and "Updated 3 hours ago".

These signals rely on line *shape* more than on phrases: a credit ends a
line with an agency name, a dateline is made only of date words and numbers,
a byline is "By" plus capitalised names, a caption is the line just above a
stand-alone credit.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals import chrome_edges24 as edges
from dq.signals import chrome_inbody as inbody
from dq.signals._phrases import alternation
from dq.signals.chrome_company import company_section
from dq.signals.chrome_credits import clause_credit, own_credit
from dq.signals.chrome_lines import menu_phrase
from dq.signals.chrome_remnant import as_name, sentence_remnant, stripped_sentence
from dq.signals.chrome_shape import (
    CHARS,
    FROM_END,
    IDX,
    LOW,
    TWO_SENTENCES,
    WORDS,
    S,
    after_first,
    at_edge,
    blank_outside,
    evidence_of,
    f,
    feature,
    flag,
    matches,
    name_like,
    nxt,
    prefix,
    prev,
    record_cum_sum,
    weak,
    whole,
)
from dq.signals.chrome_stamps import (
    BYLINE_WORDS,
    MONTH_CUE,
    date_row,
    date_sequence,
    field_date,
    name_beside_stamp,
    name_date,
)
from dq.signals.frames import Feature

#: Longest caption (words) recognised from its neighbouring credit line.
#: Captions in the tuning half of extracted.jsonl run to 55 words.
CAPTION_WORDS: Final = 60

#: Longest reporting credit ("X contributed reporting from Hong Kong.") taken
#: anywhere in the text; those in the tuning half are at most 11 words.
TAGLINE_WORDS: Final = 16

#: Longest CJK date stamp (characters): "2025年1月14日 01時28分 (1月14日 01時40分更新)"
#: is 35 (a stamp with its update time in parentheses).
CJK_DATE_CHARS: Final = 40

def _dated() -> pl.Expr:
    """Short lines with a date cue (digits, or "ago"): the only lines a dateline test needs."""
    return (WORDS <= BYLINE_WORDS) & (f("digit") | f("ago"))


def date_only() -> pl.Expr:
    """The line is only a date and/or time ("19 NOV 2019", "2 days ago at 07:52 am").

    >>> from dq.signals._demo import flags
    >>> flags(date_only(), ["19 NOV 2019", "Monday November 18, 2019 7:45 am PST", "13:00",
    ...                     "sexta-feira, 22 de outubro de 2010 às 20:13", "Updated an hour ago"])
    [True, True, True, True, False]
    >>> flags(date_only(), ["2019", "May the best team win"])
    [False, False]
    """
    return f("date_only")


def _dateline_label() -> pl.Expr:
    stamped = (WORDS <= BYLINE_WORDS) & (f("digit") | (WORDS <= 3) | f("ago"))
    lead = blank_outside(stamped, LOW).str.strip_chars_start(" |•-–—")
    label = lead.str.contains(prefix("dateline_label") + r"(?:\s*:)?(?:\s|$)") & stamped
    # "25/04/2026 Actualizado a las 15:10h.": a date, then the label.
    dated_label = matches(stamped & f("digit"), LOW,
        r"^[0-9][0-9/.:\- ]{5,20}\s*[|•-]?\s*(?:updated|actualizado|aktualisiert|mis à jour"
        r"|atualizado|aggiornato|oppdatert|uppdaterad)\b")
    piped = flag(LOW.str.contains(
        r"\|\s*(?:updated|published|posted|aktualisiert|actualizado|atualizado|mis à jour)"
        r"\s*:?\s*[0-9a-z]")) & (WORDS <= 20)
    # "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde".
    dashed = matches(stamped & f("digit"), LOW,
        r"[0-9]\s+[-–|•]\s+(?:publicado|posted|published|publié|veröffentlicht|geschrieben|escrito"
        r"|written) (?:por|by|par|von)\b")
    return (flag(label) & ~field_date()) | piped | dashed | dated_label


def byline_opening() -> str:
    """How a byline opens: a byline word (``phrases/byline.txt``), an optional colon, a space.

    The one byline rule of dq: ``byline_dateline`` flags a short line that
    opens so before a name, and ``missing_author`` accepts a text that opens
    so (:func:`dq.signals.attribution.byline_pattern`). White space, not a
    line break (``missing_author`` reads many lines at once).

    >>> import re
    >>> [bool(re.match(byline_opening(), x)) for x in ["By Jane", "Written by: Jo", "Bypass"]]
    [True, True, False]
    """
    return rf"(?i:{alternation('byline')})[^\S\n]*:?[^\S\n]+"


def _byline() -> pl.Expr:
    lead = rf"^{byline_opening()}(?:\p{{Lu}}|@)"
    alone = flag(LOW.str.contains(r"^(?:by|von|par|por|door)$"))
    short = WORDS <= 14
    # "Von München bis Aachen: Im Netz der China-Agenten" is a headline: a
    # colon after the names ("By: Jane Doe" has it before them).
    named = flag(blank_outside(short, S).str.head(48).str.contains(lead) & short) & (
        ~f("sent") | f("digit") | f("at")
    )
    titled = matches(named & S.str.contains(": ", literal=True), S, r"^\S+\s.*\S: ")
    named = named & ~titled
    return alone | named


def _tagline() -> pl.Expr:
    """A reporting credit: "Keith Bradsher contributed reporting.", "Additional reporting by X".

    A short line of this shape is a credit wherever it sits (lines.jsonl
    keeps the page's footer below it); longer ones only on the last lines.
    """
    credit = (
        r"(?:contributed (?:reporting|to this (?:report|story|article))|additional reporting by"
        r"|^reporting by .*editing by|^editing by"
        r"|^(?:write to|e-?mail|contact|schreiben sie an|écrire à|escriba a) .{2,40}"
        r" (?:at|an|à|a) [a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}\.?$)"
    )
    near_end = (FROM_END <= 3) & (WORDS <= 30)
    return matches(near_end | f("tag_stem"), LOW, credit)


def _author_bio() -> pl.Expr:
    """An "About the author" heading and the bio below it.

    Near the end the heading takes every line below it; higher up, after
    the body has begun (a page's footer follows), it takes the next line.
    """
    heading = f("bio_head")
    # Higher up, "About Python" is a topic heading: a person's name has 2+ words.
    below = heading & f("prose_above") & (WORDS >= 3)
    return after_first(heading & (FROM_END <= 6)) | below | flag(prev(below))


def _bio_heading() -> pl.Expr:
    """ "About the author", "Über Moritz Bachmann" on a line of its own (feature ``bio_shape``).

    At most four names follow the heading word: on lines of at most five
    words ``*`` is ``{0,3}``, and compiles much faster.
    """
    return matches(
        (WORDS <= 5) & f("low_stems"), S,
        r"^(?i:about|über|sobre|à propos de|a propos de|acerca de)\s+(?:(?i:the author|the writer"
        r"|me|us|o autor|l'auteur|el autor)|\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*)$")


def _direct() -> pl.Expr:
    """A byline, dateline, stamp or reading time on its own (feature ``direct``)."""
    reading = menu_phrase("reading_time")
    # "2013年04月09日 10:31": a date stamp of Chinese or Japanese sites.
    cjk_date = matches(f("digit") & (CHARS <= CJK_DATE_CHARS), S,
                       r"^(?:[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日(?:\s*[0-9]{1,2}[:時][0-9]{2}分?)?"
                       r"(?:\s*[（(][^()（）]{1,30}[)）])?|[0-9]{1,2}(?:分|時間|日)前)$")
    # "18:25Antony Clements-Thrower": a live blog's entry time glued to its author.
    live = matches(f("digit") & (WORDS <= 5), S,
                   r"^[0-9]{1,2}:[0-9]{2}\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){0,3}$")
    stamp = f("date_only") & ~f("date_row")
    # "By Abraham Riesman" above "Atria. 452 pp. $29.99": a reviewed book's author in its
    # details block (publisher, pages, price; issue 15, first audit), not the byline.
    book = flag(nxt(f("book_detail"))) | flag(nxt(f("book_detail"), 2))
    byline = _byline() & ~book
    return stamp | _dateline_label() | byline | name_date() | reading | cjk_date | live


def _credit() -> pl.Expr:
    """A newsroom credit, broadcast note or author bio: byline phrases that, unlike a byline,
    make no author names of their neighbours ("This segment aired on ..." tops a recipe)."""
    staff = menu_phrase("staff_credit")
    note = matches(WORDS <= 30, f("lead"), prefix("credit_note"))
    # A note that a machine made or translated the text (:mod:`dq.signals.chrome_teasers`).
    return staff | note | _author_bio_line() | f("machine_note")


#: Longest author bio line (words) taken on its phrase: a bio is two or three
#: sentences ("A 38-year industry veteran and award-winning journalist, Lance
#: has covered ..." is 41 words).
BIO_WORDS: Final = 70

#: A bio sits on the last lines of the text, after the article (lines from the end).
BIO_FROM_END: Final = 2


def _author_bio_line() -> pl.Expr:
    """A third-person author bio on the last lines, told by its phrase.

    "Jane Doe is a freelance journalist based in Berlin.", "A 38-year
    industry veteran and award-winning journalist, Lance has covered ...",
    "Max Muster ist Redakteur im Ressort Politik." A name (or a descriptive
    opening ending in ", Name") followed by a journalist's job or beat verb.

    >>> from dq.signals._demo import article_flags
    >>> body = "The storm reached the coast on Monday and cut power to thousands of homes.\\n"
    >>> article_flags(byline_dateline(), body * 3 + "Jane Doe is a freelance journalist based "
    ...               "in Berlin who writes about energy.")
    [False, False, False, True]
    >>> article_flags(byline_dateline(), "Jane Doe is a freelance journalist based in Berlin. "
    ...               "She writes about energy.\\n" + body * 3)
    [False, False, False, False]
    >>> article_flags(byline_dateline(), body * 3 + "Mr Doe is a retired journalist and lives "
    ...               "in Kent with his wife.")
    [False, False, False, False]
    """
    job = (r"(?:journalist|reporter|writer|editor|correspondent|columnist|contributor"
           r"|freelancer|author|photographer|producer|analyst|redakteur(?:in)?|journalistin?"
           r"|korrespondent(?:in)?|autor(?:in)?|journaliste|rédact(?:eur|rice)|periodista"
           r"|redactor(?:a)?|jornalista|giornalista)")
    name = r"\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){0,3}"
    bio = (
        rf"^(?:{name} (?:is|ist|est|es|é|è) (?:an?|the|ein|eine|un|une|una|um|uma) "
        rf"(?:[\p{{L}}-]+,? ){{0,6}}{job}\b|(?:An?|Als) [^.!?]{{3,120}}\b{job},? {name} "
        rf"(?:has|is|was|covers|writes|hat|ist)\b|{name} (?:has (?:covered|written about|"
        rf"reported on)|covers|writes about|reports on|schreibt über|berichtet über)\b)"
    )
    where = (FROM_END <= BIO_FROM_END) & (WORDS <= BIO_WORDS)
    # A subject, not the author: "Mr Smith is a retired journalist ...",
    # "... is a former reporter" (bios use neither honorifics nor "former").
    subject = matches(where, S, r"^(?:Mr|Mrs|Ms|Dr|Prof|Herr|Frau)\.? | (?:former|retired|ex-|late|"
                                r"ehemalige[rn]?|pensionierte[rn]?|ancien(?:ne)?|antigu[oa]) ")
    return matches(where, S, bio) & ~subject


def byline_dateline() -> pl.Expr:
    """Bylines, datelines, "Updated ..." stamps, reading times and the author names beside them.

    >>> from dq.signals._demo import flags
    >>> flags(byline_dateline(), ["By Jane Doe", "Published Monday, November 18, 2019 8:22AM EST",
    ...                           "Updated 3 hours ago", "19 NOV 2019", "• 2 min read",
    ...                           "Chris Davies - Nov 19, 2019, 10:31 pm CST",
    ...                           "Natasha Turak @NatashaTurak", "Von Max Muster",
    ...                           "Monday November 18, 2019 7:45 am PST by Joe Rossignol"])
    [True, True, True, True, True, True, True, True, True]
    >>> flags(byline_dateline(), ["By 2030 the city wants to be carbon neutral.",
    ...                           "Updated guidance was published by the agency in May."])
    [False, False]
    """
    direct = f("direct")
    # A lone "By" names the line below it, not the headline above ("Pre-IPO Betting Boom
    # Hits Prediction Markets" / "By" / "Yueqi Yang": issue 15, audit28).
    bare = direct & (WORDS == 1) & (CHARS <= 4) & ~f("digit")
    near = flag(prev(direct)) | flag(nxt(direct & ~bare))
    # A name beside a stamp, a bio under its heading: context, never a full sentence.
    bio = _author_bio()
    # (:func:`~dq.signals.chrome_stamps.name_beside_stamp`: the same anywhere, alone.)
    named = (name_like(at_edge(8, 3)) & near) | name_beside_stamp()
    # Not a sentence whose letters the source stripped (" 25:25. , . , , , .").
    found = f("bl_phrase") | (f("bio_head") & bio) | weak(named | bio)
    # recall24: a name standing as an attribution, a date-and-minute stamp, a byline by role.
    return (found & ~stripped_sentence(S)) | edges.attribution_name() | edges.time_stamp() \
        | edges.role_byline()


def byline_dateline_evidence() -> pl.Expr:
    """``phrase`` on a byline, stamp, credit or bio heading; ``context`` on lines beside them."""
    return evidence_of((f("bl_phrase") | f("bio_head"), "phrase"), default="context")


#: Words a credit marker regex needs (:func:`_credit_marker`, case-sensitive).
_CREDIT_WORDS: Final = "Credit|Crédit|Photo|Image|Picture|Illustration|Foto|Bild|Quelle"


def _credit_marker() -> pl.Expr:
    """The line starts with, or ends with, a photo-credit marker."""
    starts = flag(f("lead").str.contains(prefix("media_credit")))
    agencies = alternation("photo_agencies")
    # Captions with their credit often run past the short-line limit, so
    # these look at the end of every line ("... (AP Photo/Gene J. Puskar) less").
    toggle = r"(?:\s*(?:less|more|mehr|weniger|plus|moins|más|menos))?"
    # Not after ":": "Source: AFP" is an attribution line, not a photo credit.
    # On the whole line, not ``TAIL``: a pattern anchored only at the end is
    # searched backwards from it, so cutting the tail first only adds a copy
    # (0.025 s -> 0.013 s per 100 MB of lines, Polars 2.1, 2026-11-28; the
    # same wherever the match is shorter than 120 characters).
    agency_end = as_name(S.str.contains(
        rf"(?i)(?:,|\||/| via)\s*{agencies}\s*(?:/\s*{agencies})?\s*\)?{toggle}$"
    ))
    # Literal prefilters (features): each regex below needs ")" or a credit word.
    paren = f("paren")
    in_parens = matches(paren, S, tail=120, pattern=
        # Whole words: "(eEPA)", "(PEPA)" are acronyms, not the EPA agency. The
        # boundaries are spelled out: a Unicode ``\b`` keeps Rust's regex off
        # its fast engine on non-ASCII text (this regex sees every line with ")").
        r"(?i)\((?:[^()]*[^()\p{L}])?(?:photo|image|credit|[a-zäöü]*foto|[a-zäöü]*bild|picture"
        r"|getty|istock|shutterstock|reuters|afp|epa|dpa|alamy|nasa|courtesy)s?"
        rf"(?:[^()\p{{L}}][^()]*)?\)\W*{toggle}$|\([^()]*©[^()]*\)\W*{toggle}$"
    )
    # Read on the ``paren`` lines (a column; ``in_parens`` holds only on them): the same
    # lines, without the credit regex evaluated again for each of the test's four
    # reads of its mask (50 ms -> 32 ms per 45k lines, 2026-12-08).
    in_parens = in_parens & ~inbody.defines_acronym(paren)
    slash_parens = matches(f("paren_slash"), S, tail=120, pattern=
        # The parenthesis closes the line: "... (Republicans/Democrats)." ends a sentence.
        rf"\(\s*\p{{Lu}}[\w.&-]*(?:\s*/\s*\p{{Lu}}[\w.& -]*)+\)\s*{toggle}$"
    )
    slash_parens = slash_parens & ~inbody.defines_acronym(f("paren_slash"))
    # "... via Getty", "... via iFixit" (a capital, maybe after a lower-case prefix).
    via = matches(f("via"), S, tail=120,
                  pattern=r" via \p{Ll}{0,2}\p{Lu}[\w.-]*(?: \p{Lu}[\w.-]*){0,3}$")
    # A caption that ends with its source in parentheses and nothing after:
    # "... on Aug. 31, 2019. (AP)", "... campaign. (onmeth.com)".
    source = matches(paren, S, tail=40,
                     pattern=r"\((?:AP|AFP|AP Photo|[A-Za-z0-9-]+\.(?:com|org|net|gov|edu))\)$")
    word = f("credit_word")
    glued = matches(word, S,
        r"(?:\p{Ll}|[.!?”\"’)])(?:Credit|Photograph|Photo|Image|Picture)(?::|\.\.\.|…)"
    )
    trailing = matches(word, S, tail=120, pattern=
        r"(?:^|\s|[.!?”’)])(?:Photograph|Photos?|Illustration|Image|Picture|Foto|Bild|Credit|"
        r"Crédit|Crédito|Quelle)s?: ?[^.!?]{2,80}\.?$"
    )
    # "Jonathan P. Blair Submitted photo": the credit word after the caption.
    kind = matches(f("end") == "hoto", LOW,
                   r"(?:submitted|contributed|courtesy|file|handout|staff) photo$")
    # "... gefallen. © IMAGO": a caption that ends with its copyright holder.
    # Not a footer ("Copyright © Example Media Ltd", "© 2024 ... All rights reserved").
    footer = matches(f("copy_sign"), S, r"(?i)copyright|rights|rechte|droits|derechos|direitos")
    caption = f("copy_sign") & (WORDS >= 4) & ~f("marked") & ~footer
    # "© ?\p{Lu}[\w.&/ -]{1,40}$" (the holder's name, at most 40 characters after its
    # capital), read as its two branches, each on the last characters a match can
    # span (43 with the space, 42 without): the same lines, and two small regexes
    # to compile, not one with 40 copies of \w (19 ms -> 1 ms per line pass).
    owner = (matches(caption, S, tail=43, pattern=r"© \p{Lu}[\w.&/ -]+$")
             | matches(caption, S, tail=42, pattern=r"©\p{Lu}[\w.&/ -]+$"))
    # (An embedded post's signature, "— Name (@handle) March 24, 2023", is left:
    # the labelled sources disagree on it, and a quoted post is the article's.)
    # A photo agency alone on its line ("AP", "Reuters") inside the text is the
    # credit of the picture above; on the last lines it is the article's
    # source, which the attribution family reports (``dangling_source``).
    alone = matches((WORDS <= 4) & (CHARS <= 40) & (FROM_END >= 3), f("core"),
                    whole("photo_agencies"))
    return (starts | agency_end | in_parens | slash_parens | via | source | glued | trailing
            | kind | owner | alone | f("own_credit"))


def media_credit() -> pl.Expr:
    """Photo captions and credits: "Photo: AP", "(Image: GETTY)", "Name | Bloomberg | Getty Images".

    A line just above a short stand-alone credit is its caption when it is a
    single sentence of at most :data:`CAPTION_WORDS` words; the line after
    an "Image 2 of 5" counter or a bare "Photo:" is a caption or credit too.

    >>> from dq.signals._demo import flags
    >>> flags(media_credit(), ["Photo credit: Jane Doe", "Credit: EPA", "Image: Reuters",
    ...                        "Photograph: AFP via Getty", "Protesters march (Image: GETTY)",
    ...                        "Natalie Naccache | Bloomberg | Getty Images", "Image 2 of 5",
    ...                        "Michael Conroy, AP", "The map of Titan. (NASA/JPL-Caltech/ASU)"])
    [True, True, True, True, True, True, True, True, True]
    >>> flags(media_credit(), ["The photo was taken in 1969 by an unknown soldier.",
    ...                        "WASHINGTON (AP) — The Senate voted on Tuesday.", "Bože, pa"])
    [False, False, False]
    """
    bare = f("bare")
    # The caption above a credit, the line after a bare "Photo:": context.
    # An embedded post ("... pic.twitter.com/... — Name (@handle) July 6, 2022") is quoted.
    phrase = f("mc_phrase") & ~f("post_sig")
    # recall24: a caption closed by its credit, a graphic's "Source:" line.
    return phrase | weak(f("caption") | (flag(prev(bare)) & (WORDS <= 8))) \
        | edges.caption_credit() | edges.source_line()


def media_credit_evidence() -> pl.Expr:
    """``phrase`` on a credit, counter or bare credit word; ``context`` on a caption beside one."""
    return evidence_of((f("mc_phrase"), "phrase"), default="context")


def _caption() -> pl.Expr:
    """The line just above a short stand-alone credit, or after an "Image 2 of 5" counter."""
    marker = f("marker")
    standalone = marker & (WORDS.is_between(2, 8)) & ~f("own_credit") & ~f("clause_credit")
    one_sentence = ~f("two_sentences") & (WORDS <= CAPTION_WORDS)
    # A credit on the last lines is often a note for the whole article
    # ("Main image credit: Getty"), so the line above it is not a caption.
    above_credit = flag(nxt(standalone)) & (FROM_END >= 2)
    # A byline or stamp above a credit is that, not the photo's caption; a
    # question is a subhead the picture follows ("What happens to pets?" /
    # "Image copyright PA"; issue 15, audit21): a caption says what is shown.
    question = flag(S.str.contains(r"\?[\"'”’»)]*$"))
    return (one_sentence & (above_credit | flag(prev(f("counter")))) & ~marker & ~f("direct")
            & ~question)


def _media_counter() -> pl.Expr:
    return flag(LOW.str.contains(
        r"^(?:(?:image|photo|picture|slide|bild|foto|imagen|imagem)\s*)?[0-9]+\s*(?:of|von|de|sur"
        r"|/)\s*[0-9]+$"
    ))


def _bare_credit() -> pl.Expr:
    # Not " Bild , , , - .": a sentence about Bild whose letters the source stripped.
    # (The remnant test on the bare credit lines alone: the same lines, one regex less per line.)
    bare = flag(f("core").str.contains(r"^(?:photo|image|foto|bild|credit|crédit|crédito|фото)s?$"))
    return bare & ~sentence_remnant(S, within=bare)


def category_label() -> pl.Expr:
    """A lone section label ("Business", "World") above the headline at the top of the text.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(category_label(), "Business\\nRussia accuses old ally of trying to break "
    ...               "off relations\\nRussia's foreign minister has accused Armenia of lying.")
    [True, False, False]
    >>> article_flags(category_label(), "Brexit\\nThe vote was held in 2016, and the result "
    ...               "surprised many people in the country and abroad.")
    [False, False]
    """
    lab, hd = f("cat_label"), f("cat_head")
    # Above the headline nothing is written yet: a label under a sentence is
    # a heading or list item in the body ("Crew Member of the Year" / "Sarah Penrose").
    # (Chrome sentences above, a licence nag or cookie banner, do not count.)
    t = (f("texty") & ~f("claimed") & ~f("stems")).cast(pl.UInt32)
    first_words = (record_cum_sum(t) - t) == 0
    return (IDX <= 2) & lab & first_words & (flag(nxt(hd)) | (flag(nxt(lab)) & flag(nxt(hd, 2))))


#: Features of the metadata signals; ``date_cue`` and ``date_only`` are read
#: by :mod:`dq.signals.chrome_blocks` too.
FEATURES: tuple[Feature, ...] = (
    feature("ago", lambda: flag(LOW.str.contains("ago", literal=True))),
    feature("at", lambda: S.str.contains("@", literal=True)),
    feature("dated", _dated),
    feature("date_cue", lambda: matches(f("dated"), LOW, MONTH_CUE)),
    feature("date_only",
            lambda: matches(f("dated") & f("date_cue"), LOW, "^" + date_sequence() + "$")),
    feature("date_row", date_row),
    # A book's publisher, pages and price ("Atria. 452 pp. $29.99", "320 pages, £20").
    feature("book_detail", inbody.book_detail),
    feature("cited_link", inbody.cited_link),
    feature("direct", _direct),
    feature("two_sentences",
            lambda: flag(pl.when(WORDS <= CAPTION_WORDS).then(S).str.contains(TWO_SENTENCES))),
    feature("paren", lambda: S.str.contains(")", literal=True)),
    feature("paren_slash", lambda: f("paren") & S.str.contains("/", literal=True)),
    # Not a full sentence: "..., men via Qatar." is prose, not "via Getty".
    feature("via", lambda: (WORDS <= 12) & S.str.contains(" via ", literal=True)
            & ~f("sentence")),
    feature("credit_word", lambda: S.str.contains(_CREDIT_WORDS)),
    feature("copy_sign", lambda: S.str.contains("©", literal=True)),
    feature("own_credit", own_credit),
    feature("clause_credit", clause_credit),
    # ``credit_tail``: :func:`dq.signals.chrome_teasers.credit_tail` (a caption's own credit).
    feature("marker", lambda: (_credit_marker() | f("credit_tail"))
            & (WORDS <= CAPTION_WORDS + 10) & ~f("wrapped_tail")),
    feature("counter", _media_counter),
    feature("bare", _bare_credit),
    feature("bio_shape", _bio_heading),
    # Not a release's company section ("About Aemetis" over its description; issue 15).
    feature("org_about", company_section),
    feature("bio_head", lambda: f("bio_shape") & ~f("org_about")),
    # Each reporting credit of :func:`_tagline` holds one of these stems.
    feature("tag_stem", lambda: (WORDS <= TAGLINE_WORDS) & (f("low_stems") | f("at"))),
    feature("caption", _caption),
    feature("mc_phrase", lambda: f("marker") | f("counter") | f("bare")),
    feature("bl_phrase", lambda: f("direct") | _tagline() | _credit()),
    feature("cat_candidate", inbody.category_candidate),
    feature("cat_label", lambda: f("cat_candidate") & ~f("claimed")),
    feature("cat_head", lambda: inbody.category_head() & ~f("cat_candidate")),
)
