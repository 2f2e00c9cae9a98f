"""Measure the corpus site of `tei build`: its build time and the size of its search index.

The corpus is generated from the real raw samples as ``bench_build.py`` does
(document *i* is sample *i mod n* under a name of its own, until ``--size-mb``
of raw text). It is built twice in child processes, with ``--editions
text,tsv`` (no HTML: no site) and with the default editions (HTML, so the
site too); then, in this process, on the TEI that build wrote:

- the site's two steps apart: the per-document record (the utterance and
  participant tables, in the workers of a build) and the pages written from
  all of them at the end, read back from the record files the build wrote
  (index with facets, participant pages, search page, ``search-index.js``);
- the sizes: every HTML page of the site, the search index against them (it
  must stay under a third), and against the utterances' text as the tables
  hold it (what the compact format saves);
- with ``--browser`` (Playwright and Debian's chromium): the time from opening
  ``search.html?q=WORD`` from ``file://`` to its results, for a common word
  and a phrase.

    python3 benchmarks/bench_site.py [--size-mb 10] [--work DIR] [--browser]
    python3 benchmarks/bench_site.py --tei DIR [--jobs N] [--browser]

With ``--tei DIR`` (e.g. the ParlaMint bench corpus, the largest the project
measures on), no corpus is generated: ``tei edition site DIR -o ...`` runs in a
child process on that TEI, and its time, peak memory and sizes are printed.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import generate  # noqa: E402  (the same generated corpus)

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from tei_corpus.corpus import BuildOptions, build
t = time.perf_counter()
summary, noted = build(sys.argv[2], sys.argv[3], BuildOptions(kinds=tuple(sys.argv[5].split(","))),
                       jobs=int(sys.argv[4]))
print(json.dumps({"wall": time.perf_counter() - t, "failed": summary.failed,
                  "stages": summary.stage_seconds}))
"""


def run_build(raw: Path, out: Path, kinds: str, jobs: int = 2) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(raw), str(out), str(jobs),
                           kinds], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.splitlines()[-1])


def site_steps(out: Path, site_dir: Path) -> dict:
    """Time the per-document records and the pages written from them (one process)."""
    from tei_corpus.editions import SiteRecords, iter_site_files, plan_site, site_record
    from tei_corpus.xmlio import parse_file
    files = sorted(p for p in out.glob("*.xml") if p.name != "corpus.xml")
    t = time.perf_counter()
    records = [site_record(parse_file(f, huge_tree=True), f"html/{f.stem}.html") for f in files]
    t_records = time.perf_counter() - t
    t = time.perf_counter()
    site = plan_site(SiteRecords(sorted((out / "editions" / "html").glob("*.site.json"))))
    written = 0
    for name, data in iter_site_files(site, "Benchmark corpus"):
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    t_pages = time.perf_counter() - t
    text = sum(len(json.dumps(r[7], ensure_ascii=False).encode()) for d in records for r in d["u"])
    return {"documents": len(files), "utterances": sum(len(d["u"]) for d in records),
            "participants": len(site.people), "records": t_records, "pages": t_pages,
            "files": written, "text_json_bytes": text}


def browser_search(site: Path, queries: list[str]) -> dict[str, float]:
    """Seconds from opening the search page with a query to its results shown, per query."""
    from playwright.sync_api import sync_playwright
    times = {}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium"),
                              args=["--headless", "--no-sandbox", "--disable-gpu"])
        for q in queries:
            page = b.new_page()
            t = time.perf_counter()
            page.goto((site / "search.html").as_uri() + "?q=" + q.replace(" ", "+"))
            page.wait_for_function("document.getElementById('status').textContent !== ''")
            times[q] = (time.perf_counter() - t, page.text_content("#status"))
            page.close()
        b.close()
    return times


def site_of_tei(tei: Path, work: Path, jobs: int, browser: bool) -> None:
    """``tei edition site`` on an existing TEI corpus: time, memory, sizes."""
    import resource
    out = work / "site"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from tei_corpus.cli import cli; cli()", "edition", "site",
                    str(tei), "-o", str(out), "-j", str(jobs), "-q"], check=True, cwd=ROOT)
    wall = time.perf_counter() - t
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    tei_mb = sum(p.stat().st_size for p in tei.glob("*.xml")) / 1e6
    html = sum(p.stat().st_size for p in out.rglob("*.html"))
    index = (out / "search-index.js").stat().st_size
    print(f"tei edition site -j {jobs}: {tei_mb:.1f} MB of TEI, {wall:.1f} s wall, "
          f"{use.ru_utime + use.ru_stime:.1f} s CPU, peak {use.ru_maxrss / 1024:.0f} MiB")
    print(f"HTML: {html / 1e6:.1f} MB; search-index.js: {index / 1e6:.1f} MB ({index / html:.1%} of the HTML)")
    if browser:
        for q, (seconds, status) in browser_search(out, ["the", "de"]).items():
            print(f"search {q!r} from file:// (load, decode, search, show): {seconds:.2f} s: {status}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tei", type=Path, default=None, help="a TEI corpus to build the site of")
    ap.add_argument("--jobs", type=int, default=2, help="with --tei: files in parallel")
    ap.add_argument("--size-mb", type=float, default=10.0, help="raw text to generate (MB)")
    ap.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--browser", action="store_true", help="time searches in chromium too")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-site-"))
    if args.tei:
        site_of_tei(args.tei, work, args.jobs, args.browser)
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        return
    files, total = generate(work / "raw", args.size_mb, 1)
    print(f"corpus: {len(files)} documents, {total / 1e6:.1f} MB of raw text")
    plain = run_build(work / "raw", work / "plain", "text,tsv")
    full = run_build(work / "raw", work / "full", "html,text,tsv")
    print(f"tei build -j 2, text,tsv: {plain['wall']:.1f} s; html,text,tsv (with the site): "
          f"{full['wall']:.1f} s")
    steps = site_steps(work / "full", work / "site")
    print(f"site records: {steps['records']:.2f} s for {steps['documents']} documents "
          f"({steps['documents'] / steps['records']:.0f}/s, one process); pages and index: "
          f"{steps['pages']:.2f} s ({steps['files']} files, {steps['participants']} participants, "
          f"{steps['utterances']} utterances)")
    editions = work / "full" / "editions"
    html = sum(p.stat().st_size for p in editions.rglob("*.html"))
    index = (editions / "search-index.js").stat().st_size
    print(f"HTML of the site: {html / 1e6:.2f} MB; search-index.js: {index / 1e6:.2f} MB "
          f"({index / html:.1%} of the HTML; the texts alone as JSON strings: "
          f"{steps['text_json_bytes'] / 1e6:.2f} MB, the index is {index / steps['text_json_bytes']:.0%} of them)")
    if args.browser:
        for q, (seconds, status) in browser_search(editions, ["the", "thank you very much"]).items():
            print(f"search {q!r} from file:// (load, decode, search, show): {seconds:.2f} s: {status}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
