"""Sentence sentiment for German and English news, and its summary per theme.

German: a lexicon of lemma polarities in [-1, 1] plus four rules; English: VADER.

- Lexicon (``lexicon="default"``): ``data/sentiment_de.tsv``, the German Polarity
  Lexicon (Klenner et al. 2010, Apache-2.0, as shipped by textblob-de) with domain
  corrections, plus project-curated news and conflict vocabulary (MIT); see
  ``data/SENTIMENT_LEXICON.md``.  ``lexicon="sentiws"`` reads SentiWS (CC BY-NC-SA,
  never shipped) from the directory in ``$TP_SENTIWS_DIR``; any other string is a
  path to a TSV with ``lemma`` and ``polarity`` columns.
- Lookup: the token's lemma (``norm``); then, agreeing with the token's case (a
  lowercase word never matches a noun entry, a capitalised word inside a sentence only
  nouns), its text, the lemma of its lowercase form, an -ieren verb, and inflection
  stripping simplemma misses ("angespannten" -> angespannt, "konfligierende" ->
  konfligieren, "zerpflückt" -> zerpflücken); hyphenated compounds by their last
  part; ``ß`` and ``ss`` are the same.
- Rules (``RULES``; pass ``rules=`` to switch them off one by one):

  ``compounds``  an unknown compound takes the polarity of its longest known head
                 (at least 4 letters, noun heads for nouns only) when the rest
                 is a known word: "Wettbewerbsdruck" -> "Druck"; when the head is
                 neutral or unknown, a negative noun in front sets the tone:
                 "Spannungsfeld" -> "Spannung" (negative modifiers only).
  ``negation``   nicht, kein, nie, nichts, ohne, weder, kaum ... flip the polar
                 words up to 3 tokens after them in the same clause (or, verb-final,
                 the nearest one before them): positive x -0.75, negative x -0.5.
                 "nicht nur" is no negation.  A verb-final negation also flips the
                 positive words earlier in its clause ("Die Zusammenarbeit gelingt nicht").
  ``boosters``   sehr, besonders, zunehmend, massiv ... (x1.5) and etwas, leicht,
                 eher, teilweise ... (x0.5) up to 2 tokens before a polar word.
  ``contrast``   aber, doch, jedoch, dennoch, hingegen, allerdings, trotzdem,
                 sondern inside a sentence: words before it count half.
  ``accusation`` after a verb of accusation (vorwerfen, beschuldigen, kritisieren …;
                 ``ACCUSERS_DE``) positive words do not count: they describe the
                 alleged wrong ("wirft ihm vor, sein Versprechen zu brechen").
  ``harm``       in a clause with a verb or noun of harm (gefährden, untergraben,
                 belasten, Bedrohung …; ``HARMERS_DE``) and no negation, positive
                 words after it - or before it, when it ends the clause (verb-final)
                 - do not count: they name what is harmed ("Der Streit gefährdet
                 die erfolgreiche Zusammenarbeit").
  ``resolution`` the same for a conflict that is resolved (beilegen, schlichten,
                 entschärfen, lösen, Beilegung …; ``RESOLVERS_DE``): its negative
                 words do not count ("Der Streit ist beigelegt").

  Aggregation (``LEVELS = "sign"``, ``NORM = "sqrtpolar"``): each polar word counts
  by its sign only (+1/-1; the lexicon's strength steps proved noise against the
  annotators), times its rule factors; ``s`` = sum / sqrt(number of polar words),
  and the sentence score is ``s / sqrt(s^2 + 1)``.  So one positive word gives 0.71,
  two 0.82, one positive and one negative 0.
- English sentences are scored by VADER (``nltk-vader-sentiment``: ``vader``
  package) on the sentence text, compound score, with ``EN_LEXICON_UPDATES`` (a few
  conflict and settlement words VADER lacks) added to its lexicon.  Before VADER sees a
  sentence, capitalised words inside it are hidden as names (``mask_english_names``:
  "the Labour Party" is not positive) and, with the ``accusation`` rule, the positive
  words of an alleged wrong (``mask_english_reproach``: "accuses X of breaking a
  promise") and, with the ``harm`` rule, those of a harmed good (``mask_english_harm``:
  "compromising their ability to stand up for the interests of passengers"); with the
  ``resolution`` rule, the negative words of a resolved conflict ("resolved their bitter
  dispute").  German text never goes through VADER.
"""

from __future__ import annotations

import math
import os
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from .errors import InputError
from .stats import bootstrap_mean_ci
from .tokens import is_known, separable_verbs

