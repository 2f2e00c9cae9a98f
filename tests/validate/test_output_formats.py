"""``tei validate --output-format github|sarif|junit`` (and ``--format``, the same option)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from lxml import etree

from tei_corpus.cli import cli
from tei_corpus.codes import help_text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "validate"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"
FILES = ["design-example.xml", "invalid/grammar.xml", "invalid/rules.xml",
         "invalid/not-well-formed.xml"]


@pytest.fixture
def run(monkeypatch):
    monkeypatch.chdir(DATA)

    def invoke(*args):
        return CliRunner().invoke(cli, ["validate", "-q", *args], catch_exceptions=False)
    return invoke


def test_github_workflow_commands(run):
    result = run("invalid/grammar.xml", "invalid/not-well-formed.xml", "--output-format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("::error file=invalid/grammar.xml,line=10,col=54,title=xsd-attribute"
                        "::<language>: missing required attribute 'ident'")
    assert lines[-1] == ("::error file=invalid/not-well-formed.xml,line=6,col=14,"
                         "title=not-well-formed::Opening and ending tag mismatch: fileDesc "
                         "line 4 and teiHeader")
    assert len(lines) == 8 and all(line.startswith("::error file=") for line in lines)


def test_github_escapes_properties_and_drops_unknown_positions(run, tmp_path):
    odd = tmp_path / "a,b:c.xml"
    odd.write_bytes(b"")
    result = run(str(odd), "--output-format", "github")
    name = str(odd).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    assert name.endswith("/a%2Cb%3Ac.xml")
    assert result.stdout == f"::error file={name},line=1,col=1,title=not-well-formed::empty document\n"
    rules = run("invalid/rules.xml", "--output-format", "github").stdout.splitlines()
    assert any(line.startswith("::warning file=invalid/rules.xml,line=") for line in rules)


def test_sarif_is_valid_against_the_official_schema(run):
    result = run(*FILES, "--output-format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert errors == []
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert len(results) == len(run(*FILES).stdout.splitlines())
    assert [r["id"] for r in rules] == list(dict.fromkeys(r["ruleId"] for r in results))
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    by_id = {r["id"]: r for r in rules}
    assert by_id["id-duplicate"]["help"]["text"] == help_text("id-duplicate")
    assert by_id["id-duplicate"]["properties"]["tags"] == ["pointers"]
    first = results[0]
    assert first["level"] == "error" and first["ruleId"] == "xsd-attribute"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "invalid/grammar.xml"},
        "region": {"startLine": 10, "startColumn": 54}}


def test_sarif_of_a_valid_run_and_of_an_absolute_path_outside(run, tmp_path):
    clean = json.loads(run("design-example.xml", "--output-format", "sarif").stdout)
    assert clean["runs"][0]["results"] == [] and clean["runs"][0]["tool"]["driver"]["rules"] == []
    outside = tmp_path / "é x.xml"
    outside.write_bytes(b"<TEI")
    log = json.loads(run(str(outside), "--output-format", "sarif").stdout)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "file://" + str(tmp_path).replace(" ", "%20") + "/%C3%A9%20x.xml"


def test_junit_one_suite_one_case_per_file(run):
    result = run(*FILES, "--output-format", "junit")
    assert result.exit_code == 1
    root = etree.fromstring(result.stdout.encode())
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == FILES
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "3", "0")
    assert cases[0].find("failure") is None
    failure = cases[1].find("failure")
    assert failure.get("type") == "invalid"
    assert failure.text.splitlines() == run("invalid/grammar.xml").stdout.splitlines()
    assert cases[3].find("failure").get("type") == "not-well-formed"


def test_format_is_an_alias_of_output_format(run):
    alias = run("invalid/grammar.xml", "--format", "json")
    full = run("invalid/grammar.xml", "--output-format", "json")
    assert alias.stdout == full.stdout and json.loads(alias.stdout)["summary"]["invalid"] == 1
