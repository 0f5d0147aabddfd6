"""Importing this module warms a corpus worker: the pipeline imported, its lexicons and models loaded.

It is the preload of the corpus command's worker processes: on Linux the local cluster's
forkserver imports it once and forks every worker from there
(``helpers.cli.corpus_cluster``), the way the batch command forks its workers after its
first article; a ``dask worker`` on another machine imports it with
``--preload helpers.cli.corpus_preload`` (``docs/corpus.md``).

The warm-up analyses ``WARM_TEXTS`` (a short German and a short English article written
for this purpose) with the default parameters, then freezes the objects loaded so far
(``gc.freeze``): the garbage collector no longer walks them for every article, and
forked workers share those memory pages instead of copying them. Nothing of the
warm-up stays in any result: the pipeline's caches are lookups of fixed data.
"""

from __future__ import annotations

import os

# Before numpy is imported here: one BLAS/OpenMP thread per worker process (the nanny
# sets the same for its workers; the forkserver may have started before it did).
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

WARM_TEXTS: tuple[str, ...] = (
    "Koalition streitet über den Haushalt\n\n"
    "Die Regierung und die Opposition streiten seit Wochen über den Haushalt. "
    "Der Finanzminister warnte vor neuen Schulden, die Gewerkschaft drohte mit einem Streik. "
    "Die Kanzlerin rief beide Seiten zu einem Kompromiss auf.\n\n"
    "Am Freitag einigten sich die Partner auf einen Plan für Schulen und Krankenhäuser.\n",
    "Dockers strike over pay\n\n"
    "Port workers walked out on Monday after talks with the employers collapsed. "
    "The union accused the company of breaking its promises, and the minister urged both sides to return to talks. "
    "Shipping lines warned of long delays.\n\n"
    "By Thursday the two sides had agreed to meet again.\n",
)
"""Two short articles (German, English) analysed once per worker before real work."""


def warm() -> float:
    """Analyse ``WARM_TEXTS`` and freeze what that loaded; returns the seconds it took.
    A failure is not fatal (the worker then loads everything with its first article)."""
    import gc
    import logging
    import time

    t0 = time.perf_counter()
    try:
        from helpers.io.reading import article_from_text
        from helpers.pipeline import analyze

        for text in WARM_TEXTS:
            analyze(article_from_text(text), lang="auto", k="auto", seed=0)
    except Exception as exc:  # noqa: BLE001 - a worker must start even if the warm-up fails
        logging.getLogger(__name__).warning("corpus worker warm-up failed: %s: %s", type(exc).__name__, exc)
    gc.collect()
    gc.freeze()
    return time.perf_counter() - t0


WARM_SECONDS = warm()
"""How long this process's warm-up took (it runs once, on import)."""
