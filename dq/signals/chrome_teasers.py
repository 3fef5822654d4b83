"""Teasers of other articles and captions that carry their own credit (issue 15, chrome21).

Why: on pages of publishers dq was never tuned on, the chrome that
extractors keep is mostly other articles' teasers and the captions of the
article's pictures. Two shapes of them say what they are on their own:

- a *kicker run*: three or more consecutive lines "Kicker: Headline"
  ("Archäologie: Bemerkenswerte Funde 2024", "- Demenz: Ab wann
  Gedächtnislücken besorgniserregend sind"), each under its own topic word
  and none introducing a paragraph. A subhead introduces prose; a list in
  the text repeats its label ("We like: ..." / "We don't like: ...",
  "Path B: ..." / "Path C: ..."), lists items with commas, or starts its
  items in lower case. Reported by ``read_more`` (evidence ``shape``).
- a *credit tail*: a caption whose last words are its picture's credit,
  after the caption's own sentence end or glued to it ("... verarbeiten.
  Bildrechte: MDR/David Straub", "... GIVENCHY.Foto: Nikolai von Bismarck.
  Styling: ...", "... kommen.Unsplash/Kelly Sikkema", "... Maya. © AFP |
  HANDOUT"). Reported by ``media_credit`` (evidence ``phrase``: the credit
  label or agency is an explicit marker).

Both were found reading the false negatives of leave-one-site-out on the
Fundus and aeb pages of ``../shared/eval/dev`` (2026-12-07), and argued from
the line, not from a site: see ``changelog.d/chrome21.md`` for the counts.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from dq.signals._phrases import alternation
from dq.signals.chrome_fields import FIELD_LABEL
from dq.signals.chrome_shape import (
    BULLETED,
    CHARS,
    WORDS,
    S,
    blank_outside,
    f,
    feature,
    flag,
    from_run_end,
    from_run_start,
    nxt,
    prev,
    run_edges,
    run_length,
    run_sum,
)
from dq.signals.chrome_stamps import stamp_name, stamp_name_beside
from dq.signals.frames import Feature, only

__all__ = [
    "ALSO_WORDS",
    "FEATURES",
    "INTRO_WORDS",
    "KICKER_RUN",
    "also_headline",
    "body_list",
    "bracket_credit",
    "credit_tail",
    "kicker_line",
    "kicker_run",
    "machine_note",
    "more_tail",
]

#: Shortest run of "Kicker: Headline" lines read as teasers. Two such lines
#: are as often a pair of subheads or a two-line spec; at 3 the dev pages
#: (extracted.jsonl, leave-one-site-out) gained 53 chrome lines on Fundus
#: sites and no content line anywhere (2026-12-07; at 2: +63 chrome, and
#: two credits of a photo shoot on a Fundus page that the labels call content).
KICKER_RUN: Final = 3

#: Most words of a kicker (the topic label before the colon): a kicker is a
#: topic ("Demenz", "Länger leben", "Karriere Ratgeber"), not a clause.
KICKER_WORDS: Final = 4

#: Words of a kicker line: a headline after a one- to four-word kicker
#: (at least 3 words after it); longer lines are prose with a colon.
KICKER_LINE_WORDS: Final = (4, 22)

#: A line that is "Kicker: Headline": an optional bullet, a capitalised
#: kicker of at most :data:`KICKER_WORDS` words without digits or sentence
#: marks, ": ", then a headline of 3+ words that starts with a capital, a
#: digit or a quote.
_KICKER: Final = (
    r"^(?:[-•*·–]\s+)?[\"„“‘«»]?\p{Lu}[^\s:.!?0-9]*(?:\s[^\s:.!?0-9]+){0,"
    + str(KICKER_WORDS - 1)
    + r"}:\s+[\"„“‘«»]?[\p{Lu}0-9]\S*(?:\s+\S+){2,}$"
)

#: A price or an amount in the line ("US $ 100,00 / Woche"): a price list, not a teaser.
_PRICE: Final = r"[$€£¥]|[0-9][.,][0-9]{2}\b"

#: Fewest words of a line ending in ":" that introduces a list of the body ("The
#: new Apple Watch app introduces several powerful capabilities:"); a bare label
#: ("Specs:", "Event Details:") may head a product box, chrome on the dev pages.
INTRO_WORDS: Final = 5


def kicker_line() -> pl.Expr:
    """A line "Kicker: Headline" that does not introduce a paragraph (feature ``kicker``).

    Not a sentence, not the head of a list (":" at its end), not a list of
    items (``enum``), no price; the next line is no full sentence (a subhead
    "Experten: Kostenübernahme mitunter sinnvoll" is followed by its text).

    >>> from dq.signals._demo import article_flags
    >>> article_flags(kicker_line(), "Demenz: Ab wann Gedächtnislücken besorgniserregend sind\\n"
    ...               "Grillen: Veggie-Wurst und Co. deutlich teurer als Fleisch\\n"
    ...               "We like: the low energy consumption\\n"
    ...               "Experten: Kostenübernahme mitunter durchaus sinnvoll\\n"
    ...               "Die Kassen zahlen das Medikament nur in wenigen Fällen, sagen Experten.")
    [True, True, False, False, False]
    >>> article_flags(kicker_line(), "* Date: Thursday, March 26, 2026\\n"
    ...               "* Location: Lobby of the Swissôtel, Lima, Peru")
    [False, False]
    """
    m = f("kicker_cand")
    s = S.filter(m)
    shaped = s.str.contains(_KICKER) & ~s.str.contains(_PRICE) & ~s.str.contains(FIELD_LABEL)
    intro = flag(nxt(f("sentence")))
    return flag(only(m, shaped, pl.Boolean)) & ~intro


def _kicker_candidate() -> pl.Expr:
    """Lines :func:`kicker_line` tests (feature ``kicker_cand``): the right length, ": "
    inside, no sentence or list end, not a list of items."""
    lo, hi = KICKER_LINE_WORDS
    return (WORDS.is_between(lo, hi) & (CHARS <= 200) & S.str.contains(": ", literal=True)
            & ~f("stop") & ~f("open") & ~f("enum"))


def _kicker_key() -> pl.Expr:
    """The kicker's first word, lower-cased, on kicker lines (null elsewhere)."""
    # On kicker lines only: the other rows are blanked (no copy of every line).
    lead = blank_outside(f("kicker"), S)
    key = lead.str.extract(r"^(?:[-•*·–]\s+)?[\"„“‘«»]?([^\s:]+)", 1).str.to_lowercase()
    return pl.when(f("kicker")).then(key)


