"""The one executor of every batch: in this process, a local worker pool, or a Dask cluster.

:class:`WorkerPool` is the only local process pool of the toolkit (tei
convert, validate, edition and build run on it): forked workers, one task at
a time each, a deadline per task, a worker replaced after an overrun or a
crash, and one signal set-up (:func:`init_worker`, :func:`stop_workers`).
:func:`iter_in_order` runs tasks on it with results in input order;
:func:`iter_map` adds the Dask backend. Only a bounded window of tasks is in
flight, so memory does not grow with the corpus.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from multiprocessing.connection import wait as mp_wait

from ..errors import ConfigError, TeiCorpusError

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
    # Unwind (an output being written is removed), and end for sure: when the
    # parent is gone nobody would kill a worker whose unwinding blocks.
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(3)
    raise SystemExit(128 + signum)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):    # elsewhere the parent stops them
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)     # PR_SET_PDEATHSIG
    except (OSError, AttributeError, TypeError):
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


class WorkerPool:
    """The local pool of every batch: forked workers, one task at a time each, with a deadline.

    ``work(task)`` runs in a worker and returns ``(result, retire)``; ``retire``
    asks for a fresh worker afterwards (its memory may stay near a limit).
    A worker that overruns ``timeout`` seconds or dies is replaced and its
    task comes back with the reason, ``"time-limit"`` or ``"crashed"``.
    Workers are forked, so what the parent prepared (compiled schemas) is
    shared; :func:`init_worker` sets their signals and ``setup()`` the rest.
    When the run stops, a busy worker gets SIGTERM and ``grace`` seconds to
    unwind (a worker inside a long system call, an fsync on a busy disk,
    answers when it returns) before SIGKILL.
    """

    def __init__(self, jobs: int, work: Callable, *, timeout: float | None = None,
                 setup: Callable[[], None] | None = None, grace: float = 10.0) -> None:
        self.ctx = multiprocessing.get_context("fork")
        self.work, self.setup, self.timeout = work, setup, timeout or None
        self.grace = grace        # seconds a stopped worker has to remove what it wrote
        self.idle = [self._spawn() for _ in range(max(1, jobs))]
        self.busy: dict = {}      # conn -> (proc, key, deadline)

    def _spawn(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_serve, daemon=True,
                                args=(child, self.work, self.setup, os.getpid()))
        proc.start()
        child.close()
        return proc, parent

    def submit(self, key, task) -> None:
        """Give ``task`` to an idle worker (there must be one: see ``idle``)."""
        proc, conn = self.idle.pop()
        conn.send((key, task))
        deadline = time.monotonic() + self.timeout if self.timeout else None
        self.busy[conn] = (proc, key, deadline)

    def collect(self) -> list[tuple]:
        """Wait for a busy task to end; return ``(key, result, "")`` or ``(key, None, reason)``."""
        deadlines = [d for (_, _, d) in self.busy.values() if d is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        done = []
        for conn in mp_wait(list(self.busy), timeout=wait_for):
            proc, key, _ = self.busy.pop(conn)
            try:
                _, result, retire = conn.recv()
            except (EOFError, OSError):
                self._replace(proc, conn)
                done.append((key, None, "crashed"))
                continue
            if retire:
                self._replace(proc, conn)
            else:
                self.idle.append((proc, conn))
            done.append((key, result, ""))
        now = time.monotonic()
        for conn, (proc, key, deadline) in list(self.busy.items()):
            if deadline is not None and now >= deadline:
                del self.busy[conn]
                self._replace(proc, conn)
                done.append((key, None, "time-limit"))
        return done

    def _replace(self, proc, conn) -> None:
        stop_workers([proc], grace=0.5)
        conn.close()
        self.idle.append(self._spawn())

    def close(self) -> None:
        """Stop every worker: idle ones are told to finish, busy ones stopped at once."""
        for _, conn in self.idle:
            try:
                conn.send(None)
            except OSError:
                pass
        stop_workers([v[0] for v in self.busy.values()], grace=self.grace)
        stop_workers([p for p, _ in self.idle if not _joined(p, 5.0)])
        for conn in [c for _, c in self.idle] + list(self.busy):
            conn.close()
        self.idle, self.busy = [], {}


def _joined(proc, timeout: float) -> bool:
    proc.join(timeout=timeout)
    return not proc.is_alive()


def _serve(conn, work, setup, parent: int) -> None:
    """A worker's loop: run each task the parent sends until told to stop."""
    init_worker(parent)
    if setup is not None:
        setup()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        key, task = job
        result, retire = work(task)
        try:
            conn.send((key, result, retire))
        except MemoryError:
            return                      # the parent sees the task as crashed
        if retire:
            return


_END = object()


def iter_in_order(pool: WorkerPool, tasks: Iterable, *, lost: Callable,
                  ready: Callable | None = None, window: int = 16) -> Iterator:
    """Run ``tasks`` on ``pool``; yield one result per task in input order.

    Args:
        pool: the workers.
        tasks: consumed lazily, at most ``window`` ahead of the last result.
        lost: ``lost(task, reason)`` gives the result of a task whose worker
            overran its time or died (``reason``: ``time-limit``, ``crashed``).
        ready: ``ready(task)`` gives the result of a task that needs no worker
            (refused before any work), else ``None``.
        window: tasks in flight at most.
    """
    tasks, queue, pending, sent = iter(tasks), deque(), {}, {}
    next_out = count = 0
    exhausted = False
    while True:
        while not exhausted and len(queue) < window:
            task = next(tasks, _END)
            exhausted = task is _END
            if not exhausted:
                queue.append((count, task))
                count += 1
        while queue and queue[0][0] < next_out + window:
            i, task = queue[0]
            now = ready(task) if ready is not None else None
            if now is not None:
                pending[i] = now
            elif pool.idle:
                pool.submit(i, task)
                sent[i] = task
            else:
                break
            queue.popleft()
        if pool.busy:
            for i, result, reason in pool.collect():
                task = sent.pop(i)
                pending[i] = lost(task, reason) if reason else result
        elif not queue and exhausted and not pending:
            return
        while next_out in pending:
            yield pending.pop(next_out)
            next_out += 1


def iter_map(fn: Callable[[dict], dict], tasks: Iterable[dict], jobs: int = 1,
             executor: str = "local", scheduler: str | None = None) -> Iterator[dict]:
    """Yield ``fn(task)`` for every task: in input order locally, in completion order on Dask.

    Locally, ``jobs`` > 1 runs on a :class:`WorkerPool` (the pool every batch
    command uses); Ctrl-C, SIGTERM or closing the generator stops its workers
    at once.

    Args:
        fn: a module-level function (picklable, for Dask).
        tasks: the tasks (consumed lazily).
        jobs: worker processes (local) or tasks in flight per worker (dask).
        executor: ``local`` or ``dask``.
        scheduler: the Dask scheduler address (``tcp://host:8786``), or a
            ``distributed.Client`` / cluster object.

    Raises:
        ConfigError: Dask is asked for but not installed, or no scheduler given.
        TeiCorpusError: a worker process died (killed, out of memory).
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
    pool = WorkerPool(jobs, partial(_kept, fn))
    try:
        yield from iter_in_order(pool, tasks, lost=_worker_died, window=jobs * 4)
    finally:
        pool.close()


def _kept(fn, task):
    return fn(task), False


def _worker_died(task, reason: str):
    raise TeiCorpusError(f"a worker process stopped unexpectedly ({reason}); "
                         "the run was stopped")


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
