"""Actors with the shipped named-entity tagger (the default method), sentence by sentence.

Stages, each a function of the article's sentences:

1. **tagger**: PER / ORG / LOC spans of the CRF (``helpers.actors.ner``); a span with
   lower-case words keeps its capitalised core ("British Airways cabin crew" -> "British
   Airways"), a leading title is cut off ("President Biden" -> "Biden", "Prime Minister Omar
   Haddad" -> "Omar Haddad"), a leading English "The" and a trailing "'s" dropped, a named
   event ("Hurricane Ida") and a lone determiner are no actors;
2. **filters** on tagger spans: words inside an all-caps speaker label of two or more words
   ("THE PRESIDENT:"), a sentence-initial single word that is a dictionary word never written
   capitalised elsewhere in the article ("No"), a sentence-initial quantity ("Drei Tage"),
   a single word right before a number ("the
   Big 3"); a one-word label ("Q:") is never tagged as a name;
   **patterns** the tagger misses (``helpers.actors.patterns``): "Governor Tate Reeves",
   "Federal Aviation Administration", "Verkehrsministerium", an interview's speaker labels,
   "... in Europe (OSCE)" named by its acronym;
3. **gazetteer**: first the user's list (``find_actors(..., user_actors)``), which wins over
   an overlapping tagger span, then ``data/actors.tsv`` and ``helpers.actors.world`` (the world's
   countries, US parties and chambers) on the words *outside* tagger spans only
   ("Deutsche Post" is not also Deutschland), without its role groups ("Regierung", "the
   union": with the tagger they cost more precision than they add recall on the dev articles);
4. **compounds** whose parts are names the article uses alone are those names
   ("Microsoft-Lösungen" -> Microsoft); **seats**: a city after a seat noun ("Stadt Wien", "Flughafen Wien", "City of Vienna") is
   that institution, not the country whose capital it is;
5. **canonical names**: a mention that is exactly a gazetteer alias gets the gazetteer's name;
   **settings**: a city in the dateline or after "in" is no actor (``helpers.actors.places``);
6. **one name per actor** across the article (``helpers.actors.names.cluster_names``);
7. **repeats**: once a name is found, later sentences that use its single word (or the last
   word of a multi-word name: "Hauer", "Post") name it too, and so does a compound holding
   such a name anywhere in the article ("ÖVP-Landeshauptleute", "STANDARD-Interview");
8. **references**: pronouns and role nouns (``helpers.actors.references``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from helpers.actors.names import (
    Mention,
    cluster_names,
    degenitive,
    initials,
    same_actor,
)
from helpers.actors.ner import gazetteer_words, tagger, tokenize
from helpers.actors.patterns import (
    TITLES,
    acronym_definitions,
    institution_words,
    org_names,
    speaker_labels,
    title_names,
)
from helpers.actors.places import _DETERMINERS, _MODIFIERS, describes_person, seat_span, settings
from helpers.actors.references import PERSON_ROLES, resolve_references
from helpers.actors.rules import (
    FIRST_NAMES,
    NOT_ACTORS,
    ROLE_NOUNS,
    _AliasIndex,
    _user_aliases,
    actor_table,
    gazetteer,
)
from helpers.actors.world import world_aliases

KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place"}
"""Tagger types as the actor table's ``type``."""

_LABEL = re.compile(r"^\s*((?:[A-ZÄÖÜ][A-ZÄÖÜ.'’&-]*\s+)+[A-ZÄÖÜ][A-ZÄÖÜ.'’&-]*)\s*:")
_TITLES = frozenset("mr mrs ms dr prof herr frau senior deputy acting chief advisor adviser director "
                    "administrator".split())
_OPENERS = frozenset({":", '"', "“", "„", "(", "–"})


@functools.lru_cache(maxsize=2)
def _world_index(lang: str) -> _AliasIndex:
    """The gazetteer and ``helpers.actors.world`` as one index, built once per language."""
    return _AliasIndex(gazetteer(lang) + world_aliases(lang))


def _masked(toks: list[str], spans: Iterable[Mention]) -> list[str]:
    out = list(toks)
    for m in spans:
        for k in range(max(m.start, 0), max(m.end, 0)):
            out[k] = "\u2007"
    return out


