"""The report figures as hand-built SVG, for the batch command's HTML reports.

Why a second renderer: matplotlib needs about half a second per article to lay out and
rasterise the report figures (``helpers.plots.report_figures``), ten times the analysis
itself, and importing it costs every worker process another 0.3 s. A batch of hundreds of
articles should spend its time analysing. These functions write the same figures (same
panels, numbers, colours and titles) as SVG text in milliseconds; browsers scale them and
show a sentence's text when the pointer rests on its dot. The notebooks keep the
matplotlib figures; the numbers both draw come from the same functions
(``ranked_themes``, ``theme_position_grid``, ``actor_grid``, ``theme_names``).

Article text is data: every string taken from an article (sentences, theme labels, actor
names) is XML-escaped and stripped of characters XML cannot hold, so it can only ever be
text. Numbers are written with fixed decimals, so the same analysis gives the same bytes.

Why a re-implementation rather than matplotlib, and why one module of over 400 lines: the
batch command writes these figures for every article; matplotlib took about 0.5 s per
article for the same panels, these take a few milliseconds (``make bench``, batch rows), and
the module is one renderer (a canvas, its panels and the figures built from them) that reads
best in one place. What both renderers draw comes from ``helpers.report.figure_data``.
"""
from __future__ import annotations

import math
import re
from typing import Any, Callable, Sequence
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from helpers.report.figure_data import (
    SENTIMENT_BLUE,
    TENSION_RED,
    actor_grid,
    ranked_themes,
    tension_color,
    theme_color,
    theme_names,
    theme_position_grid,
)

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"


WIDTH = 1200


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ------------------------------------------------------------------ drawing
def _n(v: float) -> str:
    s = f"{float(v):.1f}"
    return "0.0" if s == "-0.0" else s


def _esc(text: object) -> str:
    return escape(_NOT_XML.sub("", str(text)), {'"': "&quot;", "'": "&apos;"})


def _text_width(text: str, size: float) -> float:
    """Rough width of ``text`` in DejaVu Sans at ``size`` px (enough to place boxes)."""
    return 0.6 * size * len(text)


class Canvas:
    """An SVG document built element by element."""

    def __init__(self, width: float, height: float, title: str) -> None:
        self.width, self.height, self.title = width, height, title
        self.parts: list[str] = []

    def text(self, x: float, y: float, text: str, size: float = 12, anchor: str = "start",
             bold: bool = False, fill: str = "#222", rotate: float | None = None) -> None:
        attrs = f'x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if bold:
            attrs += ' font-weight="bold"'
        if fill != "#222":
            attrs += f' fill="{fill}"'
        if rotate is not None:
            attrs += f' transform="rotate({_n(rotate)} {_n(x)} {_n(y)})"'
        lines = str(text).split("\n")
        if len(lines) == 1:
            self.parts.append(f"<text {attrs}>{_esc(text)}</text>")
            return
        # several lines (wrapped names), centred on y: one tspan each, 1.15 em apart
        step = 1.15 * size
        spans = "".join(f'<tspan x="{_n(x)}" dy="{_n(-step * (len(lines) - 1) / 2 if k == 0 else step)}">'
                        f"{_esc(line)}</tspan>" for k, line in enumerate(lines))
        self.parts.append(f"<text {attrs}>{spans}</text>")

    def rect(self, x: float, y: float, w: float, h: float, fill: str, stroke: str | None = None,
             opacity: float | None = None, tip: str | None = None, rx: float = 0) -> None:
        attrs = f'x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0))}" height="{_n(max(h, 0))}" fill="{fill}"'
        if stroke:
            attrs += f' stroke="{stroke}"'
        if opacity is not None:
            attrs += f' fill-opacity="{opacity:.2f}"'
        if rx:
            attrs += f' rx="{_n(rx)}"'
        self._element("rect", attrs, tip)

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = "#bbb", width: float = 1,
             dash: str | None = None) -> None:
        attrs = f'x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}" stroke-width="{_n(width)}"'
        if dash:
            attrs += f' stroke-dasharray="{dash}"'
        self.parts.append(f"<line {attrs}/>")

    def polyline(self, points: Sequence[tuple[float, float]], stroke: str, width: float = 2,
                 dash: str | None = None) -> None:
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        attrs = f'points="{pts}" fill="none" stroke="{stroke}" stroke-width="{_n(width)}" stroke-linejoin="round"'
        if dash:
            attrs += f' stroke-dasharray="{dash}"'
        self.parts.append(f"<polyline {attrs}/>")

    def circle(self, x: float, y: float, r: float, fill: str, opacity: float | None = None,
               tip: str | None = None, stroke: str | None = None) -> None:
        attrs = f'cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{fill}"'
        if opacity is not None:
            attrs += f' fill-opacity="{opacity:.2f}"'
        if stroke:
            attrs += f' stroke="{stroke}"'
        self._element("circle", attrs, tip)

    def _element(self, tag: str, attrs: str, tip: str | None) -> None:
        if tip:
            self.parts.append(f"<{tag} {attrs}><title>{_esc(tip)}</title></{tag}>")
        else:
            self.parts.append(f"<{tag} {attrs}/>")

    def render(self) -> str:
        """The document: ``width``/``height`` in px and a ``viewBox``, so it scales."""
        w, h = _n(self.width), _n(self.height)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
                f'font-family="{FONT}" role="img">\n<title>{_esc(self.title)}</title>\n'
                f'<rect x="0" y="0" width="{w}" height="{h}" fill="white"/>\n'
                + "\n".join(self.parts) + "\n</svg>\n")


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    k0, k1 = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    return [round(k * step, 10) for k in range(k0, k1 + 1)]


