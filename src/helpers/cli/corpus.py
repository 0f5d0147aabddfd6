"""The runner behind ``tension-profile corpus``: articles stream through Dask workers into partitioned Parquet tables.

Without a scheduler address a ``dask.distributed.LocalCluster`` is started here (worker
processes with one thread each, restarted by their nanny when they die); with one, the
run connects to a running ``dask scheduler`` whose workers may be on other machines
(they need this package installed; they get the article's text, not its path).

Memory stays bounded in this process: the inputs are read as a stream
(``corpus_inputs.stream_items``), at most ``window`` tasks of ``chunk`` articles are in flight
(``as_completed``, topped up as results come back), and results are written every
``partition_size`` articles (or ``flush_seconds``) as one partition of each table
(``corpus_store``). On the workers every cache is bounded (``tests/test_caches.py``).

One bad article never ruins a run: a failure becomes a row with ``status=error`` and a
one-line reason; an article over ``timeout`` seconds is stopped and gets such a row; a
worker that dies is replaced by its nanny and its article is retried on another worker
(Dask's ``allowed-failures``, default 3, after which the article gets an error row).
"""

from __future__ import annotations

import ctypes
import hashlib
import itertools
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

import helpers
from helpers.cli.batch import _one_line
from helpers.cli.corpus_cluster import local_cluster
from helpers.cli.corpus_inputs import Item, parse_bound, stream_items
from helpers.cli.corpus_store import (
    clean,
    dedupe,
    finished,
    new_run_id,
    write_partition,
    write_progress,
)
from helpers.errors import InputError
from helpers.report.corpus_tables import (
    TABLES,
    analysis_tables,
    article_record,
    empty_tables,
)


class ArticleTimeout(BaseException):
    """Raised inside the analysing thread when an article takes longer than its limit (a
    ``BaseException``, so that no ``except Exception`` inside the pipeline swallows it)."""


def params_key(lang: str, k: int | str, seed: int) -> str:
    """What must match for an article in the output to count as done: the parameters, the
    package version and the shipped models (retrained heads or tagger redo every article)."""
    return f"lang={lang};k={k};seed={seed};version={helpers.__version__};models={model_fingerprint()}"


@lru_cache(maxsize=1)
def model_fingerprint() -> str:
    """The first 12 hex digits of a sha256 over the shipped data files (``helpers/data``:
    the trained heads, the tagger, the lexicons), by name and content."""
    digest = hashlib.sha256()
    data = resources.files("helpers").joinpath("data")
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:12]


def _call_with_timeout(fn: Any, limit: float | None) -> Any:
    """``fn()``, stopped with ``ArticleTimeout`` after ``limit`` seconds.

    Dask runs a task in a worker thread, where ``signal.alarm`` cannot reach, so a timer
    thread raises the exception asynchronously in the analysing thread
    (``PyThreadState_SetAsyncExc``). It arrives at the next Python bytecode: the
    pipeline is Python code calling short numpy routines, so within milliseconds."""
    if not limit:
        return fn()
    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(ArticleTimeout))

    timer = threading.Timer(limit, fire)
    timer.daemon = True
    timer.start()
    try:
        return fn()
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:  # clear it if it has not arrived yet
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), None)
        timer.cancel()