_CONNECTORS = frozenset("of the and for in de la von der des und für am im zu zur zum".split())

DESCRIPTORS = ("firma", "konzern", "unternehmen", "hersteller", "anbieter", "betreiber", "händler", "riese",
               "gigant", "bauer", "dienstleister", "versorger", "fluglinie", "airline", "startup", "start-up")
"""German nouns that describe the organisation named after them ("Softwarekonzern Microsoft")."""

EVENT_WORDS = frozenset("Hurricane Storm Typhoon Operation Hurrikan Sturm Tropensturm Orkan Taifun".split())
"""First words of named events, which are no actors ("Hurricane Ida", "Operation Prosperity Guardian")."""


def _capitalised_core(toks: list[str], a: int, b: int) -> tuple[int, int]:
    """The longest run of capitalised words (connectors such as "of", "für" allowed inside) of a
    span that also holds lower-case words: "British Airways cabin crew" -> "British Airways"."""
    if all(t[:1].isupper() or t in _CONNECTORS or not t[:1].isalpha() for t in toks[a:b]):
        while b - a > 1 and toks[a] in _CONNECTORS:
            a += 1  # "von Windkraft Nord AG"
        while b - a > 1 and toks[b - 1] in _CONNECTORS:
            b -= 1
        return a, b
    best, start = (a, a), None
    for i in range(a, b + 1):
        ok = i < b and (toks[i][:1].isupper() or (start is not None and toks[i] in _CONNECTORS))
        if ok and start is None:
            start = i
        if not ok and start is not None:
            end = i
            while end > start and toks[end - 1] in _CONNECTORS:
                end -= 1
            if end - start > best[1] - best[0]:
                best = (start, end)
            start = None
    return best


def tagger_mentions(tokens: list[list[str]], lang: str) -> list[list[Mention]]:
    """Stage 1: tagger spans, role nouns and a trailing "'s" cut off."""
    tg = tagger(lang)
    dotted_titles = ROLE_NOUNS | _MODIFIERS
    titles = PERSON_ROLES["en"] | _TITLES | TITLES[lang]
    events = {toks[j + 1] for toks in tokens for j, t in enumerate(toks[:-1]) if t in EVENT_WORDS}
    out = []
    for toks in tokens:
        ms = []
        for a, b, typ in tg.entities(toks):
            if (b < len(toks) and toks[b] in ("v.", "vs.", "v")) or (a > 0 and toks[a - 1] in ("v.", "vs.")):
                continue  # "Roe v. Wade": a court case, not its parties
            while typ == "PER" and b - a > 1 and (toks[a].lower().rstrip(".") in dotted_titles
                                                  or toks[a].lower() in titles):
                a += 1
            a, b = _capitalised_core(toks, a, b)
            if typ == "PER" and b < len(toks) and len(toks[b - 1]) == 1 and toks[b - 1].isupper() and toks[b] == ".":
                b += 1  # "Elisabeth S" + "."
            elif typ == "PER" and b + 1 < len(toks) and len(toks[b]) == 1 and toks[b].isupper() and toks[b + 1] == ".":
                b += 2  # "Elisabeth" + "S" + "."
            if lang == "en" and b - a > 1 and toks[a] in ("The", "the"):
                a += 1  # "The United States"
            words = [w for w in toks[a:b] if w not in ("'s", "’s")]
            if lang != "en" and len(words) >= 2 and words[0].lower().endswith(DESCRIPTORS) and words[1][:1].isupper():
                words, a = words[1:], a + 1  # "Windenergiefirma PNE" -> "PNE"
            if words and (words[0] in EVENT_WORDS or (len(words) == 1 and (
                    words[0].lower() in _DETERMINERS or words[0] in events))):
                continue  # "Hurricane Ida" and "Ida" after it; "The" left of "The two leaders"
            if len(words) == 1 and (words[0] in NOT_ACTORS or words[0].rstrip("s") in NOT_ACTORS):
                continue  # "KI", "CEO": the project's list of abbreviations that are no actors
            if words and any(w[:1].isupper() or w[:1].isdigit() for w in words) and not all(
                    w.lower().rstrip(".") in ROLE_NOUNS | _TITLES for w in words):  # "the union", "Mr. President"
                ms.append(Mention(" ".join(words).replace(" .", "."), typ, a, b, "tagger"))  # "Elisabeth S."
        out.append(ms)
    return out


