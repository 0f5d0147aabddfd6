"""Places in the actor stage: institutions' seats, settings, and nationalities.

Where a city is an institution's seat, where it is only the setting, and where a country word
is a person's nationality:

- ``seat_span``: "Stadt Wien", "Staatsanwaltschaft Wien", "Vienna Airport", "City of Vienna"
  are institutions seated in the city, not the country the gazetteer maps the city to;
- ``settings``: a city in the dateline ("Wien – ...") or after a locative preposition ("in
  Wien", "at Camp David") is where something happens, not an actor;
- ``describes_person``: "die deutsche Bundeskanzlerin Angela Merkel" names her nationality,
  not Germany as an actor.

The issue's "Österreich, inferred from Stadt Wien" (issue 14) came from the first two.
"""

from __future__ import annotations

from helpers.actors.names import Mention
from helpers.actors.patterns import TITLES
from helpers.actors.references import is_person_role
from helpers.actors.rules import _Alias

_DETERMINERS = frozenset("the a an der die das den dem des ein eine einen einem einer".split())
_MODIFIERS = frozenset("prime vice deputy former ex acting senior".split())
"""Words before a title that belong to it ("Prime Minister Omar Haddad" -> "Omar Haddad")."""

SEAT_BEFORE = frozenset("Stadt Gemeinde Flughafen Hafen Bahnhof Hauptbahnhof Universität Magistrat Messe "
                        "Landesgericht Oberlandesgericht Bezirk Zoo Oper City Port University".split())
"""Nouns that, right before a city, make it an institution seated there ("Flughafen Wien")."""

SEAT_ENDINGS = ("anwaltschaft", "direktion", "gericht", "kammer", "verwaltung", "polizei", "ministerium",
                "regierung", "universität", "flughafen", "bahnhof")
"""German endings of institution nouns that do the same ("Staatsanwaltschaft Wien",
"Landespolizeidirektion Wien", "Wirtschaftskammer Wien")."""

CAPITALS = frozenset("Berlin Wien Vienna Bern Paris Rom Rome Madrid Athen Athens Skopje Budapest Warschau Warsaw "
                     "Ankara Moskau Moscow Kiew Kyjiw Kyiv Washington Peking Beijing Tokio Tokyo London Teheran "
                     "Tehran".split())
"""The gazetteer's capitals: the country when they act ("Moskau reagierte"), not where a thing happens."""

LOCATIVE = {"de": frozenset("in im nach aus bei beim am an vor zu zum nahe".split()),
            "en": frozenset("in at to near into outside across around through throughout".split())}
"""Prepositions after which a city is the setting, not an actor ("in Wien", "at Camp David")."""

_DATELINE_AFTER = frozenset({"–", "—", "-", "(", "/"})

SEAT_AFTER = frozenset("Airport Council University Zoo".split())
"""English nouns that do the same right after the city ("Vienna Airport")."""


def settings(tokens: list[list[str]], per: list[list[Mention]], lang: str) -> list[list[Mention]]:
    """Drop places that are only where something happens: a city (a tagged place that is not a
    country, or a capital the gazetteer maps to its country) in the dateline ("Wien – ...") or
    after a locative preposition ("in Wien", "at Camp David"). Countries stay: the annotators
    count "Flüchtlinge nach Mazedonien" as Macedonia. The issue's "Österreich, inferred from
    Stadt Wien" came from exactly these."""
    loc = LOCATIVE["en" if lang == "en" else "de"]
    out = []
    for toks, ms in zip(tokens, per):
        keep = []
        for m in ms:
            surface = toks[m.start:m.end] if 0 <= m.start < m.end <= len(toks) else []
            city = m.kind == "LOC" or (m.kind == "country" and len(surface) == 1 and surface[0] in CAPITALS)
            if city and surface and m.source in ("tagger", "gazetteer"):
                dateline = m.start == 0 and m.end < len(toks) and toks[m.end] in _DATELINE_AFTER
                before = [t.lower() for t in toks[max(0, m.start - 2):m.start]]
                placed = bool(before) and (before[-1] in loc or (
                    len(before) == 2 and before[0] in loc and before[1] in _DETERMINERS))
                if dateline or placed:
                    continue
            keep.append(m)
        out.append(keep)
    return out


def seat_span(toks: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The span of "Stadt Wien" / "Vienna Airport" / "City of Vienna" around a city at ``start:end``."""
    if start > 0 and (toks[start - 1] in SEAT_BEFORE or toks[start - 1].endswith(SEAT_ENDINGS)):
        return start - 1, end
    if start > 1 and toks[start - 1] == "of" and toks[start - 2] in SEAT_BEFORE:
        return start - 2, end
    if end < len(toks) and toks[end] in SEAT_AFTER:
        return start, end + 1
    return None


def describes_person(toks: list[str], i: int, end: int, hit: _Alias, ms: list[Mention], lang: str) -> bool:
    """Is the gazetteer hit at ``i:end`` a nationality adjective right before a person's title or
    name ("deutsche Bundeskanzlerin", "British Prime Minister", "österreichischen Juristen Max
    Schrems")? The annotators do not count the country there."""
    surface = " ".join(toks[i:end])
    if hit.kind != "country" or end >= len(toks) or surface == hit.canonical or surface in CAPITALS:
        return False
    nxt = toks[end].lower()
    return (is_person_role(nxt, lang) or nxt in TITLES[lang] or nxt in _MODIFIERS or nxt.startswith("jurist")
            or any(m.start == end and m.kind in ("PER", "person") for m in ms))
