"""Written patterns that name an actor where the tagger is silent, one function each.

The shipped tagger (``helpers.actors.ner``) misses a few patterns that news writing uses
again and again; each function below adds the spans of one pattern that no tagger span
overlaps already, as ``helpers.actors.names.Mention`` objects (source ``"pattern"``), except
``acronym_definitions``, which renames organisations found already:

- ``title_names``: a capitalised title and the name after it, "Governor Tate Reeves",
  "FEMA Administrator Deanne Criswell", "Richterin Nicole Baczak" (German: only a first
  name from ``FIRST_NAMES`` or a word the dictionary does not know counts as a name, since
  every German noun is capitalised);
- ``org_names`` (English): a run of capitalised words ending in an organisation noun,
  "Federal Aviation Administration", "Gender Policy Council";
- ``institution_words`` (German): a one-word public institution, "Wirtschaftskammer",
  "Verkehrsministerium";
- ``speaker_labels``: an interview's speaker label, "STANDARD: ..." or "Poposki: ...", is
  an actor of its sentence when the article opens two or more sentences with it (the
  annotation guide counts who speaks; ``../shared/data/ANNOTATION_GUIDE.md``, actors);
- ``acronym_definitions``: "the Organization for Security and Cooperation in Europe (OSCE)"
  and "das Wirtschaftsforschungsinstitut (Wifo)" are named by the short form, the one news
  text goes on to use.

Why rules and not more training data: the tagger's training corpora (``docs/actors.md``)
are mostly Wikipedia, tweets and filings, which rarely put a capitalised title before a
name; on the 22 development articles these patterns account for a share of the misses
listed in ``docs/actors.md`` (measured there, before and after).
"""

from __future__ import annotations

import re

from helpers.actors.names import Mention, initials

TITLES = {
    "en": frozenset("president vice-president governor mayor senator sen. rep. representative secretary minister "
                    "chancellor administrator commissioner director ambassador judge justice chairman chairwoman "
                    "chair ceo spokesman spokeswoman spokesperson premier prince king queen pope general gen. "
                    "lt. col. sgt. officer sheriff attorney adviser advisor mr. mrs. ms. dr. prof. mr mrs ms dr "
                    "prof leader speaker coach referee captain detective inspector sergeant cardinal bishop "
                    "archbishop rabbi".split()),
    "de": frozenset("präsident präsidentin bundespräsident bundespräsidentin kanzler kanzlerin bundeskanzler "
                    "bundeskanzlerin vizekanzler minister ministerin bürgermeister bürgermeisterin landeshauptmann "
                    "landeshauptfrau richter richterin staatsanwalt staatsanwältin anwalt anwältin sprecher "
                    "sprecherin botschafter botschafterin senator senatorin abgeordneter abgeordnete trainer "
                    "trainerin geschäftsführer geschäftsführerin vorstandschef vorstandschefin konzernchef "
                    "konzernchefin parteichef parteichefin chef chefin direktor direktorin generalsekretär "
                    "kommissar kommissarin premier premierminister premierministerin herr frau dr. prof. "
                    "dr prof staatssekretär staatssekretärin landesrat landesrätin stadtrat stadträtin "
                    "bezirksvorsteher bezirksvorsteherin gouverneur gouverneurin schiedsrichter schiedsrichterin "
                    "kapitän papst kardinal bischof erzbischof".split()),
}
"""Lower-cased titles after which capitalised words are a person's name; German also every
word ending in "minister" / "ministerin" ("Außenminister")."""

ORG_HEADS = frozenset("Administration Agency Authority Association Board Bureau Commission Committee Council "
                      "Corporation Court Department Federation Foundation Institute Ministry Office Organization "
                      "Organisation Party Service Union".split())
"""English nouns that end an organisation's name ("Federal Aviation Administration")."""

INSTITUTION_ENDINGS = ("ministerium", "kanzleramt", "rechnungshof", "gerichtshof", "bundesamt", "landesamt",
                       "institut", "verfassungsgericht", "landesgericht", "oberlandesgericht", "staatsanwaltschaft",
                       "volksanwaltschaft", "polizeidirektion", "arbeiterkammer", "wirtschaftskammer",
                       "ärztekammer", "handelskammer", "landwirtschaftskammer")
"""German word endings of a named public institution ("Verkehrsministerium", "Wirtschaftskammer");
"-kammer" and "-beirat" alone are too broad ("Herzkammer", "Elternbeirat")."""

