"""Sentence embeddings: multilingual sentence encoders that ship inside their PyPI wheels,
and a cache on disk so that no sentence is encoded twice.

``encode(texts)`` is what the pipeline calls: the default encoder (``DEFAULT_ENCODER``)
through the cache (``helpers.embeddings.store``). The encoders themselves are tiny
scikit-learn-compatible transformers (``helpers.embeddings.encoders``): ``fit`` does
nothing, ``transform(list of str)`` returns an ``(n, d)`` float32 array of L2-normalised
rows. Nothing is downloaded: the weights are files inside the installed packages.
"""

from __future__ import annotations

from helpers.embeddings.encoders import (
           DEFAULT_ENCODER,
           ENCODERS,
           E5Encoder,
           EncoderUnavailable,
           USEEncoder,
           get_encoder,
)
from helpers.embeddings.store import EmbeddingStore, encode

__all__ = ["DEFAULT_ENCODER", "ENCODERS", "E5Encoder", "EmbeddingStore", "EncoderUnavailable", "USEEncoder",
           "encode", "get_encoder"]
