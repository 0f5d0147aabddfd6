"""Sentence splitting: pySBD per paragraph, made safe, plus a few documented repairs.

pySBD (MIT) handles most German and English abbreviations, ordinal dates and
initials. Around it (rules in ``docs/text.md``; each tested as (text, expected
sentences) tuples in ``tests/test_sentences.py`` and ``tests/test_golden_text.py``):

- **Addresses are protected.** ``.``, ``?`` and ``!`` inside URLs, e-mail addresses,
  ``www.``/domain names and brand.tld names ("Booking.Com") are masked one-for-one with
  private-use characters before splitting and repairing, so that neither pySBD nor the
  "missing space" repair cuts them; the masked text has the same length, so the spans
  are spans of the original.
- **pySBD never takes an article down.** pySBD builds regular expressions from the
  text and raises on some inputs ("B.A. … B(asis)"). Any exception falls back, for
  that paragraph only: pySBD on the text with brackets and regex metacharacters
  masked, then syntok (MIT), then a plain punctuation + capital letter rule; the
  fallback is logged (``helpers.text.sentences`` logger).
- **Quotes and brackets do not glue sentences.** A pySBD sentence longer than
  ``LONG_PIECE_CHARS`` is segmented again with its quotes and brackets blanked
  (``_unglue``): pySBD pairs a quote with the next one however far away.
- **Repairs** of pySBD's known misses on news text:

  1. a missing space after a full stop ("EuGH.Hingegen") is a boundary;
  2. a closing quote split off to the next sentence ('... falsch." Dann') goes back;
  3. a split after an abbreviation followed by a lowercase word or a number
     ("Abs. | 2 GG", "Jh. | war") is undone;
  4. an abbreviation that can end a sentence ("usw.", "etc.", "Mio.", "Mrd.")
     followed by a capitalised function word ("usw. Dann", "Mrd. Die") is a boundary;
  5. a piece without letters or digits (".", "«", "🎉") or one opening with ``, ; :``
     after a closing quote (»…?«, rief er) joins the sentence before;
  6. "Art.", "Abs.", "Nr.", "Ziff." (abbreviations before a number that are also words
     at a sentence end: "eigener Art.") before a capitalised word that is not a Roman
     numeral is a boundary;
  7. a run of emoji followed by a capitalised sentence starter ends a sentence, and
     an emoji run that opens a piece belongs to the sentence before;
  8. a full stop (or ?, !) after a word (not an abbreviation) or after a closing
     quote, followed by an opening quote and a capital letter, is a boundary
     ("... vor Gästen. “This strike ...”  “Nobody ...”"), which pySBD's German rules miss;
  9. runs of ``!``/``?`` and a closing quote right after a sentence end before a capital
     ("Wort.» Dann") are boundaries. Details of 1.-9.: ``helpers.text.repairs``, docs/text.md.

Subheadings (see ``helpers.io.reading``) are one unit each, flagged ``is_heading``.
Each sentence gets its own language (``helpers.text.language.sentence_language``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.errors import InputError
from helpers.text.repairs import protect, repair

if TYPE_CHECKING:
    from helpers.io.reading import Article

log = logging.getLogger(__name__)

SENTENCE_COLUMNS: tuple[str, ...] = (
    "sentence_id",
    "paragraph",
    "text",
    "start",
    "end",
    "is_heading",
    "lang",
)
"""Columns of the sentence table:

- ``sentence_id``: 0-based position in the article.
- ``paragraph``: 0-based paragraph index.
- ``text``: the sentence with whitespace collapsed to single spaces (a word hyphenated
  across a line break is joined: "Gewerk-\\nschaft" -> "Gewerkschaft").
- ``start``, ``end``: character offsets into ``Article.text`` (``text[start:end]``).
- ``is_heading``: True for a subheading unit.
- ``lang``: the sentence's own language, "de" or "en": of its narration (text outside
  quotes), so an English quote in a German article is "en" and the sentence around a
  quote follows its narration; a very short sentence without evidence ("Berlin",
  "OK.") has the article's language.

