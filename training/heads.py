"""Train the sentence sentiment and tension heads (``src/helpers/data/heads.json``).

``python -m training heads`` (``make train``) reads, in place:

- ``$TP_TRAIN_DIR`` (default ``../shared/data/train``): ``sentences_annotated.tsv``, 2,000
  GerNTSA and NewsMTSC sentences rated on the project's scales (sentiment -2 … 2, tension
  0 … 3) by machine annotators following the annotation guide, and the two datasets'
  files (``gerntsa/GerNTSA_train.json``, CC BY 4.0; ``newsmtsc/train.jsonl``, MIT; human
  crowd labels) for the sentences' texts and the NewsMTSC story groups;
- ``$TP_DEV_DIR`` (default ``../shared/data/dev``): the annotated development articles
  (project scales, two machine annotators; the mean of both is the target).

Recipe (chosen by grouped cross-validation, numbers in ``docs/scoring.md``):

1. every sentence embedded with e5 (``helpers.embeddings``, "query" prefix, cached);
2. a ridge head on ``[embedding, 1, is_english]`` (intercept and language unpenalised) per
   target; its strength from ``ALPHAS`` by 4-fold cross-validation grouped by NewsMTSC story,
   GerNTSA sentence and development article, scored by mean Spearman ρ;
3. the stack: a ridge (α = 1) over standardised ``[out-of-fold head output, word-list
   features]`` (``SENT_STACK``, ``TENS_STACK``; ``helpers.scoring.features``).

The word-list features are computed by the package itself: loose training sentences
through ``helpers.pipeline.loose_sentences`` (as ``score_text`` does), development
sentences inside their article (as ``analyze`` does). Deterministic: the same data give the
same bytes (JSON, not npz, whose zip entries carry timestamps).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from training.run import ROOT, data_dir

ALPHAS = [0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0]
SENT_STACK = ["head", "lex_sentiment", "lex_npos", "lex_nneg", "lex_negation"]
TENS_STACK = ["head", "head_sent_neg", "lex_tension", "lex_t_lexicon", "lex_t_contrast", "lex_t_negativity",
              "lex_t_actors", "lex_sentiment", "lex_nneg"]
TARGET = ROOT / "src" / "helpers" / "data" / "heads.json"
#: Weight of a human-crowd-labelled sentence (GerNTSA, NewsMTSC polarity x 2, on the -2 ... 2
#: scale) in the sentiment head's fit, next to 1 for a project-labelled one (0: not fitted on,
#: still scored out of fold). 0.3 is the research runs' value (docs/scoring.md), not tuned here.
CROWD_WEIGHT = float(os.environ.get("TP_CROWD_WEIGHT", "0.3"))


def rho(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's ρ over the rows where both are known (NaN for fewer than 3 or a constant)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    m = ~(np.isnan(x) | np.isnan(y))
    if m.sum() < 3 or np.unique(x[m]).size < 2 or np.unique(y[m]).size < 2:
        return float("nan")
    return float(spearmanr(x[m], y[m])[0])


def newsmtsc_groups(train_dir: Path) -> dict[str, str]:
    """Sentence -> its NewsMTSC story (``allsides_<n>_<story>``): one story, one CV group."""
    out = {}
    for line in (train_dir / "newsmtsc" / "train.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        gid = item["primary_gid"]
        m = re.match(r"([a-z]+_\d+_\d+)_", gid)
        out[" ".join(item["sentence_normalized"].split())] = m.group(1) if m else gid
    return out


def load_train(train_dir: Path) -> pd.DataFrame:
    """The project-labelled training sentences: ``text, lang, source, group, y_sent, y_tens``."""
    ann = pd.read_csv(train_dir / "sentences_annotated.tsv", sep="\t", keep_default_na=False)
    ann["text"] = [" ".join(str(t).split()) for t in ann["text"]]
    ann = ann.drop_duplicates("text").reset_index(drop=True)
    groups = newsmtsc_groups(train_dir)
    # GerNTSA: one group per sentence, numbered in the order of the dataset file
    order = {}
    for item in json.loads((train_dir / "gerntsa" / "GerNTSA_train.json").read_text(encoding="utf-8")):
        order.setdefault(" ".join(item["opinion_snippet"].split()), len(order))
    ann["group"] = [groups.get(t, t) if lang == "en" else f"de{order.get(t, t)}"
                    for t, lang in zip(ann["text"], ann["lang"])]
    ann["y_sent"] = pd.to_numeric(ann["sentiment_a"], errors="coerce")
    ann["y_tens"] = pd.to_numeric(ann["tension_a"], errors="coerce")
    return ann[["text", "lang", "group", "y_sent", "y_tens"]]


def load_crowd(train_dir: Path, known: set[str]) -> pd.DataFrame:
    """The human-crowd polarity of the GerNTSA and NewsMTSC sentences that have no project
    label: ``text, lang, group, y_crowd`` (mean polarity over a sentence's targets, -1 ... 1,
    times 2 for the -2 ... 2 scale), grouped like ``load_train``."""
    votes: dict[tuple[str, str], list[float]] = {}
    order: dict[str, int] = {}
    value = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
    for item in json.loads((train_dir / "gerntsa" / "GerNTSA_train.json").read_text(encoding="utf-8")):
        text = " ".join(item["opinion_snippet"].split())
        order.setdefault(text, len(order))
        pol = value.get(str(item.get("sentiment", {}).get("polarity")))
        if pol is not None:
            votes.setdefault(("de", text), []).append(pol)
    groups = newsmtsc_groups(train_dir)
    for line in (train_dir / "newsmtsc" / "train.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = " ".join(item["sentence_normalized"].split())
        for target in item.get("targets", []):
            votes.setdefault(("en", text), []).append((float(target["polarity"]) - 4.0) / 2.0)
    rows = [{"text": t, "lang": lang, "group": groups.get(t, t) if lang == "en" else f"de{order[t]}",
             "y_crowd": 2.0 * float(np.mean(v)), "source": "crowd"}
            for (lang, t), v in sorted(votes.items()) if t not in known]
    return pd.DataFrame(rows, columns=["text", "lang", "group", "y_crowd", "source"])


def train_features(df: pd.DataFrame) -> pd.DataFrame:
    """Word-list features of loose sentences, each scored alone (``loose_sentences``)."""
    from helpers.pipeline import loose_sentences
    from helpers.scoring.features import LEX_COLS, lexicon_features

    out = pd.DataFrame(np.nan, index=df.index, columns=list(LEX_COLS))
    for lang in ("de", "en"):
        rows = df.index[df["lang"] == lang]
        if len(rows):
            res = loose_sentences(df.loc[rows, "text"].tolist(), lang)
            feats = lexicon_features(res.sentences, res.tokens, np.full(len(rows), lang))
            out.loc[rows] = feats.to_numpy()
    return out


def load_dev(dev_dir: Path) -> pd.DataFrame:
    """Development sentences as the pipeline splits them, aligned to the annotated units, with
    their in-article word-list features: ``text, lang, group, y_sent, y_tens, lex_*``."""
    import helpers
    from evaluation.harness import align_units, load_annotations
    from helpers.scoring.features import lexicon_features

    out = []
    for tsv in sorted(dev_dir.glob("*.annotations.tsv")):
        name = tsv.name.replace(".annotations.tsv", "")
        res = helpers.analyze(dev_dir / f"{name}.txt")
        sdf = res.sentences.reset_index(drop=True)
        units = load_annotations(tsv)
        aligned = align_units(list(sdf["text"]), list(units["text"]))
        d = pd.DataFrame({"text": [" ".join(str(t).split()) for t in sdf["text"]], "lang": res.lang,
                          "group": name, "source": "dev"})
        gold = {}
        for c in ("sentiment_a", "tension_a", "sentiment_b", "tension_b"):
            vals = pd.to_numeric(units[c], errors="coerce").to_numpy()
            gold[c] = np.array([vals[u] if u >= 0 else np.nan for u in aligned["unit"]])
        d["y_sent"] = np.nanmean([gold["sentiment_a"], gold["sentiment_b"]], axis=0)
        d["y_tens"] = np.nanmean([gold["tension_a"], gold["tension_b"]], axis=0)
        for c in ("sentiment_a", "tension_a", "sentiment_b", "tension_b"):
            d[f"y_{c}"] = gold[c]
        feats = lexicon_features(sdf, res.tokens, np.full(len(sdf), res.lang))
        out.append(pd.concat([d, feats.reset_index(drop=True)], axis=1))
    return pd.concat(out, ignore_index=True)


class BlockRidge:
    """Ridge regression with an unpenalised intercept and language column; the Gram matrices
    are kept per CV block, so any union of blocks (a training fold) is a sum."""

    def __init__(self, x: np.ndarray, lang_en: np.ndarray, blocks: np.ndarray,
                 weights: np.ndarray | None = None) -> None:
        self.x = np.hstack([x.astype(np.float64), np.ones((len(x), 1)), lang_en[:, None].astype(np.float64)])
        self.blocks = blocks
        self.w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=np.float64)
        self.ub = sorted(set(blocks.tolist()))
        self.pen = np.ones(self.x.shape[1])
        self.pen[-2:] = 0.0

    def stats(self, y: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Per block, ``(X'X, X'y)`` over its labelled rows."""
        ok = ~np.isnan(y)
        out = {}
        for b in self.ub:
            rows = ok & (self.blocks == b)
            xw = self.x[rows] * self.w[rows, None]
            out[b] = (xw.T @ self.x[rows], xw.T @ y[rows])
        return out

    def fit(self, stats: dict, blocks: list[int], alpha: float) -> np.ndarray:
        g = sum(stats[b][0] for b in blocks)
        r = sum(stats[b][1] for b in blocks)
        return np.linalg.solve(g + alpha * np.diag(self.pen) + 1e-8 * np.eye(len(r)), r)


