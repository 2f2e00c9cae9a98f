"""Schematron engine: diagnostics with lines, unsupported bindings, sandboxing, conformance."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from lxml import etree

from tei_corpus.errors import ConfigError
from tei_corpus.validate.schematron import SchematronSchema
from tei_corpus.xmlio import parse_bytes

from conftest import REFERENCE, need_shared

SUITE = REFERENCE / "test-suites" / "schematron-conformance" / "src" / "main" / "resources" / "tests"
ATTACKS = REFERENCE / "test-suites" / "xml-attack-samples" / "schema"
TS = "{tag:dmaus@dmaus.name,2019:Schematron:Testsuite}"

SCH = """<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="{binding}">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern>
    <rule context="tei:u">
      <assert test="@who">an utterance needs @who</assert>
      <report test="@type" role="warning">u has no @type in TEI: use @ana</report>
    </rule>
  </pattern>
</schema>"""

DOC = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <u who="#a">ok</u>
  <u>no who</u>
  <u who="#b"
     type="x">typed</u>
</TEI>"""


def _schema(tmp_path, binding="xslt") -> Path:
    path = tmp_path / "rules.sch"
    path.write_text(SCH.format(binding=binding))
    return path


def test_asserts_and_reports_with_context_lines(tmp_path):
    schema = SchematronSchema(_schema(tmp_path))
    found = [str(d) for d in schema.validate(parse_bytes(DOC, "d.xml"), "d.xml")]
    # The line is where the start tag ends (libxml2's sourceline; jing reports there too).
    assert found == [
        "d.xml:3:0: error: an utterance needs @who [sch-assert]",
        "d.xml:5:0: warning: u has no @type in TEI: use @ana [sch-report]",
    ]
    assert schema.validate(parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'), "e") == []


@pytest.mark.parametrize("binding", ["xslt2", "xpath2", "xslt3"])
def test_unsupported_query_binding(tmp_path, binding):
    with pytest.raises(ConfigError, match="not supported") as info:
        SchematronSchema(_schema(tmp_path, binding))
    assert "rules.sch" in str(info.value)


@pytest.mark.parametrize("binding", ["xslt", "xslt1", "exslt", "XSLT1"])
def test_supported_query_bindings(tmp_path, binding):
    found = SchematronSchema(_schema(tmp_path, binding)).validate(parse_bytes(DOC, "d.xml"), "d.xml")
    assert [d.code for d in found] == ["sch-assert", "sch-report"]


def test_broken_schema_is_a_config_error(tmp_path):
    bad = tmp_path / "bad.sch"
    bad.write_text('<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern>'
                   '<rule context="*"><assert test="(((">x</assert></rule></pattern></schema>')
    with pytest.raises(ConfigError, match="bad.sch"):
        SchematronSchema(bad).validate(parse_bytes(b"<a/>"), "a.xml")
    with pytest.raises(ConfigError, match="not an ISO Schematron"):
        (tmp_path / "x.sch").write_text("<schema/>")
        SchematronSchema(tmp_path / "x.sch")


def test_document_function_cannot_read_files():
    need_shared(ATTACKS)
    schema = SchematronSchema(ATTACKS / "schematron_document_absolute.sch")
    with pytest.raises(ConfigError, match="schematron_document_absolute.sch"):
        schema.validate(parse_bytes(b"<a/>"), "a.xml")


def test_include_outside_the_folder_is_refused(tmp_path):
    (tmp_path / "inner").mkdir()
    sch = tmp_path / "inner" / "s.sch"
    sch.write_text('<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern>'
                   '<include href="../outside.sch"/></pattern></schema>')
    with pytest.raises(ConfigError, match="outside the schema's folder"):
        SchematronSchema(sch)


def _run_case(case: Path) -> tuple[str, str]:
    tc = etree.parse(str(case)).getroot()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        primary = None
        for doc in tc.find(TS + "documents"):
            target = d / (doc.get("filename") or "document.xml")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"".join(etree.tostring(k, with_tail=False) for k in doc))
            if doc.tag == TS + "primary":
                primary = target
        schemas = [s for s in tc.find(TS + "schemas") if isinstance(s.tag, str)]
        chosen = next((s for s in schemas if (s.get("queryBinding") or "xslt").lower()
                       in ("xslt", "xslt1", "exslt")), schemas[0])
        (d / "schema.sch").write_bytes(etree.tostring(chosen))
        try:
            found = SchematronSchema(d / "schema.sch").validate(etree.parse(str(primary)), "doc")
            got = "invalid" if found else "valid"
        except ConfigError:
            got = "error"
    return tc.get("expect"), got


# Cases measured to fail (verdict) with the XSLT 1.0 skeleton, and why:
KNOWN_FAILURES = {
    "let-reference-undefined-07",      # undefined variable in an unused rule: not detected
    "let-scope-pattern-01",            # contradicts let-name-collision-error-05/06 (we follow those)
    "let-value-element-content-01",    # sch:let with element content: not in the skeleton
    "pattern-abstract-01",             # abstract pattern parameters: skeleton expansion fails
    "pattern-subordinate-document-01",  # pattern/@documents needs document(): denied
    "pattern-subordinate-document-02",
    "rule-abstract-02",                # extends of a non-abstract rule not reported
    "rule-context-comment-01",         # rule contexts on comments, PIs, text: skeleton skips them
    "rule-context-pi-01",
    "rule-context-text-01",
    "rule-context-variable-01",        # variables in rule contexts: not XSLT 1.0 match patterns
    "rule-context-variable-02",
    "rule-context-variable-03",
    "xslt-key-element-content-01",     # xsl:key with element content
}


def test_conformance_suite():
    need_shared(SUITE)
    cases = sorted(SUITE.glob("*/*.xml"))
    assert len(cases) == 50
    results = {case.stem: _run_case(case) for case in cases}
    passed = {name for name, (expect, got) in results.items() if expect == got}
    failed = set(results) - passed
    # 36 of 50 pass; every other case is a known, documented limitation.
    assert failed == KNOWN_FAILURES, {n: results[n] for n in failed ^ KNOWN_FAILURES}
    assert len(passed) == 36
