"""Sentence features for the themes: TF-IDF over lemmas, mixed with the sentence's context."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

#: Frequency floor for words unknown to the background corpus.
_FREQ_FLOOR = 1e-8


# --------------------------------------------------------------------------- IDF
def background_available() -> bool:
    """True when the optional ``wordfreq`` package (CC BY-SA data) is importable."""
    try:
        import wordfreq  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=16_384)
def _word_frequency(word: str, lang: str) -> float:
    import wordfreq

    return float(wordfreq.word_frequency(word, lang))


def _background_idf(vocab: list[str], lang: str, common_zipf: float) -> np.ndarray:
    """``-ln freq`` per term; terms at or above ``common_zipf`` get IDF 0 (dropped)."""
    freqs = np.array([_word_frequency(w, lang) for w in vocab], dtype=float)
    idf = -np.log(np.maximum(freqs, _FREQ_FLOOR))
    zipf = np.log10(np.maximum(freqs, _FREQ_FLOOR)) + 9.0
    idf[zipf >= common_zipf] = 0.0
    return idf


def _local_idf(counts: sparse.csr_matrix, max_df: float) -> np.ndarray:
    """Smoothed sentence-level IDF ``ln((1+n)/(1+df)) + 1``; terms in more than
    ``max_df`` of the sentences (and at least 3) get IDF 0 (dropped)."""
    n = counts.shape[0]
    df = np.asarray((counts > 0).sum(axis=0)).ravel().astype(float)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    idf[(df > max_df * n) & (df >= 3)] = 0.0
    return idf


# ---------------------------------------------------------------------- features
def _sentence_terms(sentences: pd.DataFrame, tokens: pd.DataFrame, use_parts: bool) -> list[list[str]]:
    """Content terms (lowercased lemmas) per sentence, in sentence order."""
    ids = list(sentences["sentence_id"])
    pos = {sid: i for i, sid in enumerate(ids)}
    terms: list[list[str]] = [[] for _ in ids]
    if len(tokens) == 0:
        return terms
    content = tokens[tokens["is_content"].astype(bool)]
    parts_col = content["parts"].tolist() if "parts" in content else [()] * len(content)
    for sid, norm, parts in zip(content["sentence_id"].tolist(), content["norm"].tolist(), parts_col):
        i = pos.get(sid)
        if i is None:
            continue
        terms[i].append(str(norm))
        if use_parts and parts:
            terms[i].extend(p for p in parts if len(p) > 1 and p != norm)
    return terms


def _count_matrix(terms: list[list[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    vocab = sorted({t for ts in terms for t in ts})
    index = {t: j for j, t in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for i, ts in enumerate(terms):
        for t, c in sorted(Counter(ts).items()):
            rows.append(i)
            cols.append(index[t])
            vals.append(float(c))
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(terms), len(vocab)), dtype=float)
    return m, vocab


def _row_normalize(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def _paragraph_groups(sentences: pd.DataFrame, heading_joins_next: bool) -> np.ndarray:
    """Paragraph id per sentence; a heading alone in its paragraph joins the next one."""
    para = sentences["paragraph"].to_numpy().copy()
    if heading_joins_next and "is_heading" in sentences:
        head = sentences["is_heading"].to_numpy().astype(bool)
        sizes = Counter(para.tolist())
        for i in range(len(para) - 2, -1, -1):
            if head[i] and sizes[para[i]] == 1:
                para[i] = para[i + 1]
    return para


def _paragraph_operator(groups: np.ndarray) -> sparse.csr_matrix:
    """Row-stochastic matrix averaging each sentence's paragraph."""
    n = len(groups)
    rows, cols, vals = [], [], []
    members: dict[Any, list[int]] = {}
    for i, g in enumerate(groups.tolist()):
        members.setdefault(g, []).append(i)
    for i, g in enumerate(groups.tolist()):
        m = members[g]
        rows.extend([i] * len(m))
        cols.extend(m)
        vals.extend([1.0 / len(m)] * len(m))
    return sparse.csr_matrix((vals, (rows, cols)), shape=(n, n))


def _neighbour_operator(n: int) -> sparse.csr_matrix:
    """Row-stochastic matrix averaging each sentence's previous and next sentence."""
    rows, cols, vals = [], [], []
    for i in range(n):
        nb = [j for j in (i - 1, i + 1) if 0 <= j < n]
        for j in nb:
            rows.append(i)
            cols.append(j)
            vals.append(1.0 / len(nb))
    return sparse.csr_matrix((vals, (rows, cols)), shape=(n, n))