``df.attrs`` holds ``lang`` (the article's language), ``path`` and ``encoding``.
"""

_SPACE = re.compile(r"\s+")

# ------------------------------------------------------------------ safe segmentation
_REGEX_CHARS = str.maketrans({c: chr(0xE010 + i) for i, c in enumerate("()[]{}*+\\|^$")})
_SIMPLE_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”“»«’)]*\s+(?=[\"'„“»«(]*[A-ZÄÖÜ0-9])")


def _spans_by_find(sentences: list[str], original: str) -> list[Any]:
    """pySBD's ``Segmenter.sentences_with_char_spans`` with ``str.find`` instead of one
    regular expression per sentence (the escaped sentence and any whitespace, searched from
    the text's start): the same spans, including the trailing whitespace and the first
    occurrence that ends after the previous sentence.

    Why re-implemented: compiling one pattern per sentence overflows Python's regex cache
    (512), so pySBD's own rule patterns are recompiled too; on 1,800 distinct English news
    sentences the span search took 3.0 s of an 11 s analysis. Identical output is tested
    against pySBD's method (``tests/test_sentences.py``).
    """
    from pysbd.utils import TextSpan

    spans, prior_end = [], 0
    for sent in sentences:
        pos = original.find(sent) if sent else -1
        while pos >= 0:
            end = pos + len(sent)
            while end < len(original) and original[end].isspace():
                end += 1
            if end > prior_end:
                spans.append(TextSpan(original[pos:end], pos, end))
                prior_end = end
                break
            pos = original.find(sent, end)  # non-overlapping, as re.finditer
    return spans


@lru_cache(maxsize=2)
def _segmenter(lang: str) -> Any:
    import pysbd

    class Segmenter(pysbd.Segmenter):  # type: ignore[misc]
        def sentences_with_char_spans(self, sentences: list[str]) -> list[Any]:
            if any(not sent for sent in sentences):  # an empty piece: pySBD's own search
                return super().sentences_with_char_spans(sentences)
            return _spans_by_find(sentences, self.original_text)

    return Segmenter(language=lang, clean=False, char_span=False)


#: pySBD's time grows with the square of a paragraph's length (131 s for one 600 KB
#: paragraph), so longer paragraphs are segmented in windows of this many characters.
_WINDOW_CHARS = 5000
#: Only boundaries at least this far from a window's end are kept (pySBD looks ahead).
_WINDOW_MARGIN = 500


def _segment(text: str, lang: str) -> list[str]:
    """pySBD's pieces of ``text``; a long text in windows: each window keeps the sentences
    that end at least ``_WINDOW_MARGIN`` characters before its end, and the next window
    starts where the first sentence it did not keep starts (a boundary pySBD found), in
    linear time. The pieces equal one call's where no quote or bracket pairs across a window
    (tested on the development articles joined into one paragraph); where one does (an
    unclosed quote in scraped text), one call glues everything up to the next quote, which
    ``_unglue`` undoes for both."""
    seg = _segmenter(lang)
    pieces: list[str] = []
    start, size = 0, _WINDOW_CHARS
    while len(text) - start > size:
        window = text[start : start + size]
        keep, pos = [], 0
        for piece in seg.segment(window):
            found = window.find(piece.strip(), pos)
            if found < 0 or found + len(piece.strip()) > size - _WINDOW_MARGIN:
                break
            keep.append(piece)
            pos = found + len(piece.strip())
        if not keep:  # no boundary early enough in this window: try a larger one
            size *= 2
            continue
        pieces.extend(keep)
        start, size = start + pos, _WINDOW_CHARS
    return pieces + seg.segment(text[start:])


def _pieces_to_spans(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        pos = text.find(stripped, cursor)
        if pos < 0:  # the splitter changed the text: fall back to the raw piece length
            pos = cursor + (len(piece) - len(piece.lstrip()))
        spans.append((pos, pos + len(stripped)))
        cursor = pos + len(stripped)
    return spans


def _syntok_spans(text: str) -> list[tuple[int, int]]:
    from syntok import segmenter

    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            toks = list(sentence)
            if toks:
                spans.append((toks[0].offset, toks[-1].offset + len(toks[-1].value)))
    return spans


def _regex_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _SIMPLE_BOUNDARY.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


#: A pySBD sentence longer than this is segmented again with its quotes and brackets masked.
LONG_PIECE_CHARS = 400
#: Spaces, not private-use characters: pySBD knows an abbreviation only after whitespace
#: ("[Mr. Trump]", "“Mr. Kushner"), and a space keeps the length, so spans carry over.
_PAIRING_SET = frozenset('"“”„«»‘()[]')
_PAIRING_CHARS = str.maketrans({c: " " for c in _PAIRING_SET})


def _unglue(text: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Long spans segmented again with quote and bracket characters blanked (same length).

    pySBD masks every full stop between a pair of quotes or brackets, however far apart, so
    an unclosed quote in scraped text pairs with one thousands of characters later and
    glues every sentence in between into one (seen on news text joined into one paragraph:
    a ``"`` at one sentence and the next ``"`` 5,600 characters on). A real sentence of
    more than ``LONG_PIECE_CHARS`` characters has no inner boundary and comes back whole;
    a quotation of several sentences that long is split into its sentences.
    """
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if b - a > LONG_PIECE_CHARS:
            piece = text[a:b].translate(_PAIRING_CHARS)
            inner = [[a + c, a + d] for c, d in _pieces_to_spans(piece, _segment(piece, lang))]
            if len(inner) > 1:
                # a blanked quote or bracket touching a sentence belongs to it: a closing one
                # to the sentence it ends ('Stadt.“'), an opening one to the one it starts
                for i, span in enumerate(inner):
                    stop = inner[i + 1][0] if i + 1 < len(inner) else b
                    while span[1] < stop and text[span[1]] in _PAIRING_SET:
                        span[1] += 1
                    floor = inner[i - 1][1] if i else a
                    while span[0] > floor and text[span[0] - 1] in _PAIRING_SET:
                        span[0] -= 1
                out.extend((c, d) for c, d in inner)
                continue
        out.append((a, b))
    return out


def safe_segment(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph from pySBD, long glued spans unglued (``_unglue``);
    never raises (fallbacks in the module docstring: masked pySBD, syntok, a plain regex)."""
    try:
        spans = _pieces_to_spans(text, _segment(text, lang))
        return _unglue(text, spans, lang)
    except Exception as exc:  # noqa: BLE001 - any failure inside the library becomes a fallback
        first = exc
    masked = text.translate(_REGEX_CHARS)
    fallbacks = (("pySBD on masked text", lambda: _pieces_to_spans(masked, _segment(masked, lang))),
                 ("syntok", lambda: _syntok_spans(text)))
    for name, run in fallbacks:
        try:
            spans = run()
        except Exception:  # noqa: BLE001
            continue
        log.warning("pySBD raised %r on a paragraph (%.40r...); used %s", first, text, name)
        return spans
    log.warning("pySBD raised %r on a paragraph (%.40r...); used the plain regex", first, text)
    return _regex_spans(text)


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Return sentence spans ``(start, end)`` within ``text`` (one paragraph); never raises."""
    text = protect(text.replace("\n", " "))  # wrapped lines: same length, offsets unchanged
    spans = repair(text, safe_segment(text, lang), lang)
    return [span for span in spans if text[span[0] : span[1]].strip()]


# ------------------------------------------------------------------ sentence text
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])")


def join_lines(chunk: str, lang: str) -> str:
    """The text of a span that may cross line breaks, whitespace collapsed.

    A hyphen at a line end between letters stays ("Faymann-\\nPlan" -> "Faymann-Plan")
    unless the word is only known joined: "Gewerk-\\nschaft" -> "Gewerkschaft" when
    simplemma's dictionary knows "Gewerkschaft" and not "Gewerk-schaft". Offsets stay
    those of the original span.
    """
    if "\n" not in chunk:
        return _SPACE.sub(" ", chunk).strip()
    from helpers.text.tokens import is_known

    def fix(m: re.Match[str]) -> str:
        left = re.search(r"[^\W\d_]+$", chunk[: m.start()])
        right = re.match(r"[^\W\d_]+", chunk[m.end() :])
        if left and right and right.group(0)[:1].islower():
            joined = left.group(0) + right.group(0)
            if is_known(joined, lang) and not is_known(f"{left.group(0)}-{right.group(0)}", lang):
                return ""
        return "-"

    return _SPACE.sub(" ", _LINE_HYPHEN.sub(fix, chunk)).strip()


#: Patterns Python's regex cache holds while an article is split (CPython's default: 512).
REGEX_CACHE = 4096


@contextmanager
def _roomy_regex_cache() -> Iterator[None]:
    """Python's regex cache enlarged to ``REGEX_CACHE`` patterns for the duration, then the
    old size again (nothing else changes; an interpreter without ``re._MAXCACHE`` is left
    alone).

    Why: pySBD passes its rules to ``re`` as strings, many of them built per abbreviation
    and per match, so splitting one article uses more patterns than the default cache
    holds and each paragraph compiled them again: 1,050 compilations per analysis of
    2,000 news texts (11.8 s), none with the larger cache (10.1 s).
    """
    old = getattr(re, "_MAXCACHE", None)
    if not isinstance(old, int) or old >= REGEX_CACHE:
        yield
        return
    re._MAXCACHE = REGEX_CACHE  # type: ignore[attr-defined]
    try:
        yield
    finally:
        re._MAXCACHE = old  # type: ignore[attr-defined]


def sentence_table(article: Article) -> pd.DataFrame:
    """Split an :class:`Article` into the sentence table (see ``SENTENCE_COLUMNS``)."""
    with _roomy_regex_cache():
        return _sentence_table(article)


def _sentence_table(article: Article) -> pd.DataFrame:
    from helpers.text.language import sentence_language

    rows: list[dict[str, Any]] = []
    for p_index, para in enumerate(article.paragraphs):
        chunk = article.text[para.start : para.end]
        spans = [(0, len(chunk))] if para.is_heading else split_sentences(chunk, article.lang)
        for start, end in spans:
            text = join_lines(chunk[start:end], article.lang)
            rows.append(
                {
                    "paragraph": p_index,
                    "text": text,
                    "start": para.start + start,
                    "end": para.start + end,
                    "is_heading": para.is_heading,
                    "lang": sentence_language(text, article.lang),
                }
            )
    rows = [r for r in rows if any(ch.isalpha() for ch in r["text"])]
    if not rows:
        raise InputError(f"{Path(article.path).name}: no sentence with words was found in the article.")
    df = pd.DataFrame(rows)
    # paragraphs renumbered so that they stay 0..n-1 even if one had no words
    df["paragraph"] = pd.factorize(df["paragraph"])[0]
    df.insert(0, "sentence_id", range(len(df)))
    df = df.astype({"sentence_id": "int64", "paragraph": "int64", "start": "int64", "end": "int64", "is_heading": bool})
    df.attrs.update(lang=article.lang, path=article.path, encoding=article.encoding)
    return df[list(SENTENCE_COLUMNS)]


def sentence_languages(
    sentences: pd.DataFrame, tokens: pd.DataFrame | None = None, lang: str | None = None, what: str = "this stage"
) -> tuple[str, list[str]]:
    """``(article language, one language per sentence)`` for a stage that scores sentences.

    ``lang=`` forces one language for all sentences; else each sentence's ``lang`` column;
    without the column, the article's language (``attrs["lang"]`` of the sentence or token
    table, default "de"). ``InputError`` for a language other than "de" or "en".
    """

    def check(code: Any) -> str:
        if code not in ("de", "en"):
            raise InputError(f"{what} is available for German (de) and English (en), not {code!r}")
        return str(code)

    article = check(lang or sentences.attrs.get("lang") or (tokens.attrs.get("lang") if tokens is not None else None)
                    or "de")
    if lang is None and "lang" in sentences:
        return article, [check(x) if isinstance(x, str) else article for x in sentences["lang"]]
    return article, [article] * len(sentences)
