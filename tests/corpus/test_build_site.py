"""tei build and the corpus site: written with the HTML editions, kept up to date, never over a hand edit."""
from __future__ import annotations

from pathlib import Path

from tei_corpus.corpus import BuildOptions, build

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
