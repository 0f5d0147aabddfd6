"""Actors with the default method: the shipped tagger, one name per actor, references, filters.

The expected actors are read off the text by hand, following shared/data/ANNOTATION_GUIDE.md
(issue 14's examples). The texts were written for these tests in the style of a White House
transcript and of an Austrian news report; they are not copied from any source.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.actors import find_actors
from helpers.actors.names import cluster_names
from helpers.errors import InputError

TRANSCRIPT = """THE PRESIDENT: Thank you. Please, have a seat.

The United Auto Workers have been on strike since Friday. I have spoken with Shawn Fain, the president of the UAW, \
and with the Big 3 automakers. No one wants a strike. Record profits have not been shared fairly with the workers, \
and the UAW knows it.

Q: Mr. President, will you join the picket line?

THE PRESIDENT: No. Fain and the companies have to settle this at the table. He knows I support the union.
"""

BERICHT = ("Die Stadt Wien und der Flughafen Wien streiten vor Gericht. "
           "Verkehrsminister Andreas Hauer verteidigte den Plan. "
           "Der Minister sagte, die ÖBB müsse sparen. "
           "US-Präsident Joe Biden reagierte nicht. "
           "Hauer kritisierte auch Bidens Zollpolitik.")


def _actors(tmp_path: Path, text: str, lang: str, **kw) -> tuple[list[tuple[str, ...]], pd.DataFrame]:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    sents = helpers.sentences(path, lang=lang)
    per, table = find_actors(sents, helpers.tokens(sents), **kw)
    return list(per), table


def test_transcript_labels_common_words_and_one_name_for_the_union(tmp_path: Path) -> None:
    per, table = _actors(tmp_path, TRANSCRIPT, "en")
    uaw = per[2][0]
    assert uaw in ("United Auto Workers", "UAW")  # one actor, named by its most used form
    assert per == [
        (),                      # THE PRESIDENT: the speaker label is no actor
        (),
        (uaw,),
        ("Shawn Fain", uaw),     # "the president of the UAW" is Fain; "Big" of "the Big 3" is no actor
        (),                      # "No one wants a strike": "No" is no actor
        (uaw,),                  # "UAW" = "United Auto Workers"
        (),                      # Q: and "Mr. President" are no names
        (),                      # THE PRESIDENT: No.
        ("Shawn Fain",),         # "Fain" = "Shawn Fain"
        ("Shawn Fain",),         # "He" refers to Fain in the previous sentence; "the union" is no name
    ]
    assert list(table["actor"]) == [uaw, "Shawn Fain"]
    assert dict(zip(table["actor"], table["type"])) == {uaw: "organisation", "Shawn Fain": "person"}


def test_seats_aliases_and_role_nouns_in_german(tmp_path: Path) -> None:
    per, table = _actors(tmp_path, BERICHT, "de")
    assert per[0] == ("Stadt Wien", "Flughafen Wien")  # a seat, not Österreich
    assert per[1] == ("Andreas Hauer",)
    assert set(per[2]) == {"Andreas Hauer", "ÖBB"}  # "der Minister" is the minister named just before
    assert "Joe Biden" in per[3]
    assert set(per[4]) == {"Andreas Hauer", "Joe Biden"}  # "Hauer" and "Bidens": one name each
    assert "Österreich" not in set(table["actor"]) and "Bidens" not in set(table["actor"])


def test_one_organisation_under_its_short_and_inflected_names(tmp_path: Path) -> None:
    # "Bahn", "Deutschen Bahn" and "Deutsche Bahn" are one actor, named by its full name; "die
    # Gewerkschaft" is the union the article called "Gewerkschaft GDL", not the company
    # named in the sentence before
    text = ("Warnstreik bei der Bahn: Gewerkschaft GDL legt Fernverkehr lahm\n\n"
            "Betroffen ist vor allem der Fernverkehr der Deutschen Bahn. "
            "„Die Bahn spielt auf Zeit“, sagte ein Sprecher der GDL. "
            "Die Gewerkschaft fordert 555 Euro mehr im Monat. "
            "Die Deutsche Bahn bezeichnete den Streik als unnötig.")
    per, table = _actors(tmp_path, text, "de")
    assert list(table["actor"]) == ["Deutsche Bahn", "GDL"]
    assert [set(a) for a in per] == [{"Deutsche Bahn", "GDL"}, {"Deutsche Bahn"}, {"Deutsche Bahn", "GDL"}, {"GDL"},
                                     {"Deutsche Bahn"}]


def test_a_sentence_initial_quantity_is_no_actor(tmp_path: Path) -> None:
    # the tagger reads "Drei Tage" at a sentence's start as a place; a number word and a unit
    # of time or measure are a quantity. Names that open with a number word stay.
    per, _ = _actors(tmp_path, "Drei Tage lang verhandelten Verdi und die Deutsche Bahn. Drei Tage später kam die "
                     "Einigung. Zwei Wochen danach streikte die GDL erneut.", "de")
    assert per == [("Deutsche Bahn", "Verdi"), (), ("GDL",)]
    per, _ = _actors(tmp_path, "Two Weeks later the union and General Motors met again. Three Days Grace played "
                     "in Detroit.", "en")
    assert per == [("General Motors",), ("Three Days Grace",)]
    # the filter itself, on tagger spans: a unit makes a quantity, any other noun a possible name
    from helpers.actors.names import Mention
    from helpers.actors.tagged import filter_mentions

    texts = ["Drei Tage später kam die Einigung.", "Vier Pfoten kritisiert die Transporte."]
    tokens = [t.split() for t in texts]
    spans = [[Mention("Drei Tage", "LOC", 0, 2)], [Mention("Vier Pfoten", "ORG", 0, 2)]]
    kept = filter_mentions(texts, tokens, spans, "de", {"Drei": True, "Vier": True})
    assert [[m.name for m in ms] for ms in kept] == [[], ["Vier Pfoten"]]


def test_one_name_per_actor() -> None:
    labels = cluster_names([("Andreas Hauer", "PER"), ("Hauer", "PER"), ("Hauer", "PER"),
                            ("United Auto Workers", "ORG"), ("UAW", "ORG"), ("UAW", "ORG"),
                            ("Biden", "PER"), ("Bidens", "PER"), ("Biden's", "PER"), ("Joe Biden", "PER")])
    # a person is named by the full name even where the surname is more frequent (the guide)
    assert labels["Hauer"] == labels["Andreas Hauer"] == "Andreas Hauer"
    # an organisation by its most used form
    assert labels["United Auto Workers"] == labels["UAW"] == "UAW"
    assert labels["Bidens"] == labels["Biden's"] == labels["Biden"] == "Joe Biden"
    # an organisation's inflected and short names join it, the short one only when it is unambiguous
    labels = cluster_names([("Deutsche Bahn", "ORG"), ("Deutschen Bahn", "ORG")])
    assert labels["Deutschen Bahn"] == labels["Deutsche Bahn"] == "Deutsche Bahn"
    labels = cluster_names([("Bahn", "ORG"), ("Deutschen Bahn", "ORG"), ("Bahn", "ORG")])
    assert labels["Bahn"] == "Deutschen Bahn"
    labels = cluster_names([("Afrikanische Union", "ORG"), ("Union", "ORG"), ("Christlich-Soziale Union", "ORG"),
                            ("Labour Party", "ORG"), ("Party", "ORG"), ("Conservative Party", "ORG")])
    assert len(set(labels.values())) == 6  # "Union" and "Party" could be either: no merge
    labels = cluster_names([("Christiane Müller", "PER"), ("Christian Müller", "PER")])
    assert labels["Christiane Müller"] != labels["Christian Müller"]  # people are not inflected adjectives


def _cluster_by_scan(forms: list[tuple[str, str]]) -> dict[str, str]:
    """The reference: every new form checked against every earlier form, in order (the
    implementation before the index), labelled by the same ``cluster_labels``."""
    from helpers.actors.names import _joins, cluster_labels, degenitive

    clusters: list[list[str]] = []
    kinds: list[str] = []
    assign: dict[str, int] = {}
    for name, kind in forms:
        base = degenitive(name)
        cands = [name, base] + ([base[:-1]] if base.endswith("s") and len(base) > 3 else [])
        hit = next(((assign[c], c) for c in cands if c in assign), None)
        if hit is None:
            hit = next(((ci, c) for ci, surf in enumerate(clusters) for x in surf for c in cands[1:]
                        if _joins(c, kind, x, kinds[ci])), None)
        if hit is None:
            clusters.append([])
            kinds.append(kind)
            hit = (len(clusters) - 1, base)
        clusters[hit[0]].append(hit[1])
        assign.setdefault(name, hit[0])
    from helpers.actors.names import _merge_organisations

    into = _merge_organisations(clusters, kinds)  # the merging and labelling are shared: the clustering is compared
    merged: list[list[str]] = [[] for _ in clusters]
    for ci, surf in enumerate(clusters):
        merged[into[ci]].extend(surf)
    labels = cluster_labels(merged, kinds)
    return {name: labels[into[ci]] for name, ci in assign.items()}


def test_the_name_index_joins_what_a_full_scan_joins() -> None:
    import random

    names = [("Andreas Hauer", "PER"), ("Hauer", "PER"), ("Hauers", "PER"), ("Elisabeth S.", "PER"),
             ("Elisabeth", "PER"), ("Donald J. Trump", "PER"), ("Donald Trump", "PER"), ("Trump's", "PER"),
             ("United Auto Workers", "ORG"), ("UAW", "ORG"), ("WKN AG", "ORG"), ("WKN", "ORG"),
             ("Deutsche Post", "ORG"), ("Post", "ORG"), ("DP", "ORG"), ("Biden", "PER"), ("Joe Biden", "PER"),
             ("Bidens", "PER"), ("European Union", "ORG"), ("EU", "ORG"), ("Union", "ORG"), ("S.", "PER"),
             ("Andreas", "PER"), ("Hauer AG", "ORG"), ("Wien", "LOC"), ("Flughafen Wien", "ORG"), ("FW", "ORG")]
    rng = random.Random(0)
    for trial in range(300):
        forms = [rng.choice(names) for _ in range(rng.randint(1, 25))]
        assert cluster_names(forms) == _cluster_by_scan(forms), forms


def test_the_rules_stay_available_and_methods_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BERICHT, encoding="utf-8")
    sents = helpers.sentences(path, lang="de")
    toks = helpers.tokens(sents)
    rules, _ = find_actors(sents, toks, method="rules")
    assert "Österreich" in rules.iat[0]  # what issue 14 fixed: the rules map Wien to the country
    with pytest.raises(InputError, match="method"):
        find_actors(sents, toks, method="spacy")


def test_user_actors_and_determinism(tmp_path: Path) -> None:
    text = "Acme Robotics verklagt die ÖBB. Später einigten sich Acme Robotics und die Bahn."
    first, t1 = _actors(tmp_path, text, "de", user_actors={"Acme Robotics": "Acme"})
    again, t2 = _actors(tmp_path, text, "de", user_actors={"Acme Robotics": "Acme"})
    assert first == again and t1.equals(t2)
    assert all("Acme" in s for s in first)


def test_compounds_of_known_names_and_the_shipped_files() -> None:
    from helpers.actors.names import Mention
    from helpers.actors.ner import model_path
    from helpers.actors.tagged import compound_names

    per = [[Mention("Microsoft", "ORG")], [Mention("Microsoft-Lösungen", "LOC"), Mention("Azure-Cloud", "ORG")],
           [Mention("OpenAI", "ORG"), Mention("OpenAI-Microsoft-Beziehung", "ORG")]]
    names = [[m.name for m in ms] for ms in compound_names(per)]
    # a compound is the article's names inside it; one without a known name stays whole
    assert names == [["Microsoft"], ["Microsoft", "Azure-Cloud"], ["OpenAI", "OpenAI", "Microsoft"]]
    for lang in ("de", "en"):
        assert model_path(lang).stat().st_size > 1_000_000
    assert (model_path("de").parent / "NOTICE-ner.md").read_text(encoding="utf-8").count("CC BY") >= 5


def test_a_span_with_lower_case_words_keeps_its_capitalised_core() -> None:
    from helpers.actors.tagged import _capitalised_core

    def core(text: str) -> str:
        toks = text.split()
        a, b = _capitalised_core(toks, 0, len(toks))
        return " ".join(toks[a:b])

    assert core("Cabin crew workers at British Airways") == "British Airways"
    assert core("British Airways cabin crew") == "British Airways"
    assert core("Bank of England") == "Bank of England"
    assert core("Institut für Wirtschaftsforschung") == "Institut für Wirtschaftsforschung"
    assert core("the union") == ""


@pytest.mark.parametrize("lang", ["de", "en"])
def test_fast_attributes_are_the_training_features(lang: str) -> None:
    """The tagger's per-word cached features equal what training used, token for token."""
    from helpers.actors.ner import attributes, fast_attributes, features, tokenize

    texts = ["Verkehrsminister Andreas Hauer verteidigte den Plan der ÖBB in Wien.",
             "THE PRESIDENT: Thank you.", "Ja.", "", "Mr. President, the UAW and Shawn Fain's union (UAW) said: no!",
             "Die OpenAI-Microsoft-Beziehung kostet 10 Mrd. Euro – sagt Elisabeth S. aus Wien."]
    for text in texts:
        toks = tokenize(text)
        assert fast_attributes(toks, lang) == attributes(features(toks, lang))


