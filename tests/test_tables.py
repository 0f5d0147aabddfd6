"""The reader's tables: sentence text first, human headers, numbering from 1, no tuples, rounded."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.pipeline import analyze
from helpers.report import tables


@pytest.fixture(scope="module")
def result(seed_path: Path):  # noqa: ANN201
    return analyze(seed_path)


VIEWS = ["theme_overview", "theme_tension", "theme_sentiment", "sentences_view", "most_tense",
         "extreme_sentiment", "actor_pairs_view", "actors_view"]


@pytest.mark.parametrize("name", VIEWS)
def test_views_read_like_prose_not_code(result, name: str) -> None:  # noqa: ANN001
    view = getattr(tables, name)(result)
    assert len(view) > 0
    for col in view.columns:
        assert "_" not in col, f"{name}: code identifier {col!r} as a header"
        cells = view[col].astype(str)
        assert not cells.str.match(r"^\(.*,\)$|^\(\d").any(), f"{name}.{col} prints Python tuples"
        if view[col].dtype.kind == "f":
            assert (view[col].dropna().round(2) == view[col].dropna()).all(), f"{name}.{col} not rounded"
    if "Sentence" in view:
        assert list(view.columns)[0] == "Sentence"  # the text first
    assert isinstance(view.index, pd.RangeIndex)


def test_one_numbering_for_readers(result) -> None:  # noqa: ANN001
    s = result.sentences
    view = tables.sentences_view(result)
    assert view["No."].tolist() == [f"S{i + 1}" for i in range(len(s))]
    assert view["Theme"].iat[0] == "T1"  # themes are numbered by first appearance
    assert view["Paragraph"].iat[0] == 1
    overview = tables.theme_overview(result)
    assert overview["Theme"].tolist() == [f"T{i}" for i in range(1, len(result.themes) + 1)]
    # the same sentence, the same number in the tense table and in the sentence list
    tense = tables.most_tense(result, n=3)
    for text, no in zip(tense["Sentence"], tense["No."]):
        assert view.loc[view["No."] == no, "Sentence"].iat[0] == text
    where = tables.actor_pairs_view(result)["Where"].iat[0]
    assert re.fullmatch(r"S\d+(, S\d+)*", where)
    ids = result.actor_pairs["sentence_ids"].iat[0]
    assert where.split(", ")[0] == f"S{ids[0] + 1}"


def test_full_table_is_every_column_numbered_from_one(result) -> None:  # noqa: ANN001
    full = tables.full_table(result, "sentences")
    assert "sentence" in full and "sentence_id" not in full
    assert full["sentence"].tolist() == (result.sentences["sentence_id"] + 1).tolist()
    assert len(full.columns) == len(result.sentences.columns)
    themes = tables.full_table(result, "themes")
    assert themes["theme"].tolist() == list(range(1, len(result.themes) + 1))
    assert themes["first_sentence"].tolist() == (result.themes["first_sentence"] + 1).tolist()
    floats = themes.select_dtypes("float")
    assert ((floats * 10_000).round(6) % 1 == 0).all().all()  # at most 4 decimals
    with pytest.raises(ValueError):
        tables.full_table(result, "tokens")


def test_k_table_drops_the_empty_stability_column() -> None:
    nan = float("nan")
    scores = pd.DataFrame({"k": [2, 3], "silhouette": [0.1, 0.2], "stability": [nan, nan],
                           "log_prior": [-0.5, -0.1], "score": [-0.4, 0.1]})
    assert list(tables.k_table(scores).columns) == ["Themes (k)", "Silhouette", "Length prior (log)", "Score"]
    filled = tables.k_table(scores.assign(stability=[0.9, 0.8]))
    assert "Stability (ARI)" in filled and filled["Stability (ARI)"].tolist() == [0.9, 0.8]


def test_show_hides_the_index_and_wraps_text(result) -> None:  # noqa: ANN001
    html = tables.show(tables.most_tense(result, n=2), uid="t").to_html()
    assert "white-space: normal" in html
    ranges = tables.show(tables.theme_tension(result), uid="r").to_html()
    assert "white-space: nowrap" in ranges  # the 95 % interval stays on one line
    assert 'class="row_heading' not in html  # no index column


def test_returns_view_numbers_from_one() -> None:
    from types import SimpleNamespace

    import pandas as pd

    from helpers.report import tables

    # themes 0 0 1 1 0: the run at sentence_id 4 returns to theme 0, first seen at 0
    s = pd.DataFrame({"sentence_id": range(5), "text": list("abcde"), "theme": [0, 0, 1, 1, 0]})
    view = tables.returns_view(SimpleNamespace(sentences=s))
    assert view.to_dict("records") == [{"Returning sentence": "e", "Theme": "T1", "First seen": "S1",
                                        "Returns at": "S5", "Sentences": 1}]
