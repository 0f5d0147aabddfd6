"""k-means for one article, with all restarts computed together.

``themes`` fits KMeans about a dozen times per article (a k scan, the final fit and
the stability runs), each with ten restarts. scikit-learn's ``KMeans`` handles the
restarts one after another, and on a 40-sentence article its per-call overhead
(validation, k-means++ one candidate batch at a time) costs far more than the
arithmetic. ``BatchKMeans`` runs the same algorithm as ``KMeans(init="k-means++",
algorithm="lloyd")`` - greedy k-means++ seeding with ``2 + ln k`` candidates per step,
Lloyd iterations until the assignments stop changing or the centres move less than
``tol`` (relative to the data's variance, as scikit-learn), best of ``n_init`` by
inertia - but on all restarts at once, as a few array operations per step. Its random
stream is its own, so its clusterings are not scikit-learn's, only as good.

``silhouette_scores`` and ``adjusted_rand`` give scikit-learn's ``silhouette_score``
and ``adjusted_rand_score`` (tested against them); the silhouettes of several
labelings of one matrix share one pass over the pairwise distances.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClusterMixin

_CHUNK_ROWS = 1024
"""Rows of the pairwise-distance matrix computed at a time (memory stays O(chunk × n))."""


def _as_matrix(x: Any) -> Any:
    if sparse.issparse(x):
        return sparse.csr_matrix(x, dtype=np.float64)
    return np.ascontiguousarray(np.asarray(x, dtype=np.float64))


def _row_sq_norms(x: Any) -> np.ndarray:
    if sparse.issparse(x):
        return np.asarray(x.multiply(x).sum(axis=1)).ravel()
    return np.einsum("ij,ij->i", x, x)


def _dense(m: Any) -> np.ndarray:
    return m.toarray() if sparse.issparse(m) else np.asarray(m)


def _sq_distances(x: Any, x_sq: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances from the points ``rows`` to every point, ``(len(rows), n)``."""
    d = x_sq[rows][:, None] - 2.0 * _dense(x[rows] @ x.T) + x_sq[None, :]
    return np.maximum(d, 0.0, out=d)


