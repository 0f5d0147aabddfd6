"""Themes: cluster an article's sentences into a few readable themes.

The model is TF-IDF + KMeans, made to mean something for a single article
(see ``ThemeModel`` for the pipeline and ``docs`` in the report of the issue):

1. Terms are the content lemmas of each sentence (``tokens.norm`` where
   ``is_content``).  Their IDF comes either from a *background* corpus
   (``wordfreq``: ``-ln frequency``, very common words dropped) or, without any
   optional package, from the article itself (smoothed sentence-level IDF).
2. Each L2-normalised sentence vector is mixed with its paragraph's mean
   vector (``paragraph_weight``) and then with the mean of its neighbours
   (``smooth_weight``), so the word features place theme boundaries while the
   document structure keeps themes in coherent blocks.
3. A position column (sentence index scaled to [0, 1], times
   ``position_weight``) is appended and KMeans clusters the rows
   (``clustering.BatchKMeans``: scikit-learn's algorithm with the restarts run
   together; scikit-learn itself is not imported on this path, which saves every new
   process about 1 s).

``k="auto"`` chooses k by a length prior combined with the silhouette
(see ``choose_k``).  Same seed -> byte-identical output.

The ``wordfreq`` package's data is CC BY-SA 4.0 (share-alike), so it is never a
default: the default IDF is local (``idf="local"``), which measured the same as
the background IDF on the development articles (within noise). Install the extra
(``pip install -e .[wordfreq]``) and pass ``idf="background"`` to use it, or
``idf="auto"`` (background when importable, else local).
"""

from __future__ import annotations

import math
import time
from collections import Counter
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from .clustering import BatchKMeans, Estimator, Space, adjusted_rand, silhouette_scores

__all__ = [
    "ThemeModel",
    "build_features",
    "choose_k",
    "describe_themes",
    "stability",
    "k_prior",
    "k_range",
    "background_available",
    "bench_themes",
    "plain_baseline",
]

#: Articles with fewer sentences than this get a single theme.
MIN_SENTENCES = 6
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


@lru_cache(maxsize=200_000)
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
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, list[str], np.ndarray, str]:
    """Feature matrix for clustering one article.

    Returns ``(X, tfidf, vocab, idf, idf_kind)``: ``X`` is the mixed, smoothed
    TF-IDF matrix with the position column appended (one row per sentence),
    ``tfidf`` the plain L2-normalised sentence TF-IDF (used for labels).
    Passing ``vocab``/``idf_values`` reuses a fitted vocabulary (``predict``).
    """
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
    x = tfidf
    if paragraph_weight > 0 and n:
        p_op = _paragraph_operator(_paragraph_groups(sentences, heading_joins_next))
        x = (1 - paragraph_weight) * x + paragraph_weight * (p_op @ x)
    if smooth_weight > 0 and n > 1:
        x = (1 - smooth_weight) * x + smooth_weight * (_neighbour_operator(n) @ x)
    x = _row_normalize(sparse.csr_matrix(x))
    position = np.arange(n, dtype=float) / max(n - 1, 1) * position_weight
    x = sparse.hstack([x, sparse.csr_matrix(position.reshape(-1, 1))], format="csr")
    return x, sparse.csr_matrix(tfidf), list(vocab), np.asarray(idf_values), kind


# ----------------------------------------------------------------------------- k
def k_prior(n_sentences: int) -> float:
    """Length prior for the number of themes: ``sqrt(n / 2)`` (the classic rule of
    thumb for k), e.g. 26 sentences -> 3.6, 42 -> 4.6, 61 -> 5.5."""
    return math.sqrt(max(n_sentences, 1) / 2.0)


