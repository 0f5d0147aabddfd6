"""The headline figure (matplotlib): the tension profile of one article in one image.

Sized for a notebook output area (``figure_style``: 960 px wide at 100 dpi, shown 1:1) with
font sizes in screen pixels, full theme names (wrapped, never cut), the peaks that
``helpers.tension.arc.tension_peaks`` defines (the ones the summary names) and only the
actor pairs with evidence (named together in ``MIN_PAIR_SENTENCES`` or more sentences).
The SVG twin for the batch reports is ``helpers.report.svg.headline_svg``.
"""

from __future__ import annotations

import textwrap
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from helpers.report.figure_data import ranked_themes, theme_names, theme_position_grid
from helpers.report.figure_style import (
    FIGURE_WIDTH_IN,
    SMALL_PX,
    TEXT_PX,
    TITLE_PX,
    pt,
    style,
    theme_colors,
)
from helpers.tension.arc import N_PEAKS, PEAK_RULE, arc, tension_peaks

TENSION_CMAP = "rocket_r"

NAME_WRAP = 28
"""Theme names are wrapped at this many characters in the figure's row labels."""

PEAK_TEXT_CHARS = 105
"""The peak sentences are listed under the arc, cut to this many characters (one line each)."""

TOP_PAIRS = 8
"""The actor panel shows at most this many pairs (the most frequent)."""


def _lines(names: dict[int, str]) -> int:
    return sum(name.count("\n") + 1 for name in names.values())


def tension_arc(ax: Any, ax_peaks: Any, sentences: pd.DataFrame, n_peaks: int = N_PEAKS) -> pd.DataFrame:
    """Tension and sentiment over the article (0–100 %), smoothed; the peaks tagged "S…" in the
    plot and listed with their text in ``ax_peaks`` (an axis turned off). Returns the peaks."""
    n = len(sentences)
    pos = [100.0 * (i + 0.5) / n for i in range(n)]
    t_arc = arc(sentences["tension"].to_numpy())
    s_arc = arc(sentences["sentiment"].to_numpy())
    ax.scatter(pos, sentences["tension"], s=14, color="#b2182b", alpha=0.35, label="tension per sentence")
    ax.plot(t_arc["position"], t_arc["smoothed"], color="#b2182b", linewidth=2.4, label="tension (smoothed)")
    ax.plot(s_arc["position"], s_arc["smoothed"], color="#2166ac", linewidth=1.8, linestyle="--",
            label="sentiment (smoothed)")
    ax.axhline(0, color="0.6", linewidth=0.8)
    peaks = tension_peaks(sentences, n=n_peaks, text_chars=PEAK_TEXT_CHARS)
    for _, p in peaks.iterrows():
        ax.scatter([p["position"]], [p["value"]], s=40, facecolor="none", edgecolor="0.15", linewidth=1.2)
        ax.annotate(p["label"], (p["position"], p["value"]), xytext=(0, 7), textcoords="offset points",
                    ha="center", va="bottom", fontsize=pt(SMALL_PX), fontweight="bold", color="0.15")
    ax.set_xlim(0, 100)
    ax.set_ylim(-1.05, 1.35)
    ax.set_xlabel("position in the article (% of sentences)")
    ax.set_ylabel("score")
    ax.set_title("How tension rises and falls through the article", loc="left", fontweight="bold")
    ax.legend(loc="lower left", ncol=3, frameon=True, fontsize=pt(SMALL_PX))
    ax_peaks.set_axis_off()
    lines = [f"Peaks: {PEAK_RULE}."] if len(peaks) else ["No peaks: every sentence scores the same."]
    lines += [f"{p['label']}  ({p['value']:.2f}, {p['position']:.0f} %)  {p['text']}" for _, p in peaks.iterrows()]
    for i, line in enumerate(lines):
        text = ax_peaks.text(0.0, 1.0 - i / max(len(lines), 4), line, transform=ax_peaks.transAxes, va="top",
                             fontsize=pt(SMALL_PX), color="0.35" if i == 0 else "0.1",
                             style="italic" if i == 0 else "normal")
        text.set_in_layout(False)  # the lines are cut to fit (PEAK_TEXT_CHARS); they must not squeeze the panels
    return peaks


def tension_by_theme(ax_t: Any, ax_s: Any, themes: pd.DataFrame) -> None:
    """Two aligned panels: mean tension per theme (ranked, 95 % CI) and mean sentiment beside it."""
    names = theme_names(themes, wrap=NAME_WRAP)
    colors = theme_colors(len(names))
    t = ranked_themes(themes)
    y = list(range(len(t)))
    for yi, (_, row) in zip(y, t.iterrows()):
        tid = int(row["theme"])
        ax_t.barh(yi, row["tension_mean"], color=colors[tid], height=0.6)
        ax_t.errorbar(row["tension_mean"], yi, fmt="none", ecolor="0.2", capsize=3,
                      xerr=[[row["tension_mean"] - row["tension_ci_low"]], [row["tension_ci_high"] - row["tension_mean"]]])
        ax_s.errorbar(row["sentiment_mean"], yi, fmt="o", color=colors[tid], capsize=3, markersize=7,
                      xerr=[[row["sentiment_mean"] - row["sentiment_ci_low"]], [row["sentiment_ci_high"] - row["sentiment_mean"]]])
    ax_t.set_yticks(y)
    ax_t.set_yticklabels([names[int(tid)] for tid in t["theme"]])
    ax_t.set_ylim(len(t) - 0.5, -0.5)
    ax_t.set_xlim(0, 1)
    ax_t.set_xlabel("mean tension (0 none … 1 acute), 95 % CI")
    ax_t.set_title("Themes ranked by tension", loc="left", fontweight="bold")
    ax_s.axvline(0, color="0.3", linewidth=1)
    ax_s.set_xlim(-1.05, 1.05)
    ax_s.set_xticks([-1, 0, 1])
    ax_s.set_xlabel("sentiment (−1 … +1), 95 % CI")
    ax_s.set_title("… and how they sound", loc="left", fontweight="bold")
    ax_s.tick_params(labelleft=False)


