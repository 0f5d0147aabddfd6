"""Several articles side by side (notebook 05): summary, theme and arc tables and the arcs figure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.io.discovery import collect_articles, output_names
from helpers.pipeline import analyze
from helpers.report.article import _num, _tension_columns, article_row


def analyze_articles(paths: str | Path | Iterable[str | Path], lang: str = "auto",
                     k: int | str = "auto", seed: int = 0) -> dict[str, Any]:
    """``{name: Analysis}`` for every article in ``paths`` (files or folders, as the CLI)."""
    articles = collect_articles(paths)
    return {name: analyze(p, lang=lang, k=k, seed=seed)
            for p, name in zip(articles, output_names(articles))}


def compare_table(results: Mapping[str, Any]) -> pd.DataFrame:
    """One row per article: language, size, themes, stability, mean sentiment / tension, most tense theme."""
    rows = []
    for name, result in results.items():
        row = {"article": name, **article_row(result)}
        row["paragraphs"] = int(result.sentences["paragraph"].nunique())
        row["stability"] = _num(getattr(result, "stability", float("nan")), 2)
        rows.append(row)
    cols = ["article", "language", "sentences", "paragraphs", "themes", "stability",
            "sentiment_mean", "tension_mean", "most_tense_theme"]
    table = pd.DataFrame(rows, columns=cols)
    if not any(v != "" for v in table["tension_mean"]):
        table = table.drop(columns=["tension_mean", "most_tense_theme"])
    return table


def theme_table(results: Mapping[str, Any]) -> pd.DataFrame:
    """One row per article and theme: ``theme`` ("T1", numbered from 1 as in every other view),
    label, size, mean sentiment and (when available) tension."""
    frames = []
    for name, result in results.items():
        themes = result.themes
        cols = [c for c in ("theme", "label", "n_sentences", "share", "sentiment_mean",
                            "sentiment_ci_low", "sentiment_ci_high") if c in themes.columns]
        frame = themes[cols].copy()
        _, per_theme = _tension_columns(result)
        if per_theme is not None:
            frame = frame.merge(per_theme[["theme", "tension"]].rename(columns={"tension": "tension_mean"}),
                                on="theme", how="left")
        frame.insert(0, "article", name)
        frame["theme"] = [f"T{int(t) + 1}" for t in frame["theme"]]  # as readers see it (notebooks 02-04)
        frames.append(frame)
    if not frames:
        return pd.DataFrame()
    table = pd.concat(frames, ignore_index=True)
    return table.round({c: 3 for c in table.columns if table[c].dtype.kind == "f"})


def arc_table(results: Mapping[str, Any], points: int = 21,
              measures: Sequence[str] = ("tension", "sentiment")) -> pd.DataFrame:
    """The course of each article on a 0–100 % axis: one row per article, measure and position.

    ``value`` is the smoothed arc of the per-sentence ``measure`` (``helpers.tension.arc``:
    rolling mean + DCT low-pass, evaluated at ``points`` evenly spaced positions, so
    articles of any length line up).
    """
    frames = []
    for name, result in results.items():
        sents = result.sentences
        for measure in measures:
            if measure not in sents.columns or sents.empty:
                continue
            curve = _arc(sents[measure].astype(float).to_numpy(), points)
            frames.append(pd.DataFrame({"article": name, "measure": measure,
                                        "position": curve["position"].round(1),
                                        "value": curve["smoothed"].round(4)}))
    columns = ["article", "measure", "position", "value"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def _arc(values: Any, points: int) -> pd.DataFrame:
    from helpers.tension.arc import arc

    return arc(values, n_points=points)


def arcs_figure(results: Mapping[str, Any]) -> Any:
    """The articles' tension and sentiment arcs side by side on a 0–100 % axis (``plots.arcs_figure``)."""
    from helpers.report.figures import arcs_figure as draw

    return draw(arc_table(results))


HEADERS = {"article": "Article", "language": "Language", "sentences": "Sentences", "paragraphs": "Paragraphs",
           "themes": "Themes", "stability": "Theme stability", "sentiment_mean": "Mean sentiment",
           "tension_mean": "Mean tension", "most_tense_theme": "Most tense theme", "theme": "Theme",
           "label": "Name", "n_sentences": "Sentences"}
"""Human column headers for ``compare_table`` and ``theme_table`` (``overview`` and ``theme_view``)."""


def overview(results: Mapping[str, Any]) -> pd.DataFrame:
    """``compare_table`` under human headers, numbers rounded to two decimals."""
    table = compare_table(results)
    for col in ("sentiment_mean", "tension_mean", "stability"):
        if col in table:
            table[col] = pd.to_numeric(table[col], errors="coerce").round(2)
    return table.rename(columns=HEADERS)


def theme_view(results: Mapping[str, Any]) -> pd.DataFrame:
    """Each article's themes, most tense first: ``Article``, ``Theme`` (T1…), ``Name``, ``Sentences``,
    ``Mean tension`` (0–1), ``Mean sentiment`` (−1…+1) and its ``95 % interval`` (text "a – b")."""
    t = theme_table(results)
    if t.empty:
        return t
    order = "tension_mean" if "tension_mean" in t else "sentiment_mean"
    t["_article"] = t["article"].map({name: i for i, name in enumerate(results)})  # the articles' own order
    t = t.sort_values(["_article", order], ascending=[True, False], kind="stable").reset_index(drop=True)
    out = t[[c for c in ("article", "theme", "label", "n_sentences", "tension_mean", "sentiment_mean")
             if c in t]].rename(columns=HEADERS)
    out["95 % interval"] = [f"{lo:.2f}\u00a0–\u00a0{hi:.2f}" for lo, hi in zip(t["sentiment_ci_low"], t["sentiment_ci_high"])]
    return out.round(2)


def arc_view(results: Mapping[str, Any], measure: str = "tension", points: int = 11) -> pd.DataFrame:
    """One row per article, one column per position (``"0 %"``, ``"10 %"``, … with ``points=11``):
    the smoothed arc of ``measure`` (``arc_table``), rounded to two decimals."""
    arcs = arc_table(results, points=points, measures=(measure,))
    wide = arcs.pivot_table(index="article", columns="position", values="value", sort=False).round(2)
    wide.columns = [f"{p:.0f} %" for p in wide.columns]
    return wide.reindex([a for a in results if a in wide.index]).rename_axis("Article").reset_index()