#: Units of time and measure: a sentence-initial number word and one of these is a quantity
#: ("Drei Tage später …", "Two Weeks later …"), no actor; "Vier Pfoten" stays a possible name.
_UNIT_WORDS = frozenset(
    "sekunden minuten stunden tage wochen monate jahre jahrzehnte jahrhunderte prozent millionen milliarden "
    "euro dollar kilometer meter mal runden seconds minutes hours days weeks months years decades centuries "
    "percent million millions billion billions dollars euros miles kilometres kilometers times rounds".split())
_NUMBER_WORDS = frozenset(
    "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig hundert "
    "tausend hunderte tausende dutzende two three four five six seven eight nine ten eleven twelve "
    "twenty thirty forty fifty hundred thousand hundreds thousands dozens".split())


def filter_mentions(texts: list[str], tokens: list[list[str]], per: list[list[Mention]], lang: str,
                    known: Mapping[str, bool]) -> list[list[Mention]]:
    """Stage 2: drop speaker labels, capitalised sentence-initial common words and quantities
    ("Drei Tage": a ``_NUMBER_WORDS`` word and a ``_UNIT_WORDS`` word), "Big" in "the Big 3".
    ``known`` says for sentence-initial words whether the dictionary knows them."""
    mid_caps = {t for toks in tokens for j, t in enumerate(toks)
                if j > 0 and toks[j - 1] not in _OPENERS and t[:1].isupper()}
    gaz = gazetteer_words()
    out = []
    for text, toks, ms in zip(texts, tokens, per):
        label = _LABEL.match(text)
        label_end = len(tokenize(label.group(1))) if label else 0
        one_word_label = len(toks) > 1 and toks[1] == ":" and (toks[0].isupper() or len(toks[0]) == 1)
        keep = []
        for m in ms:
            if m.end <= label_end or (one_word_label and m.start == 0 and m.end == 1 and len(toks[0]) <= 2):
                continue
            initial = m.start == 0 or toks[m.start - 1] in _OPENERS
            if (initial and m.end - m.start == 2 and toks[m.start].lower() in _NUMBER_WORDS
                    and toks[m.start + 1].lower() in _UNIT_WORDS):
                continue
            if m.end - m.start == 1:
                w = toks[m.start]
                if (m.start == 0 or toks[m.start - 1] in _OPENERS) and w not in mid_caps and w not in gaz and known.get(w, False):
                    continue
                if m.end < len(toks) and toks[m.end].isdigit() and w not in gaz:
                    continue
            keep.append(m)
        out.append(keep)
    return out


def user_mentions(tokens: list[list[str]], per: list[list[Mention]], index: _AliasIndex) -> list[list[Mention]]:
    """The user's names come first: a tagger span overlapping one gives way to it."""
    out = []
    for toks, ms in zip(tokens, per):
        found: list[Mention] = []
        i = 0
        while i < len(toks):
            hit = index.first_match(toks, i)
            if hit is None:
                i += 1
                continue
            found.append(Mention(hit.canonical, hit.kind, i, i + len(hit.tokens), "user"))
            i += len(hit.tokens)
        out.append([m for m in ms if not any(m.start < u.end and u.start < m.end for u in found)] + found
                   if found else ms)
    return out


def gazetteer_mentions(tokens: list[list[str]], per: list[list[Mention]], index: _AliasIndex,
                       groups: bool, lang: str = "de") -> list[list[Mention]]:
    """Stages 3 and 4: gazetteer hits outside tagger spans (whole words and hyphen parts); a
    city after a seat noun is the seat ("Flughafen Wien"), not the country."""
    out = []
    for toks, ms in zip(tokens, per):
        masked = _masked(toks, ms)
        found: list[Mention] = []
        i = 0
        while i < len(masked):
            hit = index.first_match(masked, i)
            if hit is not None:
                end = i + len(hit.tokens)
                seat = seat_span(toks, i, end) if hit.kind == "country" and hit.tokens[0] != hit.canonical else None
                if seat is not None:
                    found.append(Mention(" ".join(toks[seat[0]:seat[1]]), "organisation", *seat, "seat"))
                elif describes_person(toks, i, end, hit, ms, lang):
                    pass  # "die deutsche Bundeskanzlerin Angela Merkel": her nationality, not Germany
                elif groups or hit.kind != "group":
                    found.append(Mention(hit.canonical, hit.kind, i, end, "gazetteer"))
                i = end
                continue
            if "-" in masked[i].strip("-"):
                for part in masked[i].split("-"):
                    h = index.first_match([part], 0) if part else None
                    if h is not None and len(h.tokens) == 1 and (groups or h.kind != "group"):
                        found.append(Mention(h.canonical, h.kind, i, i + 1, "gazetteer"))
            i += 1
        out.append(ms + [m for m in found if not any(same_actor(m.name, k.name) for k in ms)])
    return out


