"""Reading an article: bytes -> decoded text -> paragraphs, with clear errors.

Decoding: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy Windows-1252 /
Latin-1 (common for German Word exports) as a fallback. The decoded text is
normalised (CRLF/CR -> LF, Unicode NFC, soft hyphens and zero-width spaces dropped);
all character offsets in the project refer to ``Article.text``.

Paragraphs and headings: ``helpers.io.paragraphs`` (blank lines, one paragraph per
line, or hard-wrapped text detected from the file's own line statistics).

Language: ``"auto"`` refuses an article that is confidently in another language
(``detect_language``) and otherwise takes the language of most *narration* letters
(text outside quotes, ``article_language``), so a German article that quotes English
speakers at length stays German; a text too short to tell raises ``InputError``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from helpers.errors import InputError
from helpers.io.markup import MARKUP_SUFFIXES, markup_to_text
from helpers.io.paragraphs import Paragraph, split_paragraphs
from helpers.text.language import article_language, check_lang, detect_language

__all__ = ["Article", "Paragraph", "article_from_text", "decode_bytes", "load_source", "normalise",
           "read_article", "read_text_file", "resolve_article", "split_paragraphs"]

MAX_BYTES = 50_000_000
"""Refuse files larger than this (50 MB): certainly not one news article."""

_DROP_CHARS = str.maketrans("", "", "\u00ad\u200b\ufeff")


@dataclass(frozen=True)
class Article:
    """A decoded article.

    Attributes:
        path: where it was read from ("<text>" for a string).
        text: the normalised text; every offset in the project refers to it.
        lang: "de" or "en".
        lang_probability: the language model's probability (1.0 when given explicitly).
        encoding: the encoding that decoded the file.
        paragraphs: paragraph spans in reading order.
    """

    path: str
    text: str
    lang: str
    lang_probability: float
    encoding: str
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)

    @property
    def stem(self) -> str:
        """File name without suffix, used for report folders."""
        return Path(self.path).stem if self.path != "<text>" else "text"


def decode_bytes(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise ``InputError`` for binary data."""
    if not data:
        raise InputError(f"{name} is empty: give a text file with the article.")
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", name), "utf-16"
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > 0.01 * len(sample):
        raise InputError(f"{name} looks binary, not like text: give a plain-text (.txt) article.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            f"{name} could not be decoded as UTF-8 or Windows-1252: save it as UTF-8 and try again."
        ) from None
    return text, "cp1252"


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(
            f"{name} starts with a {encoding} byte-order mark but is not valid {encoding}: "
            "save it as UTF-8 and try again."
        ) from None


#: Typewriter German quotes: ",," for „ at a word's start, and "''" for “ where it closes such
#: a quotation within the paragraph (old web pages, Latin-1 files, e-mails).
_TYPED_QUOTATION = re.compile(r"(?<![^\s(\[]),,(?=[^\s,])([^\n]{0,1000}?)(?<=[^\s'])''(?=[\s.,;:!?)\]]|$)")
_TYPED_OPENING = re.compile(r"(?<![^\s(\[]),,(?=[^\s,])")