def head_oof(br: BlockRidge, y: np.ndarray, fit_y: np.ndarray | None = None) -> tuple[float, np.ndarray, np.ndarray]:
    """(alpha, out-of-fold predictions, final weights): alpha by grouped CV over the blocks.
    ``fit_y`` (default ``y``) is the target fitted; ``y`` the one alpha is chosen on."""
    stats = br.stats(y if fit_y is None else fit_y)
    labelled = ~np.isnan(y)
    best: tuple[float, float, np.ndarray] = (-np.inf, ALPHAS[0], np.full(len(y), np.nan))
    for alpha in ALPHAS:
        oof = np.full(len(y), np.nan)
        scores = []
        for held in br.ub:
            beta = br.fit(stats, [b for b in br.ub if b != held], alpha)
            rows = np.flatnonzero(br.blocks == held)
            oof[rows] = br.x[rows] @ beta
            m = rows[labelled[rows]]
            scores.append(rho(oof[m], y[m]))
        score = float(np.nanmean(scores))
        if score > best[0]:
            best = (score, alpha, oof)
    return best[1], best[2], br.fit(stats, br.ub, best[1])


def sentence_context(df: pd.DataFrame, x: np.ndarray) -> np.ndarray:
    """``helpers.scoring.context_vectors`` per development article (rows in article order,
    as ``load_dev`` gives them); a loose training sentence is its own context."""
    from helpers.scoring import context_vectors

    ctx = np.asarray(x, dtype=np.float64).copy()
    is_dev = df["source"].eq("dev").to_numpy() if "source" in df else np.zeros(len(df), bool)
    for _, rows in df[is_dev].groupby("group", sort=False).indices.items():
        idx = np.flatnonzero(is_dev)[rows]
        ctx[idx] = context_vectors(x[idx])
    return ctx


