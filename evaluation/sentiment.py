"""Sentiment against the annotators: Spearman's rho per article, next to the naive lexicon count."""

from __future__ import annotations

import os
from typing import Any, Sequence

import pandas as pd

from helpers.sentiment.lexicon import SENTIWS_ENV
from helpers.sentiment.score import naive_sentiment, score_sentences


# ----------------------------------------------------------------------- evaluation
def spearman_vs_annotators(
    frame: pd.DataFrame,
    score_col: str = "sentiment",
    gold_cols: Sequence[str] = ("gold_sentiment_a", "gold_sentiment_b"),
) -> dict[str, float]:
    """Spearman rho of ``score_col`` against each gold column (rows with gold present).

    Keys ``"Spearman a"``, ``"Spearman b"`` (the last letter of each gold column);
    NaN when either side is constant.
    """
    from scipy.stats import spearmanr

    out: dict[str, float] = {}
    for col in gold_cols:
        if col not in frame:
            continue
        gold = pd.to_numeric(frame[col], errors="coerce")
        mask = gold.notna() & frame[score_col].notna()
        x, y = frame.loc[mask, score_col].astype(float), gold[mask].astype(float)
        rho = float("nan") if len(x) < 3 or x.nunique() < 2 or y.nunique() < 2 else float(spearmanr(x, y)[0])
        out[f"Spearman {col[-1]}"] = rho
    return out


def sentiment_eval_block(ev: Any, seeds: list[int] | None = None) -> list[Any]:
    """Metric block for ``evaluation.harness.METRIC_BLOCKS``: Spearman rho vs each annotator.

    Rows: lexicon+rules (default lexicon), the naive count baseline, SentiWS when
    ``$TP_SENTIWS_DIR`` is set, and annotator b scored against a (task ceiling).
    """
    from evaluation.harness import Row

    sdf = ev.sentences
    rows = []
    scored = score_sentences(sdf, ev.tokens, lang=ev.lang)
    frame = sdf.assign(_s=scored["sentiment"].to_numpy())
    rows.append(Row(ev.name, "sentiment: lexicon + rules" if ev.lang == "de" else "sentiment: VADER",
                    {k: [v] for k, v in spearman_vs_annotators(frame, "_s").items()}))
    naive = naive_sentiment(sdf, ev.tokens, lang=ev.lang)
    frame = sdf.assign(_s=naive["sentiment_naive"].to_numpy())
    rows.append(Row(ev.name, "sentiment: naive lexicon count",
                    {k: [v] for k, v in spearman_vs_annotators(frame, "_s").items()}))
    if ev.lang == "de" and os.environ.get(SENTIWS_ENV):
        s = score_sentences(sdf, ev.tokens, lexicon="sentiws", lang=ev.lang)
        frame = sdf.assign(_s=s["sentiment"].to_numpy())
        rows.append(Row(ev.name, "sentiment: SentiWS + rules (local only)",
                        {k: [v] for k, v in spearman_vs_annotators(frame, "_s").items()}))
    if "gold_sentiment_a" in sdf and "gold_sentiment_b" in sdf:
        frame = sdf.assign(_s=pd.to_numeric(sdf["gold_sentiment_b"], errors="coerce"))
        rows.append(Row(ev.name, "sentiment: annotator b (ceiling)",
                        {k: [v] for k, v in spearman_vs_annotators(frame, "_s", ("gold_sentiment_a",)).items()}))
    return rows
