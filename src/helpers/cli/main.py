"""Analyse many articles in one go: the ``tension-profile`` command.

``tension-profile corpus PATH... --out DIR [--workers N | --scheduler ADDRESS] ...`` runs a
news corpus on Dask into Parquet tables (``helpers.cli.corpus``, ``docs/corpus.md``).

``tension-profile analyze PATH... --out DIR [--lang auto|de|en] [--k auto|N] [--seed N]
[--jobs N] [--force] [--notebooks] [--figures svg|png]``

PATH may be files or folders. Folders are searched recursively for ``.txt``, ``.md``/
``.markdown`` and ``.html``/``.htm`` files, in sorted order; hidden files and folders and
files named ``README*``, ``SOURCES*``, ``LICENSE*``/``LICENCE*``, ``CHANGELOG*``,
``COPYING*`` are skipped (a file given explicitly is always used). A web page is reduced
to its article's text (headline and lead kept; navigation, menus, teasers, footers and
scripts dropped) and Markdown to plain text by the reading stage (``helpers.io.markup``).

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

The runner itself is ``helpers.cli.batch.run_batch``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers.cli.batch import _one_line, run_batch
from helpers.errors import InputError
from helpers.report.article import FIGURE_FORMATS


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _analysis_options(parser: argparse.ArgumentParser) -> None:
    """The options every subcommand passes on to ``helpers.analyze``."""
    parser.add_argument("--lang", default="auto", help="auto (default), de or en")
    parser.add_argument("--k", default="auto", help="number of themes, or auto (default)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tension-profile",
                     description="Where the conflict in news articles lies: themes, sentiment, tension.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    a = sub.add_parser("analyze", help="analyse articles (files or folders) into an output folder",
                       description=ANALYZE_DESCRIPTION)
    a.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .md, .html files or folders")
    a.add_argument("--out", required=True, metavar="DIR", help="output folder (one sub-folder per article)")
    _analysis_options(a)
    a.add_argument("--jobs", type=int, default=1, help="articles analysed in parallel, one process each (default 1)")
    a.add_argument("--force", action="store_true", help="overwrite existing article folders")
    a.add_argument("--notebooks", action="store_true", help="also execute the notebooks per article")
    a.add_argument("--figures", default="svg", choices=FIGURE_FORMATS,
                   help="svg (default, fast) or png (the notebooks' matplotlib figures, ~0.5 s per article)")
    a.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    lab = sub.add_parser("lab", help="execute the notebook series on one article, then open it in JupyterLab",
                         description="Writes OUT/<stem>/ as `analyze --notebooks --force` does (report.html, "
                                     "tables, figures, the executed notebooks in notebooks/), then starts "
                                     "JupyterLab at the project root on the executed 04_tension_profile.ipynb. "
                                     "If OUT/<stem>/notebooks/ exists, it is opened as it is (with your edits) "
                                     "unless --force. The committed notebooks are never changed.")
    lab.add_argument("article", metavar="ARTICLE", help=".txt, .md or .html file")
    lab.add_argument("--out", default="reports", metavar="DIR", help="output folder (default: reports)")
    _analysis_options(lab)
    lab.add_argument("--no-launch", action="store_true", help="only execute the notebooks; do not start JupyterLab")
    lab.add_argument("--force", action="store_true",
                     help="run the notebooks again even if OUT/<stem>/notebooks/ exists (your edits there are lost)")
    c = sub.add_parser("corpus", help="analyse a news corpus into Parquet tables with Dask",
                       description="Analyse many articles (folders of .txt/.md/.html, or CSV/JSONL/Parquet files with "
                       "columns id, text and optional date, source, title) on Dask workers into DIR/articles.parquet/, "
                       "sentences.parquet/, themes.parquet/ and actor_pairs.parquet/. Re-running skips articles already "
                       "done with the same text and parameters. See docs/corpus.md.")
    c.add_argument("paths", nargs="+", metavar="PATH", help="folders or article files, or .csv/.jsonl/.parquet tables")
    c.add_argument("--out", required=True, metavar="DIR", help="output folder for the Parquet tables")
    where = c.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://host:8786")
    where.add_argument("--workers", type=int, default=2, metavar="N",
                       help="worker processes of the local cluster (default 2)")
    _analysis_options(c)
    c.add_argument("--since", metavar="DATE", help="only rows dated on or after DATE (tables with a date column)")
    c.add_argument("--until", metavar="DATE", help="only rows dated on or before DATE")
    c.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                   help="per-article time limit (default 300); a slower article gets status=error")
    c.add_argument("--partition-size", type=int, default=100, metavar="N",
                   help="articles per Parquet partition, written as soon as they are done (default 100)")
    c.add_argument("--force", action="store_true", help="analyse again articles already in the output")
    c.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return parser


#: ``tension-profile analyze --help``: what the command writes, in plain words.
ANALYZE_DESCRIPTION = (
    "Analyse German or English articles into DIR/<name>/ (report.html with the figures embedded, "
    "sentences.csv, themes.csv, one SVG per figure, article.json) and DIR/summary.csv, one row per "
    "article. PATH may be .txt, .md or .html files or folders (searched recursively). An existing "
    "DIR/<name>/ is kept unless --force; a bad article never stops the others: its row says why "
    "(status=error) and the command exits with 1."
)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``tension-profile``: 0 all fine, 1 some article failed, 2 bad usage."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(f"tension-profile: error: {_one_line(str(exc))} (see tension-profile --help)", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.command == "lab":
        return _lab(args)
    out = Path(args.out)
    if args.command == "corpus":
        return _corpus(args, out)
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
    done = table[table["status"] == "ok"]
    where = f"report in {out / str(done['article'].iat[0]) / 'report.html'}" if len(done) == 1 else \
        f"summary in {out / 'summary.csv'}"  # one article: where to look; several: the table of them
    print(f"{line}; {where}", file=sys.stderr)
    for _, row in table[table["status"] == "error"].iterrows():
        print(f"  {row['article']}: {row['error']}", file=sys.stderr)
    if n_skip:
        print("  (existing article folders were kept; pass --force to redo them)", file=sys.stderr)
    return 1 if n_err else 0


def _lab(args: argparse.Namespace) -> int:
    """``tension-profile lab``: the notebook series for one article, opened in JupyterLab."""
    import shutil
    import subprocess

    from helpers.io.discovery import output_names
    from helpers.io.reading import project_root
    from helpers.report.notebooks import notebook_parameters

    out = Path(args.out)
    article = Path(args.article)
    notebook = (out / output_names([article])[0] / "notebooks" / "04_tension_profile.ipynb").resolve()
    if notebook.exists() and not args.force:
        # the reader may have edited these: open them, never overwrite them unasked; but never
        # open notebooks of another article or other settings as if they were these
        wanted = {"ARTICLE": str(article.resolve()), "LANG": args.lang, "K": args.k, "SEED": args.seed}
        ran = notebook_parameters(notebook)
        differ = [name for name, value in wanted.items() if str(ran.get(name)) != str(value)]
        if differ:
            print(f"tension-profile: error: the notebooks in {notebook.parent} were run with other settings "
                  f"({', '.join(f'{n}={ran.get(n)!r}' for n in differ)}); --force runs them again for this "
                  "article (edits in them are lost), or give another --out.", file=sys.stderr)
            return 2
        note = ""
        if article.exists() and article.stat().st_mtime > notebook.stat().st_mtime:
            note = " The article changed since they were run."
        print(f"tension-profile: opening the notebooks run earlier in {notebook.parent}.{note} "
              "--force runs them again (edits in them are then lost).", file=sys.stderr)
    else:
        try:
            table = run_batch([args.article], out, lang=args.lang, k=args.k, seed=args.seed, jobs=1, force=True,
                              notebooks=True, progress=False)
        except InputError as exc:
            print(f"tension-profile: error: {exc}", file=sys.stderr)
            return 2
        row = table.iloc[0]
        if row["status"] != "ok":
            print(f"tension-profile: error: {row['error']}", file=sys.stderr)
            return 1
        print(f"tension-profile: executed notebooks in {notebook.parent}; report in "
              f"{notebook.parent.parent / 'report.html'}", file=sys.stderr)
    root = project_root()
    try:
        shown = notebook.relative_to(root)
    except ValueError:
        shown = notebook
    if args.no_launch:
        return 0
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or shutil.which("jupyter")
    if jupyter is None:
        print("tension-profile: error: JupyterLab is not installed (pip install -e '.[notebooks]')", file=sys.stderr)
        return 2
    return subprocess.call(lab_command(jupyter, root, shown))


#: JupyterLab contacts no one on its own: no news feed from jupyter.org, no update check
#: (an analyst's notebook on a sensitive story stays offline, like the report).
LAB_OFFLINE = ("--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate")


def lab_command(jupyter: str, root: Path, notebook: Path) -> list[str]:
    """The ``jupyter lab`` command line of ``tension-profile lab``: started at the project
    root (so ``data/raw/`` and ``reports/`` are in the file browser), on ``notebook``,
    with :data:`LAB_OFFLINE`."""
    return [jupyter, "lab", f"--ServerApp.root_dir={root}", *LAB_OFFLINE, str(notebook)]


def _corpus(args: argparse.Namespace, out: Path) -> int:
    from helpers.cli.corpus import run_corpus

    try:
        counts = run_corpus(args.paths, out, lang=args.lang, k=args.k, seed=args.seed, workers=args.workers,
                            scheduler=args.scheduler, since=args.since, until=args.until, force=args.force,
                            timeout=args.timeout, partition_size=args.partition_size,
                            progress=not args.no_progress)
    except InputError as exc:
        print(f"tension-profile: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"tension-profile: interrupted; finished articles are in {out}, a re-run does the rest.",
              file=sys.stderr)
        return 130
    print(f"tension-profile corpus: {counts['ok']} ok, {counts['error']} failed, {counts['skipped']} skipped "
          f"(already done), {counts['duplicate']} duplicate id(s); tables in {out}", file=sys.stderr)
    if counts["error"]:
        print("  (the errors are the rows with status=error in articles.parquet)", file=sys.stderr)
    return 1 if counts["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
