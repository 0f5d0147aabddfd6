"""The trained heads against the annotators: sentiment and tension of the shipped model
(encoder head + word lists) and of the encoder head alone, next to the rule-based rows of
``evaluation.sentiment`` and ``evaluation.tension``.

The heads were fitted on these development articles (and the training sentences), so the
rows here are **in-sample** and marked so; the cross-validated numbers are the
out-of-fold ones ``make train`` stores in ``heads.json`` (``cv_table`` prints them).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

import helpers
from evaluation.sentiment import spearman_vs_annotators


def scoring_eval_block(ev: Any, seeds: list[int] | None = None) -> list[Any]:
    """Metric block for ``evaluation.harness.METRIC_BLOCKS``: Spearman ρ of the model's columns."""
    from evaluation.harness import Row

    result = helpers.analyze(ev.path, lang=ev.lang)
    sdf = result.sentences
    if len(sdf) != len(ev.sentences) or "sentiment_model" not in sdf:
        return []
    rows = []
    for target, gold in (("sentiment", ("gold_sentiment_a", "gold_sentiment_b")),
                         ("tension", ("gold_tension_a", "gold_tension_b"))):
        for col, label in ((f"{target}_model", "encoder head alone"), (target, "model + word lists, shipped")):
            frame = ev.sentences.assign(_s=sdf[col].to_numpy())
            rows.append(Row(ev.name, f"{target}: {label} (in-sample)",
                            {k: [v] for k, v in spearman_vs_annotators(frame, "_s", gold).items()}))
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
