"""Reading articles: encodings, paragraphs, language, and one-line errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers
from helpers import InputError

GERMAN = (
    "Die Spannungen zwischen den Unternehmen wachsen. Größere Märkte verändern die Lage. "
    "Über die Zukunft der Zusammenarbeit wird heftig gestritten, heißt es."
)
ENGLISH = (
    "Tensions between the two companies are growing. Larger markets change the situation. "
    "The future of the partnership is hotly disputed, people say."
)
FRENCH = (
    "Les tensions entre les deux entreprises augmentent. Des marchés plus grands changent la "
    "situation. L'avenir du partenariat est vivement contesté, dit-on."
)


def write(tmp_path: Path, data: bytes, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_bom_and_crlf_read_like_plain_utf8(tmp_path: Path) -> None:
    plain = helpers.read_article(write(tmp_path, GERMAN.encode("utf-8"), "plain.txt"))
    bom = helpers.read_article(write(tmp_path, b"\xef\xbb\xbf" + GERMAN.replace(". ", ".\r\n").encode("utf-8")))
    assert bom.text.startswith("Die Spannungen")  # BOM gone
    assert "\r" not in bom.text
    assert bom.encoding == "utf-8-sig"
    assert " ".join(bom.text.split()) == " ".join(plain.text.split())


def test_cp1252_german_keeps_umlauts_and_sharp_s(tmp_path: Path) -> None:
    article = helpers.read_article(write(tmp_path, GERMAN.encode("cp1252")))
    assert article.encoding == "cp1252"
    assert "Größere Märkte" in article.text and "Über" in article.text and "heißt" in article.text


def test_cp1252_typographic_quotes(tmp_path: Path) -> None:
    text = "„Das ist falsch“, sagte er – und ging. " + GERMAN
    article = helpers.read_article(write(tmp_path, text.encode("cp1252")))
    assert article.text.startswith("„Das ist falsch“, sagte er – und ging.")


def test_utf16_with_bom(tmp_path: Path) -> None:
    article = helpers.read_article(write(tmp_path, GERMAN.encode("utf-16")))
    assert article.text == GERMAN


def test_decomposed_umlauts_are_composed(tmp_path: Path) -> None:
    decomposed = GERMAN.replace("ö", "o\u0308")
    article = helpers.read_article(write(tmp_path, decomposed.encode("utf-8")))
    assert "Größere" in article.text


def test_language_detection(tmp_path: Path) -> None:
    assert helpers.read_article(write(tmp_path, GERMAN.encode(), "de.txt")).lang == "de"
    assert helpers.read_article(write(tmp_path, ENGLISH.encode(), "en.txt")).lang == "en"


def test_explicit_language_is_used(tmp_path: Path) -> None:
    article = helpers.read_article(write(tmp_path, ENGLISH.encode()), lang="de")
    assert article.lang == "de" and article.lang_probability == 1.0


def test_seed_paragraphs_are_its_lines(seed_path: Path) -> None:
    article = helpers.read_article(seed_path)
    lines = [ln for ln in seed_path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    assert len(article.paragraphs) == len(lines) == 9
    assert [article.text[p.start:p.end] for p in article.paragraphs] == [ln.strip() for ln in lines]


def test_blank_lines_separate_paragraphs(tmp_path: Path) -> None:
    article = helpers.read_article(write(tmp_path, f"{GERMAN}\n\n  \n{GERMAN}\n\n{GERMAN}".encode()))
    assert len(article.paragraphs) == 3


BAD_INPUTS: list[tuple[str, bytes | None, str]] = [
    ("missing", None, "no such file"),
    ("empty", b"", "empty"),
    ("whitespace", b" \n\t\r\n  \n", "only whitespace"),
    ("binary", bytes(range(256)) * 4, "binary"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "binary"),
    ("numbers", b"123 456. 7,5 %; 2024 -- 99.", "no words"),
    ("french", FRENCH.encode(), "not supported"),
    ("bad-bom", b"\xef\xbb\xbf" + "Größe".encode("cp1252"), "UTF-8"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_input_error(tmp_path: Path, name: str, data: bytes | None, message: str) -> None:
    path = tmp_path / f"{name}.txt"
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(InputError) as info:
        helpers.sentences(path)
    text = str(info.value)
    assert message in text
    assert "\n" not in text and len(text) < 300
    assert isinstance(info.value, ValueError)


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        helpers.read_article(tmp_path)


def test_unsupported_lang_argument(seed_path: Path) -> None:
    with pytest.raises(InputError, match="unsupported language 'fr'"):
        helpers.sentences(seed_path, lang="fr")


def test_french_can_be_forced(tmp_path: Path) -> None:
    # the user takes responsibility: an explicit language skips detection
    df = helpers.sentences(write(tmp_path, FRENCH.encode()), lang="en")
    assert len(df) == 3


def test_text_without_punctuation_is_one_sentence(tmp_path: Path) -> None:
    df = helpers.sentences(write(tmp_path, b"die bahn plant eine reform und kritiker sind dagegen seit langem"), lang="de")
    assert len(df) == 1


def test_input_error_shows_as_one_line_in_jupyter() -> None:
    err = InputError("no such file:\n 'x.txt'")
    assert str(err) == "no such file: 'x.txt'"
    assert err._render_traceback_() == ["InputError: no such file: 'x.txt'"]


@pytest.mark.slow  # new processes or figures: kept out of make quick
def test_language_model_cache_is_written_read_and_repaired(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The uncompressed copy of py3langid's model gives exactly py3langid's rankings."""
    import lzma

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from helpers.cache import CACHE_ENV
    from helpers.text import language

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = ["Der Streit zwischen OpenAI und Microsoft eskaliert.", "The strike goes on and on.",
             "Bonjour tout le monde", "x", ""]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    written = language._full_identifier()
    [folder] = (tmp_path / "cache").glob("py3langid-*")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.npy" for n in language._MODEL_ARRAYS)

    def no_decompressing(*args: object, **kwargs: object) -> None:
        raise AssertionError("decompressed again instead of reading the cache")

    monkeypatch.setattr(lzma, "open", no_decompressing)
    read = language._full_identifier()
    monkeypatch.undo()
    for text in texts:
        assert written.rank(text) == read.rank(text) == reference.rank(text), text
    (folder / "ptc.npy").write_bytes(b"\x93NUMPY broken")  # damaged: decompressed and written again
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert language._full_identifier().rank(texts[0]) == reference.rank(texts[0])
    assert (folder / "ptc.npy").stat().st_size > 1_000_000
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [folder.name]  # no temporary folders left
    monkeypatch.setenv(CACHE_ENV, "")  # no cache: py3langid's own loader
    assert language._full_identifier().rank(texts[1]) == reference.rank(texts[1])
