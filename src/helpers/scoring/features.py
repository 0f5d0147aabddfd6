"""The explainable features the trained heads are stacked with: what the word lists say.

One row per sentence, from the rule-based sentiment (``helpers.sentiment``) and tension
(``helpers.tension``) stages, in the units the heads were trained on (``training/heads.py``
computes them with these same functions):

=====================  ============================================================
column                 meaning
=====================  ============================================================
``lex_sentiment``      the rule-based sentence sentiment, -1 … 1
``lex_npos``           number of words that count positive (``sentiment_words``)
``lex_nneg``           number of words that count negative
``lex_negation``       1.0 when the sentence has a negation word, else 0.0
``lex_tension``        the rule-based tension, 0 … 1
``lex_t_lexicon``      its conflict-lexicon component, 0 … 1
``lex_t_contrast``     its contrast component, 0 … 1
``lex_t_negativity``   its negative-tone component, 0 … 1
``lex_t_actors``       its actors component, 0 … 1
=====================  ============================================================
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

LEX_COLS: tuple[str, ...] = ("lex_sentiment", "lex_npos", "lex_nneg", "lex_negation", "lex_tension",
                             "lex_t_lexicon", "lex_t_contrast", "lex_t_negativity", "lex_t_actors")

_CONTRIB = re.compile(r"([+-]\d+\.\d+)\s*(?:;|$)")
#: English negation as the features were trained (a regular expression on the text).
_NEG_EN = re.compile(r"\b(not|no|never|nobody|none|nothing|neither|nor|without|hardly|barely|n't|cannot)\b|n't\b",
                     re.IGNORECASE)


def word_counts(words: str) -> tuple[int, int]:
    """(positive, negative) counts of a ``sentiment_words`` cell ("gut +1.00; Streit -1.00")."""
    values = [float(v) for v in _CONTRIB.findall(words or "")]
    return sum(v > 0 for v in values), sum(v < 0 for v in values)


def lexicon_features(sentences: pd.DataFrame, tokens: pd.DataFrame, langs: np.ndarray) -> pd.DataFrame:
    """The ``LEX_COLS`` of each sentence.

    Parameters
    ----------
    sentences : pandas.DataFrame
        With ``sentence_id``, ``text``, ``sentiment_rules``, ``sentiment_words``,
        ``tension_rules`` and the components ``tension_lexicon``, ``tension_contrast``,
        ``tension_negativity``, ``tension_actors``.
    tokens : pandas.DataFrame
        The token table (``is_negation`` per token).
    langs : numpy.ndarray of str
        The language of each sentence ("de" or "en").

    Returns
    -------
    pandas.DataFrame
        ``(n_sentences, 9)`` float64, columns ``LEX_COLS``, the index of ``sentences``.
    """
    counts = np.array([word_counts(str(w)) for w in sentences["sentiment_words"]], dtype=float).reshape(-1, 2)
    negated = tokens.groupby("sentence_id")["is_negation"].sum().reindex(sentences["sentence_id"], fill_value=0)
    neg_de = (negated.to_numpy() > 0).astype(float)
    neg_en = np.array([1.0 if _NEG_EN.search(str(t)) else 0.0 for t in sentences["text"]])
    return pd.DataFrame({
        "lex_sentiment": sentences["sentiment_rules"].to_numpy(float),
        "lex_npos": counts[:, 0], "lex_nneg": counts[:, 1],
        "lex_negation": np.where(np.asarray(langs) == "en", neg_en, neg_de),
        "lex_tension": sentences["tension_rules"].to_numpy(float),
        "lex_t_lexicon": sentences["tension_lexicon"].to_numpy(float),
        "lex_t_contrast": sentences["tension_contrast"].to_numpy(float),
        "lex_t_negativity": sentences["tension_negativity"].to_numpy(float),
        "lex_t_actors": sentences["tension_actors"].to_numpy(float),
    }, index=sentences.index)
