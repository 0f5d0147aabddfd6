"""The pipeline: one call from an article (a path, a text or an ``Article``) to its analysed tables.

``analyze(source)`` runs the stages in ``STAGES`` in order, one function each
(``stage_x(result) -> None`` fills columns and tables of the ``Analysis``):

1. ``stage_sentences``: sentence table (``helpers.text.sentences``) and tokens
   (``helpers.text.tokens``)
2. ``stage_themes``: ``ThemeModel`` -> ``theme`` column, ``themes`` table,
   ``k_scores``, ``stability``
3. ``stage_sentiment``: ``sentiment``, ``sentiment_words`` per sentence; per theme
   ``sentiment_mean``, ``sentiment_median``, ``share_negative``, ``share_neutral``,
   ``share_positive``, ``sentiment_ci_low``, ``sentiment_ci_high`` (bootstrap 95 %)
4. ``stage_actors``: ``actors`` per sentence (tuple of names), ``actors`` table
5. ``stage_tension``: ``tension`` and its components per sentence (``tension_lexicon``,
   ``tension_contrast``, ``tension_negativity``, ``tension_actors``,
   ``tension_terms``); per theme ``tension_mean``, ``tension_ci_low``,
   ``tension_ci_high``, ``share_tense``, ``dominant_actors``; ``actor_pairs``;
   ``summary`` (``helpers.summary.summary_text``)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from helpers.actors import find_actors
from helpers.embeddings import EncoderUnavailable, encode
from helpers.errors import InputError
from helpers.io.reading import Article, load_source
from helpers.scoring import model_scores
from helpers.sentiment.score import score_sentences, theme_sentiment
from helpers.summary import summary_text
from helpers.tension.profile import actor_pairs, theme_tension
from helpers.tension.score import score_tension
from helpers.text.sentences import sentence_table
from helpers.text.tokens import tokens
from helpers.themes.model import ThemeModel

__all__ = ["Analysis", "analyze", "score_text", "sentences", "STAGES", "stage_sentences", "stage_themes", "stage_sentiment", "stage_actors",
           "stage_tension", "check_k"]


@dataclass
class Analysis:
    """Result of ``analyze``.

    - ``sentences``: the sentence table (``sentence_id, paragraph, text, start,
      end, is_heading``) plus ``theme`` (int, numbered by first appearance).
    - ``tokens``: the token table (``helpers.tokens``).
    - ``themes``: one row per theme: ``theme, label, top_terms, n_sentences,
      share, first_sentence, last_sentence, paragraphs, representative,
      representative_ids`` (see ``helpers.themes.describe_themes``).
    - ``k_scores``: criterion per candidate k (``k, silhouette, stability,
      log_prior, score``; empty when k was fixed).
    - ``k``: the number of themes; ``stability``: mean pairwise ARI of the theme
      assignment over several seeds (1.0 = the same themes whatever the seed).
    - ``actor_pairs``: actors named together in at least two sentences (``helpers.tension.actor_pairs``:
      ``actor_a, actor_b, n_sentences, sentence_ids, mean_tension``).
    - ``summary``: one English paragraph on where the tension lies (``summary_text``).
    - ``article``: the ``Article`` that was read (its ``text`` and paragraphs).
    - ``lang``: "de" or "en"; ``notes``: human-readable remarks; ``params``:
      the arguments of ``analyze``; ``models``: fitted models by stage.
    - ``embeddings``: the sentences' vectors from the default encoder (``helpers.embeddings``,
      ``(n, 384)``), computed once by the theme stage and reused by the model stage; None
      when the encoder cannot be loaded here.
    """

    path: Path
    lang: str
    sentences: pd.DataFrame
    article: Article | None = None
    tokens: pd.DataFrame = field(default_factory=pd.DataFrame)
    themes: pd.DataFrame = field(default_factory=pd.DataFrame)
    k_scores: pd.DataFrame = field(default_factory=pd.DataFrame)
    k: int = 0
    stability: float = float("nan")
    actors: pd.DataFrame = field(default_factory=pd.DataFrame)
    actor_pairs: pd.DataFrame = field(default_factory=pd.DataFrame)
    summary: str = ""
    notes: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)
    embeddings: np.ndarray | None = None


def stage_sentences(result: Analysis) -> None:
    """Split the article into sentences and tokens."""
    if result.article is None:
        result.article = load_source(result.path, lang=result.params.get("lang", "auto"))
    sdf = sentence_table(result.article)
    result.lang = result.article.lang
    result.sentences = sdf
    result.tokens = tokens(sdf)


def stage_themes(result: Analysis) -> None:
    """Cluster the sentences into themes (``ThemeModel``)."""
    model = ThemeModel(k=result.params.get("k", "auto"), seed=result.params.get("seed", 0))
    if result.embeddings is None and len(result.sentences) and model.embedding_weight > 0:
        try:
            result.embeddings = encode(list(result.sentences["text"].astype(str)))
        except EncoderUnavailable:
            result.embeddings = None  # ThemeModel notes the fallback to the words alone
    model.fit(result.sentences, result.tokens, embeddings=result.embeddings)
    sdf = result.sentences.copy()
    sdf["theme"] = model.labels_.astype(int)
    sdf.attrs.update(result.sentences.attrs)
    result.sentences = sdf
    result.themes = model.themes_
    result.k_scores = model.k_scores_
    result.k = model.k_
    result.stability = model.stability_
    result.notes.extend(model.notes_)
    result.models["themes"] = model


def stage_sentiment(result: Analysis) -> None:
    """Rule-based sentence sentiment (lexicon + rules for German, VADER for English):
    ``sentiment_rules``, ``sentiment_words``; ``sentiment`` is set to it until the model stage."""
    scored = score_sentences(result.sentences, result.tokens)  # each sentence in its own language
    sdf = result.sentences.copy()
    sdf["sentiment"] = scored["sentiment"].to_numpy()
    sdf["sentiment_rules"] = scored["sentiment"].to_numpy()
    sdf["sentiment_words"] = scored["sentiment_words"].to_numpy()
    sdf.attrs.update(result.sentences.attrs)
    result.sentences = sdf


def stage_actors(result: Analysis) -> None:
    """Actors per sentence and the article's actor table (``helpers.actors``)."""
    per_sentence, table = find_actors(result.sentences, result.tokens, result.params.get("actors"))
    sdf = result.sentences.copy()
    sdf["actors"] = per_sentence.to_numpy()
    sdf.attrs.update(result.sentences.attrs)
    result.sentences = sdf
    result.actors = table


