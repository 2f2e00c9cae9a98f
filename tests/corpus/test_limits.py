"""One executor, one set of codes: per-file time limits in every command, spawned workers,
no ``resource`` module; results the same as a normal run.

Every run is a real ``tei`` process. A file that outlasts its limit is real work that
takes far longer than the limit (a transcript of 25 MB, a TEI file whose turns chain in
cycles, a schema whose pattern backtracks for ever): the limit, not the machine's speed,
decides.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, REFERENCE, SAMPLES_RAW, need_shared
from corpus_helpers import make_raw, snapshot

ROOT = Path(__file__).resolve().parents[2]
SLOW_RAW_COPIES = 6000            # 60 MB of transcript (under the 64 MiB input limit): over
                                  # 12 s to convert even at 5 MB per second
NO_MEMORY_LIMIT = ("tei: warning: --max-memory is not enforced on this platform (no resource "
                   "module); --timeout still is")


def tei(*args, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run this checkout's ``tei`` (text out)."""
    cmd = [sys.executable, "-c", "import sys; from tei_corpus.cli import cli; "
                                 "sys.argv[0] = 'tei'; cli()", *map(os.fspath, args)]
    base = {k: v for k, v in os.environ.items() if k != "TEI_CORPUS_START_METHOD"}
    env = {**base, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)


def spawn_without_resource(tmp_path: Path) -> dict:
    """The environment of a platform without ``resource`` whose workers are spawned.

    A ``sitecustomize`` makes ``import resource`` fail in the command and in every
    worker it spawns (they inherit the environment), as on Windows.
    """
    site = tmp_path / "no-resource"
    site.mkdir()
    (site / "sitecustomize.py").write_text("import sys\nsys.modules['resource'] = None\n",
                                           encoding="utf-8")
    return {"PYTHONPATH": f"{site}{os.pathsep}{ROOT}", "TEI_CORPUS_START_METHOD": "spawn"}


def slow_raw(path: Path) -> Path:
    need_shared(SAMPLES_RAW)
    text = (SAMPLES_RAW / "009_au-pm-howard-doorstop-ryde-2006.txt").read_text(encoding="utf-8")
    path.write_text(text * SLOW_RAW_COPIES, encoding="utf-8")
    return path


def slow_tei(path: Path, pairs: int = 6000) -> Path:
    """A TEI file whose turns continue each other in cycles (@next both ways): every turn of
    the analysis edition follows its cycle to the stylesheet's 500-step limit (minutes)."""
    body = "".join(f'<u xml:id="a{i}" who="#x" next="#b{i}">w</u>'
                   f'<u xml:id="b{i}" who="#x" next="#a{i}">w</u>' for i in range(pairs))
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>{body}'
                    '</body></text></TEI>', encoding="utf-8")
    return path


def _comparable(build_json: str, out: Path) -> dict:
    doc = json.loads(build_json)
    for key in ("seconds", "stage_seconds"):
        doc["summary"].pop(key)
    return json.loads(json.dumps(doc).replace(str(out), "OUT"))


def test_spawned_workers_without_resource_give_the_same_build_and_validation(tmp_path):
    raw = tmp_path / "raw"
    make_raw(raw)
    odd = spawn_without_resource(tmp_path)
    normal = tei("build", raw, "-o", tmp_path / "a", "-j", "2", "--format", "json")
    spawned = tei("build", raw, "-o", tmp_path / "b", "-j", "2", "--format", "json", env=odd)
    assert normal.returncode == 0, normal.stderr
    assert spawned.returncode == 0, spawned.stderr
    assert normal.stderr == ""
    assert spawned.stderr.splitlines() == [NO_MEMORY_LIMIT]          # said once, not per file
    assert _comparable(spawned.stdout, tmp_path / "b") == _comparable(normal.stdout, tmp_path / "a")
    built = snapshot(tmp_path / "a")
    assert len([k for k in built if k.endswith(".xml")]) == 5          # 4 documents, corpus.xml
    assert snapshot(tmp_path / "b") == built
    normal = tei("validate", tmp_path / "a", "-j", "2", "--format", "json")
    spawned = tei("validate", tmp_path / "a", "-j", "2", "--format", "json", env=odd)
    assert normal.returncode == spawned.returncode == 0, (normal.stderr, spawned.stderr)
    assert json.loads(normal.stdout)["summary"]["valid"] == 5
    assert spawned.stdout == normal.stdout
    said = spawned.stderr.splitlines()
    assert said.count(NO_MEMORY_LIMIT) == 1
    assert [line for line in said if line != NO_MEMORY_LIMIT] == normal.stderr.splitlines()


def test_a_build_over_its_time_limit_fails_that_file_and_builds_the_others(tmp_path):
    raw = tmp_path / "raw"
    make_raw(raw, names=("009_au-pm-howard-doorstop-ryde-2006.txt",
                         "020_hearing-irancontra-north-1987-excerpt.txt"))
    slow = slow_raw(raw / "050_slow.txt")
    out = tmp_path / "out"
    proc = tei("build", raw, "-o", out, "-j", "2", "--timeout", "8", "--editions", "text", "-q")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [
        f"{slow}:0:0: error: time limit of 8 s exceeded; file not built "
        "(raise it with --timeout) [time-limit]"]
    assert sorted(p.name for p in out.glob("*.xml")) == [
        "009_au-pm-howard-doorstop-ryde-2006.xml", "020_hearing-irancontra-north-1987-excerpt.xml",
        "corpus.xml"]
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []
    index = (out / "editions" / "index.html").read_text(encoding="utf-8")
    assert "050_slow.txt" in index and "[time-limit]" in index   # listed as not built, with why


def test_every_command_reports_a_time_out_with_the_same_code(tmp_path):
    """validate, convert, edition (and build, above): ``time-limit``, the same words."""
    attacks = need_shared(REFERENCE / "test-suites" / "xml-attack-samples")
    redos = attacks / "schema" / "xsd_regex_redos.xsd"
    instance = attacks / "schema" / "xsd_regex_redos_instance.xml"
    fine_tei = DATA / "validate" / "design-example.xml"
    slow = slow_raw(tmp_path / "slow.txt")
    cycles = slow_tei(tmp_path / "cycles.xml")
    runs = {
        "validated": tei("validate", "--schema", redos, "--timeout", "3", instance),
        "converted": tei("convert", slow, "-o", tmp_path / "tei", "--timeout", "3", "-q"),
        "rendered": tei("edition", "text", "--flavour", "analysis", cycles, fine_tei,
                        "-o", tmp_path / "ed", "--timeout", "3", "-q"),
    }
    for undone, proc in runs.items():
        assert proc.returncode == 1, (undone, proc.stderr)
        lines = [line for line in (proc.stdout + proc.stderr).splitlines() if "[time-limit]" in line]
        assert len(lines) == 1, (undone, proc.stdout, proc.stderr)
        assert lines[0].endswith(f":0:0: error: time limit of 3 s exceeded; file not {undone} "
                                 "(raise it with --timeout) [time-limit]"), lines
    assert not (tmp_path / "tei" / "slow.xml").exists()
    assert (tmp_path / "ed" / "design-example.analysis.txt").is_file()   # the other file went on
    assert not (tmp_path / "ed" / "cycles.analysis.txt").exists()
