"""The speaker registry: unknown columns and keys refused, rows scoped to files, conflicts.

Real transcripts from ../shared/samples/raw (their labels are in gold.json):
009 prints JOURNALIST and PRIME MINISTER, 003 prints MR. FINER and Q, 025 prints
Q and A, 406 (diarised JSON) prints SPEAKER_00 and SPEAKER_08 among others.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import GOLD_JSON, ROOT, SAMPLES_RAW, need_shared
from tei_corpus.cli import cli
from tei_corpus.convert import convert_file, load_registry
from tei_corpus.convert.registry import FIELDS, rows_for_labels
from tei_corpus.errors import ConfigError, InputError

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
HOWARD = "009_au-pm-howard-doorstop-ryde-2006.txt"
FINER = "003_wh-finer-gaggle-rio-2024.txt"
WU = "025_talk-jihan-wu-google-2016-QA.txt"
COUNCIL = "406_diarized-json-fairfax-city-council-work-session-2026-01-06.json"
KNOWN = ", ".join(FIELDS)


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), catch_exceptions=False)


def gold_labels(name: str) -> list[str]:
    return json.loads(need_shared(GOLD_JSON).read_text(encoding="utf-8"))[name]["speakers"]


def corpus(tmp_path: Path) -> Path:
    """raw/009 (top level), raw/briefings/003 and raw/025: three files, Q printed in two."""
    need_shared(SAMPLES_RAW)
    raw = tmp_path / "raw"
    (raw / "briefings").mkdir(parents=True)
    shutil.copyfile(SAMPLES_RAW / HOWARD, raw / HOWARD)
    shutil.copyfile(SAMPLES_RAW / FINER, raw / "briefings" / FINER)
    shutil.copyfile(SAMPLES_RAW / WU, raw / WU)
    assert "Q" in gold_labels(FINER) and "Q" in gold_labels(WU) and "Q" not in gold_labels(HOWARD)
    return raw


def people(tei: Path) -> dict[str, str]:
    """``{xml:id: persName or name}`` of the persons and groups of a TEI file."""
    tree = etree.parse(str(tei))
    found = tree.findall(".//t:listPerson/t:person", NS) + tree.findall(".//t:listPerson/t:personGrp", NS)
    assert found, f"no participants in {tei}"
    return {p.get(XML_ID): (p.findtext("t:persName", namespaces=NS) or p.findtext("t:name", namespaces=NS)
                            or "") for p in found}


def who_of(tei: Path, label: str) -> set[str]:
    """The @who of the turns printed with ``label``."""
    tree = etree.parse(str(tei))
    found = {u.get("who") for u in tree.iterfind(".//t:u", NS)
             if u.getprevious() is not None and "".join(u.getprevious().itertext()).strip() == label}
    assert found, f"no turn labelled {label!r} in {tei}"
    return found


# --- unknown columns and keys -------------------------------------------------------

def test_misspelt_csv_column_is_one_line_and_exit_2(tmp_path):
    raw = corpus(tmp_path)
    reg = tmp_path / "people.csv"
    reg.write_text("label,id,nmae,role\nPRIME MINISTER,howard,John Howard,principal\n", encoding="utf-8")
    out = tmp_path / "out"
    for cmd in (["convert", raw / HOWARD, "-o", out / "h.xml"], ["build", raw, "-o", out]):
        r = run(*cmd, "--people", reg)
        assert r.exit_code == 2
        assert r.stderr == (f"Error: {reg}:1:0: unknown column 'nmae' (did you mean 'name'?); "
                            f"known columns: {KNOWN} [registry-column]\n")
        assert r.stdout == "" and not out.exists()


def test_misspelt_toml_key_names_the_file_and_line(tmp_path):
    raw = corpus(tmp_path)
    reg = tmp_path / "people.toml"
    reg.write_text('# who speaks\n[[person]]\nlabel = "Q"\nid = "press-corps"\n\n'
                   '[[person]]\nlabel = ["PRIME MINISTER", "THE PRIME MINISTER"]\nid = "howard"\n'
                   'role_tilte = "Prime Minister"\nfiles = "x"\n', encoding="utf-8")
    r = run("convert", raw / HOWARD, "--people", reg)
    assert r.exit_code == 2
    assert r.stderr == (f"Error: {reg}:6: unknown key 'role_tilte' (did you mean 'role_title'?); "
                        f"known keys: {KNOWN} [registry-column]\n")
    reg.write_text('[[persons]]\nlabel = "Q"\nid = "press-corps"\n', encoding="utf-8")
    r = run("convert", raw / HOWARD, "--people", reg)
    assert r.exit_code == 2
    assert r.stderr == (f"Error: {reg}: unknown table 'persons' (did you mean 'person'?); "
                        "known tables: person, people [registry-column]\n")


@pytest.mark.parametrize("text, line", [
    ("label,id,name,name\nQ,press-corps,A,B\n",
     "1:0: column 'name' is named twice in the header [registry-column]"),
    ("label,id,name\nQ,press-corps,The press,journalist\n",
     "2: a value ('journalist') in column 4, which the header does not name [registry-column]"),
    ("label,id,,name\nQ,press-corps,x,The press\n",
     "2: a value ('x') in column 3, which the header does not name [registry-column]"),
    ("Label , ID,Rôle\nQ,press-corps,journalist\n",
     "1:0: unknown column 'rôle' (did you mean 'role'?); known columns: " + KNOWN + " [registry-column]"),
    ("label,id,name\nQ,press-corps,The press\nQUESTION,x,y\n\nq,asker,Asker\n",
     "5: label 'q' is also given by {reg}:2, for every file (keep one row, or give one of them "
     "files) [registry-duplicate]"),
])
def test_csv_registry_problems_are_one_line(tmp_path, text, line):
    reg = tmp_path / "people.csv"
    reg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_registry(reg)
    assert str(exc.value) == f"{reg}:" + line.format(reg=reg)


def test_spreadsheet_exports_with_empty_columns_and_blank_rows_load(tmp_path):
    reg = tmp_path / "people.csv"
    reg.write_text('label;id;name;files;;\n"PRIME MINISTER";howard;John Howard;;;\n;;;;;\n'
                   '"Q";press-corps;The press;"briefings/*; *gaggle*";;\n', encoding="utf-8")
    rows = load_registry(reg)
    assert [(r["_where"], r["id"], r["_files"]) for r in rows] == [
        (f"{reg}:2", "howard", ()), (f"{reg}:4", "press-corps", ("briefings/*", "*gaggle*"))]


def test_readme_registry_examples_load(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### The speaker registry", 1)[1].split("\n### ", 1)[0]
    blocks = dict(re.findall(r"```(csv|toml)\n(.*?)```", section, re.S))
    assert set(blocks) == {"csv", "toml"}
    (tmp_path / "people.csv").write_text(blocks["csv"], encoding="utf-8")
    (tmp_path / "people.toml").write_text(blocks["toml"], encoding="utf-8")
    csv_rows = load_registry(tmp_path / "people.csv")
    assert [(r["id"], r["_keys"], r["_files"]) for r in csv_rows] == [
        ("howard", ("prime minister",), ()), ("press", ("q",), ()),
        ("google-audience", ("q",), ("talks/*", "*-QA.txt")),
        ("staff-a", ("speaker_00", "speaker_08"), ("council/2026-*.json",))]
    toml_rows = load_registry(tmp_path / "people.toml")
    assert [(r["id"], r["_keys"], r["_files"]) for r in toml_rows] == [
        ("google-audience", ("q",), ("talks/*", "*-QA.txt"))]
    for name in ("--help",):
        assert "--people" in run("convert", name).stdout and "--people" in run("build", name).stdout


# --- rows scoped to files --------------------------------------------------------------

def test_scoped_row_wins_over_unscoped_and_applies_to_its_files_only(tmp_path):
    raw = corpus(tmp_path)
    reg = tmp_path / "people.csv"
    reg.write_text("label,id,name,role,files\n"
                   "Q,press-corps,The press corps,journalist,\n"
                   "Q,google-audience,Questioners at Google,audience,025_*\n"
                   "MR. FINER,finer-jon,Jonathan Finer,,briefings/*\n"
                   "A,wu-jihan,Jihan Wu,,briefings/*\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run("convert", raw, "-o", out, "--people", reg, "-q")
    assert r.exit_code == 0, r.stderr
    wu, finer = out / WU.replace(".txt", ".xml"), out / "briefings" / FINER.replace(".txt", ".xml")
    # 025: its Q is the scoped row's; the row for A is scoped to briefings/ (not here).
    assert who_of(wu, "Q:") == {"#google-audience"}
    assert "google-audience" in people(wu) and "press-corps" not in people(wu)
    assert "wu-jihan" not in people(wu)
    # 003 (in briefings/): its Q is the unscoped row's; MR. FINER the row for briefings/*.
    assert who_of(finer, "Q") == {"#press-corps"}
    assert people(finer)["finer-jon"] == "Jonathan Finer"
    assert "google-audience" not in people(finer)
    assert who_of(finer, "MR. FINER:") == {"#finer-jon"}


def test_two_scoped_rows_for_one_label_fail_that_file_only(tmp_path):
    raw = corpus(tmp_path)
    reg = tmp_path / "people.csv"
    reg.write_text("label,id,name,files\n"
                   "Q,google-audience,Questioners at Google,025_*\n"
                   "PRIME MINISTER,howard,John Howard,*.txt\n"
                   "Q,asker,A questioner,*QA*;x\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run("convert", raw, "-o", out, "--people", reg, "-q")
    assert r.exit_code == 1
    assert r.stderr == (f"{raw / WU}:0:0: error: label 'Q' is given by two registry rows whose files "
                        f"match this file: {reg}:2 (files 025_*) and {reg}:4 (files *QA*; x); make one "
                        "of them narrower [registry-conflict]\n")
    assert not (out / WU.replace(".txt", ".xml")).exists()
    assert people(out / HOWARD.replace(".txt", ".xml"))["howard"] == "John Howard"
    assert who_of(out / "briefings" / FINER.replace(".txt", ".xml"), "Q") == {"#press"}


def test_a_conflict_on_a_label_the_file_does_not_print_is_none(tmp_path):
    raw = corpus(tmp_path)
    rows = load_registry(_write(tmp_path, "label,id,files\nJOURNALIST,a,*.txt\nJOURNALIST,b,*QA*\n"))
    assert rows_for_labels(rows, WU, ["q", "a"]) == {}
    with pytest.raises(InputError) as exc:
        rows_for_labels(rows, WU, ["journalist"], str(raw / WU))
    assert exc.value.code == "registry-conflict"


def test_files_globs_match_the_path_below_the_folder_and_the_name(tmp_path):
    rows = load_registry(_write(tmp_path, "label,id,files\n"
                                "Q,by-name,003_*.txt\nA,by-path,briefings/*\nMR. FINER,nowhere,*.md\n"))
    assert {k: r["id"] for k, r in rows_for_labels(rows, f"briefings/{FINER}",
                                                   ["q", "a", "mr. finer"]).items()} == {
        "q": "by-name", "a": "by-path"}
    assert rows_for_labels(rows, f"other/{FINER}", ["a"]) == {}
    assert rows_for_labels(rows, "003_x.TXT", ["q"]) == {}        # case counts


def test_scoped_rows_on_diarisation_labels(tmp_path):
    path = need_shared(SAMPLES_RAW / COUNCIL)
    assert {"SPEAKER_00", "SPEAKER_08"} <= set(gold_labels(COUNCIL))
    rows = load_registry(_write(tmp_path, "label,id,name,files\n"
                                "SPEAKER_00|SPEAKER_08,staff-a,Unidentified staff member,\n"
                                "SPEAKER_00,clerk,The city clerk,council/406_*.json\n"
                                "SPEAKER_08,nobody,Nobody,other/*\n"))
    tree = convert_file(path, people=rows, rel_path=f"council/{COUNCIL}").tree
    persons = {p.get(XML_ID): p for p in tree.iterfind(".//t:listPerson/t:person", NS)}
    assert persons["clerk"].findtext("t:persName", namespaces=NS) == "The city clerk"
    assert "nobody" not in persons
    who = {}
    for u in tree.iterfind(".//t:u", NS):
        who.setdefault("".join(u.getprevious().itertext()), set()).add(u.get("who"))
    assert who["SPEAKER_00"] == {"#clerk"} and who["SPEAKER_08"] == {"#staff-a"}
    # The same registry for a file outside council/: the unscoped row only.
    tree = convert_file(path, people=rows, rel_path=COUNCIL).tree
    assert {u.get("who") for u in tree.iterfind(".//t:u", NS)
            if "".join(u.getprevious().itertext()) == "SPEAKER_00"} == {"#staff-a"}


def _write(tmp_path: Path, text: str) -> Path:
    reg = tmp_path / "people.csv"
    reg.write_text(text, encoding="utf-8")
    return reg


@pytest.mark.parametrize("name", [HOWARD, "401_otter-export-research-interview-data-ensembles-P9.txt",
                                  "405_de-landtag-hessen-plenarprotokoll-20-59-page-4567.txt",
                                  COUNCIL, "410_webvtt-voice-tags-buzzsprout-podcasting-qa-bonus.vtt"])
def test_the_labels_a_report_lists_are_every_label_a_row_can_take(tmp_path, name):
    """What tei build records per file (the report's labels) covers every turn's speaker."""
    path = need_shared(SAMPLES_RAW / name)
    labels = convert_file(path).report.labels
    assert labels
    reg = tmp_path / "people.toml"
    reg.write_text("".join(f"[[person]]\nlabel = [{json.dumps(lab, ensure_ascii=False)}]\n"
                           f'id = "p{i}"\n\n' for i, lab in enumerate(labels)), encoding="utf-8")
    tree = convert_file(path, people=load_registry(reg)).tree
    who = {w for u in tree.iterfind(".//t:u", NS) for w in (u.get("who") or "").split()}
    assert who and who <= {f"#p{i}" for i in range(len(labels))}
