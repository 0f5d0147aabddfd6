"""Figures: built from an analysis, saved deterministically, readable labels."""

from __future__ import annotations

import re
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


def _peak_tags(fig) -> list[str]:  # noqa: ANN001
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    arc_ax = fig.axes[titles.index("How tension rises and falls through the article")]
    return [t.get_text() for t in arc_ax.texts]


def test_headline_figure_panels_and_peak_labels(result) -> None:
    fig = figures.headline_figure(result, title="T")
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    for expected in ("How tension rises and falls through the article", "Themes ranked by tension",
                     "Between whom: pairs named together in 2+ sentences"):
        assert expected in titles
    assert any(t.startswith("Where each theme is tense") for t in titles)
    tags = _peak_tags(fig)
    # the rule: the most tense sentence is always tagged, at most three, all "S<number>"
    assert 1 <= len(tags) <= 3 and all(re.fullmatch(r"S\d+", t) for t in tags)
    top_row = int(result.sentences["tension"].to_numpy().argmax())
    assert f"S{int(result.sentences['sentence_id'].iat[top_row]) + 1}" in tags
    # ranked: the first bar is the most tense theme
    ranked_ax = fig.axes[titles.index("Themes ranked by tension")]
    top_label = ranked_ax.get_yticklabels()[0].get_text()
    best = result.themes.sort_values("tension_mean", ascending=False).iloc[0]
    assert top_label.startswith(f"T{int(best['theme']) + 1} ·")
    # full theme names: wrapped onto lines, never cut
    shown = {t.get_text().replace("\n", " ") for t in ranked_ax.get_yticklabels()}
    assert shown == set(figures.theme_names(result.themes).values())
    assert not any("…" in t for t in shown)


def _named_peaks(summary: str) -> list[str]:
    """The sentences the summary names as peaks: "peaks at sentence S.." and "Other peaks: S.. (…) and S.. (…)"."""
    tail = summary[summary.index("peaks at sentence"):]
    first = re.match(r"peaks at sentence (S\d+)", tail).group(1)  # type: ignore[union-attr]
    others = re.search(r"(?:Other peaks|Another peak): (.*)\.$", tail)
    return [first] + (re.findall(r"(S\d+) \(", others.group(1)) if others else [])


ARTICLES = ["seeds/openai_microsoft_spannungen.txt", "data/samples/ba_cabin_crew_strike_2010.txt",
            "data/samples/pne_machtkampf_aufsichtsrat_2015.txt"]


@pytest.fixture(scope="module", params=ARTICLES, ids=lambda p: Path(p).stem)
def article_result(request):  # noqa: ANN001, ANN201
    root = Path(__file__).resolve().parents[1]
    return analyze(root / request.param)


def test_labelled_peaks_are_the_summarys_peaks(article_result) -> None:  # noqa: ANN001
    """One definition: the figure tags, the SVG labels and the summary name the same sentences."""
    from helpers.report.svg import headline_svg
    from helpers.tension.arc import tension_peaks

    fig = figures.headline_figure(article_result)
    tags = _peak_tags(fig)
    named = _named_peaks(article_result.summary)
    assert sorted(tags) == sorted(named) and len(named) >= 1
    assert named == tension_peaks(article_result.sentences)["label"].tolist()
    svg_labels = re.findall(r">(S\d+): ", headline_svg(article_result))
    assert sorted(svg_labels) == sorted(named)


def _texts(fig):  # noqa: ANN001, ANN202
    """Every visible, non-empty text of ``fig`` with its bounding box in pixels (drawn with Agg)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    canvas = FigureCanvasAgg(fig)  # the figures are closed (plt.close): draw them on Agg
    canvas.draw()
    renderer = canvas.get_renderer()
    out = []
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip() or (t.axes is not None and not t.axes.get_visible()):
            continue
        out.append((t, t.get_window_extent(renderer)))
    return out


@pytest.mark.slow  # renders the whole figure three times
def test_headline_figure_fits_a_notebook_and_no_text_overlaps(article_result) -> None:  # noqa: ANN001
    """At the width a notebook shows it, every text is >= 10 px and no two texts overlap."""
    from helpers.report.figure_style import MIN_TEXT_PX, shown_px

    fig = figures.headline_figure(article_result, title="Tension profile: a long title for a test")
    dpi = fig.dpi
    texts = _texts(fig)
    width = fig.get_figwidth() * dpi
    # drawn for a ~1,000 px output area: shown 1:1, not shrunk
    assert 850 <= width <= 1000
    assert len(texts) > 30
    for t, box in texts:
        px = shown_px(t.get_fontsize(), dpi, width)
        assert px >= MIN_TEXT_PX, (t.get_text(), px)
        # inside the figure (a cut-off label would be unreadable)
        assert box.x0 >= -1 and box.x1 <= width + 1, (t.get_text(), box)
    for i, (a, box_a) in enumerate(texts):
        for b, box_b in texts[i + 1:]:
            w = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            h = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            assert w <= 1 or h <= 1, f"{a.get_text()!r} overlaps {b.get_text()!r}"


def test_the_overlap_check_sees_an_overlap() -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.text(0.5, 0.5, "one label")
    ax.text(0.52, 0.5, "another label")
    boxes = [box for t, box in _texts(fig) if "label" in t.get_text()]
    a, b = boxes
    assert min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1
    plt.close(fig)


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


def test_a_notebooks_report_folder_is_the_command_lines() -> None:
    # a committed notebook run on "data/raw/mein artikel.txt" saves its figures where
    # `tension-profile analyze` puts that article's report, not in a second folder
    from helpers.io.discovery import output_names
    from helpers.io.reading import project_root
    from helpers.report.figures import report_dir

    article = Path("data/raw/mein artikel (Entwurf).txt")
    assert report_dir(article) == project_root() / "reports" / output_names([article])[0]
    assert report_dir(article).name == "mein_artikel_Entwurf"
    assert report_dir(article, "/elsewhere") == Path("/elsewhere")
