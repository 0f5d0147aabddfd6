"""The corpus command's local Dask cluster: quiet workers that start warm.

Measured with the process tree's CPU time on 80 articles (``docs/corpus.md``), a run on
Dask's defaults spent about a fifth more CPU than ``analyze --jobs 2`` for the same
analysis. Next to the analysis, three costs stood out, and this module removes them:

- **Monitors.** The scheduler and the two nannies live in the client process and every
  worker runs an event loop next to its analysing thread. Dask polls ``/proc`` through
  psutil there every 100 ms (memory monitors) and 500 ms (system monitors: CPU, disk and
  network counters), ticks each event loop every 20 ms and samples each worker's stack
  every 10 ms for its profiler. With two cores for two workers all of that competes
  with the analysis (the client process alone used 0.17 s of CPU per article).
  ``WORKER_CONFIG`` slows the monitors down and switches the profiler off.
- **Start-up.** A spawned worker imports the package and loads its lexicons and models
  before its first article (3-4 s of CPU each); the batch command pays that once and
  forks. On Linux the local cluster does the same: its workers are forked from a
  ``forkserver`` that imported ``helpers.cli.corpus_preload`` (which analyses a small
  built-in text), so every worker, and every replacement of a dead one, starts warm.
- **Garbage collection.** After the warm-up the loaded objects are frozen
  (``gc.freeze``), so the collector does not walk them again for every article (and
  the forked workers share those pages instead of copying them).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

WORKER_CONFIG: dict[str, Any] = {
    # Dask samples every worker thread's stack each 10 ms for its dashboard profile and
    # keeps an hour of those samples: with the pipeline's deep, varied call stacks that
    # history grew a worker by ~220 MB over 1,000 articles (measured), and the sampling
    # costs analysis time. Its nanny also makes glibc hand freed memory back at 64 KiB
    # (MALLOC_TRIM_THRESHOLD_), which costs time too; 15-25 % per article for both on 2
    # cores. Memory stays flat without the aggressive trim: every cache is bounded.
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 4 * 1024 * 1024,
    # psutil polling in the scheduler, the nannies and the workers (see the module's
    # docstring): the dashboard's CPU and memory plots update every 2 s instead of 0.5 s,
    # a worker over its memory limit is noticed within 1 s instead of 0.1 s.
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.worker.memory.monitor-interval": "1s",
    # event-loop health checks (only used for "event loop unresponsive" warnings)
    "distributed.admin.tick.interval": "200ms",
}
"""Dask settings for the local cluster (set for this process before the cluster starts,
so workers restarted after a crash get them too). Workers started with ``dask worker``
read them from their own Dask configuration (``docs/corpus.md``)."""

PRELOAD = "helpers.cli.corpus_preload"
"""The module a worker imports before its first article: importing it warms the pipeline
(``--preload`` of ``dask worker``; the forkserver's preload on Linux)."""


def use_warm_forkserver() -> bool:
    """On Linux, make Dask start worker processes from a forkserver that has imported
    ``PRELOAD`` (so they start warm); elsewhere leave Dask's ``spawn``. Returns whether
    the forkserver is used. Call before the first worker starts."""
    import multiprocessing

    import dask

    if not sys.platform.startswith("linux"):
        return False
    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    from distributed.utils import get_mp_context

    get_mp_context()  # distributed sets its own preload list once; ours replaces it
    # our module first: it limits BLAS/OpenMP threads before numpy is imported there
    multiprocessing.get_context("forkserver").set_forkserver_preload([PRELOAD, "distributed"])
    return True


def local_cluster(workers: int, **kwargs: Any) -> Any:
    """A ``LocalCluster`` of ``workers`` processes with one thread each, ``WORKER_CONFIG``
    and warm workers (``use_warm_forkserver``). ``kwargs`` go to ``LocalCluster``."""
    import dask
    from dask.distributed import LocalCluster

    dask.config.set(WORKER_CONFIG)
    use_warm_forkserver()
    options = {"dashboard_address": ":0", "silence_logs": logging.ERROR, **kwargs}
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, **options)
