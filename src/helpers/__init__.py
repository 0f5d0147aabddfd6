"""tension-profile helpers: read an article, split it, find its themes, sentiment and tension.

Public API (one module per stage):

- ``read_article`` (``reading``): decode a file, find paragraphs and the language.
- ``sentences`` (``sentences``): the sentence table of an article.
- ``tokens`` (``tokens``): tokens with lemmas and flags.
- ``InputError`` (``errors``): raised, with a one-line message, for bad input.
"""

from __future__ import annotations

from .errors import InputError
from .reading import Article, article_from_text, read_article
from .sentences import sentence_table, sentences, split_sentences
from .tokens import tokens

__version__ = "0.1.0"

__all__ = [
    "Article",
    "InputError",
    "article_from_text",
    "read_article",
    "sentence_table",
    "sentences",
    "split_sentences",
    "tokens",
    "__version__",
]
