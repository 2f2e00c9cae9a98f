"""The one local worker pool: input order, per-task deadlines, crashes, no worker left."""
from __future__ import annotations

import os
import time
from functools import partial

import pytest

from tei_corpus.corpus.executors import WorkerPool, iter_in_order, iter_map
from tei_corpus.errors import TeiCorpusError


def _work(task):
    kind, value = task
    if kind == "sleep":
        time.sleep(value)
    elif kind == "die":
        os._exit(9)
    return (kind, value, os.getpid()), False


def _lost(task, reason):
    return (task[0], task[1], reason)


def test_results_in_input_order_with_overruns_and_crashes_reported():
    tasks = [("sleep", 0.3), ("ok", 1), ("sleep", 30), ("die", 0), ("ok", 2), ("ready", 3)]
    pool = WorkerPool(2, _work, timeout=2)
    pids = {p.pid for p, _ in pool.idle}
    started = time.monotonic()
    try:
        got = list(iter_in_order(pool, tasks, lost=_lost, window=4,
                                 ready=lambda t: ("ready", t[1], "no worker") if t[0] == "ready" else None))
    finally:
        pool.close()
    assert time.monotonic() - started < 15                 # the 30 s task was stopped at 2 s
    assert [g[:2] for g in got] == [t for t in tasks]
    assert got[2][2] == "time-limit" and got[3][2] == "crashed" and got[5][2] == "no worker"
    for pid in pids:                                        # every worker was reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def _boom(task):
    if task == 2:
        os._exit(3)
    return task * 10


def test_iter_map_locally_in_order_and_a_dead_worker_stops_the_run():
    assert list(iter_map(partial(int), ["1", "2", "3"], jobs=2)) == [1, 2, 3]
    with pytest.raises(TeiCorpusError, match=r"a worker process stopped unexpectedly \(crashed\)"):
        list(iter_map(_boom, [1, 2, 3, 4], jobs=2))
