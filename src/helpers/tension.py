"""Sentence tension, actor pairs, the tension profile of themes, and the arc of an article.

Tension here means conflict, friction, rivalry, accusation, dependency or risk
*between actors* (the annotation guideline of ``shared/data/dev``: 0 none ... 3 acute).
Every score is in [0, 1] and comes with the components it was built from, so a
reader can see why a sentence scored as it did.

Components (one column each in ``score_tension``'s output, all in [0, 1])
-------------------------------------------------------------------------
``tension_lexicon``
    Conflict vocabulary from ``data/tension_lexicon.tsv`` (``lang, term, category,
    weight, match``; categories conflict, competition, dependency, pressure, risk,
    accusation).  A token matches by its lemma (``norm``; for capitalised German
    nouns also the lowercased text; hyphenated compounds by each part).  ``match =
    compound`` also matches German compounds that begin or end with the term and are
    at least ``COMPOUND_MIN_EXTRA`` (3) letters longer ("Streitpunkt",
    "Wettbewerbsdruck"; the last part wins, then the longest term), unless the word contains an entry of ``COMPOUND_EXCLUDE``
    (false friends: Eindruck, Ausdruck, Entspannung, problemlos, Gewaltenteilung ...).
    ``match = phrase``: a term of several words ("at odds", "walk out", "im Clinch")
    matches consecutive tokens by lemma or lowercase text.
    A negator (kein, nicht, nie, ohne ...; no, not, never, without ...) up to
    ``NEG_WINDOW`` (3) tokens before a term in the same clause multiplies its weight
    by ``NEGATION_FACTOR`` (0.25): "kein Konflikt" still hints at a topic of
    conflict but much less.  "nicht nur" is no negation.  The summed weight ``S``
    saturates: ``lexicon = 1 - exp(-S / LEXICON_SCALE)`` (one clear term, weight 1,
    gives 0.49; two give 0.74).
``tension_contrast``
    1 when the sentence sets two sides against each other with a contrast marker:
    aber, doch, jedoch, hingegen, dagegen, während, allerdings, wohingegen ...;
    but, however, whereas, yet, while, although ...  "doch" counts only at the
    start or after a comma (otherwise it is a modal particle), "während" only as a
    conjunction (not "während der Sitzung"), "while"/"yet" only at the start or
    after a comma, "aber auch" and "sondern" never.
``tension_negativity``
    ``max(0, -sentiment)`` from the sentiment step (``sentences["sentiment"]``;
    computed with ``helpers.sentiment.score_sentences`` when absent).
``tension_actors``
    Distinct actors named in the sentence (``sentences["actors"]``, a tuple per
    sentence; computed with ``helpers.actors.find_actors`` when absent):
    ``min(n, ACTORS_FULL) / ACTORS_FULL`` with ``ACTORS_FULL = 3``.

Combination
-----------
Actors only *amplify* tension that is already there; they never create it (many
sentences name two partners without any friction).  The formula is

    base    = 1 - (1 - W_LEX·lexicon) · (1 - W_CON·contrast) · (1 - W_NEG·negativity)
    tension = base · (1 - W_ACT · (1 - actors))

a noisy-OR of the three kinds of evidence (each alone raises tension up to its
weight; together they saturate below 1), scaled down by at most ``W_ACT`` when no
actor is named.  It is monotone in every component and stays in [0, 1].

Weights (``WEIGHTS``), chosen on the two development articles (87 sentences, gold
``tension_a``/``tension_b`` 0..3; ``tune_weights`` reproduces the search):

    W_LEX = 0.8, W_CON = 0.4, W_NEG = 0.6, W_ACT = 0.4, LEXICON_SCALE = 1.5

A grid in steps of 0.1 (scale 1, 1.5, 2; 43,923 settings) maximising the mean
Spearman rho over both annotators and both articles peaks at 0.61; 5,169 settings
lie within 0.02 of it, i.e. the surface is a plateau and its argmax is noise
(differences under 0.05 are noise with 61 + 26 sentences).  The weights above are
round values inside the plateau (mean rho 0.59: mazedonien 0.52, oebb 0.66),
with the actor weight kept moderate because the oebb article alone pushes it to
0.8-0.9 and the mazedonien article (an interview: few named actors per sentence)
to 0.  Leave one article out (grid-fit on one, scored on the other): 0.61-0.63 on
oebb and 0.46 on mazedonien, against 0.47 and 0.43 for negative sentiment alone,
so on mazedonien the out-of-sample gain is within noise.  Dropping one component
(its weight set to 0) costs, mazedonien / oebb: lexicon 0.03 / 0.18, negativity
0.10 / 0.10, contrast 0.09 / 0.03, actors 0.00 / 0.03 (``tension_eval_block``
prints these rows).  Numbers measured with the sentiment step of the same commit.

``TENSE_THRESHOLD`` (0.3) counts a sentence as "tense" in ``theme_tension``'s
``share_tense``: on the development articles it marks about as many sentences as
the annotators rated "clear" (2) or "acute" (3) on average (33 % vs 36 %; 83 % of
sentences on the same side of both cuts).
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import InputError
from .stats import bootstrap_mean_ci
from .tokens import separable_verbs

__all__ = [
    "WEIGHTS",
    "TENSE_THRESHOLD",
    "COMPOUND_EXCLUDE",
    "TensionLexicon",
    "load_tension_lexicon",
    "score_tension",
    "combine",
    "actor_pairs",
    "actor_theme_table",
    "theme_tension",
    "arc",
    "arc_peaks",
    "summary_text",
    "tension_eval_block",
    "tune_weights",
    "bench_analysis",
]

# ----------------------------------------------------------------------- constants
WEIGHTS: dict[str, float] = {"lexicon": 0.8, "contrast": 0.4, "negativity": 0.6, "actors": 0.4}
"""Combination weights (see the module docstring for how they were chosen)."""

LEXICON_SCALE = 1.5
ACTORS_FULL = 3
NEGATION_FACTOR = 0.25
NEG_WINDOW = 3
COMPOUND_MIN_EXTRA = 3
TENSE_THRESHOLD = 0.3
"""A sentence with ``tension >= TENSE_THRESHOLD`` counts as tense (``share_tense``)."""

COMPONENTS = ("lexicon", "contrast", "negativity", "actors")

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

NEGATORS = {
    "de": frozenset("kein keine keiner keinen keinem keines nicht nie niemals ohne weder nichts".split()),
    "en": frozenset("no not never without nor neither n't none".split()),
}
_NOT_NEGATION_AFTER = frozenset({"nur", "zuletzt", "minder", "only", "just", "least"})
CONTRAST = {
    "de": frozenset("aber doch jedoch hingegen dagegen während allerdings wohingegen indes indessen".split()),
    "en": frozenset("but however whereas yet while although though nevertheless nonetheless".split()),
}
#: Markers that count only at the start of the sentence or after a comma / dash.
_CONTRAST_AFTER_COMMA = frozenset({"doch", "während", "yet", "while"})
_ADDITIVE_AFTER = frozenset({"auch", "zudem", "ebenso", "also"})
_DETERMINERS = frozenset(
    "der die das des dem den ein eine eines einer einem einen dieser diese dieses diesem diesen "
    "seiner seines ihrer ihres meiner unserer".split()
)
_CLAUSE_BREAK = frozenset(",;:–—()[]\"„“”?!.…") | frozenset({"-"})


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


@lru_cache(maxsize=200_000)
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


@lru_cache(maxsize=200_000)
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


# ------------------------------------------------------------------ per sentence
def _negated(lows: list[str], j: int, lang: str) -> bool:
    """Is token ``j`` within ``NEG_WINDOW`` tokens after a negator of the same clause?"""
    negs = NEGATORS[lang]
    for k in range(j - 1, max(-1, j - NEG_WINDOW - 1), -1):
        low = lows[k]
        if low in _CLAUSE_BREAK or low in CONTRAST[lang]:
            return False
        if low in negs or low.endswith("n't"):
            nxt = lows[k + 1] if k + 1 < len(lows) else ""
            return nxt not in _NOT_NEGATION_AFTER
    return False


def _contrast_markers(lows: list[str], lang: str) -> list[int]:
    """Positions of contrast markers (rules in the module docstring)."""
    out = []
    markers = CONTRAST[lang]
    for i, low in enumerate(lows):
        if low not in markers:
            continue
        prev = lows[i - 1] if i > 0 else ""
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if nxt in _ADDITIVE_AFTER:
            continue
        at_break = i == 0 or prev in {",", ";", "–", "—", "-", ":"}
        if low in _CONTRAST_AFTER_COMMA and not at_break:
            continue
        if low == "während" and nxt in _DETERMINERS:
            continue  # preposition: "während der Verhandlungen"
        if low == "yet" and nxt in {"to", "again"}:
            continue
        out.append(i)
    return out


def _saturate(total: float) -> float:
    return 1.0 - math.exp(-max(0.0, total) / LEXICON_SCALE)


def combine(
    lexicon: Any, contrast: Any, negativity: Any, actors: Any, weights: Mapping[str, float] | None = None
) -> Any:
    """The combination formula of the module docstring (scalars or arrays)."""
    w = {**WEIGHTS, **(weights or {})}
    base = 1 - (1 - w["lexicon"] * np.asarray(lexicon, float)) * (1 - w["contrast"] * np.asarray(contrast, float)) * (
        1 - w["negativity"] * np.asarray(negativity, float)
    )
    out = base * (1 - w["actors"] * (1 - np.asarray(actors, float)))
    return np.clip(out, 0.0, 1.0)


def _lang(sentences: pd.DataFrame, tokens: pd.DataFrame | None, lang: str | None) -> str:
    lang = lang or sentences.attrs.get("lang") or (tokens.attrs.get("lang") if tokens is not None else None) or "de"
    if lang not in ("de", "en"):
        raise InputError(f"tension is available for German (de) and English (en), not {lang!r}")
    return str(lang)


def score_tension(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    *,
    lang: str | None = None,
    weights: Mapping[str, float] | None = None,
    lexicon_path: str | None = None,
) -> pd.DataFrame:
    """Tension per sentence with its components.

    ``sentences``: a sentence table (``sentence_id``, ``text``; optional
    ``sentiment`` and ``actors``, computed when missing); ``tokens``: its token
    table (made with ``helpers.tokens`` when omitted).  Returns one row per
    sentence, in the order of ``sentences``: ``sentence_id``, ``tension``,
    ``tension_lexicon``, ``tension_contrast``, ``tension_negativity``,
    ``tension_actors`` (all in [0, 1]), ``tension_lexicon_sum`` (summed term weights
    after negation), ``tension_n_actors`` and ``tension_terms`` ("Konflikt(conflict
    1.5); kein~Streit(conflict 0.38); doch(contrast)").
    """
    if "sentence_id" not in sentences or "text" not in sentences:
        raise InputError("score_tension needs a sentence table with sentence_id and text (helpers.sentences)")
    lang = _lang(sentences, tokens, lang)
    if tokens is None:
        from .tokens import tokens as make_tokens

        tokens = make_tokens(sentences, lang)
    lex = load_tension_lexicon(lang, lexicon_path)
    if "sentiment" in sentences:
        sentiment = pd.to_numeric(sentences["sentiment"], errors="coerce").fillna(0.0).to_numpy(float)
    else:
        from .sentiment import score_sentences

        sentiment = score_sentences(sentences, tokens, lang=lang)["sentiment"].to_numpy(float)
    if "actors" in sentences:
        actor_lists = [tuple(a) if isinstance(a, (tuple, list)) else () for a in sentences["actors"]]
    else:
        from .actors import find_actors

        actor_lists = [tuple(a) for a in find_actors(sentences, tokens)[0]]

    groups: dict[int, list[int]] = {}
    for pos, sid in enumerate(tokens["sentence_id"].to_numpy()):
        groups.setdefault(int(sid), []).append(pos)
    texts = tokens["text"].astype(str).tolist()
    norms = tokens["norm"].astype(str).tolist() if "norm" in tokens else [t.lower() for t in texts]
    parts_col = tokens["parts"].tolist() if "parts" in tokens else [()] * len(texts)

    rows = []
    for row_i, sid in enumerate(int(s) for s in sentences["sentence_id"]):
        idx = groups.get(sid, [])
        t = [texts[i] for i in idx]
        lows = [x.lower() for x in t]
        total = 0.0
        shown: list[str] = []
        first_word = next((j for j, x in enumerate(t) if x[:1].isalpha()), 0)
        in_phrase: set[int] = set()
        for start, end, term, cat, w in _phrase_hits(lex, lows, [norms[i] for i in idx]):
            in_phrase.update(range(start, end))
            if _negated(lows, start, lang):
                w *= NEGATION_FACTOR
            shown.append(f"{' '.join(t[start:end])}({cat} {w:.2g})")
            total += w
        for j, i in enumerate(idx):
            if j in in_phrase:
                continue
            parts = parts_col[i] if isinstance(parts_col[i], (tuple, list)) else ()
            hit = _match_token(lex, t[j], norms[i], parts, j == first_word)
            if hit is None:
                continue
            term, cat, w = hit
            if _negated(lows, j, lang):
                w *= NEGATION_FACTOR
                shown.append(f"{t[j - 1] if j else ''}~{t[j]}({cat} {w:.2g})")
            else:
                shown.append(f"{t[j]}({cat} {w:g})")
            total += w
        if lang == "de":
            joined = separable_verbs(t, [norms[i] for i in idx], lambda w: _key(w) in lex.exact)
            for verb_j, part_j, verb in joined:
                term, cat, w = lex.exact[_key(verb)]
                if _negated(lows, verb_j, lang) or _negated(lows, part_j, lang):
                    w *= NEGATION_FACTOR
                shown.append(f"{t[verb_j]}…{t[part_j]}({cat} {w:.2g})")
                total += w
        markers = _contrast_markers(lows, lang)
        shown.extend(f"{t[j]}(contrast)" for j in markers)
        n_act = len(dict.fromkeys(actor_lists[row_i]))
        rows.append(
            {
                "sentence_id": sid,
                "tension_lexicon": _saturate(total),
                "tension_contrast": 1.0 if markers else 0.0,
                "tension_negativity": max(0.0, -float(sentiment[row_i])),
                "tension_actors": min(n_act, ACTORS_FULL) / ACTORS_FULL,
                "tension_lexicon_sum": total,
                "tension_n_actors": n_act,
                "tension_terms": "; ".join(shown),
            }
        )
    cols = ["sentence_id", "tension", "tension_lexicon", "tension_contrast", "tension_negativity",
            "tension_actors", "tension_lexicon_sum", "tension_n_actors", "tension_terms"]
    out = pd.DataFrame(rows, columns=[c for c in cols if c != "tension"])
    out.insert(1, "tension", combine(out["tension_lexicon"], out["tension_contrast"], out["tension_negativity"],
                                     out["tension_actors"], weights) if len(out) else [])
    for c in ("tension", "tension_lexicon", "tension_contrast", "tension_negativity", "tension_actors",
              "tension_lexicon_sum"):
        out[c] = out[c].astype(float).round(4)
    out["sentence_id"] = out["sentence_id"].astype("int64")
    out["tension_n_actors"] = out["tension_n_actors"].astype("int64")
    out.attrs["lang"] = lang
    return out[cols]


# --------------------------------------------------------------- actors and themes
def _actor_lists(sentences: pd.DataFrame) -> list[tuple[str, ...]]:
    if "actors" not in sentences:
        raise InputError("this table needs an 'actors' column (a tuple of names per sentence; stage_actors)")
    return [tuple(dict.fromkeys(a)) if isinstance(a, (tuple, list)) else () for a in sentences["actors"]]


def actor_pairs(sentences: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence.

    One row per unordered pair: ``actor_a``, ``actor_b`` (``actor_a`` is the one
    mentioned first in the article), ``n_sentences``, ``sentence_ids`` (tuple),
    ``mean_tension`` (NaN without a ``tension`` column), sorted by ``n_sentences``
    then ``mean_tension`` (both descending), then first co-occurrence.
    """
    lists = _actor_lists(sentences)
    first: dict[str, tuple[int, int]] = {}
    for i, names in enumerate(lists):
        for j, a in enumerate(names):
            first.setdefault(a, (i, j))
    tension = sentences["tension"].astype(float).to_numpy() if "tension" in sentences else np.full(len(lists), np.nan)
    sids = [int(s) for s in sentences["sentence_id"]]
    found: dict[tuple[str, str], list[int]] = {}
    for i, names in enumerate(lists):
        for a, b in combinations(sorted(names, key=lambda n: (first[n], n)), 2):
            found.setdefault((a, b), []).append(i)
    rows = [
        {
            "actor_a": a,
            "actor_b": b,
            "n_sentences": len(idx),
            "sentence_ids": tuple(sids[i] for i in idx),
            "mean_tension": float(np.mean(tension[idx])) if len(idx) else float("nan"),
            "_first": idx[0],
        }
        for (a, b), idx in found.items()
    ]
    cols = ["actor_a", "actor_b", "n_sentences", "sentence_ids", "mean_tension"]
    if not rows:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(rows)
    df["_t"] = df["mean_tension"].fillna(-1.0)
    df = df.sort_values(["n_sentences", "_t", "_first"], ascending=[False, False, True], kind="mergesort")
    return df[cols].reset_index(drop=True)


