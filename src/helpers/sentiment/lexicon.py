"""The German sentiment lexicon: loading (shipped TSV, SentiWS, a user TSV) and lookup of a token."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import pandas as pd

from helpers.errors import InputError
from helpers.text.tokens import is_known

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


DEFAULT_LEXICON = DATA_DIR / "sentiment_de.tsv"


SENTIWS_ENV = "TP_SENTIWS_DIR"


MIN_HEAD = 4


MIN_MODIFIER = 3


def _key(word: str) -> str:
    return word.lower().replace("ß", "ss")


# ---------------------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Lexicon:
    """Polarity per normalised lemma (lowercase, ß -> ss) and which entries are nouns."""

    name: str
    polarity: dict[str, float]
    nouns: frozenset[str]
    source: str = ""

    def __len__(self) -> int:
        return len(self.polarity)

    def __hash__(self) -> int:  # used as an lru_cache key
        return hash((self.name, self.source))


def _read_tsv_lexicon(path: Path, name: str) -> Lexicon:
    df = pd.read_csv(path, sep="\t", dtype={"lemma": str}, keep_default_na=False, quoting=3)
    if not {"lemma", "polarity"} <= set(df.columns):
        raise InputError(f"{path}: a sentiment lexicon needs the columns lemma and polarity (tab-separated)")
    pol: dict[str, float] = {}
    nouns: set[str] = set()
    pos = df["pos"].tolist() if "pos" in df.columns else [None] * len(df)
    for lem, p, tag in zip(df["lemma"].tolist(), df["polarity"].tolist(), pos):
        key = _key(lem)
        pol[key] = max(-1.0, min(1.0, float(p)))
        is_noun = (tag == "NN") if tag is not None else lem[:1].isupper()
        if is_noun:
            nouns.add(key)
        else:
            nouns.discard(key)
    return Lexicon(name, pol, frozenset(nouns), str(path))


def _read_sentiws(directory: Path) -> Lexicon:
    files = {kind: sorted(directory.glob(f"SentiWS_v*_{kind}.txt")) for kind in ("Positive", "Negative")}
    if not files["Positive"] or not files["Negative"]:
        raise InputError(
            f"SentiWS not found in {directory}: expected SentiWS_v2.0_Positive.txt and "
            f"SentiWS_v2.0_Negative.txt (download SentiWS yourself; it is CC BY-NC-SA and not shipped)"
        )
    pol: dict[str, float] = {}
    nouns: set[str] = set()
    for kind in ("Positive", "Negative"):
        text = files[kind][-1].read_text(encoding="utf-8-sig")
        for line in text.splitlines():
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2 or "|" not in fields[0]:
                continue
            word, pos = fields[0].split("|", 1)
            try:
                value = max(-1.0, min(1.0, float(fields[1])))
            except ValueError:
                continue
            inflections = fields[2].split(",") if len(fields) > 2 else []
            for form in [word, *inflections]:
                form = form.strip()
                if not form:
                    continue
                key = _key(form)
                if key not in pol or abs(value) > abs(pol[key]):
                    pol[key] = value
                if pos.upper().startswith("NN"):
                    nouns.add(key)
    return Lexicon("sentiws", pol, frozenset(nouns), str(directory))


@lru_cache(maxsize=8)
def load_lexicon(lexicon: str = "default") -> Lexicon:
    """The German lexicon: ``"default"``, ``"sentiws"`` (``$TP_SENTIWS_DIR``) or a TSV path."""
    if lexicon == "default":
        return _read_tsv_lexicon(DEFAULT_LEXICON, "default")
    if lexicon == "sentiws":
        where = os.environ.get(SENTIWS_ENV, "").strip()
        if not where:
            raise InputError(
                f"lexicon='sentiws' needs ${SENTIWS_ENV}: set it to the folder holding "
                f"SentiWS_v2.0_Positive.txt and SentiWS_v2.0_Negative.txt (SentiWS is CC BY-NC-SA, "
                f"not shipped with this project)"
            )
        directory = Path(where).expanduser()
        if not directory.is_dir():
            raise InputError(f"${SENTIWS_ENV}={where} is not a folder: point it at the unpacked SentiWS files")
        return _read_sentiws(directory)
    path = Path(lexicon).expanduser()
    if path.is_file():
        return _read_tsv_lexicon(path, path.name)
    raise InputError(
        f"unknown sentiment lexicon {lexicon!r}: use 'default', 'sentiws' or the path of a TSV "
        f"with lemma and polarity columns"
    )


# ------------------------------------------------------------------ German scoring
@lru_cache(maxsize=16_384)
def _modifier_known(modifier: str) -> bool:

    stems = [modifier] + [modifier[: -len(cut)] for cut in ("s", "es", "n", "en", "er", "e") if modifier.endswith(cut)]
    return any(len(stem) >= MIN_MODIFIER and is_known(stem, "de") for stem in stems)


@lru_cache(maxsize=16_384)
def _head(lex: Lexicon, word: str, noun: bool) -> str | None:
    """Longest known head of a compound ``word`` (normalised), or None."""
    for i in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        head = word[i:]
        if head in lex.polarity and (head in lex.nouns) == noun and _modifier_known(word[:i]):
            return head
    return None


_IER = re.compile(r"^(.{3,}ier)(?:t|te|ten|tes|ter|tem|est|end|ende|enden|ender)$")


@lru_cache(maxsize=16_384)
def _keys(text: str, norm: str) -> tuple[str, ...]:
    """Lookup keys of a token: lemma, text, lemma of the lowercased text, -ieren verb."""
    from helpers.text.tokens import lemma

    low = text.lower()
    keys = [_key(norm), _key(text), _key(lemma(low, "de"))]
    m = _IER.match(low)
    if m:
        keys.append(_key(m.group(1) + "en"))
    return tuple(dict.fromkeys(keys))


_ADJ_ENDINGS = ("en", "em", "er", "es", "e")


@lru_cache(maxsize=16_384)
def _inflection_keys(low: str) -> tuple[str, ...]:
    """Base forms a lowercase word may have that simplemma does not give: adjective endings
    ("angespannten" -> "angespannt"), present participles ("konfligierende" ->
    "konfligieren"), and -t participles of verbs it does not know ("zerpflückt" ->
    "zerpflücken")."""
    bases = [low] + [low[: -len(e)] for e in _ADJ_ENDINGS if low.endswith(e) and len(low) - len(e) >= 4]
    out: list[str] = []
    for b in bases:
        out.append(b)
        if b.endswith("end") and len(b) > 6:
            out.append(b[:-1])  # konfligierend -> konfligieren
        if b.endswith("t") and len(b) > 5:
            out += [b[:-1] + "en", b[:-1] + "n"]  # zerpflückt -> zerpflücken
            if b.endswith("et"):
                out.append(b[:-2] + "en")
    return tuple(_key(k) for k in dict.fromkeys(out[1:]))


@lru_cache(maxsize=16_384)
def _negative_modifier(lex: Lexicon, word: str) -> str | None:
    """Negative noun at the front of an unknown compound whose rest is a known word:
    "Streitpunkt" -> "streit", "Kriegsgebiet" -> "krieg"."""

    for i in range(len(word) - MIN_MODIFIER, MIN_HEAD - 1, -1):
        rest = word[i:]
        if not is_known(rest, "de") and rest not in lex.polarity:
            continue
        front = word[:i]
        for cut in ("", "s", "es", "n", "en"):
            mod = front[: len(front) - len(cut)] if cut and front.endswith(cut) else (front if not cut else None)
            if mod and len(mod) >= MIN_HEAD and mod in lex.nouns and lex.polarity.get(mod, 0.0) < 0:
                return mod
    return None


def _lookup(lex: Lexicon, text: str, norm: str, parts: Sequence[str], compounds: bool,
            initial: bool = False) -> tuple[float, str] | None:
    """(polarity, shown word) of one token, or None when the lexicon does not know it.

    The lemma is looked up first; a lowercase word inside a sentence is no noun, so its
    lemma does not match a noun entry (the verb "nutzen", to use, is not the noun
    "Nutzen", benefit).  The fallbacks (the word as written, the lemma of its
    lowercase form, inflection stripping) must agree with the token's case: a
    lowercase word does not match a noun entry ("trug" is not "Trug"), a capitalised
    word inside a sentence matches only nouns ("Zölle" is not "zollen").
    """
    keys = _keys(text, norm)
    upper = text[:1].isupper()
    if keys[0] in lex.polarity and (upper or initial or keys[0] not in lex.nouns):
        return lex.polarity[keys[0]], text
    for key in keys[1:] + (() if upper else _inflection_keys(text.lower())):
        if key in lex.polarity and (initial or (key in lex.nouns) == upper):
            return lex.polarity[key], text
    if parts:
        last = _key(parts[-1])
        if last in lex.polarity:
            return lex.polarity[last], f"{text}[{last}]"
    if compounds and upper and len(text) >= MIN_MODIFIER + MIN_HEAD:
        word = _key(parts[-1]) if parts else _key(norm)
        head = _head(lex, word, True)
        if head is not None and lex.polarity[head] != 0.0:
            return lex.polarity[head], f"{text}[{head}]"
        if not parts:  # neutral or unknown head: a negative modifier sets the tone
            mod = _negative_modifier(lex, _key(text))
            if mod is not None:
                return lex.polarity[mod], f"{text}[{mod}-]"
    return None
