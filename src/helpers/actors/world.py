"""Countries, US parties and chambers that the tagger method looks up besides the gazetteer.

German and English names.

Countries come from Babel's copy of the Unicode CLDR territory names (``babel``, BSD-3;
CLDR, Unicode licence), two-letter territories only, in the article's language ("Island" is
Iceland only in German): the shipped
gazetteer (``data/actors.tsv``) lists 28 countries, and articles the project has never seen
name the others ("Bahrain", "Jemen", "Belarus"). Names that are more often something else
in news text are left out (``AMBIGUOUS``: "Georgia" is a US state, "Jordan" a given name in
English, "Chad" too).

``INSTITUTIONS`` are the parties and chambers that news names by a plural or a common noun
("die Republikaner", "Congress"); the annotators count them as actors
(``../shared/data/ANNOTATION_GUIDE.md``: "organisations, countries, institutions, parties").

These lists are read at run time only. They are *not* tagger features (the tagger's
gazetteer flags come from ``data/actors.tsv`` alone, ``helpers.actors.ner``), so changing
them needs no retraining.
"""

from __future__ import annotations

import re
from functools import lru_cache

from helpers.actors.rules import _Alias, gazetteer

NOT_COUNTRIES = frozenset("AC AQ BV CP CQ DG EA EU EZ GS HM IC QO TA UM UN XA XB ZZ".split())
"""CLDR two-letter territories that are no country in news (islands, Antarctica, the EU and UN,
which the gazetteer has, the euro area, test codes)."""

AMBIGUOUS = frozenset("Georgia Jordan Chad Jersey Guernsey Man Niger Guinea Dominica Turkey Welt".split())
"""CLDR names left out: in news text they are more often a state, a person or a word."""

INSTITUTIONS = (
    # name_de, name_en, type, aliases
    ("Republikaner", "Republicans", "party", "Republikaner|Republikanern|Republicans|Republican Party|GOP"),
    ("Demokraten", "Democrats", "party", "Demokraten|Democrats|Democratic Party"),
    ("US-Kongress", "Congress", "institution", "US-Kongress|Kongress|Kongresses|Congress"),
    ("US-Senat", "Senate", "institution", "US-Senat|US-Senats|Senate"),
    ("Repräsentantenhaus", "House of Representatives", "institution",
     "Repräsentantenhaus|Repräsentantenhauses|House of Representatives"),
)
"""Parties and chambers named by a plural or a common noun (``data/actors.tsv``'s columns)."""


@lru_cache(maxsize=2)
def world_aliases(lang: str) -> tuple[_Alias, ...]:
    """Aliases of ``INSTITUTIONS`` and of the CLDR countries the gazetteer does not list, in
    ``lang`` ("de" or "en") only; longest first, like ``helpers.actors.rules.gazetteer``."""
    from babel import Locale

    lang = "en" if lang == "en" else "de"
    known = {" ".join(a.tokens) for a in gazetteer(lang)}
    out: list[_Alias] = []
    for name_de, name_en, kind, names in INSTITUTIONS:
        out += [_Alias(tuple(n.split()), name_en if lang == "en" else name_de, kind, False)
                for n in names.split("|") if n not in known]
    territories = Locale(lang).territories
    for code in sorted(territories):
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        canonical = re.sub(r"\s*\(.*\)$", "", territories[code])  # "Myanmar (Burma)" -> "Myanmar"
        forms = {canonical, canonical.replace(" & ", " and " if lang == "en" else " und ")}
        for n in forms - known - AMBIGUOUS:
            out.append(_Alias(tuple(n.split()), canonical, "country", False))
    return tuple(sorted(out, key=lambda a: (-len(a.tokens), a.tokens)))
