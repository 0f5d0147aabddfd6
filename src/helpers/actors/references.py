"""Pronouns and role nouns that refer to an actor named in the same or the previous sentence.

The annotation guide counts "a pronoun or a role noun that clearly refers to a named actor
in the same or the previous sentence" ("der Minister" -> the named minister). Kept simple:

- a personal pronoun (en: he, she, him, his, her; de: er, ihm, ihn, sein ...) is the most
  recent person named earlier in the sentence, else the last person of the previous sentence;
- a determiner + person role noun ("der Minister", "the President") is first the person that
  role preceded earlier in the article ("Minister Nikola Poposki", "President Biden"), else
  the most recent person as above;
- a determiner + organisation role noun ("die Gewerkschaft", "the company") is the most
  recent organisation named earlier in the sentence; else the organisation that role named
  ("Gewerkschaft GDL", "the union Unite", "Gewerkschaft Deutscher Lokomotivführer") if it is
  named in one of the two sentences before; else the last organisation of the previous
  sentence; the role's own gazetteer group ("Gewerkschaft") is then dropped;
- a determiner + the head noun of an organisation named earlier in the article ("der Beirat"
  after "Kunstrückgabebeirat", "der Flughafen" after "Flughafen Wien") is that organisation;
- "the two leaders", "die beiden Staatschefs" are the last two people named in the article;
- "the Prime Minister" / "the Vice President" count as "the Minister" / "the President".

Not resolved: German "sie" (she / they / you), plural and possessive "they", "their", "wir",
"unser" (the speaker's side in an interview), "it", and role nouns without a determiner or
more than one sentence away. A wrong antecedent is possible when two people alternate.
"""

from __future__ import annotations

from itertools import islice

from helpers.actors.names import Mention

PRONOUNS = {"en": frozenset("he she him his her hers himself herself".split()),
            "de": frozenset("er ihm ihn sein seine seiner seinem seinen seines".split())}
PERSON_ROLES = {
    "en": frozenset("president minister senator governor mayor secretary chancellor judge spokesman spokeswoman "
                    "ambassador leader chairman chairwoman ceo premier king queen prince".split()),
    "de": frozenset("präsident präsidentin minister ministerin kanzler kanzlerin bundeskanzler bundeskanzlerin "
                    "außenminister außenministerin innenminister innenministerin finanzminister finanzministerin "
                    "vizekanzler bürgermeister bürgermeisterin landeshauptmann richter richterin anwalt anwältin "
                    "sprecher sprecherin chef chefin konzernchef vorstandschef parteichef trainer beamte beamter "
                    "politiker politikerin botschafter botschafterin premier premierminister regierungschef "
                    "geschäftsführer geschäftsführerin senator senatorin".split()),
}
ORG_ROLES = {
    "en": frozenset("company union agency department administration party organization organisation "
                    "government group firm airline court".split()),
    "de": frozenset("konzern unternehmen firma gewerkschaft partei verein klub club behörde ministerium "
                    "gericht airline fluglinie bank regierung organisation".split()),
}
DETERMINERS = {"en": frozenset("the this that".split()),
               "de": frozenset("der die das den dem des dieser diese diesem diesen dieses".split())}
PAIR_WORDS = {"en": frozenset({"two", "both"}), "de": frozenset({"beiden", "beide"})}
PAIR_NOUNS = {"en": frozenset("leaders presidents ministers".split()),
              "de": frozenset("politiker staatschefs regierungschefs präsidenten minister spitzenpolitiker".split())}
""""the two leaders", "die beiden Staatschefs": the last two people named in the article."""
PERSON_KINDS = ("PER", "person", "name", "speaker")
ORG_KINDS = ("ORG", "organisation", "company", "institution")


def is_person_role(word: str, lang: str) -> bool:
    """A lower-cased role noun that names a person ("minister", "verkehrsministerin", "president")."""
    return word in PERSON_ROLES[lang] or (lang == "de" and word.endswith(("minister", "ministerin")))


class _Organisations:
    """The organisations named so far, in order, indexed by the keys ``head_of`` compares.

    Why an index: the scan over every earlier organisation for every capitalised word after
    a determiner grew with the square of the article (on 4,700 English news sentences the
    reference stage took 8 of 25 s).
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.known: set[str] = set()
        self.keys: dict[tuple[str, str], list[int]] = {}

    def add(self, org: str) -> None:
        if org in self.known:
            return
        self.known.add(org)
        pos = len(self.names)
        self.names.append(org)
        words = [x.lower() for x in org.split()] or [""]
        keys = {("last", words[-1]), ("first", words[0])}
        if len(words) == 1:
            keys |= {("end", words[0][i:]) for i in range(len(words[0]))}
        for key in keys:
            self.keys.setdefault(key, []).append(pos)

    def head_of(self, word: str, seats: frozenset[str] | set[str] = frozenset()) -> str | None:
        """The organisation named earlier whose head noun (last word, or end of a one-word
        compound, or the seat noun of a seat in ``seats``) ``word`` is: "der Beirat" after
        "Kunstrückgabebeirat", "the Council" after "Gender Policy Council", "der Flughafen"
        after "Flughafen Wien" (the latest such organisation); not "the House" after "House
        Oversight Committee"."""
        for stem in (word, word[:-2] if word.endswith("es") else word, word[:-1] if word.endswith("s") else word):
            if len(stem) < 4:
                continue
            found = self.keys.get(("last", stem), []) + self.keys.get(("end", stem), []) + [
                pos for pos in self.keys.get(("first", stem), []) if self.names[pos] in seats]
            if found:
                return self.names[max(found)]
        return None


