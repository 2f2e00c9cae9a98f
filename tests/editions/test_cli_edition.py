"""``tei edition``: outputs, exit statuses, exact messages, help and README."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tei_corpus.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "editions" / "design-example.xml"


def invoke(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_html_writes_pages_and_index(tmp_path):
    res = invoke("edition", "html", EXAMPLE, "-o", tmp_path / "out", "-q")
    assert res.exit_code == 0, res.output
    assert res.stdout == "" and res.stderr == ""
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".tei-written", "design-example.html", "index.html"]     # the record of what it wrote
    assert 'href="design-example.html"' in (tmp_path / "out" / "index.html").read_text()


def test_several_kinds_and_analysis_flavour(tmp_path):
    res = invoke("edition", "text,tsv", EXAMPLE, "--flavour", "analysis", "-o", tmp_path)
    assert res.exit_code == 0, res.output
    assert res.stderr == "1 rendered (4 files written), 0 failed\n"
    assert (tmp_path / "design-example.analysis.txt").read_text().splitlines()[0] == (
        "u2\tcho\tGood afternoon. I am Cho Tae-yul, the foreign minister of Korea.")
    assert (tmp_path / "design-example.events.tsv").exists()


def test_diplomatic_with_boilerplate(tmp_path):
    res = invoke("edition", "text", EXAMPLE, "--boilerplate", "-o", tmp_path, "-q")
    assert res.exit_code == 0
    text = (tmp_path / "design-example.txt").read_text()
    assert text.startswith("This webpage was generated programmatically;")
    assert "FOREIGN MINISTER CHO: (Via interpreter) Good afternoon." in text


def test_bad_inputs_are_reported_one_line_each_and_the_rest_goes_on(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI>\n  <oops></TEI>")
    other = tmp_path / "other.xml"
    other.write_text('<doc xmlns="urn:x"/>')
    res = invoke("edition", "jsonl", bad, other, EXAMPLE, "-o", tmp_path / "out", "-j", "2")
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"{bad}:2:15: error: Opening and ending tag mismatch: oops line 2 and TEI [not-well-formed]",
        f"{other}:1:0: error: not a TEI P5 document: the root element is <{{urn:x}}doc>, "
        "expected <TEI> or <teiCorpus> in http://www.tei-c.org/ns/1.0 [not-tei]",
        "1 rendered (3 files written), 2 failed"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".tei-written", "design-example.events.jsonl", "design-example.participants.jsonl",
        "design-example.utterances.jsonl"]
    assert bad.read_text() == "<TEI>\n  <oops></TEI>"  # inputs never modified


def test_usage_errors_exit_2(tmp_path):
    res = invoke("edition", "pdf", EXAMPLE, "-o", tmp_path)
    assert res.exit_code == 2
    assert res.stderr.splitlines()[-1] == ("Error: Invalid value for KIND: 'pdf': choose one or more "
                                           "of html, site, text, tsv, jsonl, vtt, srt, eaf, textgrid, conllu, vert "
                                           "(comma-separated)")
    afile = tmp_path / "afile"
    afile.write_text("")
    res = invoke("edition", "html", EXAMPLE, "-o", afile)
    assert res.exit_code == 2
    assert res.stderr == f"Error: {afile}: not a folder\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    res = invoke("edition", "html", empty, "-o", tmp_path / "out")
    assert res.exit_code == 2
    assert res.stderr == f"Error: no TEI files (*.xml) found in {empty}\n"


def test_unwritable_output_exits_2(tmp_path):
    blocker = tmp_path / "out" / "design-example.txt"
    blocker.mkdir(parents=True)  # a folder where the output file should go
    res = invoke("edition", "text", EXAMPLE, "-o", tmp_path / "out", "-q")
    assert res.exit_code == 2
    assert res.stderr.startswith(f"Error: {blocker}: cannot write:")
    assert "Traceback" not in res.output


def test_help_and_readme():
    res = invoke("edition", "--help")
    assert res.exit_code == 0
    assert "Write editions of TEI files: html, text, tables, captions, ELAN, Praat." in res.stdout
    assert "tei edition html corpus_xml/ -o editions/" in res.stdout
    assert "tei edition vtt,eaf interview.xml -o captions/" in res.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = readme.split("## Commands", 1)[1]
    assert "### tei edition" in commands
    for kind in ("`vtt`", "`srt`", "`eaf`", "`textgrid`", "`conllu`", "`vert`"):
        assert kind in commands.split("### tei edition", 1)[1].split("###", 1)[0], kind
    for option in ("--flavour", "--boilerplate", "--html-boilerplate", "--gap", "--no-index",
                   "--title", "--timeout", "-j", "-q"):
        assert option in res.stdout and option in commands, option
