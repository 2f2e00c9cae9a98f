"""A killed tei convert or tei edition batch: the next run removes the writer's temporaries."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

from lxml import etree

from tei_corpus.xmlio import TEMPORARY
from safety_helpers import EXAMPLE, SEED, run, tei_process, tree_bytes


def kill_when(proc: subprocess.Popen, ready, timeout: float = 60) -> None:
    """SIGKILL the process group of ``proc`` (workers included) once ``ready()`` is true."""
    deadline = time.monotonic() + timeout
    while not ready() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the batch ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


#: A temporary of an output this run does not write: another writer's, in flight. It stays.
OTHERS = ".elsewhere.xml.abcd_123.tmp"


def plant_leftovers(out, name: str) -> None:
    """What a kill leaves (a temporary named as the atomic writer names them) and files alike."""
    (out / f".{name}.k3j9_x2a.tmp").write_bytes(b"<TEI partial")
    (out / OTHERS).write_bytes(b"<TEI in flight")
    (out / "notes.tmp").write_text("mine\n", encoding="utf-8")
    (out / ".notes.tmp").write_text("mine\n", encoding="utf-8")


def temporaries(out) -> list[str]:
    return sorted(p.name for p in out.rglob("*") if TEMPORARY.match(p.name))


def test_a_killed_convert_batch_is_resumed_without_temporaries(tmp_path):
    src, out = tmp_path / "raw", tmp_path / "out"
    src.mkdir()
    for i in range(40):
        shutil.copyfile(SEED, src / f"t{i:02d}.txt")
    proc = tei_process("convert", src, "-o", out, "-j", "2", "-q", start_new_session=True)
    kill_when(proc, lambda: out.is_dir() and len(list(out.glob("*.xml"))) >= 3)
    done = sorted(out.glob("*.xml"))
    assert 3 <= len(done) < 40
    for p in done:
        etree.parse(str(p))                        # what is there under its real name is whole
    plant_leftovers(out, "t39.xml")
    r = run("convert", src, "-o", out, "-q")
    assert (r.exit_code, r.stderr) == (0, "")
    assert temporaries(out) == [OTHERS]
    assert (out / "notes.tmp").read_text(encoding="utf-8") == "mine\n"
    assert (out / ".notes.tmp").read_text(encoding="utf-8") == "mine\n"
    assert run("convert", src, "-o", tmp_path / "clean", "-q").exit_code == 0
    got = {k: v for k, v in tree_bytes(out).items() if k.endswith(".xml") and k != OTHERS}
    assert got == tree_bytes(tmp_path / "clean") and len(got) == 40


def test_a_killed_edition_batch_is_resumed_without_temporaries(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    for i in range(40):
        shutil.copyfile(EXAMPLE, src / f"d{i:02d}.xml")
    proc = tei_process("edition", "html,text,tsv", src, "-o", out, "-j", "2", "-q",
                       start_new_session=True)
    kill_when(proc, lambda: out.is_dir() and len(list(out.glob("*.html"))) >= 3)
    assert 3 <= len(list(out.glob("*.html"))) < 40
    plant_leftovers(out, "d39.html")
    r = run("edition", "html,text,tsv", src, "-o", out, "-q")
    assert (r.exit_code, r.stderr) == (0, "")
    assert temporaries(out) == [OTHERS]
    assert (out / "notes.tmp").read_text(encoding="utf-8") == "mine\n"
    assert run("edition", "html,text,tsv", src, "-o", tmp_path / "clean", "-q").exit_code == 0
    got = {k: v for k, v in tree_bytes(out).items() if "notes" not in k and k != OTHERS}
    assert got == tree_bytes(tmp_path / "clean") and len(got) == 40 * 5 + 1