def test_the_organisation_index_finds_what_a_scan_finds() -> None:
    """``references._Organisations`` (an index) against the scan it replaced, on random lists."""
    import random

    from helpers.actors.references import _Organisations

    def scan(word: str, orgs: list[str], seats: set[str]) -> str | None:
        for stem in (word, word[:-2] if word.endswith("es") else word, word[:-1] if word.endswith("s") else word):
            if len(stem) < 4:
                continue
            for org in reversed(orgs):
                words = [x.lower() for x in org.split()]
                if stem == words[-1] or (len(words) == 1 and words[0].endswith(stem)) or (
                        org in seats and stem == words[0]):
                    return org
        return None

    pool = ["Kunstrückgabebeirat", "Beirat", "Flughafen Wien", "Gender Policy Council", "Council", "House Oversight "
            "Committee", "Verkehrsministerium", "Ministerium", "Staatsanwaltschaft Wien", "Wirtschaftskammer",
            "Kammer", "Councils Union", "Stadt Wien"]
    words = ["beirat", "flughafen", "council", "councils", "house", "ministerium", "staatsanwaltschaft", "kammer",
             "wien", "committee", "rat", "unions", "stadt"]
    rng = random.Random(1)
    for _ in range(400):
        orgs = list(dict.fromkeys(rng.choice(pool) for _ in range(rng.randint(0, 8))))
        seats = {o for o in orgs if rng.random() < 0.4}
        word = rng.choice(words)
        index = _Organisations()
        for org in orgs:
            index.add(org)
        assert index.head_of(word, seats) == scan(word, orgs, seats), (word, orgs, seats)


def test_a_newcomers_strike_article() -> None:
    """An article written for the project by a newcomer trying the README (tests/fixtures):
    one name per actor, the company's negotiator found, "die Gewerkschaft" the union, and
    theme labels without reporting verbs or quantifiers ("sagen", "beide")."""
    from helpers.themes.labels import _GENERIC_WORDS

    result = helpers.analyze(Path(__file__).parent / "fixtures" / "de_bahn_warnstreik.txt")
    actors = set(result.actors["actor"])
    assert {"Deutsche Bahn", "GDL", "Claus Weselsky", "Martin Seiler", "Volker Wissing"} <= actors
    assert not {"Bahn", "Deutschen Bahn"} & actors
    s = result.sentences
    demand = s[s["text"].str.startswith("Die Gewerkschaft fordert")]
    assert demand["actors"].iat[0] == ("GDL",)
    seiler = s[s["text"].str.contains("so Seiler")]
    assert seiler["actors"].iat[0] == ("Martin Seiler",)
    words = {w.lower() for label in result.themes["label"] for w in label.split(" / ")}
    assert not words & _GENERIC_WORDS and "sagen" not in words and "beide" not in words
