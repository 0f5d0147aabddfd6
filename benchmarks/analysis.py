"""Whole-analysis speed against the plain TF-IDF+KMeans baseline."""

from __future__ import annotations

import math
import time

import pandas as pd


# ------------------------------------------------------------------------ benchmark
def bench_analysis(target_sentences: int = 1000, repeat: int = 1, seed: int = 0) -> pd.DataFrame:
    """Whole ``helpers.analyze`` vs the plain TF-IDF + KMeans baseline, warm.

    Rows: ``seed`` (the seed article) and ``long`` (~``target_sentences`` sentences:
    the seed's paragraphs shuffled with ``seed``, ``benchmarks.common.long_article``).
    Columns: ``article, n_sentences, k, analyze_s`` (best of ``repeat`` after a warm-up
    call on the seed), ``tension_s`` (``stage_tension`` alone), ``plain_s``
    (``TfidfVectorizer()`` + ``KMeans(k, n_init=10)`` on the same sentence texts),
    ``analyze_x_plain`` and ``tension_share`` (tension stage / whole analysis).
    """
    import tempfile
    from pathlib import Path

    from benchmarks.common import long_article, seed_text
    from evaluation.baselines import plain_baseline
    from helpers import pipeline as analysis

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        seed_path = Path(tmp) / "seed.txt"
        seed_path.write_text(seed_text(), encoding="utf-8")
        long_path = Path(tmp) / "long.txt"
        long_path.write_text(long_article(target_sentences, seed=seed), encoding="utf-8")
        analysis.analyze(seed_path)  # warm: imports, lexicons, caches
        for name, path in (("seed", seed_path), ("long", long_path)):
            best = {"analyze": math.inf, "tension": math.inf, "plain": math.inf}
            res = None
            for _ in range(max(1, repeat)):
                t0 = time.perf_counter()
                res = analysis.analyze(path)
                best["analyze"] = min(best["analyze"], time.perf_counter() - t0)
                t0 = time.perf_counter()
                analysis.stage_tension(res)
                best["tension"] = min(best["tension"], time.perf_counter() - t0)
                k = max(2, res.k)
                t0 = time.perf_counter()
                plain_baseline(list(res.sentences["text"]), k, 0)
                best["plain"] = min(best["plain"], time.perf_counter() - t0)
            assert res is not None
            rows.append({
                "article": name,
                "n_sentences": len(res.sentences),
                "k": int(res.k),
                "analyze_s": round(best["analyze"], 4),
                "tension_s": round(best["tension"], 4),
                "plain_s": round(best["plain"], 4),
                "analyze_x_plain": round(best["analyze"] / best["plain"], 1),
                "tension_share": round(best["tension"] / best["analyze"], 3),
            })
    return pd.DataFrame(rows)