def kicker_run() -> pl.Expr:
    """Lines of a run of :data:`KICKER_RUN`+ kicker lines, no kicker repeated next to itself.

    A list in the text repeats its label on every item ("We like:" /
    "We don't like:"; "Path B:" / "Path C:"); teasers each carry their own topic.

    >>> from dq.signals._demo import article_flags
    >>> article_flags(kicker_run(), "The article ends here with a full sentence of text.\\n"
    ...               "- Hormone: Wechseljahre mit 27: Die ersten Anzeichen der Menopause\\n"
    ...               "- Demenz: Ab wann Gedächtnislücken besorgniserregend sind\\n"
    ...               "- Länger leben: Häufige Fehler beim Atmen – Was dagegen hilft")
    [False, True, True, True]
    >>> article_flags(kicker_run(), "Path A: Iceland, Bulgaria and Hungary\\n"
    ...               "Path B: Bosnia and Herzegovina and Slovakia\\n"
    ...               "Path C: Scotland and Norway and Serbia")
    [False, False, False]
    """
    member = f("kicker")
    first, last = run_edges(member)
    key = f("kicker_key")
    repeated = flag(member & ~first & (key == prev(key))).cast(pl.Int32)
    return (
        member
        & (run_length(first, last) >= KICKER_RUN)
        & (run_sum(repeated, first, last) == 0)
        & ~body_list(first, last)
    )


