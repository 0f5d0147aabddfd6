"""Plain baselines the project is compared with."""

from __future__ import annotations

import numpy as np


# ------------------------------------------------------------------------- bench
def plain_baseline(texts: list[str], k: int, seed: int) -> np.ndarray:
    """The plain baseline: ``TfidfVectorizer()`` + ``KMeans(k)`` over single sentences."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer().fit_transform(texts)
    k = max(1, min(k, x.shape[0]))
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
