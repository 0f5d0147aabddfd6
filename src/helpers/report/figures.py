"""Figures a reader understands without the code (matplotlib + seaborn).

Every function returns a ``matplotlib.figure.Figure`` and never calls ``plt.show``;
notebooks display the figure, the batch runner saves it.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

# what the figures show is computed once, for these figures and the batch's SVG ones
from helpers.report.figure_data import theme_names
from helpers.report.figure_style import FIGURE_WIDTH_IN, PALETTE, SMALL_PX, pt, style, theme_colors
from helpers.report.headline import headline_figure

__all__ = ["PALETTE", "style", "theme_colors", "theme_names", "headline_figure", "lemma_bar", "k_choice",
           "theme_map", "theme_strip", "sentiment_by_theme", "sentiment_along", "report_figures",
           "save_figure", "report_dir", "arcs_figure"]


def lemma_bar(freq: pd.DataFrame, title: str = "Most frequent content words") -> Figure:
    """Horizontal bar chart of ``top_lemmas`` output (columns ``lemma``, ``count``)."""
    style()
    fig, ax = plt.subplots(figsize=(7, 0.32 * max(len(freq), 4) + 1.2))
    sns.barplot(data=freq, y="lemma", x="count", ax=ax, color=sns.color_palette(PALETTE)[0])
    ax.set_xlabel("occurrences in the article (lemmatised)")
    ax.set_ylabel("")
    ax.set_title(title, loc="left", fontweight="bold")
    for patch, n in zip(ax.patches, freq["count"]):
        ax.annotate(str(n), (patch.get_width(), patch.get_y() + patch.get_height() / 2),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=pt(SMALL_PX))
    fig.tight_layout()
    plt.close(fig)
    return fig


def k_choice(k_scores: pd.DataFrame, k: int) -> Figure:
    """How k was chosen: silhouette, length prior and their sum per candidate k."""
    style()
    fig, ax = plt.subplots(figsize=(7, 4.2))
    if k_scores.empty:
        ax.text(0.5, 0.5, f"k fixed to {k}: no choice made", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        plt.close(fig)
        return fig
    ax.plot(k_scores["k"], k_scores["silhouette"], marker="o", label="silhouette (separation of themes)")
    ax.plot(k_scores["k"], k_scores["log_prior"], marker="s", label="length prior (log, peak at √(n/2))")
    ax.plot(k_scores["k"], k_scores["score"], marker="D", linewidth=2.5, label="score = silhouette + prior")
    ax.axvline(k, color="0.3", linestyle="--", linewidth=1)
    ax.annotate(f"chosen k = {k}", (k, ax.get_ylim()[1]), xytext=(4, -14), textcoords="offset points")
    ax.set_xlabel("number of themes k")
    ax.set_ylabel("criterion")
    ax.set_xticks(list(k_scores["k"]))
    ax.set_title("Choosing the number of themes", loc="left", fontweight="bold")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=pt(SMALL_PX), frameon=False)
    fig.tight_layout()
    plt.close(fig)
    return fig


def theme_map(features: object, labels: object, themes: pd.DataFrame, seed: int = 0) -> Figure:
    """Sentences in two dimensions (TruncatedSVD of the clustered features), coloured by theme."""
    from sklearn.decomposition import TruncatedSVD

    style()
    x = features
    labels = np.asarray(labels)
    n_comp = 2 if min(getattr(x, "shape", (0, 0))) > 2 else 1
    coords = TruncatedSVD(n_components=n_comp, random_state=seed).fit_transform(x) if n_comp > 1 else None
    fig, ax = plt.subplots(figsize=(7, 4.8))
    names = theme_names(themes)
    colors = theme_colors(len(names))
    if coords is None:
        ax.text(0.5, 0.5, "too few sentences for a map", ha="center", va="center", transform=ax.transAxes)
    else:
        for tid, name in names.items():
            mask = labels == tid
            ax.scatter(coords[mask, 0], coords[mask, 1], s=46, color=colors[tid], label=name,
                       edgecolor="white", linewidth=0.6)
            for i in np.flatnonzero(mask):
                ax.annotate(str(i + 1), (coords[i, 0], coords[i, 1]), fontsize=pt(SMALL_PX) - 0.5, color="0.35",
                            xytext=(3, 2), textcoords="offset points")
        ax.legend(fontsize=pt(SMALL_PX), loc="upper left", bbox_to_anchor=(0, -0.14), ncol=2, frameon=False)
    ax.set_xlabel("component 1")
    ax.set_ylabel("component 2")
    ax.set_title("Sentences by similarity (numbers: sentences S1, S2, …)", loc="left", fontweight="bold")
    fig.tight_layout()
    plt.close(fig)
    return fig


def theme_strip(sentences: pd.DataFrame, themes: pd.DataFrame) -> Figure:
    """Which theme each sentence belongs to, in reading order; paragraph breaks as ticks."""

    style()
    names = theme_names(themes)
    colors = theme_colors(len(names))
    n = len(sentences)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, 0.45 * len(names) + 1.4))
    ids = sentences["theme"].to_numpy()
    for pos, tid in enumerate(ids):
        ax.barh(int(tid), 1, left=pos, height=0.8, color=colors[int(tid)], edgecolor="white", linewidth=0.4)
    breaks = np.flatnonzero(np.diff(sentences["paragraph"].to_numpy())) + 1
    for b in breaks:
        ax.axvline(b, color="0.75", linewidth=0.8, zorder=0)
    ax.set_yticks(list(names))
    ax.set_yticklabels(list(names.values()))
    ax.invert_yaxis()
    ax.set_xlim(0, n)
    step = next((k for k in (1, 2, 5, 10, 20, 50, 100, 200, 500) if n / k <= 12), 1000)
    numbers = [1] + list(range(step, n + 1, step))  # sentence S<k> is the bar from k - 1 to k
    ax.set_xticks([k - 0.5 for k in numbers], [str(k) for k in numbers])
    ax.set_xlabel("sentence S1, S2, … (reading order; grey lines = paragraph breaks)")
    ax.set_title("Where each theme appears in the article", loc="left", fontweight="bold")
    ax.grid(False)
    fig.tight_layout()
    plt.close(fig)
    return fig


def sentiment_by_theme(themes: pd.DataFrame) -> Figure:
    """Mean sentence sentiment per theme with its bootstrap 95 % confidence interval."""
    style()
    names = theme_names(themes)
    colors = theme_colors(len(names))
    t = themes.sort_values("sentiment_mean")
    fig, ax = plt.subplots(figsize=(7.5, 0.5 * len(t) + 1.5))
    y = range(len(t))
    for yi, (_, row) in zip(y, t.iterrows()):
        tid = int(row["theme"])
        ax.errorbar(row["sentiment_mean"], yi,
                    xerr=[[row["sentiment_mean"] - row["sentiment_ci_low"]], [row["sentiment_ci_high"] - row["sentiment_mean"]]],
                    fmt="o", color=colors[tid], capsize=4, markersize=8)
        ax.annotate(f"n={int(row['n_sentences'])}", (row["sentiment_ci_high"], yi), xytext=(5, -3),
                    textcoords="offset points", fontsize=pt(SMALL_PX), color="0.4")
    ax.axvline(0, color="0.3", linewidth=1)
    ax.set_yticks(list(y))
    ax.set_yticklabels([names[int(tid)] for tid in t["theme"]])
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("mean sentiment (−1 negative … +1 positive), 95 % CI")
    ax.set_title("How each theme sounds", loc="left", fontweight="bold")
    fig.tight_layout()
    plt.close(fig)
    return fig


def sentiment_along(sentences: pd.DataFrame, themes: pd.DataFrame) -> Figure:
    """Sentence sentiment in reading order, bars coloured by theme."""
    style()
    names = theme_names(themes)
    colors = theme_colors(len(names))
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, 3.8))
    tids = sentences["theme"].astype(int).tolist() if "theme" in sentences else [0] * len(sentences)
    ax.bar(sentences["sentence_id"] + 1, sentences["sentiment"], color=[colors[t] for t in tids], width=0.85)
    ax.axhline(0, color="0.3", linewidth=1)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(0.4, len(sentences) + 0.6)
    ax.set_xlabel("sentence S1, S2, … (reading order)")
    ax.set_ylabel("sentiment")
    ax.set_title("Sentiment sentence by sentence (colour = theme)", loc="left", fontweight="bold")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=colors[t], label=n) for t, n in names.items()], fontsize=pt(SMALL_PX),
              loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=min(2, len(names)), frameon=False)
    fig.tight_layout()
    plt.close(fig)
    return fig


def report_figures(result: object) -> dict[str, Figure]:
    """The figures of one analysis, by file stem, for reports (batch runner, HTML)."""
    sentences = getattr(result, "sentences")
    themes = getattr(result, "themes")
    figures: dict[str, Figure] = {}
    extra = _later_figures(result)
    figures.update(extra)
    figures["themes_strip"] = theme_strip(sentences, themes)
    if "sentiment_mean" in themes and not extra:  # the headline figure shows it already
        figures["sentiment_by_theme"] = sentiment_by_theme(themes)
    if "sentiment" in sentences:
        figures["sentiment_along"] = sentiment_along(sentences, themes)
    return figures


def _later_figures(result: object) -> dict[str, Figure]:
    """The headline tension figure, when the analysis has tension."""
    if "tension" not in getattr(result, "sentences") or "tension_mean" not in getattr(result, "themes"):
        return {}
    return {"tension_profile": headline_figure(result)}


def save_figure(fig: Figure, folder: str | Path, name: str, formats: tuple[str, ...] = ("png", "svg")) -> list[Path]:
    """Save ``fig`` as ``folder/name.png`` (150 dpi) and ``.svg``; return the paths written.

    SVG output carries no date and fixed ids, so the same figure gives the same file.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = out / f"{name}.{fmt}"
        kwargs: dict[str, object] = {"bbox_inches": "tight"}
        if fmt == "png":
            kwargs["dpi"] = 150
        if fmt == "svg":
            kwargs["metadata"] = {"Date": None}
        with plt.rc_context({"svg.hashsalt": "tension-profile"}):  # stable element ids
            fig.savefig(path, format=fmt, **kwargs)
        paths.append(path)
    return paths


