"""Sentence sentiment in -1..1 and its summary per theme: the stage's entry points."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.sentiment.english import _EN_WORD, _score_en, _vader
from helpers.sentiment.german import RULES, _score_de
from helpers.sentiment.lexicon import _key, load_lexicon
from helpers.stats import bootstrap_mean_ci

NEUTRAL_BAND = 0.05
"""Scores in [-0.05, 0.05] count as neutral in ``theme_sentiment`` (VADER's convention)."""


# ------------------------------------------------------------------------ public API
def _lang_of(sentences: pd.DataFrame, tokens: pd.DataFrame | None, lang: str | None) -> str:
    lang = lang or sentences.attrs.get("lang") or (tokens.attrs.get("lang") if tokens is not None else None)
    if lang not in ("de", "en"):
        raise InputError(f"sentiment is available for German (de) and English (en), not {lang!r}")
    return str(lang)


def _token_groups(sentences: pd.DataFrame, tokens: pd.DataFrame | None, lang: str) -> tuple[pd.DataFrame, dict[int, list[int]]]:
    if tokens is None:
        from helpers.text.tokens import tokens as make_tokens

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
