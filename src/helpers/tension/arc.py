"""The tension arc: a rolling mean along the article, and its peaks."""

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


def arc_peaks(
    sentences: pd.DataFrame,
    column: str = "tension",
    n: int = 3,
    *,
    n_points: int = 101,
    text_chars: int = 90,
) -> pd.DataFrame:
    """The ``n`` highest peaks of the smoothed arc of ``column``, labelled by a sentence.

    A peak is a local maximum of ``arc(...)["smoothed"]`` (the ends count when the
    arc falls away from them); peaks closer than the smoothing width (10 % of the
    article) to a higher one are dropped.  Each is labelled with the sentence with
    the highest ``column`` value within half the rolling window of the peak's
    position.  Columns: ``rank`` (1 = highest), ``position`` (%), ``smoothed``,
    ``sentence_id``, ``value`` (the sentence's own score), ``text`` (shortened).
    """
    if column not in sentences:
        raise InputError(f"arc_peaks needs a column {column!r}")
    cols = ["rank", "position", "smoothed", "sentence_id", "value", "text"]
    if len(sentences) == 0:
        return pd.DataFrame(columns=cols)
    vals = sentences[column].astype(float).fillna(0.0).to_numpy()
    a = arc(vals, n_points=n_points)
    y = a["smoothed"].to_numpy()
    padded = np.concatenate([[-np.inf], y, [-np.inf]])
    cand = [i for i in range(len(y)) if padded[i + 1] > padded[i] and padded[i + 1] >= padded[i + 2]]
    cand.sort(key=lambda i: (-y[i], i))
    min_gap = 10.0  # % of the article
    chosen: list[int] = []
    for i in cand:
        if all(abs(a["position"].iat[i] - a["position"].iat[j]) >= min_gap for j in chosen):
            chosen.append(i)
        if len(chosen) == n:
            break
    m = len(vals)
    half = max(1, _window(m, 0.1) // 2)
    rows = []
    for rank, i in enumerate(chosen, start=1):
        pos = float(a["position"].iat[i])
        centre = int(round(pos / 100.0 * (m - 1))) if m > 1 else 0
        lo, hi = max(0, centre - half), min(m, centre + half + 1)
        j = lo + int(np.argmax(vals[lo:hi]))
        rows.append({"rank": rank, "position": pos, "smoothed": float(y[i]),
                     "sentence_id": int(sentences["sentence_id"].iat[j]), "value": float(vals[j]),
                     "text": _short(sentences["text"].iat[j], text_chars) if "text" in sentences else ""})
    return pd.DataFrame(rows, columns=cols)