def _x_axis(c: Canvas, scale: Callable[[float], float], y0: float, y1: float, ticks: Sequence[float],
            fmt: str, label: str, grid: bool = True) -> None:
    """Ticks and labels under a panel spanning y0..y1; vertical grid lines when ``grid``."""
    for t in ticks:
        x = scale(t)
        if grid:
            c.line(x, y0, x, y1, stroke="#e6e6e6")
        c.text(x, y1 + 15, format(t, fmt), size=11, anchor="middle", fill="#444")
    c.text((scale(ticks[0]) + scale(ticks[-1])) / 2, y1 + 33, label, size=12, anchor="middle", fill="#333")


def _title(c: Canvas, x: float, y: float, text: str) -> None:
    c.text(x, y, text, size=15, bold=True)


def _ci(value: Any, low: Any, high: Any) -> tuple[float, float] | None:
    lo, hi = float(low), float(high)
    return None if math.isnan(lo) or math.isnan(hi) or math.isnan(float(value)) else (lo, hi)


def _whisker(c: Canvas, scale: Callable[[float], float], ci: tuple[float, float] | None, y: float,
             color: str = "#333", cap: float = 4) -> None:
    if ci is None:
        return
    x0, x1 = scale(ci[0]), scale(ci[1])
    c.line(x0, y, x1, y, stroke=color, width=1.3)
    c.line(x0, y - cap, x0, y + cap, stroke=color, width=1.3)
    c.line(x1, y - cap, x1, y + cap, stroke=color, width=1.3)


