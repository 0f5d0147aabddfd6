"""The matplotlib figures' style and sizes, in pixels as a reader sees them in a notebook.

A notebook shows a figure at ``width_in x dpi`` pixels, shrunk to the output area when it is
wider (JupyterLab's is about 1,000 px at 100 % zoom in a 1,280 px window). The figures are
therefore drawn ``FIGURE_WIDTH_PX`` wide at ``DPI`` (shown 1:1, not shrunk), and font sizes
are given in the pixels the reader sees and converted to points here (``pt``): 1 pt is
``DPI / 72`` px. ``MIN_TEXT_PX`` is the smallest text any figure may draw.
"""

from __future__ import annotations

import seaborn as sns

PALETTE = "colorblind"

DPI = 100
"""Dots per inch of the figures as notebooks show them (matplotlib's and the inline backend's default)."""

FIGURE_WIDTH_PX = 960
"""Width of the wide figures in screen pixels: inside a notebook output area (~1,000 px), so never shrunk."""

FIGURE_WIDTH_IN = FIGURE_WIDTH_PX / DPI
"""The same width in inches (``figsize``)."""

MIN_TEXT_PX = 10.0
"""No text in a figure is smaller than this at the width the figure is shown (tests check it)."""

SMALL_PX, TEXT_PX, LABEL_PX, TITLE_PX = 11.0, 12.5, 13.5, 15.0
"""Font sizes in screen px: annotations and ticks, ordinary text, axis labels, panel titles."""


def pt(px: float, dpi: float = DPI) -> float:
    """Font size in points for text ``px`` pixels tall in a figure drawn at ``dpi`` and shown 1:1.

    Parameters
    ----------
    px : float
        Wanted size on screen (the font's em size), in pixels.
    dpi : float
        The figure's dots per inch.

    Returns
    -------
    float
        ``px * 72 / dpi`` (at 100 dpi, 10 px is 7.2 pt).
    """
    return float(px) * 72.0 / float(dpi)


def shown_px(points: float, dpi: float, figure_px: float, area_px: float = 1000.0) -> float:
    """How tall text of ``points`` looks in a figure ``figure_px`` wide (at ``dpi``) shown in an
    output area ``area_px`` wide: wider figures are shrunk to the area, narrower ones shown 1:1."""
    scale = min(1.0, area_px / float(figure_px)) if figure_px > 0 else 1.0
    return float(points) * dpi / 72.0 * scale


def style() -> None:
    """The project's plot style: white grid, colour-blind palette, font sizes in screen px (``pt``)."""
    sns.set_theme(style="whitegrid", palette=PALETTE, rc={
        "figure.dpi": DPI,
        "font.size": pt(TEXT_PX), "axes.titlesize": pt(TITLE_PX), "axes.labelsize": pt(LABEL_PX),
        "xtick.labelsize": pt(SMALL_PX + 1), "ytick.labelsize": pt(SMALL_PX + 1),
        "legend.fontsize": pt(SMALL_PX + 1), "legend.title_fontsize": pt(TEXT_PX),
        "figure.titlesize": pt(TITLE_PX + 3),
    })


def theme_colors(n: int) -> list[tuple[float, float, float]]:
    """One colour per theme id (0..n-1), the same in every figure."""
    base = sns.color_palette(PALETTE, 10)
    return [base[i % len(base)] for i in range(max(n, 1))]
