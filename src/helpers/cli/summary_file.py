"""``DIR/summary.csv`` of the ``analyze`` command: its columns, and how it is written.

One row per article in ``DIR``: this run's rows after the rows that earlier runs into the
same folder wrote for other articles (``with_earlier_rows``), written atomically
(``write_summary``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

SUMMARY_COLUMNS: tuple[str, ...] = (
    "article", "path", "language", "sentences", "themes", "sentiment_mean", "tension_mean",
    "most_tense_theme", "status", "error",
)
"""Columns of ``DIR/summary.csv``, in order."""


def umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def with_earlier_rows(table: pd.DataFrame, out: Path) -> pd.DataFrame:
    """This run's rows after those of an earlier ``summary.csv`` in ``out`` for other
    articles whose folder is still there (or that failed then): a folder filled by several
    runs keeps one summary of all its articles. An unreadable old summary is left out."""
    try:
        old = pd.read_csv(out / "summary.csv", dtype=str, keep_default_na=False)
    except (OSError, ValueError):
        return table
    if "article" not in old or "status" not in old:
        return table
    old = old[old["article"].str.strip().ne("")]  # a row without an article names no folder
    others = ~old["article"].isin(set(table["article"].astype(str)))
    there = old["article"].map(lambda a: (out / str(a)).is_dir()).astype(bool)
    keep = old[others & (there | old["status"].eq("error"))]
    if keep.empty:
        return table
    return pd.concat([keep, table.astype({c: object for c in table.columns})], ignore_index=True)


def write_summary(table: pd.DataFrame, out: Path) -> Path:
    """``table``'s ``SUMMARY_COLUMNS`` as ``out/summary.csv``, through a temporary file and
    ``os.replace`` (never half written), with the umask's permissions; returns the path."""
    target = out / "summary.csv"
    fd, tmp = tempfile.mkstemp(prefix=".summary-", suffix=".csv", dir=out)
    os.close(fd)
    try:
        table.reindex(columns=list(SUMMARY_COLUMNS)).to_csv(tmp, index=False, lineterminator="\n")
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
