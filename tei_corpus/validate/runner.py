"""Validate many files: folders walked, worker processes, limits, stable order.

Each file is checked in a worker process (forked, so compiled schemas are
shared) under a wall-clock time limit and an address-space limit; a file
that exceeds either is reported and its worker replaced, so one bad file
never stops the others. Results come back in input order whatever the
number of workers, with a bounded number of files in flight.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import time
import traceback
from collections import deque
from multiprocessing.connection import wait
from pathlib import Path

from ..corpus.executors import init_worker, stop_workers
from ..errors import ConfigError, Diagnostic
from ..inputs import TEI_SUFFIXES, Input, iter_inputs
from .check import FileResult, Options, check_path
from .rules import CorpusIndex
from .xsd import project_schema

#: Default limits per file.
DEFAULT_TIMEOUT = 120.0     # seconds
DEFAULT_MAX_MEMORY = 2048   # MiB of address space on top of the worker's own

XML_SUFFIXES = TEI_SUFFIXES


def iter_paths(paths, suffixes=XML_SUFFIXES, *, follow_symlinks: bool = False):
    """Yield the files named by ``paths``: files as given, folders walked in sorted order.

    The walk is :func:`tei_corpus.inputs.iter_inputs`: it yields an
    :class:`~tei_corpus.inputs.Input` per file and a
    :class:`~tei_corpus.errors.Diagnostic` per entry refused (FIFOs, devices,
    symbolic link loops, links out of the folder) or per folder with files
    of other suffixes.

    Raises:
        ConfigError: a path does not exist.
    """
    return iter_inputs(paths, suffixes, follow_symlinks=follow_symlinks)


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _worker(conn, options: Options, max_memory: int, parent: int) -> None:
    init_worker(parent)     # Ctrl-C is the parent's; SIGTERM and the parent's death end it
    if max_memory:
        limit = _vm_bytes() + max_memory * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, path = job
        retire = False
        try:
            result = check_path(path, options)
            if any(d.code == "memory-limit" for d in result.diagnostics):
                result = FileResult(path, [_memory_diag(path, max_memory)])
                retire = True
        except MemoryError:
            result = FileResult(path, [_memory_diag(path, max_memory)])
            retire = True   # the heap may stay near the limit: start afresh
        except ConfigError as exc:
            result = FileResult(path, fatal=str(exc))
        except Exception as exc:  # a bug must not stop the run; say where it was
            where = traceback.extract_tb(exc.__traceback__)[-1]
            result = FileResult(path, [Diagnostic(
                path, 0, 0, "error", "internal-error",
                f"internal error ({type(exc).__name__}: {exc}) at "
                f"{Path(where.filename).name}:{where.lineno}; please report it")])
        try:
            conn.send((index, result, retire))
        except MemoryError:
            conn.send((index, FileResult(path, [_memory_diag(path, max_memory)]), True))
            retire = True
        if retire:
            return


def _memory_diag(path: str, max_memory: int) -> Diagnostic:
    return Diagnostic(path, 0, 0, "error", "memory-limit",
                      f"memory limit of {max_memory} MiB exceeded; file not validated "
                      "(raise it with --max-memory)")


class _Pool:
    def __init__(self, jobs, options, timeout, max_memory):
        self.ctx = multiprocessing.get_context("fork")
        self.options, self.timeout, self.max_memory = options, timeout, max_memory
        self.idle = [self._spawn() for _ in range(jobs)]
        self.busy = {}   # conn -> (proc, index, path, deadline)

    def _spawn(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, daemon=True,
                                args=(child, self.options, self.max_memory, os.getpid()))
        proc.start()
        child.close()
        return proc, parent

    def submit(self, index, path):
        proc, conn = self.idle.pop()
        conn.send((index, path))
        deadline = time.monotonic() + self.timeout if self.timeout else None
        self.busy[conn] = (proc, index, path, deadline)

    def collect(self):
        """Wait for at least one busy file to finish; return its results."""
        deadlines = [d for (_, _, _, d) in self.busy.values() if d is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = wait(list(self.busy), timeout=wait_for)
        done = []
        for conn in ready:
            proc, index, path = self.busy[conn][:3]
            try:
                got_index, result, retire = conn.recv()
                del self.busy[conn]
                if retire:
                    self._replace(proc, conn)
                else:
                    self.idle.append((proc, conn))
                done.append((got_index, result))
            except (EOFError, OSError):
                del self.busy[conn]
                self._replace(proc, conn)
                done.append((index, FileResult(path, [Diagnostic(
                    path, 0, 0, "error", "memory-limit",
                    f"the checking process died (likely over the memory limit of "
                    f"{self.max_memory} MiB); file not validated")])))
        now = time.monotonic()
        for conn, (proc, index, path, deadline) in list(self.busy.items()):
            if deadline is not None and now >= deadline and conn not in ready:
                del self.busy[conn]
                self._replace(proc, conn)
                done.append((index, FileResult(path, [Diagnostic(
                    path, 0, 0, "error", "time-limit",
                    f"time limit of {self.timeout:g} s exceeded; file not validated "
                    "(raise it with --timeout)")])))
        return done

    def _replace(self, proc, conn):
        if proc.is_alive():
            proc.kill()
        proc.join()
        conn.close()
        self.idle.append(self._spawn())

    def close(self):
        """Stop every worker: idle ones are told to finish, busy ones stopped at once."""
        for proc, conn in self.idle:
            try:
                conn.send(None)
            except OSError:
                pass
        stop_workers([v[0] for v in self.busy.values()], grace=0.5)
        stop_workers([p for p, _ in self.idle if not _joined(p, 5.0)])
        for conn in [c for _, c in self.idle] + list(self.busy):
            conn.close()
        self.idle, self.busy = [], {}


def _joined(proc, timeout: float) -> bool:
    proc.join(timeout=timeout)
    return not proc.is_alive()


def iter_validate(paths, jobs: int = 1, options: Options = Options(), *,
                  timeout: float = DEFAULT_TIMEOUT, max_memory: int = DEFAULT_MAX_MEMORY,
                  corpus_rules: bool | None = None, follow_symlinks: bool = False):
    """Validate files, yielding one :class:`FileResult` per file in input order.

    Args:
        paths: files (any name) and folders (``*.xml`` inside, walked sorted).
        jobs: worker processes.
        options: what to check (see :class:`Options`).
        timeout: seconds per file, 0 for none.
        max_memory: MiB of memory per file, 0 for none.
        corpus_rules: check document ids and persons across files (default:
            when the project rules run).
        follow_symlinks: follow links that lead out of a folder named.

    Entries the walk refuses (see :mod:`tei_corpus.inputs`) are results with
    status ``unchecked``; its warnings are left out.

    Raises:
        ConfigError: a path does not exist, or a schema proves unusable.
    """
    if corpus_rules is None:
        corpus_rules = options.rules and not options.well_formed
    if options.schemas is None and not options.well_formed:
        project_schema()   # compile once, before the workers fork
    index = CorpusIndex() if corpus_rules else None
    files = (item for item in iter_paths(paths, follow_symlinks=follow_symlinks)
             if isinstance(item, Input) or item.severity == "error")
    window = max(4, jobs * 16)
    pool = _Pool(max(1, jobs), options, timeout, max_memory)
    pending: dict[int, FileResult] = {}
    queue: deque = deque()
    next_out = 0
    submitted = 0
    exhausted = False
    try:
        while True:
            while not exhausted and len(queue) < window:
                try:
                    queue.append((submitted, next(files)))
                    submitted += 1
                except StopIteration:
                    exhausted = True
            while queue and queue[0][0] < next_out + window:
                i, item = queue[0]
                if isinstance(item, Diagnostic):          # refused by the walk: no worker
                    pending[i] = FileResult(item.path, [item])
                elif pool.idle:
                    pool.submit(i, str(item))
                else:
                    break
                queue.popleft()
            if pool.busy:
                for i, result in pool.collect():
                    pending[i] = result
            elif not queue and exhausted and not pending:
                break
            while next_out in pending:
                result = pending.pop(next_out)
                if result.fatal:
                    raise ConfigError(result.fatal)
                if index is not None and result.facts is not None:
                    result.diagnostics.extend(index.add(result.path, result.facts))
                result.facts = None
                yield result
                next_out += 1
    finally:
        pool.close()
