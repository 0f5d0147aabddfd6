"""The trained heads against the annotators: sentiment and tension of the shipped model
(encoder head + word lists) and of the encoder head alone, next to the rule-based rows of
``evaluation.sentiment`` and ``evaluation.tension``.

The heads were fitted on these development articles (and the training sentences), so the
shipped model's own scores here would be in-sample. The rows are therefore the
**cross-validated** ones: ``make train`` predicts each article from heads and a stack fitted
without it (four folds grouped by article and training source) and stores each article's ρ
in ``heads.json`` (``meta.cv_dev_articles``). ``cv_table`` prints the pooled out-of-fold ρ.
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def scoring_eval_block(ev: Any, seeds: list[int] | None = None) -> list[Any]:
    """Metric block for ``evaluation.harness.METRIC_BLOCKS``: the cross-validated Spearman ρ
    of the model's columns on this article, as ``make train`` measured them (none when
    ``heads.json`` has no entry for the article, e.g. a new development article: retrain)."""
    from evaluation.harness import Row
    from helpers.scoring import load_heads

    cell = load_heads()["meta"].get("cv_dev_articles", {}).get(ev.name)
    if not cell:
        return []
    nan = float("nan")
    rows = []
    for target in ("sentiment", "tension"):
        for key, label in ((f"{target}_head", "encoder head alone"), (target, "model + word lists, shipped")):
            scores = {f"Spearman {w}": [nan if cell.get(f"{key}_{w}") is None else float(cell[f"{key}_{w}"])]
                      for w in ("a", "b")}
            rows.append(Row(ev.name, f"{target}: {label} (cross-validated)", scores))
    return rows


def cv_table() -> str:
    """The out-of-fold (grouped CV) Spearman ρ that ``make train`` measured, per language and source."""
    from helpers.scoring import load_heads

    cv = load_heads()["meta"].get("cv_rho_out_of_fold", {})
    if not cv:
        return "(heads.json has no cross-validated numbers: run make train)"
    rows = []
    for lang in ("de", "en"):
        for src, what in (("train", "training sentences (project labels)"), ("dev", "development sentences, pooled")):
            rows.append({"language": lang, "rows": what,
                         "sentiment: rules": cv.get(f"{lang}_{src}_rules_sentiment"),
                         "sentiment: encoder head (out-of-fold)": cv.get(f"{lang}_{src}_head_sentiment"),
                         "tension: rules": cv.get(f"{lang}_{src}_rules_tension"),
                         "tension: encoder head (out-of-fold)": cv.get(f"{lang}_{src}_head_tension")})
    return pd.DataFrame(rows).to_string(index=False, float_format=lambda v: f"{v:.2f}")