def body_list(first: pl.Expr, last: pl.Expr) -> pl.Expr:
    """A run (``first``/``last`` its edges) that is part of a bulleted list of the body.

    Teasers come after the body or in a box inside it: prose above them, a
    heading, another box or the end of the text below. A list of the text sits
    between its own parts: a sentence introducing it ("... several powerful
    capabilities:") or a paragraph above, a paragraph below, or more items of
    the same list ("* Multi-Language Support: Available in 40+ languages, ...")
    that are no "Kicker: Headline" (tenth audit, issue 15: a press release's
    feature bullets read as teasers).

    >>> from dq.signals._demo import article_flags
    >>> items = ("* Heart Rate Bands: Gain a window into your nervous system\\n"
    ...          "* Smart Stack Widgets: View heart rate bands at a glance\\n"
    ...          "* Daily Streaks: Track your consistency and improvement\\n")
    >>> para = "The app is available today in the store for every watch owner.\\n"
    >>> article_flags(kicker_run(), "The new watch app introduces several capabilities:\\n"
    ...               + items + para)
    [False, False, False, False, False]
    >>> article_flags(kicker_run(), para + items + "Heute im Ressort")
    [False, True, True, True, False]
    """
    item = S.str.contains(BULLETED) & ~f("kicker")
    above = f("prose") | (f("colon") & (WORDS >= INTRO_WORDS)) | item
    below = f("prose") | item
    return from_run_start(flag(prev(above)), first) & from_run_end(flag(nxt(below)), last)


#: Labels of a picture credit that are nothing else ("Bildrechte: ...").
_CREDIT_LABELS: Final = (
    r"(?:Bildrechte|Bildnachweis|Fotonachweis|Bildquelle|Fotoquelle|Foto\(s\)|Fotos?|Bild"
    r"|Photos?|Photograph|Image|Credit|Crédit(?: photo)?|Crédito|Fotografía|Fotografia)"
)

#: Most words of a caption with its credit: a caption is a sentence or two
#: (this also bounds the credit: no counted repeats in the regexes, which
#: compile slowly over Unicode classes).
#: The longest such caption on the dev pages had 25 words (2026-12-07); a
#: 67-word paragraph of trafilatura_eval (bmjv.de) ends in a glued "Foto:
#: photocase.de" and is content by the majority of its words.
CREDIT_CAPTION_WORDS: Final = 40


def _credit_candidate() -> pl.Expr:
    """Lines :func:`credit_tail` tests (feature ``credit_cand``, computed once).

    A credit word, a ©, "/via ", or (an ASCII test, no Unicode class) a
    sentence mark then a capital starting the line's last words. Every regex
    of :func:`credit_tail` runs on these rows only (``only``: the other lines
    are not copied); as a feature column the mask is computed once, not once
    per use (0.6 -> 0.2 s CPU per 330k lines, 2026-12-07).
    """
    near_end = S.str.contains(r"[.!?(][A-Z][^.!?()]*\)?$")
    return f("credit_word") | f("copy_sign") | near_end | S.str.contains("/via ", literal=True)