def k_range(n_sentences: int, k_max: int = 10) -> list[int]:
    """Candidate k: from 2 up to min(k_max, n // 4) (at least ~4 sentences a theme)."""
    hi = max(2, min(k_max, n_sentences // 4))
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


# ------------------------------------------------------------------------ labels
#: Words that occur in news on every subject and so name no theme (lowercased lemmas,
#: German and English; written for the project). Used for labels only, not for clustering.
_GENERIC_WORDS = frozenset(
    """jahr monat woche tag zeit mal prozent zahl teil seite fall art weise grund beispiel ende
    anfang beginn frage bereich ziel rolle punkt stelle form thema sache lage stand folge
    ergebnis entwicklung gesamt neu alt groß klein gut hoch lang weit letzt erst bisher bereits
    derzeit heute aktuell gleichzeitig zunehmend deutlich stark klar sogenannt etwa rund
    year month week day time percent number part side case way reason example end start
    question area goal role point place subject matter situation result development new old
    big small good high long far last first already currently today recent clear strong""".split()
)
#: Days and months name no theme (lowercased, German and English).
_CALENDAR_WORDS = frozenset(
    """montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai
    juni juli august september oktober november dezember monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december morgen vormittag mittag nachmittag abend nacht wochenende heute gestern
    vorgestern übermorgen morning afternoon evening night tonight weekend today yesterday
    tomorrow""".split()
)


def _display_forms(tokens: pd.DataFrame) -> dict[str, str]:
    """Most frequent written form per lowercased term (ties: alphabetical).

    The lemma as written, except where the lemma equals the token but for case: then
    the token as written, so that English names keep their capital ("Unite", not
    "unite", which simplemma returns in lower case). In English a capitalised word
    inside a sentence is a name and is shown as written ("Airways", not "airway")."""
    if len(tokens) == 0:
        return {}
    english = tokens.attrs.get("lang") == "en"
    texts = tokens["text"].astype(str).tolist()
    lemmas = tokens["lemma"].astype(str).tolist()
    shown = [t if t[:1].isupper() and i > 0 and (english or t.lower() == lem.lower()) else lem
             for t, lem, i in zip(texts, lemmas, tokens["token_id"].tolist())]
    counts = Counter(zip(tokens["norm"].astype(str).tolist(), shown))
    best: dict[str, tuple[int, str]] = {}
    for (norm, lemma), c in sorted(counts.items()):
        if norm not in best or c > best[norm][0]:
            best[norm] = (c, lemma)
    return {n: lem for n, (c, lem) in best.items()}


def _label_terms(terms: list[str], lang: str | None, n: int) -> list[str]:
    """The ``n`` label words from a theme's top terms (best first).

    German labels take nouns and names (capitalised) before other words, since a
    theme is named by what it is about ("Zaun / Übertritt / Grenze", not "Zaun /
    Übertritt / glauben"); the order among them stays by weight.
    """
    if lang == "de":
        terms = [t for t in terms if t[:1].isupper()] + [t for t in terms if not t[:1].isupper()]
    return terms[:n]


def describe_themes(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    labels: np.ndarray,
    x: Any,
    tfidf: sparse.csr_matrix,
    vocab: list[str],
    idf: np.ndarray,
    n_terms: int = 8,
    n_label: int = 3,
    n_representative: int = 2,
) -> pd.DataFrame:
    """One row per theme.

    Columns: ``theme`` (int), ``label`` (top ``n_label`` distinctive lemmas joined
    by " / "), ``top_terms`` (tuple of ``(lemma, weight)``, weights summing to 1),
    ``n_sentences``, ``share`` (of sentences), ``first_sentence``,
    ``last_sentence`` (sentence ids), ``paragraphs`` (tuple of paragraph ids),
    ``representative`` (text of the sentence closest to the centroid),
    ``representative_ids`` (tuple of 1-2 sentence ids closest to the centroid).

    Distinctiveness is class-based TF-IDF (as in BERTopic):
    ``tf(term, theme) * ln(1 + A / f(term))`` with ``A`` the mean number of
    term occurrences per theme and ``f`` the term's occurrences in the article,
    times ``ln(1 + K / themes containing the term)`` so that a word spread over
    all themes (the article's main actor) does not name every theme, times
    ``sqrt(IDF)`` (specific words first; words the IDF dropped as very common
    are never used), times 1.5 for capitalised lemmas (nouns and names read
    better as labels); equal weights go to the word more central to the theme
    (higher in its mean context-mixed vector ``x``).  The representative sentences are those whose own
    TF-IDF vector is closest (cosine) to the theme's mean TF-IDF vector.
    """
    ids = sentences["sentence_id"].to_numpy()
    texts = sentences["text"].astype(str).to_numpy()
    paras = sentences["paragraph"].to_numpy()
    heading = sentences["is_heading"].to_numpy().astype(bool) if "is_heading" in sentences else np.zeros(len(ids), bool)
    themes = sorted(set(labels.tolist()))
    forms = _display_forms(tokens)
    # raw term counts per theme
    terms = _sentence_terms(sentences, tokens, use_parts=False)
    index = {t: j for j, t in enumerate(vocab)}
    class_counts = np.zeros((len(themes), len(vocab)))
    class_df = np.zeros((len(themes), len(vocab)))
    for i, ts in enumerate(terms):
        for t in ts:
            j = index.get(t)
            if j is not None:
                class_counts[labels[i], j] += 1
        for t in set(ts):
            j = index.get(t)
            if j is not None:
                class_df[labels[i], j] += 1
    tf_rows = tfidf.toarray() if sparse.issparse(tfidf) else np.asarray(tfidf)
    x_rows = sparse.csr_matrix(x)
    from .actors import FIRST_NAMES

    capital_boost = np.array([
        0.0 if forms.get(t, t) in FIRST_NAMES or t in _CALENDAR_WORDS or t in _GENERIC_WORDS
        else (2.0 if forms.get(t, t)[:1].isupper() else 1.0)
        for t in vocab
    ])
    rows = []
    for c in themes:
        members = np.flatnonzero(labels == c)
        row_counts = class_counts[c]
        total = row_counts.sum()
        top: tuple[tuple[str, float], ...] = ()
        if total > 0:
            tf = row_counts / total
            avg = class_counts.sum() / max(len(themes), 1)
            freq = np.maximum(class_counts.sum(axis=0), 1.0)
            theme_df = np.maximum((class_counts > 0).sum(axis=0), 1)
            spread = np.sqrt(class_df[c] / max(len(members), 1))  # in how many of the theme's sentences
            w = tf * spread * np.log1p(avg / freq) * np.log1p(len(themes) / theme_df) * np.sqrt(np.maximum(idf, 0.0))
            w = w * capital_boost
            # equal weights (typically words used once each) are ordered by how central the
            # word is to the theme: its weight in the theme's mean context-mixed vector
            # (words of the block's middle and of its paragraphs first), then alphabetically
            central = np.asarray(x_rows[members][:, : len(vocab)].mean(axis=0)).ravel()
            order = sorted((j for j in np.flatnonzero(w > 0)),
                           key=lambda j: (-round(float(w[j]), 9), -round(float(central[j]), 9), vocab[j]))[:n_terms]
            wsum = float(sum(w[j] for j in order)) or 1.0
            top = tuple((forms.get(vocab[j], vocab[j]), round(float(w[j]) / wsum, 4)) for j in order)
        label = " / ".join(_label_terms([t for t, _ in top], tokens.attrs.get("lang"), n_label)) if top \
            else "(no content words)"
        # representative: cosine of the sentence's own TF-IDF with the theme's mean
        # TF-IDF (the context-mixed features would favour empty sentences);
        # headings last, ties by position
        centroid = tf_rows[members].mean(axis=0) if tf_rows.shape[1] else np.zeros(0)
        cn = float(np.linalg.norm(centroid)) or 1.0
        sim = tf_rows[members] @ centroid / cn if tf_rows.shape[1] else np.zeros(len(members))
        order_m = sorted(range(len(members)), key=lambda m: (bool(heading[members[m]]), -round(float(sim[m]), 12), m))
        rep = tuple(int(ids[members[m]]) for m in order_m[:n_representative])
        rows.append(
            {
                "theme": int(c),
                "label": label,
                "top_terms": top,
                "n_sentences": int(len(members)),
                "share": round(len(members) / max(len(labels), 1), 4),
                "first_sentence": int(ids[members].min()),
                "last_sentence": int(ids[members].max()),
                "paragraphs": tuple(sorted({int(p) for p in paras[members]})),
                "representative": str(texts[members[order_m[0]]]),
                "representative_ids": rep,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "theme", "label", "top_terms", "n_sentences", "share", "first_sentence",
            "last_sentence", "paragraphs", "representative", "representative_ids",
        ],
    )


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
    ``k_max``, ``k_criterion`` ("stability" or "silhouette", see ``choose_k``),
    ``n_init``, ``n_stability``.
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
        k_max: int = 10,
        k_criterion: str = "silhouette",
        n_init: int = 10,
        n_stability: int = 5,
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
        self.k_max = k_max
        self.k_criterion = k_criterion
        self.n_init = n_init
        self.n_stability = n_stability

    # -- helpers
    def _features(self, sentences: pd.DataFrame, tokens: pd.DataFrame, fitted: bool) -> Any:
        return build_features(
            sentences,
            tokens,
            lang=self.lang_,
            idf=self.idf,
            common_zipf=self.common_zipf,
            max_df=self.max_df,
            paragraph_weight=self.paragraph_weight,
            smooth_weight=self.smooth_weight,
            position_weight=self.position_weight,
            heading_joins_next=self.heading_joins_next,
            use_parts=self.use_parts,
            vocab=self.vocab_ if fitted else None,
            idf_values=self.idf_values_ if fitted else None,
        )

    def fit(self, sentences: pd.DataFrame, tokens: pd.DataFrame | None = None) -> "ThemeModel":
        """Cluster the sentences of one article into themes (BLAS and OpenMP on one thread, see ``single_thread``)."""
        with single_thread():
            return self._fit(sentences, tokens)

    def _fit(self, sentences: pd.DataFrame, tokens: pd.DataFrame | None = None) -> "ThemeModel":
        if not (self.k == "auto" or (isinstance(self.k, (int, np.integer)) and not isinstance(self.k, bool) and self.k >= 1)):
            raise ValueError(f"k must be 'auto' or a positive integer, not {self.k!r}")
        if tokens is None:
            from helpers import tokens as make_tokens  # lazy: foundation module

            tokens = make_tokens(sentences)
        sentences = sentences.reset_index(drop=True)
        self.lang_ = str(sentences.attrs.get("lang", "de"))
        self.notes_: list[str] = []
        n = len(sentences)
        x, tfidf, vocab, idf_values, kind = self._features(sentences, tokens, fitted=False)
        cache = KMeansCache()
        self.vocab_, self.idf_values_, self.idf_kind_ = vocab, idf_values, kind
        self.features_ = x
        self.k_scores_ = pd.DataFrame(columns=["k", "silhouette", "stability", "log_prior", "score"])
        # distinct *word* vectors: the position column makes every row of x distinct
        words = tfidf.toarray() if sparse.issparse(tfidf) else np.asarray(tfidf)
        n_distinct = len({tuple(np.round(r, 9)) for r in words}) if n else 0
        if n < MIN_SENTENCES:
            k = 1
            self.notes_.append(f"only {n} sentences (< {MIN_SENTENCES}): one theme")
        elif self.k == "auto":
            k, self.k_scores_ = choose_k(
                x, k_range(n, self.k_max), k_prior(n), self.seed, self.n_init, criterion=self.k_criterion,
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
            raw, centers = _kmeans(x, k, self.seed, self.n_init, cache)
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
            stability(x, k, [self.seed + i for i in range(self.n_stability)], self.n_init, cache)
            if n and k > 1 else 1.0
        )
        self.themes_ = describe_themes(sentences, tokens, labels, x, tfidf, vocab, idf_values) if n else pd.DataFrame()
        return self

    def fit_predict(self, sentences: pd.DataFrame, tokens: pd.DataFrame | None = None, **kwargs: Any) -> np.ndarray:  # type: ignore[override]
        """Fit and return the theme per sentence."""
        return self.fit(sentences, tokens).labels_

    def predict(self, sentences: pd.DataFrame, tokens: pd.DataFrame | None = None) -> np.ndarray:
        """Nearest fitted theme for each sentence of a (possibly other) sentence table."""
        if tokens is None:
            from helpers import tokens as make_tokens

            tokens = make_tokens(sentences)
        x, *_ = self._features(sentences.reset_index(drop=True), tokens, fitted=True)
        xd = x.toarray()
        d = ((xd[:, None, :] - self.centers_[None, :, :]) ** 2).sum(axis=2)
        return d.argmin(axis=1).astype(int)


# ------------------------------------------------------------------------- bench
def plain_baseline(texts: list[str], k: int, seed: int) -> np.ndarray:
    """The plain baseline: ``TfidfVectorizer()`` + ``KMeans(k)`` over single sentences."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer().fit_transform(texts)
    k = max(1, min(k, x.shape[0]))
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)


def bench_themes(seed_path: str | None = None, target_sentences: int = 1000, repeat: int = 1) -> pd.DataFrame:
    """Timings of the theme model vs the plain TF-IDF+KMeans baseline.

    Rows: ``seed`` (the seed article) and ``long`` (~``target_sentences``
    sentences built from the seed's paragraphs, shuffled and repeated).
    Columns: ``article, n_sentences, k, model_s`` (``ThemeModel(k="auto")``
    fit on ready sentence/token tables, incl. choosing k and the stability
    runs), ``fixed_k_s`` (same k fixed), ``plain_s``
    (plain baseline, same k), ``ratio_auto``, ``ratio_fixed`` (model / plain).
    """
    import tempfile
    from pathlib import Path

    from helpers import sentences as make_sentences
    from helpers import tokens as make_tokens

    from .bench import SEED_ARTICLE, long_article
    from .reading import project_root

    seed_path = seed_path or str(project_root() / SEED_ARTICLE)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        long_path = Path(tmp) / "long.txt"
        long_path.write_text(long_article(target_sentences), encoding="utf-8")
        warm = make_sentences(seed_path)
        ThemeModel(k=2).fit(warm, make_tokens(warm))  # imports, caches, thread pools
        plain_baseline(list(warm["text"]), 2, 0)
        for name, path in (("seed", seed_path), ("long", long_path)):
            sdf = make_sentences(path)
            tdf = make_tokens(sdf)
            best = {"auto": math.inf, "fixed": math.inf, "plain": math.inf}
            k = 1
            for _ in range(repeat):
                t0 = time.perf_counter()
                m = ThemeModel(k="auto").fit(sdf, tdf)
                best["auto"] = min(best["auto"], time.perf_counter() - t0)
                k = max(m.k_, 2)
                t0 = time.perf_counter()
                ThemeModel(k=k).fit(sdf, tdf)
                best["fixed"] = min(best["fixed"], time.perf_counter() - t0)
                t0 = time.perf_counter()
                plain_baseline(list(sdf["text"]), k, 0)
                best["plain"] = min(best["plain"], time.perf_counter() - t0)
            rows.append(
                {
                    "article": name,
                    "n_sentences": len(sdf),
                    "k": k,
                    "model_s": round(best["auto"], 4),
                    "fixed_k_s": round(best["fixed"], 4),
                    "plain_s": round(best["plain"], 4),
                    "ratio_auto": round(best["auto"] / best["plain"], 2),
                    "ratio_fixed": round(best["fixed"] / best["plain"], 2),
                }
            )
    return pd.DataFrame(rows)


def theme_overview(themes: pd.DataFrame, n_terms: int = 6) -> pd.DataFrame:
    """A reader-facing view of the theme table: themes numbered from 1, top terms as text."""
    out = pd.DataFrame({
        "theme": [f"T{int(t) + 1}" for t in themes["theme"]],
        "label": themes["label"],
        "sentences": themes["n_sentences"],
        "top terms (weight)": [", ".join(f"{w} ({v:.2f})" for w, v in terms[:n_terms]) for terms in themes["top_terms"]],
        "representative sentence": themes["representative"],
    })
    return out
