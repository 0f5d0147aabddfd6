"""Language identification (German or English) with py3langid's shipped model.

py3langid (BSD-3) carries its model inside the package, so nothing is downloaded.
The text is first ranked against all of the model's 97 languages, so that a French
or Dutch article is refused with a clear message instead of being analysed as German;
the decision between German and English is then made with the model restricted to
those two, which is reliable even on short texts; a text with three or more function
words of only one of them is decided by those first (``function_word_language``, faster,
the same answers where it decides).

The article's language is that of its *narration* (text outside quotes,
``article_language``); each sentence gets its own (``sentence_language``); texts too short
for the character model (fewer than 4 words or 20 letters) are decided by their function
and dictionary words (``short_language``) or not at all. Rules and measurements:
``docs/text.md``.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from helpers.errors import InputError

SUPPORTED: tuple[str, ...] = ("de", "en")
"""Languages the pipeline supports."""

_SAMPLE_CHARS = 20_000
_MIN_LETTERS_FOR_REFUSAL = 40
_REFUSAL_PROBABILITY = 0.9


@lru_cache(maxsize=2)
def _identifier(restricted: bool) -> Any:
    """The all-language model, or a shallow copy restricted to ``SUPPORTED``.

    The copy shares the model's tables (~90 MB, ~0.25 s to load), so a process holds
    them once; ``set_languages`` rebinds only the copy's class columns.
    """
    import copy

    if not restricted:
        return _full_identifier()
    ident = copy.copy(_identifier(False))
    ident.set_languages(list(SUPPORTED))
    return ident


_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _full_identifier() -> Any:
    """py3langid's all-language identifier, its tables read from an uncompressed copy
    in the cache folder (``helpers.cache.cache_dir``) when there is one.

    The shipped model is LZMA-compressed: decompressing it costs every new process
    (notebook kernel, batch worker) about 0.4 s; the cached ``.npy`` files are mapped
    in about 0.02 s, and the mapped pages are shared between processes. The copy is
    named by py3langid's version and the model file's size, written atomically, and
    any failure only means decompressing again; if py3langid's internals change, its
    own loader is used.
    """
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        ptc, pc, classes, nextmove, row, output = _model_tables()
        return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output,
                                  norm_probs=True, tk_row=row)
    except Exception:  # noqa: BLE001 - py3langid changed: use its own loader
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _model_tables() -> tuple[Any, ...]:
    """``(nb_ptc, nb_pc, nb_classes, tk_nextmove, tk_row, tk_output)`` as py3langid's
    ``modelio.load_model`` returns them, from the cache when possible."""
    import contextlib
    import shutil
    import tempfile
    from importlib.metadata import version

    from py3langid import modelio
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from helpers.cache import cache_dir

    source = MODEL_DIR / MODEL_FILE
    folder = cache_dir()
    arrays: dict[str, Any] | None = None
    if folder is not None:
        target = folder / f"py3langid-{version('py3langid')}-{source.stat().st_size}"
        with contextlib.suppress(OSError, ValueError):
            arrays = {name: np.load(target / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                      for name in _MODEL_ARRAYS}
        if arrays is None:
            import io
            import lzma

            with lzma.open(source) as src, np.load(io.BytesIO(src.read()), allow_pickle=False) as data:
                arrays = {name: data[name] for name in _MODEL_ARRAYS}
            with contextlib.suppress(OSError):
                shutil.rmtree(target, ignore_errors=True)  # missing or damaged: written anew
                folder.mkdir(parents=True, exist_ok=True)
                tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
                try:
                    for name, value in arrays.items():
                        np.save(tmp / f"{name}.npy", value, allow_pickle=False)
                    os.replace(tmp, target)
                finally:
                    shutil.rmtree(tmp, ignore_errors=True)
    if arrays is None:
        return modelio.load_model(source)
    return (arrays["ptc"], arrays["pc"], arrays["classes"].tolist(),
            modelio._to_array(arrays["nextmove"]), modelio._to_array(arrays["nextmove_row"]),
            arrays["out_feat"].tolist())


def check_lang(lang: str) -> str:
    """Validate a ``lang`` argument: "auto", "de" or "en" (case-insensitive)."""
    value = str(lang).strip().lower()
    if value in ("auto", *SUPPORTED):
        return value
    raise InputError(
        f"unsupported language {lang!r}: tension-profile analyses German ('de') and "
        "English ('en') articles; use lang='de', 'en' or 'auto'."
    )


def detect_language(text: str) -> tuple[str, float]:
    """Return ``(lang, probability)`` with lang in ``SUPPORTED``.

    Raises ``InputError`` when the text is confidently in another language.
    """
    sample = text[:_SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    ranking = _identifier(False).rank(sample)
    top, prob = ranking[0]
    if top not in SUPPORTED and letters >= _MIN_LETTERS_FOR_REFUSAL and prob >= _REFUSAL_PROBABILITY:
        raise InputError(
            f"the article looks like language '{top}' (p={prob:.2f}), which is not supported: "
            "tension-profile analyses German and English; set lang='de' or 'en' (--lang on the command line) to override."
        )
    # The model restricted to de/en is the same softmax over fewer classes, so its
    # probabilities are the full model's renormalised: no second pass over the text,
    # unless both underflowed to 0 in the full model.
    probs = dict(ranking)
    total = sum(probs.get(code, 0.0) for code in SUPPORTED)
    if total > 1e-30:
        lang = max(SUPPORTED, key=lambda code: probs.get(code, 0.0))  # ties: the first, as argmax
        return lang, float(probs[lang] / total)
    lang, p = _identifier(True).classify(sample)
    return str(lang), float(p)


# ------------------------------------------------------------------ narration, sentences, short texts
_QUOTED = re.compile(r"„[^“”\"]*[“”\"]|“[^”]*”|»[^«]*«|«[^»]*»|\"[^\"]*\"|‚[^‘’]*[‘’]")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SHORT_WORDS = 4
"""A text with fewer words than this (or fewer than ``SHORT_LETTERS`` letters) is too short for
the character model: ``short_language`` decides it."""
SHORT_LETTERS = 20
_MIN_NARRATION_LETTERS = 40
# closed-class words and greetings that settle very short inputs; words in both lists count for neither
_SHORT_WORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "ja nein nicht kein keine danke bitte schön guten morgen tag abend hallo tschüss natürlich genau "
        "niemals doch und oder aber ich du wir ihr sie er es der das dem den des ein eine einer ist sind "
        "war waren hat haben wird werden mit von zu für auf bei nach aus über unter gegen noch schon nur "
        "auch sehr gut toll klar ok okay warum wieso weshalb wer wo wann".split()),
    "en": frozenset(
        "yes no not none thanks thank please hello hi bye good morning evening of course never and or "
        "but i you we they he she it the a an is are was were has have will with from to for at by after "
        "about over under against still already only also very well done great way okay ok why who where when"
        .split()),
}


def narration(text: str) -> str:
    """``text`` without its quoted passages („…“, “…”, »…«, «…», "…", ‚…‘)."""
    return _QUOTED.sub(" ", text)


def is_short(text: str) -> bool:
    """Fewer than ``SHORT_WORDS`` words or fewer than ``SHORT_LETTERS`` letters."""
    words = _WORD.findall(text)
    return len(words) < SHORT_WORDS or sum(len(w) for w in words) < SHORT_LETTERS


def _german_common_noun(word: str) -> bool:
    """A capitalised word simplemma knows with a plural form (-e, -en, -n, -er): "Warnstreik",
    not a name ("Merkel", "Berlin": only a genitive -s)."""
    from helpers.text.tokens import is_known, lemma

    return any(is_known(word + s, "de") and lemma(word + s, "de") == word for s in ("e", "en", "n", "er"))


def short_language(text: str) -> str | None:
    """The language of a very short text, or None when its words give no evidence.

    Each word votes for German or English when it is a closed-class word or greeting of
    only that language; else a lower-case word votes when only one language's simplemma
    dictionary knows it. A capitalised first word votes for English when only English knows
    it (German not even as a name: "Berlin"), for German when only German knows it and its
    German lemma is in lower case ("Gute", "Warum"; not "Merkel"); any other capitalised
    word votes for German only as a common noun (``_german_common_noun``), so names count
    for nothing.
    More votes win; a tie is None ("Berlin", "OK.", "Merkel, Scholz, Macron").
    """
    from helpers.text.tokens import is_known, lemma

    votes = {"de": 0, "en": 0}
    for i, word in enumerate(_WORD.findall(text)):
        low = word.lower()
        de, en = low in _SHORT_WORDS["de"], low in _SHORT_WORDS["en"]
        if de and en:
            continue
        if not de and not en:
            # a capitalised first word counts for English only if German does not list it
            # ("Berlin"), and for German as its lower-case form only if English does not know
            # it and its German lemma is in lower case ("Gute", "Warum"; not "Merkel")
            en = is_known(low, "en") and (word[:1].islower() or (i == 0 and not is_known(word, "de")))
            de = (is_known(low, "de") if word[:1].islower() else _german_common_noun(word)
                  or (i == 0 and not is_known(low, "en") and is_known(low, "de") and lemma(low, "de")[:1].islower()))
            if de and en:
                continue
        votes["de"] += de
        votes["en"] += en
    if votes["de"] == votes["en"]:
        return None
    return "de" if votes["de"] > votes["en"] else "en"


#: Function words of only one of the two languages (not "die", "was", "will", "war", "also",
#: "an", "in", "so", "man", "hat": words of both), hand-picked for ``function_word_language``.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "der den dem des und ist nicht mit von zu sich auf für eine einer eines einem einen im sind "
        "wurde wurden hat haben auch sie er wir ich nach bei aus über wird werden noch nur schon dass "
        "oder aber wie zum zur vom beim sein seine ihre ihr kein keine diese dieser dieses damit dabei "
        "gegen unter".split()),
    "en": frozenset(
        "the and of to is are were with for that this from by on it he she they not have has been be "
        "would which their there what who its our we than these those could should".split()),
}


def function_word_language(text: str) -> str | None:
    """"de" or "en" when ``text`` has at least three function words of that language and
    none of the other (``_FUNCTION_WORDS``; words written in lower case, and the first word),
    else None (py3langid decides, ``_de_or_en``).

    Why: py3langid walks every byte in Python (1.7 s for the 4,700 sentences of a news
    article, 0.03 s of the seed's 0.26 s). On 11,155 sentences (GerNTSA, NewsMTSC, the
    development articles) this rule decided 84 % and agreed with py3langid on every one.
    """
    found = _WORD.findall(text)
    # lower-case words only (and the first): "The Dark Side of the Moon" in a German sentence
    # is a title, and its capitalised words are no evidence of the narration's language
    words = [w.lower() for i, w in enumerate(found) if i == 0 or w[:1].islower()]
    de = sum(w in _FUNCTION_WORDS["de"] for w in words)
    en = sum(w in _FUNCTION_WORDS["en"] for w in words)
    if de and en:
        return None
    return "de" if de >= 3 else "en" if en >= 3 else None


def _de_or_en(text: str) -> str:
    return function_word_language(text) or str(_identifier(True).classify(text)[0])


def sentence_language(sentence: str, article_lang: str) -> str:
    """A sentence's language: of its narration (text outside quotes) when that is not short,
    else of the whole sentence; a short sentence follows ``short_language`` and, without
    evidence, ``article_lang``. Uses the model restricted to German and English (never the
    refusal of ``detect_language``, which misfires on single sentences)."""
    outside = narration(sentence)
    if not is_short(outside):
        return _de_or_en(outside)
    if not is_short(sentence):
        return _de_or_en(sentence)
    return short_language(sentence) or article_lang


#: ``article_language`` reads an article longer than this many characters in parts spread
#: over it, about this many characters in all (``_spread``).
LANGUAGE_SAMPLE_CHARS = 60_000
_PART_CHARS = 5_000


def _spread(texts: list[str], budget: int = LANGUAGE_SAMPLE_CHARS) -> list[str]:
    """``texts`` when they total at most ``budget`` characters; else the parts of them that
    lie under positions spread evenly over the article's characters (golden-ratio steps),
    about ``budget`` characters in all, in article order (a paragraph longer than
    ``_PART_CHARS`` is cut at spaces into parts of about that length first).

    Why: py3langid walks every byte in Python; on a 4,700-sentence news article reading
    every paragraph took 1.5 s of a 19 s analysis, and the sentences are read again one by
    one (``sentence_language``). 60,000 characters are some 400 sentences' worth of votes.
    """
    if sum(len(t) for t in texts) <= budget:
        return texts
    parts: list[str] = []
    for t in texts:
        while len(t) > _PART_CHARS:
            cut = t.rfind(" ", 0, _PART_CHARS)
            cut = cut if cut > 0 else _PART_CHARS
            parts.append(t[:cut])
            t = t[cut:]
        parts.append(t)
    # the parts under spread character positions (not part numbers: short timestamps
    # between long paragraphs must not be all that is read)
    lengths = np.array([len(t) for t in parts], dtype=float)
    ends = np.cumsum(lengths)
    # a position falls in a part with probability ~ its length, so a part read is on average
    # sum(L^2) / sum(L) characters long: that many positions cover the budget
    per_part = float((lengths ** 2).sum() / lengths.sum())
    # golden-ratio positions: evenly spread, yet never in step with a repeating layout (a
    # timestamp before every paragraph of a live blog), as a fixed stride can be
    positions = (np.arange(max(1, int(budget / per_part))) * 0.6180339887498949 % 1.0) * ends[-1]
    chosen = sorted({int(i) for i in np.searchsorted(ends, positions, side="right")})
    return [parts[i] for i in chosen if i < len(parts)]


def article_language(texts: list[str]) -> tuple[str, float]:
    """The article's language from its paragraphs: ``(lang, share)``.

    The language of most *narration* letters (text outside quotes, each paragraph
    decided separately), so a German article quoting English speakers at length is German;
    with fewer than 40 narration letters, of all letters; for a text that is short
    everywhere, ``short_language``. ``share`` is the winning language's share of the
    letters that voted. An article of more than ``LANGUAGE_SAMPLE_CHARS`` characters is
    read in parts spread over it (``_spread``). Raises ``InputError`` when nothing decides
    (``lang=`` / ``--lang``).
    """
    texts = _spread(texts)
    for strip in (True, False):
        votes = {"de": 0, "en": 0}
        for text in texts:
            part = narration(text) if strip else text
            if not is_short(part):
                votes[_de_or_en(part)] += sum(ch.isalpha() for ch in part)
        if sum(votes.values()) >= _MIN_NARRATION_LETTERS or (not strip and sum(votes.values())):
            lang = max(SUPPORTED, key=lambda code: votes[code])
            return lang, votes[lang] / sum(votes.values())
    langs = [x for x in (short_language(t) for t in texts) if x]
    if not langs or langs.count("de") == langs.count("en"):
        raise InputError(
            "the text is too short to tell whether it is German or English: "
            "give lang='de' or 'en' (--lang on the command line)."
        )
    lang = max(SUPPORTED, key=langs.count)
    return lang, langs.count(lang) / len(langs)
