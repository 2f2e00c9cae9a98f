"""Helpers for the data-safety tests: run the real `tei` command, snapshot folders."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tei_corpus.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "editions" / "design-example.xml"
SEED = ROOT / "corpus_raw" / "000_state-blinken-cho-seoul-2025.txt"
GOOD = ("MODERATOR: Welcome, everyone. Let us begin with the first question today.\n\n"
        "SENATOR SMITH: Thank you. I am glad to be here today.\n\n"
        "MODERATOR: Next question, please.\n")
#: The command line of a real `tei` process (this checkout's package).
TEI = [sys.executable, "-c", "from tei_corpus.cli import cli; cli()"]


def run(*args):
    """Run `tei ARGS` in this process (click's runner); stdout and stderr apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def tei_process(*args, **kwargs) -> subprocess.Popen:
    """Start `tei ARGS` as a real process in the checkout."""
    kwargs.setdefault("stdout", subprocess.DEVNULL)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(TEI + [str(a) for a in args], cwd=ROOT, **kwargs)


def tree_bytes(folder: Path, skip=(".tei-build", ".tei-written")) -> dict[str, bytes]:
    """Return ``{relative path: bytes}`` of every file below ``folder`` (the build's and the
    batches' records of what they wrote left out)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(skip)}


def make_raw(folder: Path, names: tuple[str, ...]) -> list[Path]:
    """Copy shared raw samples into ``folder`` (skips where ../shared is absent)."""
    import shutil

    from conftest import SAMPLES_RAW, need_shared

    need_shared(SAMPLES_RAW)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names:
        shutil.copyfile(SAMPLES_RAW / name, folder / name)
        out.append(folder / name)
    assert out
    return out
