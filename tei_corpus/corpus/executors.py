"""The one executor of every batch: in this process, a local worker pool, or a Dask cluster.

:func:`run_batch` is how tei convert, validate, edition and build run their
files: results in input order whatever the backend, per-file limits
(:class:`Limits`), and one set of codes for a file stopped by them
(:data:`LIMIT_CODES`, :func:`limit_diagnostic`). Locally it runs on
:class:`WorkerPool`, the only process pool of the toolkit: one task at a time
per worker, a deadline per task, a worker replaced after an overrun, a crash
or a memory error, and one signal set-up (:func:`init_worker`,
:func:`stop_workers`). Workers are forked where that is safe and fast (Linux)
and spawned elsewhere; ``TEI_CORPUS_START_METHOD`` chooses (``fork``,
``spawn``, ``forkserver``), so everything sent to a worker is picklable. Only
a bounded window of tasks is in flight, so memory does not grow with the corpus.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import wait as mp_wait

from ..errors import LIMIT_CODES, ConfigError, Diagnostic, TeiCorpusError

EXECUTORS = ("local", "dask")

#: The environment variable that chooses how worker processes start.
START_METHOD_ENV = "TEI_CORPUS_START_METHOD"


@dataclass(frozen=True)
class Limits:
    """Per-file limits of a batch: wall-clock seconds and MiB of new address space (0: none)."""

    seconds: float = 0.0
    mib: int = 0

    def __bool__(self) -> bool:
        return bool(self.seconds or self.mib)


#: The limits of every batch command unless told otherwise (``--timeout``, ``--max-memory``).
DEFAULT_LIMITS = Limits(seconds=120.0, mib=2048)


def start_method() -> str:
    """Return how workers start: ``$TEI_CORPUS_START_METHOD``, else fork on Linux, else spawn.

    Raises:
        ConfigError: the variable names a method this platform does not have.
    """
    known = multiprocessing.get_all_start_methods()
    chosen = os.environ.get(START_METHOD_ENV, "").strip()
    if chosen:
        if chosen not in known:
            raise ConfigError(f"{START_METHOD_ENV}={chosen}: not a start method of this "
                              f"platform (known: {', '.join(known)})")
        return chosen
    return "fork" if sys.platform.startswith("linux") and "fork" in known else "spawn"


def memory_limit_supported() -> bool:
    """Return True when a worker can cap its address space (the ``resource`` module, RLIMIT_AS)."""
    try:
        import resource
    except ImportError:
        return False
    return hasattr(resource, "RLIMIT_AS")


def limit_memory(mib: int) -> None:
    """Worker set-up: cap the address space at ``mib`` MiB above what the worker holds.

    Where the platform cannot (no ``resource`` module), nothing is capped; the
    command says so once (:func:`memory_limit_supported`).
    """
    if not mib or not memory_limit_supported():
        return
    import resource
    limit = _vm_bytes() + mib * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def limit_diagnostic(path: str, reason: str, limits: Limits, undone: str) -> Diagnostic:
    """Return the one line of a file stopped by a limit or a crash, the same in every command.

    Args:
        path: the file.
        reason: one of :data:`LIMIT_CODES`.
        limits: the limits of the run.
        undone: what was not done to the file (``validated``, ``converted``...).
    """
    if reason == "time-limit":
        message = (f"time limit of {limits.seconds:g} s exceeded; file not {undone} "
                   "(raise it with --timeout)")
    elif reason == "memory-limit" and limits.mib:
        message = (f"memory limit of {limits.mib} MiB exceeded; file not {undone} "
                   "(raise it with --max-memory)")
    elif reason == "memory-limit":
        message = f"out of memory; file not {undone}"
    else:
        reason = "worker-crashed"
        message = (f"the worker process stopped unexpectedly (killed, or out of memory); "
                   f"file not {undone}")
    return Diagnostic(str(path), 0, 0, "error", reason, message)


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
    if hasattr(signal, "pthread_sigmask"):      # held back while the worker started
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    _die_with_parent()
    if parent is not None and os.getppid() != parent:   # died before the line above
        raise SystemExit(128 + signal.SIGTERM)


#: Signals a worker is born with held back, until :func:`init_worker` has set them up.
_HELD = {signal.SIGINT, signal.SIGTERM}
#: What a worker says first, once it is set up.
_READY = "ready"


def _exit_on_term(signum, frame) -> None:
    # Unwind (an output being written is removed), and end for sure: when the
    # parent is gone nobody would kill a worker whose unwinding blocks.
    if hasattr(signal, "alarm"):
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


class Stopped:
    """What a worker returns for a task it gave up (``reason``: one of :data:`LIMIT_CODES`)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __reduce__(self):
        return Stopped, (self.reason,)


