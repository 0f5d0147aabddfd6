"""Sentence boundaries as (text, expected sentences) tuples, pySBD-style.

Expected splits are written by hand from German/English orthography, not copied
from the splitter's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers
from helpers.text.sentences import split_sentences

GERMAN: list[tuple[str, list[str]]] = [
    ("Das ist z. B. ein Test. Und u. a. noch einer.",
     ["Das ist z. B. ein Test.", "Und u. a. noch einer."]),
    ("Dr. Müller kam. Er ging.", ["Dr. Müller kam.", "Er ging."]),
    ("Er wohnt in Haus Nr. 5 in Wien. Das ist schön.", ["Er wohnt in Haus Nr. 5 in Wien.", "Das ist schön."]),
    ("Äpfel bzw. Birnen sind gut. Danke.", ["Äpfel bzw. Birnen sind gut.", "Danke."]),
    ("Es kostet ca. 5 Euro. Gut.", ["Es kostet ca. 5 Euro.", "Gut."]),
    ("Der Umsatz stieg um 5 Mio. Euro. Die Aktie auch.", ["Der Umsatz stieg um 5 Mio. Euro.", "Die Aktie auch."]),
    ("Das kostet 5 Mrd. Die Regierung zahlt.", ["Das kostet 5 Mrd.", "Die Regierung zahlt."]),
    ("Er kaufte Äpfel, Birnen usw. Dann ging er.", ["Er kaufte Äpfel, Birnen usw.", "Dann ging er."]),
    ("Das Urteil fiel am 28. Februar 2013 in Luxemburg. Danach kam es anders.",
     ["Das Urteil fiel am 28. Februar 2013 in Luxemburg.", "Danach kam es anders."]),
    ("Präsident Joseph R. Biden sprach. Er war klar.", ["Präsident Joseph R. Biden sprach.", "Er war klar."]),
    ("„Das ist falsch“, sagte er. Dann ging er.", ["„Das ist falsch“, sagte er.", "Dann ging er."]),
    ('Er sagte: "Das ist falsch." Dann ging er.', ['Er sagte: "Das ist falsch."', "Dann ging er."]),
    ("Er sagte: „Wir gehen.“ Dann gingen sie.", ["Er sagte: „Wir gehen.“", "Dann gingen sie."]),
    ("Der Wert stieg auf 200. Die Firma freute sich.", ["Der Wert stieg auf 200.", "Die Firma freute sich."]),
    ("So entschied der EuGH.Hingegen sah das Gericht es anders.",
     ["So entschied der EuGH.", "Hingegen sah das Gericht es anders."]),
    ("Laut Art. 5 Abs. 2 GG ist das erlaubt. Gut so.", ["Laut Art. 5 Abs. 2 GG ist das erlaubt.", "Gut so."]),
    ("Im 13. Jh. war das anders. Heute nicht.", ["Im 13. Jh. war das anders.", "Heute nicht."]),
    ("Der 1. FC Köln gewann. Die Fans jubelten.", ["Der 1. FC Köln gewann.", "Die Fans jubelten."]),
    ("Prof. Dr. Hans Müller sprach. Danach ging er.", ["Prof. Dr. Hans Müller sprach.", "Danach ging er."]),
    ("Was tun? Das ist die Frage! Wirklich.", ["Was tun?", "Das ist die Frage!", "Wirklich."]),
    ("STANDARD: Österreich hat eine Obergrenze von 37.500 gesetzt. Diese ist bald erreicht.",
     ["STANDARD: Österreich hat eine Obergrenze von 37.500 gesetzt.", "Diese ist bald erreicht."]),
    ("Die Firma erzielte im 2. Quartal 2023 mehr Gewinn. Gut.",
     ["Die Firma erzielte im 2. Quartal 2023 mehr Gewinn.", "Gut."]),
    ("Die Seite heise.de berichtete. Dann kam mehr.", ["Die Seite heise.de berichtete.", "Dann kam mehr."]),
]

ENGLISH: list[tuple[str, list[str]]] = [
    ("Mr. Smith went to the U.S. on Monday. He stayed.", ["Mr. Smith went to the U.S. on Monday.", "He stayed."]),
    ("Use tools, e.g. hammers. They help.", ["Use tools, e.g. hammers.", "They help."]),
    ("It is cheap, i.e. under ten dollars. Buy it.", ["It is cheap, i.e. under ten dollars.", "Buy it."]),
    ('She said: "We leave." Then they left.', ['She said: "We leave."', "Then they left."]),
    ("Dr. Jones met Mrs. Lee at 5 p.m. yesterday. They talked.",
     ["Dr. Jones met Mrs. Lee at 5 p.m. yesterday.", "They talked."]),
]


def _split(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


@pytest.mark.parametrize(("text", "expected"), GERMAN)
def test_german_boundaries(text: str, expected: list[str]) -> None:
    assert _split(text, "de") == expected


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english_boundaries(text: str, expected: list[str]) -> None:
    assert _split(text, "en") == expected


def test_seed_has_42_sentences_in_9_paragraphs(seed_path: Path) -> None:
    df = helpers.sentences(seed_path)
    assert len(df) == 42
    assert df["paragraph"].nunique() == 9
    assert list(df["sentence_id"]) == list(range(42))
    assert df.attrs["lang"] == "de"
    # first and last sentence, as they stand in the file
    assert df["text"].iloc[0].startswith("Die Partnerschaft zwischen OpenAI und Microsoft")
    assert df["text"].iloc[-1].endswith("aktiv mitgestalten.")
    assert not df["is_heading"].any()


def test_offsets_point_into_the_text(seed_path: Path) -> None:
    article = helpers.read_article(seed_path)
    df = helpers.sentence_table(article)
    for text, start, end in zip(df["text"], df["start"], df["end"]):
        assert " ".join(article.text[start:end].split()) == text


def test_headings_are_units_of_their_own(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Die Bahn plant eine Reform. Kritiker sind empört.\n\nPrioritätsfrage\n\n"
        "Wer zuerst fahren darf, ist umstritten. Die Regel gilt ab Mai.\n",
        encoding="utf-8",
    )
    df = helpers.sentences(path, lang="de")
    assert list(df["text"]) == [
        "Die Bahn plant eine Reform.", "Kritiker sind empört.", "Prioritätsfrage",
        "Wer zuerst fahren darf, ist umstritten.", "Die Regel gilt ab Mai.",
    ]
    assert list(df["is_heading"]) == [False, False, True, False, False]
    assert list(df["paragraph"]) == [0, 0, 1, 2, 2]


def test_heading_on_first_line_of_a_block(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Streit um Trassen\nDie Bahn plant eine Reform. Kritiker sind empört.\n", encoding="utf-8")
    df = helpers.sentences(path, lang="de")
    assert list(df["is_heading"]) == [True, False, False]
    assert list(df["paragraph"]) == [0, 1, 1]


def test_wrapped_lines_inside_a_block_are_one_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Die Bahn plant eine umfassende Reform des Gesetzes,\nüber die seit Monaten gestritten wird.\n\n"
        "Kritiker sind empört.\n", encoding="utf-8")
    df = helpers.sentences(path, lang="de")
    assert list(df["text"]) == [
        "Die Bahn plant eine umfassende Reform des Gesetzes, über die seit Monaten gestritten wird.",
        "Kritiker sind empört.",
    ]
    assert list(df["paragraph"]) == [0, 1]


def test_long_paragraph_is_split_in_windows_as_a_whole(monkeypatch) -> None:  # noqa: ANN001
    """A paragraph longer than pySBD's window gives the spans of one call on the whole text."""
    from helpers.text import segment

    root = Path(__file__).resolve().parents[1]
    text = " ".join((root / "seeds" / "openai_microsoft_spannungen.txt").read_text(encoding="utf-8").split())
    text = " ".join([text] * 3)  # one paragraph of ~20,000 characters
    assert len(text) > 2 * segment._WINDOW_CHARS
    windowed = split_sentences(text, "de")
    monkeypatch.setattr(segment, "_WINDOW_CHARS", 10**9)
    assert windowed == split_sentences(text, "de")


