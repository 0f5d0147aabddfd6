"""A news corpus at a glance (notebook 06): the Parquet tables of ``tension-profile corpus`` read and summarised.

Every function takes the tables as ``load_corpus`` returns them and gives a small,
sorted DataFrame (ties broken by name, so the same corpus always gives the same
tables): tension per source or per month, the most tense themes and actor pairs
across the corpus, and the articles that drive them. Only articles with
``status == "ok"`` enter the numbers; ``overview`` counts the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from helpers.report.corpus_tables import TABLES

TENSE = 0.5
"""A sentence counts as tense from this tension on (as ``share_tense`` of the themes)."""


#: Column names of the corpus views as a reader sees them (``readable``).
HEADERS = {"tension_mean": "Mean tension", "mean_tension": "Mean tension", "share_tense": "Share tense",
           "sentiment_mean": "Mean sentiment", "n_sentences": "Sentences", "dominant_actors": "Main actors",
           "actor_a": "Actor", "actor_b": "and actor", "weight": "Weight", "label": "Theme",
           "most_tense_theme": "Most tense theme", "tense_sentences": "Tense sentences",
           "most_tense_sentence": "Most tense sentence", "its_tension": "Its tension"}


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A corpus view with a reader's column headers ("Mean tension", not ``tension_mean``;
    others capitalised) and a fresh 0 … n−1 index; values unchanged. Show it without the
    index (``helpers.report.tables.show``)."""
    out = table.reset_index(drop=True)
    return out.rename(columns={c: HEADERS.get(c, c[:1].upper() + c[1:].replace("_", " ")) for c in out.columns})


