"""Benchmark the editions against the parse floor on a real TEI corpus.

Prints, for every edition kind, the throughput (MB of TEI per second) and its
ratio to lxml's parsing of the same bytes; then the batch command's wall
clock with 1 and N jobs; then, when ``saxonche`` is installed, the same
stylesheets run by Saxon-HE side by side with libxslt; then how each driver
scales with the size of one document: a converted sample transcript (a
debate) with its turns repeated to ``--turns`` utterances, as converted, with
its utterance ids removed, and with its list of persons removed (every
speaker unlisted). The time per utterance should stay flat as documents grow.

    python benchmarks/bench_editions.py [CORPUS_DIR] [--limit N] [--repeat R] [--jobs N]
                                        [--turns 1000,4000,10000] [--no-corpus]

Figures vary from machine to machine (and with other load): compare the ratios
measured in one run.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tei_corpus.editions import iter_render, render_html, render_tables, render_text  # noqa: E402
from tei_corpus.editions.stylesheets import xslt_dir  # noqa: E402
from tei_corpus.xmlio import parse_bytes  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "reference" / "bench-corpus" / "parlamint-es-ga"


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measure (best is kept)")
    ap.add_argument("--jobs", type=int, default=2, help="workers for the batch measure")
    ap.add_argument("--turns", default="1000,4000,10000",
                    help="utterance counts of the large synthetic documents ('' = none)")
    ap.add_argument("--no-corpus", action="store_true", help="only the large-document measures")
    args = ap.parse_args()
    if args.no_corpus:
        return scaling([int(n) for n in args.turns.split(",") if n])

    files = sorted(args.corpus.glob("*.xml"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no *.xml in {args.corpus}", file=sys.stderr)
        return 2
    blobs = [f.read_bytes() for f in files]
    mb = sum(map(len, blobs)) / 1e6
    print(f"corpus: {args.corpus} ({len(files)} files, {mb:.1f} MB)")

    parse_s = best_of(args.repeat, lambda: [parse_bytes(b) for b in blobs])
    trees = [parse_bytes(b, str(f)) for b, f in zip(blobs, files)]
    n_u = sum(int(t.xpath("count(//*[local-name()='u' or local-name()='sp'])")) for t in trees)
    print(f"{n_u} utterances\n")
    print(f"{'measure':<28}{'seconds':>9}{'MB/s':>9}{'x parse':>9}")
    print(f"{'parse (lxml, floor)':<28}{parse_s:>9.2f}{mb / parse_s:>9.1f}{1:>9.1f}")

    kinds = {
        "html": lambda t: render_html(t),
        "text diplomatic": lambda t: render_text(t, "diplomatic", True),
        "text analysis": lambda t: render_text(t, "analysis"),
        "tables tsv (3 tables)": lambda t: render_tables(t, "tsv"),
        "tables jsonl (3 tables)": lambda t: render_tables(t, "jsonl"),
    }
    for name, fn in kinds.items():
        s = best_of(args.repeat, lambda fn=fn: [fn(t) for t in trees])
        print(f"{name:<28}{s:>9.2f}{mb / s:>9.1f}{s / parse_s:>9.1f}")

    print()
    for jobs in sorted({1, args.jobs}):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            results = list(iter_render(files, ["html", "text", "tsv"], out, jobs=jobs))
            s = time.perf_counter() - t0
        bad = sum(not r.ok for r in results)
        print(f"{'batch html+text+tsv, -j ' + str(jobs):<28}{s:>9.2f}{mb / s:>9.1f}{s / parse_s:>9.1f}"
              f"   (parse + render + write; {bad} failed)")

    saxon(files, blobs, mb, parse_s)
    return scaling([int(n) for n in args.turns.split(",") if n])


TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DEBATE = ROOT.parent / "shared" / "samples" / "raw" / "015_debate-us-2020-09-29-trump-biden-wallace.txt"


def large_document(base, turns: int, variant: str):
    """Repeat the turns of ``base`` (a TEI tree) to ``turns`` utterances; ids and pointers stay unique.

    variant: ``ids`` (as converted), ``no ids`` (utterances without xml:id),
    ``unlisted`` (no listPerson: every @who names no one in the header).
    """
    import copy
    tree = copy.deepcopy(base)
    div = tree.find(f".//{{{TEI_NS}}}div[@type='transcript']")
    if div is None:
        div = tree.find(f".//{{{TEI_NS}}}body")
    items = list(div)
    per_copy = len(div.findall(f".//{{{TEI_NS}}}u"))
    for c in range(1, -(-turns // per_copy)):
        for el in items:
            e = copy.deepcopy(el)
            for x in e.iter():
                if x.get(XML_ID):
                    x.set(XML_ID, f"{x.get(XML_ID)}-{c}")
                for a in ("next", "prev", "corresp"):
                    if x.get(a):
                        x.set(a, " ".join(f"{t}-{c}" for t in x.get(a).split()))
            div.append(e)
    us = div.findall(f".//{{{TEI_NS}}}u")
    for u in us[turns:]:
        u.getparent().remove(u)
    if variant == "no ids":
        for u in div.iter(f"{{{TEI_NS}}}u"):
            u.attrib.pop(XML_ID, None)
    elif variant == "unlisted":
        for lp in tree.iter(f"{{{TEI_NS}}}listPerson"):
            lp.getparent().remove(lp)
    return tree


def scaling(sizes: list[int]) -> int:
    """Time each driver on one ever larger document; print microseconds per utterance."""
    if not sizes:
        return 0
    try:
        from tei_corpus.convert import convert_file
    except ImportError:
        print("\nthe converter is not available: no large-document measures")
        return 0
    if not DEBATE.exists():
        print(f"\n{DEBATE} absent: no large-document measures")
        return 0
    base = convert_file(DEBATE).tree
    drivers = {
        "html": lambda t: render_html(t),
        "text": lambda t: render_text(t),
        "analysis": lambda t: render_text(t, "analysis"),
        "tables tsv": lambda t: render_tables(t, "tsv"),
    }
    print(f"\nlarge documents ({DEBATE.stem} converted, its turns repeated): CPU microseconds per"
          " utterance (flat = linear)")
    for fn in drivers.values():             # compile the stylesheets outside the timing
        fn(base)
    print(f"{'variant':<10}{'turns':>7}{'MB':>6}" + "".join(f"{d:>12}" for d in drivers))
    for variant in ("ids", "no ids", "unlisted"):
        for n in sizes:
            tree = large_document(base, n, variant)
            mb = len(etree.tostring(tree)) / 1e6
            cells = []
            for fn in drivers.values():
                t0 = time.process_time()
                fn(tree)
                cells.append((time.process_time() - t0) / n * 1e6)
            print(f"{variant:<10}{n:>7}{mb:>6.1f}" + "".join(f"{c:>12.0f}" for c in cells), flush=True)
    return 0


def saxon(files, blobs, mb, parse_s) -> None:
    """Run html.xsl and text.xsl with Saxon-HE (saxonche) next to libxslt."""
    try:
        from saxonche import PySaxonProcessor
    except ImportError:
        print("\nsaxonche is not installed: pip install saxonche to compare with Saxon-HE")
        return
    print("\nSaxon-HE (saxonche) vs libxslt (lxml), same stylesheets, parse included:")
    with PySaxonProcessor(license=False) as proc:
        x = proc.new_xslt30_processor()
        for driver, params in (("html", {}), ("text", {"flavour": "analysis"})):
            exe = x.compile_stylesheet(stylesheet_file=str(xslt_dir() / f"{driver}.xsl"))
            for k, v in params.items():
                exe.set_parameter(k, proc.make_string_value(v))
            times = []
            for f in files:
                t0 = time.perf_counter()
                exe.transform_to_string(source_file=str(f))
                times.append(time.perf_counter() - t0)
            s_saxon = sum(times)
            lx = etree.XSLT(etree.parse(str(xslt_dir() / f"{driver}.xsl")),
                            access_control=etree.XSLTAccessControl.DENY_ALL)
            strp = {k: etree.XSLT.strparam(v) for k, v in params.items()}
            t0 = time.perf_counter()
            for b in blobs:
                str(lx(parse_bytes(b), **strp))
            s_lxml = time.perf_counter() - t0
            print(f"  {driver + '.xsl':<12} saxon {s_saxon:6.2f} s ({mb / s_saxon:5.1f} MB/s, "
                  f"median {statistics.median(times) * 1000:.0f} ms/file)   lxml {s_lxml:6.2f} s "
                  f"({mb / s_lxml:5.1f} MB/s)   saxon/lxml {s_saxon / s_lxml:4.1f}x")


if __name__ == "__main__":
    sys.exit(main())
