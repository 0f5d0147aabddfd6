"""Actors by inspectable rules (the method before issue 14, kept for comparison): per sentence.

No model is downloaded; actors are found by inspectable heuristics, in this order:

1. a user-supplied list (``{"alias": "canonical"}`` or a list of names);
2. the shipped gazetteer ``data/actors.tsv`` (countries, international organisations,
   large companies; German and English names, adjectives and capitals);
3. acronyms ("ÖBB", "SPÖ"; not in ``NOT_ACTORS`` such as "KI", "CEO");
4. brand-like names with an inner capital ("OpenAI", "YouTube");
5. people: two or more capitalised words after a role noun ("Außenminister Nikola
   Poposki") or a capitalised pair whose last word recurs alone ("Andreas Hauer" …
   "Hauer sagt"), later mentions of the surname mapped to the full name; in English,
   any run of capitalised words that is not at a sentence start;
6. interview speakers ("Poposki: …") that recur;
7. names inside hyphenated compounds ("OpenAI-Microsoft-Beziehung", "ÖBB-Konkurrent").

The gazetteer also lists parties named by their role (type ``group``): government and
opposition, unions and employers, boards, courts, police, critics ... In a conflict
they are the sides even without a proper name ("Der Aufsichtsrat sprach dem Vorstand
das Misstrauen aus"). Right before a name ("the union, Unite") the role is that name
and is not counted again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

NOT_ACTORS: frozenset[str] = frozenset(
    "KI AI IT CEO CFO CTO COO GmbH AG SE EUR USD GBP CHF PDF TV PC USB CO2 BIP GDP PR HR "
    "OK NGO FAQ ID PIN SMS UKW CD DVD HD PS KW LKW PKW EDV AGB MWSt MwSt USt ITF EVU".split()
)
"""Upper-case abbreviations that are not actors (technologies, units, legal forms)."""


ROLE_NOUNS: frozenset[str] = frozenset(
    """minister ministerin außenminister außenministerin innenminister innenministerin
    verkehrsminister verkehrsministerin finanzminister finanzministerin kanzler kanzlerin
    bundeskanzler bundeskanzlerin präsident präsidentin premier premierminister
    regierungschef regierungschefin chef chefin konzernchef vorstandschef geschäftsführer
    geschäftsführerin sprecher sprecherin professor professorin anwalt anwältin richter
    richterin verwaltungsrechtler experte expertin ökonom analyst analystin gründer
    gründerin abgeordnete abgeordneter bürgermeister bürgermeisterin botschafter
    botschafterin generalsekretär kommissar kommissarin dr prof herr frau
    minister president chancellor secretary senator governor mayor spokesman
    spokeswoman spokesperson ceo chief founder judge professor lawyer analyst mr mrs ms""".split()
)
"""Role nouns after which capitalised words are a person's name (lowercased)."""


FIRST_NAMES: frozenset[str] = frozenset(
    """Alexander Andreas Angela Anna Annalena Alois Barack Bernd Boris Christian Christine
    Christoph Claudia Daniel David Donald Elon Emmanuel Emma Eva Frank Franz Friedrich Georg
    Gerhard Giorgia Hans Heinz Helmut Herbert Ilse Jan Jens Joe Johann Johannes John Jörg
    Joseph Josef Julia Jürgen Karl Karin Katharina Klaus Kurt Lars Laura Lukas Maria Mark
    Markus Martin Matthias Max Michael Nancy Nikola Olaf Pamela Paul Peter Petra Rishi Robert
    Sam Sarah Satya Sebastian Stefan Stephan Susanne Thomas Tim Ursula Viktor Vladimir
    Walter Werner Wolfgang Wolodymyr Xi Sundar Sabine Simone Sophie Ulrike Ingrid Monika
    Gabriele Heike Birgit Andrea Nicole Stefanie Marion Renate Elisabeth Margarete Karoline
    Alice Anton Bill Charles Dieter Felix Florian Fritz Günter Hannes Harald Heinrich Horst
    Jakob Jonas Kevin Leon Ludwig Manfred Norbert Oliver Otto Philipp Rainer Reinhard Roland
    Rudolf Sigmar Theo Tobias Uwe Volker Winfried Jeff James Mary Elizabeth William Richard
    Jennifer Linda Patricia Barbara Susan Jessica Karen Steven Kamala Hillary George Keir
    Rishi Liz Theresa Tony Marine Recep Benjamin Mohammed Ali Narendra Jacinda Justin""".split()
)
"""Common first names: a capitalised pair starting with one of these is a person (German)."""


