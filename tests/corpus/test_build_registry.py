"""tei build and the speaker registry: an edit reconverts exactly the files whose speakers it touches.

A small corpus from ../shared/samples/raw: 009 (JOURNALIST, PRIME MINISTER) at
the top, 003 (MR. FINER, Q) in briefings/, 025 (Q, A) at the top. Each build's
JSON summary lists the files it converted.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import GOLD_JSON, SAMPLES_RAW, need_shared
from tei_corpus.cli import cli
from tei_corpus.corpus import BuildOptions, build

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
HOWARD = "009_au-pm-howard-doorstop-ryde-2006.txt"
FINER = "briefings/003_wh-finer-gaggle-rio-2024.txt"
WU = "025_talk-jihan-wu-google-2016-QA.txt"
HEADER = "label,id,name,files\n"


@pytest.fixture
def raw(tmp_path) -> Path:
    need_shared(SAMPLES_RAW)
    gold = json.loads(need_shared(GOLD_JSON).read_text(encoding="utf-8"))
    folder = tmp_path / "raw"
    for rel in (HOWARD, FINER, WU):
        name = Path(rel).name
        assert gold[name]["speakers"], name
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES_RAW / name, folder / rel)
    assert set(gold[Path(FINER).name]["speakers"]) == {"MR. FINER", "Q"}
    assert set(gold[WU]["speakers"]) == {"Q", "A"}
    assert set(gold[HOWARD]["speakers"]) == {"JOURNALIST", "PRIME MINISTER"}
    return folder


class Corpus:
    """Build ``raw`` into ``out`` with the registry ``people.csv``, row by row."""

    def __init__(self, raw: Path, tmp_path: Path) -> None:
        self.raw, self.out, self.reg = raw, tmp_path / "out", tmp_path / "people.csv"
        self.diagnostics: list[str] = []

    def build(self, *rows: str) -> list[str]:
        """Write the registry with ``rows``, build, return the files converted."""
        self.reg.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
        r = CliRunner().invoke(cli, ["build", str(self.raw), "-o", str(self.out), "--people",
                                     str(self.reg), "--format", "json", "--editions", "none"],
                               catch_exceptions=False)
        doc = json.loads(r.stdout)
        self.diagnostics = [f"{d['path']}:{d['line']}:{d['col']}: {d['message']} [{d['code']}]"
                            for d in doc["diagnostics"]]
        assert r.exit_code == (1 if doc["summary"]["failed"] else 0), r.stderr
        assert doc["summary"]["converted"] == len(doc["summary"]["converted_files"])
        return doc["summary"]["converted_files"]

    def people(self, rel: str) -> dict[str, str]:
        tree = etree.parse(str(self.out / Path(rel).with_suffix(".xml")))
        found = tree.findall(".//t:person", NS) + tree.findall(".//t:personGrp", NS)
        assert found
        return {p.get(XML_ID): p.findtext("t:persName", namespaces=NS)
                or p.findtext("t:name", namespaces=NS) or "" for p in found}


def test_registry_edits_reconvert_exactly_the_files_they_touch(raw, tmp_path):
    c = Corpus(raw, tmp_path)
    pm = "PRIME MINISTER,howard,John Howard,"
    press = "Q,press-corps,The press corps,"
    assert c.build(pm, press) == [HOWARD, WU, FINER]
    assert c.people(HOWARD)["howard"] == "John Howard"
    assert c.build(pm, press) == []                                   # nothing changed
    # A row for a label no file prints: nothing to redo.
    assert c.build(pm, press, "NOBODY|SENATOR SMITH,nobody,No Body,") == []
    # The row one file uses changed: that file only.
    pm = "PRIME MINISTER,howard,John Winston Howard,"
    assert c.build(pm, press) == [HOWARD]
    assert c.people(HOWARD)["howard"] == "John Winston Howard"
    # A new row for a label one file prints (MR. FINER, in 003 only): that file.
    finer = "MR. FINER,finer-jon,Jonathan Finer,"
    assert c.build(pm, press, finer) == [FINER]
    assert c.people(FINER)["finer-jon"] == "Jonathan Finer"
    # A label variant added to a row, which a file prints (A, in 025): that file.
    assert c.build(pm, press, "MR. FINER|A,finer-jon,Jonathan Finer,") == [WU]
    assert c.people(WU)["finer-jon"] == "Jonathan Finer"
    assert c.build(pm, press, finer) == [WU]
    # Rows in another order, a label in another case: nothing.
    assert c.build(finer, press.replace("Q,", "q,"), pm) == []


def test_scoped_rows_and_rebuilds(raw, tmp_path):
    c = Corpus(raw, tmp_path)
    press = "Q,press-corps,The press corps,"
    assert c.build(press) == [HOWARD, WU, FINER]
    assert "press-corps" in c.people(WU) and "press-corps" in c.people(FINER)
    # A scoped row for Q in briefings/: it wins there, and 025's Q is left alone.
    wh = "Q,wh-press,White House press corps,briefings/*"
    assert c.build(press, wh) == [FINER]
    assert "wh-press" in c.people(FINER) and "press-corps" not in c.people(FINER)
    assert "press-corps" in c.people(WU) and "wh-press" not in c.people(WU)
    # Matched by name as well: a second scoped row for 025 by its name.
    google = "Q,google-audience,Questioners at Google,*-QA.txt"
    assert c.build(press, wh, google) == [WU]
    assert "google-audience" in c.people(WU) and "press-corps" not in c.people(WU)
    # The unscoped Q row is now used by no file: editing it redoes nothing.
    assert c.build(press.replace("The press corps", "The press"), wh, google) == []
    # A scoped row's glob no longer matching its file: the file goes back to the unscoped row.
    wh = wh.replace("briefings/*", "gaggles/*")
    assert c.build(press, wh, google) == [FINER]
    assert "press-corps" in c.people(FINER)
    # A glob that newly matches a file: that file, and not 009 (no Q printed there).
    assert c.build(press, wh, google.replace("*-QA.txt", "*-QA.txt;*gaggle*")) == [FINER]
    assert "google-audience" in c.people(FINER)


def test_two_scoped_rows_for_a_file_fail_it_until_fixed(raw, tmp_path):
    c = Corpus(raw, tmp_path)
    wh, txt = "Q,wh-press,White House press corps,briefings/*", "Q,all-q,Questioners,*.txt"
    assert c.build(wh) == [HOWARD, WU, FINER]
    assert c.build(wh, txt) == [WU]        # 025 takes the new row; 003 has two: it fails
    assert c.diagnostics == [
        f"{c.raw / FINER}:0:0: label 'Q' is given by two registry rows whose files match this "
        f"file: {c.reg}:2 (files briefings/*) and {c.reg}:3 (files *.txt); make one of them "
        "narrower [registry-conflict]"]
    assert not (c.out / Path(FINER).with_suffix(".xml")).exists()
    assert c.build(wh, txt) == []          # still failing: tried again, reported again
    assert len(c.diagnostics) == 1
    # 003's name starts 003_: the narrower glob leaves it to briefings/*; 025 keeps its row.
    assert c.build(wh, txt.replace("*.txt", "02*.txt")) == [FINER]
    assert c.diagnostics == [] and "all-q" in c.people(WU) and "wh-press" in c.people(FINER)


def test_manifest_records_the_labels_and_the_rows_fingerprint(raw, tmp_path):
    reg, out = tmp_path / "people.csv", tmp_path / "out"
    reg.write_text(HEADER + "PRIME MINISTER,howard,John Howard,\n", encoding="utf-8")
    opts = BuildOptions(people=str(reg), kinds=())
    assert build(raw, out, opts)[0].converted_files == [HOWARD, WU, FINER]
    db = sqlite3.connect(out / ".tei-build.sqlite")
    records = {rel: json.loads(rec) for rel, rec in db.execute("SELECT rel, record FROM files")}
    db.close()
    assert records[HOWARD]["labels"] == ["journalist", "prime minister"]
    assert records[FINER]["labels"] == ["mr. finer", "q"]
    # 025 and 003 take no row: their fingerprints are those of no rows; 009's is another.
    keys = {rel: r["keys"]["registry"] for rel, r in records.items()}
    assert keys[WU] == keys[FINER] != keys[HOWARD]
    # No registry at all is the same as a registry with no row for a file's labels.
    assert build(raw, out, BuildOptions(kinds=()))[0].converted_files == [HOWARD]
