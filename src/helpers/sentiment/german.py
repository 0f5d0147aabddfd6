"""German sentence sentiment: lexicon hits, the rules (negation, boosters, contrast, accusation, harm, resolution) and their aggregation."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from helpers.sentiment.lexicon import Lexicon, _key, _keys, _lookup
from helpers.text.tokens import is_known, separable_verbs
from helpers.text.wordlists import ADDITIVE_AFTER_SENTIMENT_DE as ADDITIVE_AFTER
from helpers.text.wordlists import CONTRAST_SENTIMENT_DE as CONTRAST_DE
from helpers.text.wordlists import DETERMINERS_SENTIMENT_DE as DETERMINERS_DE
from helpers.text.wordlists import NEGATORS_SENTIMENT_DE as NEGATORS_DE

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








CLAUSE_PUNCT = frozenset(",;:–—-()[]\"„“”‚‘'?!.…")


CLAUSE_WORDS_DE = frozenset(
    "aber sondern doch jedoch weil dass daß wenn obwohl denn während sodass damit falls".split()
)


#: Function words never scored themselves, even when a lexicon lists them.
NOT_POLAR_DE = NEGATORS_DE | CONTRAST_DE | frozenset("auch nur noch schon so wie als ja".split())


#: Prepositions a negation's window looks through, like articles: "nicht an eine schnelle
#: Lösung", "kein Grund zur Freude" (the two-way and dative/accusative prepositions, their
#: contractions with the article; "ohne" is a negator itself).
PREPOSITIONS_DE = frozenset(
    "an auf aus bei durch für gegen in mit nach seit über um unter von vor zu zum zur im am ins ans "
    "beim vom zwischen hinter neben".split()
)

#: Words a negation's window looks through besides articles and boosters: prepositions and
#: the degree words of "nicht mehr so gut", "nicht ganz zufrieden", "nicht allzu groß".
SEE_THROUGH_DE = PREPOSITIONS_DE | frozenset("mehr so ganz allzu".split())

#: Multi-word negators, matched on lowercased tokens and acting from their last word:
#: "alles andere als gut" is not good (Duden: "alles andere als" = "durchaus nicht").
PHRASE_NEGATORS_DE: tuple[tuple[str, ...], ...] = (("alles", "andere", "als"), ("alles", "andre", "als"))


def _ends_phrase_negator(lows: list[str], k: int) -> bool:
    return any(tuple(lows[k - len(p) + 1:k + 1]) == p for p in PHRASE_NEGATORS_DE if k + 1 >= len(p))


#: Subjunctive (Konjunktiv II) forms that make "nicht + comparative" a superlative:
#: "Die Stimmung könnte nicht besser sein", "Es hätte nicht schöner laufen können".
COUNTERFACTUAL_DE = frozenset("könnte könnten hätte hätten wäre wären".split())


def _counterfactual_comparative(texts: list[str], norms: list[str], lows: list[str], clauses: list[int],
                                k: int) -> bool:
    """True when the negator at ``k`` is followed by a comparative ("besser", lemma "gut";
    "schöner") in a clause with a Konjunktiv II form: the negation praises."""
    j = k + 1
    if j >= len(texts) or clauses[j] != clauses[k]:
        return False
    comparative = lows[j].endswith("er") and norms[j].lower() != lows[j]
    return comparative and any(lows[i] in COUNTERFACTUAL_DE for i in range(len(texts)) if clauses[i] == clauses[k])


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
            if not (negflags[k] or lows[k] in NEGATORS_DE or _ends_phrase_negator(lows, k)):
                continue
            if lows[k] == "nicht" and k + 1 < n and lows[k + 1] in {"nur", "zuletzt", "minder"}:
                continue
            if k > 0 and lows[k - 1] == "oder":
                continue  # "ob ... oder nicht"
            if _counterfactual_comparative(texts, norms, lows, clauses, k):
                continue  # "könnte nicht besser sein" is praise, not its denial
            targets = []
            counted = 0
            for j in range(k + 1, n):
                if clauses[j] != clauses[k] or counted >= NEG_WINDOW:
                    break
                if j in polar:
                    targets = [j]
                    break
                if lows[j] not in DETERMINERS_DE and lows[j] not in BOOSTERS_DE and lows[j] not in SEE_THROUGH_DE:
                    counted += 1  # "nie an eine schnelle Lösung": the window counts content words
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
    emojis: Sequence[tuple[str, float]] = (),
) -> tuple[float, float, int, str]:
    # "lehnt ... ab" is ablehnen: the verb is scored as the joined lemma, also when that is
    # a neutral verb the lexicon does not list ("kündigte ... an" is ankündigen, not kündigen)
    norms, texts = list(norms), list(texts)
    for k, j, joined in separable_verbs(texts, norms, lambda w: _key(w) in lex.polarity or is_known(w, "de")):
        norms[k] = joined
        texts[k] = f"{texts[k]}…{texts[j]}"  # shown so; no fallback lookup of the bare verb
    hits, n_content = _hits_de(texts, norms, parts, negflags, lex, rules)
    # an emoji counts as one polar word with the valence of its name (helpers.sentiment.emojis)
    hits += [_Hit(len(texts), v, 1.0, 1.0, e) for e, v in emojis if abs(v) >= 0.05]
    raw = _aggregate(hits, n_content)
    score = raw / math.sqrt(raw * raw + ALPHA)
    shown = "; ".join(f"{h.label} {_level(h.polarity) * h.factor * h.weight:+.2f}" for h in hits)
    return score, raw, len(hits), shown
