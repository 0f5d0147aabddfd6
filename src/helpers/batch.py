"""Analyse many articles in one go: the ``tension-profile`` command.

``tension-profile analyze PATH... --out DIR [--lang auto|de|en] [--k auto|N] [--seed N]
[--jobs N] [--force] [--notebooks] [--figures svg|png]``

PATH may be files or folders. Folders are searched recursively for ``.txt``, ``.md``/
``.markdown`` and ``.html``/``.htm`` files, in sorted order; hidden files and folders and
files named ``README*``, ``SOURCES*``, ``LICENSE*``/``LICENCE*``, ``CHANGELOG*``,
``COPYING*`` are skipped (a file given explicitly is always used). HTML is reduced to
its text with BeautifulSoup (stdlib ``html.parser``), dropping ``script``, ``style``,
``nav``, ``header``, ``footer`` (and ``head``, ``noscript``, ``template``), with block
elements separated by blank lines; Markdown loses its ``#`` heading marks.

Per article, ``DIR/<name>/`` receives ``report.html`` (self-contained, figures embedded),
``sentences.csv``, ``themes.csv``, one SVG per figure (``helpers.svgplots``; PNG from
matplotlib with ``--figures png``) and ``article.json`` (its summary row); with
``--notebooks`` also the executed notebooks under ``notebooks/``. ``<name>`` is the
file's stem; articles with the same stem get ``-2``, ``-3``, ... in input order.
``DIR/summary.csv`` has one row per article.

Rules:

- one bad article never stops the batch: its row gets ``status=error`` and a one-line
  reason; the command then exits with 1 and a short summary on stderr;
- bad command-line input (missing path, folder without articles, bad ``--k``/``--lang``/
  ``--jobs``) exits with 2 and one line on stderr;
- an existing ``DIR/<name>/`` is never overwritten without ``--force``: that article gets
  ``status=skipped-exists`` (its numbers are taken from the existing ``article.json``)
  and does not count as a failure, so re-running a batch only fills the gaps;
- each article is written into a temporary folder inside ``DIR`` and moved into place
  with ``os.replace``, so an interrupted run never leaves a half-written report; the
  temporary folders of a run that was killed (``.tmp-<pid>-…``) are removed by the next
  run into the same folder, once that process no longer exists.

The functions used by ``notebooks/05_compare_articles.ipynb`` (``analyze_articles``,
``compare_table``, ``theme_table``, ``arc_table``, ``arcs_figure``) and the benchmark
``bench_batch`` live here too.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InputError
from .reading import project_root, read_text_file, resolve_article

__all__ = [
    "ARTICLE_SUFFIXES", "SUMMARY_COLUMNS", "collect_articles", "output_names", "html_to_text",
    "markdown_to_text", "article_text", "analyze_article", "analyze_articles", "article_row",
    "summary_text", "figure_pngs", "write_article", "process_article", "run_batch",
    "compare_table", "theme_table", "arc_table", "arcs_figure", "bench_batch", "main",
]

ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")
"""File types picked up from folders."""

_SKIP_NAME = re.compile(r"^(readme|sources|licen[cs]e|changelog|copying)([._-]|$)", re.IGNORECASE)

SUMMARY_COLUMNS: tuple[str, ...] = (
    "article", "path", "language", "sentences", "themes", "sentiment_mean", "tension_mean",
    "most_tense_theme", "status", "error",
)
"""Columns of ``DIR/summary.csv``, in order."""


# --------------------------------------------------------------------------- finding articles


def collect_articles(paths: str | Path | Iterable[str | Path],
                     exclude: Iterable[str | Path] = ()) -> list[Path]:
    """The article files named by ``paths`` (files or folders), in a deterministic order.

    Folders are searched recursively (sorted by relative path) for ``ARTICLE_SUFFIXES``;
    hidden entries, ``README``/``SOURCES``/``LICENSE``-like files and anything inside
    ``exclude`` (e.g. the output folder) are skipped. Relative paths are also tried
    relative to the project root (``resolve_article``). Duplicates are dropped.
    Raises ``InputError`` for a missing path or a folder without articles.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    given = list(paths)
    if not given:
        raise InputError("no article given: name at least one file or folder.")
    excluded = [Path(e).resolve() for e in exclude]
    found: list[Path] = []
    seen: set[Path] = set()
    for item in given:
        p = resolve_article(item)
        if not p.exists():
            raise InputError(f"no such file or folder: {str(item)!r}; check the path.")
        if p.is_dir():
            files = _scan(p, excluded)
            if not files:
                raise InputError(
                    f"{str(item)!r} contains no articles: expected {', '.join(ARTICLE_SUFFIXES)} files."
                )
        else:
            files = [p]
        for f in files:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                found.append(f)
    return found


