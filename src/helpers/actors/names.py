"""Actor names: lenient matching, canonical forms, and one name per actor across an article.

``same_actor`` is the lenient match the evaluation scores with; ``cluster_names`` merges the
forms an article uses for one actor ("UAW" = "United Auto Workers", "Hauer" = "Andreas Hauer",
"Bidens" = "Biden") and names the actor by the annotation guide's rule: the form most used in
the article, for a person the full name ("Andreas Hauer" even where the sentence says "Hauer").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.actors.rules import FIRST_NAMES

_NAME_STOP = frozenset("der die das des dem den the of von und and ag gmbh se inc ltd plc".split())


@dataclass
class Mention:
    """One actor mention in a sentence: ``name`` as found, ``kind`` (PER / ORG / LOC from the
    tagger, or a gazetteer type), token span in ``helpers.actors.ner.tokenize`` of the sentence
    (-1 when it has none), where it came from, and the article-level ``canonical`` name."""

    name: str
    kind: str
    start: int = -1
    end: int = -1
    source: str = "tagger"
    canonical: str = ""

    @property
    def label(self) -> str:
        return self.canonical or self.name


@lru_cache(maxsize=16_384)
def name_tokens(name: str) -> frozenset[str]:
    """Case-folded words of three letters or more (or a two-letter acronym), articles and legal forms aside."""
    words = re.findall(r"[^\W\d_]+", str(name))
    return frozenset(w.casefold() for w in words
                     if (len(w) >= 3 or (len(w) == 2 and w.isupper())) and w.casefold() not in _NAME_STOP)


@lru_cache(maxsize=16_384)
def same_actor(a: str, b: str) -> bool:
    """Do two actor names refer to the same actor, leniently? They share a word of three
    letters or more (or an acronym such as "EU"; articles and legal forms aside), or one
    word begins the other, or one is an acronym (dots aside) of the other's content words or
    the same acronym:
    "Andreas Hauer" ~ "Hauer", "STANDARD" ~ "Der Standard", "Österreich" ~ "österreichische
    Regierung", "ÖBB" ~ "ÖBB-Personenverkehr AG", "U.S." ~ "United States" ~ "US",
    "OSCE" ~ "Organization for Security and Cooperation in Europe".

    Cached (a pure function of two names): the actor stage asks it for the same pairs of
    names again and again (46,000 calls, 2.0 of 6.4 s on 4,700 news sentences)."""
    if a.casefold() == b.casefold():
        return True
    xa, xb = _acronym(a), _acronym(b)
    if (xa and xa == xb) or _stands_for(a, xa, b) or _stands_for(b, xb, a):
        return True
    ta, tb = name_tokens(a), name_tokens(b)
    if ta & tb:
        return True
    return any(x.startswith(y) or y.startswith(x) for x in ta for y in tb if min(len(x), len(y)) >= 2)


def _acronym(name: str) -> str:
    """``name`` as an acronym without dots ("U.S." -> "US"), or "" if it is none."""
    bare = str(name).replace(".", "")
    return bare if bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 6 else ""


def _stands_for(short: str, bare: str, long: str) -> bool:
    """Is ``short`` (``bare`` without dots) the acronym of the organisation or country ``long``?
    Three letters or more, or written with dots ("U.S."), and never a person's initials
    ("PS" is not "Peter Schmidt", "ORF" not "Otto R. Fischer")."""
    words = long.split()
    if not bare or len(words) < 2 or not (len(bare) >= 3 or "." in short):
        return False
    if words[0] in FIRST_NAMES or any(re.fullmatch(r"[A-ZÄÖÜ]\.", w) for w in words):
        return False
    return initials(long) == bare


_STOP_INITIALS = frozenset("of the and for de der die das des und für von zur zum in on".split())
_PERSON_KINDS = frozenset({"PER", "person", "name", "speaker"})


def initials(name: str) -> str:
    """Initials of the content words: "United Auto Workers" -> "UAW"."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _STOP_INITIALS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def degenitive(name: str) -> str:
    """Without an English genitive: "Biden's" -> "Biden"."""
    return re.sub(r"(?:'s|’s|')$", "", name)


_LEGAL_FORMS = frozenset("AG GmbH SE KG Inc Inc. Ltd Ltd. plc PLC Corp Corp. LLC Co. SA NV".split())


def _without_legal_form(name: str) -> str:
    words = name.split()
    return " ".join(words[:-1]) if len(words) >= 2 and words[-1] in _LEGAL_FORMS else name


