"""Map the per-file function over tasks: in this process, a process pool, or a Dask cluster.

Every executor yields results as they complete and keeps only a bounded
window of tasks in flight, so memory does not grow with the corpus.
"""
from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from ..errors import ConfigError

EXECUTORS = ("local", "dask")


def init_worker(parent: int | None = None) -> None:
    """Set up a worker process's signals: the one place every pool of the toolkit does it.

    Ctrl-C (SIGINT) is the parent's to handle: it stops the pool. SIGTERM
    unwinds the worker (``SystemExit``), so an output being written is removed
    rather than left half-written. On Linux the worker also gets SIGTERM when
    its parent dies, even by SIGKILL, so no worker outlives its run.

    Args:
        parent: the parent's pid (``os.getpid()`` before the worker starts):
            a worker whose parent is already gone exits at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_term)
    _die_with_parent()
    if parent is not None and os.getppid() != parent:   # died before the line above
        raise SystemExit(128 + signal.SIGTERM)


def _exit_on_term(signum, frame) -> None:
    # Unwind (an output being written is removed), and end for sure: a pool
    # worker's own exit can block on its queues once the parent is gone.
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(3)
    raise SystemExit(128 + signum)


def _die_with_parent() -> None:
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)     # PR_SET_PDEATHSIG
    except (OSError, AttributeError, TypeError):     # not Linux: the parent stops them
        pass


def stop_workers(procs, grace: float = 2.0) -> None:
    """Stop worker processes now: SIGTERM (they unwind), then SIGKILL after ``grace`` s.

    Every pool of the toolkit stops its workers with this function when a run
    ends early (Ctrl-C, SIGTERM, an error), so none is left running.
    """
    procs = [p for p in procs if p is not None]
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    deadline = time.monotonic() + grace
    for proc in procs:
        proc.join(timeout=max(0.0, deadline - time.monotonic()))
        if proc.is_alive():
            proc.kill()
            proc.join(timeout=grace)


def iter_map(fn: Callable[[dict], dict], tasks: Iterable[dict], jobs: int = 1,
             executor: str = "local", scheduler: str | None = None) -> Iterator[dict]:
    """Yield ``fn(task)`` for every task, in completion order.

    Args:
        fn: a picklable module-level function.
        tasks: the tasks (consumed lazily).
        jobs: worker processes (local) or tasks in flight per worker (dask).
        executor: ``local`` or ``dask``.
        scheduler: the Dask scheduler address (``tcp://host:8786``), or a
            ``distributed.Client`` / cluster object.

    Raises:
        ConfigError: Dask is asked for but not installed, or no scheduler given.
    """
    if executor == "dask":
        yield from _iter_dask(fn, tasks, jobs, scheduler)
        return
    if executor != "local":
        raise ConfigError(f"unknown executor {executor!r} (known: {', '.join(EXECUTORS)})")
    if jobs <= 1:
        for t in tasks:
            yield fn(t)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker,
                               initargs=(os.getpid(),))
    pending: set = set()
    try:
        yield from _windowed(pool.submit, fn, iter(tasks), jobs * 4,
                             lambda p: wait(p, return_when=FIRST_COMPLETED)[0], pending)
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, a closed generator): drop the queue and
        # stop the workers now; waiting for them could block for good.
        for f in pending:
            f.cancel()
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and stop the workers of ``pool`` without waiting on it."""
    procs = list((pool._processes or {}).values())   # no public way to reach them
    pool.shutdown(wait=False, cancel_futures=True)
    stop_workers(procs)


def _windowed(submit, fn, tasks, window: int, wait_some, pending: set | None = None
              ) -> Iterator[dict]:
    pending = set() if pending is None else pending
    for t in tasks:
        pending.add(submit(fn, t))
        if len(pending) >= window:
            done = wait_some(pending)
            for f in done:
                pending.discard(f)
                yield f.result()
    while pending:
        done = wait_some(pending)
        for f in done:
            pending.discard(f)
            yield f.result()


def _iter_dask(fn, tasks, jobs, scheduler) -> Iterator[dict]:
    try:
        from distributed import Client, wait as dwait
    except ImportError:
        raise ConfigError("the dask executor needs Dask: pip install 'tei-corpus[dask]'") from None
    if scheduler is None:
        raise ConfigError("the dask executor needs --scheduler ADDRESS")
    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    try:
        n_workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        window = max(4, n_workers * max(jobs, 1) * 4)

        def submit(f, t):
            return client.submit(f, t, pure=False)

        def wait_some(pending):
            return dwait(list(pending), return_when="FIRST_COMPLETED").done

        pending: set = set()
        try:
            yield from _windowed(submit, fn, iter(tasks), window, wait_some, pending)
        finally:
            if pending:
                client.cancel(list(pending))
    finally:
        if own:
            client.close()
