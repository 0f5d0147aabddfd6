"""training/ (make train): label mapping, determinism, and a clear exit without the data."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from training import ner


def test_labels_map_to_per_org_loc_in_bio() -> None:
    tags = [ner._map(t, ner.STANDARD) for t in ["I-PER", "I-PER", "B-PER", "O", "I-OTH", "B-LOCderiv", "I-ORG"]]
    assert ner._bio(tags) == ["B-PER", "I-PER", "B-PER", "O", "O", "O", "B-ORG"]
    assert ner._map("B-politician", ner.CROSSNER) == "B-PER" and ner._map("B-misc", ner.CROSSNER) == "O"


def test_same_data_gives_the_same_model_bytes(tmp_path: Path) -> None:
    sents = [(["Andreas", "Hauer", "kritisiert", "die", "ÖBB", "."], ["B-PER", "I-PER", "O", "O", "B-ORG", "O"]),
             (["Die", "Stadt", "Wien", "klagt", "."], ["O", "B-ORG", "I-ORG", "O", "O"]),
             (["Hauer", "lebt", "in", "Wien", "."], ["B-PER", "O", "O", "B-LOC", "O"])] * 3
    digests = []
    for name in ("a.crfsuite", "b.crfsuite"):
        ner.fit(sents, "de", tmp_path / name)
        digests.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_without_the_data_it_says_so_and_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TP_NER_DIR", str(tmp_path / "absent"))
    assert ner.main(["train", "de", "--out", str(tmp_path / "m.crfsuite")]) == 0
    assert ner.main_all() == 0
    out = capsys.readouterr().out
    assert "NER data not found" in out and "TP_NER_DIR" in out
    assert not (tmp_path / "m.crfsuite").exists()


@pytest.mark.slow
def test_the_shipped_heads_were_trained_on_todays_word_list_features() -> None:
    """The heads stack the word lists' features: when a rule change moves them (a new actor
    pattern moves tension's actor component), the shipped weights no longer come out of
    ``make train`` byte for byte. The digest of the features they were fitted on is stored
    in their metadata; this recomputes it from ``../shared`` (skipped without the data)."""
    import json

    from training import heads
    from training.run import data_dir

    train_dir, dev_dir = data_dir("TP_TRAIN_DIR", "train"), data_dir("TP_DEV_DIR", "dev")
    if not (train_dir / "sentences_annotated.tsv").is_file() or not dev_dir.is_dir():
        pytest.skip("no training data next to the checkout")
    shipped = json.loads(heads.TARGET.read_text(encoding="utf-8"))["meta"]["features_sha256"]
    assert heads.features_digest(heads.labelled_rows(train_dir, dev_dir)) == shipped, "re-run make train"