_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,5}s?$")


_INNER_CAPITAL = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+[A-Z][A-Za-z]*$|^[A-Z]{2,}[a-z]{2,}[A-Za-z]*$")


_CAPITALISED = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+$")


_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "ität", "ismus", "ment", "nis", "tum")


ACTOR_COLUMNS = ("actor", "type", "mentions", "sentences", "first_sentence")
"""Columns of the article-level actor table."""


@dataclass(frozen=True)
class _Alias:
    tokens: tuple[str, ...]
    canonical: str
    kind: str
    prefix: bool


@lru_cache(maxsize=2)
def gazetteer(lang: str = "de") -> tuple[_Alias, ...]:
    """The shipped known-actor list as aliases, longest first; names in the article's language."""
    text = resources.files("helpers").joinpath("data/actors.tsv").read_text(encoding="utf-8")
    aliases: list[_Alias] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name_de\t"):
            continue
        name_de, name_en, kind, names = line.split("\t")
        canonical = name_en if lang == "en" else name_de
        for name in names.split("|"):
            prefix = name.endswith("*")
            aliases.append(_Alias(tuple(name.rstrip("*").split()), canonical, kind, prefix))
    return tuple(sorted(aliases, key=lambda a: -len(a.tokens)))


def _user_aliases(user: Mapping[str, str] | Iterable[str] | None) -> tuple[_Alias, ...]:
    if not user:
        return ()
    pairs = user.items() if isinstance(user, Mapping) else ((name, name) for name in user)
    return tuple(sorted((_Alias(tuple(a.split()), c, "user", False) for a, c in pairs),
                        key=lambda a: -len(a.tokens)))


def _match(alias: _Alias, words: list[str], i: int) -> bool:
    n = len(alias.tokens)
    if i + n > len(words):
        return False
    for j, want in enumerate(alias.tokens):
        got = words[i + j]
        last = j == n - 1
        variants = (got, got[:1].lower() + got[1:]) if i + j == 0 else (got,)
        if last and alias.prefix:
            if not any(v.startswith(want) for v in variants):
                return False
        elif want not in variants:
            return False
    return True


class _AliasIndex:
    """Aliases looked up by their first word, so each token is compared with a handful only."""

    def __init__(self, aliases: tuple[_Alias, ...]) -> None:
        self.order = {a: i for i, a in enumerate(aliases)}
        self.exact: dict[str, list[_Alias]] = {}
        self.prefix: dict[str, list[_Alias]] = {}  # one-word prefix aliases by their stem
        for alias in aliases:
            if alias.prefix and len(alias.tokens) == 1:
                self.prefix.setdefault(alias.tokens[0], []).append(alias)
            else:
                self.exact.setdefault(alias.tokens[0], []).append(alias)
        self.prefix_lengths = sorted({len(stem) for stem in self.prefix})
        self._candidates: dict[tuple[str, bool], tuple[_Alias, ...]] = {}

    def candidates(self, got: str, first: bool) -> tuple[_Alias, ...]:
        """Aliases that may start at the word ``got`` (``first``: it opens the sentence),
        in matching order; remembered per word, since most words recur."""
        key = (got, first)
        found = self._candidates.get(key)
        if found is None:
            variants = (got, got[:1].lower() + got[1:]) if first else (got,)
            cands = [a for v in dict.fromkeys(variants) for a in self.exact.get(v, ())]
            stems = dict.fromkeys(v[:n] for v in variants for n in self.prefix_lengths if n <= len(v))
            cands += [a for stem in stems for a in self.prefix.get(stem, ())]
            found = tuple(sorted(dict.fromkeys(cands), key=self.order.__getitem__))
            if len(self._candidates) >= 16_384:  # bounded across a long batch
                self._candidates.clear()
            self._candidates[key] = found
        return found

    def first_match(self, words: list[str], i: int) -> _Alias | None:
        """The first alias (user list first, longest first) that matches at ``words[i]``."""
        for alias in self.candidates(words[i], i == 0):
            if _match(alias, words, i):
                return alias
        return None


@lru_cache(maxsize=4)
def _gazetteer_index(lang: str) -> _AliasIndex:
    """The index of the shipped gazetteer alone (no user list), built once per language."""
    return _AliasIndex(gazetteer(lang))


