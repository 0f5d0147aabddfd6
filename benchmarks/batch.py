"""Batch speed: serial and ``--jobs 2``, in-process and as the command."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from helpers.cli.batch import run_batch


def bench_articles(folder: str | Path, n: int = 50, seed: int = 0) -> list[Path]:
    """Write ``n`` short German articles built from the seed's paragraphs (2–4 each, shuffled)."""
    import random

    from benchmarks.common import seed_text

    paragraphs = [p.strip() for p in seed_text().split("\n") if p.strip()]
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        chosen = rng.sample(paragraphs, rng.randint(2, 4))
        path = folder / f"article_{i:03d}.txt"
        path.write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def bench_batch(n: int = 200, jobs: Sequence[int] = (1, 2), baseline: int = 10,
                command: bool = True) -> pd.DataFrame:
    """Batch throughput: ``n`` short articles with each ``--jobs`` value, against ``analyze`` alone.

    Two ways per ``jobs`` value: ``run_batch`` in this (warm) process, and the
    ``tension-profile analyze`` command as a user runs it, in a fresh process whose
    start-up (imports, lexicons) counts, like the workers'. Columns: ``run`` ("in-process"
    or "command"), ``jobs``, ``articles``, ``seconds``, ``articles/s``, ``speed-up`` (vs
    the first ``jobs`` value of the same run), ``time/article x analyze`` (wall time per
    article divided by the in-process ``helpers.analyze`` time per article,
    measured on ``baseline`` of the same articles after a warm-up), ``peak RSS/worker
    MB`` (in-process: the largest ``ru_maxrss`` of any process that analysed articles),
    ``errors``.
    """
    import subprocess

    from helpers.pipeline import analyze

    rows = []
    with tempfile.TemporaryDirectory(prefix="tension-bench-") as tmp:
        src = Path(tmp) / "articles"
        paths = bench_articles(src, n)
        analyze(paths[0])  # warm-up: imports, lexicons, models
        t0 = time.perf_counter()
        for p in paths[:baseline]:
            analyze(p)
        per_article = (time.perf_counter() - t0) / max(1, min(baseline, n))
        for j in jobs:
            out = Path(tmp) / f"out_jobs{j}"
            t0 = time.perf_counter()
            table = run_batch([src], out, jobs=j, progress=False)
            seconds = time.perf_counter() - t0
            rows.append({
                "run": "in-process", "jobs": j, "articles": n, "seconds": seconds,
                "peak RSS/worker MB": float(table.groupby("pid")["peak_rss_mb"].max().max()),
                "errors": int((table["status"] == "error").sum()),
            })
            shutil.rmtree(out, ignore_errors=True)
        for j in jobs if command else ():
            out = Path(tmp) / f"cmd_jobs{j}"
            cmd = [sys.executable, "-m", "helpers.cli.main", "analyze", str(src), "--out", str(out),
                   "--jobs", str(j), "--no-progress"]
            t0 = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "MPLBACKEND": "Agg"})
            seconds = time.perf_counter() - t0
            summary = pd.read_csv(out / "summary.csv") if (out / "summary.csv").exists() else pd.DataFrame()
            rows.append({
                "run": "command", "jobs": j, "articles": n, "seconds": seconds, "peak RSS/worker MB": float("nan"),
                "errors": int((summary["status"] == "error").sum()) if len(summary) else n if done.returncode else 0,
            })
            shutil.rmtree(out, ignore_errors=True)
    df = pd.DataFrame(rows)
    df.insert(4, "articles/s", df["articles"] / df["seconds"])
    first = df.groupby("run")["seconds"].transform("first")
    df.insert(5, "speed-up", first / df["seconds"])
    df.insert(6, "time/article x analyze", (df["seconds"] / df["articles"]) / per_article)
    df.attrs["analyze_seconds_per_article"] = per_article
    return df
