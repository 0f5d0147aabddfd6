"""Figures: built from an analysis, saved deterministically, readable labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.pipeline import analyze
from helpers.report import figures


@pytest.fixture(scope="module")
def result(seed_path: Path):
    return analyze(seed_path)


def test_report_figures_cover_every_stage(result) -> None:
    figs = figures.report_figures(result)
    # sentiment per theme is a panel of the headline figure, not a figure of its own
    assert set(figs) == {"tension_profile", "themes_strip", "sentiment_along"}


def test_headline_figure_panels_and_peak_labels(result) -> None:
    fig = figures.headline_figure(result, title="T")
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    for expected in ("How tension rises and falls through the article", "Themes ranked by tension",
                     "Where each theme is tense", "Between whom: pairs named together in 2+ sentences"):
        assert expected in titles
    arc_ax = fig.axes[titles.index("How tension rises and falls through the article")]
    labels = [t.get_text() for t in arc_ax.texts]
    from helpers.tension.arc import arc_peaks

    peaks = arc_peaks(result.sentences, column="tension", n=3)  # the seed's arc has 2 or 3 peaks
    assert 1 <= len(labels) == len(peaks) <= 3 and all(label.startswith("S") for label in labels)
    assert sorted(int(label[1:].split(":")[0]) for label in labels) == sorted(peaks["sentence_id"].tolist())
    # ranked: the first bar is the most tense theme
    ranked_ax = fig.axes[titles.index("Themes ranked by tension")]
    top_label = ranked_ax.get_yticklabels()[0].get_text()
    best = result.themes.sort_values("tension_mean", ascending=False).iloc[0]
    assert top_label.startswith(f"T{int(best['theme']) + 1} ·")


@pytest.mark.slow  # new processes or figures: kept out of make quick
def test_save_figure_is_deterministic(result, tmp_path: Path) -> None:
    fig = figures.theme_strip(result.sentences, result.themes)
    first = figures.save_figure(fig, tmp_path / "a", "strip")
    figures.save_figure(fig, tmp_path / "b", "strip")
    assert [p.suffix for p in first] == [".png", ".svg"]
    assert (tmp_path / "a" / "strip.svg").read_bytes() == (tmp_path / "b" / "strip.svg").read_bytes()


def test_theme_names_are_numbered_from_one(result) -> None:
    names = figures.theme_names(result.themes)
    assert list(names) == list(range(len(result.themes)))
    assert all(name.startswith(f"T{i + 1} · ") for i, name in names.items())
