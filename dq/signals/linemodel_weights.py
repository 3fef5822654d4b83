"""Weights of :mod:`dq.signals.linemodel`, written by bench/train_linemodel.py.

Fitted 2026-12-07 on every labelled line of ../shared/eval/dev (10363 lines the hand rules
leave, 527 sites; weighting 'sqrt', L2 1.0).
"""

from __future__ import annotations

from typing import Final

BIAS: Final = 1.5368482826594256
WEIGHTS: Final[dict[str, float]] = {
    'units': -0.1769436849703914,
    'rel_len': -0.9792142876719345,
    'pos': 0.45380289509355637,
    'top': -0.08157080551294786,
    'bottom': 0.0436225681820862,
    'sent': -0.6540103225251879,
    'stop': -0.09189615459812903,
    'open': 0.6832147243336193,
    'colon': -1.586436666989024,
    'trunc': 1.6949490121786333,
    'upper': 0.14191067827229184,
    'lower': 0.1230970983168788,
    'bullet': -0.7413493249424202,
    'digit': -0.4762037049640037,
    'num': -2.013332397989196,
    'date': 1.8419773993563164,
    'caps': 0.5488993031380276,
    'prev_units': -0.12967759834822454,
    'next_units': -0.3758116029554298,
    'prev_sent': -0.41486373984693903,
    'next_sent': -0.30946224065995454,
    'before': 0.24550067094506656,
    'after': -0.030764726179419163,
    'inside': 0.20039627170605695,
    'short_run': 0.0504995133774984,
    'inside_run': -0.5308682148083734,
    'prose_share': -0.9391932982106753,
    'short_out': 1.2189045480095153,
    'menu': 0.30543173345757,
    'member': -0.056068445201686086,
    'run': -0.21045148161666757,
    'claimed': 0.0,
    'dup': 0.8525261576713428,
    'sep': 0.19030585477867135,
}
