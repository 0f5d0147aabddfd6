"""Tension per theme and between actors: the article's tension profile."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.stats import bootstrap_mean_ci
from helpers.tension.score import TENSE_THRESHOLD


# --------------------------------------------------------------- actors and themes
MIN_PAIR_SENTENCES = 2
"""A pair of actors counts as "between whom" only when named together in at least this many
sentences; one shared sentence is a single mention (an aside, a list, a tagging error), not
evidence of a relation."""


def _actor_lists(sentences: pd.DataFrame) -> list[tuple[str, ...]]:
    if "actors" not in sentences:
        raise InputError("this table needs an 'actors' column (a tuple of names per sentence; stage_actors)")
    return [tuple(dict.fromkeys(a)) if isinstance(a, (tuple, list)) else () for a in sentences["actors"]]


def actor_pairs(sentences: pd.DataFrame, min_sentences: int = MIN_PAIR_SENTENCES) -> pd.DataFrame:
    """Pairs of actors named together in at least ``min_sentences`` sentences.

    One row per unordered pair: ``actor_a``, ``actor_b`` (``actor_a`` is the one
    mentioned first in the article), ``n_sentences``, ``sentence_ids`` (tuple),
    ``mean_tension`` (NaN without a ``tension`` column), sorted by ``n_sentences``
    then ``mean_tension`` (both descending), then first co-occurrence. The default keeps
    pairs with enough evidence (``MIN_PAIR_SENTENCES``); ``min_sentences=1`` gives every pair.
    """
    lists = _actor_lists(sentences)
    first: dict[str, tuple[int, int]] = {}
    for i, names in enumerate(lists):
        for j, a in enumerate(names):
            first.setdefault(a, (i, j))
    tension = sentences["tension"].astype(float).to_numpy() if "tension" in sentences else np.full(len(lists), np.nan)
    sids = [int(s) for s in sentences["sentence_id"]]
    found: dict[tuple[str, str], list[int]] = {}
    for i, names in enumerate(lists):
        for a, b in combinations(sorted(names, key=lambda n: (first[n], n)), 2):
            found.setdefault((a, b), []).append(i)
    rows = [
        {
            "actor_a": a,
            "actor_b": b,
            "n_sentences": len(idx),
            "sentence_ids": tuple(sids[i] for i in idx),
            "mean_tension": float(np.mean(tension[idx])) if len(idx) else float("nan"),
            "_first": idx[0],
        }
        for (a, b), idx in found.items()
        if len(idx) >= min_sentences
    ]
    cols = ["actor_a", "actor_b", "n_sentences", "sentence_ids", "mean_tension"]
    if not rows:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(rows)
    df["_t"] = df["mean_tension"].fillna(-1.0)
    df = df.sort_values(["n_sentences", "_t", "_first"], ascending=[False, False, True], kind="mergesort")
    return df[cols].reset_index(drop=True)


def actor_theme_table(sentences: pd.DataFrame, value: str = "count", min_sentences: int = 1) -> pd.DataFrame:
    """Actors (rows) x themes (columns).

    ``value="count"``: sentences of the theme naming the actor (0 when none);
    ``value="tension"``: mean tension of those sentences (NaN when none).  Rows are
    actors named in at least ``min_sentences`` sentences, most frequent first.
    """
    if "theme" not in sentences:
        raise InputError("actor_theme_table needs a 'theme' column (stage_themes)")
    if value not in ("count", "tension"):
        raise InputError(f"value must be 'count' or 'tension', not {value!r}")
    if value == "tension" and "tension" not in sentences:
        raise InputError("value='tension' needs a 'tension' column (score_tension / stage_tension)")
    lists = _actor_lists(sentences)
    long = pd.DataFrame(
        [
            {"actor": a, "theme": th, "tension": t}
            for names, th, t in zip(
                lists, sentences["theme"], sentences["tension"] if "tension" in sentences else [np.nan] * len(lists)
            )
            for a in names
        ],
        columns=["actor", "theme", "tension"],
    )
    themes = sorted(pd.unique(sentences["theme"]))
    if long.empty:
        return pd.DataFrame(columns=themes, index=pd.Index([], name="actor"), dtype=float)
    totals = long.groupby("actor", sort=False).size()
    order = list(totals[totals >= min_sentences].sort_values(ascending=False, kind="mergesort").index)
    if value == "count":
        table = long.pivot_table(index="actor", columns="theme", values="tension", aggfunc="size", fill_value=0)
        table = table.reindex(index=order, columns=themes, fill_value=0).astype("int64")
    else:
        table = long.pivot_table(index="actor", columns="theme", values="tension", aggfunc="mean")
        table = table.reindex(index=order, columns=themes).astype(float)
    table.columns.name = "theme"
    table.index.name = "actor"
    return table


def theme_tension(
    sentences: pd.DataFrame,
    seed: int = 0,
    n_boot: int = 2000,
    *,
    theme_col: str = "theme",
    threshold: float = TENSE_THRESHOLD,
    n_actors: int = 3,
) -> pd.DataFrame:
    """Tension profile per theme.

    Columns: ``theme``, ``n``, ``tension_mean``, ``tension_ci_low`` /
    ``tension_ci_high`` (95 % percentile bootstrap of the mean, ``n_boot`` resamples,
    a generator seeded with ``seed`` afresh for each theme), ``share_tense``
    (share of sentences with ``tension >= threshold``, ``TENSE_THRESHOLD`` by
    default), ``dominant_actors`` (the ``n_actors`` actors named in most of the
    theme's sentences, ties by first mention, joined by "; "; only actors the article names
    in two or more sentences, so an actor named once, perhaps a misreading, is never what a
    theme is "mostly" about; empty without an ``actors`` column).
    """
    for col in (theme_col, "tension"):
        if col not in sentences:
            raise InputError(f"theme_tension needs a column {col!r}")
    lists = _actor_lists(sentences) if "actors" in sentences else [()] * len(sentences)
    in_article: Counter[str] = Counter(a for names in lists for a in set(names))
    rows = []
    positions = np.arange(len(sentences))
    for theme, idx in sentences.groupby(theme_col, sort=True).indices.items():
        x = sentences["tension"].to_numpy(float)[idx]
        x = x[np.isfinite(x)]
        if len(x) == 0:
            continue
        lo, hi = bootstrap_mean_ci(x, seed=seed, n_boot=n_boot)
        counts: Counter[str] = Counter()
        order: dict[str, int] = {}
        for i in positions[idx]:
            for a in lists[i]:
                counts[a] += 1
                order.setdefault(a, int(i))
        # evidence: an actor the article names in two or more sentences (an actor named once
        # may be a misreading, and is never what a theme is mostly about)
        named = [a for a in counts if in_article[a] >= 2]
        top = sorted(named, key=lambda a: (-counts[a], order[a]))[:n_actors]
        rows.append(
            {
                theme_col: theme,
                "n": len(x),
                "tension_mean": float(x.mean()),
                "tension_ci_low": float(min(lo, x.mean())),
                "tension_ci_high": float(max(hi, x.mean())),
                "share_tense": float((x >= threshold).mean()),
                "dominant_actors": "; ".join(top),
            }
        )
    return pd.DataFrame(rows, columns=[theme_col, "n", "tension_mean", "tension_ci_low", "tension_ci_high",
                                       "share_tense", "dominant_actors"])