#: Kinds of organisations, for which the last word of a name is the name too ("die Bahn").
_ORG_KINDS = frozenset({"ORG", "organisation", "company", "institution", "party"})
#: A German adjective's inflection: "Deutschen Bahn" is "Deutsche Bahn".
_ADJECTIVE_ENDING = re.compile(r"(?<=[a-zäöüß]{3})(?:e|en|er|es|em)$")


def _joins(new: str, kind: str, old: str, old_kind: str) -> bool:
    """Does the form ``new`` name the actor an earlier form ``old`` named?"""
    nw, ow = new.split(), old.split()
    if len(ow) >= 2 and len(nw) == 1 and nw[0] == ow[-1] and old_kind in _PERSON_KINDS:
        return True  # "Hauer" after "Andreas Hauer"
    if len(nw) >= 2 and len(ow) == 1 and ow[0] == nw[-1] and kind in _PERSON_KINDS:
        return True  # "Hauer" first, "Andreas Hauer" later
    if len(ow) == 2 and len(nw) == 1 and nw[0] == ow[0] and re.fullmatch(r"[A-ZÄÖÜ]\.", ow[1]) and \
            old_kind in _PERSON_KINDS:
        return True  # "Elisabeth" after "Elisabeth S." (a name the paper shortens)
    if len(nw) == 2 and len(ow) == 1 and ow[0] == nw[0] and re.fullmatch(r"[A-ZÄÖÜ]\.", nw[1]) and \
            kind in _PERSON_KINDS:
        return True
    if _without_legal_form(new) == _without_legal_form(old) and kind not in _PERSON_KINDS:
        return True  # "WKN AG" ~ "WKN"
    if len(ow) >= 2 and len(nw) == 2 and nw[0] == ow[0] and nw[1] == ow[-1]:
        return True  # "Donald Trump" ~ "Donald J. Trump"
    if new.isupper() and 2 <= len(new) <= 6 and len(ow) >= 2 and initials(old) == new:
        return True  # "UAW" after "United Auto Workers"
    return old.isupper() and 2 <= len(old) <= 6 and len(nw) >= 2 and initials(new) == old