NAMED_INSTITUTIONS = frozenset("staatsanwaltschaft volksanwaltschaft arbeiterkammer wirtschaftskammer "
                               "rechnungshof verfassungsgerichtshof bundeskanzleramt kanzleramt".split())
"""German institutions a common noun names outright (annotated as actors: "Staatsanwaltschaft")."""

LABEL_STOP = frozenset("FRAGE ANTWORT Q A F UPDATE INFO HINWEIS QUELLE FAZIT NOTE SOURCE EDITOR NOTIZ "
                       "ACHTUNG TIPP WARNUNG WARNING".split())
"""All-caps labels that are not a speaker."""

_INNER = frozenset("of for and on de von der".split())
_NAME_WORD = re.compile(r"^(?:[A-ZÄÖÜ][\w'’.]*|[A-Z]\.)$")
_OPENERS = frozenset("After Before When While Neither Either If As Since Although Though But And Or So Yet Because "
                     "Unless Until Once Both Each Every No Some All Many Most Several Other Another Why How What "
                     "Where Whether This That These Those Its His Her Their Our My Your Then Now Meanwhile".split())
"""English words that open a sentence or clause and are no part of a name ("Neither Party")."""
_FUNCTION = frozenset("Of In The And For On At To A An By With From Der Die Das Und Für Von Im Am Zu".split())
_LABEL = re.compile(r"^\s*([A-ZÄÖÜ][\wÄÖÜäöüß-]+)\s*:")


def _free(ms: list[Mention], a: int, b: int) -> bool:
    return not any(m.start < b and a < m.end for m in ms if m.start >= 0)


#: Heads of German role compounds that stand before a name like a title ("Personalvorstand
#: Martin Seiler", "Konzernsprecherin Anna Berg", "Verdi-Chef Frank Werneke").
_ROLE_HEADS_DE = ("minister", "ministerin", "vorstand", "chef", "chefin", "sprecher", "sprecherin", "präsident",
                  "präsidentin", "direktor", "direktorin", "leiter", "leiterin", "vorsitzende", "vorsitzender")


def _is_title(word: str, lang: str) -> bool:
    w = word.lower()
    return w in TITLES[lang] or (lang == "de" and w.endswith(_ROLE_HEADS_DE))


def title_names(tokens: list[list[str]], per: list[list[Mention]], lang: str,
                first_names: frozenset[str], known: dict[str, bool]) -> list[list[Mention]]:
    """Add "Title Name" persons (up to four name words) that no mention covers yet.

    ``known[w]``: whether ``w`` is a dictionary word (German needs it: "der Minister Kritik"
    is no name); ``first_names``: given names that make a German name certain.
    """
    out = []
    for toks, ms in zip(tokens, per):
        add: list[Mention] = []
        for i, t in enumerate(toks[:-1]):
            if not (t[:1].isupper() and _is_title(t, lang)):
                continue
            j = i + 1
            while (j < len(toks) and j - i <= 4 and _NAME_WORD.match(toks[j]) and not _is_title(toks[j], lang)
                   and toks[j] not in _FUNCTION and toks[j] not in ORG_HEADS):
                j += 1
            if j == i + 1 or (j < len(toks) and toks[j] in ORG_HEADS):
                continue  # "Justice Department": an organisation, not a judge
            first, n = toks[i + 1], j - i - 1
            if not (first in first_names or (not known.get(first, True) and (n >= 2 or lang == "en"))):
                continue  # "dem Minister Budgetsanierungsmaßnahmen", "Judge Rules": no name
            if lang == "en" and toks[i + 1] in ("The", "U.S.", "United"):
                continue
            if _free(ms + add, i + 1, j):
                add.append(Mention(" ".join(toks[i + 1:j]), "PER", i + 1, j, "pattern"))
        out.append(ms + add)
    return out


