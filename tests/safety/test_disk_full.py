"""A full disk during a build: nothing good is deleted, one line, exit 2, the manifest intact."""
from __future__ import annotations

import errno
import os
import re
import sqlite3
import subprocess

import pytest

from safety_helpers import SEED, make_raw, run, tree_bytes

SMALL = ("009_au-pm-howard-doorstop-ryde-2006.txt", "020_hearing-irancontra-north-1987-excerpt.txt",
         "025_talk-jihan-wu-google-2016-QA.txt", "003_wh-finer-gaggle-rio-2024.txt")
#: The one line of a full disk: an output (naming the source and the output) or the manifest.
NO_SPACE = {
    "output": re.compile(r"^\S+:0:0: error: \S+: cannot write: No space left on device \[output-error\]$"),
    "manifest": re.compile(r"^Error: \S+/\.tei-build\.sqlite: cannot (write the build manifest: "
                           r"database or disk is full \(it keeps what it held before\)|open the "
                           r"build manifest: disk I/O error)$"),
}


@pytest.fixture
def small_disk(tmp_path):
    """A real 4 MiB tmpfs, unmounted whatever happens."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=True)


def fill(disk, leave: int) -> None:
    """Fill ``disk`` with one file until only about ``leave`` bytes are free."""
    st = os.statvfs(disk)
    free = st.f_bavail * st.f_frsize
    with open(disk / "filler", "wb") as fh:
        try:
            fh.write(b"\0" * max(0, free - leave))
            fh.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def manifest_rows(out) -> int:
    with sqlite3.connect(f"file:{out / '.tei-build.sqlite'}?mode=ro", uri=True) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return con.execute("SELECT COUNT(*) FROM files").fetchone()[0]


@pytest.mark.parametrize("leave", [36_000, 50_000, 300_000])
def test_a_disk_that_fills_during_a_forced_rebuild_loses_nothing(tmp_path, small_disk, leave):
    """The disk fills at the manifest, at the first output, or late (at the large file's pages)."""
    raw, out = tmp_path / "raw", small_disk / "out"
    make_raw(raw, SMALL)
    (raw / "zz_larger.txt").write_text(SEED.read_text(encoding="utf-8") * 6, encoding="utf-8")
    assert run("build", raw, "-o", out, "-q").exit_code == 0
    before = tree_bytes(out)
    # Each file's TEI and six outputs (five editions, its site record), the corpus file and the
    # index; the site's other pages.
    site = [k for k in before if k.startswith("editions/people/") or k in (
        "editions/participants.html", "editions/search.html", "editions/search-index.js",
        "editions/site.js")]
    assert len(site) > 4 and len(before) - len(site) == 5 * 7 + 2 and manifest_rows(out) == 5
    fill(small_disk, leave)
    r = run("build", raw, "-o", out, "-q", "--force")
    assert r.exit_code == 2, r.stderr
    lines = r.stderr.splitlines()
    # the file that could not be written (the build stops there), then the manifest if it was
    # full as well: each a line of its own, nothing else
    kinds = [next(k for k, rx in NO_SPACE.items() if rx.match(line)) for line in lines]
    assert kinds in (["output"], ["manifest"], ["output", "manifest"]), lines
    assert tree_bytes(out) == before                      # every previous output byte-identical
    assert manifest_rows(out) == 5
    assert not [p for p in out.rglob("*.tmp")]
    (small_disk / "filler").unlink()
    r = run("build", raw, "-o", out, "-q")                # room again: the next build completes
    assert (r.exit_code, r.stderr) == (0, "")
    assert tree_bytes(out) == before


def test_every_file_line_is_printed_when_the_disk_fills_later(tmp_path, small_disk):
    raw, out = tmp_path / "raw", small_disk / "out"
    make_raw(raw, SMALL)
    (raw / "zz_larger.txt").write_text(SEED.read_text(encoding="utf-8") * 6, encoding="utf-8")
    (raw / "000_binary.txt").write_bytes(b"\x00\x01\x02 not a transcript")
    assert run("build", raw, "-o", out, "-q").exit_code == 1
    before = tree_bytes(out)
    fill(small_disk, 300_000)
    r = run("build", raw, "-o", out, "-q", "--force")
    assert r.exit_code == 2
    # and, when the manifest found the disk full as well, its line
    first, second, *rest = r.stderr.splitlines()
    assert len(rest) <= 1 and all(NO_SPACE["manifest"].match(line) for line in rest), rest
    assert first == f"{raw / '000_binary.txt'}:1:1: error: binary file: not a text transcript [binary]"
    # the large file's outputs are the ones that no longer fit (which of them depends on sizes)
    assert re.fullmatch(re.escape(f"{raw / 'zz_larger.txt'}:0:0: error: {out}/") + r"\S*zz_larger\.\w+"
                        r": cannot write: No space left on device \[output-error\]", second), second
    assert tree_bytes(out) == before
