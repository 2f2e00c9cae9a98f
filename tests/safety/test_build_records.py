"""tei build: outputs changed by hand are kept, and what is recorded is what was read."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

from safety_helpers import SEED, make_raw, run, tei_process, tree_bytes

ONE = ("009_au-pm-howard-doorstop-ryde-2006.txt",)
STEM = ONE[0][:-4]
KEPT = "changed since the build wrote it: kept (tei build --force replaces it) [output-changed]"
SUMMARY = re.compile(r"^(\d+) converted, (\d+) updated, (\d+) skipped, (\d+) failed, (\d+) removed, "
                     r"(\d+) warnings in \d+\.\d s$")


def counts(stderr: str) -> tuple[str, ...]:
    return SUMMARY.match(stderr.splitlines()[-1]).groups()


def test_a_hand_correction_of_the_tei_is_kept_until_force(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    src = make_raw(raw, names=ONE)[0]
    assert run("build", raw, "-o", out, "-q", "--editions", "text").exit_code == 0
    tei = out / f"{STEM}.xml"
    corrected = tei.read_bytes().replace(b"<title>", b"<title>[corrected] ", 1)
    tei.write_bytes(corrected)
    r = run("build", raw, "-o", out, "--editions", "text")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[:-1] == [f"{tei}:0:0: warning: {KEPT}"]
    assert counts(r.stderr) == ("0", "0", "1", "0", "0", "1")
    assert tei.read_bytes() == corrected
    with open(src, "a", encoding="utf-8") as fh:          # the source changes as well
        fh.write("\nQUESTION: And one more?\n")
    r = run("build", raw, "-o", out, "--editions", "text")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[:-1] == [f"{tei}:0:0: warning: {KEPT}"]
    assert tei.read_bytes() == corrected
    r = run("build", raw, "-o", out, "--editions", "text", "--force", "-q")
    assert r.exit_code == 0 and r.stderr == ""
    assert b"[corrected]" not in tei.read_bytes() and b"And one more?" in tei.read_bytes()
    r = run("build", raw, "-o", out, "--editions", "text")          # ours again: nothing to say
    assert r.stderr.splitlines()[:-1] == [] and counts(r.stderr) == ("0", "0", "1", "0", "0", "0")


def test_a_hand_corrected_edition_is_kept_when_its_source_is_rebuilt_or_deleted(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    src = make_raw(raw, names=ONE)[0]
    assert run("build", raw, "-o", out, "-q", "--editions", "text,tsv").exit_code == 0
    text = out / "editions" / "text" / f"{STEM}.txt"
    text.write_text("my own reading text\n", encoding="utf-8")
    with open(src, "a", encoding="utf-8") as fh:
        fh.write("\nQUESTION: And one more?\n")
    r = run("build", raw, "-o", out, "--editions", "text,tsv")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[:-1] == [f"{text}:0:0: warning: {KEPT}"]
    assert counts(r.stderr) == ("1", "0", "0", "0", "0", "1")
    assert text.read_text(encoding="utf-8") == "my own reading text\n"
    assert b"And one more?" in (out / f"{STEM}.xml").read_bytes()      # the rest is rebuilt
    src.unlink()
    r = run("build", raw, "-o", out, "--editions", "text,tsv")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[:-1] == [
        f"{text}:0:0: warning: changed since the build wrote it: kept, although the build no "
        "longer writes it [output-changed]"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and not p.name.startswith(".tei-build")) == [
        "corpus.xml", "editions/index.html", f"editions/text/{STEM}.txt"]


def test_a_file_the_build_did_not_write_is_not_overwritten(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_raw(raw, names=ONE)
    out.mkdir()
    mine = out / f"{STEM}.xml"
    mine.write_text("<notes>the archivist's own file</notes>\n", encoding="utf-8")
    r = run("build", raw, "-o", out, "--editions", "none")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[:-1] == [f"{mine}:0:0: warning: {KEPT}"]
    assert mine.read_text(encoding="utf-8") == "<notes>the archivist's own file</notes>\n"


def _read_bytes(pid: int) -> int:
    """Bytes read so far by the process ``pid`` and its children (the build's workers)."""
    total = 0
    for one in [pid, *_children(pid)]:
        try:
            with open(f"/proc/{one}/io", encoding="ascii") as fh:
                total += int(next(line for line in fh if line.startswith("rchar:")).split()[1])
        except (OSError, StopIteration):
            pass                    # a worker that just ended
    return total


def _children(pid: int) -> list[int]:
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    kids = []
    for task in tasks:
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            pass
    return kids


def test_a_source_edited_while_it_is_built_is_rebuilt_next_time(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    src = raw / "big.txt"
    src.write_text(SEED.read_text(encoding="utf-8") * 30, encoding="utf-8")   # ~1 MB: seconds to convert
    size = src.stat().st_size
    proc = tei_process("build", raw, "-o", out, "-q", "--editions", "none")
    try:
        deadline = time.monotonic() + 60
        while not (out / ".tei-build.sqlite").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        # The source is read in one call (by the build's worker): the read count of the build
        # and its workers jumps by its size at once (what else they read, the fingerprints'
        # files, the modules a worker imports, is small files, far less than that).
        prev = _read_bytes(proc.pid)
        while time.monotonic() < deadline:
            cur = _read_bytes(proc.pid)
            if cur - prev >= size:
                break
            prev = cur
            time.sleep(0.005)
        time.sleep(0.2)         # past the end-of-file check of that read: into the conversion
        assert proc.poll() is None and not (out / "big.xml").exists(), \
            "the build ended before the source could be edited during its conversion"
        with open(src, "a", encoding="utf-8") as fh:       # a real writer, while it converts
            fh.write("\nQUESTION: Edited during the build?\n")
        assert not (out / "big.xml").exists(), "the edit came after the conversion"
    finally:
        assert proc.wait(timeout=120) == 0, proc.stderr.read().decode()
    assert b"Edited during the build?" not in (out / "big.xml").read_bytes()
    r = run("build", raw, "-o", out, "--editions", "none")
    assert r.exit_code == 0 and counts(r.stderr)[:3] == ("1", "0", "0")
    assert b"Edited during the build?" in (out / "big.xml").read_bytes()
    r = run("build", raw, "-o", out, "--editions", "none")
    assert counts(r.stderr)[:3] == ("0", "0", "1")


def test_a_source_touched_but_not_changed_after_a_build_is_not_rebuilt(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    src = make_raw(raw, names=ONE)[0]
    assert run("build", raw, "-o", out, "-q", "--editions", "none").exit_code == 0
    st = src.stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 7_000_000_000))
    before = tree_bytes(out)
    r = run("build", raw, "-o", out, "--editions", "none")
    assert counts(r.stderr)[:3] == ("0", "0", "1") and tree_bytes(out) == before


def test_a_hand_edited_corpus_file_and_index_are_kept_until_force(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    src = make_raw(raw, names=ONE)[0]
    assert run("build", raw, "-o", out, "-q", "--editions", "none").exit_code == 0
    corpus, index = out / "corpus.xml", out / "editions" / "index.html"
    corpus.write_bytes(corpus.read_bytes().replace(b"</teiCorpus>", b"<!-- mine --></teiCorpus>"))
    index.write_text("<p>my index</p>\n", encoding="utf-8")
    mine = tree_bytes(out)
    with open(src, "a", encoding="utf-8") as fh:            # the corpus has to be redone
        fh.write("\nQUESTION: And one more?\n")
    r = run("build", raw, "-o", out, "--editions", "none")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[:-1] == [f"{corpus}:0:0: warning: {KEPT}",
                                          f"{index}:0:0: warning: {KEPT}"]
    assert counts(r.stderr) == ("1", "0", "0", "0", "0", "2")
    assert tree_bytes(out)["corpus.xml"] == mine["corpus.xml"]
    assert tree_bytes(out)["editions/index.html"] == mine["editions/index.html"]
    r = run("build", raw, "-o", out, "--editions", "none", "--force", "-q")
    assert (r.exit_code, r.stderr) == (0, "")
    assert b"<!-- mine -->" not in corpus.read_bytes() and b"And one more?" in corpus.read_bytes()
    assert "my index" not in index.read_text(encoding="utf-8")


def test_outputs_an_interrupted_build_wrote_are_not_taken_for_hand_corrections(tmp_path):
    """Killed after a file's outputs were written and before its record: redone, no warning."""
    from tei_corpus.corpus import Builder
    from tei_corpus.corpus.worker import build_file

    raw, out = tmp_path / "raw", tmp_path / "out"
    src = make_raw(raw, names=ONE)[0]
    assert run("build", raw, "-o", out, "-q").exit_code == 0
    with open(src, "a", encoding="utf-8") as fh:
        fh.write("\nQUESTION: And one more?\n")
    b = Builder(raw, out)
    try:
        (task,) = b.plan().tasks
        assert build_file(task)["status"] == "ok"            # written, never recorded
    finally:
        b.close()
    assert b"And one more?" in (out / f"{STEM}.xml").read_bytes()
    r = run("build", raw, "-o", out)
    assert r.exit_code == 0
    assert r.stderr.splitlines()[:-1] == [] and counts(r.stderr) == ("1", "0", "0", "0", "0", "0")