class BatchKMeans(ClusterMixin, BaseEstimator):
    """k-means (k-means++ seeding, Lloyd iterations) with the ``n_init`` restarts run together.

    Parameters as scikit-learn's ``KMeans``; ``random_state`` must be an int (same
    seed -> identical result). After ``fit``: ``labels_``, ``cluster_centers_``
    (dense), ``inertia_``, ``n_iter_``.
    """

    def __init__(self, n_clusters: int = 8, n_init: int = 10, max_iter: int = 300, tol: float = 1e-4,
                 random_state: int = 0) -> None:
        self.n_clusters = n_clusters
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, x: Any, y: Any = None) -> "BatchKMeans":
        """Cluster the rows of ``x`` (dense or sparse)."""
        x = _as_matrix(x)
        n = x.shape[0]
        k = int(self.n_clusters)
        if not 1 <= k <= n:
            raise ValueError(f"n_clusters={k} must be between 1 and the number of rows ({n})")
        rng = np.random.RandomState(int(self.random_state))
        x_sq = _row_sq_norms(x)
        b = max(1, int(self.n_init))
        centers = self._seed(x, x_sq, k, b, rng)  # (b, k, d)
        if sparse.issparse(x):
            mean_sq = np.asarray(x.multiply(x).mean(axis=0)).ravel()
            col_mean = np.asarray(x.mean(axis=0)).ravel()
        else:
            mean_sq, col_mean = (x * x).mean(axis=0), x.mean(axis=0)
        tol = float(self.tol) * float(np.mean(mean_sq - col_mean**2))
        labels = np.full((b, n), -1)
        n_iter = 0
        for n_iter in range(1, int(self.max_iter) + 1):
            new_labels = self._assign(x, x_sq, centers)[0]
            new_centers = self._means(x, new_labels, centers)
            shift = ((new_centers - centers) ** 2).sum(axis=(1, 2))
            centers = new_centers
            if np.array_equal(new_labels, labels) or np.all(shift <= tol):
                labels = new_labels
                break
            labels = new_labels
        labels, inertia = self._assign(x, x_sq, centers)
        best = int(np.argmin(inertia))  # first of equal inertias
        self.labels_ = labels[best].astype(int)
        self.cluster_centers_ = centers[best]
        self.inertia_ = float(inertia[best])
        self.n_iter_ = n_iter
        return self

    def predict(self, x: Any) -> np.ndarray:
        """Index of the nearest fitted centre for each row of ``x``."""
        x = _as_matrix(x)
        return self._assign(x, _row_sq_norms(x), self.cluster_centers_[None])[0][0].astype(int)

    @staticmethod
    def _seed(x: Any, x_sq: np.ndarray, k: int, b: int, rng: np.random.RandomState) -> np.ndarray:
        """Greedy k-means++ (Arthur & Vassilvitskii 2007, as in scikit-learn) for ``b`` restarts at once."""
        n = x.shape[0]
        trials = 2 + int(math.log(k))
        chosen = np.empty((b, k), dtype=int)
        chosen[:, 0] = rng.randint(n, size=b)
        closest = _sq_distances(x, x_sq, chosen[:, 0])  # (b, n)
        potential = closest.sum(axis=1)
        rows = np.arange(b)
        for c in range(1, k):
            cumulative = np.cumsum(closest, axis=1)
            draws = rng.uniform(size=(b, trials)) * potential[:, None]
            candidates = np.minimum((cumulative[:, None, :] < draws[:, :, None]).sum(axis=2), n - 1)
            dist = _sq_distances(x, x_sq, candidates.ravel()).reshape(b, trials, n)
            np.minimum(dist, closest[:, None, :], out=dist)
            pots = dist.sum(axis=2)
            best = pots.argmin(axis=1)
            closest = dist[rows, best]
            potential = pots[rows, best]
            chosen[:, c] = candidates[rows, best]
        return np.stack([_dense(x[chosen[i]]) for i in range(b)])

    @staticmethod
    def _assign(x: Any, x_sq: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Nearest centre per restart and row ``(b, n)``, and each restart's inertia ``(b,)``."""
        b, k, d = centers.shape
        cross = _dense(x @ centers.reshape(b * k, d).T).reshape(-1, b, k).transpose(1, 0, 2)
        dist = x_sq[None, :, None] - 2.0 * cross + np.einsum("bkd,bkd->bk", centers, centers)[:, None, :]
        labels = dist.argmin(axis=2)
        nearest = np.maximum(np.take_along_axis(dist, labels[:, :, None], axis=2)[:, :, 0], 0.0)
        return labels, nearest.sum(axis=1)

    @staticmethod
    def _means(x: Any, labels: np.ndarray, centers: np.ndarray) -> np.ndarray:
        """Each cluster's mean; a cluster left empty keeps its centre."""
        b, k, d = centers.shape
        n = x.shape[0]
        cols = (labels + np.arange(b)[:, None] * k).ravel()
        onehot = np.zeros((n, b * k))
        onehot[np.tile(np.arange(n), b), cols] = 1.0
        sums = (_dense(x.T @ onehot).T if sparse.issparse(x) else onehot.T @ x).reshape(b, k, d)
        counts = np.bincount(cols, minlength=b * k).reshape(b, k)
        out = centers.copy()
        filled = counts > 0
        out[filled] = sums[filled] / counts[filled][:, None]
        return out


def silhouette_scores(x: Any, labelings: list[np.ndarray]) -> list[float]:
    """scikit-learn's ``silhouette_score`` (Euclidean) of each labeling of the rows of ``x``.

    One pass over the pairwise distances, ``_CHUNK_ROWS`` rows at a time. A labeling
    with fewer than 2 or as many clusters as rows gets -1.0 (silhouette undefined).
    """
    x = _as_matrix(x)
    n = x.shape[0]
    x_sq = _row_sq_norms(x)
    valid = [1 < len(np.unique(lab)) < n for lab in labelings]
    onehots, sizes = [], []
    for lab, ok in zip(labelings, valid):
        codes = np.unique(np.asarray(lab), return_inverse=True)[1].ravel() if ok else np.zeros(n, dtype=int)
        onehots.append(np.eye(codes.max() + 1)[codes])
        sizes.append(np.bincount(codes))
    scores = [np.zeros(n) for _ in labelings]
    for start in range(0, n, _CHUNK_ROWS):
        rows = np.arange(start, min(n, start + _CHUNK_ROWS))
        dist = np.sqrt(_sq_distances(x, x_sq, rows))
        dist[np.arange(len(rows)), rows] = 0.0
        for i, (onehot, size, ok) in enumerate(zip(onehots, sizes, valid)):
            if not ok:
                continue
            own = onehot[rows].argmax(axis=1)
            sums = dist @ onehot  # (rows, clusters)
            own_size = size[own]
            a = sums[np.arange(len(rows)), own] / np.maximum(own_size - 1, 1)
            means = sums / size[None, :]
            means[np.arange(len(rows)), own] = np.inf
            b_ = means.min(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                s = (b_ - a) / np.maximum(a, b_)
            s[(own_size <= 1) | ~np.isfinite(s)] = 0.0
            scores[i][rows] = s
    return [float(np.mean(s)) if ok else -1.0 for s, ok in zip(scores, valid)]


def adjusted_rand(a: np.ndarray, b: np.ndarray) -> float:
    """Adjusted Rand index of two labelings (Hubert & Arabie 1985), as scikit-learn's."""
    a = np.unique(np.asarray(a), return_inverse=True)[1].ravel()
    b = np.unique(np.asarray(b), return_inverse=True)[1].ravel()
    n = len(a)
    if n < 2:
        return 1.0
    table = np.zeros((a.max() + 1, b.max() + 1), dtype=np.int64)
    np.add.at(table, (a, b), 1)
    pairs = lambda m: float((m * (m - 1)).sum()) / 2.0  # noqa: E731
    index = pairs(table)
    rows, cols = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    total = n * (n - 1) / 2.0
    expected = rows * cols / total
    maximum = (rows + cols) / 2.0
    if maximum == expected:  # both labelings trivial in the same way
        return 1.0
    return (index - expected) / (maximum - expected)