def actor_theme_table(sentences: pd.DataFrame, value: str = "count", min_sentences: int = 1) -> pd.DataFrame:
    """Actors (rows) x themes (columns).

    ``value="count"``: sentences of the theme naming the actor (0 when none);
    ``value="tension"``: mean tension of those sentences (NaN when none).  Rows are
    actors named in at least ``min_sentences`` sentences, most frequent first.
    """
    if "theme" not in sentences:
        raise InputError("actor_theme_table needs a 'theme' column (stage_themes)")
    if value not in ("count", "tension"):
        raise InputError(f"value must be 'count' or 'tension', not {value!r}")
    if value == "tension" and "tension" not in sentences:
        raise InputError("value='tension' needs a 'tension' column (score_tension / stage_tension)")
    lists = _actor_lists(sentences)
    long = pd.DataFrame(
        [
            {"actor": a, "theme": th, "tension": t}
            for names, th, t in zip(
                lists, sentences["theme"], sentences["tension"] if "tension" in sentences else [np.nan] * len(lists)
            )
            for a in names
        ],
        columns=["actor", "theme", "tension"],
    )
    themes = sorted(pd.unique(sentences["theme"]))
    if long.empty:
        return pd.DataFrame(columns=themes, index=pd.Index([], name="actor"), dtype=float)
    totals = long.groupby("actor", sort=False).size()
    order = list(totals[totals >= min_sentences].sort_values(ascending=False, kind="mergesort").index)
    if value == "count":
        table = long.pivot_table(index="actor", columns="theme", values="tension", aggfunc="size", fill_value=0)
        table = table.reindex(index=order, columns=themes, fill_value=0).astype("int64")
    else:
        table = long.pivot_table(index="actor", columns="theme", values="tension", aggfunc="mean")
        table = table.reindex(index=order, columns=themes).astype(float)
    table.columns.name = "theme"
    table.index.name = "actor"
    return table


