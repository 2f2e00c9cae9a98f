"""``tei validate`` end to end: exact stdout lines, stderr summary, exit statuses."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_corpus.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "validate"
ATTACKS = ROOT.parent / "shared" / "reference" / "test-suites" / "xml-attack-samples"

GRAMMAR_LINES = [
    "invalid/grammar.xml:10:54: error: <language>: missing required attribute 'ident' [xsd-attribute]",
    "invalid/grammar.xml:17:35: error: attribute type is not allowed on <u> [xsd-attribute]",
    'invalid/grammar.xml:17:51: error: <u> attribute trans="interrupted": must be one of smooth, latching, overlap, pause [xsd-value]',
    "invalid/grammar.xml:17:78: error: element <speaker> is not allowed here in <seg> [xsd-content]",
    "invalid/grammar.xml:18:5: error: element <seg> is not allowed here in <div> [xsd-content]",
    'invalid/grammar.xml:19:8: error: id "u1" is already used at line 17 [id-duplicate]',
    'invalid/grammar.xml:19:35: error: <u> attribute cert="very": not a valid certainty [xsd-value]',
]
ENTITY_LINE = ("invalid/entity.xml:4:26: error: entity reference &sec; is not declared in "
               "the document's internal DTD subset (external DTDs are never read) "
               "[entity-reference]")
NWF_LINE = ("invalid/not-well-formed.xml:6:14: error: Opening and ending tag mismatch: "
            "fileDesc line 4 and teiHeader [not-well-formed]")


@pytest.fixture
def run(monkeypatch):
    monkeypatch.chdir(DATA)

    def invoke(*args):
        return CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)
    return invoke


def out_lines(result) -> list[str]:
    return result.stdout.splitlines()


def test_valid_files_exit_0_and_print_nothing(run):
    result = run("design-example.xml", "all-elements.xml", "corpus.xml")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ("tei validate: 3 files: 3 valid, 0 invalid, 0 not well-formed; "
                             "0 errors, 0 warnings\n")


def test_folder_walked_every_problem_in_order_exit_1(run):
    result = run("invalid/")
    assert result.exit_code == 1
    lines = out_lines(result)
    assert lines[0] == ENTITY_LINE
    assert lines[1:8] == GRAMMAR_LINES
    assert lines[8] == NWF_LINE
    assert all(line.startswith("invalid/rules.xml:") for line in lines[9:])
    assert len(lines) == 9 + 12
    assert result.stderr == ("tei validate: 4 files: 0 valid, 2 invalid, 2 not well-formed; "
                             "19 errors, 2 warnings\n")


def test_parallel_output_is_identical(run):
    one = run("invalid/", "design-example.xml", "-j", "1")
    two = run("invalid/", "design-example.xml", "-j", "3")
    assert one.stdout == two.stdout and one.stdout
    assert one.exit_code == two.exit_code == 1


def test_json_report(run):
    result = run("--format", "json", "invalid/grammar.xml", "design-example.xml")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [f["path"] for f in doc["files"]] == ["invalid/grammar.xml", "design-example.xml"]
    assert [f["status"] for f in doc["files"]] == ["invalid", "valid"]
    first = doc["files"][0]["diagnostics"][0]
    assert first == {"path": "invalid/grammar.xml", "line": 10, "col": 54, "severity": "error",
                     "code": "xsd-attribute",
                     "message": "<language>: missing required attribute 'ident'"}
    assert len(doc["files"][0]["diagnostics"]) == len(GRAMMAR_LINES)
    assert doc["summary"] == {"files": 2, "valid": 1, "invalid": 1, "not_well_formed": 0,
                              "unchecked": 0, "errors": 7, "warnings": 0}


def test_json_of_no_file_with_findings_is_valid_json(run):
    result = run("--format", "json", "-q", "design-example.xml")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["files"][0]["diagnostics"] == []


def test_quiet_prints_no_summary(run):
    result = run("-q", "invalid/entity.xml")
    assert result.exit_code == 1
    assert result.stdout == ENTITY_LINE + "\n"
    assert result.stderr == ""


def test_well_formed_only(run):
    result = run("--well-formed", "invalid/")
    assert result.exit_code == 1
    assert out_lines(result) == [ENTITY_LINE, NWF_LINE]
    assert run("--well-formed", "invalid/grammar.xml").exit_code == 0


def test_warnings_alone_exit_0(run, tmp_path):
    text = (DATA / "design-example.xml").read_text(encoding="utf-8")
    doc = tmp_path / "w.xml"
    doc.write_text(text.replace('trans="overlap" ', ""), encoding="utf-8")
    result = run(str(doc))
    assert result.exit_code == 0
    assert out_lines(result) == [
        f'{doc}:68:5: warning: turn is marked #interrupting but has no trans="overlap" '
        "[interrupting-without-overlap]"]


def test_corpus_rules_across_files(run, tmp_path):
    for name in ("a.xml", "b.xml"):
        shutil.copy(DATA / "design-example.xml", tmp_path / name)
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert out_lines(result) == [
        f'{tmp_path / "b.xml"}:2:0: error: document id "state-blinken-cho-seoul-2025" '
        f'is also used by {tmp_path / "a.xml"} [corpus-id-duplicate]']


def test_documents_with_their_own_ids_and_a_corpus_of_them(run, tmp_path):
    """u1, u2... in every document is fine; one person id for two people is a warning;
    a teiCorpus is not compared with the documents it embeds."""
    text = (DATA / "design-example.xml").read_text(encoding="utf-8")
    doc_id = 'xml:id="state-blinken-cho-seoul-2025"'
    assert doc_id in text and "<persName>Moderator</persName>" in text
    (tmp_path / "a.xml").write_text(text, encoding="utf-8")
    (tmp_path / "b.xml").write_text(
        text.replace(doc_id, 'xml:id="second-briefing"')
        .replace("<persName>Moderator</persName>", "<persName>Ned Price</persName>"),
        encoding="utf-8")
    corpus = (DATA / "corpus.xml").read_text(encoding="utf-8")
    assert corpus.count("doc1") == 3 and "Antony J. Blinken" in corpus
    (tmp_path / "corpus.xml").write_text(
        corpus.replace("doc1", "state-blinken-cho-seoul-2025")
        .replace("Antony J. Blinken", "A. Blinken"), encoding="utf-8")
    result = run(str(tmp_path))
    assert result.exit_code == 0
    assert out_lines(result) == [
        f'{tmp_path / "b.xml"}:39:0: warning: person "moderator" is named "Ned Price" here '
        f'but "Moderator" in {tmp_path / "a.xml"} [corpus-person-conflict]']


@pytest.mark.parametrize("schema, expected", [
    ("schemas/note.xsd", [
        'schemas/note-invalid.xml:2:7: error: <note> attribute date="Monday": not a valid date [xsd-value]',
        "schemas/note-invalid.xml:3:3: error: element <body> is not allowed here in <note> [xsd-content]"]),
    ("schemas/note.rng", [
        'schemas/note-invalid.xml:2:7: error: value of attribute "date" is invalid; must be a date [rng-invalid]',
        'schemas/note-invalid.xml:3:3: error: element "body" not allowed yet; missing required element "to" [rng-invalid]',
        'schemas/note-invalid.xml:4:3: error: element "to" not allowed here; expected the element end-tag [rng-invalid]']),
    ("schemas/note.sch", [
        "schemas/note-invalid.xml:2:0: error: a note needs a body [sch-assert]"]),
])
def test_explicit_schema(run, schema, expected):
    result = run("--schema", schema, "schemas/note-valid.xml", "schemas/note-invalid.xml")
    assert result.exit_code == 1
    assert out_lines(result) == expected


def test_several_schemas_combined(run):
    result = run("--schema", "schemas/note.rng", "--schema", "schemas/note.sch",
                 "schemas/note-invalid.xml")
    assert result.exit_code == 1
    codes = [line.rsplit("[", 1)[1] for line in out_lines(result)]
    assert codes.count("sch-assert]") == 1 and codes.count("rng-invalid]") >= 2
    lines = [int(line.split(":")[1]) for line in out_lines(result)]
    assert lines == sorted(lines)


def test_xml_model_is_honoured_when_asked(run):
    result = run("--xml-model", "schemas/note-model.xml")
    assert result.exit_code == 1
    lines = out_lines(result)
    assert lines[0] == ("schemas/note-model.xml:3:0: warning: <?xml-model?> schema "
                        "https://example.org/remote.rng is not local; it is never fetched "
                        "(pass a local copy with --schema) [xml-model-remote]")
    assert lines[1:] == ['schemas/note-model.xml:5:3: error: element "body" not allowed yet; '
                         'missing required element "to" [rng-invalid]']
    assert lines[1].endswith("[rng-invalid]")
    # without --xml-model the project schema applies (and <note> is no TEI)
    plain = run("schemas/note-model.xml")
    assert out_lines(plain) == ["schemas/note-model.xml:4:1: error: element <note> is not "
                                "declared in the schema [xsd-content]"]


@pytest.mark.parametrize("args, message", [
    (["--schema", "schemas/missing.xsd"], "Error: schemas/missing.xsd: schema not found"),
    (["--schema", "schemas/note-xslt2.sch"],
     "Error: schemas/note-xslt2.sch: queryBinding 'xslt2' is not supported"),
    (["--schema", "schemas/note-valid.xml"],
     "Error: schemas/note-valid.xml: not a schema (root element note)"),
    (["--schema", "invalid/entity.xml"], "Error: cannot read schema invalid/entity.xml:4:26: "),
])
def test_unusable_schema_exits_2(run, args, message):
    result = run(*args, "design-example.xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message), result.stderr


def test_bad_options_exit_2(run):
    assert run("-j", "0", "design-example.xml").exit_code == 2
    assert run("no-such-file.xml").exit_code == 2
    assert run("--format", "xml", "design-example.xml").exit_code == 2
    empty = run("schemas/")   # a folder with .xml files is fine...
    assert empty.exit_code == 1
    result = run("invalid/../../validate/schemas/note.xsd")  # a named file of any suffix
    assert result.exit_code == 1


def test_no_xml_files_exit_2(run, tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (f"{tmp_path}:0:0: warning: 1 file not taken (suffix not .xml, .tei): "
                             f"notes.txt [unknown-suffix]\n"
                             f"Error: no XML files found in {tmp_path}\n")


def test_time_limit_stops_one_file_not_the_run(run):
    redos = ATTACKS / "schema" / "xsd_regex_redos.xsd"
    if not redos.exists():
        pytest.skip(f"{redos} is absent (shared reference material)")
    instance = ATTACKS / "schema" / "xsd_regex_redos_instance.xml"
    result = run("--schema", str(redos), "--timeout", "1", str(instance),
                 "schemas/note-valid.xml")
    assert result.exit_code == 1
    assert out_lines(result) == [
        f"{instance}:0:0: error: time limit of 1 s exceeded; file not validated "
        "(raise it with --timeout) [time-limit]",
        "schemas/note-valid.xml:2:1: error: element <note> is not declared in the schema "
        "[xsd-content]"]


def test_memory_limit_stops_one_file_not_the_run(tmp_path):
    """In a fresh process, as users run it (the limit is on new address space, so a
    test process with a large freed heap of its own would blur it)."""
    import subprocess
    import sys
    big = tmp_path / "big.xml"
    big.write_text("<a " + " ".join(f'a{i}="1"' for i in range(200_000)) + "/>",
                   encoding="ascii")
    tei = [sys.executable, "-c", "from tei_corpus.cli import cli; cli()", "validate"]
    proc = subprocess.run([*tei, "--well-formed", "--max-memory", "20", str(big),
                           str(DATA / "design-example.xml")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [
        f"{big}:0:0: error: memory limit of 20 MiB exceeded; file not validated "
        "(raise it with --max-memory) [memory-limit]"]
    # the same file within a normal budget is fine
    proc = subprocess.run([*tei, "--well-formed", str(big)], capture_output=True, timeout=120)
    assert proc.returncode == 0


def test_unreadable_file_is_a_finding(run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    f = tmp_path / "locked.xml"
    f.write_text("<a/>", encoding="ascii")
    f.chmod(0)
    result = run("--well-formed", str(f))
    assert result.exit_code == 1
    assert out_lines(result) == [f"{f}:0:0: error: cannot read: Permission denied [unreadable]"]


def test_help_and_readme():
    result = CliRunner().invoke(cli, ["validate", "--help"])
    assert result.exit_code == 0
    for word in ("--schema", "--well-formed", "--xml-model", "--format", "--jobs", "--quiet",
                 "--timeout", "--max-memory", "Examples:", "Exit status"):
        assert word in result.output, word
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "### tei validate" in readme
    assert "schemas/RULES.md" in readme


def readme_section(title: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(title + "\n")
    end = readme.find("\n#", start + len(title))
    return readme[start:] if end < 0 else readme[start:end]


def test_every_option_in_help_is_in_the_readme_and_back():
    import re
    from tei_corpus.commands.validate import validate
    parent = cli.make_context("tei", ["validate"], resilient_parsing=True)
    ctx = validate.make_context("validate", ["x"], parent=parent, resilient_parsing=True)
    options = {opt for p in validate.get_params(ctx) for opt in (*p.opts, *p.secondary_opts)
               if opt.startswith("-")}
    assert {"--schema", "--rules", "--no-rules", "--xml-model", "--well-formed", "--format",
            "-j", "--jobs", "-q", "--quiet", "--timeout", "--max-memory", "-h",
            "--help"} <= options
    help_text = CliRunner().invoke(cli, ["validate", "--help"]).output
    section = readme_section("### tei validate")
    mentioned = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", section))
    missing = {o for o in options if o not in mentioned}
    assert missing == set()
    assert {o for o in mentioned if o not in options} == set()
    assert all(o in help_text for o in options)


def test_schema_failing_while_validating_stops_the_run_with_2(run):
    sch = ATTACKS / "schema" / "schematron_document_absolute.sch"
    if not sch.exists():
        pytest.skip(f"{sch} is absent (shared reference material)")
    result = run("--format", "json", "--schema", str(sch), "design-example.xml")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["files"] == []     # stdout stays one JSON document
    assert result.stderr.startswith(f"Error: {sch}: ")
    assert result.stderr.count("\n") == 1


def test_broken_link_in_a_folder_is_a_finding_not_a_crash(run, tmp_path):
    shutil.copy(DATA / "design-example.xml", tmp_path / "a.xml")
    (tmp_path / "b.xml").symlink_to(tmp_path / "gone.xml")
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert out_lines(result) == [
        f"{tmp_path / 'b.xml'}:0:0: error: cannot read: No such file or directory [unreadable]"]
    assert "1 valid" in result.stderr
