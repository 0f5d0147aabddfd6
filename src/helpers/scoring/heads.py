"""The trained heads: sentence sentiment and tension from a sentence encoder, stacked with
the word-list features, with each sentence's explanation.

The weights (``data/heads.json``, 17 kB) are made by ``make train`` (``training/heads.py``):

1. a ridge head per target: sentiment on ``[e5 embedding (384), mean embedding of the
   previous and next sentence (384), 1, is_english]`` (-2 … 2 scale), tension on
   ``[e5 embedding, 1, is_english]`` (0 … 3), fitted on the project-scale labels of
   ``shared/data/train/sentences_annotated.tsv`` (machine annotation following the
   annotation guide) and of the development articles (mean of the two annotators);
2. a small ridge "stack" over standardised ``[head output, word-list features]``
   (``helpers.scoring.features.LEX_COLS``; the tension stack also gets the negative part
   of the sentiment head), fitted on the heads' out-of-fold outputs;
3. ``sentiment = clip(stack / 2, -1, 1)``, ``tension = clip(stack / 3, 0, 1)``.

The explanation of a sentence is its stack: each input contributes ``beta * (x - mu) / sd``.
``*_model_share`` is the encoder's part of the absolute contributions (0 … 1): near 1 the
model decided, near 0 the word lists did. ``sentiment_confidence`` (0 … 1) is calibrated:
the cross-validated share of labelled sentences with a similar score (its decile, and
whether the encoder head and the word lists agree in sign) that a reader put in the same
class, negative / neutral / positive (:func:`confidence`). Model card: ``docs/scoring.md``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

NEUTRAL_BAND = 0.05


@lru_cache(maxsize=1)
def load_heads() -> dict[str, Any]:
    """The shipped weights (``data/heads.json``) as numpy arrays plus ``meta``."""
    raw = json.loads(resources.files("helpers").joinpath("data/heads.json").read_text(encoding="utf-8"))
    return {k: (v if k == "meta" else np.asarray(v, dtype=np.float64)) for k, v in raw.items()}


def _stack_inputs(names: list[str], head: np.ndarray, head_sent: np.ndarray, lex: pd.DataFrame) -> np.ndarray:
    cols = []
    for name in names:
        if name == "head":
            cols.append(head)
        elif name == "head_sent_neg":
            cols.append(np.maximum(0.0, -head_sent))
        else:
            cols.append(lex[name].to_numpy(float))
    return np.column_stack(cols)


def confidence(sentiment: np.ndarray, agree: np.ndarray, weights: dict[str, Any]) -> np.ndarray:
    """How often a reader puts a sentence with this score in the same class (negative,
    neutral, positive), 0 … 1: the cross-validated share per cell of score decile × whether
    the encoder head and the word lists agree in sign (``training/confidence.py``).

    Weights without the cells (older files) give the first version's heuristic:
    ``1 - exp(-(|s| - 0.05) / 0.25)``, halved when head and word lists disagree.
    """
    s = np.asarray(sentiment, dtype=float)
    agree = np.asarray(agree, dtype=bool)
    if "confidence_p" not in weights:
        conf = 1.0 - np.exp(-np.maximum(np.abs(s) - NEUTRAL_BAND, 0.0) / 0.25)
        return np.where(agree, conf, conf / 2)
    return np.asarray(weights["confidence_p"], dtype=float)[confidence_cells(s, agree, weights["confidence_edges"])]


def confidence_cells(score: np.ndarray, agree: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Cell index ``bin * 2 + agree`` of each sentence: ``bin`` is the score's place among the
    sorted ``edges`` (``len(edges) + 1`` bins), ``agree`` 1 when head and word lists agree in sign."""
    return np.searchsorted(edges, np.asarray(score, float), side="right") * 2 + np.asarray(agree, int)


