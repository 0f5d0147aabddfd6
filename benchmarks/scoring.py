"""Sentence encoder and trained heads: encoder speed cold and cached, and what the model stage
adds to a whole analysis with a cold and a warm embedding cache, next to the plain baseline."""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

import pandas as pd


def distinct_article(n: int = 1000) -> tuple[str, str]:
    """``(name, text)``: ``n`` distinct German news texts (``benchmarks.common.news_article``),
    or without ``../shared`` the seed's paragraphs repeated (``long_article``), named so.

    The encoder's cost depends on the *distinct* sentences (the cache and each batch encode a
    text once): an article made of the seed's 42 sentences repeated costs the encoder 42
    sentences, which made "cold cache" mean almost nothing for the long row.
    """
    from benchmarks.common import long_article, news_article

    text = news_article(n, "de")
    if text is None:
        return "long (seed repeated)", long_article(n, seed=0)
    return f"{n} distinct news texts", text


def bench_scoring(long_sentences: int = 1000) -> pd.DataFrame:
    """Rows per article (the seed; ``distinct_article(long_sentences)``):

    ``encode_cold_s`` (the e5 encoder on every sentence, no cache), ``sentences_per_s_cold``,
    ``encode_cached_s`` (the same through a warm cache), ``analyze_cold_s`` (whole analysis,
    empty embedding cache), ``analyze_warm_s`` (second run), ``plain_s`` (plain TF-IDF+KMeans),
    ``warm_x_plain``, ``cold_x_encoder`` (the analysis with a cold cache divided by the
    encoder's own time for its sentences) and ``peak_rss_mb`` of this process.
    """
    import helpers
    from benchmarks.common import seed_text
    from evaluation.baselines import plain_baseline
    from helpers.embeddings import E5Encoder, EmbeddingStore, store

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        helpers.analyze(seed_text())  # imports, lexicons, the encoder's weights loaded
        plain_baseline(list(helpers.sentences(seed_text())["text"]), 2, 0)  # its imports too
        for name, text in (("seed", seed_text()), distinct_article(long_sentences)):
            sentences = list(helpers.sentences(text)["text"])
            t0 = time.perf_counter()
            EmbeddingStore(E5Encoder(), None).encode(sentences)
            cold_encode = time.perf_counter() - t0
            cache = Path(tmp) / name
            warm_store = EmbeddingStore(E5Encoder(), cache)
            warm_store.encode(sentences)
            t0 = time.perf_counter()
            warm_store.encode(sentences)
            cached = time.perf_counter() - t0
            old = os.environ.get("TP_CACHE_DIR")
            os.environ["TP_CACHE_DIR"] = str(Path(tmp) / f"{name}-analysis")
            store._STORES.clear()
            try:
                t0 = time.perf_counter()
                result = helpers.analyze(text)
                cold = time.perf_counter() - t0
                t0 = time.perf_counter()
                helpers.analyze(text)
                warm = time.perf_counter() - t0
            finally:
                if old is None:
                    os.environ.pop("TP_CACHE_DIR", None)
                else:
                    os.environ["TP_CACHE_DIR"] = old
                store._STORES.clear()
            t0 = time.perf_counter()
            plain_baseline(sentences, max(2, result.k), 0)
            plain = time.perf_counter() - t0
            rows.append({"article": name, "n_sentences": len(sentences), "encode_cold_s": round(cold_encode, 3),
                         "sentences_per_s_cold": round(len(sentences) / cold_encode, 1),
                         "encode_cached_s": round(cached, 4), "analyze_cold_s": round(cold, 3),
                         "analyze_warm_s": round(warm, 3), "plain_s": round(plain, 4),
                         "warm_x_plain": round(warm / plain, 1), "cold_x_encoder": round(cold / cold_encode, 2),
                         "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)})
    return pd.DataFrame(rows)
