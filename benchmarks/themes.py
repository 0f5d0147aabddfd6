"""Theme-stage speed against the plain baseline."""

from __future__ import annotations

import math
import time

import pandas as pd

from evaluation.baselines import plain_baseline
from helpers.themes.model import ThemeModel


def bench_themes(seed_path: str | None = None, target_sentences: int = 1000, repeat: int = 1) -> pd.DataFrame:
    """Timings of the theme model vs the plain TF-IDF+KMeans baseline.

    Rows: ``seed`` (the seed article) and ``long`` (~``target_sentences``
    sentences built from the seed's paragraphs, shuffled and repeated).
    Columns: ``article, n_sentences, k, model_s`` (``ThemeModel(k="auto")``
    fit on ready sentence/token tables, incl. choosing k and the stability
    runs), ``fixed_k_s`` (same k fixed), ``plain_s``
    (plain baseline, same k), ``ratio_auto``, ``ratio_fixed`` (model / plain).
    """
    import tempfile
    from pathlib import Path

    from benchmarks.common import SEED_ARTICLE, long_article
    from helpers import sentences as make_sentences
    from helpers import tokens as make_tokens
    from helpers.io.reading import project_root

    seed_path = seed_path or str(project_root() / SEED_ARTICLE)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        long_path = Path(tmp) / "long.txt"
        long_path.write_text(long_article(target_sentences), encoding="utf-8")
        warm = make_sentences(seed_path)
        ThemeModel(k=2).fit(warm, make_tokens(warm))  # imports, caches, thread pools
        plain_baseline(list(warm["text"]), 2, 0)
        for name, path in (("seed", seed_path), ("long", long_path)):
            sdf = make_sentences(path)
            tdf = make_tokens(sdf)
            best = {"auto": math.inf, "fixed": math.inf, "plain": math.inf}
            k = 1
            for _ in range(repeat):
                t0 = time.perf_counter()
                m = ThemeModel(k="auto").fit(sdf, tdf)
                best["auto"] = min(best["auto"], time.perf_counter() - t0)
                k = max(m.k_, 2)
                t0 = time.perf_counter()
                ThemeModel(k=k).fit(sdf, tdf)
                best["fixed"] = min(best["fixed"], time.perf_counter() - t0)
                t0 = time.perf_counter()
                plain_baseline(list(sdf["text"]), k, 0)
                best["plain"] = min(best["plain"], time.perf_counter() - t0)
            rows.append(
                {
                    "article": name,
                    "n_sentences": len(sdf),
                    "k": k,
                    "model_s": round(best["auto"], 4),
                    "fixed_k_s": round(best["fixed"], 4),
                    "plain_s": round(best["plain"], 4),
                    "ratio_auto": round(best["auto"] / best["plain"], 2),
                    "ratio_fixed": round(best["fixed"] / best["plain"], 2),
                }
            )
    return pd.DataFrame(rows)