def analyse_item(item: Item, lang: str, k: int | str, seed: int, params: str,
                 timeout: float | None) -> dict[str, Any]:
    """Analyse one article on a worker: its ``articles`` row and its other tables' rows.
    Never raises ``Exception``: failures become ``status=error`` with a one-line reason."""
    t0 = time.perf_counter()
    meta = {**item.meta(), "params": params}
    result = None
    status, error = "ok", item.error
    try:
        if error:
            raise InputError(error)

        def run() -> Any:
            from helpers.io.reading import article_from_text
            from helpers.pipeline import analyze

            article = article_from_text(item.text or "", lang=lang, path=item.path or "<text>", encoding=item.encoding)
            return analyze(article, lang=lang, k=k, seed=seed)

        result = _call_with_timeout(run, timeout)
        tables = analysis_tables(result, item.article_id)
    except ArticleTimeout:
        result, status = None, "error"
        error = f"took longer than {timeout:g} s (--timeout); stopped"
    except InputError as exc:
        result, status, error = None, "error", _one_line(str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
        result, status = None, "error"
        error = _one_line(f"internal error: {type(exc).__name__}: {exc}")
    if result is None:
        tables = empty_tables()
    row = article_record(result, meta, status=status, error=error)
    row["seconds"] = time.perf_counter() - t0
    return {"articles": row, **tables}


def _error_result(item: Item, params: str, error: str) -> dict[str, Any]:
    row = article_record(None, {**item.meta(), "params": params}, status="error", error=_one_line(error))
    return {"articles": row, **empty_tables()}


class _Partition:
    """Results waiting to be written as one partition."""

    def __init__(self, out: Path, run_id: str) -> None:
        self.out, self.run_id, self.seq = out, run_id, 0
        self.results: list[dict[str, Any]] = []
        self.since = time.monotonic()

    def add(self, result: dict[str, Any]) -> None:
        self.results.append(result)

    def flush(self) -> int:
        if not self.results:
            return 0
        frames = {"articles": pd.DataFrame([r["articles"] for r in self.results])}
        for t in TABLES[1:]:
            parts = [r[t] for r in self.results if len(r[t])]
            frames[t] = pd.concat(parts, ignore_index=True) if parts else empty_tables()[t]
        write_partition(self.out, f"part-{self.run_id}-{self.seq:05d}", frames)
        n = len(self.results)
        self.seq += 1
        self.results = []
        self.since = time.monotonic()
        return n


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    from dask.distributed import Client

    if scheduler:
        return Client(scheduler), None
    cluster = local_cluster(workers)
    return Client(cluster), cluster


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def run_corpus(
    paths: Iterable[str | Path],
    out: str | Path,
    lang: str = "auto",
    k: int | str = "auto",
    seed: int = 0,
    workers: int = 2,
    scheduler: str | None = None,
    since: str | None = None,
    until: str | None = None,
    force: bool = False,
    timeout: float | None = 300.0,
    window: int | None = None,
    chunk: int = 4,
    partition_size: int = 100,
    flush_seconds: float = 30.0,
    progress: bool = True,
    client: Any = None,
) -> dict[str, int]:
    """Analyse every article of ``paths`` into the Parquet tables in ``out``.

    Returns the counts of the run: ``ok``, ``error`` (analysed this run), ``skipped``
    (already in ``out`` with the same text hash and parameters), ``duplicate`` (an id
    seen twice in the inputs: the first is used). ``client``: an existing
    ``dask.distributed.Client`` to use (then ``workers``/``scheduler`` are ignored).
    ``window`` tasks (default ``2 × workers + 2``) of up to ``chunk`` articles each are in
    flight at a time. Raises ``InputError`` for bad arguments before anything is analysed.
    """
    from helpers.pipeline import check_k
    from helpers.text.language import check_lang

    lang = check_lang(lang)
    k = check_k(k, "--k")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InputError(f"--seed must be a whole number, not {seed!r}.")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError(f"--workers must be a positive whole number, not {workers!r}.")
    if isinstance(partition_size, bool) or not isinstance(partition_size, int) or partition_size < 1:
        raise InputError(f"--partition-size must be a positive whole number, not {partition_size!r}.")
    if isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1:
        raise InputError(f"chunk must be a positive whole number, not {chunk!r}.")
    if timeout is not None and not timeout > 0:
        raise InputError(f"--timeout must be a positive number of seconds, not {timeout!r}.")
    lo, hi = parse_bound(since, "--since"), parse_bound(until, "--until", end=True)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {str(out)!r} is a file; give a folder for the corpus tables.")
    items, total = stream_items(list(paths), exclude=[out], since=lo, until=hi)
    out.mkdir(parents=True, exist_ok=True)
    clean(out)
    dedupe(out)  # a run stopped while removing superseded rows
    done = finished(out)
    params = params_key(lang, k, seed)
    counts = {"ok": 0, "error": 0, "skipped": 0, "duplicate": 0}

    todo = _todo(items, done, params, force, counts)
    first = next(todo, None)
    if first is not None:  # no cluster when everything is done already
        own = client is None
        cluster = None
        if own:
            client, cluster = _client(scheduler, workers)
        try:
            n_workers = len(client.scheduler_info().get("workers", {})) or workers
            if progress:
                link = client.dashboard_link if _has_bokeh() else "(pip install bokeh for Dask's dashboard)"
                print(f"tension-profile corpus: scheduler {client.scheduler.address}, {n_workers} worker(s); "
                      f"dashboard {link}", file=sys.stderr)
            _stream(client, itertools.chain([first], todo), total, out, params, lang, k, seed, timeout,
                    window or 2 * n_workers + 2, partition_size, flush_seconds, progress, counts, n_workers,
                    chunk)
        finally:
            if own:
                client.close()
                if cluster is not None:
                    cluster.close()
    dedupe(out)
    write_progress(out, {**counts, "finished": True})
    return counts


def _todo(items: Iterator[Item], done: dict[str, Any], params: str, force: bool,
          counts: dict[str, int]) -> Iterator[Item]:
    """The items still to analyse: not seen before in this run, not done already."""
    seen: set[str] = set()
    for item in items:
        if item.article_id in seen:
            counts["duplicate"] += 1
            continue
        seen.add(item.article_id)
        previous = done.get(item.article_id)
        if not force and previous and previous[:2] == (item.text_hash, params) and previous[2] == "ok":
            counts["skipped"] += 1
            continue
        yield item


def analyse_items(items: list[Item], lang: str, k: int | str, seed: int, params: str,
                  timeout: float | None) -> list[dict[str, Any]]:
    """``analyse_item`` for several articles in one task: the scheduler's bookkeeping and
    the transfer of results back to the client are paid once per task, not per article."""
    return [analyse_item(item, lang, k, seed, params, timeout) for item in items]


CHUNK = 4
"""Articles per task at most (fewer near the end of an input of known size, so that the
workers finish together)."""


def _chunk_size(total: int | None, consumed: int, n_workers: int, chunk: int) -> int:
    """Articles for the next task: ``chunk``, or fewer when the rest of a known input would
    otherwise be split into fewer than about four tasks per worker."""
    if total is None:
        return chunk
    return max(1, min(chunk, (total - consumed) // (4 * n_workers)))


def _stream(client: Any, source: Iterator[Item], total: int | None, out: Path,
            params: str, lang: str, k: int | str, seed: int, timeout: float | None,
            window: int, partition_size: int, flush_seconds: float, progress: bool,
            counts: dict[str, int], n_workers: int = 2, chunk: int = CHUNK) -> None:
    """Keep ``window`` tasks of up to ``chunk`` articles in flight and write their results.

    A task whose worker died repeatedly (``KilledWorker``) is split: its articles are
    submitted again one per task and one task at a time, so only the article that kills
    its worker gets an error row. (All at once, an innocent article could wait on the
    worker the guilty one kills: Dask counts a death against every task assigned there.)"""
    from dask.distributed import as_completed
    from helpers.cli.progress import progress as make_progress

    # a bar in a terminal, an occasional whole line in a log or CI (helpers.cli.progress)
    bar = make_progress(total, "tension-profile corpus", enabled=progress)
    part = _Partition(out, new_run_id())
    pending: dict[Any, list[Item]] = {}
    suspects: list[Item] = []  # articles of a task whose worker died, retried one at a time
    suspect_futures: set[Any] = set()
    queue = as_completed()
    shown = [0]
    submitted = [0]

    def show_skips() -> None:  # articles skipped while reading the inputs count as progress too
        skipped = counts["skipped"] + counts["duplicate"]
        bar.update(skipped - shown[0])
        shown[0] = skipped

    def send(batch: list[Item], suspect: bool = False) -> None:
        ids = ",".join(f"{item.article_id}-{item.text_hash}" for item in batch)
        fut = client.submit(analyse_items, batch, lang, k, seed, params, timeout,
                            key=f"articles-{params}-{'retry-' if suspect else ''}{ids}", pure=False)
        pending[fut] = batch
        queue.add(fut)
        if suspect:
            suspect_futures.add(fut)

    def next_suspect() -> None:
        if suspects and not suspect_futures:
            send([suspects.pop(0)], suspect=True)

    def submit(n: int) -> None:
        for _ in range(n):
            size = _chunk_size(total, submitted[0] + counts["skipped"] + counts["duplicate"], n_workers, chunk)
            batch = list(itertools.islice(source, size))
            if not batch:
                break
            submitted[0] += len(batch)
            send(batch)
        show_skips()

    def record(result: dict[str, Any]) -> None:
        part.add(result)
        counts[result["articles"]["status"]] += 1
        bar.update()
        if len(part.results) >= partition_size or time.monotonic() - part.since > flush_seconds:
            part.flush()
            write_progress(out, {**counts, "finished": False})

    try:
        submit(window)
        for fut in queue:
            batch = pending.pop(fut)
            was_suspect = fut in suspect_futures
            suspect_futures.discard(fut)
            try:
                results = fut.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker after repeated worker deaths, and the like
                name = type(exc).__name__
                if name == "KilledWorker" and not was_suspect:
                    fut.release()
                    suspects.extend(batch)  # find the one that kills its worker
                    next_suspect()
                    continue
                why = "its worker died while analysing it (repeatedly)" if name == "KilledWorker" else f"{name}: {exc}"
                results = [_error_result(item, params, f"internal error: {why}") for item in batch]
            fut.release()
            for result in results:
                record(result)
            next_suspect()
            submit(window - len(pending))
    finally:
        part.flush()  # what finished before an interruption is kept
        bar.close()
