"""Sentence sentiment and tension from the trained heads (encoder + word lists), explained.

``model_scores(sentences, tokens, langs)`` is the pipeline's model stage: it encodes the
sentences (``helpers.embeddings``, cached), builds the word-list features
(``helpers.scoring.features``) and applies the heads (``helpers.scoring.heads``). When the
encoder cannot be loaded on this platform it raises ``EncoderUnavailable`` and the
pipeline keeps the rule-based scores, with a note.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.embeddings import DEFAULT_ENCODER, encode
from helpers.scoring.features import LEX_COLS, lexicon_features
from helpers.scoring.heads import apply_heads, context_vectors, load_heads

__all__ = ["LEX_COLS", "apply_heads", "context_vectors", "lexicon_features", "load_heads", "model_scores"]


def model_scores(sentences: pd.DataFrame, tokens: pd.DataFrame, langs: np.ndarray,
                 vectors: np.ndarray | None = None, *, article: bool = True) -> pd.DataFrame:
    """The model's columns for each sentence (see ``helpers.scoring.heads.apply_heads``).

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentence table after the rule-based sentiment and tension stages.
    tokens : pandas.DataFrame
        Its token table.
    langs : numpy.ndarray of str
        "de" or "en" per sentence.
    vectors : numpy.ndarray, optional
        ``(n, dim)`` vectors of the sentences from ``DEFAULT_ENCODER`` (the theme stage's),
        used instead of encoding again when the heads were trained on that encoder.
    article : bool
        ``True``: the rows are consecutive sentences of one article, and each sentence's
        neighbours are its context; ``False``: loose sentences, each its own context.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, the index of ``sentences``.

    Raises
    ------
    EncoderUnavailable
        When the sentence encoder cannot be loaded here.
    """
    encoder = load_heads()["meta"].get("encoder", DEFAULT_ENCODER)
    if vectors is None or encoder != DEFAULT_ENCODER or len(vectors) != len(sentences):
        vectors = encode(list(sentences["text"]), encoder=encoder)
    context = context_vectors(vectors) if article else None
    return apply_heads(vectors, langs, lexicon_features(sentences, tokens, langs), context)