def compound_names(per: list[list[Mention]]) -> list[list[Mention]]:
    """A tagged compound whose parts include names the article uses on their own is those
    names ("Microsoft-Lösungen" -> Microsoft, "OpenAI-Microsoft-Beziehung" -> OpenAI, Microsoft)."""
    known = {m.name for ms in per for m in ms if "-" not in m.name}
    out = []
    for ms in per:
        new: list[Mention] = []
        for m in ms:
            parts = [p for p in m.name.split("-") if p in known] if "-" in m.name and " " not in m.name else []
            new += [Mention(p, m.kind, m.start, m.end, m.source) for p in parts] if parts else [m]
        out.append(new)
    return out


CANONICAL = {"en": {"USA": "United States", "US": "United States", "U.S.": "United States",
                    "America": "United States"}, "de": {}}
"""English names for the United States as written by the annotators and most news."""


def canonical_names(tokens: list[list[str]], per: list[list[Mention]], lang: str, index: _AliasIndex) -> None:
    """Stage 5 (in place): exact gazetteer (or user) aliases to their name; a tagged city after
    a seat noun to the seat."""
    for toks, ms in zip(tokens, per):
        for m in ms:
            if m.source == "tagger":
                words = m.name.split()
                hit = index.first_match(words, 0)
                if hit is not None and len(hit.tokens) == len(words) and hit.kind != "group":
                    seat = seat_span(toks, m.start, m.end) if hit.kind == "country" and words[0] != hit.canonical else None
                    if seat is not None:
                        m.name, m.kind, m.start, m.end = " ".join(toks[seat[0]:seat[1]]), "ORG", *seat
                        m.source = "seat"
                    else:
                        m.name, m.kind = hit.canonical, hit.kind
            m.name = CANONICAL["en" if lang == "en" else "de"].get(m.name, m.name)


_KEY_KINDS = ("PER", "ORG", "person", "organisation", "company", "name", "party", "institution")


def _add_keys(keys: dict[str, tuple[str, str]], ms: list[Mention]) -> None:
    for m in ms:
        words = m.label.split()
        if m.kind in _KEY_KINDS and words[-1][:1].isupper() and len(words[-1]) >= 3:
            keys.setdefault(words[-1], (m.label, m.kind))
        elif m.kind in ("PER", "person") and len(words) == 2 and re.fullmatch(r"[A-ZÄÖÜ]\.", words[1]):
            keys.setdefault(words[0], (m.label, m.kind))  # "Elisabeth" after "Elisabeth S."
        if m.kind in ("ORG", "organisation", "company", "institution") and len(words) >= 2:
            keys.setdefault(initials(m.label), (m.label, m.kind))


def _compound_keys(per: list[list[Mention]], is_word: Callable[[str], bool]) -> dict[str, tuple[str, str]]:
    """Names that a compound may hold, from the whole article: single-word names and acronyms,
    and the last word of a longer name when it is no dictionary word ("Stöger" in "Stöger-Elf")
    or the name is one of the article's main actors, named in two sentences or more ("Post"
    in "Post-Vorstand" of an article about Deutsche Post; not "Hacker" in "Hacker-Angriff" of
    one naming Peter Hacker once); never a seat ("Wien" of "Stadt Wien" in "Wien-Besuch")."""
    keys: dict[str, tuple[str, str]] = {}
    sentences_of: dict[str, int] = {}
    for ms in per:
        for label in {m.label for m in ms}:
            sentences_of[label] = sentences_of.get(label, 0) + 1
    for ms in per:
        for m in ms:
            words = m.label.split()
            if m.source == "seat" or m.kind not in _KEY_KINDS or len(words[-1]) < 2:
                continue
            if len(words) == 1 or not is_word(words[-1]) or sentences_of[m.label] >= 2:
                keys.setdefault(words[-1], (m.label, m.kind))
    return keys


