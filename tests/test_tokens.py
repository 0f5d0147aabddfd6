"""Tokens: lemmas, compounds, stop words, content words and negations (golden values by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.text.tokens import TOKEN_COLUMNS, tokenize


def _by_text(text: str, lang: str) -> dict[str, dict]:
    return {row["text"]: row for row in tokenize(text, lang)}


def test_german_lemmas_and_flags() -> None:
    rows = _by_text("Die Spannungen zwischen den Unternehmen wachsen nicht.", "de")
    assert rows["Spannungen"]["norm"] == "spannung"
    assert rows["wachsen"]["norm"] == "wachsen"
    assert rows["Die"]["is_stop"] and not rows["Die"]["is_content"]
    assert rows["Spannungen"]["is_content"] and not rows["Spannungen"]["is_stop"]
    assert rows["nicht"]["is_negation"]
    assert rows["."]["is_alpha"] is False


def test_hyphenated_compounds_keep_whole_form_and_expose_parts() -> None:
    rows = _by_text("KI-Modelle, Cloud-Dienste und die OpenAI-Microsoft-Beziehung.", "de")
    assert rows["KI-Modelle"]["lemma"] == "KI-Modell"
    assert rows["KI-Modelle"]["parts"] == ("ki", "modell")
    assert rows["Cloud-Dienste"]["parts"] == ("cloud", "dienst")
    assert rows["OpenAI-Microsoft-Beziehung"]["parts"] == ("openai", "microsoft", "beziehung")
    assert rows["KI-Modelle"]["is_content"]


def test_german_negations_are_flagged_not_dropped() -> None:
    text = "Kein Konzern will nie ohne Partner arbeiten, nichts geht."
    rows = _by_text(text, "de")
    assert [t for t, r in rows.items() if r["is_negation"]] == ["Kein", "nie", "ohne", "nichts"]


def test_english_tokens() -> None:
    rows = _by_text("The companies were not without disputes, and tensions never eased.", "en")
    assert rows["companies"]["norm"] == "company"
    assert rows["disputes"]["norm"] == "dispute"
    assert {t for t, r in rows.items() if r["is_negation"]} == {"not", "without", "never"}
    assert rows["The"]["is_stop"]


def test_offsets_are_within_sentence_text() -> None:
    text = "Microsoft investierte massiv, doch OpenAI fordert Flexibilität."
    for row in tokenize(text, "de"):
        assert text[row["start"]:row["end"]] == row["text"]


def test_token_table_for_the_seed(seed_path) -> None:
    sents = helpers.sentences(seed_path)
    toks = helpers.tokens(sents)
    assert tuple(toks.columns) == TOKEN_COLUMNS
    assert set(toks["sentence_id"]) == set(range(42))
    assert toks.groupby("sentence_id")["token_id"].apply(lambda s: list(s) == list(range(len(s)))).all()
    # "Spannungen" appears in the seed several times, always lemmatised to "spannung"
    assert (toks.loc[toks["text"] == "Spannungen", "norm"] == "spannung").all()
    assert toks.loc[toks["text"] == "Spannungen"].shape[0] >= 4
    assert isinstance(toks, pd.DataFrame) and toks.attrs["lang"] == "de"


# Golden lemmas from German and English grammar (dictionary forms), one flat list per language.
LEMMAS_DE = {
    "Spannungen": "spannung", "investierte": "investieren", "Konflikten": "konflikt",
    "Partnerschaften": "partnerschaft", "Herausforderungen": "herausforderung", "Interessen": "interesse",
    "Flüchtlinge": "flüchtling", "Grenzen": "grenze", "Richtlinien": "richtlinie", "stärkeren": "stark",
    "Gerichtshofs": "gerichtshof", "Verträge": "vertrag", "verstoße": "verstoßen",
    "Wettbewerbs": "wettbewerb", "Kunden": "kunde", "gingen": "gehen",
}
LEMMAS_EN = {
    "companies": "company", "tensions": "tension", "disputes": "dispute", "was": "be",
    "investors": "investor", "grew": "grow", "children": "child", "criticised": "criticise",
}


def test_golden_lemmas_german() -> None:
    got = {w: tokenize(w, "de")[0]["norm"] for w in LEMMAS_DE}
    assert got == LEMMAS_DE


def test_golden_lemmas_english() -> None:
    got = {w: tokenize(w, "en")[0]["norm"] for w in LEMMAS_EN}
    assert got == LEMMAS_EN


def test_separable_verbs_join_only_known_verbs() -> None:
    from helpers.text.tokens import separable_verbs

    words = ["Die", "Regierung", "lehnt", "den", "Plan", "ab", ",", "und", "wir", "fahren", "ab", "."]
    norms = [w.lower() for w in words]
    norms[2], norms[9] = "lehnen", "fahren"
    known = {"ablehnen"}.__contains__
    # "lehnt ... ab" closes its clause and "ablehnen" is known; "fahren ab" (abfahren) is not
    assert separable_verbs(words, norms, known) == [(2, 5, "ablehnen")]
    # a particle that does not close the clause is a preposition
    assert separable_verbs(["Er", "lehnt", "ab", "dem", "Plan", "."], ["er", "lehnen", "ab", "der", "plan", "."], known) == []
    # only verbs join: "an" + the article "der" would be the known word "ander"
    words = ["Die", "Regierung", "kündigte", "neue", "Mittel", "an", "."]
    norms = ["der", "regierung", "kündigen", "neu", "mittel", "an", "."]
    assert separable_verbs(words, norms, {"ander", "ankündigen"}.__contains__) == [(2, 5, "ankündigen")]


# ------------------------------------------------------------------ lemma dictionary cache
@pytest.mark.slow  # new processes or figures: kept out of make quick
def test_cached_lemmas_equal_simplemma(seed_path) -> None:
    import simplemma

    from helpers.text.tokens import _simplemma, is_known

    # the cached lemmatizer (``lemma`` adds all-caps and compound-head rules on top of it)
    cached = _simplemma()[0]
    words = set(seed_path.read_text(encoding="utf-8").split()) | {"Verhandlungen", "ging", "Häuser", "xyzzy"}
    for w in sorted(words):
        w = w.strip(".,;:!?()„“\"'")
        if w:
            assert cached(w, "de") == simplemma.lemmatize(w, lang="de"), w
            assert is_known(w, "de") == simplemma.is_known(w, lang="de"), w
    assert cached("went", "en") == simplemma.lemmatize("went", lang="en") == "go"


@pytest.mark.slow  # new processes or figures: kept out of make quick
def test_dictionary_cache_is_written_read_and_repaired(tmp_path, monkeypatch) -> None:
    import importlib

    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    tokens = importlib.import_module("helpers.text.tokens")
    from helpers import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    first = tokens._decoded_dictionary("en")
    files = list((tmp_path / "cache").glob("simplemma-*-en-*.marshal"))
    assert len(files) == 1 and first[b"went"] == b"go"

    def no_decoding(self, lang: str) -> dict:
        raise AssertionError("decoded again instead of reading the cache")

    monkeypatch.setattr(DefaultDictionaryFactory, "get_dictionary", no_decoding)
    assert tokens._decoded_dictionary("en") == first  # read from the cache
    monkeypatch.undo()
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    files[0].write_bytes(b"\x00broken")  # a damaged cache is decoded again and rewritten
    assert tokens._decoded_dictionary("en") == first
    assert files[0].stat().st_size > 1000
    monkeypatch.setenv(cache.CACHE_ENV, "")  # empty: no cache at all
    assert cache.cache_dir() is None
    assert tokens._decoded_dictionary("en") == first
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [files[0].name]  # no temporary files left


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # an all-caps word in a sentence in ordinary case is an acronym: kept, never a stop word
    ("US tariffs hit AI firms and IT staff.", "en", {"US": ("US", False), "AI": ("AI", False), "IT": ("IT", False)}),
    ("The NHS and NATO warned.", "en", {"NHS": ("NHS", False), "NATO": ("NATO", False)}),
    ("Die SPD und die BASF streiten.", "de", {"SPD": ("SPD", False), "BASF": ("BASF", False)}),
    # capitals for emphasis are not acronyms: a negation, or a stop word of 4+ letters, stays a stop word
    ("This deal is NOT acceptable, says the WHO.", "en", {"NOT": ("NOT", True), "WHO": ("WHO", False)}),
    ("Das ist NICHT gut, sagt die NATO.", "de", {"NICHT": ("nicht", True), "NATO": ("NATO", False)}),
    ("We said THIS deal is dead.", "en", {"THIS": ("this", True)}),
    # a sentence in capitals is a shouted headline: its words are lemmatised
    ("GEWERKSCHAFT DROHT MIT STREIK", "de", {"GEWERKSCHAFT": ("Gewerkschaft", False), "DROHT": ("drohen", False),
                                             "MIT": ("MIT", True)}),
    ("STRIKES HIT THE PORTS", "en", {"STRIKES": ("strike", False), "THE": ("THE", True), "PORTS": ("port", False)}),
])
def test_acronyms_and_shouted_headlines(text: str, lang: str, expected: dict[str, tuple[str, bool]]) -> None:
    rows = _by_text(text, lang)
    assert {t: (rows[t]["lemma"], rows[t]["is_stop"]) for t in expected} == expected