def stage_tension(result: Analysis) -> None:
    """Rule-based sentence tension with its components (``helpers.tension``): ``tension_rules``,
    ``tension_lexicon``, ``tension_contrast``, ``tension_negativity``, ``tension_actors``,
    ``tension_terms``; ``tension`` is set to ``tension_rules`` until the model stage."""
    scored = score_tension(result.sentences, result.tokens)  # each sentence in its own language
    sdf = result.sentences.drop(columns=[c for c in scored.columns if c != "sentence_id" and c in result.sentences])
    for col in scored.columns:
        if col != "sentence_id":
            sdf[col] = scored[col].to_numpy()
    sdf["tension_rules"] = sdf["tension"].to_numpy()
    sdf.attrs.update(result.sentences.attrs)
    result.sentences = sdf


def _langs(sdf: pd.DataFrame, default: str) -> np.ndarray:
    return sdf["lang"].astype(str).to_numpy() if "lang" in sdf else np.full(len(sdf), default)


def stage_model(result: Analysis) -> None:
    """Sentiment and tension from the trained heads (``helpers.scoring``): ``sentiment`` and
    ``tension`` become the model's, next to ``sentiment_model``, ``tension_model``, their
    ``*_model_share``, ``sentiment_confidence`` and ``sentiment_explained``. Without a usable
    encoder the rule-based scores stay, and ``notes`` says so in one line."""
    if result.sentences.empty:
        return
    try:
        scored = model_scores(result.sentences, result.tokens, _langs(result.sentences, result.lang),
                              vectors=result.embeddings, article=not result.params.get("loose", False))
    except EncoderUnavailable as exc:
        result.notes.append(f"sentiment and tension from the word lists only: {exc}")
        return
    sdf = result.sentences.copy()
    for col in scored.columns:
        sdf[col] = scored[col].to_numpy()
    sdf.attrs.update(result.sentences.attrs)
    result.sentences = sdf


