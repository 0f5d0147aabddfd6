"""One analysed article as rows of the corpus tables (articles, sentences, themes, actor pairs), with fixed Parquet schemas.

``tension-profile corpus`` writes four Parquet tables, one folder each
(``articles.parquet/``, ``sentences.parquet/``, ``themes.parquet/``,
``actor_pairs.parquet/``); every partition file of a table has the schema below, so
pandas and pyarrow read a folder as one table. Sequence cells (actors, top terms,
sentence ids) are "; "-joined text (``helpers.report.html.cell_text``), as in the
batch command's CSV files. ``article_id`` links the tables.

pyarrow is imported only by the functions that need it (the ``[corpus]`` extra).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.report.article import article_row
from helpers.report.html import cell_text

TABLES: tuple[str, ...] = ("articles", "sentences", "themes", "actor_pairs")
"""The corpus tables; ``articles`` is written last and marks a partition as complete."""

# column -> Arrow type name ("string", "int64", "float64", "timestamp")
ARTICLE_COLUMNS: dict[str, str] = {
    "article_id": "string", "date": "timestamp", "source": "string", "title": "string",
    "path": "string", "text_hash": "string", "params": "string",
    "language": "string", "sentences": "int64", "themes": "int64", "sentiment_mean": "float64",
    "tension_mean": "float64", "most_tense_theme": "string", "status": "string", "error": "string",
    "seconds": "float64",
}
SENTENCE_COLUMNS: dict[str, str] = {
    "article_id": "string", "sentence_id": "int64", "paragraph": "int64", "text": "string",
    "lang": "string", "is_heading": "bool", "theme": "int64", "sentiment": "float64",
    "sentiment_words": "string", "tension": "float64", "tension_lexicon": "float64",
    "tension_contrast": "float64", "tension_negativity": "float64", "tension_actors": "float64",
    "tension_terms": "string", "actors": "string",
}
THEME_COLUMNS: dict[str, str] = {
    "article_id": "string", "theme": "int64", "label": "string", "top_terms": "string",
    "n_sentences": "int64", "share": "float64", "sentiment_mean": "float64",
    "tension_mean": "float64", "tension_ci_low": "float64", "tension_ci_high": "float64",
    "share_tense": "float64", "dominant_actors": "string", "representative": "string",
}
PAIR_COLUMNS: dict[str, str] = {
    "article_id": "string", "actor_a": "string", "actor_b": "string", "n_sentences": "int64",
    "mean_tension": "float64", "sentence_ids": "string",
}
COLUMNS: dict[str, dict[str, str]] = {
    "articles": ARTICLE_COLUMNS, "sentences": SENTENCE_COLUMNS, "themes": THEME_COLUMNS,
    "actor_pairs": PAIR_COLUMNS,
}


def schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of one corpus table."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(),
             "timestamp": pa.timestamp("ms")}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS[table].items()])


def conform(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """``df`` with exactly the table's columns, in order and with its types (missing: empty)."""
    out = pd.DataFrame(index=range(len(df)))
    for name, kind in COLUMNS[table].items():
        col = df[name].reset_index(drop=True) if name in df.columns else pd.Series([None] * len(df))
        if kind == "string":
            out[name] = col.map(lambda v: None if v is None or (isinstance(v, float) and v != v)
                                else str(cell_text(v))).astype(object)
        elif kind in ("int64", "float64"):
            out[name] = pd.to_numeric(col.replace("", None), errors="coerce").astype(
                "Int64" if kind == "int64" else "float64")
        elif kind == "bool":
            out[name] = col.astype("boolean")
        else:
            out[name] = pd.to_datetime(col, errors="coerce")
    return out


def to_arrow(df: pd.DataFrame, table: str) -> Any:
    """``df`` as a ``pyarrow.Table`` with the table's schema."""
    import pyarrow as pa

    return pa.Table.from_pandas(conform(df, table), schema=schema(table), preserve_index=False)


def analysis_tables(result: Any, article_id: str) -> dict[str, pd.DataFrame]:
    """Sentences, themes and actor pairs of one ``Analysis`` as corpus-table frames."""
    sents = result.sentences.copy()
    sents.insert(0, "article_id", article_id)
    sents["lang"] = result.lang
    themes = result.themes.copy()
    themes.insert(0, "article_id", article_id)
    pairs = result.actor_pairs.copy()
    pairs.insert(0, "article_id", article_id)
    return {"sentences": conform(sents, "sentences"), "themes": conform(themes, "themes"),
            "actor_pairs": conform(pairs, "actor_pairs")}


def article_record(result: Any | None, meta: dict[str, Any], status: str = "ok", error: str = "") -> dict[str, Any]:
    """The ``articles`` row: ``meta`` (article_id, date, source, title, path, text_hash,
    params), the summary numbers of ``summary.csv`` (``article_row``) when there is a
    result, and status/error."""
    row: dict[str, Any] = {c: None for c in ARTICLE_COLUMNS}
    row.update({k: v for k, v in meta.items() if k in ARTICLE_COLUMNS})
    if result is not None:
        row.update(article_row(result))
    row.update(status=status, error=error)
    return row


def empty_tables() -> dict[str, pd.DataFrame]:
    """Empty sentences/themes/actor_pairs frames (an article that failed)."""
    return {t: conform(pd.DataFrame(), t) for t in TABLES if t != "articles"}