# ------------------------------------------------------------------ panels
def _arc_panel(c: Canvas, sentences: pd.DataFrame, x0: float, y0: float, w: float, h: float) -> None:
    """Tension and sentiment over the article (0–100 %), smoothed, peaks labelled."""
    from helpers.tension.arc import arc, sentence_label, tension_peaks

    _title(c, x0, y0 - 14, "How tension rises and falls through the article")
    lo, hi = -1.05, 1.25

    def sx(p: float) -> float:
        return x0 + w * p / 100.0

    def sy(v: float) -> float:
        return y0 + h * (hi - v) / (hi - lo)

    c.rect(x0, y0, w, h, fill="white", stroke="#ccc")
    for t in _ticks(-1.0, 1.0, 0.5):
        c.line(x0, sy(t), x0 + w, sy(t), stroke="#e6e6e6")
        c.text(x0 - 6, sy(t) + 4, f"{t:.1f}", size=11, anchor="end", fill="#444")
    c.line(x0, sy(0), x0 + w, sy(0), stroke="#999", width=0.8)
    _x_axis(c, sx, y0, y0 + h, _ticks(0, 100, 20), ".0f", "position in the article (% of sentences)")
    c.text(x0 - 42, y0 + h / 2, "score", size=12, anchor="middle", fill="#333", rotate=-90)
    n = len(sentences)
    if n == 0:
        return
    tension = sentences["tension"].to_numpy(dtype=float)
    sentiment = sentences["sentiment"].to_numpy(dtype=float)
    ids = sentences["sentence_id"].to_numpy()
    texts = sentences["text"].astype(str).to_numpy()
    tips = n <= 400  # a tooltip per dot for articles of normal length
    for i in range(n):
        tip = f"{sentence_label(ids[i])} · tension {tension[i]:.2f} · {texts[i][:160]}" if tips else None
        c.circle(sx(100.0 * (i + 0.5) / n), sy(tension[i]), 3, TENSION_RED, opacity=0.35, tip=tip)
    t_arc, s_arc = arc(tension), arc(sentiment)
    c.polyline([(sx(p), sy(v)) for p, v in zip(t_arc["position"], t_arc["smoothed"])], TENSION_RED, 2.6)
    c.polyline([(sx(p), sy(v)) for p, v in zip(s_arc["position"], s_arc["smoothed"])], SENTIMENT_BLUE, 2.0,
               dash="7 4")
    placed: list[tuple[float, float, float]] = []  # label boxes: (left, right, top)
    peaks = tension_peaks(sentences)  # the summary names the same sentences
    for sid in sorted(int(s) for s in peaks["sentence_id"]):
        row = int(np.flatnonzero(ids == sid)[0])
        words = texts[row].split()
        label = f"{sentence_label(sid)}: " + " ".join(words[:6]) + (" …" if len(words) > 6 else "")
        px, py = sx(100.0 * (row + 0.5) / n), sy(tension[row])
        bw = _text_width(label, 10.5) + 10
        bx = min(max(px - bw / 2, x0 + 2), x0 + w - bw - 2)
        by = max(py - 34, y0 + 2)
        # stack labels that would overlap: next level up, or below the dot when the top is reached
        while any(bx < right + 4 and left < bx + bw + 4 and abs(by - top) < 20 for left, right, top in placed):
            by = by - 22 if by - 22 >= y0 + 2 else max(by, py) + 24
        placed.append((bx, bx + bw, by))
        c.line(px, py, px, by + (18 if by < py else 0), stroke="#666", width=0.8)
        c.rect(bx, by, bw, 18, fill="white", stroke="#b3b3b3", opacity=0.92, rx=3)
        c.text(bx + 5, by + 13, label, size=10.5)
    # legend, lower left
    lx, ly = x0 + 10, y0 + h - 14
    c.rect(lx - 6, ly - 14, 470, 22, fill="white", stroke="#ccc", opacity=0.9, rx=3)
    c.circle(lx + 4, ly - 3, 3, TENSION_RED, opacity=0.5)
    c.text(lx + 12, ly + 1, "tension per sentence", size=11)
    c.line(lx + 150, ly - 3, lx + 175, ly - 3, stroke=TENSION_RED, width=2.6)
    c.text(lx + 180, ly + 1, "tension (smoothed)", size=11)
    c.line(lx + 310, ly - 3, lx + 335, ly - 3, stroke=SENTIMENT_BLUE, width=2, dash="7 4")
    c.text(lx + 340, ly + 1, "sentiment (smoothed)", size=11)


def _themes_panel(c: Canvas, themes: pd.DataFrame, y0: float) -> float:
    """Themes ranked by tension (bars, 95 % CI) and, on the same rows, their sentiment; returns the bottom y."""
    ranked = ranked_themes(themes)
    names, wrapped = theme_names(themes), theme_names(themes, wrap=40)
    row_h = 30.0
    label_w, x_t, w_t = 250.0, 320.0, 520.0
    x_s, w_s = 900.0, 270.0
    h = row_h * len(ranked) + 10

    def st(v: float) -> float:
        return x_t + w_t * v

    def ss(v: float) -> float:
        return x_s + w_s * (v + 1.05) / 2.1

    _title(c, x_t - label_w + 20, y0 - 14, "Themes ranked by tension")
    _title(c, x_s, y0 - 14, "… and how they sound")
    c.rect(x_t, y0, w_t, h, fill="white", stroke="#ccc")
    c.rect(x_s, y0, w_s, h, fill="white", stroke="#ccc")
    _x_axis(c, st, y0, y0 + h, _ticks(0, 1, 0.2), ".1f", "mean tension (0 none … 1 acute), 95 % CI")
    _x_axis(c, ss, y0, y0 + h, _ticks(-1, 1, 0.5), ".1f", "mean sentiment, 95 % CI")
    c.line(ss(0), y0, ss(0), y0 + h, stroke="#555", width=1)
    for r, row in ranked.iterrows():
        y = y0 + 5 + row_h * (int(r) + 0.5)
        tid = int(row["theme"])
        color = theme_color(tid)
        c.text(x_t - 8, y + 4, wrapped[tid], size=12, anchor="end")
        mean_t = float(row["tension_mean"])
        c.rect(st(0), y - 9, st(mean_t) - st(0), 18, fill=color,
               tip=f"{names[tid]}: mean tension {mean_t:.2f}")
        _whisker(c, st, _ci(mean_t, row["tension_ci_low"], row["tension_ci_high"]), y)
        mean_s = float(row["sentiment_mean"])
        _whisker(c, ss, _ci(mean_s, row["sentiment_ci_low"], row["sentiment_ci_high"]), y, color=color)
        c.circle(ss(mean_s), y, 6, color, tip=f"{names[tid]}: mean sentiment {mean_s:+.2f}")
    return y0 + h


