"""Train and evaluate the named-entity tagger shipped as ``helpers/data/ner_{de,en}.crfsuite``.

    python -m training.ner train de [--out PATH]     # default: src/helpers/data/ner_de.crfsuite
    python -m training.ner eval  de [--model PATH]   # entity-level P / R / F1 on the held-out split
    python -m training.ner all                       # train both languages (what make train runs)

The corpora are read in place from ``$TP_NER_DIR`` (default ``../shared/data/ner`` relative to
the checkout; licences in its ``SOURCES.md``, credits in ``src/helpers/data/NOTICE-ner.md``);
nothing is copied. When the folder is absent this says so and exits 0.

Labels: PER / ORG / LOC from the human annotations, everything else O (GermEval OTH, *deriv,
*part; CrossNER's misc and event types; WNUT's product and creative-work). Held out, never
trained on: German, GermEval 2014 test sentences 0, 2, 4 ...; English, CrossNER politics
test plus WikiGold sentences 0, 5, 10 .... Training is L-BFGS without random state, so the
same data gives the same bytes (``sha256sum`` the model twice to check).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

from helpers.actors.ner import Tagger, attributes, features, spans

ROOT = Path(__file__).resolve().parents[1]
MODEL_DIR = ROOT / "src" / "helpers" / "data"
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True,
          "feature.minfreq": 2}
"""CRFsuite L-BFGS: L1 0.1 (prunes the model to a few MB), L2 0.05, 150 iterations,
features seen at least twice."""

Sentence = tuple[list[str], list[str]]


def data_dir() -> Path:
    """``$TP_NER_DIR`` or ``../shared/data/ner`` next to the checkout."""
    env = os.environ.get("TP_NER_DIR")
    return Path(env) if env else (ROOT.parent / "shared" / "data" / "ner").resolve()


# ------------------------------------------------------------------------- reading
def _bio(tags: list[str]) -> list[str]:
    """IOB1 or BIO tags (types already mapped) to BIO."""
    out, prev = [], "O"
    for t in tags:
        if t == "O":
            out.append("O")
            prev = "O"
            continue
        pre, typ = t.split("-", 1)
        if pre == "I" and prev != typ:
            pre = "B"
        out.append(f"{pre}-{typ}")
        prev = typ
    return out


def _map(tag: str, table: dict[str, str]) -> str:
    if tag in ("O", "") or "-" not in tag:
        return "O"
    pre, typ = tag.split("-", 1)
    mapped = table.get(typ)
    return f"{pre}-{mapped}" if mapped else "O"


def _read_columns(path: Path, tok_col: int, tag_col: int, sep: str | None, table: dict[str, str]) -> list[Sentence]:
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("#\t") or line.startswith("-DOCSTART-"):
            continue
        parts = line.split(sep) if sep else line.split()
        if not line.strip():
            if toks:
                sents.append((toks, _bio([_map(t, table) for t in tags])))
            toks, tags = [], []
            continue
        if len(parts) <= max(tok_col, tag_col):
            continue
        toks.append(parts[tok_col])
        tags.append(parts[tag_col].strip())
    if toks:
        sents.append((toks, _bio([_map(t, table) for t in tags])))
    return sents


STANDARD = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}  # GermEval: OTH, *deriv, *part -> O
CROSSNER = {"person": "PER", "politician": "PER", "writer": "PER", "musicalartist": "PER", "scientist": "PER",
            "researcher": "PER", "organisation": "ORG", "politicalparty": "ORG", "university": "ORG",
            "band": "ORG", "location": "LOC", "country": "LOC"}
WNUT = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG"}
RE3D = {"Person": "PER", "Organisation": "ORG", "Location": "LOC"}


def _europeana(folder: Path) -> list[Sentence]:
    """No sentence breaks in the data: cut after '.', '!' or '?' (more than 3 tokens) or at 60 tokens."""
    out: list[Sentence] = []
    for f in sorted(folder.glob("*.bio")):
        toks: list[str] = []
        tags: list[str] = []
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            toks.append(parts[0])
            tags.append(_map(parts[-1], STANDARD))
            if (parts[0] in ".!?" and len(toks) > 3) or len(toks) >= 60:
                out.append((toks, _bio(tags)))
                toks, tags = [], []
        if toks:
            out.append((toks, _bio(tags)))
    return out


def load(lang: str, data: Path) -> tuple[list[Sentence], list[Sentence], dict[str, int]]:
    """``(train, held_out, sentences per training source)``, in a fixed order."""
    counts: dict[str, int] = {}
    train: list[Sentence] = []
    held: list[Sentence] = []

    def add(name: str, sents: list[Sentence]) -> None:
        counts[name] = len(sents)
        train.extend(sents)

    if lang == "de":
        ge = data / "germeval2014"
        add("germeval-dev", _read_columns(ge / "NER-de-dev.tsv", 1, 2, "\t", STANDARD))
        test = _read_columns(ge / "NER-de-test.tsv", 1, 2, "\t", STANDARD)
        add("germeval-test-odd", test[1::2])
        held.extend(test[0::2])
        add("europeana", _europeana(data / "europeana_newspapers_de"))
        return train, held, counts
    wikigold = _read_columns(data / "wikigold" / "wikigold.conll.txt", 0, -1, " ", STANDARD)
    add("wikigold-4/5", [s for i, s in enumerate(wikigold) if i % 5])
    held.extend(wikigold[0::5])
    add("btc", [s for split in ("btc.train", "btc.dev", "btc.test")
                for s in _read_columns(data / "btc" / split, 0, 1, "\t", STANDARD)])
    cross: list[Sentence] = []
    for domain in ("politics", "ai", "literature", "music", "science"):
        for split in ("train.txt", "dev.txt", "test.txt"):
            sents = _read_columns(data / "crossner" / domain / split, 0, 1, "\t", CROSSNER)
            (held if (domain, split) == ("politics", "test.txt") else cross).extend(sents)
    add("crossner", cross)
    add("sec", [s for f in ("FIN5.txt", "FIN3.txt")
                for s in _read_columns(data / "sec_filings" / f, 0, -1, " ", STANDARD)])
    add("re3d", [s for f in sorted((data / "re3d_permissive").glob("*/*.conll"))
                 for s in _read_columns(f, 0, -1, "\t", RE3D)])
    add("wnut17", _read_columns(data / "wnut17" / "wnut17train.conll", 0, -1, "\t", WNUT))
    return train, held, counts


# ------------------------------------------------------------------------- train / evaluate
def fit(sents: list[Sentence], lang: str, out: Path) -> None:
    """Train a CRF on ``(tokens, BIO tags)`` sentences into ``out`` (written atomically)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sents:
        trainer.append(pycrfsuite.ItemSequence(attributes(features(toks, lang))), tags)
    trainer.set_params(PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)