__all__ = [
    "RULES",
    "NEUTRAL_BAND",
    "Lexicon",
    "load_lexicon",
    "score_sentences",
    "naive_sentiment",
    "theme_sentiment",
    "spearman_vs_annotators",
    "sentiment_eval_block",
    "bench_sentiment",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_LEXICON = DATA_DIR / "sentiment_de.tsv"
SENTIWS_ENV = "TP_SENTIWS_DIR"

RULES: tuple[str, ...] = ("compounds", "negation", "boosters", "contrast", "accusation", "harm", "resolution")
"""German rules, all on by default."""

ACCUSERS_DE: frozenset[str] = frozenset({
    "vorwerfen", "beschuldigen", "bezichtigen", "anklagen", "anprangern", "vorhalten", "kritisieren",
    "verurteilen", "anlasten", "unterstellen", "tadeln", "rügen", "monieren", "beanstanden",
})
"""Verbs of accusation (lemmas): what follows them is the alleged wrong, so its positive
words do not make the sentence positive ("wirft ihm vor, sein Versprechen zu brechen")."""

HARMERS_DE: frozenset[str] = frozenset({
    "gefährden", "untergraben", "beeinträchtigen", "schwächen", "schaden", "bedrohen", "aushöhlen",
    "torpedieren", "sabotieren", "zerstören", "ruinieren", "behindern", "belasten", "erschweren",
    "gefährdung", "bedrohung", "schwächung", "beeinträchtigung", "zerstörung", "aushöhlung", "untergrabung",
})
"""Verbs and nouns of harm (lemmas): a good thing that is harmed is bad news, so the
positive words of their clause do not count ("gefährdet die gute Zusammenarbeit")."""

RESOLVERS_DE: frozenset[str] = frozenset({
    "beilegen", "schlichten", "entschärfen", "ausräumen", "überwinden", "bewältigen", "lösen",
    "beilegung", "schlichtung", "entschärfung", "überwindung", "bewältigung", "lösung",
})
"""Verbs and nouns of resolving (lemmas): a conflict that is settled is good news, so the
negative words of their clause do not count ("Der Streit ist beigelegt")."""

NEUTRAL_BAND = 0.05
"""Scores in [-0.05, 0.05] count as neutral in ``theme_sentiment`` (VADER's convention)."""

ALPHA = 1.0
#: How a word's lexicon value enters the sum: "sign" (+-1), "tri" (+-1 for |p| >= 0.5,
#: else +-0.5), "sqrt" (signed square root) or "raw".  Alternatives kept for
#: scripts/sentiment_dev_report.py.
LEVELS = "sign"
#: Normalisation of the summed contributions: "sqrtpolar" (sqrt of the number of polar
#: words), "polar" (their number, contrast-weighted), "sqrtcontent"/"content" (word
#: count) or "sum" (none).
NORM = "sqrtpolar"
NEG_FACTOR_POS = -0.75  # "nicht gut": clearly negative, weaker than "schlecht"
NEG_FACTOR_NEG = -0.5  # "nicht schlecht": mildly positive
CONTRAST_BEFORE = 0.5
NEG_WINDOW = 2
BOOST_WINDOW = 2
MIN_HEAD = 4
MIN_MODIFIER = 3

NEGATORS_DE = frozenset(
    "nicht kein keine keiner keinen keinem keines nie niemals nichts ohne weder "
    "niemand nirgends keineswegs keinesfalls kaum".split()
)
BOOSTERS_DE: dict[str, float] = {
    **{w: 1.5 for w in (
        "sehr besonders äußerst extrem höchst zunehmend stark deutlich erheblich massiv enorm "
        "völlig total absolut zutiefst hochgradig außerordentlich überaus ausgesprochen "
        "wesentlich weitaus schwer scharf heftig ernsthaft gravierend mehrfach wiederholt "
        "immer äusserst ausserordentlich vollkommen gänzlich dramatisch"
    ).split()},
    **{w: 0.5 for w in (
        "etwas leicht wenig bisschen teilweise teils eher relativ vergleichsweise einigermaßen "
        "einigermassen halbwegs gewissermaßen bedingt etwa möglicherweise vielleicht angeblich "
        "mäßig leise geringfügig"
    ).split()},
}
DETERMINERS_DE = frozenset("der die das den dem des ein eine einen einem einer eines".split())
CONTRAST_DE = frozenset("aber doch jedoch dennoch hingegen allerdings trotzdem sondern gleichwohl indes indessen".split())
#: Words after which "aber"/"sondern" adds rather than contrasts ("aber auch").
ADDITIVE_AFTER = frozenset({"auch", "zudem", "ebenso"})
CLAUSE_PUNCT = frozenset(",;:–—-()[]\"„“”‚‘'?!.…")
CLAUSE_WORDS_DE = frozenset(
    "aber sondern doch jedoch weil dass daß wenn obwohl denn während sodass damit falls".split()
)
#: Function words never scored themselves, even when a lexicon lists them.
NOT_POLAR_DE = NEGATORS_DE | CONTRAST_DE | frozenset("auch nur noch schon so wie als ja".split())


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
@lru_cache(maxsize=200_000)
def _modifier_known(modifier: str) -> bool:
    from .tokens import is_known

    stems = [modifier] + [modifier[: -len(cut)] for cut in ("s", "es", "n", "en", "er", "e") if modifier.endswith(cut)]
    return any(len(stem) >= MIN_MODIFIER and is_known(stem, "de") for stem in stems)


@lru_cache(maxsize=200_000)
def _head(lex: Lexicon, word: str, noun: bool) -> str | None:
    """Longest known head of a compound ``word`` (normalised), or None."""
    for i in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        head = word[i:]
        if head in lex.polarity and (head in lex.nouns) == noun and _modifier_known(word[:i]):
            return head
    return None


_IER = re.compile(r"^(.{3,}ier)(?:t|te|ten|tes|ter|tem|est|end|ende|enden|ender)$")


@lru_cache(maxsize=200_000)
def _keys(text: str, norm: str) -> tuple[str, ...]:
    """Lookup keys of a token: lemma, text, lemma of the lowercased text, -ieren verb."""
    from .tokens import lemma

    low = text.lower()
    keys = [_key(norm), _key(text), _key(lemma(low, "de"))]
    m = _IER.match(low)
    if m:
        keys.append(_key(m.group(1) + "en"))
    return tuple(dict.fromkeys(keys))


_ADJ_ENDINGS = ("en", "em", "er", "es", "e")


@lru_cache(maxsize=200_000)
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


@lru_cache(maxsize=200_000)
def _negative_modifier(lex: Lexicon, word: str) -> str | None:
    """Negative noun at the front of an unknown compound whose rest is a known word:
    "Streitpunkt" -> "streit", "Kriegsgebiet" -> "krieg"."""
    from .tokens import is_known

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


def _clauses(lows: list[str]) -> list[int]:
    clause, out = 0, []
    for i, low in enumerate(lows):
        if low in CLAUSE_PUNCT or (i > 0 and low in CLAUSE_WORDS_DE):
            clause += 1
        out.append(clause)
    return out


def _contrast_index(lows: list[str]) -> int | None:
    """Position of the last in-sentence contrast word (not sentence-initial, not additive)."""
    found = None
    content_seen = False
    for i, low in enumerate(lows):
        if low in CONTRAST_DE and content_seen:
            nxt = lows[i + 1] if i + 1 < len(lows) else ""
            if nxt in ADDITIVE_AFTER:
                continue
            if low == "doch" and (i == 0 or lows[i - 1] not in {",", ";", "–", "-"}):
                continue  # modal particle "doch"
            found = i
        if low.isalpha():
            content_seen = True
    return found


@dataclass(frozen=True)
class _Hit:
    """One scored word of a German sentence."""

    index: int
    polarity: float  # lexicon value
    factor: float  # negation x booster
    weight: float  # contrast weight
    label: str  # shown word with rule marks


def _hits_de(
    texts: list[str],
    norms: list[str],
    parts: list[Sequence[str]],
    negflags: list[bool],
    lex: Lexicon,
    rules: frozenset[str],
) -> tuple[list[_Hit], int]:
    """The polar words of one sentence with their rule factors, and its number of content words."""
    lows = [t.lower() for t in texts]
    clauses = _clauses(lows)
    n = len(texts)
    n_content = sum(1 for t in texts if t[:1].isalpha() and len(t) > 1)
    polar: dict[int, float] = {}
    shown: dict[int, str] = {}
    first = next((i for i, t in enumerate(texts) if t[:1].isalpha()), -1)
    for i in range(n):
        low = lows[i]
        if not texts[i][:1].isalpha() or low in NOT_POLAR_DE or _key(norms[i]) in NOT_POLAR_DE:
            continue
        hit = _lookup(lex, texts[i], norms[i], parts[i], "compounds" in rules, initial=i == first)
        if hit is None or hit[0] == 0.0:
            continue
        polar[i], shown[i] = hit
    factor = {i: 1.0 for i in polar}
    notes: dict[int, str] = {}
    if "negation" in rules:
        for k in range(n):
            if not (negflags[k] or lows[k] in NEGATORS_DE):
                continue
            if lows[k] == "nicht" and k + 1 < n and lows[k + 1] in {"nur", "zuletzt", "minder"}:
                continue
            if k > 0 and lows[k - 1] == "oder":
                continue  # "ob ... oder nicht"
            targets = []
            counted = 0
            for j in range(k + 1, n):
                if clauses[j] != clauses[k] or counted >= NEG_WINDOW:
                    break
                if j in polar:
                    targets = [j]
                    break
                if lows[j] not in DETERMINERS_DE and lows[j] not in BOOSTERS_DE:
                    counted += 1
            clause_end = all(clauses[j] != clauses[k] or not texts[j][:1].isalnum() for j in range(k + 1, min(n, k + 2)))
            if not targets and clause_end:  # verb-final "Das gefällt mir nicht."
                before = [j for j in range(max(0, k - NEG_WINDOW - 1), k) if j in polar and clauses[j] == clauses[k]]
                targets = before[-1:]
                # a negated predicate takes the positive words of its clause with it:
                # "Die Zusammenarbeit gelingt nicht." is not half positive
                targets += [j for j in range(k) if j in polar and clauses[j] == clauses[k]
                            and polar[j] > 0 and j not in targets]
            for j in targets:
                factor[j] *= NEG_FACTOR_POS if polar[j] > 0 else NEG_FACTOR_NEG
                notes[j] = f"{texts[k]}~" + notes.get(j, "")
    if "boosters" in rules:
        for j in sorted(polar, reverse=True):
            if j not in polar:
                continue
            for k in range(j - 1, max(0, j - BOOST_WINDOW) - 1, -1):
                b = next((BOOSTERS_DE[x] for x in _keys(texts[k], norms[k]) if x in BOOSTERS_DE), None)
                if b is not None and clauses[k] == clauses[j]:
                    factor[j] *= b
                    notes[j] = notes.get(j, "") + f"{texts[k]} "
                    polar.pop(k, None)  # a booster that has a polarity of its own only boosts here
                    break
    if "accusation" in rules:
        accuser = next((k for k in range(n) if _key(norms[k]) in ACCUSERS_DE or lows[k] in ACCUSERS_DE), None)
        if accuser is not None:
            for j in [j for j in polar if j > accuser and polar[j] * factor[j] > 0]:
                del polar[j]  # part of the reproach, not praise
    for rule, verbs, sign in (("harm", HARMERS_DE, 1), ("resolution", RESOLVERS_DE, -1)):
        if rule not in rules:
            continue
        # what is harmed is not praise; what is resolved is not bad news
        for k in range(n):
            if not (_key(norms[k]) in verbs or lows[k] in verbs):
                continue
            clause = [j for j in range(n) if clauses[j] == clauses[k]]
            if any(negflags[j] or lows[j] in NEGATORS_DE for j in clause):
                continue  # "gefährdet die Zusammenarbeit nicht", "legten den Streit nicht bei"
            verb_final = all(not texts[j][:1].isalnum() for j in clause if j > k)
            for j in [j for j in clause if j in polar and j != k and (j > k or verb_final)
                      and sign * polar[j] * factor[j] > 0]:
                del polar[j]
    c = _contrast_index(lows) if "contrast" in rules else None
    hits = []
    for j in sorted(polar):
        weight = CONTRAST_BEFORE if c is not None and j < c else 1.0
        mark = "½" if weight != 1.0 else ""
        hits.append(_Hit(j, polar[j], factor[j], weight, f"{notes.get(j, '')}{shown[j]}{mark}"))
    return hits, n_content


def _level(p: float) -> float:
    if LEVELS == "sign":
        return math.copysign(1.0, p) if p else 0.0
    if LEVELS == "tri":
        return math.copysign(1.0 if abs(p) >= 0.5 else 0.5, p) if p else 0.0
    if LEVELS == "sqrt":
        return math.copysign(math.sqrt(abs(p)), p)
    return p


def _aggregate(hits: list[_Hit], n_content: int) -> float:
    contribs = [_level(h.polarity) * h.factor * h.weight for h in hits]
    total = sum(contribs)
    if not contribs:
        return 0.0
    if NORM == "polar":
        return total / sum(h.weight for h in hits)
    if NORM == "sqrtpolar":
        return total / math.sqrt(len(hits))
    if NORM == "sqrtcontent":
        return total / math.sqrt(max(n_content, 1))
    if NORM == "content":
        return total / max(n_content, 1)
    return total


def _score_de(
    texts: list[str],
    norms: list[str],
    parts: list[Sequence[str]],
    negflags: list[bool],
    lex: Lexicon,
    rules: frozenset[str],
) -> tuple[float, float, int, str]:
    # "lehnt ... ab" is ablehnen: the verb is scored as the joined lemma, also when that is
    # a neutral verb the lexicon does not list ("kündigte ... an" is ankündigen, not kündigen)
    norms, texts = list(norms), list(texts)
    for k, j, joined in separable_verbs(texts, norms, lambda w: _key(w) in lex.polarity or is_known(w, "de")):
        norms[k] = joined
        texts[k] = f"{texts[k]}…{texts[j]}"  # shown so; no fallback lookup of the bare verb
    hits, n_content = _hits_de(texts, norms, parts, negflags, lex, rules)
    raw = _aggregate(hits, n_content)
    score = raw / math.sqrt(raw * raw + ALPHA)
    shown = "; ".join(f"{h.label} {_level(h.polarity) * h.factor * h.weight:+.2f}" for h in hits)
    return score, raw, len(hits), shown


# ------------------------------------------------------------------ English (VADER)
@lru_cache(maxsize=1)
def _vader() -> Any:
    try:
        from vader import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise InputError(
            "English sentiment needs the package nltk-vader-sentiment: pip install nltk-vader-sentiment"
        ) from exc
    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update(EN_LEXICON_UPDATES)
    return analyzer


#: Project additions to VADER's lexicon (valence -4..4, MIT): news conflict words VADER
#: lacks (so they are never neutral) and the settlement words it lacks.
EN_LEXICON_UPDATES: dict[str, float] = {
    "friction": -1.2, "rivalry": -1.0, "rivalries": -1.0, "clash": -1.5, "clashes": -1.5, "clashed": -1.5,
    "standoff": -1.3, "feud": -1.6, "feuding": -1.6, "rift": -1.4, "escalation": -1.5, "escalate": -1.3,
    "escalated": -1.3, "sanction": -1.0, "sanctions": -1.0, "tariff": -0.6, "tariffs": -0.6,
    "amicable": 1.8, "amicably": 1.8, "reconciliation": 1.6, "de-escalation": 1.2, "ceasefire": 1.0,
    # harm verbs VADER lacks (its "undermine" is -1.2, "threaten" -1.6, "weaken" -1.8)
    "jeopardise": -1.6, "jeopardises": -1.6, "jeopardised": -1.6, "jeopardising": -1.6,
    "jeopardize": -1.6, "jeopardizes": -1.6, "jeopardized": -1.6, "jeopardizing": -1.6,
    "endanger": -1.6, "endangers": -1.6, "endangered": -1.6, "endangering": -1.6,
    "erode": -1.2, "erodes": -1.2, "eroded": -1.2, "eroding": -1.2, "compromising": -1.2,
    # news usage VADER (written for social media) lacks or misreads: "shares" are stock, not
    # sharing, "pay" is wages; markets plunge and slump; talks are constructive or end in an impasse
    "shares": 0.0, "pay": 0.0, "constructive": 1.6, "productive": 1.4, "fruitful": 1.6, "breakthrough": 1.8,
    "truce": 1.0, "stalemate": -1.2, "impasse": -1.2, "deadlocked": -1.4,
    "disrupt": -1.3, "disrupts": -1.3, "disrupted": -1.3, "disrupting": -1.3,
    "layoff": -1.6, "layoffs": -1.6, "fell": -0.6,
    "plunge": -1.8, "plunges": -1.8, "plunged": -1.8, "slump": -1.6, "slumps": -1.6, "slumped": -1.6,
    "tumble": -1.4, "tumbles": -1.4, "tumbled": -1.4,
    "settle": 1.0, "settles": 1.0, "settled": 1.0, "settlement": 1.0, "defuse": 1.2, "defused": 1.2,
    "overcome": 1.0, "overcame": 1.0,
}


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_EN_NAME_WORD = re.compile(r"(?<![A-Za-z'-])([A-Z][a-z][A-Za-z'-]*)")
_EN_UNIT_START = re.compile(r"""(?:^|[.!?:;"“”‘(\[]|\s['’])\s*$""")
_EN_NAME_MASK = "Name"  # not in VADER's lexicon, keeps VADER's word positions


def mask_english_names(text: str) -> tuple[str, list[str]]:
    """Hide capitalised words inside an English sentence from VADER: they are names.

    VADER's lexicon scores "United" +1.8, "Party" +1.7, "Justice" +2.4, "Trust" +2.3,
    so "the United Kingdom" or "the Labour Party" would make a sentence positive.
    A capitalised word (not ALL CAPS) counts as part of a name unless it opens the
    sentence, a quotation or a clause after a colon/semicolon; an opening word still
    does when the next word is capitalised too ("United Airlines said ...").
    Headlines in title case (most words capitalised) are left as they are.
    Returns the masked text and the words masked (only those in VADER's lexicon are
    replaced; the rest cannot change the score).
    """
    words = _EN_WORD.findall(text)
    if not words or sum(w[:1].isupper() for w in words) > 0.6 * len(words):
        return text, []
    lex = _vader().lexicon
    masked: list[str] = []
    out: list[str] = []
    last = 0
    for m in _EN_NAME_WORD.finditer(text):
        word = m.group(1)
        if word.lower() not in lex:
            continue
        opens = bool(_EN_UNIT_START.search(text[: m.start()]))
        if opens:
            nxt = re.match(r"\s+([A-Z][a-z])", text[m.end():])
            if not nxt:
                continue
        out.append(text[last:m.start()] + _EN_NAME_MASK)
        last = m.end()
        masked.append(word)
    out.append(text[last:])
    return "".join(out), masked


_EN_ACCUSATION = re.compile(
    r"\b(?:accus|blam|criticis|criticiz|condemn|denounc|fault)\w*\b[^.;:!?]*?\b(?:of|for)\b", re.IGNORECASE)


def mask_english_reproach(text: str) -> tuple[str, list[str]]:
    """Hide the positive words of an alleged wrong from VADER: in "accuses the operator
    of breaking a promise to protect jobs", "promise" and "protect" are not praise.
    Applies after accuse/blame/criticise/condemn/denounce/fault ... of/for, to the end
    of the sentence; negative words stay. Returns the masked text and the words masked.
    """
    m = _EN_ACCUSATION.search(text)
    if not m:
        return text, []
    masked: list[str] = []
    return text[: m.end()] + _hide_polar(text[m.end():], masked), masked


def _hide_polar(span: str, masked: list[str], sign: int = 1) -> str:
    """``span`` with VADER's positive words (``sign=-1``: negative words) replaced by the
    neutral mask (appended to ``masked``)."""
    lex = _vader().lexicon

    def hide(word: re.Match[str]) -> str:
        w = word.group(0)
        if sign * lex.get(w.lower(), 0.0) > 0:
            masked.append(w)
            return _EN_NAME_MASK
        return w

    return _EN_WORD.sub(hide, span)


_EN_HARM = re.compile(
    r"\b(?:(?:undermin|threaten|jeopardi[sz]|endanger|imperil|damag|erod|weaken|sabotag|destroy|"
    r"hamper|impair)\w*|(?:hurt|harm|ruin|undercut)(?:s|ed|ing)?\b|compromising\b|compromised\b)",
    re.IGNORECASE)
_EN_RESOLVE = re.compile(
    r"\b(?:resolv(?:e|es|ed|ing)|settl(?:e|es|ed|ing)|defus(?:e|es|ed|ing)|eas(?:e|es|ed|ing)|"
    r"overc(?:ome|omes|ame|oming)|end(?:s|ed|ing)?(?=\s+(?:the|their|its|his|her|this|a)\s+(?:\w+\s+)?"
    r"(?:strike|dispute|conflict|war|feud|standoff|row|stalemate|crisis)))\b",
    re.IGNORECASE)
_EN_HARM_NEGATED = re.compile(
    r"\b(?:not|no|never|without|cannot|fail(?:s|ed)?\s+to|unable\s+to|refus(?:e|es|ed)\s+to)\s+(?:\w+\s+){0,2}$"
    r"|n't\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_EN_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_EN_CLAUSE_END = re.compile(r"[,;:.!?]|\b(?:but|while|whereas|although|though|yet)\b", re.IGNORECASE)


def mask_english_harm(text: str, resolution: bool = False) -> tuple[str, list[str]]:
    """Hide from VADER the positive words of what is harmed: after undermine, threaten,
    damage, weaken, hurt, compromising … to the end of the clause, unless the harm is
    negated ("does not threaten", "failed to"). "compromising their ability to stand up
    for the interests of passengers" is a reproach, not praise. With ``resolution``,
    the same for the negative words of what is resolved (resolve, settle, defuse, ease,
    overcome, end … a strike/dispute): "resolved their bitter dispute" is good news.
    Returns the masked text and the words masked."""
    pattern, sign = (_EN_RESOLVE, -1) if resolution else (_EN_HARM, 1)
    masked: list[str] = []
    out, last = [], 0
    for m in pattern.finditer(text):
        before = text[: m.start()]
        if m.start() < last or _EN_HARM_NEGATED.search(before):
            continue
        end_m = _EN_CLAUSE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        start = m.start()
        if _EN_PASSIVE.search(before):  # "the dispute was settled": what is affected comes first
            starts = [c.end() for c in _EN_CLAUSE_END.finditer(text, last, m.start())]
            start = max([last, *starts])
        out.append(text[last:start] + _hide_polar(text[start:m.start()], masked, sign)
                   + text[m.start():m.end()] + _hide_polar(text[m.end():end], masked, sign))
        last = end
    out.append(text[last:])
    return "".join(out), masked


def _score_en(text: str, rules: frozenset[str] = frozenset(RULES)) -> tuple[float, float, int, str]:
    analyzer = _vader()
    text, _ = mask_english_names(text)
    if "accusation" in rules:
        text, _ = mask_english_reproach(text)
    if "harm" in rules:
        text, _ = mask_english_harm(text)
    if "resolution" in rules:
        text, _ = mask_english_harm(text, resolution=True)
    compound = float(analyzer.polarity_scores(text)["compound"])
    lex = analyzer.lexicon
    words = [(w, float(lex[w.lower()])) for w in _EN_WORD.findall(text) if w.lower() in lex and w != _EN_NAME_MASK]
    shown = "; ".join(f"{w} {v / 4:+.2f}" for w, v in words)
    return compound, sum(v for _, v in words) / 4, len(words), shown


# ------------------------------------------------------------------------ public API
def _lang_of(sentences: pd.DataFrame, tokens: pd.DataFrame | None, lang: str | None) -> str:
    lang = lang or sentences.attrs.get("lang") or (tokens.attrs.get("lang") if tokens is not None else None)
    if lang not in ("de", "en"):
        raise InputError(f"sentiment is available for German (de) and English (en), not {lang!r}")
    return str(lang)


def _token_groups(sentences: pd.DataFrame, tokens: pd.DataFrame | None, lang: str) -> tuple[pd.DataFrame, dict[int, list[int]]]:
    if tokens is None:
        from .tokens import tokens as make_tokens

        tokens = make_tokens(sentences, lang)
    groups: dict[int, list[int]] = {}
    for pos, sid in enumerate(tokens["sentence_id"].to_numpy()):
        groups.setdefault(int(sid), []).append(pos)
    return tokens, groups


def _columns(tokens: pd.DataFrame) -> tuple[list[str], list[str], list[Sequence[str]], list[bool]]:
    texts = tokens["text"].astype(str).tolist()
    norms = tokens["norm"].astype(str).tolist() if "norm" in tokens else [t.lower() for t in texts]
    parts = tokens["parts"].tolist() if "parts" in tokens else [()] * len(texts)
    parts = [tuple(p) if isinstance(p, (tuple, list)) else () for p in parts]
    negs = tokens["is_negation"].astype(bool).tolist() if "is_negation" in tokens else [False] * len(texts)
    return texts, norms, parts, negs


def score_sentences(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    lexicon: str = "default",
    *,
    lang: str | None = None,
    rules: Iterable[str] = RULES,
) -> pd.DataFrame:
    """Sentiment per sentence.

    ``sentences``: the sentence table (``sentence_id``, ``text``; language in
    ``attrs["lang"]`` or ``lang=``).  ``tokens``: its token table (made with
    ``helpers.tokens`` when omitted; English ignores it).  Returns one row per
    sentence: ``sentence_id``, ``sentiment`` in [-1, 1], ``sentiment_raw`` (German: summed
    contributions / sqrt(n_polar); VADER: summed word valences / 4), ``n_polar`` (words that scored),
    ``sentiment_words`` ("word contribution; ..."; ``nicht~`` marks a negation,
    ``[druck]`` a compound head, ``½`` the half-weighted part before a contrast),
    ``sentiment_method``.
    """
    lang = _lang_of(sentences, tokens, lang)
    sids = [int(s) for s in sentences["sentence_id"]]
    rows: list[tuple[float, float, int, str]] = []
    if lang == "en":
        if lexicon != "default":
            raise InputError(f"lexicon={lexicon!r} is German only; English sentences are scored with VADER")
        rules_en = frozenset(rules)
        rows = [_score_en(str(t), rules_en) for t in sentences["text"]]
        method = "vader"
    else:
        rules_set = frozenset(rules)
        unknown = rules_set - set(RULES)
        if unknown:
            raise InputError(f"unknown sentiment rules {sorted(unknown)}: choose from {', '.join(RULES)}")
        lex = load_lexicon(lexicon)
        tokens, groups = _token_groups(sentences, tokens, lang)
        texts, norms, parts, negs = _columns(tokens)
        for sid in sids:
            idx = groups.get(sid, [])
            rows.append(_score_de([texts[i] for i in idx], [norms[i] for i in idx], [parts[i] for i in idx],
                                  [negs[i] for i in idx], lex, rules_set))
        method = f"lexicon:{lex.name}" + ("" if rules_set == set(RULES) else f" rules={','.join(sorted(rules_set)) or 'none'}")
    out = pd.DataFrame(
        {
            "sentence_id": pd.Series(sids, dtype="int64"),
            "sentiment": [round(r[0], 4) for r in rows],
            "sentiment_raw": [round(r[1], 4) for r in rows],
            "n_polar": pd.Series([r[2] for r in rows], dtype="int64"),
            "sentiment_words": [r[3] for r in rows],
            "sentiment_method": method,
        }
    )
    out.attrs["lang"] = lang
    return out


def naive_sentiment(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    lexicon: str = "default",
    *,
    lang: str | None = None,
) -> pd.DataFrame:
    """Baseline: (positive - negative lexicon words) / (positive + negative), no rules.

    German looks up lemmas (``norm``) in the lexicon as they are (no compounds);
    English counts VADER lexicon words.  Returns ``sentence_id``, ``sentiment_naive``.
    """
    lang = _lang_of(sentences, tokens, lang)
    if lang == "en":
        lex_en = _vader().lexicon
        values = []
        for text in sentences["text"]:
            signs = [np.sign(lex_en[w.lower()]) for w in _EN_WORD.findall(str(text)) if w.lower() in lex_en]
            values.append(_naive(signs))
    else:
        lex = load_lexicon(lexicon)
        tokens, groups = _token_groups(sentences, tokens, lang)
        _, norms, _, _ = _columns(tokens)
        values = []
        for sid in sentences["sentence_id"]:
            signs = [np.sign(lex.polarity.get(_key(norms[i]), 0.0)) for i in groups.get(int(sid), [])]
            values.append(_naive(signs))
    return pd.DataFrame({"sentence_id": [int(s) for s in sentences["sentence_id"]], "sentiment_naive": values})


def _naive(signs: list[float]) -> float:
    pos = sum(1 for s in signs if s > 0)
    neg = sum(1 for s in signs if s < 0)
    return (pos - neg) / (pos + neg) if pos + neg else 0.0


# ------------------------------------------------------------------------ per theme
def theme_sentiment(
    frame: pd.DataFrame,
    seed: int = 0,
    n_boot: int = 2000,
    *,
    theme_col: str = "theme",
    score_col: str = "sentiment",
    neutral_band: float = NEUTRAL_BAND,
) -> pd.DataFrame:
    """Sentiment summary per theme of a sentence table with a theme and a score column.

    Columns: ``theme``, ``n``, ``mean``, ``median``, ``share_negative`` (score <
    -``neutral_band``), ``share_neutral``, ``share_positive`` (score >
    ``neutral_band``), ``ci_low``/``ci_high``: the 95% percentile bootstrap interval
    of the mean (``n_boot`` resamples, generator seeded with ``seed`` afresh for each
    theme, so a theme's interval does not depend on the others).  One sentence gives
    a zero-width interval.
    """
    for col in (theme_col, score_col):
        if col not in frame:
            raise InputError(f"theme_sentiment needs a column {col!r}")
    rows = []
    for theme, grp in frame.groupby(theme_col, sort=True):
        x = grp[score_col].astype(float).dropna().to_numpy()
        if len(x) == 0:
            continue
        lo, hi = bootstrap_mean_ci(x, seed=seed, n_boot=n_boot)
        rows.append(
            {
                theme_col: theme,
                "n": len(x),
                "mean": float(x.mean()),
                "median": float(np.median(x)),
                "share_negative": float((x < -neutral_band).mean()),
                "share_neutral": float((np.abs(x) <= neutral_band).mean()),
                "share_positive": float((x > neutral_band).mean()),
                "ci_low": float(min(lo, x.mean())),
                "ci_high": float(max(hi, x.mean())),
            }
        )
    return pd.DataFrame(rows, columns=[theme_col, "n", "mean", "median", "share_negative", "share_neutral",
                                       "share_positive", "ci_low", "ci_high"])


# ----------------------------------------------------------------------- evaluation
def spearman_vs_annotators(
    frame: pd.DataFrame,
    score_col: str = "sentiment",
    gold_cols: Sequence[str] = ("gold_sentiment_a", "gold_sentiment_b"),
) -> dict[str, float]:
    """Spearman rho of ``score_col`` against each gold column (rows with gold present).

    Keys ``"Spearman a"``, ``"Spearman b"`` (the last letter of each gold column);
    NaN when either side is constant.
    """
    from scipy.stats import spearmanr

    out: dict[str, float] = {}
    for col in gold_cols:
        if col not in frame:
            continue
        gold = pd.to_numeric(frame[col], errors="coerce")
        mask = gold.notna() & frame[score_col].notna()
        x, y = frame.loc[mask, score_col].astype(float), gold[mask].astype(float)
        rho = float("nan") if len(x) < 3 or x.nunique() < 2 or y.nunique() < 2 else float(spearmanr(x, y)[0])
        out[f"Spearman {col[-1]}"] = rho
    return out


def sentiment_eval_block(ev: Any, seeds: list[int] | None = None) -> list[Any]:
    """Metric block for ``helpers.evaluation.METRIC_BLOCKS``: Spearman rho vs each annotator.

    Rows: lexicon+rules (default lexicon), the naive count baseline, SentiWS when
    ``$TP_SENTIWS_DIR`` is set, and annotator b scored against a (task ceiling).
    """
    from .evaluation import Row

    sdf = ev.sentences
    rows = []
    scored = score_sentences(sdf, ev.tokens, lang=ev.lang)
    frame = sdf.assign(_s=scored["sentiment"].to_numpy())
    rows.append(Row(ev.name, "sentiment: lexicon + rules" if ev.lang == "de" else "sentiment: VADER",
                    {k: [v] for k, v in spearman_vs_annotators(frame, "_s").items()}))
    naive = naive_sentiment(sdf, ev.tokens, lang=ev.lang)
    frame = sdf.assign(_s=naive["sentiment_naive"].to_numpy())
    rows.append(Row(ev.name, "sentiment: naive lexicon count",
                    {k: [v] for k, v in spearman_vs_annotators(frame, "_s").items()}))
    if ev.lang == "de" and os.environ.get(SENTIWS_ENV):
        s = score_sentences(sdf, ev.tokens, lexicon="sentiws", lang=ev.lang)
        frame = sdf.assign(_s=s["sentiment"].to_numpy())
        rows.append(Row(ev.name, "sentiment: SentiWS + rules (local only)",
                        {k: [v] for k, v in spearman_vs_annotators(frame, "_s").items()}))
    if "gold_sentiment_a" in sdf and "gold_sentiment_b" in sdf:
        frame = sdf.assign(_s=pd.to_numeric(sdf["gold_sentiment_b"], errors="coerce"))
        rows.append(Row(ev.name, "sentiment: annotator b (ceiling)",
                        {k: [v] for k, v in spearman_vs_annotators(frame, "_s", ("gold_sentiment_a",)).items()}))
    return rows


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
    from .sentences import split_sentences

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
    from .tokens import tokens as make_tokens

    root = Path(__file__).resolve().parents[2]
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
