"""Actors: the organisations, countries, places and people an article is about, per sentence.

``find_actors`` is the stage's entry point, with two methods:

- ``"tagger"`` (default): the shipped named-entity tagger (``helpers.actors.ner``, a CRF
  trained on permissively licensed human-annotated corpora, model card ``docs/actors.md``)
  plus the gazetteer, one name per actor, repeats, and pronoun / role-noun references
  (``helpers.actors.tagged``);
- ``"rules"``: the inspectable rules used before (``helpers.actors.rules``), kept for comparison.

Modules: ``ner`` (tokens, features, the model), ``names`` (matching and one name per actor),
``references`` (pronouns and role nouns), ``tagged`` (the default method's stages),
``rules`` (the gazetteer and the old rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from helpers.actors.names import same_actor
from helpers.actors.rules import ACTOR_COLUMNS, FIRST_NAMES, NOT_ACTORS, ROLE_NOUNS, actor_table, gazetteer
from helpers.actors.rules import find_actors as _find_actors_rules
from helpers.errors import InputError

METHODS = ("tagger", "rules")
"""The ways to find actors; the first is the default."""

__all__ = ["ACTOR_COLUMNS", "FIRST_NAMES", "METHODS", "NOT_ACTORS", "ROLE_NOUNS", "actor_table", "find_actors",
           "gazetteer", "same_actor"]


def find_actors(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    user_actors: Mapping[str, str] | Iterable[str] | None = None,
    method: str = "tagger",
) -> tuple[pd.Series, pd.DataFrame]:
    """Actors per sentence and an article-level actor table.

    Returns ``(per_sentence, table)``: ``per_sentence`` is a Series indexed like
    ``sentences`` holding a tuple of actor names in order of mention; ``table`` has the
    columns ``ACTOR_COLUMNS`` sorted by mentions. ``method``: ``"tagger"`` (default) or
    ``"rules"`` (see the module docstring); ``user_actors``: extra names or ``{alias: name}``.
    """
    if method == "rules":
        return _find_actors_rules(sentences, tokens, user_actors)
    if method != "tagger":
        raise InputError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    from helpers.actors.tagged import find_actors_tagged

    lang = tokens.attrs.get("lang", sentences.attrs.get("lang", "de"))
    return find_actors_tagged(sentences, lang, user_actors)
