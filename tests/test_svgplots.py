"""helpers.svgplots: the report figures as SVG show the analysis' numbers, escape article text, and are stable."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from helpers.pipeline import analyze
from helpers.report import figure_data, svg

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\" onload=\"alert(2)", "a & b ]]>"]


@pytest.fixture(scope="module")
def seed_result(seed_path: Path):  # noqa: ANN201
    return analyze(seed_path)


@pytest.fixture(scope="module")
def english_result():  # noqa: ANN201
    # a real English article with several actor pairs (Wikinews, CC BY 2.5)
    return analyze(Path(__file__).parents[1] / "data" / "samples" / "ba_cabin_crew_strike_2010.txt")


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    w, h = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}" and w > 0 and h > 0
    return root


def _tips(root: ET.Element, tag: str) -> list[tuple[ET.Element, str]]:
    """Elements of ``tag`` with their tooltip text."""
    out = []
    for el in root.iter(f"{NS}{tag}"):
        title = el.find(f"{NS}title")
        if title is not None:
            out.append((el, title.text or ""))
    return out


@pytest.mark.slow  # new processes or figures: kept out of make quick
def test_same_figures_as_the_matplotlib_report(seed_result, english_result) -> None:  # noqa: ANN001
    from helpers.report.figures import report_figures

    for result in (seed_result, english_result):
        svgs = svg.report_svgs(result)
        assert list(svgs) == list(report_figures(result))
        for drawn in svgs.values():
            _parse(drawn)


def test_theme_bars_are_ranked_and_proportional_to_tension(seed_result) -> None:  # noqa: ANN001
    root = _parse(svg.headline_svg(seed_result))
    bars = [(el, tip) for el, tip in _tips(root, "rect") if "mean tension" in tip and "&" not in tip]
    themes = seed_result.themes
    assert len(bars) == len(themes)
    ys = [float(el.get("y")) for el, _ in bars]
    assert ys == sorted(ys)  # drawn top to bottom
    shown = [float(tip.rsplit(" ", 1)[1]) for _, tip in bars]
    assert shown == sorted(shown, reverse=True)
    expected = themes.sort_values(["tension_mean", "theme"], ascending=[False, True])["tension_mean"].tolist()
    assert shown == pytest.approx(expected, abs=0.005)
    for (el, _), mean in zip(bars, expected):
        assert float(el.get("width")) == pytest.approx(520 * mean, abs=0.06)
    names = svg.theme_names(themes)
    first = themes.sort_values(["tension_mean", "theme"], ascending=[False, True])["theme"].iloc[0]
    assert bars[0][1].startswith(names[int(first)])


def test_heatmap_cells_match_the_grid(seed_result) -> None:  # noqa: ANN001
    grid = svg.theme_position_grid(seed_result.sentences, seed_result.themes)
    # the grid by hand: theme of each sentence, tenth = i * 10 // n
    s = seed_result.sentences
    n = len(s)
    for tid in grid.index:
        for b in range(10):
            members = [float(t) for i, (th, t) in enumerate(zip(s["theme"], s["tension"]))
                       if th == tid and min(i * 10 // n, 9) == b]
            cell = grid.loc[tid, b]
            assert (np.isnan(cell) and not members) or cell == pytest.approx(np.mean(members))
    root = _parse(svg.headline_svg(seed_result))
    cells = [tip for _, tip in _tips(root, "rect") if re.search(r" · \d+–\d+%: \d\.\d\d$", tip)]
    assert len(cells) == int(grid.notna().to_numpy().sum())


def test_wrapped_theme_names_fit_their_rows(seed_result) -> None:  # noqa: ANN001
    """The position panel's row labels (theme names wrapped over two lines) never overlap:
    a newcomer saw the seed's "T4 · Kunde / Beziehung / Zusammenarbeit" run into T5."""
    root = _parse(svg.headline_svg(seed_result))
    blocks = []
    for el in root.iter(f"{NS}text"):
        spans = el.findall(f"{NS}tspan")
        if el.get("text-anchor") != "end" or not spans or not (el.findtext(f"{NS}tspan") or "").startswith("T"):
            continue
        size, y = float(el.get("font-size")), float(el.get("y"))
        top = y + float(spans[0].get("dy")) - size  # the first line's baseline minus its height
        bottom = top + size + sum(float(t.get("dy")) for t in spans[1:]) + 0.25 * size
        blocks.append((top, bottom))
    assert len(blocks) >= 2  # the seed's names wrap
    blocks.sort()
    assert all(a[1] <= b[0] for a, b in zip(blocks, blocks[1:])), blocks


