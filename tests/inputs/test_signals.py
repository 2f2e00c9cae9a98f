"""Never orphan: SIGINT and SIGTERM stop every worker, leave whole JSON, exit 130 / 143.

Each run is a real ``tei`` process in a session of its own; the signal goes to
that process only (as ``kill PID`` or a service manager would send it), after
its first output; then no process of its group may be left.
"""
from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest
from inputs_helpers import RAW, kill_group, start_tei, tei, wait_group_gone

STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}
SIGNALS = [pytest.param(signal.SIGINT, id="SIGINT"), pytest.param(signal.SIGTERM, id="SIGTERM")]


def _tei_files(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"f{i:04}.xml").write_bytes(tei(f"d{i}"))
    return folder


def _wait_for(test, proc, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not test():
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "no output in time"
        time.sleep(0.02)


def _stop(proc, sig) -> tuple[bytes, bytes]:
    proc.send_signal(sig)
    try:
        return proc.communicate(timeout=60)
    finally:
        kill_group(proc.pid) if proc.poll() is None else None


@pytest.mark.parametrize("sig", SIGNALS)
def test_validate_j2_json_stays_whole_and_no_worker_is_left(tmp_path, sig):
    folder = _tei_files(tmp_path / "c", 800)
    proc = start_tei("validate", folder, "-j", "2", "--format", "json")
    try:
        first = proc.stdout.readline() + proc.stdout.readline()    # '{"files": [' + a file
        assert b'"path"' in first
        out, err = _stop(proc, sig)
        assert wait_group_gone(proc.pid) == []
    finally:
        kill_group(proc.pid)
    assert proc.returncode == STATUS[sig], err
    doc = json.loads((first + out).decode("utf-8"))
    done = doc["files"]
    assert 1 <= len(done) < 800                  # stopped early, with what was finished
    assert [f["path"] for f in done] == [str(folder / f"f{i:04}.xml") for i in range(len(done))]
    assert all(f["status"] == "valid" for f in done)
    assert doc["summary"]["files"] == len(done) and doc["summary"]["interrupted"] is True
    assert err.decode().splitlines()[-1] == ("tei: interrupted" if sig == signal.SIGINT
                                             else "tei: terminated")


@pytest.mark.parametrize("sig", SIGNALS)
def test_edition_j2_stops_every_worker_and_leaves_only_whole_files(tmp_path, sig):
    folder = _tei_files(tmp_path / "c", 400)
    out = tmp_path / "ed"
    proc = start_tei("edition", "html,text", folder, "-o", out, "-j", "2", "-q")
    try:
        _wait_for(lambda: out.is_dir() and any(out.glob("*.txt")), proc)
        _, err = _stop(proc, sig)
        assert wait_group_gone(proc.pid) == []
    finally:
        kill_group(proc.pid)
    assert proc.returncode == STATUS[sig], err
    written = sorted(out.iterdir())
    assert written and len(written) < 800
    assert [p for p in written if p.name.endswith(".tmp")] == []
    for page in out.glob("*.html"):                      # whole pages only
        assert page.read_bytes().rstrip().endswith(b"</html>"), page


@pytest.mark.parametrize("sig", SIGNALS)
def test_build_j2_json_stays_whole_and_no_worker_is_left(tmp_path, sig):
    src = tmp_path / "raw"
    src.mkdir()
    for i in range(150):
        (src / f"t{i:03}.txt").write_bytes(RAW.replace(b"today", f"day {i}".encode()))
    out = tmp_path / "out"
    proc = start_tei("build", src, "-o", out, "-j", "2", "--format", "json", "--editions", "text")
    try:
        _wait_for(lambda: out.is_dir() and any(out.glob("t*.xml")), proc)
        stdout, err = _stop(proc, sig)
        assert wait_group_gone(proc.pid) == []
    finally:
        kill_group(proc.pid)
    assert proc.returncode == STATUS[sig], err
    doc = json.loads(stdout.decode("utf-8"))
    assert doc["interrupted"] is True
    built = doc["summary"]["converted"]             # recorded before the signal
    assert built < 150 and doc["summary"]["failed"] == 0
    assert doc["summary"]["corpus_written"] is False
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []
    again = start_tei("build", src, "-o", out, "-j", "2", "--format", "json", "--editions", "text")
    stdout, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    summary = json.loads(stdout)["summary"]
    assert summary["skipped"] >= built                    # the next build resumes
    assert summary["skipped"] + summary["converted"] == 150
    assert len(list(out.glob("t*.xml"))) == 150


@pytest.mark.parametrize("command", ["validate", "build"])
def test_workers_do_not_outlive_a_killed_run(tmp_path, command):
    if command == "validate":
        args = ("validate", _tei_files(tmp_path / "c", 800), "-j", "2", "--format", "json")
        ready = None
    else:
        src = tmp_path / "raw"
        src.mkdir()
        for i in range(150):
            (src / f"t{i:03}.txt").write_bytes(RAW.replace(b"today", f"day {i}".encode()))
        args = ("build", src, "-o", tmp_path / "out", "-j", "2", "--editions", "text")
        ready = tmp_path / "out"
    proc = start_tei(*args)
    try:
        if ready is None:
            assert b'"path"' in proc.stdout.readline() + proc.stdout.readline()
        else:
            _wait_for(lambda: ready.is_dir() and any(ready.glob("t*.xml")), proc)
        proc.kill()                                   # SIGKILL: no clean-up in the parent
        proc.communicate(timeout=60)                  # EOF: no worker holds the pipes open
        assert wait_group_gone(proc.pid) == []
    finally:
        kill_group(proc.pid)
