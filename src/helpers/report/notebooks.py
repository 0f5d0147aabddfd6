"""Run the numbered notebooks on one article with papermill (``make lab``, ``--notebooks``).

``run_notebooks(article, out)`` executes every per-article ``notebooks/NN_*.ipynb``
(parameters injected into the cell tagged ``parameters``) into ``out``; the committed
notebooks are never written. The report a reader opens is not made here but by
``helpers.report.article.write_article`` (the batch command's self-contained page).
"""

from __future__ import annotations

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
        pm.execute_notebook(
            str(nb), str(target), parameters=params, cwd=str(nb.parent),
            kernel_name="python3", progress_bar=progress, log_output=False,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no "running over TCP" warning per notebook
        )
        executed.append(target)
    return out