class _FormIndex:
    """The distinct forms of the actors found so far, indexed by every key ``_joins`` compares
    (last word, first word, a one-word form, the form without a legal form, initials, a form in
    capitals), so that a new form is checked against the forms that can join it and not
    against all of them. Measured: on 1,000 English news sentences (704 names) the full scan
    made 552,000 ``_joins`` calls and took 4 of the analysis' 15 s; it grew with the square of
    the names."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        self.seen: list[set[str]] = []

    def add(self, ci: int, form: str) -> None:
        while len(self.seen) <= ci:
            self.seen.append(set())
        if form in self.seen[ci]:
            return
        pos = len(self.seen[ci])
        self.seen[ci].add(form)
        words = form.split()
        keys = {("legal", _without_legal_form(form))}
        if words:
            keys |= {("last", words[-1]), ("first", words[0])}
        if len(words) == 1:
            keys.add(("one", form))
        if len(words) >= 2:
            keys.add(("init", initials(form)))
        if form.isupper():
            keys.add(("upper", form))
        for key in keys:
            self.keys.setdefault(key, []).append((ci, pos, form))

    def candidates(self, form: str) -> list[tuple[int, int, str]]:
        words = form.split()
        probes = [("legal", _without_legal_form(form))]
        if words:
            probes += [("first", words[0]), ("one", words[-1])]
        if len(words) == 1:
            probes.append(("last", form))
        if form.isupper():
            probes.append(("init", form))
        if len(words) >= 2:
            probes.append(("upper", initials(form)))
        return sorted({c for key in probes for c in self.keys.get(key, ())})


def cluster_names(forms: list[tuple[str, str]]) -> dict[str, str]:
    """One name per actor: ``forms`` are ``(name, kind)`` in article order; returns each name's label.

    A form joins an earlier actor when it is the same without a genitive ("Bidens",
    "Biden's" -> "Biden"), a person's surname or first and last name, or an acronym of the
    other's content words (either order); the first actor (in order of appearance) that it
    joins. Organisations are then merged as ``_merge_organisations`` says ("Bahn", "Deutschen
    Bahn" -> "Deutsche Bahn"). The label is, for a person with a multi-word form,
    the most frequent multi-word form; otherwise the most frequent form, ties to the longer.
    """
    clusters: list[list[str]] = []
    kinds: list[str] = []
    assign: dict[str, int] = {}
    index = _FormIndex()
    for name, kind in forms:
        base = degenitive(name)
        cands = [name, base] + ([base[:-1]] if base.endswith("s") and len(base) > 3 else [])
        hit = next(((assign[c], c) for c in cands if c in assign), None)
        if hit is None:
            # the first (actor, its form in order, candidate) that joins, as a scan would find
            joins = [(ci, pos, j, c) for j, c in enumerate(cands[1:])
                     for ci, pos, s in index.candidates(c) if _joins(c, kind, s, kinds[ci])]
            first = min(joins, default=None)
            hit = (first[0], first[3]) if first else None
        if hit is None:
            clusters.append([])
            kinds.append(kind)
            hit = (len(clusters) - 1, base)
        found, form = hit
        clusters[found].append(form)
        index.add(found, form)
        assign.setdefault(name, found)
    into = _merge_organisations(clusters, kinds)
    merged: list[list[str]] = [[] for _ in clusters]
    for ci, forms_ in enumerate(clusters):
        merged[into[ci]].extend(forms_)
    labels = cluster_labels(merged, kinds)
    return {name: labels[into[ci]] for name, ci in assign.items()}


def _merge_organisations(clusters: list[list[str]], kinds: list[str]) -> list[int]:
    """For each cluster, the cluster it is merged into (itself if none): organisations whose
    multi-word names differ only in a German adjective's ending ("Deutschen Bahn", "Deutsche
    Bahn"), then an organisation named only by one word that is the last word of exactly one
    other organisation's name ("Bahn"; not "Union" beside "Afrikanische Union" and
    "Christlich-Soziale Union", which stays apart)."""
    into = list(range(len(clusters)))

    def root(i: int) -> int:
        while into[i] != i:
            i = into[i]
        return i

    orgs = [i for i, k in enumerate(kinds) if k in _ORG_KINDS]
    by_key: dict[str, int] = {}
    for i in orgs:
        for form in clusters[i]:
            if len(form.split()) >= 2:
                key = _uninflected(form)
                if key in by_key and root(by_key[key]) != root(i):
                    into[root(i)] = root(by_key[key])
                by_key.setdefault(key, i)
    lasts: dict[str, set[int]] = {}
    for i in orgs:
        for form in clusters[i]:
            if len(form.split()) >= 2:
                lasts.setdefault(form.split()[-1], set()).add(root(i))
    for i in orgs:
        if all(len(f.split()) == 1 for f in clusters[i]):
            owners = {root(j) for w in set(clusters[i]) for j in lasts.get(w, ())} - {root(i)}
            if len(owners) == 1:
                into[root(i)] = owners.pop()
    return [root(i) for i in range(len(clusters))]


def cluster_labels(clusters: list[list[str]], kinds: list[str]) -> list[str]:
    """Each cluster's label from its forms (one entry per mention): for a person with a
    multi-word form the most frequent multi-word form, else the most frequent form, ties to
    the longer (genitives counted as their base); an organisation's last word gives way to
    its full name ("Bahn" -> "Deutsche Bahn"), and of the forms that differ only in a
    German adjective's ending the shortest is the label ("Deutsche Bahn", not "Deutschen Bahn")."""
    labels = []
    for surf, kind in zip(clusters, kinds):
        if not surf:  # merged into another cluster
            labels.append("")
            continue
        counts: dict[str, int] = {}
        for s in surf:
            counts[degenitive(s)] = counts.get(degenitive(s), 0) + 1
        full = [s for s in counts if len(s.split()) >= 2]
        pool = full if kind in _PERSON_KINDS and full else list(counts)
        best = max(pool, key=lambda s: (counts[s], len(s), s))
        if kind in _ORG_KINDS:
            longer = [s for s in full if s.split()[-1] == best]
            if longer:  # an organisation's last word ("Bahn") is short for its name ("Deutsche Bahn")
                best = max(longer, key=lambda s: (counts[s], len(s), s))
            # of a name's inflected forms, the least inflected ("Deutsche Bahn", not "Deutschen Bahn")
            best = min((s for s in counts if _uninflected(s) == _uninflected(best)), key=lambda s: (len(s), s))
        labels.append(best)
    return labels


def _uninflected(name: str) -> str:
    words = name.split()
    return " ".join([_ADJECTIVE_ENDING.sub("", w) for w in words[:-1]] + words[-1:])
