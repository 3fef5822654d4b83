"""Where ``missing_space_after_punct`` adds no space: dots or "!" inside names, CJK glosses.

Why a module of its own: :mod:`dq.signals.spacing` is at its size limit; the
rules here are the sixth outside audit's (audit23, 2026-12-07), argued from
the shape of a name or an identifier and from the typography of a script;
:data:`FORMULA_NAME` is the eleventh's (audit28).

>>> import polars as pl
>>> tokens = pl.Series(["Sn(II)", "(2,4,6-trimethylphenyl)amine", "3′-(N,N-dimethylamino)propyl",
...                     "Index(KOSPI)fell", "(20/1).Dengan", "Fe(III)-oxide", "(1-0):Tolivert",
...                     "(E-Learning)zum", "bis(4-phenyl)amine", "(24-hour)service"])
>>> tokens.str.contains(FORMULA_NAME).to_list()
[True, True, True, False, False, True, False, False, True, False]
"""

from __future__ import annotations

from typing import Final

from dq.signals.hygiene import UNSPACED_SCRIPT

__all__ = ["BEFORE_BRACKET", "DOTTED_NAME", "FORMULA_NAME", "GLOSS_SCRIPT"]

#: A dot inside a name or an identifier, not a sentence end run into the next
#: (issue 15, audit23: five of 47 repairs of a run split such dots). A token
#: wrapped whole in one pair of quotes or brackets is one quoted name
#: («Яндекс.Новости», ‘HEUR:Trojan-Ransom.Win64.Generic’): a sentence end
#: and the next sentence do not sit inside a one-word quotation. Two dots
#: around a part of letters then digits are a dotted identifier
#: ("Ransom.Win64.Generic"); a chain of abbreviated titles has no digit
#: ("Maj.Gen.Kasirye", "Rt.Hon.Marcus": judged right repairs of earlier
#: audits), a sentence run into a time or a figure starts that part with one
#: ("haben.18.20", "3.54kg.I": dev glued positives). A number, a dot and a code
#: of two to five capitals closing the token is a listing with its exchange
#: ("002507.SZ", "600519.SH"); "in 2019.The" and "£40.I’ve" keep their
#: repair. Where a name and a sentence end look alike, no space is added
#: (:data:`dq.signals.spacing.DOMAIN_NAME`).
DOTTED_NAME: Final = (
    r"^[«“„‘\"(\[][^\s«»“”„‘’\"()\[\]]+[»”“’\")\]][.,;:!?]*$"
    r"|[\p{L}\p{N}]\.\p{L}[\p{L}-]*\p{N}[\p{L}\p{N}-]*\.[\p{L}\p{N}]"
    r"|(?:^|[^\p{L}\p{N}])\p{N}+\.\p{Lu}{2,5}(?:[^\p{L}\p{N}]|$)"
    # a version or section label: a small number and one capital that is no one-letter
    # word of a Latin-script language ("Membership 3.X", "2.B"; "in 2020.A", "3.I" keep
    # their repair: audit27, issue 15)
    r"|(?:^|[^\p{N}.,])\p{N}{1,2}\.[B-DF-HJ-NP-RTX](?:[^\p{L}\p{N}]|$)"
    # a brand spelled with "!" ("QU!CK") or a mark after one ("Savings!SM"): two or three
    # capitals close the token, where a sentence run on after "!" opens with a word in
    # lower case or a one-letter word ("won!The", "said!I"; audit27)
    r"|\p{L}!\p{Lu}{2,3}(?:[^\p{L}\p{N}]|$)"
)
#: Scripts whose writers put a gloss in brackets right after its term, with
#: no space: Korean "전자정부(eGovernment)", "Connecting Europe Facility(CEF)",
#: Chinese and Japanese likewise (audit23: 4 of 15 findings wrong were this).
#: In a line holding them, no space is added before a bracketed aside.
GLOSS_SCRIPT: Final = UNSPACED_SCRIPT[:-1] + r"\p{Hangul}]"
#: The rules that add a space before "(" (an aside in brackets after a word):
#: the last three of :data:`dq.signals.spacing.MISSING_SPACE_RULES` but the one after ")".
BEFORE_BRACKET: Final = frozenset({10, 11})
#: A chemical name or formula, written as one token by rule, not two words run
#: together at a bracket (issue 15, audit28: three findings and three repairs
#: of 25 split "(2,4,6-trimethylphenyl)amine", "(N,N-dimethylamino)propyl",
#: "Sn(II)"). IUPAC nomenclature opens a substituent in brackets with its
#: locants, numbers or atom letters and a hyphen ("(9,9-bis", "(N,N-"; one
#: locant only inside a name, "bis(4-phenyl)") before the substituent's name in
#: lower case, and the part after the bracket continues the name (a score
#: "(1-0):Tolivert" or "(3-3)El", dev glued positives, has a digit after the
#: hyphen; an aside "(24-hour)service" opens the token with one number); an oxidation
#: state is a Roman numeral in brackets right after an element symbol
#: ("Fe(III)", "Cu(I)"). A prose aside in brackets opens with a word, not with
#: "2,4,6-", so "Index(KOSPI)fell" keeps its repair.
FORMULA_NAME: Final = (
    r"\((?:\p{N}+|\p{Lu})′?(?:,(?:\p{N}+|\p{Lu})′?)+-\p{Ll}{2}"
    r"|[\p{L}\p{N})-]\((?:\p{N}+|\p{Lu})′?-\p{Ll}{2}"
    r"|(?:^|[^\p{L}])\p{Lu}\p{Ll}?\((?:I{1,3}|IV|VI{0,3}|IX)\)"
)
