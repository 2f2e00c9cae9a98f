"""``--rules generic`` on real TEI from elsewhere: DraCor, ParlaMint, Parla-CLARIN, siParl, TEI's own."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import REFERENCE, need_shared
from tei_corpus.validate import Options, check_bytes, check_path

SAMPLES = REFERENCE / "tei-samples"
BENCH = REFERENCE / "bench-corpus" / "parlamint-es-ga"
DRACOR_TESTS = REFERENCE / "schemas" / "dracor" / "tests"
GENERIC = Options(schemas=(), rules="generic")     # rules only: no grammar
PROJECT = Options(schemas=(), rules="project")


def findings(path: Path, options: Options = GENERIC) -> list[str]:
    return [f"{d.line}: {d.message} [{d.code}]" for d in check_path(path, options).diagnostics]


def test_dracor_and_parlamint_files_have_no_generic_findings():
    need_shared(SAMPLES)
    files = [SAMPLES / "valid" / "shakedracor_macbeth.xml",
             SAMPLES / "valid" / "parlamint-es-ga_2016-10-21-DSPG001.xml",
             *sorted(DRACOR_TESTS.glob("*.xml")), *sorted(BENCH.glob("*.xml"))[:20]]
    assert len(files) > 30
    assert {f.name: findings(f) for f in files if findings(f)} == {}


def test_the_project_rules_would_bury_them():
    need_shared(SAMPLES)
    macbeth = findings(SAMPLES / "valid" / "shakedracor_macbeth.xml", PROJECT)
    parlamint = findings(SAMPLES / "valid" / "parlamint-es-ga_2016-10-21-DSPG001.xml", PROJECT)
    assert len(macbeth) > 100 and len(parlamint) > 300


def test_only_real_findings_on_the_other_real_samples():
    need_shared(SAMPLES)
    valid = SAMPLES / "valid"
    assert findings(valid / "parla-clarin_exemplar.xml") == [
        '268: @ana of <date> points to "#parl.sitting", which is not an id in this document '
        '[pointer-unresolved]']
    # siParl's meetings point to organisations of the corpus header, not in the file
    assert findings(valid / "siparl_OZKSIS-Redna-034-2000-05-18.xml") == [
        '12: @corresp of <meeting> points to "#OZKSIS", which is not an id in this document '
        '[pointer-unresolved]',
        '13: @corresp of <meeting> points to "#DZ", which is not an id in this document '
        '[pointer-unresolved]']
    for name in ("tei-test_testnames.xml", "tei-test_testtranscr.xml", "tei-exemplar_tei_all.xml",
                 "tei-test_testcorpus.xml"):
        assert findings(valid / name) == [], name
    # Greek DraCor declares its languages without @ident: every xml:lang is undeclared
    greek = findings(SAMPLES / "invalid" / "greekdracor_aeschylus-eumenides.xml")
    assert greek and {f.rsplit("[", 1)[1] for f in greek} == {"lang-undeclared]"}
    assert greek[0] == '3: xml:lang="grc" on <TEI> is not declared in langUsage/language/@ident ' \
                       '[lang-undeclared]'


def _broken(path: Path, edit) -> bytes:
    tree = etree.parse(str(path))
    edit(tree)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


TEI = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def test_generic_rules_find_what_is_broken_in_a_real_play():
    path = need_shared(SAMPLES / "valid" / "shakedracor_macbeth.xml")

    def edit(tree):
        sps = tree.xpath("//t:sp", namespaces=TEI)
        sps[0].set("who", "#nobody")                               # dangling
        sps[2].set(XML_ID, sps[1].get(XML_ID))                     # a second id
        lines = tree.xpath("//t:l[@prev]", namespaces=TEI)
        target = tree.xpath(f"//t:l[@xml:id='{lines[0].get('prev')[1:]}']", namespaces=TEI)[0]
        target.set("next", "#" + lines[1].get(XML_ID))            # contradicts lines[0]/@prev
        tree.getroot().set("{http://www.w3.org/XML/1998/namespace}lang", "xx")
    got = check_bytes(_broken(path, edit), "macbeth.xml", GENERIC).diagnostics
    assert sorted({d.code for d in got}) == ["chain-not-reciprocal", "id-duplicate",
                                             "lang-undeclared", "pointer-unresolved"]
    assert [d.code for d in got].count("chain-not-reciprocal") == 2     # both ends disagree
    assert any('"#nobody"' in d.message for d in got)


def test_unresolved_participants_are_reported_where_the_file_has_participants():
    path = need_shared(SAMPLES / "valid" / "shakedracor_macbeth.xml")
    got = check_bytes(_broken(path, lambda t: t.xpath("//t:stage[@who]", namespaces=TEI)[0]
                              .set("who", "#ghost")), "m.xml", GENERIC).diagnostics
    assert [d.code for d in got] == ["pointer-unresolved"]


@pytest.mark.parametrize("rules", ["generic", "none"])
def test_rule_sets_by_name(rules):
    path = need_shared(SAMPLES / "valid" / "parlamint-es-ga_2016-10-21-DSPG001.xml")
    assert check_path(path, Options(schemas=(), rules=rules)).diagnostics == []
