"""Inputs are sacred: no command writes among its inputs, over an input, or over another output."""
from __future__ import annotations

import os
import shutil

import pytest

from safety_helpers import EXAMPLE, GOOD, run, tree_bytes

AMONG = "the output folder must not be {what} or contain it (outputs are never written among the inputs)"


@pytest.fixture
def mixed(tmp_path):
    """A folder as archivists keep them: a raw transcript, a saved page and a TEI file side by side."""
    d = tmp_path / "d"
    d.mkdir()
    (d / "x.txt").write_text(GOOD, encoding="utf-8")
    (d / "y.html").write_text("<html><body><p>MODERATOR: A saved page.</p></body></html>",
                              encoding="utf-8")
    shutil.copyfile(EXAMPLE, d / "x.xml")
    shutil.copyfile(EXAMPLE, d / "y.xml")
    return d


def test_the_two_command_overwrite_is_refused(mixed):
    """`tei convert DIR -o DIR` then `tei edition text DIR -o DIR` used to replace x.txt."""
    before = tree_bytes(mixed)
    r = run("convert", mixed, "-o", mixed, "-q")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == f"Error: {mixed}: {AMONG.format(what='the source folder')}\n"
    for kind in ("text", "html", "text,html,tsv"):
        r = run("edition", kind, mixed, "-o", mixed, "-q")
        assert r.exit_code == 2
        assert r.stderr == f"Error: {mixed}: {AMONG.format(what='the source folder')}\n"
    assert tree_bytes(mixed) == before


def test_an_output_folder_holding_an_input_or_its_folder_is_refused(mixed):
    before = tree_bytes(mixed)
    parent = mixed.parent
    r = run("convert", mixed, "-o", parent, "-q")
    assert r.exit_code == 2
    assert r.stderr == f"Error: {parent}: {AMONG.format(what='the source folder')}\n"
    # a named file: its own folder is as much an input folder (x.txt is next to x.xml)
    r = run("edition", "text", mixed / "x.xml", "-o", mixed, "-q")
    assert r.exit_code == 2
    assert r.stderr == f"Error: {mixed}: {AMONG.format(what='the folder of ' + str(mixed / 'x.xml'))}\n"
    r = run("convert", mixed / "x.txt", mixed / "y.html", "-o", parent / ".", "-q")
    assert r.exit_code == 2
    assert r.stderr == f"Error: {parent / '.'}: {AMONG.format(what='the folder of ' + str(mixed / 'x.txt'))}\n"
    r = run("build", mixed, "-o", parent, "-q")
    assert r.exit_code == 2
    assert r.stderr == f"Error: {parent}: {AMONG.format(what='the source folder')}\n"
    assert tree_bytes(mixed) == before
    assert sorted(p.name for p in parent.iterdir()) == ["d"]     # nothing written anywhere


def test_an_output_folder_inside_the_source_folder_is_fine(mixed):
    r = run("convert", mixed, "-o", mixed / "tei", "-q")
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in (mixed / "tei").iterdir()) == [".tei-written", "x.xml", "y.xml"]
    r = run("edition", "text", mixed / "x.xml", "-o", mixed / "text", "-q")
    assert r.exit_code == 0 and (mixed / "text" / "x.txt").read_text(encoding="utf-8")
    assert (mixed / "x.txt").read_text(encoding="utf-8") == GOOD


