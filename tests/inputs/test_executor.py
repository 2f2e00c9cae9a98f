"""The one local worker pool: input order, per-task deadlines, crashes, no worker left."""
from __future__ import annotations

import os
import time
from functools import partial

import pytest

from tei_corpus.corpus.executors import Limits, WorkerPool, iter_in_order, run_batch


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
    assert got[2][2] == "time-limit" and got[3][2] == "worker-crashed" and got[5][2] == "no worker"
    for pid in pids:                                        # every worker was reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def _boom(task):
    if task == 2:
        os._exit(3)
    if task == 3:
        raise MemoryError
    return task * 10


def test_run_batch_in_order_a_dead_worker_or_a_memory_error_loses_one_task():
    assert list(run_batch(partial(int), ["1", "2", "3"], jobs=2, lost=_lost)) == [1, 2, 3]
    got = list(run_batch(_boom, [1, 2, 3, 4], jobs=2, lost=lambda t, reason: reason))
    assert got == [10, "worker-crashed", "memory-limit", 40]
    # in this process (one job, no limit) a memory error is the same loss
    assert list(run_batch(_boom, [1, 3, 4], lost=lambda t, reason: reason)) == [10, "memory-limit", 40]


def test_run_batch_time_limit_with_one_job():
    tasks = [("ok", 1), ("sleep", 60), ("ok", 2)]
    got = list(run_batch(_work_result, tasks, limits=Limits(seconds=2), lost=_lost))
    assert [g[:2] for g in got] == tasks
    assert got[1][2] == "time-limit"
    assert got[0][2] != got[2][2]          # the worker overrun was replaced by a fresh one


def _work_result(task):
    return _work(task)[0]


def _how_started(task):
    import multiprocessing
    return multiprocessing.get_start_method(), task


def test_the_start_method_is_chosen_by_the_environment(monkeypatch):
    from tei_corpus.corpus.executors import START_METHOD_ENV, start_method
    from tei_corpus.errors import ConfigError

    monkeypatch.delenv(START_METHOD_ENV, raising=False)
    assert start_method() == "fork"                    # Linux: the fast default
    monkeypatch.setenv(START_METHOD_ENV, "spawn")
    got = list(run_batch(_how_started, [1, 2, 3], jobs=2, lost=_lost))
    assert got == [("spawn", 1), ("spawn", 2), ("spawn", 3)]
    monkeypatch.setenv(START_METHOD_ENV, "teleport")
    with pytest.raises(ConfigError, match="TEI_CORPUS_START_METHOD=teleport: not a start method"):
        list(run_batch(_how_started, [1], jobs=2, lost=_lost))
