"""How many themes: candidate k, the silhouette/stability/prior criterion, and the k-means runs behind it."""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from helpers.themes.kmeans import BatchKMeans, Space, adjusted_rand, silhouette_scores


# ----------------------------------------------------------------------------- k
#: The fewest themes a reader summarises a news article with: the annotation guide asks for
#: 3-7, and the development annotators use 3-7 on articles of 11-61 sentences. The value
#: (0, 3, 4 or 5 tried) was chosen by leave-one-article-out cross-validation (``docs/themes.md``).
K_FLOOR = 4


def k_prior(n_sentences: int, k_floor: int = K_FLOOR) -> float:
    """Length prior for the number of themes: ``sqrt(n / 2)`` (the classic rule of thumb
    for k), e.g. 26 sentences -> 3.6, 42 -> 4.6, 61 -> 5.5, but at least ``k_floor``: a short
    article still has the few themes a reader names (``K_FLOOR``)."""
    return max(float(k_floor), math.sqrt(max(n_sentences, 1) / 2.0))


def k_range(n_sentences: int, k_max: int = 10, k_floor: int = K_FLOOR) -> list[int]:
    """Candidate k: from 2 up to min(k_max, n // 4) (at least ~4 sentences a theme), but up to
    at least ``k_floor + 1`` (and below n) so that the prior's centre is a candidate on short
    articles too; at least [2]."""
    hi = max(min(k_max, n_sentences // 4), min(k_floor + 1, k_max, n_sentences - 1), 2)
    return list(range(2, hi + 1))


@lru_cache(maxsize=1)
def _threadpools() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # the BLAS (and any OpenMP runtime) loaded by then


def single_thread() -> Any:
    """Context manager: BLAS and OpenMP limited to one thread (restored on exit).

    One article's matrices are small: with one thread the theme model is as fast as
    with two (seed 0.103 vs 0.105 s, 1,100 sentences 1.41 vs 1.43 s), while OpenMP
    threads that spin for work make two analyses at once collapse: two batch
    processes side by side took 38.9 s each instead of 5.7 s. ~10 µs per call.
    """
    return _threadpools().limit(limits=1)


class KMeansCache:
    """The k-means fits of one feature matrix by ``(k, seed, n_init)``, and the matrix's
    products (``clustering.Space``): choosing k, the final fit and the stability runs ask
    for some of the same fits, which are deterministic, and all use the same products."""

    def __init__(self) -> None:
        self.fits: dict[tuple[int, int, int], tuple[np.ndarray, np.ndarray]] = {}
        self.space: Space | None = None


def _kmeans(x: Any, k: int, seed: int, n_init: int, cache: KMeansCache | None = None) -> tuple[np.ndarray, np.ndarray]:
    cache = cache if cache is not None else KMeansCache()
    key = (k, seed, n_init)
    if key not in cache.fits:
        if cache.space is None:
            cache.space = _space(x)
        km = BatchKMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(cache.space)
        cache.fits[key] = (km.labels_, km.cluster_centers_)
    return cache.fits[key]


def _space(x: Any) -> Space:
    if sparse.issparse(x) and x.shape[0] <= 200:
        x = x.toarray()  # short articles: dense products are faster; long ones stay sparse
    return Space(x)


def choose_k(
    x: Any,
    candidates: list[int],
    prior: float,
    seed: int = 0,
    n_init: int = 10,
    prior_sd: float = math.log(2.0),
    criterion: str = "silhouette",
    n_seeds: int = 5,
    cache: KMeansCache | None = None,
) -> tuple[int, pd.DataFrame]:
    """Pick k by ``score = fit(k) + log prior(k)``.

    The prior is log-normal, centred on ``prior`` (``k_prior``: sqrt(n/2)) with
    a standard deviation of ``prior_sd`` in ln k (a factor of 2):
    ``log prior = -(ln k - ln prior)^2 / (2 sd^2)``.  ``fit(k)`` is, for
    ``criterion="silhouette"`` (default), the silhouette of the KMeans
    clustering; for ``"stability"`` the mean pairwise ARI between KMeans runs
    with ``n_seeds`` seeds (a k that matches real structure is reproducible:
    Ben-Hur et al. 2002, Lange et al. 2004; ``stability`` is NaN otherwise).
    On its own the silhouette rises with k on these features (the position
    column keeps splitting blocks) and picks the top of the range; within the
    prior it acts as a tie-breaker that moves k to a neighbour where the
    blocks separate better.  Measured on the development articles: prior +
    silhouette 0.61 mean ARI, prior + stability 0.58, prior alone 0.62,
    silhouette alone 0.25-0.54 (planning) - all within noise of each other
    except silhouette alone.
    Returns the chosen k (ties: smaller k) and a table with columns
    ``k, silhouette, stability, log_prior, score``.
    """
    if criterion not in ("stability", "silhouette"):
        raise ValueError(f"criterion must be 'stability' or 'silhouette', not {criterion!r}")
    rows = []
    n_runs = max(1, n_seeds) if criterion == "stability" else 1
    runs_by_k = [[_kmeans(x, k, seed + i, n_init, cache)[0] for i in range(n_runs)] for k in candidates]
    silhouettes = silhouette_scores(x, [runs[0] for runs in runs_by_k])
    for k, runs, sil in zip(candidates, runs_by_k, silhouettes):
        stab = _mean_pairwise_ari(runs) if len(runs) > 1 else np.nan
        lp = -((math.log(k) - math.log(prior)) ** 2) / (2 * prior_sd**2)
        fit = stab if criterion == "stability" else sil
        rows.append({"k": k, "silhouette": sil, "stability": stab, "log_prior": lp, "score": fit + lp})
    table = pd.DataFrame(rows, columns=["k", "silhouette", "stability", "log_prior", "score"])
    best = int(table.loc[table["score"].idxmax(), "k"]) if len(table) else 1
    return best, table


def stability(x: Any, k: int, seeds: list[int], n_init: int = 10, cache: KMeansCache | None = None) -> float:
    """Mean pairwise ARI between the KMeans assignments of several seeds (1.0 = stable)."""
    if k <= 1 or len(seeds) < 2:
        return 1.0
    return _mean_pairwise_ari([_kmeans(x, k, s, n_init, cache)[0] for s in seeds])


def _mean_pairwise_ari(runs: list[np.ndarray]) -> float:
    return float(np.mean([adjusted_rand(a, b) for a, b in combinations(runs, 2)]))


def _relabel_by_first_appearance(labels: np.ndarray) -> np.ndarray:
    order: dict[int, int] = {}
    for lab in labels.tolist():
        order.setdefault(lab, len(order))
    return np.array([order[lab] for lab in labels.tolist()], dtype=int)
