"""The tension arc: a rolling mean along the article, and its peaks (the most tense sentences)."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from helpers.errors import InputError


# ----------------------------------------------------------------------------- arc
def _window(n: int, share: float) -> int:
    w = max(1, int(round(n * share)))
    return w if w % 2 else w + 1


def _rolling_mean(x: np.ndarray, w: int) -> np.ndarray:
    """Centred rolling mean with mirrored edges (the window never reads past the ends)."""
    if w <= 1 or len(x) < 2:
        return x.copy()
    w = min(w, 2 * len(x) - 1 if len(x) > 1 else 1)
    if w % 2 == 0:
        w -= 1
    h = w // 2
    padded = np.pad(x, h, mode="symmetric") if h <= len(x) else np.pad(x, h, mode="reflect")
    c = np.cumsum(np.concatenate([[0.0], padded]))
    return (c[w:] - c[:-w]) / w


def arc(
    values: Sequence[float],
    n_points: int = 101,
    *,
    window: float = 0.1,
    smoothing: float = 0.05,
) -> pd.DataFrame:
    """The course of a per-sentence score through the article, on a 0-100 % scale.

    1. ``raw``: the values linearly interpolated at ``n_points`` evenly spaced
       positions (sentence i of n sits at ``100 * i / (n - 1)`` %).
    2. A centred rolling mean whose window is ``window`` (10 %) of the article's
       sentences (odd, at least 1), with mirrored edges, so long articles are
       smoothed as much as short ones relative to their length.
    3. A low-pass in the DCT domain (the Syuzhet idea): the rolling mean,
       interpolated at the ``n_points`` positions, is transformed with a DCT-II,
       its coefficients k are multiplied by ``exp(-(pi k s)^2 / 2)`` with ``s =
       smoothing`` (a Gaussian of standard deviation ``smoothing`` x the article
       length), and transformed back.  The DCT-II treats the signal as mirrored at
       both ends (even extension), which is mirror padding: unlike a Fourier
       low-pass it does not wrap the end of the article onto its beginning, so a
       spike near one edge does not leak to the other.  Both steps have
       non-negative kernels: a constant stays constant and a monotone input
       stays monotone.

    Returns ``position`` (0..100), ``raw``, ``rolling`` and ``smoothed``.
    Deterministic; works from 1 to many thousand values (NaN count as 0).
    """
    from scipy.fft import dct, idct

    x = np.nan_to_num(np.asarray(list(values), dtype=float))
    if x.ndim != 1 or len(x) == 0:
        raise InputError("arc needs a non-empty sequence of numbers (one per sentence)")
    if n_points < 2:
        raise InputError(f"n_points must be at least 2, not {n_points}")
    n = len(x)
    position = np.linspace(0.0, 100.0, n_points)
    src = np.linspace(0.0, 100.0, n) if n > 1 else np.array([0.0])
    raw = np.interp(position, src, x) if n > 1 else np.full(n_points, x[0])
    rolled = _rolling_mean(x, _window(n, window))
    rolling = np.interp(position, src, rolled) if n > 1 else np.full(n_points, x[0])
    coef = dct(rolling, type=2, norm="ortho")
    k = np.arange(n_points)
    # k-th DCT-II basis has frequency k / (2 n_points) per sample; sigma in samples = smoothing * n_points
    sigma = smoothing * (n_points - 1)
    coef *= np.exp(-0.5 * (np.pi * k * sigma / n_points) ** 2)
    smoothed = idct(coef, type=2, norm="ortho")
    if np.ptp(x) == 0:
        smoothed = np.full(n_points, x[0])  # exact for constants (no rounding noise)
    return pd.DataFrame({"position": position, "raw": raw, "rolling": rolling, "smoothed": smoothed})


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------- peaks
def sentence_label(sentence_id: int) -> str:
    """A sentence as readers see it: ``"S1"`` for ``sentence_id`` 0.

    Everything a reader sees numbers from 1 (sentences S1, S2, …; themes T1, T2, …), in the
    figures, the summary, the notebooks, the report and the CSV files; ``sentence_id`` in
    the pipeline's tables is the 0-based row position.
    """
    return f"S{int(sentence_id) + 1}"


PEAK_GAP = 10.0
"""Labelled peaks are at least this far apart (% of the article), so each label marks a
different moment of the article and the labels do not pile up on neighbouring sentences."""

N_PEAKS = 3
"""How many peaks the headline figure labels and the summary names."""

PEAK_RULE = (f"the {N_PEAKS} most tense sentences above the article's mean, "
             f"at least {PEAK_GAP:.0f} % of the article apart")
"""``tension_peaks``'s rule in words, for the captions of the figures that label the peaks."""


def tension_peaks(
    sentences: pd.DataFrame,
    column: str = "tension",
    n: int = N_PEAKS,
    *,
    min_gap: float = PEAK_GAP,
    text_chars: int = 90,
) -> pd.DataFrame:
    """The article's tension peaks: its most tense sentences, spread over the article.

    The one definition of "peak" that the headline figure (matplotlib and SVG), the
    summary paragraph and the report all use.  Rule: sentences in order of their own
    ``column`` value (highest first, ties by position); a sentence is taken when it lies
    above the article's mean and at least ``min_gap`` % of the article away from every
    sentence taken before; at most ``n``.  The first peak is therefore always the most
    tense sentence; an article whose sentences all score the same has none.

    Parameters
    ----------
    sentences : DataFrame
        One row per sentence in reading order, with ``sentence_id``, ``column`` and
        (optionally) ``text``.
    column : str
        The per-sentence score, in [0, 1] for tension.
    n : int
        The most peaks returned (>= 0).
    min_gap : float
        Minimum distance between two peaks, in % of the article (0..100).
    text_chars : int
        ``text`` is shortened to this many characters (with "…").

    Returns
    -------
    DataFrame
        Ranked, highest first: ``rank`` (1..), ``sentence_id`` (0-based), ``label``
        (``"S<id + 1>"``, ``sentence_label``), ``position`` (the sentence's middle,
        ``100 * (row + 0.5) / n_sentences``, 0..100 %), ``value``, ``text``.

    Raises
    ------
    InputError
        When ``column`` is missing.
    """
    if column not in sentences:
        raise InputError(f"tension_peaks needs a column {column!r}")
    cols = ["rank", "sentence_id", "label", "position", "value", "text"]
    m = len(sentences)
    if m == 0 or n <= 0:
        return pd.DataFrame(columns=cols)
    vals = sentences[column].astype(float).fillna(0.0).to_numpy()
    position = 100.0 * (np.arange(m) + 0.5) / m
    mean = float(vals.mean())
    chosen: list[int] = []
    for i in sorted(range(m), key=lambda i: (-vals[i], i)):
        if vals[i] <= mean + 1e-12 or len(chosen) == n:
            break
        if all(abs(position[i] - position[j]) >= min_gap for j in chosen):
            chosen.append(i)
    ids = sentences["sentence_id"].to_numpy() if "sentence_id" in sentences else np.arange(m)
    rows = [{"rank": rank, "sentence_id": int(ids[i]), "label": sentence_label(int(ids[i])),
             "position": float(position[i]), "value": float(vals[i]),
             "text": _short(sentences["text"].iat[i], text_chars) if "text" in sentences else ""}
            for rank, i in enumerate(chosen, start=1)]
    return pd.DataFrame(rows, columns=cols)