def repeat_names(tokens: list[list[str]], per: list[list[Mention]],
                 is_word: Callable[[str], bool] = lambda w: True) -> list[list[Mention]]:
    """Stage 7: later sentences using a found name's (last) word, or the initials of a
    multi-word organisation ("UAW" after "United Auto Workers"), name it too; a compound
    holding such a name anywhere in the article names it as well ("STANDARD-Interview",
    "ÖVP-Landeshauptleute", "Stöger-Elf"), as the annotation guide counts names inside compounds."""
    everywhere = _compound_keys(per, is_word)
    keys: dict[str, tuple[str, str]] = {}
    out = []
    for toks, ms in zip(tokens, per):
        names = {m.label for m in ms}
        added = []
        for j, t in enumerate(toks):
            compound = "-" in t.strip("-") and t.split("-")[-1][:1].isupper()  # not "Court-ordered"
            parts = [(t, keys)] + ([(p, everywhere) for p in t.split("-")[:-1] if p] if compound else [])
            for part, where in parts:
                key = where.get(degenitive(part)) or where.get(part[:-1] if part.endswith("s") else "")
                if key and key[0] not in names and not any(same_actor(key[0], n) for n in names):
                    names.add(key[0])
                    added.append(Mention(key[0], key[1], j, j + 1, "repeat", key[0]))
        _add_keys(keys, ms)
        out.append(ms + added)
    return out


def find_actors_tagged(sentences: pd.DataFrame, lang: str,
                       user_actors: Mapping[str, str] | Iterable[str] | None = None
                       ) -> tuple[pd.Series, pd.DataFrame]:
    """``(per_sentence, table)`` as ``helpers.actors.find_actors`` documents, by the stages above."""
    from helpers.text.tokens import is_known

    lang = "en" if lang == "en" else "de"
    texts = [str(t) for t in sentences["text"]]
    tokens = [tokenize(t) for t in texts]
    def dictionary_word(w: str) -> bool:
        return is_known(w.lower(), lang) or (lang == "de" and is_known(w, lang))

    first_words = {toks[0] for toks in tokens if toks}
    # filter_mentions reads ``known`` for sentence-initial words only, so it gets those alone
    per = filter_mentions(texts, tokens, tagger_mentions(tokens, lang), lang,
                          {w: dictionary_word(w) for w in first_words})
    known = {w: dictionary_word(w) for w in first_words | {t for toks in tokens for t in toks if t[:1].isupper()}}
    per = org_names(tokens, per) if lang == "en" else institution_words(tokens, per)
    per = speaker_labels(texts, tokens, title_names(tokens, per, lang, FIRST_NAMES, known), known)
    per = acronym_definitions(tokens, per)
    user = _user_aliases(user_actors)
    if user:
        per = user_mentions(tokens, per, _AliasIndex(user))
    index = _AliasIndex(user + gazetteer(lang) + world_aliases(lang)) if user else _world_index(lang)
    per = compound_names(gazetteer_mentions(tokens, per, index, groups=False, lang=lang))
    canonical_names(tokens, per, lang, index)
    per = settings(tokens, per, lang)
    labels = cluster_names([(m.name, m.kind) for ms in per for m in ms if m.kind != "group"])
    for ms in per:
        for m in ms:
            m.canonical = labels.get(m.name, m.name)
    per = resolve_references(tokens, repeat_names(tokens, per, lambda w: known.get(w, True)), lang)
    kinds: dict[str, str] = {}
    found = []
    for ms in per:
        names: list[str] = []
        for m in ms:
            if m.label not in names and not any(  # "Post" next to "Deutsche Post": one actor
                    same_actor(m.label, n) and (m.label in n or n in m.label) for n in names):
                names.append(m.label)
                kinds.setdefault(m.label, KINDS.get(m.kind, m.kind))
        found.append(tuple(names))
    per_sentence = pd.Series(found, index=sentences.index, name="actors", dtype=object)
    return per_sentence, actor_table(per_sentence, sentences["sentence_id"], kinds)
