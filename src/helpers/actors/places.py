"""Places in the actor stage: institutions' seats, settings, and nationalities.

Where a city is an institution's seat, where it is only the setting, and where a country word
is a person's nationality:

- ``seat_span``: "Stadt Wien", "Staatsanwaltschaft Wien", "Vienna Airport", "City of Vienna"
  are institutions seated in the city, not the country the gazetteer maps the city to;
- ``settings``: a place in the dateline ("Wien – ...") or a city after "in" / "at" ("in
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

LOCATIVE = {"de": frozenset("in im bei beim nahe".split()),
            "en": frozenset("in at near outside".split())}
"""Prepositions after which a city is the setting, not an actor ("in Wien", "at Camp David");
not "nach", "aus", "to", "from": a city that receives or sends often stands for its state."""

GOVERNMENT = frozenset("regierung führung behörden machthaber staatsführung administration government "
                       "officials leaders authorities regime leadership".split())
"""Nouns before "in" that make the city stand for the state ("die Regierung in Wien")."""


SEAT_AFTER = frozenset("Airport Council University Zoo".split())
"""English nouns that do the same right after the city ("Vienna Airport")."""


def _dateline_end(toks: list[str]) -> int:
    """The index of the dash that ends a dateline ("Wien –", "Cuxhaven (Deutschland), 19.06.2015 –",
    "Berlin/Ankara –"), or -1: a dash within the first twelve tokens with no lower-case word before it."""
    for j, t in enumerate(toks[:12]):
        if t in ("–", "—", "-"):
            return j if j > 0 else -1
        if t[:1].islower():
            return -1
    return -1


def settings(tokens: list[list[str]], per: list[list[Mention]], lang: str) -> list[list[Mention]]:
    """Drop places that are only where something happens.

    A city (a tagged place that is not a known country, or a capital the gazetteer maps to its
    country) is a setting in the dateline ("Wien – ...") or after "in" / "at" / "bei" ("in
    Wien", "at Camp David"), and so is the next place of a list ("in Moskau und Kiew"), unless
    a government noun comes before ("die Regierung in Wien", "officials in Washington": the
    capital stands for the state). A country is a setting only in the dateline; elsewhere the
    annotators count it ("Flüchtlinge nach Mazedonien"). A city that sends or receives
    ("Waffen nach Kiew", "Kritik an Moskau") stays. The issue's "Österreich, inferred from
    Stadt Wien" came from datelines and "in Wien".
    """
    loc = LOCATIVE["en" if lang == "en" else "de"]
    out = []
    for toks, ms in zip(tokens, per):
        head = _dateline_end(toks)
        low = [t.lower() for t in toks]
        keep: list[Mention] = []
        dropped_end = -10
        for m in sorted(ms, key=lambda x: x.start):
            surface = toks[m.start:m.end] if 0 <= m.start < m.end <= len(toks) else []
            city = m.kind == "LOC" or (m.kind == "country" and len(surface) == 1 and surface[0] in CAPITALS)
            if surface and m.kind in ("country", "LOC") and m.end <= head:
                dropped_end = m.end
                continue  # "Cuxhaven (Deutschland), 19.06.2015 –": the dateline's places
            if city and surface and m.source in ("tagger", "gazetteer"):
                k = m.start - 1
                if k >= 0 and low[k] in _DETERMINERS:
                    k -= 1
                placed = k >= 0 and low[k] in loc and not (k > 0 and low[k - 1] in GOVERNMENT)
                listed = k >= 0 and low[k] in ("und", "and", ",", "oder", "or") and dropped_end == k
                if placed or listed:
                    dropped_end = m.end
                    continue
            keep.append(m)
        kept = {id(m) for m in keep}
        out.append([m for m in ms if id(m) in kept])  # in the order found
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