def _color_bar(c: Canvas, x: float, y: float, h: float, label: str) -> None:
    steps = 40
    for k in range(steps):
        v = 1 - (k + 0.5) / steps
        c.rect(x, y + h * k / steps, 14, h / steps + 0.6, fill=tension_color(v))
    c.rect(x, y, 14, h, fill="none", stroke="#999")
    for t in (0.0, 0.5, 1.0):
        c.text(x + 19, y + h * (1 - t) + 4, f"{t:.1f}", size=10, fill="#444")
    c.text(x + 52, y + h / 2, label, size=11, anchor="middle", fill="#333", rotate=90)


def _heatmap(c: Canvas, values: np.ndarray, rows: list[str], cols: list[str], x0: float, y0: float,
             cell_w: float, cell_h: float, notes: list[list[str]] | None = None,
             tips: list[list[str]] | None = None) -> float:
    """Cells coloured by value (0–1); NaN cells blank. Returns the bottom y of the column labels."""
    for i, name in enumerate(rows):
        c.text(x0 - 6, y0 + cell_h * (i + 0.5) + 4, name, size=11, anchor="end")
        for j in range(len(cols)):
            v = float(values[i, j])
            if math.isnan(v):
                continue
            x, y = x0 + cell_w * j, y0 + cell_h * i
            c.rect(x + 0.5, y + 0.5, cell_w - 1, cell_h - 1, fill=tension_color(v),
                   tip=tips[i][j] if tips else f"{name.replace(chr(10), ' ')} · {cols[j]}: {v:.2f}")
            if notes and notes[i][j]:
                c.text(x + cell_w / 2, y + cell_h / 2 + 4, notes[i][j], size=10, anchor="middle",
                       fill="white" if v > 0.6 else "#262626")
    c.rect(x0, y0, cell_w * len(cols), cell_h * len(rows), fill="none", stroke="#ccc")
    base = y0 + cell_h * len(rows) + 8
    longest = max((len(s) for s in cols), default=0)
    for j, name in enumerate(cols):
        x = x0 + cell_w * (j + 0.5)
        c.text(x + 4, base + 6, name, size=10.5, anchor="end", fill="#444", rotate=-45)
    return base + 0.45 * 10.5 * longest + 10


def _position_panel(c: Canvas, sentences: pd.DataFrame, themes: pd.DataFrame, x0: float, y0: float) -> float:
    grid = theme_position_grid(sentences, themes)
    names = theme_names(themes, wrap=30)
    _title(c, x0 - 200, y0 - 14, "Where each theme is tense")
    cols = [f"{10 * i}–{10 * (i + 1)}%" for i in range(grid.shape[1])]
    lines = max((names[int(t)].count("\n") + 1 for t in grid.index), default=1)
    cell_h = max(24.0, 1.15 * 11 * lines + 8)  # a wrapped theme name fits its row
    bottom = _heatmap(c, grid.to_numpy(dtype=float), [names[int(t)] for t in grid.index], cols, x0, y0, 30.0,
                      cell_h)
    _color_bar(c, x0 + 30.0 * len(cols) + 12, y0, max(cell_h * len(grid.index), 60), "mean tension")
    c.text(x0 + 150, bottom + 12, "position in the article", size=12, anchor="middle", fill="#333")
    return max(bottom + 18, y0 + 60)


