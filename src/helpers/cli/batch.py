"""The batch runner behind ``tension-profile analyze``: jobs, the worker pool, atomic writes, the summary table."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.cli.summary_file import SUMMARY_COLUMNS, umask, with_earlier_rows, write_summary
from helpers.errors import InputError
from helpers.io.discovery import collect_articles, output_names
from helpers.io.reading import project_root
from helpers.report.article import FIGURE_FORMATS, article_row, write_article


@dataclass(frozen=True)
class Job:
    """One article of a batch (picklable, for the worker processes)."""

    index: int
    path: str
    display: str
    name: str
    out: str
    lang: str = "auto"
    k: int | str = "auto"
    seed: int = 0
    force: bool = False
    notebooks: bool = False
    figures: str = "svg"


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def _display(path: Path) -> str:
    real = path.resolve()
    for base in (Path.cwd().resolve(), project_root()):
        try:
            return real.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)


def process_article(job: Job) -> dict[str, Any]:
    """Analyse one article and write ``<out>/<name>/``; return its summary row (never raises
    ``Exception``: failures become ``status=error``). Extra keys ``seconds``, ``peak_rss_mb``
    and ``pid`` are for the benchmark."""
    t0 = time.perf_counter()
    row: dict[str, Any] = {c: "" for c in SUMMARY_COLUMNS}
    row.update(article=job.name, path=job.display, status="ok")
    out = Path(job.out)
    target = out / job.name
    tmp: Path | None = None
    try:
        if target.exists() and not job.force:
            with contextlib.suppress(OSError, ValueError):
                previous = json.loads((target / "article.json").read_text(encoding="utf-8"))
                row.update({k: previous.get(k, "") for k in SUMMARY_COLUMNS if k not in ("article", "path")})
            row.update(status="skipped-exists",
                       error=f"{job.name}/ exists in the output folder; pass --force to overwrite it")
            return row
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{os.getpid()}-{job.name}-", dir=out))
        os.chmod(tmp, 0o777 & ~umask())  # mkdtemp makes 0700; the report folder follows the umask
        source = Path(job.path)
        from helpers.pipeline import analyze

        result = analyze(source, lang=job.lang, k=job.k, seed=job.seed)
        row.update(article_row(result))
        if job.figures == "png":
            _headless_matplotlib()
        write_article(result, tmp, title=f"tension profile: {source.name}",
                      meta={"file": source.name, "k": job.k, "seed": job.seed}, figures=job.figures)
        if job.notebooks:
            from helpers.report.notebooks import run_notebooks

            with contextlib.redirect_stdout(io.StringIO()):
                run_notebooks(source, tmp / "notebooks", lang=job.lang, k=job.k, seed=job.seed)
        (tmp / "article.json").write_text(
            json.dumps({k: row[k] for k in SUMMARY_COLUMNS}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
        _move_into_place(tmp, target, out)
        if job.notebooks:
            _repoint_notebooks(target / "notebooks", tmp, target)
        tmp = None
    except InputError as exc:
        row.update({c: "" for c in SUMMARY_COLUMNS if c not in ("article", "path")})
        row.update(status="error", error=_one_line(str(exc)))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        row.update({c: "" for c in SUMMARY_COLUMNS if c not in ("article", "path")})
        row.update(status="error", error=_one_line(f"internal error: {type(exc).__name__}: {exc}"))
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    row.update(seconds=time.perf_counter() - t0, peak_rss_mb=_peak_rss_mb(), pid=os.getpid())
    return row


_LEFTOVER = re.compile(r"^\.(?:tmp|old)-(\d+)-")


def _process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (POSIX; elsewhere assume it does, so nothing is removed)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(out: Path) -> list[str]:
    """Remove ``.tmp-<pid>-…`` / ``.old-<pid>-…`` folders that a killed run left in ``out``.

    Only folders whose process no longer runs are removed, so a batch running into the
    same folder at the same time keeps its work. Returns the names removed.
    """
    removed = []
    for entry in sorted(out.iterdir()) if out.is_dir() else []:
        m = _LEFTOVER.match(entry.name)
        if m and entry.is_dir() and int(m.group(1)) != os.getpid() and not _process_alive(int(m.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def run_batch(
    paths: str | Path | Iterable[str | Path],
    out: str | Path,
    lang: str = "auto",
    k: int | str = "auto",
    seed: int = 0,
    jobs: int = 1,
    force: bool = False,
    notebooks: bool = False,
    progress: bool = True,
    figures: str = "svg",
) -> pd.DataFrame:
    """Analyse every article in ``paths`` into ``out`` and write ``out/summary.csv`` (this
    run's rows after the rows an earlier run wrote there for other articles: ``summary_file.with_earlier_rows``).

    Returns the summary table (plus ``seconds``, ``peak_rss_mb``, ``pid`` per article,
    which are not written to the CSV). ``jobs > 1`` uses that many processes: this
    one and ``jobs - 1`` worker processes (forked on Linux, spawned elsewhere: see
    ``_pool_context``); rows are always in input order. ``figures``: "svg" (fast,
    ``helpers.svgplots``) or "png" (the notebooks' matplotlib figures). Raises
    ``InputError`` for bad arguments before anything is analysed.
    """
    from helpers.pipeline import check_k
    from helpers.text.language import check_lang

    lang = check_lang(lang)
    k = check_k(k, "--k")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InputError(f"--seed must be a whole number, not {seed!r}.")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"--jobs must be a positive whole number, not {jobs!r}.")
    if figures not in FIGURE_FORMATS:
        raise InputError(f"--figures must be one of {', '.join(FIGURE_FORMATS)}, not {figures!r}.")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {str(out)!r} is a file; give a folder for the reports.")
    articles = collect_articles(paths, exclude=[out])
    out.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    names = output_names(articles)
    work = [Job(i, str(p), _display(p), name, str(out), lang, k, seed, force, notebooks, figures)
            for i, (p, name) in enumerate(zip(articles, names))]
    rows: list[dict[str, Any] | None] = [None] * len(work)

    from helpers.cli.progress import progress as progress_reporter

    # a bar in a terminal; in a log or a pipe a plain line every 10 s instead of \r-redraws
    bar = progress_reporter(len(work), "tension-profile", enabled=progress)
    try:
        if jobs == 1 or len(work) == 1:
            for job in work:
                rows[job.index] = process_article(job)
                bar.update()
        else:
            _run_parallel(work, rows, jobs, bar)
    finally:
        bar.close()
    table = pd.DataFrame(rows)
    write_summary(with_earlier_rows(table, out), out)
    return table


def _headless_matplotlib() -> None:
    """matplotlib's Agg backend in this process, for the PNG figures of ``--figures png``.

    Set in the process, never through ``MPLBACKEND``: notebook kernels started from here
    (``--notebooks``, ``tension-profile lab``) inherit the environment, and a kernel on Agg
    shows no figure at all, not even after re-running a cell in JupyterLab."""
    import matplotlib

    matplotlib.use("Agg")


def _init_worker() -> None:
    """One BLAS thread per worker for the libraries loaded so far (numpy's); scikit-learn
    loads later, and the theme model limits its own threads (``themes.single_thread``)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def _error_row(job: Job, exc: BaseException) -> dict[str, Any]:
    row = {c: "" for c in SUMMARY_COLUMNS}
    row.update(article=job.name, path=job.display, status="error",
               error=_one_line(f"internal error: {type(exc).__name__}: {exc}"))
    return row


def _pool_context() -> Any:
    """How worker processes start: forked on Linux, so they begin with this process's
    imports, language model and lexicons already loaded (a spawned worker spends about
    1 s on them first); spawned elsewhere (fork is unsafe on macOS, absent on Windows).
    Forking is safe here: it happens on the main thread before any feeder thread
    exists, the analysis loads no OpenMP runtime (scikit-learn is not imported) and
    BLAS runs on one thread, so no thread pool is copied into the child."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run_parallel(work: list[Job], rows: list[dict[str, Any] | None], jobs: int, bar: Any) -> None:
    """Run ``work`` on ``jobs`` processes: this one plus ``jobs - 1`` workers.

    All of them take the next article from one queue. With forked workers (Linux),
    this process first analyses one article, so the workers are forked with
    everything that article loaded; spawned workers start at once instead and this
    process works while they import. A worker that dies (killed by the OS) costs its
    article an error row; the remaining articles are done here.
    """
    import gc
    import queue
    import threading
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from threadpoolctl import threadpool_limits

    todo: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in work:
        todo.put(job)
    lock = threading.Lock()

    def done(job: Job, row: dict[str, Any]) -> None:
        rows[job.index] = row
        with lock:
            bar.update()

    def fill(pool: ProcessPoolExecutor, in_flight: list[tuple[Job, Any]]) -> None:
        """Two articles in flight per worker, so a worker never waits for this process
        (busy with its own article, it answers only between bytecodes)."""
        while len(in_flight) < 2:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            try:
                in_flight.append((job, pool.submit(process_article, job)))
            except BrokenProcessPool:
                todo.put(job)
                return

    def feed(pool: ProcessPoolExecutor, in_flight: list[tuple[Job, Any]]) -> None:
        """Keep one worker process busy until the queue is empty. When the pool breaks,
        the article being analysed gets the error row and the ones not started go
        back to the queue."""
        while True:
            fill(pool, in_flight)
            if not in_flight:
                return
            job, future = in_flight.pop(0)
            try:
                done(job, future.result())
            except BrokenProcessPool as exc:
                done(job, _error_row(job, exc))
                for waiting, _ in in_flight:
                    todo.put(waiting)  # the main thread does the rest
                return
            except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                done(job, _error_row(job, exc))

    def work_here(limit: int | None = None) -> None:
        count = 0
        while limit is None or count < limit:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            done(job, process_article(job))
            count += 1

    ctx = _pool_context()
    forked = ctx.get_start_method() == "fork"
    workers = min(jobs, len(work)) - 1
    with threadpool_limits(limits=1):  # one BLAS/OpenMP thread here too
        if forked:
            work_here(limit=1)  # loads what the forked workers will inherit
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker) as pool:
            # The first submits happen here, on the main thread: that is when the
            # workers are forked, before the feeder threads start.
            in_flight: list[list[tuple[Job, Any]]] = [[] for _ in range(workers)]
            if forked:
                gc.freeze()  # the workers' garbage collector leaves the inherited objects alone (no copy-on-write)
            for batch_ in in_flight:
                fill(pool, batch_)
            if forked:
                gc.unfreeze()
            feeders = [threading.Thread(target=feed, args=(pool, batch_), daemon=True) for batch_ in in_flight]
            for thread in feeders:
                thread.start()
            work_here()
            for thread in feeders:
                thread.join()
            work_here()  # articles handed back by a broken pool


def _move_into_place(tmp: Path, target: Path, out: Path) -> None:
    """``os.replace`` the finished folder onto ``target``; an old one (``--force``) is moved aside first."""
    if not target.exists():
        os.replace(tmp, target)
        return
    trash = Path(tempfile.mkdtemp(prefix=f".old-{os.getpid()}-{target.name}-", dir=out))
    os.replace(target, trash / "old")
    os.replace(tmp, target)
    shutil.rmtree(trash, ignore_errors=True)


def _repoint_notebooks(folder: Path, tmp: Path, target: Path) -> None:
    """The executed notebooks name the temporary folder they ran in (the injected
    ``REPORT_DIR``); after the move they must name the folder they are in, or re-running
    them in JupyterLab would save figures into a folder that no longer exists."""
    from helpers.report.notebooks import trust

    old, new = str(tmp.resolve()), str(target.resolve())
    for nb in folder.glob("*.ipynb"):
        text = nb.read_text(encoding="utf-8")
        if old in text:
            nb.write_text(text.replace(old, new), encoding="utf-8")
            trust(nb)  # signed again: the signature covers the text just changed
