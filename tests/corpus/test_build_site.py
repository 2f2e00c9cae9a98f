"""tei build and the corpus site: written with the HTML editions, kept up to date, never over a hand edit."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from tei_corpus.cli import cli
from tei_corpus.corpus import BuildOptions, build
from tei_corpus.editions import site_record
from tei_corpus.editions.site import load_record, record_bytes

from corpus_helpers import make_raw, snapshot

SITE = ("editions/index.html", "editions/participants.html", "editions/search.html",
        "editions/search-index.js", "editions/site.js")


def site_files(out: Path) -> list[str]:
    return sorted(k for k in snapshot(out) if k in SITE or k.startswith("editions/people/"))


def test_the_site_comes_with_the_html_editions_and_goes_with_them(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_raw(raw)
    summary, _ = build(raw, out)
    assert summary.failed == 0
    pages = site_files(out)
    assert set(SITE) <= set(pages) and any(p.startswith("editions/people/") for p in pages)
    assert "data-f-speaker" in (out / "editions" / "index.html").read_text(encoding="utf-8")
    summary, _ = build(raw, out, BuildOptions(kinds=("text",)))
    assert summary.corpus_diagnostics == []
    assert site_files(out) == ["editions/index.html"]          # the plain index alone
    assert "data-f-speaker" not in (out / "editions" / "index.html").read_text(encoding="utf-8")


def test_a_participant_who_leaves_loses_the_page_and_a_hand_edit_is_kept(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    sources = make_raw(raw)
    build(raw, out)
    before = set(site_files(out))
    mine = out / "editions" / "participants.html"
    mine.write_text("<p>my list</p>\n", encoding="utf-8")
    sources[0].unlink()                                    # its speakers' pages must go
    summary, _ = build(raw, out)
    after = set(site_files(out))
    assert after < before and all(p.startswith("editions/people/") for p in before - after)
    assert [(d.path, d.code) for d in summary.corpus_diagnostics] == [(str(mine), "output-changed")]
    assert mine.read_text(encoding="utf-8") == "<p>my list</p>\n"
    build(raw, out, BuildOptions(force=True))
    assert "my list" not in mine.read_text(encoding="utf-8")


def test_an_unchanged_site_page_is_not_written_again(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    sources = make_raw(raw)
    build(raw, out)
    before = {p: (out / p).stat().st_mtime_ns for p in site_files(out)}
    with open(sources[0], "a", encoding="utf-8") as fh:
        fh.write("\nQUESTION: And one more?\n")
    build(raw, out)
    touched = {p for p, t in before.items() if (out / p).stat().st_mtime_ns != t}
    assert "editions/search-index.js" in touched
    assert "editions/site.js" not in touched and "editions/search.html" not in touched



def test_a_changed_script_writes_the_site_again_and_not_the_corpus_file(tmp_path, monkeypatch):
    """The site and the index follow the stylesheets and the site's script; corpus.xml does not."""
    import shutil

    from tei_corpus.corpus import manifest as manifest_mod
    from tei_corpus.editions import site_pages

    raw, out = tmp_path / "raw", tmp_path / "out"
    make_raw(raw)
    xslt = tmp_path / "xslt"
    shutil.copytree(Path(__file__).resolve().parents[2] / "xslt", xslt)
    real = manifest_mod.data_dir
    monkeypatch.setattr(manifest_mod, "data_dir", lambda name: xslt if name == "xslt" else real(name))
    monkeypatch.setattr(site_pages, "xslt_dir", lambda: xslt)
    build(raw, out)
    corpus = (out / "corpus.xml").stat().st_mtime_ns
    with open(xslt / "site" / "site.js", "a", encoding="utf-8") as fh:
        fh.write("/* changed */\n")
    summary, _ = build(raw, out)
    assert summary.updated == 4 and summary.corpus_written is False
    assert (out / "corpus.xml").stat().st_mtime_ns == corpus
    assert (out / "editions" / "site.js").read_text(encoding="utf-8").endswith("/* changed */\n")


