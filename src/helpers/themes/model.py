"""The theme stage's estimator: TF-IDF features, KMeans with k chosen, labels."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from helpers.themes.choose_k import (
    K_FLOOR,
    KMeansCache,
    _kmeans,
    _relabel_by_first_appearance,
    choose_k,
    k_prior,
    k_range,
    single_thread,
    stability,
)
from helpers.themes.features import embedding_block, join_blocks, mix_context, tfidf_matrix
from helpers.themes.kmeans import Estimator
from helpers.themes.labels import describe_themes
from helpers.themes.scale import (
    EXACT_MAX_SENTENCES,
    SAMPLE_SIZE,
    embedding_basis,
    lsa_basis,
    refine,
    sample_rows,
)

#: Default ``embedding_weight``: share of the squared feature distances carried by the
#: sentence-encoder block, chosen by leave-one-article-out cross-validation over the
#: 22 development articles (``docs/themes.md``).
EMBEDDING_WEIGHT = 0.7

#: Articles with fewer sentences than this get a single theme.
MIN_SENTENCES = 6


# ------------------------------------------------------------------------- model
class ThemeModel(Estimator):
    """Theme clustering of one article's sentences (scikit-learn style).

    ``fit(sentences, tokens)`` takes the foundation's sentence table
    (``helpers.sentences``) and token table (``helpers.tokens``; computed when
    omitted).  After fitting:

    - ``labels_``: theme per sentence (ints numbered by first appearance),
    - ``k_``: number of themes, ``k_scores_``: criterion per candidate k
      (DataFrame ``k, silhouette, stability, log_prior, score``; empty when
      k is fixed),
    - ``themes_``: ``describe_themes`` table, ``stability_``: mean pairwise ARI
      over ``n_stability`` seeds (``seed, seed+1, ...``),
    - ``notes_``: list of human-readable notes, ``idf_kind_``: IDF used.

    Parameters: ``k`` ("auto" or int), ``seed``, ``idf`` ("local", the default;
    "background" with the optional ``wordfreq``; "auto" = background when
    ``wordfreq`` is importable else local; "none"),
    ``common_zipf`` (background: drop words with Zipf frequency >= this),
    ``max_df`` (local: drop terms in more than this share of sentences),
    ``paragraph_weight``, ``smooth_weight``, ``position_weight``,
    ``heading_joins_next``, ``use_parts`` (add compound parts as terms),
    ``embedding_weight`` (share of the squared distances carried by the sentence-encoder
    block, ``features.embedding_block``; 0 = TF-IDF alone, the model before issue 17;
    chosen by leave-one-article-out cross-validation, ``docs/themes.md``),
    ``k_max``, ``k_floor`` (fewest themes the prior expects, ``choose_k.K_FLOOR``; 0 = the
    length prior alone, as before issue 17), ``k_criterion`` ("stability" or "silhouette", see ``choose_k``),
    ``n_init``, ``n_stability``, ``exact_max`` (longer articles take the reduced path of
    ``helpers.themes.scale``: LSA features, k and stability on a sample; ``features_`` is
    then dense, ``(n, LSA dimensions + 1)``, plus ``scale.EMBED_DIMS`` columns of the
    encoder block when it is used). ``uses_embeddings_`` says whether it was.
    """

    def __init__(
        self,
        k: int | str = "auto",
        seed: int = 0,
        idf: str = "local",
        common_zipf: float = 5.5,
        max_df: float = 0.5,
        paragraph_weight: float = 0.5,
        smooth_weight: float = 0.5,
        position_weight: float = 1.0,
        heading_joins_next: bool = True,
        use_parts: bool = False,
        embedding_weight: float = EMBEDDING_WEIGHT,
        k_max: int = 10,
        k_floor: int = K_FLOOR,
        k_criterion: str = "silhouette",
        n_init: int = 10,
        n_stability: int = 5,
        exact_max: int = EXACT_MAX_SENTENCES,
    ) -> None:
        self.k = k
        self.seed = seed
        self.idf = idf
        self.common_zipf = common_zipf
        self.max_df = max_df
        self.paragraph_weight = paragraph_weight
        self.smooth_weight = smooth_weight
        self.position_weight = position_weight
        self.heading_joins_next = heading_joins_next
        self.use_parts = use_parts
        self.embedding_weight = embedding_weight
        self.k_max = k_max
        self.k_floor = k_floor
        self.k_criterion = k_criterion
        self.n_init = n_init
        self.n_stability = n_stability
        self.exact_max = exact_max

    # -- helpers
    def _features(self, sentences: pd.DataFrame, tokens: pd.DataFrame, fitted: bool, reduced: bool = False,
                  vectors: np.ndarray | None = None) -> Any:
        """``(x, tfidf, vocab, idf, idf_kind)`` (``build_features``); with ``reduced`` (or a
        fitted basis) ``x`` is in the LSA space, whose basis is kept in ``basis_``; with
        ``vectors`` the sentence-encoder block joins ``x`` (``features.join_blocks``)."""
        kwargs: dict[str, Any] = dict(
            lang=self.lang_, idf=self.idf, common_zipf=self.common_zipf, max_df=self.max_df,
            use_parts=self.use_parts, vocab=self.vocab_ if fitted else None,
            idf_values=self.idf_values_ if fitted else None,
        )
        mixing: dict[str, Any] = dict(
            paragraph_weight=self.paragraph_weight, smooth_weight=self.smooth_weight,
            position_weight=self.position_weight, heading_joins_next=self.heading_joins_next,
        )
        if not fitted:
            self.basis_ = None
        tfidf, vocab, idf_values, kind = tfidf_matrix(sentences, tokens, **kwargs)
        if reduced and not fitted:
            self.basis_ = lsa_basis(tfidf)
        x = mix_context(sentences, tfidf, basis=self.basis_, **mixing)
        if vectors is not None:
            if not fitted:  # long articles: the block in its top principal directions too
                self.embed_basis_ = embedding_basis(vectors) if reduced else None
            block = embedding_block(sentences, vectors, paragraph_weight=self.paragraph_weight,
                                    smooth_weight=self.smooth_weight, heading_joins_next=self.heading_joins_next,
                                    basis=self.embed_basis_)
            x = join_blocks(x, block, self.embedding_weight)
        return x, tfidf, vocab, idf_values, kind

    def _vectors(self, sentences: pd.DataFrame, embeddings: np.ndarray | None) -> np.ndarray | None:
        """The sentence vectors to use: ``embeddings`` when given (the pipeline passes the ones
        it computes for scoring), else ``helpers.embeddings.encode`` (cached on disk); None,
        with a note, when the weight is 0 or the encoder cannot be loaded here."""
        if self.embedding_weight <= 0 or len(sentences) == 0:
            return None
        if embeddings is None:
            from helpers.embeddings import EncoderUnavailable, encode  # lazy: loads the encoder

            try:
                embeddings = encode(list(sentences["text"].astype(str)))
            except EncoderUnavailable as exc:
                self.notes_.append(f"themes from the words alone (no sentence encoder: {exc})")
                return None
        embeddings = np.asarray(embeddings, dtype=float)
        if embeddings.ndim != 2 or len(embeddings) != len(sentences):
            raise ValueError(f"embeddings must have one row per sentence ({len(sentences)}), "
                             f"not shape {embeddings.shape}")
        return embeddings

    def fit(self, sentences: pd.DataFrame, tokens: pd.DataFrame | None = None,
            embeddings: np.ndarray | None = None) -> "ThemeModel":
        """Cluster the sentences of one article into themes (BLAS and OpenMP on one thread, see ``single_thread``).

        ``embeddings``: optional ``(n, d)`` sentence vectors (``helpers.embeddings.encode``), one
        row per sentence; computed (through the cache) when omitted and ``embedding_weight > 0``.
        """
        with single_thread():
            return self._fit(sentences, tokens, embeddings)

    def _fit(self, sentences: pd.DataFrame, tokens: pd.DataFrame | None = None,
             embeddings: np.ndarray | None = None) -> "ThemeModel":
        if not (self.k == "auto" or (isinstance(self.k, (int, np.integer)) and not isinstance(self.k, bool) and self.k >= 1)):
            raise ValueError(f"k must be 'auto' or a positive integer, not {self.k!r}")
        if tokens is None:
            from helpers import tokens as make_tokens  # lazy: foundation module

            tokens = make_tokens(sentences)
        sentences = sentences.reset_index(drop=True)
        self.lang_ = str(sentences.attrs.get("lang", "de"))
        self.notes_: list[str] = []
        n = len(sentences)
        reduced = n > self.exact_max
        vectors = self._vectors(sentences, embeddings)
        self.uses_embeddings_ = vectors is not None
        x, tfidf, vocab, idf_values, kind = self._features(sentences, tokens, fitted=False, reduced=reduced,
                                                           vectors=vectors)
        cache = KMeansCache()
        self.vocab_, self.idf_values_, self.idf_kind_ = vocab, idf_values, kind
        self.features_ = x
        self.k_scores_ = pd.DataFrame(columns=["k", "silhouette", "stability", "log_prior", "score"])
        # rows of x for choosing k and the stability runs: all, or a sample (long articles)
        self.sample_ = sample_rows(n, SAMPLE_SIZE, self.seed) if reduced else np.arange(n)
        xs = x[self.sample_] if reduced else x
        # distinct *word* vectors: the position column makes every row of x distinct
        n_distinct = _distinct_rows(tfidf)
        if n < MIN_SENTENCES:
            k = 1
            self.notes_.append(f"only {n} sentences (< {MIN_SENTENCES}): one theme")
        elif self.k == "auto":
            k, self.k_scores_ = choose_k(
                xs, k_range(n, self.k_max, self.k_floor), k_prior(n, self.k_floor), self.seed, self.n_init,
                criterion=self.k_criterion,
                cache=cache,
            )
        else:
            k = int(self.k)
        if 1 < n_distinct < k or (n >= MIN_SENTENCES and n_distinct <= 1):
            new_k = max(1, n_distinct)
            self.notes_.append(f"only {n_distinct} distinct sentences (by their words): k reduced from {k} to {new_k}")
            k = new_k
        if k > n:
            self.notes_.append(f"k={k} exceeds the {n} sentences: k reduced to {n}")
            k = max(n, 1)
        if n == 0:
            labels = np.zeros(0, dtype=int)
            self.centers_ = np.zeros((0, x.shape[1]))
        elif k == 1:
            labels = np.zeros(n, dtype=int)
            self.centers_ = np.asarray(x.mean(axis=0))
        else:
            raw, centers = _kmeans(xs, k, self.seed, self.n_init, cache)
            if reduced:  # the sample's best clustering starts Lloyd over all rows
                raw, centers = refine(x, centers)
            labels = _relabel_by_first_appearance(raw)
            order = {}
            for r, l in zip(raw.tolist(), labels.tolist()):
                order[l] = r
            self.centers_ = np.vstack([centers[order[l]] for l in range(k)])
        if len(vocab) == 0:
            self.notes_.append("no content words: themes follow position only")
        self.labels_ = labels
        self.k_ = int(k)
        self.stability_ = (
            stability(xs, k, [self.seed + i for i in range(self.n_stability)], self.n_init, cache)
            if n and k > 1 else 1.0
        )
        # labels order equal weights by the words' weight in the theme's mean row of x, which
        # needs x in term space: the reduced path uses the TF-IDF itself
        self.themes_ = describe_themes(sentences, tokens, labels, tfidf if reduced else x, tfidf, vocab,
                                       idf_values) if n else pd.DataFrame()
        return self

    def fit_predict(self, sentences: pd.DataFrame, tokens: pd.DataFrame | None = None, **kwargs: Any) -> np.ndarray:  # type: ignore[override]
        """Fit and return the theme per sentence."""
        return self.fit(sentences, tokens).labels_

    def predict(self, sentences: pd.DataFrame, tokens: pd.DataFrame | None = None,
                embeddings: np.ndarray | None = None) -> np.ndarray:
        """Nearest fitted theme for each sentence of a (possibly other) sentence table
        (``embeddings`` as in ``fit``; needed only when the fit used them)."""
        if tokens is None:
            from helpers import tokens as make_tokens

            tokens = make_tokens(sentences)
        sentences = sentences.reset_index(drop=True)
        vectors = self._vectors(sentences, embeddings) if getattr(self, "uses_embeddings_", False) else None
        if getattr(self, "uses_embeddings_", False) and vectors is None:
            raise ValueError("the themes were fitted with sentence vectors, which are unavailable here")
        x, *_ = self._features(sentences, tokens, fitted=True, vectors=vectors)
        c = np.asarray(self.centers_)
        x_sq = np.asarray(x.multiply(x).sum(axis=1)).ravel() if sparse.issparse(x) else np.einsum("ij,ij->i", x, x)
        cross = x @ c.T
        d = x_sq[:, None] - 2.0 * np.asarray(cross) + np.einsum("kd,kd->k", c, c)[None, :]
        return d.argmin(axis=1).astype(int)


def _distinct_rows(tfidf: sparse.csr_matrix) -> int:
    """Number of distinct rows (values rounded to 9 decimals), without densifying."""
    m = sparse.csr_matrix(tfidf)
    seen = set()
    for i in range(m.shape[0]):
        lo, hi = m.indptr[i], m.indptr[i + 1]
        vals = np.round(m.data[lo:hi], 9)
        keep = vals != 0
        seen.add((m.indices[lo:hi][keep].tobytes(), (vals[keep] + 0.0).tobytes()))
    return len(seen)
