"""Theme model: golden behaviour on synthetic articles whose answer is known."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

import helpers
from benchmarks.common import long_article
from helpers.pipeline import analyze
from helpers.themes.choose_k import K_FLOOR, k_prior, k_range
from helpers.themes.model import ThemeModel
from helpers.themes.scale import EMBED_DIMS

EN_TOPICS = [
    [
        "The football club won the championship final after a dramatic penalty shootout.",
        "The coach praised the goalkeeper for saving two penalties in the final.",
        "Football fans celebrated the championship in the stadium until midnight.",
        "The striker scored twice for the club before the shootout.",
        "The club captain lifted the championship trophy in front of the fans.",
    ],
    [
        "The central bank raised interest rates by half a percentage point.",
        "Inflation has stayed above the central bank target for two years.",
        "Economists expect mortgage rates and loan costs to rise further.",
        "The bank governor warned that inflation could stay high next year.",
        "Higher interest rates make mortgage loans more expensive for households.",
    ],
    [
        "Heavy rain caused flooding in several coastal towns.",
        "Rivers burst their banks after the rain and the flooding closed roads.",
        "Emergency services evacuated hundreds of residents from flooded homes.",
        "Meteorologists forecast more heavy rain and storms for the coast.",
        "The flooding damaged bridges, roads and homes along the rivers.",
    ],
]

DE_TOPICS = [
    [
        "Der Fußballverein gewann das Pokalfinale nach einem dramatischen Elfmeterschießen.",
        "Der Trainer lobte den Torwart, der zwei Elfmeter im Finale hielt.",
        "Die Fans feierten den Pokalsieg des Vereins bis Mitternacht im Stadion.",
        "Der Stürmer erzielte zwei Tore für den Verein vor dem Elfmeterschießen.",
        "Der Kapitän des Vereins stemmte den Pokal vor den Fans in die Höhe.",
    ],
    [
        "Die Zentralbank erhöhte den Leitzins um einen halben Prozentpunkt.",
        "Die Inflation liegt seit zwei Jahren über dem Ziel der Zentralbank.",
        "Ökonomen erwarten, dass Kredite und Hypotheken wegen der Zinsen teurer werden.",
        "Die Präsidentin der Zentralbank warnte vor hoher Inflation im nächsten Jahr.",
        "Höhere Zinsen verteuern Kredite und Hypotheken für die Haushalte.",
    ],
    [
        "Starker Regen verursachte Hochwasser in mehreren Küstenorten.",
        "Nach dem Regen traten Flüsse über die Ufer und das Hochwasser sperrte Straßen.",
        "Rettungskräfte brachten Hunderte Bewohner aus überfluteten Häusern in Sicherheit.",
        "Meteorologen sagen weiteren Regen und Sturm für die Küste voraus.",
        "Das Hochwasser beschädigte Brücken, Straßen und Häuser an den Flüssen.",
    ],
]


def _write(tmp_path: Path, paragraphs: list[list[str]], name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n\n".join(" ".join(p) for p in paragraphs) + "\n", encoding="utf-8")
    return path


def _truth(paragraphs: list[list[str]]) -> list[int]:
    return [i for i, p in enumerate(paragraphs) for _ in p]


@pytest.mark.parametrize("topics", [EN_TOPICS, DE_TOPICS], ids=["en", "de"])
def test_three_topics_recovered_exactly(tmp_path: Path, topics: list[list[str]]) -> None:
    sdf = helpers.sentences(str(_write(tmp_path, topics)))
    assert len(sdf) == 15
    model = ThemeModel(k=3).fit(sdf)
    assert adjusted_rand_score(_truth(topics), model.labels_) == 1.0
    auto = ThemeModel(k="auto").fit(sdf)
    assert auto.k_ == 3
    assert adjusted_rand_score(_truth(topics), auto.labels_) == 1.0
    assert auto.stability_ == pytest.approx(1.0)
    assert list(auto.k_scores_["k"]) == k_range(15)  # 2..5: the prior expects K_FLOOR themes, the words say 3


def test_labels_name_the_topics(tmp_path: Path) -> None:
    sdf = helpers.sentences(str(_write(tmp_path, EN_TOPICS)))
    model = ThemeModel(k=3).fit(sdf)
    themes = model.themes_
    assert list(themes["theme"]) == [0, 1, 2]  # numbered by first appearance
    assert list(themes["n_sentences"]) == [5, 5, 5]
    expected = [{"club", "championship", "football", "fan", "shootout", "penalty"},
                {"bank", "inflation", "rate", "mortgage", "interest"},
                {"flooding", "rain", "river", "flood", "home", "road"}]
    for (_, row), words in zip(themes.iterrows(), expected):
        top = {t.lower() for t, _ in row["top_terms"][:3]}
        assert top & words, (row["label"], words)
        assert abs(sum(w for _, w in row["top_terms"]) - 1.0) < 1e-3
        ids = row["representative_ids"]
        assert 1 <= len(ids) <= 2
        assert all(model.labels_[i] == row["theme"] for i in ids)
        assert row["representative"] == sdf.loc[ids[0], "text"]


def test_same_seed_identical_output(seed_path: Path) -> None:
    sdf = helpers.sentences(str(seed_path))
    tdf = helpers.tokens(sdf)
    a = ThemeModel(seed=3).fit(sdf, tdf)
    b = ThemeModel(seed=3).fit(sdf, tdf)
    assert np.array_equal(a.labels_, b.labels_)
    assert pickle.dumps(a.themes_) == pickle.dumps(b.themes_)
    assert a.k_scores_.equals(b.k_scores_)
    assert a.stability_ == b.stability_
    # k=auto on the seed stays within the length-based range and is reasonably stable
    assert a.k_ in k_range(len(sdf))
    assert 0.3 <= a.stability_ <= 1.0


def test_fixed_k_and_predict(seed_path: Path) -> None:
    sdf = helpers.sentences(str(seed_path))
    model = ThemeModel(k=4).fit(sdf)
    assert model.k_ == 4 and model.k_scores_.empty
    assert sorted(set(model.labels_.tolist())) == [0, 1, 2, 3]
    assert np.array_equal(model.predict(sdf), model.labels_)
    assert model.get_params()["k"] == 4  # scikit-learn parameter API


def test_few_sentences_one_theme(tmp_path: Path) -> None:
    sdf = helpers.sentences(str(_write(tmp_path, [EN_TOPICS[0][:2], EN_TOPICS[1][:2]])))
    model = ThemeModel().fit(sdf)
    assert model.k_ == 1
    assert set(model.labels_.tolist()) == {0}
    assert any("one theme" in n for n in model.notes_)
    assert len(model.themes_) == 1


def test_identical_sentences_do_not_crash(tmp_path: Path) -> None:
    para = ["The bank raised interest rates again."] * 10
    sdf = helpers.sentences(str(_write(tmp_path, [para] * 5)))
    assert len(sdf) == 50
    model = ThemeModel().fit(sdf)
    assert len(model.labels_) == 50
    assert model.k_ >= 1
    assert len(model.themes_) == model.k_


def test_sentences_without_content_words(tmp_path: Path) -> None:
    empty = ["And so it is.", "It is what it is.", "Yes, and then?", "So be it.", "That is all.", "Or not."]
    sdf = helpers.sentences(str(_write(tmp_path, [empty, EN_TOPICS[0], empty])))
    model = ThemeModel(k=3).fit(sdf)
    assert len(model.labels_) == len(sdf)
    # an article of function words only: themes by position, no crash
    only = helpers.sentences(str(_write(tmp_path, [empty, empty], "only.txt")))
    m2 = ThemeModel().fit(only)
    assert len(m2.labels_) == len(only)
    assert any("no content words" in n for n in m2.notes_)


def test_bad_k_rejected(tmp_path: Path) -> None:
    sdf = helpers.sentences(str(_write(tmp_path, EN_TOPICS)))
    for bad in (0, -2, "three", 2.5, True):
        with pytest.raises(ValueError):
            ThemeModel(k=bad).fit(sdf)


def test_k_prior_grows_with_length() -> None:
    assert k_prior(50) == pytest.approx(5.0)
    assert k_prior(12, k_floor=0) == pytest.approx(6 ** 0.5)  # before issue 17
    assert k_prior(12) == K_FLOOR  # a short article still gets the themes a reader names
    assert k_range(12, k_floor=0) == [2, 3]
    assert k_range(12) == list(range(2, K_FLOOR + 2))  # the prior's centre is a candidate
    assert k_range(5, k_floor=0) == [2]
    assert max(k_range(8)) == min(K_FLOOR + 1, 7)  # below the number of sentences
    assert max(k_range(10_000)) == 10


def test_analyze_seed(seed_path: Path) -> None:
    result = analyze(seed_path, k="4", seed=1)
    assert result.lang == "de"
    assert result.k == 4
    assert "theme" in result.sentences
    assert len(result.themes) == 4
    assert result.themes["n_sentences"].sum() == len(result.sentences)
    auto = analyze(seed_path)
    assert not auto.k_scores.empty and auto.k in set(auto.k_scores["k"])
    with pytest.raises(helpers.InputError):
        analyze(seed_path, k="many")


def test_bench_article_is_long(seed_path: Path, tmp_path: Path) -> None:
    text = long_article(1000)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    assert len(helpers.sentences(str(path))) >= 1000


def test_german_labels_prefer_nouns() -> None:
    from helpers.themes.labels import _label_terms

    top = ["Zaun", "glauben", "Übertritt", "durchlassen", "Asylwerber"]
    assert _label_terms(top, "de", 3) == ["Zaun", "Übertritt", "Asylwerber"]
    assert _label_terms(["glauben", "Zaun", "sagen"], "de", 3) == ["Zaun", "glauben", "sagen"]  # filled up
    assert _label_terms(["close", "Unite", "border"], "en", 2) == ["close", "Unite"]  # English: weight order


def test_label_ties_go_to_the_middle_of_the_theme(tmp_path: Path) -> None:
    """Every word occurs once and every sentence has three content words, so all weights
    tie; the label takes the nouns central to the block (the middle sentence, which both
    neighbours share) instead of the alphabetical first."""
    paragraphs = [
        ["Der Abt kaufte einen Apfel.", "Der Zeppelin brachte Zucker.", "Die Birne lag beim Bäcker."],
        ["Der Chor sang im Dom.", "Der Yeti trug den Ysop.", "Die Dohle saß auf dem Dach."],
        ["Der Elch stand am Ende.", "Die Xylophone klangen wie Xenon.", "Der Fuchs fraß die Feige."],
    ]
    sdf = helpers.sentences(str(_write(tmp_path, paragraphs)))
    model = ThemeModel(k=3).fit(sdf)
    assert adjusted_rand_score(_truth(paragraphs), model.labels_) == 1.0
    middles = [{"Zeppelin", "Zucker"}, {"Yeti", "Ysop"}, {"Xylophon", "Xenon"}]
    for label, middle in zip(model.themes_["label"], middles):
        assert label.split(" / ")[0] in middle, label


# ------------------------------------------------------------ long articles (scale.py)
def _long_tables(n_sentences: int, one_paragraph: bool):  # noqa: ANN202
    text = long_article(n_sentences)
    if one_paragraph:
        text = " ".join(p.strip() for p in text.split("\n") if p.strip()) + "\n"
    sents = helpers.sentences(text, lang="de")
    return sents, helpers.tokens(sents)


@pytest.mark.parametrize("one_paragraph", [False, True])
def test_reduced_path_is_deterministic_and_uses_every_theme(one_paragraph: bool) -> None:
    sents, toks = _long_tables(150, one_paragraph)
    a = ThemeModel(k="auto", seed=3, exact_max=50).fit(sents, toks)
    b = ThemeModel(k="auto", seed=3, exact_max=50).fit(sents, toks)
    # the sentence-encoder block joins the LSA space in its own top directions
    assert a.uses_embeddings_ and a.embed_basis_.shape == (EMBED_DIMS, 384)
    assert a.basis_ is not None and a.features_.shape == (len(sents), a.basis_.shape[0] + EMBED_DIMS + 1)
    assert np.array_equal(a.labels_, b.labels_) and a.themes_.equals(b.themes_)
    assert a.k_scores_.equals(b.k_scores_) and a.stability_ == b.stability_
    assert sorted(set(a.labels_.tolist())) == list(range(a.k_))
    assert np.array_equal(a.predict(sents, toks), a.labels_)


def test_reduced_path_agrees_with_the_exact_path() -> None:
    """LSA + sample on a 330-sentence article against the exact path, same k."""
    sents, toks = _long_tables(300, False)
    exact = ThemeModel(k=6, seed=0, exact_max=10_000).fit(sents, toks)
    reduced = ThemeModel(k=6, seed=0, exact_max=0).fit(sents, toks)
    assert exact.basis_ is None and reduced.basis_ is not None
    assert adjusted_rand_score(exact.labels_, reduced.labels_) > 0.5


def test_randomized_svd_matches_numpy() -> None:
    from scipy import sparse

    from helpers.themes.scale import randomized_svd

    rng = np.random.RandomState(0)
    scales = np.diag(2.0 ** -np.arange(12))  # a decaying spectrum, as TF-IDF has
    a = sparse.csr_matrix(rng.standard_normal((200, 12)) @ scales @ rng.standard_normal((12, 80)))
    s, vt = randomized_svd(a, 10, seed=1)
    s_np = np.linalg.svd(a.toarray(), compute_uv=False)[:10]
    assert np.allclose(s, s_np, rtol=1e-6)
    assert np.allclose(vt @ vt.T, np.eye(10), atol=1e-8)


def test_distinct_rows_without_densifying() -> None:
    from scipy import sparse

    from helpers.themes.model import _distinct_rows

    m = sparse.csr_matrix(np.array([[0.5, 0, 0.5], [0.5, 0, 0.5], [0, 1.0, 0], [0, 0, 0], [0, 0, 0]]))
    dense = len({tuple(np.round(r, 9)) for r in m.toarray()})
    assert _distinct_rows(m) == dense == 3
