"""Sentiment speed: sentences per second, German and English."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd

from helpers.sentiment.english import _vader
from helpers.sentiment.lexicon import _head, _keys, load_lexicon
from helpers.sentiment.score import score_sentences

# ------------------------------------------------------------------------ benchmark
ENGLISH_BENCH_TEXT = (
    "The two companies have worked together closely for years, and both sides still describe the "
    "partnership as a success. Behind the scenes, however, tensions are growing. Engineers complain "
    "that the contract gives one partner far too much control over the shared technology. "
    "Regulators in Brussels and Washington are examining whether the deal harms competition. "
    "Executives insist that the cooperation is not in danger. Yet several managers have already "
    "left, and critics warn of a costly legal dispute. Analysts expect a compromise, but they do not "
    "rule out a painful break. Investors reacted calmly and the shares rose slightly on Friday."
)


def _bench_table(text: str, lang: str, repeat: int) -> pd.DataFrame:
    from helpers.text.sentences import split_sentences

    texts: list[str] = []
    for para in [p for p in re.split(r"\n\s*\n", text) if p.strip()]:
        texts += [para[a:b].replace("\n", " ") for a, b in split_sentences(para, lang)]
    texts = texts * repeat
    df = pd.DataFrame({"sentence_id": range(len(texts)), "text": texts})
    df.attrs["lang"] = lang
    return df


def bench_sentiment(repeat: int = 20, seed_path: str | Path | None = None) -> dict[str, dict[str, float]]:
    """Sentences per second of ``score_sentences`` for German (the seed) and English.

    German text: the seed article repeated ``repeat`` times; English: a built-in
    paragraph repeated to a similar count.  ``tokens_s`` is the tokenisation time
    (``helpers.tokens``), ``score_s`` the scoring alone (lexicon loaded beforehand),
    ``sentences_per_s`` = sentences / score_s.  Word-level caches are cleared first,
    but a repeated text hits them after its first copy: real articles are slower.
    """
    from helpers.text.tokens import tokens as make_tokens

    root = Path(__file__).resolve().parents[1]
    seed = Path(seed_path) if seed_path else root / "seeds" / "openai_microsoft_spannungen.txt"
    results: dict[str, dict[str, float]] = {}
    load_lexicon("default")
    _vader()
    for lang, text, rep in (("de", seed.read_text(encoding="utf-8"), repeat), ("en", ENGLISH_BENCH_TEXT, repeat * 5)):
        sdf = _bench_table(text, lang, rep)
        _keys.cache_clear()
        _head.cache_clear()
        t0 = time.perf_counter()
        tdf = make_tokens(sdf, lang) if lang == "de" else None
        t1 = time.perf_counter()
        score_sentences(sdf, tdf, lang=lang)
        t2 = time.perf_counter()
        n = len(sdf)
        results[lang] = {
            "sentences": float(n),
            "tokens_s": round(t1 - t0, 4),
            "score_s": round(t2 - t1, 4),
            "sentences_per_s": round(n / max(t2 - t1, 1e-9), 1),
        }
    return results
