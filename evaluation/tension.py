"""Tension against the annotators, the ablations and the weight tuning."""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import pandas as pd

from helpers.tension.score import COMPONENTS, combine, score_tension


# ----------------------------------------------------------------------- evaluation
def _with_inputs(ev: Any) -> pd.DataFrame:
    """``ev.sentences`` with ``sentiment`` and ``actors`` (computed when missing)."""
    sdf = ev.sentences.copy()
    sdf.attrs.update(ev.sentences.attrs)
    if "sentiment" not in sdf:
        from helpers.sentiment.score import score_sentences

        sdf["sentiment"] = score_sentences(sdf, ev.tokens, lang=ev.lang)["sentiment"].to_numpy()
    if "actors" not in sdf:
        from helpers.actors import find_actors

        sdf["actors"] = find_actors(sdf, ev.tokens)[0].to_numpy()
    return sdf


def tension_eval_block(ev: Any, seeds: list[int] | None = None) -> list[Any]:
    """Metric block for ``evaluation.harness.METRIC_BLOCKS``: Spearman rho of tension vs each annotator.

    Rows: the project's tension, the baseline "negative sentiment alone"
    (``max(0, -sentiment)``), the lexicon component alone, the score without
    each component in turn, and annotator b scored against a (ceiling).  An
    article without tension annotations, or where both annotators gave every
    sentence the same value (rho undefined), yields no rows.
    """
    from evaluation.harness import Row
    from evaluation.sentiment import spearman_vs_annotators

    sdf = ev.sentences
    gold = [c for c in ("gold_tension_a", "gold_tension_b") if c in sdf]
    if not gold or all(pd.to_numeric(sdf[c], errors="coerce").nunique() < 2 for c in gold):
        return []
    sdf = _with_inputs(ev)
    scored = score_tension(sdf, ev.tokens, lang=ev.lang)
    frame = sdf.assign(**{c: scored[c].to_numpy() for c in scored.columns if c != "sentence_id"})
    frame["_neg"] = np.maximum(0.0, -frame["sentiment"].astype(float))

    def row(method: str, col: str, gold_cols: Sequence[str] = tuple(gold)) -> Any:
        return Row(ev.name, method, {k: [v] for k, v in spearman_vs_annotators(frame, col, gold_cols).items()})

    rows = [row("tension: project", "tension"),
            row("tension: negative sentiment alone (baseline)", "_neg"),
            row("tension: lexicon component alone", "tension_lexicon")]
    for comp in COMPONENTS:
        frame[f"_without_{comp}"] = combine(frame["tension_lexicon"], frame["tension_contrast"],
                                            frame["tension_negativity"], frame["tension_actors"], {comp: 0.0})
        rows.append(row(f"tension: project without {comp}", f"_without_{comp}"))
    if {"gold_tension_a", "gold_tension_b"} <= set(sdf.columns):
        frame["_b"] = pd.to_numeric(sdf["gold_tension_b"], errors="coerce")
        rows.append(row("tension: annotator b (ceiling)", "_b", ("gold_tension_a",)))
    return rows


def tune_weights(
    frames: Sequence[pd.DataFrame],
    grid: Sequence[float] = tuple(np.round(np.arange(0.0, 1.01, 0.1), 2)),
    scales: Sequence[float] = (1.0, 1.5, 2.0),
    actor_grid: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Grid search of the combination weights (how ``WEIGHTS`` were chosen).

    ``frames``: one frame per article with the component columns of
    ``score_tension`` and gold columns ``gold_tension_a``/``gold_tension_b``.
    Returns one row per setting: ``scale, lexicon, contrast, negativity, actors``,
    ``rho_<i>`` (mean Spearman rho over both annotators for article i) and
    ``rho_mean``.  For leave-one-article-out, pick the best row by ``rho_<i>`` and
    read ``rho_<j>``.  About 30 s for the full grid.
    """
    from itertools import product

    from scipy.stats import rankdata

    def centred_ranks(v: np.ndarray) -> np.ndarray:
        r = rankdata(v)
        return r - r.mean()

    golds = []
    for f in frames:
        golds.append([centred_ranks(pd.to_numeric(f[c], errors="coerce").fillna(0).to_numpy(float))
                      for c in ("gold_tension_a", "gold_tension_b") if c in f])
    rows = []
    for scale in scales:
        lex = [1 - np.exp(-f["tension_lexicon_sum"].to_numpy(float) / scale) for f in frames]
        for wl, wc, wn, wa in product(grid, grid, grid, actor_grid if actor_grid is not None else grid):
            r: dict[str, float] = {"scale": scale, "lexicon": wl, "contrast": wc, "negativity": wn, "actors": wa}
            for i, f in enumerate(frames):
                t = combine(lex[i], f["tension_contrast"], f["tension_negativity"], f["tension_actors"],
                            {"lexicon": wl, "contrast": wc, "negativity": wn, "actors": wa})
                rt = centred_ranks(t)
                vals = []
                for g in golds[i]:
                    d = math.sqrt(float((rt * rt).sum() * (g * g).sum()))
                    vals.append(float((rt * g).sum()) / d if d > 0 else 0.0)
                r[f"rho_{i}"] = float(np.mean(vals))
            rows.append(r)
    out = pd.DataFrame(rows)
    out["rho_mean"] = out[[c for c in out.columns if c.startswith("rho_")]].mean(axis=1)
    return out