def theme_tension(
    sentences: pd.DataFrame,
    seed: int = 0,
    n_boot: int = 2000,
    *,
    theme_col: str = "theme",
    threshold: float = TENSE_THRESHOLD,
    n_actors: int = 3,
) -> pd.DataFrame:
    """Tension profile per theme.

    Columns: ``theme``, ``n``, ``tension_mean``, ``tension_ci_low`` /
    ``tension_ci_high`` (95 % percentile bootstrap of the mean, ``n_boot`` resamples,
    a generator seeded with ``seed`` afresh for each theme), ``share_tense``
    (share of sentences with ``tension >= threshold``, ``TENSE_THRESHOLD`` by
    default), ``dominant_actors`` (the ``n_actors`` actors named in most of the
    theme's sentences, ties by first mention, joined by "; "; empty without an
    ``actors`` column).
    """
    for col in (theme_col, "tension"):
        if col not in sentences:
            raise InputError(f"theme_tension needs a column {col!r}")
    lists = _actor_lists(sentences) if "actors" in sentences else [()] * len(sentences)
    rows = []
    positions = np.arange(len(sentences))
    for theme, idx in sentences.groupby(theme_col, sort=True).indices.items():
        x = sentences["tension"].to_numpy(float)[idx]
        x = x[np.isfinite(x)]
        if len(x) == 0:
            continue
        lo, hi = bootstrap_mean_ci(x, seed=seed, n_boot=n_boot)
        counts: Counter[str] = Counter()
        order: dict[str, int] = {}
        for i in positions[idx]:
            for a in lists[i]:
                counts[a] += 1
                order.setdefault(a, int(i))
        top = sorted(counts, key=lambda a: (-counts[a], order[a]))[:n_actors]
        rows.append(
            {
                theme_col: theme,
                "n": len(x),
                "tension_mean": float(x.mean()),
                "tension_ci_low": float(min(lo, x.mean())),
                "tension_ci_high": float(max(hi, x.mean())),
                "share_tense": float((x >= threshold).mean()),
                "dominant_actors": "; ".join(top),
            }
        )
    return pd.DataFrame(rows, columns=[theme_col, "n", "tension_mean", "tension_ci_low", "tension_ci_high",
                                       "share_tense", "dominant_actors"])