def test_actor_cells_are_the_pairs_among_the_top_actors(english_result) -> None:  # noqa: ANN001
    names, values, counts = svg.actor_grid(english_result.actor_pairs, english_result.actors)
    pairs = english_result.actor_pairs
    paired = set(pairs["actor_a"]) | set(pairs["actor_b"])
    top = [a for a in english_result.actors["actor"] if a in paired][:7]  # only actors with a recurring pair
    assert names == top
    among = pairs[pairs["actor_a"].isin(top) & pairs["actor_b"].isin(top)]
    assert int(np.isfinite(values).sum()) == len(among) > 0
    assert np.isnan(values[np.triu_indices(len(names))]).all()  # lower triangle only
    root = _parse(svg.headline_svg(english_result))
    cells = [tip for _, tip in _tips(root, "rect") if " & " in tip and "mean tension" in tip]
    assert len(cells) == len(among)
    row = among.iloc[0]
    assert any(tip.startswith(f"{row['actor_b']} & {row['actor_a']}") or tip.startswith(f"{row['actor_a']} & {row['actor_b']}")
               for tip in cells)


def _hostile_result() -> SimpleNamespace:
    n = 8
    sentences = pd.DataFrame({
        "sentence_id": range(n), "paragraph": [0, 0, 1, 1, 2, 2, 3, 3],
        "text": [HOSTILE[i % len(HOSTILE)] + f" sentence {i} \x0b" for i in range(n)],
        "theme": [0, 0, 1, 1, 0, 0, 1, 1],
        "sentiment": np.linspace(-0.8, 0.8, n), "tension": np.linspace(0.9, 0.1, n),
    })
    themes = pd.DataFrame({
        "theme": [0, 1], "label": [HOSTILE[0], HOSTILE[1]], "n_sentences": [4, 4],
        "tension_mean": [0.6, 0.4], "tension_ci_low": [0.5, np.nan], "tension_ci_high": [0.7, np.nan],
        "sentiment_mean": [-0.2, 0.3], "sentiment_ci_low": [-0.4, np.nan], "sentiment_ci_high": [0.0, np.nan],
    })
    actors = pd.DataFrame({"actor": [HOSTILE[0], HOSTILE[1], "Plain"]})
    pairs = pd.DataFrame({"actor_a": [HOSTILE[0]], "actor_b": [HOSTILE[1]], "n_sentences": [2],
                          "mean_tension": [0.8]})
    return SimpleNamespace(sentences=sentences, themes=themes, actors=actors, actor_pairs=pairs)


def test_article_text_is_only_ever_text() -> None:
    result = _hostile_result()
    for name, drawn in svg.report_svgs(result).items():
        root = _parse(drawn)  # parses: escaped, and the \x0b XML cannot hold is gone
        tags = {el.tag.replace(NS, "") for el in root.iter()}
        assert not tags & {"script", "img", "image", "foreignObject", "a", "iframe"}, name
        assert not [a for el in root.iter() for a in el.attrib if a.lower().startswith("on")], name
        text = " ".join(root.itertext())
        assert "<script>alert(1)</script>" in text or name == "sentiment_along" and "<img src=x" in text
    text = " ".join(ET.fromstring(svg.headline_svg(result)).itertext())
    for hostile in HOSTILE[:2]:
        assert hostile in text