def build_features(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    lang: str = "de",
    idf: str = "local",
    common_zipf: float = 5.5,
    max_df: float = 0.5,
    paragraph_weight: float = 0.5,
    smooth_weight: float = 0.5,
    position_weight: float = 1.0,
    heading_joins_next: bool = True,
    use_parts: bool = False,
    vocab: list[str] | None = None,
    idf_values: np.ndarray | None = None,
    basis: np.ndarray | str | None = None,
) -> tuple[Any, sparse.csr_matrix, list[str], np.ndarray, str]:
    """Feature matrix for clustering one article.

    Returns ``(X, tfidf, vocab, idf, idf_kind)``: ``X`` is the mixed, smoothed
    TF-IDF matrix with the position column appended (one row per sentence),
    ``tfidf`` the plain L2-normalised sentence TF-IDF (used for labels).
    Passing ``vocab``/``idf_values`` reuses a fitted vocabulary (``predict``).
    With ``basis`` (orthonormal rows over the vocabulary; ``"lsa"``: ``scale.lsa_basis``
    of this TF-IDF) the TF-IDF is first projected on it and ``X`` is dense,
    ``(n, len(basis) + 1)``: the same mixing in the reduced space, for long articles
    (``helpers.themes.scale``).
    """
    tfidf, vocab, idf_values, kind = tfidf_matrix(sentences, tokens, lang=lang, idf=idf, common_zipf=common_zipf,
                                                  max_df=max_df, use_parts=use_parts, vocab=vocab,
                                                  idf_values=idf_values)
    if isinstance(basis, str):
        from helpers.themes.scale import lsa_basis

        basis = lsa_basis(tfidf)
    x = mix_context(sentences, tfidf, paragraph_weight=paragraph_weight, smooth_weight=smooth_weight,
                    position_weight=position_weight, heading_joins_next=heading_joins_next, basis=basis)
    return x, tfidf, vocab, idf_values, kind


def tfidf_matrix(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    lang: str = "de",
    idf: str = "local",
    common_zipf: float = 5.5,
    max_df: float = 0.5,
    use_parts: bool = False,
    vocab: list[str] | None = None,
    idf_values: np.ndarray | None = None,
) -> tuple[sparse.csr_matrix, list[str], np.ndarray, str]:
    """The L2-normalised sentence TF-IDF (sparse), its vocabulary, IDF and IDF kind
    (arguments as ``build_features``)."""
    n = len(sentences)
    terms = _sentence_terms(sentences, tokens, use_parts)
    if vocab is None:
        counts, vocab = _count_matrix(terms)
        kind = idf
        if kind == "auto":
            kind = "background" if background_available() else "local"
        if kind == "background":
            idf_values = _background_idf(vocab, lang, common_zipf)
        elif kind == "local":
            idf_values = _local_idf(counts, max_df)
        elif kind == "none":
            idf_values = np.ones(len(vocab))
        else:
            raise ValueError(f"idf must be 'auto', 'background', 'local' or 'none', not {idf!r}")
    else:
        kind = "fitted"
        index = {t: j for j, t in enumerate(vocab)}
        terms = [[t for t in ts if t in index] for ts in terms]
        rows, cols, vals = [], [], []
        for i, ts in enumerate(terms):
            for t, c in sorted(Counter(ts).items()):
                rows.append(i)
                cols.append(index[t])
                vals.append(float(c))
        counts = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)), dtype=float)
    assert idf_values is not None
    tfidf = _row_normalize(sparse.csr_matrix(counts @ sparse.diags(idf_values))) if len(vocab) else counts
    return sparse.csr_matrix(tfidf), list(vocab), np.asarray(idf_values), kind


def mix_context(
    sentences: pd.DataFrame,
    tfidf: sparse.csr_matrix,
    *,
    paragraph_weight: float = 0.5,
    smooth_weight: float = 0.5,
    position_weight: float = 1.0,
    heading_joins_next: bool = True,
    basis: np.ndarray | None = None,
) -> Any:
    """``X`` of ``build_features``: each TF-IDF row mixed with its paragraph's mean and its
    neighbours', normalised, with the position column; in the span of ``basis`` if given."""
    n = tfidf.shape[0]
    if basis is not None:
        return _mix_dense(np.asarray(tfidf @ basis.T), _paragraph_groups(sentences, heading_joins_next),
                          paragraph_weight, smooth_weight, position_weight)
    x = tfidf
    if paragraph_weight > 0 and n:
        p_op = _paragraph_operator(_paragraph_groups(sentences, heading_joins_next))
        x = (1 - paragraph_weight) * x + paragraph_weight * (p_op @ x)
    if smooth_weight > 0 and n > 1:
        x = (1 - smooth_weight) * x + smooth_weight * (_neighbour_operator(n) @ x)
    x = _row_normalize(sparse.csr_matrix(x))
    position = np.arange(n, dtype=float) / max(n - 1, 1) * position_weight
    return sparse.hstack([x, sparse.csr_matrix(position.reshape(-1, 1))], format="csr")

