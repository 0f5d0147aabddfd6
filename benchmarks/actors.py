"""Actor-stage speed: the tagger (default) against the rules it replaced, German and English."""

from __future__ import annotations

import time
from pathlib import Path

from helpers.actors import find_actors
from helpers.actors.ner import tagger


def bench_actors(repeat: int = 5) -> list[dict[str, float | str]]:
    """Milliseconds per sentence of ``find_actors`` (best of ``repeat``, model loaded first) on the
    seed (German) and the English sample article, for ``method="tagger"`` and ``"rules"``;
    ``load_s`` is the one-off model load per process."""
    import helpers

    root = Path(__file__).resolve().parents[1]
    articles = [("de", root / "seeds" / "openai_microsoft_spannungen.txt"),
                ("en", root / "data" / "samples" / "ba_cabin_crew_strike_2010.txt")]
    rows: list[dict[str, float | str]] = []
    for lang, path in articles:
        sents = helpers.sentences(path, lang=lang)
        toks = helpers.tokens(sents)
        tagger.cache_clear()
        t0 = time.perf_counter()
        tagger(lang)
        load = time.perf_counter() - t0
        for method in ("rules", "tagger"):
            best = float("inf")
            for _ in range(repeat):
                t0 = time.perf_counter()
                find_actors(sents, toks, method=method)
                best = min(best, time.perf_counter() - t0)
            rows.append({"language": lang, "method": method, "sentences": len(sents),
                         "article_s": round(best, 4), "ms/sentence": round(1000 * best / len(sents), 2),
                         "load_s": round(load, 3) if method == "tagger" else 0.0})
    return rows