def _actor_panel(c: Canvas, pairs: pd.DataFrame | None, actors: pd.DataFrame | None, x0: float,
                 y0: float) -> float:
    names, values, counts = actor_grid(pairs, actors)
    _title(c, x0 - 130, y0 - 14, "Between whom: pairs named together in 2+ sentences")
    if not names:
        c.text(x0 + 100, y0 + 40, "no two actors named together in 2+ sentences", size=12, anchor="middle", fill="#555")
        return y0 + 60
    short = [n if len(n) <= 20 else n[:19] + "…" for n in names]
    notes = [[f"n={int(counts[i, j])}" if counts[i, j] and not math.isnan(values[i, j]) else ""
              for j in range(len(names))] for i in range(len(names))]
    tips = [[f"{names[i]} & {names[j]}: mean tension {values[i, j]:.2f} over {int(counts[i, j])} sentences"
             if not math.isnan(values[i, j]) else "" for j in range(len(names))] for i in range(len(names))]
    cell_w, cell_h = 44.0, 28.0
    bottom = _heatmap(c, values, short, short, x0, y0, cell_w, cell_h, notes=notes, tips=tips)
    _color_bar(c, x0 + cell_w * len(names) + 12, y0, cell_h * len(names), "mean tension")
    return bottom


# ------------------------------------------------------------------ figures
def headline_svg(result: Any, title: str | None = None) -> str:
    """The tension profile in one image: the arc, ranked themes with sentiment, theme × position, actors."""
    sentences, themes = result.sentences, result.themes
    n_themes = len(themes)
    y_themes = 430.0
    y_bottom_panels = y_themes + 30.0 * n_themes + 10 + 95
    # both bottom panels start at the same height; the canvas grows with the larger one
    c = Canvas(WIDTH, 0, title or "Tension profile")
    c.text(14, 34, title or "Tension profile", size=22, bold=True)
    _arc_panel(c, sentences, 70.0, 80.0, 1100.0, 270.0)
    _themes_panel(c, themes, y_themes)
    left = _position_panel(c, sentences, themes, 230.0, y_bottom_panels)
    right = _actor_panel(c, getattr(result, "actor_pairs", None), getattr(result, "actors", None), 800.0,
                         y_bottom_panels)
    c.height = max(left, right) + 20
    return c.render()


def theme_strip_svg(result: Any) -> str:
    """Which theme each sentence belongs to, in reading order; grey lines at paragraph breaks."""
    sentences, themes = result.sentences, result.themes
    names = theme_names(themes, wrap=38)
    row_h, x0, w = 26.0, 300.0, 860.0
    y0 = 50.0
    h = row_h * max(len(names), 1)
    c = Canvas(WIDTH, y0 + h + 60, "Where each theme appears in the article")
    _title(c, 14, 28, "Where each theme appears in the article")
    n = max(len(sentences), 1)
    order = {tid: i for i, tid in enumerate(names)}
    paragraphs = sentences["paragraph"].to_numpy()
    for pos in np.flatnonzero(np.diff(paragraphs)) + 1:
        c.line(x0 + w * pos / n, y0, x0 + w * pos / n, y0 + h, stroke="#bfbfbf", width=0.8)
    for tid, name in names.items():
        c.text(x0 - 8, y0 + row_h * (order[tid] + 0.5) + 4, name, size=12, anchor="end")
    for pos, (sid, tid, text) in enumerate(zip(sentences["sentence_id"], sentences["theme"], sentences["text"])):
        c.rect(x0 + w * pos / n, y0 + row_h * order.get(int(tid), 0) + 3, w / n, row_h - 6,
               fill=theme_color(int(tid)), stroke="white" if n <= 200 else None,
               tip=f"S{int(sid) + 1}: {str(text)[:160]}" if n <= 400 else None)
    c.rect(x0, y0, w, h, fill="none", stroke="#ccc")
    step = int(_nice_step(n))
    # ticks under the sentences they name, numbered from 1 as S1, S2, … everywhere else
    _x_axis(c, lambda v: x0 + w * (v - 0.5) / n, y0, y0 + h, sorted({1, *range(step, n + 1, step)}), ".0f",
            "sentence S1, S2, … (reading order; grey lines = paragraph breaks)", grid=False)
    return c.render()


def _nice_step(n: int) -> float:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if n / step <= 12:
            return float(step)
    return float(10 ** math.ceil(math.log10(max(n, 1))))


