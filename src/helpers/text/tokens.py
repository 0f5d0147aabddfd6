"""Tokens with lemmas, stop-word, content-word and negation flags.

Tokenisation uses simplemma's own regular expression (``simplemma.tokenizer.TOKREGEX``,
MIT) so that hyphenated compounds ("KI-Modelle") stay one token; lemmas come from
simplemma's dictionaries; stop words from the ``stop-words`` package (BSD-3),
whose German list holds function words only. Negations are flagged, never dropped.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.cache import cache_dir
from helpers.text.wordlists import NEGATIONS

TOKEN_COLUMNS: tuple[str, ...] = (
    "sentence_id",
    "token_id",
    "text",
    "start",
    "end",
    "lemma",
    "norm",
    "is_alpha",
    "is_stop",
    "is_content",
    "is_negation",
    "parts",
)
"""Columns of the token table:

- ``sentence_id``: the sentence the token belongs to.
- ``token_id``: 0-based position within the sentence.
- ``text``: the token as written.
- ``start``, ``end``: character offsets into the sentence's ``text`` column.
- ``lemma``: simplemma's lemma (case as simplemma gives it, "KI-Modell"); all-caps words
  and unknown German compounds as ``lemma`` describes ("STREIKS" -> "Streik",
  "Zollstreits" -> "Zollstreit").
- ``norm``: the lemma lowercased: the form used for counting.
- ``is_alpha``: letters only (hyphens inside allowed).
- ``is_stop``: in the language's stop-word list.
- ``is_content``: alphabetic, not a stop word, at least 2 characters.
- ``is_negation``: a negation word (see ``NEGATIONS``), kept for sentiment.
- ``parts``: for hyphenated compounds, the lowercased lemmas of the parts
  ("OpenAI-Microsoft-Beziehung" -> ("openai", "microsoft", "beziehung")); else ().
"""



@lru_cache(maxsize=2)
def stopwords(lang: str) -> frozenset[str]:
    """The ``stop-words`` package's list for ``lang``, lowercased."""
    from stop_words import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(lang))


def _decoded_dictionary(lang: str) -> dict[bytes, bytes]:
    """simplemma's dictionary for ``lang`` as a plain ``dict`` of UTF-8 bytes (as simplemma
    keeps it; a ``str`` dict takes twice as long to load): from the cache when it holds
    this exact version, else read through simplemma's public ``DefaultDictionaryFactory``
    (0.5-1 s for German) and cached.

    The cache is a ``marshal`` file named by simplemma's version, the Python and
    marshal versions and the number of entries' source (the shipped language file's
    size), so any change makes a new one; it is written atomically and any failure to
    read or write it only means reading the dictionary again. Measured reason for the
    cache: every new process (a notebook kernel, a batch worker) would otherwise pay the
    decoding again; from the cache it takes about 0.1 s.
    """
    import marshal

    import simplemma
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    folder = cache_dir()
    source = Path(simplemma.__file__).parent / "strategies" / "dictionaries" / "data" / f"{lang}.plzma"
    name = (f"simplemma-{simplemma.__version__}-{lang}-{source.stat().st_size if source.exists() else 0}"
            f"-py{sys.version_info[0]}{sys.version_info[1]}-m{marshal.version}.marshal")
    if folder is not None:
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            data = marshal.loads((folder / name).read_bytes())
            if isinstance(data, dict):
                return data
    public = DefaultDictionaryFactory(cache_max_size=0).get_dictionary(lang)
    data = {key.encode(): value.encode() for key, value in public.items()}
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(marshal.dumps(data))
                os.replace(tmp, folder / name)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    return data


class _BytesDictionary(Mapping[str, str]):
    """A read-only ``str`` view of a UTF-8 ``bytes`` dictionary."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[bytes, bytes]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> str:
        return self._data[key.encode()].decode()

    def get(self, key: str, default: Any = None) -> Any:  # noqa: D102 - Mapping.get, without EAFP
        value = self._data.get(key.encode())
        return value.decode() if value is not None else default

    def __iter__(self) -> Iterator[str]:
        return (key.decode() for key in self._data)

    def __len__(self) -> int:
        return len(self._data)


class _CachedDictionaries:
    """A simplemma ``DictionaryFactory`` (its public protocol: ``get_dictionary(lang)``
    returning a ``Mapping[str, str]``) backed by ``_decoded_dictionary``."""

    __slots__ = ("_dicts",)

    def __init__(self) -> None:
        self._dicts: dict[str, _BytesDictionary] = {}

    def get_dictionary(self, lang: str) -> _BytesDictionary:
        if lang not in self._dicts:
            self._dicts[lang] = _BytesDictionary(_decoded_dictionary(lang))
        return self._dicts[lang]


@lru_cache(maxsize=1)
def _simplemma() -> tuple[Any, Any]:
    """A simplemma lemmatizer and dictionary lookup on ``_decoded_dictionary``: the same
    lemmas as ``simplemma.lemmatize`` and ``simplemma.is_known`` (tested), through
    simplemma's public strategy API, without decoding the dictionary in every process."""
    import simplemma
    from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
    from simplemma.utils import normalize_token

    factory = _CachedDictionaries()
    lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory),
                                    cache_max_size=16_384)
    lookup = DictionaryLookupStrategy(factory)
    return (lambda token, lang: lemmatizer.lemmatize(token, lang),
            lambda token, lang: lookup.get_lemma(normalize_token(token), lang) is not None)


