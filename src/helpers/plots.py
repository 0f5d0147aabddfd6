"""Figures a reader understands without the code (matplotlib + seaborn).

Every function returns a ``matplotlib.figure.Figure`` and never calls ``plt.show``;
notebooks display the figure, the batch runner saves it.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

PALETTE = "colorblind"


def style() -> None:
    """The project's plot style (white grid, colour-blind palette, readable fonts)."""
    sns.set_theme(style="whitegrid", palette=PALETTE, font_scale=1.0)


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
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    fig.tight_layout()
    plt.close(fig)
    return fig
