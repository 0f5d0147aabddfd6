"""Evaluation harness: compare the project's output with human annotations.

Run ``python -m evaluation [--dev-dir DIR] [--seeds 10]`` (``make eval``).
The development directory holds ``<article>.txt`` + ``<article>.annotations.tsv``
pairs (format: ``shared/data/dev/SOURCES.md``).  Default directory:
``$TP_DEV_DIR`` or ``../shared/data/dev`` relative to the repository root.
When it is absent the harness says so and exits 0.

Project sentences are aligned with annotation units by text: both are reduced
to their non-whitespace characters, the two character streams are matched
(``difflib`` when they differ), and each project sentence takes the unit with
the largest character overlap.  Metric blocks are functions
``(ArticleEval, seeds) -> list[Row]``; later issues append blocks for
sentiment and tension (``METRIC_BLOCKS``).
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
from sklearn.metrics import normalized_mutual_info_score

from helpers.themes.kmeans import adjusted_rand

__all__ = [
    "align_units",
    "load_annotations",
    "ArticleEval",
    "Row",
    "theme_block",
    "sentiment_block",
    "tension_block",
    "actor_block",
    "METRIC_BLOCKS",
    "evaluate_dir",
    "format_table",
    "language_means",
    "default_dev_dir",
    "main",
]


# --------------------------------------------------------------------- alignment
def ari(a: Sequence[int], b: Sequence[int]) -> float:
    """The adjusted Rand index (the pipeline's ``adjusted_rand``, equal to scikit-learn's to
    1e-9), rounded to 12 decimals so that identical clusterings have a spread of exactly 0."""
    return round(float(adjusted_rand(a, b)), 12)


def _stream(texts: list[str]) -> tuple[str, np.ndarray]:
    """Concatenated non-whitespace characters and the owning item per character."""
    chars: list[str] = []
    owner: list[int] = []
    for i, t in enumerate(texts):
        for ch in str(t):
            if not ch.isspace():
                chars.append(ch)
                owner.append(i)
    return "".join(chars), np.array(owner, dtype=int)


def align_units(project_texts: list[str], unit_texts: list[str]) -> pd.DataFrame:
    """Map each project sentence to the annotation unit it overlaps most.

    Returns one row per project sentence: ``sentence`` (position in
    ``project_texts``), ``unit`` (position in ``unit_texts``, -1 when nothing
    overlaps), ``overlap`` (shared non-whitespace characters) and ``coverage``
    (overlap / the sentence's non-whitespace length).  Ties go to the earlier unit.
    """
    p_str, p_owner = _stream(project_texts)
    u_str, u_owner = _stream(unit_texts)
    n_p, n_u = len(project_texts), len(unit_texts)
    overlap = np.zeros((n_p, max(n_u, 1)), dtype=int)
    if p_str == u_str:
        np.add.at(overlap, (p_owner, u_owner), 1)
    else:
        sm = difflib.SequenceMatcher(None, p_str, u_str, autojunk=False)
        for a, b, size in sm.get_matching_blocks():
            if size:
                np.add.at(overlap, (p_owner[a : a + size], u_owner[b : b + size]), 1)
    lengths = np.bincount(p_owner, minlength=n_p) if len(p_owner) else np.zeros(n_p, dtype=int)
    best = overlap.argmax(axis=1) if n_u else np.full(n_p, -1)
    best_overlap = overlap[np.arange(n_p), best] if n_u else np.zeros(n_p, dtype=int)
    best = np.where(best_overlap > 0, best, -1)
    coverage = np.divide(best_overlap, np.maximum(lengths, 1))
    return pd.DataFrame(
        {"sentence": np.arange(n_p), "unit": best, "overlap": best_overlap, "coverage": np.round(coverage, 4)}
    )


# ----------------------------------------------------------------------- loading
def load_annotations(path: str | Path) -> pd.DataFrame:
    """Read an ``<article>.annotations.tsv`` (all columns as in SOURCES.md)."""
    return pd.read_csv(path, sep="\t", dtype={"text": str}, keep_default_na=False, quoting=3)


@dataclass
class ArticleEval:
    """One article ready to evaluate.

    ``sentences``: the project's sentence table plus ``unit`` (aligned unit
    position) and, per annotation column ``c`` of the unit (``theme_a``,
    ``sentiment_b``, ...), a column ``gold_<c>``.  ``units``: the annotation table.
    """

    name: str
    path: Path
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    units: pd.DataFrame
    lang: str
    notes: list[str] = field(default_factory=list)


def prepare_article(txt: Path, tsv: Path) -> ArticleEval:
    """Split the article with the project's splitter and attach the annotations."""
    from helpers import sentences as make_sentences
    from helpers import tokens as make_tokens

    units = load_annotations(tsv)
    sdf = make_sentences(str(txt))
    lang = str(sdf.attrs.get("lang", "de"))
    tdf = make_tokens(sdf)
    al = align_units(list(sdf["text"]), list(units["text"]))
    sdf = sdf.copy()
    sdf.attrs["lang"] = lang
    sdf["unit"] = al["unit"].to_numpy()
    notes = []
    unmatched = int((al["unit"] < 0).sum())
    if unmatched:
        notes.append(f"{unmatched} sentences matched no annotation unit")
    if len(sdf) != len(units):
        notes.append(f"{len(sdf)} project sentences vs {len(units)} annotation units")
    for col in units.columns:
        if col in ("sentence_id", "paragraph", "text"):
            continue
        values = units[col].tolist()
        sdf[f"gold_{col}"] = [values[u] if u >= 0 else None for u in sdf["unit"]]
    return ArticleEval(txt.stem, txt, sdf, tdf, units, lang, notes)


