"""Sentence tension in 0..1 from its components (conflict lexicon, contrast, negative tone, actors)."""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.tension.lexicon import (
    _key,
    _match_token,
    _phrase_hits,
    load_tension_lexicon,
)
from helpers.text.sentences import sentence_languages
from helpers.text.tokens import separable_verbs
from helpers.text.wordlists import ADDITIVE_AFTER_TENSION as _ADDITIVE_AFTER
from helpers.text.wordlists import CONTRAST_AFTER_COMMA_TENSION as _CONTRAST_AFTER_COMMA
from helpers.text.wordlists import CONTRAST_TENSION as CONTRAST
from helpers.text.wordlists import DETERMINERS_TENSION_DE as _DETERMINERS
from helpers.text.wordlists import NEGATORS_TENSION as NEGATORS
from helpers.text.wordlists import NOT_NEGATION_AFTER as _NOT_NEGATION_AFTER

# ----------------------------------------------------------------------- constants
WEIGHTS: dict[str, float] = {"lexicon": 0.8, "contrast": 0.4, "negativity": 0.6, "actors": 0.4}
"""Combination weights (see the module docstring for how they were chosen)."""


LEXICON_SCALE = 1.5


ACTORS_FULL = 3


NEGATION_FACTOR = 0.25


NEG_WINDOW = 3


TENSE_THRESHOLD = 0.3
"""A sentence with ``tension >= TENSE_THRESHOLD`` counts as tense (``share_tense``)."""


COMPONENTS = ("lexicon", "contrast", "negativity", "actors")














_CLAUSE_BREAK = frozenset(",;:–—()[]\"„“”?!.…") | frozenset({"-"})


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
    ``sentiment`` and ``actors``, computed when missing). Each sentence is scored with
    its own language's lexicon, negators and contrast markers (the ``lang`` column; without
    it the article's language ``attrs["lang"]``; ``lang=`` forces one language for all,
    as in ``helpers.sentiment.score_sentences``); ``tokens``: its token
    table (made with ``helpers.tokens`` when omitted).  Returns one row per
    sentence, in the order of ``sentences``: ``sentence_id``, ``tension``,
    ``tension_lexicon``, ``tension_contrast``, ``tension_negativity``,
    ``tension_actors`` (all in [0, 1]), ``tension_lexicon_sum`` (summed term weights
    after negation), ``tension_n_actors`` and ``tension_terms`` ("Konflikt(conflict
    1.5); kein~Streit(conflict 0.38); doch(contrast)").
    """
    if "sentence_id" not in sentences or "text" not in sentences:
        raise InputError("score_tension needs a sentence table with sentence_id and text (helpers.sentences)")
    article, langs = sentence_languages(sentences, tokens, lang, "tension")
    if tokens is None:
        from helpers.text.tokens import tokens as make_tokens

        tokens = make_tokens(sentences, lang)
    lexicons = {code: load_tension_lexicon(code, lexicon_path) for code in sorted(set(langs))}
    if "sentiment" in sentences:
        sentiment = pd.to_numeric(sentences["sentiment"], errors="coerce").fillna(0.0).to_numpy(float)
    else:
        from helpers.sentiment.score import score_sentences

        sentiment = score_sentences(sentences, tokens, lang=lang)["sentiment"].to_numpy(float)
    if "actors" in sentences:
        actor_lists = [tuple(a) if isinstance(a, (tuple, list)) else () for a in sentences["actors"]]
    else:
        from helpers.actors import find_actors

        actor_lists = [tuple(a) for a in find_actors(sentences, tokens)[0]]

    groups: dict[int, list[int]] = {}
    for pos, sid in enumerate(tokens["sentence_id"].to_numpy()):
        groups.setdefault(int(sid), []).append(pos)
    texts = tokens["text"].astype(str).tolist()
    norms = tokens["norm"].astype(str).tolist() if "norm" in tokens else [t.lower() for t in texts]
    parts_col = tokens["parts"].tolist() if "parts" in tokens else [()] * len(texts)

    rows = []
    for row_i, sid in enumerate(int(s) for s in sentences["sentence_id"]):
        lang, lex = langs[row_i], lexicons[langs[row_i]]
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
    out.attrs["lang"] = article
    return out[cols]