def manifest_bytes(out: Path) -> bytes:
    with sqlite3.connect(out / ".tei-build.sqlite") as con:
        return b"".join(r[0].encode("utf-8") for r in con.execute("SELECT record FROM files"))


def test_each_document_s_part_of_the_site_is_a_file_beside_its_page_not_a_manifest_row(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    sources = make_raw(raw)
    build(raw, out)
    records = sorted((out / "editions" / "html").glob("*.site.json"))
    assert [p.name for p in records] == sorted(f"{s.stem}.site.json" for s in sources)
    rows = manifest_bytes(out)
    for path in records:
        tei = etree.parse(str(out / path.name.replace(".site.json", ".xml")))
        assert path.read_bytes() == record_bytes(site_record(tei, f"html/{path.name[:-10]}.html"))
        texts = [u[7] for u in load_record(path.read_bytes(), str(path))["u"] if len(u[7]) > 40]
        assert texts and not any(t.encode("utf-8") in rows for t in texts)   # no corpus text
        assert f'"editions/html/{path.name}": "'.encode() in rows           # an output, hashed
    assert b'"site"' not in rows


def test_a_record_removed_is_written_again_and_the_site_stays_the_same(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_raw(raw)
    build(raw, out)
    before = snapshot(out)
    victim = sorted((out / "editions" / "html").glob("*.site.json"))[1]
    victim.unlink()
    summary, _ = build(raw, out)
    assert (summary.updated, summary.skipped, summary.failed) == (1, 3, 0)
    assert snapshot(out) == before


def test_a_damaged_record_stops_the_site_with_one_line_and_writes_nothing(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    sources = make_raw(raw)
    build(raw, out)
    victim = out / "editions" / "html" / f"{sources[0].stem}.site.json"
    victim.write_bytes(b'{"href": 3}\n')
    with open(sources[1], "a", encoding="utf-8") as fh:       # the corpus file must change
        fh.write("\nQUESTION: And one more?\n")
    before = snapshot(out)
    res = CliRunner().invoke(cli, ["build", str(raw), "-o", str(out), "-q"])
    assert res.exit_code == 2
    assert res.stderr == (f"Error: {victim}:0:0: error: not a site record: its fields are not "
                          "those tei-corpus writes [site-record]\n")
    after = snapshot(out)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed and all(k.startswith("editions/") or k.endswith(".xml") for k in changed)
    assert {"corpus.xml", *SITE} & set(changed) == set()        # neither the corpus nor the site
    victim.unlink()
    res = CliRunner().invoke(cli, ["build", str(raw), "-o", str(out), "-q"])
    assert (res.exit_code, res.stderr) == (0, "")
    clean = tmp_path / "clean"
    build(raw, clean)
    assert snapshot(out) == snapshot(clean)


def test_a_hand_edited_record_is_kept_and_the_site_is_made_of_it(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    sources = make_raw(raw)
    build(raw, out)
    mine = out / "editions" / "html" / f"{sources[2].stem}.site.json"
    rec = load_record(mine.read_bytes(), str(mine))
    rec["u"][0][7] = "Zyzzyva quokka, said by hand."
    mine.write_bytes(record_bytes(rec))
    with open(sources[2], "a", encoding="utf-8") as fh:       # its editions are written again
        fh.write("\nQUESTION: And one more?\n")
    summary, noted = build(raw, out)
    assert summary.converted == 1
    assert [(d.path, d.code) for o in noted for d in o.diagnostics] == [(str(mine), "output-changed")]
    assert mine.read_bytes() == record_bytes(rec)
    assert "Zyzzyva" in (out / "editions" / "search-index.js").read_text(encoding="utf-8")
    build(raw, out, BuildOptions(force=True))
    assert "Zyzzyva" not in (out / "editions" / "search-index.js").read_text(encoding="utf-8")