def test_edge_cases_draw() -> None:
    result = _hostile_result()
    one = SimpleNamespace(sentences=result.sentences.assign(theme=0).head(3), themes=result.themes.head(1),
                          actors=pd.DataFrame({"actor": []}), actor_pairs=pd.DataFrame())
    root = _parse(svg.headline_svg(one))
    assert "no two actors named together in 2+ sentences" in " ".join(root.itertext())
    no_tension = SimpleNamespace(sentences=result.sentences.drop(columns=["tension"]),
                                 themes=result.themes.drop(columns=["tension_mean"]))
    assert list(svg.report_svgs(no_tension)) == ["themes_strip", "sentiment_by_theme", "sentiment_along"]
    bare = SimpleNamespace(sentences=result.sentences.drop(columns=["tension", "sentiment"]),
                           themes=result.themes[["theme", "label", "n_sentences"]])
    assert list(svg.report_svgs(bare)) == ["themes_strip"]


def test_long_article_stays_small_and_fast() -> None:
    n = 1500
    rng = np.random.default_rng(0)
    sentences = pd.DataFrame({"sentence_id": range(n), "paragraph": np.arange(n) // 5, "text": ["Satz."] * n,
                              "theme": np.arange(n) * 8 // n, "sentiment": rng.uniform(-1, 1, n),
                              "tension": rng.uniform(0, 1, n)})
    themes = pd.DataFrame({"theme": range(8), "label": [f"Thema {i}" for i in range(8)], "n_sentences": [n // 8] * 8,
                           "tension_mean": np.linspace(0.1, 0.8, 8), "tension_ci_low": 0.0, "tension_ci_high": 1.0,
                           "sentiment_mean": 0.0, "sentiment_ci_low": -0.1, "sentiment_ci_high": 0.1})
    result = SimpleNamespace(sentences=sentences, themes=themes, actors=pd.DataFrame({"actor": []}),
                             actor_pairs=pd.DataFrame())
    t0 = time.perf_counter()
    svgs = svg.report_svgs(result)
    assert time.perf_counter() - t0 < 5  # generous: a hang or quadratic blow-up, not a benchmark
    assert all(len(s) < 1_000_000 for s in svgs.values())


def test_identical_output_and_colours_of_seaborn(seed_result) -> None:  # noqa: ANN001
    import matplotlib.colors as mc
    import seaborn as sns

    assert svg.report_svgs(seed_result) == svg.report_svgs(seed_result)
    assert list(figure_data.COLORBLIND) == [mc.to_hex(c) for c in sns.color_palette("colorblind", 10)]
    cmap = sns.color_palette("rocket_r", as_cmap=True)
    for v in np.linspace(0, 1, 41):
        ours, theirs = mc.to_rgb(svg.tension_color(v)), mc.to_rgb(cmap(v))
        assert max(abs(a - b) for a, b in zip(ours, theirs)) < 8 / 255, v
    assert svg.tension_color(-3) == figure_data.ROCKET_R[0] and svg.tension_color(7) == figure_data.ROCKET_R[-1]


def test_the_theme_strip_counts_sentences_from_1(seed_result) -> None:  # noqa: ANN001
    root = _parse(svg.theme_strip_svg(seed_result))
    ticks = [el for el in root.iter(f"{NS}text") if re.fullmatch(r"\d+", el.text or "")]
    labels = [int(el.text) for el in ticks]
    assert labels[0] == 1 and 0 not in labels and max(labels) <= len(seed_result.sentences)
    cells = [el for el, tip in _tips(root, "rect") if tip.startswith("S1:")]
    x, w = float(cells[0].get("x")), float(cells[0].get("width"))
    assert float(ticks[0].get("x")) == pytest.approx(x + w / 2, abs=1.0)  # "1" under S1's cell
