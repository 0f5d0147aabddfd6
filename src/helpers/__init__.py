"""tension-profile: where the conflict in a news article lies.

The public API:

- ``analyze(source, lang="auto", k="auto", seed=0, actors=None)`` -> ``Analysis``: the whole
  pipeline on a file path, a text string or an ``Article`` (``helpers.pipeline``).
- ``sentences(source, lang="auto")``: the sentence table of an article.
- ``score_text(texts, lang="auto")``: sentiment and tension of loose sentences (headlines,
  quotes), with the same model as ``analyze``.
- ``tokens(sentences)``: tokens with lemmas and flags (``helpers.text.tokens``).
- ``read_article(path)``, ``article_from_text(text)``, ``Article``: reading (``helpers.io``).
- ``InputError``: raised, with a one-line message, for bad input.

The stages live in one sub-package each, in pipeline order: ``io`` (reading), ``text``
(language, sentences, tokens), ``themes``, ``sentiment``, ``actors``, ``tension``, then
``summary``; ``pipeline`` runs them. ``report`` (figures, HTML, notebooks) and ``cli``
(the ``tension-profile`` command) sit on top and are never imported by the pipeline.
"""

from __future__ import annotations

from helpers.errors import InputError
from helpers.io.reading import Article, article_from_text, load_source, read_article
from helpers.pipeline import Analysis, analyze, score_text, sentences
from helpers.text.sentences import sentence_table, split_sentences
from helpers.text.tokens import tokens

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "InputError",
    "analyze",
    "article_from_text",
    "load_source",
    "read_article",
    "score_text",
    "sentence_table",
    "sentences",
    "split_sentences",
    "tokens",
    "__version__",
]