def test_an_output_that_is_an_input_file_is_refused(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(GOOD, encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "n.txt").write_text(GOOD.replace("today", "tonight"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.link(notes / "n.txt", out / "a.xml")          # out/a.xml *is* the input notes/n.txt
    r = run("convert", raw, notes / "n.txt", "-o", out, "-q")
    assert r.exit_code == 2
    assert r.stderr == f"Error: {out / 'a.xml'}: is one of the inputs; refusing to overwrite it\n"
    assert (out / "a.xml").read_text(encoding="utf-8") == GOOD.replace("today", "tonight")
    assert os.path.samefile(out / "a.xml", notes / "n.txt")


def test_a_document_named_index_is_refused_not_overwritten_by_the_index(tmp_path):
    src = tmp_path / "tei"
    src.mkdir()
    shutil.copyfile(EXAMPLE, src / "a.xml")
    shutil.copyfile(EXAMPLE, src / "index.xml")
    out = tmp_path / "out"
    r = run("edition", "html", src, "-o", out, "-q")
    assert r.exit_code == 1
    assert r.stderr == (f"{src / 'index.xml'}:0:0: error: its edition {out.as_posix()}/index.html "
                        "would overwrite the index page [output-collision]\n")
    assert sorted(p.name for p in out.iterdir()) == [".tei-written", "a.html", "index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="a.html"' in index and 'href="index.html"' not in index
    r = run("edition", "html", src, "-o", tmp_path / "noindex", "--no-index", "-q")
    assert r.exit_code == 0                      # no index: the page may be called index.html
    assert sorted(p.name for p in (tmp_path / "noindex").iterdir()) == [".tei-written", "a.html", "index.html"]


def test_two_documents_with_one_output_name_the_second_is_refused(tmp_path):
    for sub in ("one", "two"):
        (tmp_path / sub).mkdir()
        shutil.copyfile(EXAMPLE, tmp_path / sub / "a.xml")
    out = tmp_path / "out"
    r = run("edition", "text,tsv", tmp_path / "one", tmp_path / "two", "-o", out, "-q")
    assert r.exit_code == 1
    assert r.stderr == (f"{tmp_path / 'two' / 'a.xml'}:0:0: error: its edition {out.as_posix()}/a.txt "
                        f"would overwrite the edition of {tmp_path / 'one' / 'a.xml'} [output-collision]\n")
    assert sorted(p.name for p in out.iterdir()) == [
        ".tei-written", "a.events.tsv", "a.participants.tsv", "a.txt", "a.utterances.tsv"]


def test_two_transcripts_with_one_output_name_stop_tei_convert_before_anything_is_written(tmp_path):
    for sub in ("one", "two"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    r = run("convert", tmp_path / "one" / "x.txt", tmp_path / "two" / "x.txt", "-o", out, "-q")
    assert r.exit_code == 2
    assert r.stderr == (f"Error: {tmp_path / 'two' / 'x.txt'} and {tmp_path / 'one' / 'x.txt'} "
                        f"would both be written to {out / 'x.xml'}\n")
    assert not out.exists()


def test_convert_and_edition_never_replace_a_file_they_did_not_write(tmp_path):
    """A file in the output folder that tei-corpus did not write, or that was
    changed since it wrote it (a hand correction), is kept: one line, exit 1;
    --force replaces it; outputs it wrote itself are replaced silently."""
    raw, out, eds = tmp_path / "raw", tmp_path / "out", tmp_path / "eds"
    raw.mkdir()
    (raw / "x.txt").write_text(GOOD, encoding="utf-8")
    (raw / "y.txt").write_text(GOOD.replace("SENATOR SMITH", "SENATOR JONES"), encoding="utf-8")
    out.mkdir()
    (out / "x.xml").write_text("<mine>an archivist's own file</mine>\n", encoding="utf-8")
    r = run("convert", raw, "-o", out, "-q")
    assert r.exit_code == 1 and (out / "x.xml").read_text(encoding="utf-8").startswith("<mine>")
    assert f"{out / 'x.xml'} exists and was not written by tei-corpus" in r.stderr
    assert (out / "y.xml").is_file()
    r = run("convert", raw, "-o", out, "-q")          # y.xml is ours: replaced without a word
    assert r.exit_code == 1 and "y.xml exists" not in r.stderr
    r = run("convert", raw, "-o", out, "-q", "--force")
    assert r.exit_code == 0 and b"<TEI" in (out / "x.xml").read_bytes()
    r = run("edition", "text", out, "-o", eds, "-q")
    assert r.exit_code == 0
    corrected = (eds / "x.txt").read_text(encoding="utf-8") + "A hand correction.\n"
    (eds / "x.txt").write_text(corrected, encoding="utf-8")
    r = run("edition", "text", out, "-o", eds, "-q")
    assert r.exit_code == 1 and "x.txt exists and was not written by tei-corpus" in r.stderr
    assert (eds / "x.txt").read_text(encoding="utf-8") == corrected
    r = run("edition", "text", out, "-o", eds, "-q", "--force")
    assert r.exit_code == 0 and (eds / "x.txt").read_text(encoding="utf-8") != corrected
