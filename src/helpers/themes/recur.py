"""Recurring themes: sentences that return to a theme after another theme intervened."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd


def recurring(labels: Sequence[Any]) -> np.ndarray:
    """Which sentences return to an earlier theme.

    A *run* is a maximal block of consecutive sentences with the same theme. A sentence
    recurs when its run is not the first run of its theme: the theme was used earlier and
    at least one sentence of another theme came in between (the annotation guide's "a
    sentence late in the article can belong to an early theme").

    Parameters
    ----------
    labels : sequence of hashable, length n
        Theme per sentence in article order (ints from the model, names from an annotator).

    Returns
    -------
    numpy.ndarray of bool, shape (n,)
        True for the sentences of every second, third, ... run of a theme.
    """
    seen: set[Any] = set()
    out = np.zeros(len(labels), dtype=bool)
    prev: Any = object()
    in_return = False
    for i, lab in enumerate(labels):
        if i == 0 or lab != prev:
            in_return = lab in seen
            seen.add(lab)
        out[i] = in_return
        prev = lab
    return out


def recurring_table(sentences: pd.DataFrame, labels: Sequence[Any]) -> pd.DataFrame:
    """The returning runs of a theme assignment, one row per run.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentence table (``sentence_id``, ``text``), n rows in article order.
    labels : sequence, length n
        Theme per sentence.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme``, ``first_seen`` (sentence id where the theme began),
        ``returns_at`` (sentence id where it returns), ``n_sentences`` (length of the
        returning run) and ``text`` (that run's first sentence); empty when no theme recurs.
    """
    labels = list(labels)
    ids = sentences["sentence_id"].tolist()
    texts = sentences["text"].astype(str).tolist()
    flags = recurring(labels)
    first: dict[Any, int] = {}
    rows: list[dict[str, Any]] = []
    for i, lab in enumerate(labels):
        first.setdefault(lab, ids[i])
        if flags[i] and (i == 0 or labels[i - 1] != lab):
            j = i
            while j + 1 < len(labels) and labels[j + 1] == lab:
                j += 1
            rows.append({"theme": lab, "first_seen": first[lab], "returns_at": ids[i],
                         "n_sentences": j - i + 1, "text": texts[i]})
    return pd.DataFrame(rows, columns=["theme", "first_seen", "returns_at", "n_sentences", "text"])