def train(lang: str, out: Path, data: Path) -> dict[str, float]:
    """Train the ``lang`` model into ``out``; returns sentence counts and seconds."""
    t0 = time.perf_counter()
    sents, _, counts = load(lang, data)
    fit(sents, lang, out)
    return {"sentences": len(sents), "seconds": round(time.perf_counter() - t0, 1), **counts}


def evaluate(lang: str, model: Path, data: Path) -> dict[str, dict[str, float]]:
    """Entity-level precision, recall and F1 (exact span and type) on the held-out split."""
    _, held, _ = load(lang, data)
    tagger = Tagger(model, lang)
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    t0 = time.perf_counter()
    for toks, gold in held:
        pred, ref = set(spans(tagger.tag(toks))), set(spans(gold))
        n_pred.update(s[2] for s in pred)
        n_gold.update(s[2] for s in ref)
        tp.update(s[2] for s in pred & ref)
    seconds = time.perf_counter() - t0
    res: dict[str, dict[str, float]] = {}
    for typ in ("PER", "ORG", "LOC", "ALL"):
        a, p, g = ((sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())) if typ == "ALL"
                   else (tp[typ], n_pred[typ], n_gold[typ]))
        prec, rec = (a / p if p else 0.0), (a / g if g else 0.0)
        res[typ] = {"P": prec, "R": rec, "F1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0, "gold": g}
    res["speed"] = {"sentences": len(held), "sentences_per_s": len(held) / seconds}
    return res


def _absent(data: Path) -> bool:
    if data.is_dir():
        return False
    print(f"NER data not found at {data} (set TP_NER_DIR): nothing trained, the shipped models are kept.")
    return True


def main_all() -> int:
    """Train both languages into ``src/helpers/data`` (the ``make train`` step)."""
    data = data_dir()
    if _absent(data):
        return 0
    for lang in ("de", "en"):
        out = MODEL_DIR / f"ner_{lang}.crfsuite"
        info = train(lang, out, data)
        print(f"{lang}: {out.relative_to(ROOT)} {out.stat().st_size:,} bytes {info}", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.ner", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("train", "eval", "all"))
    parser.add_argument("lang", nargs="?", choices=("de", "en"), default="de")
    parser.add_argument("--out", "--model", dest="path", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.command == "all":
        return main_all()
    data = data_dir()
    if _absent(data):
        return 0
    path = args.path or MODEL_DIR / f"ner_{args.lang}.crfsuite"
    if args.command == "train":
        info = train(args.lang, path, data)
        print(f"{args.lang}: {path} {path.stat().st_size:,} bytes {info}")
    else:
        for key, vals in evaluate(args.lang, path, data).items():
            print(key, {k: round(v, 3) for k, v in vals.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