def stack_inputs(df: pd.DataFrame, head: np.ndarray, head_sent: np.ndarray, cols: list[str]) -> np.ndarray:
    out = []
    for c in cols:
        out.append(head if c == "head" else np.maximum(0, -head_sent) if c == "head_sent_neg"
                   else df[c].to_numpy(float))
    return np.column_stack(out)


def fit_stack(f: np.ndarray, y: np.ndarray, alpha: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m = ~np.isnan(y) & ~np.isnan(f).any(axis=1)
    mu, sd = f[m].mean(0), f[m].std(0) + 1e-9
    z = np.hstack([(f[m] - mu) / sd, np.ones((int(m.sum()), 1))])
    pen = np.eye(z.shape[1]) * alpha
    pen[-1, -1] = 0
    return mu, sd, np.linalg.solve(z.T @ z + pen, z.T @ y[m])


def dev_article_rhos(df: pd.DataFrame, scores: dict[str, np.ndarray]) -> dict[str, dict[str, float | None]]:
    """Per development article, Spearman ρ of each out-of-fold score against each annotator:
    ``{article: {"sentiment_a": ρ, "sentiment_b": ρ, "sentiment_head_a": ρ, ...}}``;
    ``None`` where a side is constant (a calm article's tension)."""
    out: dict[str, dict[str, float | None]] = {}
    is_dev = df["source"].eq("dev").to_numpy() if "source" in df else np.zeros(len(df), bool)
    for name, rows in df[is_dev].groupby("group", sort=True).indices.items():
        idx = np.flatnonzero(is_dev)[rows]
        cell: dict[str, float | None] = {}
        for key, values in scores.items():
            target = key.split("_")[0]
            for who in ("a", "b"):
                y = df[f"y_{target}_{who}"].to_numpy(float)[idx]
                x = np.asarray(values, float)[idx]
                m = ~np.isnan(y) & ~np.isnan(x)
                ok = m.sum() >= 3 and np.unique(y[m]).size > 1 and np.unique(x[m]).size > 1
                cell[f"{key}_{who}"] = round(rho(x[m], y[m]), 4) if ok else None
        out[str(name)] = cell
    return out


def features_digest(df: pd.DataFrame) -> str:
    """SHA-256 (first 16 hex digits) of the project-labelled rows' texts and word-list
    features: stored in the weights, so a test can tell when the package's rules have moved
    away from what the shipped heads were trained on (then ``make train`` must be re-run)."""
    from helpers.scoring.features import LEX_COLS

    rows = df[~df["source"].eq("crowd")] if "source" in df else df
    payload = rows[["text", *LEX_COLS]].to_csv(index=False, float_format="%.6g", lineterminator="\n")
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def labelled_rows(train_dir: Path, dev_dir: Path) -> pd.DataFrame:
    """Training sentences (source "train") then development sentences (source "dev"), each
    with its labels and word-list features, in a fixed order."""
    tr = load_train(train_dir)
    tr = pd.concat([tr, train_features(tr)], axis=1)
    return pd.concat([tr.assign(source="train"), load_dev(dev_dir)], ignore_index=True)


def stack_oof(f: np.ndarray, y: np.ndarray, blocks: np.ndarray) -> np.ndarray:
    """Out-of-fold stack outputs: each block predicted by a stack fitted on the others."""
    out = np.full(len(y), np.nan)
    for b in np.unique(blocks):
        m = blocks == b
        mu, sd, beta = fit_stack(f[~m], y[~m])
        out[m] = np.hstack([(f[m] - mu) / sd, np.ones((int(m.sum()), 1))]) @ beta
    return out


def main(argv: list[str] | None = None) -> int:
    train_dir, dev_dir = data_dir("TP_TRAIN_DIR", "train"), data_dir("TP_DEV_DIR", "dev")
    if not (train_dir / "sentences_annotated.tsv").is_file() or not dev_dir.is_dir():
        print(f"heads: no training data in {train_dir} and {dev_dir} (set TP_TRAIN_DIR / TP_DEV_DIR); skipped")
        return 0
    from helpers.embeddings import encode

    labelled = labelled_rows(train_dir, dev_dir)
    known = set(labelled.loc[labelled["source"].eq("train"), "text"])
    df = pd.concat([labelled, load_crowd(train_dir, known)], ignore_index=True)
    groups = sorted(df.loc[~df["source"].eq("crowd"), "group"].astype(str).unique())
    perm = np.random.default_rng(0).permutation(len(groups))
    fold = {g: int(perm[i] % 4) for i, g in enumerate(groups)}
    # crowd sentences join their story's fold; other stories get folds of their own draw, so
    # the project-labelled folds are the same with and without them
    extra = sorted(set(df["group"].astype(str)) - set(fold))
    perm = np.random.default_rng(1).permutation(len(extra))
    fold.update({g: int(perm[i] % 4) for i, g in enumerate(extra)})
    df["block"] = df["group"].astype(str).map(fold).astype(int)
    n_train, n_dev = int(labelled["source"].eq("train").sum()), int(labelled["source"].eq("dev").sum())
    print(f"heads: {n_train} training and {n_dev} development sentences; encoding (cached) ...", flush=True)
    x = encode(df["text"].tolist(), encoder="e5")
    ctx = sentence_context(df, x)
    lang_en, blocks = (df["lang"] == "en").to_numpy(), df["block"].to_numpy()
    ys, yt = df["y_sent"].to_numpy(float), df["y_tens"].to_numpy(float)
    crowd = df["source"].eq("crowd").to_numpy()
    y_crowd = df["y_crowd"].to_numpy(float)
    y_fit = np.where(crowd, y_crowd, ys)
    weights = np.where(crowd, CROWD_WEIGHT, 1.0)
    alpha_s, oof_s, beta_s = head_oof(BlockRidge(np.hstack([x, ctx]), lang_en, blocks, weights), ys, y_fit)
    alpha_t, oof_t, beta_t = head_oof(BlockRidge(x, lang_en, blocks), yt)
    f_s = stack_inputs(df, oof_s, oof_s, SENT_STACK)
    st_s = fit_stack(f_s, ys)
    from training.confidence import calibrate

    sent_oof = np.clip(stack_oof(f_s, ys, blocks) / 2, -1, 1)
    conf_edges, conf_p, conf_cv = calibrate(sent_oof, oof_s, df["lex_sentiment"].to_numpy(float), ys, blocks)
    f_t = stack_inputs(df, oof_t, oof_s, TENS_STACK)
    st_t = fit_stack(f_t, yt)
    tens_oof = np.clip(stack_oof(f_t, yt, blocks) / 3, 0, 1)
    per_article = dev_article_rhos(df, {"sentiment_head": oof_s, "sentiment": sent_oof,
                                        "tension_head": oof_t, "tension": tens_oof})
    cv = {}
    for lang in ("de", "en"):
        for src, m in (("train", df["source"].eq("train").to_numpy()), ("dev", df["source"].eq("dev").to_numpy())):
            rows = (df["lang"] == lang).to_numpy() & m
            cv[f"{lang}_{src}_head_sentiment"] = round(rho(oof_s[rows], ys[rows]), 4)
            cv[f"{lang}_{src}_head_tension"] = round(rho(oof_t[rows], yt[rows]), 4)
            cv[f"{lang}_{src}_rules_sentiment"] = round(rho(df["lex_sentiment"].to_numpy(float)[rows], ys[rows]), 4)
            cv[f"{lang}_{src}_rules_tension"] = round(rho(df["lex_tension"].to_numpy(float)[rows], yt[rows]), 4)
        # human crowd polarity (toward a target, not the tone of the sentence): the head out of fold
        rows = (df["lang"] == lang).to_numpy() & crowd
        cv[f"{lang}_crowd_head_sentiment"] = round(rho(oof_s[rows], y_crowd[rows]), 4)
    meta = {
        "encoder": "e5", "sentiment_context": True, "crowd_weight": CROWD_WEIGHT, "alpha_sentiment": alpha_s, "alpha_tension": alpha_t, "n_rows": int(len(df)),
        "sent_stack": SENT_STACK, "tens_stack": TENS_STACK, "cv_rho_out_of_fold": cv,
        "confidence_cv": conf_cv, "cv_dev_articles": per_article, "features_sha256": features_digest(labelled),
        "head_columns": "embedding..., [sentiment: context embedding...], intercept, is_english",
        "mapping": "sentiment = clip(pred/2, -1, 1); tension = clip(pred/3, 0, 1)",
    }
    arrays = {"head_sent": beta_s, "head_tens": beta_t,
              "stack_sent_mu": st_s[0], "stack_sent_sd": st_s[1], "stack_sent_beta": st_s[2],
              "stack_tens_mu": st_t[0], "stack_tens_sd": st_t[1], "stack_tens_beta": st_t[2],
              "confidence_edges": conf_edges, "confidence_p": conf_p}
    model = {"meta": meta, **{k: [float(v) for v in np.asarray(a, np.float32)] for k, a in arrays.items()}}
    out = Path(argv[0]) if argv else TARGET
    out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    print(json.dumps(meta, indent=1))
    print(f"heads: wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