def theme_position_heatmap(ax: Any, sentences: pd.DataFrame, themes: pd.DataFrame, bins: int = 10) -> None:
    """Mean tension of each theme in each tenth of the article (blank: theme absent there)."""
    names = theme_names(themes, wrap=NAME_WRAP)
    grid = theme_position_grid(sentences, themes, bins)
    data = np.ma.masked_invalid(grid.to_numpy(dtype=float))
    mesh = ax.pcolormesh(data, cmap=sns.color_palette(TENSION_CMAP, as_cmap=True), vmin=0, vmax=1,
                         edgecolors="white", linewidth=0.5)
    ax.set_xlim(0, bins)
    ax.set_ylim(data.shape[0], 0)
    ax.set_xticks(range(bins + 1), [f"{100 * i // bins}" for i in range(bins + 1)])
    ax.set_yticks([i + 0.5 for i in range(len(grid.index))], [names[int(t)] for t in grid.index])
    ax.figure.colorbar(mesh, ax=ax, label="mean tension", fraction=0.04, pad=0.02)
    ax.set_xlabel("position in the article (%)")
    ax.grid(False)
    ax.set_title("Where each theme is tense (blank: the theme is absent there)", loc="left", fontweight="bold")


def actor_pairs_panel(ax: Any, pairs: pd.DataFrame | None, top: int = TOP_PAIRS) -> None:
    """Between whom: one bar per pair of actors named together in 2+ sentences (mean tension of
    those sentences, their number beside the bar); the ``top`` most frequent pairs."""
    ax.set_title("Between whom: pairs named together in 2+ sentences", loc="left", fontweight="bold")
    if pairs is None or len(pairs) == 0:
        ax.text(0.5, 0.5, "no two actors are named together in 2 or more sentences", ha="center", va="center",
                transform=ax.transAxes, fontsize=pt(TEXT_PX), color="0.35")
        ax.set_axis_off()
        return
    shown = pairs.head(top)
    cmap = sns.color_palette(TENSION_CMAP, as_cmap=True)
    y = np.arange(len(shown))
    means = shown["mean_tension"].astype(float).fillna(0.0).to_numpy()
    ax.barh(y, means, color=[cmap(0.15 + 0.7 * v) for v in means], height=0.6)
    for yi, (v, k) in enumerate(zip(means, shown["n_sentences"])):
        ax.text(v + 0.01, yi, f"{int(k)} sentences", va="center", fontsize=pt(SMALL_PX), color="0.3")
    labels = [textwrap.shorten(f"{a} – {b}", 200) for a, b in zip(shown["actor_a"], shown["actor_b"])]
    ax.set_yticks(y, ["\n".join(textwrap.wrap(lab, 34, break_long_words=False)) for lab in labels])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlim(0, 1.18)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xlabel("mean tension of the sentences naming both")
    ax.grid(axis="y", visible=False)


def headline_figure(result: Any, title: str | None = None) -> Figure:
    """The tension profile in one image, top to bottom: the arc with its peaks, themes ranked by
    tension with their sentiment, theme × position, and the actor pairs.

    Parameters
    ----------
    result : Analysis
        After the tension stage: ``sentences`` (``tension``, ``sentiment``, ``theme``, ``text``),
        ``themes`` (``tension_mean``/``_ci_low``/``_ci_high``, ``sentiment_mean``/…) and
        ``actor_pairs``.
    title : str, optional
        The figure's heading (default "Tension profile").

    Returns
    -------
    Figure
        ``FIGURE_WIDTH_IN`` (9.6 in = 960 px at 100 dpi) wide; the height grows with the
        number of themes (and their wrapped names) and of actor pairs.
    """
    style()
    sentences = getattr(result, "sentences")
    themes = getattr(result, "themes")
    pairs = getattr(result, "actor_pairs", None)
    line_in = pt(TEXT_PX) * 1.35 / 72  # one line of label text, in inches
    rows_themes = max(len(themes) * 0.42, _lines(theme_names(themes, wrap=NAME_WRAP)) * line_in + 0.15 * len(themes))
    n_pairs = 0 if pairs is None else min(len(pairs), TOP_PAIRS)
    heights = [2.5, 4 * line_in, max(rows_themes, 0.9), max(rows_themes, 0.9), max(0.42 * n_pairs, 0.7)]
    fig = plt.figure(figsize=(FIGURE_WIDTH_IN, sum(heights) + 4.6), layout="constrained")
    fig.get_layout_engine().set(h_pad=0.08, hspace=0.06)
    grid = fig.add_gridspec(5, 2, height_ratios=heights, width_ratios=[2.7, 1.3])
    tension_arc(fig.add_subplot(grid[0, :]), fig.add_subplot(grid[1, :]), sentences)
    ax_t = fig.add_subplot(grid[2, 0])
    ax_s = fig.add_subplot(grid[2, 1], sharey=ax_t)
    tension_by_theme(ax_t, ax_s, themes)
    theme_position_heatmap(fig.add_subplot(grid[3, :]), sentences, themes)
    actor_pairs_panel(fig.add_subplot(grid[4, :]), pairs)
    fig.suptitle(title or "Tension profile", x=0.01, ha="left", fontsize=pt(TITLE_PX + 4), fontweight="bold")
    plt.close(fig)
    return fig