def find_actors(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    user_actors: Mapping[str, str] | Iterable[str] | None = None,
) -> tuple[pd.Series, pd.DataFrame]:
    """Actors per sentence and an article-level actor table.

    Returns ``(per_sentence, table)``: ``per_sentence`` is a Series indexed like
    ``sentences`` holding a tuple of canonical actor names in order of first mention;
    ``table`` has the columns ``ACTOR_COLUMNS`` sorted by mentions.
    """
    lang = tokens.attrs.get("lang", sentences.attrs.get("lang", "de"))
    user = _user_aliases(user_actors)
    aliases = _AliasIndex(user + gazetteer(lang)) if user else _gazetteer_index(lang)
    grouped: dict[int, list[str]] = {}
    for sid, text in zip(tokens["sentence_id"].tolist(), tokens["text"].tolist()):
        grouped.setdefault(int(sid), []).append(text)
    words_by_sentence = dict(sorted(grouped.items()))
    people, persons = _people(words_by_sentence, lang)
    if lang == "en":  # "Unite", "Nadella": capitalised mid-sentence, more than once
        for name in _recurring_capitalised(words_by_sentence, people):
            people.setdefault(name, name)
    speakers = _speakers(words_by_sentence)
    kinds: dict[str, str] = {}
    found: dict[int, list[str]] = {}
    for sid in sentences["sentence_id"]:
        words = words_by_sentence.get(int(sid), [])
        marks: list[tuple[int, int, str, str]] = []  # (start, end, name, kind) in order
        i = 0
        while i < len(words):
            hit = aliases.first_match(words, i)
            person, used = _person_at(words, i, people)
            if hit is not None and len(hit.tokens) >= used:
                marks.append((i, i + len(hit.tokens), hit.canonical, hit.kind))
                i += len(hit.tokens)
                continue
            word = words[i]
            if person:
                marks.append((i, i + used, person, "person" if person in persons else "name"))
                i += used
                continue
            if i == 0 and word in speakers and len(words) > 1 and words[1] == ":":
                speaker = people.get(word, word)
                marks.append((i, i + 1, speaker, "person" if speaker in persons else "speaker"))
            elif "-" in word.strip("-"):
                for part in word.split("-"):
                    name = _single(part, aliases, people)
                    if name:
                        marks.append((i, i + 1, *name))
            else:
                name = _single(word, aliases, people, sentence_start=(i == 0))
                if name:
                    marks.append((i, i + 1, *name))
            i += 1
        marks = _drop_appositions(marks, words)
        for _, _, name, kind in marks:
            kinds.setdefault(name, kind)
        found[int(sid)] = list(dict.fromkeys(name for _, _, name, _ in marks))
    per_sentence = pd.Series([tuple(found[int(s)]) for s in sentences["sentence_id"]],
                             index=sentences.index, name="actors", dtype=object)
    return per_sentence, actor_table(per_sentence, sentences["sentence_id"], kinds)


_APPOSITION_GAP = frozenset({",", "(", "–", "-", ":"})


def _drop_appositions(marks: list[tuple[int, int, str, str]], words: list[str]) -> list[tuple[int, int, str, str]]:
    """A party named by its role right before its name is one actor, the named one:
    "the union, Unite", "die Gewerkschaft Verdi", "der Aufsichtsrat (PNE)"."""
    out = []
    for n, (start, end, name, kind) in enumerate(marks):
        if kind == "group" and n + 1 < len(marks):
            nxt = marks[n + 1]
            if nxt[3] != "group" and all(w in _APPOSITION_GAP for w in words[end:nxt[0]]):
                continue
        out.append((start, end, name, kind))
    return out


def _single(word: str, aliases: _AliasIndex, people: dict[str, str],
            sentence_start: bool = False) -> tuple[str, str] | None:
    """A one-word actor: gazetteer alias, surname of a known person, acronym or brand."""
    alias = aliases.first_match([word], 0)
    if alias is not None and len(alias.tokens) == 1:
        return alias.canonical, alias.kind
    if word in people:
        return people[word], "name"
    if word in NOT_ACTORS or word.rstrip("s") in NOT_ACTORS:
        return None
    if _ACRONYM.match(word) and not word.isdigit() and sum(c.isalpha() for c in word) >= 2:
        return word, "organisation"
    if _INNER_CAPITAL.match(word):
        return word, "organisation"
    return None


