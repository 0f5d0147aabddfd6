"""Sentence sentiment for German and English news, and its summary per theme.

German: a lexicon of lemma polarities in [-1, 1] plus four rules; English: VADER.

- Lexicon (``lexicon="default"``): ``data/sentiment_de.tsv``, the German Polarity
  Lexicon (Klenner et al. 2010, Apache-2.0, as shipped by textblob-de) with domain
  corrections, plus project-curated news and conflict vocabulary (MIT); see
  ``data/SENTIMENT_LEXICON.md``.  ``lexicon="sentiws"`` reads SentiWS (CC BY-NC-SA,
  never shipped) from the directory in ``$TP_SENTIWS_DIR``; any other string is a
  path to a TSV with ``lemma`` and ``polarity`` columns.
- Lookup: the token's lemma (``norm``); then, agreeing with the token's case (a
  lowercase word never matches a noun entry, a capitalised word inside a sentence only
  nouns), its text, the lemma of its lowercase form, an -ieren verb, and inflection
  stripping simplemma misses ("angespannten" -> angespannt, "konfligierende" ->
  konfligieren, "zerpflückt" -> zerpflücken); hyphenated compounds by their last
  part; ``ß`` and ``ss`` are the same.
- Rules (``RULES``; pass ``rules=`` to switch them off one by one):

  ``compounds``  an unknown compound takes the polarity of its longest known head
                 (at least 4 letters, noun heads for nouns only) when the rest
                 is a known word: "Wettbewerbsdruck" -> "Druck"; when the head is
                 neutral or unknown, a negative noun in front sets the tone:
                 "Spannungsfeld" -> "Spannung" (negative modifiers only).
  ``negation``   nicht, kein, nie, nichts, ohne, weder, kaum ... flip the first
                 polar word after them in the same clause when at most
                 ``NEG_WINDOW`` (2) other words stand between (determiners and
                 boosters not counted), or, verb-final, the nearest one up to 3 words
                 before them: positive x -0.75, negative x -0.5.
                 "nicht nur" is no negation.  A verb-final negation also flips the
                 positive words earlier in its clause ("Die Zusammenarbeit gelingt nicht").
  ``boosters``   sehr, besonders, zunehmend, massiv ... (x1.5) and etwas, leicht,
                 eher, teilweise ... (x0.5) up to 2 tokens before a polar word.
  ``contrast``   aber, doch, jedoch, dennoch, hingegen, allerdings, trotzdem,
                 sondern inside a sentence: words before it count half.
  ``accusation`` after a verb of accusation (vorwerfen, beschuldigen, kritisieren …;
                 ``ACCUSERS_DE``) positive words do not count: they describe the
                 alleged wrong ("wirft ihm vor, sein Versprechen zu brechen").
  ``harm``       in a clause with a verb or noun of harm (gefährden, untergraben,
                 belasten, Bedrohung …; ``HARMERS_DE``) and no negation, positive
                 words after it - or before it, when it ends the clause (verb-final)
                 - do not count: they name what is harmed ("Der Streit gefährdet
                 die erfolgreiche Zusammenarbeit").
  ``resolution`` the same for a conflict that is resolved (beilegen, schlichten,
                 entschärfen, lösen, Beilegung …; ``RESOLVERS_DE``): its negative
                 words do not count ("Der Streit ist beigelegt").

  Aggregation (``LEVELS = "sign"``, ``NORM = "sqrtpolar"``): each polar word counts
  by its sign only (+1/-1; the lexicon's strength steps proved noise against the
  annotators), times its rule factors; ``s`` = sum / sqrt(number of polar words),
  and the sentence score is ``s / sqrt(s^2 + 1)``.  So one positive word gives 0.71,
  two 0.82, one positive and one negative 0.
- English sentences are scored by VADER (``nltk-vader-sentiment``: ``vader``
  package) on the sentence text, compound score, with ``EN_LEXICON_UPDATES`` (a few
  conflict and settlement words VADER lacks) added to its lexicon.  Before VADER sees a
  sentence, capitalised words inside it are hidden as names (``mask_english_names``:
  "the Labour Party" is not positive) and, with the ``accusation`` rule, the positive
  words of an alleged wrong (``mask_english_reproach``: "accuses X of breaking a
  promise") and, with the ``harm`` rule, those of a harmed good (``mask_english_harm``:
  "compromising their ability to stand up for the interests of passengers"); with the
  ``resolution`` rule, the negative words of a resolved conflict ("resolved their bitter
  dispute").  German text never goes through VADER.
"""

from helpers.sentiment.score import score_sentences, theme_sentiment

__all__ = ["score_sentences", "theme_sentiment"]