# ----------------------------------------------------------------------- metrics
@dataclass
class Row:
    """One line of the results table: a method's scores on one article.

    ``scores`` maps a column name (e.g. ``ARI a``) to a list of values (one per
    seed; a single value for deterministic methods).
    """

    article: str
    method: str
    scores: dict[str, list[float]]
    lang: str = ""


def _theme_scores(pred: np.ndarray, ev: ArticleEval) -> dict[str, float]:
    out: dict[str, float] = {}
    for who in ("a", "b"):
        col = f"gold_theme_{who}"
        if col not in ev.sentences:
            continue
        mask = ev.sentences[col].notna().to_numpy()
        gold = ev.sentences.loc[mask, col].astype(str).to_numpy()
        p = np.asarray(pred)[mask]
        out[f"ARI {who}"] = ari(gold, p)
        out[f"NMI {who}"] = float(normalized_mutual_info_score(gold, p))
    return out


def _collect(ev: ArticleEval, method: str, preds: list[np.ndarray]) -> Row:
    scores: dict[str, list[float]] = {}
    for p in preds:
        for key, v in _theme_scores(p, ev).items():
            scores.setdefault(key, []).append(v)
    return Row(ev.name, method, scores)


def theme_block(ev: ArticleEval, seeds: list[int]) -> list[Row]:
    """Theme agreement, k and recurring themes per method (``evaluation.themes``)."""
    from evaluation.themes import theme_block as block

    return block(ev, seeds)


#: Metric blocks run per article, in order.  Later issues append e.g. a
#: sentiment block returning rows with "Spearman a"/"Spearman b" scores.
def sentiment_block(ev: ArticleEval, seeds: list[int]) -> list[Row]:
    """Sentence sentiment vs the annotators (``helpers.sentiment.sentiment_eval_block``)."""
    from evaluation.sentiment import sentiment_eval_block

    return sentiment_eval_block(ev, seeds)


def tension_block(ev: ArticleEval, seeds: list[int]) -> list[Row]:
    """Sentence tension vs the annotators (``helpers.tension.tension_eval_block``)."""
    from evaluation.tension import tension_eval_block

    return tension_eval_block(ev, seeds)


def actor_block(ev: ArticleEval, seeds: list[int]) -> list[Row]:
    """Per-sentence actors vs the annotators (``helpers.actors.actor_eval_block``)."""
    from evaluation.actors import actor_eval_block

    return actor_eval_block(ev, seeds)


def scoring_block(ev: ArticleEval, seeds: list[int]) -> list[Row]:
    """The trained heads vs the annotators, in-sample (``evaluation.scoring``)."""
    from evaluation.scoring import scoring_eval_block

    return scoring_eval_block(ev, seeds)


METRIC_BLOCKS: list[Callable[[ArticleEval, list[int]], list[Row]]] = [
    theme_block, sentiment_block, tension_block, scoring_block, actor_block,
]


# ------------------------------------------------------------------------- table
def _fmt(values: list[float] | None) -> str:
    if not values:
        return ""
    arr = np.asarray(values, dtype=float)
    arr = arr[np.isfinite(arr)]
    if len(arr) == 0:
        return "n/a"
    if len(arr) == 1 or float(arr.std()) < 0.005:  # a spread that rounds to 0.00 is no spread
        return f"{arr.mean():.2f}"
    return f"{arr.mean():.2f}±{arr.std():.2f}"


def results_frame(rows: list[Row]) -> pd.DataFrame:
    """Rows as a DataFrame: ``article, method`` then one formatted column per score."""
    columns: list[str] = []
    for r in rows:
        for c in r.scores:
            if c not in columns:
                columns.append(c)
    data = [{"article": r.article, "method": r.method, **{c: _fmt(r.scores.get(c)) for c in columns}} for r in rows]
    return pd.DataFrame(data, columns=["article", "method", *columns])