def _scan(folder: Path, excluded: Sequence[Path]) -> list[Path]:
    out = []
    for f in folder.rglob("*"):
        rel = f.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not f.is_file() or f.suffix.lower() not in ARTICLE_SUFFIXES or _SKIP_NAME.match(f.name):
            continue
        real = f.resolve()
        if any(real == e or e in real.parents for e in excluded):
            continue
        out.append(f)
    return sorted(out, key=lambda f: f.relative_to(folder).as_posix())


def _safe_name(stem: str) -> str:
    name = re.sub(r"[^\w.-]+", "_", stem).strip("._")
    return name[:80] or "article"


def output_names(articles: Sequence[str | Path]) -> list[str]:
    """Folder names for ``articles``: the file stem, made filesystem-safe.

    Stems that occur more than once (also differing only in case) get ``-2``, ``-3``,
    ... in input order, so two ``article.txt`` in different folders never collide and
    the same input always gives the same names.
    """
    used: set[str] = set()
    names: list[str] = []
    for a in articles:
        base = _safe_name(Path(a).stem)
        name, n = base, 2
        while name.lower() in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name.lower())
        names.append(name)
    return names


# --------------------------------------------------------------------------- markup -> text

_DROP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "head", "noscript", "template"})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "aside", "blockquote", "pre", "figure", "figcaption",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
    "address", "hr", "body", "html", "form", "fieldset", "details", "summary",
})
_WS = re.compile(r"\s+")


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page; paragraphs (block elements) separated by blank lines.

    Parsed with BeautifulSoup and the stdlib ``html.parser`` (no network, no scripts run);
    ``script``, ``style``, ``nav``, ``header``, ``footer``, ``head``, ``noscript`` and
    ``template`` are dropped, comments too; entities are decoded, so ``&lt;script&gt;``
    becomes the literal text ``<script>``. Iterative, so deeply nested pages are fine.
    """
    from bs4 import BeautifulSoup, NavigableString
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(markup, "html.parser")
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(soup, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            out.append("\n\n")
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
                out.append(_WS.sub(" ", str(node)))
            continue
        name = (node.name or "").lower()
        if name in _DROP_TAGS:
            continue
        if name == "br":
            out.append("\n")
            continue
        if name in _BLOCK_TAGS:
            out.append("\n\n")
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.children)))
    paragraphs = []
    for block in re.split(r"\n\s*\n", "".join(out)):
        lines = [line.strip() for line in block.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_SETEXT = re.compile(r"^[ ]{0,3}(?:=+|-{3,})[ \t]*$", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """Markdown with its ``#`` heading marks (and setext underlines / rules) removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _MD_HEADING.sub(lambda m: m.group(1) or "", text)
    text = re.sub(r"\n[ \t]*(?:\n[ \t]*)+\n", "\n\n", _MD_SETEXT.sub("", text)).strip("\n")
    return text + "\n" if text else ""


def _read_decoded(path: Path) -> str:
    return read_text_file(path)[0]


