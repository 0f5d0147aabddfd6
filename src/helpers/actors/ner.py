"""The shipped named-entity tagger (PER / ORG / LOC), German and English: tokens, features, tagging.

A linear-chain CRF (python-crfsuite) trained by ``training/ner.py`` (not shipped) on
permissively licensed human-annotated corpora; the models are ``data/ner_de.crfsuite`` and
``data/ner_en.crfsuite`` (model card: ``docs/actors.md``, credits: ``data/NOTICE-ner.md``).
Inference is offline and deterministic: a regex tokeniser, hand-written features, Viterbi.

The features read the gazetteer ``data/actors.tsv``, ``FIRST_NAMES`` and ``ROLE_NOUNS``
(``helpers.actors.rules``) as they were when the model was trained: after changing them,
retrain (``make train``) so that training and tagging see the same features.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

TOKEN_PATTERN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-&]\w+)*|['’]s\b|[^\w\s]")
"""Tokens: "U.S." whole, words with inner hyphens or '&' whole, "'s" split off, punctuation alone."""

Features = dict[str, "float | str"]


def tokenize(text: str) -> list[str]:
    """The tagger's tokens of ``text`` (deterministic regex, see ``TOKEN_PATTERN``)."""
    return TOKEN_PATTERN.findall(text)


@lru_cache(maxsize=1)
def _lexicons() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(word of a gazetteer alias -> its type, over both languages; first names; role nouns)."""
    from helpers.actors.rules import FIRST_NAMES, ROLE_NOUNS, gazetteer

    words: dict[str, str] = {}
    for lang in ("de", "en"):
        for alias in gazetteer(lang):
            for t in alias.tokens:
                words.setdefault(t, alias.kind)
    return words, FIRST_NAMES, ROLE_NOUNS


def gazetteer_words() -> dict[str, str]:
    """Words of the gazetteer's aliases with their type (both languages)."""
    return _lexicons()[0]


_UPPER = re.compile(r"[A-ZÄÖÜ]")
_LOWER = re.compile(r"[a-zäöüß]")
_DIGIT = re.compile(r"\d")
_RUNS = re.compile(r"(.)\1+")
_INNER_CAP = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+[A-Z]")
_OPENERS = frozenset({":", '"', "“", "„", "(", "–", "-"})


