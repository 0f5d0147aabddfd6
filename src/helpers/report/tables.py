"""Tables a reader can scan: the notebooks' and the report's views of an analysis.

What a reader sees numbers from 1: sentences S1, S2, …, themes T1, T2, …, paragraphs 1, 2,
… (``helpers.tension.arc.sentence_label``; the pipeline's own tables keep 0-based ids).
Each view puts the sentence text first, keeps few columns under human headers and rounds
numbers to two decimals. The full tables stay one call away: ``full_table(result, "sentences")``
(or ``"themes"``) is every column, with the same 1-based numbers, exactly what ``sentences.csv``
and ``themes.csv`` hold.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from helpers.tension.arc import sentence_label
from helpers.tension.score import TENSE_THRESHOLD

TEXT = "Sentence"
"""Header of the sentence-text column (shown first and wrapped by ``show``)."""

CSV_DECIMALS = 4
"""Floats in the CSV files are rounded to this many decimals (no 0.30000000000000004)."""

#: 0-based id columns of the pipeline's tables and the 1-based numbers readers see instead.
_ONE_BASED = {"sentence_id": "sentence", "theme": "theme", "paragraph": "paragraph",
              "first_sentence": "first_sentence", "last_sentence": "last_sentence"}
_ONE_BASED_TUPLES = ("paragraphs", "representative_ids", "sentence_ids")


def cell_text(value: Any) -> Any:
    """A table cell as readable text: sequences "; "-joined, ``(term, weight)`` pairs as "term (weight)".

    Scalars are returned unchanged (so numbers stay numbers in CSV files).
    """
    if isinstance(value, (list, tuple, set, frozenset)) or _is_array(value):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        return "; ".join(_inner(v) for v in items)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_inner(v)}" for k, v in value.items())
    return value


def _is_array(value: Any) -> bool:
    return type(value).__name__ == "ndarray"


def _inner(value: Any) -> str:
    if isinstance(value, (list, tuple)) or _is_array(value):
        seq = list(value)
        if len(seq) == 2 and isinstance(seq[0], str) and isinstance(seq[1], (int, float)):
            return f"{seq[0]} ({seq[1]:g})"
        return ", ".join(_inner(v) for v in seq)
    return str(value)


def readable_table(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every sequence-valued cell turned into readable text (``cell_text``)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(cell_text)
    out.attrs = {}
    return out


def _plus_one(value: Any) -> Any:
    if isinstance(value, (tuple, list, np.ndarray)):
        return tuple(int(v) + 1 for v in value)
    return value


def full_table(result: Any, which: str = "sentences") -> pd.DataFrame:
    """Every column of ``result.sentences`` or ``result.themes`` with readers' numbering.

    Parameters
    ----------
    result : Analysis
        An analysed article.
    which : {"sentences", "themes"}
        The table.

    Returns
    -------
    DataFrame
        Ids numbered from 1 (``sentence_id`` becomes ``sentence``; ``theme``, ``paragraph``,
        ``first_sentence``, ``last_sentence``, ``paragraphs``, ``representative_ids`` + 1);
        sequences as "; "-joined text (``cell_text``); floats rounded to ``CSV_DECIMALS``.
        ``start``/``end`` stay 0-based character offsets (Python slicing of the article text).

    Raises
    ------
    ValueError
        For another ``which``.
    """
    if which not in ("sentences", "themes"):
        raise ValueError(f"which must be 'sentences' or 'themes', not {which!r}")
    df = getattr(result, which).copy()
    for col in _ONE_BASED_TUPLES:
        if col in df:
            df[col] = df[col].map(_plus_one)
    for col, new in _ONE_BASED.items():
        if col in df and pd.api.types.is_numeric_dtype(df[col]):
            df[col] = df[col].astype("int64") + 1
    df = df.rename(columns={k: v for k, v in _ONE_BASED.items() if k in df})
    out = readable_table(df)
    floats = [c for c in out.columns if out[c].dtype.kind == "f"]
    return out.round({c: CSV_DECIMALS for c in floats})


def _tid(values: Any) -> list[str]:
    return [f"T{int(t) + 1}" for t in values]


def _interval(low: Any, high: Any) -> list[str]:
    return [f"{lo:.2f}\u00a0–\u00a0{hi:.2f}" if np.isfinite(lo) and np.isfinite(hi) else "" for lo, hi in zip(low, high)]


def _theme_columns(t: pd.DataFrame) -> dict[str, Any]:
    """The columns every theme table opens with: ``Theme`` (T1…), ``Name``, ``Sentences``."""
    return {"Theme": _tid(t["theme"]), "Name": t["label"], "Sentences": t["n_sentences"].astype(int)}


def theme_overview(result: Any, n_terms: int = 6) -> pd.DataFrame:
    """One row per theme: ``Theme`` (T1…), ``Name``, ``Sentences`` (count), ``Distinctive words``
    (the ``n_terms`` best, by weight), ``Where`` (first–last sentence), ``Representative sentence``."""
    t = result.themes
    return pd.DataFrame({
        **_theme_columns(t),
        "Distinctive words": [", ".join(w for w, _ in terms[:n_terms]) for terms in t["top_terms"]],
        "Where": [f"{sentence_label(a)}–{sentence_label(b)}" for a, b in zip(t["first_sentence"], t["last_sentence"])],
        "Representative sentence": t["representative"],
    })


def theme_tension(result: Any) -> pd.DataFrame:
    """Themes by mean tension, most tense first: ``Theme``, ``Name``, ``Sentences``, ``Tension``
    (mean, 0–1), ``95 % interval``, ``Tense sentences`` (share at or above ``TENSE_THRESHOLD``,
    as text "70 %"), ``Sentiment`` (mean, −1…+1), ``Main actors``."""
    t = result.themes.sort_values(["tension_mean", "theme"], ascending=[False, True])
    return pd.DataFrame({
        **_theme_columns(t),
        "Tension": t["tension_mean"].round(2),
        "95 % interval": _interval(t["tension_ci_low"], t["tension_ci_high"]),
        f"Tense (≥ {TENSE_THRESHOLD})": [f"{v:.0%}" for v in t["share_tense"]],
        "Sentiment": t["sentiment_mean"].round(2),
        "Main actors": t["dominant_actors"].str.replace("; ", ", "),
    }).reset_index(drop=True)


def theme_sentiment(result: Any) -> pd.DataFrame:
    """Themes in their order: ``Theme``, ``Name``, ``Sentences``, ``Sentiment`` (mean, −1…+1),
    ``95 % interval``, ``Negative / neutral / positive`` (shares of the theme's sentences, "20 / 50 / 30 %")."""
    t = result.themes
    return pd.DataFrame({
        **_theme_columns(t),
        "Sentiment": t["sentiment_mean"].round(2),
        "95 % interval": _interval(t["sentiment_ci_low"], t["sentiment_ci_high"]),
        "Negative / neutral / positive": [f"{100 * a:.0f} / {100 * b:.0f} / {100 * c:.0f} %"
                                          for a, b, c in zip(t["share_negative"], t["share_neutral"],
                                                             t["share_positive"])],
    })


def _base(s: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({TEXT: s["text"].to_numpy(), "No.": [sentence_label(i) for i in s["sentence_id"]]},
                        index=s.index)


def sentences_view(result: Any) -> pd.DataFrame:
    """Every sentence in reading order: ``Sentence`` (text), ``No.`` (S1…), ``Paragraph`` (from 1), ``Theme`` (T1…)."""
    s = result.sentences
    out = _base(s)
    out["Paragraph"] = s["paragraph"].astype(int) + 1
    if "theme" in s:
        out["Theme"] = _tid(s["theme"])
    return out.reset_index(drop=True)


def returns_view(result: Any) -> pd.DataFrame:
    """Runs of sentences that return to a theme first seen earlier
    (``helpers.themes.recur.recurring_table``): ``Returning sentence`` (the run's first),
    ``Theme`` (T1…), ``First seen`` and ``Returns at`` (S1…), ``Sentences`` (the run's length);
    no rows when no theme returns."""
    from helpers.themes.recur import recurring_table

    r = recurring_table(result.sentences, result.sentences["theme"])
    return pd.DataFrame({"Returning sentence": r["text"], "Theme": _tid(r["theme"]),
                         "First seen": [sentence_label(i) for i in r["first_seen"]],
                         "Returns at": [sentence_label(i) for i in r["returns_at"]],
                         "Sentences": r["n_sentences"]}).reset_index(drop=True)


def most_tense(result: Any, n: int = 8) -> pd.DataFrame:
    """The ``n`` most tense sentences: ``Sentence``, ``No.``, ``Theme``, ``Tension`` (0–1),
    ``Encoder share`` (the sentence encoder's part of the decision, 0–1), ``Conflict words``
    (with category and weight), ``Contrast`` ("yes" when a contrast marker counted; left out when
    none of the ``n`` has one), ``Actors``."""
    s = result.sentences.nlargest(n, "tension")
    out = _base(s)
    out["Theme"] = _tid(s["theme"])
    out["Tension"] = s["tension"].round(2)
    if "tension_model_share" in s:
        out["Encoder share"] = s["tension_model_share"].round(2)
    out["Conflict words"] = s["tension_terms"].map(cell_text)
    if (s["tension_contrast"] > 0).any():  # a column of blanks says nothing
        out["Contrast"] = ["yes" if v > 0 else "" for v in s["tension_contrast"]]
    out["Actors"] = s["actors"].map(lambda a: ", ".join(a) if isinstance(a, (tuple, list)) else "")
    return out.reset_index(drop=True)


def extreme_sentiment(result: Any, n: int = 5, negative: bool = True) -> pd.DataFrame:
    """The ``n`` most negative (or positive) sentences: ``Sentence``, ``No.``, ``Sentiment`` (−1…+1),
    ``Encoder share`` (0–1), ``Word lists`` (their score alone), ``Words that counted``."""
    s = result.sentences.nsmallest(n, "sentiment") if negative else result.sentences.nlargest(n, "sentiment")
    out = _base(s)
    out["Sentiment"] = s["sentiment"].round(2)
    if "sentiment_model_share" in s:
        out["Encoder share"] = s["sentiment_model_share"].round(2)
        out["Word lists"] = s["sentiment_rules"].round(2)
    out["Words that counted"] = s["sentiment_words"].map(cell_text)
    return out.reset_index(drop=True)


def actor_pairs_view(result: Any) -> pd.DataFrame:
    """Pairs named together in 2+ sentences: ``Actors``, ``Sentences`` (count), ``Mean tension``,
    ``Where`` (the sentences, "S1, S14")."""
    p = result.actor_pairs
    return pd.DataFrame({
        "Actors": [f"{a} – {b}" for a, b in zip(p["actor_a"], p["actor_b"])],
        "Sentences": p["n_sentences"].astype(int),
        "Mean tension": p["mean_tension"].astype(float).round(2),
        "Where": [", ".join(sentence_label(i) for i in ids) for ids in p["sentence_ids"]],
    })


def actors_view(result: Any) -> pd.DataFrame:
    """The actors: ``Actor``, ``Type``, ``Sentences`` (naming it), ``Mentions``, ``First named`` (S1…)."""
    a = result.actors
    return pd.DataFrame({
        "Actor": a["actor"], "Type": a["type"],
        "Sentences": [len(v) if isinstance(v, (tuple, list)) else int(v) for v in a["sentences"]],
        "Mentions": a["mentions"].astype(int), "First named": [sentence_label(i) for i in a["first_sentence"]],
    })


def k_table(k_scores: pd.DataFrame) -> pd.DataFrame:
    """The criterion per candidate k: ``Themes (k)``, ``Silhouette``, ``Length prior (log)``,
    ``Score``, plus ``Stability (ARI)`` only when it was computed (``criterion="stability"``;
    the default criterion leaves it empty, so the column is dropped)."""
    out = pd.DataFrame({"Themes (k)": k_scores["k"].astype(int), "Silhouette": k_scores["silhouette"].round(3)})
    if "stability" in k_scores and k_scores["stability"].notna().any():
        out["Stability (ARI)"] = k_scores["stability"].round(3)
    out["Length prior (log)"] = k_scores["log_prior"].round(3)
    out["Score"] = k_scores["score"].round(3)
    return out


def show(df: pd.DataFrame, uid: str, text_width: str = "32em") -> Any:
    """``df`` as a notebook displays it best: no index, two decimals, sequences as text, the ``Sentence`` column
    (and other long text) wrapped at ``text_width`` and left-aligned. ``uid``: a fixed id, so the
    HTML is the same on every run (the notebooks' outputs are compared by nbval).

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    df = readable_table(df)  # sequences as "a; b", never "('a', 'b')"
    styler = df.style.set_uuid(uid).hide(axis="index").format(precision=2, na_rep="")
    wide = [c for c in df.columns
            if not pd.api.types.is_numeric_dtype(df[c]) and df[c].astype(str).str.len().max() > 40]
    text = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])]
    if text:  # words read from the left (notebooks right-align every cell by default)
        styler = styler.set_properties(subset=text, **{"text-align": "left"})
    if wide:
        styler = styler.set_properties(subset=wide, **{"white-space": "normal", "min-width": "14em",
                                                       "max-width": text_width})
    short = [c for c in text if c not in wide and df[c].astype(str).str.len().max() <= 16]
    if short:  # "-0.39 – 0.05", "S16–S25": one unit each, never broken over two lines
        styler = styler.set_properties(subset=short, **{"white-space": "nowrap"})
    return styler.set_table_styles([{"selector": "th", "props": [("text-align", "left")]},
                                    {"selector": "td", "props": [("vertical-align", "top")]}])
