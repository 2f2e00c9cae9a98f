"""``tei build`` killed with SIGKILL at random points of a corpus of a few hundred files:
each next build finishes, and the last equals a clean build byte for byte."""
from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "corpus_raw" / "000_state-blinken-cho-seoul-2025.txt").read_bytes()
FILES = 240


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every output file below ``folder`` (not the manifest), by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".tei-build")}


def _command(raw: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", "from tei_corpus.cli import cli; cli()", "build", str(raw),
            "-o", str(out), "-q", "-j", "2", "--editions", "text"]


def _recorded(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            return con.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    except sqlite3.Error:
        return 0


def _kill_after(raw: Path, out: Path, files: int) -> int:
    """Start a build and kill it with SIGKILL once the manifest holds ``files`` more files."""
    db = out / ".tei-build.sqlite"
    start = _recorded(db) if db.exists() else 0
    proc = subprocess.Popen(_command(raw, out), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if db.exists() and _recorded(db) >= start + files:
            break
        time.sleep(0.02)
    proc.kill()
    return proc.wait()


def test_a_build_killed_at_random_points_ends_equal_to_a_clean_build(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for i in range(FILES):       # the seed transcript, each copy a word apart
        (raw / f"t{i:03}.txt").write_bytes(SEED.replace(b"Good afternoon", f"Good afternoon {i}".encode(), 1))
    rng = random.Random(20261201)
    points = sorted(rng.sample(range(2, 60), 3))
    for n in points:
        assert _kill_after(raw, out, n) == -9          # killed mid-build, not finished
        assert _recorded(out / ".tei-build.sqlite") < FILES
    done = subprocess.run(_command(raw, out), cwd=ROOT, capture_output=True, timeout=900)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert not list(out.rglob("*.tmp"))
    clean = tmp_path / "clean"
    subprocess.run(_command(raw, clean), cwd=ROOT, check=True, capture_output=True, timeout=900)
    got, want = snapshot(out), snapshot(clean)
    assert len(want) > FILES
    assert got == want, sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))[:10]