def _people(words_by_sentence: dict[int, list[str]], lang: str) -> tuple[dict[str, str], set[str]]:
    """Names of 2-3 capitalised words the article uses: ``(name map, persons)``.

    The map sends each full name to itself and, for persons (after a role noun or
    starting with a known first name), the surname to the full name as well, so that
    "Hauer" later in the text is "Andreas Hauer". English runs of capitalised words
    that are neither ("London City Airport") are names, not persons.
    """
    full_names: list[tuple[tuple[str, ...], bool]] = []
    for words in words_by_sentence.values():
        i = 0
        while i < len(words):
            run = _cap_run(words, i)
            start = i
            while run and run[0].lower() in _STOP_EN:  # "At London Gatwick Airport", "The Labour Party"
                run, start = run[1:], start + 1
            roles = [j for j, w in enumerate(run) if w.lower().rstrip(".") in ROLE_NOUNS]
            if roles and roles[-1] < len(run) - 1:  # "Außenminister Nikola Poposki", "Prime Minister Gordon Brown"
                cut = roles[-1] + 1
                run, start = run[cut:], start + cut
            if len(run) >= 2 and _looks_like_name(run):
                after_role = start > 0 and words[start - 1].lower().rstrip(".") in ROLE_NOUNS
                first_name = run[0] in FIRST_NAMES
                english = lang == "en" and start > 0 and run[0].lower() not in _STOP_EN
                if after_role or first_name or english:
                    full_names.append((run[:3], after_role or first_name))
            i += max(len(run) + (start - i), 1)
    people: dict[str, str] = {}
    persons: set[str] = set()
    for run, is_person in full_names:
        name = " ".join(run)
        people[name] = name
        if is_person:
            persons.add(name)
            people.setdefault(run[-1], name)
    return people, persons


_STOP_EN = frozenset("the a an this that these those in on at for with and but or of to by as".split())


_MONTHS_DAYS = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)


def _recurring_capitalised(words_by_sentence: dict[int, list[str]], people: dict[str, str]) -> list[str]:
    """English: single capitalised words seen at least twice not at a sentence start."""
    counts: Counter[str] = Counter()
    for words in words_by_sentence.values():
        counts.update(w for j, w in enumerate(words) if j > 0 and _CAPITALISED.match(w))
    in_names = {part for name in people for part in name.split()[1:]}  # "Airport" of "London City Airport"
    return sorted(w for w, n in counts.items()
                  if n >= 2 and w not in _MONTHS_DAYS and w.lower() not in _STOP_EN
                  and w not in people and w not in in_names)


def _looks_like_name(run: tuple[str, ...]) -> bool:
    return all(not w.lower().endswith(_NOUN_SUFFIXES) for w in run)


def _cap_run(words: list[str], i: int) -> tuple[str, ...]:
    run: list[str] = []
    while i + len(run) < len(words) and (
        _CAPITALISED.match(words[i + len(run)]) or re.match(r"^[A-Z]\.$", words[i + len(run)])
    ):
        run.append(words[i + len(run)])
    return tuple(run)


def _person_at(words: list[str], i: int, people: dict[str, str]) -> tuple[str | None, int]:
    run = _cap_run(words, i)
    for n in range(len(run), 1, -1):
        name = " ".join(run[:n])
        if name in people:
            return people[name], n
    return None, 0


def _speakers(words_by_sentence: dict[int, list[str]]) -> dict[str, str]:
    """Interview speakers: a capitalised word followed by ':' opening two or more sentences."""
    counts = Counter(
        words[0] for words in words_by_sentence.values()
        if len(words) > 1 and words[1] == ":" and words[0][:1].isupper()
    )
    return {w: w for w, n in counts.items() if n >= 2}


def actor_table(per_sentence: pd.Series, sentence_ids: pd.Series, kinds: Mapping[str, str]) -> pd.DataFrame:
    """Article-level actor table: ``actor``, ``type``, ``mentions``, ``sentences``, ``first_sentence``."""
    rows: dict[str, dict[str, object]] = {}
    for sid, names in zip(sentence_ids, per_sentence):
        for name in names:
            row = rows.setdefault(name, {"actor": name, "type": kinds.get(name, "organisation"),
                                         "mentions": 0, "sentences": [], "first_sentence": int(sid)})
            row["mentions"] = int(row["mentions"]) + 1  # type: ignore[call-overload]
            row["sentences"].append(int(sid))  # type: ignore[union-attr]
    table = pd.DataFrame(list(rows.values()), columns=list(ACTOR_COLUMNS))
    if table.empty:
        return table
    table["sentences"] = table["sentences"].map(tuple)
    return table.sort_values(["mentions", "first_sentence"], ascending=[False, True]).reset_index(drop=True)
