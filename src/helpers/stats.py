"""Small statistics shared by the stages."""

from __future__ import annotations

import numpy as np


def bootstrap_mean_ci(values: np.ndarray, seed: int = 0, n_boot: int = 2000, level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (seeded: the same input gives the same interval).

    One value, or ``n_boot`` 0, gives the degenerate interval ``(mean, mean)``.
    """
    x = np.asarray(values, dtype=float)
    if len(x) < 2 or n_boot <= 0:
        m = float(x.mean()) if len(x) else float("nan")
        return m, m
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, len(x), size=(n_boot, len(x)))].mean(axis=1)
    tail = 100 * (1 - level) / 2
    lo, hi = np.percentile(means, [tail, 100 - tail])
    return float(lo), float(hi)
