"""The written patterns the tagger misses (``helpers.actors.patterns``), the world's countries
(``helpers.actors.world``), head-noun and pair references, and lenient name matching.

Each case is ``(sentences, expected actors per sentence)``, read off the text by hand with
shared/data/ANNOTATION_GUIDE.md (actors). The sentences were written for these tests.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.actors.names import same_actor
from helpers.actors.tagged import find_actors_tagged


def _per(texts: list[str], lang: str) -> list[set[str]]:
    sents = pd.DataFrame({"text": texts, "sentence_id": range(len(texts))})
    return [set(a) for a in find_actors_tagged(sents, lang)[0]]


CASES_EN = [
    # a capitalised title before a name, even after a place ("New Orleans Mayor ...")
    (["Governor Tate Reeves asked for help on Monday."], [{"Tate Reeves"}]),
    (["The update came from New Orleans Mayor LaToya Cantrell and others."], [{"New Orleans", "LaToya Cantrell"}]),
    # an organisation named by its words and its head noun
    (["The Federal Aviation Administration has warned all carriers."], [{"Federal Aviation Administration"}]),
    # an acronym in brackets names the organisation, and later mentions are the same actor
    (["Delegates met at the Organization for Security and Cooperation in Europe (OSCE) on Friday.",
      "The OSCE will meet again in June."], [{"OSCE"}, {"OSCE"}]),
    # countries beyond the gazetteer (CLDR names)
    (["Strikes were flown with support from Bahrain and the Netherlands."], [{"Bahrain", "Netherlands"}]),
    # "the two leaders" are the last two people named; "the Prime Minister" the one titled so
    (["President Lena Ortiz met Prime Minister Omar Haddad on Tuesday.",
      "The two leaders discussed the ceasefire.",
      "The Prime Minister thanked the hosts."],
     [{"Lena Ortiz", "Omar Haddad"}, {"Lena Ortiz", "Omar Haddad"}, {"Omar Haddad"}]),
    # "the President" is not the governor named just before
    (["Governor Tate Reeves asked for help.", "The President promised it."], [{"Tate Reeves"}, set()]),
    # the initials of a two-word organisation name it in later sentences
    (["Cabin crew at British Airways went on strike.", "Talks between BA and the union failed."],
     [{"British Airways"}, {"British Airways"}]),
    # review findings: German country names are not English ones; an organisation noun after a
    # title is an organisation; a clause opener is no part of a name; "the House" is not a committee
    (["Long Island voters backed the measure."], [set()]),
    (["When Justice Department lawyers arrived, the hearing began."], [{"Justice Department"}]),
    (["Neither Party wanted a deal."], [set()]),
    (["The House Oversight Committee met.", "The House passed the bill on Friday."],
     [{"House Oversight Committee"}, set()]),
    # a named event is no actor
    (["Hurricane Ida left thousands of homes without power, the agency said.",
      "Homes damaged by Ida still have no power."], [set(), set()]),
    # a court case is no actor
    (["The justices declined to revisit Roe v. Wade that week."], [set()]),
]

CASES_DE = [
    # a title and a first name make a name even when the tagger is silent
    (["Richterin Nicole Baczak wies die Klage am Montag ab."], [{"Nicole Baczak"}]),
    # a role compound is a title too ("Personalvorstand", "Konzernsprecherin"); the surname later is that person
    (["Personalvorstand Martin Seiler sagte, das Angebot liege auf dem Tisch.", "Mehr sei nicht drin, so Seiler."],
     [{"Martin Seiler"}, {"Martin Seiler"}]),
    (["Konzernsprecherin Anna Berg bestätigte den Termin."], [{"Anna Berg"}]),
    # a one-word public institution, and "das Ministerium" for it in the next sentence
    (["Das Verkehrsministerium überarbeitet den Entwurf.", "Das Ministerium will ihn im Mai vorlegen."],
     [{"Verkehrsministerium"}, {"Verkehrsministerium"}]),
    # names inside compounds count, also before the name stands alone
    (["Die ÖVP-Landeshauptleute stimmten dagegen.", "Die ÖVP will nun verhandeln."], [{"ÖVP"}, {"ÖVP"}]),
    # a one-word institution named by the short form in brackets, which later sentences use
    (["Das Wirtschaftsforschungsinstitut (Wifo) hob die Prognose an.", "Laut Wifo wächst der Konsum."],
     [{"Wifo"}, {"Wifo"}]),
    # a city in the dateline or after "in" is where it happens, not Austria; "Moskau" acting is Russia
    (["Wien – Der Prozess begann am Montag.", "Die Anklage wurde in Wien verlesen.",
      "Moskau reagierte scharf auf die Vorwürfe."], [set(), set(), {"Russland"}]),
    # a city after an institution noun is that institution's seat
    (["Laut Staatsanwaltschaft Wien gibt es Videos."], [{"Staatsanwaltschaft Wien"}]),
    # a nationality before a person's title is hers, not a country actor
    (["Die deutsche Bundeskanzlerin Angela Merkel widersprach."], [{"Angela Merkel"}]),
    # a person the paper shortens ("Elisabeth S.") is one actor with her first name alone
    (["Der Beamte soll Elisabeth S. verletzt haben.", "Elisabeth S. sagte vor Gericht aus.",
      "Danach sprach Elisabeth mit Journalisten."], [{"Elisabeth S."}, {"Elisabeth S."}, {"Elisabeth S."}]),
    # a dateline's country is where the report comes from; a descriptor before a company is no name;
    # a short form in brackets whose letters follow the name in order; "AG" aside, one actor
    (["Cuxhaven (Deutschland), 19.06.2015 – Die Windenergiefirma PNE lädt zur Hauptversammlung.",
      "Er war früher Chef von Windkraft Nord AG (WKN) in Hamburg.",
      "Die WKN AG wurde 2013 übernommen."], [{"PNE"}, {"WKN"}, {"WKN"}]),
    # review findings: a politician's party in brackets is not her short form; a compound that the
    # dictionary does not know is no name after a title; a city that receives or acts is its state;
    # a list after "in" is a list of settings; a dictionary word in a compound is no surname
    (["Die Abgeordnete Sabine Schmidt (SPÖ) kritisierte den Plan."], [{"Sabine Schmidt", "SPÖ"}]),
    (["Dem Minister Budgetsanierungsmaßnahmen vorzuschlagen war mutig."], [set()]),
    (["Berlin schickt Waffen nach Kiew.", "Die Regierung in Wien reagierte.",
      "Gespräche in Moskau und Kiew scheiterten."], [{"Deutschland", "Ukraine"}, {"Österreich"}, set()]),
    (["Der Hacker-Angriff legte das Netz lahm.", "Stadtrat Peter Hacker sprach von einem Angriff."],
     [set(), {"Peter Hacker"}]),
    # the chambers and parties of US politics named by a common noun or a plural
    (["Die Republikaner scheiterten im US-Senat."], [{"Republikaner", "US-Senat"}]),
]


@pytest.mark.parametrize(("texts", "expected"), CASES_EN)
def test_english_patterns(texts: list[str], expected: list[set[str]]) -> None:
    assert _per(texts, "en") == expected


@pytest.mark.parametrize(("texts", "expected"), CASES_DE)
def test_german_patterns(texts: list[str], expected: list[set[str]]) -> None:
    assert _per(texts, "de") == expected


def test_interview_speaker_labels() -> None:
    texts = ["Im STANDARD-Interview spricht Außenminister Nikola Poposki über die Grenze.",
             "STANDARD: Wie viele Beamte sollen kommen?",
             "Poposki: Es werden bis zu 400 sein.",
             "STANDARD: Und wann?",
             "Poposki: Ab März."]
    got = _per(texts, "de")
    assert got[0] == {"STANDARD", "Nikola Poposki"}  # the paper inside the compound
    assert got[1] == {"STANDARD"} and got[3] == {"STANDARD"}  # the interviewer's turns
    assert got[2] == {"Nikola Poposki"} and got[4] == {"Nikola Poposki"}  # "Poposki" = the full name


def test_a_label_used_once_or_a_word_is_no_speaker() -> None:
    # "KURIER" opens one sentence only; "Fazit" is a dictionary word; "FAZIT" is on the stop list
    got = _per(["KURIER: Wie geht es weiter?", "Fazit: Niemand gewinnt.", "Fazit: Alle verlieren.",
                "FAZIT: Der Streit bleibt.", "FAZIT: Er geht weiter."], "de")
    assert got == [set(), set(), set(), set(), set()]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("U.S.", "United States", True),      # an acronym of the other's words, dots aside
    ("U.S.", "US", True),
    ("U.S.", "U.S.", True),               # the same name (had no word of three letters)
    ("OSCE", "Organization for Security and Cooperation in Europe", True),
    ("UAW", "United Auto Workers", True),
    ("SPÖ", "ÖVP", False),
    ("USA", "United Kingdom", False),
    ("EU", "UN", False),
    ("PS", "Peter Schmidt", False),       # never a person's initials
    ("ORF", "Otto R. Fischer", False),
    ("US", "Ursula Stenzel", False),
])
def test_same_actor_acronyms(a: str, b: str, same: bool) -> None:
    assert same_actor(a, b) is same and same_actor(b, a) is same
