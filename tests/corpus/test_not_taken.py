"""Files a build or a conversion does not take are named, each with its reason:
in the summary on stderr, in the JSON summary, and in the corpus index."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lhtml

from tei_corpus.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus_raw" / "000_state-blinken-cho-seoul-2025.txt"
RTF = ROOT / "tests" / "data" / "convert" / "rtf" / "blinken-cho-excerpt.rtf"
SUFFIXES = (".txt, .text, .md, .markdown, .html, .htm, .vtt, .srt, .json, .csv, .tsv, .pdf, "
            ".docx, .odt, .rtf, .eaf, .textgrid, .xlsx, .xlsm, .ods")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def why(suffix: str) -> str:
    return (f"not taken: its suffix '{suffix}' is not one read in folders ({SUFFIXES}); "
            "name the file to read it anyway")


@pytest.fixture
def raw(tmp_path) -> Path:
    pytest.importorskip("striprtf", reason="striprtf is in the 'formats' extra")
    src = tmp_path / "raw"
    (src / "sub").mkdir(parents=True)
    shutil.copy(SEED, src / "a.txt")
    shutil.copy(SEED, src / "notes.doc")                     # a suffix no reader knows
    (src / "sub" / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (src / "sub" / "cut.rtf").write_bytes(RTF.read_bytes()[:2000])    # truncated
    return src


def test_build_names_every_file_not_taken_and_why(raw, tmp_path):
    out = tmp_path / "out"
    res = run("build", raw, "-o", out, "--editions", "html")
    assert res.exit_code == 1
    lines = res.stderr.splitlines()
    assert lines[:3] == [
        f"{raw}/notes.doc:0:0: warning: {why('.doc')} [unknown-suffix]",
        f"{raw}/sub/scan.png:0:0: warning: {why('.png')} [unknown-suffix]",
        f"{raw}/sub/cut.rtf:14:82: error: truncated RTF: the file ends inside 1 open group "
        "(the one opened at 1:1 is never closed); save the file again in full [rtf-invalid]"]
    assert lines[-1].startswith("1 converted, 0 updated, 0 skipped, 1 failed, 2 not taken, "
                                "0 removed, 2 warnings in ")
    page = lhtml.fromstring((out / "editions" / "index.html").read_bytes())
    listed = {h.get("id"): [(li.findtext("code"), li.find("span").text_content())
                            for li in h.getnext().iter("li")] for h in page.iter("h2")}
    assert listed["skipped-h"] == [("notes.doc", why(".doc")), ("sub/scan.png", why(".png"))]
    assert [src for src, _ in listed["failed-h"]] == ["sub/cut.rtf"]
    assert listed["failed-h"][0][1].endswith("[rtf-invalid]")
    # an unchanged rebuild says the same; JSON lists them in its summary
    res = run("build", raw, "-o", out, "--editions", "html", "--format", "json")
    doc = json.loads(res.stdout)
    assert [(d["path"], d["message"]) for d in doc["summary"]["not_taken"]] == [
        (f"{raw}/notes.doc", why(".doc")), (f"{raw}/sub/scan.png", why(".png"))]
    # a file taken away leaves the index
    (raw / "notes.doc").unlink()
    run("build", raw, "-o", out, "--editions", "html", "-q")
    page = lhtml.fromstring((out / "editions" / "index.html").read_bytes())
    assert [li.findtext("code") for li in page.get_element_by_id("skipped-h").getnext()
            .iter("li")] == ["sub/scan.png"]


def test_convert_names_every_file_not_taken_and_counts_them(raw, tmp_path):
    res = run("convert", raw, "-o", tmp_path / "out")
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("  ")]
    assert res.exit_code == 1
    assert lines[:2] == [f"{raw}/notes.doc:0:0: warning: {why('.doc')} [unknown-suffix]",
                         f"{raw}/sub/scan.png:0:0: warning: {why('.png')} [unknown-suffix]"]
    assert lines[-1] == "1 converted, 1 failed, 2 not taken"
    assert sorted(p.name for p in (tmp_path / "out").rglob("*")) == [".tei-written", "a.xml"]