def credit_tail() -> pl.Expr:
    """A caption that ends with its picture's credit (feature ``credit_tail``).

    The credit follows the caption's sentence end (or is glued to it):
    a credit label ("Bildrechte:", "Foto:"), a © with its holder, or a photo
    agency glued to the last word. "Das Foto: Es zeigt ..." (no sentence end
    before the label) and footers ("© 2024 Example Media. All rights
    reserved") are not credits.

    >>> from dq.signals._demo import flags
    >>> flags(credit_tail(), [
    ...     "Viele Hände arbeiten in der Halle. Bildrechte: MDR/David Straub",
    ...     "Grauer Blazer, beides von GIVENCHY.Foto: Nikolai von Bismarck. Styling: Kate Phelan",
    ...     "Die Figuren gelten als Ur-Eltern der Maya. © AFP | HANDOUT",
    ...     "Viel Ruhe hilft, wieder zu Kräften zu kommen.Unsplash/Kelly Sikkema",
    ...     "Tariffs will apply to exports starting on March 12. (Unsplash)"])
    [True, True, True, True, True]
    >>> flags(credit_tail(), ["Das Foto: Es zeigt den Präsidenten beim Besuch.",
    ...                       "Launched in 2019. © 2024 Example Media Ltd. All rights reserved",
    ...                       "Protests grew after the ruling.Reuters reported it first."])
    [False, False, False]
    """
    end = r"[.!?”“\"’»)]"
    agencies = alternation("photo_agencies")
    m = f("credit_cand")
    s = S.filter(m)
    # Anchored at the line end: the regex engine searches backwards from it.
    labelled = f("credit_word").filter(m) & s.str.contains(
        rf"(?:{end}\s?|\p{{Lu}}){_CREDIT_LABELS}\s*:\s*[^!?][^!?]+$")
    footer = s.str.contains(r"(?i)copyright|rights|rechte|droits|derechos|direitos")
    owner = f("copy_sign").filter(m) & ~footer & s.str.contains(
        rf"{end}\s+© ?[\p{{L}}0-9][\w.&/|, -]+$")
    # "... in Washington DC Stefan Rousseau/via Reuters": photographer, "/via", agency.
    via = s.str.contains(rf"\p{{L}}/\s?via (?i:{agencies})$")
    # Glued to the sentence end: no space between the caption and its credit
    # (a scraper joined two elements), or the agency alone in parentheses.
    glued = s.str.contains(
        rf"[.!?](?i:{agencies})(?:\s*/\s*\p{{Lu}}[\p{{L}} .&'’-]+)?$")
    parens = s.str.contains(rf"\((?i:{agencies})\)$")
    # The agency is written as a name (capitalised): "source.ap" is no credit.
    capital = s.str.contains(r"[.!?(]\p{Lu}[^.!?()]*\)?$")
    value = labelled | owner | via | ((glued | parens) & capital)
    caption = WORDS.is_between(4, CREDIT_CAPTION_WORDS)
    return flag(only(m, value, pl.Boolean)) & caption


#: A picture's credit in brackets at the end of its caption, labelled in Korean,
#: Japanese or Chinese: "[자료: 연합뉴스]", "[사진: X]", "（写真：X）", "（图：X）".
#: audit23's boannews.com captions ("▲SKT 매장 [자료:연합뉴스]": 294 lines in 320
#: records; 7 flagged) had no credit marker dq knew. Not after a sentence end:
#: a sentence that names its data source ("... 증가했다. [자료: 통계청]") may be the
#: text's (58 such lines, captions too by their "하고 있다" but left to the reader).
#: No other line of four outside audits or the dev pages matched (2026-12-07).
BRACKET_CREDIT: Final = (
    r"(?:^|[^.!?。\s]\s*)[\[(（【]\s*(?:자료|사진|출처|그래픽|写真|画像|出典|图片|图|来源|摄影)"
    r"\s*[:：]\s*[^\])）】]{1,40}[\])）】]\s*$"
)


def bracket_credit() -> pl.Expr:
    """A caption that ends with its credit in brackets, labelled in Korean, Japanese or
    Chinese (:data:`BRACKET_CREDIT`).

    >>> from dq.signals._demo import flags
    >>> flags(bracket_credit(), ["▲SKT 매장 [자료:연합뉴스]",
    ...                          "홈페이지 개인정보차단 솔루션 [자료: 엘세븐]",
    ...                          "東京駅の様子（写真：共同）", "가입자는 늘었다. [자료: 통계청]",
    ...                          "See the chart [data: World Bank]"])
    [True, True, True, False, False]
    """
    return flag(S.str.contains(BRACKET_CREDIT)) & (WORDS <= CREDIT_CAPTION_WORDS)


#: The link word of a truncated teaser, after its last sentence ("... mehr").
_MORE_LINK: Final = (
    r"(?i:more|read more|mehr|mehr lesen|weiterlesen|weiter lesen|lire la suite|lire plus"
    r"|leer más|seguir leyendo|leia mais|continue lendo|lees meer|meer|les mer|läs mer"
    r"|læs mere|continua a leggere|leggi tutto|devamını oku|devamı)"
)


