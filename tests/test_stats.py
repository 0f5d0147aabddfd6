"""Bootstrap interval of the mean."""

from __future__ import annotations

import numpy as np

from helpers.stats import bootstrap_mean_ci


def test_interval_contains_the_mean_and_is_seeded() -> None:
    x = np.array([0.1, 0.4, 0.2, 0.9, 0.5, 0.3])
    lo, hi = bootstrap_mean_ci(x, seed=3)
    assert lo < x.mean() < hi
    assert (lo, hi) == bootstrap_mean_ci(x, seed=3)
    # resampled means never leave the range of the data
    assert x.min() <= lo and hi <= x.max()


def test_constant_and_single_values_give_a_point() -> None:
    assert bootstrap_mean_ci(np.array([0.5, 0.5, 0.5])) == (0.5, 0.5)
    assert bootstrap_mean_ci(np.array([0.7])) == (0.7, 0.7)


def test_wider_with_fewer_values() -> None:
    rng = np.random.default_rng(0)
    big = rng.normal(size=400)
    small = big[:10]
    lo_b, hi_b = bootstrap_mean_ci(big)
    lo_s, hi_s = bootstrap_mean_ci(small)
    assert hi_s - lo_s > hi_b - lo_b
