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
    """One row per article and theme: label, size, mean sentiment and (when available) tension."""
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
