"""Train and measure dq's chrome line model (:mod:`dq.signals.linemodel`), leave-one-site-out.

Training only: numpy, no training library, nothing here is imported by dq.

1. Loads the labelled dev files (``extracted.jsonl``, ``lines.jsonl``,
   ``partial_lines.jsonl``), runs dq's hand chrome rules on them (every
   chrome code but ``chrome_line``) and computes the model's feature
   columns with the same Polars expressions dq runs (``ch_lm_*``).
2. Fits an L2-regularised logistic regression (Newton/IRLS on standardised
   columns) on the labelled lines the hand rules leave, **leave-site-out**:
   every site (Fundus publisher, aeb host, trafilatura_eval page family; see
   :func:`dq.evaluate.sites.site_of`) is scored by a model fitted on the
   other sites only, so each prediction is on a site the model never saw.
3. Scores hand rules alone and hand rules + model at each threshold as
   ``dq eval`` (per source/extractor, macro; window F1) and
   ``python -m dq.evaluate.sites`` (per site) do, and prints a table.
   ``--learner gbt`` scores boosted trees instead (the other learner issue 15
   names), for comparison only: ``--write`` writes the logistic regression.
4. ``--write``: fits on every site and writes
   ``dq/signals/linemodel_weights.py`` (weights on the raw columns).

    PYTHONPATH=. .venv/bin/python bench/train_linemodel.py ../shared/eval/dev [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import textwrap
import zlib
from collections import defaultdict
from pathlib import Path

import numpy as np
import polars as pl

from dq.evaluate.chrome import Score, _window, chrome_codes, file_kind, load_records, predict_lines
from dq.evaluate.sites import _urls_beside, site_of
from dq.signals import chrome, linemodel
from dq.signals.frames import lines_frame, with_features

FILES = ("extracted.jsonl", "lines.jsonl", "partial_lines.jsonl")
#: L2 penalty on standardised weights (per row of unit weight, see fit()).
L2 = 1.0
#: Folds of held-out sites (see loso()).
FOLDS = 25
THRESHOLDS = (0.5, 0.7, 0.8, 0.85, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.97)


def feature_rows(records: list[dict], kind: str, urls: dict[str, str], fname: str) -> pl.DataFrame:
    """One row per scored, labelled non-blank line: features, label, hand verdict, group."""
    hand_codes = tuple(c for c in chrome_codes() if c != "chrome_line")
    hand = predict_lines(records, codes=hand_codes)
    feats = dict((*chrome.FEATURES, *linemodel.FEATURES))
    lf = pl.LazyFrame({"rid": list(range(len(records))), "text": [r["text"] for r in records]},
                      schema={"rid": pl.UInt32, "text": pl.String})
    cols = ["ch_lm_" + n for n in linemodel.MODEL_FEATURES]
    df = with_features(lines_frame(lf), list(feats.items())).select(
        "rid", "line_no", "s", *cols,
        ((pl.col("ch_lmr_units") >= linemodel.SENTENCE_UNITS) & pl.col("ch_sent")).alias("full"),
        pl.col("ch_claimed").alias("claimed"),
        (pl.col("ch_lmr_short") & (linemodel.run_length(pl.col("ch_lmr_sfirst"), pl.col(
            "ch_lmr_slast")) > linemodel.MAX_SHORT_RUN)).alias("listed"),
        # chrome_line's rule part (a hand rule, not fitted): counted with the hand rules
        (linemodel.repeated_label() & ~pl.col("ch_claimed") & ~(
            (pl.col("ch_lmr_units") >= linemodel.SENTENCE_UNITS) & pl.col("ch_sent"))
         ).alias("rule"),
    ).collect()
    meta = []
    for rid, rec in enumerate(records):
        labels = rec["labels"]
        scored = set(_window(rec)) if kind == "window" else range(len(labels))
        src = str(rec.get("source_dataset") or "all")
        site = site_of(rec, urls)
        group = f"{src}/{rec.get('extractor')}" if kind == "extracted" else src
        for i in scored:
            if labels[i] is not None:
                meta.append((rid, i + 1, labels[i] == "chrome", i in hand[rid], src,
                             f"{src}:{site}", group))
    m = pl.DataFrame(meta, schema=["rid", "line_no", "y", "hand", "source", "site", "group"],
                     orient="row").with_columns(pl.col("rid").cast(pl.UInt32),
                                                pl.col("line_no").cast(pl.Int32))
    # Blank labelled lines carry no finding: scored with the hand verdict (never chrome).
    out = m.join(df, on=["rid", "line_no"], how="left")
    return out.with_columns(pl.lit(fname).alias("file"), pl.col("full").fill_null(False),
                            pl.col("claimed").fill_null(True), pl.col("listed").fill_null(True),
                            pl.col("hand").alias("hand_rules"),
                            pl.col("hand") | pl.col("rule").fill_null(False))


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> tuple[float, np.ndarray]:
    """Weighted L2 logistic regression by Newton steps; returns (bias, weights) on raw x."""
    mu, sd = x.mean(0), x.std(0)
    sd[sd == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mu) / sd])
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[0] = 0.0
    for _ in range(25):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        g = z.T @ (w * (p - y)) + reg * beta
        h = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg)
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    weights = beta[1:] / sd
    return float(beta[0] - (weights * mu).sum()), weights


#: Boosted trees, the other learner issue 15 names (``--learner gbt``): trees, depth,
#: shrinkage, bins per feature. Measured against the logistic regression, not shipped.
GBT_TREES, GBT_DEPTH, GBT_RATE, GBT_BINS = 60, 3, 0.2, 32

Tree = tuple  # ("leaf", value) | ("split", column, threshold, left, right)


def _tree(xb: np.ndarray, cuts: list[np.ndarray], g: np.ndarray, h: np.ndarray,
          rows: np.ndarray, depth: int) -> Tree:
    """One regression tree on the Newton step of the log-loss (histogram splits)."""
    gs_all, hs_all = g[rows].sum(), h[rows].sum()
    leaf = ("leaf", -gs_all / (hs_all + 1.0))
    if depth == 0 or hs_all < 10.0:
        return leaf
    best, where = 0.0, None
    for j in range(xb.shape[1]):
        k = len(cuts[j]) + 1
        gl = np.bincount(xb[rows, j], weights=g[rows], minlength=k).cumsum()[:-1]
        hl = np.bincount(xb[rows, j], weights=h[rows], minlength=k).cumsum()[:-1]
        gain = np.where((hl > 5.0) & (hs_all - hl > 5.0), gl**2 / (hl + 1.0)
                        + (gs_all - gl)**2 / (hs_all - hl + 1.0) - gs_all**2 / (hs_all + 1.0), 0.0)
        t = int(gain.argmax())
        if gain[t] > best:
            best, where = float(gain[t]), (j, t)
    if where is None:
        return leaf
    j, t = where
    left, right = rows[xb[rows, j] <= t], rows[xb[rows, j] > t]
    return ("split", j, cuts[j][t], _tree(xb, cuts, g, h, left, depth - 1),
            _tree(xb, cuts, g, h, right, depth - 1))


def _tree_value(t: Tree, x: np.ndarray) -> np.ndarray:
    if t[0] == "leaf":
        return np.full(len(x), t[1])
    _, j, cut, left, right = t
    go = x[:, j] <= cut
    out = np.empty(len(x))
    out[go], out[~go] = _tree_value(left, x[go]), _tree_value(right, x[~go])
    return out


def fit_gbt(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, list[Tree]]:
    """Gradient-boosted trees on the log-loss (numpy only): (base score, trees)."""
    cuts = [np.unique(np.quantile(x[:, j], np.linspace(0, 1, GBT_BINS + 1)[1:-1]))
            for j in range(x.shape[1])]
    xb = np.stack([np.searchsorted(cuts[j], x[:, j], side="left") for j in range(x.shape[1])], 1)
    base = float(np.log((y * w).sum() / ((1 - y) * w).sum()))
    score, trees, rows = np.full(len(x), base), [], np.arange(len(x))
    for _ in range(GBT_TREES):
        p = 1 / (1 + np.exp(-score))
        tree = _tree(xb, cuts, w * (p - y), w * p * (1 - p), rows, GBT_DEPTH)
        trees.append(tree)
        score += GBT_RATE * _tree_value(tree, x)
    return base, trees


def weights_of(df: pl.DataFrame, scheme: str) -> np.ndarray:
    """Row weights: ``site`` gives every site the same total (within a file), ``sqrt`` 1/sqrt(n)."""
    n = df.group_by("file", "site").len()
    joined = df.select("file", "site").join(n, on=["file", "site"], how="left")["len"].to_numpy()
    if scheme == "none":
        return np.ones(len(df))
    w = 1 / np.sqrt(joined) if scheme == "sqrt" else 1 / joined
    return w * len(df) / w.sum()


def folds_of(df: pl.DataFrame) -> np.ndarray:
    """The fold of every row: its site dealt into FOLDS folds by a stable hash.

    Each fold's sites are held out together, so no prediction is on a site
    seen in training (527 single-site fits would say the same at 20 times
    the cost).
    """
    return np.array([zlib.crc32(s.encode("utf-8")) % FOLDS for s in df["site"].to_numpy()])


def fold_table(df: pl.DataFrame, p: np.ndarray, threshold: float) -> list[dict[str, object]]:
    """Per fold of held-out sites: the lines the model adds at ``threshold``, per source.

    The spread over folds says how far one number of :func:`table` can be
    trusted: a threshold whose added lines are all chrome in 20 folds and
    half content in the 21st fits a few sites, not a shape.
    """
    hand = df["hand"].to_numpy()
    ok = (~df["claimed"].to_numpy() & ~df["full"].to_numpy() & ~df["listed"].to_numpy()
          & ~np.isnan(p) & ~hand)
    add = ok & (np.nan_to_num(p) >= threshold)
    fold, y, src = folds_of(df), df["y"].to_numpy(), df["source"].to_numpy()
    site = df["site"].to_numpy()
    rows = []
    for k in range(FOLDS):
        held = fold == k
        row: dict[str, object] = {"fold": k, "sites": len(set(site[held]))}
        for s in sorted(set(src)):
            m = add & held & (src == s)
            row[s] = (int(m.sum()), int(y[m].sum()))
        rows.append(row)
    return rows


def show_folds(rows: list[dict[str, object]], threshold: float) -> None:
    """Print :func:`fold_table`: added lines / of them chrome, per source, and the worst fold."""
    sources = [k for k in rows[0] if k not in ("fold", "sites")]
    print(f"folds at {threshold:.2f}: added lines (chrome) per source")
    for row in rows:
        cells = " ".join(f"{s} {row[s][0]:>3} ({row[s][1]:>3})" for s in sources)
        print(f"  fold {row['fold']:>2} sites {row['sites']:>3} | {cells}")
    for s in sources:
        shares = [row[s][1] / row[s][0] for row in rows if row[s][0]]
        if shares:
            print(f"  {s}: folds adding lines {len(shares)}/{len(rows)}, chrome share "
                  f"min {min(shares):.2f} median {sorted(shares)[len(shares) // 2]:.2f}")


def loso(df: pl.DataFrame, scheme: str, learner: str = "logistic") -> np.ndarray:
    """Out-of-site probabilities for every row (rows the hand rules flag get none: NaN)."""
    cols = ["ch_lm_" + n for n in linemodel.MODEL_FEATURES]
    x = df.select(cols).to_numpy().astype(float)
    y = df["y"].to_numpy().astype(float)
    w = weights_of(df, scheme)
    train = ~df["hand"].to_numpy() & ~df["claimed"].to_numpy() & ~df["full"].to_numpy()
    fold = folds_of(df)
    p = np.full(len(df), np.nan)
    for k in range(FOLDS):
        held = fold == k
        use = train & ~held
        if learner == "gbt":
            base, trees = fit_gbt(x[use], y[use], w[use])
            z = base + GBT_RATE * sum(_tree_value(t, x[held]) for t in trees)
        else:
            b, wt = fit(x[use], y[use], w[use])
            z = x[held] @ wt + b
        p[held] = 1 / (1 + np.exp(-z))
    return p


def scores(df: pl.DataFrame, pred: np.ndarray) -> dict[str, object]:
    """dq eval's and the site table's numbers for one prediction vector."""
    y = df["y"].to_numpy()
    out: dict[str, object] = {}
    for fname in FILES:
        mask = (df["file"] == fname).to_numpy()
        groups: dict[str, Score] = defaultdict(Score)
        sites: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
        for g, s, src, yy, pp in zip(df["group"].to_numpy()[mask], df["site"].to_numpy()[mask],
                                     df["source"].to_numpy()[mask], y[mask], pred[mask],
                                     strict=True):
            sc = Score(tp=int(yy and pp), fp=int(pp and not yy), fn=int(yy and not pp),
                       tn=int(not yy and not pp))
            groups[g] = groups[g] + sc
            sites[src][s] = sites[src][s] + sc
        k = len(groups)
        out[fname] = {
            "macro": {m: sum(getattr(sc, m) for sc in groups.values()) / k
                      for m in ("precision", "recall", "f1")},
            "groups": {g: (sc.precision, sc.recall, sc.f1) for g, sc in sorted(groups.items())},
            "sites": {src: _site_macro(per) for src, per in sorted(sites.items())},
        }
    return out


def _site_macro(per: dict[str, Score]) -> tuple[float, float, float]:
    sc = list(per.values())
    with_pred = [s for s in sc if s.tp + s.fp]
    with_pos = [s for s in sc if s.tp + s.fn]
    return (sum(s.precision for s in with_pred) / max(1, len(with_pred)),
            sum(s.recall for s in with_pos) / max(1, len(with_pos)),
            sum(s.f1 for s in sc) / max(1, len(sc)))


def added_precision(df: pl.DataFrame, add: np.ndarray) -> dict[str, tuple[int, float]]:
    """Per source: lines the model adds to the hand rules, and the share that are chrome."""
    out = {}
    for src in sorted(set(df["source"].to_list())):
        m = add & (df["source"] == src).to_numpy()
        n = int(m.sum())
        out[src] = (n, float(df["y"].to_numpy()[m].mean()) if n else float("nan"))
    return out


def table(df: pl.DataFrame, p: np.ndarray) -> list[dict[str, object]]:
    hand = df["hand"].to_numpy()
    # what chrome_line may flag at all: no phrase signal's line, no full sentence, no list
    ok = (~df["claimed"].to_numpy() & ~df["full"].to_numpy() & ~df["listed"].to_numpy()
          & ~np.isnan(p))
    rows = [{"threshold": None, "scores": scores(df, hand), "added": {}}]
    for t in THRESHOLDS:
        add = ok & ~hand & (np.nan_to_num(p) >= t)
        rows.append({"threshold": t, "scores": scores(df, hand | add),
                     "added": added_precision(df, add)})
    return rows


def show(rows: list[dict[str, object]]) -> None:
    for row in rows:
        s = row["scores"]
        ex, wi, pa = s["extracted.jsonl"], s["lines.jsonl"], s["partial_lines.jsonl"]
        t = "hand" if row["threshold"] is None else f"{row['threshold']:.2f}"
        fmt = "/".join
        print(f"{t:>5} extracted macro {fmt(f'{v:.3f}' for v in ex['macro'].values())}"
              f" | sites aeb {fmt(f'{v:.3f}' for v in ex['sites']['aeb'])}"
              f" fundus {fmt(f'{v:.3f}' for v in ex['sites']['fundus'])}"
              f" | window F1 aeb {wi['groups']['aeb'][2]:.3f}"
              f" fundus {wi['groups']['fundus'][2]:.3f}"
              f" | partial {fmt(f'{v:.3f}' for v in pa['groups']['trafilatura_eval'])}"
              f" | added {row['added']}")


def write_weights(path: Path, bias: float, weights: np.ndarray, note: str) -> None:
    lines = [
        '"""Weights of :mod:`dq.signals.linemodel`, written by bench/train_linemodel.py.',
        "",
        *textwrap.wrap(note, 95),
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        f"BIAS: Final = {bias!r}",
        "WEIGHTS: Final[dict[str, float]] = {",
        *(f"    {name!r}: {float(w)!r}," for name, w in zip(linemodel.MODEL_FEATURES, weights,
                                                         strict=True)),
        "}",
        "",
    ]
    path.write_text("\n".join(lines), "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dev", type=Path)
    ap.add_argument("--scheme", default="sqrt", choices=("none", "sqrt", "site"))
    ap.add_argument("--cache", type=Path,
                    default=Path(tempfile.gettempdir()) / "dq-linemodel-rows.parquet")
    ap.add_argument("--learner", default="logistic", choices=("logistic", "gbt"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--folds", type=float, action="append", default=[], metavar="THRESHOLD",
                    help="also print, per fold of held-out sites, what the model adds here")
    args = ap.parse_args()
    if args.cache.exists() and os.environ.get("DQ_LM_FRESH") != "1":
        df = pl.read_parquet(args.cache)
    else:
        parts = []
        for fname in FILES:
            path = args.dev / fname
            recs = [dict(r) for r in load_records(path)]
            parts.append(feature_rows(recs, file_kind(recs) if fname != "lines.jsonl"
                                      else "window", _urls_beside(path), fname))
        df = pl.concat(parts)
        df.write_parquet(args.cache)
    print(f"rows {len(df)}, sites {df['site'].n_unique()}, load {os.getloadavg()[0]:.2f}",
          file=sys.stderr)
    p = loso(df, args.scheme, args.learner)
    rows = table(df, p)
    show(rows)
    for t in args.folds:
        show_folds(fold_table(df, p, t), t)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, default=str) + "\n", "utf-8")
    if args.write and args.learner == "logistic":
        cols = ["ch_lm_" + n for n in linemodel.MODEL_FEATURES]
        train = ~df["hand"].to_numpy() & ~df["claimed"].to_numpy() & ~df["full"].to_numpy()
        b, w = fit(df.select(cols).to_numpy().astype(float)[train],
                   df["y"].to_numpy().astype(float)[train], weights_of(df, args.scheme)[train])
        note = (f"Fitted 2026-12-07 on every labelled line of ../shared/eval/dev "
                f"({int(train.sum())} lines the hand rules leave, "
                f"{df['site'].n_unique()} sites; weighting {args.scheme!r}, L2 {L2}).")
        write_weights(Path("dq/signals/linemodel_weights.py"), b, w, note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
