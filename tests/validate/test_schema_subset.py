"""The project schema is a strict subset of TEI P5 (tei_all).

Proof by construction from the schema itself: for every element the XSD
declares, documents are built that add to one instance of it every child
the XSD allows there, and every attribute the XSD allows on it; whatever of
that the XSD accepts must also be accepted by the official tei_all.
Mixed and repeatable-choice content is covered exhaustively this way (any
order of allowed children is then valid in both); the ordered header and
text models are covered by the hand-written cases below.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from tei_corpus.validate.xsd import project_schema

DATA = Path(__file__).resolve().parents[1] / "data" / "validate"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML = "{http://www.w3.org/XML/1998/namespace}"

#: One valid value per attribute name (by TEI datatype).
SAMPLE = {
    "when": "2025-01-06", "notBefore": "2025", "notAfter": "2025-02",
    "from": "2025-01-06T10:00:00", "to": "10:30:00", "who": "#blinken #cho",
    "toWhom": "#cho", "start": "#u2", "end": "#u3", "trans": "latching",
    "dur": "PT1M", "iterated": "false", "reason": "inaudible editorial",
    "agent": "noise", "extent": "two words", "unit": "words", "type": "t",
    "subtype": "s", "level": "a", "ref": "#blinken", "key": "k1",
    "target": "#u2 #u3", "scheme": "#topics", "status": "unknown", "ident": "en-GB",
    "usage": "3", "role": "principal moderator", "sex": "F", "gender": "F",
    "age": "adult", "size": "3", "place": "margin", "version": "4.12.0",
    XML + "lang": "en-US", XML + "space": "preserve", "n": "7",
    "rend": "bold italic", "ana": "#regular", "corresp": "#u2", "next": "#u3",
    "prev": "#u2", "resp": "#interpreter", "cert": "0.5",
    "source": "https://example.org/", "quantity": "2.5", "commodity": "words",
    "origin": "#u2", "absolute": "10:00:00", "interval": "3.48", "since": "#u2",
    "synch": "#u2 #u3", "mimeType": "audio/mpeg", "url": "recordings/interview%201.mp3",
    "lemma": "go", "msd": "UPosTag=VERB|Tense=Past", "join": "right",
}


#: Where an attribute's values depend on its element (timeline/@unit is a unit of time).
SAMPLE_FOR = {("timeline", "unit"): "ms", ("recording", "type"): "audio"}

#: Elements whose instances live in the corpus fixture rather than all-elements.xml.
CORPUS_ONLY = {"teiCorpus"}


def fixture_tree(name: str = "") -> etree._ElementTree:
    fixture = "corpus.xml" if name in CORPUS_ONLY else "all-elements.xml"
    return etree.parse(str(DATA / fixture))


def _tag(name: str) -> str:
    return name if name.startswith("{") else TEI + name


def _first_instances(tree) -> dict:
    first = {}
    for el in tree.iter():
        if isinstance(el.tag, str):
            first.setdefault(el.tag, el)
    return first


def _without_ids(el):
    for x in el.iter():
        if isinstance(x.tag, str):
            x.attrib.pop(XML + "id", None)
    return el


def _xsd_accepts(tree) -> bool:
    return not project_schema().validate(tree, "case.xml", fast=False)


def children_case(name: str):
    """Return a copy of the fixture with every allowed child added to ``name``."""
    schema = project_schema().xmlschema
    tree = fixture_tree(name)
    first = _first_instances(fixture_tree())
    for tag, el in _first_instances(fixture_tree("teiCorpus")).items():
        first.setdefault(tag, el)
    target = next(tree.iter(_tag(name)))
    decl = schema.elements[name]
    content = getattr(decl.type, "content", None)
    kids = [c.name for c in content.iter_elements()] if hasattr(content, "iter_elements") else []
    for kid in kids:
        target.append(_without_ids(copy.deepcopy(first[_tag(kid)])))
    return tree, kids


def attribute_cases():
    """Yield fixture copies where round k gives each element its k-th attribute."""
    schema = project_schema().xmlschema
    per_element = {}
    for name, decl in schema.elements.items():
        names = sorted(a for a in decl.type.attributes if a and a != XML + "id")
        per_element[name] = names
    rounds = max(len(v) for v in per_element.values())
    for k in range(rounds):
        trees = {"": fixture_tree(), "teiCorpus": fixture_tree("teiCorpus")}
        for name, names in per_element.items():
            if k < len(names):
                tree = trees["teiCorpus" if name in CORPUS_ONLY else ""]
                value = SAMPLE_FOR.get((name.split("}")[-1], names[k]), SAMPLE[names[k]])
                next(tree.iter(_tag(name))).set(names[k], value)
        for tree in trees.values():
            yield k, tree


def test_fixture_holds_every_declared_element():
    names = {_tag(n) for n in project_schema().xmlschema.elements}
    present = {e.tag for t in (fixture_tree(), fixture_tree("teiCorpus"))
               for e in t.iter() if isinstance(e.tag, str)}
    assert names and names <= present, sorted(names - present)


def test_every_attribute_has_a_sample_value():
    schema = project_schema().xmlschema
    names = {a for d in schema.elements.values() for a in d.type.attributes if a}
    assert names
    assert names - {XML + "id"} <= set(SAMPLE), sorted(names - set(SAMPLE))


def test_fixtures_valid_against_both(tei_all):
    for name in ("all-elements.xml", "design-example.xml", "corpus.xml"):
        tree = etree.parse(str(DATA / name))
        assert _xsd_accepts(tree), name
        assert tei_all.validate(tree), (name, str(tei_all.error_log))


def test_every_allowed_child_is_allowed_by_tei_all(tei_all):
    checked = []
    for name in project_schema().xmlschema.elements:
        tree, kids = children_case(name)
        if not kids or not _xsd_accepts(tree):
            continue   # ordered content: covered by the hand-written cases
        ok = tei_all.validate(tree)
        assert ok, (name, [(e.line, e.message) for e in tei_all.error_log][:5])
        checked.append(name)
    assert len(checked) >= 40, checked


def test_every_allowed_attribute_is_allowed_by_tei_all(tei_all):
    rounds = 0
    for k, tree in attribute_cases():
        assert _xsd_accepts(tree), k
        ok = tei_all.validate(tree)
        assert ok, (k, [(e.line, e.message) for e in tei_all.error_log][:5])
        rounds += 1
    assert rounds >= 10


# --- hand-written cases on the DESIGN.md example ---------------------------------

NSMAP = {"t": "http://www.tei-c.org/ns/1.0"}


def _edit(xpath, action):
    def run(tree):
        nodes = tree.xpath(xpath, namespaces=NSMAP)
        assert nodes, xpath
        action(nodes[0])
        return tree
    return run


def _set(attr, value):
    return lambda el: el.set(attr, value)


def _append(xml):
    return lambda el: el.append(etree.fromstring(
        f'<x xmlns="http://www.tei-c.org/ns/1.0">{xml}</x>')[0])


def _remove(el):
    el.getparent().remove(el)


def _move_before(xpath):
    def act(el):
        other = el.getroottree().xpath(xpath, namespaces=NSMAP)[0]
        other.addprevious(el)
    return act


#: Edits tei_all accepts and so must the project schema.
POSITIVE = {
    "profileDesc-before-encodingDesc": _edit("//t:profileDesc", _move_before("//t:encodingDesc")),
    "empty-xml-lang": _edit("//t:u", _set(XML + "lang", "")),
    "cert-probability": _edit("//t:u[@cert]", _set("cert", "0.25")),
    "date-year-month": _edit("//t:seg", _append('<date when="2025-01">January</date>')),
    "gap-without-desc": _edit("//t:seg", _append('<gap reason="inaudible"/>')),
    "pause-between-turns": _edit("//t:div[@type='transcript']", _append('<pause dur="PT2S"/>')),
    "fw-page-number-in-seg": _edit("//t:seg", _append('<fw type="pageNum">2</fw>')),
    "time-in-seg": _edit("//t:seg", _append('<time when="14:05:00">2:05 p.m.</time>')),
    "frontmatter-div": _edit("//t:front", _append('<div type="frontmatter"><ab>title: x</ab></div>')),
    "unclear-with-desc": _edit("//t:seg", _append('<unclear reason="inaudible"><desc>(inaudible)</desc></unclear>')),
    "anchor-synch-in-seg": _edit("//t:seg", _append('<anchor synch="#u2"/>')),
    "sentence-in-seg": _edit("//t:seg", _append(
        '<s><w lemma="thank" join="right">Thank</w><pc msd="UPosTag=PUNCT">.</pc>'
        '<foreign xml:lang="ko"><w>Katchi</w></foreign><gap reason="inaudible"/></s>')),
    "appInfo-in-encodingDesc": _edit("//t:encodingDesc", _append(
        '<appInfo><application ident="simplemma" version="2.0.0"><desc>Lemmas.</desc>'
        '</application></appInfo>')),
    "recording-with-media": _edit("//t:sourceDesc", _append(
        '<recordingStmt><recording type="audio" xml:id="rec">'
        '<media mimeType="audio/mpeg" url="https://example.org/a%20b.mp3"/></recording></recordingStmt>')),
}

#: Edits tei_all rejects; the project schema must reject them too.
NEGATIVE = {
    "u-type": _edit("//t:u", _set("type", "question")),
    "teiHeader-type": _edit("//t:teiHeader", _set("type", "text")),
    "language-without-ident": _edit("//t:langUsage", _append("<language>French</language>")),
    "fileDesc-without-titleStmt": _edit("//t:titleStmt", _remove),
    "text-without-body": _edit("//t:body", _remove),
    "id-with-space": _edit("//t:u", _set(XML + "id", "u 1")),
    "cert-word": _edit("//t:u", _set("cert", "very")),
    "trans-unknown": _edit("//t:u", _set("trans", "interrupted")),
    "empty-rend": _edit("//t:seg", _set("rend", "")),
    "date-when-word": _edit("//t:seg", _append('<date when="yesterday">x</date>')),
    "vocal-with-text": _edit("//t:div[@type='transcript']", _append("<vocal>laughter</vocal>")),
    "desc-in-author": _edit("//t:titleStmt", _append("<author><desc>x</desc></author>")),
    "note-in-catDesc": _edit("//t:catDesc", _append("<note>x</note>")),
    "two-bodies": _edit("//t:text", _append("<body><div><p>x</p></div></body>")),
    "seg-in-div": _edit("//t:div[@type='transcript']", _append("<seg>x</seg>")),
    "p-in-seg": _edit("//t:seg", _append("<p>x</p>")),
    "unknown-element": _edit("//t:seg", _append("<speaker>x</speaker>")),
    "anchor-with-text": _edit("//t:seg", _append("<anchor>00:01</anchor>")),
    "recording-type-film": _edit("//t:sourceDesc", _append(
        '<recordingStmt><recording type="film"/></recordingStmt>')),
    "media-without-url": _edit("//t:sourceDesc", _append(
        '<recordingStmt><recording><media mimeType="audio/mpeg"/></recording></recordingStmt>')),
    "media-without-mimeType": _edit("//t:sourceDesc", _append(
        '<recordingStmt><recording><media url="a.mp3"/></recording></recordingStmt>')),
    "empty-recordingStmt": _edit("//t:sourceDesc", _append("<recordingStmt/>")),
    "w-join-sideways": _edit("//t:seg", _append('<s><w join="sideways">x</w></s>')),
    "application-without-version": _edit("//t:encodingDesc", _append(
        '<appInfo><application ident="x"><desc>x</desc></application></appInfo>')),
    "application-without-desc": _edit("//t:encodingDesc", _append(
        '<appInfo><application ident="x" version="1.0"/></appInfo>')),
}


def _design():
    return etree.parse(str(DATA / "design-example.xml"))


@pytest.mark.parametrize("case", sorted(POSITIVE))
def test_positive_case_valid_in_both(case, tei_all):
    tree = POSITIVE[case](_design())
    assert tei_all.validate(tree), [e.message for e in tei_all.error_log][:3]
    assert _xsd_accepts(tree)
    assert project_schema().validate(tree, "case.xml", fast=True) == []   # libxml2 agrees


@pytest.mark.parametrize("case", sorted(NEGATIVE))
def test_negative_case_rejected_by_both(case, tei_all):
    tree = NEGATIVE[case](_design())
    assert not tei_all.validate(tree), "tei_all accepts it: not a negative case"
    assert not _xsd_accepts(tree)
    # and the fast path (libxml2) agrees with xmlschema
    assert project_schema().validate(tree, "case.xml", fast=True)
