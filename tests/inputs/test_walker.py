"""One input walker: every command takes the same files from a folder of awkward names.

Real processes on real FIFOs, symlinks and non-UTF-8 names; each run is bounded
in time, so a command that opened the FIFO would fail the test, not hang it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path, PurePath

import pytest
from inputs_helpers import (CANARY, NON_UTF8, RAW, ROOT, make_awkward, refusal_lines, run_tei,
                            tei)

from tei_corpus.errors import ConfigError, Diagnostic
from tei_corpus.inputs import Input, iter_inputs

TAKEN_TEI = ["Mixed.Xml", "a.xml", "caf\\xe9.xml", "new\\nline.xml", "sub/UPPER.XML",
             "with space.xml"]


@pytest.fixture
def tei_folder(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    taken = make_awkward(folder, ".xml", tei)
    assert sorted(taken) == TAKEN_TEI
    return folder


def test_walk_order_rules_and_diagnostics(tei_folder):
    items = list(iter_inputs([tei_folder], (".xml", ".tei")))
    got = [(str(i.rel), "input") if isinstance(i, Input) else (i.path, i.code) for i in items]
    f = str(tei_folder)
    assert got == [
        ("Mixed.Xml", "input"), ("a.xml", "input"), (NON_UTF8 + ".xml", "input"),
        (f + "/fifo.xml", "not-a-file"), ("new\nline.xml", "input"),
        (f + "/out.xml", "symlink-outside"), (f + "/self.xml", "symlink-loop"),
        ("sub/UPPER.XML", "input"), (f + "/sub/loop", "symlink-loop"),
        ("with space.xml", "input"), (f, "unknown-suffix")]
    assert str(items[-1]) == (f"{f}:0:0: warning: 1 file not taken (suffix not .xml, .tei): "
                              "notes.doc [unknown-suffix]")
    assert all(i.base == tei_folder for i in items if isinstance(i, Input))


def test_follow_symlinks_follows_a_link_out_but_never_a_loop(tei_folder):
    items = list(iter_inputs([tei_folder], (".xml",), follow_symlinks=True))
    rels = [str(i.rel) for i in items if isinstance(i, Input)]
    assert "out.xml" in rels
    codes = sorted(i.code for i in items if isinstance(i, Diagnostic))
    assert codes == ["not-a-file", "symlink-loop", "symlink-loop", "unknown-suffix"]


def test_named_entries(tmp_path):
    fifo = tmp_path / "p.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "l.xml"
    loop.symlink_to(loop)
    other = tmp_path / "notes.doc"
    other.write_text("x", encoding="utf-8")
    items = list(iter_inputs([fifo, loop, other], (".xml",)))
    assert [str(i) for i in items] == [
        f"{fifo}:0:0: error: is a named pipe (FIFO), not a regular file; not read [not-a-file]",
        f"{loop}:0:0: error: symbolic link loop; not followed [symlink-loop]",
        str(other)]                                  # named: taken whatever its suffix
    assert items[2] == Input(other, PurePath("notes.doc"), None)
    with pytest.raises(ConfigError, match="no such file or folder"):
        list(iter_inputs([tmp_path / "missing"], (".xml",)))


def test_validate_edition_and_stats_take_the_same_files(tei_folder, tmp_path):
    refused = refusal_lines(tei_folder, ".xml")
    warning = (f"{tei_folder}:0:0: warning: 1 file not taken (suffix not .xml, .tei): "
               "notes.doc [unknown-suffix]")
    val = run_tei("validate", tei_folder, "--format", "json", "--no-rules", "-j", "2", timeout=90)
    assert val.returncode == 1, val.stderr
    report = json.loads(val.stdout.decode("utf-8"))          # strict UTF-8, valid JSON
    by_status = {}
    for f in report["files"]:
        by_status.setdefault(f["status"], []).append(f["path"])
    assert sorted(p.removeprefix(f"{tei_folder}/") for p in by_status["valid"]) == TAKEN_TEI
    assert sorted(by_status["unchecked"]) == sorted(r.split(":0:0:")[0] for r in refused)
    assert val.stderr.decode().splitlines()[0] == warning

    out = tmp_path / "editions"
    ed = run_tei("edition", "text", tei_folder, "-o", out, "-j", "2", timeout=90)
    assert ed.returncode == 1
    assert ed.stderr.decode().splitlines() == [warning, *refused,
                                               "6 rendered (6 files written), 4 failed"]
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*")
                     if p.is_file() and p.name != ".tei-written")
    assert written == sorted(n.replace("caf\\xe9", NON_UTF8).replace("\\n", "\n")
                             .replace(".xml", ".txt").replace(".XML", ".txt").replace(".Xml", ".txt")
                             for n in TAKEN_TEI)
    assert not any(CANARY in p.read_bytes() for p in out.rglob("*") if p.is_file())

    st = run_tei("stats", tei_folder, "--format", "json", timeout=90)
    assert st.returncode == 1
    assert st.stderr.decode().splitlines() == [warning, *refused]
    docs = json.loads(st.stdout.decode("utf-8"))["corpora"][0]["documents_stats"]
    assert sorted(d["path"].removeprefix(f"{tei_folder}/") for d in docs) == TAKEN_TEI


def test_convert_and_build_take_the_same_files(tmp_path):
    src = tmp_path / "raw"
    taken = make_awkward(src, ".txt", lambda stem: RAW.replace(b"today", stem.encode()))
    refused = refusal_lines(src, ".txt")
    conv = run_tei("convert", src, "-o", tmp_path / "tei", "-q", "-j", "2", timeout=90)
    assert conv.returncode == 1
    assert conv.stderr.decode().splitlines() == refused
    converted = sorted(p.relative_to(tmp_path / "tei").as_posix()
                       for p in (tmp_path / "tei").rglob("*.xml"))
    expected = sorted(os.fsdecode(n.replace("caf\\xe9", NON_UTF8).replace("\\n", "\n").encode(
        "utf-8", "surrogateescape")).rsplit(".", 1)[0] + ".xml" for n in taken)
    assert converted == expected

    build = run_tei("build", src, "-o", tmp_path / "out", "--editions", "none", "-j", "2",
                    "--format", "json", "-q", timeout=180)
    assert build.returncode == 1
    result = json.loads(build.stdout.decode("utf-8"))
    errors = sorted(f"{d['path']}:{d['line']}:{d['col']}: error: {d['message']} [{d['code']}]"
                    for d in result["diagnostics"] if d["severity"] == "error")
    assert errors == sorted(refused + [
        f"{src}/caf\\xe9.txt:0:0: error: the file name is not valid UTF-8, which the build "
        "manifest cannot record; rename the file [bad-file-name]"])
    built = sorted(p.relative_to(tmp_path / "out").as_posix()
                   for p in (tmp_path / "out").rglob("*.xml") if p.name != "corpus.xml")
    assert built == [e for e in expected if not e.startswith(NON_UTF8)]
    assert CANARY not in (tmp_path / "out" / "corpus.xml").read_bytes()
    assert result["summary"]["failed"] == 5 and result["summary"]["converted"] == 5


@pytest.mark.parametrize("command", [("validate",), ("stats",), ("edition", "html"),
                                     ("convert",)])
def test_a_fifo_named_on_the_command_line_is_refused_at_once(tmp_path, command):
    fifo = tmp_path / ("named.txt" if command == ("convert",) else "named.xml")
    os.mkfifo(fifo)
    extra = ("-o", tmp_path / "out") if command[0] in ("edition", "convert") else ()
    res = run_tei(*command, fifo, *extra, "-q" if command[0] != "stats" else "--level=corpus",
                  timeout=60)
    line = f"{fifo}:0:0: error: is a named pipe (FIFO), not a regular file; not read [not-a-file]"
    where = res.stdout if command == ("validate",) else res.stderr
    assert line in where.decode().splitlines()
    assert res.returncode == 1


def test_a_fifo_read_by_the_library_reads_as_empty_not_a_hang(tmp_path):
    import subprocess
    import sys
    fifo = tmp_path / "p.xml"
    os.mkfifo(fifo)
    code = ("import sys; from tei_corpus.validate import validate_file; "
            "print([d.code for d in validate_file(sys.argv[1])])")
    res = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert res.stdout == "['not-well-formed']\n"          # "empty document", at once


def test_build_into_a_folder_inside_its_sources_never_walks_its_outputs(tmp_path):
    src = tmp_path / "raw"
    src.mkdir()
    (src / "a.txt").write_bytes(RAW)
    out = src / "built"
    for _ in range(2):
        res = run_tei("build", src, "-o", out, "--editions", "html,text,tsv", timeout=180)
        assert res.returncode == 0, res.stderr
        assert "unknown-suffix" not in res.stderr.decode()
    assert res.stderr.decode().splitlines()[-1].startswith(
        "0 converted, 0 updated, 1 skipped, 0 failed, 0 removed, 0 warnings")