@lru_cache(maxsize=16_384)  # bounded like every per-word cache (tests/test_caches.py)
def _shape(w: str) -> str:
    return _RUNS.sub(r"\1\1", _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", w))))


def _word_feats(w: str, prefix: str, f: Features) -> None:
    f[prefix + "w"] = w.lower()
    f[prefix + "shape"] = _shape(w)
    f[prefix + "title"] = float(w[:1].isupper())
    f[prefix + "upper"] = float(w.isupper() and len(w) > 1)


def features(tokens: list[str], lang: str) -> list[Features]:
    """One feature dict per token: the word, its shape, affixes and case, its position, its
    neighbours (±1 with shape and gazetteer flags, ±2 words, bigrams) and gazetteer, first-name
    and role-noun flags. Training and tagging must use exactly this function."""
    gaz, first, roles = _lexicons()
    out = []
    n = len(tokens)
    for i, w in enumerate(tokens):
        lw = w.lower()
        f: Features = {"bias": 1.0, "lang": lang}
        _word_feats(w, "", f)
        f["p2"], f["p3"], f["s2"], f["s3"], f["s4"] = lw[:2], lw[:3], lw[-2:], lw[-3:], lw[-4:]
        f["len"] = str(min(len(w), 8))
        f["digit"] = float(any(c.isdigit() for c in w))
        f["hyph"] = float("-" in w)
        f["inner_cap"] = float(bool(_INNER_CAP.match(w)))
        f["pos"] = "first" if i == 0 else ("last" if i == n - 1 else "mid")
        if i == 0 or tokens[i - 1] in _OPENERS:
            f["after_open"] = 1.0
        if w in gaz:
            f["gaz"] = gaz[w]
        if w in first:
            f["first_name"] = 1.0
        if lw in roles:
            f["role"] = 1.0
        if i > 0 and tokens[i - 1].lower() in roles:
            f["after_role"] = 1.0
        for k, off in (("-1:", -1), ("+1:", 1), ("-2:", -2), ("+2:", 2)):
            j = i + off
            if 0 <= j < n:
                if abs(off) == 1:
                    _word_feats(tokens[j], k, f)
                    if tokens[j] in gaz:
                        f[k + "gaz"] = gaz[tokens[j]]
                    if tokens[j] in first:
                        f[k + "first_name"] = 1.0
                else:
                    f[k + "w"] = tokens[j].lower()
            else:
                f[k + "pad"] = 1.0
        if i > 0:
            f["bigram-1"] = tokens[i - 1].lower() + "|" + lw
        if i < n - 1:
            f["bigram+1"] = lw + "|" + tokens[i + 1].lower()
        out.append(f)
    return out


def attributes(fs: list[Features]) -> list[dict[str, float]]:
    """CRFsuite attributes: a string feature ``k: v`` becomes ``"k=v": 1.0``."""
    out = []
    for f in fs:
        d: dict[str, float] = {}
        for k, v in f.items():
            if isinstance(v, str):
                d[f"{k}={v}"] = 1.0
            else:
                d[k] = float(v)
        out.append(d)
    return out


@lru_cache(maxsize=16_384)  # bounded like every per-word cache (tests/test_caches.py)
def _word_attrs(w: str, lang: str) -> tuple[dict[str, float], dict[str, float], dict[str, float], str]:
    """A word's own attributes, its attributes as the left (-1) and right (+1) neighbour, and
    its lower case, exactly as ``attributes(features(...))`` builds them."""
    gaz, first, _roles = _lexicons()
    lw = w.lower()
    own = {"bias": 1.0, f"lang={lang}": 1.0, f"w={lw}": 1.0, f"shape={_shape(w)}": 1.0,
           "title": float(w[:1].isupper()), "upper": float(w.isupper() and len(w) > 1),
           f"p2={lw[:2]}": 1.0, f"p3={lw[:3]}": 1.0, f"s2={lw[-2:]}": 1.0, f"s3={lw[-3:]}": 1.0,
           f"s4={lw[-4:]}": 1.0, f"len={min(len(w), 8)}": 1.0,
           "digit": float(any(c.isdigit() for c in w)), "hyph": float("-" in w),
           "inner_cap": float(bool(_INNER_CAP.match(w)))}
    sides = []
    for k in ("-1:", "+1:"):
        d = {f"{k}w={lw}": 1.0, f"{k}shape={_shape(w)}": 1.0, f"{k}title": float(w[:1].isupper()),
             f"{k}upper": float(w.isupper() and len(w) > 1)}
        if w in gaz:
            d[f"{k}gaz={gaz[w]}"] = 1.0
        if w in first:
            d[f"{k}first_name"] = 1.0
        sides.append(d)
    if w in gaz:
        own[f"gaz={gaz[w]}"] = 1.0
    if w in first:
        own["first_name"] = 1.0
    return own, sides[0], sides[1], lw


def fast_attributes(tokens: list[str], lang: str) -> list[dict[str, float]]:
    """``attributes(features(tokens, lang))`` with each word's part computed once per process.

    The same attributes (``tests/test_actors_tagger.py`` checks it); re-implemented because the
    feature dictionaries were 70 % of the actor stage (9 of 13 s on a 5,500-sentence article,
    ``make bench``'s scaling rows), the CRF itself the rest.
    """
    _gaz, _first, roles = _lexicons()
    parts = [_word_attrs(w, lang) for w in tokens]
    n = len(tokens)
    out = []
    for i, (own, _left, _right, lw) in enumerate(parts):
        d = dict(own)
        d[f"pos={'first' if i == 0 else ('last' if i == n - 1 else 'mid')}"] = 1.0
        if i == 0 or tokens[i - 1] in _OPENERS:
            d["after_open"] = 1.0
        if lw in roles:
            d["role"] = 1.0
        if i > 0 and parts[i - 1][3] in roles:
            d["after_role"] = 1.0
        if i > 0:
            d.update(parts[i - 1][1])
        else:
            d["-1:pad"] = 1.0
        if i < n - 1:
            d.update(parts[i + 1][2])
        else:
            d["+1:pad"] = 1.0
        if i > 1:
            d[f"-2:w={parts[i - 2][3]}"] = 1.0
        else:
            d["-2:pad"] = 1.0
        if i < n - 2:
            d[f"+2:w={parts[i + 2][3]}"] = 1.0
        else:
            d["+2:pad"] = 1.0
        if i > 0:
            d[f"bigram-1={parts[i - 1][3]}|{lw}"] = 1.0
        if i < n - 1:
            d[f"bigram+1={lw}|{parts[i + 1][3]}"] = 1.0
        out.append(d)
    return out


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIO tags to ``(start, end, type)`` token spans (end exclusive)."""
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    typ = ""
    for i, t in enumerate([*tags, "O"]):
        if start is not None and (t == "O" or t.startswith("B-") or t[2:] != typ):
            out.append((start, i, typ))
            start = None
        if t != "O" and start is None:
            start, typ = i, t[2:]
    return out


def model_path(lang: str) -> Path:
    """The shipped model file for ``lang`` ("de" or "en")."""
    return Path(str(resources.files("helpers").joinpath(f"data/ner_{lang}.crfsuite")))


class Tagger:
    """A CRF model opened once; ``tag(tokens)`` gives BIO tags."""

    def __init__(self, path: str | Path, lang: str) -> None:
        import pycrfsuite

        self.lang = lang
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(path))
        self._items = pycrfsuite.ItemSequence

    def tag(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        return list(self._crf.tag(self._items(fast_attributes(tokens, self.lang))))

    def entities(self, tokens: list[str]) -> list[tuple[int, int, str]]:
        """``(start, end, type)`` spans of PER / ORG / LOC in ``tokens``."""
        return spans(self.tag(tokens))


@lru_cache(maxsize=2)
def tagger(lang: str) -> Tagger:
    """The shipped tagger for ``lang``, loaded once per process."""
    return Tagger(model_path(lang), "en" if lang == "en" else "de")
