"""The corpus command's inputs: article files and folders, and CSV/JSONL/Parquet tables with one article per row, read as a stream.

- Files and folders are found as ``tension-profile analyze`` finds them
  (``helpers.io.discovery.collect_articles``) and decoded the same way
  (``read_text_file`` and ``markup_to_text``); the id is the path as displayed
  (relative to the working folder or the project), the title the file's stem, the
  source its folder's name; files have no date.
- ``.csv``, ``.jsonl``/``.ndjson`` and ``.parquet`` files given explicitly are tables:
  columns ``id`` and ``text`` are required, ``date``, ``source`` and ``title`` are used
  when present. They are read in chunks of ``CHUNK`` rows, so a large table is never
  held in memory whole.

Every item carries the hash of its text (``text_hash``), which decides whether an
article already in the output can be skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.errors import InputError

TABLE_SUFFIXES: tuple[str, ...] = (".csv", ".jsonl", ".ndjson", ".parquet")
"""Files read as tables with one article per row."""

CHUNK = 256


@dataclass(frozen=True)
class Item:
    """One article on its way to a worker (picklable)."""

    article_id: str
    text: str | None
    path: str = ""
    encoding: str = "str"
    date: Any = None
    source: str | None = None
    title: str | None = None
    error: str = ""

    @property
    def text_hash(self) -> str:
        return text_hash(self.text or "")

    def meta(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "date": self.date, "source": self.source,
                "title": self.title, "path": self.path, "text_hash": self.text_hash}


def text_hash(text: str) -> str:
    """SHA-256 of the article's text (first 20 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _date(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value) or (isinstance(value, str) and not value.strip()):
        return None
    ts = pd.to_datetime(value, errors="coerce", utc=True)
    return None if pd.isna(ts) else ts.tz_convert(None)


def parse_bound(value: str | None, name: str, end: bool = False) -> Any:
    """``--since``/``--until`` as a timestamp; ``InputError`` when it is not a date. With
    ``end`` a bare date means the end of that day (``--until 2024-05-31`` keeps the 31st)."""
    if value is None:
        return None
    ts = _date(value)
    if ts is None:
        raise InputError(f"{name} must be a date such as 2024-05-31, not {value!r}.")
    if end and len(str(value).strip()) <= 10:
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(milliseconds=1)
    return ts


def _check_table(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"no such file: {str(path)!r}; check the path.")
    columns = set(_head_columns(path))
    missing = [c for c in ("id", "text") if c not in columns]
    if missing:
        raise InputError(f"{path.name} has no column {' or '.join(repr(c) for c in missing)}: a table of "
                         "articles needs 'id' and 'text' (optional: 'date', 'source', 'title').")


def _head_columns(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return list(pq.ParquetFile(path).schema_arrow.names)
        if suffix == ".csv":
            return list(pd.read_csv(path, nrows=0).columns)
        return list(next(_json_chunks(path, 1)).columns)
    except StopIteration:
        return []
    except Exception as exc:  # noqa: BLE001 - any unreadable table is bad input
        raise InputError(f"cannot read {path.name} as a table: {type(exc).__name__}: {exc}".splitlines()[0]) from None


def _json_chunks(path: Path, size: int) -> Iterator[pd.DataFrame]:
    yield from pd.read_json(path, lines=True, chunksize=size, dtype=False)


def _chunks(path: Path) -> Iterator[pd.DataFrame]:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        wanted = [c for c in ("id", "text", "date", "source", "title") if c in pf.schema_arrow.names]
        for batch in pf.iter_batches(batch_size=CHUNK, columns=wanted):
            yield batch.to_pandas()
    elif suffix == ".csv":
        yield from pd.read_csv(path, chunksize=CHUNK, dtype=str, keep_default_na=False)
    else:
        yield from _json_chunks(path, CHUNK)


def _str(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _table_items(path: Path) -> Iterator[Item]:
    for chunk in _chunks(path):
        for rec in chunk.to_dict("records"):
            text = rec.get("text")
            text = text if isinstance(text, str) else None
            yield Item(article_id=_str(rec.get("id")) or "", text=text, path=path.name, date=_date(rec.get("date")),
                       source=_str(rec.get("source")), title=_str(rec.get("title")),
                       error="" if text and text.strip() else "the row's text is empty: there is no article to analyse.")


def _file_item(path: Path) -> Item:
    from helpers.cli.batch import _display, _one_line
    from helpers.io.markup import markup_to_text
    from helpers.io.reading import read_text_file

    shown = _display(path)
    meta = {"article_id": shown, "path": shown, "title": path.stem, "source": path.parent.name}
    try:
        text, encoding = read_text_file(path)
        return Item(text=markup_to_text(text, path.suffix), encoding=encoding, **meta)
    except InputError as exc:
        return Item(text=None, error=_one_line(str(exc)), **meta)


def split_inputs(paths: Sequence[str | Path]) -> tuple[list[Path], list[Path]]:
    """(article paths for ``collect_articles``, table files); tables are checked here."""
    from helpers.io.reading import resolve_article

    files: list[Path] = []
    tables: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.suffix.lower() in TABLE_SUFFIXES:
            p = resolve_article(p)
            _check_table(p)
            tables.append(p)
        else:
            files.append(p)
    return files, tables


def stream_items(paths: Sequence[str | Path], exclude: Iterable[str | Path] = (),
                 since: Any = None, until: Any = None) -> tuple[Iterator[Item], int | None]:
    """The items of ``paths`` as a stream, and their number when known without reading the
    tables (``None`` for CSV/JSONL). ``since``/``until`` keep items dated inside the bounds
    (inclusive); with a bound, items without a date are left out. Bad arguments raise
    ``InputError`` here, before anything is read."""
    from helpers.io.discovery import collect_articles

    file_args, tables = split_inputs(paths)
    articles = collect_articles(file_args, exclude=exclude) if file_args else []
    total: int | None = len(articles)
    for t in tables:
        if t.suffix.lower() == ".parquet" and total is not None:
            import pyarrow.parquet as pq

            total += pq.ParquetFile(t).metadata.num_rows
        else:
            total = None
    if since is not None or until is not None:
        total = None

    def keep(item: Item) -> bool:
        if since is None and until is None:
            return True
        if item.date is None:
            return False
        return (since is None or item.date >= since) and (until is None or item.date <= until)

    def items() -> Iterator[Item]:
        for p in articles:
            item = _file_item(p)
            if keep(item):
                yield item
        for t in tables:
            for item in _table_items(t):
                if keep(item):
                    yield item

    return items(), total
