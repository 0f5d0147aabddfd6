"""The corpus on disk: four partitioned Parquet tables, written atomically, resumable and free of duplicates.

Layout of ``DIR``::

    articles.parquet/part-<run>-<seq>.parquet      one row per article (status ok or error)
    sentences.parquet/part-<run>-<seq>.parquet     the same partition names in every table
    themes.parquet/...  actor_pairs.parquet/...
    progress.json                                  counts of the running (or last) run

Rules that make a run resumable:

- every partition file is written to ``.tmp-<pid>-…`` in its folder and moved into place
  with ``os.replace``: a reader never sees half a file;
- a partition is written table by table, ``articles`` last: an ``articles`` partition
  exists only when the other three are complete. A part of another table without its
  ``articles`` part (the run stopped between two files) is removed by the next run, and
  so are temporary files whose process no longer runs;
- an article that is analysed again (``--force``, or an earlier error retried) has its
  old rows removed from the older partitions (``dedupe``), so every ``article_id``
  appears in one partition only.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.cli.batch import _process_alive
from helpers.report.corpus_tables import TABLES, to_arrow

_TMP = re.compile(r"^\.tmp-(\d+)-")


def table_dir(out: Path, table: str) -> Path:
    return out / f"{table}.parquet"


def new_run_id() -> str:
    """Sortable and unique per run: later runs' partitions sort after earlier ones."""
    return time.strftime("%Y%m%dT%H%M%S") + f"{time.time_ns() % 1_000_000_000:09d}-{os.getpid()}"


def parts(out: Path, table: str = "articles") -> list[Path]:
    """The finished partition files of ``table``, oldest first."""
    folder = table_dir(out, table)
    return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []


def _write_atomic(table: Any, target: Path) -> None:
    import pyarrow.parquet as pq

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".tmp-{os.getpid()}-", suffix=".parquet", dir=target.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_partition(out: Path, name: str, frames: dict[str, pd.DataFrame]) -> None:
    """Write one partition of every table (``articles`` last: it marks the partition complete)."""
    for table in (*[t for t in TABLES if t != "articles"], "articles"):
        _write_atomic(to_arrow(frames[table], table), table_dir(out, table) / f"{name}.parquet")


def clean(out: Path) -> list[str]:
    """Remove what an interrupted run left: temporary files of processes that no longer run,
    and partitions whose ``articles`` part was never written. Returns what was removed."""
    removed = []
    complete = {p.name for p in parts(out)}
    for table in TABLES:
        folder = table_dir(out, table)
        if not folder.is_dir():
            continue
        for f in sorted(folder.iterdir()):
            m = _TMP.match(f.name)
            stale_tmp = m is not None and int(m.group(1)) != os.getpid() and not _process_alive(int(m.group(1)))
            orphan = table != "articles" and f.name.startswith("part-") and f.name not in complete
            if stale_tmp or orphan:
                f.unlink(missing_ok=True)
                removed.append(f"{folder.name}/{f.name}")
    return removed


def finished(out: Path) -> dict[str, tuple[str, str, str]]:
    """``article_id -> (text_hash, params, status)`` of every article in the output."""
    import pyarrow.parquet as pq

    done: dict[str, tuple[str, str, str]] = {}
    for part in parts(out):
        t = pq.read_table(part, columns=["article_id", "text_hash", "params", "status"]).to_pydict()
        for i, h, p, s in zip(t["article_id"], t["text_hash"], t["params"], t["status"]):
            done[i] = (h, p, s)  # parts are oldest first: the newest row wins
    return done


def dedupe(out: Path) -> int:
    """Keep each ``article_id`` only in its newest partition: older partitions are rewritten
    without it (all four tables, ``articles`` last), or removed when nothing is left.
    Returns the number of rows removed from ``articles``."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    newest: dict[str, str] = {}
    ids_per_part: dict[str, list[str]] = {}
    for part in parts(out):
        ids = pq.read_table(part, columns=["article_id"]).column("article_id").to_pylist()
        ids_per_part[part.name] = ids
        for i in ids:
            newest[i] = part.name
    removed = 0
    for name, ids in ids_per_part.items():
        stale = sorted({i for i in ids if newest[i] != name})
        if not stale:
            continue
        removed += sum(1 for i in ids if newest[i] != name)
        keep_any = any(newest[i] == name for i in ids)
        for table in (*[t for t in TABLES if t != "articles"], "articles"):
            path = table_dir(out, table) / name
            if not path.exists():
                continue
            if not keep_any:
                path.unlink()
                continue
            data = pq.read_table(path)
            mask = pc.invert(pc.is_in(data.column("article_id"), value_set=_array(stale)))
            _write_atomic(data.filter(mask), path)
    return removed


def _array(values: list[str]) -> Any:
    import pyarrow as pa

    return pa.array(values, type=pa.string())


def write_progress(out: Path, counts: dict[str, Any]) -> None:
    """``DIR/progress.json``: the running totals, replaced atomically after every partition."""
    out.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".tmp-{os.getpid()}-", suffix=".json", dir=out)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(counts, fh, indent=1, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, out / "progress.json")
