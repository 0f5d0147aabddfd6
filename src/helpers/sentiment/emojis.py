"""Emoji as sentiment words: each emoji is read as its CLDR short name ("😡" → "enraged face").

VADER (Hutto & Gilbert 2014) scores an emoji by translating it into its description and
scoring the words; ``nltk-vader-sentiment`` ships the older Unicode character names for
that ("😡" → "pouting face", which no lexicon scores). The `emoji` package (BSD) ships the
Unicode CLDR short names, which name what an emoji means ("enraged face"), for every emoji
sequence including skin tones and ZWJ sequences, and finds them in text. The same reading
serves both languages: an emoji is language-neutral, so a German sentence gets the valence
of its English name.

Where the CLDR name is made of words VADER has no valence for but its meaning is plain,
:data:`EMOJI_SYNONYMS` gives it the valence of one VADER word of the same meaning (the
number is VADER's, the pairing the project's).
"""

from __future__ import annotations

from functools import lru_cache

#: CLDR name → a VADER lexicon word of the same meaning, whose valence the name takes
#: (only names VADER scores 0 word by word: "thumbs down" has no negative word).
EMOJI_SYNONYMS: dict[str, str] = {
    "thumbs up": "approval",
    "thumbs down": "reject",
    "face with symbols on mouth": "curse",
    "face vomiting": "disgusting",
    "nauseated face": "disgusted",
    "unamused face": "displeased",
    "face with rolling eyes": "annoyed",
    "clapping hands": "applause",
    "pile of poo": "crap",
}


@lru_cache(maxsize=1)
def emoji_names() -> dict[str, str]:
    """Every emoji sequence the `emoji` package knows → its CLDR short name in English.

    Returns
    -------
    dict
        ``{"😡": "enraged face", "👍🏽": "thumbs up medium skin tone", ...}`` (about
        5,000 entries, lower case, words separated by spaces).
    """
    import emoji

    return {e: data["en"].strip(":").replace("_", " ").lower() for e, data in emoji.EMOJI_DATA.items()
            if data.get("en")}


def emoji_multiwords(lexicon: dict[str, float] | object) -> dict[str, float]:
    """VADER multiword entries for :data:`EMOJI_SYNONYMS`: ``{"thumbs down": -1.7, ...}``.

    ``lexicon`` is VADER's word → valence mapping (−4..4); a synonym it lacks is skipped.
    """
    lex = dict(lexicon)  # type: ignore[call-overload]
    return {name: float(lex[word]) for name, word in EMOJI_SYNONYMS.items() if word in lex}


def find_emoji(text: str) -> list[str]:
    """The emoji of ``text`` in order, each sequence once per occurrence.

    Examples
    --------
    >>> find_emoji("Toll 👍🏽 aber 😡😡")
    ['👍🏽', '😡', '😡']
    """
    import emoji

    if text.isascii() or ("\u20e3" not in text and _emoji_starts().isdisjoint(text)):
        return []  # no character an emoji begins with: the same answer, without the scan
    return [m["emoji"] for m in emoji.emoji_list(text)]


@lru_cache(maxsize=1)
def _emoji_starts() -> frozenset[str]:
    """The first characters of all emoji outside ASCII (keycaps such as "#️⃣" begin with an
    ASCII character but need U+20E3). ``emoji.emoji_list`` was 10 % of a 5,500-sentence
    German analysis (2.2 of 22 s), almost all on sentences without any emoji."""
    import emoji

    return frozenset(e[0] for e in emoji.EMOJI_DATA if not e[0].isascii())
