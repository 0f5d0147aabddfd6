"""Corpus speed and memory: ``tension-profile corpus`` on a 2-worker LocalCluster against ``analyze --jobs 2``.

``python -m benchmarks.corpus [--n 1000] [--memory-n 2000]`` (``make bench`` runs it with
``CORPUS_N``, default 1000). On the same ``n`` articles (``benchmarks.corpus_data``,
with new words in every article, as in a real corpus):

- the batch command ``tension-profile analyze DIR --jobs 2`` and the corpus command
  ``tension-profile corpus DIR --workers 2``, each a fresh process as a user runs it
  (start-up included): seconds, articles/s, sentences/s, and their ratio;
- the engine's overhead per article: the corpus run's wall time times its two workers,
  less the time the workers spent analysing (``seconds`` in ``articles.parquet``),
  divided by the number of articles;
- memory: the resident size of each worker of one LocalCluster after 100 and after
  ``memory_n`` articles (the second run resumes the first: the 100 are skipped).

The machine may be shared: compare the ratios of one run, not absolute numbers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.corpus_data import write_folder, write_table


def _fresh_cache(folder: Path) -> Path:
    """A cache folder with the decoded lemma dictionaries and the language model of the
    user's cache (linked) but no embedding cache: each command encodes every sentence
    itself, as on a new corpus (with a shared cache the second command would read the
    first one's vectors)."""
    from helpers.cache import cache_dir

    folder.mkdir(parents=True)
    source = cache_dir()
    for entry in sorted(source.iterdir()) if source and source.is_dir() else []:
        if not entry.name.startswith("embeddings-"):
            (folder / entry.name).symlink_to(entry)
    return folder


def _command(args: list[str], cache: Path) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "helpers.cli.main", *args, "--no-progress"], capture_output=True,
                          text=True, env={**os.environ, "MPLBACKEND": "Agg", "TP_CACHE_DIR": str(cache)})
    seconds = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr[-2000:])
    return seconds


def bench_throughput(n: int = 1000, rounds: int = 1) -> pd.DataFrame:
    """Batch ``--jobs 2`` and corpus ``--workers 2`` on the same ``n`` articles, alternated
    ``rounds`` times (batch, corpus, batch, corpus, ...), each with an empty embedding cache.
    ``rate x batch`` is the corpus rate over the batch rate of the same round."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tension-corpus-bench-") as tmp:
        src = Path(tmp) / "articles"
        write_folder(src, n, new_words=True)
        for r in range(1, rounds + 1):
            load = os.getloadavg()[0]
            out = Path(tmp) / f"batch{r}"
            seconds = _command(["analyze", str(src), "--out", str(out), "--jobs", "2"], _fresh_cache(Path(tmp) / f"cb{r}"))
            summary = pd.read_csv(out / "summary.csv")
            rows.append({"round": r, "run": "analyze --jobs 2", "articles": n, "seconds": seconds,
                         "sentences": int(summary["sentences"].sum()), "errors": int((summary["status"] != "ok").sum()),
                         "overhead s/article": float("nan"), "load": load})
            load = os.getloadavg()[0]
            out = Path(tmp) / f"corpus{r}"
            seconds = _command(["corpus", str(src), "--out", str(out), "--workers", "2"], _fresh_cache(Path(tmp) / f"cc{r}"))
            arts = pd.read_parquet(out / "articles.parquet")
            rows.append({"round": r, "run": "corpus --workers 2", "articles": n, "seconds": seconds,
                         "sentences": int(arts["sentences"].sum()), "errors": int((arts["status"] != "ok").sum()),
                         "overhead s/article": (seconds * 2 - float(arts["seconds"].sum())) / n, "load": load})
    df = pd.DataFrame(rows)
    df["articles/s"] = df["articles"] / df["seconds"]
    df["sentences/s"] = df["sentences"] / df["seconds"]
    batch_rate = df[df["run"].str.startswith("analyze")].set_index("round")["articles/s"]
    df["rate x batch"] = df["articles/s"] / df["round"].map(batch_rate)
    return df


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def bench_memory(first: int = 100, last: int = 2000) -> pd.DataFrame:
    """Resident MB of each worker of one 2-worker LocalCluster after ``first`` and ``last`` articles."""
    from dask.distributed import Client

    from helpers.cli.corpus import run_corpus
    from helpers.cli.corpus_cluster import local_cluster
    rows = []
    with tempfile.TemporaryDirectory(prefix="tension-corpus-mem-") as tmp:
        table = write_table(Path(tmp) / "corpus.parquet", last, new_words=True)
        head = write_table(Path(tmp) / "head.parquet", first, new_words=True)  # the same first rows
        cluster = local_cluster(2)  # as the corpus command's own cluster
        client = Client(cluster)
        try:
            for n, src in ((first, head), (last, table)):
                run_corpus([src], Path(tmp) / "out", client=client, progress=False)
                rss = client.run(_rss_mb)
                for i, (_, mb) in enumerate(sorted(rss.items())):
                    rows.append({"articles done": n, "worker": i, "RSS MB": mb})
        finally:
            client.close()
            cluster.close()
    df = pd.DataFrame(rows).pivot(index="worker", columns="articles done", values="RSS MB")
    df.columns = [f"RSS MB after {c}" for c in df.columns]
    df["growth MB"] = df.iloc[:, 1] - df.iloc[:, 0]
    return df.reset_index()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=int(os.environ.get("CORPUS_N", "1000")))
    parser.add_argument("--memory-n", type=int, default=int(os.environ.get("CORPUS_MEMORY_N", "2000")))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("CORPUS_ROUNDS", "1")),
                        help="alternate batch and corpus this many times (the machine may be shared)")
    parser.add_argument("--no-memory", action="store_true", help="only the throughput table")
    args = parser.parse_args(argv)
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:,.3f}".format):
        print(f"== corpus vs batch: {args.n} articles, 2 processes (load average {os.getloadavg()[0]:.1f}) ==")
        df = bench_throughput(args.n, args.rounds)
        print(df.to_string(index=False))
        ratios = df.loc[df["run"].str.startswith("corpus"), "rate x batch"]
        print(f"corpus / batch rate: median {ratios.median():.3f} of {len(ratios)} round(s) "
              f"(load average now {os.getloadavg()[0]:.1f})")
        if not args.no_memory:
            print(f"\n== memory per worker: after 100 and after {args.memory_n} articles ==")
            print(bench_memory(100, args.memory_n).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
