"""Corpora built from the repository's own texts, for the corpus tests and ``make bench``.

The four shipped articles (the German seed, the English port-strike fixture and the two
Wikinews samples) are cut into paragraphs; article ``i`` takes one base article's
paragraphs in a seeded random choice, so texts differ and stay real prose. With
``new_words`` every article also gets a few words no other article has (German-looking
compounds built from syllables, and English ones), the way a real corpus keeps meeting
new names and compounds: that is what made the per-word caches grow without bound.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
BASES = (
    ROOT / "seeds" / "openai_microsoft_spannungen.txt",
    ROOT / "tests" / "fixtures" / "en_port_strike.txt",
    ROOT / "data" / "samples" / "pne_machtkampf_aufsichtsrat_2015.txt",
    ROOT / "data" / "samples" / "ba_cabin_crew_strike_2010.txt",
)
_SYLLABLES = ("ka", "lo", "ver", "mi", "tan", "ro", "sel", "bu", "ne", "dor", "fi", "gra", "wen", "tu", "lak", "zo")
_CAPITAL = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]{4,})\b")


def _paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return blocks if len(blocks) > 1 else [line.strip() for line in text.splitlines() if line.strip()]


def _new_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


def article_rows(n: int, seed: int = 0, new_words: bool = False) -> Iterator[dict[str, object]]:
    """``n`` articles as rows ``id, text, date, source, title`` (dates one day apart from
    2024-01-01, sources the base article's folder)."""
    bases = [(p, _paragraphs(p)) for p in BASES]
    rng = random.Random(seed)
    start = pd.Timestamp("2024-01-01")
    for i in range(n):
        path, paras = bases[i % len(bases)]
        keep = max(2, min(len(paras), rng.randint(len(paras) // 2 + 1, len(paras))))
        chosen = sorted(rng.sample(range(len(paras)), keep))
        text = "\n\n".join(paras[j] for j in chosen)
        if new_words:
            def compound(m: re.Match[str]) -> str:
                return m.group(1) + _new_word(rng) if rng.random() < 0.15 else m.group(1)
            text = _CAPITAL.sub(compound, text)
        yield {"id": f"{path.stem}-{i:05d}", "text": text + "\n", "date": str((start + pd.Timedelta(days=i)).date()),
               "source": path.parent.name, "title": f"{path.stem} #{i}"}


def write_folder(folder: str | Path, n: int, seed: int = 0, new_words: bool = False) -> list[Path]:
    """The articles as ``.txt`` files (``<id>.txt``) for ``tension-profile analyze`` and ``corpus``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for row in article_rows(n, seed, new_words):
        path = folder / f"{row['id']}.txt"
        path.write_text(str(row["text"]), encoding="utf-8")
        paths.append(path)
    return paths


def write_table(path: str | Path, n: int, seed: int = 0, new_words: bool = False) -> Path:
    """The articles as one table (``.parquet``, ``.csv`` or ``.jsonl`` by the suffix)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df = pd.DataFrame(list(article_rows(n, seed, new_words)))
    if path.suffix == ".parquet":
        df.to_parquet(path, index=False)
    elif path.suffix == ".csv":
        df.to_csv(path, index=False)
    else:
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    return path
