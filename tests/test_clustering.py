"""BatchKMeans, silhouettes and ARI: checked against scikit-learn and against what k-means must satisfy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

from helpers.themes import kmeans as clustering
from helpers.themes.kmeans import BatchKMeans, adjusted_rand, silhouette_scores


def _blobs(rng: np.random.RandomState, per: int = 15) -> tuple[np.ndarray, np.ndarray]:
    corners = np.array([[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], dtype=float)
    x = np.vstack([c + rng.randn(per, 3) for c in corners])
    return x, np.repeat(np.arange(len(corners)), per)


def test_separated_blobs_are_found() -> None:
    x, truth = _blobs(np.random.RandomState(0))
    km = BatchKMeans(4, random_state=3).fit(x)
    assert adjusted_rand_score(truth, km.labels_) == 1.0
    # the blobs are the global optimum, so scikit-learn must reach the same inertia
    assert km.inertia_ == pytest.approx(KMeans(4, n_init=10, random_state=0).fit(x).inertia_, rel=1e-9)


def test_result_is_a_lloyd_fixed_point() -> None:
    rng = np.random.RandomState(1)
    x = rng.rand(60, 5)
    km = BatchKMeans(5, random_state=0).fit(x)
    for c in range(5):  # every centre is the mean of its points
        assert np.allclose(km.cluster_centers_[c], x[km.labels_ == c].mean(axis=0))
    d = ((x[:, None, :] - km.cluster_centers_[None]) ** 2).sum(axis=2)
    assert np.array_equal(km.labels_, d.argmin(axis=1))  # every point is with its nearest centre
    assert km.inertia_ == pytest.approx(d.min(axis=1).sum())
    assert np.array_equal(km.predict(x), km.labels_)


def test_same_seed_same_result_dense_or_sparse() -> None:
    x = np.random.RandomState(2).rand(40, 8) * (np.random.RandomState(3).rand(40, 8) > 0.6)
    a = BatchKMeans(4, random_state=7).fit(x)
    b = BatchKMeans(4, random_state=7).fit(sparse.csr_matrix(x))
    assert np.array_equal(a.labels_, b.labels_)
    assert np.array_equal(a.labels_, BatchKMeans(4, random_state=7).fit(x).labels_)


def test_bad_k_is_refused() -> None:
    with pytest.raises(ValueError, match="n_clusters"):
        BatchKMeans(5).fit(np.zeros((3, 2)))


@pytest.mark.parametrize("chunk", [1024, 7])
def test_silhouettes_equal_scikit_learn(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clustering, "_CHUNK_ROWS", chunk)
    rng = np.random.RandomState(5)
    for n in (3, 17, 45):
        x = rng.rand(n, 6)
        labelings = [rng.randint(0, k, n) for k in (2, 3, 5)] + [np.zeros(n, dtype=int), np.arange(n)]
        ours = silhouette_scores(x, labelings)
        for labels, value in zip(labelings, ours):
            if 1 < len(set(labels.tolist())) < n:
                assert value == pytest.approx(silhouette_score(x, labels), abs=1e-9)
            else:
                assert value == -1.0
    xs = sparse.random(30, 20, density=0.3, random_state=0, format="csr")
    labels = rng.randint(0, 4, 30)
    assert silhouette_scores(xs, [labels])[0] == pytest.approx(silhouette_score(xs, labels), abs=1e-9)


def test_adjusted_rand_equals_scikit_learn() -> None:
    rng = np.random.RandomState(6)
    for _ in range(300):
        n = rng.randint(1, 30)
        a, b = rng.randint(0, rng.randint(1, 6), n), rng.randint(0, rng.randint(1, 6), n)
        assert adjusted_rand(a, b) == pytest.approx(adjusted_rand_score(a, b), abs=1e-12)
    assert adjusted_rand([0, 0, 1, 1], [5, 5, 3, 3]) == 1.0  # the names of the clusters do not matter


def test_models_follow_the_scikit_learn_estimator_protocol() -> None:
    from sklearn.base import clone

    from helpers.themes.model import ThemeModel

    model = ThemeModel(k=4, seed=3)
    copy = clone(model)
    assert copy is not model and copy.get_params() == model.get_params()
    assert copy.set_params(k=5).k == 5 and model.k == 4
    assert repr(model) == "ThemeModel(k=4, seed=3)"
    with pytest.raises(ValueError, match="invalid parameter"):
        model.set_params(n_clusters=3)
    x, _ = _blobs(np.random.RandomState(8))
    assert np.array_equal(clone(BatchKMeans(4, random_state=1)).fit_predict(x), BatchKMeans(4, random_state=1).fit(x).labels_)


@pytest.mark.slow  # new processes or figures: kept out of make quick
def test_analysis_does_not_import_scikit_learn(seed_path) -> None:
    """scikit-learn's import costs a new process ~1 s (notebook kernels, batch workers)."""
    import subprocess
    import sys

    code = ("import sys; from helpers.analysis import analyze; analyze(sys.argv[1]); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'matplotlib'}))")
    out = subprocess.run([sys.executable, "-c", code, str(seed_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