@lru_cache(maxsize=16_384)
def lemma(token: str, lang: str) -> str:
    """simplemma lemma of one token, with two additions simplemma lacks.

    - **All caps** ("STREIKS", "BAHN"): German tries the capitalised form when the
      dictionary knows it (nouns), then the lower-case form; English lower-cases. An
      all-caps word of at most 3 letters, or an unknown one of 4, is an acronym and stays
      ("CDU", "EU", "US", "AI"). In a sentence that is not itself in capitals, ``tokenize``
      keeps every all-caps word as an acronym ("NATO", "BASF"), never a stop word.
    - **Unknown German compounds** ("Zollstreits", "Warnstreikwellen"): a capitalised,
      unhyphenated word of at least 7 letters that the dictionary does not know is
      lemmatised by its longest known noun head (at least 4 letters, after at least 3):
      "Zollstreits" -> "Zoll" + lemma("Streits") -> "Zollstreit". The head must be a
      noun (its lemma capitalised), so verb and adjective endings are never touched.

    Hyphenated compounds inflect on their last part (simplemma).
    """
    if len(token) > 1 and token.isupper() and token.isalpha():
        return _caps_lemma(token, lang)
    base = str(_simplemma()[0](token, lang))
    if lang == "de" and len(token) >= 7 and token[:1].isupper() and "-" not in token and not is_known(token, lang):
        return _head_lemma(token) or base
    return base


def _caps_lemma(token: str, lang: str) -> str:
    if len(token) <= 3:
        return token  # an acronym ("SPD", "EU", "US", "AI"), whatever the dictionary has in lower case
    if lang == "de":
        for cand in (token.capitalize(), token.lower()):
            if is_known(cand, lang):
                return lemma(cand, lang)
        return token if len(token) <= 4 else lemma(token.capitalize(), lang)
    low = token.lower()
    return lemma(low, lang) if is_known(low, lang) or len(token) > 4 else token


def _head_lemma(token: str) -> str | None:
    """``token``'s lemma from its longest known noun head, or None (see ``lemma``)."""
    for i in range(3, len(token) - 3):
        head = token[i:].capitalize()
        if is_known(head, "de"):
            head_lemma = str(_simplemma()[0](head, "de"))
            if head_lemma[:1].isupper():
                return token[:i] + head_lemma.lower()
    return None


@lru_cache(maxsize=16_384)
def is_known(token: str, lang: str) -> bool:
    """Whether simplemma's dictionary for ``lang`` has ``token`` (``simplemma.is_known``)."""
    return bool(_simplemma()[1](token, lang))


def _parts(token: str, lang: str) -> tuple[str, ...]:
    if "-" not in token.strip("-"):
        return ()
    pieces = [p for p in token.split("-") if p]
    if len(pieces) < 2:
        return ()
    return tuple(
        lemma(p, lang).lower() if i == len(pieces) - 1 else p.lower() for i, p in enumerate(pieces)
    )


def _regex() -> Any:
    from simplemma.tokenizer import TOKREGEX

    return TOKREGEX


def tokenize(text: str, lang: str) -> list[dict[str, Any]]:
    """Tokens of one sentence as dicts with the columns of ``TOKEN_COLUMNS`` (no ids)."""
    stops = stopwords(lang)
    negs = NEGATIONS[lang]
    rows: list[dict[str, Any]] = []
    matches = list(_regex().finditer(text))
    words = [m.group(0) for m in matches if len(m.group(0)) > 1 and m.group(0).isalpha()]
    shouted = 2 * sum(w.isupper() for w in words) > len(words)  # a headline in capitals
    for m in matches:
        tok = m.group(0)
        low = tok.lower()
        is_alpha = tok.replace("-", "").isalpha()
        # an acronym ("US", "WHO", "NATO"), not a word in capitals for emphasis ("NOT", "NICHT",
        # "THIS"): negation words and stop words of 4+ letters stay what they are
        acronym = is_alpha and len(tok) > 1 and tok.isupper() and not shouted and low not in negs and not (
            len(tok) >= 4 and low in stops)
        lem = tok if acronym or not is_alpha else lemma(tok, lang)
        norm = lem.lower()
        is_stop = not acronym and (low in stops or norm in stops)
        rows.append(
            {
                "text": tok,
                "start": m.start(),
                "end": m.end(),
                "lemma": lem,
                "norm": norm,
                "is_alpha": is_alpha,
                "is_stop": is_stop,
                "is_content": is_alpha and not is_stop and len(tok) > 1,
                "is_negation": low in negs or norm in negs,
                "parts": _parts(tok, lang) if is_alpha else (),
            }
        )
    return rows