def more_tail() -> pl.Expr:
    """A teaser's lede cut short with a link to the story: "... überfordert. mehr" (``read_more``).

    Text cut short (an ellipsis) and a "more" link word, with nothing after
    but an arrow, is another article's teaser; so is a sentence and the link
    word under a line that is not a paragraph (the teaser's headline). Phrase
    evidence (the link word); the line above only rules lines out.

    >>> from dq.signals._demo import flags
    >>> flags(more_tail(), ["Zuletzt hieß es oft, sie sei überfordert. mehr",
    ...                     "Esper is on a visit to Vietnam to strengthen the military ... more",
    ...                     "Congress alliance with Shiv Sena: Reports - Read More »»",
    ...                     "wenn Motoren aufheulen.MEHR"])
    [True, True, True, True]
    >>> flags(more_tail(), ["We want more.", "He asked for more", "Sie wollte immer mehr"])
    [False, False, False]
    >>> from dq.signals._demo import article_flags
    >>> article_flags(more_tail(),
    ...               "Britain announced sanctions on three billionaires with close ties to him.\\n"
    ...               "The EU agreed to cut Russia out of its debt markets. read more")
    [False, False]
    """
    link = rf"\s*{_MORE_LINK}\s*[»›→>]*$"
    # Cut short: an ellipsis or a dash before the link word.
    # Anchored at the end: searched backwards from it, cheap on every line.
    cut = S.str.contains(rf"(?:\.\.\.|…|\s[-–—]){link}") & (WORDS >= 3)
    # After a whole sentence, a "read more" may be the inline link of one of
    # the article's own paragraphs (Reuters: "... debt markets. read more",
    # outside audit prec15 record ng_0698): a teaser's lede sits under its
    # headline, not under a paragraph.
    after_sentence = S.str.contains(rf"[.!?”“\"]{link}") & (WORDS >= 3)
    return cut | (after_sentence & ~flag(prev(f("prose"))))


#: "Read also" labels in many languages (the multi-word forms only: "more",
#: "see also" and "watch" open ordinary lines too).
_ALSO_LABELS: Final = (
    r"read also|also read|lesen sie auch|lies auch|auch lesen|à lire aussi|a lire aussi"
    r"|lire aussi|lee también|leia também|veja também|les også|læs også|läs också|lees ook"
    r"|leggi anche|baca juga|czytaj (?:też|także)|читайте также|читайте також|ayrıca okuyun"
    r"|[اإأ]قر[أا] [أا]يضاً?"
)

#: Most words of a "read also" line: the label and one headline.
ALSO_WORDS: Final = 25


def also_headline() -> pl.Expr:
    """"Read also" and another story's headline, with no mark between them (``read_more``).

    The label and the headline were two elements of a teaser box; the
    scraper joined them with a space: "À lire aussi La natalité russe
    menacée d'effondrement", "Les også En far for de store anledninger".
    A capital (or a digit or quote) right after the label starts the
    headline; a line that ends in a full stop is a sentence of the text
    ("Lesen Sie auch Seite 3 der Studie." is not). Phrase evidence, like
    "Read also: ..." with its colon.

    >>> from dq.signals._demo import flags
    >>> flags(also_headline(), ["À lire aussi La natalité russe menacée d'effondrement",
    ...                         "Les også En far for de store anledninger",
    ...                         "- Lesen Sie auch „Die Bahn streikt wieder“"])
    [True, True, True]
    >>> flags(also_headline(), ["Lesen Sie auch Seite 3 der Studie.",
    ...                         "Read also the reviews before you buy",
    ...                         "Les også"])
    [False, False, False]
    """
    m = f("lead").str.contains(rf"^(?:{_ALSO_LABELS}) ").fill_null(False) & (WORDS <= ALSO_WORDS)
    headline = S.filter(m).str.contains(
        rf"^(?:[-•*·–»>]\s*)?(?i:{_ALSO_LABELS})\s+[\"„“‘«]?[\p{{Lu}}0-9]")
    value = headline & ~S.filter(m).str.contains(r"\.$")
    return flag(only(m, value, pl.Boolean))


#: Literal stems one of which every machine-made-text note holds (the
#: prefilter of :func:`machine_note`; case-sensitive: word ends, and "AI",
#: "KI", "IA" as words, so that few lines reach the costly regex).
_MACHINE_STEMS: Final = (
    r"ChatGPT|ünstlich|aschinell|utomati|rtificial|achine|unstig| AI| KI| IA|'IA"
)