# ----------------------------------------------------------------------------- arc
def _window(n: int, share: float) -> int:
    w = max(1, int(round(n * share)))
    return w if w % 2 else w + 1


def _rolling_mean(x: np.ndarray, w: int) -> np.ndarray:
    """Centred rolling mean with mirrored edges (the window never reads past the ends)."""
    if w <= 1 or len(x) < 2:
        return x.copy()
    w = min(w, 2 * len(x) - 1 if len(x) > 1 else 1)
    if w % 2 == 0:
        w -= 1
    h = w // 2
    padded = np.pad(x, h, mode="symmetric") if h <= len(x) else np.pad(x, h, mode="reflect")
    c = np.cumsum(np.concatenate([[0.0], padded]))
    return (c[w:] - c[:-w]) / w


def arc(
    values: Sequence[float],
    n_points: int = 101,
    *,
    window: float = 0.1,
    smoothing: float = 0.05,
) -> pd.DataFrame:
    """The course of a per-sentence score through the article, on a 0-100 % scale.

    1. ``raw``: the values linearly interpolated at ``n_points`` evenly spaced
       positions (sentence i of n sits at ``100 * i / (n - 1)`` %).
    2. A centred rolling mean whose window is ``window`` (10 %) of the article's
       sentences (odd, at least 1), with mirrored edges, so long articles are
       smoothed as much as short ones relative to their length.
    3. A low-pass in the DCT domain (the Syuzhet idea): the rolling mean,
       interpolated at the ``n_points`` positions, is transformed with a DCT-II,
       its coefficients k are multiplied by ``exp(-(pi k s)^2 / 2)`` with ``s =
       smoothing`` (a Gaussian of standard deviation ``smoothing`` x the article
       length), and transformed back.  The DCT-II treats the signal as mirrored at
       both ends (even extension), which is mirror padding: unlike a Fourier
       low-pass it does not wrap the end of the article onto its beginning, so a
       spike near one edge does not leak to the other.  Both steps have
       non-negative kernels: a constant stays constant and a monotone input
       stays monotone.

    Returns ``position`` (0..100), ``raw``, ``rolling`` and ``smoothed``.
    Deterministic; works from 1 to many thousand values (NaN count as 0).
    """
    from scipy.fft import dct, idct

    x = np.nan_to_num(np.asarray(list(values), dtype=float))
    if x.ndim != 1 or len(x) == 0:
        raise InputError("arc needs a non-empty sequence of numbers (one per sentence)")
    if n_points < 2:
        raise InputError(f"n_points must be at least 2, not {n_points}")
    n = len(x)
    position = np.linspace(0.0, 100.0, n_points)
    src = np.linspace(0.0, 100.0, n) if n > 1 else np.array([0.0])
    raw = np.interp(position, src, x) if n > 1 else np.full(n_points, x[0])
    rolled = _rolling_mean(x, _window(n, window))
    rolling = np.interp(position, src, rolled) if n > 1 else np.full(n_points, x[0])
    coef = dct(rolling, type=2, norm="ortho")
    k = np.arange(n_points)
    # k-th DCT-II basis has frequency k / (2 n_points) per sample; sigma in samples = smoothing * n_points
    sigma = smoothing * (n_points - 1)
    coef *= np.exp(-0.5 * (np.pi * k * sigma / n_points) ** 2)
    smoothed = idct(coef, type=2, norm="ortho")
    if np.ptp(x) == 0:
        smoothed = np.full(n_points, x[0])  # exact for constants (no rounding noise)
    return pd.DataFrame({"position": position, "raw": raw, "rolling": rolling, "smoothed": smoothed})


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def arc_peaks(
    sentences: pd.DataFrame,
    column: str = "tension",
    n: int = 3,
    *,
    n_points: int = 101,
    text_chars: int = 90,
) -> pd.DataFrame:
    """The ``n`` highest peaks of the smoothed arc of ``column``, labelled by a sentence.

    A peak is a local maximum of ``arc(...)["smoothed"]`` (the ends count when the
    arc falls away from them); peaks closer than the smoothing width (10 % of the
    article) to a higher one are dropped.  Each is labelled with the sentence with
    the highest ``column`` value within half the rolling window of the peak's
    position.  Columns: ``rank`` (1 = highest), ``position`` (%), ``smoothed``,
    ``sentence_id``, ``value`` (the sentence's own score), ``text`` (shortened).
    """
    if column not in sentences:
        raise InputError(f"arc_peaks needs a column {column!r}")
    cols = ["rank", "position", "smoothed", "sentence_id", "value", "text"]
    if len(sentences) == 0:
        return pd.DataFrame(columns=cols)
    vals = sentences[column].astype(float).fillna(0.0).to_numpy()
    a = arc(vals, n_points=n_points)
    y = a["smoothed"].to_numpy()
    padded = np.concatenate([[-np.inf], y, [-np.inf]])
    cand = [i for i in range(len(y)) if padded[i + 1] > padded[i] and padded[i + 1] >= padded[i + 2]]
    cand.sort(key=lambda i: (-y[i], i))
    min_gap = 10.0  # % of the article
    chosen: list[int] = []
    for i in cand:
        if all(abs(a["position"].iat[i] - a["position"].iat[j]) >= min_gap for j in chosen):
            chosen.append(i)
        if len(chosen) == n:
            break
    m = len(vals)
    half = max(1, _window(m, 0.1) // 2)
    rows = []
    for rank, i in enumerate(chosen, start=1):
        pos = float(a["position"].iat[i])
        centre = int(round(pos / 100.0 * (m - 1))) if m > 1 else 0
        lo, hi = max(0, centre - half), min(m, centre + half + 1)
        j = lo + int(np.argmax(vals[lo:hi]))
        rows.append({"rank": rank, "position": pos, "smoothed": float(y[i]),
                     "sentence_id": int(sentences["sentence_id"].iat[j]), "value": float(vals[j]),
                     "text": _short(sentences["text"].iat[j], text_chars) if "text" in sentences else ""})
    return pd.DataFrame(rows, columns=cols)


# -------------------------------------------------------------------------- summary
def _theme_name(themes: pd.DataFrame, theme: Any) -> str:
    if "label" in themes and (themes["theme"] == theme).any():
        return f"'{themes.loc[themes['theme'] == theme, 'label'].iat[0]}'"
    return f"{theme}"


def summary_text(result: Any) -> str:
    """One English paragraph describing where the article's tension lies, from the numbers.

    ``result``: an ``Analysis`` after ``stage_tension`` (needs ``sentences`` with
    ``tension``; uses ``themes`` with ``tension_mean`` and ``result.actor_pairs``
    when present).  Sentences are numbered from 1 in the text ("sentence 17 of 42").
    """
    sdf: pd.DataFrame = result.sentences
    if "tension" not in sdf or len(sdf) == 0:
        return "No tension scores: run the tension stage first."
    t = sdf["tension"].astype(float).to_numpy()
    parts: list[str] = []
    themes = getattr(result, "themes", pd.DataFrame())
    if isinstance(themes, pd.DataFrame) and "tension_mean" in themes and len(themes) > 1:
        ranked = themes.sort_values(["tension_mean", "theme"], ascending=[False, True])
        top, low = ranked.iloc[0], ranked.iloc[-1]
        s = (f"The most tense theme is {_theme_name(themes, top['theme'])} (mean tension {top['tension_mean']:.2f}, "
             f"95% CI {top['tension_ci_low']:.2f}–{top['tension_ci_high']:.2f}, "
             f"{top['share_tense']:.0%} of its {int(top.get('n', top.get('n_sentences', 0)))} sentences tense")
        if isinstance(top.get("dominant_actors"), str) and top["dominant_actors"]:
            s += f"; mostly {top['dominant_actors'].replace('; ', ', ')}"
        s += f"), the calmest {_theme_name(themes, low['theme'])} ({low['tension_mean']:.2f})."
        parts.append(s)
    elif isinstance(themes, pd.DataFrame) and "tension_mean" in themes and len(themes) == 1:
        row = themes.iloc[0]
        parts.append(f"The article has one theme, with mean tension {row['tension_mean']:.2f} "
                     f"(95% CI {row['tension_ci_low']:.2f}–{row['tension_ci_high']:.2f}).")
    else:
        parts.append(f"Mean tension is {t.mean():.2f}.")
    pairs = getattr(result, "actor_pairs", None)
    if isinstance(pairs, pd.DataFrame) and len(pairs):
        p = pairs.iloc[0]
        parts.append(f"The actors most often named together are {p['actor_a']} and {p['actor_b']} "
                     f"({int(p['n_sentences'])} sentences, mean tension {p['mean_tension']:.2f}).")
        tense = pairs[pairs["n_sentences"] >= 2].sort_values("mean_tension", ascending=False, kind="mergesort")
        if len(tense) and (tense.iloc[0]["actor_a"], tense.iloc[0]["actor_b"]) != (p["actor_a"], p["actor_b"]):
            q = tense.iloc[0]
            parts.append(f"The most tense recurring pair is {q['actor_a']} and {q['actor_b']} "
                         f"(mean {q['mean_tension']:.2f} over {int(q['n_sentences'])} sentences).")
    n = len(t)
    if n >= 6:
        thirds = np.array_split(t, 3)
        first, last = float(thirds[0].mean()), float(thirds[-1].mean())
        trend = "rises" if last - first > 0.05 else "falls" if first - last > 0.05 else "stays level"
        parts.append(f"Tension {trend} from the first third ({first:.2f}) to the last ({last:.2f});")
    i = int(np.argmax(t))
    text = _short(sdf["text"].iat[i], 110) if "text" in sdf else ""
    sid = int(sdf["sentence_id"].iat[i]) if "sentence_id" in sdf else i
    parts.append(f"it peaks at sentence S{sid} ({100 * (i + 0.5) / n:.0f} % into the article, "
                 f"tension {t[i]:.2f}): '{text}'")
    out = " ".join(parts)
    return out if out.endswith((".", "'")) else out + "."


# ----------------------------------------------------------------------- evaluation
def _with_inputs(ev: Any) -> pd.DataFrame:
    """``ev.sentences`` with ``sentiment`` and ``actors`` (computed when missing)."""
    sdf = ev.sentences.copy()
    sdf.attrs.update(ev.sentences.attrs)
    if "sentiment" not in sdf:
        from .sentiment import score_sentences

        sdf["sentiment"] = score_sentences(sdf, ev.tokens, lang=ev.lang)["sentiment"].to_numpy()
    if "actors" not in sdf:
        from .actors import find_actors

        sdf["actors"] = find_actors(sdf, ev.tokens)[0].to_numpy()
    return sdf


def tension_eval_block(ev: Any, seeds: list[int] | None = None) -> list[Any]:
    """Metric block for ``helpers.evaluation.METRIC_BLOCKS``: Spearman rho of tension vs each annotator.

    Rows: the project's tension, the baseline "negative sentiment alone"
    (``max(0, -sentiment)``), the lexicon component alone, the score without
    each component in turn, and annotator b scored against a (ceiling).  An
    article without tension annotations, or where both annotators gave every
    sentence the same value (rho undefined), yields no rows.
    """
    from .evaluation import Row
    from .sentiment import spearman_vs_annotators

    sdf = ev.sentences
    gold = [c for c in ("gold_tension_a", "gold_tension_b") if c in sdf]
    if not gold or all(pd.to_numeric(sdf[c], errors="coerce").nunique() < 2 for c in gold):
        return []
    sdf = _with_inputs(ev)
    scored = score_tension(sdf, ev.tokens, lang=ev.lang)
    frame = sdf.assign(**{c: scored[c].to_numpy() for c in scored.columns if c != "sentence_id"})
    frame["_neg"] = np.maximum(0.0, -frame["sentiment"].astype(float))

    def row(method: str, col: str, gold_cols: Sequence[str] = tuple(gold)) -> Any:
        return Row(ev.name, method, {k: [v] for k, v in spearman_vs_annotators(frame, col, gold_cols).items()})

    rows = [row("tension: project", "tension"),
            row("tension: negative sentiment alone (baseline)", "_neg"),
            row("tension: lexicon component alone", "tension_lexicon")]
    for comp in COMPONENTS:
        frame[f"_without_{comp}"] = combine(frame["tension_lexicon"], frame["tension_contrast"],
                                            frame["tension_negativity"], frame["tension_actors"], {comp: 0.0})
        rows.append(row(f"tension: project without {comp}", f"_without_{comp}"))
    if {"gold_tension_a", "gold_tension_b"} <= set(sdf.columns):
        frame["_b"] = pd.to_numeric(sdf["gold_tension_b"], errors="coerce")
        rows.append(row("tension: annotator b (ceiling)", "_b", ("gold_tension_a",)))
    return rows


def tune_weights(
    frames: Sequence[pd.DataFrame],
    grid: Sequence[float] = tuple(np.round(np.arange(0.0, 1.01, 0.1), 2)),
    scales: Sequence[float] = (1.0, 1.5, 2.0),
    actor_grid: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Grid search of the combination weights (how ``WEIGHTS`` were chosen).

    ``frames``: one frame per article with the component columns of
    ``score_tension`` and gold columns ``gold_tension_a``/``gold_tension_b``.
    Returns one row per setting: ``scale, lexicon, contrast, negativity, actors``,
    ``rho_<i>`` (mean Spearman rho over both annotators for article i) and
    ``rho_mean``.  For leave-one-article-out, pick the best row by ``rho_<i>`` and
    read ``rho_<j>``.  About 30 s for the full grid.
    """
    from itertools import product

    from scipy.stats import rankdata

    def centred_ranks(v: np.ndarray) -> np.ndarray:
        r = rankdata(v)
        return r - r.mean()

    golds = []
    for f in frames:
        golds.append([centred_ranks(pd.to_numeric(f[c], errors="coerce").fillna(0).to_numpy(float))
                      for c in ("gold_tension_a", "gold_tension_b") if c in f])
    rows = []
    for scale in scales:
        lex = [1 - np.exp(-f["tension_lexicon_sum"].to_numpy(float) / scale) for f in frames]
        for wl, wc, wn, wa in product(grid, grid, grid, actor_grid if actor_grid is not None else grid):
            r: dict[str, float] = {"scale": scale, "lexicon": wl, "contrast": wc, "negativity": wn, "actors": wa}
            for i, f in enumerate(frames):
                t = combine(lex[i], f["tension_contrast"], f["tension_negativity"], f["tension_actors"],
                            {"lexicon": wl, "contrast": wc, "negativity": wn, "actors": wa})
                rt = centred_ranks(t)
                vals = []
                for g in golds[i]:
                    d = math.sqrt(float((rt * rt).sum() * (g * g).sum()))
                    vals.append(float((rt * g).sum()) / d if d > 0 else 0.0)
                r[f"rho_{i}"] = float(np.mean(vals))
            rows.append(r)
    out = pd.DataFrame(rows)
    out["rho_mean"] = out[[c for c in out.columns if c.startswith("rho_")]].mean(axis=1)
    return out


# ------------------------------------------------------------------------ benchmark
def bench_analysis(target_sentences: int = 1000, repeat: int = 1, seed: int = 0) -> pd.DataFrame:
    """Whole ``helpers.analysis.analyze`` vs the plain TF-IDF + KMeans baseline, warm.

    Rows: ``seed`` (the seed article) and ``long`` (~``target_sentences`` sentences:
    the seed's paragraphs shuffled with ``seed``, ``helpers.bench.long_article``).
    Columns: ``article, n_sentences, k, analyze_s`` (best of ``repeat`` after a warm-up
    call on the seed), ``tension_s`` (``stage_tension`` alone), ``plain_s``
    (``TfidfVectorizer()`` + ``KMeans(k, n_init=10)`` on the same sentence texts),
    ``analyze_x_plain`` and ``tension_share`` (tension stage / whole analysis).
    """
    import tempfile
    from pathlib import Path

    from . import analysis
    from .bench import long_article, seed_text
    from .themes import plain_baseline

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
