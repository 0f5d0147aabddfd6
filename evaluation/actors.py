"""Actors per sentence against the annotators: micro precision, recall, F1 with lenient name matching."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers.actors import find_actors
from helpers.actors.names import same_actor

__all__ = ["actor_agreement", "actor_eval_block", "same_actor"]


# ----------------------------------------------------------------------- evaluation
def _split_gold(value: Any) -> list[str]:
    if not isinstance(value, str):
        return []
    return [v.strip() for v in value.split(";") if v.strip() and v.strip() != "-"]


def actor_agreement(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> dict[str, float]:
    """Micro precision, recall and F1 of per-sentence actor sets (``same_actor`` matching,
    each name matched at most once per sentence)."""
    tp = n_pred = n_gold = 0
    for pred, ref in zip(predicted, gold):
        left = list(dict.fromkeys(ref))
        n_pred += len(set(pred))
        n_gold += len(left)
        for name in dict.fromkeys(pred):
            hit = next((g for g in left if same_actor(name, g)), None)
            if hit is not None:
                left.remove(hit)
                tp += 1
    p = tp / n_pred if n_pred else float("nan")
    r = tp / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if n_pred and n_gold and (p + r) else float("nan")
    return {"P": p, "R": r, "F1": f}


def _capitalised_baseline(sentences: pd.DataFrame, tokens: pd.DataFrame) -> list[tuple[str, ...]]:
    """The plain heuristic: every capitalised word that does not open its sentence."""
    out: dict[int, list[str]] = {}
    for sid, text, tid in zip(tokens["sentence_id"].tolist(), tokens["text"].tolist(), tokens["token_id"].tolist()):
        if tid > 0 and text[:1].isupper() and any(c.isalpha() for c in text):
            out.setdefault(int(sid), []).append(text)
    return [tuple(dict.fromkeys(out.get(int(s), []))) for s in sentences["sentence_id"]]


def actor_eval_block(ev: Any, seeds: list[int] | None = None) -> list[Any]:
    """Metric block for ``evaluation.harness.METRIC_BLOCKS``: per-sentence actors against each
    annotator (micro P / R / F1 with ``same_actor``) for the default tagger method and the
    rules used before it, next to the plain "capitalised words" heuristic and annotator b
    against a. No rows without actor annotations."""
    from evaluation.harness import Row

    sdf = ev.sentences
    gold_cols = [c for c in ("gold_actors_a", "gold_actors_b") if c in sdf]
    if not gold_cols:
        return []
    golds = {c[-1]: [_split_gold(v) for v in sdf[c]] for c in gold_cols}
    tagger = [tuple(a) for a in find_actors(sdf, ev.tokens, method="tagger")[0]]
    rules = [tuple(a) for a in find_actors(sdf, ev.tokens, method="rules")[0]]
    baseline = _capitalised_baseline(sdf, ev.tokens)

    def scores(pred: Sequence[Sequence[str]], who: Sequence[str]) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        for w in who:
            m = actor_agreement(pred, golds[w])
            if w == "a":
                out["actor P a"], out["actor R a"] = [m["P"]], [m["R"]]
            out[f"actor F1 {w}"] = [m["F1"]]
        return out

    rows = [Row(ev.name, "actors: tagger (default)", scores(tagger, list(golds))),
            Row(ev.name, "actors: rules (before issue 14)", scores(rules, list(golds))),
            Row(ev.name, "actors: capitalised words (baseline)", scores(baseline, list(golds)))]
    if {"a", "b"} <= set(golds):
        rows.append(Row(ev.name, "actors: annotator b (ceiling)", scores(golds["b"], ["a"])))
    return rows
