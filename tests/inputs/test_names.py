"""Odd file names: reported escaped, one line each, valid UTF-8 in text and JSON; still processed."""
from __future__ import annotations

import json
import os

from inputs_helpers import NON_UTF8, RAW, run_tei, tei

from tei_corpus.errors import Diagnostic, escape_name, escape_text


def test_escape_name_and_text():
    name = os.fsdecode(b"d/caf\xe9\n\\x\tb\x1b\xe2\x80\xa8.xml")
    assert escape_name(name) == "d/caf\\xe9\\n\\\\x\\tb\\x1b\\u2028.xml"
    assert escape_text("wrapped\nmessage about " + name) == \
        "wrapped message about d/caf\\xe9 \\x\tb\\x1b .xml"
    d = Diagnostic(name, 3, 4, "error", "code", "two\nlines")
    assert str(d) == "d/caf\\xe9\\n\\\\x\\tb\\x1b\\u2028.xml:3:4: error: two lines [code]"
    assert Diagnostic(**d.to_dict()) == d                  # the dict form round-trips
    assert d.to_json()["path"] == str(d).split(":3:4:")[0]  # JSON shows what text shows
    json.dumps(d.to_json(), ensure_ascii=False).encode("utf-8")   # no lone surrogate left


def test_validate_reports_odd_names_escaped_in_text_and_json(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / (NON_UTF8 + ".xml")).write_bytes(b"<TEI")                  # not well-formed
    (folder / "new\nline.xml").write_bytes(tei("other").replace(b"<body>", b"<body><bad/>", 1))
    text = run_tei("validate", folder, "-q", timeout=90)
    lines = text.stdout.decode("utf-8").splitlines()
    assert text.returncode == 1
    assert lines[0] == (f"{folder}/caf\\xe9.xml:1:5: error: Couldn't find end of Start Tag TEI line 1 "
                        "[not-well-formed]")
    assert len(lines) >= 2 and all(line.startswith(f"{folder}/") for line in lines)
    assert all(":0:0: error: internal" not in line for line in lines)
    assert lines[1].startswith(f"{folder}/new\\nline.xml:")
    js = run_tei("validate", folder, "-q", "--format", "json", timeout=90)
    files = json.loads(js.stdout.decode("utf-8"))["files"]
    assert [(f["path"], f["status"]) for f in files] == [
        (f"{folder}/caf\\xe9.xml", "not-well-formed"), (f"{folder}/new\\nline.xml", "invalid")]
    assert files[1]["diagnostics"][0]["path"] == f"{folder}/new\\nline.xml"


def test_build_goes_on_past_odd_names(tmp_path):
    src = tmp_path / "raw"
    src.mkdir()
    (src / (NON_UTF8 + ".txt")).write_bytes(RAW)
    (src / "new\nline.txt").write_bytes(RAW.replace(b"today", b"tonight"))
    (src / "plain.txt").write_bytes(RAW.replace(b"today", b"now"))
    res = run_tei("build", src, "-o", tmp_path / "out", "--editions", "html", timeout=180)
    assert res.returncode == 1
    err = res.stderr.decode("utf-8").splitlines()
    assert err[0] == (f"{src}/caf\\xe9.txt:0:0: error: the file name is not valid UTF-8, which "
                      "the build manifest cannot record; rename the file [bad-file-name]")
    assert err[-1].startswith("2 converted, 0 updated, 0 skipped, 1 failed,")
    assert (tmp_path / "out" / "new\nline.xml").is_file()
    assert (tmp_path / "out" / "editions" / "html" / "new\nline.html").is_file()
    again = run_tei("build", src, "-o", tmp_path / "out", "--editions", "html", timeout=180)
    assert again.returncode == 1
    assert again.stderr.decode("utf-8").splitlines()[-1].startswith(
        "0 converted, 0 updated, 2 skipped, 1 failed,")


def test_stats_and_edition_take_a_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / (NON_UTF8 + ".xml")).write_bytes(tei("cafe"))
    (folder / "new\nline.xml").write_bytes(tei("newline"))
    st = run_tei("stats", folder, "--format", "tsv", "--level", "document", timeout=90)
    assert st.returncode == 0, st.stderr
    assert st.stdout.decode("utf-8").splitlines()[1].startswith(f"document\t{folder}\tcafe\t")
    ed = run_tei("edition", "html", folder, "-o", tmp_path / "ed", "-q", timeout=90)
    assert ed.returncode == 0, ed.stderr
    assert (tmp_path / "ed" / (NON_UTF8 + ".html")).is_file()
    index = (tmp_path / "ed" / "index.html").read_text(encoding="utf-8")
    assert 'href="caf%E9.html"' in index and 'href="new%0Aline.html"' in index
