"""Sentence splitting: pySBD per paragraph, plus a few documented repairs.

pySBD (MIT) handles most German and English abbreviations, ordinal dates and
initials. On real scraped German news it fails in four known ways, repaired here
(each tested as (text, expected sentences) tuples in ``tests/test_sentences.py``):

1. a missing space after a full stop ("EuGH.Hingegen") is a boundary;
2. a closing quote split off to the next sentence ('... falsch." Dann') goes back;
3. a split after an abbreviation followed by a lowercase word or a number
   ("Abs. | 2 GG", "Jh. | war") is undone;
4. an abbreviation that can end a sentence ("usw.", "etc.", "Mio.", "Mrd.")
   followed by a capitalised function word ("usw. Dann", "Mrd. Die") is a boundary.

Subheadings (a short line without final punctuation, see ``reading``) are one unit
each, flagged ``is_heading``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.errors import InputError

if TYPE_CHECKING:
    from helpers.io.reading import Article

SENTENCE_COLUMNS: tuple[str, ...] = (
    "sentence_id",
    "paragraph",
    "text",
    "start",
    "end",
    "is_heading",
)
"""Columns of the sentence table:

- ``sentence_id``: 0-based position in the article.
- ``paragraph``: 0-based paragraph index.
- ``text``: the sentence with whitespace collapsed to single spaces.
- ``start``, ``end``: character offsets into ``Article.text`` (``text[start:end]``).
- ``is_heading``: True for a subheading unit.

``df.attrs`` holds ``lang``, ``path`` and ``encoding``.
"""

_MISSING_SPACE = re.compile(r"(?<=[^\W\d_]{2}\.)(?=[A-ZÄÖÜ][a-zäöüß]{2,})")
_CLOSING_QUOTE = re.compile(r"^[\"”“»«’']+(?=\s|$)")
_FINAL_ABBREVIATIONS = ("usw.", "etc.", "usf.", "Mio.", "Mrd.", "Tsd.", "Jh.")
_ABBREV_END = re.compile(r"\b[^\W\d_]{1,5}\.$")
# abbreviations that are followed by a number ("Abs. 2", "Nr. 5", "S. 12")
_NUMBER_ABBREVIATIONS = frozenset(
    "abs. art. nr. s. bd. kap. ziff. lit. z. no. p. pp. vol. ch. sec. fig.".split()
)
_SPACE = re.compile(r"\s+")

# Capitalised function words that start a new sentence after "usw." and the like.
_SENTENCE_STARTERS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "der die das dem den des ein eine einer es er sie wir ich ihr man dies diese dieser "
        "dieses dann doch aber auch so nun zudem damit daher deshalb trotzdem dennoch jedoch "
        "allerdings zwar wie was wer wo wann warum im in am auf an bei mit nach für von zu".split()
    ),
    "en": frozenset(
        "the a an it he she we i they this that these those then but so however also in on "
        "at for with after what who where when why".split()
    ),
}


@lru_cache(maxsize=2)
def _segmenter(lang: str) -> Any:
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False, char_span=False)


#: pySBD's time grows with the square of a paragraph's length (131 s for one 600 KB
#: paragraph), so longer paragraphs are segmented in windows of this many characters.
_WINDOW_CHARS = 5000
#: Only boundaries at least this far from a window's end are kept (pySBD looks ahead).
_WINDOW_MARGIN = 500


def _segment(text: str, lang: str) -> list[str]:
    """pySBD's pieces of ``text``; a long text in windows: each window keeps the sentences
    that end at least ``_WINDOW_MARGIN`` characters before its end, and the next window
    starts where the first sentence it did not keep starts (a boundary pySBD found), so the
    pieces are those of one call on the whole text, in linear time."""
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


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Return sentence spans ``(start, end)`` within ``text`` (one paragraph)."""
    text = text.replace("\n", " ")  # wrapped lines: same length, offsets unchanged
    pieces = _segment(text, lang)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        pos = text.find(stripped, cursor)
        if pos < 0:  # pySBD changed the text: fall back to the raw piece length
            pos = cursor + (len(piece) - len(piece.lstrip()))
        spans.append((pos, pos + len(stripped)))
        cursor = pos + len(stripped)
    spans = _repair(text, spans, lang)
    return [span for span in spans if text[span[0] : span[1]].strip()]


def _repair(text: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Apply the four repairs described in the module docstring."""
    # 2. closing quote that pySBD moved to the next sentence
    fixed: list[list[int]] = []
    for start, end in spans:
        m = _CLOSING_QUOTE.match(text[start:end])
        if m and fixed:
            fixed[-1][1] = start + m.end()
            start = start + m.end()
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
        fixed.append([start, end])
    # 3. undo splits after an abbreviation followed by lowercase or a digit
    merged: list[list[int]] = []
    for start, end in fixed:
        if merged:
            prev = text[merged[-1][0] : merged[-1][1]]
            nxt = text[start:end]
            m = _ABBREV_END.search(prev)
            if m and (
                nxt[:1].islower()
                or (nxt[:1].isdigit() and m.group(0).lower() in _NUMBER_ABBREVIATIONS)
            ):
                merged[-1][1] = end
                continue
        merged.append([start, end])
    # 1. and 4. extra boundaries inside a sentence
    starters = _SENTENCE_STARTERS.get(lang, frozenset())
    out: list[tuple[int, int]] = []
    for start, end in merged:
        cuts = [m.start() for m in _MISSING_SPACE.finditer(text, start, end)]
        for abbr in _FINAL_ABBREVIATIONS:
            for m in re.finditer(re.escape(abbr) + r"\s+([^\W\d_]+)", text[start:end]):
                word = m.group(1)
                if word[:1].isupper() and word.lower() in starters:
                    cuts.append(start + m.start(1))
        bounds = [start, *sorted(c for c in cuts if start < c < end), end]
        for a, b in zip(bounds, bounds[1:]):
            piece = text[a:b]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            if piece.strip():
                out.append((a + lead, b - trail))
    return out


def sentence_table(article: Article) -> pd.DataFrame:
    """Split an :class:`Article` into the sentence table (see ``SENTENCE_COLUMNS``)."""
    rows: list[dict[str, Any]] = []
    for p_index, para in enumerate(article.paragraphs):
        chunk = article.text[para.start : para.end]
        spans = [(0, len(chunk))] if para.is_heading else split_sentences(chunk, article.lang)
        for start, end in spans:
            rows.append(
                {
                    "paragraph": p_index,
                    "text": _SPACE.sub(" ", chunk[start:end]).strip(),
                    "start": para.start + start,
                    "end": para.start + end,
                    "is_heading": para.is_heading,
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
