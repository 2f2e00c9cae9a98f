"""Helpers for corpus build tests: small raw folders from the shared samples, tree snapshots."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SAMPLES_RAW, need_shared

#: The quickest shared samples (a few seconds for the four, editions included).
SMALL = ("009_au-pm-howard-doorstop-ryde-2006.txt", "020_hearing-irancontra-north-1987-excerpt.txt",
         "025_talk-jihan-wu-google-2016-QA.txt", "003_wh-finer-gaggle-rio-2024.txt")


def make_raw(folder: Path, copies: int = 1, names=SMALL) -> list[Path]:
    """Copy the small samples into ``folder`` (``copies`` times, under distinct names)."""
    need_shared(SAMPLES_RAW)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for c in range(copies):
        for name in names:
            target = folder / (name if c == 0 else f"{c:02d}-{name[4:]}")
            shutil.copyfile(SAMPLES_RAW / name, target)
            out.append(target)
    assert out
    return out


def snapshot(folder: Path, skip_manifest: bool = True) -> dict[str, bytes]:
    """Return ``{relative path: bytes}`` of every file below ``folder``."""
    files = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not (skip_manifest and p.name.startswith(".tei-build")):
            files[p.relative_to(folder).as_posix()] = p.read_bytes()
    return files


def stamps(folder: Path) -> dict[str, int]:
    """Return ``{relative path: mtime_ns}`` of every output file below ``folder``."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".tei-build")}