def _mix_dense(z: np.ndarray, groups: np.ndarray, paragraph_weight: float, smooth_weight: float,
               position_weight: float) -> np.ndarray:
    """``build_features``' mixing on dense rows ``z`` (the projected TF-IDF): paragraph mean,
    neighbour mean, row normalisation, position column; O(n d) for any paragraph size."""
    n = len(z)
    if paragraph_weight > 0 and n:
        codes = np.unique(groups, return_inverse=True)[1].ravel()
        member = sparse.csr_matrix((np.ones(n), (codes, np.arange(n))), shape=(codes.max() + 1, n))
        means = (member @ z) / np.asarray(member.sum(axis=1))
        z = (1 - paragraph_weight) * z + paragraph_weight * means[codes]
    if smooth_weight > 0 and n > 1:
        z = (1 - smooth_weight) * z + smooth_weight * np.asarray(_neighbour_operator(n) @ z)
    norms = np.linalg.norm(z, axis=1)
    norms[norms == 0] = 1.0
    z = z / norms[:, None]
    position = np.arange(n, dtype=float) / max(n - 1, 1) * position_weight
    return np.hstack([z, position[:, None]])


# ------------------------------------------------------------- sentence vectors
def embedding_block(
    sentences: pd.DataFrame,
    vectors: np.ndarray,
    *,
    paragraph_weight: float = 0.5,
    smooth_weight: float = 0.5,
    heading_joins_next: bool = True,
    basis: np.ndarray | None = None,
) -> np.ndarray:
    """The sentence-encoder block of the theme features: the article's sentence vectors,
    centred, with the same context mixing as the TF-IDF block (``mix_context``).

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentence table (``paragraph``, ``is_heading``), n rows.
    vectors : numpy.ndarray, shape (n, d)
        One vector per sentence (``helpers.embeddings.encode``: multilingual-e5-small,
        d = 384, rows L2-normalised).
    paragraph_weight, smooth_weight, heading_joins_next
        As ``mix_context``.
    basis : numpy.ndarray, shape (b, d), optional
        Orthonormal rows to project the centred vectors on first (``scale.embedding_basis``,
        the reduced path for long articles): the block is then ``(n, b)``.

    Returns
    -------
    numpy.ndarray, shape (n, d) or (n, b), float64
        Rows of unit length (zero rows stay zero).

    Notes
    -----
    The article's mean vector is subtracted first: e5 vectors of one article share a large
    common component (cosine ~0.8 between any two news sentences), which would otherwise
    make every row nearly the same. Uncentred vectors did not help under leave-one-article-out
    cross-validation on the development articles, centred ones did (``docs/themes.md``).
    """
    z = np.asarray(vectors, dtype=float)
    if len(z) == 0:
        return z.reshape(0, z.shape[1] if z.ndim == 2 else 0)
    z = z - z.mean(axis=0)
    norms = np.linalg.norm(z, axis=1)
    z = z / np.where(norms > 1e-12, norms, 1.0)[:, None]
    if basis is not None:
        z = z @ basis.T
    mixed = _mix_dense(z, _paragraph_groups(sentences, heading_joins_next), paragraph_weight, smooth_weight, 0.0)
    return mixed[:, :-1]


def join_blocks(x: Any, block: np.ndarray | None, weight: float) -> Any:
    """The text features ``x`` (``mix_context``: unit rows + position column) joined with a
    second block of unit rows: ``[sqrt(1 - w) x_text, sqrt(w) block, position]``.

    Both blocks keep unit length before weighting, so ``weight`` (in [0, 1]) is the share of
    each row's squared length, hence of squared distances, that the block carries. With
    ``block`` None or ``weight`` 0, ``x`` is returned unchanged. Sparse ``x`` gives a sparse
    result, dense a dense one; shape ``(n, x.shape[1] + block.shape[1])``.
    """
    if block is None or weight <= 0:
        return x
    a, b = float(np.sqrt(1.0 - weight)), float(np.sqrt(weight))
    if sparse.issparse(x):
        x = sparse.csr_matrix(x)
        return sparse.hstack([a * x[:, :-1], sparse.csr_matrix(b * block), x[:, -1:]], format="csr")
    return np.hstack([a * x[:, :-1], b * block, x[:, -1:]])