def stage_profile(result: Analysis) -> None:
    """Per-theme sentiment and tension (bootstrap 95 % intervals), actor pairs and the summary."""
    sdf = result.sentences
    seed = result.params.get("seed", 0)
    if "theme" in sdf and not result.themes.empty:
        agg = theme_sentiment(sdf, seed=seed).rename(columns={
            "mean": "sentiment_mean", "median": "sentiment_median",
            "ci_low": "sentiment_ci_low", "ci_high": "sentiment_ci_high"}).drop(columns=["n"])
        result.themes = result.themes.merge(agg, on="theme", how="left")
        prof = theme_tension(sdf, seed=seed).drop(columns=["n"])
        themes = result.themes.drop(columns=[c for c in prof.columns if c != "theme" and c in result.themes])
        result.themes = themes.merge(prof, on="theme", how="left")
    result.actor_pairs = actor_pairs(sdf) if "actors" in sdf else pd.DataFrame()
    result.summary = summary_text(result)


#: Stages run by ``analyze``, in order.
STAGES: list[Callable[[Analysis], None]] = [stage_sentences, stage_themes, stage_sentiment, stage_actors,
                                             stage_tension, stage_model, stage_profile]


def check_k(k: int | str, name: str = "k") -> int | str:
    """``"auto"`` or a positive int (``"3"`` accepted); ``InputError`` otherwise.

    ``name`` is how the message calls the argument ("k", or "--k" on the command line).
    """
    text = str(k).strip().lower()
    if not isinstance(k, bool) and text == "auto":
        return "auto"
    if not isinstance(k, bool) and text.isdigit() and int(text) >= 1:
        return int(text)
    raise InputError(f"{name} must be 'auto' or a positive whole number, not {str(k)!r}.")


def sentences(source: str | Path | Article, lang: str = "auto") -> pd.DataFrame:
    """Read an article and return its sentence table.

    Parameters
    ----------
    source : str, Path or Article
        A file path (``.txt``, ``.md``, ``.html``), the article's text, or an ``Article``;
        how a string is told apart from a path: ``helpers.io.reading.load_source``.
    lang : {"auto", "de", "en"}

    Returns
    -------
    pandas.DataFrame
        One row per sentence; columns ``SENTENCE_COLUMNS`` of ``helpers.text.sentences``
        (``sentence_id``, ``paragraph``, ``text``, ``start``, ``end``, ``is_heading``);
        ``attrs`` hold ``lang``, ``path`` and ``encoding``.

    Raises
    ------
    InputError
        One line, for bad input (see ``load_source``).
    """
    return sentence_table(load_source(source, lang=lang))


def analyze(
    source: str | Path | Article,
    lang: str = "auto",
    k: int | str = "auto",
    seed: int = 0,
    actors: Any = None,
) -> Analysis:
    """Analyse one article: sentences, tokens, themes, sentiment, actors, tension.

    Parameters
    ----------
    source : str, Path or Article
        A file path (``.txt``; ``.md`` and ``.html`` are reduced to their text first), the
        article's text as a string, or an ``Article``. A string with no line break that
        names an existing file, or that has no whitespace and ends in ``.txt``/``.md``/
        ``.html`` (and the like), is a path; any other string is text
        (``helpers.io.reading.load_source``).
    lang : {"auto", "de", "en"}
        The article's language; ``"auto"`` detects it.
    k : "auto" or int
        The number of themes (``"3"`` is accepted), or ``"auto"`` to choose it.
    seed : int
        Seed of the k-means restarts; the same arguments give identical results.
    actors : list of str or dict, optional
        Extra actor names, or ``{alias: name}``.

    Returns
    -------
    Analysis

    Raises
    ------
    InputError
        One line, for bad input: a missing, empty, binary or undecodable file, a text
        without words, an unsupported language, a bad ``k``.
    """
    params = {"lang": lang, "k": check_k(k), "seed": int(seed), "actors": actors}
    article = load_source(source, lang=lang)
    path = Path(article.path)
    result = Analysis(path=path, lang=article.lang, article=article, sentences=pd.DataFrame(), params=params)
    for stage in STAGES:
        stage(result)
    return result


#: Columns of ``score_text``'s table, in order.
SCORE_COLUMNS: tuple[str, ...] = (
    "text", "lang", "sentiment", "tension", "sentiment_rules", "sentiment_model", "sentiment_model_share",
    "sentiment_confidence", "sentiment_words", "sentiment_explained", "tension_rules", "tension_model",
    "tension_model_share", "tension_terms", "actors")


