"""Two tei build runs on one output folder: the second fails at once with one line."""
from __future__ import annotations

import subprocess
import time

from lxml import etree

from safety_helpers import ROOT, SEED, tei_process


def test_a_second_concurrent_build_on_the_same_folder_fails_at_once(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for i in range(3):
        (raw / f"big{i}.txt").write_text(SEED.read_text(encoding="utf-8") * 8 + f"\nQ: {i}?\n",
                                         encoding="utf-8")
    first = tei_process("build", raw, "-o", out, "-q", "--editions", "none")
    try:
        deadline = time.monotonic() + 60
        while not (out / ".tei-build.sqlite").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert first.poll() is None, "the first build ended before the second one started"
        t0 = time.monotonic()
        second = tei_process("build", raw, "-o", out, "-q", "--editions", "none")
        _, err = second.communicate(timeout=60)
        waited = time.monotonic() - t0
        assert first.poll() is None, "the first build ended before the second one was refused"
    finally:
        assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    assert second.returncode == 2
    assert err.decode() == (f"Error: {out}: another tei build is writing this folder (it holds "
                            f"{out / '.tei-build.lock'}); run this one when it has finished\n")
    assert waited < 20                                   # at once: no waiting on the first
    assert sorted(p.name for p in out.glob("*.xml")) == ["big0.xml", "big1.xml", "big2.xml",
                                                         "corpus.xml"]
    for p in out.glob("*.xml"):
        etree.parse(str(p))                              # whole
    # the lock goes with the process that held it: the next build runs
    again = subprocess.run(first.args, cwd=ROOT, capture_output=True)
    assert again.returncode == 0, again.stderr.decode()