def org_names(tokens: list[list[str]], per: list[list[Mention]]) -> list[list[Mention]]:
    """Add English organisations: two or more capitalised words (inner "of", "for", "and"
    allowed) ending in an ``ORG_HEADS`` noun, a leading "The" left out."""
    out = []
    for toks, ms in zip(tokens, per):
        add: list[Mention] = []
        for j, t in enumerate(toks):
            if t not in ORG_HEADS:
                continue
            i = j
            while i > 0 and toks[i - 1] not in _OPENERS and (toks[i - 1][:1].isupper() or (
                    toks[i - 1] in _INNER and i > 1 and toks[i - 2][:1].isupper())):
                i -= 1  # not over "After" in "After Biden Administration officials met"
            while i < j and toks[i] in ("The", "A", "An") + tuple(_INNER):
                i += 1
            if j - i >= 1 and _free(ms + add, i, j + 1):
                add.append(Mention(" ".join(toks[i:j + 1]), "ORG", i, j + 1, "pattern"))
        out.append(ms + add)
    return out


def _institution(low: str) -> bool:
    if low in NAMED_INSTITUTIONS:
        return True
    if not low.endswith(INSTITUTION_ENDINGS):  # one C-level test for most words
        return False
    return any(low.endswith(e) and len(low) > len(e) + 2 for e in INSTITUTION_ENDINGS)


def institution_words(tokens: list[list[str]], per: list[list[Mention]]) -> list[list[Mention]]:
    """Add German one-word institutions: a capitalised word ending in ``INSTITUTION_ENDINGS``
    with something before the ending ("Justizministerium", not "Ministerium"), or one of
    ``NAMED_INSTITUTIONS`` ("Staatsanwaltschaft")."""
    out = []
    for toks, ms in zip(tokens, per):
        add = [Mention(t, "ORG", j, j + 1, "pattern") for j, t in enumerate(toks)
               if len(t) > 8 and t[:1].isupper() and "-" not in t and _institution(t.lower()) and _free(ms, j, j + 1)]
        out.append(ms + add)
    return out


def speaker_labels(texts: list[str], tokens: list[list[str]], per: list[list[Mention]],
                   known: dict[str, bool]) -> list[list[Mention]]:
    """Add the speaker of an interview turn ("STANDARD: ...", "Poposki: ...") to its
    sentence when the article opens two or more sentences with the same label; an all-caps
    label (a publication) is an organisation, a mixed-case one a person. A label that is a
    dictionary word in mixed case ("Fazit:") or in ``LABEL_STOP`` is no speaker."""
    labels = [m.group(1) if m else None for m in map(_LABEL.match, texts)]
    counts: dict[str, int] = {}
    for lab in labels:
        if lab:
            counts[lab] = counts.get(lab, 0) + 1
    out = []
    for lab, toks, ms in zip(labels, tokens, per):
        if (lab and counts[lab] >= 2 and len(lab) > 2 and lab not in LABEL_STOP
                and (lab.isupper() or not known.get(lab, False)) and toks and toks[0] == lab and _free(ms, 0, 1)):
            ms = ms + [Mention(lab, "ORG" if lab.isupper() else "PER", 0, 1, "pattern")]
        out.append(ms)
    return out


def _in_order(short: str, name: str) -> bool:
    """Does ``short`` begin like ``name`` and are its letters found in ``name`` in order
    ("WKN" in "Windkraft Nord AG", "Wifo" in "Wirtschaftsforschungsinstitut")?"""
    low, pos = name.lower(), 0
    if not low.startswith(short[0].lower()):
        return False
    for ch in short.lower():
        pos = low.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def acronym_definitions(tokens: list[list[str]], per: list[list[Mention]]) -> list[list[Mention]]:
    """Name an organisation by the short form that follows it in brackets when that is its
    initials or its letters in order from the first: "International Civil Aviation
    Organization (ICAO)" -> "ICAO", "Wirtschaftsforschungsinstitut (Wifo)" -> "Wifo",
    "Windkraft Nord AG (WKN)" -> "WKN"."""
    for toks, ms in zip(tokens, per):
        for m in ms:
            e = m.end
            if m.kind in ("PER", "person", "LOC", "country"):
                continue  # "Sabine Schmidt (SPÖ)": her party, not her short form
            if 0 <= e and e + 2 < len(toks) and toks[e] == "(" and toks[e + 2] == ")":
                acr = toks[e + 1]
                short = 2 <= len(acr) <= 6 and acr[:1].isupper() and acr.isalpha() and acr != acr.capitalize() or (
                    acr[:1].isupper() and 3 <= len(acr) <= 5 and " " not in m.name)  # "BfV", "Wifo"
                if short and (initials(m.name) == acr.upper() or _in_order(acr, m.name)):
                    m.name = acr
    return per