def loose_sentences(texts: Sequence[str], lang: str) -> Analysis:
    """Sentences that are not an article, through the rule-based stages, each on its own.

    Parameters
    ----------
    texts : sequence of str
        Whitespace-collapsed sentences, all in ``lang``.
    lang : {"de", "en"}

    Returns
    -------
    Analysis
        ``sentences`` (one row per text, ``sentence_id`` = position) with the rule-based
        sentiment and tension columns and each text's own ``actors``; ``tokens``.
        Used by ``score_text`` and by ``training/heads.py`` (the same features at training
        and at run time).
    """
    sdf = pd.DataFrame({"sentence_id": np.arange(len(texts), dtype="int64"),
                        "paragraph": np.arange(len(texts), dtype="int64"), "text": list(texts)})
    sdf.attrs["lang"] = lang
    toks = tokens(sdf, lang)
    result = Analysis(path=Path("<text>"), lang=lang, sentences=sdf, tokens=toks,
                      params={"lang": lang, "seed": 0, "actors": None, "loose": True})
    stage_sentiment(result)
    actor_lists = []  # one text is not the context of another
    for i in range(len(texts)):
        one, one_tokens = result.sentences.iloc[[i]].copy(), toks[toks["sentence_id"] == i].copy()
        one.attrs["lang"] = one_tokens.attrs["lang"] = lang
        actor_lists.append(tuple(find_actors(one, one_tokens)[0].iloc[0]))
    result.sentences["actors"] = actor_lists
    stage_tension(result)
    return result


def score_text(texts: str | Sequence[str], lang: str = "auto") -> pd.DataFrame:
    """Score sentences on their own (headlines, quotes, survey answers) with the model of ``analyze``.

    Each text is one unit, scored alone: no neighbouring sentence, no article, its actors
    from itself only.

    Parameters
    ----------
    texts : str or sequence of str
        One sentence (a string) or several.
    lang : {"auto", "de", "en"}
        The language of all texts, or ``"auto"`` to detect each text's own.

    Returns
    -------
    pandas.DataFrame
        One row per text, columns ``SCORE_COLUMNS``: ``sentiment`` (-1 … 1) and ``tension``
        (0 … 1) from the trained heads, the rule-based ``sentiment_rules``/``tension_rules``,
        the encoder head alone (``*_model``), its share of the decision (``*_model_share``,
        0 … 1), ``sentiment_confidence`` (0 … 1, calibrated: how often a reader puts such a sentence in the same class), and the explanations
        (``sentiment_words``, ``sentiment_explained``, ``tension_terms``, ``actors``).

    Raises
    ------
    InputError
        For an empty list, an empty text or one without letters, or an unsupported language.

    Examples
    --------
    >>> score_text("Die Gespräche brachen am Abend ab.")["sentiment"].iat[0] < -0.05
    True
    """
    from helpers.text.language import check_lang, detect_language

    items = [texts] if isinstance(texts, str) else list(texts)
    lang = check_lang(lang)
    if not items:
        raise InputError("score_text needs at least one text.")
    cleaned = [" ".join(str(t).split()) for t in items]
    for i, text in enumerate(cleaned):
        if not any(ch.isalpha() for ch in text):
            raise InputError(f"text {i} has no words: give a sentence in German or English.")
    langs = []
    for i, text in enumerate(cleaned):
        try:
            langs.append(lang if lang != "auto" else detect_language(text)[0])
        except InputError as err:  # name the text: in a list of hundreds "the article" says nothing
            raise InputError(f"text {i} ({text[:40]!r}): " + str(err).replace("the article looks", "it looks")) from None
    frames = []
    notes: list[str] = []
    for code in ("de", "en"):
        idx = [i for i, l in enumerate(langs) if l == code]
        if not idx:
            continue
        result = loose_sentences([cleaned[i] for i in idx], code)
        stage_model(result)
        out = result.sentences.copy()
        out["lang"] = code
        out.index = idx
        frames.append(out)
        notes += result.notes
    table = pd.concat(frames).sort_index()
    for col in SCORE_COLUMNS:
        if col not in table:
            table[col] = np.nan
    table = table[list(SCORE_COLUMNS)].reset_index(drop=True)
    table.attrs["notes"] = list(dict.fromkeys(notes))
    return table
