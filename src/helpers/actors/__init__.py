"""Actors: the organisations, countries and people an article is about, per sentence.

``find_actors`` is the stage's entry point; the rules (gazetteer, acronyms, capitalised
runs, speakers) live in ``helpers.actors.rules``.
"""

from __future__ import annotations

from helpers.actors.rules import ACTOR_COLUMNS, FIRST_NAMES, NOT_ACTORS, ROLE_NOUNS, actor_table, find_actors, gazetteer

__all__ = ["ACTOR_COLUMNS", "FIRST_NAMES", "NOT_ACTORS", "ROLE_NOUNS", "actor_table", "find_actors", "gazetteer"]
