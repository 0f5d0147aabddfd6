"""Spearman rho of the sentiment scorers against the development annotations.

    python scripts/sentiment_dev_report.py [--dev-dir DIR] [--units]

Scores each article's sentences (the project's splitter, aligned to the annotation
units by text) or, with ``--units``, the annotation units themselves, and prints
rho against annotator a and b per article and pooled over articles, for the full
scorer, the naive baseline, each rule switched off, no rules, the aggregation
alternatives (``LEVELS`` x ``NORM``), SentiWS when ``$TP_SENTIWS_DIR`` is set, and a
leave-one-article-out check of the aggregation choice: pick the best alternative on
one article, report it on the other, both ways.  Reads the (non-commercial) data in
place; writes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from evaluation.harness import article_pairs, default_dev_dir, load_annotations, prepare_article
import helpers.sentiment as sm  # noqa: E402
from helpers.sentiment.german import RULES
from helpers.sentiment.lexicon import SENTIWS_ENV
from helpers.sentiment.score import naive_sentiment, score_sentences
from evaluation.sentiment import spearman_vs_annotators

AGGREGATIONS = [(lev, norm) for lev in ("raw", "sqrt", "tri", "sign")
                for norm in ("sum", "polar", "sqrtpolar", "sqrtcontent")]
from helpers.text.tokens import tokens as make_tokens


def frames(dev_dir: Path, units: bool) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    out = []
    for txt, tsv in article_pairs(dev_dir):
        if units:
            u = load_annotations(tsv)
            sdf = pd.DataFrame({"sentence_id": range(len(u)), "text": u["text"]})
            sdf["gold_sentiment_a"] = u["sentiment_a"]
            sdf["gold_sentiment_b"] = u["sentiment_b"]
            sdf.attrs["lang"] = "de"
            out.append((txt.stem, sdf, make_tokens(sdf, "de")))
        else:
            ev = prepare_article(txt, tsv)
            out.append((ev.name, ev.sentences, ev.tokens))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev-dir", type=Path, default=None)
    ap.add_argument("--units", action="store_true", help="score the annotation units directly")
    args = ap.parse_args(argv)
    dev_dir = args.dev_dir or default_dev_dir()
    if not dev_dir.is_dir():
        print(f"no development data at {dev_dir}: skipped")
        return 0
    arts = frames(dev_dir, args.units)
    methods: list[tuple[str, object]] = [
        ("lexicon + all rules", lambda s, t: score_sentences(s, t)["sentiment"]),
        ("naive count (no rules)", lambda s, t: naive_sentiment(s, t)["sentiment_naive"]),
        ("lexicon, no rules", lambda s, t: score_sentences(s, t, rules=())["sentiment"]),
    ]
    for r in RULES:
        rest = tuple(x for x in RULES if x != r)
        methods.append((f"  without {r}", lambda s, t, rest=rest: score_sentences(s, t, rules=rest)["sentiment"]))
    if os.environ.get(SENTIWS_ENV):
        methods.append(("SentiWS + rules", lambda s, t: score_sentences(s, t, lexicon="sentiws")["sentiment"]))
        methods.append(("SentiWS naive", lambda s, t: naive_sentiment(s, t, lexicon="sentiws")["sentiment_naive"]))
    def aggregated(lev: str, norm: str):
        def fn(s, t):
            saved = sm.LEVELS, sm.NORM
            sm.LEVELS, sm.NORM = lev, norm
            try:
                return score_sentences(s, t)["sentiment_raw"]
            finally:
                sm.LEVELS, sm.NORM = saved
        return fn

    default = (sm.LEVELS, sm.NORM)
    for lev, norm in AGGREGATIONS:
        mark = " (default)" if (lev, norm) == default else ""
        methods.append((f"  agg {lev}/{norm}{mark}", aggregated(lev, norm)))
    methods.append(("annotator b vs a", lambda s, t: pd.to_numeric(s["gold_sentiment_b"], errors="coerce")))
    rows = []
    for name, fn in methods:
        row: dict[str, object] = {"method": name}
        pooled = []
        for art, sdf, tdf in arts:
            f = sdf.assign(_s=list(fn(sdf, tdf)))
            rho = spearman_vs_annotators(f, "_s")
            short = art.split("_")[1]
            row[f"{short} a"] = rho.get("Spearman a")
            row[f"{short} b"] = rho.get("Spearman b")
            pooled.append(f)
        rho = spearman_vs_annotators(pd.concat(pooled, ignore_index=True), "_s")
        row["pooled a"], row["pooled b"] = rho.get("Spearman a"), rho.get("Spearman b")
        rows.append(row)
    table = pd.DataFrame(rows)
    print(f"units: {'annotation units' if args.units else 'project sentences aligned to units'}; "
          f"n = {', '.join(f'{a}: {len(s)}' for a, s, _ in arts)}")
    print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    # leave one article out: choose the aggregation on one article (mean of a and b), test on the other
    agg = table[table["method"].str.startswith("  agg ")]
    shorts = [a.split("_")[1] for a, _, _ in arts]
    if len(shorts) == 2:
        mean = {sh: (agg[f"{sh} a"] + agg[f"{sh} b"]) / 2 for sh in shorts}
        for train, test in (shorts, shorts[::-1]):
            best = mean[train].idxmax()
            print(f"leave-one-out: tuned on {train}: {agg.at[best, 'method'].strip()} "
                  f"({mean[train][best]:.2f}) -> {test} {mean[test][best]:.2f}; "
                  f"default on {test}: {mean[test][agg['method'].str.endswith('(default)')].iat[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
