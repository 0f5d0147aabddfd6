"""Actors found by the rules of helpers.actors.rules (method="rules", the method before issue 14;
expected actors read off the text by hand). The default tagger method: test_actors_tagger.py."""

from __future__ import annotations

from pathlib import Path

import helpers
from helpers.actors import find_actors


def _actors(tmp_path: Path, text: str, lang: str, method: str = "rules",
            **kw) -> tuple[list[tuple[str, ...]], list[str]]:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    sents = helpers.sentences(path, lang=lang)
    per, table = find_actors(sents, helpers.tokens(sents), method=method, **kw)
    return list(per), list(table["actor"])


def test_gazetteer_acronyms_brands_and_compounds(tmp_path: Path) -> None:
    per, _ = _actors(tmp_path, (
        "Die ÖBB streitet mit der Westbahn. "
        "Die OpenAI-Microsoft-Beziehung ist angespannt. "
        "Die KI-Modelle laufen auf Servern in Österreich. "
        "Österreichische Firmen klagen bei der EU."
    ), "de")
    assert per == [("ÖBB", "Westbahn"), ("OpenAI", "Microsoft"), ("Österreich",), ("Österreich", "EU")]


def test_not_actors_are_ignored(tmp_path: Path) -> None:
    per, _ = _actors(tmp_path, "Der CEO sprach über KI und IT bei der GmbH.", "de")
    assert per == [()]


def test_people_after_role_nouns_and_later_surnames(tmp_path: Path) -> None:
    per, table = _actors(tmp_path, (
        "Verwaltungsrechtler Andreas Hauer kritisiert den Entwurf. "
        "Hauer sieht einen Verstoß gegen EU-Recht."
    ), "de")
    assert per == [("Andreas Hauer",), ("Andreas Hauer", "EU")]
    assert table[0] == "Andreas Hauer"


def test_capitalised_german_nouns_are_not_people(tmp_path: Path) -> None:
    per, _ = _actors(tmp_path, "Beide Unternehmen sehen die Zukunft offen. Zigtausende Flüchtlinge kommen.", "de")
    assert per == [(), ()]


def test_interview_speakers(tmp_path: Path) -> None:
    per, _ = _actors(tmp_path, (
        "Außenminister Nikola Poposki spricht mit uns.\n\n"
        "STANDARD: Wie geht es weiter?\n\nPoposki: Wir warten ab.\n\n"
        "STANDARD: Und dann?\n\nPoposki: Dann sehen wir weiter."
    ), "de")
    assert per == [("Nikola Poposki",), ("STANDARD",), ("Nikola Poposki",), ("STANDARD",), ("Nikola Poposki",)]


def test_english_names_and_user_list(tmp_path: Path) -> None:
    per, _ = _actors(tmp_path, (
        "The deal was signed by Satya Nadella in Washington. "
        "Later, Nadella met the board of Acme Robotics."
    ), "en", user_actors={"Acme Robotics": "Acme"})
    assert per == [("Satya Nadella", "USA"), ("Satya Nadella", "Acme")]


def test_english_names_in_english_and_longest_match_wins(tmp_path: Path) -> None:
    per, table = _actors(tmp_path, (
        "Cabin crew at British Airways began a strike after talks with the union, Unite, collapsed. "
        "At London Gatwick Airport most flights still left. "
        "The Prime Minister Gordon Brown said Unite must return to talks with British Airways. "
        "Later, Brown met the German ambassador."
    ), "en")
    # "British" alone would be the United Kingdom: the longer name wins; names are English
    assert per[0] == ("British Airways", "Unite")
    assert per[1] == ("London Gatwick Airport",)
    assert per[2] == ("Gordon Brown", "Unite", "British Airways")
    assert per[3] == ("Gordon Brown", "Germany")
    assert "Großbritannien" not in table and "Deutschland" not in table


def test_parties_named_by_their_role(tmp_path: Path) -> None:
    """Government and opposition, boards, unions and employers are the sides of a conflict
    even without a proper name; right before its name, the role is that name ("the union, Unite")."""
    per, _ = _actors(tmp_path, (
        "Der Aufsichtsrat sprach dem Vorstand das Misstrauen aus. "
        "Die Opposition wirft der Regierung Versagen vor. "
        "Das Wetter war schön. "
        "Die Gewerkschaft Verdi streikt."
    ), "de")
    assert per == [("Aufsichtsrat", "Vorstand"), ("Opposition", "Regierung"), (), ("Verdi",)]
    per, table = _actors(tmp_path, (
        "The union accused the government of breaking its promise. "
        "Talks between the union, Unite, and employers collapsed. "
        "Later Unite called a strike."
    ), "en")
    assert per == [("union", "government"), ("Unite", "employers"), ("Unite",)]


def test_lenient_actor_matching_and_agreement() -> None:
    from evaluation.actors import actor_agreement, same_actor

    assert same_actor("Andreas Hauer", "Hauer") and same_actor("STANDARD", "Der Standard")
    assert same_actor("EU", "EU-Staaten") and same_actor("Österreich", "österreichische Regierung")
    assert not same_actor("ÖBB", "Westbahn") and not same_actor("Die Post", "Der Standard")
    # sentence 1: A found, B extra; sentence 2: C missed -> tp 1 of 2 predicted, 1 of 2 gold
    m = actor_agreement([("A-Team", "Bravo"), ()], [["A-Team"], ["Charlie"]])
    assert (m["P"], m["R"], m["F1"]) == (0.5, 0.5, 0.5)
    # a gold name is matched once: two predictions of one actor are one hit
    assert actor_agreement([("Hauer", "Andreas Hauer")], [["Andreas Hauer"]])["P"] == 0.5
