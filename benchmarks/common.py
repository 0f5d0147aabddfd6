"""Benchmark (``make bench``): speed and memory of each stage against a plain baseline.

Numbers, not assertions: every stage is timed next to a plain baseline measured in the
same run, and reported as a ratio, so that the figures mean something on any machine.
The long inputs are built from the repository's own seed article (paragraphs shuffled
with a fixed seed and repeated), never from non-commercial data; where ``../shared`` is
there, also from distinct news sentences (``news_article``: GerNTSA, CC BY 4.0; NewsMTSC,
MIT; read in place), because a text repeated from 42 sentences flatters every per-word and
per-sentence cache and gives the plain baseline a tiny vocabulary.
"""

from __future__ import annotations

import gc
import random
import re
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers.io.reading import project_root

SEED_ARTICLE = "seeds/openai_microsoft_spannungen.txt"


def seed_text() -> str:
    """The seed article's text."""
    return (project_root() / SEED_ARTICLE).read_text(encoding="utf-8")


def news_sentences(lang: str) -> list[str]:
    """Distinct news texts in file order, read in place from ``$TP_TRAIN_DIR`` (default
    ``../shared/data/train``): German GerNTSA snippets (one to a few sentences each, CC BY 4.0)
    or English NewsMTSC sentences (MIT); ``[]`` without the data."""
    import json

    from training.run import data_dir

    root = data_dir("TP_TRAIN_DIR", "train")
    if lang == "de":
        path = root / "gerntsa" / "GerNTSA_train.json"
        items = [x["opinion_snippet"] for x in json.loads(path.read_text(encoding="utf-8"))] if path.is_file() else []
    else:
        path = root / "newsmtsc" / "train.jsonl"
        items = ([json.loads(line)["sentence_normalized"] for line in path.read_text(encoding="utf-8").splitlines()]
                 if path.is_file() else [])
    return list(dict.fromkeys(" ".join(str(t).split()) for t in items if str(t).strip()))


def news_article(n: int, lang: str = "en", one_paragraph: bool = False) -> str | None:
    """An "article" of the first ``n`` distinct ``news_sentences(lang)`` texts, ten per
    paragraph (or all in one paragraph); ``None`` when fewer than ``n`` are available."""
    texts = news_sentences(lang)
    if len(texts) < n:
        return None
    if one_paragraph:
        return " ".join(texts[:n]) + "\n"
    return "\n\n".join(" ".join(texts[i : i + 10]) for i in range(0, n, 10)) + "\n"


def long_text(target_chars: int, seed: int = 0) -> str:
    """A German text of about ``target_chars`` characters: the seed's paragraphs, shuffled and repeated."""
    paragraphs = [p for p in seed_text().split("\n") if p.strip()]
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < target_chars:
        block = paragraphs[:]
        rng.shuffle(block)
        for p in block:
            out.append(p)
            size += len(p) + 2
            if size >= target_chars:
                break
    return "\n\n".join(out) + "\n"


