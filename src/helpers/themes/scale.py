"""The theme stage for long articles: the same TF-IDF + KMeans, in a reduced space and on a sample.

Below ``EXACT_MAX_SENTENCES`` sentences (every development article, and nearly every
news article) the theme model runs exactly as before. Above it the exact path grows as
n^1.5 and worse: the paragraph mix makes every row dense when the paragraph is the whole
article, the silhouette needs all n^2 distances, and thirteen k-means fits with ten
restarts each run over all rows. Longer articles therefore take the standard shortcuts
(measurements in ``docs/themes.md``):

1. **LSA.** The sentence TF-IDF (sparse) is projected on its top ``LSA_DIMS`` right
   singular vectors (``randomized_svd``: Halko, Martinsson & Tropp 2011, numpy and scipy
   only, so the analysis still does not import scikit-learn). The paragraph mix, the
   neighbour smoothing, the row normalisation and the position column are then applied
   in that space, where every row has ``LSA_DIMS`` numbers whatever the paragraphs are.
   The mixing steps are linear, so before the normalisation this is exactly the
   projection of the exact features.
2. **k on a sample.** k is chosen, and the stability runs made, on ``SAMPLE_SIZE``
   rows drawn with the seed (the silhouette of a sample, as scikit-learn's
   ``silhouette_score(sample_size=...)``), with the same criterion and restarts.
3. **The final fit from the sample's.** The best sample clustering's centres start
   Lloyd iterations over all rows (``refine``): one restart over n rows instead of ten.

Same seed -> identical output (every random draw comes from a seeded ``RandomState``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse

#: Articles with more sentences than this take the reduced path (the exact path is kept
#: for shorter ones: it is what the development articles, 11-61 sentences, measure).
EXACT_MAX_SENTENCES = 300

#: Dimensions of the LSA space (capped at the matrix's rank).
LSA_DIMS = 100

#: Dimensions kept of the sentence-encoder block on the reduced path (its top principal
#: directions): the 384 e5 dimensions would make every row ~5x longer than the LSA's 100
#: (the fit 2.6x slower at 2,200 sentences); 50 keep it about as long as it costs.
EMBED_DIMS = 50

#: Rows on which k is chosen and the stability runs are made.
SAMPLE_SIZE = 1000


def randomized_svd(a: Any, rank: int, seed: int = 0, oversample: int = 10, n_iter: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Top ``rank`` singular values and right singular vectors ``(s, vt)`` of ``a`` (sparse or
    dense): a Gaussian range finder with ``n_iter`` power iterations (QR between them), then
    the SVD of the small projected matrix. Signs are fixed (largest entry of each row of
    ``vt`` positive), so the result depends only on ``a``, ``rank`` and ``seed``."""
    n, m = a.shape
    width = min(rank + oversample, n, m)
    rng = np.random.RandomState(seed)
    q = np.asarray(a @ rng.standard_normal((m, width)))
    for _ in range(n_iter):
        q, _ = np.linalg.qr(q)
        q = np.asarray(a @ np.asarray(a.T @ q))
    q, _ = np.linalg.qr(q)
    b = np.asarray((a.T @ q).T)  # (width, m)
    _, s, vt = np.linalg.svd(b, full_matrices=False)
    s, vt = s[:rank], vt[:rank]
    signs = np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])
    signs[signs == 0] = 1.0
    return s, vt * signs[:, None]


def lsa_basis(tfidf: sparse.csr_matrix, dims: int = LSA_DIMS) -> np.ndarray:
    """Orthonormal rows ``(d, vocabulary)`` spanning the top of the TF-IDF's row space."""
    rank = max(1, min(dims, tfidf.shape[0] - 1, tfidf.shape[1]))
    return randomized_svd(tfidf, rank, seed=0)[1]


def embedding_basis(vectors: np.ndarray, dims: int = EMBED_DIMS) -> np.ndarray:
    """Orthonormal rows ``(d, dim)`` spanning the top of the centred sentence vectors' row
    space (``features.embedding_block`` projects on it); ``d = min(dims, n - 1, dim)``."""
    z = np.asarray(vectors, dtype=float)
    z = z - z.mean(axis=0)
    z = z / np.maximum(np.linalg.norm(z, axis=1), 1e-12)[:, None]
    rank = max(1, min(dims, z.shape[0] - 1, z.shape[1]))
    return randomized_svd(z, rank, seed=0)[1]


def sample_rows(n: int, size: int, seed: int) -> np.ndarray:
    """``size`` row indices out of ``n`` (all when ``n <= size``), sorted, drawn with ``seed``."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.RandomState(seed).choice(n, size=size, replace=False))


def refine(x: np.ndarray, centres: np.ndarray, max_iter: int = 300, tol: float = 1e-4) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd iterations over all rows of dense ``x`` from ``centres`` (k, d): labels and centres.

    Stops when the assignments repeat or the centres move less than ``tol`` times the mean
    column variance (scikit-learn's rule); an empty cluster keeps its centre."""
    x = np.asarray(x, dtype=float)
    c = np.array(centres, dtype=float)
    k = len(c)
    x_sq = np.einsum("ij,ij->i", x, x)
    tol_abs = float(tol) * float(np.mean(x.var(axis=0))) if len(x) else 0.0
    labels = np.full(len(x), -1)
    for _ in range(max_iter):
        d = x_sq[:, None] - 2.0 * (x @ c.T) + np.einsum("kd,kd->k", c, c)[None, :]
        new = d.argmin(axis=1)
        counts = np.bincount(new, minlength=k)
        sums = sparse.csr_matrix((np.ones(len(x)), (new, np.arange(len(x)))), shape=(k, len(x))) @ x
        moved = c.copy()
        filled = counts > 0
        moved[filled] = sums[filled] / counts[filled, None]
        shift = float(((moved - c) ** 2).sum())
        c = moved
        if np.array_equal(new, labels) or shift <= tol_abs:
            labels = new
            break
        labels = new
    return labels.astype(int), c
