"""The embedding cache: every sentence is encoded once per model, across runs and processes.

Vectors are kept in an SQLite database in the project's cache folder
(``helpers.cache.cache_dir()``, same ``TP_CACHE_DIR`` rules: empty switches it off), one
file per encoder and version, keyed by the SHA-256 of the sentence's exact text (after
whitespace is collapsed). SQLite (the standard library's) handles several batch workers
writing at once. A damaged or unreadable database is set aside and rebuilt: the cache can
only cost an encoding, never a result, and a vector read back is bit-identical to the one
computed (stored as raw float32 bytes).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from helpers.cache import cache_dir
from helpers.embeddings.encoders import DEFAULT_ENCODER, get_encoder


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingStore:
    """Cached encoding with one encoder.

    Parameters
    ----------
    encoder : estimator with ``transform``, ``name``, ``version`` and ``dim``
        E.g. ``E5Encoder()``.
    folder : Path or None
        Where the database lives; ``None`` (or an empty ``TP_CACHE_DIR``) means no cache.
    """

    def __init__(self, encoder: Any, folder: Path | None) -> None:
        self.encoder = encoder
        self.path = (Path(folder) / f"embeddings-{encoder.name}-{encoder.version}.sqlite") if folder else None
        self.hits = 0
        self.misses = 0

    def _connect(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=30)
            con.execute("CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, v BLOB NOT NULL)")
            return con
        except (sqlite3.Error, OSError):
            self._set_aside()
            return None

    def _set_aside(self) -> None:
        """Move a damaged database out of the way (it is rebuilt on the next call)."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_suffix(f".damaged-{os.getpid()}"))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """``(n, dim)`` float32 vectors of ``texts``, from the cache where present.

        Texts are whitespace-collapsed; duplicates are encoded once.
        """
        texts = [" ".join(str(t).split()) for t in texts]
        out = np.zeros((len(texts), self.encoder.dim), dtype=np.float32)
        if not texts:
            return out
        keys = [_key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        con = self._connect()
        if con is not None:
            try:
                unique = list(dict.fromkeys(keys))
                for i in range(0, len(unique), 500):
                    part = unique[i:i + 500]
                    rows = con.execute(f"SELECT key, v FROM vec WHERE key IN ({','.join('?' * len(part))})",
                                       part).fetchall()
                    for key, blob in rows:
                        vec = np.frombuffer(blob, dtype=np.float32)
                        if vec.shape == (self.encoder.dim,):
                            found[bytes(key)] = vec
            except sqlite3.Error:
                con.close()
                con = None
                self._set_aside()
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in found))
        if missing:
            vecs = self.encoder.transform(missing)
            new = {_key(t): np.ascontiguousarray(v, dtype=np.float32) for t, v in zip(missing, vecs)}
            found.update(new)
            if con is not None:
                try:
                    with con:
                        con.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?)",
                                        [(k, v.tobytes()) for k, v in new.items()])
                except sqlite3.Error:
                    self._set_aside()
        if con is not None:
            con.close()
        self.misses += len(missing)
        self.hits += len(set(keys)) - len(missing)
        for i, k in enumerate(keys):
            out[i] = found[k]
        return out


_STORES: dict[str, EmbeddingStore] = {}


def encode(texts: Sequence[str], encoder: str = DEFAULT_ENCODER) -> np.ndarray:
    """Sentence vectors with the named encoder, through the on-disk cache.

    Parameters
    ----------
    texts : sequence of str
    encoder : str
        A name in ``helpers.embeddings.ENCODERS``.

    Returns
    -------
    numpy.ndarray
        ``(len(texts), dim)`` float32, rows L2-normalised.

    Raises
    ------
    EncoderUnavailable
        When the encoder cannot be loaded on this platform.
    """
    folder = cache_dir()
    key = f"{encoder}|{folder}"
    if key not in _STORES:
        _STORES[key] = EmbeddingStore(get_encoder(encoder), folder)
    return _STORES[key].encode(texts)