def tokens(sentences: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Token table (``TOKEN_COLUMNS``) for a sentence table from ``helpers.sentences``.

    Each sentence is tokenised in its own language (the ``lang`` column: lemmas and stop
    words of an English quote in a German article are English); ``lang=`` forces one
    language for all. Without the column, ``sentences.attrs["lang"]`` (default "de").
    ``attrs["lang"]`` of the result is the article's language.
    """
    article_lang = lang or sentences.attrs.get("lang", "de")
    if lang is None and "lang" in sentences:
        langs = [str(x) if x in ("de", "en") else article_lang for x in sentences["lang"]]
    else:
        langs = [article_lang] * len(sentences)
    rows: list[dict[str, Any]] = []
    for sid, text, sentence_lang in zip(sentences["sentence_id"], sentences["text"], langs):
        for i, row in enumerate(tokenize(text, sentence_lang)):
            row["sentence_id"] = int(sid)
            row["token_id"] = i
            rows.append(row)
    df = pd.DataFrame(rows, columns=list(TOKEN_COLUMNS))
    df = df.astype({"sentence_id": "int64", "token_id": "int64", "start": "int64", "end": "int64",
                    "is_alpha": bool, "is_stop": bool, "is_content": bool, "is_negation": bool})
    df.attrs["lang"] = article_lang
    return df


def token_stats(sentences: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """One-row-per-measure table: sentences, paragraphs, tokens, words, types, content share."""
    words = tokens[tokens["is_alpha"]]
    content = tokens[tokens["is_content"]]
    measures = {
        "sentences": len(sentences),
        "paragraphs": int(sentences["paragraph"].nunique()),
        "headings": int(sentences["is_heading"].sum()),
        "tokens (incl. punctuation)": len(tokens),
        "words": len(words),
        "word types (lemmas)": int(words["norm"].nunique()),
        "content words": len(content),
        "content-word share of words": round(len(content) / max(len(words), 1), 3),
        "negations": int(tokens["is_negation"].sum()),
        "hyphenated compounds": int((tokens["parts"].map(len) > 0).sum()),
        "mean words per sentence": round(len(words) / max(len(sentences), 1), 1),
    }
    values = pd.Series([f"{v:,}" if isinstance(v, int) else f"{v:g}" for v in measures.values()])
    return pd.DataFrame({"measure": list(measures), "value": values})


def top_lemmas(tokens: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most frequent content lemmas: columns ``lemma``, ``count``, ``sentences``.

    Ties are broken alphabetically so that the order is stable from run to run.
    """
    content = tokens[tokens["is_content"]]
    counts = content.groupby("lemma").agg(count=("norm", "size"), sentences=("sentence_id", "nunique"))
    counts = counts.reset_index().sort_values(["count", "lemma"], ascending=[False, True])
    return counts.head(n).reset_index(drop=True)


#: German separable-verb particles: "wirft ... vor" is "vorwerfen", "lehnt ... ab" is "ablehnen".
SEPARABLE_PARTICLES = frozenset("ab an auf aus bei dar ein fest her hin los mit nach vor weg zu zurück".split())
_CLAUSE_END = frozenset(",.;:!?)–—\"“”»«")


def separable_verbs(words: list[str], norms: list[str], known: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """German verbs split in main clauses: ``(verb index, particle index, joined lemma)``.

    A particle that closes a clause ("Billhardt wirft ihm eine falsche Bewertung vor.") is
    joined to the first earlier verb of that clause for which ``known(particle + lemma)``
    holds ("vorwerfen"). ``known`` is a lexicon lookup, so a preposition at a clause end
    ("fahren ... ab" where "abfahren" is no lexicon word) never produces anything. A verb
    is a word in lower case (or opening the sentence) whose lemma is an infinitive (-en,
    -ern, -eln): "Die Regierung kündigte … an" is ankündigen, not "an" + "der".
    """
    hits = []
    clause_start = 0
    for j, word in enumerate(words):
        if word in _CLAUSE_END:
            clause_start = j + 1
            continue
        low = word.lower()
        closes = j + 1 == len(words) or words[j + 1] in _CLAUSE_END
        if low not in SEPARABLE_PARTICLES or not closes:
            continue
        for k in range(clause_start, j):
            if not (words[k][:1].islower() or k == 0) or not norms[k].endswith(("en", "ern", "eln")):
                continue
            joined = low + norms[k]
            if norms[k][:1].isalpha() and known(joined):
                hits.append((k, j, joined))
                break
    return hits
