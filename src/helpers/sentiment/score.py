"""Sentence sentiment in -1..1 and its summary per theme: the stage's entry points."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers.errors import InputError
from helpers.sentiment.emojis import find_emoji
from helpers.sentiment.english import _EN_WORD, _score_en, _vader, emoji_valence
from helpers.sentiment.german import RULES, _score_de
from helpers.sentiment.lexicon import _key, load_lexicon
from helpers.stats import bootstrap_mean_ci
from helpers.text.sentences import sentence_languages

NEUTRAL_BAND = 0.05
"""Scores in [-0.05, 0.05] count as neutral in ``theme_sentiment`` (VADER's convention)."""


# ------------------------------------------------------------------------ public API
def _token_groups(sentences: pd.DataFrame, tokens: pd.DataFrame | None, lang: str | None) -> tuple[pd.DataFrame, dict[int, list[int]]]:
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

    ``sentences``: the sentence table (``sentence_id``, ``text``). Each sentence is scored
    with its own language's rules: German with the lexicon and rules, English with VADER,
    by the table's ``lang`` column (an English quote in a German article gets VADER, the
    German sentences around it the German rules); without the column, by the article's
    language (``attrs["lang"]``); ``lang=`` forces one language for all.  ``tokens``: its
    token table (made with ``helpers.tokens`` when omitted; English ignores it).  Returns one row per
    sentence: ``sentence_id``, ``sentiment`` in [-1, 1], ``sentiment_raw`` (German: summed
    contributions / sqrt(n_polar); VADER: summed word valences / 4), ``n_polar`` (words that scored),
    ``sentiment_words`` ("word contribution; ..."; ``nicht~`` marks a negation,
    ``[druck]`` a compound head, ``½`` the half-weighted part before a contrast),
    ``sentiment_method`` (per sentence).
    """
    article, langs = sentence_languages(sentences, tokens, lang, "sentiment")
    sids = [int(s) for s in sentences["sentence_id"]]
    rows: list[tuple[float, float, int, str]] = [(0.0, 0.0, 0, "")] * len(sids)
    methods = [""] * len(sids)
    rules_set = frozenset(rules)
    if lexicon != "default" and "de" not in langs:
        raise InputError(f"lexicon={lexicon!r} is German only; English sentences are scored with VADER")
    for i, text in enumerate(sentences["text"]):
        if langs[i] == "en":
            rows[i], methods[i] = _score_en(str(text), rules_set), "vader"
    if "de" in langs:
        unknown = rules_set - set(RULES)
        if unknown:
            raise InputError(f"unknown sentiment rules {sorted(unknown)}: choose from {', '.join(RULES)}")
        lex = load_lexicon(lexicon)
        tokens, groups = _token_groups(sentences, tokens, lang)
        texts, norms, parts, negs = _columns(tokens)
        method = f"lexicon:{lex.name}" + ("" if rules_set == set(RULES) else f" rules={','.join(sorted(rules_set)) or 'none'}")
        for i, sid in enumerate(sids):
            if langs[i] != "de":
                continue
            idx = groups.get(sid, [])
            emojis = [(e, emoji_valence(e)) for e in find_emoji(str(sentences["text"].iat[i]))]
            rows[i] = _score_de([texts[j] for j in idx], [norms[j] for j in idx], [parts[j] for j in idx],
                                [negs[j] for j in idx], lex, rules_set, emojis)
            methods[i] = method
    out = pd.DataFrame(
        {
            "sentence_id": pd.Series(sids, dtype="int64"),
            "sentiment": [round(r[0], 4) for r in rows],
            "sentiment_raw": [round(r[1], 4) for r in rows],
            "n_polar": pd.Series([r[2] for r in rows], dtype="int64"),
            "sentiment_words": [r[3] for r in rows],
            "sentiment_method": pd.Series(methods, dtype=object),
        }
    )
    out.attrs["lang"] = article
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
    English counts VADER lexicon words; each sentence in its own language (as
    ``score_sentences``).  Returns ``sentence_id``, ``sentiment_naive``.
    """
    _, langs = sentence_languages(sentences, tokens, lang, "sentiment")
    values = [0.0] * len(sentences)
    lex_en = _vader().lexicon if "en" in langs else {}
    for i, text in enumerate(sentences["text"]):
        if langs[i] == "en":
            values[i] = _naive([np.sign(lex_en[w.lower()]) for w in _EN_WORD.findall(str(text)) if w.lower() in lex_en])
    if "de" in langs:
        lex = load_lexicon(lexicon)
        tokens, groups = _token_groups(sentences, tokens, lang)
        _, norms, _, _ = _columns(tokens)
        for i, sid in enumerate(sentences["sentence_id"]):
            if langs[i] == "de":
                values[i] = _naive([np.sign(lex.polarity.get(_key(norms[j]), 0.0)) for j in groups.get(int(sid), [])])
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
