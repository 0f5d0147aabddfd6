"""What both renderers (matplotlib and SVG) draw: theme names, ranking, grids and colours."""

from __future__ import annotations

import numpy as np
import pandas as pd

COLORBLIND: tuple[str, ...] = ("#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc",
                               "#ca9161", "#fbafe4", "#949494", "#ece133", "#56b4e9")
"""seaborn's "colorblind" palette (``sns.color_palette("colorblind", 10)``): theme i gets colour i % 10."""


ROCKET_R: tuple[str, ...] = ("#faebdd", "#f7c6a6", "#f69c73", "#f3714d", "#e83f3f", "#ca1a50",
                             "#a11a5b", "#751f58", "#4c1d4b", "#251433", "#03051a")
"""seaborn's "rocket_r" colour map sampled at 0, 0.1, ... 1 (linear in between): the tension scale."""


TENSION_RED = "#b2182b"


SENTIMENT_BLUE = "#2166ac"


# ------------------------------------------------------------------ the numbers drawn
def theme_names(themes: pd.DataFrame, wrap: int | None = None) -> dict[int, str]:
    """Display names ``"T1 · label"`` by theme id (themes numbered from 1 for readers), never cut.

    Parameters
    ----------
    themes : DataFrame
        With ``theme`` (0-based id) and ``label``.
    wrap : int, optional
        Wrap the name at word boundaries into lines of at most ``wrap`` characters (a word
        longer than that keeps its own line), joined by ``"\n"``; ``None``: one line.

    Returns
    -------
    dict of int to str
        Theme id to its full display name.
    """
    import textwrap

    out = {}
    for tid, label in zip(themes["theme"], themes["label"]):
        name = f"T{int(tid) + 1} · {label}"
        out[int(tid)] = "\n".join(textwrap.wrap(name, wrap, break_long_words=False)) if wrap else name
    return out


def ranked_themes(themes: pd.DataFrame) -> pd.DataFrame:
    """Themes by mean tension, highest first (ties: theme id)."""
    return themes.sort_values(["tension_mean", "theme"], ascending=[False, True]).reset_index(drop=True)


def theme_position_grid(sentences: pd.DataFrame, themes: pd.DataFrame, bins: int = 10) -> pd.DataFrame:
    """Mean tension of each theme (rows, ranked) in each 1/``bins`` of the article (columns 0..bins-1); NaN: absent."""
    n = len(sentences)
    b = np.minimum((np.arange(n) * bins) // max(n, 1), bins - 1)
    frame = pd.DataFrame({"theme": sentences["theme"].to_numpy(), "bin": b,
                          "tension": sentences["tension"].to_numpy(dtype=float)})
    grid = frame.pivot_table(index="theme", columns="bin", values="tension", aggfunc="mean")
    return grid.reindex(index=list(ranked_themes(themes)["theme"]), columns=range(bins))


def actor_grid(pairs: pd.DataFrame | None, actors: pd.DataFrame | None,
               top: int = 7) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The ``top`` actors among those in ``pairs``, and per pair (lower triangle only) the mean
    tension and sentence count.

    ``pairs`` are the pairs with enough evidence (``helpers.tension.actor_pairs``: named together
    in at least two sentences), so an actor named once never gets a row. Returns ``(names,
    values, counts)``; ``values`` is NaN where a pair never meets and on and above the diagonal
    (each pair once). Fewer than two actors: ``([], empty, empty)``.
    """
    if pairs is None or pairs.empty or actors is None or not len(actors):
        return [], np.zeros((0, 0)), np.zeros((0, 0), dtype=int)
    paired = set(pairs["actor_a"]) | set(pairs["actor_b"])
    names = [a for a in actors["actor"] if a in paired][:top]
    if len(names) < 2:
        return [], np.zeros((0, 0)), np.zeros((0, 0), dtype=int)
    pos = {a: i for i, a in enumerate(names)}
    values = np.full((len(names), len(names)), np.nan)
    counts = np.zeros((len(names), len(names)), dtype=int)
    for a, b, n_s, mean in zip(pairs["actor_a"], pairs["actor_b"], pairs["n_sentences"], pairs["mean_tension"]):
        if a in pos and b in pos:
            i, j = max(pos[a], pos[b]), min(pos[a], pos[b])
            values[i, j], counts[i, j] = float(mean), int(n_s)
    values[np.triu(np.ones_like(values, dtype=bool))] = np.nan
    return names, values, counts


def tension_color(value: float) -> str:
    """The ``ROCKET_R`` colour of a value in [0, 1] (clipped), linearly interpolated."""
    v = min(1.0, max(0.0, float(value))) * (len(ROCKET_R) - 1)
    i = min(int(v), len(ROCKET_R) - 2)
    f = v - i
    a, b = ROCKET_R[i], ROCKET_R[i + 1]
    rgb = [round(int(a[k:k + 2], 16) * (1 - f) + int(b[k:k + 2], 16) * f) for k in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def theme_color(theme: int) -> str:
    """The colour of a theme id, the same in every figure."""
    return COLORBLIND[int(theme) % len(COLORBLIND)]