def article_text(path: str | Path) -> str | None:
    """The plain text of an ``.html``/``.htm``/``.md``/``.markdown`` file; ``None`` for other files
    (they are analysed as they are)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".html", ".htm"):
        return html_to_text(_read_decoded(p))
    if suffix in (".md", ".markdown"):
        return markdown_to_text(_read_decoded(p))
    return None


@contextlib.contextmanager
def _as_text_file(path: Path) -> Iterator[Path]:
    """``path`` itself, or a temporary plain-text copy (same file name) for HTML / Markdown."""
    text = article_text(path)
    if text is None:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="tension-profile-") as tmp:
        target = Path(tmp) / path.name
        target.write_text(text, encoding="utf-8")
        yield target


def analyze_article(path: str | Path, lang: str = "auto", k: int | str = "auto", seed: int = 0) -> Any:
    """``helpers.analysis.analyze`` on a ``.txt``, ``.md`` or ``.html`` file."""
    from .analysis import analyze

    p = resolve_article(path)
    with _as_text_file(p) as src:
        result = analyze(src, lang=lang, k=k, seed=seed)
    result.path = p
    return result


# --------------------------------------------------------------------------- per-article content


def _tension_columns(result: Any) -> tuple[pd.Series, pd.DataFrame]:
    """Sentence tension and a per-theme ``theme, label, tension`` table (the tension stage's)."""
    per_theme = result.themes[["theme", "label", "tension_mean"]].rename(columns={"tension_mean": "tension"})
    return result.sentences["tension"], per_theme


def _num(value: Any, digits: int = 4) -> Any:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return ""
    return "" if v != v else round(v, digits)


def article_row(result: Any) -> dict[str, Any]:
    """The numbers of one analysed article for ``summary.csv`` / ``compare_table``."""
    sents = result.sentences
    tension, per_theme = _tension_columns(result)
    row: dict[str, Any] = {
        "language": result.lang,
        "sentences": int(len(sents)),
        "themes": int(len(result.themes)) if len(result.themes) else int(getattr(result, "k", 0)),
        "sentiment_mean": _num(sents["sentiment"].mean()) if "sentiment" in sents else "",
        "tension_mean": _num(tension.mean()) if tension is not None else "",
        "most_tense_theme": "",
    }
    if per_theme is not None and per_theme["tension"].notna().any():
        top = per_theme.sort_values(["tension", "theme"], ascending=[False, True]).iloc[0]
        row["most_tense_theme"] = str(top["label"])
    return row


def summary_text(result: Any) -> str:
    """The summary paragraph of an analysis (set by the tension stage, ``helpers.tension.summary_text``)."""
    from .tension import summary_text as tension_summary

    return result.summary or tension_summary(result)


def figure_pngs(result: Any, dpi: int = 100) -> dict[str, bytes]:
    """PNG bytes of ``helpers.plots.report_figures(result)``; empty when that function does not exist."""
    from . import plots

    fn = getattr(plots, "report_figures", None)
    if not callable(fn):
        return {}
    import matplotlib.pyplot as plt

    pngs: dict[str, bytes] = {}
    for name, fig in dict(fn(result)).items():
        buf = io.BytesIO()
        # no "Software" stamp: the bytes do not change with the matplotlib version
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        pngs[_safe_name(str(name))] = buf.getvalue()
    return pngs


FIGURE_FORMATS: tuple[str, ...] = ("svg", "png")
"""``svg`` (default): ``helpers.svgplots``, milliseconds per article; ``png``: the
notebooks' matplotlib figures, about half a second per article."""


def figure_svgs(result: Any) -> dict[str, str]:
    """SVG documents of the report figures (``helpers.svgplots.report_svgs``)."""
    from .svgplots import report_svgs

    return {_safe_name(str(name)): svg for name, svg in report_svgs(result).items()}


def write_article(result: Any, folder: str | Path, title: str,
                  meta: Mapping[str, Any] | None = None, figures: str = "svg") -> dict[str, Any]:
    """Write ``report.html``, ``sentences.csv``, ``themes.csv`` and the figures (``figures``:
    "svg" or "png", see ``FIGURE_FORMATS``) into ``folder``."""
    from .htmlreport import readable_table, write_report

    if figures not in FIGURE_FORMATS:
        raise InputError(f"--figures must be one of {', '.join(FIGURE_FORMATS)}, not {figures!r}")
    folder = Path(folder)
    csv_safe(readable_table(result.sentences)).to_csv(folder / "sentences.csv", index=False, lineterminator="\n")
    csv_safe(readable_table(result.themes)).to_csv(folder / "themes.csv", index=False, lineterminator="\n")
    drawn: Mapping[str, bytes | str]
    if figures == "svg":
        drawn = figure_svgs(result)
        for name, svg in drawn.items():
            (folder / f"{name}.svg").write_text(svg, encoding="utf-8", newline="\n")
    else:
        drawn = figure_pngs(result)
        for name, png in drawn.items():
            (folder / f"{name}.png").write_bytes(png)
    summary = summary_text(result)
    write_report(folder / "report.html", result, title=title, summary=summary, figures=drawn, meta=meta)
    return {"figures": sorted(drawn), "summary": summary}


# --------------------------------------------------------------------------- the batch


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
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; the report folder follows the umask
        source = Path(job.path)
        from .analysis import analyze

        with _as_text_file(source) as src:
            result = analyze(src, lang=job.lang, k=job.k, seed=job.seed)
            row.update(article_row(result))
            write_article(result, tmp, title=f"tension profile: {source.name}",
                          meta={"file": source.name, "k": job.k, "seed": job.seed}, figures=job.figures)
            if job.notebooks:
                from .report import run_notebooks

                with contextlib.redirect_stdout(io.StringIO()):
                    run_notebooks(src, tmp / "notebooks", lang=job.lang, k=job.k, seed=job.seed)
        (tmp / "article.json").write_text(
            json.dumps({k: row[k] for k in SUMMARY_COLUMNS}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
        _move_into_place(tmp, target, out)
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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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


def _move_into_place(tmp: Path, target: Path, out: Path) -> None:
    """``os.replace`` the finished folder onto ``target``; an old one (``--force``) is moved aside first."""
    if not target.exists():
        os.replace(tmp, target)
        return
    trash = Path(tempfile.mkdtemp(prefix=f".old-{os.getpid()}-{target.name}-", dir=out))
    os.replace(target, trash / "old")
    os.replace(tmp, target)
    shutil.rmtree(trash, ignore_errors=True)


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
    """Analyse every article in ``paths`` into ``out`` and write ``out/summary.csv``.

    Returns the summary table (plus ``seconds``, ``peak_rss_mb``, ``pid`` per article,
    which are not written to the CSV). ``jobs > 1`` uses that many processes: this
    one and ``jobs - 1`` worker processes (forked on Linux, spawned elsewhere: see
    ``_pool_context``); rows are always in input order. ``figures``: "svg" (fast,
    ``helpers.svgplots``) or "png" (the notebooks' matplotlib figures). Raises
    ``InputError`` for bad arguments before anything is analysed.
    """
    from .analysis import check_k
    from .language import check_lang

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

    from tqdm.auto import tqdm

    bar = tqdm(total=len(work), file=sys.stderr, unit="article", desc="tension-profile",
               disable=not progress, dynamic_ncols=True)
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
    _write_summary(table, out)
    return table


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
    os.environ.setdefault("MPLBACKEND", "Agg")  # inherited by the workers
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


def _write_summary(table: pd.DataFrame, out: Path) -> Path:
    target = out / "summary.csv"
    fd, tmp = tempfile.mkstemp(prefix=".summary-", suffix=".csv", dir=out)
    os.close(fd)
    try:
        table.reindex(columns=list(SUMMARY_COLUMNS)).to_csv(tmp, index=False, lineterminator="\n")
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


# --------------------------------------------------------------------------- comparing articles


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Article text is data: a text cell that a spreadsheet would run as a formula
    (starting with = + - @) gets a leading apostrophe (OWASP CSV-injection advice)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return out


def analyze_articles(paths: str | Path | Iterable[str | Path], lang: str = "auto",
                     k: int | str = "auto", seed: int = 0) -> dict[str, Any]:
    """``{name: Analysis}`` for every article in ``paths`` (files or folders, as the CLI)."""
    articles = collect_articles(paths)
    return {name: analyze_article(p, lang=lang, k=k, seed=seed)
            for p, name in zip(articles, output_names(articles))}


def compare_table(results: Mapping[str, Any]) -> pd.DataFrame:
    """One row per article: language, size, themes, stability, mean sentiment / tension, most tense theme."""
    rows = []
    for name, result in results.items():
        row = {"article": name, **article_row(result)}
        row["paragraphs"] = int(result.sentences["paragraph"].nunique())
        row["stability"] = _num(getattr(result, "stability", float("nan")), 2)
        rows.append(row)
    cols = ["article", "language", "sentences", "paragraphs", "themes", "stability",
            "sentiment_mean", "tension_mean", "most_tense_theme"]
    table = pd.DataFrame(rows, columns=cols)
    if not any(v != "" for v in table["tension_mean"]):
        table = table.drop(columns=["tension_mean", "most_tense_theme"])
    return table


def theme_table(results: Mapping[str, Any]) -> pd.DataFrame:
    """One row per article and theme: label, size, mean sentiment and (when available) tension."""
    frames = []
    for name, result in results.items():
        themes = result.themes
        cols = [c for c in ("theme", "label", "n_sentences", "share", "sentiment_mean",
                            "sentiment_ci_low", "sentiment_ci_high") if c in themes.columns]
        frame = themes[cols].copy()
        _, per_theme = _tension_columns(result)
        if per_theme is not None:
            frame = frame.merge(per_theme[["theme", "tension"]].rename(columns={"tension": "tension_mean"}),
                                on="theme", how="left")
        frame.insert(0, "article", name)
        frames.append(frame)
    if not frames:
        return pd.DataFrame()
    table = pd.concat(frames, ignore_index=True)
    return table.round({c: 3 for c in table.columns if table[c].dtype.kind == "f"})


def arc_table(results: Mapping[str, Any], points: int = 21,
              measures: Sequence[str] = ("tension", "sentiment")) -> pd.DataFrame:
    """The course of each article on a 0–100 % axis: one row per article, measure and position.

    ``value`` is the smoothed arc of the per-sentence ``measure`` (``helpers.tension.arc``:
    rolling mean + DCT low-pass, evaluated at ``points`` evenly spaced positions, so
    articles of any length line up).
    """
    frames = []
    for name, result in results.items():
        sents = result.sentences
        for measure in measures:
            if measure not in sents.columns or sents.empty:
                continue
            curve = _arc(sents[measure].astype(float).to_numpy(), points)
            frames.append(pd.DataFrame({"article": name, "measure": measure,
                                        "position": curve["position"].round(1),
                                        "value": curve["smoothed"].round(4)}))
    columns = ["article", "measure", "position", "value"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def _arc(values: Any, points: int) -> pd.DataFrame:
    from .tension import arc

    return arc(values, n_points=points)


def arcs_figure(results: Mapping[str, Any]) -> Any:
    """The articles' tension and sentiment arcs side by side on a 0–100 % axis (``plots.arcs_figure``)."""
    from .plots import arcs_figure as draw

    return draw(arc_table(results))


def bench_articles(folder: str | Path, n: int = 50, seed: int = 0) -> list[Path]:
    """Write ``n`` short German articles built from the seed's paragraphs (2–4 each, shuffled)."""
    import random

    from .bench import seed_text

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
    article divided by the in-process ``helpers.analysis.analyze`` time per article,
    measured on ``baseline`` of the same articles after a warm-up), ``peak RSS/worker
    MB`` (in-process: the largest ``ru_maxrss`` of any process that analysed articles),
    ``errors``.
    """
    import subprocess

    from .analysis import analyze

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
            cmd = [sys.executable, "-m", "helpers.batch", "analyze", str(src), "--out", str(out),
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


# --------------------------------------------------------------------------- command line


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tension-profile",
                     description="Where the conflict in news articles lies: themes, sentiment, tension.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    a = sub.add_parser("analyze", help="analyse articles (files or folders) into an output folder",
                       description=__doc__.split("\n\n")[1] if __doc__ else None)
    a.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .md, .html files or folders")
    a.add_argument("--out", required=True, metavar="DIR", help="output folder (one sub-folder per article)")
    a.add_argument("--lang", default="auto", help="auto (default), de or en")
    a.add_argument("--k", default="auto", help="number of themes, or auto (default)")
    a.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    a.add_argument("--jobs", type=int, default=1, help="articles analysed in parallel, one process each (default 1)")
    a.add_argument("--force", action="store_true", help="overwrite existing article folders")
    a.add_argument("--notebooks", action="store_true", help="also execute the notebooks per article")
    a.add_argument("--figures", default="svg", choices=FIGURE_FORMATS,
                   help="svg (default, fast) or png (the notebooks' matplotlib figures, ~0.5 s per article)")
    a.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    b = sub.add_parser("bench", help="measure batch throughput (--jobs 1 and 2) on generated articles")
    b.add_argument("-n", type=int, default=200, help="number of generated articles (default 200)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``tension-profile``: 0 all fine, 1 some article failed, 2 bad usage."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(f"tension-profile: error: {_one_line(str(exc))} (see tension-profile --help)", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.command == "bench":
        with pd.option_context("display.width", 200, "display.float_format", "{:,.3f}".format):
            print(bench_batch(n=args.n).to_string(index=False))
        return 0
    out = Path(args.out)
    try:
        table = run_batch(args.paths, out, lang=args.lang, k=args.k, seed=args.seed, jobs=args.jobs,
                          force=args.force, notebooks=args.notebooks, progress=not args.no_progress,
                          figures=args.figures)
    except InputError as exc:
        print(f"tension-profile: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"tension-profile: interrupted; finished articles are in {out}, unfinished ones left "
              "nothing behind.", file=sys.stderr)
        return 130
    counts = table["status"].value_counts()
    n_ok, n_err, n_skip = (int(counts.get(s, 0)) for s in ("ok", "error", "skipped-exists"))
    line = f"tension-profile: {len(table)} article(s): {n_ok} ok, {n_err} failed, {n_skip} skipped (exists)"
    print(f"{line}; summary in {out / 'summary.csv'}", file=sys.stderr)
    for _, row in table[table["status"] == "error"].iterrows():
        print(f"  {row['article']}: {row['error']}", file=sys.stderr)
    if n_skip:
        print("  (existing article folders were kept; pass --force to redo them)", file=sys.stderr)
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main())
