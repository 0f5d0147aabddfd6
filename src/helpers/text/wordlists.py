"""The one place for the function-word lists: negators, contrast markers, determiners.

Each stage's list is kept as the stage was measured with it (``make eval``); where two
stages use different lists the difference is deliberate and named here, so a change to
one is a change that can be measured:

- ``NEGATIONS``: the token flag ``is_negation`` (``helpers.text.tokens``), both languages.
- ``NEGATORS_SENTIMENT_DE``: negators that flip a German sentiment word; adds the
  downtoners "keineswegs", "keinesfalls", "kaum" (which flip tone) to ``NEGATIONS``.
- ``NEGATORS_TENSION``: negators that damp a conflict word (``helpers.tension.score``);
  narrower (no "niemand", "nirgends", "kaum": "niemand streitet" is rare in news, and
  "kaum Streit" still names the conflict).
- ``CONTRAST_SENTIMENT_DE``: words before which a clause counts half in sentiment
  ("aber", "jedoch" ...); ``CONTRAST_TENSION``: markers that set two parties against
  each other, both languages ("während", "whereas" ...).
- ``DETERMINERS_SENTIMENT_DE`` (articles, skipped when negation looks for its word) and
  ``DETERMINERS_TENSION_DE`` (articles and possessives: "während der" is "during").

Sources: the project's own lists, written from German and English grammar; no data set.
"""

from __future__ import annotations

NEGATIONS: dict[str, frozenset[str]] = {
    "de": frozenset({"nicht", "kein", "keine", "keiner", "keinen", "keinem", "keines", "nie",
                     "niemals", "nichts", "ohne", "weder", "noch nie", "niemand", "nirgends"}),
    "en": frozenset({"not", "no", "never", "without", "nothing", "none", "nobody", "neither",
                     "nor", "n't", "cannot", "nowhere"}),
}
"""Negation words per language (matched on the lowercased token and its lemma)."""

NEGATORS_SENTIMENT_DE = frozenset(
    "nicht kein keine keiner keinen keinem keines nie niemals nichts ohne weder "
    "niemand nirgends keineswegs keinesfalls mitnichten kaum".split()
)

DETERMINERS_SENTIMENT_DE = frozenset("der die das den dem des ein eine einen einem einer eines".split())

CONTRAST_SENTIMENT_DE = frozenset("aber doch jedoch dennoch hingegen allerdings trotzdem sondern gleichwohl indes indessen".split())

#: Words after which "aber"/"sondern" adds rather than contrasts ("aber auch").
ADDITIVE_AFTER_SENTIMENT_DE = frozenset({"auch", "zudem", "ebenso"})

NEGATORS_TENSION = {
    "de": frozenset("kein keine keiner keinen keinem keines nicht nie niemals ohne weder nichts".split()),
    "en": frozenset("no not never without nor neither n't none".split()),
}

NOT_NEGATION_AFTER = frozenset({"nur", "zuletzt", "minder", "only", "just", "least"})

CONTRAST_TENSION = {
    "de": frozenset("aber doch jedoch hingegen dagegen während allerdings wohingegen indes indessen".split()),
    "en": frozenset("but however whereas yet while although though nevertheless nonetheless".split()),
}

#: Markers that count only at the start of the sentence or after a comma / dash.
CONTRAST_AFTER_COMMA_TENSION = frozenset({"doch", "während", "yet", "while"})

ADDITIVE_AFTER_TENSION = frozenset({"auch", "zudem", "ebenso", "also"})

DETERMINERS_TENSION_DE = frozenset(
    "der die das des dem den ein eine eines einer einem einen dieser diese dieses diesem diesen "
    "seiner seines ihrer ihres meiner unserer".split()
)
