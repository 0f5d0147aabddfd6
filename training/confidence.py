"""A calibrated ``sentiment_confidence``: how often a reader puts a sentence in the same class.

Classes: negative / neutral / positive. The model's class is the sign of ``sentiment``
outside the neutral band (±0.05, ``helpers.scoring.heads.NEUTRAL_BAND``); the reader's is
the sign of the label on the −2 … 2 scale, neutral when its absolute value is under 0.5 (the
development labels are the mean of two annotators, so "one says +1, the other 0" is not a
clear positive).

The confidence is the share of sentences in the same class, by cell: the score's decile
(edges from the out-of-fold scores) × whether the encoder head and the word lists agree in
sign. Cells are smoothed towards the overall rate with 10 pseudo-sentences. Fitted on the
stack's out-of-fold outputs (grouped folds), and judged the same way: the cells are fitted
on three folds and scored on the fourth (Brier score and expected calibration error,
against the heuristic the first version shipped).
"""

from __future__ import annotations

import numpy as np

from helpers.scoring.heads import NEUTRAL_BAND, confidence, confidence_cells

N_BINS = 10
PRIOR = 10.0
LABEL_NEUTRAL = 0.5


def classes(values: np.ndarray, band: float) -> np.ndarray:
    """-1 / 0 / +1 per value: the sign outside ``[-band, band]``."""
    v = np.asarray(values, dtype=float)
    return np.where(v > band, 1, np.where(v < -band, -1, 0))


def fit_cells(score: np.ndarray, agree: np.ndarray, correct: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(edges, p)``: inner decile edges of ``score`` (9 values) and the smoothed share of
    correct sentences per cell (``2 * N_BINS`` values in 0 … 1)."""
    edges = np.unique(np.quantile(score, np.linspace(0, 1, N_BINS + 1)[1:-1]))
    c = confidence_cells(score, agree, edges)
    n_cells = 2 * (len(edges) + 1)
    rate = float(np.mean(correct))
    hits = np.bincount(c, weights=correct.astype(float), minlength=n_cells)
    n = np.bincount(c, minlength=n_cells)
    return edges, (hits + PRIOR * rate) / (n + PRIOR)


def ece(p: np.ndarray, correct: np.ndarray, n_bins: int = 10) -> float:
    """Expected calibration error: the mean |confidence - accuracy| over equal-width bins,
    weighted by their size."""
    idx = np.minimum((p * n_bins).astype(int), n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        m = idx == b
        if m.any():
            total += m.mean() * abs(p[m].mean() - correct[m].mean())
    return float(total)


def calibrate(score: np.ndarray, head: np.ndarray, words: np.ndarray, y: np.ndarray,
              blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[str, float]]:
    """Fit the confidence cells and judge them against the heuristic by grouped CV.

    Parameters
    ----------
    score : numpy.ndarray
        ``(n,)`` out-of-fold ``sentiment`` (−1 … 1) of the stack.
    head, words : numpy.ndarray
        ``(n,)`` the encoder head's and the word lists' sentiment (only their signs count).
    y : numpy.ndarray
        ``(n,)`` labels on the −2 … 2 scale, NaN where unlabelled (skipped).
    blocks : numpy.ndarray
        ``(n,)`` the CV fold of each row.

    Returns
    -------
    edges : numpy.ndarray
        ``(9,)`` inner decile edges of the score.
    p : numpy.ndarray
        ``(20,)`` confidence per cell, 0 … 1.
    report : dict
        Brier score and ECE of the heuristic and of the cells, each fold's cells fitted on
        the other folds, and the share of sentences in the right class.
    """
    ok = ~np.isnan(y)
    score, y, blocks = np.asarray(score, float)[ok], np.asarray(y, float)[ok], np.asarray(blocks)[ok]
    agree = (np.sign(np.asarray(head, float)[ok]) * np.sign(np.asarray(words, float)[ok])) >= 0
    correct = (classes(score, NEUTRAL_BAND) == classes(y, LABEL_NEUTRAL)).astype(float)
    held = np.full(len(y), np.nan)
    for b in np.unique(blocks):
        m = blocks == b
        edges, p = fit_cells(score[~m], agree[~m], correct[~m])
        held[m] = p[confidence_cells(score[m], agree[m], edges)]
    old = confidence(score, agree, {})  # the first version's heuristic (no cells)
    report = {
        "accuracy": round(float(correct.mean()), 4),
        "brier_heuristic": round(float(np.mean((old - correct) ** 2)), 4),
        "brier_calibrated": round(float(np.mean((held - correct) ** 2)), 4),
        "ece_heuristic": round(ece(old, correct), 4),
        "ece_calibrated": round(ece(held, correct), 4),
    }
    edges, p = fit_cells(score, agree, correct)
    return edges, p, report