def resolve_references(tokens: list[list[str]], per: list[list[Mention]], lang: str) -> list[list[Mention]]:
    """Add the actors that pronouns and determiner + role nouns refer to (see the module docstring)."""
    lang = "en" if lang == "en" else "de"
    role_of: dict[str, str] = {}
    org_role_of: dict[str, str] = {}
    previous: list[Mention] = []
    earlier: list[Mention] = []  # the sentence before ``previous``
    orgs_seen = _Organisations()
    people: dict[str, None] = {}  # in order of their latest mention
    titled: dict[str, str] = {}
    seats: set[str] = set()
    out = []
    for toks, ms in zip(tokens, per):
        low = [t.lower() for t in toks]
        for m in ms:  # "Minister Nikola Poposki": the minister is Poposki from now on
            if m.kind in PERSON_KINDS and m.start > 0 and (
                    is_person_role(low[m.start - 1], lang) or low[m.start - 1].endswith(("chef", "präsident"))):
                role_of[low[m.start - 1]] = m.label
                titled[m.label] = low[m.start - 1]
            if m.kind in ORG_KINDS:  # "Gewerkschaft GDL", "Gewerkschaft Deutscher Lokomotivführer": the union is GDL
                for j in (m.start - 1, m.start):
                    if 0 <= j < len(low) and low[j] in ORG_ROLES[lang]:
                        org_role_of[low[j]] = m.label
        here = {m.label for m in ms}
        added: list[Mention] = []
        for i, w in enumerate(low):
            kinds: tuple[str, ...] | None = None
            target = None
            if i > 0 and low[i - 1] in PAIR_WORDS[lang] and w in PAIR_NOUNS[lang] and len(people) >= 2:
                for name in list(islice(reversed(people), 2))[::-1]:  # "the two leaders": the last two named
                    if name not in here:
                        here.add(name)
                        added.append(Mention(name, "PER", i, i + 1, "reference", name))
                continue
            if w in PRONOUNS[lang] and toks[i] != toks[i].upper():
                kinds = PERSON_KINDS
            elif i > 0 and (low[i - 1] in DETERMINERS[lang] or (
                    i > 1 and low[i - 1] in ("prime", "vice") and low[i - 2] in DETERMINERS[lang])):
                if is_person_role(w, lang):
                    kinds, target = PERSON_KINDS, role_of.get(w)
                elif w in ORG_ROLES[lang]:
                    kinds = ORG_KINDS
                    bound = org_role_of.get(w)  # "Gewerkschaft GDL": the union, if named lately
                    if bound and not any(m.kind in ORG_KINDS and m.start < i for m in ms) and any(
                            m.label == bound for m in previous + earlier):
                        target = bound
                elif toks[i][:1].isupper() and len(w) >= 4:
                    target = orgs_seen.head_of(w, seats)
                    kinds = ORG_KINDS if target else None
            if kinds is None:
                continue
            if target is None:
                before = [m for m in ms if m.kind in kinds and 0 <= m.start < i]
                prev = [m for m in previous if m.kind in kinds]
                pick = before[-1] if before else (prev[-1] if prev else None)
                target = pick.label if pick else None
                role = titled.get(target, w)
                if target and kinds is PERSON_KINDS and w not in PRONOUNS[lang] and not (
                        role.endswith(w) or w.endswith(role)):
                    target = None  # "the President" is not the governor named just before
            if target and target not in here:
                here.add(target)
                added.append(Mention(target, "PER" if kinds is PERSON_KINDS else "ORG", i, i + 1, "reference",
                                     target))
        earlier, previous = list(previous), list(ms)
        for m in ms + added:
            if m.kind in PERSON_KINDS:
                people.pop(m.label, None)
                people[m.label] = None
        for m in ms:
            if m.kind in ORG_KINDS:
                orgs_seen.add(m.label)
        seats.update(m.label for m in ms if m.source == "seat")
        if any(a.kind == "ORG" for a in added):  # "die Gewerkschaft" is Verdi here, not a group of its own
            ms = [m for m in ms if m.kind != "group"]
        out.append(ms + added)
    return out
