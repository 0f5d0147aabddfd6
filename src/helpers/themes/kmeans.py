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

from helpers.base import Estimator as BaseEstimator


class Estimator(BaseEstimator):
    """The estimator protocol (``helpers.base.Estimator``) for clusterers: ``fit_predict``."""

    _estimator_type = "clusterer"

    def fit_predict(self, x: Any, y: Any = None, **kwargs: Any) -> np.ndarray:
        """Fit and return the cluster of each row."""
        return self.fit(x, **kwargs).labels_  # type: ignore[attr-defined]


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


class BatchKMeans(Estimator):
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
        """Cluster the rows of ``x`` (dense or sparse, or a ``Space`` to share its products
        between several fits of the same rows)."""
        space = x if isinstance(x, Space) else Space(x)
        x = space.x
        n = x.shape[0]
        k = int(self.n_clusters)
        if not 1 <= k <= n:
            raise ValueError(f"n_clusters={k} must be between 1 and the number of rows ({n})")
        rng = np.random.RandomState(int(self.random_state))
        b = max(1, int(self.n_init))
        chosen = self._seed(space, k, b, rng)  # (b, k) row indices
        # A centre is a weighted mean of rows: column b*k+c of ``w`` holds its weights.
        w = np.zeros((n, b * k))
        w[chosen.ravel(), np.arange(b * k)] = 1.0
        cross, norms = space.cross(w)
        tol = float(self.tol) * space.mean_variance
        labels = np.full((b, n), -1)
        n_iter = 0
        for n_iter in range(1, int(self.max_iter) + 1):
            new_labels = self._nearest(space, cross, norms, b, k)[0]
            new_w = self._means(new_labels, w, b, k)
            new_cross, new_norms = space.cross(new_w)
            # squared shift of each centre: |m_new|^2 - 2 m_new.m_old + |m_old|^2
            shift = (new_norms - 2.0 * np.einsum("nj,nj->j", new_w, cross) + norms).reshape(b, k).sum(axis=1)
            w, cross, norms = new_w, new_cross, new_norms
            if np.array_equal(new_labels, labels) or np.all(shift <= tol):
                labels = new_labels
                break
            labels = new_labels
        labels, inertia = self._nearest(space, cross, norms, b, k)
        best = int(np.argmin(inertia))  # first of equal inertias
        self.labels_ = labels[best].astype(int)
        self.cluster_centers_ = _dense(x.T @ w[:, best * k:(best + 1) * k]).T
        self.inertia_ = float(inertia[best])
        self.n_iter_ = n_iter
        return self

    def predict(self, x: Any) -> np.ndarray:
        """Index of the nearest fitted centre for each row of ``x``."""
        x = _as_matrix(x)
        c = self.cluster_centers_
        d = _row_sq_norms(x)[:, None] - 2.0 * _dense(x @ c.T) + np.einsum("kd,kd->k", c, c)[None, :]
        return d.argmin(axis=1).astype(int)

    @staticmethod
    def _seed(space: "Space", k: int, b: int, rng: np.random.RandomState) -> np.ndarray:
        """Greedy k-means++ (Arthur & Vassilvitskii 2007, as in scikit-learn) for ``b`` restarts
        at once: the chosen rows, ``(b, k)``."""
        n = space.n
        trials = 2 + int(math.log(k))
        chosen = np.empty((b, k), dtype=int)
        chosen[:, 0] = rng.randint(n, size=b)
        closest = space.sq_distances(chosen[:, 0])  # (b, n)
        potential = closest.sum(axis=1)
        rows = np.arange(b)
        for c in range(1, k):
            cumulative = np.cumsum(closest, axis=1)
            draws = rng.uniform(size=(b, trials)) * potential[:, None]
            candidates = np.minimum((cumulative[:, None, :] < draws[:, :, None]).sum(axis=2), n - 1)
            dist = space.sq_distances(candidates.ravel()).reshape(b, trials, n)
            np.minimum(dist, closest[:, None, :], out=dist)
            pots = dist.sum(axis=2)
            best = pots.argmin(axis=1)
            closest = dist[rows, best]
            potential = pots[rows, best]
            chosen[:, c] = candidates[rows, best]
        return chosen

    @staticmethod
    def _nearest(space: "Space", cross: np.ndarray, norms: np.ndarray, b: int, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Nearest centre per restart and row ``(b, n)``, and each restart's inertia ``(b,)``."""
        dist = (space.sq[:, None] - 2.0 * cross + norms[None, :]).reshape(-1, b, k).transpose(1, 0, 2)
        labels = dist.argmin(axis=2)
        nearest = np.maximum(np.take_along_axis(dist, labels[:, :, None], axis=2)[:, :, 0], 0.0)
        return labels, nearest.sum(axis=1)

    @staticmethod
    def _means(labels: np.ndarray, w: np.ndarray, b: int, k: int) -> np.ndarray:
        """Weights of each cluster's mean; a cluster left empty keeps its centre."""
        n = labels.shape[1]
        cols = (labels + np.arange(b)[:, None] * k).ravel()
        out = np.zeros_like(w)
        out[np.tile(np.arange(n), b), cols] = 1.0
        counts = out.sum(axis=0)
        filled = counts > 0
        out[:, filled] /= counts[filled]
        out[:, ~filled] = w[:, ~filled]
        return out


class Space:
    """The rows to cluster, with the products k-means needs: through the Gram matrix
    ``x x^T`` when there are fewer rows than columns (a short article: 40 x 300), else
    through ``x`` itself (sparse, long articles)."""

    def __init__(self, x: Any) -> None:
        x = _as_matrix(x)
        self.x = x
        self.n = x.shape[0]
        self.sq = _row_sq_norms(x)
        self.gram = _dense(x @ x.T) if not sparse.issparse(x) and self.n <= x.shape[1] else None
        if sparse.issparse(x):
            mean_sq = np.asarray(x.multiply(x).mean(axis=0)).ravel()
            col_mean = np.asarray(x.mean(axis=0)).ravel()
        else:
            mean_sq, col_mean = (x * x).mean(axis=0), x.mean(axis=0)
        self.mean_variance = float(np.mean(mean_sq - col_mean**2))

    def cross(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``x . m`` for every row and every centre ``m = x^T w_j`` ``(n, m)``, and ``|m|^2``."""
        cross = self.gram @ w if self.gram is not None else _dense(self.x @ _dense(self.x.T @ w))
        return cross, np.einsum("nj,nj->j", w, cross)

    def sq_distances(self, rows: np.ndarray) -> np.ndarray:
        """Squared Euclidean distances from the rows ``rows`` to every row, ``(len(rows), n)``."""
        if self.gram is not None:
            d = self.sq[rows][:, None] - 2.0 * self.gram[rows] + self.sq[None, :]
            return np.maximum(d, 0.0, out=d)
        return _sq_distances(self.x, self.sq, rows)


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
