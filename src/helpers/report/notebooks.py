"""Run the numbered notebooks on one article and write one HTML report.

``python -m helpers.report.notebooks --article PATH [--out DIR] [--lang de] [--k 4] [--seed 0]``
executes every ``notebooks/NN_*.ipynb`` with papermill (parameters injected into the
cell tagged ``parameters``), saves the executed notebooks in ``reports/<stem>/``, and
joins them into ``reports/<stem>/report.html`` with nbconvert (code hidden).
Used by ``make analyze``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from helpers.errors import InputError
from helpers.io.reading import project_root, read_article, resolve_article

NOTEBOOK_PARAMETERS = ("ARTICLE", "LANG", "K", "SEED", "REPORT_DIR")

"""Parameters the notebooks may declare in their ``parameters`` cell."""

# Reports are read, not coded: text columns left-aligned, a readable measure.
_REPORT_CSS = (
    ".jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { text-align: left; vertical-align: top; }"
    " .jp-Notebook { max-width: 1200px; margin: auto; }"
)


def notebook_paths(root: Path | None = None, per_article: bool = False) -> list[Path]:
    """The notebooks in order (``notebooks/NN_*.ipynb``); with ``per_article`` only those
    that analyse one article (they declare ``ARTICLE``; 05 compares several and is left out)."""
    folder = (root or project_root()) / "notebooks"
    paths = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    if per_article:
        import papermill as pm

        paths = [p for p in paths if "ARTICLE" in pm.inspect_notebook(str(p))]
    return paths


def run_notebooks(
    article: str | Path,
    out_dir: str | Path | None = None,
    lang: str = "auto",
    k: str | int = "auto",
    seed: int = 0,
    notebooks: list[Path] | None = None,
    progress: bool = False,
) -> Path:
    """Execute the notebooks on ``article``; return the path of ``report.html``.

    The article is read first, so bad input fails with one ``InputError`` line
    before any kernel starts.
    """
    import nbformat
    import papermill as pm

    path = resolve_article(article).resolve()
    read_article(path, lang=lang)  # fail fast, with the one-line message
    root = project_root()
    out = Path(out_dir) if out_dir else root / "reports" / path.stem
    out.mkdir(parents=True, exist_ok=True)
    values: dict[str, Any] = {"ARTICLE": str(path), "LANG": lang, "K": k, "SEED": int(seed),
                              "REPORT_DIR": str(out.resolve())}
    executed: list[Path] = []
    paths = notebooks or notebook_paths(root, per_article=True)
    if not paths:
        raise InputError(f"no notebooks found in {root / 'notebooks'}: the notebooks come with the project "
                         "checkout (git clone, then pip install -e .)")
    for nb in paths:
        declared = pm.inspect_notebook(str(nb))
        params = {name: values[name] for name in NOTEBOOK_PARAMETERS if name in declared}
        target = out / nb.name
        print(f"running {nb.name} on {path.name} ...", flush=True)
        pm.execute_notebook(
            str(nb), str(target), parameters=params, cwd=str(nb.parent),
            kernel_name="python3", progress_bar=progress, log_output=False,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no "running over TCP" warning per notebook
        )
        executed.append(target)
    combined = nbformat.v4.new_notebook()
    combined.metadata = nbformat.read(str(executed[0]), as_version=4).metadata
    for target in executed:
        combined.cells.extend(nbformat.read(str(target), as_version=4).cells)
    return write_html(combined, out / "report.html", title=f"tension profile: {path.name}")


def write_html(notebook: Any, target: Path, title: str) -> Path:
    """Write ``notebook`` as a self-contained HTML page without code cells' input."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    notebook.metadata["title"] = title
    body, _ = exporter.from_notebook_node(notebook)
    body = body.replace("</head>", f"<style>{_REPORT_CSS}</style>\n</head>", 1)
    target.write_text(body, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point used by ``make analyze``."""
    parser = argparse.ArgumentParser(prog="python -m helpers.report.notebooks", description=__doc__.splitlines()[0])
    parser.add_argument("--article", default="seeds/openai_microsoft_spannungen.txt")
    parser.add_argument("--out", default=None, help="output folder (default: reports/<article stem>/)")
    parser.add_argument("--lang", default="auto", help="auto, de or en")
    parser.add_argument("--k", default="auto", help="number of themes, or auto")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    from helpers.pipeline import check_k

    try:
        k = check_k(args.k, "--k")
        report = run_notebooks(args.article, args.out, lang=args.lang, k=k, seed=args.seed)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"report written to {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