def report_dir(article: str | Path, report_dir: str | Path | None = None) -> Path:
    """Where an article's report goes: ``report_dir`` or ``<project>/reports/<name>``, the
    name the command line gives the article's folder (its stem, made filesystem-safe:
    "mein artikel.txt" -> ``reports/mein_artikel``)."""
    from helpers.io.discovery import safe_name
    from helpers.io.reading import project_root

    return Path(report_dir) if report_dir else project_root() / "reports" / safe_name(Path(article).stem)


def arcs_figure(arcs: pd.DataFrame) -> Figure:
    """Several articles' smoothed arcs side by side on a 0–100 % axis.

    ``arcs``: columns ``article, measure, position, value`` (``helpers.report.compare.arc_table``);
    one panel per measure (tension 0–1, sentiment −1–1), one line per article.
    """
    style()
    measures = list(dict.fromkeys(arcs["measure"])) or ["tension"]
    fig, axes = plt.subplots(1, len(measures), figsize=(min(FIGURE_WIDTH_IN, 4.8 * len(measures)), 3.8), squeeze=False)
    for ax, measure in zip(axes[0], measures):
        part = arcs[arcs["measure"] == measure]
        for name, group in part.groupby("article", sort=False):
            ax.plot(group["position"], group["value"], linewidth=2, label=str(name))
        ax.axhline(0, color="0.6", linewidth=0.8)
        ax.set_xlim(0, 100)
        ax.set_ylim(*((0, 1) if measure == "tension" else (-1, 1)))
        ax.set_xlabel("position in the article (% of sentences)")
        ax.set_title(f"{measure} through the article (smoothed)", loc="left", fontweight="bold")
    axes[0][0].legend(loc="upper left", fontsize=pt(SMALL_PX), frameon=False)
    fig.tight_layout()
    plt.close(fig)
    return fig