class WorkerPool:
    """The local pool of every batch: worker processes, one task at a time each, with a deadline.

    ``work(task)`` runs in a worker and returns ``(result, retire)``; ``retire``
    asks for a fresh worker afterwards (its memory may stay near a limit).
    A worker that overruns ``timeout`` seconds or dies is replaced and its
    task comes back with the reason, ``"time-limit"`` or ``"worker-crashed"``;
    a result that is a :class:`Stopped` comes back with its reason.
    Workers start by :func:`start_method`: forked, they share what the parent
    prepared (compiled schemas); spawned, they get ``work`` and ``setup`` and
    each task by pickling. :func:`init_worker` sets their signals (held back
    until then) and ``setup()`` the rest; a task's time counts from when its
    worker is ready (a spawned worker's start-up is not the file's). When
    the run stops, a busy worker gets SIGTERM and ``grace`` seconds to unwind
    (a worker inside a long system call, an fsync on a busy disk, answers
    when it returns) before SIGKILL.
    """

    def __init__(self, jobs: int, work: Callable, *, timeout: float | None = None,
                 setup: Callable[[], None] | None = None, grace: float = 10.0) -> None:
        self.ctx = multiprocessing.get_context(start_method())
        self.work, self.setup, self.timeout = work, setup, timeout or None
        self.grace = grace        # seconds a stopped worker has to remove what it wrote
        self.started: set = set()     # conns of the workers that said they are ready
        self.idle = [self._spawn() for _ in range(max(1, jobs))]
        self.busy: dict = {}      # conn -> (proc, key, deadline: None until the worker is ready)

    def _spawn(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_serve, daemon=True,
                                args=(child, self.work, self.setup, os.getpid()))
        held = hasattr(signal, "pthread_sigmask")
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD) if held else None
        try:            # the worker inherits the mask: no signal before its set-up
            proc.start()
        finally:        # a signal that came meanwhile is the parent's, delivered now
            if held:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)
        child.close()
        return proc, parent

    def submit(self, key, task) -> None:
        """Give ``task`` to an idle worker (there must be one: see ``idle``)."""
        proc, conn = self.idle.pop()
        conn.send((key, task))
        self.busy[conn] = (proc, key, self._deadline(conn))

    def _deadline(self, conn) -> float | None:
        if self.timeout and conn in self.started:
            return time.monotonic() + self.timeout
        return None

    def collect(self) -> list[tuple]:
        """Wait for a busy task to end; return ``(key, result, "")`` or ``(key, None, reason)``."""
        deadlines = [d for (_, _, d) in self.busy.values() if d is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        done = []
        for conn in mp_wait(list(self.busy), timeout=wait_for):
            proc, key, _ = self.busy.pop(conn)
            try:
                message = conn.recv()
            except (EOFError, OSError):
                self._lost_worker(proc, conn)
                done.append((key, None, "worker-crashed"))
                continue
            if message == _READY:              # the task's time starts now
                self.started.add(conn)
                self.busy[conn] = (proc, key, self._deadline(conn))
                continue
            _, result, retire = message
            if retire:
                self._replace(proc, conn)
            else:
                self.idle.append((proc, conn))
            if isinstance(result, Stopped):
                done.append((key, None, result.reason))
            else:
                done.append((key, result, ""))
        now = time.monotonic()
        for conn, (proc, key, deadline) in list(self.busy.items()):
            if deadline is not None and now >= deadline:
                del self.busy[conn]
                self._replace(proc, conn)
                done.append((key, None, "time-limit"))
        return done

    def _lost_worker(self, proc, conn) -> None:
        """Replace a worker that died; one that died before it was ready cannot start at all."""
        if conn not in self.started:
            conn.close()
            proc.join(timeout=5.0)
            raise TeiCorpusError(f"a worker process could not start (exit status "
                                 f"{proc.exitcode}); the run was stopped")
        self._replace(proc, conn)

    def _replace(self, proc, conn) -> None:
        stop_workers([proc], grace=0.5)
        conn.close()
        self.started.discard(conn)
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
    conn.send(_READY)
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
            gave it up (``reason``: one of :data:`LIMIT_CODES`).
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


def run_batch(fn: Callable, tasks: Iterable, *, lost: Callable, jobs: int = 1,
              limits: Limits = Limits(), ready: Callable | None = None,
              executor: str = "local", scheduler=None, grace: float = 10.0) -> Iterator:
    """Run ``fn`` on every task; yield one result per task, in input order, whatever the backend.

    The one executor of every batch command. Locally, with ``jobs`` > 1 or any
    limit, tasks run on a :class:`WorkerPool` (``jobs`` workers, one task
    each at a time); with one job and no limit, in this process. A task over
    its time, over its memory (a ``MemoryError``) or whose worker died gives
    ``lost(task, reason)`` instead of a result, and the others go on. On Dask
    the per-file limits are the cluster's own (its workers' memory limit; a
    task whose workers died is ``worker-crashed``); ``limits`` is not applied.
    Ctrl-C, SIGTERM or closing the generator stops the workers at once.

    Args:
        fn: a module-level function (or a ``functools.partial`` of one): it is
            pickled for spawned workers and for Dask, as are tasks and results.
        tasks: consumed lazily, a bounded window ahead of the results.
        lost: ``lost(task, reason)``, the result of a task given up
            (``reason``: one of :data:`LIMIT_CODES`; see :func:`limit_diagnostic`).
        jobs: worker processes (local) or tasks in flight per Dask worker.
        limits: per-task limits (local only).
        ready: ``ready(task)`` gives the result of a task that needs no worker
            (refused before any work), else ``None``.
        executor: ``local`` or ``dask``.
        scheduler: the Dask scheduler address (``tcp://host:8786``), or a
            ``distributed.Client`` / cluster object.
        grace: seconds a stopped worker has to unwind (remove what it was writing).

    Raises:
        ConfigError: an unknown executor, Dask asked for but not installed or
            without a scheduler, or an unknown start method.
    """
    if executor == "dask":
        yield from _run_dask(partial(_attempt, fn), tasks, jobs, scheduler, lost, ready)
        return
    if executor != "local":
        raise ConfigError(f"unknown executor {executor!r} (known: {', '.join(EXECUTORS)})")
    if jobs <= 1 and not limits:
        yield from _run_here(fn, tasks, lost, ready)
        return
    if hasattr(tasks, "__len__"):
        jobs = max(1, min(jobs, len(tasks)))
    setup = partial(limit_memory, limits.mib) if limits.mib else None
    pool = WorkerPool(jobs, partial(_attempt, fn), timeout=limits.seconds or None,
                      setup=setup, grace=grace)
    try:
        yield from iter_in_order(pool, tasks, lost=lost, ready=ready, window=max(4, jobs * 16))
    finally:
        pool.close()


def _attempt(fn: Callable, task) -> tuple:
    """Run one task (in a worker): ``(result, False)``, or a :class:`Stopped` and retire."""
    try:
        return fn(task), False
    except MemoryError:
        return Stopped("memory-limit"), True        # a fresh worker for the next task


def _run_here(fn: Callable, tasks: Iterable, lost: Callable, ready: Callable | None) -> Iterator:
    for task in tasks:
        now = ready(task) if ready is not None else None
        if now is None:
            result, _ = _attempt(fn, task)
            now = lost(task, result.reason) if isinstance(result, Stopped) else result
        yield now


def _run_dask(work: Callable, tasks: Iterable, jobs: int, scheduler, lost: Callable,
              ready: Callable | None) -> Iterator:
    """Run ``work`` on a Dask cluster; yield results in input order (a bounded window in flight)."""
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("the dask executor needs Dask: pip install 'tei-corpus[dask]'") from None
    if scheduler is None:
        raise ConfigError("the dask executor needs --scheduler ADDRESS")
    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    order: deque = deque()      # (task, future or None, result) in input order
    try:
        n_workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        window = max(4, n_workers * max(jobs, 1) * 4)
        for task in tasks:
            now = ready(task) if ready is not None else None
            future = None if now is not None else client.submit(work, task, pure=False)
            order.append((task, future, now))
            while len(order) >= window:
                yield from _first_done(order, lost)
        while order:
            yield from _first_done(order, lost)
    finally:
        futures = [f for _, f, _ in order if f is not None]
        if futures:
            client.cancel(futures)
        if own:
            client.close()


def _first_done(order: deque, lost: Callable) -> Iterator:
    """Wait for the first task of ``order``; yield the results at its head that are done."""
    from distributed import KilledWorker, wait as dask_wait
    task, future, _ = order[0]
    if future is not None:
        dask_wait([future])
    while order and (order[0][1] is None or order[0][1].done()):
        task, future, result = order.popleft()
        if future is not None:
            try:
                result, _ = future.result()
            except KilledWorker:
                result = Stopped("worker-crashed")
        yield lost(task, result.reason) if isinstance(result, Stopped) else result
