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
  (``helpers.text.segment``): pySBD pairs a quote with the next one however far away.
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

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.errors import InputError
from helpers.text.repairs import protect, repair
from helpers.text.segment import roomy_regex_cache, safe_segment

if TYPE_CHECKING:
    from helpers.io.reading import Article


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


def sentence_table(article: Article) -> pd.DataFrame:
    """Split an :class:`Article` into the sentence table (see ``SENTENCE_COLUMNS``)."""
    with roomy_regex_cache():
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
