"""The tension lexicon (``data/tension_lexicon.tsv``) and how a sentence's words are matched against it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping, Sequence

import pandas as pd

from helpers.errors import InputError

COMPOUND_MIN_EXTRA = 3


COMPOUND_EXCLUDE: frozenset[str] = frozenset(
    """eindruck ausdruck abdruck aufdruck nachdruck buchdruck blutdruck luftdruck reifendruck
    fingerabdruck druckerei drucker druckerzeugnis drucksache druckfrisch
    entspannung entspannt hochspannung niederspannung netzspannung spannungsbogen
    problemlos problemlösung unproblematisch
    protestant protestantisch protestantismus
    gewaltenteilung gewaltenteilig
    kriegen
    wettbewerbsfähig wettbewerbsfähigkeit konkurrenzfähig konkurrenzfähigkeit
    risikofrei gefahrlos krisenfest krisensicher konfliktfrei streitfrei
    kritikfähig kritikfähigkeit
    kampfsport""".split()
)
"""German words that contain a compound term but mean something else (matched as substrings)."""


# ------------------------------------------------------------------------- lexicon
def _key(word: str) -> str:
    return word.lower().replace("ß", "ss")


@dataclass(frozen=True)
class TensionLexicon:
    """Terms of one language: ``exact`` (key -> (term, category, weight)), ``compound`` terms."""

    lang: str
    exact: Mapping[str, tuple[str, str, float]]
    compound: tuple[tuple[str, str, str, float], ...]  # (key, term, category, weight), longest first
    phrases: tuple[tuple[tuple[str, ...], str, str, float], ...] = ()  # (keys, term, category, weight)

    def __hash__(self) -> int:
        return hash((self.lang, len(self.exact), len(self.compound)))


@lru_cache(maxsize=4)
def _read_lexicon_file(path: str | None = None) -> pd.DataFrame:
    if path is None:
        text = resources.files("helpers").joinpath("data/tension_lexicon.tsv").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = [ln.split("\t") for ln in lines]
    header, body = rows[0], rows[1:]
    need = {"lang", "term", "category", "weight", "match"}
    if not need <= set(header):
        raise InputError(f"a tension lexicon needs the tab-separated columns {sorted(need)}, got {header}")
    df = pd.DataFrame([r[: len(header)] for r in body if len(r) >= len(header)], columns=header)
    df["weight"] = df["weight"].astype(float)
    return df


@lru_cache(maxsize=8)
def load_tension_lexicon(lang: str, path: str | None = None) -> TensionLexicon:
    """The tension lexicon of ``lang`` ("de" or "en"), from the shipped TSV or ``path``."""
    if lang not in ("de", "en"):
        raise InputError(f"tension is available for German (de) and English (en), not {lang!r}")
    df = _read_lexicon_file(path)
    df = df[df["lang"] == lang]
    exact: dict[str, tuple[str, str, float]] = {}
    compound: list[tuple[str, str, str, float]] = []
    phrases: list[tuple[tuple[str, ...], str, str, float]] = []
    for term, cat, w, match in zip(df["term"], df["category"], df["weight"], df["match"]):
        k = _key(term)
        if match.strip() == "phrase" or " " in k:
            phrases.append((tuple(k.split()), term, cat, float(w)))
            continue
        exact[k] = (term, cat, float(w))
        if match.strip() == "compound":
            compound.append((k, term, cat, float(w)))
    compound.sort(key=lambda t: -len(t[0]))
    phrases.sort(key=lambda t: -len(t[0]))
    return TensionLexicon(lang, exact, tuple(compound), tuple(phrases))


def _phrase_hits(lex: TensionLexicon, lows: list[str], norms: list[str]) -> list[tuple[int, int, str, str, float]]:
    """Phrase terms in one sentence: ``(start, end, term, category, weight)``, longest
    first, not overlapping. A word matches by its lowercase text or its lemma."""
    if not lex.phrases:
        return []
    firsts = _phrase_firsts(lex)
    starts = [i for i, (a, b) in enumerate(zip(lows, norms)) if _key(a) in firsts or _key(b) in firsts]
    if not starts:
        return []
    keys = [{_key(a), _key(b)} for a, b in zip(lows, norms)]
    taken: set[int] = set()
    hits = []
    for words, term, cat, w in lex.phrases:
        n = len(words)
        for i in starts:
            span = range(i, i + n)
            if i + n <= len(keys) and all(words[j] in keys[i + j] for j in range(n)) and not taken.intersection(span):
                taken.update(span)
                hits.append((i, i + n, term, cat, w))
    return sorted(hits)


@lru_cache(maxsize=8)
def _phrase_firsts(lex: TensionLexicon) -> frozenset[str]:
    return frozenset(words[0] for words, *_ in lex.phrases)


@lru_cache(maxsize=16_384)
def _match_word(lex: TensionLexicon, word: str) -> tuple[str, str, float] | None:
    """(term, category, weight) for one normalised word, exact first, then compound."""
    if not word or not word[0].isalpha():
        return None
    if word in lex.exact:
        return lex.exact[word]
    if lex.lang != "de" or any(e in word for e in COMPOUND_EXCLUDE):
        return None
    long_enough = [c for c in lex.compound if len(word) >= len(c[0]) + COMPOUND_MIN_EXTRA]
    # the head (last part) decides what a German compound is: "Wettbewerbsdruck" is a Druck
    for k, term, cat, w in long_enough:
        if word.endswith(k):
            return term, cat, w
    for k, term, cat, w in long_enough:
        if word.startswith(k):
            return term, cat, w
    return None


def _match_token(lex: TensionLexicon, text: str, norm: str, parts: Sequence[str], first: bool) -> tuple[str, str, float] | None:
    keys = [_key(norm)]
    if lex.lang == "en" or (text[:1].isupper() and not first):
        keys.append(_key(text))
    for k in dict.fromkeys(keys):
        hit = _match_word(lex, k)
        if hit:
            return hit
    for p in reversed([_key(p) for p in parts]):
        hit = _match_word(lex, p)
        if hit:
            return hit
    if lex.lang == "de" and text[:1].islower():
        return _participle(lex, _key(text))
    return None


_ADJECTIVE_ENDINGS = ("", "e", "en", "em", "er", "es")


@lru_cache(maxsize=16_384)
def _participle(lex: TensionLexicon, low: str) -> tuple[str, str, float] | None:
    """A lowercase German adjective or participle as written, with or without its ending:
    simplemma gives "angespannt", "angespannten" the lemma "anspannen" and "angespannte"
    none of its own, so the lexicon's "angespannt" is looked up by the written form.
    Only terms shaped like adjectives or participles (-t, -en, -ig, -lich, -isch) match."""
    for ending in _ADJECTIVE_ENDINGS:
        if not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)]
        hit = lex.exact.get(stem)
        if hit and stem.endswith(("t", "en", "ig", "lich", "isch")):
            return hit
    return None
