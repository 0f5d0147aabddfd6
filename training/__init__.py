"""``make train`` (not shipped): rebuilds the shipped model files from the training data.

``python -m training`` runs every step; each step reads its data in place (never copied
into the repository) and skips with a one-line message when the data is absent:

- ``heads``: the sentence sentiment and tension heads, ``src/helpers/data/heads.json``
  (``training/heads.py``; data: ``$TP_TRAIN_DIR`` or ``../shared/data/train``, and the
  development articles ``$TP_DEV_DIR`` or ``../shared/data/dev``).
"""