#: A note that the page's own text (this article, summary, translation) was
#: made or translated by a machine: "this" and the page's text are the
#: subject, so an article *about* AI-written essays is not one.
_MACHINE_NOTE: Final = (
    r"(?i)(?:"
    r"(?:this|the) (?:article|story|summary|text|translation|content|piece) (?:has been|was|is)"
    r"(?: [a-z]+){0,2} (?:generated|created|written|produced|summari[sz]ed|translated|drafted)"
    r" (?:by|with|using|with the help of) (?:an? )?(?:ai|artificial intelligence|chatgpt"
    r"|machine|automated)"
    r"|(?:dieser|diese|dieses) (?:artikel|text|beitrag|zusammenfassung|übersetzung|inhalt)"
    r" (?:wurde|ist)(?: [a-zäöü]+){0,3} (?:künstlich|automatisch|automatisiert|maschinell"
    r"|mit(?:hilfe| hilfe)? (?:von |einer )?(?:ki|künstlicher intelligenz))"
    r"|dies ist eine maschinelle übersetzung"
    r"|(?:sammendraget|oppsummeringen|teksten|artikkelen|sammanfattningen|texten|artikeln)"
    r" (?:er|är|har) (?:laget|skrevet|generert|oversatt|skapad|gjord|genererad|skriven|översatt)"
    r" (?:av|med) (?:chatgpt|ki|ai|kunstig intelligens)"
    r"|(?:este|esta) (?:artículo|resumen|texto) (?:ha sido|fue) (?:generad|traducid|cread)[oa]"
    r" (?:por|con) (?:ia|la ia|inteligencia artificial|chatgpt)"
    r"|(?:cet article|ce résumé|ce texte) a été (?:généré|traduit|rédigé|créé)"
    r" (?:par|avec|à l'aide de) (?:l'ia|une ia|l'intelligence artificielle|chatgpt)"
    r")"
)


def machine_note() -> pl.Expr:
    """A note that the page's text was made or translated by a machine (``byline_dateline``).

    Like a credit note ("Mit Agenturmaterial."), it says who made the text,
    not what happened: "Diese Zusammenfassung wurde künstlich erzeugt.",
    "Sammendraget er laget av ChatGPT og godkjent av Dagbladet." Phrase
    evidence: the page's text ("this article", "diese Zusammenfassung") is
    the subject.

    >>> from dq.signals._demo import flags
    >>> flags(machine_note(), [
    ...     "Diese Zusammenfassung wurde künstlich erzeugt. Wir entwickeln das Angebot weiter.",
    ...     "Dies ist eine maschinelle Übersetzung eines Artikels unserer US-Kollegen.",
    ...     "i Sammendraget er laget av ChatGPT og godkjent av Dagbladet. Lukk",
    ...     "This article was generated with the help of AI and reviewed by an editor."])
    [True, True, True, True]
    >>> flags(machine_note(), ["The essay was generated by AI, the professor said.",
    ...                        "Künstliche Intelligenz verändert die Arbeit in Redaktionen."])
    [False, False]
    """
    m = f("machine_cand")
    return flag(only(m, S.filter(m).str.contains(_MACHINE_NOTE), pl.Boolean))


#: Most words of a machine-made-text note (the longest on the dev pages,
#: BusinessInsiderDE's, has 21; a paragraph about AI runs longer).
MACHINE_NOTE_WORDS: Final = 50


FEATURES: tuple[Feature, ...] = (
    feature("kicker_cand", _kicker_candidate),
    feature("kicker", kicker_line),
    feature("kicker_key", _kicker_key),
    feature("kicker_run", kicker_run),
    # Features of :func:`dq.signals.chrome_stamps.name_beside_stamp` (computed once).
    feature("stamp_name", stamp_name),
    feature("stamp_name_beside", stamp_name_beside),
    feature("credit_cand", _credit_candidate),
    feature("credit_tail", lambda: credit_tail() | bracket_credit()),
    # The teaser links read_more reports on phrase evidence (chrome_blocks
    # reads this one column): a lede cut short with "mehr", and a "read
    # also" label glued to its headline.
    feature("more_tail", lambda: more_tail() | also_headline()),
    feature("machine_cand",
            lambda: S.str.contains(_MACHINE_STEMS) & (WORDS <= MACHINE_NOTE_WORDS)),
    feature("machine_note", machine_note),
)