def context_vectors(embeddings: np.ndarray) -> np.ndarray:
    """The neighbours of each sentence: ``(e[i-1] + e[i+1]) / 2``, a missing neighbour
    replaced by the sentence itself (so one loose sentence is its own context).

    Parameters
    ----------
    embeddings : numpy.ndarray
        ``(n, d)`` vectors of consecutive sentences of one article, in order.

    Returns
    -------
    numpy.ndarray
        ``(n, d)``, float64.

    Examples
    --------
    >>> context_vectors(np.array([[0.0], [2.0], [4.0]])).ravel().tolist()
    [1.0, 2.0, 3.0]
    """
    e = np.asarray(embeddings, dtype=np.float64)
    if len(e) == 0:
        return e.copy()
    prev = np.vstack([e[:1], e[:-1]])
    nxt = np.vstack([e[1:], e[-1:]])
    return (prev + nxt) / 2


def apply_heads(embeddings: np.ndarray, langs: np.ndarray, lex: pd.DataFrame,
                context: np.ndarray | None = None) -> pd.DataFrame:
    """Sentiment and tension of each sentence from its embedding and word-list features.

    Parameters
    ----------
    embeddings : numpy.ndarray
        ``(n, 384)`` e5 vectors (``helpers.embeddings.encode``).
    langs : numpy.ndarray of str
        "de" or "en" per sentence.
    lex : pandas.DataFrame
        ``helpers.scoring.features.lexicon_features`` of the same sentences.
    context : numpy.ndarray, optional
        ``(n, 384)`` :func:`context_vectors` of the article's sentences, for a sentiment
        head trained with context (``meta["sentiment_context"]``); ``None`` means loose
        sentences, each its own context (as the training sentences are).

    Returns
    -------
    pandas.DataFrame
        ``n`` rows, the index of ``lex``: ``sentiment`` (-1 … 1), ``tension`` (0 … 1),
        ``sentiment_model`` and ``tension_model`` (the encoder head alone, same scales),
        ``sentiment_model_share`` and ``tension_model_share`` (0 … 1),
        ``sentiment_confidence`` (0 … 1, see :func:`confidence`), ``sentiment_explained`` (each stack input's
        contribution, e.g. "model -0.61; words +0.12; …", on the -2 … 2 scale).
    """
    w = load_heads()
    meta = w["meta"]
    x = np.hstack([np.asarray(embeddings, dtype=np.float64), np.ones((len(embeddings), 1)),
                   (np.asarray(langs) == "en").astype(np.float64)[:, None]])
    if meta.get("sentiment_context"):
        ctx = np.asarray(embeddings, dtype=np.float64) if context is None else np.asarray(context, dtype=np.float64)
        head_s = np.hstack([np.asarray(embeddings, dtype=np.float64), ctx, x[:, -2:]]) @ w["head_sent"]
    else:
        head_s = x @ w["head_sent"]
    head_t = x @ w["head_tens"]
    parts = {}
    for target, names, head in (("sent", meta["sent_stack"], head_s), ("tens", meta["tens_stack"], head_t)):
        f = _stack_inputs(names, head, head_s, lex)
        beta = w[f"stack_{target}_beta"]
        parts[target] = ((f - w[f"stack_{target}_mu"]) / w[f"stack_{target}_sd"] * beta[:-1], beta[-1], names)
    out = {}
    for target, scale, lo in (("sent", 2.0, -1.0), ("tens", 3.0, 0.0)):
        contrib, intercept, names = parts[target]
        model_cols = [i for i, n in enumerate(names) if n.startswith("head")]
        share = np.abs(contrib[:, model_cols]).sum(1) / (np.abs(contrib).sum(1) + 1e-12)
        label = "sentiment" if target == "sent" else "tension"
        out[label] = np.clip((contrib.sum(1) + intercept) / scale, lo, 1.0)
        out[f"{label}_model"] = np.clip((head_s if target == "sent" else head_t) / scale, lo, 1.0)
        out[f"{label}_model_share"] = share
    agree = np.sign(head_s) * np.sign(lex["lex_sentiment"].to_numpy(float)) >= 0
    out["sentiment_confidence"] = confidence(out["sentiment"], agree, w)
    names = ["model" if n == "head" else n.removeprefix("lex_") for n in meta["sent_stack"]]
    out["sentiment_explained"] = ["; ".join(f"{n} {v:+.2f}" for n, v in zip(names, row)) for row in parts["sent"][0]]
    df = pd.DataFrame(out, index=lex.index)
    for col in df.columns:
        if col != "sentiment_explained":
            df[col] = df[col].astype(float).round(4)
    return df
