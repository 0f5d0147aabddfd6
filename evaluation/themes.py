"""Theme agreement of ``make eval``: ARI and NMI per article, k within ±1, recurring themes.

Methods compared on every development article (rows of the table):

- ``project (k=auto)``: ``ThemeModel`` as shipped (TF-IDF and sentence-encoder blocks),
- ``before issue 17: words only (k=auto)``: ``ThemeModel(embedding_weight=0, k_floor=0)``,
  the model before issue 17 (TF-IDF with paragraph and neighbour context, length prior alone),
- ``project (k=k_a)``: the shipped model told annotator a's number of themes,
- ``plain TF-IDF+KMeans (k=k_a)``: ``evaluation.baselines.plain_baseline``,
- ``paragraph = theme``; ``annotator a vs b``; ``annotator a`` and ``annotator b`` alone
  (their k and recurring sentences).

Columns: ``ARI a/b``, ``NMI a/b`` (against annotator a / b), ``k``, ``k±1 a/b`` (1 when the
chosen k is within one of that annotator's number of themes, so the mean over articles is
the rate), ``recur`` (sentences that return to a theme after another intervened:
``helpers.themes.recur.recurring``) and ``recur∩a/b`` (how many of those the annotator also
marks as returning).
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import normalized_mutual_info_score

from evaluation.harness import ArticleEval, Row, _collect, ari


def _vectors(ev: ArticleEval) -> np.ndarray | None:
    from helpers.embeddings import EncoderUnavailable, encode

    try:
        return encode(list(ev.sentences["text"].astype(str)))
    except EncoderUnavailable:
        return None


def _gold(ev: ArticleEval, who: str) -> np.ndarray | None:
    col = f"gold_theme_{who}"
    if col not in ev.sentences:
        return None
    return ev.sentences[col].astype(str).to_numpy()


def _structure(row: Row, ev: ArticleEval, preds: list[np.ndarray], ks: list[int]) -> Row:
    """Add ``k±1 a/b``, ``recur`` and ``recur∩a/b`` to a method's row (one value per seed)."""
    from helpers.themes.recur import recurring

    for who in ("a", "b"):
        col = f"theme_{who}"
        if col in ev.units:
            k_gold = int(ev.units[col].nunique())
            row.scores[f"k±1 {who}"] = [float(abs(k - k_gold) <= 1) for k in ks]
    row.scores["recur"] = [float(recurring(list(p)).sum()) for p in preds]
    for who in ("a", "b"):
        gold = _gold(ev, who)
        if gold is not None:
            g = recurring(list(gold))
            row.scores[f"recur∩{who}"] = [float((recurring(list(p)) & g).sum()) for p in preds]
    return row


def theme_block(ev: ArticleEval, seeds: list[int]) -> list[Row]:
    """Theme agreement (ARI, NMI vs annotators a and b), k and recurring themes per method."""
    from evaluation.baselines import plain_baseline
    from helpers.themes.model import ThemeModel

    rows: list[Row] = []
    vecs = _vectors(ev)
    k_a = int(ev.units["theme_a"].nunique()) if "theme_a" in ev.units else 4
    for method, kwargs in (("project (k=auto)", {}),
                           ("before issue 17: words only (k=auto)", {"embedding_weight": 0.0, "k_floor": 0}),
                           ("project (k=k_a)", {"k": k_a})):
        models = [ThemeModel(seed=s, **kwargs).fit(ev.sentences, ev.tokens, embeddings=vecs) for s in seeds]
        row = _collect(ev, method, [m.labels_ for m in models])
        row.scores["k"] = [float(m.k_) for m in models]
        row.scores["stability"] = [m.stability_ for m in models]
        rows.append(_structure(row, ev, [m.labels_ for m in models], [m.k_ for m in models]))
    texts = list(ev.sentences["text"].astype(str))
    preds = [plain_baseline(texts, k_a, s) for s in seeds]
    row = _collect(ev, "plain TF-IDF+KMeans (k=k_a)", preds)
    row.scores["k"] = [float(k_a)]
    rows.append(_structure(row, ev, preds, [k_a]))
    para = ev.sentences["paragraph"].to_numpy()
    row = _collect(ev, "paragraph = theme", [para])
    row.scores["k"] = [float(len(set(para.tolist())))]
    rows.append(_structure(row, ev, [para], [len(set(para.tolist()))]))
    if {"theme_a", "theme_b"} <= set(ev.units.columns):
        a = ev.units["theme_a"].astype(str)
        b = ev.units["theme_b"].astype(str)
        rows.append(Row(ev.name, "annotator a vs b (units)", {
            "ARI a": [ari(a, b)], "NMI a": [float(normalized_mutual_info_score(a, b))], "k": [float(b.nunique())],
        }))
    from helpers.themes.recur import recurring

    for who in ("a", "b"):
        col = f"theme_{who}"
        if col in ev.units:
            units = ev.units[col].astype(str).tolist()
            rows.append(Row(ev.name, f"annotator {who}", {"k": [float(len(set(units)))],
                                                          "recur": [float(recurring(units).sum())]}))
    return rows
