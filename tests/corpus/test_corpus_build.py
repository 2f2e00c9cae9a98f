"""tei build as a library: incremental rebuilds, removals, failures, determinism, executors."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from tei_corpus.corpus import BuildOptions, Builder, build
from tei_corpus.corpus import manifest as manifest_mod

from corpus_helpers import make_raw, snapshot, stamps

TEI = "{http://www.tei-c.org/ns/1.0}"
ROOT = Path(__file__).resolve().parents[2]


def tei_children(corpus: Path) -> list[str]:
    root = etree.parse(str(corpus)).getroot()
    return [t.get("{http://www.w3.org/XML/1998/namespace}id") for t in root.iterfind(TEI + "TEI")]


@pytest.fixture
def built(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_raw(raw)
    summary, noted = build(raw, out)
    assert summary.converted == 4 and summary.failed == 0
    return raw, out


def test_first_build_writes_tei_editions_corpus_and_index(built):
    raw, out = built
    names = sorted(p.name for p in out.glob("*.xml"))
    assert names == sorted([p.stem + ".xml" for p in raw.glob("*.txt")] + ["corpus.xml"])
    for p in raw.glob("*.txt"):
        stem = p.stem
        assert (out / "editions" / "html" / f"{stem}.html").is_file()
        assert (out / "editions" / "text" / f"{stem}.txt").is_file()
        for t in ("utterances", "participants", "events"):
            assert (out / "editions" / "tsv" / f"{stem}.{t}.tsv").is_file()
    index = (out / "editions" / "index.html").read_text(encoding="utf-8")
    for p in raw.glob("*.txt"):
        assert f'href="html/{p.stem}.html"' in index
    assert len(tei_children(out / "corpus.xml")) == 4


def test_second_run_with_nothing_changed_skips_everything(built):
    raw, out = built
    before = stamps(out)
    summary, _ = build(raw, out)
    assert (summary.converted, summary.updated, summary.skipped, summary.failed) == (0, 0, 4, 0)
    assert summary.corpus_written is False
    assert stamps(out) == before


def test_changed_input_rebuilds_only_that_file(built):
    raw, out = built
    before = stamps(out)
    victim = sorted(raw.glob("*.txt"))[1]
    with open(victim, "a", encoding="utf-8") as fh:
        fh.write("\nQ: One more question?\n")
    summary, _ = build(raw, out)
    assert (summary.converted, summary.skipped) == (1, 3)
    after = stamps(out)
    changed = sorted(k for k in after if after[k] != before.get(k))
    stem = victim.stem
    # The site around the HTML editions: its search index, and the pages of the
    # participants whose counts changed, all of them in that document.
    site = [k for k in changed if k in ("editions/search-index.js", "editions/participants.html")
            or k.startswith("editions/people/")]
    assert "editions/search-index.js" in site
    for k in site:
        if k.startswith("editions/people/"):
            assert f"html/{stem}.html" in (out / k).read_text(encoding="utf-8")
    assert sorted(set(changed) - set(site)) == sorted([f"{stem}.xml", "corpus.xml", "editions/index.html",
                              f"editions/html/{stem}.html", f"editions/html/{stem}.site.json",
                              f"editions/text/{stem}.txt",
                              *(f"editions/tsv/{stem}.{t}.tsv"
                                for t in ("events", "participants", "utterances"))])


def test_touched_but_unchanged_input_is_skipped(built):
    raw, out = built
    victim = sorted(raw.glob("*.txt"))[0]
    st = victim.stat()
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    summary, _ = build(raw, out)
    assert (summary.converted, summary.skipped) == (0, 4)


def test_deleted_input_removes_its_outputs(built):
    raw, out = built
    victim = sorted(raw.glob("*.txt"))[2]
    victim.unlink()
    summary, _ = build(raw, out)
    assert (summary.removed, summary.skipped, summary.converted) == (1, 3, 0)
    leftovers = [p for p in out.rglob(f"{victim.stem}*")]
    assert leftovers == []
    assert len(tei_children(out / "corpus.xml")) == 3
    assert victim.stem not in (out / "editions" / "index.html").read_text(encoding="utf-8")


def test_changed_stylesheet_rebuilds_editions_not_tei(built, monkeypatch, tmp_path):
    raw, out = built
    xslt = tmp_path / "xslt"
    import shutil
    shutil.copytree(ROOT / "xslt", xslt)
    real = manifest_mod.data_dir
    monkeypatch.setattr(manifest_mod, "data_dir", lambda name: xslt if name == "xslt" else real(name))
    summary, _ = build(raw, out)           # same stylesheets, another place: nothing to do
    assert (summary.converted, summary.updated, summary.skipped) == (0, 0, 4)
    with open(xslt / "html.xsl", "a", encoding="utf-8") as fh:
        fh.write("<!-- changed -->\n")
    before = stamps(out)
    summary, _ = build(raw, out)
    assert (summary.converted, summary.updated, summary.skipped) == (0, 4, 0)
    after = stamps(out)
    assert all(after[k] == before[k] for k in after if k.endswith(".xml"))
    assert all(after[k] != before[k] for k in after if k.startswith("editions/html/"))


def test_changed_registry_reconverts(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_raw(raw, names=("009_au-pm-howard-doorstop-ryde-2006.txt",))
    reg = tmp_path / "people.csv"
    reg.write_text("label,id,name\nPRIME MINISTER,howard,John Howard\n", encoding="utf-8")
    opts = BuildOptions(people=str(reg))
    assert build(raw, out, opts)[0].converted == 1
    assert build(raw, out, opts)[0].skipped == 1
    reg.write_text("label,id,name\nPRIME MINISTER,howard,John Winston Howard\n", encoding="utf-8")
    assert build(raw, out, opts)[0].converted == 1


def test_one_failing_file_does_not_stop_the_build(built):
    raw, out = built
    (raw / "broken.txt").write_bytes(b"abc\x00\x01\x02 binary")
    summary, noted = build(raw, out)
    assert (summary.failed, summary.skipped, summary.converted) == (1, 4, 0)
    assert [str(d) for o in noted for d in o.diagnostics] == [
        f"{raw / 'broken.txt'}:1:1: error: binary file: not a text transcript [binary]"]
    assert not (out / "broken.xml").exists()
    assert len(tei_children(out / "corpus.xml")) == 4
    index = (out / "editions" / "index.html").read_text(encoding="utf-8")
    assert "broken.txt" in index and "binary file: not a text transcript" in index
    # A failed file is tried again (and reported again) on the next run.
    again, _ = build(raw, out)
    assert (again.failed, again.skipped) == (1, 4)
    (raw / "broken.txt").write_text("Q: Is it fixed now?\n\nA: Yes.\n", encoding="utf-8")
    fixed, _ = build(raw, out)
    assert (fixed.failed, fixed.converted, fixed.skipped) == (0, 1, 4)
    assert len(tei_children(out / "corpus.xml")) == 5


def test_output_is_the_same_with_one_and_two_jobs(tmp_path):
    raw = tmp_path / "raw"
    make_raw(raw)
    build(raw, tmp_path / "j1", jobs=1)
    build(raw, tmp_path / "j2", jobs=2)
    a, b = snapshot(tmp_path / "j1"), snapshot(tmp_path / "j2")
    assert a and a == b


def test_corpus_file_is_valid_tei_all(built, tei_all):
    _, out = built
    tree = etree.parse(str(out / "corpus.xml"))
    assert tei_all.validate(tree), str(tei_all.error_log)[:2000]


def test_resume_after_kill(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    files = make_raw(raw, copies=15)      # enough work that the kill lands mid-build
    cmd = [sys.executable, "-c", "from tei_corpus.cli import cli; cli()", "build", str(raw),
           "-o", str(out), "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db = out / ".tei-build.sqlite"
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                    done = con.execute("SELECT COUNT(*) FROM files").fetchone()[0]
            except sqlite3.Error:
                done = 0
            if done >= 3:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be killed"
    proc.kill()
    proc.wait()
    for p in out.glob("*.xml"):           # whatever is there under its real name is whole
        etree.parse(str(p))
    summary, _ = build(raw, out)
    assert summary.failed == 0 and summary.skipped >= 3
    assert summary.converted + summary.skipped == len(files)
    assert [p for p in out.rglob("*.tmp")] == []
    build(raw, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_dask_executor_on_a_local_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    raw = tmp_path / "raw"
    make_raw(raw, names=("009_au-pm-howard-doorstop-ryde-2006.txt",
                         "020_hearing-irancontra-north-1987-excerpt.txt"))
    build(raw, tmp_path / "local")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        summary, _ = build(raw, tmp_path / "dask", executor="dask",
                           scheduler=cluster.scheduler_address)
    assert summary.converted == 2 and summary.failed == 0
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")


def test_builder_refuses_reserved_and_colliding_outputs(tmp_path):
    raw = tmp_path / "raw"
    make_raw(raw, names=("009_au-pm-howard-doorstop-ryde-2006.txt",))
    (raw / "corpus.txt").write_text("Q: Hello?\n\nA: Hi.\n", encoding="utf-8")
    (raw / "009_au-pm-howard-doorstop-ryde-2006.md").write_text("Q: Hello?\n", encoding="utf-8")
    b = Builder(raw, tmp_path / "out")
    try:
        plan = b.plan()
        codes = sorted(d.code for o in plan.refused for d in o.diagnostics)
    finally:
        b.close()
    assert codes == ["output-collision", "reserved-output"]


def test_build_check_reports_columns_when_given_the_bytes():
    from tei_corpus.corpus.checks import check_document
    from tei_corpus.xmlio import parse_bytes

    data = (ROOT / "tests" / "data" / "validate" / "design-example.xml").read_bytes()
    data = data.replace(b'who="#blinken"', b'who="#nobody"', 1)
    tree = parse_bytes(data, "doc.xml")
    with_bytes = [d for d in check_document(tree, "doc.xml", data) if d.code == "pointer-unresolved"]
    without = [d for d in check_document(tree, "doc.xml") if d.code == "pointer-unresolved"]
    assert len(with_bytes) == len(without) == 1
    line = data.decode().splitlines()[with_bytes[0].line - 1]
    assert with_bytes[0].col == line.index('who="#nobody"') + 1 and without[0].col == 0