def format_table(rows: list[Row]) -> str:
    """Plain-text table (fixed-width) of the results."""
    df = results_frame(rows)
    if df.empty:
        return "(no results)"
    widths = {c: max(len(c), *(len(str(v)) for v in df[c])) for c in df.columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in df.columns)]
    lines.append("  ".join("-" * widths[c] for c in df.columns))
    prev = None
    for _, r in df.iterrows():
        if prev is not None and r["article"] != prev:
            lines.append("")
        prev = r["article"]
        lines.append("  ".join(str(r[c]).ljust(widths[c]) for c in df.columns))
    return "\n".join(lines)


def language_means(rows: list[Row]) -> list[Row]:
    """Per language and method, the mean over articles of each score (an article's own
    value is its mean over seeds); the article column reads "mean de (12 articles)"."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for r in rows:
        groups.setdefault((r.lang, r.method), []).append(r)
    out = []
    for lang in sorted({r.lang for r in rows}):
        for (lg, method), members in groups.items():
            if lg != lang:
                continue
            cols = dict.fromkeys(c for r in members for c in r.scores)
            means = {}
            for c in cols:
                vals = np.array([np.mean(r.scores[c]) for r in members if c in r.scores], dtype=float)
                vals = vals[np.isfinite(vals)]
                means[c] = [float(vals.mean()) if len(vals) else float("nan")]
            out.append(Row(f"mean {lang} ({len(members)} articles)", method, means, lang))
    return out


# -------------------------------------------------------------------------- main
def default_dev_dir() -> Path:
    """``$TP_DEV_DIR`` or ``<repo root>/../shared/data/dev``."""
    env = os.environ.get("TP_DEV_DIR")
    if env:
        return Path(env)
    repo_root = Path(__file__).resolve().parents[1]
    return repo_root.parent / "shared" / "data" / "dev"


def article_pairs(dev_dir: Path) -> list[tuple[Path, Path]]:
    """(text, annotations) pairs in a directory, sorted by name."""
    pairs = []
    for tsv in sorted(dev_dir.glob("*.annotations.tsv")):
        txt = tsv.with_name(tsv.name[: -len(".annotations.tsv")] + ".txt")
        if txt.exists():
            pairs.append((txt, tsv))
    return pairs


def evaluate_dir(dev_dir: Path, n_seeds: int = 10) -> tuple[list[Row], list[str]]:
    """Run every metric block on every article; errors become notes, never crashes."""
    rows: list[Row] = []
    notes: list[str] = []
    seeds = list(range(n_seeds))
    for txt, tsv in article_pairs(dev_dir):
        try:
            ev = prepare_article(txt, tsv)
        except Exception as exc:  # noqa: BLE001 - the harness must not fail on one article
            notes.append(f"{txt.stem}: could not prepare ({type(exc).__name__}: {exc})")
            continue
        notes.extend(f"{ev.name}: {n}" for n in ev.notes)
        for block in METRIC_BLOCKS:
            try:
                new = block(ev, seeds)
                for r in new:
                    r.lang = r.lang or ev.lang
                rows.extend(new)
            except Exception as exc:  # noqa: BLE001
                notes.append(f"{ev.name}: {block.__name__} failed ({type(exc).__name__}: {exc})")
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    """CLI entry point; always returns 0 (the numbers are the output)."""
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__.split("\n")[0])
    parser.add_argument("--dev-dir", type=Path, default=None, help="directory with *.txt + *.annotations.tsv")
    parser.add_argument("--seeds", type=int, default=10, help="KMeans seeds per method (default 10)")
    args = parser.parse_args(argv)
    dev_dir = args.dev_dir or default_dev_dir()
    if not dev_dir.is_dir() or not article_pairs(dev_dir):
        print(f"No annotated development articles in {dev_dir}: nothing to evaluate (set TP_DEV_DIR or --dev-dir).")
        return 0
    rows, notes = evaluate_dir(dev_dir, max(1, args.seeds))
    print(f"Agreement with the annotators in {dev_dir} (mean±std over {max(1, args.seeds)} seeds)")
    print(format_table(rows))
    print("\nMeans over articles per language (each article counts once)")
    print(format_table(language_means(rows)))
    from evaluation.scoring import cv_table

    print("\nTrained heads, cross-validated (grouped out-of-fold Spearman rho, measured by make train)")
    print(cv_table())
    if notes:
        print("\nNotes:")
        for n in notes:
            print(f"- {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
