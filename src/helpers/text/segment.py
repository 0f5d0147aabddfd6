"""pySBD, made safe and fast: the segmentation step of ``helpers.text.sentences``.

- ``safe_segment`` never raises: any exception inside pySBD falls back, for that
  paragraph only, to pySBD on text with brackets and regex metacharacters masked, then
  syntok (MIT), then a plain punctuation + capital letter rule (logged on the
  ``helpers.text.sentences`` logger).
- Long paragraphs go through pySBD in windows (``_segment``), and a sentence longer than
  ``LONG_PIECE_CHARS`` is segmented again with quotes and brackets blanked (``_unglue``).
- pySBD's span search by ``str.find`` (``_spans_by_find``) and a roomier regex cache while
  an article is split (``roomy_regex_cache``): measured reasons in their docstrings.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

log = logging.getLogger("helpers.text.sentences")  # the splitting stage's logger

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


def _abbreviation_search(base: type) -> type:
    """pySBD's abbreviation replacer ``base`` with a pre-filter: an abbreviation is searched
    for only if the text contains it followed by a full stop (case-insensitively), or if it
    has a regular-expression character (``z.b``: its dot matches any character, so it
    keeps pySBD's own search).

    Why re-implemented: every replacement pySBD makes turns the full stop after an
    abbreviation into ``∯``, so an abbreviation the text never has before a full stop can
    change nothing, yet pySBD runs two ``findall`` and one ``sub`` per occurrence of it as a
    substring ("no" in "not", "art" in "party"): on 4,700 English news sentences that search
    was 7 of 10 s of pySBD's time. The loop is pySBD 0.3.4's
    ``search_for_abbreviations_in_string`` otherwise; identical sentences are tested on the
    development articles and news text (``tests/test_segment.py``).
    """

    class Replacer(base):  # type: ignore[misc, valid-type]
        def search_for_abbreviations_in_string(self, text: str) -> str:
            lowered, folded = text.lower(), text.casefold()
            for abbr in self.lang.Abbreviation.ABBREVIATIONS:
                stripped = abbr.strip()
                if stripped not in lowered:
                    continue
                if re.escape(stripped) == stripped and stripped + "." not in lowered and stripped + "." not in folded \
                        and (text.isascii() or not re.search(re.escape(stripped) + r"\.", text, flags=re.IGNORECASE)):
                    continue  # no "abbr." anywhere (as the regex's case folding sees it): no replacement can happen
                matches = re.findall(r"(?:^|\s|\r|\n){}".format(stripped), text, flags=re.IGNORECASE)
                if not matches:
                    continue
                next_chars = re.findall(r"(?<={" + str(re.escape(stripped)) + "} ).{1}", text)
                for ind, match in enumerate(matches):
                    text = self.scan_for_replacements(text, match, ind, next_chars)
            return text

    return Replacer


@lru_cache(maxsize=2)
def _segmenter(lang: str) -> Any:
    import pysbd

    class Segmenter(pysbd.Segmenter):  # type: ignore[misc]
        def sentences_with_char_spans(self, sentences: list[str]) -> list[Any]:
            if any(not sent for sent in sentences):  # an empty piece: pySBD's own search
                return super().sentences_with_char_spans(sentences)
            return _spans_by_find(sentences, self.original_text)

    seg = Segmenter(language=lang, clean=False, char_span=False)
    module = seg.language_module  # pySBD's language class, subclassed: pySBD stays untouched
    replacer = getattr(module, "AbbreviationReplacer", pysbd.abbreviation_replacer.AbbreviationReplacer)
    seg.language_module = type(module.__name__, (module,), {"AbbreviationReplacer": _abbreviation_search(replacer)})
    return seg


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
#: An omission mark, "[...]" or "(…)": blanked whole, or its bare dots would end a sentence.
_OMISSION = re.compile(r"[\[(](?:\.\.\.|…)[\])]")
#: Quote and bracket characters that only ever open.
_OPENERS = frozenset("„‘([")


def _blanked(piece: str) -> str:
    return _OMISSION.sub(lambda m: " " * len(m.group(0)), piece).translate(_PAIRING_CHARS)


def _cover(text: str, a: int, b: int, inner: list[list[int]]) -> list[tuple[int, int]]:
    """``inner`` spans of ``text[a:b]`` widened so that every character that is not
    whitespace is in one: what touches a sentence's end belongs to it ('Stadt.“'), except
    openers touching the next sentence ('Ende.„Anfang'); anything after a space belongs to
    the next sentence ('Ende. » Dann'); the piece's first and last characters to the first
    and last sentence."""
    inner[0][0] = a + len(text[a:b]) - len(text[a:b].lstrip())
    inner[-1][1] = b - (len(text[a:b]) - len(text[a:b].rstrip()))
    for prev, nxt in zip(inner, inner[1:]):
        end = prev[1]
        while end < nxt[0] and not text[end].isspace():
            end += 1
        if end == nxt[0]:  # no space between: openers at the end go to the next sentence
            while end > prev[1] and text[end - 1] in _OPENERS:
                end -= 1
        prev[1] = end
        start = end
        while start < nxt[0] and text[start].isspace():
            start += 1
        nxt[0] = start
    return [(c, d) for c, d in inner]


def _unglue(text: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Long spans segmented again with quote and bracket characters blanked (same length).

    pySBD masks every full stop between a pair of quotes or brackets, however far apart, so
    an unclosed quote in scraped text pairs with one thousands of characters later and
    glues every sentence in between into one (seen on news text joined into one paragraph:
    a ``"`` at one sentence and the next ``"`` 5,600 characters on). A real sentence of
    more than ``LONG_PIECE_CHARS`` characters has no inner boundary and comes back whole
    (an omission mark "[...]" inside it is blanked whole); a quotation of several sentences
    that long is split into its sentences. No character is lost (``_cover``). Not blanked:
    ``'`` and ``’``, which are also apostrophes.
    """
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if b - a > LONG_PIECE_CHARS:
            piece = _blanked(text[a:b])
            inner = [[a + c, a + d] for c, d in _pieces_to_spans(piece, _segment(piece, lang))]
            if len(inner) > 1:
                out.extend(_cover(text, a, b, inner))
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


#: Patterns Python's regex cache holds while an article is split (CPython's default: 512).
REGEX_CACHE = 4096


@contextmanager
def roomy_regex_cache() -> Iterator[None]:
    """Python's regex cache limit raised to ``REGEX_CACHE`` patterns for the duration, then
    set back (an interpreter without ``re._MAXCACHE`` is left alone). The patterns cached
    meanwhile stay: Python evicts one old pattern per new one, so the cache keeps up to
    ``REGEX_CACHE`` compiled patterns (memory only; results never change). Two analyses in
    threads at once may set the limit back while the other still splits: slower, not wrong.

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