def normalise(text: str) -> str:
    """Unify line ends, compose umlauts (NFC), drop soft hyphens and zero-width spaces, and
    read typewriter German quotes as quotes (,,Wort'' -> „Wort“), so that the splitter and
    the narration rule see them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if ",," in text:
        text = _TYPED_OPENING.sub("„", _TYPED_QUOTATION.sub(lambda m: f"„{m.group(1)}“", text))
    return unicodedata.normalize("NFC", text).translate(_DROP_CHARS)


def project_root(start: str | Path | None = None) -> Path:
    """The project checkout: the folder holding ``pyproject.toml`` and ``notebooks/`` above
    ``start`` (default: the working folder), else above this package (an editable install
    run from elsewhere), else ``start`` itself."""
    here = Path(start or Path.cwd()).resolve()
    for base in (here, Path(__file__).resolve().parent):
        for folder in (base, *base.parents):
            if (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir():
                return folder
    return here


def resolve_article(path: str | Path) -> Path:
    """Find an article path as given, or relative to the project root.

    Lets a notebook in ``notebooks/`` and a command in the project root use the same
    parameter, e.g. ``"seeds/openai_microsoft_spannungen.txt"``.
    """
    p = Path(path).expanduser()
    if p.is_absolute() or _exists(p):
        return p
    candidate = project_root() / p
    return candidate if _exists(candidate) else p


def _exists(p: Path, kind: str = "any") -> bool:
    """``p.exists()`` / ``p.is_file()`` that is False for a string no file system accepts as
    a name (too long, a NUL character), e.g. a one-line article given as text."""
    try:
        return p.is_file() if kind == "file" else p.exists()
    except (OSError, ValueError):
        return False


def read_article(path: str | Path, lang: str = "auto") -> Article:
    """Read an article file and return an :class:`Article`.

    Parameters
    ----------
    path : str or Path
        A ``.txt`` file (any other suffix is read as plain text too), or an ``.html``/``.htm``
        or ``.md``/``.markdown`` file, whose markup is reduced to text first
        (``helpers.io.markup``). A relative path is looked up as given, then relative to
        the project root.
    lang : {"auto", "de", "en"}
        The article's language; ``"auto"`` detects it.

    Returns
    -------
    Article

    Raises
    ------
    InputError
        One line, for a missing path, a folder, an empty, whitespace-only, binary or
        undecodable file, a file without words, and an unsupported language.
    """
    lang = check_lang(lang)
    p = resolve_article(path)
    text, encoding = read_text_file(p)
    text = markup_to_text(text, p.suffix)
    return article_from_text(text, lang=lang, path=str(p), encoding=encoding)


#: A string is taken for a file path, not for text, when it has no line break and
#: either names an existing file or ends in one of these suffixes.
PATH_SUFFIXES: tuple[str, ...] = (".txt", ".text", *MARKUP_SUFFIXES)


def load_source(source: str | Path | Article, lang: str = "auto") -> Article:
    """An :class:`Article` from a path, a text string or an ``Article``.

    Parameters
    ----------
    source : str, Path or Article
        A ``Path`` is always a file. A string is a file path when it has no line break and
        names an existing file (as given or relative to the project root), or when it has
        no whitespace and ends in ``.txt``, ``.text``, ``.md``, ``.markdown``, ``.html`` or
        ``.htm`` (then a missing file is an error, not a one-word article). Any other string
        is the article's text itself, so a short sentence such as ``"Die Gespräche sind
        gescheitert."`` is analysed as text. An ``Article`` is used as it is (``lang`` is
        then ignored).
    lang : {"auto", "de", "en"}

    Returns
    -------
    Article

    Raises
    ------
    InputError
        As ``read_article`` and ``article_from_text``.
    """
    if isinstance(source, Article):
        return source
    if isinstance(source, Path):
        return read_article(source, lang=lang)
    if not isinstance(source, str):
        raise InputError(f"an article is a file path, a text or an Article, not {type(source).__name__}.")
    if "\n" not in source and source.strip():
        stripped = source.strip()
        if _exists(resolve_article(stripped), "file"):
            return read_article(stripped, lang=lang)
        if not any(ch.isspace() for ch in stripped) and stripped.lower().endswith(PATH_SUFFIXES):
            return read_article(stripped, lang=lang)  # raises "no such file"
    return article_from_text(source, lang=lang)


def read_text_file(p: Path) -> tuple[str, str]:
    """Decode the file at ``p``: ``(text, encoding)``; ``InputError`` for a missing path,
    a folder, a file over ``MAX_BYTES``, an unreadable, empty, binary or undecodable file."""
    if not p.exists():
        raise InputError(f"no such file: {str(p)!r}; check the path to the article.")
    if p.is_dir():
        raise InputError(f"{str(p)!r} is a folder, not an article file: give the path to a .txt file.")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{p.name} is {size / 1e6:.0f} MB, too large for one article (limit 50 MB).")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {str(p)!r}: {exc.strerror or exc}.") from None
    return decode_bytes(data, p.name)


def article_from_text(
    text: str, lang: str = "auto", path: str = "<text>", encoding: str = "str"
) -> Article:
    """Build an :class:`Article` from an already decoded string."""
    lang = check_lang(lang)
    name = Path(path).name if path != "<text>" else "the text"
    text = normalise(text)
    if not text.strip():
        raise InputError(f"{name} contains only whitespace: there is no article to analyse.")
    if not any(ch.isalpha() for ch in text):
        raise InputError(f"{name} contains no words (no letters at all): give an article in German or English.")
    paragraphs = split_paragraphs(text)
    if lang == "auto":
        detected, prob = detect_language(text)  # refuses French, Dutch, ...
        lang, share = article_language([text[p.start : p.end] for p in paragraphs])
        if lang != detected:
            prob = share
    else:
        prob = 1.0
    return Article(
        path=str(path),
        text=text,
        lang=lang,
        lang_probability=prob,
        encoding=encoding,
        paragraphs=paragraphs,
    )
