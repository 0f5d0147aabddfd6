"""Sentence tension, actor pairs, the tension profile of themes, and the arc of an article.

Tension here means conflict, friction, rivalry, accusation, dependency or risk
*between actors* (the annotation guideline of ``shared/data/dev``: 0 none ... 3 acute).
Every score is in [0, 1] and comes with the components it was built from, so a
reader can see why a sentence scored as it did.

Components (one column each in ``score_tension``'s output, all in [0, 1])
-------------------------------------------------------------------------
``tension_lexicon``
    Conflict vocabulary from ``data/tension_lexicon.tsv`` (``lang, term, category,
    weight, match``; categories conflict, competition, dependency, pressure, risk,
    accusation).  A token matches by its lemma (``norm``; for capitalised German
    nouns also the lowercased text; hyphenated compounds by each part).  ``match =
    compound`` also matches German compounds that begin or end with the term and are
    at least ``COMPOUND_MIN_EXTRA`` (3) letters longer ("Streitpunkt",
    "Wettbewerbsdruck"; the last part wins, then the longest term), unless the word contains an entry of ``COMPOUND_EXCLUDE``
    (false friends: Eindruck, Ausdruck, Entspannung, problemlos, Gewaltenteilung ...).
    ``match = phrase``: a term of several words ("at odds", "walk out", "im Clinch")
    matches consecutive tokens by lemma or lowercase text.
    A negator (kein, nicht, nie, ohne ...; no, not, never, without ...) up to
    ``NEG_WINDOW`` (3) tokens before a term in the same clause multiplies its weight
    by ``NEGATION_FACTOR`` (0.25): "kein Konflikt" still hints at a topic of
    conflict but much less.  "nicht nur" is no negation.  The summed weight ``S``
    saturates: ``lexicon = 1 - exp(-S / LEXICON_SCALE)`` (one clear term, weight 1,
    gives 0.49; two give 0.74).
``tension_contrast``
    1 when the sentence sets two sides against each other with a contrast marker:
    aber, doch, jedoch, hingegen, dagegen, während, allerdings, wohingegen ...;
    but, however, whereas, yet, while, although ...  "doch" counts only at the
    start or after a comma (otherwise it is a modal particle), "während" only as a
    conjunction (not "während der Sitzung"), "while"/"yet" only at the start or
    after a comma, "aber auch" and "sondern" never.
``tension_negativity``
    ``max(0, -sentiment)`` from the sentiment step (``sentences["sentiment"]``;
    computed with ``helpers.sentiment.score_sentences`` when absent).
``tension_actors``
    Distinct actors named in the sentence (``sentences["actors"]``, a tuple per
    sentence; computed with ``helpers.actors.find_actors`` when absent):
    ``min(n, ACTORS_FULL) / ACTORS_FULL`` with ``ACTORS_FULL = 3``.

Combination
-----------
Actors only *amplify* tension that is already there; they never create it (many
sentences name two partners without any friction).  The formula is

    base    = 1 - (1 - W_LEX·lexicon) · (1 - W_CON·contrast) · (1 - W_NEG·negativity)
    tension = base · (1 - W_ACT · (1 - actors))

a noisy-OR of the three kinds of evidence (each alone raises tension up to its
weight; together they saturate below 1), scaled down by at most ``W_ACT`` when no
actor is named.  It is monotone in every component and stays in [0, 1].

Weights (``WEIGHTS``): ``W_LEX = 0.8, W_CON = 0.4, W_NEG = 0.6, W_ACT = 0.4,
LEXICON_SCALE = 1.5``, round values inside the plateau of a grid search against the
annotated development articles (``evaluation/tension.py``, ``tune_weights``); the search,
its leave-one-article-out check and the ablations are written up in ``docs/tension.md``.

``TENSE_THRESHOLD`` (0.3) counts a sentence as "tense" in ``theme_tension``'s
``share_tense``: on the development articles it marks about as many sentences as
the annotators rated "clear" (2) or "acute" (3) on average (33 % vs 36 %; 83 % of
sentences on the same side of both cuts).
"""

from helpers.tension.profile import actor_pairs, theme_tension
from helpers.tension.score import score_tension

__all__ = ["actor_pairs", "score_tension", "theme_tension"]
