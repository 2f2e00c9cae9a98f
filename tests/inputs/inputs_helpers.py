"""Helpers of the input-walker tests: real ``tei`` processes on folders of awkward names."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
TEI = (DATA / "validate" / "design-example.xml").read_bytes()
RAW = (b"MODERATOR: Welcome, everyone. Let us begin with the first question today.\n\n"
       b"SENATOR SMITH: Thank you. I am glad to be here today.\n\n"
       b"MODERATOR: Next question, please.\n")
CANARY = b"CANARY-outside-the-folder"
NON_UTF8 = os.fsdecode(b"caf\xe9")      # a name that is not UTF-8 (surrogate-escaped)


def tei(doc_id: str) -> bytes:
    """Return a valid TEI document whose id is ``doc_id``."""
    return TEI.replace(b'xml:id="state-blinken-cho-seoul-2025"', f'xml:id="{doc_id}"'.encode())


def run_tei(*args, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """Run the real ``tei`` command of this checkout; bytes out, bounded in time."""
    cmd = [sys.executable, "-c", "import sys; from tei_corpus.cli import cli; "
                                 "sys.argv[0] = 'tei'; cli()", *map(os.fspath, args)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, **kwargs)


def make_awkward(folder: Path, suffix: str, content) -> dict[str, str]:
    """Fill ``folder`` with awkward entries; return the escaped names of the files to take.

    ``content(name)`` gives the bytes of a file. Outside ``folder`` a canary
    file is linked from inside it.
    """
    folder.mkdir(parents=True)
    (folder / "sub").mkdir()
    (folder / ".hidden").mkdir()
    taken = {"a" + suffix: "a", f"sub/UPPER{suffix.upper()}": "upper", "with space" + suffix: "space",
             NON_UTF8 + suffix: "cafe", "new\nline" + suffix: "newline", "Mixed" + suffix.title(): "mixed"}
    for name, stem in taken.items():
        (folder / name).write_bytes(content(stem))
    for name in (".dot" + suffix, ".hidden/h" + suffix):
        (folder / name).write_bytes(content("hidden"))
    (folder / "notes.doc").write_bytes(b"not an input")
    (folder / "sub" / "loop").symlink_to("..")                   # a folder loop
    (folder / ("self" + suffix)).symlink_to("self" + suffix)   # a link to itself
    outside = folder.parent / f"outside-{folder.name}"
    outside.mkdir()
    (outside / ("secret" + suffix)).write_bytes(content("secret").replace(b"Welcome", CANARY))
    (folder / ("out" + suffix)).symlink_to(outside / ("secret" + suffix))
    os.mkfifo(folder / ("fifo" + suffix))
    return {name.replace("\n", "\\n").replace(NON_UTF8, "caf\\xe9"): stem
            for name, stem in taken.items()}


def refusal_lines(folder: Path, suffix: str) -> list[str]:
    """The lines every command prints for the refused entries of :func:`make_awkward`."""
    outside = (folder.parent / f"outside-{folder.name}" / ("secret" + suffix)).resolve()
    return [
        f"{folder}/fifo{suffix}:0:0: error: is a named pipe (FIFO), not a regular file; "
        "not read [not-a-file]",
        f"{folder}/out{suffix}:0:0: error: symbolic link to {outside}, outside {folder}; "
        "not followed (--follow-symlinks follows it) [symlink-outside]",
        f"{folder}/self{suffix}:0:0: error: symbolic link loop; not followed [symlink-loop]",
        f"{folder}/sub/loop:0:0: error: symbolic link loop: it leads back to a folder it is "
        "in; not followed [symlink-loop]",
    ]


def start_tei(*args, **kwargs) -> subprocess.Popen:
    """Start ``tei`` in a session (and process group) of its own, stdout and stderr piped."""
    cmd = [sys.executable, "-c", "import sys; from tei_corpus.cli import cli; "
                                 "sys.argv[0] = 'tei'; cli()", *map(os.fspath, args)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # Unbuffered: what readline() reads is not lost to communicate() afterwards.
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True, bufsize=0, **kwargs)


def group_members(pgid: int) -> list[str]:
    """Return ``pid (name) state`` of every process whose process group is ``pgid``."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat_file.read_text()
        except OSError:
            continue
        name_end = text.rindex(")")
        fields = text[name_end + 2:].split()
        if int(fields[2]) == pgid:                       # state ppid pgrp ...
            found.append(text[:name_end + 1] + " " + fields[0])
    return found


def wait_group_gone(pgid: int, seconds: float = 10.0) -> list[str]:
    """Wait until no process of group ``pgid`` is left; return those still there after ``seconds``."""
    import time
    deadline = time.monotonic() + seconds
    while True:
        left = group_members(pgid)
        if not left:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                return []
        if time.monotonic() > deadline:
            return left or ["killpg(pgid, 0) still finds the group"]
        time.sleep(0.1)


def kill_group(pgid: int) -> None:
    """Clean up after a failed test: SIGKILL whatever is left of the group."""
    import signal
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