def test_span_search_by_find_equals_pysbds_own() -> None:
    """``_spans_by_find`` replaces pySBD's regex-per-sentence span search, and
    ``_abbreviation_search`` pre-filters its abbreviation search: same spans and texts
    (trailing whitespace included), on crafted cases (repeats, a sentence that occurs
    earlier inside another, non-breaking and mixed whitespace, abbreviations in upper and
    lower case, as words and before numbers, one pySBD raises on) and on every paragraph of
    the repository's articles, German and English."""
    import pysbd

    from helpers.text.segment import _segmenter, _spans_by_find

    root = Path(__file__).resolve().parents[1]
    texts = ["Ja. Ja. Ja.", "Er sagte Nein. Nein. Dann ging er.", "A b.\u00a0 A b.\t\nC d.  ",
             "Das ist gut. Gut. Das ist gut.", "x. x. x",
             # abbreviations, for the replacer's pre-filter (``_abbreviation_search``)
             "Nr. 5 kam. Art. 3 gilt ca. 300 Mal. Dr. Meier und Prof. Huber kamen z.B. am Mo. nicht. NO. Das Ende.",
             "Mr. Smith met Ms. Jones at St. Paul's, no. 4. He said no. The U.S. Senate voted. Gen. Milley spoke.",
             "Das Wort art. Dann noch eine Art. Die Kunst des Nr. Es kam ſt. Paul und CA. Die Firma Co. Ende.",
             "Die Trainerin hat einen B.A. in Sportwissenschaft. Sie hat die Stufe B(asis).",
             # the regex's case folding matches "ı" (dotless i) with "i"; str.lower() does not
             "The Fıg. 3 shows. Another fig here.", "He said ınc. was fine. The inc is big.",
             "Er kam dı. und die Leute gingen. Dann Ende."]
    for path in [root / "seeds" / "openai_microsoft_spannungen.txt", *sorted((root / "data" / "samples").glob("*.txt")),
                 root / "tests" / "fixtures" / "en_port_strike.txt"]:
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    # the search goes on after a match, not inside it (re.finditer does not overlap)
    crafted = pysbd.Segmenter(language="en", clean=False, char_span=False)
    crafted.original_text = "a a a a a a"
    want = [(s.sent, s.start, s.end) for s in crafted.sentences_with_char_spans(["a a a a", "a a"])]
    assert [(s.sent, s.start, s.end) for s in _spans_by_find(["a a a a", "a a"], "a a a a a a")] == want
    checked = 0
    for lang in ("de", "en"):
        plain = pysbd.Segmenter(language=lang, clean=False, char_span=False)
        ours = _segmenter(lang)
        for text in texts:
            plain.original_text = text
            try:
                pieces = plain.processor(text).process()
            except Exception as exc:  # noqa: BLE001 - pySBD's own error must stay the same
                with pytest.raises(type(exc)):
                    ours.segment(text)
                continue
            want = [(s.sent, s.start, s.end) for s in plain.sentences_with_char_spans(pieces)]
            assert [(s.sent, s.start, s.end) for s in _spans_by_find(pieces, text)] == want
            assert ours.segment(text) == plain.segment(text)
            checked += 1
    assert checked > 30


def test_the_regex_cache_is_roomy_while_splitting_and_restored_after(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from helpers.text import segment
    from helpers.text import sentences as S

    seen: list[int] = []
    real = S.split_sentences

    def spy(text: str, lang: str) -> list[tuple[int, int]]:
        seen.append(re._MAXCACHE)  # type: ignore[attr-defined]
        return real(text, lang)

    monkeypatch.setattr(S, "split_sentences", spy)
    monkeypatch.setattr(re, "_MAXCACHE", 512)
    helpers.sentences("Der Vorstand tagte. Die Gewerkschaft drohte mit Streik.")
    assert seen and set(seen) == {segment.REGEX_CACHE} and re._MAXCACHE == 512  # type: ignore[attr-defined]

    def boom(text: str, lang: str) -> list[tuple[int, int]]:
        raise RuntimeError("inside")

    monkeypatch.setattr(S, "split_sentences", boom)
    with pytest.raises(RuntimeError):
        helpers.sentences("Der Vorstand tagte. Die Gewerkschaft drohte mit Streik.")
    assert re._MAXCACHE == 512  # type: ignore[attr-defined]