def long_article(target_sentences: int, seed: int = 0) -> str:
    """A German article of at least ``target_sentences`` sentences built with ``long_text``
    (sized by the seed's characters per sentence, plus 10 % so the target is reached)."""
    chars_per_sentence = len(seed_text()) / 42
    return long_text(int(1.1 * target_sentences * chars_per_sentence), seed=seed)


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls (after one warm-up call) and the last result."""
    result = fn()
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def peak_memory_mb(fn: Callable[[], Any]) -> float:
    """Peak Python heap allocation of one call, in MB (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


_PLAIN_SENT = re.compile(r"(?<=[.!?])\s+")


def plain_split_tokenize(text: str) -> tuple[int, int]:
    """The plain baseline: regex sentence split at . ! ? and whitespace tokens."""
    sentences = [s for p in text.split("\n") for s in _PLAIN_SENT.split(p) if s.strip()]
    tokens = sum(len(s.split()) for s in sentences)
    return len(sentences), tokens


def bench_text_pipeline(mb: float = 1.0) -> list[dict[str, Any]]:
    """Reading + splitting + tokenising ~``mb`` MB of German text, vs the plain baseline."""
    import helpers
    from helpers.text.tokens import lemma

    text = long_text(int(mb * 1_000_000))
    nbytes = len(text.encode("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long_de.txt"
        path.write_text(text, encoding="utf-8")

        def pipeline() -> tuple[int, int]:
            lemma.cache_clear()
            sents = helpers.sentences(path, lang="de")
            toks = helpers.tokens(sents)
            return len(sents), len(toks)

        def plain() -> tuple[int, int]:
            return plain_split_tokenize(path.read_text(encoding="utf-8"))

        t_pipe, (n_sent, n_tok) = timed(pipeline, repeat=1)
        t_plain, (p_sent, p_tok) = timed(plain, repeat=3)
        m_pipe = peak_memory_mb(pipeline)
        m_plain = peak_memory_mb(plain)
    rows = [
        {"stage": "read+split+tokenize", "impl": "tension-profile (pySBD + repairs, simplemma)",
         "seconds": t_pipe, "sentences": n_sent, "tokens": n_tok, "MB": nbytes / 1e6, "peak_MB": m_pipe},
        {"stage": "read+split+tokenize", "impl": "plain regex split + str.split",
         "seconds": t_plain, "sentences": p_sent, "tokens": p_tok, "MB": nbytes / 1e6, "peak_MB": m_plain},
    ]
    for row in rows:
        row["sentences/s"] = row["sentences"] / row["seconds"]
        row["tokens/s"] = row["tokens"] / row["seconds"]
        row["MB/s"] = row["MB"] / row["seconds"]
        row["time x plain"] = row["seconds"] / t_plain
    return rows


def bench_splitters(mb: float = 0.25) -> list[dict[str, Any]]:
    """Sentence splitters alone on ~``mb`` MB: pySBD raw, pySBD + repairs, simplemma, regex."""
    import pysbd
    import simplemma

    from helpers.text.sentences import split_sentences

    paragraphs = [p for p in long_text(int(mb * 1_000_000)).split("\n\n") if p]
    seg = pysbd.Segmenter(language="de", clean=False)
    impls: dict[str, Callable[[str], int]] = {
        "regex (plain baseline)": lambda p: len(_PLAIN_SENT.split(p)),
        "simplemma.split_sentences": lambda p: len(list(simplemma.split_sentences(p))),
        "pySBD": lambda p: len(seg.segment(p)),
        "pySBD + repairs (project)": lambda p: len(split_sentences(p, "de")),
    }
    rows = []
    base = None
    for name, fn in impls.items():
        t, n = timed(lambda fn=fn: sum(fn(p) for p in paragraphs), repeat=1)
        base = base or t
        rows.append({"stage": "sentence split", "impl": name, "seconds": t, "sentences": n,
                     "MB/s": mb / t, "time x plain": t / base})
    return rows


def _print(rows: list[dict[str, Any]], columns: list[str]) -> None:
    import pandas as pd

    df = pd.DataFrame(rows)
    cols = [c for c in columns if c in df.columns]
    with pd.option_context("display.width", 200, "display.max_columns", 20,
                           "display.float_format", lambda v: f"{v:,.3f}" if abs(v) < 100 else f"{v:,.0f}"):
        print(df[cols].to_string(index=False))
    print()


def main() -> int:
    """Run every benchmark and print the tables."""
    print("tension-profile benchmark (best of repeated runs; ratios against a plain baseline in this run)\n")
    print("== reading + sentences + tokens, ~1 MB German text built from the seed ==")
    _print(bench_text_pipeline(1.0), ["impl", "seconds", "sentences", "tokens", "sentences/s", "tokens/s",
                                      "MB/s", "peak_MB", "time x plain"])
    print("== sentence splitters alone, ~0.25 MB ==")
    _print(bench_splitters(0.25), ["impl", "seconds", "sentences", "MB/s", "time x plain"])
    for name, fn in _extra_benchmarks():
        print(f"== {name} ==")
        rows = fn()
        _print(rows, list(rows[0].keys()) if rows else [])
    return 0


def _records(df: Any) -> list[dict[str, Any]]:
    return df.to_dict("records") if hasattr(df, "to_dict") else list(df)


def _themes() -> list[dict[str, Any]]:
    from benchmarks.themes import bench_themes

    return _records(bench_themes(repeat=2))


def _sentiment() -> list[dict[str, Any]]:
    from benchmarks.sentiment import bench_sentiment

    return [{"language": lang, **values} for lang, values in bench_sentiment().items()]


def _extra_benchmarks() -> list[tuple[str, Callable[[], list[dict[str, Any]]]]]:
    """Benchmarks of later stages, registered here as they are added."""
    return [
        ("themes: seed and ~1,000-sentence article vs plain TfidfVectorizer+KMeans", _themes),
        ("sentiment scoring: sentences/s (tokenising timed separately)", _sentiment),
        ("actors: the tagger (default) vs the rules, ms per sentence", _actors),
        ("whole analysis (helpers.analyze), warm, vs plain TfidfVectorizer+KMeans", _analysis),
        ("sentence encoder and trained heads: cold and cached, vs the encoder's own time and the plain baseline",
         _scoring),
        ("batch command: articles/s with --jobs 1 and 2", _batch),
        ("theme scaling: whole analysis (second run) and peak RSS, 200-10,000 sentences, vs plain baseline", _scaling),
    ]


def _scaling() -> list[dict[str, Any]]:
    from benchmarks.scaling import bench_scaling

    return bench_scaling()


def _actors() -> list[dict[str, Any]]:
    from benchmarks.actors import bench_actors

    return bench_actors()


def corpus_main() -> int:
    """The corpus benchmark (``benchmarks.corpus``): ``CORPUS_N`` articles (default 1,000)."""
    from benchmarks.corpus import main as corpus

    return corpus([])


def _analysis() -> list[dict[str, Any]]:
    from benchmarks.analysis import bench_analysis

    return _records(bench_analysis(repeat=2))


def _scoring() -> list[dict[str, Any]]:
    from benchmarks.scoring import bench_scoring

    return _records(bench_scoring())


def _batch() -> list[dict[str, Any]]:
    from benchmarks.batch import bench_batch

    return _records(bench_batch())


if __name__ == "__main__":
    raise SystemExit(main())
