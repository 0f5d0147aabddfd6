"""Theme labels, top terms and representative sentences."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from helpers.themes.features import _sentence_terms

# ------------------------------------------------------------------------ labels
#: Words that occur in news on every subject and so name no theme (lowercased lemmas,
#: German and English; written for the project): time and quantity words, generic nouns,
#: reporting and light verbs ("sagen", "say", "continue"), quantifiers ("beide", "both").
#: Used for labels only, not for clustering.
_GENERIC_WORDS = frozenset(
    """jahr monat woche tag zeit mal prozent zahl teil seite fall art weise grund beispiel ende
    anfang beginn frage bereich ziel rolle punkt stelle form thema sache lage stand folge
    ergebnis entwicklung gesamt neu alt groß klein gut hoch lang weit letzt erst bisher bereits
    derzeit heute aktuell gleichzeitig zunehmend deutlich stark klar sogenannt etwa rund
    year month week day time percent number part side case way reason example end start
    question area goal role point place subject matter situation result development new old
    big small good high long far last first already currently today recent clear strong
    sagen erklären betonen betreffen beide beid mehr weiter weitere viel viele andere geben machen
    gehen kommen sehen lassen stehen bleiben zeigen nehmen bringen halten setzen finden sprechen
    say tell add continue make take come go see get give keep put include provide ensure
    seek reflect leave complete both more many much other another several various certain
    broad""".split()
)


#: Days and months name no theme (lowercased, German and English).
_CALENDAR_WORDS = frozenset(
    """montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai
    juni juli august september oktober november dezember monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december morgen vormittag mittag nachmittag abend nacht wochenende heute gestern
    vorgestern übermorgen morning afternoon evening night tonight weekend today yesterday
    tomorrow""".split()
)


def _display_forms(tokens: pd.DataFrame) -> dict[str, str]:
    """Most frequent written form per lowercased term (ties: alphabetical).

    The lemma as written, except where the lemma equals the token but for case: then
    the token as written, so that English names keep their capital ("Unite", not
    "unite", which simplemma returns in lower case). In English a capitalised word
    inside a sentence is a name and is shown as written ("Airways", not "airway")."""
    if len(tokens) == 0:
        return {}
    english = tokens.attrs.get("lang") == "en"
    texts = tokens["text"].astype(str).tolist()
    lemmas = tokens["lemma"].astype(str).tolist()
    shown = [t if t[:1].isupper() and i > 0 and (english or t.lower() == lem.lower()) else lem
             for t, lem, i in zip(texts, lemmas, tokens["token_id"].tolist())]
    counts = Counter(zip(tokens["norm"].astype(str).tolist(), shown))
    best: dict[str, tuple[int, str]] = {}
    for (norm, lemma), c in sorted(counts.items()):
        if norm not in best or c > best[norm][0]:
            best[norm] = (c, lemma)
    return {n: lem for n, (c, lem) in best.items()}


def _not_label_words(tokens: pd.DataFrame) -> set[str]:
    """Terms (``norm``) that name no theme, found from how the article writes them.

    - **Given names**: a capitalised word that is always directly followed by the same
      capitalised word, where that second word also stands alone in the article ("Reinhold"
      of "Reinhold Mitterlehner" when "Mitterlehner" is used alone: a person is named by the
      surname). ``FIRST_NAMES`` catches the common ones without this condition.
    - **Speaker tags and signatures**: words in capitals inside a run of capitalised-only
      words ("THE PRESIDENT", "JOSEPH R. BIDEN JR.") or directly before a colon ("BIDEN:").

    No word list: the rule reads only the token table (``text``, ``norm``, ``sentence_id``).
    """
    if len(tokens) == 0:
        return set()
    texts = tokens["text"].astype(str).tolist()
    norms = tokens["norm"].astype(str).tolist()
    sids = tokens["sentence_id"].tolist()
    n = len(texts)
    out: set[str] = set()
    followers: dict[str, set[str]] = {}
    after: Counter[tuple[str, str]] = Counter()
    total: Counter[str] = Counter()
    for i in range(n):
        nxt = i + 1 < n and sids[i + 1] == sids[i]
        prv = i > 0 and sids[i - 1] == sids[i]
        t = texts[i]
        total[norms[i]] += 1
        if prv:
            after[(norms[i - 1], norms[i])] += 1
        if t[:1].isupper() and t.isalpha():
            follower = norms[i + 1] if nxt and texts[i + 1][:1].isupper() and texts[i + 1].isalpha() else ""
            followers.setdefault(norms[i], set()).add(follower)
        if t.isalpha() and t.isupper() and len(t) > 1:
            caps_next = nxt and texts[i + 1].rstrip(".").isalpha() and texts[i + 1].rstrip(".").isupper()
            caps_prev = prv and texts[i - 1].rstrip(".").isalpha() and texts[i - 1].rstrip(".").isupper()
            colon = nxt and texts[i + 1] == ":"
            if caps_next or caps_prev or colon:
                out.add(norms[i])
    for word, nexts in followers.items():
        if len(nexts) == 1:
            (y,) = nexts
            if y and total[y] > after[(word, y)]:
                out.add(word)
    return out


def _label_terms(terms: list[str], lang: str | None, n: int) -> list[str]:
    """The ``n`` label words from a theme's top terms (best first).

    German labels take nouns and names (capitalised) before other words, since a
    theme is named by what it is about ("Zaun / Übertritt / Grenze", not "Zaun /
    Übertritt / glauben"); the order among them stays by weight.
    """
    if lang == "de":
        terms = [t for t in terms if t[:1].isupper()] + [t for t in terms if not t[:1].isupper()]
    return terms[:n]


def describe_themes(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    labels: np.ndarray,
    x: Any,
    tfidf: sparse.csr_matrix,
    vocab: list[str],
    idf: np.ndarray,
    n_terms: int = 8,
    n_label: int = 3,
    n_representative: int = 2,
) -> pd.DataFrame:
    """One row per theme.

    Columns: ``theme`` (int), ``label`` (top ``n_label`` distinctive lemmas joined
    by " / "), ``top_terms`` (tuple of ``(lemma, weight)``, weights summing to 1),
    ``n_sentences``, ``share`` (of sentences), ``first_sentence``,
    ``last_sentence`` (sentence ids), ``paragraphs`` (tuple of paragraph ids),
    ``representative`` (text of the sentence closest to the centroid),
    ``representative_ids`` (tuple of 1-2 sentence ids closest to the centroid).

    Distinctiveness is class-based TF-IDF (as in BERTopic):
    ``tf(term, theme) * ln(1 + A / f(term))`` with ``A`` the mean number of
    term occurrences per theme and ``f`` the term's occurrences in the article,
    times ``ln(1 + K / themes containing the term)`` so that a word spread over
    all themes (the article's main actor) does not name every theme, times
    ``sqrt(IDF)`` (specific words first; words the IDF dropped as very common
    are never used), times 2 for capitalised lemmas (nouns and names read
    better as labels); equal weights go to the word more central to the theme
    (higher in its mean context-mixed vector ``x``).  The representative sentences are those whose own
    TF-IDF vector is closest (cosine) to the theme's mean TF-IDF vector.
    """
    ids = sentences["sentence_id"].to_numpy()
    texts = sentences["text"].astype(str).to_numpy()
    paras = sentences["paragraph"].to_numpy()
    heading = sentences["is_heading"].to_numpy().astype(bool) if "is_heading" in sentences else np.zeros(len(ids), bool)
    themes = sorted(set(labels.tolist()))
    forms = _display_forms(tokens)
    # raw term counts per theme
    terms = _sentence_terms(sentences, tokens, use_parts=False)
    index = {t: j for j, t in enumerate(vocab)}
    class_counts = np.zeros((len(themes), len(vocab)))
    class_df = np.zeros((len(themes), len(vocab)))
    for i, ts in enumerate(terms):
        for t in ts:
            j = index.get(t)
            if j is not None:
                class_counts[labels[i], j] += 1
        for t in set(ts):
            j = index.get(t)
            if j is not None:
                class_df[labels[i], j] += 1
    # dense for short articles (as always); long ones stay sparse (n x vocabulary would not fit)
    tf_rows = tfidf.toarray() if sparse.issparse(tfidf) and tfidf.shape[0] * tfidf.shape[1] <= 4_000_000 else tfidf
    x_rows = sparse.csr_matrix(x)
    from helpers.actors import FIRST_NAMES

    not_label = _not_label_words(tokens)
    capital_boost = np.array([
        0.0 if forms.get(t, t) in FIRST_NAMES or t in _CALENDAR_WORDS or t in _GENERIC_WORDS or t in not_label
        else (2.0 if forms.get(t, t)[:1].isupper() else 1.0)
        for t in vocab
    ])
    # words of one sentence only name that sentence, not a theme: kept only for a theme
    # whose every word is such a word (a theme of one sentence)
    in_sentences = class_df.sum(axis=0)
    rows = []
    for c in themes:
        members = np.flatnonzero(labels == c)
        row_counts = class_counts[c]
        total = row_counts.sum()
        top: tuple[tuple[str, float], ...] = ()
        if total > 0:
            tf = row_counts / total
            avg = class_counts.sum() / max(len(themes), 1)
            freq = np.maximum(class_counts.sum(axis=0), 1.0)
            theme_df = np.maximum((class_counts > 0).sum(axis=0), 1)
            spread = np.sqrt(class_df[c] / max(len(members), 1))  # in how many of the theme's sentences
            w = tf * spread * np.log1p(avg / freq) * np.log1p(len(themes) / theme_df) * np.sqrt(np.maximum(idf, 0.0))
            w = w * capital_boost
            if (w * (in_sentences >= 2) > 0).any():
                w = w * (in_sentences >= 2)
            if not (w > 0).any():
                # every word of the theme has IDF 0: ``_local_idf`` zeroes words found in more
                # than max_df of all sentences (and >= 3) so that they do not drive the
                # clustering; in an article that repeats one sentence ("Die Lage ist ernst."
                # six times) those are all its words, and they do name the theme
                # and when even those are generic words ("The situation is serious." six
                # times: "serious" is a stop word, "situation" generic), they name it
                boost = np.where(capital_boost > 0, capital_boost, 0.5)
                w = tf * spread * np.log1p(avg / freq) * np.log1p(len(themes) / theme_df) * boost
            # equal weights (typically words used once each) are ordered by how central the
            # word is to the theme: its weight in the theme's mean context-mixed vector
            # (words of the block's middle and of its paragraphs first), then alphabetically
            central = np.asarray(x_rows[members][:, : len(vocab)].mean(axis=0)).ravel()
            order = sorted((j for j in np.flatnonzero(w > 0)),
                           key=lambda j: (-round(float(w[j]), 9), -round(float(central[j]), 9), vocab[j]))[:n_terms]
            wsum = float(sum(w[j] for j in order)) or 1.0
            top = tuple((forms.get(vocab[j], vocab[j]), round(float(w[j]) / wsum, 4)) for j in order)
        label = " / ".join(_label_terms([t for t, _ in top], tokens.attrs.get("lang"), n_label)) if top \
            else "(no content words)"
        # representative: cosine of the sentence's own TF-IDF with the theme's mean
        # TF-IDF (the context-mixed features would favour empty sentences);
        # headings last, ties by position
        centroid = np.asarray(tf_rows[members].mean(axis=0)).ravel() if tf_rows.shape[1] else np.zeros(0)
        cn = float(np.linalg.norm(centroid)) or 1.0
        sim = np.asarray(tf_rows[members] @ centroid).ravel() / cn if tf_rows.shape[1] else np.zeros(len(members))
        order_m = sorted(range(len(members)), key=lambda m: (bool(heading[members[m]]), -round(float(sim[m]), 12), m))
        rep = tuple(int(ids[members[m]]) for m in order_m[:n_representative])
        rows.append(
            {
                "theme": int(c),
                "label": label,
                "top_terms": top,
                "n_sentences": int(len(members)),
                "share": round(len(members) / max(len(labels), 1), 4),
                "first_sentence": int(ids[members].min()),
                "last_sentence": int(ids[members].max()),
                "paragraphs": tuple(sorted({int(p) for p in paras[members]})),
                "representative": str(texts[members[order_m[0]]]),
                "representative_ids": rep,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "theme", "label", "top_terms", "n_sentences", "share", "first_sentence",
            "last_sentence", "paragraphs", "representative", "representative_ids",
        ],
    )


def theme_overview(themes: pd.DataFrame, n_terms: int = 6) -> pd.DataFrame:
    """A reader-facing view of the theme table: themes numbered from 1, top terms as text."""
    out = pd.DataFrame({
        "theme": [f"T{int(t) + 1}" for t in themes["theme"]],
        "label": themes["label"],
        "sentences": themes["n_sentences"],
        "top terms (weight)": [", ".join(f"{w} ({v:.2f})" for w, v in terms[:n_terms]) for terms in themes["top_terms"]],
        "representative sentence": themes["representative"],
    })
    return out
