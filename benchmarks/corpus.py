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
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.corpus_data import write_folder, write_table


def _command(args: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "helpers.cli.main", *args, "--no-progress"],
                          capture_output=True, text=True, env={**os.environ, "MPLBACKEND": "Agg"})
    seconds = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr[-2000:])
    return seconds


def bench_throughput(n: int = 1000) -> pd.DataFrame:
    """Batch ``--jobs 2`` and corpus ``--workers 2`` on the same ``n`` articles."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tension-corpus-bench-") as tmp:
        src = Path(tmp) / "articles"
        write_folder(src, n, new_words=True)
        seconds = _command(["analyze", str(src), "--out", str(Path(tmp) / "batch"), "--jobs", "2"])
        summary = pd.read_csv(Path(tmp) / "batch" / "summary.csv")
        rows.append({"run": "analyze --jobs 2", "articles": n, "seconds": seconds,
                     "sentences": int(summary["sentences"].sum()), "errors": int((summary["status"] != "ok").sum()),
                     "overhead s/article": float("nan")})
        out = Path(tmp) / "corpus"
        seconds = _command(["corpus", str(src), "--out", str(out), "--workers", "2"])
        arts = pd.read_parquet(out / "articles.parquet")
        rows.append({"run": "corpus --workers 2", "articles": n, "seconds": seconds,
                     "sentences": int(arts["sentences"].sum()), "errors": int((arts["status"] != "ok").sum()),
                     "overhead s/article": (seconds * 2 - float(arts["seconds"].sum())) / n})
    df = pd.DataFrame(rows)
    df["articles/s"] = df["articles"] / df["seconds"]
    df["sentences/s"] = df["sentences"] / df["seconds"]
    df["rate x batch"] = df["articles/s"] / df["articles/s"].iloc[0]
    return df


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def bench_memory(first: int = 100, last: int = 2000) -> pd.DataFrame:
    """Resident MB of each worker of one 2-worker LocalCluster after ``first`` and ``last`` articles."""
    import dask
    from dask.distributed import Client, LocalCluster

    from helpers.cli.corpus import WORKER_CONFIG, run_corpus

    dask.config.set(WORKER_CONFIG)  # as the corpus command's own cluster
    rows = []
    with tempfile.TemporaryDirectory(prefix="tension-corpus-mem-") as tmp:
        table = write_table(Path(tmp) / "corpus.parquet", last, new_words=True)
        head = write_table(Path(tmp) / "head.parquet", first, new_words=True)  # the same first rows
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR)
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
    args = parser.parse_args(argv)
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:,.3f}".format):
        print(f"== corpus vs batch: {args.n} articles, 2 processes (load average {os.getloadavg()[0]:.1f}) ==")
        print(bench_throughput(args.n).to_string(index=False))
        print(f"\n== memory per worker: after 100 and after {args.memory_n} articles ==")
        print(bench_memory(100, args.memory_n).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