def load_corpus(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The four tables of a corpus folder (``articles``, ``sentences``, ``themes``,
    ``actor_pairs``), rows in a fixed order (by article id, then position)."""
    folder = Path(folder)
    missing = [t for t in TABLES if not (folder / f"{t}.parquet").is_dir()]
    if missing:
        raise FileNotFoundError(f"{folder} has no {', '.join(m + '.parquet/' for m in missing)}: "
                                "run `tension-profile corpus PATH... --out FOLDER` first.")
    order = {"articles": ["article_id"], "sentences": ["article_id", "sentence_id"],
             "themes": ["article_id", "theme"], "actor_pairs": ["article_id", "actor_a", "actor_b"]}
    out = {}
    for t in TABLES:
        df = pd.read_parquet(folder / f"{t}.parquet")
        out[t] = df.sort_values(order[t], kind="stable").reset_index(drop=True)
    return out


def _ok(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    arts = tables["articles"]
    arts = arts[arts["status"] == "ok"]
    sents = tables["sentences"]
    return arts, sents[sents["article_id"].isin(arts["article_id"])]


def overview(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per source: articles (ok and failed), sentences, languages, dates."""
    arts = tables["articles"].copy()
    arts["source"] = arts["source"].fillna("(none)")
    rows = []
    for source, g in arts.groupby("source", sort=True):
        ok = g[g["status"] == "ok"]
        dates = g["date"].dropna()
        rows.append({"source": source, "articles": len(g), "failed": int((g["status"] != "ok").sum()),
                     "sentences": int(ok["sentences"].sum()),
                     "languages": ", ".join(sorted(ok["language"].dropna().unique())),
                     "first date": dates.min().date() if len(dates) else None,
                     "last date": dates.max().date() if len(dates) else None})
    return pd.DataFrame(rows)


def tension_by(tables: dict[str, pd.DataFrame], by: str = "source", freq: str = "MS") -> pd.DataFrame:
    """Tension and sentiment per ``source`` or per period of ``date`` (``by="date"``, months
    by default): articles, sentences, mean sentence tension and sentiment, share of tense
    sentences. Articles without the grouping value are left out."""
    arts, sents = _ok(tables)
    key = arts.set_index("article_id")[by]
    sents = sents.assign(group=sents["article_id"].map(key)).dropna(subset=["group"])
    if by == "date":
        sents["group"] = pd.to_datetime(sents["group"]).dt.to_period(freq[0]).dt.start_time.dt.date
    g = sents.groupby("group", sort=True)
    out = pd.DataFrame({
        "articles": g["article_id"].nunique(),
        "sentences": g.size(),
        "tension_mean": g["tension"].mean().round(3),
        "share_tense": g["tension"].apply(lambda t: (t >= TENSE).mean()).round(3),
        "sentiment_mean": g["sentiment"].mean().round(3),
    })
    out.index.name = by
    return out.reset_index()


def top_themes(tables: dict[str, pd.DataFrame], n: int = 10, min_sentences: int = 2) -> pd.DataFrame:
    """The ``n`` most tense themes across the corpus (themes of at least ``min_sentences``)."""
    arts, _ = _ok(tables)
    themes = tables["themes"]
    themes = themes[themes["article_id"].isin(arts["article_id"]) & (themes["n_sentences"] >= min_sentences)]
    titles = arts.set_index("article_id")["title"]
    out = themes.assign(article=themes["article_id"].map(titles).fillna(themes["article_id"]))
    out = out.sort_values(["tension_mean", "article_id", "theme"], ascending=[False, True, True], kind="stable")
    cols = ["article", "label", "n_sentences", "tension_mean", "sentiment_mean", "share_tense", "dominant_actors"]
    return out[cols].head(n).round(3).reset_index(drop=True)


def top_actor_pairs(tables: dict[str, pd.DataFrame], n: int = 10) -> pd.DataFrame:
    """Actor pairs across the corpus, by their tense weight (sentences × mean tension,
    summed over articles): in how many articles and sentences they meet, and how tense."""
    arts, _ = _ok(tables)
    pairs = tables["actor_pairs"]
    pairs = pairs[pairs["article_id"].isin(arts["article_id"])]
    pairs = pairs.assign(weight=pairs["n_sentences"] * pairs["mean_tension"])
    g = pairs.groupby(["actor_a", "actor_b"], sort=True)
    out = pd.DataFrame({"articles": g["article_id"].nunique(), "sentences": g["n_sentences"].sum(),
                        "weight": g["weight"].sum()}).reset_index()
    out["mean_tension"] = (out["weight"] / out["sentences"]).round(3)
    out["weight"] = out["weight"].round(3)
    out = out.sort_values(["weight", "actor_a", "actor_b"], ascending=[False, True, True], kind="stable")
    return out[["actor_a", "actor_b", "articles", "sentences", "mean_tension", "weight"]].head(n).reset_index(drop=True)


def driving_articles(tables: dict[str, pd.DataFrame], n: int = 5) -> pd.DataFrame:
    """The articles with the most tense sentences, each with its most tense sentence."""
    arts, sents = _ok(tables)
    tense = sents[sents["tension"] >= TENSE].groupby("article_id").size()
    top = sents.sort_values(["article_id", "tension", "sentence_id"], ascending=[True, False, True], kind="stable")
    top = top.drop_duplicates("article_id").set_index("article_id")
    out = arts.set_index("article_id")[["title", "source", "date", "sentences", "tension_mean", "most_tense_theme"]].copy()
    out["tense_sentences"] = tense.reindex(out.index).fillna(0).astype(int)
    out["most_tense_sentence"] = top["text"].reindex(out.index)
    out["its_tension"] = top["tension"].reindex(out.index).round(3)
    out = out.reset_index().sort_values(["tense_sentences", "tension_mean", "article_id"],
                                        ascending=[False, False, True], kind="stable")
    out = out.drop(columns="article_id").head(n).reset_index(drop=True)
    return out.drop(columns=[c for c in ("date", "source") if out[c].isna().all()])


def tension_figure(table: pd.DataFrame, by: str = "source") -> Any:
    """Bars of mean sentence tension per group (``tension_by``), share of tense sentences as dots."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 0.45 * len(table) + 1.4))
    labels = [str(v) for v in table[by]]
    ax.barh(labels, table["tension_mean"], color="#c0504d", label="mean sentence tension")
    ax.scatter(table["share_tense"], labels, color="#333333", zorder=3, label=f"share of sentences ≥ {TENSE}")
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("tension (0 none … 1 acute)")
    ax.set_title(f"Tension per {by}")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    fig.tight_layout()
    plt.close(fig)
    return fig