def sentiment_along_svg(result: Any) -> str:
    """Sentence sentiment in reading order, bars coloured by theme, theme legend below."""
    sentences, themes = result.sentences, result.themes
    names = theme_names(themes)
    x0, w, y0, h = 70.0, 1100.0, 50.0, 230.0
    legend_rows = math.ceil(len(names) / 2)
    c = Canvas(WIDTH, y0 + h + 60 + 20 * legend_rows + 10, "Sentiment sentence by sentence")
    _title(c, 14, 28, "Sentiment sentence by sentence (colour = theme)")
    n = max(len(sentences), 1)

    def sy(v: float) -> float:
        return y0 + h * (1.05 - v) / 2.1

    c.rect(x0, y0, w, h, fill="white", stroke="#ccc")
    for t in _ticks(-1, 1, 0.5):
        c.line(x0, sy(t), x0 + w, sy(t), stroke="#e6e6e6")
        c.text(x0 - 6, sy(t) + 4, f"{t:.1f}", size=11, anchor="end", fill="#444")
    c.text(x0 - 42, y0 + h / 2, "sentiment", size=12, anchor="middle", fill="#333", rotate=-90)
    bar = w / n
    theme_ids = sentences["theme"] if "theme" in sentences else [0] * len(sentences)
    for pos, (sid, tid, s, text) in enumerate(zip(sentences["sentence_id"], theme_ids,
                                                  sentences["sentiment"], sentences["text"])):
        v = float(s)
        top, bottom = sorted((sy(v), sy(0)))
        c.rect(x0 + bar * pos + bar * 0.075, top, bar * 0.85, bottom - top, fill=theme_color(int(tid)),
               tip=f"S{int(sid) + 1} · sentiment {v:+.2f} · {str(text)[:160]}" if n <= 400 else None)
    c.line(x0, sy(0), x0 + w, sy(0), stroke="#555", width=1)
    _x_axis(c, lambda v: x0 + w * (v - 0.5) / n, y0, y0 + h, [1.0] + _ticks(1, n, _nice_step(n))[1:], ".0f",
            "sentence S1, S2, … (reading order)", grid=False)
    for k, (tid, name) in enumerate(names.items()):
        lx, ly = x0 + 550 * (k % 2), y0 + h + 58 + 20 * (k // 2)
        c.rect(lx, ly - 10, 12, 12, fill=theme_color(tid))
        c.text(lx + 18, ly, name, size=11)
    return c.render()


def sentiment_by_theme_svg(result: Any) -> str:
    """Mean sentence sentiment per theme with its bootstrap 95 % confidence interval."""
    themes = result.themes
    names = theme_names(themes, wrap=42)
    t = themes.sort_values("sentiment_mean").reset_index(drop=True)
    row_h, x0, w, y0 = 32.0, 330.0, 760.0, 50.0
    h = row_h * len(t) + 10
    c = Canvas(WIDTH, y0 + h + 60, "How each theme sounds")
    _title(c, 14, 28, "How each theme sounds")

    def sx(v: float) -> float:
        return x0 + w * (v + 1.05) / 2.1

    c.rect(x0, y0, w, h, fill="white", stroke="#ccc")
    _x_axis(c, sx, y0, y0 + h, _ticks(-1, 1, 0.5), ".1f", "mean sentiment (−1 negative … +1 positive), 95 % CI")
    c.line(sx(0), y0, sx(0), y0 + h, stroke="#555")
    for r, row in t.iterrows():
        y = y0 + 5 + row_h * (int(r) + 0.5)
        tid = int(row["theme"])
        mean = float(row["sentiment_mean"])
        ci = _ci(mean, row["sentiment_ci_low"], row["sentiment_ci_high"])
        c.text(x0 - 8, y + 4, names[tid], size=12, anchor="end")
        _whisker(c, sx, ci, y, color=theme_color(tid))
        c.circle(sx(mean), y, 7, theme_color(tid))
        c.text(sx(ci[1] if ci else mean) + 8, y + 4, f"n={int(row['n_sentences'])}", size=10, fill="#666")
    return c.render()


def report_svgs(result: Any) -> dict[str, str]:
    """The report figures of one analysis as SVG, by file stem (the names of ``plots.report_figures``)."""
    sentences, themes = result.sentences, result.themes
    figures: dict[str, str] = {}
    headline = "tension" in sentences and "tension_mean" in themes
    if headline:
        figures["tension_profile"] = headline_svg(result)
    figures["themes_strip"] = theme_strip_svg(result)
    if "sentiment_mean" in themes and not headline:
        figures["sentiment_by_theme"] = sentiment_by_theme_svg(result)
    if "sentiment" in sentences:
        figures["sentiment_along"] = sentiment_along_svg(result)
    return figures
