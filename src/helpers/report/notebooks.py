"""Run the numbered notebooks on one article with papermill (``make lab``, ``--notebooks``).

``run_notebooks(article, out)`` executes every per-article ``notebooks/NN_*.ipynb``
(parameters injected by papermill, then merged into the cell tagged ``parameters``:
``merge_parameters``) into ``out``, with figures embedded (``inline_figures``); the
committed notebooks are never written. The report a reader opens is not made here but by
``helpers.report.article.write_article`` (the batch command's self-contained page).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from helpers.errors import InputError
from helpers.io.reading import project_root, read_article, resolve_article

NOTEBOOK_PARAMETERS = ("ARTICLE", "LANG", "K", "SEED", "REPORT_DIR")

"""Parameters the notebooks may declare in their ``parameters`` cell."""

def notebook_paths(root: Path | None = None, per_article: bool = False) -> list[Path]:
    """The notebooks in order (``notebooks/NN_*.ipynb``); with ``per_article`` only those
    that analyse one article (they declare ``ARTICLE``; 05 compares several and is left out)."""
    folder = (root or project_root()) / "notebooks"
    paths = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    if per_article:
        import papermill as pm

        paths = [p for p in paths if "ARTICLE" in pm.inspect_notebook(str(p))]
    return paths


#: The backend of the kernels that execute the notebooks: figures embedded as images.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


@contextmanager
def inline_figures() -> Iterator[None]:
    """``MPLBACKEND`` set to :data:`INLINE_BACKEND` while kernels start, then restored.

    A kernel inherits its parent's environment: one started from a process with
    ``MPLBACKEND=Agg`` (a headless job, a CI runner) draws every figure into nothing, and
    the executed notebook holds ``<Figure size ...>`` instead of the image."""
    old = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = INLINE_BACKEND
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = old


def run_notebooks(
    article: str | Path,
    out_dir: str | Path | None = None,
    lang: str = "auto",
    k: str | int = "auto",
    seed: int = 0,
    notebooks: list[Path] | None = None,
    progress: bool = False,
) -> Path:
    """Execute the per-article notebooks on ``article`` into ``out_dir``; return that folder.

    The article is read first, so bad input fails with one ``InputError`` line
    before any kernel starts.
    """
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
        with inline_figures():
            pm.execute_notebook(
                str(nb), str(target), parameters=params, cwd=str(nb.parent),
                kernel_name="python3", progress_bar=progress, log_output=False,
                extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no "running over TCP" warning per notebook
            )
        merge_parameters(target)
        trust(target)
        executed.append(target)
    return out


def trust(path: str | Path) -> bool:
    """Mark a notebook this project just executed as trusted in the user's Jupyter
    signature store (what ``jupyter trust`` does), so JupyterLab shows its tables with
    their styles (left-aligned text, wrapped sentences): it strips the styles of an
    untrusted notebook's outputs. Only the project's own notebooks, run here, are signed.
    Returns False, changing nothing, when the store cannot be written."""
    import nbformat
    from nbformat.sign import NotebookNotary

    try:
        nb = nbformat.read(str(path), as_version=4)
        NotebookNotary().sign(nb)
    except Exception:  # noqa: BLE001 - a read-only home or a locked database: the notebook stays untrusted
        return False
    return True


def notebook_parameters(path: str | Path) -> dict[str, Any]:
    """The values of a notebook's ``parameters`` cell, read by papermill (``inspect_notebook``);
    a value that is not a literal is its source text, an unreadable notebook gives {}."""
    import ast

    import papermill as pm

    try:
        declared = pm.inspect_notebook(str(path))
    except Exception:  # noqa: BLE001 - a damaged notebook: nothing is known about how it ran
        return {}
    out: dict[str, Any] = {}
    for name, info in declared.items():
        try:
            out[name] = ast.literal_eval(str(info.get("default")))
        except (ValueError, SyntaxError):
            out[name] = info.get("default")
    return out


def merge_parameters(path: str | Path) -> None:
    """Put papermill's injected values into the notebook's ``parameters`` cell, in place.

    Papermill adds a cell tagged ``injected-parameters`` after the tagged one; a reader who
    then edits ``ARTICLE`` in the first cell and re-runs gets the injected old value back
    from the second. Merged, the one ``parameters`` cell holds this article's values
    (and keeps its tag, so papermill can run the notebook again). Nothing happens to a
    notebook without both cells."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    injected = [c for c in nb.cells if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
    if not tagged or not injected:
        return
    cell, values = tagged[0], injected[0]
    def name(line: str) -> str | None:
        m = re.match(r"(\w+)\s*=", line)
        return m.group(1) if m else None

    new = [ln for ln in values.source.splitlines() if name(ln)]
    names = {name(ln) for ln in new}
    # the cell's other lines (comments, other names, imports) stay, after this run's values
    kept = [ln for ln in cell.source.splitlines() if name(ln) not in names]
    cell.source = "\n".join(["# Parameters of this run: edit them and re-run the notebook for another article",
                             *new, *kept])
    cell.execution_count = values.get("execution_count")
    nb.cells.remove(values)
    nbformat.write(nb, str(path))
