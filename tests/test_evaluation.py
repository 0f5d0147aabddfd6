"""Evaluation harness: text alignment, metric rows, CLI behaviour."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from evaluation.harness import (
    ArticleEval,
    _theme_scores,
    align_units,
    evaluate_dir,
    format_table,
    main,
)

UNITS = ["Der Zug fährt ab.", "Die Bahn ist spät.", "Prioritätsfrage", "Der EuGH urteilte 2013."]


def test_alignment_identical_texts() -> None:
    al = align_units(UNITS, UNITS)
    assert list(al["unit"]) == [0, 1, 2, 3]
    assert (al["coverage"] == 1.0).all()


def test_alignment_unit_split_in_two() -> None:
    # the project splits unit 1 into two sentences and joins units 2 and 3
    project = ["Der Zug fährt ab.", "Die Bahn", "ist spät.", "Prioritätsfrage Der EuGH urteilte 2013."]
    al = align_units(project, UNITS)
    assert list(al["unit"]) == [0, 1, 1, 3]  # joined sentence takes the larger unit


def test_alignment_whitespace_and_small_differences() -> None:
    project = ["Der  Zug\nfährt ab.", "Die Bahn ist spaet.", "Prioritätsfrage", "Der EuGH urteilte 2013 ."]
    al = align_units(project, UNITS)
    assert list(al["unit"]) == [0, 1, 2, 3]
    assert al.loc[1, "coverage"] < 1.0


def test_alignment_nothing_matches() -> None:
    al = align_units(["xyz"], ["abc"])
    assert list(al["unit"]) == [-1]


def _eval_for(units: pd.DataFrame, project: list[str]) -> ArticleEval:
    al = align_units(project, list(units["text"]))
    sdf = pd.DataFrame({"sentence_id": range(len(project)), "paragraph": 0, "text": project})
    sdf["unit"] = al["unit"]
    for col in ("theme_a", "theme_b"):
        sdf[f"gold_{col}"] = [units[col][u] for u in sdf["unit"]]
    return ArticleEval("x", Path("x.txt"), sdf, pd.DataFrame(), units, "de")


def test_identical_labelings_score_one_through_alignment() -> None:
    units = pd.DataFrame({"text": UNITS, "theme_a": ["A", "A", "B", "B"], "theme_b": ["X", "Y", "Y", "Z"]})
    project = ["Der Zug fährt ab.", "Die Bahn", "ist spät.", "Prioritätsfrage", "Der EuGH urteilte 2013."]
    ev = _eval_for(units, project)
    scores = _theme_scores(np.array([0, 0, 0, 1, 1]), ev)
    assert scores["ARI a"] == pytest.approx(1.0)
    assert scores["NMI a"] == pytest.approx(1.0)
    assert scores["ARI b"] < 1.0
    assert _theme_scores(np.array([5, 6, 6, 6, 7]), ev)["ARI b"] == pytest.approx(1.0)


ARTICLE = [
    ["The football club won the championship final after a dramatic penalty shootout.",
     "The coach praised the goalkeeper for saving two penalties in the final.",
     "Football fans celebrated the championship in the stadium until midnight.",
     "The club captain lifted the championship trophy in front of the fans."],
    ["The central bank raised interest rates by half a percentage point.",
     "Inflation has stayed above the central bank target for two years.",
     "Higher interest rates make mortgage loans more expensive for households.",
     "The bank governor warned that inflation could stay high next year."],
]


def _dev_dir(tmp_path: Path) -> Path:
    (tmp_path / "en_demo.txt").write_text("\n\n".join(" ".join(p) for p in ARTICLE) + "\n", encoding="utf-8")
    rows = []
    for pi, para in enumerate(ARTICLE):
        for s in para:
            rows.append({"sentence_id": len(rows), "paragraph": pi, "text": s, "theme_a": f"t{pi}",
                         "sentiment_a": 0, "tension_a": 0, "actors_a": "", "theme_b": f"u{pi}",
                         "sentiment_b": 0, "tension_b": 0, "actors_b": ""})
    pd.DataFrame(rows).to_csv(tmp_path / "en_demo.annotations.tsv", sep="\t", index=False)
    return tmp_path


def test_evaluate_dir_rows(tmp_path: Path) -> None:
    rows, notes = evaluate_dir(_dev_dir(tmp_path), n_seeds=2)
    by_method = {r.method: r for r in rows}
    theme_methods = {m for m in by_method if not m.startswith(("sentiment", "tension", "actors"))}
    theme_methods.discard("project (k=auto, wordfreq IDF)")  # only when the optional extra is installed
    assert theme_methods == {"project (k=auto)", "before issue 17: words only (k=auto)", "project (k=k_a)",
                             "plain TF-IDF+KMeans (k=k_a)", "paragraph = theme", "annotator a vs b (units)",
                             "annotator a", "annotator b"}
    # k within one of the annotator's, and returning themes: none in two clean blocks
    assert by_method["project (k=k_a)"].scores["k±1 a"] == [1.0, 1.0]
    assert by_method["paragraph = theme"].scores["recur"] == [0.0]
    assert by_method["annotator a"].scores == {"k": [2.0], "recur": [0.0]}
    assert set(by_method["project (k=auto)"].scores) >= {"ARI a", "NMI a", "ARI b", "NMI b", "k±1 b", "recur∩a"}
    assert {"sentiment: VADER", "sentiment: naive lexicon count"} <= set(by_method)  # English article
    assert by_method["paragraph = theme"].scores["ARI a"] == [pytest.approx(1.0)]
    assert by_method["annotator a vs b (units)"].scores["ARI a"] == [pytest.approx(1.0)]
    assert by_method["project (k=k_a)"].scores["ARI a"] == [pytest.approx(1.0)] * 2
    assert {"actors: tagger (default)", "actors: rules (before issue 14)", "actors: capitalised words (baseline)",
            "actors: annotator b (ceiling)"} <= set(by_method)
    assert notes == []
    table = format_table(rows)
    assert "paragraph = theme" in table and "1.00" in table


def test_main_without_data_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--dev-dir", str(tmp_path / "missing")]) == 0
    assert "No annotated development articles" in capsys.readouterr().out


def test_main_env_dir_and_broken_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    d = _dev_dir(tmp_path)
    (d / "zz_broken.txt").write_bytes(b"")
    (d / "zz_broken.annotations.tsv").write_text("sentence_id\ttext\n", encoding="utf-8")
    monkeypatch.setenv("TP_DEV_DIR", str(d))
    assert main(["--seeds", "1"]) == 0
    out = capsys.readouterr().out
    assert "en_demo" in out and "ARI a" in out
    assert "zz_broken" in out  # reported as a note, not a crash


def test_language_means_count_each_article_once() -> None:
    from evaluation.harness import Row, language_means

    rows = [Row("de_a", "actors: tagger (default)", {"actor F1 a": [0.5]}, "de"),
            Row("de_b", "actors: tagger (default)", {"actor F1 a": [0.7, 0.9]}, "de"),  # seeds: 0.8
            Row("de_c", "actors: tagger (default)", {"actor F1 a": [float("nan")]}, "de"),
            Row("en_a", "actors: tagger (default)", {"actor F1 a": [0.2]}, "en")]
    means = {(r.article, r.method): r.scores["actor F1 a"][0] for r in language_means(rows)}
    assert means == {("mean de (3 articles)", "actors: tagger (default)"): pytest.approx(0.65),
                     ("mean en (1 articles)", "actors: tagger (default)"): pytest.approx(0.2)}
