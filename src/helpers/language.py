"""Language identification (German or English) with py3langid's shipped model.

py3langid (BSD-3) carries its model inside the package, so nothing is downloaded.
The text is first ranked against all of the model's 97 languages, so that a French
or Dutch article is refused with a clear message instead of being analysed as German;
the decision between German and English is then made with the model restricted to
those two, which is reliable even on short texts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .errors import InputError

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

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    if not restricted:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident = copy.copy(_identifier(False))
    ident.set_languages(list(SUPPORTED))
    return ident


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
    top, prob = _identifier(False).classify(sample)
    if top not in SUPPORTED and letters >= _MIN_LETTERS_FOR_REFUSAL and prob >= _REFUSAL_PROBABILITY:
        raise InputError(
            f"the article looks like language '{top}' (p={prob:.2f}), which is not supported: "
            "tension-profile analyses German and English; set lang='de' or 'en' (--lang on the command line) to override."
        )
    lang, p = _identifier(True).classify(sample)
    return str(lang), float(p)
