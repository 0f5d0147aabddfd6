"""``make train`` (not shipped): rebuilds the shipped model files from the training data.

``python -m training [STEP ...]`` runs the steps in order (default: all); each reads its
data in place (never copied into the repository), writes its model into
``src/helpers/data/``, is deterministic (same data and code, same bytes) and skips with a
one-line message when its data is absent:

- ``ner``: the named-entity taggers, ``src/helpers/data/ner_de.crfsuite`` and
  ``ner_en.crfsuite`` (``training/ner.py``; data ``$TP_NER_DIR`` or ``../shared/data/ner``);
- ``heads``: the sentence sentiment and tension heads, ``src/helpers/data/heads.json``
  (``training/heads.py``; data ``$TP_TRAIN_DIR`` or ``../shared/data/train``, and the
  development articles ``$TP_DEV_DIR`` or ``../shared/data/dev``). It runs after ``ner``:
  its word-list features include the actors the tagger finds.
"""
