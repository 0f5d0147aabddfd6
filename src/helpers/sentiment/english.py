"""English sentence sentiment: VADER with news-usage updates and masks for names, reproaches, harmed goods and resolved conflicts."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from helpers.errors import InputError
from helpers.sentiment.emojis import emoji_multiwords, emoji_names, find_emoji
from helpers.sentiment.german import RULES


# ------------------------------------------------------------------ English (VADER)
@lru_cache(maxsize=1)
def _vader() -> Any:
    try:
        from vader import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise InputError(
            "English sentiment needs the package nltk-vader-sentiment: pip install nltk-vader-sentiment"
        ) from exc
    # emoji are read as their CLDR names ("😡" enraged face), not the older Unicode names
    # the package ships ("pouting face"); see helpers.sentiment.emojis
    base = SentimentIntensityAnalyzer()
    analyzer = SentimentIntensityAnalyzer(emoji=emoji_names(),
                                          multiword={**base.multiword, **emoji_multiwords(base.lexicon)})
    analyzer.lexicon.update(EN_LEXICON_UPDATES)
    return analyzer


@lru_cache(maxsize=4096)
def emoji_valence(emoji: str) -> float:
    """VADER's compound score (-1..1) of one emoji read as its CLDR name: "😡" -0.40,
    "🎉" +0.40, "👎" -0.42; 0.0 for emoji whose name carries no sentiment ("🚗")."""
    return float(_vader().polarity_scores(emoji)["compound"])


#: Multi-word negators VADER lacks, read as "not": "anything but fair" is not fair (VADER's
#: "but" rule would even weight "fair" up), "far from perfect" is not perfect.
_EN_PHRASE_NEGATOR = re.compile(r"\b(?:anything\s+but|far\s+from)\b", re.IGNORECASE)


#: "could not be better", "couldn't have gone better", "couldn't be happier": a negated
#: comparative in a counterfactual is praise; VADER would flip "better".
_EN_COUNTERFACTUAL = re.compile(
    r"\b(could|would)(?:\s+not|n't)(?=\s+(?:have\s+)?(?:be|been|gone|go|look|looked|feel|felt|sound|sounded)?\s*"
    r"(?:\w+er|more\s+\w+)\b)", re.IGNORECASE)


def rewrite_english_negators(text: str) -> str:
    """``text`` for VADER with "anything but" and "far from" read as "not", and the negation
    of a counterfactual comparative ("could not be better") removed.

    >>> rewrite_english_negators("The reform was anything but fair.")
    'The reform was not fair.'
    >>> rewrite_english_negators("The mood couldn't be better.")
    'The mood could be better.'
    """
    return _EN_COUNTERFACTUAL.sub(r"\1", _EN_PHRASE_NEGATOR.sub("not", text))


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
    if "negation" in rules:
        text = rewrite_english_negators(text)
    text, _ = mask_english_names(text)
    if "accusation" in rules:
        text, _ = mask_english_reproach(text)
    if "harm" in rules:
        text, _ = mask_english_harm(text)
    if "resolution" in rules:
        text, _ = mask_english_harm(text, resolution=True)
    compound = float(analyzer.polarity_scores(text)["compound"])
    from vader.constants import N_SCALAR  # VADER's negation factor, -0.74 (Hutto & Gilbert 2014)

    lex = analyzer.lexicon
    tokens = _EN_WORD.findall(text)
    words = []
    for i, w in enumerate(tokens):
        if w.lower() not in lex or w == _EN_NAME_MASK:
            continue
        # VADER's own negation rule: a negator among the three words before flips the word
        # by its N_SCALAR (-0.74); shown "not~fair" like the German "nicht~gut"
        neg = next((t for t in tokens[max(0, i - 3):i] if t.lower() in analyzer.negations or t.lower().endswith("n't")), None)
        words.append((f"{neg}~{w}" if neg else w, float(lex[w.lower()]) * (N_SCALAR if neg else 1.0)))
    words += [(e, 4 * v) for e in find_emoji(text) if (v := emoji_valence(e))]
    shown = "; ".join(f"{w} {v / 4:+.2f}" for w, v in words)
    return compound, sum(v for _, v in words) / 4, len(words), shown

